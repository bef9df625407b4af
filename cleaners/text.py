"""Turning the kept lines of a document back into article text.

Dumps wrap long paragraphs over several lines and separate paragraphs by blank lines, but some
scrapers print one paragraph per line with no blank line at all. A kept line therefore starts a
new paragraph unless it continues a wrapped line of the same block.
"""

from __future__ import annotations

import re

from cleaners.document import Document

_SENTENCE_END = re.compile(r"[.!?:;…。！？\"'”’)\]]$")
_WORD = re.compile(r"\w+")


def _continues(previous: str, line: str, wrap_width: int) -> bool:
    """A line continues the previous one when that one was cut at the wrap width mid-sentence."""
    return len(previous) >= wrap_width * 0.85 and not _SENTENCE_END.search(previous)


def assemble_text(doc: Document) -> str:
    """Kept lines as paragraphs separated by one blank line, whitespace trimmed."""
    lengths = [len(line.rstrip()) for line in doc.lines]
    wrap_width = max(max(lengths, default=0), 60)
    paragraphs: list[str] = []
    previous_index = -2
    for index in doc.kept_content_indices():
        line = " ".join(doc.lines[index].split())
        raw_previous = doc.lines[previous_index].rstrip() if previous_index >= 0 else ""
        if paragraphs and previous_index == index - 1 and _continues(raw_previous, line, wrap_width):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous_index = index
    return "\n\n".join(paragraphs)


def word_count(text: str) -> int:
    """Words as the benchmark counts them (runs of word characters)."""
    return len(_WORD.findall(text))
