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
    classify_with_model,
    load_model,
    reason_for,
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


def run_first_stage(lines: list[str], config: PipelineConfig = CONFIG) -> Document:
    """``run`` with the shipped model's first stage alone: for the rules and line features that
    stage is judged by, on hand-made pages (the second stage reads the scores around a line,
    which a short made-up page gives it little of)."""
    doc = Document(id="t", source="test", lines=list(lines), kept=[True] * len(lines), kind="text")
    first = LineModel(load_model(config.classifier.model_file).trees)
    apply_verdict(doc, "line_classifier", classify_with_model(doc, config, first))
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

    train = _trainer()
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


GERMAN_ARTICLE = [
    "Die Stadtverwaltung hat am Dienstag beschlossen, die alte Hafenbrücke ab dem nächsten Frühjahr "
    "für Autos zu sperren, nachdem die Debatte die Bewohner fast ein Jahrzehnt lang gespalten hatte.",
    "Ingenieure hatten seit Jahren gewarnt, dass der Stahlrahmen schneller rostet als erwartet, und ein "
    "Gutachten kam im vergangenen Monat zu dem Schluss, dass eine Reparatur teurer wäre als ein Neubau.",
    "„Wir können nicht ein Bauwerk flicken, das für Pferdewagen gebaut wurde“, sagte der Bürgermeister "
    "nach der Abstimmung und fügte hinzu, dass Radfahrer und Fußgänger die Brücke weiter nutzen dürfen.",
    "Geschäftsleute auf der Ostseite des Flusses befürchten, Kunden zu verlieren, während Pendler den "
    "Plan für eine neue Straßenbahnlinie begrüßten, den der Rat in derselben Sitzung gebilligt hat.",
]
GERMAN_NAV = ["  • Startseite", "  • Politik", "  • Wirtschaft", "  • Sport", "  • Kultur", "  • Wetter"]
GERMAN_FOOTER = ["Impressum | Datenschutz | Kontakt | AGB | Mediadaten", "© 2019 Hafen Medien GmbH"]


def test_german_page_keeps_the_article_and_drops_the_menu():
    doc = run(page(GERMAN_NAV, GERMAN_ARTICLE, GERMAN_FOOTER))
    kept = [line for line, keep in zip(doc.lines, doc.kept) if keep and line.strip()]
    assert kept == GERMAN_ARTICLE


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
    assert doc.removals  # the first pass did remove lines
    assert classify_lines(doc, CONFIG).removals == {}  # kept lines score the same again


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


TEASERS = [
    "Related stories",
    "Why the old tram depot was sold to a developer for less than it was worth, and who profited.",
    "Ferry operators say they are ready to carry more passengers across the river while the bridge is closed.",
]
HEADER = ["Council closes harbour bridge to cars", "By Anna Berg, Nov. 19, 2019 08:16 AM"]
APPEALS = ["Share this article", "Sign up for our daily newsletter"]
NEWS_PAGE = page(NAV, HEADER, ARTICLE, APPEALS, COMMENTS, FOOTER)


def line_of(text: str) -> int:
    return NEWS_PAGE.index(text)


def reason_of(lines: list[str], index: int, after_main: bool = False, outside_main: bool = False) -> str:
    """The reason code for line ``index`` of ``lines``, were it removed."""
    return reason_for(page_features(lines)[index], CONFIG.classifier, after_main, outside_main)


def test_news_page_keeps_the_article_and_drops_the_rest():
    doc = run(NEWS_PAGE)
    kept = [line for line, keep in zip(doc.lines, doc.kept) if keep and line.strip()]
    assert kept == ARTICLE


def test_removal_log_of_the_news_page():
    gone = removed(run(NEWS_PAGE))
    assert gone["  • Politics"] == "link_list"
    assert gone[FOOTER[0]] == "link_list"
    assert gone[FOOTER[1]] == "copyright_footer"
    assert gone[HEADER[1]] == "date_line"
    assert gone["Sarah K. says:"] == "comment_section"
    assert gone[COMMENTS[7]] == "comment_section"  # a comment's text
    assert gone["Share this article"] == "short_fragment"
    assert set(gone.values()) <= REASONS


def test_removal_log_can_fail():
    gone = removed(run(NEWS_PAGE))
    assert ARTICLE[0] not in gone and gone.get(ARTICLE[0]) != "link_list"
    with pytest.raises(KeyError):
        gone[ARTICLE[0]]


def test_teasers_after_the_article_keep_their_comments_apart():
    """Comments after teasers the model keeps are still logged as comments."""
    lines = page(NAV, HEADER, ARTICLE, APPEALS, TEASERS, COMMENTS, FOOTER)
    gone = removed(run(lines))
    assert all(line not in gone for line in ARTICLE)
    assert gone["John Miller says:"] == "comment_section"


REASONS = {
    "link_list",
    "copyright_footer",
    "comment_section",
    "text_outside_main",
    "date_line",
    "short_fragment",
    "low_content_score",
}


def test_reason_link_list():
    assert reason_of(NEWS_PAGE, line_of("  • Politics")) == "link_list"
    assert reason_of(NEWS_PAGE, line_of(FOOTER[0])) == "link_list"
    assert reason_of(NEWS_PAGE, line_of(HEADER[0])) != "link_list"


def test_reason_copyright_footer():
    assert reason_of(NEWS_PAGE, line_of(FOOTER[1])) == "copyright_footer"
    assert reason_of(NEWS_PAGE, line_of(FOOTER[0])) != "copyright_footer"


def test_reason_comment_section():
    index = line_of(COMMENTS[7])
    assert reason_of(NEWS_PAGE, index, after_main=True, outside_main=True) == "comment_section"
    assert reason_of(NEWS_PAGE, line_of("Sarah K. says:"), after_main=True, outside_main=True) == "comment_section"
    assert reason_of(NEWS_PAGE, index) != "comment_section"  # not after the kept text


def test_reason_text_outside_main():
    page_without_dates = [line for line in NEWS_PAGE if "2019 at" not in line]
    index = page_without_dates.index(COMMENTS[3])
    assert reason_of(page_without_dates, index, after_main=True, outside_main=True) == "text_outside_main"
    assert reason_of(page_without_dates, index) != "text_outside_main"


def test_reason_date_line():
    assert reason_of(NEWS_PAGE, line_of(HEADER[1])) == "date_line"
    long_dated = page(NAV, ["A line with 2019 in it and far more than twelve words, which is no byline at all"])
    assert reason_of(long_dated, len(NAV) + 1) != "date_line"


def test_reason_short_fragment():
    assert reason_of(NEWS_PAGE, line_of("Share this article")) == "short_fragment"
    assert reason_of(NEWS_PAGE, line_of(HEADER[0])) != "short_fragment"


def test_reason_low_content_score():
    assert reason_of(NEWS_PAGE, line_of(HEADER[0])) == "low_content_score"
    assert reason_of(NEWS_PAGE, line_of("Share this article")) != "low_content_score"


TEASER_BLOCKS = [
    ["Tram depot sold", "Why the old tram depot was sold to a developer for less than it was worth, and who profited."],
    ["Ferries ready", "Ferry operators say they are ready to carry more passengers across the river while the bridge is closed."],
    ["Cycle lanes", "The council wants to double the length of the city's cycle lanes by the end of the next decade."],
]


def test_run_of_teaser_blocks_after_the_article_goes():
    """The end of a run of title + summary blocks after the article goes; the article stays."""
    doc = run_first_stage(page(NAV, HEADER, ARTICLE, *TEASER_BLOCKS, FOOTER))
    gone = removed(doc)
    assert all(line not in gone for line in ARTICLE)
    assert gone[TEASER_BLOCKS[2][1]] == "text_outside_main"
    assert gone[TEASER_BLOCKS[2][0]] == "short_fragment"


@pytest.mark.xfail(reason="known gap: the line_features_v5 model scores the first blocks of a teaser run right "
                          "after the article as sub-headed paragraphs (0.70-0.75; line_model_v2 gave 0.48-0.54)",
                   strict=True)
def test_teaser_run_goes_from_its_first_blocks():
    gone = removed(run_first_stage(page(NAV, HEADER, ARTICLE, *TEASER_BLOCKS, FOOTER)))
    assert gone[TEASER_BLOCKS[1][1]] == "text_outside_main"


# an article (lines 0-4, 20-30 words) whose line 2 is a short removed fragment, removed
# boilerplate (6-8), then two teasers (10-11) scoring above the keep threshold but below 0.8
REGION_PROBA = [0.9, 0.95, 0.1, 0.9, 0.85, 0.1, 0.05, 0.2, 0.7, 0.65]
REGION_WORDS = [25, 30, 1, 28, 22, 12, 10, 8, 18, 17]
REGION_LINES = [0, 1, 2, 3, 4, 6, 7, 8, 10, 11]


def test_kept_text_outside_the_main_run_goes():
    """Teasers after the boilerplate score above keep_threshold, but lie outside the article's run."""
    removals = judged(REGION_PROBA, REGION_WORDS, REGION_LINES, prose=True)
    assert removals[10] == removals[11] == "text_outside_main"
    assert not {0, 1, 3, 4} & set(removals)
    # the rule is what removes them: without it they stay
    assert not {10, 11} & set(judged(REGION_PROBA, REGION_WORDS, REGION_LINES, prose=True,
                                     main_region_keep_probability=None))


def test_article_split_by_a_short_line_stays_one_main_run():
    """A removed line inside the article does not cut it: lines after it stay in the main run."""
    removals = judged(REGION_PROBA, REGION_WORDS, REGION_LINES, prose=True)
    assert removals[2] == "short_fragment"
    assert not {3, 4} & set(removals)


# --- the block rule ---------------------------------------------------------------------------


def judged(proba: list[float], words: list[int], candidates: list[int], prose: bool = False, **settings) -> dict[int, str]:
    """Removals of ``judge_lines`` over synthetic rows (only the words column matters here, and
    with ``prose`` the stop-word share and sentence end that make a long line read as prose)."""
    from cleaners.line_classifier import judge_lines

    features = np.zeros((len(proba), len(FEATURE_NAMES)), dtype=np.float32)
    features[:, FEATURE_NAMES.index("words")] = words
    if prose:
        features[:, FEATURE_NAMES.index("stop_share")] = 0.4
        features[:, FEATURE_NAMES.index("ends_sentence")] = 1.0
    config = config_from_dict({"classifier": settings})
    return judge_lines(candidates, features, np.asarray(proba), config.classifier).removals


# a paragraph broken at its links (lines 0-4), a blank line, then a second paragraph (6-8)
BROKEN_PROBA = [0.9, 0.3, 0.8, 0.25, 0.85, 0.9, 0.95, 0.6]
BROKEN_WORDS = [14, 1, 12, 2, 15, 20, 18, 16]
BROKEN_LINES = [0, 1, 2, 3, 4, 6, 7, 8]


def test_low_scoring_piece_of_a_kept_paragraph_stays():
    assert judged(BROKEN_PROBA, BROKEN_WORDS, BROKEN_LINES) == {}


def test_without_the_block_rule_the_pieces_go():
    removals = judged(BROKEN_PROBA, BROKEN_WORDS, BROKEN_LINES, block_keep_probability=None)
    assert removals == {1: "short_fragment", 3: "short_fragment"}


def test_block_rule_keeps_nothing_scoring_below_its_floor():
    proba = [0.9, 0.1, 0.8, 0.25, 0.85, 0.9, 0.95, 0.6]
    assert judged(proba, BROKEN_WORDS, BROKEN_LINES) == {1: "short_fragment"}


def test_block_rule_does_not_rescue_lines_of_a_removed_block():
    # the second block (lines 6-8) is mostly removed: its 0.3 line is not rescued
    proba = [0.9, 0.9, 0.8, 0.9, 0.85, 0.1, 0.3, 0.1]
    words = [14, 12, 12, 12, 15, 20, 6, 16]
    removals = judged(proba, words, BROKEN_LINES, main_region_keep_probability=None)
    assert set(removals) == {6, 7, 8}


def test_a_line_an_earlier_step_removed_ends_the_block():
    # line 2 was removed earlier (it is no candidate): lines 0-1 and 3-4 are two blocks
    proba = [0.9, 0.3, 0.3, 0.1]
    words = [15, 2, 2, 15]
    removals = judged(proba, words, [0, 1, 3, 4], main_region_keep_probability=None, min_kept_words=None)
    assert set(removals) == {3, 4}  # line 1 stays with line 0; line 3 goes with line 4


def test_reasons_of_many_rows_match_reason_for_row_by_row():
    """``_reasons`` (whole columns) gives ``reason_for`` of every row, flags included; and it can
    fail: a row whose flags differ gets another code."""
    from cleaners.line_classifier import _reasons

    rng = np.random.default_rng(0)
    rows = rng.choice([0.0, 0.1, 0.15, 0.6, 1.0, 2.0, 4.0, 6.0, 8.0, 12.0, 13.0], size=(400, len(FEATURE_NAMES)))
    rows = rows.astype(np.float32)
    after = rng.random(400) < 0.3
    outside = after | (rng.random(400) < 0.3)
    expected = [reason_for(row, CONFIG.classifier, a, o) for row, a, o in zip(rows, after.tolist(), outside.tolist())]
    assert _reasons(rows, CONFIG.classifier, after, outside) == expected
    assert len(set(expected)) >= 5  # most codes occur
    assert _reasons(rows, CONFIG.classifier, ~after, outside) != expected


# --- numbered lists ---------------------------------------------------------------------------

GIFT_LIST = [
    "Here are the deals worth a look this week, picked by our editors from the big shops.",
    "1) Lego Star Wars Resistance Bomber",
    "http://amzn.to/abc1",
    "2) Electric racing track with two cars",
    "http://amzn.to/abc2",
    "3) Blade Runner, The Final Cut (4K Ultra HD)",
    "http://amzn.to/abc3",
    "4) Ghostbusters Collection 1-2 (Steelbook)",
    "http://amzn.to/abc4",
    "5) Monopoly, travel edition",
    "http://amzn.to/abc5",
    "Follow us on Twitter",
]


def test_numbered_list_cut_part_way_is_kept_whole():
    from cleaners.line_classifier import continued_numbered_lists

    candidates = list(range(len(GIFT_LIST)))
    removals = {k: "short_fragment" for k in range(5, 12)}  # cut after item 2
    restored = continued_numbered_lists(GIFT_LIST, candidates, removals, gap=6)
    assert restored == list(range(5, 11))  # items 3-5 and their link lines
    assert 11 not in restored  # the line after the list's last item and its link



def test_numbered_list_keeps_no_image_placeholders():
    from cleaners.line_classifier import continued_numbered_lists

    lines = ["1. Reusable bags", "[reusable-bag]", "2. Compost bin", "[compost]", "3. Glass jars", "[jars]",
             "4. Cloth napkins", "[napkins]"]
    restored = continued_numbered_lists(lines, list(range(8)), {k: "x" for k in range(3, 8)}, gap=6)
    assert restored == [4, 6]  # items 3 and 4; their image lines stay removed


def test_numbered_list_missing_its_first_item_is_kept_whole():
    # the first item, right under the introduction, scored low; items 2 and 3 stay
    from cleaners.line_classifier import continued_numbered_lists

    candidates = list(range(len(GIFT_LIST)))
    first_gone = {k: "short_fragment" for k in (1, 2, 7, 8, 9, 10, 11)}
    assert continued_numbered_lists(GIFT_LIST, candidates, first_gone, gap=6) == [1, 2, 7, 8, 9, 10]


def test_numbered_list_without_two_of_its_first_three_items_stays_removed():
    from cleaners.line_classifier import continued_numbered_lists

    candidates = list(range(len(GIFT_LIST)))
    one_of_three = {k: "short_fragment" for k in (1, 2, 3, 4, 7, 8, 9, 10)}  # only item 3 stays
    assert continued_numbered_lists(GIFT_LIST, candidates, one_of_three, gap=6) == []
    # numbers that do not follow each other, or items too far apart, are no list
    scattered = ["1) one", "text", "3) three", "text", "4) four", "5) five"]
    assert continued_numbered_lists(scattered, list(range(6)), {4: "x", 5: "x"}, gap=6) == []
    spread = ["1. a", "2. b", "x", "x", "x", "3. c", "4. d"]
    assert continued_numbered_lists(spread, list(range(7)), {5: "x", 6: "x"}, gap=2) == []


class FixedScores:
    """A stand-in model scoring each line by its text: the step's wiring, not the model, is tested."""

    def __init__(self, lines: list[str], scores: dict[str, float]) -> None:
        self.lines, self.scores = lines, scores

    def predict_proba(self, features: np.ndarray, candidates: list[int]) -> np.ndarray:
        return np.array([self.scores.get(self.lines[k], 0.05) for k in candidates])


def test_numbered_list_rule_in_the_step_and_off_switch():
    lines = page(ARTICLE, GIFT_LIST, FOOTER)
    scores = {line: 0.95 for line in ARTICLE + GIFT_LIST[:5]}  # the list is cut after item 2
    scores.update({line: 0.1 for line in GIFT_LIST[5:11]})  # under block_keep_probability
    doc = Document(id="t", source="test", lines=list(lines), kept=[True] * len(lines), kind="text")
    model = FixedScores(lines, scores)
    with_rule = classify_with_model(doc, CONFIG, model).removals
    off = config_from_dict({"classifier": {"numbered_list_gap": None}})
    without = classify_with_model(doc, off, model).removals
    items = [lines.index(line) for line in GIFT_LIST[5:11]]
    assert all(k in without for k in items)  # scored low, they go without the rule
    assert not any(k in with_rule for k in items)  # the list's first items stay, so all of it does
    assert lines.index(GIFT_LIST[11]) in with_rule and lines.index(FOOTER[1]) in with_rule


# --- forum threads ----------------------------------------------------------------------------

THREAD = [
    "TissueBox", "Member", "Oct 25, 2017", "  • Mar 27, 2025", "  • #1",
    "You and your closest friends have been chosen by a twist of fate to prevent the end of the world, "
    "and are sent on an adventure to collect the melodies that stop the great destroyer of universes.",
    "And is the Earth in good hands?",
    "Poltergust", "Member", "Oct 25, 2017", "  • Mar 27, 2025", "  • #2",
    "Do I unlock latent psychic powers throughout my journey?",
    "Because if not then I'd rather just leave Earth to its fate lol.",
    "BassForever", "Member", "Nov 2, 2019", "  • Mar 27, 2025", "  • #3",
    "My friends and I don't pray, so we're doomed.",
    "Miami, FL", "  • Mar 28, 2025", "  • #4",
    "We would waste like an hour trying to say his name.", "Reactions: TissueBox and Poltergust",
    "You must log in or register to reply here.", "Similar threads", "Share this page",
]


def _forum(removed_lines: list[str]) -> list[int]:
    from cleaners.line_classifier import forum_replies

    candidates = list(range(len(THREAD)))
    removals = {k: "link_list" for k, line in enumerate(THREAD) if line in removed_lines}
    return [THREAD[k] for k in forum_replies(THREAD, candidates, page_features(THREAD), removals)]


def test_a_numbered_threads_replies_stay_with_its_opening_post_and_their_headers_go():
    replies = ["Do I unlock latent psychic powers throughout my journey?",
               "Because if not then I'd rather just leave Earth to its fate lol.",
               "My friends and I don't pray, so we're doomed.",
               "We would waste like an hour trying to say his name."]
    headers = [line for line in THREAD if line not in replies and line != THREAD[5]]
    # the classifier kept the opening post's first paragraph alone: its other sentence and the
    # replies' come back, the headers (names, join dates, post numbers, a location) and the
    # thread's footer do not
    assert _forum(replies + headers) == [THREAD[6]] + replies
    # the last post is the run of sentences right after its number: the thread's footer is not
    assert "You must log in or register to reply here." in headers


def test_post_numbers_with_their_dates_count_too():
    from cleaners.line_classifier import forum_replies

    dated = [line.replace(f"#{n}", f"#{n} · Mar 27, 2025") if line.strip().endswith(f"#{n}") else line
             for line in THREAD for n in [line.strip()[-1]]]
    assert dated[4] == "  • #1 · Mar 27, 2025"
    replies = ["Do I unlock latent psychic powers throughout my journey?", "My friends and I don't pray, so we're doomed."]
    removals = {k: "link_list" for k, line in enumerate(dated) if k not in (5, 6)}
    kept = [dated[k] for k in forum_replies(dated, list(range(len(dated))), page_features(dated), removals)]
    assert set(replies) <= set(kept) and "Poltergust" not in kept


def test_replies_stay_removed_without_a_kept_post_or_numbered_posts():
    replies = [THREAD[12], THREAD[13], THREAD[19], THREAD[23]]
    assert _forum(replies + [THREAD[5], THREAD[6]]) == []  # no post keeps 20 words
    # with numbered posts, one kept post is enough: the opening post's sentences come back too
    long_reply = ("Honestly I think we would do fine, because my group has a nurse, a mechanic and a "
                  "teacher who can talk anyone into anything.")
    thread = THREAD[:12] + [long_reply] + THREAD[12:]
    removed = {k: "link_list" for k, line in enumerate(thread) if line != long_reply}
    from cleaners.line_classifier import forum_replies

    kept = [thread[k] for k in forum_replies(thread, list(range(len(thread))), page_features(thread), removed)]
    assert THREAD[5] in kept and THREAD[6] in kept and "Poltergust" not in kept
    from cleaners.line_classifier import forum_replies

    unnumbered = [line for line in THREAD if "#" not in line]
    removals = {k: "link_list" for k, line in enumerate(unnumbered) if line in replies}
    assert forum_replies(unnumbered, list(range(len(unnumbered))), page_features(unnumbered), removals) == []
    # two numbers are no run: a ranked "#1", "#2" pair in an article
    two = THREAD[:18]
    removals = {k: "link_list" for k, line in enumerate(two) if line in replies}
    assert forum_replies(two, list(range(len(two))), page_features(two), removals) == []


DISCOURSE = [
    "Confusing resolver behaviour in compose files",
    "amondale (Amondale) November 8, 2024, 7:33pm 1",
    "I run three services in one compose file and the second one cannot resolve the first by its "
    "service name, although both are on the same network and the first one starts without errors.",
    "rimelek (Ákos Takács) November 8, 2024, 8:42pm 2",
    "Which version of the engine do you use?",
    "Docker",
    "amondale (Amondale) November 9, 2024, 9:10am 3",
    "Version 27 on a Debian host, installed from the official packages.",
]


def test_a_thread_whose_posts_carry_author_date_and_time_keeps_its_replies():
    from cleaners.line_classifier import forum_replies

    replies = [DISCOURSE[4], DISCOURSE[7]]
    removals = {k: "link_list" for k, line in enumerate(DISCOURSE) if k not in (0, 2)}
    restored = forum_replies(DISCOURSE, list(range(len(DISCOURSE))), page_features(DISCOURSE), removals)
    assert [DISCOURSE[k] for k in restored] == replies  # "Docker" (a member's title) stays removed
    # the same headers over a blog's comments: the post above them outweighs the first comment
    blog = ARTICLE + DISCOURSE[1:]
    removals = {k: "link_list" for k, line in enumerate(blog) if line in DISCOURSE[3:]}
    assert forum_replies(blog, list(range(len(blog))), page_features(blog), removals) == []


QA_PAGE = [
    "Why is RAID not a backup?",
    "When someone mentions RAID in a conversation about backups, someone always says it is no backup.",
    "asked May 2, 2009 at 0:54",
    "Because a RAID copies every mistake you make to every disk at once, including the file you deleted "
    "by accident a minute ago and the one a program overwrote with garbage last night.",
    "Share", "Improve this answer", "answered May 2, 2009 at 1:10", "Jane Doe", "12.4k gold badges",
    "But what about silent data corruption, does a filesystem notice it?", "jldugger", "– jldugger",
    "2009-05-03 18:07:51 +00:00", "Commented May 3, 2009 at 18:07",
    "Redundancy protects you against your hardware failing.",
    "It does not protect against user error, nor against malicious activity.",
    "Share", "answered May 3, 2009 at 21:22", "Jörg W Mittag",
    "A backup is a copy you can go back to; a mirror only keeps the present.",
    "answered May 4, 2009 at 8:00",
]


def test_a_qa_pages_answers_stay_and_their_comments_do_not():
    from cleaners.line_classifier import forum_replies

    removals = {k: "link_list" for k in range(len(QA_PAGE)) if k not in (0, 1, 3)}  # one answer kept
    kept = [QA_PAGE[k] for k in forum_replies(QA_PAGE, list(range(len(QA_PAGE))), page_features(QA_PAGE), removals)]
    assert kept == [QA_PAGE[14], QA_PAGE[15], QA_PAGE[19]]  # the other answers' sentences
    # the readers' comment under the first answer, followed by its timestamp, stays removed


def test_forum_replies_in_the_step_and_off_switch():
    scores = {THREAD[5]: 0.95, THREAD[6]: 0.9}  # every other line scores 0.05
    doc = Document(id="t", source="test", lines=list(THREAD), kept=[True] * len(THREAD), kind="text")
    model = FixedScores(THREAD, scores)
    with_rule = classify_with_model(doc, CONFIG, model).removals
    off = classify_with_model(doc, config_from_dict({"classifier": {"forum_replies": False}}), model).removals
    reply = THREAD.index("Do I unlock latent psychic powers throughout my journey?")
    assert reply in off and reply not in with_rule
    assert THREAD.index("Poltergust") in with_rule


def test_a_real_forum_thread_keeps_its_short_replies():
    dump = REPO.parent / "shared" / "bench" / "wcxb-dev" / "dumps" / "w3m" / "0514.txt"
    if not dump.exists():
        pytest.skip("the development split is not beside the repository")
    from cleaners.pipeline import clean_bytes

    text = clean_bytes(dump.read_bytes(), "0514", "0514.txt", "text", CONFIG).text
    kept = set(text.split("\n"))
    assert "Do I unlock latent psychic powers throughout my journey?" in kept  # the first reply
    assert "Sorry in advance for letting everyone down. We had a [S:good:S] run." in kept  # a later one
    assert not {"Poltergust", "Member", "Click to shrink...", "Last edited: Mar 27, 2025"} & kept


# --- lists introduced by a kept line ending in a colon ----------------------------------------

BRANDS = [
    "A good stove boils a litre of water in a few minutes and packs down to the size of a mug, "
    "so most people who cook on the trail carry one of three kinds.",
    "",
    "The top brands for camp stoves include:",
    "",
    "  • Coleman",
    "  • Jetboil",
    "  • MSR",
    "",
    "Canister stoves are the easiest to use, since the fuel needs no priming and the flame is simple to adjust.",
]


def _introduced(lines: list[str], removed: set[int]) -> list[int]:
    from cleaners.line_classifier import introduced_lists

    candidates = [k for k, line in enumerate(lines) if line.strip()]
    rows = page_features(lines)[candidates]
    return introduced_lists(lines, candidates, rows, {k: "link_list" for k in removed})


def test_a_list_under_a_kept_line_ending_in_a_colon_keeps_its_items():
    # (the text after the list is kept: the list is inside the article)
    assert _introduced(BRANDS, {4, 5, 6}) == [4, 5, 6]
    assert _introduced(BRANDS, {5}) == [5]  # an item the classifier dropped among kept ones
    numbered = [line.replace("  • ", f"{n}. ") for n, line in enumerate(BRANDS, -3)]
    assert numbered[4] == "1. Coleman" and _introduced(numbered, {4, 5, 6}) == [4, 5, 6]


def test_a_list_stays_removed_under_a_removed_or_colonless_line_or_alone():
    assert _introduced(BRANDS, {2, 4, 5, 6}) == []  # the introduction itself went
    colonless = [line.rstrip(":") for line in BRANDS]
    assert _introduced(colonless, {4, 5, 6}) == []
    one_item = BRANDS[:5] + BRANDS[7:]
    assert _introduced(one_item, {4}) == []
    # a list the page's kept text does not go on after: tags, related links, a site's footer
    assert _introduced(BRANDS, {4, 5, 6, 8}) == [] and _introduced(BRANDS[:7], {4, 5, 6}) == []
    # a line between that is no item ends the list: the items after it are another list
    interrupted = BRANDS[:4] + ["Our picks for this year", "  • Coleman", "  • Jetboil"] + BRANDS[7:]
    assert _introduced(interrupted, {4, 5, 6}) == []
    # an earlier step's removal between the introduction and the items ends it too
    from cleaners.line_classifier import introduced_lists

    candidates = [0, 2, 5, 6, 8]  # line 4 removed by a rule: not a candidate
    rows = page_features(BRANDS)[candidates]
    assert introduced_lists(BRANDS, candidates, rows, {5: "link_list", 6: "link_list"}) == []


def test_introduced_lists_in_the_step_and_off_switch():
    scores = {BRANDS[0]: 0.95, BRANDS[2]: 0.9, BRANDS[8]: 0.95}  # the items score 0.05
    doc = Document(id="b", source="test", lines=list(BRANDS), kept=[True] * len(BRANDS), kind="text")
    model = FixedScores(BRANDS, scores)
    with_rule = classify_with_model(doc, CONFIG, model).removals
    off = classify_with_model(doc, config_from_dict({"classifier": {"introduced_lists": False}}), model).removals
    assert {4, 5, 6} <= set(off) and not {4, 5, 6} & set(with_rule)


def _trainer():
    import importlib.util

    if "train_line_model" in sys.modules:
        return sys.modules["train_line_model"]
    spec = importlib.util.spec_from_file_location("train_line_model", REPO / "bench" / "train_line_model.py")
    train = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = train  # dataclasses in the script look their module up
    spec.loader.exec_module(train)
    return train


def test_capitalised_copy_capitalises_content_words_alike_in_text_and_gold():
    pytest.importorskip("sklearn")
    pytest.importorskip("justext")
    train = _trainer()
    text = ("Home | About\n" + "the committee discussed the proposal and the budget for the museum, "
            "the library and the harbour while the residents waited outside the building.\n") * 3
    page = train.Page("aeb-w3m", "p1", "example.org", text, text.splitlines()[1], True)
    copy = train.capitalised(page, 0.5)
    assert copy.set_name == "aeb-w3m+capitalised" and copy.weight == 0.5 and not copy.train
    assert copy.gold == copy.text.splitlines()[1]  # the gold changes exactly as the page does
    words, changed = page.text.split(), copy.text.split()
    assert len(words) == len(changed) and [w.lower() for w in changed] == [w.lower() for w in words]
    capitalised = {w for w, c in zip(words, changed) if w != c}
    assert capitalised and not capitalised & {"the", "and", "for", "while"}  # stop words stay lower case
    assert 0.2 < len(capitalised) / len({w for w in words if w.islower()}) < 0.8  # about half
    # the same word is capitalised on every line, as German capitalises every noun
    lines = copy.text.splitlines()
    assert lines[1] == lines[3] == lines[5]


def test_saved_fold_models_score_as_trained_and_refuse_other_folds(tmp_path, monkeypatch):
    """``--save-folds`` / ``--load-folds``: a fold's model comes back as it scored when trained,
    and a file made for another fold or another deal of sites into folds is refused (its pages
    would be scored by a model trained on them)."""
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier

    train = _trainer()
    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, len(FEATURE_NAMES))).astype(np.float32)
    y = (X[:, 0] > 0).astype(int)
    stage_one = HistGradientBoostingClassifier(max_iter=5, early_stopping=False, random_state=0).fit(X, y)
    width = len(train.CONTEXT_FEATURE_NAMES) + len(train.CONTEXT_LINE_FEATURES)
    Xc = rng.normal(size=(600, width)).astype(np.float32)
    stage_two = HistGradientBoostingClassifier(max_iter=5, early_stopping=False, random_state=0).fit(Xc, y)
    monkeypatch.setattr(train, "FOLD_SEED", 1)
    train.save_fold_model(tmp_path, 2, stage_one, stage_two)
    model, alone = train.saved_fold_models(tmp_path, 2)
    assert model.context is not None and alone.context is None
    expected = train.line_model(stage_one, stage_two)
    assert np.array_equal(model.trees.predict_proba(X), expected.trees.predict_proba(X))
    assert np.array_equal(model.context.predict_proba(Xc), expected.context.predict_proba(Xc))
    (tmp_path / "fold-3.json").write_text((tmp_path / "fold-2.json").read_text())
    with pytest.raises(SystemExit, match="fold 2 of fold seed 1, not fold 3"):
        train.saved_fold_models(tmp_path, 3)
    monkeypatch.setattr(train, "FOLD_SEED", 0)
    with pytest.raises(SystemExit, match="fold seed 1, not fold 2 of fold seed 0"):
        train.saved_fold_models(tmp_path, 2)


def test_bs4_dump_renders_html_as_the_bench_bs4_dumps_were_made(bench_dir):
    """The trainer's wcxb-dev bs4 renderings are faithful only if the same recipe gives aeb-dev's
    own bs4 dumps from their HTML: compared over the first 20 aeb-dev pages, byte for byte."""
    pytest.importorskip("sklearn")
    import gzip

    train = _trainer()
    aeb = bench_dir / "aeb-dev"
    ids = (aeb / "ids.txt").read_text(encoding="utf-8").split()[:20]
    same = 0
    for page_id in ids:
        html = gzip.decompress((aeb / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        dump = train.bs4_dump(html)
        assert "\n\n\n" not in dump and not any(line != line.rstrip() for line in dump.splitlines())
        same += dump == (aeb / "dumps" / "bs4" / f"{page_id}.txt").read_text(encoding="utf-8")
    assert same >= 18, f"only {same} of {len(ids)} aeb-dev bs4 dumps reproduced"


def test_trees_trained_with_bins_from_every_line_depend_on_no_random_draw():
    """Over 200,000 lines scikit-learn bins the features by a random sample of them, so the
    seed moves every tree; within ``bins_from_every_line`` the bins are the quantiles of every
    line and the seed changes nothing."""
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.ensemble._hist_gradient_boosting import gradient_boosting

    train = _trainer()
    rng = np.random.default_rng(0)
    X = rng.random((201_000, 2))
    y = (X[:, 0] + 0.2 * rng.random(201_000) > 0.6).astype(int)

    def scores(seed: int, every_line: bool) -> np.ndarray:
        model = HistGradientBoostingClassifier(max_iter=1, early_stopping=False, random_state=seed)
        if every_line:
            with train.bins_from_every_line():
                model.fit(X, y)
        else:
            model.fit(X, y)
        return model.predict_proba(X[:2000])[:, 1]

    assert not np.array_equal(scores(0, False), scores(1, False))
    assert np.array_equal(scores(0, True), scores(1, True))
    assert gradient_boosting._BinMapper().subsample == 200_000  # scikit-learn's own default is back


def test_a_naive_scrapes_piece_of_a_kept_sentence_stays():
    """A link's words on a line of their own between the two kept halves of their sentence, and
    the punctuation after a kept line's sentence, stay when the classifier scored them alone
    as a menu's item or a fragment; a longer line, a line under a sentence's end or one whose
    sentence does not go on below stay removed."""
    from cleaners.text import sentence_pieces

    lines = ["It is possible for a", "SELECT", " command running at the same time to see it.",  # 0-2
             "", "Rates rose again this week, said the", "central bank", ".",  # 4-6
             "", "Read the whole story.", "Newsletter", " to stay informed about the markets",  # 8-10
             "", "The results are in the", "first annual report of the whole industry", " for 2024.",  # 12-14
             "", "See the", "login", "", "More from us"]  # 16-19
    kept = [True] * len(lines)
    removed = {1: "link_list", 5: "short_fragment", 6: "short_fragment", 9: "link_list", 13: "link_list",
               17: "link_list", 19: "link_list"}
    for index in removed:
        kept[index] = True  # still kept before this verdict applies
    assert sorted(sentence_pieces(lines, kept, removed)) == [1, 5, 6]
    # the same page as the pipeline cleans it: the sentence keeps its word and its full stop
    doc = Document.from_text("t", "t.txt", "\n".join(lines[:7]))
    for index in (1, 5, 6):
        doc.kept[index] = False
    assert sentence_pieces(doc.lines, [True] * 7, {1: "link_list", 5: "short_fragment", 6: "short_fragment"}) == [1, 5, 6]


def test_sentence_pieces_on_the_development_bs4_dumps(bench_dir):
    """aeb-dev's BeautifulSoup dumps: with ``classifier.sentence_pieces`` off, the classifier
    removes the full stops and link words of kept sentences on some pages; on, none of its
    removals is such a piece, and the texts hold more than they held (the pieces; "N225" /
    ")" / " declined 0.3%" reads "N225) declined 0.3%")."""
    from cleaners.text import sentence_pieces
    from cleaners.pipeline import clean_bytes

    off = config_from_dict({"classifier": {"sentence_pieces": False}})
    changed = 0
    for path in sorted((bench_dir / "aeb-dev" / "dumps" / "bs4").glob("*.txt")):
        with_rule = clean_bytes(path.read_bytes(), path.stem, path.name, "text", PipelineConfig())
        without = clean_bytes(path.read_bytes(), path.stem, path.name, "text", off)
        doc = with_rule.document
        by_classifier = {r.line_no - 1: r.reason for r in doc.removals if r.step == "line_classifier"}
        before = [True] * len(doc.lines)  # the classifier's removals as still kept, the others' gone
        for r in doc.removals:
            if r.step != "line_classifier":
                before[r.line_no - 1] = False
        assert sentence_pieces(doc.lines, before, by_classifier) == []
        if with_rule.text != without.text:
            changed += 1
            assert len("".join(with_rule.text.split())) > len("".join(without.text.split()))
    assert changed >= 10, changed
