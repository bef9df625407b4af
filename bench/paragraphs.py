"""Paragraph boundaries of a cleaned text against its reference, for ``bench/quality.py --paragraphs``.

The benchmark's F1 reads words only, so where the text breaks its paragraphs does not move it;
downstream users (chunking, search, training on paragraphs) see it. A boundary between two output
paragraphs is a *false split* when the last three words of the one and the first three of the next
run on inside one line of the reference; a boundary between two reference lines is a *false join*
when those six words run on inside one output paragraph. Seams are counted once per page. Some
references wrap lines by hand (wcxb-dev's documentation pages), where a false join is no error.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
_SIDE = 3  # words on each side of a boundary


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _seams(blocks: list[str]) -> set[str]:
    """The six words around each boundary between consecutive blocks."""
    found = set()
    for upper, lower in zip(blocks, blocks[1:]):
        seam = _words(upper)[-_SIDE:] + _words(lower)[:_SIDE]
        if len(seam) == 2 * _SIDE:
            found.add(" ".join(seam))
    return found


def _inside(blocks: list[str]) -> set[str]:
    """Every run of six words inside one block."""
    found = set()
    for block in blocks:
        words = _words(block)
        found.update(" ".join(words[k - _SIDE:k + _SIDE]) for k in range(_SIDE, len(words) - _SIDE + 1))
    return found


def boundary_errors(text: str, reference: str) -> tuple[int, int, int]:
    """(false splits, false joins, output boundaries) of ``text`` (paragraphs separated by a blank
    line) against ``reference`` (paragraphs one a line)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    lines = [line for line in reference.split("\n") if line.strip()]
    seams = _seams(paragraphs)
    return len(seams & _inside(lines)), len(_inside(paragraphs) & _seams(lines)), len(seams)
