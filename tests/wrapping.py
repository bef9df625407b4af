"""Paragraphs cut into lines as a text browser wraps them, for tests that build dumps by hand."""

from __future__ import annotations


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` columns at spaces, as w3m wraps a paragraph."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]
