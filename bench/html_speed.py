"""HTML throughput in one process: bare trafilatura against the pipeline's HTML path, default and fast.

    taskset -c 0 .venv/bin/python bench/html_speed.py                 # aeb-dev + wcxb-dev HTML
    taskset -c 0 .venv/bin/python bench/html_speed.py --rounds 3 --sets aeb-dev
    .venv/bin/python bench/html_speed.py --dump out.json --modes default,fast --no-time   # outputs only
    .venv/bin/python bench/html_speed.py --profile default --sets aeb-dev    # cProfile of one mode

Every page (``<set>/html/*.html.gz``) is read and gunzipped before any timing, so the figures
count extraction and cleaning alone, with no process start-up, file reading or writing. In the
same process and run, three loops go over the same decompressed bytes:

- ``bare``: ``trafilatura.extract(page, include_comments=False)``, what ``bench/quality.py
  --baseline`` scores;
- ``default``: the per-document path of ``python -m flows.clean`` for an HTML file after it was
  read and gunzipped (``flows/batch.py`` ``clean_one``): ``clean_bytes`` (decode, depth check,
  ``extract_article``, text steps, document filters) and ``to_record``, default config;
- ``fast``: the same with ``html.fast`` (``--fast``).

A warm-up pass over the first ``--warmup`` pages of each set runs every loop first (imports,
models, caches) and is not timed. The pages are then taken in chunks of ``--chunk``: each loop
runs over the chunk ``--rounds`` times, the loops taking turns (the one that goes first rotates
from chunk to chunk and round to round), and a loop's time for the chunk is its best round. So
a burst of other load on a shared machine slows every loop alike instead of one loop's whole
pass, and the best round drops most of it; a loop's figure is its pages over the sum of its
chunk times. Before every timed run the memo caches of trafilatura, htmldate, courlan,
dateparser and the pipeline's rule helpers are emptied (``clear_caches``), so no run finds a
chunk's pages already half-done by the run before it. Rejected pages (``RejectError``) count like any other: the work was done. Pin the
process to one core (``taskset -c 0``) so the loops are compared on the same core.

Targets (issue 4): default at least 0.5x bare, fast at least 0.9x bare.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gzip
import json
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cleaners.config import PipelineConfig  # noqa: E402
from cleaners.errors import RejectError  # noqa: E402
from cleaners.pipeline import clean_bytes, to_record  # noqa: E402

BENCH = REPO.parent / "shared" / "bench"
SETS = ("aeb-dev", "wcxb-dev")
TARGETS = {"default": 0.5, "fast": 0.9}


def load_pages(name: str) -> list[tuple[str, bytes]]:
    """(id, decompressed bytes) of every page of a set's ``html/`` folder, sorted by file name."""
    pages = []
    for path in sorted((BENCH / name / "html").iterdir()):
        raw = path.read_bytes()
        pages.append((path.name.split(".")[0], gzip.decompress(raw) if path.name.endswith(".gz") else raw))
    return pages


def bare_loop() -> Callable[[str, bytes], Any]:
    import trafilatura

    def run(page_id: str, raw: bytes) -> Any:
        return trafilatura.extract(raw, include_comments=False) or ""

    return run


def pipeline_loop(config: PipelineConfig) -> Callable[[str, bytes], Any]:
    config_sha256 = config.sha256()

    def run(page_id: str, raw: bytes) -> Any:
        try:
            result = clean_bytes(raw, page_id, f"{page_id}.html.gz", "html", config)
        except RejectError as exc:
            return {"reject": exc.reason, "detail": exc.detail}
        record = to_record(result, raw, config_sha256)
        record["removals"] = [r.as_dict() for r in result.document.removals]
        record["metadata"] = {k: v for k, v in sorted(result.document.metadata.items())}
        return record

    return run


def loops(modes: list[str]) -> dict[str, Callable[[str, bytes], Any]]:
    default = PipelineConfig()
    fast = dataclasses.replace(default, html=dataclasses.replace(default.html, fast=True))
    made = {"bare": bare_loop, "default": lambda: pipeline_loop(default), "fast": lambda: pipeline_loop(fast)}
    return {mode: made[mode]() for mode in modes}


#: Packages whose functools caches (``lru_cache``) are emptied before every timed run of a loop.
CACHED_PACKAGES = ("trafilatura", "htmldate", "courlan", "dateparser", "justext", "cleaners")
#: Caches that are set-up, not memos of pages: a model file or a table built once per process.
#: Emptying them would time their loading again for every chunk (the HTML line model and the
#: stop lists its text features need: about 0.5 s per chunk). htmldate's dateparser instance
#: (built once per process; with it go its locales' compiled regexes) and dateparser's time-zone
#: and month-name tables are set-up too: rebuilt per chunk, they cost a chunk that reaches
#: dateparser 0.3 s or more, a run of thousands of pages once.
SETUP_CACHES = {("cleaners.html_lines", "load_model"), ("cleaners.line_classifier", "load_model"),
                ("cleaners.stop_words", "_stop_index"), ("cleaners.stop_words", "_group_table"),
                ("cleaners.line_features", "_char_table"), ("cleaners.language", "_plane_letters"),
                ("cleaners.patterns", "_plane_classes"), ("htmldate.extractors", "get_external_parser"),
                ("dateparser.timezone_parser", "_build_tz_regexes"), ("dateparser.date", "_get_name_translations")}


def clear_caches() -> None:
    """Empty the memo caches of the extractors and of the pipeline's rule helpers.

    Otherwise a loop would find the dates, lines and URLs of a chunk already parsed by the loop
    before it on the same pages (or by its own previous round): the pipeline's loops share
    htmldate's caches, which bare trafilatura never uses.
    """
    seen: set[int] = set()
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in CACHED_PACKAGES:
            continue
        for key, value in list(vars(module).items()):
            if (name, key) in SETUP_CACHES:
                continue
            for candidate in (value, getattr(value, "__func__", None)):
                clear = getattr(candidate, "cache_clear", None)
                if callable(clear) and not isinstance(candidate, type) and id(candidate) not in seen:
                    seen.add(id(candidate))
                    clear()
    try:
        from cleaners.patterns import clear_caches as clear_rule_caches
    except ImportError:
        return
    clear_rule_caches()


def time_loop(run: Callable[[str, bytes], Any], pages: list[tuple[str, bytes]]) -> float:
    clock = time.perf_counter
    started = clock()
    for page_id, raw in pages:
        run(page_id, raw)
    return clock() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated page sets (default: {','.join(SETS)})")
    parser.add_argument("--modes", default="bare,default,fast", help="loops to run (bare, default, fast)")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds per chunk; each loop's best counts")
    parser.add_argument("--chunk", type=int, default=10, help="pages per chunk the loops take turns over")
    parser.add_argument("--warmup", type=int, default=5, help="pages of each set run untimed first")
    parser.add_argument("--dump", type=Path, help="write every loop's output per page to this JSON file")
    parser.add_argument("--no-time", action="store_true", help="with --dump: only write the outputs")
    parser.add_argument("--profile", metavar="MODE", help="cProfile one loop over the pages instead of timing")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    args = parser.parse_args()
    os.environ.setdefault("DO_NOT_TRACK", "1")

    sets = [s for s in args.sets.split(",") if s]
    missing = [s for s in sets if not (BENCH / s / "html").is_dir()]
    if missing:
        print(f"no HTML pages at {BENCH}/{missing[0]}/html", file=sys.stderr)
        return 2
    pages = {s: load_pages(s)[: args.limit] for s in sets}
    modes = [m for m in args.modes.split(",") if m]
    runs = loops(modes)
    affinity = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    print(f"pages: {', '.join(f'{s} {len(p)}' for s, p in pages.items())}; cores: {affinity}", flush=True)

    for mode, run in runs.items():  # warm-up, untimed
        for s in sets:
            for page_id, raw in pages[s][: args.warmup]:
                run(page_id, raw)

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for s in sets:
            time_loop(runs[args.profile], pages[s])
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
        return 0

    if args.dump:
        outputs = {mode: {s: {pid: run(pid, raw) for pid, raw in pages[s]} for s in sets} for mode, run in runs.items()}
        args.dump.write_text(json.dumps(outputs, ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")
        print(f"outputs written to {args.dump}", flush=True)
        if args.no_time:
            return 0

    best: dict[tuple[str, str], float] = {(s, mode): 0.0 for s in sets for mode in modes}
    turn = 0
    for s in sets:
        for first in range(0, len(pages[s]), args.chunk):
            chunk = pages[s][first: first + args.chunk]
            chunk_best: dict[str, float] = {}
            for _ in range(args.rounds):
                order = modes[turn % len(modes):] + modes[: turn % len(modes)]
                turn += 1
                for mode in order:
                    clear_caches()
                    seconds = time_loop(runs[mode], chunk)
                    chunk_best[mode] = min(seconds, chunk_best.get(mode, seconds))
            for mode in modes:
                best[(s, mode)] += chunk_best[mode]
        print(f"{s:9s} " + "  ".join(f"{mode} {len(pages[s]) / best[(s, mode)]:.1f}" for mode in modes)
              + " pages/s", flush=True)

    print()
    rows = [(s, [(s, len(pages[s]))]) for s in sets]
    if len(sets) > 1:
        rows.append(("all", [(s, len(pages[s])) for s in sets]))
    for label, parts in rows:
        count = sum(n for _, n in parts)
        rate = {mode: count / sum(best[(s, mode)] for s, _ in parts) for mode in modes}
        figures = "  ".join(f"{mode} {rate[mode]:6.1f}" for mode in modes)
        line = f"{label:9s} pages/s: {figures}"
        if "bare" in rate:
            for mode, target in TARGETS.items():
                if mode in rate:
                    ratio = rate[mode] / rate["bare"]
                    line += f"  {mode}/bare {ratio:.2f} ({'>=' if ratio >= target else '<'} {target})"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
