"""The line classifier's second stage: context columns from first-stage scores, and the model
that uses them."""

from __future__ import annotations

import numpy as np
import pytest

from cleaners.line_classifier import LineModel, MODEL_FORMAT, load_model
from cleaners.line_context import CONTEXT_FEATURE_NAMES, CONTEXT_FEATURES_VERSION, context_features
from cleaners.line_features import FEATURE_NAMES, FEATURES_VERSION, page_features
from cleaners.config import PipelineConfig

COL = {name: i for i, name in enumerate(CONTEXT_FEATURE_NAMES)}

# a page's candidates: a teaser list (0-3), the article (5-8, line 4 removed by a rule), a
# sub-heading (9) inside it, then a footer link (12)
LINES = np.array([0, 1, 2, 3, 5, 6, 7, 8, 9, 12])
WORDS = np.array([6, 7, 5, 6, 40, 35, 4, 38, 30, 3])
PROBA = np.array([0.3, 0.35, 0.4, 0.3, 0.95, 0.9, 0.45, 0.92, 0.9, 0.1])


def features() -> np.ndarray:
    return context_features(LINES, WORDS, PROBA)


def test_shape_names_and_type():
    rows = features()
    assert rows.shape == (len(LINES), len(CONTEXT_FEATURE_NAMES)) and rows.dtype == np.float32
    assert context_features(np.array([], dtype=int), np.array([]), np.array([])).shape == (0, len(CONTEXT_FEATURE_NAMES))


def test_neighbours_and_missing_sides():
    rows = features()
    assert rows[0, COL["p_prev1"]] == -1 and rows[0, COL["p_before"]] == -1 and rows[0, COL["p_max_before"]] == -1
    assert rows[-1, COL["p_next1"]] == -1 and rows[-1, COL["p_after"]] == -1
    assert rows[4, COL["p_prev1"]] == np.float32(0.3) and rows[4, COL["p_next2"]] == np.float32(0.45)


def test_a_weak_line_inside_the_article_sees_strong_surroundings():
    rows = features()
    heading, teaser = 6, 2  # both score under 0.5 in the first stage
    assert rows[heading, COL["in_main_run"]] == 1 and rows[teaser, COL["in_main_run"]] == 0
    assert rows[heading, COL["p_win5"]] > 0.8 > rows[teaser, COL["p_win5"]]
    assert rows[heading, COL["lines_since_strong"]] == 1 and rows[teaser, COL["lines_to_strong"]] == 2
    assert rows[teaser, COL["lines_to_main_run"]] == 2


def test_blocks_and_gaps_from_line_numbers():
    rows = features()
    # lines 0-3 are one block, 5-9 another (line 4 is not a candidate), 12 a third
    assert rows[0, COL["block_p_max"]] == np.float32(0.4)
    assert rows[4, COL["block_p_max"]] == np.float32(0.95) and rows[4, COL["removed_before"]] == 2
    assert rows[-1, COL["removed_before"]] == 3 and rows[-2, COL["removed_after"]] == 3
    weights = WORDS[:4]
    assert rows[0, COL["block_p_mean"]] == pytest.approx(float((PROBA[:4] * weights).sum() / weights.sum()), rel=1e-6)


def test_page_columns_are_the_same_on_every_line():
    rows = features()
    kept = WORDS[PROBA >= 0.5].sum() / WORDS.sum()
    assert np.all(rows[:, COL["page_kept_share"]] == np.float32(kept))
    assert rows[0, COL["kept_share_after"]] == pytest.approx(1.0) and rows[-1, COL["kept_share_before"]] == pytest.approx(1.0)


def _stage(feature: int, threshold: float, low: float, high: float) -> dict:
    return {"baseline": 0.0, "trees": [{"depth": 1, "feature": [feature, -1, -1], "threshold": [threshold, 0, 0],
                                         "left": [1, 0, 0], "right": [2, 0, 0], "value": [0.0, low, high]}]}


def _model(context_version: str = CONTEXT_FEATURES_VERSION) -> dict:
    # first stage: everything scores 0.5; second: content when the block's best score is high
    first = {"baseline": 0.0, "trees": [{"depth": 0, "feature": [-1], "threshold": [0.0], "left": [0], "right": [0],
                                          "value": [0.0]}]}
    return {"format": MODEL_FORMAT, "features_version": FEATURES_VERSION, "features": FEATURE_NAMES, "trees": first,
            "context": {"features_version": context_version, "features": CONTEXT_FEATURE_NAMES + ["words"],
                        "trees": _stage(len(CONTEXT_FEATURE_NAMES), 5.0, -3.0, 3.0)}}


def test_two_stage_model_scores_with_the_second_stage():
    model = LineModel.from_dict(_model())
    rows = np.zeros((3, len(FEATURE_NAMES)), dtype=np.float32)
    rows[:, FEATURE_NAMES.index("words")] = [2, 9, 30]
    proba = model.predict_proba(rows, [0, 1, 2])
    assert np.allclose(proba, 1 / (1 + np.exp(-np.array([-3.0, 3.0, 3.0]))))
    with pytest.raises(ValueError, match="line numbers"):
        model.predict_proba(rows)


def test_two_stage_model_rejects_other_context_features():
    with pytest.raises(ValueError, match="retrain"):
        LineModel.from_dict(_model("line_context_v0"))
    for names in (["words"] + CONTEXT_FEATURE_NAMES, CONTEXT_FEATURE_NAMES + ["no_such_feature"]):
        bad = _model()
        bad["context"]["features"] = names  # context columns first, then known line columns
        with pytest.raises(ValueError, match="retrain"):
            LineModel.from_dict(bad)


def test_second_stage_reads_the_columns_its_file_names():
    # a stage over two context columns and one line column: the tree splits on its third input
    data = _model()
    data["context"]["features"] = ["block_p_max", "p", "words"]
    data["context"]["trees"] = _stage(2, 5.0, -3.0, 3.0)
    model = LineModel.from_dict(data)
    assert model.context_columns == (COL["block_p_max"], COL["p"])
    assert model.line_columns == (FEATURE_NAMES.index("words"),)
    rows = np.zeros((2, len(FEATURE_NAMES)), dtype=np.float32)
    rows[:, FEATURE_NAMES.index("words")] = [2, 30]
    assert np.allclose(model.predict_proba(rows, [0, 1]), 1 / (1 + np.exp(-np.array([-3.0, 3.0]))))


def test_shipped_model_has_a_second_stage_that_changes_scores():
    model = load_model(PipelineConfig().classifier.model_file)
    assert model.context is not None and len(model.line_columns) == 10
    page = ["  • Home", "  • News", "",
            "The council voted on Tuesday to close the old bridge to cars from next spring, after years of debate.",
            "Engineers had warned that the steel frame was corroding faster than expected by everyone involved.",
            "", "What happens next", "",
            "Work on a new crossing is expected to begin in the autumn and to last about three years, officials said.",
            "", "© 2024 Example Media"]
    rows = page_features(page)
    lines = [i for i, line in enumerate(page) if line.strip()]
    two = model.predict_proba(rows[lines], lines)
    one = model.trees.predict_proba(rows[lines])
    assert two.shape == one.shape and not np.allclose(two, one)
    assert all(two[lines.index(i)] > 0.5 for i in (3, 4, 8))  # the article's sentences
    assert two[lines.index(10)] < 0.5 and two[lines.index(0)] < 0.5  # footer and menu


def test_second_stage_only_rescores_lines_inside_its_band():
    # the first stage scores every line 0.5: inside (0.15, 0.85) the second stage decides,
    # outside (0.6, 0.9) the first stage's 0.5 stands
    rows = np.zeros((2, len(FEATURE_NAMES)), dtype=np.float32)
    rows[:, FEATURE_NAMES.index("words")] = [2, 30]
    inside = _model()
    inside["context"]["band"] = [0.15, 0.85]
    assert np.allclose(LineModel.from_dict(inside).predict_proba(rows, [0, 1]), 1 / (1 + np.exp(-np.array([-3.0, 3.0]))))
    outside = _model()
    outside["context"]["band"] = [0.6, 0.9]
    assert np.allclose(LineModel.from_dict(outside).predict_proba(rows, [0, 1]), [0.5, 0.5])
