"""bench/metadata_quality.py's verdicts: what counts as a right title, date, author, publisher."""

from __future__ import annotations

import pytest

from bench.metadata_quality import verdict


@pytest.mark.parametrize(("field", "found", "reference", "expected"), [
    ("title", "How Cities Are Cooling Their Streets", "How Cities Are Cooling Their Streets | City News", "right"),
    ("title", "Skip to main content", "How Cities Are Cooling Their Streets", "wrong"),
    ("title", None, "How Cities Are Cooling Their Streets", "none"),
    ("title", "Anything", "", None),  # no reference: not counted
    ("date", "2025-06-03", "2025-06-03", "right"),
    ("date", "2025-06-05", "2025-06-03", "wrong"),
    ("author", "Jane Doe and John Roe", "Jane Doe", "right"),
    ("author", "Staff", "Jane Doe", "wrong"),
    ("publisher", "City News Ltd", "City News", "right"),
    ("publisher", "The Inc", "The Times Inc", "wrong"),  # only words of three letters or more, not "the"/"inc"
])
def test_verdict(field: str, found: str | None, reference: str, expected: str | None) -> None:
    assert verdict(field, found, reference) == expected
