"""Batch sizing and locations (flows/runner.py), and the command line's new options."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from flows.clean import _byte_size, main
from flows.discover import InputFile
from flows.locations import local_path
from flows.runner import batches


def _inputs(tmp_path: Path, sizes: list[int]) -> list[InputFile]:
    items = []
    for number, size in enumerate(sizes):
        path = tmp_path / f"f{number}.txt"
        path.write_bytes(b"x" * size)
        items.append(InputFile(str(path), path.name, path.stem, "text", False))
    return items


def _shape(groups: list[list[InputFile]]) -> list[list[str]]:
    return [[item.doc_id for item in group] for group in groups]


def test_batches_close_at_the_count(tmp_path):
    items = _inputs(tmp_path, [10] * 5)
    assert _shape(batches(iter(items), 2, None)) == [["f0", "f1"], ["f2", "f3"], ["f4"]]


def test_batches_close_at_the_bytes(tmp_path):
    items = _inputs(tmp_path, [40, 40, 40, 100, 10, 10])
    # 40+40 fit in 100, a third 40 does not; a 100-byte input alone; then two small ones
    assert _shape(batches(iter(items), 10, 100)) == [["f0", "f1"], ["f2"], ["f3"], ["f4", "f5"]]


def test_a_single_large_input_is_a_batch_of_its_own(tmp_path):
    items = _inputs(tmp_path, [5, 500, 5])
    assert _shape(batches(iter(items), 10, 100)) == [["f0"], ["f1"], ["f2"]]


def test_a_vanished_input_counts_as_zero_bytes(tmp_path):
    items = _inputs(tmp_path, [60, 60])
    Path(items[1].path).unlink()
    assert _shape(batches(iter(items), 10, 100)) == [["f0", "f1"]]


def test_locations_are_paths_or_file_urls():
    assert local_path("raw") == Path("raw")
    assert local_path("file:///data/raw") == Path("/data/raw")
    with pytest.raises(ValueError, match="s3://"):
        local_path("s3://bucket/raw")


def test_byte_sizes():
    assert _byte_size("64M") == 64 * 2**20
    assert _byte_size("1.5k") == 1536
    assert _byte_size("1000") == 1000
    assert _byte_size("0") is None
    with pytest.raises(argparse.ArgumentTypeError):
        _byte_size("lots")


def test_bad_locations_and_dask_without_prefect_are_usage_errors(tmp_path, raw_dir, capsys):
    assert main(["nosuchfs://bucket/raw", "--out", str(tmp_path / "o")]) == 2  # no fsspec driver
    assert "nosuchfs" in capsys.readouterr().err
    assert main(["memory://nothing-here", "--out", str(tmp_path / "o")]) == 2
    assert "input folder not found: memory://nothing-here" in capsys.readouterr().err
    assert main([str(raw_dir), "--out", str(tmp_path / "o"), "--no-prefect", "--dask", "local"]) == 2
    assert "--no-prefect" in capsys.readouterr().err


def test_no_prefect_run_takes_file_urls_and_batch_bytes(tmp_path, raw_dir):
    out = tmp_path / "o"
    assert main([f"file://{raw_dir}", "--out", f"file://{out}", "--no-prefect", "--workers", "1",
                 "--batch-bytes", "1K"]) == 0
    assert len((out / "corpus.jsonl").read_text().splitlines()) == 5


def test_the_last_batches_shrink_so_workers_finish_together(tmp_path):
    items = _inputs(tmp_path, [10] * 1500)
    one = [len(group) for group in batches(iter(items), 500, None, workers=1)]
    two = [len(group) for group in batches(iter(items), 500, None, workers=2)]
    assert one == [500, 500, 500]
    # the last two batches (one per worker) become pieces of 1/(2·workers) of what is left, at
    # least size/20 (the very last piece of a held batch may be smaller)
    assert two == [500, 250, 188, 62, 125, 94, 71, 53, 40, 30, 25, 25, 25, 12]
    flattened = [item.doc_id for group in batches(iter(items), 500, None, workers=2) for item in group]
    assert flattened == [item.doc_id for item in items]  # same order, nothing lost or repeated


def test_tail_pieces_keep_the_byte_limit(tmp_path):
    items = _inputs(tmp_path, [40, 40, 40, 100, 10, 10])
    assert _shape(batches(iter(items), 10, 100, workers=2)) == [["f0", "f1"], ["f2"], ["f3"], ["f4"], ["f5"]]
