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


def wrap_width(lines: list[str]) -> int:
    """The width a dump wrapped its lines at: its longest line (at least 60 columns)."""
    return max(max((len(line.rstrip()) for line in lines), default=0), 60)


def continues(previous: str, wrap_width: int) -> bool:
    """A line continues the previous one when that one was cut at the wrap width mid-sentence."""
    return len(previous) >= wrap_width * 0.85 and not _SENTENCE_END.search(previous)


def paragraph_spans(doc: Document) -> list[list[int]]:
    """The kept content lines grouped into the paragraphs ``assemble_text`` makes of them (line
    indices, in order): the corpus-wide step (cleaners/corpus_lines.py) removes whole paragraphs
    and logs their input lines."""
    width = wrap_width(doc.lines)
    spans: list[list[int]] = []
    previous_index = -2
    for index in doc.kept_content_indices():
        if spans and previous_index == index - 1 and continues(doc.lines[previous_index].rstrip(), width):
            spans[-1].append(index)
        else:
            spans.append([index])
        previous_index = index
    return spans


def assemble_text(doc: Document) -> str:
    """Kept lines as paragraphs separated by one blank line, whitespace trimmed."""
    return "\n\n".join(" ".join(" ".join(doc.lines[i].split()) for i in span) for span in paragraph_spans(doc))


def word_count(text: str) -> int:
    """Words as the benchmark counts them (runs of word characters)."""
    return len(_WORD.findall(text))
