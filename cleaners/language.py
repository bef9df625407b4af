"""Language identification over a bounded sample of the kept text (langdetect, seeded).

Only measures: the verdict removes nothing and sets ``language`` (langdetect's code, e.g.
``en``, ``de``, ``zh-cn``) and ``language_score`` (its probability, 4 decimals), both ``None``
when there is no text to judge or detection fails. The sample is the longest kept lines up to
``config.language.sample_chars`` characters, so short menu and button lines do not outvote the
article; the same lines and the same seed always give the same answer.
"""

from __future__ import annotations

import threading

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict

_factory = None
_factory_lock = threading.Lock()


def _get_factory():
    """langdetect's profiles, loaded once per process (about 0.5 s) into our own factory."""
    global _factory
    if _factory is None:
        with _factory_lock:
            if _factory is None:
                from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

                factory = DetectorFactory()
                factory.load_profile(PROFILES_DIRECTORY)
                _factory = factory
    return _factory


def language_sample(doc: Document, sample_chars: int) -> str:
    """The longest kept non-blank lines (ties: earlier first), at most ``sample_chars`` chars,
    joined in document order."""
    candidates = [(i, " ".join(doc.lines[i].split())) for i in doc.kept_content_indices()]
    candidates.sort(key=lambda item: (-len(item[1]), item[0]))
    chosen: list[tuple[int, str]] = []
    budget = sample_chars
    for index, line in candidates:
        if budget <= 0:
            break
        chosen.append((index, line[:budget]))
        budget -= len(line) + 1
    chosen.sort()
    return "\n".join(line for _, line in chosen)


def detect_language(doc: Document, config: PipelineConfig) -> Verdict:
    """Set ``language``/``language_score`` from the kept text; never removes lines."""
    verdict = Verdict(metadata={"language": None, "language_score": None})
    sample = language_sample(doc, config.language.sample_chars)
    if not sample.strip():
        return verdict
    from langdetect.lang_detect_exception import LangDetectException

    detector = _get_factory().create()
    detector.seed = config.language.seed  # per detector: no global state shared with others
    detector.append(sample)
    try:
        best = detector.get_probabilities()
    except LangDetectException:  # no letters at all (digits, symbols, URLs only)
        return verdict
    if not best:
        return verdict
    verdict.metadata = {"language": best[0].lang, "language_score": round(best[0].prob, 4)}
    return verdict
