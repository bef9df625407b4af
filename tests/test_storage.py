"""Output helpers: atomic writes and one-to-one, safe file names for any id."""

from __future__ import annotations

import os

from hypothesis import given, strategies as st

from flows.storage import atomic_write_jsonl, atomic_write_text, doc_relpath


def test_atomic_write_replaces_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "out" / "a.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text() == "second"
    assert os.listdir(target.parent) == ["a.txt"]


def test_jsonl_lines_end_with_newline_only(tmp_path):
    target = tmp_path / "x.jsonl"
    count = atomic_write_jsonl(target, [{"text": "a\u2028b\nc"}, {"text": "é"}])
    data = target.read_bytes()
    assert count == 2
    assert data.count(b"\n") == 2
    assert "é".encode() in data


def test_hostile_ids_stay_inside_docs():
    for doc_id in ["../../etc/passwd", "a/../../b", ".hidden", "..", "new\nline", "a\\b", "x:y"]:
        rel = doc_relpath(doc_id)
        assert all(part not in {"", ".", ".."} and not part.startswith(".") for part in rel.split("/"))
        assert "\n" not in rel and "\\" not in rel


def test_unicode_and_spaces_are_kept_readable():
    assert doc_relpath("news/Über uns") == "news/Über uns"


@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_different_ids_get_different_paths(a, b):
    if a != b:
        assert doc_relpath(a) != doc_relpath(b)
