"""Figures by kind of page: wcxb-dev's pages are of seven kinds (``page_type`` in its
``meta.jsonl``: article, service, forum, listing, documentation, collection, product), and one
figure over all of them hides where the gap is. Shared by ``bench/quality.py --by-kind`` and the
cross-validated figures of ``bench/train_line_model.py``.

The figures are the benchmark's own (``../shared/bench/score.py``): precision averaged over the
pages with a non-empty prediction, recall over all pages, F1 of the two averages.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

WCXB = Path(__file__).resolve().parents[2] / "shared" / "bench" / "wcxb-dev"


def page_kinds(meta: Path = WCXB / "meta.jsonl") -> dict[str, str]:
    """Page id -> its ``page_type``."""
    rows = (json.loads(line) for line in meta.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["id"]: row["page_type"] for row in rows}


def page_figures(page_counts, golds: dict[str, str], texts: dict[str, str]) -> dict[str, tuple[float | None, float | None]]:
    """Each page's (P, R) as the scorer's ``page_counts`` gives them (``None`` where there is
    none: P of an empty prediction); a page without a text counts as empty."""
    figures = {}
    for page_id, gold in golds.items():
        tp, fp, fn = page_counts(gold, texts.get(page_id, ""))
        figures[page_id] = (tp / (tp + fp) if tp + fp else None, tp / (tp + fn) if tp + fn else None)
    return figures


def pooled(rows: list[tuple[float | None, float | None]]) -> tuple[float, float, float]:
    """(F1, P, R) of pages' (P, R) as the scorer pools them: P and R averaged, then their F1."""
    ps = [p for p, _ in rows if p is not None]
    rs = [r for _, r in rows if r is not None]
    P = sum(ps) / len(ps) if ps else 0.0
    R = sum(rs) / len(rs) if rs else 0.0
    return (2 * P * R / (P + R) if P + R else 0.0), P, R


def figures_by_kind(per_page: dict[str, tuple[float | None, float | None]],
                    kinds: dict[str, str]) -> list[tuple[str, int, float, float, float]]:
    """(kind, pages, F1, P, R) for each kind, most pages first, from each page's (P, R)."""
    grouped: dict[str, list[tuple[float | None, float | None]]] = defaultdict(list)
    for page_id, pr in per_page.items():
        grouped[kinds.get(page_id, "unknown")].append(pr)
    figures = [(kind, len(rows), *pooled(rows)) for kind, rows in grouped.items()]
    return sorted(figures, key=lambda row: (-row[1], row[0]))


def format_kinds(figures: list[tuple[str, int, float, float, float]], indent: str = "    ") -> str:
    return "\n".join(f"{indent}{kind:14s} F1={f1:.3f} P={p:.3f} R={r:.3f} pages={n}"
                     for kind, n, f1, p, r in figures)
