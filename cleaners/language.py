"""Scaffolding: replaced by the real step (being written now)."""

from __future__ import annotations

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict


def detect_language(doc: Document, config: PipelineConfig) -> Verdict:
    return Verdict()
