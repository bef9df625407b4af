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


@given(st.lists(st.tuples(st.integers(1, 10**6), st.text(), st.text(min_size=1, max_size=20),
                          st.text(min_size=1, max_size=20)), max_size=5))
def test_removal_log_is_the_json_lines_of_the_removals(rows):
    """``removal_log`` formats the lines by hand for speed: byte for byte ``json_line`` of
    ``Removal.as_dict()``, for any text (quotes, backslashes, controls, U+2028, astral)."""
    from cleaners.document import Removal
    from flows.storage import json_line, removal_log

    removals = [Removal(*row) for row in rows + [(7, 'say "hi"\\ \t\x00\u2028 é 😀', "menu", "boilerplate")]]
    assert removal_log(removals) == "".join(json_line(r.as_dict()) for r in removals)
    assert removal_log([]) == ""


def test_atomic_write_makes_a_missing_folder_and_keeps_nothing_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "new" / "deeper" / "a.txt"
    atomic_write_text(target, "é", durable=False)
    assert target.read_bytes() == "é".encode()

    def fail(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", fail)
    try:
        atomic_write_text(target, "second")
    except OSError as exc:
        assert exc.errno == 28
    else:
        raise AssertionError("the failed write was not reported")
    assert target.read_bytes() == "é".encode() and os.listdir(target.parent) == ["a.txt"]
