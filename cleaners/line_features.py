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
guessed once from stop-word hits over jusText's stop lists (about 100 languages;
``cleaners/stop_words.py``), so the
stop-word features mean the same thing in German or Spanish as in English; an unrecognised
language falls back to the page's own most frequent short words. Japanese and Chinese write
no spaces, so a paragraph is one or two ``\\w+`` tokens: there a word is counted per two
characters and function characters (particles, 的 了 是 …) are the stop words.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

from cleaners.stop_words import common_short_words, guess_stop_words, stop_words_of

FEATURES_VERSION = "line_features_v5"

_WORD = re.compile(r"\w+")
_DATE_TIME = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d\d\b")
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|pdf|mp[34]|docx?|xlsx?|zip)\b", re.IGNORECASE)
_SENTENCE_END = tuple(".!?…。！？")
_CLOSERS = "\"'”’»)]"
_BULLETS = frozenset("•*-+□■▪▫◦·–—►▶›>○●◆◇✓✔☐☑")
_DIGIT, _PUNCTUATION, _SEPARATOR, _BRACKET, _UPPER, _WORDCHAR = 1, 2, 4, 8, 16, 32
_BULLET, _SENTENCE, _CLOSER, _LOWER, _LEADING_PUNCT, _MARK = 64, 128, 256, 512, 1024, 2048
_AT, _LOWER_SAFE, _OTHER_DIGIT = 4096, 8192, 16384  # _OTHER_DIGIT: a ``\d`` other than 0-9
_EMOJI_FIRST, _EMOJI_LAST = 0x1F000, 0x1FFFF
#: Scripts written without spaces between words: kana and Han ideographs (Hangul has spaces).
_UNSPACED_RANGES = ((0x3005, 0x3007), (0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                    (0xF900, 0xFAFF), (0xFF66, 0xFF9F))
_UNSPACED_FIRST = 0x3005
#: Characters of unspaced text per word: Japanese and Chinese words average about two characters.
_CHARS_PER_UNSPACED_WORD = 2.0
#: Function characters of unspaced scripts, their stop words: Japanese particles and auxiliary
#: kana, and the commonest Chinese function characters (simplified and traditional).
_UNSPACED_STOP_CHARS = frozenset(
    "のにはをがでともへやかたてだすましねよ"
    "的了是在和有不这也就都而及与着或个我他们你到为以说要会对可能那其之所于被把从但很还没"
    "這與著個們對為說會還沒從"
)
_UNSPACED_STOP_CODES = np.array(sorted(map(ord, _UNSPACED_STOP_CHARS)), dtype=np.uint32)
_TABLE_SIZE = 0x10001  # the basic multilingual plane; code points above count as word characters

_GAP_CAP = 50  # distances in lines are capped here

_LINE_COLUMNS = [
    "words",  # word tokens (\w+); unspaced (CJK) text counts a word per two characters
    "chars",  # visible characters
    "mean_word_len",
    "stop_share",  # share of words in the page language's stop list (or CJK function characters)
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
def _char_table() -> np.ndarray:
    """Class bits for every code point below U+10000 (the last entry stands for all above)."""
    table = np.zeros(_TABLE_SIZE, dtype=np.uint16)
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
        if char.isdecimal() and not "0" <= char <= "9":
            bits |= _OTHER_DIGIT
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


def _densest_whole_run(score: np.ndarray) -> tuple[int, int]:
    """``densest_region(score)`` for a non-empty score of whole numbers, without a Python loop.

    Kadane's running total at each position is the prefix sum there minus the least prefix sum
    before it, and it restarts at the last position holding that least sum (a total of zero or
    less restarts): the run ends where that difference is first largest. Sums of whole numbers
    are exact in float64 either way, so the comparisons, and the run, are the same.
    """
    n = len(score)
    prefix = np.empty(n + 1)
    prefix[0] = 0.0
    score.cumsum(out=prefix[1:])
    least = np.minimum.accumulate(prefix[:-1])
    start = np.maximum.accumulate(np.where(prefix[:-1] == least, np.arange(n), 0))
    end = int((prefix[1:] - least).argmax())
    return int(start[end]), end


def _block_shapes(
    block_id: np.ndarray, first_line: np.ndarray, lines: np.ndarray, block_words: np.ndarray,
    block_textlike: np.ndarray, words: np.ndarray, textlike: np.ndarray, ends: np.ndarray, dated: np.ndarray,
    lo: int, hi: int, edge: np.ndarray, out: np.ndarray,
) -> None:
    """Per line: its block's shape among the page's blocks and its place relative to the prose,
    written into the 15 columns of ``out``.

    A block's shape is (lines, capped at 4; first line short and not a sentence; holds a date;
    mostly text-like lines). Blocks of one shape that repeat run after run are what teaser lists
    and comment sections look like, in any language.

    ``block_id`` numbers the blocks from 0 in page order, ``first_line`` is where each starts,
    ``lines``/``block_words``/``block_textlike`` their line counts and sums of ``words`` and
    ``textlike``; ``lo``..``hi`` is the densest region (``densest_region``, so ``lo <= hi``) and
    ``edge`` the line positions clipped to it.
    """
    n = len(words)
    pos = np.arange(n)
    n_blocks = len(first_line)
    block_text = block_textlike / lines
    block_dated = np.bincount(block_id, weights=dated, minlength=n_blocks) > 0
    first_words = words[first_line]
    first_short = (first_words <= 12) & (ends[first_line] == 0)
    shape = np.minimum(lines, 4).astype(np.intp) * 8 + first_short * 4 + block_dated * 2 + (block_text > 0.5)
    shape_count = np.bincount(shape, minlength=40)
    # rank of each block among the blocks of its shape, in page order (1 for the first): one
    # stable sort by shape, each block's rank its place after the first of its shape
    order = shape.argsort(kind="stable")
    ordered = shape[order]
    seen = np.empty(n_blocks)
    seen[order] = np.arange(n_blocks) - ordered.searchsorted(ordered, side="left") + 1
    count_of_shape = shape_count[shape]
    # blocks of the same shape further down: all of that shape minus those up to this one
    after = count_of_shape - seen
    run_start = np.empty(n_blocks, dtype=bool)
    run_start[0] = True
    np.not_equal(shape[1:], shape[:-1], out=run_start[1:])
    run_id = run_start.cumsum() - 1
    run_len = np.bincount(run_id)[run_id]
    # per block, the columns that only depend on the block (gathered per line at once below)
    per_block = np.empty((n_blocks, 10))
    per_block[:, 0] = np.log1p(first_words)
    per_block[:, 1] = block_dated
    per_block[:, 2] = count_of_shape / n_blocks
    per_block[:, 3] = np.minimum(count_of_shape, _GAP_CAP)
    per_block[:, 4] = np.minimum(run_len, 20)
    per_block[:, 5] = np.minimum(after, _GAP_CAP)
    padded = np.empty((n_blocks + 2, 2))
    padded.fill(-1.0)
    padded[1:-1, 0] = np.log1p(block_words)
    padded[1:-1, 1] = block_text
    per_block[:, 6:10:2] = padded[:-2]  # the block before: log words, text-like share (-1: none)
    per_block[:, 7:10:2] = padded[2:]  # the block after
    lo_block, hi_block = block_id[lo], block_id[hi]
    # blocks to the dense region, signed (0 inside): at most one of the two terms is non-zero
    to_dense = np.minimum(block_id - lo_block, 0) + np.maximum(block_id - hi_block, 0)
    out[:, :10] = per_block[block_id]
    out[:, 10] = np.minimum(np.maximum(to_dense, -_GAP_CAP), _GAP_CAP)
    cum_dated = np.empty(n + 1)
    cum_dated[0] = 0.0
    dated.cumsum(out=cum_dated[1:])
    out[:, 11] = np.minimum(np.abs(cum_dated[edge] - cum_dated[:-1]), 20)
    text_lines = textlike.nonzero()[0]
    if len(text_lines):
        out[:, 12] = np.minimum(np.maximum(pos - text_lines[-1], -_GAP_CAP), _GAP_CAP)
        out[:, 13] = np.minimum(np.maximum(pos - text_lines[0], -_GAP_CAP), _GAP_CAP)
    else:
        out[:, 12] = _GAP_CAP
        out[:, 13] = -_GAP_CAP
    long_blocks = ((block_words >= 40) & (block_text >= 0.5)).nonzero()[0]
    if len(long_blocks):
        out[:, 14] = np.minimum(np.maximum(block_id - long_blocks[-1], -_GAP_CAP), _GAP_CAP)
    else:
        out[:, 14] = _GAP_CAP


def _runs_before(flag: np.ndarray) -> np.ndarray:
    """Per position, how many positions right before it are flagged in a row (float64)."""
    pos = np.arange(len(flag))
    last_unflagged = np.maximum.accumulate(np.where(flag, -1, pos))
    ending_here = pos - last_unflagged  # flagged positions in a row ending at each position
    return np.concatenate([[0.0], ending_here[:-1]]).astype(np.float64)


def _one_sided_windows(cum: np.ndarray, width: int = 10) -> np.ndarray:
    """Means of each column over the ``width`` non-blank lines after, then before, each line,
    from the column sums ``cum`` (a row of zeros, then the running sums): per column, the
    forward and the backward mean side by side."""
    n = len(cum) - 1
    pos = np.arange(n)
    hi = np.minimum(pos + width + 1, n)
    lo = np.maximum(pos - width, 0)
    out = np.empty((n, cum.shape[1], 2))
    out[:, :, 0] = (cum[hi] - cum[pos + 1]) / np.maximum(hi - pos - 1, 1)[:, None]
    out[:, :, 1] = (cum[pos] - cum[lo]) / np.maximum(pos - lo, 1)[:, None]
    return out.reshape(n, -1)


def _maybe_dated(codes: np.ndarray, flags: np.ndarray, starts: np.ndarray, digits: np.ndarray) -> np.ndarray:
    """Which of the lines flagged in ``digits`` ``_DATE_TIME`` may match (the others cannot).

    Each of its alternatives needs a ``\\d`` followed by one of ``./-:``, or four in a row: told
    for the digits 0-9 at once; a line with another ``\\d`` (or a character past the plane,
    which the table does not know) is always tried.
    """
    at = (flags & _DIGIT).nonzero()[0]
    last = len(codes) - 1
    next1, next2, next3 = np.minimum(at + 1, last), np.minimum(at + 2, last), np.minimum(at + 3, last)
    after = codes[next1]
    shaped = ((after == 46) | (after == 47) | (after == 45) | (after == 58)) & (at < last)
    shaped |= ((flags[next1] & flags[next2] & flags[next3] & _DIGIT) > 0) & (at + 3 <= last)
    found = np.zeros(len(starts), dtype=bool)
    found[starts.searchsorted(at[shaped], side="right") - 1] = True
    other = ((flags & _OTHER_DIGIT) | (codes >= _TABLE_SIZE - 1)).nonzero()[0]
    if len(other):
        found[starts.searchsorted(other, side="right") - 1] = True
    return (found & digits).nonzero()[0]


def _blanked_lower(codes: np.ndarray, flags: np.ndarray, word: np.ndarray) -> str | None:
    """The text whose code points and class bits are given with its non-word characters blanked,
    lower-cased, or ``None`` when a character does not lower-case alone (see ``_lowers_alone``).

    Then its ``split()`` is ``_WORD.findall(text.lower())``: C loops over the text instead of
    the regex engine's, and the same tokens, one per run of word characters.
    """
    if not (flags & _LOWER_SAFE).all():  # also false past the plane: its entry has no such bit
        return None
    return np.where(word, codes, 32).astype(np.uint32).tobytes().decode("utf-32-le").lower()


def _count_unspaced_words(codes: np.ndarray, starts: np.ndarray, word_starts: np.ndarray, token_line: np.ndarray,
                          is_stop: np.ndarray, n_words: np.ndarray) -> np.ndarray:
    """Stop words per line, recounting in ``n_words`` the words of lines with unspaced (CJK) text.

    A run of kana and ideographs is one ``\\w+`` token however long: a Japanese paragraph would
    count as a few "words" without stop words and look like a menu. Here a token that starts
    with such a character stands for ``_CHARS_PER_UNSPACED_WORD`` characters a word (at least
    one), and each function character counts as a stop word (the token itself does not: it is
    no word of a stop list, and the page's frequent short tokens, the fallback list, are menu
    items in these scripts), so length and stop-word share mean about what they mean in spaced
    languages.
    """
    unspaced = np.zeros(len(codes), dtype=bool)
    for low, high in _UNSPACED_RANGES:
        unspaced |= (codes >= low) & (codes <= high)
    starting_tokens = unspaced[word_starts]
    if len(starting_tokens) == len(is_stop):  # the tokens are the runs from ``word_starts`` (nearly always)
        is_stop = np.where(starting_tokens, 0.0, is_stop)
    n_stop = np.bincount(token_line, weights=is_stop, minlength=len(starts))
    if not unspaced.any():
        return n_stop
    stop_chars = unspaced & np.isin(codes, _UNSPACED_STOP_CODES)
    counts = np.add.reduceat(np.stack([unspaced, stop_chars]).astype(np.int64), starts, axis=1)
    starting = np.bincount(starts.searchsorted(word_starts[starting_tokens], side="right") - 1, minlength=len(starts))
    n_words += np.maximum(counts[0] / _CHARS_PER_UNSPACED_WORD, starting) - starting
    return np.minimum(n_stop + counts[1], n_words)


def page_features(lines: list[str]) -> np.ndarray:
    """Feature matrix (len(lines) x len(FEATURE_NAMES), float32); blank lines are all zeros."""
    out = np.zeros((len(lines), len(FEATURE_NAMES)), dtype=np.float32)
    content, matrix = _content_features(lines)
    if content:
        out[content] = matrix
    return out


def line_features(lines: list[str], indices: list[int]) -> np.ndarray:
    """``page_features(lines)[indices]`` for ``indices`` of non-blank lines, in increasing order
    (the rows of the other lines are not made)."""
    content, matrix = _content_features(lines)
    if not indices:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    rows = np.searchsorted(content, indices)
    if rows[-1] >= len(content) or not np.array_equal(np.asarray(content)[rows], indices):
        return page_features(lines)[indices]  # a blank line among them: its row of zeros
    return matrix[rows].astype(np.float32)


def _content_features(lines: list[str]) -> tuple[list[int], np.ndarray | None]:
    """The indices of the non-blank lines and their feature rows (float64)."""
    n_all = len(lines)
    # ``line.strip()`` is non-empty exactly when a non-empty line is not all white space
    content = [i for i, line in enumerate(lines) if line and not line.isspace()]
    if not content:
        return content, None
    n = len(content)
    raw = [lines[i] for i in content]
    texts = [line.strip() for line in raw]
    joined = "\n".join(texts)
    # character classes of all content lines at once: code points -> class bits -> line sums
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    flags = _char_table()[np.minimum(codes, _TABLE_SIZE - 1)]
    if codes.max() >= _EMOJI_FIRST:  # emoji and pictographs are no word characters
        flags = np.where((codes >= _EMOJI_FIRST) & (codes <= _EMOJI_LAST), 0, flags)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.empty(n, dtype=np.int64)
    starts[0] = 0
    (lengths[:-1] + 1).cumsum(out=starts[1:])
    ends = starts + lengths  # one past the last character
    word = (flags & _WORDCHAR) > 0
    prev_word = np.empty_like(word)
    prev_word[0] = False
    prev_word[1:] = word[:-1]

    # words (the scorer's \w+ tokens) and stop words, for the whole page in one pass
    word_starts = (word > prev_word).nonzero()[0]
    blanked = _blanked_lower(codes, flags, word)
    if blanked is not None:  # its tokens are the runs of word characters, one per word start
        token_line = starts.searchsorted(word_starts, side="right") - 1
        is_stop, language_known = stop_words_of(blanked)
    else:
        lowered = joined.lower()
        all_tokens = _WORD.findall(lowered)
        if len(word_starts) == len(all_tokens) and len(lowered) == len(joined):
            token_line = starts.searchsorted(word_starts, side="right") - 1
        else:  # a character class the table gets wrong (rare): tokenise line by line
            per_line = [_WORD.findall(text) for text in lowered.split("\n")]
            token_line = np.repeat(np.arange(n), [len(toks) for toks in per_line])
        stop = guess_stop_words(all_tokens)
        language_known = stop is not None
        if stop is None:  # fall back on the page's own most frequent short words
            stop = common_short_words(all_tokens)
        is_stop = np.fromiter(map(stop.__contains__, all_tokens), dtype=np.float64, count=len(all_tokens))
    n_words = np.bincount(token_line, minlength=n).astype(np.float64)
    if codes.max() >= _UNSPACED_FIRST:
        n_stop = _count_unspaced_words(codes, starts, word_starts, token_line, is_stop, n_words)
    else:
        n_stop = np.bincount(token_line, weights=is_stop, minlength=n)
    next_space = np.empty_like(word)
    np.equal(codes[1:], 32, out=next_space[:-1])
    next_space[-1] = False
    # summed per line along the rows of a (classes x characters) matrix: contiguous runs, faster
    # than along the columns of its transpose (the sums are the same integers)
    member = np.empty((9, len(flags)), dtype=bool)
    for row, bit in enumerate((_DIGIT, _PUNCTUATION, _SEPARATOR, _BRACKET, _UPPER, 0, _SENTENCE, _MARK, _AT)):
        if bit:
            np.greater(flags & bit, 0, out=member[row])
    member[4] &= ~prev_word  # a capital letter that starts a word
    member[5] = word
    member[6] &= next_space  # a sentence end before a space
    class_sums = np.add.reduceat(member.astype(np.int64), starts, axis=1).T
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
    if positions:
        file_name[starts.searchsorted(positions, side="right") - 1] = True
    url = class_sums[:, 8] > 0  # an @
    for marker in ("http", "www."):
        positions, at = [], joined.find(marker)
        while at >= 0:
            positions.append(at)
            at = joined.find(marker, at + 1)
        if positions:
            url[starts.searchsorted(positions, side="right") - 1] = True
    date_time = np.zeros(n, dtype=bool)
    for k in _maybe_dated(codes, flags, starts, class_sums[:, 0] > 0).tolist():  # lines with digits only
        date_time[k] = _DATE_TIME.search(texts[k]) is not None
    indent = (np.fromiter(map(len, raw), dtype=np.float64, count=n)
              - np.fromiter(map(len, map(str.lstrip, raw)), dtype=np.float64, count=n))
    wrap_width = max(float((indent + lengths).max()), 60.0) * 0.85
    counts = Counter(texts)
    first_seen = dict(zip(reversed(texts), range(n - 1, -1, -1)))

    # every column of the content lines, in FEATURE_NAMES order; blank lines stay zeros
    matrix = np.empty((n, len(FEATURE_NAMES)))
    base = matrix[:, : len(_LINE_COLUMNS)]
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
    heading_like = (n_words >= 2) & (n_words <= 12) & ~ends_sentence & (class_sums[:, 4] >= 0.6 * n_words)
    base[:, _COL["heading_like"]] = heading_like
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
    bounds = np.empty(n + 2, dtype=np.int64)
    bounds[0], bounds[-1] = -1, n_all
    bounds[1:-1] = idx
    gaps = np.minimum(bounds[1:] - bounds[:-1] - 1, 3)
    base[:, _COL["blank_before"]] = gaps[:-1]
    base[:, _COL["blank_after"]] = gaps[1:]

    words = base[:, _COL["words"]]
    stop_share = base[:, _COL["stop_share"]]
    ends = base[:, _COL["ends_sentence"]]
    log_words = np.log1p(words)
    short = (words <= 4).astype(np.float64)
    # blocks: runs of non-blank lines, numbered from 0
    block_start = gaps[:-1] > 0
    block_start[0] = True
    first_line = block_start.nonzero()[0]
    block_id = block_start.cumsum() - 1
    block_last = np.empty_like(first_line)
    block_last[:-1] = first_line[1:] - 1
    block_last[-1] = n - 1
    block_ends = ends[block_last][block_id]
    textlike = ((words >= 8) & (stop_share >= 0.15) & ((ends > 0) | (block_ends > 0))).astype(np.float64)
    derived = {"log_words": log_words, "short": short, "textlike": textlike}

    def column(name: str) -> np.ndarray:
        return derived[name] if name in derived else base[:, _COL[name]]

    at = len(_LINE_COLUMNS)
    width = len(_NEIGHBOUR_SOURCES)
    padded = np.empty((n + 4, width))
    padded.fill(-1.0)
    for k, src in enumerate(_NEIGHBOUR_SOURCES):
        padded[2 : n + 2, k] = column(src)
    for off in _NEIGHBOUR_OFFSETS:
        matrix[:, at : at + width] = padded[2 + off : 2 + off + n]
        at += width
    # the window sources, and the heading flag for the one-sided windows after them
    width = len(_WINDOW_SOURCES)
    cumulative = np.empty((n + 1, width + 1))
    cumulative[0] = 0.0
    windowed = cumulative[1:]
    for k, src in enumerate(_WINDOW_SOURCES):
        windowed[:, k] = column(src)
    windowed[:, width] = heading_like
    windowed.cumsum(axis=0, out=windowed)
    positions = np.arange(n)
    half = np.array(_WINDOWS)[:, None] // 2
    lo = np.maximum(positions - half, 0)
    hi = np.minimum(positions + half + 1, n)
    means = (cumulative[hi, :width] - cumulative[lo, :width]) / (hi - lo)[:, :, None]
    for k in range(len(_WINDOWS)):
        matrix[:, at : at + width] = means[k]
        at += width

    block_end = np.empty_like(first_line)
    block_end[:-1] = first_line[1:]
    block_end[-1] = n
    block_lines = block_end - first_line
    block_words = np.bincount(block_id, weights=words)
    block_stops = np.bincount(block_id, weights=base[:, _COL["stop_words"]])
    block_short = np.bincount(block_id, weights=short)
    block_textlike = np.bincount(block_id, weights=textlike)
    matrix[:, at] = block_lines[block_id]
    matrix[:, at + 1] = block_words[block_id]
    matrix[:, at + 2] = block_stops[block_id] / np.maximum(block_words[block_id], 1)
    matrix[:, at + 3] = block_words[block_id] / block_lines[block_id]
    matrix[:, at + 4] = base[:, _COL["blank_before"]] > 0
    matrix[:, at + 5] = base[:, _COL["blank_after"]] > 0
    matrix[:, at + 6] = block_short[block_id] / block_lines[block_id]
    matrix[:, at + 7] = block_ends
    matrix[:, at + 8] = block_textlike[block_id] / block_lines[block_id]
    at += 9

    matrix[:, at] = positions / n
    text_words = words * textlike
    total_text = max(text_words.sum(), 1.0)
    cum = text_words.cumsum()
    matrix[:, at + 1] = (cum - text_words) / total_text
    matrix[:, at + 2] = (total_text - cum) / total_text
    score = np.where(textlike > 0, words, -np.minimum(words, 10) - 2.0)
    lo, hi = _densest_whole_run(score)  # ``densest_region``: the scores are whole numbers
    distance = np.minimum(positions - lo, 0) + np.maximum(positions - hi, 0)  # 0 inside (lo <= hi)
    matrix[:, at + 3] = (positions >= lo) & (positions <= hi)
    matrix[:, at + 4] = distance
    matrix[:, at + 5] = distance / n
    matrix[:, at + 6] = _runs_before(textlike > 0)
    cum_short = short.cumsum()
    edge = np.minimum(np.maximum(positions, lo), hi)
    matrix[:, at + 7] = np.abs(cum_short[edge] - cum_short)
    far = n + _GAP_CAP
    last_above = np.maximum.accumulate(np.where(textlike > 0, positions, -far))
    matrix[:, at + 8] = np.minimum(positions - np.concatenate([[-far], last_above[:-1]]), _GAP_CAP)
    next_below = np.minimum.accumulate(np.where(textlike > 0, positions, 2 * far)[::-1])[::-1]
    matrix[:, at + 9] = np.minimum(np.concatenate([next_below[1:], [2 * far]]) - positions, _GAP_CAP)
    at += 10
    _block_shapes(block_id, first_line, block_lines, block_words, block_textlike, words, textlike, ends,
                  date_time.astype(np.float64), lo, hi, edge, matrix[:, at : at + 15])
    at += 15
    matrix[:, at : at + 8] = _one_sided_windows(cumulative[:, [width, 5, 3, 2]])
    at += 8
    matrix[:, at:] = [
        np.log1p(n),
        1.0 - n / n_all,
        base[:, _COL["stop_words"]].sum() / max(words.sum(), 1.0),
        words.mean(),
        float(language_known),
        textlike.mean(),
        text_words[lo : hi + 1].sum() / total_text,
    ]
    return content, matrix
