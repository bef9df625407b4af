"""A batch's per-document files are written in bounded runs, and all of them before its shard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaners.config import PipelineConfig
from flows.batch import DocumentFiles, OutputError, clean_batch, clean_one, document_paths
from flows.discover import InputFile, discover
from flows.storage import removal_log


def _cleaned(raw_dir: Path) -> list[tuple[dict, list]]:
    config = PipelineConfig()
    items = [item for item in discover(raw_dir) if isinstance(item, InputFile)]
    return [clean_one(item, Path(item.path).read_bytes(), config, config.sha256()) for item in items]


def test_files_are_written_when_the_run_is_full_and_on_flush(raw_dir, tmp_path):
    cleaned = _cleaned(raw_dir)
    assert len(cleaned) == 5
    files = DocumentFiles(tmp_path, max_documents=2)
    for record, removals in cleaned[:3]:
        files.add(record, removals)
    written = [all(p.is_file() for p in document_paths(tmp_path, record["id"])) for record, _ in cleaned[:3]]
    assert written == [True, True, False]  # the third waits for the next run or the flush
    files.flush()
    for record, removals in cleaned[:3]:
        text_path, log_path = document_paths(tmp_path, record["id"])
        assert text_path.read_text(encoding="utf-8") == record["text"] + "\n"
        assert log_path.read_text(encoding="utf-8") == removal_log(removals)
        assert removals and all(json.loads(line)["reason"] for line in log_path.read_text().splitlines())


def test_a_run_is_also_bounded_by_its_size(raw_dir, tmp_path):
    record, removals = _cleaned(raw_dir)[0]
    files = DocumentFiles(tmp_path, max_documents=1000, max_bytes=1)
    files.add(record, removals)
    assert not files.pending
    assert all(path.is_file() for path in document_paths(tmp_path, record["id"]))


def test_a_batch_writes_every_document_before_its_shard(raw_dir, tmp_path):
    config = PipelineConfig()
    items = [item for item in discover(raw_dir) if isinstance(item, InputFile)]
    summary = clean_batch(items, tmp_path, "batch-000000", config)
    assert summary.documents == 5
    shard = tmp_path / ".shards" / "batch-000000.records.jsonl"
    for line in shard.read_text(encoding="utf-8").splitlines():
        text_path, log_path = document_paths(tmp_path, json.loads(line)["id"])
        assert text_path.read_text(encoding="utf-8") == json.loads(line)["text"] + "\n"
        assert log_path.stat().st_size > 0


def test_a_failed_write_fails_the_batch(raw_dir, tmp_path):
    blocked = tmp_path / "out"
    blocked.mkdir()
    (blocked / "docs").write_text("a file where the folder of documents should be")
    record, removals = _cleaned(raw_dir)[0]
    files = DocumentFiles(blocked)
    files.add(record, removals)
    with pytest.raises(OutputError):
        files.flush()
