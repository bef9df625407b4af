"""The per-page keep threshold chosen from the scores (cleaners/page_threshold.py)."""

import numpy as np
import pytest

from cleaners.config import ConfigError, config_from_dict
from cleaners.page_threshold import expected_f1_threshold, page_threshold


def test_a_page_the_model_is_sure_of_is_cut_between_its_content_and_its_boilerplate():
    proba = np.array([0.97, 0.95, 0.93, 0.08, 0.05, 0.02])
    words = np.full(6, 20.0)
    assert expected_f1_threshold(proba, words) == pytest.approx(0.93)


def test_a_page_the_model_is_unsure_of_keeps_lines_under_one_half():
    """Every line is a coin toss or worse: expected recall is worth more than the precision the
    doubtful lines cost, so the cut goes below 0.5 (to about half the F1 the page can reach)."""
    proba = np.array([0.48, 0.45, 0.42, 0.38, 0.2, 0.1])
    words = np.full(6, 20.0)
    cut = expected_f1_threshold(proba, words)
    assert cut <= 0.38  # the four likeliest lines stay
    assert cut > 0.1


def test_long_lines_weigh_more_than_short_ones():
    """The same scores: a long doubtful line adds more expected overlap than a short one costs."""
    proba = np.array([0.9, 0.35])
    assert expected_f1_threshold(proba, np.array([50.0, 1.0])) == pytest.approx(0.9)
    assert expected_f1_threshold(proba, np.array([5.0, 60.0])) == pytest.approx(0.35)


def test_the_page_threshold_stays_between_the_floor_and_the_fixed_threshold():
    sure = np.array([0.99, 0.98, 0.7, 0.6]), np.full(4, 10.0)
    unsure = np.array([0.3, 0.25, 0.2, 0.01]), np.full(4, 10.0)
    assert page_threshold(*sure, keep_threshold=0.5, floor=0.4) == 0.5  # never raised
    assert page_threshold(*unsure, keep_threshold=0.5, floor=0.4) == 0.4  # lowered, to the floor
    assert page_threshold(*unsure, keep_threshold=0.5, floor=0.1) == pytest.approx(0.2)
    assert page_threshold(*unsure, keep_threshold=0.5, floor=None) == 0.5  # off
    assert page_threshold(np.zeros(0), np.zeros(0), keep_threshold=0.5, floor=0.4) == 0.5


@pytest.mark.parametrize("section", ["classifier", "html"])
def test_a_floor_outside_zero_to_one_is_a_config_error(section):
    with pytest.raises(ConfigError, match=f"{section}.page_threshold_floor"):
        config_from_dict({section: {"page_threshold_floor": 1.5}})
    assert getattr(config_from_dict({section: {"page_threshold_floor": 0.3}}), section).page_threshold_floor == 0.3




def test_on_real_dumps_the_floor_only_adds_lines_and_raises_recall_where_it_acts(bench_dir):
    """wcxb-dev w3m dumps (pages of seven kinds): with the per-page cut every line the fixed
    threshold keeps still stays, and the pages that keep more gain gold text: their mean recall
    (the scorer's 4-word shingles) rises. Precision falls on them; what the trade is worth is the
    cross-validated figure's to say (``bench/train_line_model.py``), not a test's on pages the
    shipped model was trained on."""
    import sys

    sys.path.insert(0, str(bench_dir))
    import score

    from cleaners.pipeline import prepare_document, run_steps
    from cleaners.text import assemble_text

    fixed = config_from_dict({"classifier": {"page_threshold_floor": None}})
    per_page = config_from_dict({"classifier": {"page_threshold_floor": 0.3}})
    wcxb = bench_dir / "wcxb-dev"
    ids = sorted(p.stem for p in (wcxb / "dumps" / "w3m").glob("*.txt"))[:60]
    recalls: dict[str, list[float]] = {"fixed": [], "per_page": []}
    for page_id in ids:
        raw = (wcxb / "dumps" / "w3m" / f"{page_id}.txt").read_bytes()
        texts, kept = {}, {}
        for name, config in (("fixed", fixed), ("per_page", per_page)):
            doc, _ = prepare_document(raw, page_id, "bench", "text", config)
            run_steps(doc, config)
            kept[name] = set(doc.kept_content_indices())
            texts[name] = assemble_text(doc)
        assert kept["fixed"] <= kept["per_page"], page_id
        if kept["per_page"] != kept["fixed"]:
            gold = (wcxb / "gold" / f"{page_id}.txt").read_text(encoding="utf-8")
            for name, text in texts.items():
                tp, _, fn = score.page_counts(gold, text)
                recalls[name].append(tp / (tp + fn) if tp + fn else 0.0)
    assert len(recalls["fixed"]) >= 5  # pages where the rule acts
    assert np.mean(recalls["per_page"]) > np.mean(recalls["fixed"]) + 0.005
