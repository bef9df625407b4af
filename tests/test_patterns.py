"""The memoised rule helpers and what ``norm_lines`` finds for a whole page at once."""

from __future__ import annotations

import random

from cleaners import patterns
import pytest

from cleaners import appeals
from cleaners.patterns import (HintGroups, Memo, clear_caches, has_markup, hint_test, list_separators, lower_for_hints, norm,
                               norm_lines, words)

PAGE = [
    "  Home | News |  Sport  ",
    "A plain English sentence, with words.",
    "中文新闻标题，北京时间",
    "Ünïcödé wörds and 12.5 numbers_with_underscores",
    "Straße İstanbul ΣΟΦΙΑ",  # a letter that makes lower-casing unsafe for hints
    "emoji 😀 and 𝐀𝐁 math letters",  # past the basic plane
    "\xa0tab\tand\u2003em space",
    "カタカナ・ひらがな ー 한국어",
    "x",
]


def test_memo_computes_once_and_can_be_filled_and_cleared():
    calls = []

    def double(value, factor):
        calls.append(value)
        return value * factor

    table = Memo(double, 2)
    assert table[3] == 6 and table[3] == 6 and calls == [3]
    assert table.results([3, 4, 4]) == [6, 8, 8] and calls == [3, 4]
    table.update({5: 99})  # results known in advance
    assert table[5] == 99
    table.cache_clear()
    assert table[5] == 10


def test_norm_collapses_white_space_as_split_does():
    rng = random.Random(0)
    spaces = [chr(c) for c in range(0x3000 + 1) if chr(c).isspace()]
    alphabet = spaces + list("ab é中\u200b") + ["  ", "   "]
    for _ in range(20000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert patterns._norm(line) == " ".join(line.split())


def test_norm_lines_fills_the_memos_with_the_helpers_own_results():
    for page in (PAGE, [line for line in PAGE if "İ" not in line]):
        clear_caches()
        texts = norm_lines(page)
        assert texts == [" ".join(line.split()) for line in page]
        for line, text in zip(page, texts):
            assert norm(line) == text and norm(text) == text
            for helper in (words, lower_for_hints, list_separators):
                memo = helper.__self__
                if text in memo:  # found for the page: the same as computed alone
                    assert memo[text] == memo.function(text), (helper, text)
        assert texts[1] in words.__self__  # the page was counted at once
    clear_caches()


def test_has_markup_is_the_character_test_it_replaces():
    import re

    regex = re.compile(r"[#>»›→/\\|｜•·:：\d]|\s{3,}")
    rng = random.Random(1)
    alphabet = list("ab é中\\|#:/5٣\t\xa0") + ["\U0001d7ce", "   ", "  "]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        assert has_markup(text) == (regex.search(text) is not None), text


def test_hint_groups_set_a_groups_bit_exactly_when_its_hint_test_holds():
    """One scan for every group's words (overlapping words, one word in two groups, non-ASCII
    words) gives each group the answer its own chain of ``in`` tests gives."""
    groups = [("sign", "sign up", "mail"), ("ail", "inbox"), ("©", "版权所有", "boletín"), ("mail",)]
    tests = [hint_test(*group) for group in groups]
    hints = HintGroups(groups)
    texts = ["", "sign up for our email", "your inbox", "© 2024 版权所有", "el boletín", "nothing here", "mai l"]
    rng = random.Random(7)
    pieces = [word for group in groups for word in group] + ["a", " ", "x", "ma", "il", "版权"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(2000)]
    for text in texts:
        mask = hints.mask(text)
        assert [bool(mask >> k & 1) for k in range(len(groups))] == [test(text) for test in tests], text
    assert hints.mask(None) == 0b1111  # a text that could not be lowered safely: every rule runs its regex
    with pytest.raises(ValueError):
        HintGroups([("ok", "")])


def test_appeal_rules_hints_match_their_own_tests_on_real_lines():
    """``appeals``' one-scan guard agrees with each rule's ``hint_test`` on the sample pages' lines."""
    from pathlib import Path

    lines = [line for path in sorted(Path(__file__).resolve().parents[1].glob("raw/*.txt"))
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    assert len(lines) > 100
    for line in lines:
        low = lower_for_hints(norm(line))
        if low is None:
            continue
        mask = appeals._RULE_HINTS.mask(low)
        assert [bool(mask >> k & 1) for k in range(len(appeals._RULES))] == [hint(low) for _, hint, _, _ in appeals._RULES]
