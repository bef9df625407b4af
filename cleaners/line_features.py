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
* its block's shape among the page's blocks (lines, a short first line, a date, prose or not):
  how many blocks share it and how many follow in a run, which is what teaser lists and
  comment sections look like; the blocks before and after; where the line lies relative to
  the page's last text-like line and last long prose block; and one-sided windows of the 10
  lines after and before it (headings, dates, text-like and short lines).

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

FEATURES_VERSION = "line_features_v4"

_WORD = re.compile(r"\w+")
_DATE_TIME = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d\d\b")
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|pdf|mp[34]|docx?|xlsx?|zip)\b", re.IGNORECASE)
_SENTENCE_END = tuple(".!?…。！？")
_CLOSERS = "\"'”’»)]"
_BULLETS = frozenset("•*-+□■▪▫◦·–—►▶›>○●◆◇✓✔☐☑")
_DIGIT, _PUNCTUATION, _SEPARATOR, _BRACKET, _UPPER, _WORDCHAR = 1, 2, 4, 8, 16, 32
_BULLET, _SENTENCE, _CLOSER, _LOWER, _LEADING_PUNCT, _MARK = 64, 128, 256, 512, 1024, 2048
_AT, _LOWER_SAFE = 4096, 8192
_EMOJI_FIRST, _EMOJI_LAST = 0x1F000, 0x1FFFF
_TABLE_SIZE = 0x10001  # the basic multilingual plane; code points above count as word characters

_GAP_CAP = 50  # distances in lines are capped here
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
    "ends_ellipsis",  # ... or … at the end: a cut-off teaser
    "inner_sentences",  # ". " / "? " / "! " inside the line
    "punct_per_word",
    "cap_share",  # words starting with a capital letter
    "digit_share",  # digits / characters
    "separators",  # | > » › · • /
    "brackets",
    "starts_bullet",
    "starts_lower",
    "starts_digit",
    "starts_punct",  # , . ; ) at the start: the rest of a sentence split around a link
    "heading_like",  # 2-12 words, no sentence end, mostly capitalised
    "date_time",  # holds a year, a numeric date or a clock time
    "url_or_mail",
    "copyright",
    "file_name",  # mentions a file name (photo.jpg, report.pdf): image captions, downloads
    "indent",
    "wrapped",  # the line reaches the wrap width (a paragraph continues on the next line)
    "repeats",  # how often the same text occurs in the page
    "seen_before",  # the same text occurred on an earlier line
    "blank_before",  # blank lines right before
    "blank_after",
]
_NEIGHBOUR_SOURCES = [
    "words",
    "stop_share",
    "ends_sentence",
    "starts_bullet",
    "date_time",
    "file_name",
    "starts_lower",
    "heading_like",
]
_NEIGHBOUR_OFFSETS = [-2, -1, 1, 2]
_WINDOW_SOURCES = ["log_words", "stop_share", "short", "textlike", "starts_bullet", "date_time", "ends_sentence", "file_name"]
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
        "block_ends_sentence",  # the block's last line ends a sentence
        "block_textlike_share",
        "position",  # index among non-blank lines / their count
        "text_before",  # share of the page's text-like words above the line
        "text_after",
        "in_dense_region",
        "dense_distance",  # non-blank lines to the densest text region (0 inside), signed
        "dense_distance_rel",
        "run_textlike_before",  # consecutive text-like lines just above
        "short_to_dense",  # short lines between the line and the densest text region
        "textlike_gap_above",  # non-blank lines since the last text-like line above (capped)
        "textlike_gap_below",
        # the block's shape among the page's blocks: teaser lists and comment sections are runs
        # of blocks of one shape (title line + summary, name + date + text) after the article
        "block_first_words",  # log words of the block's first line (a title, a user name)
        "block_has_date",  # a line of the block holds a date or a time
        "block_shape_share",  # share of the page's blocks with the block's shape
        "block_shape_count",  # blocks of the page with the block's shape (capped)
        "block_shape_run",  # consecutive blocks of that shape around the block (capped)
        "block_shape_after",  # blocks of that shape further down the page (capped)
        "prev_block_words",  # log words of the block before (-1: none)
        "next_block_words",
        "prev_block_textlike",  # share of text-like lines of the block before (-1: none)
        "next_block_textlike",
        "blocks_to_dense",  # blocks between the line's block and the densest region, signed
        "dates_to_dense",  # date/time lines between the line and the densest region (capped)
        "last_textlike_distance",  # non-blank lines after the page's last text-like line, signed
        "first_textlike_distance",
        "blocks_after_last_long",  # blocks after the last long prose block (40+ words), signed
    ]
    + [f"{src}_{side}10" for src in ("heading", "date", "textlike", "short") for side in ("fwd", "bwd")]
    + [
        "page_lines",
        "page_blank_share",
        "page_stop_share",
        "page_words_per_line",
        "page_language_known",
        "page_textlike_share",  # share of non-blank lines that are text-like
        "page_dense_share",  # share of the text-like words inside the densest region
    ]
)
FEATURE_NAMES: list[str] = _LINE_COLUMNS + _CONTEXT_COLUMNS
_COL = {name: i for i, name in enumerate(_LINE_COLUMNS)}
# column numbers of the per-line values the line loop writes
_I_COPYRIGHT = _COL['copyright']
_I_DATE_TIME = _COL['date_time']
_I_ENDS_COLON = _COL['ends_colon']
_I_ENDS_ELLIPSIS = _COL['ends_ellipsis']
_I_ENDS_SENTENCE = _COL['ends_sentence']
_I_FILE_NAME = _COL['file_name']
_I_INDENT = _COL['indent']
_I_INNER_SENTENCES = _COL['inner_sentences']
_I_MEAN_WORD_LEN = _COL['mean_word_len']
_I_REPEATS = _COL['repeats']
_I_SEEN_BEFORE = _COL['seen_before']
_I_STARTS_BULLET = _COL['starts_bullet']
_I_STARTS_DIGIT = _COL['starts_digit']
_I_STARTS_LOWER = _COL['starts_lower']
_I_STARTS_PUNCT = _COL['starts_punct']
_I_STOP_SHARE = _COL['stop_share']
_I_STOP_WORDS = _COL['stop_words']
_I_URL_OR_MAIL = _COL['url_or_mail']
_I_WORDS = _COL['words']
_I_WRAPPED = _COL['wrapped']


@lru_cache(maxsize=1)
def _stop_index() -> tuple[dict[str, int], np.ndarray, list[frozenset[str]]]:
    """jusText's stop lists, and an index for guessing the language; built once per process.

    Returns word -> group (the set of languages whose stop list holds the word), a matrix
    group x language holding 1/(languages in the group) for the group's languages, and the
    stop lists themselves.
    """
    import justext  # local import: only needed when features are first computed

    names = sorted(justext.get_stoplists())
    lists = [frozenset(w.lower() for w in justext.get_stoplist(name)) for name in names]
    index: dict[str, list[int]] = {}
    for lang_id, words in enumerate(lists):
        for word in words:
            index.setdefault(word, []).append(lang_id)
    groups: dict[tuple[int, ...], int] = {}
    word_group = {w: groups.setdefault(tuple(ids), len(groups)) for w, ids in index.items()}
    weights = np.zeros((len(groups), len(lists)))
    for ids, group in groups.items():
        weights[group, list(ids)] = 1.0 / len(ids)
    return word_group, weights, lists


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """Class bits for every code point below U+10000 (the last entry stands for all above)."""
    table = np.zeros(_TABLE_SIZE, dtype=np.uint32)
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
        if char.islower():
            bits |= _LOWER
        if _is_word_char(char):
            bits |= _WORDCHAR
        if char in _BULLETS:
            bits |= _BULLET
        if char in _SENTENCE_END:
            bits |= _SENTENCE
        if char in _CLOSERS:
            bits |= _CLOSER
        if char in ",.;:)!?":
            bits |= _LEADING_PUNCT
        if char == "©":
            bits |= _MARK
        if char == "@":
            bits |= _AT
        if _lowers_alone(char):
            bits |= _LOWER_SAFE
        table[code] = bits
    table[-1] = _WORDCHAR
    return table


def _lowers_alone(char: str) -> bool:
    """``char.lower()`` is one character of the plane, a word character exactly when ``char`` is,
    whatever surrounds it: then lower-casing a text and blanking its non-word characters commute.

    Two letters fail: U+0130 (İ) lower-cases to two characters, and U+03A3 (Σ) to ς or σ
    depending on its neighbours (the only context rule of ``str.lower``).
    """
    lowered = char.lower()
    if len(lowered) != 1 or ord(lowered) >= _TABLE_SIZE - 1 or char == "\u03a3":
        return False
    return _is_word_char(lowered) == _is_word_char(char)


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches: ``str.isalnum`` characters and the underscore."""
    return char.isalnum() or char == "_"


def guess_stop_words(tokens: list[str]) -> frozenset[str] | None:
    """The stop list of the language with most hits in a sample of lower-cased tokens.

    A hit counts 1/(number of languages sharing the word), so words common to many languages
    weigh little. Returns None when too few tokens hit any list.
    """
    word_group, weights, lists = _stop_index()
    sample = tokens[:: max(1, len(tokens) // _LANGUAGE_SAMPLE_WORDS)][:_LANGUAGE_SAMPLE_WORDS]
    found = [group for group in map(word_group.get, sample) if group is not None]
    if not found:
        return None
    best = _best_language(np.bincount(found, minlength=len(weights)), weights)
    hits = sum(map(lists[best].__contains__, sample))
    return lists[best] if hits >= _MIN_LANGUAGE_HITS else None


def _best_language(counts: np.ndarray, weights: np.ndarray) -> int:
    """``int(np.argmax(counts @ weights))``, reading only the rows of the groups found.

    The scores are sums of at most ``_LANGUAGE_SAMPLE_WORDS`` non-negative terms (hits times
    1/languages), so any two summation orders agree to far better than 1e-9 of the largest
    score: the language ahead by more than that wins either way. Only near ties, where rounding
    could decide, are left to the full product over the whole (megabytes large) weight matrix.
    """
    rows = np.flatnonzero(counts)
    scores = counts[rows] @ weights[rows]
    if scores.size >= 2:
        second, first = np.partition(scores, -2)[-2:]
        if first - second > 1e-9 * max(first, 1.0):
            return int(np.argmax(scores))
    return int(np.argmax(counts @ weights))


def densest_region(score: np.ndarray) -> tuple[int, int]:
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


def _block_shapes(
    block_id: np.ndarray, words: np.ndarray, textlike: np.ndarray, ends: np.ndarray, dated: np.ndarray, inside: np.ndarray
) -> list[np.ndarray]:
    """Per line: its block's shape among the page's blocks and its place relative to the prose.

    A block's shape is (lines, capped at 4; first line short and not a sentence; holds a date;
    mostly text-like lines). Blocks of one shape that repeat run after run are what teaser lists
    and comment sections look like, in any language.
    """
    n = len(words)
    pos = np.arange(n)
    n_blocks = int(block_id[-1]) + 1
    first_line = np.full(n_blocks, n, dtype=np.intp)
    np.minimum.at(first_line, block_id, pos)
    lines = np.bincount(block_id, minlength=n_blocks).astype(np.float64)
    block_words = np.bincount(block_id, weights=words, minlength=n_blocks)
    block_text = np.bincount(block_id, weights=textlike, minlength=n_blocks) / lines
    block_dated = np.bincount(block_id, weights=dated, minlength=n_blocks) > 0
    first_words = words[first_line]
    first_short = (first_words <= 12) & (ends[first_line] == 0)
    shape = np.minimum(lines, 4).astype(np.intp) * 8 + first_short * 4 + block_dated * 2 + (block_text > 0.5)
    shape_count = np.bincount(shape, minlength=40)
    # rank of each block among the blocks of its shape, in page order (1 for the first): one
    # stable sort by shape instead of a pass per shape
    order = np.argsort(shape, kind="stable")
    ordered = shape[order]
    group_start = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    seen = np.zeros(n_blocks)
    seen[order] = np.arange(n_blocks) - np.repeat(group_start, np.diff(np.append(group_start, n_blocks))) + 1
    # blocks of the same shape further down: all of that shape minus those up to this one
    after = shape_count[shape] - seen
    run_id = np.cumsum(np.concatenate([[True], shape[1:] != shape[:-1]])) - 1
    run_len = np.bincount(run_id)[run_id]
    prev_words = np.concatenate([[-1.0], np.log1p(block_words[:-1])])
    next_words = np.concatenate([np.log1p(block_words[1:]), [-1.0]])
    prev_text = np.concatenate([[-1.0], block_text[:-1]])
    next_text = np.concatenate([block_text[1:], [-1.0]])
    if inside.any():
        lo, hi = int(pos[inside].min()), int(pos[inside].max())
    else:
        lo = hi = 0
    lo_block, hi_block = block_id[lo], block_id[hi]
    to_dense = np.where(block_id < lo_block, block_id - lo_block, np.where(block_id > hi_block, block_id - hi_block, 0))
    cum_dated = np.concatenate([[0.0], np.cumsum(dated)])
    edge = np.clip(pos, lo, hi)
    text_lines = np.flatnonzero(textlike > 0)
    if len(text_lines):
        last_text = np.clip(pos - text_lines[-1], -_GAP_CAP, _GAP_CAP).astype(np.float64)
        first_text = np.clip(pos - text_lines[0], -_GAP_CAP, _GAP_CAP).astype(np.float64)
    else:
        last_text, first_text = np.full(n, float(_GAP_CAP)), np.full(n, -float(_GAP_CAP))
    long_blocks = np.flatnonzero((block_words >= 40) & (block_text >= 0.5))
    if len(long_blocks):
        after_long = np.clip(block_id - long_blocks[-1], -_GAP_CAP, _GAP_CAP).astype(np.float64)
    else:
        after_long = np.full(n, float(_GAP_CAP))
    return [
        np.log1p(first_words)[block_id],
        block_dated[block_id].astype(np.float64),
        (shape_count[shape] / n_blocks)[block_id],
        np.minimum(shape_count[shape], _GAP_CAP)[block_id].astype(np.float64),
        np.minimum(run_len, 20)[block_id].astype(np.float64),
        np.minimum(after, _GAP_CAP)[block_id].astype(np.float64),
        prev_words[block_id],
        next_words[block_id],
        prev_text[block_id],
        next_text[block_id],
        np.clip(to_dense, -_GAP_CAP, _GAP_CAP).astype(np.float64),
        np.minimum(np.abs(cum_dated[edge] - cum_dated[pos]), 20),
        last_text,
        first_text,
        after_long,
    ]


def _runs_before(flag: np.ndarray) -> np.ndarray:
    """Per position, how many positions right before it are flagged in a row (float64)."""
    pos = np.arange(len(flag))
    last_unflagged = np.maximum.accumulate(np.where(flag, -1, pos))
    ending_here = pos - last_unflagged  # flagged positions in a row ending at each position
    return np.concatenate([[0.0], ending_here[:-1]]).astype(np.float64)


def _one_sided_windows(values: np.ndarray, width: int = 10) -> list[np.ndarray]:
    """Means of each column over the ``width`` non-blank lines after, then before, each line."""
    n = len(values)
    pos = np.arange(n)
    cum = np.concatenate([np.zeros((1, values.shape[1])), np.cumsum(values, axis=0)])
    hi = np.minimum(pos + width + 1, n)
    lo = np.maximum(pos - width, 0)
    forward = (cum[hi] - cum[pos + 1]) / np.maximum(hi - pos - 1, 1)[:, None]
    backward = (cum[pos] - cum[lo]) / np.maximum(pos - lo, 1)[:, None]
    out: list[np.ndarray] = []
    for k in range(values.shape[1]):
        out += [forward[:, k], backward[:, k]]
    return out


def _blanked_tokens(codes: np.ndarray, flags: np.ndarray, word: np.ndarray) -> list[str] | None:
    """``_WORD.findall(text.lower())`` of the text whose code points and class bits are given,
    or ``None`` when a character does not lower-case alone (see ``_lowers_alone``).

    Then the tokens are the text with its non-word characters blanked, lower-cased and split:
    C loops over the text instead of the regex engine's, and the same tokens.
    """
    if not (flags & _LOWER_SAFE).all():  # also false past the plane: its entry has no such bit
        return None
    return np.where(word, codes, 32).astype(np.uint32).tobytes().decode("utf-32-le").lower().split()


def page_features(lines: list[str]) -> np.ndarray:
    """Feature matrix (len(lines) x len(FEATURE_NAMES), float32); blank lines are all zeros."""
    n_all = len(lines)
    out = np.zeros((n_all, len(FEATURE_NAMES)), dtype=np.float32)
    stripped = [line.strip() for line in lines]
    content = [i for i, text in enumerate(stripped) if text]
    if not content:
        return out
    n = len(content)
    texts = [stripped[i] for i in content]
    joined = "\n".join(texts)
    # character classes of all content lines at once: code points -> class bits -> line sums
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    flags = _char_table()[np.minimum(codes, _TABLE_SIZE - 1)]
    if codes.max() >= _EMOJI_FIRST:  # emoji and pictographs are no word characters
        flags = np.where((codes >= _EMOJI_FIRST) & (codes <= _EMOJI_LAST), 0, flags)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    ends = starts + lengths  # one past the last character
    word = (flags & _WORDCHAR) > 0
    prev_word = np.concatenate([[False], word[:-1]])

    # words (the scorer's \w+ tokens) and stop words, for the whole page in one pass
    word_starts = np.flatnonzero(word & ~prev_word)
    all_tokens = _blanked_tokens(codes, flags, word)
    if all_tokens is not None:
        token_line = np.searchsorted(starts, word_starts, side="right") - 1
    else:
        lowered = joined.lower()
        all_tokens = _WORD.findall(lowered)
        if len(word_starts) == len(all_tokens) and len(lowered) == len(joined):
            token_line = np.searchsorted(starts, word_starts, side="right") - 1
        else:  # a character class the table gets wrong (rare): tokenise line by line
            per_line = [_WORD.findall(text) for text in lowered.split("\n")]
            token_line = np.repeat(np.arange(n), [len(toks) for toks in per_line])
    stop = guess_stop_words(all_tokens)
    language_known = stop is not None
    if stop is None:  # fall back on the page's own most frequent short words
        common = Counter(t for t in all_tokens if len(t) <= 4 and not t.isdigit())
        stop = frozenset(w for w, _ in common.most_common(30))
    is_stop = np.fromiter(map(stop.__contains__, all_tokens), dtype=np.float64, count=len(all_tokens))
    n_words = np.bincount(token_line, minlength=n).astype(np.float64)
    n_stop = np.bincount(token_line, weights=is_stop, minlength=n)
    next_space = np.concatenate([codes[1:] == 32, [False]])
    # summed per line along the rows of a (classes x characters) matrix: contiguous runs, faster
    # than along the columns of its transpose (the sums are the same integers)
    class_sums = np.add.reduceat(
        np.stack(
            [
                (flags & _DIGIT) > 0,
                (flags & _PUNCTUATION) > 0,
                (flags & _SEPARATOR) > 0,
                (flags & _BRACKET) > 0,
                ((flags & _UPPER) > 0) & ~prev_word,
                word,
                ((flags & _SENTENCE) > 0) & next_space,
                (flags & _MARK) > 0,
                (flags & _AT) > 0,
            ]
        ).astype(np.int64),
        starts,
        axis=1,
    ).T
    first = flags[starts]
    last = flags[ends - 1]
    before_last = np.where(lengths >= 2, flags[np.maximum(ends - 2, 0)], 0)
    third_last = np.where(lengths >= 3, flags[np.maximum(ends - 3, 0)], 0)
    closer1, closer2 = (last & _CLOSER) > 0, (before_last & _CLOSER) > 0
    ends_sentence = (
        ((last & _SENTENCE) > 0)
        | (closer1 & ((before_last & _SENTENCE) > 0))
        | (closer1 & closer2 & ((third_last & _SENTENCE) > 0))
    )
    last_code = codes[ends - 1]
    dots = (last_code == 46) & (np.where(lengths >= 3, codes[np.maximum(ends - 3, 0)], 0) == 46)
    file_name = np.zeros(n, dtype=bool)
    positions = [m.start() for m in _FILE_NAME.finditer(joined)]
    file_name[np.searchsorted(starts, positions, side="right") - 1] = True
    url = class_sums[:, 8] > 0  # an @
    for marker in ("http", "www."):
        positions, at = [], joined.find(marker)
        while at >= 0:
            positions.append(at)
            at = joined.find(marker, at + 1)
        url[np.searchsorted(starts, positions, side="right") - 1] = True
    date_time = np.zeros(n, dtype=bool)
    for k in np.flatnonzero(class_sums[:, 0]).tolist():  # lines with digits only
        date_time[k] = _DATE_TIME.search(texts[k]) is not None
    raw = [lines[i] for i in content]
    indent = (np.fromiter(map(len, raw), dtype=np.float64, count=n)
              - np.fromiter(map(len, map(str.lstrip, raw)), dtype=np.float64, count=n))
    wrap_width = max(float((indent + lengths).max()), 60.0) * 0.85
    counts = Counter(texts)
    first_seen = dict(zip(reversed(texts), range(n - 1, -1, -1)))

    base = np.zeros((n, len(_LINE_COLUMNS)), dtype=np.float64)
    safe_words = np.maximum(n_words, 1)
    base[:, _I_WORDS] = n_words
    base[:, _COL["chars"]] = lengths
    base[:, _I_MEAN_WORD_LEN] = np.where(n_words > 0, class_sums[:, 5] / safe_words, 0.0)
    base[:, _I_STOP_SHARE] = n_stop / safe_words
    base[:, _I_STOP_WORDS] = n_stop
    base[:, _I_ENDS_SENTENCE] = ends_sentence
    base[:, _I_ENDS_COLON] = last_code == 58
    base[:, _I_ENDS_ELLIPSIS] = (last_code == 0x2026) | dots
    base[:, _I_INNER_SENTENCES] = class_sums[:, 6]
    base[:, _COL["punct_per_word"]] = class_sums[:, 1] / (n_words + 1)
    base[:, _COL["cap_share"]] = class_sums[:, 4] / safe_words
    base[:, _COL["digit_share"]] = class_sums[:, 0] / lengths
    base[:, _COL["separators"]] = class_sums[:, 2]
    base[:, _COL["brackets"]] = class_sums[:, 3]
    base[:, _I_STARTS_BULLET] = (first & _BULLET) > 0
    base[:, _I_STARTS_LOWER] = (first & _LOWER) > 0
    base[:, _I_STARTS_DIGIT] = (first & _DIGIT) > 0
    base[:, _I_STARTS_PUNCT] = (first & _LEADING_PUNCT) > 0
    base[:, _COL["heading_like"]] = (
        (n_words >= 2) & (n_words <= 12) & ~ends_sentence & (class_sums[:, 4] >= 0.6 * n_words)
    )
    base[:, _I_DATE_TIME] = date_time
    base[:, _I_URL_OR_MAIL] = url
    base[:, _I_COPYRIGHT] = class_sums[:, 7] > 0
    base[:, _I_FILE_NAME] = file_name
    base[:, _I_INDENT] = indent
    base[:, _I_WRAPPED] = indent + lengths >= wrap_width
    base[:, _I_REPEATS] = np.fromiter(map(counts.__getitem__, texts), dtype=np.float64, count=n)
    base[:, _I_SEEN_BEFORE] = np.fromiter(map(first_seen.__getitem__, texts), dtype=np.int64, count=n) != np.arange(n)

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
    block_id = np.cumsum(base[:, _COL["blank_before"]] > 0)
    block_id -= block_id[0]
    block_last = np.zeros(block_id[-1] + 1, dtype=np.intp)
    block_last[block_id] = np.arange(len(block_id))  # last write wins: the block's last line
    block_ends = ends[block_last][block_id]
    textlike = ((words >= 8) & (stop_share >= 0.15) & ((ends > 0) | (block_ends > 0))).astype(np.float64)
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
    block_lines = np.bincount(block_id)
    block_words = np.bincount(block_id, weights=words)
    block_stops = np.bincount(block_id, weights=base[:, _COL["stop_words"]])
    block_short = np.bincount(block_id, weights=short)
    block_textlike = np.bincount(block_id, weights=textlike)
    ctx.append(block_lines[block_id])
    ctx.append(block_words[block_id])
    ctx.append(block_stops[block_id] / np.maximum(block_words[block_id], 1))
    ctx.append(block_words[block_id] / block_lines[block_id])
    ctx.append((base[:, _COL["blank_before"]] > 0).astype(np.float64))
    ctx.append((base[:, _COL["blank_after"]] > 0).astype(np.float64))
    ctx.append(block_short[block_id] / block_lines[block_id])
    ctx.append(block_ends)
    ctx.append(block_textlike[block_id] / block_lines[block_id])

    ctx.append(positions / n)
    text_words = words * textlike
    total_text = max(text_words.sum(), 1.0)
    cum = np.cumsum(text_words)
    ctx.append((cum - text_words) / total_text)
    ctx.append((total_text - cum) / total_text)
    score = np.where(textlike > 0, words, -np.minimum(words, 10) - 2.0)
    lo, hi = densest_region(score)
    pos = np.arange(n)
    inside = (pos >= lo) & (pos <= hi)
    distance = np.where(pos < lo, pos - lo, np.where(pos > hi, pos - hi, 0)).astype(np.float64)
    ctx.append(inside.astype(np.float64))
    ctx.append(distance)
    ctx.append(distance / n)
    ctx.append(_runs_before(textlike > 0))
    cum_short = np.cumsum(short)
    edge = np.clip(positions, lo, max(hi, lo))
    ctx.append(np.abs(cum_short[edge] - cum_short))
    far = n + _GAP_CAP
    last_above = np.maximum.accumulate(np.where(textlike > 0, positions, -far))
    ctx.append(np.minimum(positions - np.concatenate([[-far], last_above[:-1]]), _GAP_CAP))
    next_below = np.minimum.accumulate(np.where(textlike > 0, positions, 2 * far)[::-1])[::-1]
    ctx.append(np.minimum(np.concatenate([next_below[1:], [2 * far]]) - positions, _GAP_CAP))
    page = [
        np.log1p(n),
        1.0 - n / n_all,
        base[:, _COL["stop_words"]].sum() / max(words.sum(), 1.0),
        words.mean(),
        float(language_known),
        textlike.mean(),
        text_words[lo : hi + 1].sum() / total_text,
    ]
    ctx.extend(_block_shapes(block_id, words, textlike, ends, date_time.astype(np.float64), inside))
    ctx.extend(_one_sided_windows(np.column_stack([base[:, _COL["heading_like"]], date_time, textlike, short])))
    context = np.column_stack(ctx)
    out[idx, : len(_LINE_COLUMNS)] = base
    out[idx, len(_LINE_COLUMNS) : len(_LINE_COLUMNS) + context.shape[1]] = context
    out[idx, len(_LINE_COLUMNS) + context.shape[1] :] = page
    return out

