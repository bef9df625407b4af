"""Language identification over a bounded sample of the kept text, with langdetect's model.

Only measures: the verdict removes nothing and sets ``language`` (langdetect's code, e.g. ``en``,
``de``, ``zh-cn``) and ``language_score`` (a probability, 4 decimals), both ``None`` when there
is no text to judge. The sample is the longest kept lines up to ``language.sample_chars``
characters, so short menu and button lines do not outvote the article.

Two methods share langdetect's profiles (55 languages) and its character normalisation:
- ``profiles`` (default): every 1-3-gram of the sample is scored once under each language's
  profile (naive Bayes with langdetect's smoothing, as langdetect does, but exhaustively instead
  of by random sampling).
  Deterministic without a seed and about 1 ms per document, where langdetect's own detector
  costs 7-10 ms on the same 2,000 characters (measured on the aeb-dev gold texts). The two name
  the same language for all 90 aeb-dev and all 1,337 wcxb-dev gold texts (langdetect: the
  majority of three seeds). The score is the posterior computed as if from ``evidence_ngrams``
  n-grams, so it says how clearly the text leans to one language rather than growing with its
  length.
- ``langdetect``: langdetect's own randomised detector with ``seed`` (slower, same profiles).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import lru_cache

import numpy as np

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict

_lock = threading.RLock()
_factory = None
_model: "_ProfileModel | None" = None
_URL_OR_EMAIL = re.compile(r"https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}|[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}")
_LATIN = re.compile(r"[A-Za-z]")
#: Words whose evidence is kept per process. A row costs 55 languages x 8 bytes and the table
#: grows by doubling, so this bounds it at 2**17 rows (58 MB) per worker process; 500,000 words
#: allowed 2**19 (230 MB) on a corpus with a large vocabulary. When the table is emptied, the
#: frequent words come back first, and a word's evidence costs about 20 microseconds to redo.
_MAX_WORDS = 100_000


def _smoothing() -> float:
    """What langdetect adds to every n-gram's probability before multiplying (its ``alpha`` over
    ``BASE_FREQ``: 5e-5). An n-gram a language's profile lacks then costs a bounded factor instead
    of ruling the language out: with 1e-7, one brand name or symbol unseen in English profiles
    outweighed a paragraph of English words, and 13 to 17 of the 1,337 English-language wcxb-dev
    pages came out as Romanian, Catalan or Estonian (langdetect's own detector: none)."""
    from langdetect.detector import Detector

    return Detector.ALPHA_DEFAULT / Detector.BASE_FREQ


def _load_factory():
    """langdetect's profiles (about 0.5 s) in a factory of our own."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def _get_factory():
    """The factory of the ``langdetect`` method, loaded once per process."""
    global _factory
    if _factory is None:
        with _lock:
            if _factory is None:
                _factory = _load_factory()
    return _factory


class _ProfileModel:
    """langdetect's n-gram probabilities as a log-probability matrix, plus its normaliser."""

    def __init__(self) -> None:
        from langdetect.utils.ngram import NGram

        # Not kept: its 88,000 n-grams' probabilities are Python lists of floats (about 150 MB a
        # process), which every full pass of the garbage collector walked (0.1 s each), while
        # this model holds them as one float32 matrix.
        factory = _factory if _factory is not None else _load_factory()
        self.languages: list[str] = list(factory.langlist)
        grams = list(factory.word_lang_prob_map)
        self.row = {gram: i for i, gram in enumerate(grams)}
        probs = np.array([factory.word_lang_prob_map[g] for g in grams], dtype=np.float64)
        self.log_probs = np.log(probs + _smoothing()).astype(np.float32)
        # langdetect normalises characters one by one; precompute that for the whole BMP.
        table = {}
        for code in range(0x10000):
            if 0xD800 <= code < 0xE000:
                continue
            normal = NGram.normalize(chr(code))
            if normal != chr(code):
                table[code] = normal
        self.table = table
        # The same mapping over the whole plane as an array (every value is one character), so a
        # text is normalised by one lookup of all its code points instead of one per character.
        self.code_map = np.arange(0x10000, dtype=np.uint32)
        self.code_map[list(table)] = [ord(normal) for normal in table.values()]

        # ``word_evidence`` of the words scored so far, by row: the summed log-probabilities in
        # ``evidence``, the n-gram counts in ``grams`` (a word with no known n-gram: row -1)
        self.word_rows: dict[str, int] = {}
        self.rows_used = 0  # rows of ``evidence`` holding a word's (words with none take no row)
        self.evidence = np.empty((1024, len(self.languages)))
        self.grams = np.empty(1024, dtype=np.int64)

    def word_evidence(self, word: str) -> tuple[int, np.ndarray] | None:
        """(known n-grams, summed log-probabilities) of one normalised word, or ``None``.

        Every 1-3-gram of the word padded with spaces counts, as in langdetect. ``score`` keeps
        the result per word and process: words repeat across pages.
        """
        padded, row = f" {word} ", self.row
        rows = [row[g] for n in (1, 2, 3) for start in range(len(padded) - n + 1)
                if (g := padded[start:start + n]) != " " and g in row]
        return (len(rows), self.log_probs[rows].sum(axis=0, dtype=np.float64)) if rows else None

    def normalise(self, text: str) -> str:
        """``text.translate(self.table)``: langdetect's normalisation of every character."""
        codes = _code_points(text)
        if codes is None:
            return text.translate(self.table)
        mapped = np.where(codes < 0x10000, self.code_map[np.minimum(codes, 0xFFFF)], codes)
        return mapped.astype(np.uint32).tobytes().decode("utf-32-le")

    def _word_row(self, word: str) -> int:
        """The row of ``word_evidence(word)`` in ``evidence`` (-1: none), added on first use."""
        found = self.word_rows.get(word)
        if found is not None:
            return found
        evidence = self.word_evidence(word)
        if evidence is None:
            found = -1
        else:
            # the next free row, not ``len(self.word_rows)``: that also counts the words without
            # evidence, so it could step past a full array and miss the moment to grow it
            found = self.rows_used
            if found == len(self.grams):  # room for twice as many words
                self.evidence = np.concatenate([self.evidence, np.empty_like(self.evidence)])
                self.grams = np.concatenate([self.grams, np.empty_like(self.grams)])
            self.grams[found], self.evidence[found] = evidence
            self.rows_used += 1
        self.word_rows[word] = found
        return found

    def score(self, text: str) -> tuple[int, np.ndarray] | None:
        """(n-grams seen, log-likelihood per language) of a text."""
        # words in order of first occurrence, as the evidence is summed in that order
        counts = Counter(self.normalise(text).split())
        for word in [word for word in filter(str.isupper, counts) if len(word) > 1]:
            del counts[word]  # langdetect skips all-capital words (acronyms)
        if len(self.word_rows) + len(counts) > _MAX_WORDS:  # bounded memory on endless vocabularies
            self.word_rows.clear()
            self.rows_used = 0
        found = list(map(self.word_rows.get, counts))  # the words scored before: one C loop
        if None in found:
            found = [self._word_row(word) if row is None else row for word, row in zip(counts, found)]
        rows = np.array(found, dtype=np.intp)
        known = rows >= 0
        if not known.any():
            return None
        rows = rows[known]
        weights = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))[known]
        # the words' evidence rows, weighted by their counts: the same product as of the rows
        # stacked one by one (same values, same matrix), without stacking them
        return int((self.grams[rows] * weights).sum()), weights.astype(np.float64) @ self.evidence[rows]


def _get_model() -> _ProfileModel:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _ProfileModel()
    return _model


def language_sample(doc: Document, sample_chars: int) -> str:
    """The longest kept non-blank lines (ties: earlier first), at most ``sample_chars`` chars,
    joined in document order."""
    texts = doc.texts()
    lines = [texts[i] for i in doc.kept_content_indices()]
    # longest first; a stable sort, reversed or not, keeps equally long lines in page order
    longest_first = sorted(range(len(lines)), key=[len(line) for line in lines].__getitem__, reverse=True)
    chosen: list[tuple[int, str]] = []
    budget = sample_chars
    for position in longest_first:
        if budget <= 0:
            break
        line = lines[position]
        chosen.append((position, line[:budget]))
        budget -= len(line) + 1
    chosen.sort()
    return "\n".join(line for _, line in chosen)


def _code_points(text: str) -> np.ndarray | None:
    """The code points of ``text`` (uint32), or ``None`` for a text with a lone surrogate."""
    try:
        return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:
        return None


@lru_cache(maxsize=1)
def _plane_letters() -> np.ndarray:
    """``str.isalpha`` of every character of the basic plane, once per process."""
    return np.array([chr(code).isalpha() for code in range(0x10000)], dtype=bool)


def _letter_counts(text: str) -> tuple[int, int]:
    """(letters, ASCII letters) of ``text``: ``str.isalpha`` characters and ``[A-Za-z]`` matches,
    counted over its code points at once rather than character by character."""
    codes = _code_points(text)
    if codes is None:
        return sum(ch.isalpha() for ch in text), len(_LATIN.findall(text))
    in_plane = codes < 0x10000
    letters = int(np.count_nonzero(_plane_letters()[codes[in_plane]]))
    if not in_plane.all():
        letters += sum(chr(code).isalpha() for code in codes[~in_plane].tolist())
    folded = codes | 0x20  # ASCII upper-case letters onto lower-case ones
    latin = int(np.count_nonzero((folded >= 0x61) & (folded <= 0x7A)))
    return letters, latin


def _without_latin_minority(text: str) -> str:
    """As langdetect does: Latin letters in a mostly non-Latin text are dropped (brand names)."""
    letters, latin = _letter_counts(text)
    if latin * 3 < letters - latin:
        return _LATIN.sub(" ", text)
    return text


def _by_profiles(sample: str, evidence_ngrams: int) -> tuple[str, float] | None:
    model = _get_model()
    if "@" in sample or "://" in sample:  # each alternative of the pattern needs one of them
        sample = _URL_OR_EMAIL.sub(" ", sample)
    scored = model.score(_without_latin_minority(sample))
    if scored is None:
        return None
    seen, log_likelihood = scored
    scaled = log_likelihood * (min(seen, evidence_ngrams) / seen)
    posterior = np.exp(scaled - scaled.max())
    posterior /= posterior.sum()
    best = int(np.argmax(log_likelihood))
    return model.languages[best], float(posterior[best])


def _by_langdetect(sample: str, seed: int) -> tuple[str, float] | None:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _get_factory().create()
    detector.seed = seed  # per detector: no global state shared with others
    detector.append(sample)
    try:
        best = detector.get_probabilities()
    except LangDetectException:  # no letters at all (digits, symbols, URLs only)
        return None
    return (best[0].lang, best[0].prob) if best else None


def detect_language(doc: Document, config: PipelineConfig) -> Verdict:
    """Set ``language``/``language_score`` from the kept text; never removes lines."""
    settings = config.language
    verdict = Verdict(metadata={"language": None, "language_score": None})
    sample = language_sample(doc, settings.sample_chars)
    if not sample.strip():
        return verdict
    if settings.method == "langdetect":
        found = _by_langdetect(sample, settings.seed)
    else:
        found = _by_profiles(sample, settings.evidence_ngrams)
    if found is not None:
        verdict.metadata = {"language": found[0], "language_score": round(found[1], 4)}
    return verdict
