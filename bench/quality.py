"""Quality benchmark: clean the development splits and score them against the gold text.

    python bench/quality.py                  # aeb-dev: w3m, lynx, bs4, corrupted dumps and HTML
    python bench/quality.py --wcxb          # also wcxb-dev w3m dumps (1,337 pages of 7 kinds)
    python bench/quality.py --variants w3m  # just some variants
    python bench/quality.py --variants html --baseline --fast   # HTML: also bare trafilatura and --fast
    python bench/quality.py --wcxb --variants wcxb-w3m --by-kind   # wcxb-dev also by kind of page
    python bench/quality.py --wcxb --variants w3m-80,lynx-80,wcxb-w3m-80   # the dumps wrapped at 80 columns
    python bench/quality.py --variants w3m-default,lynx-default,lynx-nolist-default,elinks-default   # dumped by the programs
    python bench/quality.py --wcxb --paragraphs   # also where the texts break their paragraphs (bench/paragraphs.py)
    python bench/quality.py --wcxb --variants wcxb-bs4   # wcxb-dev's pages saved as BeautifulSoup text first

Each variant goes through ``flows.clean.run_pipeline``, the code path of ``python -m flows.clean``
without the Prefect engine around it, into a temporary folder; the scorer shipped with the data
(``../shared/bench/score.py``) prints its summary line. Documents per second count the cleaning
alone (reading, decoding, steps, writing per-document files), per worker process.

``--baseline`` also scores and times a bare ``trafilatura.extract(include_comments=False)`` loop
(one process, reading and gunzipping included) over the pages of each HTML variant, in the same
run; ``--fast`` adds each HTML variant again with ``html.fast`` (``python -m flows.clean --fast``).
These docs/s figures include process start-up and file I/O, which dominate on 90 pages: for the
throughput ratios against bare trafilatura (in one process, same pages) use
``bench/html_speed.py``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.kinds import figures_by_kind, format_kinds, page_kinds  # noqa: E402
from flows.clean import run_pipeline  # noqa: E402

BENCH = REPO.parent / "shared" / "bench"
AEB = BENCH / "aeb-dev"
WCXB = BENCH / "wcxb-dev"


def variants(include_wcxb: bool) -> dict[str, tuple[Path, Path, Path | None]]:
    """name -> (input folder, gold folder, manifest)."""
    found = {
        "w3m": (AEB / "dumps" / "w3m", AEB / "gold", None),
        "lynx": (AEB / "dumps" / "lynx", AEB / "gold", None),
        "bs4": (AEB / "dumps" / "bs4", AEB / "gold", None),
        "corrupted": (AEB / "corrupted", AEB / "gold", AEB / "corrupted_manifest.json"),
        "html": (AEB / "html", AEB / "gold", None),
        "markdown": (AEB / "html", AEB / "gold", None),  # the HTML saved as Markdown first
        "w3m-80": (AEB / "dumps" / "w3m", AEB / "gold", None),  # the w3m dumps wrapped at 80 columns first
        "lynx-80": (AEB / "dumps" / "lynx", AEB / "gold", None),  # the lynx dumps wrapped at 80 columns first
        # the HTML dumped by the w3m / lynx programs with their defaults, when installed
        "w3m-default": (AEB / "html", AEB / "gold", None),
        "lynx-default": (AEB / "html", AEB / "gold", None),
        "lynx-nolist-default": (AEB / "html", AEB / "gold", None),
        "elinks-default": (AEB / "html", AEB / "gold", None),
    }
    if include_wcxb:
        found["wcxb-w3m"] = (WCXB / "dumps" / "w3m", WCXB / "gold", None)
        found["wcxb-html"] = (WCXB / "html", WCXB / "gold", None)
        found["wcxb-markdown"] = (WCXB / "html", WCXB / "gold", None)
        found["wcxb-w3m-80"] = (WCXB / "dumps" / "w3m", WCXB / "gold", None)
        found["wcxb-bs4"] = (WCXB / "html", WCXB / "gold", None)  # the HTML saved as BeautifulSoup text first
    return found


def saved_as_markdown(html_dir: Path, out: Path) -> Path:
    """The pages of ``html_dir`` as a scraper saves them in Markdown (``markdown_dump``), one
    ``ID.md`` each in ``out``."""
    from bench.renderings import markdown_dump  # noqa: PLC0415 (markdownify: the test extra)

    out.mkdir(parents=True, exist_ok=True)
    for page in sorted(html_dir.glob("*.html.gz")):
        html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        (out / page.name.replace(".html.gz", ".md")).write_text(markdown_dump(html), encoding="utf-8")
    return out


def saved_as_text(html_dir: Path, out: Path) -> Path:
    """The pages of ``html_dir`` as a naive scraper saves them (``bs4_dump``, as aeb-dev's bs4
    dumps were made), one ``ID.txt`` each in ``out``."""
    from bench.renderings import bs4_dump  # noqa: PLC0415

    out.mkdir(parents=True, exist_ok=True)
    for page in sorted(html_dir.glob("*.html.gz")):
        html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        (out / page.name.replace(".html.gz", ".txt")).write_text(bs4_dump(html), encoding="utf-8")
    return out


def wrapped_at_80(dump_dir: Path, out: Path) -> Path:
    """The dumps of ``dump_dir`` as a text browser at its default 80 columns wraps them
    (``narrow_dump``), one ``ID.txt`` each in ``out``."""
    from bench.renderings import narrow_dump  # noqa: PLC0415

    out.mkdir(parents=True, exist_ok=True)
    for dump in sorted(dump_dir.glob("*.txt")):
        text = dump.read_bytes().decode("utf-8", "replace")
        (out / dump.name).write_text(narrow_dump(text), encoding="utf-8")
    return out


def dumped_by(browser: str, html_dir: Path, out: Path) -> Path:
    """The pages of ``html_dir`` as the ``browser`` program dumps them (``browser_dump``), one
    ``ID.txt`` each in ``out``."""
    from bench.renderings import browser_dump  # noqa: PLC0415

    out.mkdir(parents=True, exist_ok=True)
    for page in sorted(html_dir.glob("*.html.gz")):
        html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        (out / page.name.replace(".html.gz", ".txt")).write_text(browser_dump(html, browser), encoding="utf-8")
    return out


def score(corpus: Path, gold: Path, manifest: Path | None, per_page: Path | None = None) -> str:
    """The scorer's summary line; with ``per_page`` it also writes each page's figures there."""
    cmd = [sys.executable, str(BENCH / "score.py"), str(corpus), str(gold)]
    if manifest is not None:
        cmd += ["--manifest", str(manifest)]
    if per_page is not None:
        cmd += ["--per-page", str(per_page)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return out.strip().splitlines()[-1]


def paragraph_line(corpus: Path, gold: Path) -> str:
    """``bench/paragraphs.py``'s counts over a run's records, summed over its pages."""
    from bench.paragraphs import boundary_errors  # noqa: PLC0415

    splits = joins = boundaries = 0
    with corpus.open(encoding="utf-8") as records:
        for line in records:
            record = json.loads(line)
            reference = gold / f"{record['id']}.txt"
            if reference.is_file():
                found = boundary_errors(record["text"], reference.read_text(encoding="utf-8"))
                splits, joins, boundaries = splits + found[0], joins + found[1], boundaries + found[2]
    return f"paragraphs: false_splits={splits} false_joins={joins} boundaries={boundaries}"


def kind_lines(per_page: Path) -> str:
    """wcxb-dev's figures by kind of page (``page_type``), a line per kind, from ``score``'s
    per-page file."""
    return format_kinds(figures_by_kind(_per_page_figures(per_page), page_kinds()))


def _per_page_figures(tsv: Path) -> dict[str, tuple[float | None, float | None]]:
    """``score.py --per-page``'s precision and recall of each page (``None`` where it has none)."""
    rows = tsv.read_text(encoding="utf-8").splitlines()[1:]
    cells = (row.split("\t") for row in rows if row.strip())
    return {c[0]: (float(c[1]) if c[1] else None, float(c[2]) if c[2] else None) for c in cells}


def bare_trafilatura(inputs: Path, out: Path) -> float:
    """Run bare ``trafilatura.extract`` over every page into ``out`` (JSONL); returns docs/s."""
    import trafilatura

    rows, seconds = [], 0.0
    for path in sorted(inputs.iterdir()):
        started = time.perf_counter()
        raw = path.read_bytes()
        raw = gzip.decompress(raw) if path.name.endswith(".gz") else raw
        text = trafilatura.extract(raw, include_comments=False) or ""
        seconds += time.perf_counter() - started
        rows.append({"id": path.name.split(".")[0], "text": text})
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows) / seconds if seconds else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wcxb", action="store_true", help="also run the wcxb-dev split")
    parser.add_argument("--variants", help="comma-separated subset of variants to run")
    parser.add_argument("--keep", type=Path, help="keep outputs under this folder")
    parser.add_argument("--baseline", action="store_true",
                        help="HTML variants: also score and time a bare trafilatura.extract loop")
    parser.add_argument("--fast", action="store_true", help="HTML variants: also run with html.fast (--fast)")
    parser.add_argument("--by-kind", action="store_true",
                        help="wcxb-dev variants: also print the figures by kind of page (meta.jsonl page_type)")
    parser.add_argument("--config", help="TOML config file for the pipeline runs (default: built-in defaults)")
    parser.add_argument("--paragraphs", action="store_true",
                        help="also count paragraph boundaries against the references' lines (bench/paragraphs.py)")
    parser.add_argument("--workers", type=int, help="worker processes (default: all cores; 1 compares "
                        "like with like against --baseline's one process)")
    args = parser.parse_args()
    if not AEB.is_dir():
        print(f"benchmark data not found at {BENCH}", file=sys.stderr)
        return 2
    chosen = variants(args.wcxb)
    if args.variants:
        chosen = {k: v for k, v in chosen.items() if k in args.variants.split(",")}
    else:  # the renderings made by the browser programs run when named (they need the programs)
        chosen = {k: v for k, v in chosen.items() if not k.endswith("-default")}
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        for name, (inputs, gold, manifest) in chosen.items():
            is_html = name.endswith("html")
            if name.endswith("markdown"):
                if importlib.util.find_spec("markdownify") is None:
                    print(f"{name:10s} skipped: markdownify is not installed (make install-test)", flush=True)
                    continue
                inputs = saved_as_markdown(inputs, root / f"{name}-input")
            if name == "wcxb-bs4":
                inputs = saved_as_text(inputs, root / f"{name}-input")
            if name.endswith("-80"):
                inputs = wrapped_at_80(inputs, root / f"{name}-input")
            if name.endswith("-default"):
                from bench.renderings import browser_available  # noqa: PLC0415

                browser = name[: -len("-default")]
                if not browser_available(browser):
                    print(f"{name:10s} skipped: {browser} is not installed (apt-get install {browser})", flush=True)
                    continue
                inputs = dumped_by(browser, inputs, root / f"{name}-input")
            by_kind = args.by_kind and name.startswith("wcxb")
            runs = [(name, False)] + ([(f"{name}-fast", True)] if is_html and args.fast else [])
            for run_name, fast in runs:
                out = root / run_name
                started = time.perf_counter()
                report = run_pipeline(str(inputs), str(out), args.config, workers=args.workers, fast=fast)
                wall = time.perf_counter() - started
                per_page = root / f"{run_name}.per_page.tsv" if by_kind else None
                line = score(out / "corpus.jsonl", gold, manifest, per_page)
                rate = report["docs_per_second"]
                print(f"{run_name:10s} {line}  docs/s={rate} wall={wall:.1f}s", flush=True)
                if args.paragraphs:
                    print(f"{'':10s} {paragraph_line(out / 'corpus.jsonl', gold)}", flush=True)
                if per_page is not None:
                    print(kind_lines(per_page), flush=True)
            if is_html and args.baseline:
                out = root / f"{name}-trafilatura.jsonl"
                rate = bare_trafilatura(inputs, out)
                per_page = root / f"{name}-trafilatura.per_page.tsv" if by_kind else None
                line = score(out, gold, manifest, per_page)
                print(f"{name + '-bare':10s} {line}  docs/s={rate:.1f} (bare trafilatura.extract, one process)",
                      flush=True)
                if per_page is not None:
                    print(kind_lines(per_page), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DO_NOT_TRACK", "1")
    sys.exit(main())
