"""Discovery: ids from relative paths, every file accounted for, symlinks not followed."""

from __future__ import annotations

import gzip
import os

from flows.discover import InputFile, InputReject, classify_name, discover


def test_ids_drop_recognised_extensions_only():
    assert classify_name("news/www.site.com-story.html.gz") == ("news/www.site.com-story", "html", True)
    assert classify_name("a.txt") == ("a", "text", False)
    assert classify_name("A.HTM") == ("A", "html", False)
    assert classify_name("notes.md") == ("notes", "text", False)  # Markdown is text
    assert classify_name("notes.rtf") is None
    assert classify_name("cc/CC-MAIN-1-00000.warc.wet.gz") == ("cc/CC-MAIN-1-00000", "warc", True)  # Common Crawl WET
    assert classify_name("archive.tar.gz") is None


def test_walk_is_recursive_sorted_and_accounts_for_everything(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "page.html.gz").write_bytes(gzip.compress(b"<p>x</p>"))
    (tmp_path / "a.txt").write_text("text")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    os.symlink("/etc/hostname", tmp_path / "link.txt")
    found = list(discover(tmp_path))
    inputs = [f.source for f in found if isinstance(f, InputFile)]
    rejects = {f.source: f.reason for f in found if isinstance(f, InputReject)}
    assert inputs == ["a.txt", "b/page.html.gz"]
    assert rejects == {"image.png": "unsupported_extension", "link.txt": "symlink_not_followed"}


def test_output_folder_inside_walk_is_excluded(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "old.txt").write_text("x")
    found = [f.source for f in discover(tmp_path, exclude=tmp_path / "clean")]
    assert found == ["a.txt"]
