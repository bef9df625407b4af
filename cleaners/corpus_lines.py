"""Paragraphs repeated across documents: the per-document half of the corpus-wide step.

A paragraph that stays in the clean text of two or more unrelated documents of one corpus is
site furniture the per-document steps could not see: a press release's "About the company"
block, a newsletter appeal, a standing disclaimer (the CCNet idea: Wenzek et al. 2019 drop
paragraphs whose hash occurs elsewhere in the shard). Which paragraphs repeat is a corpus fact,
counted at merge time in flows/corpus_lines.py; this module holds the pure parts it uses on one
document: the paragraph keys, and which paragraphs go once the repeated keys are known.

A key is a 64-bit hash of the paragraph's lower-cased words (runs of word characters), so case,
punctuation and spacing differences do not hide a repeat. Paragraphs of fewer than
``min_words`` words get no key: short headings and bylines repeat by chance.

Near-duplicate documents (flows/dedup.py clusters) count once, or a syndicated article would
lose its whole text. A document that would still lose more than ``max_removed_share`` of its
words keeps them: it shares its content with another document rather than boilerplate.
"""

from __future__ import annotations

import hashlib
import re
from typing import Sequence

from cleaners.config import CorpusLinesConfig

REASON = "repeated_across_documents"
STEP = "corpus_lines"
#: The separator ``text.assemble_text`` puts between paragraphs.
PARAGRAPH_BREAK = "\n\n"

_WORD = re.compile(r"\w+")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a clean text (none for an empty text)."""
    return text.split(PARAGRAPH_BREAK) if text else []


def paragraph_words(text: str) -> list[list[str]]:
    """The lower-cased words of each paragraph of a clean text, in order: what its keys are made
    of, and (joined) the words the duplicate pass shingles, so that a batch splits a text once."""
    return [_WORD.findall(paragraph.lower()) for paragraph in paragraphs(text)]


def words_key(words: list[str], min_words: int) -> int | None:
    """The 64-bit key (BLAKE2b) of a paragraph's lower-cased words, or None for fewer than ``min_words``."""
    if len(words) < min_words:
        return None
    return int.from_bytes(hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest(), "little")


def paragraph_key(paragraph: str, min_words: int) -> int | None:
    """The paragraph's 64-bit key (BLAKE2b of its lower-cased words), or None when it is shorter
    than ``min_words`` words."""
    return words_key(_WORD.findall(paragraph.lower()), min_words)


def text_keys(text: str, min_words: int, words: list[list[str]] | None = None) -> list[int | None]:
    """The key of every paragraph of a clean text, in order (None for a short one); ``words``:
    its ``paragraph_words`` when the caller has them."""
    return [words_key(part, min_words) for part in (paragraph_words(text) if words is None else words)]


def repeated_paragraphs(text: str, flags: Sequence[bool], config: CorpusLinesConfig) -> list[int]:
    """Indices of the paragraphs to remove: those ``flags`` marks as repeated in the corpus (one
    flag per paragraph, for its key), unless together they hold more than ``max_removed_share``
    of the text's words."""
    parts = paragraphs(text)
    chosen = [i for i, flag in enumerate(flags) if flag]
    if not chosen:
        return []
    words = [len(part.split()) for part in parts]  # white-space words: cheap, and a share is all it needs
    if sum(words[i] for i in chosen) > config.max_removed_share * sum(words):
        return []
    return chosen


def without_paragraphs(text: str, indices: Sequence[int]) -> str:
    """The text with the paragraphs at ``indices`` left out."""
    gone = set(indices)
    return PARAGRAPH_BREAK.join(part for i, part in enumerate(paragraphs(text)) if i not in gone)
