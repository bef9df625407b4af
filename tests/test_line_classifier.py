"""The learned line classifier step: model evaluation, decisions, reason codes, shipped model."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from cleaners.config import PipelineConfig, config_from_dict
from cleaners.document import Document, apply_verdict
from cleaners.line_classifier import (
    MODEL_FORMAT,
    LineModel,
    TreeEnsemble,
    classify_lines,
    load_model,
)
from cleaners.line_features import FEATURE_NAMES, FEATURES_VERSION, page_features

REPO = Path(__file__).resolve().parents[1]
CONFIG = PipelineConfig()

NAV = ["  • Home", "  • World", "  • Politics", "  • Business", "  • Sport", "  • Culture", "  • Video"]
ARTICLE = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, "
    "ending a debate that has divided residents for almost a decade.",
    "Engineers had warned for years that the steel frame was corroding faster than expected, and a "
    "report published last month said repairs would cost more than building a new crossing.",
    "“We cannot keep patching a structure that was designed for horse carts,” the mayor told "
    "reporters after the vote, adding that cyclists and pedestrians would still be allowed across.",
    "Shop owners on the eastern side of the river said they feared losing customers, while "
    "commuters welcomed the plan for a new tram line that the council approved at the same meeting.",
    "The work on the new bridge is expected to begin in the autumn and to last about three years, "
    "according to the timetable presented to the council by the city's transport department.",
]
COMMENTS = [
    "12 Comments",
    "John Miller says:",
    "November 20, 2019 at 8:16 am",
    "About time! I have been waiting for this for years, the bridge is a disgrace.",
    "Reply",
    "Sarah K. says:",
    "November 20, 2019 at 9:02 am",
    "Closing it will only move the traffic jams to the south of the city, mark my words.",
    "Reply",
]
FOOTER = ["About us | Contact | Privacy policy | Terms of use | Advertise", "© 2019 Harbour Media Group"]


def page(*blocks: list[str]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines.extend(block)
    return lines


def run(lines: list[str], kind: str = "text", config: PipelineConfig = CONFIG) -> Document:
    doc = Document(id="t", source="test", lines=list(lines), kept=[True] * len(lines), kind=kind)
    apply_verdict(doc, "line_classifier", classify_lines(doc, config))
    return doc


def removed(doc: Document) -> dict[str, str]:
    """Removed line text -> reason code."""
    return {r.text: r.reason for r in doc.removals}


def test_removed_helper_sees_removals():
    doc = run(page(NAV, ARTICLE))
    assert removed(doc)  # the helper is not blind: the menu does go
    assert "  • Home" in removed(doc)


# --- tree evaluation --------------------------------------------------------------------------

TINY = {
    "baseline": 0.5,
    "trees": [
        {  # words <= 3 ? -2 : (stop_share <= 0.2 ? 0 : +2)
            "depth": 2,
            "feature": [0, -1, 3, -1, -1],
            "threshold": [3.0, 0.0, 0.2, 0.0, 0.0],
            "left": [1, 0, 3, 0, 0],
            "right": [2, 0, 4, 0, 0],
            "value": [0.0, -2.0, 0.0, 0.0, 2.0],
        },
        {"depth": 0, "feature": [-1], "threshold": [0.0], "left": [0], "right": [0], "value": [-0.5]},
    ],
}


def test_tree_ensemble_walks_each_tree():
    ensemble = TreeEnsemble.from_dict(TINY)
    rows = np.zeros((3, 4))
    rows[0, 0] = 2  # short line
    rows[1, 0], rows[1, 3] = 10, 0.1  # long, few stop words
    rows[2, 0], rows[2, 3] = 10, 0.5  # long, many stop words
    expected_raw = np.array([0.5 - 2 - 0.5, 0.5 + 0 - 0.5, 0.5 + 2 - 0.5])
    assert np.allclose(ensemble.predict_proba(rows), 1 / (1 + np.exp(-expected_raw)))
    assert ensemble.predict_proba(np.zeros((0, 4))).shape == (0,)


def test_export_matches_sklearn():
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier

    import importlib.util

    spec = importlib.util.spec_from_file_location("train_line_model", REPO / "bench" / "train_line_model.py")
    train = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = train  # dataclasses in the script look their module up
    spec.loader.exec_module(train)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2000, 5)).astype(np.float32)
    y = ((X[:, 0] + X[:, 1] * X[:, 2]) > 0).astype(int)
    model = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=8, early_stopping=False, random_state=0)
    model.fit(X, y)
    ensemble = TreeEnsemble.from_dict(json.loads(json.dumps(train.export(model))))
    assert np.allclose(ensemble.predict_proba(X), model.predict_proba(X)[:, 1], atol=1e-9)


def test_model_rejects_other_format_or_features():
    good = {"format": MODEL_FORMAT, "features_version": FEATURES_VERSION, "features": FEATURE_NAMES, "trees": TINY}
    LineModel.from_dict(good)
    with pytest.raises(ValueError, match="format"):
        LineModel.from_dict({**good, "format": "pickle"})
    with pytest.raises(ValueError, match="retrain"):
        LineModel.from_dict({**good, "features": FEATURE_NAMES[:-1]})


def test_shipped_model_is_small_portable_json():
    path = REPO / "cleaners" / "models" / CONFIG.classifier.model_file
    assert path.stat().st_size < 5_000_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == MODEL_FORMAT and data["features"] == FEATURE_NAMES
    assert load_model(CONFIG.classifier.model_file) is load_model(CONFIG.classifier.model_file)


# --- decisions on pages -----------------------------------------------------------------------


def test_article_paragraphs_are_kept_and_menu_removed():
    doc = run(page(NAV, ARTICLE, FOOTER))
    gone = removed(doc)
    for line in ARTICLE:
        assert line not in gone
    assert all(item in gone for item in NAV)


def test_article_alone_is_untouched():
    doc = run(ARTICLE)  # one paragraph per line, no blank lines
    assert doc.removals == []


def test_comment_section_after_the_article_goes():
    doc = run(page(NAV, ARTICLE, COMMENTS, FOOTER))
    gone = removed(doc)
    assert "John Miller says:" in gone
    assert "Closing it will only move the traffic jams to the south of the city, mark my words." in gone
    assert all(line not in gone for line in ARTICLE)


def test_only_text_dumps_are_judged_by_default():
    lines = page(NAV, ARTICLE)
    assert run(lines, kind="html").removals == []
    on_html = config_from_dict({"classifier": {"apply_to_html": True}})
    assert run(lines, kind="html", config=on_html).removals


def test_disabled_step_removes_nothing():
    off = config_from_dict({"classifier": {"enabled": False}})
    assert run(page(NAV, ARTICLE), config=off).removals == []


def test_lines_removed_earlier_are_not_judged_again():
    lines = page(NAV, ARTICLE)
    doc = Document(id="t", source="test", lines=list(lines), kept=[True] * len(lines))
    doc.kept[0] = False
    verdict = classify_lines(doc, CONFIG)
    assert 0 not in verdict.removals
    assert 1 in verdict.removals  # the rest of the menu still goes


def test_running_twice_removes_nothing_more():
    doc = run(page(NAV, ARTICLE, COMMENTS, FOOTER))
    again = classify_lines(doc, CONFIG)
    assert all(not doc.kept[i] for i in again.removals) or not again.removals


def test_keep_threshold_is_respected():
    keep_all = config_from_dict({"classifier": {"keep_threshold": 0.0, "min_kept_words": None}})
    assert run(page(NAV, ARTICLE), config=keep_all).removals == []


@pytest.mark.parametrize("path", sorted((REPO / "raw").glob("*.txt")), ids=lambda p: p.name)
def test_sample_dumps_keep_every_article_paragraph(path: Path):
    """On its own (no rule step before it), the classifier removes no line of the article."""
    golden = REPO / "tests" / "golden" / path.name
    article = " ".join(golden.read_text(encoding="utf-8").split())
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    doc = run(lines)
    for removal in doc.removals:
        text = " ".join(removal.text.split())
        assert len(text) < 20 or text not in article, removal


# --- reason codes -----------------------------------------------------------------------------


def reason_of(lines: list[str], index: int) -> str:
    """The reason code the step logs for line ``index`` if it removes it."""
    doc = run(lines)
    gone = {r.line_no - 1: r.reason for r in doc.removals}
    return gone.get(index, "kept")


def assert_removed_as(lines: list[str], index: int, reason: str) -> None:
    """The step removes line ``index`` with ``reason``, and keeps every article paragraph."""
    assert reason_of(lines, index) == reason
    gone = removed(run(lines))
    assert all(line not in gone for line in ARTICLE)


TEASERS = [
    "Related stories",
    "Why the old tram depot was sold to a developer for less than it was worth, and who profited.",
    "Ferry operators say they are ready to carry more passengers across the river while the bridge is closed.",
    "The harbour district gets a new market hall, and traders hope it will bring visitors back at last.",
]
NEWS_PAGE = page(
    NAV,
    ["Council closes harbour bridge to cars", "By Anna Berg, Nov. 19, 2019 08:16 AM"],
    ARTICLE,
    ["Share this article", "Sign up for our daily newsletter"],
    COMMENTS,
    TEASERS,
    FOOTER,
)


def line_of(text: str) -> int:
    return NEWS_PAGE.index(text)


def test_reason_helper_can_fail():
    with pytest.raises(AssertionError):
        assert_removed_as(NEWS_PAGE, line_of(ARTICLE[0]), "low_content_score")  # an article paragraph


def test_news_page_keeps_the_article_and_little_else():
    doc = run(NEWS_PAGE)
    kept = [line for line, keep in zip(doc.lines, doc.kept) if keep and line.strip()]
    assert all(line in kept for line in ARTICLE)
    assert len(kept) <= len(ARTICLE) + 1  # at most one stray line (a comment) survives


def test_reason_link_list():
    assert_removed_as(NEWS_PAGE, line_of("  • Politics"), "link_list")
    assert_removed_as(NEWS_PAGE, line_of(FOOTER[0]), "link_list")
    assert_removed_as(NEWS_PAGE, line_of("Sign up for our daily newsletter"), "link_list")  # among short lines


def test_reason_comment_section():
    assert_removed_as(NEWS_PAGE, line_of(COMMENTS[7]), "comment_section")  # a comment's text
    assert_removed_as(NEWS_PAGE, line_of("Sarah K. says:"), "comment_section")
    assert_removed_as(NEWS_PAGE, line_of("November 20, 2019 at 9:02 am"), "comment_section")


def test_reason_copyright_footer():
    assert_removed_as(NEWS_PAGE, line_of(FOOTER[1]), "copyright_footer")


def test_reason_text_outside_main():
    assert_removed_as(NEWS_PAGE, line_of(TEASERS[3]), "text_outside_main")


def test_reason_date_line():
    assert_removed_as(NEWS_PAGE, line_of("By Anna Berg, Nov. 19, 2019 08:16 AM"), "date_line")
    assert reason_of(page(NAV, ["A line with 2019 in it and far more than twelve words, which is no byline."]), len(NAV) + 1) != "date_line"


def test_reason_short_fragment():
    assert_removed_as(NEWS_PAGE, line_of("Share this article"), "short_fragment")


def test_reason_low_content_score():
    assert_removed_as(NEWS_PAGE, line_of("Council closes harbour bridge to cars"), "low_content_score")
