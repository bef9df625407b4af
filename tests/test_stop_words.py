"""Stop words of the page's language: the guess, the lookup table, the per-token lookup."""

from __future__ import annotations

from cleaners.stop_words import _byte_runs, _WordTable, common_short_words, guess_stop_words, stop_words_of

ARTICLE = [
    "Americans have gone to the polls four times this month to vote in major, statewide races.",
    "In each case, the president tied himself to the outcome, and in each case he lost ground.",
]
GERMAN = [
    "Die Regierung hat am Montag angekündigt, dass die Steuern im nächsten Jahr nicht steigen werden.",
    "Das ist eine gute Nachricht für die Bürger, die in den letzten Monaten unter den Preisen litten.",
]


def test_language_guess():
    english = guess_stop_words(" ".join(ARTICLE).lower().split())
    german = guess_stop_words(" ".join(GERMAN * 2).lower().split())
    assert english is not None and "the" in english
    assert german is not None and "und" in german and "der" in german and german != english
    assert guess_stop_words(["qzx", "vvkp", "trrm"] * 20) is None


def test_word_table_finds_what_the_dict_holds():
    words = {"the": 1, "und": 2, "été": 3, "中文": 4, "averyveryverylongstopword": 5, "sixteen_bytes_ab": 6, "x": 7}
    table = _WordTable(words)
    tokens = list(words) + ["Th", "thee", "th", "中", "averyveryverylongstopwordx", "sixteen_bytes_a", "été_", "xx"]
    text = " ".join(tokens).encode("utf-8")
    keys, starts, lengths = _byte_runs(text, 32)
    assert table.find(text, keys, starts, lengths).tolist() == [words.get(token, -1) for token in tokens]


def test_stop_words_of_a_page_match_the_guessed_list():
    for text in (" ".join(ARTICLE), " ".join(GERMAN * 2), "qzx vvkp trrm " * 20, ""):
        lowered = " ".join("".join(c if c.isalnum() or c == "_" else " " for c in text).lower().split())
        tokens = lowered.split()
        stop = guess_stop_words(tokens)
        expected = [float(t in (stop if stop is not None else common_short_words(tokens))) for t in tokens]
        found, known = stop_words_of(lowered)
        assert found.tolist() == expected and known == (stop is not None)
