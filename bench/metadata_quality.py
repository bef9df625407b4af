"""How often the pipeline names a text dump's title, date, author and publisher right.

    .venv/bin/python bench/metadata_quality.py                # aeb-dev's dumps, every 5th wcxb-dev page
    .venv/bin/python bench/metadata_quality.py --every 1      # every wcxb-dev page (a few minutes)

For each development dump it prints, per field, how many pages the pipeline got right, wrong or
left empty, with the shipped config and with the `title` and `article_header` steps off (what
`page_header` alone finds). The references come from the pages' HTML, each with its own errors:

* title: the page's ``og:title`` or ``<title>`` (wcxb-dev's ``meta.jsonl`` title), matched as
  ``bench/train_title_model.py`` matches (words equal, one holding the other at 60 % of its
  length, or 60 % of the words shared); the title step's own figures are cross-validated by that
  script, these are in-sample for it;
* date: htmldate's ``find_date(html, original_date=True, extensive_search=False)``, equal;
* author: trafilatura's ``extract_metadata(html).author``, sharing a name;
* publisher: trafilatura's ``sitename``, sharing a word of three letters or more (a copyright
  holder such as "Condé Nast" for Wired counts as wrong here).

Pages without a reference are left out of that field's counts.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.train_title_model import html_title, is_title  # noqa: E402
from cleaners.config import PipelineConfig  # noqa: E402
from cleaners.errors import RejectError  # noqa: E402
from cleaners.pipeline import clean_bytes  # noqa: E402

BENCH = REPO.parent / "shared" / "bench"
FIELDS = ("title", "date", "author", "publisher")
_NOT_NAME_WORDS = frozenset({"the", "inc", "llc", "ltd", "com", "www", "and"})


def _words(text: str | None, shortest: int = 1) -> set[str]:
    return {w for w in re.findall(r"\w+", (text or "").lower()) if len(w) >= shortest and w not in _NOT_NAME_WORDS}


def references(html: str, title: str | None) -> dict[str, str | None]:
    """Each field's reference for one page, from its HTML."""
    import trafilatura
    from htmldate import find_date

    meta = trafilatura.extract_metadata(html)
    return {"title": title if title is not None else html_title(html),
            "date": find_date(html, original_date=True, extensive_search=False),
            "author": meta.author if meta else None,
            "publisher": meta.sitename if meta else None}


def verdict(field: str, found: str | None, reference: str | None) -> str | None:
    if not reference:
        return None
    if not found:
        return "none"
    if field == "title":
        right = is_title(found, reference)
    elif field == "date":
        right = found == reference
    elif field == "author":
        right = bool(_words(found) & _words(reference))
    else:
        right = bool(_words(found, 3) & _words(reference, 3))
    return "right" if right else "wrong"


def pages(every: int) -> list[tuple[str, Path, str, str | None]]:
    """(set, dump, html, reference title or None) of the dumps measured."""
    out = []
    aeb = BENCH / "aeb-dev"
    for rendering in ("w3m", "lynx", "bs4"):
        for dump in sorted((aeb / "dumps" / rendering).glob("*.txt")):
            out.append((f"aeb-{rendering}", dump, str(aeb / "html" / f"{dump.stem}.html.gz"), None))
    wcxb = BENCH / "wcxb-dev"
    for line in (wcxb / "meta.jsonl").read_text(encoding="utf-8").splitlines()[::every]:
        meta = json.loads(line)
        out.append(("wcxb-w3m", wcxb / "dumps" / "w3m" / f"{meta['id']}.txt",
                    str(wcxb / "html" / f"{meta['id']}.html.gz"), meta.get("title") or ""))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--every", type=int, default=5, help="every Nth wcxb-dev page (default 5; 1: all 1,337)")
    args = parser.parse_args()
    shipped = PipelineConfig()
    alone = dataclasses.replace(shipped, header=dataclasses.replace(
        shipped.header, title_min_probability=None, article_header=False))
    counts: Counter = Counter()
    cached_references: dict[str, dict[str, str | None]] = {}
    for set_name, dump, html_path, title in pages(args.every):
        if html_path not in cached_references:
            html = gzip.decompress(Path(html_path).read_bytes()).decode("utf-8", "replace")
            cached_references[html_path] = references(html, title)
        reference = cached_references[html_path]
        for label, config in (("page_header alone", alone), ("shipped", shipped)):
            try:
                found = clean_bytes(dump.read_bytes(), dump.stem, str(dump), "text", config).document.metadata
            except RejectError:
                found = {}
            for field in FIELDS:
                result = verdict(field, found.get(field), reference[field])
                if result:
                    counts[set_name, field, label, result] += 1
    print("right / wrong / none per field (pages with a reference)")
    for set_name in sorted({key[0] for key in counts}):
        for field in FIELDS:
            cells = []
            for label in ("page_header alone", "shipped"):
                right, wrong, none = (counts[set_name, field, label, r] for r in ("right", "wrong", "none"))
                cells.append(f"{label} {right:4d} / {wrong:4d} / {none:4d}")
            print(f"  {set_name:9s} {field:9s}  " + "   ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
