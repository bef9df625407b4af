"""Line features for the learned boilerplate classifier: pure, vectorised, language-neutral.

``page_features(lines)`` turns the lines of one plain-text page dump into a float32 matrix with
one row per line and the columns named in ``FEATURE_NAMES``. A line is described by

* its own shape: words, characters, stop-word share in the page's language, sentence
  punctuation, capitalised words, digits, bullets and box glyphs, ``|``/``>``/``»`` separators,
  brackets, date/time shapes, indentation, a wrapped-line flag, repetition within the page;
* its block (the run of non-blank lines it belongs to): size, words, stop-word share;
* its neighbours (the two non-blank lines before and after) and smoothed windows of 5, 11 and
  25 non-blank lines, which see where link lists, comment sections and teasers begin;
* its place in the page: relative position, share of the page's text-like words before and
  after it, and where it lies relative to the densest run of text-like lines.

Blank lines get a row of zeros (the classifier never judges them). The page language is
guessed once from stop-word hits over jusText's stop lists (about 100 languages), so the
stop-word features mean the same thing in German or Spanish as in English; an unrecognised
language falls back to the page's own most frequent short words.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

FEATURES_VERSION = "line_features_v1"

_WORD = re.compile(r"\w+")
_DATE_TIME = re.compile(
    r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(?<!\d)\d{1,2}:\d\d(?!\d)"
)
_SENTENCE_END = tuple(".!?…。！？")
_CLOSERS = "\"'”’»)]"
_BULLETS = frozenset("•*-+□■▪▫◦·–—►▶›>○●◆◇✓✔☐☑")
_DIGIT, _PUNCTUATION, _SEPARATOR, _BRACKET, _UPPER, _WORDCHAR = 1, 2, 4, 8, 16, 32
_TABLE_SIZE = 0x3001  # code points from U+3000 up (CJK and beyond) count as word characters

#: How many stop-list hits a guessed language needs before its list is trusted.
_MIN_LANGUAGE_HITS = 8
#: Words sampled for the language guess.
_LANGUAGE_SAMPLE_WORDS = 600

_LINE_COLUMNS = [
    "words",  # word tokens (\w+)
    "chars",  # visible characters
    "mean_word_len",
    "stop_share",  # share of words in the page language's stop list
    "stop_words",
    "ends_sentence",  # ends with . ! ? … (possibly before a closing quote/bracket)
    "ends_colon",
    "inner_sentences",  # ". " / "? " / "! " inside the line
    "punct_per_word",
    "cap_share",  # words starting with a capital letter
    "digit_share",  # digits / characters
    "separators",  # | > » › · • /
    "brackets",
    "starts_bullet",
    "starts_lower",
    "starts_digit",
    "date_time",  # holds a year, a numeric date or a clock time
    "url_or_mail",
    "copyright",
    "indent",
    "wrapped",  # the line reaches the wrap width (a paragraph continues on the next line)
    "repeats",  # how often the same text occurs in the page
    "seen_before",  # the same text occurred on an earlier line
    "blank_before",  # blank lines right before
    "blank_after",
]
_NEIGHBOUR_SOURCES = ["words", "stop_share", "ends_sentence", "starts_bullet", "date_time"]
_NEIGHBOUR_OFFSETS = [-2, -1, 1, 2]
_WINDOW_SOURCES = ["log_words", "stop_share", "short", "textlike", "starts_bullet", "date_time"]
_WINDOWS = [5, 11, 25]
_CONTEXT_COLUMNS = (
    [f"{src}_{'prev' if off < 0 else 'next'}{abs(off)}" for off in _NEIGHBOUR_OFFSETS for src in _NEIGHBOUR_SOURCES]
    + [f"{src}_win{w}" for w in _WINDOWS for src in _WINDOW_SOURCES]
    + [
        "block_lines",
        "block_words",
        "block_stop_share",
        "block_words_per_line",
        "block_first",
        "block_last",
        "block_short_share",
        "position",  # index among non-blank lines / their count
        "text_before",  # share of the page's text-like words above the line
        "text_after",
        "in_dense_region",
        "dense_distance",  # non-blank lines to the densest text region (0 inside), signed
        "dense_distance_rel",
        "run_textlike_before",  # consecutive text-like lines just above
        "page_lines",
        "page_blank_share",
        "page_stop_share",
        "page_words_per_line",
        "page_language_known",
    ]
)
FEATURE_NAMES: list[str] = _LINE_COLUMNS + _CONTEXT_COLUMNS
_COL = {name: i for i, name in enumerate(_LINE_COLUMNS)}


@lru_cache(maxsize=1)
def _stop_index() -> tuple[dict[str, np.ndarray], list[frozenset[str]]]:
    """Word -> languages whose jusText stop list holds it; built once per process."""
    import justext  # local import: only needed when features are first computed

    names = sorted(justext.get_stoplists())
    lists = [frozenset(w.lower() for w in justext.get_stoplist(name)) for name in names]
    index: dict[str, list[int]] = {}
    for lang_id, words in enumerate(lists):
        for word in words:
            index.setdefault(word, []).append(lang_id)
    return {w: np.asarray(ids, dtype=np.int64) for w, ids in index.items()}, lists


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """Class bits for every code point below U+3000 (the last entry stands for all above)."""
    table = np.zeros(_TABLE_SIZE, dtype=np.uint8)
    for code in range(_TABLE_SIZE - 1):
        char = chr(code)
        bits = 0
        if "0" <= char <= "9":
            bits |= _DIGIT
        if char in ".,;:!?":
            bits |= _PUNCTUATION
        if char in "|>»›·•/":
            bits |= _SEPARATOR
        if char in "[]()":
            bits |= _BRACKET
        if char.isupper():
            bits |= _UPPER
        if char.isalnum() or char == "_":
            bits |= _WORDCHAR
        table[code] = bits
    table[-1] = _WORDCHAR
    return table


def guess_stop_words(tokens: list[str]) -> frozenset[str] | None:
    """The stop list of the language with most hits in a sample of lower-cased tokens.

    A hit counts 1/(number of languages sharing the word), so words common to many languages
    weigh little. Returns None when too few tokens hit any list.
    """
    index, lists = _stop_index()
    sample = tokens[:: max(1, len(tokens) // _LANGUAGE_SAMPLE_WORDS)][:_LANGUAGE_SAMPLE_WORDS]
    found = [ids for ids in map(index.get, sample) if ids is not None]
    if not found:
        return None
    ids = np.concatenate(found)
    sizes = np.fromiter(map(len, found), dtype=np.float64, count=len(found))
    scores = np.bincount(ids, weights=np.repeat(1.0 / sizes, sizes.astype(np.int64)), minlength=len(lists))
    best = int(np.argmax(scores))
    hits = sum(1 for token in sample if token in lists[best])
    return lists[best] if hits >= _MIN_LANGUAGE_HITS else None


def _densest_region(score: np.ndarray) -> tuple[int, int]:
    """Start and end (inclusive) of the maximum-sum run of ``score`` (Kadane)."""
    best, best_lo, best_hi = -np.inf, 0, -1
    total, lo = 0.0, 0
    for i, value in enumerate(score.tolist()):
        if total <= 0:
            total, lo = value, i
        else:
            total += value
        if total > best:
            best, best_lo, best_hi = total, lo, i
    return best_lo, best_hi


def page_features(lines: list[str]) -> np.ndarray:
    """Feature matrix (len(lines) x len(FEATURE_NAMES), float32); blank lines are all zeros."""
    n_all = len(lines)
    out = np.zeros((n_all, len(FEATURE_NAMES)), dtype=np.float32)
    stripped = [line.strip() for line in lines]
    content = [i for i, text in enumerate(stripped) if text]
    if not content:
        return out
    texts = [stripped[i] for i in content]
    tokens = [_WORD.findall(text.lower()) for text in texts]
    all_tokens = [t for toks in tokens for t in toks]
    stop = guess_stop_words(all_tokens)
    language_known = stop is not None
    if stop is None:  # fall back on the page's own most frequent short words
        common = Counter(t for t in all_tokens if len(t) <= 4 and not t.isdigit())
        stop = frozenset(w for w, _ in common.most_common(30))
    counts = Counter(texts)
    seen: set[str] = set()
    raw_lengths = [len(line.rstrip()) for line in lines]
    wrap_width = max(max(raw_lengths), 60) * 0.85

    # character classes for all content lines at once (code points -> class bits -> line sums)
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    flags = _char_table()[np.minimum(codes, _TABLE_SIZE - 1)]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    word = (flags & _WORDCHAR) > 0
    prev_word = np.concatenate([[False], word[:-1]])
    class_sums = np.add.reduceat(
        np.column_stack([
            (flags & _DIGIT) > 0,
            (flags & _PUNCTUATION) > 0,
            (flags & _SEPARATOR) > 0,
            (flags & _BRACKET) > 0,
            ((flags & _UPPER) > 0) & ~prev_word,
        ]).astype(np.int64),
        starts,
        axis=0,
    )

    rows = [[0.0] * len(_LINE_COLUMNS) for _ in content]
    for k, (i, text, toks) in enumerate(zip(content, texts, tokens)):
        row = rows[k]
        n_words = len(toks)
        row[0] = n_words
        if n_words:
            row[2] = sum(map(len, toks)) / n_words
            n_stop = sum(map(stop.__contains__, toks))
            row[3] = n_stop / n_words
            row[4] = n_stop
        last = text.rstrip(_CLOSERS) or text
        row[5] = last.endswith(_SENTENCE_END)
        row[6] = text.endswith(":")
        row[7] = text.count(". ") + text.count("? ") + text.count("! ")
        first = text[0]
        row[13] = first in _BULLETS
        row[14] = first.islower()
        row[15] = first.isdigit()
        if class_sums[k, 0]:
            row[16] = _DATE_TIME.search(text) is not None
        row[17] = "@" in text or "http" in text or "www." in text
        row[18] = "©" in text
        raw = lines[i]
        row[19] = len(raw) - len(raw.lstrip())
        row[20] = raw_lengths[i] >= wrap_width
        row[21] = counts[text]
        row[22] = text in seen
        seen.add(text)
    base = np.asarray(rows, dtype=np.float64)
    n_words_arr = base[:, 0]
    base[:, _COL["chars"]] = lengths
    base[:, _COL["punct_per_word"]] = class_sums[:, 1] / (n_words_arr + 1)
    base[:, _COL["cap_share"]] = class_sums[:, 4] / np.maximum(n_words_arr, 1)
    base[:, _COL["digit_share"]] = class_sums[:, 0] / lengths
    base[:, _COL["separators"]] = class_sums[:, 2]
    base[:, _COL["brackets"]] = class_sums[:, 3]

    idx = np.asarray(content)
    # blank lines immediately before/after each content line, from gaps between content lines
    gaps = np.diff(np.concatenate([[-1], idx, [n_all]])) - 1
    base[:, _COL["blank_before"]] = np.minimum(gaps[:-1], 3)
    base[:, _COL["blank_after"]] = np.minimum(gaps[1:], 3)

    words = base[:, _COL["words"]]
    stop_share = base[:, _COL["stop_share"]]
    ends = base[:, _COL["ends_sentence"]]
    log_words = np.log1p(words)
    short = (words <= 4).astype(np.float64)
    textlike = ((words >= 8) & (stop_share >= 0.15) & ((ends > 0) | (base[:, _COL["wrapped"]] > 0))).astype(np.float64)
    derived = {"log_words": log_words, "short": short, "textlike": textlike}

    def column(name: str) -> np.ndarray:
        return derived[name] if name in derived else base[:, _COL[name]]

    n = len(content)
    neighbours = np.column_stack([column(src) for src in _NEIGHBOUR_SOURCES])
    padded = np.full((n + 4, neighbours.shape[1]), -1.0)
    padded[2 : n + 2] = neighbours
    ctx: list[np.ndarray] = [padded[2 + off : 2 + off + n] for off in _NEIGHBOUR_OFFSETS]
    windowed = np.column_stack([column(src) for src in _WINDOW_SOURCES])
    cumulative = np.concatenate([np.zeros((1, windowed.shape[1])), np.cumsum(windowed, axis=0)])
    positions = np.arange(n)
    for width in _WINDOWS:
        lo = np.maximum(positions - width // 2, 0)
        hi = np.minimum(positions + width // 2 + 1, n)
        ctx.append((cumulative[hi] - cumulative[lo]) / (hi - lo)[:, None])

    # blocks: runs of non-blank lines
    block_id = np.cumsum(base[:, _COL["blank_before"]] > 0)
    block_id -= block_id[0]
    block_lines = np.bincount(block_id)
    block_words = np.bincount(block_id, weights=words)
    block_stops = np.bincount(block_id, weights=base[:, _COL["stop_words"]])
    block_short = np.bincount(block_id, weights=short)
    ctx.append(block_lines[block_id])
    ctx.append(block_words[block_id])
    ctx.append(block_stops[block_id] / np.maximum(block_words[block_id], 1))
    ctx.append(block_words[block_id] / block_lines[block_id])
    ctx.append((base[:, _COL["blank_before"]] > 0).astype(np.float64))
    ctx.append((base[:, _COL["blank_after"]] > 0).astype(np.float64))
    ctx.append(block_short[block_id] / block_lines[block_id])

    ctx.append(positions / n)
    text_words = words * textlike
    total_text = max(text_words.sum(), 1.0)
    cum = np.cumsum(text_words)
    ctx.append((cum - text_words) / total_text)
    ctx.append((total_text - cum) / total_text)
    score = np.where(textlike > 0, words, -np.minimum(words, 10) - 2.0)
    lo, hi = _densest_region(score)
    pos = np.arange(n)
    inside = (pos >= lo) & (pos <= hi)
    distance = np.where(pos < lo, pos - lo, np.where(pos > hi, pos - hi, 0)).astype(np.float64)
    ctx.append(inside.astype(np.float64))
    ctx.append(distance)
    ctx.append(distance / n)
    run = np.zeros(n)
    prev = 0.0
    for k, value in enumerate(textlike.tolist()):
        run[k] = prev
        prev = prev + 1 if value else 0.0
    ctx.append(run)
    page = [
        np.log1p(n),
        1.0 - n / n_all,
        base[:, _COL["stop_words"]].sum() / max(words.sum(), 1.0),
        words.mean(),
        float(language_known),
    ]
    context = np.column_stack(ctx)
    out[idx, : len(_LINE_COLUMNS)] = base
    out[idx, len(_LINE_COLUMNS) : len(_LINE_COLUMNS) + context.shape[1]] = context
    out[idx, len(_LINE_COLUMNS) + context.shape[1] :] = page
    return out
