"""Line features: each feature on a line that has the shape and on one that does not."""

from __future__ import annotations

import numpy as np
import pytest

from cleaners.line_features import FEATURE_NAMES, page_features

ARTICLE = [
    "Americans have gone to the polls four times this month to vote in major, statewide races.",
    "In each case, the president tied himself to the outcome, and in each case he lost ground.",
    "It is true that the candidates did not run on the issue; the races were about health care.",
    "But just because no one ran on it does not mean it was not in the air at all. Voters noticed.",
]
MENU = ["  • Home", "  • World", "  • Politics", "  • Business", "  • Sports | Weather | Video"]
GERMAN = [
    "Die Regierung hat am Montag angekündigt, dass die Steuern im nächsten Jahr nicht steigen werden.",
    "Das ist eine gute Nachricht für die Bürger, die in den letzten Monaten unter den Preisen litten.",
    "Nach Angaben des Ministeriums soll das Geld aus einem Sonderfonds kommen, der bereits besteht.",
]


def feature(lines: list[str], index: int, name: str) -> float:
    """One feature of one line; an unknown feature name is an error, not a silent zero."""
    return float(page_features(lines)[index, FEATURE_NAMES.index(name)])


def page(*parts: list[str]) -> list[str]:
    """Blocks joined by one blank line, as a text browser prints paragraphs."""
    lines: list[str] = []
    for part in parts:
        if lines:
            lines.append("")
        lines.extend(part)
    return lines


def test_feature_helper_fails_on_unknown_name():
    with pytest.raises(ValueError):
        feature(ARTICLE, 0, "no_such_feature")


def test_matrix_shape_and_blank_rows():
    lines = page(MENU, ARTICLE)
    matrix = page_features(lines)
    assert matrix.shape == (len(lines), len(FEATURE_NAMES))
    assert matrix.dtype == np.float32
    assert not matrix[len(MENU)].any()  # the blank line between the blocks
    assert matrix[0].any() and matrix[-1].any()
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)


def test_empty_and_all_blank_pages():
    assert page_features([]).shape == (0, len(FEATURE_NAMES))
    assert not page_features(["", "   ", ""]).any()


def test_features_are_deterministic_and_finite():
    lines = page(MENU, ARTICLE, ["© 2019 Example Media. All rights reserved."])
    first, second = page_features(lines), page_features(list(lines))
    assert np.array_equal(first, second)
    assert np.isfinite(first).all()


def test_words_and_chars():
    lines = ["One two three four five.", "Hi"]
    assert feature(lines, 0, "words") == 5
    assert feature(lines, 0, "chars") == len(lines[0])
    assert feature(lines, 1, "words") == 1


def test_stop_share_in_the_page_language():
    english = page(ARTICLE, ["Apple Banana Cherry Durian Elderberry"])
    assert feature(english, 0, "stop_share") > 0.3
    assert feature(english, len(english) - 1, "stop_share") == 0.0
    german = page(GERMAN, ["Startseite Impressum Datenschutz Kontakt"])
    assert feature(german, 0, "stop_share") > 0.3  # German stop words, not English ones
    assert feature(german, 0, "page_language_known") == 1.0
    assert feature(german, len(german) - 1, "stop_share") == 0.0


def test_sentence_end_and_colon():
    lines = ["He said it was over.", "“You gotta give me a big win,” he said.”", "Related stories", "Leave a Reply:"]
    assert feature(lines, 0, "ends_sentence") == 1.0
    assert feature(lines, 1, "ends_sentence") == 1.0  # before a closing quote
    assert feature(lines, 2, "ends_sentence") == 0.0
    assert feature(lines, 3, "ends_colon") == 1.0
    assert feature(lines, 0, "ends_colon") == 0.0


def test_bullets_and_separators():
    lines = ["  • Home", "      □ Scores", "Home | News | Sport | Weather", "A plain sentence, with a comma."]
    assert feature(lines, 0, "starts_bullet") == 1.0
    assert feature(lines, 1, "starts_bullet") == 1.0
    assert feature(lines, 2, "separators") == 3
    assert feature(lines, 3, "starts_bullet") == 0.0
    assert feature(lines, 3, "separators") == 0.0


def test_capitals_and_digits():
    lines = ["Breaking News From The World Desk", "the quiet river ran on past the old mill", "2019-11-19 08:16"]
    assert feature(lines, 0, "cap_share") == 1.0
    assert feature(lines, 1, "cap_share") == 0.0
    assert feature(lines, 2, "digit_share") > 0.7
    assert feature(lines, 1, "digit_share") == 0.0


def test_date_time_shapes():
    lines = ["First published on November 19, 2019 / 8:16 AM", "Updated 20.11.2019", "He scored 3 goals."]
    assert feature(lines, 0, "date_time") == 1.0
    assert feature(lines, 1, "date_time") == 1.0
    assert feature(lines, 2, "date_time") == 0.0


def test_file_names_urls_and_copyright():
    lines = ["plos-one-zebra-cow.jpg", "Follow us at www.example.com", "© 2019 CBS Interactive Inc.", "A cow in a field."]
    assert feature(lines, 0, "file_name") == 1.0
    assert feature(lines, 1, "url_or_mail") == 1.0
    assert feature(lines, 2, "copyright") == 1.0
    for name in ("file_name", "url_or_mail", "copyright"):
        assert feature(lines, 3, name) == 0.0


def test_repeats_and_seen_before():
    lines = ["Share this article", "A unique sentence about the council vote.", "Share this article"]
    assert feature(lines, 0, "repeats") == 2
    assert feature(lines, 0, "seen_before") == 0.0
    assert feature(lines, 2, "seen_before") == 1.0
    assert feature(lines, 1, "repeats") == 1


def test_indent_and_wrapped_lines():
    long_line = "word " * 40
    lines = ["   Indented paragraph text.", long_line.strip(), "end of the wrapped paragraph."]
    assert feature(lines, 0, "indent") == 3
    assert feature(lines, 1, "wrapped") == 1.0
    assert feature(lines, 2, "wrapped") == 0.0


def test_blocks_and_blank_lines():
    lines = page(MENU, ARTICLE)
    first_article = len(MENU) + 1
    assert feature(lines, first_article, "blank_before") == 1
    assert feature(lines, first_article, "block_first") == 1.0
    assert feature(lines, first_article + 1, "block_first") == 0.0
    assert feature(lines, first_article, "block_lines") == len(ARTICLE)
    assert feature(lines, 0, "block_lines") == len(MENU)
    assert feature(lines, 0, "block_short_share") == 1.0
    assert feature(lines, first_article, "block_short_share") == 0.0
    assert feature(lines, first_article, "block_ends_sentence") == 1.0
    assert feature(lines, 0, "block_ends_sentence") == 0.0


def test_neighbours_see_the_lines_around():
    lines = page(MENU, ARTICLE)
    first_article = len(MENU) + 1
    assert feature(lines, first_article, "starts_bullet_prev1") == 1.0  # blank lines are skipped
    assert feature(lines, first_article + 1, "starts_bullet_prev1") == 0.0
    assert feature(lines, 0, "words_prev1") == -1.0  # nothing before the first line
    assert feature(lines, len(lines) - 1, "words_next1") == -1.0


def test_windows_and_dense_region():
    lines = page(MENU * 3, ARTICLE * 3, MENU * 3)
    first_article = len(MENU) * 3 + 1
    middle = first_article + len(ARTICLE)
    assert feature(lines, middle, "in_dense_region") == 1.0
    assert feature(lines, middle, "dense_distance") == 0.0
    assert feature(lines, middle, "textlike_win5") == 1.0
    assert feature(lines, 0, "in_dense_region") == 0.0
    assert feature(lines, 0, "dense_distance") < 0  # before the main text
    assert feature(lines, len(lines) - 1, "dense_distance") > 0  # after it
    assert feature(lines, 0, "short_win5") == 1.0
    assert feature(lines, 0, "text_after") == 1.0
    assert feature(lines, len(lines) - 1, "text_after") == 0.0
    assert feature(lines, len(lines) - 1, "short_to_dense") > 5


def test_gaps_to_text_like_lines():
    lines = page(ARTICLE, MENU, ARTICLE)
    first_menu = len(ARTICLE) + 1
    assert feature(lines, first_menu, "textlike_gap_above") == 1
    assert feature(lines, first_menu + 1, "textlike_gap_above") == 2
    assert feature(lines, first_menu, "textlike_gap_below") == len(MENU)
    assert feature(lines, 0, "textlike_gap_above") == 50  # none above: capped


def test_heading_ellipsis_and_split_sentence_shapes():
    lines = ["Council Closes Harbour Bridge To Cars", "Engineers had warned for years that the frame...", ", the mayor said.", "the bridge is old."]
    assert feature(lines, 0, "heading_like") == 1.0
    assert feature(lines, 3, "heading_like") == 0.0
    assert feature(lines, 1, "ends_ellipsis") == 1.0
    assert feature(lines, 3, "ends_ellipsis") == 0.0
    assert feature(lines, 2, "starts_punct") == 1.0
    assert feature(lines, 3, "starts_punct") == 0.0
    assert feature(lines, 3, "starts_lower") == 1.0
    assert feature(lines, 0, "starts_lower") == 0.0


def test_block_text_like_share():
    lines = page(MENU, ARTICLE)
    assert feature(lines, 0, "block_textlike_share") == 0.0
    assert feature(lines, len(MENU) + 1, "block_textlike_share") == 1.0


def test_emoji_are_not_words():
    lines = ["Great news 🚀 for everyone 😀 today.", "Plain words only here."]
    assert feature(lines, 0, "words") == 5
    assert feature(lines, 0, "cap_share") == pytest.approx(1 / 5)
    assert feature(lines, 1, "words") == 4


JAPANESE_PROSE = "今回はそのデスクトップアプリに関する話です。設定で変更できる箇所も少なく、融通が効かない面も多々あります。"
CHINESE_PROSE = "他们在会议上说，这个计划还没有完成，但是我们可以从明年开始实施。"


def test_unspaced_scripts_count_a_word_per_two_characters():
    """A CJK paragraph is one or two ``\\w+`` tokens; counted so, it would look like a menu item."""
    lines = ["  • サイトマップ", JAPANESE_PROSE, "Kindleの設定", CHINESE_PROSE, "Plain words only here."]
    ideographs = sum(1 for char in JAPANESE_PROSE if char.isalnum())
    assert feature(lines, 1, "words") == pytest.approx(ideographs / 2)
    assert feature(lines, 0, "words") == 3  # six katakana: a short menu item still
    assert feature(lines, 2, "words") == 1 + 1.5  # a Latin token, then three CJK characters
    assert feature(lines, 3, "words") > 10
    assert feature(lines, 4, "words") == 4  # spaced text is counted as before


def test_unspaced_scripts_count_function_characters_as_stop_words():
    lines = ["  • プライバシーポリシー", JAPANESE_PROSE, CHINESE_PROSE, "  • 免責事項"]
    assert feature(lines, 0, "stop_share") == 0.0  # katakana nouns: no particles
    assert feature(lines, 3, "stop_share") == 0.0
    assert 0.2 < feature(lines, 1, "stop_share") <= 1.0  # particles: の に は を が で …
    assert 0.2 < feature(lines, 2, "stop_share") <= 1.0  # 的 了 是 在 们 …


COMMENT_BLOCKS = [
    ["Jane Doe says:", "March 3, 2019 at 8:16 am", "I could not agree more with the council on this one."],
    ["Tom Smith says:", "March 3, 2019 at 9:20 am", "The bridge has been a danger for years, so it is about time."],
    ["Ann Lee says:", "March 4, 2019 at 7:05 am", "What about the people who live on the other side of the river?"],
]


def test_block_shapes_see_runs_of_similar_blocks():
    lines = page(MENU, ARTICLE, *COMMENT_BLOCKS)
    first_comment = len(MENU) + 1 + len(ARTICLE) + 1
    last_comment = len(lines) - 3
    assert feature(lines, first_comment, "block_shape_count") == 3
    assert feature(lines, first_comment, "block_shape_run") == 3
    assert feature(lines, first_comment, "block_shape_after") == 2
    assert feature(lines, last_comment, "block_shape_after") == 0
    assert feature(lines, first_comment, "block_has_date") == 1.0
    assert feature(lines, first_comment + 2, "block_first_words") == pytest.approx(np.log1p(3))
    # the article is a block of its own shape, with no date
    assert feature(lines, len(MENU) + 1, "block_shape_count") == 1
    assert feature(lines, len(MENU) + 1, "block_shape_run") == 1
    assert feature(lines, len(MENU) + 1, "block_has_date") == 0.0


def test_neighbouring_blocks_and_blocks_to_the_text():
    lines = page(MENU, ARTICLE, *COMMENT_BLOCKS)
    first_article = len(MENU) + 1
    assert feature(lines, 0, "prev_block_words") == -1.0  # no block before the first
    assert feature(lines, 0, "next_block_textlike") == 1.0
    assert feature(lines, first_article, "prev_block_textlike") == 0.0
    assert feature(lines, len(lines) - 1, "next_block_words") == -1.0
    assert feature(lines, first_article, "blocks_to_dense") == 0.0
    assert feature(lines, 0, "blocks_to_dense") == -1.0
    assert feature(lines, len(lines) - 1, "blocks_to_dense") == 3.0
    assert feature(lines, len(lines) - 1, "dates_to_dense") == 3.0
    assert feature(lines, first_article, "dates_to_dense") == 0.0


def test_end_of_the_article():
    lines = page(MENU, ARTICLE, ["Related stories", "Bridge closed", "Tram line approved"])
    last_article = len(MENU) + len(ARTICLE)
    assert feature(lines, last_article, "last_textlike_distance") == 0.0
    assert feature(lines, len(lines) - 1, "last_textlike_distance") == 3.0
    assert feature(lines, 0, "last_textlike_distance") < 0
    assert feature(lines, 0, "first_textlike_distance") == -(len(MENU))
    assert feature(lines, len(lines) - 1, "blocks_after_last_long") == 1.0
    assert feature(lines, last_article, "blocks_after_last_long") == 0.0


def test_one_sided_windows():
    lines = page(ARTICLE, ["Related stories", "Bridge Closed To Cars", "Tram Line Approved By Council"])
    last_article = len(ARTICLE) - 1
    assert feature(lines, last_article, "heading_fwd10") == pytest.approx(2 / 3)
    assert feature(lines, last_article, "heading_bwd10") == 0.0
    assert feature(lines, last_article, "textlike_bwd10") == 1.0
    assert feature(lines, len(lines) - 1, "textlike_fwd10") == 0.0  # nothing below: zero


def test_rows_of_some_lines_are_the_page_rows():
    lines = page(MENU, ARTICLE, GERMAN, ["", "  ", "Related stories"])
    from cleaners.line_features import line_features

    whole = page_features(lines)
    for indices in ([0, 1, 2], [i for i, line in enumerate(lines) if line.strip()], [len(lines) - 1], []):
        assert line_features(lines, indices).tobytes() == whole[indices].tobytes()
    blank = lines.index("")
    assert line_features(lines, [0, blank]).tobytes() == whole[[0, blank]].tobytes()  # a blank row: zeros


def test_whole_number_run_is_the_densest_region():
    from cleaners.line_features import _densest_whole_run, densest_region

    rng = np.random.default_rng(0)
    for _ in range(3000):
        score = rng.choice([-12.0, -3.0, -2.0, 0.0, 1.0, 5.0, 8.0, 40.0], size=rng.integers(1, 30))
        assert _densest_whole_run(score) == densest_region(score)


def test_date_prefilter_keeps_every_line_the_pattern_matches():
    from cleaners.line_features import _DATE_TIME, _char_table, _maybe_dated

    rng = np.random.default_rng(1)
    alphabet = list("0123456789./-: a") + ["٣", "𝟎"]
    texts = ["".join(rng.choice(alphabet, size=rng.integers(1, 9))) for _ in range(3000)]
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    flags = _char_table()[np.minimum(codes, 0x10000)]
    lengths = np.array([len(t) for t in texts])
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    digits = np.array([any("0" <= c <= "9" for c in t) for t in texts])
    kept = set(_maybe_dated(codes, flags, starts, digits).tolist())
    for k, text in enumerate(texts):
        if digits[k] and _DATE_TIME.search(text):
            assert k in kept, text
