"""Throughput, scaling and memory of the clean-corpus flow on synthetic corpora.

    .venv/bin/python bench/throughput.py                 # N = 1,000, 10,000 and 100,000
    .venv/bin/python bench/throughput.py --n 1000 --n 10000 --html-pages 300

For each N a corpus of N text dumps is built once (cached under ``--work``) from the development
dumps (``../shared/bench/aeb-dev/dumps/*/``, ``aeb-dev/corrupted/``, ``wcxb-dev/dumps/w3m/``):
document i is source ``i mod S`` with its middle paragraphs shuffled by a seed of i and a line
``Reference number i.`` inserted, so no two documents are identical. Then, each run in a fresh
process whose whole process tree is sampled for RSS (psutil, every 0.2 s):

* ``flow-1`` / ``flow-2``: ``python -m flows.clean CORPUS --workers 1|2`` against one Prefect API
  server started beforehand (its start-up is timed separately);
* ``noprefect-1``: the same command with ``--no-prefect --workers 1``: every output, the
  duplicate pass and the review page, without the Prefect engine;
* ``batchloop``: a plain in-process loop of ``flows.batch.clean_batch``, the function each task
  runs (clean, per-document files, shards, MinHash signatures; no Prefect, no pool, no merge);
* ``loop``: a plain in-process loop of ``flows.batch.clean_one`` (read, clean, build the record;
  the same cleaning function, no Prefect, no pool, no output files, no merge);
* ``trafilatura``: a bare ``trafilatura.extract`` loop over the HTML of the same pages (the pages
  behind the corpus's dumps, ``--html-pages`` of them evenly spaced, so in the corpus's mix of sites).

CPU seconds are those of the run's process and the workers it waited for; they move less with
the load of other programs than wall times do (their kernel share is shown as ``system``). The
Prefect API server is not part of a run's tree. Before each run the time to create an empty file
is measured and printed (``file_creation_ms``): the runs that write outputs create two files a
document, and on this machine that cost moves by a factor of 40 from minute to minute, most of
it in the minutes after many files were deleted (``discard``). So no run's output is deleted
before the last run has ended: each is moved into ``WORK/trash``, emptied at the end.

It prints docs/s, MB/s and peak RSS per run, then the ratios against their targets. ``--profile``
also prints where a plain loop spends its time (cProfile, by function, over 200 documents).

``--repeat K`` runs every run of an N K times, the runs taking turns round by round, and so does
the trafilatura loop; a run's figures are those of its fastest round (as ``timeit`` keeps the
best), its peak RSS the largest of its rounds. On a shared machine the speed drifts during a
run of minutes by as much as the overhead being measured (two runs of the same command differed
by 8 %); the best of a few rounds, taken alike for every run, steadies the ratios.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pstats
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
SOURCE_DIRS = ["aeb-dev/dumps/bs4", "aeb-dev/dumps/lynx", "aeb-dev/dumps/w3m", "aeb-dev/corrupted",
               "wcxb-dev/dumps/w3m"]
ENV = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
PY = sys.executable


# ---------------------------------------------------------------- the synthetic corpus

def source_paths() -> list[Path]:
    """The development dumps the corpus is made of, in order (UTF-16 ones left out: an inserted
    ASCII line would break them)."""
    paths = [path for folder in SOURCE_DIRS for path in sorted((BENCH / folder).glob("*.txt"))
             if b"\x00" not in path.read_bytes()]
    if not paths:
        sys.exit(f"no development dumps under {BENCH}")
    return paths


def source_texts() -> list[bytes]:
    return [path.read_bytes() for path in source_paths()]


def html_of(dump: Path) -> Path:
    """The HTML page a development dump was made from (``DATASET/html/STEM.html.gz``)."""
    dataset = dump.relative_to(BENCH).parts[0]
    return BENCH / dataset / "html" / f"{dump.stem}.html.gz"


def html_pages(limit: int) -> list[Path]:
    """The HTML of the same pages as the corpus: the pages behind its dumps, ``limit`` of them
    evenly spaced over the source list (so in the corpus's mix of sites; 0: all)."""
    pages = [page for page in map(html_of, source_paths()) if page.is_file()]
    if limit and limit < len(pages):
        pages = [pages[i * len(pages) // limit] for i in range(limit)]
    return pages


def variant(data: bytes, number: int) -> bytes:
    """Document ``number``: its middle paragraphs shuffled (seeded by ``number``) and a unique line."""
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    paragraphs = data.split(newline * 2)
    head, middle, tail = paragraphs[:2], paragraphs[2:-2], paragraphs[-2:] if len(paragraphs) > 4 else []
    if not tail:
        head, middle = paragraphs, []
    random.Random(number).shuffle(middle)
    unique = b"Reference number %d." % number
    return (newline * 2).join(head + [unique] + middle + tail)


def build_corpus(n: int, work: Path) -> Path:
    """N documents under ``work/corpus-N/`` (1,000 per folder); kept for later runs."""
    folder = work / f"corpus-{n}"
    stamp = work / f"corpus-{n}.complete"  # beside it: a file inside would be an input (a reject)
    if stamp.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    texts = source_texts()
    for number in range(n):
        path = folder / f"{number // 1000:04d}" / f"doc{number:07d}.txt"
        if number % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(variant(texts[number % len(texts)], number))
    stamp.write_text(str(n))
    return folder


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.txt"))


# ---------------------------------------------------------------- measuring a process tree

def run_measured(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd``; wall time and peak RSS summed over the process and all its children."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [root] + root.children(recursive=True)
                rss = 0
                for member in tree:
                    try:
                        rss += member.memory_info().rss
                    except psutil.Error:
                        pass
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run and the workers it waited for
    system = after.ru_stime - before.ru_stime
    cpu = (after.ru_utime - before.ru_utime) + system
    return {"wall": wall, "cpu": cpu, "system": system, "peak_rss": peak, "stdout": out.decode()}


def file_creation_ms(work: Path, count: int = 500) -> float:
    """Milliseconds to create one empty file in a new folder under ``work``, measured now.

    The flow writes two files per document (its text and its removal log); the loops write none.
    On this machine's disk that cost moved between 0.02 and 0.9 ms a file within minutes (kernel
    time, most after much writing or deleting), 0.4 to 18 s for 10,000 documents: printed beside
    each run so that a slow round can be told from a slow pipeline.
    """
    folder = Path(tempfile.mkdtemp(prefix="create-probe-", dir=work))
    try:
        started = time.perf_counter()
        for number in range(count):
            os.close(os.open(folder / f"{number}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return (time.perf_counter() - started) / count * 1e3
    finally:
        discard(folder, work)


# ---------------------------------------------------------------- outputs kept until the end

TRASH = "trash"


def discard(folder: Path, work: Path) -> None:
    """Move a run's output out of the way, to be deleted after the last run (``empty_trash``).

    Deleting it now would slow the next run down: ext4 does not reuse an inode deleted within the
    last minute (five while its block is unwritten), so every file created soon after a mass
    deletion first scans past the deleted inodes (``find_inode_bit`` → ``recently_deleted``).
    Here, creating a file took 0.04 ms on a quiet disk and 0.3 to 0.6 ms in the minutes after the
    previous run's 20,000 files were deleted; the runs that write outputs paid that, the loops did not.
    """
    if folder.exists():
        trash = work / TRASH
        trash.mkdir(exist_ok=True)
        folder.rename(Path(tempfile.mkdtemp(prefix=folder.name + "-", dir=trash)) / folder.name)


def empty_trash(work: Path) -> None:
    shutil.rmtree(work / TRASH, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(home: Path) -> tuple[subprocess.Popen, str, float]:
    """One Prefect API server for all flow runs; returns it, its URL and its start-up time."""
    port = free_port()
    env = {**ENV, "PREFECT_HOME": str(home)}
    started = time.perf_counter()
    proc = subprocess.Popen([str(Path(PY).with_name("prefect")), "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api"
    while time.perf_counter() - started < 180:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url, time.perf_counter() - started
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    sys.exit("the Prefect server did not start in 180 s")


# ---------------------------------------------------------------- the measured runs

def flow_run(corpus: Path, out: Path, workers: int, api_url: str, prefect: bool = True) -> dict:
    """The command line, as a user runs it; ``prefect=False``: ``--no-prefect``, the same steps
    (outputs, duplicates, review page) without the Prefect engine, which tells Prefect's own cost
    apart from the pipeline's work beyond cleaning."""
    discard(out, out.parent)
    cmd = [PY, "-m", "flows.clean", str(corpus), "--out", str(out), "--workers", str(workers)]
    result = run_measured(cmd + ([] if prefect else ["--no-prefect"]), env={**ENV, "PREFECT_API_URL": api_url})
    report = json.loads((out / "report.json").read_text())
    result["documents"] = report["documents"] + report["rejected"]
    result["timings"] = report.get("timings_seconds", {})
    discard(out, out.parent)
    return result


def loop_main(corpus: str) -> None:
    """``_loop CORPUS``: the plain in-process loop (run in its own process by ``loop_run``)."""
    from cleaners.config import PipelineConfig
    from cleaners.errors import RejectError
    from flows.batch import clean_one, read_input
    from flows.discover import InputFile, discover

    config = PipelineConfig()
    sha = config.sha256()
    count = 0
    for item in discover(Path(corpus)):
        if not isinstance(item, InputFile):
            continue
        try:
            clean_one(item, read_input(item, config), config, sha)
        except RejectError:
            pass
        count += 1
    print(count)


def batch_loop_main(corpus: str, out: str) -> None:
    """``_batchloop CORPUS OUT``: a plain in-process loop over ``flows.batch.clean_batch``, the
    function each of the flow's tasks runs (cleaning, per-document files, the batch's shards and
    MinHash signatures), in batches of the default size: no Prefect, no pool, no merge."""
    from cleaners.config import PipelineConfig
    from flows.batch import clean_batch
    from flows.discover import InputFile, discover
    from flows.runner import DEFAULT_BATCH_SIZE, batches

    config = PipelineConfig()
    inputs = (item for item in discover(Path(corpus)) if isinstance(item, InputFile))
    count = 0
    for number, batch in enumerate(batches(inputs, DEFAULT_BATCH_SIZE)):
        clean_batch(batch, Path(out), f"batch-{number:06d}", config)
        count += len(batch)
    print(count)


def loop_run(corpus: Path, out: Path, kind: str = "loop") -> dict:
    """``loop`` (``clean_one``) or ``batchloop`` (``clean_batch``, writing into ``out``), in a process of its own."""
    discard(out, out.parent)
    result = run_measured([PY, str(Path(__file__).resolve()), f"_{kind}", str(corpus), str(out)])
    result["documents"] = int(result["stdout"].split()[-1])
    discard(out, out.parent)
    return result


def trafilatura_main(limit: str) -> None:
    """``_trafilatura LIMIT``: bare ``trafilatura.extract`` over the HTML of the corpus's pages."""
    import trafilatura

    pages = [gzip.decompress(path.read_bytes()) for path in html_pages(int(limit))]
    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    print(len(pages), sum(map(len, pages)), time.perf_counter() - started)


def profile_loop(corpus: Path, count: int = 200) -> None:
    from cleaners.config import PipelineConfig
    from cleaners.errors import RejectError
    from flows.batch import clean_one, read_input
    from flows.discover import InputFile, discover

    config = PipelineConfig()
    sha = config.sha256()
    items = [i for i in discover(corpus) if isinstance(i, InputFile)][:count]
    profiler = cProfile.Profile()
    profiler.enable()
    for item in items:
        try:
            clean_one(item, read_input(item, config), config, sha)
        except RejectError:
            pass
    profiler.disable()
    print(f"\nprofile of the plain loop over {len(items)} documents (cumulative time, top 25):")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


# ---------------------------------------------------------------- report

def keep_fastest(kept: dict[str, dict], run: str, result: dict) -> None:
    """Keep ``result`` as ``run``'s figures if it is its fastest round so far; the peak RSS kept
    is the largest of all its rounds (memory targets are upper bounds)."""
    best = kept.get(run)
    if best is None:
        kept[run] = result
        return
    peak = max(best["peak_rss"], result["peak_rss"])
    if result["wall"] < best["wall"]:
        kept[run] = result
    kept[run]["peak_rss"] = peak


def fmt(result: dict, nbytes: int) -> str:
    docs_s = result["documents"] / result["wall"]
    return (f"{result['documents']:>7} docs {result['wall']:8.1f} s {docs_s:8.1f} docs/s "
            f"{nbytes / result['wall'] / 1e6:6.2f} MB/s  CPU {result['cpu']:7.1f} s (system {result['system']:5.1f})  "
            f"peak RSS {result['peak_rss'] / 2**20:7.0f} MiB")


def check(name: str, value: float | None, target: str, ok: bool | None) -> None:
    shown = "n/a" if value is None else f"{value:.2f}"
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    print(f"  {name:<62} {shown:>8}   target {target:<12} {verdict}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_loop":
        loop_main(argv[1])
        return 0
    if argv and argv[0] == "_batchloop":
        batch_loop_main(argv[1], argv[2])
        return 0
    if argv and argv[0] == "_trafilatura":
        trafilatura_main(argv[1])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, action="append", help="documents (repeatable; default 1k, 10k, 100k)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/clean-corpus-bench"),
                        help="where corpora and outputs go (default: /tmp/clean-corpus-bench)")
    parser.add_argument("--runs", default="flow-1,flow-2,noprefect-1,batchloop,loop",
                        help="runs per N, comma-separated from flow-1, flow-2, noprefect-1 (--no-prefect, "
                             "one worker), batchloop (clean_batch), loop (clean_one) (default: all)")
    parser.add_argument("--html-pages", type=int, default=300, help="HTML pages for the trafilatura loop (0: all)")
    parser.add_argument("--profile", action="store_true", help="also profile a plain loop over 200 documents")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of every run, taking turns; each run's fastest round counts (default: 1)")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.n or [1_000, 10_000, 100_000]))
    runs = [r for r in args.runs.split(",") if r]
    args.work.mkdir(parents=True, exist_ok=True)
    if (args.work / TRASH).exists():
        print(f"deleting outputs an interrupted run left in {args.work / TRASH} "
              "(creating files may be slow for a few minutes)")
        empty_trash(args.work)

    server, api_url, startup = start_server(args.work / "prefect-home")
    results: dict[int, dict[str, dict]] = {}
    try:
        print(f"Prefect API server start-up: {startup:.1f} s (not counted in the flow runs below)")
        for n in sizes:
            corpus = build_corpus(n, args.work)
            nbytes = corpus_bytes(corpus)
            print(f"\nN = {n:,} ({nbytes / 1e6:.1f} MB of text dumps)")
            results[n] = {}
            for round_number in range(1, args.repeat + 1):
                for run in runs:
                    create_ms = file_creation_ms(args.work)
                    if run in ("loop", "batchloop"):
                        result = loop_run(corpus, args.work / "out", run)
                    else:
                        result = flow_run(corpus, args.work / "out", int(run.split("-")[1]), api_url,
                                          prefect=run.startswith("flow-"))
                    keep_fastest(results[n], run, result)
                    extra = ""
                    if "timings" in result:
                        extra = "  (" + ", ".join(f"{k} {v:.1f} s" for k, v in result["timings"].items()) + ")"
                    label = run if args.repeat == 1 else f"{run} #{round_number}"
                    print(f"  {label:<11} {fmt(result, nbytes)}{extra}  [file creation before: {create_ms:.2f} ms]",
                          flush=True)
            if args.repeat > 1:
                print(f"  fastest of {args.repeat} rounds:")
                for run in runs:
                    print(f"  {run:<11} {fmt(results[n][run], nbytes)}", flush=True)
        seconds_by_round = []
        for _ in range(args.repeat):
            tra = run_measured([PY, str(Path(__file__).resolve()), "_trafilatura", str(args.html_pages)])
            pages, html_bytes, seconds = tra["stdout"].split()
            seconds_by_round.append(float(seconds))
        tra_rate = int(pages) / min(seconds_by_round)
        rounds = "" if args.repeat == 1 else f" (fastest of {', '.join(f'{x:.1f}' for x in seconds_by_round)} s)"
        print(f"\nbare trafilatura.extract: {pages} HTML pages, {float(html_bytes) / 1e6:.1f} MB, "
              f"{min(seconds_by_round):.1f} s{rounds}, {tra_rate:.1f} pages/s")
        if args.profile:
            profile_loop(build_corpus(sizes[0], args.work))
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        empty_trash(args.work)

    def rate(n: int, run: str) -> float | None:
        result = results.get(n, {}).get(run)
        return result["documents"] / result["wall"] if result else None

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    print("\nratios")
    ten_k = 10_000 if 10_000 in results else sizes[-1]
    overhead = ratio(results[ten_k].get("flow-1", {}).get("wall"), results[ten_k].get("loop", {}).get("wall"))
    check(f"Prefect overhead at {ten_k:,} (flow-1 / loop wall)", overhead, "<= 1.10",
          None if overhead is None else overhead <= 1.10)
    cpu_overhead = ratio(results[ten_k].get("flow-1", {}).get("cpu"), results[ten_k].get("loop", {}).get("cpu"))
    check("  same in CPU seconds (less load-sensitive)", cpu_overhead, "", None)
    for name, (a, b) in {"orchestration (flow-1 / batchloop)": ("flow-1", "batchloop"),
                         "  Prefect's own share (flow-1 / noprefect-1)": ("flow-1", "noprefect-1"),
                         "  pool, merge, dedup pass, review (noprefect-1 / batchloop)": ("noprefect-1", "batchloop"),
                         "per-document outputs, signatures (batchloop / loop)": ("batchloop", "loop")}.items():
        for measure in ("wall", "cpu"):
            value = ratio(results[ten_k].get(a, {}).get(measure), results[ten_k].get(b, {}).get(measure))
            check(f"{name} {measure}", value, "", None)
    largest = sizes[-1]
    scaling = ratio(rate(largest, "flow-2"), rate(largest, "flow-1"))
    check(f"scaling at {largest:,} (2 workers / 1 worker)", scaling, ">= 1.7",
          None if scaling is None else scaling >= 1.7)
    dump_vs_tra = ratio(rate(ten_k, "flow-1"), tra_rate)
    check(f"text dumps (flow-1 at {ten_k:,}) / trafilatura", dump_vs_tra, ">= 5",
          None if dump_vs_tra is None else dump_vs_tra >= 5)
    if 100_000 in results and 10_000 in results:
        for run in ("flow-1", "flow-2"):
            big, small = results[100_000].get(run), results[10_000].get(run)
            if big and small:
                mem = big["peak_rss"] / small["peak_rss"]
                check(f"{run} peak RSS 100k / 10k", mem, "<= 1.2", mem <= 1.2)
                check(f"{run} peak RSS at 100k (GiB)", big["peak_rss"] / 2**30, "<= 1", big["peak_rss"] <= 2**30)
                speed = rate(100_000, run) / rate(10_000, run)
                check(f"{run} docs/s 100k / 10k", speed, ">= 0.85", speed >= 0.85)
    else:
        print("  (memory and docs/s at 100k vs 10k need --n 10000 --n 100000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
