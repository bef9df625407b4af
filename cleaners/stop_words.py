"""Stop words of a page's own language, found from the page: jusText's lists, about 100 languages.

The line features measure how much of a line is stop words (``the``, ``und``, ``de``...): prose
is full of them, menus and link lists have few. Which list applies is guessed once per page
from a sample of its tokens, each hit weighted by 1/(languages whose list holds the word), so
words common to many languages weigh little; a page too few tokens of which hit any list uses
its own most frequent short words instead. The lists are looked up for all of a page's tokens
at once (``stop_words_of``): a flat hash table of byte keys, array gathers instead of a dict
lookup per token.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import numpy as np

#: How many stop-list hits a guessed language needs before its list is trusted.
_MIN_LANGUAGE_HITS = 8
#: Words sampled for the language guess.
_LANGUAGE_SAMPLE_WORDS = 600


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


_KEY_BYTES = 16  # a word's key: its first 16 UTF-8 bytes, zero-padded (all of it when no longer)
_TABLE_BITS = 19  # home slots of the word table: a quarter of them hold a word
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)  # masks of the k low bytes
_HASH_1, _HASH_2, _HASH_3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x94D049BB133111EB)


def _byte_runs(text: bytes, separator: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keys, starts and lengths of the runs of bytes other than ``separator`` in ``text``.

    A key is two uint64 holding a run's first ``_KEY_BYTES`` bytes zero-padded (read as
    little-endian words): different runs of at most that many bytes, none of them zero, have
    different keys.
    """
    inside = np.empty(len(text) + 2, dtype=bool)
    inside[0] = inside[-1] = False
    np.not_equal(np.frombuffer(text, dtype=np.uint8), separator, out=inside[1:-1])
    edges = (inside[1:] != inside[:-1]).nonzero()[0]  # run starts and ends, alternating
    starts, ends = edges[::2], edges[1::2]
    lengths = ends - starts
    padded = text + bytes(_KEY_BYTES)
    # the 8 bytes from every offset, as one unaligned strided view of the text
    words = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
    keys = np.empty((len(starts), 2), dtype=np.uint64)
    keys[:, 0] = words[starts] & _LOW_BYTES[np.minimum(lengths, 8)]
    keys[:, 1] = words[starts + 8] & _LOW_BYTES[np.minimum(np.maximum(lengths - 8, 0), 8)]
    return keys, starts, lengths


def _home_slots(keys: np.ndarray, bits: int) -> np.ndarray:
    """Slots numbered by ``bits`` bits of a hash of the keys."""
    mixed = (keys[:, 0] * _HASH_1) ^ (keys[:, 1] * _HASH_2)
    mixed ^= mixed >> np.uint64(29)
    return ((mixed * _HASH_3) >> np.uint64(64 - bits)).astype(np.intp)


class _WordTable:
    """A dict from words to non-negative ints as a flat hash table, looked up for many tokens at once.

    Looking up a few hundred words one by one in a dict of 150,000 costs a cache miss or three
    each (other steps have pushed the dict out of the cache): here the lookups of a page are
    array gathers, whose misses overlap. Words of at most ``_KEY_BYTES`` UTF-8 bytes are stored
    by key (``_byte_runs``) at or after their home slot (linear probing, at most ``probes`` slots
    on), longer ones in a dict. Exact: a token matches only a word with its very bytes.
    """

    def __init__(self, values: dict[str, int]) -> None:
        # a word with a zero byte can match no token (a run of ``\w`` characters) but would split
        words = [word for word in values if word and "\x00" not in word]
        keys, _, lengths = _byte_runs("\x00".join(words).encode("utf-8"), 0)
        found = np.fromiter(map(values.__getitem__, words), dtype=np.int32, count=len(words))
        short = lengths <= _KEY_BYTES
        self.long = {word: values[word] for word, fits in zip(words, short.tolist()) if not fits}
        keys, found = keys[short], found[short]
        self.bits = max(8, (4 * len(keys)).bit_length())  # a quarter of the home slots or fewer hold a word
        home = _home_slots(keys, self.bits)
        order = np.argsort(home, kind="stable")
        home = home[order]
        step = np.arange(len(home))
        slot = np.maximum.accumulate(home - step) + step  # each word at its home or the first free slot after
        self.probes = int((slot - home).max(initial=0)) + 1
        size = max(int(slot.max(initial=0)) + 1, 1 << self.bits) + self.probes
        self.first = np.zeros(size, dtype=np.uint64)  # a key's two halves; (0, 0): an empty slot
        self.second = np.zeros(size, dtype=np.uint64)
        self.first[slot] = keys[order, 0]
        self.second[slot] = keys[order, 1]
        self.values = np.full(size, -1, dtype=np.int32)
        self.values[slot] = found[order]

    def find(self, text: bytes, keys: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The value of each run of ``text`` given by ``_byte_runs``, -1 for one that is no word.

        Every token is looked for at its home slot; the few whose home holds another word, one
        slot further on, and so on, until a slot holds the token or no word (a word sits at its
        home or after a run of occupied slots starting there).
        """
        slot = _home_slots(keys, self.bits)
        first, second = keys[:, 0], keys[:, 1]
        value = self.values[slot]
        hit = (self.first[slot] == first) & (self.second[slot] == second)
        found = np.where(hit, value, -1).astype(np.int32)
        active = ((value >= 0) & ~hit).nonzero()[0]
        step = 1
        while active.size:
            at = slot[active] + step
            value = self.values[at]
            hit = (self.first[at] == first[active]) & (self.second[at] == second[active])
            found[active[hit]] = value[hit]
            active = active[(value >= 0) & ~hit]
            step += 1
        for k in (lengths > _KEY_BYTES).nonzero()[0].tolist():
            found[k] = self.long.get(text[starts[k] : starts[k] + lengths[k]].decode("utf-8"), -1)
        return found


@lru_cache(maxsize=1)
def _group_table() -> _WordTable:
    """``_stop_index``'s word -> group dict as a ``_WordTable``."""
    return _WordTable(_stop_index()[0])


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
    rows = counts.nonzero()[0]
    scores = counts[rows] @ weights[rows]
    if scores.size >= 2:
        second, first = np.partition(scores, -2)[-2:]
        if first - second > 1e-9 * max(first, 1.0):
            return int(np.argmax(scores))
    return int(np.argmax(counts @ weights))


def stop_words_of(lowered: str) -> tuple[np.ndarray, bool]:
    """Per token of ``lowered`` (runs of non-spaces): 1.0 for a stop word of the page's
    language, else 0.0; and whether that language was recognised.

    The same as ``guess_stop_words`` of the tokens and a test of every token against the list
    it returns (or against the page's most frequent short words, when it returns ``None``), with
    every token's group (the languages whose stop list has it) looked up at once in
    ``_WordTable``: a token is in the list of language ``best`` when its group holds ``best``.
    """
    text = lowered.encode("utf-8")
    keys, starts, lengths = _byte_runs(text, 32)
    groups = _group_table().find(text, keys, starts, lengths)  # -1: in no stop list
    step = max(1, len(groups) // _LANGUAGE_SAMPLE_WORDS)
    sample = groups[: step * _LANGUAGE_SAMPLE_WORDS : step]  # ``guess_stop_words``'s sample
    found = sample[sample >= 0]
    if found.size:
        weights = _stop_index()[1]
        best = _best_language(np.bincount(found, minlength=len(weights)), weights)
        if np.count_nonzero(weights[found, best]) >= _MIN_LANGUAGE_HITS:
            is_stop = np.zeros(len(groups))
            known = groups >= 0
            is_stop[known] = weights[groups[known], best] > 0
            return is_stop, True
    tokens = lowered.split()
    return np.fromiter(map(common_short_words(tokens).__contains__, tokens), dtype=np.float64, count=len(tokens)), False


def common_short_words(tokens: list[str]) -> frozenset[str]:
    """The page's own most frequent short words, its stop words when no language is recognised."""
    common = Counter(t for t in tokens if len(t) <= 4 and not t.isdigit())
    return frozenset(w for w, _ in common.most_common(30))
