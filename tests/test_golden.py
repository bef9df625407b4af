"""Whole-document golden tests: the five samples through the full pipeline.

The expected files under ``tests/golden/`` were written by reading each sample (not by
snapshotting output): ``ID.txt`` is the article text a careful human keeps, ``ID.removed.json``
every removed line with its reason, ``ID.meta.json`` title, date, publisher, author, language
and captions. They are the contract every step (decoder, rules, classifier, language) keeps.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaners.config import PipelineConfig
from cleaners.pipeline import CleanResult, clean_bytes

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
IDS = sorted(p.stem for p in (REPO / "raw").glob("*.txt"))


def _clean(doc_id: str) -> CleanResult:
    raw = (REPO / "raw" / f"{doc_id}.txt").read_bytes()
    return clean_bytes(raw, doc_id, "seed", "text", PipelineConfig())


def paragraph_diff(expected: str, actual: str) -> list[str]:
    """Paragraphs missing from ``actual`` (prefixed ``-``) or extra in it (``+``), in order."""
    want = [p for p in expected.strip().split("\n\n") if p.strip()]
    got = [p for p in actual.strip().split("\n\n") if p.strip()]
    diff = [f"- {p}" for p in want if p not in got] + [f"+ {p}" for p in got if p not in want]
    if not diff and want != got:
        diff = ["paragraph order differs"]
    return diff


def test_paragraph_diff_can_fail() -> None:
    assert paragraph_diff("a\n\nb", "a\n\nb") == []
    assert paragraph_diff("a\n\nb", "a") == ["- b"]
    assert paragraph_diff("a", "a\n\nmenu") == ["+ menu"]
    assert paragraph_diff("a\n\nb", "b\n\na") == ["paragraph order differs"]


def test_all_samples_have_golden_files() -> None:
    assert len(IDS) == 5
    for doc_id in IDS:
        for suffix in (".txt", ".removed.json", ".meta.json"):
            assert (GOLDEN / f"{doc_id}{suffix}").is_file(), f"{doc_id}{suffix}"


@pytest.mark.parametrize("doc_id", IDS)
def test_kept_paragraphs(doc_id: str) -> None:
    expected = (GOLDEN / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert paragraph_diff(expected, _clean(doc_id).text) == []


@pytest.mark.parametrize("doc_id", IDS)
def test_removed_lines_and_reasons(doc_id: str) -> None:
    expected = json.loads((GOLDEN / f"{doc_id}.removed.json").read_text(encoding="utf-8"))
    removals = _clean(doc_id).document.removals
    assert {r.line_no: r.reason for r in removals} == {e["line_no"]: e["reason"] for e in expected}
    texts = {r.line_no: " ".join(r.text.split()) for r in removals}  # the decoder may turn NBSP into spaces
    for entry in expected:
        assert texts[entry["line_no"]] == " ".join(entry["text"].split()), entry["line_no"]


@pytest.mark.parametrize("doc_id", IDS)
def test_metadata(doc_id: str) -> None:
    expected = json.loads((GOLDEN / f"{doc_id}.meta.json").read_text(encoding="utf-8"))
    doc = _clean(doc_id).document
    for field in ("title", "date", "publisher", "author"):
        assert doc.metadata.get(field) == expected[field], field
    assert doc.captions == expected["captions"]


@pytest.mark.parametrize("doc_id", IDS)
def test_language(doc_id: str) -> None:
    expected = json.loads((GOLDEN / f"{doc_id}.meta.json").read_text(encoding="utf-8"))
    assert _clean(doc_id).document.metadata.get("language") == expected["language"]
