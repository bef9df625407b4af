"""The one record type every cleaning step works on.

A ``Document`` keeps the decoded input lines with their numbers, so that every removal can be
logged against the line it came from, and so that kept lines plus removed lines always rebuild
the decoded input. Steps never edit ``lines``: they return a ``Verdict`` and ``apply_verdict``
(the only code that marks lines removed) writes the append-only removal log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleaners.patterns import norm_lines


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
    # line index -> columns the dump printed on that line beyond its text (link numbers read out
    # at decoding): the width at which the browser wrapped the line
    printed_extra: dict[int, int] = field(default_factory=dict)
    # (``lines``, its non-blank line indices): found once, as steps never edit ``lines`` and
    # every step asks; a ``lines`` list put in its place is looked at afresh.
    _content: tuple[list[str], tuple[int, ...]] | None = field(default=None, init=False, repr=False, compare=False)
    # (``lines``, ``patterns.norm`` of each line): found once for all lines, like ``_content``.
    _texts: tuple[list[str], list[str]] | None = field(default=None, init=False, repr=False, compare=False)
    # (``content_indices()``, a copy of ``kept``, the kept content indices): every step asks,
    # and ``kept`` only changes in ``apply_verdict`` (compared whole: it may be set directly)
    _kept_content: tuple[tuple[int, ...], list[bool], list[int]] | None = field(
        default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_text(cls, doc_id: str, source: str, text: str, kind: str = "text") -> "Document":
        lines = text.split("\n")
        return cls(id=doc_id, source=source, lines=lines, kept=[True] * len(lines), kind=kind)

    def kept_indices(self) -> list[int]:
        """Indices of lines still kept, blank ones included."""
        return [i for i, keep in enumerate(self.kept) if keep]

    def content_indices(self) -> tuple[int, ...]:
        """Indices of the lines that hold any visible text, kept or not (computed once)."""
        lines = self.lines
        if self._content is None or self._content[0] is not lines:
            # ``line.strip()`` is non-empty exactly when a non-empty line is not all white space
            # (``str.isspace``, the white space ``strip`` removes), found without a copy per line.
            self._content = (lines, tuple([i for i, line in enumerate(lines) if line and not line.isspace()]))
        return self._content[1]

    def texts(self) -> list[str]:
        """``patterns.norm`` of every line ("" for a blank one), found once for all lines: the
        rule steps' helpers memoise what they learn of these texts (``patterns.norm_lines``)."""
        lines = self.lines
        if self._texts is None or self._texts[0] is not lines:
            texts = [""] * len(lines)
            content = self.content_indices()
            for i, text in zip(content, norm_lines([lines[i] for i in content])):
                texts[i] = text
            self._texts = (lines, texts)
        return self._texts[1]

    def kept_content_indices(self) -> list[int]:
        """Indices of kept lines that hold any visible text."""
        kept, content, known = self.kept, self.content_indices(), self._kept_content
        if known is None or known[0] is not content or known[1] != kept:
            known = self._kept_content = (content, kept.copy(), [i for i in content if kept[i]])
        return known[2].copy()


def apply_verdict(doc: Document, step: str, verdict: Verdict) -> None:
    """Turn a step's verdict into removals; the only place lines stop being kept."""
    kept, lines, removals, reasons = doc.kept, doc.lines, doc.removals, verdict.removals
    for index in sorted(reasons):
        if not kept[index]:
            continue
        kept[index] = False
        removals.append(Removal(index + 1, lines[index], reasons[index], step))
    for key, value in verdict.metadata.items():
        if value is not None:
            doc.metadata[key] = value
    for caption in verdict.captions:
        if caption not in doc.captions:
            doc.captions.append(caption)
