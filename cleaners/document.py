"""The one record type every cleaning step works on.

A ``Document`` keeps the decoded input lines with their numbers, so that every removal can be
logged against the line it came from, and so that kept lines plus removed lines always rebuild
the decoded input. Steps never edit ``lines``: they return a ``Verdict`` and ``apply_verdict``
(the only code that marks lines removed) writes the append-only removal log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed line: where it was, what it said, why and by which step."""

    line_no: int  # 1-based line number in the decoded input
    text: str
    reason: str  # stable snake_case reason code
    step: str

    def as_dict(self) -> dict[str, Any]:
        return {"line_no": self.line_no, "text": self.text, "reason": self.reason, "step": self.step}


@dataclass(slots=True)
class Verdict:
    """What one step decided: lines to remove (0-based index -> reason) and metadata found.

    ``metadata`` values overwrite earlier ones only when they are not ``None``; ``captions`` are
    appended in order, each once.
    """

    removals: dict[int, str] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    captions: list[str] = field(default_factory=list)

    def remove(self, index: int, reason: str) -> None:
        """Mark a line for removal; the first reason given for a line wins."""
        self.removals.setdefault(index, reason)


@dataclass(slots=True)
class Document:
    """A page being cleaned: its decoded lines, which are still kept, and what was found."""

    id: str
    source: str
    lines: list[str]
    kept: list[bool]
    kind: str = "text"  # "text" for dumps, "html" for extracted HTML
    metadata: dict[str, Any] = field(default_factory=dict)
    captions: list[str] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    repairs: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_text(cls, doc_id: str, source: str, text: str, kind: str = "text") -> "Document":
        lines = text.split("\n")
        return cls(id=doc_id, source=source, lines=lines, kept=[True] * len(lines), kind=kind)

    def kept_indices(self) -> list[int]:
        """Indices of lines still kept, blank ones included."""
        return [i for i, keep in enumerate(self.kept) if keep]

    def kept_content_indices(self) -> list[int]:
        """Indices of kept lines that hold any visible text."""
        return [i for i, keep in enumerate(self.kept) if keep and self.lines[i].strip()]


def apply_verdict(doc: Document, step: str, verdict: Verdict) -> None:
    """Turn a step's verdict into removals; the only place lines stop being kept."""
    for index in sorted(verdict.removals):
        if not doc.kept[index]:
            continue
        doc.kept[index] = False
        doc.removals.append(Removal(index + 1, doc.lines[index], verdict.removals[index], step))
    for key, value in verdict.metadata.items():
        if value is not None:
            doc.metadata[key] = value
    for caption in verdict.captions:
        if caption not in doc.captions:
            doc.captions.append(caption)
