"""The one exception a step raises when an input cannot become a document."""

from __future__ import annotations


class RejectError(Exception):
    """An input that produces no document: ``reason`` is a stable code, ``detail`` for people."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
