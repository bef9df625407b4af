"""Scaffolding: replaced by the real extractor (being written now)."""

from __future__ import annotations

from typing import Any


def extract_article(html: str) -> tuple[str, dict[str, Any]]:
    import trafilatura
    return trafilatura.extract(html) or "", {}
