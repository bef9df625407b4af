"""Whole-document filters: after the steps, decide whether a cleaned page belongs in the corpus.

Each filter is a pure check over one document's clean text and metadata and rejects with its
own reason code (``RejectError(reason, detail)``); ``None`` in ``FilterConfig`` turns a check
off. Exact duplicates (``duplicate_text``) need the whole corpus, so they are dropped when the
shards are merged (``flows/merge.py``), not here.
"""

from __future__ import annotations

from cleaners.config import FilterConfig
from cleaners.errors import RejectError
from cleaners.text import word_count

#: Reason codes of the per-document filters, in the order they are checked.
FILTER_REASONS = ("too_few_words", "too_many_non_letters", "language_not_kept")
DUPLICATE_REASON = "duplicate_text"


def non_letter_share(text: str) -> float:
    """Share of the visible (non-whitespace) characters that are not letters; 0.0 for none."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    return sum(1 for ch in visible if not ch.isalpha()) / len(visible)


def language_kept(language: str | None, languages: tuple[str, ...]) -> bool:
    """``zh-cn`` is kept by ``zh`` or ``zh-cn``; an unknown language is never kept."""
    if not language:
        return False
    wanted = {code.lower() for code in languages}
    code = language.lower()
    return code in wanted or code.split("-")[0] in wanted


def check_document(text: str, language: str | None, config: FilterConfig) -> None:
    """Raise ``RejectError`` for the first filter the document fails; return if it passes."""
    if config.min_words is not None:
        words = word_count(text)
        if words < config.min_words:
            raise RejectError("too_few_words", f"{words} words is under min_words={config.min_words}")
    if config.max_non_letter_share is not None:
        share = non_letter_share(text)
        if share > config.max_non_letter_share:
            raise RejectError("too_many_non_letters",
                              f"{share:.3f} non-letter share is over max_non_letter_share={config.max_non_letter_share}")
    if config.languages is not None and not language_kept(language, config.languages):
        raise RejectError("language_not_kept",
                          f"language {language or 'unknown'!s} is not in languages={','.join(config.languages)}")
