"""``bench/kinds.py``: wcxb-dev's figures by kind of page agree with the benchmark's own scorer."""

from __future__ import annotations

import importlib.util

from bench.kinds import figures_by_kind, page_figures, page_kinds


def _scorer(bench_dir):
    spec = importlib.util.spec_from_file_location("bench_score_for_kinds", bench_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_kinds_of_the_unchanged_dumps_and_their_pooled_figure_match_the_scorer(bench_dir):
    wcxb = bench_dir / "wcxb-dev"
    score = _scorer(bench_dir)
    kinds = page_kinds(wcxb / "meta.jsonl")
    dumps = {page_id: (wcxb / "dumps" / "w3m" / f"{page_id}.txt").read_text(encoding="utf-8", errors="replace")
             for page_id in kinds}
    golds = {page_id: (wcxb / "gold" / f"{page_id}.txt").read_text(encoding="utf-8") for page_id in kinds}
    per_page = page_figures(score.page_counts, golds, dumps)
    by_kind = {kind: (n, f1, p, r) for kind, n, f1, p, r in figures_by_kind(per_page, kinds)}
    assert sum(n for n, *_ in by_kind.values()) == len(kinds) == 1337
    assert set(by_kind) == {"article", "service", "forum", "listing", "documentation", "collection", "product"}
    # the README's reference figures for the unchanged dumps: all pages 0.694, articles 0.792
    [(_, _, pooled, _, _)] = figures_by_kind(per_page, {page_id: "all" for page_id in kinds})
    assert round(pooled, 3) == 0.694
    assert round(by_kind["article"][1], 3) == 0.792
    # a kind's recall is the mean over its pages, as the scorer averages them
    forum = [per_page[i][1] for i, kind in kinds.items() if kind == "forum"]
    assert abs(by_kind["forum"][3] - sum(forum) / len(forum)) < 1e-12


def test_an_empty_prediction_counts_for_recall_only():
    kinds = {"a": "forum", "b": "forum"}
    [(kind, n, f1, p, r)] = figures_by_kind({"a": (None, 0.0), "b": (0.5, 1.0)}, kinds)
    assert (kind, n, p, r) == ("forum", 2, 0.5, 0.5)
    assert f1 == 0.5
