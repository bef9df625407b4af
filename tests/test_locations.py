"""Input and output folders as fsspec URLs (flows/locations.py): ``memory://`` and ``file://``.

``memory://`` lives in one process, so those runs clean their batches in the flow's own process
(``--workers`` is ignored); ``file://`` runs use worker processes like plain paths. Every run's
output must be byte-identical to a run between plain local folders (``report.json`` aside).
"""

from __future__ import annotations

import gzip
import json
import shutil
import uuid
from pathlib import Path

import fsspec
import pytest

from flows.clean import main
from flows.prefect_flow import clean_corpus
from flows.discover import InputFile, InputReject, discover
from flows.locations import Remote, is_remote, location, runs_in_process
from flows.runner import batches

memfs = fsspec.filesystem("memory")


@pytest.fixture()
def memory_root():
    """A fresh ``memory://`` folder name, removed afterwards (the filesystem is process-wide)."""
    root = f"/test-{uuid.uuid4().hex[:12]}"
    yield root
    if memfs.exists(root):
        memfs.rm(root, recursive=True)


@pytest.fixture()
def local_input(tmp_path, sample_paths):
    """The five samples, two in a subfolder, one gzipped, plus a file that is no input."""
    inp = tmp_path / "raw"
    (inp / "sub").mkdir(parents=True)
    for number, path in enumerate(sample_paths):
        shutil.copy(path, inp / ("sub" if number < 2 else "") / path.name)
    (inp / "notes.rtf").write_text("not an input")
    (inp / "empty.txt").write_bytes(b"")
    return inp


def _upload(local: Path, root: str) -> None:
    for path in sorted(local.rglob("*")):
        if path.is_file():
            memfs.pipe_file(f"{root}/{path.relative_to(local).as_posix()}", path.read_bytes())


def _local_outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "report.json"}


def _memory_outputs(root: str) -> dict[str, bytes]:
    return {path[len(root) + 1:]: memfs.cat_file(path) for path in sorted(memfs.find(root))
            if not path.endswith("/report.json")}


@pytest.fixture()
def reference(local_input, tmp_path):
    """A run between plain local folders."""
    out = tmp_path / "reference"
    assert main([str(local_input), "--out", str(out), "--no-prefect", "--workers", "1"]) == 0
    return _local_outputs(out)


def test_locations_are_told_apart():
    assert not is_remote("raw") and not is_remote("file:///data/raw") and is_remote("memory://raw")
    assert location("file:///data/raw") == Path("/data/raw") and location("raw") == Path("raw")
    out = location("memory://bucket/out/")
    assert out == Remote("memory://bucket/out") and out.path == "/bucket/out"
    assert (out / "docs" / "a.txt").with_name("b.txt") == Remote("memory://bucket/out/docs/b.txt")
    assert Remote("memory://bucket/out/x").inside(out) and not Remote("memory://bucket/output").inside(out)
    assert runs_in_process(Path("raw"), out) and not runs_in_process(Path("raw"), Path("out"))
    with pytest.raises(ValueError, match="Protocol not known"):
        location("nosuchfs://bucket/raw")


def test_remote_discovery_streams_in_sorted_order_with_sizes(memory_root, local_input):
    _upload(local_input, memory_root)
    local = [(i.source, i.doc_id, i.kind) if isinstance(i, InputFile) else (i.source, i.reason)
             for i in discover(local_input)]
    found = list(discover(Remote(f"memory:/{memory_root}")))
    remote = [(i.source, i.doc_id, i.kind) if isinstance(i, InputFile) else (i.source, i.reason) for i in found]
    assert remote == local  # same order, ids and rejects as the local walk
    files = [i for i in found if isinstance(i, InputFile)]
    assert all(i.path == f"memory:/{memory_root}/{i.source}" for i in files)
    assert [i.size for i in files] == [(local_input / i.source).stat().st_size for i in files]
    assert any(isinstance(i, InputReject) and i.reason == "unsupported_extension" for i in found)
    # batch bytes come from the listing's sizes
    sizes = [i.size for i in files]
    cut = list(batches(iter(files), 10, max(sizes)))
    assert all(sum(i.size for i in batch) <= max(sizes) or len(batch) == 1 for batch in cut)


def test_memory_in_and_out_match_a_local_run(memory_root, local_input, reference):
    """In-process (memory:// is one process's): --workers 2 is ignored, the output is the same."""
    _upload(local_input, f"{memory_root}/in")
    url = f"memory:/{memory_root}"
    assert main([f"{url}/in", "--out", f"{url}/out", "--no-prefect", "--workers", "2"]) == 0
    assert _memory_outputs(f"{memory_root}/out") == reference  # review.html included
    report = json.loads(memfs.cat_file(f"{memory_root}/out/report.json"))
    assert report["workers"] == 1 and report["documents"] == 5 and report["rejected"] == 2


def test_mixed_local_and_memory_folders(memory_root, local_input, reference, tmp_path):
    _upload(local_input, f"{memory_root}/in")
    url = f"memory:/{memory_root}"
    assert main([f"{url}/in", "--out", str(tmp_path / "o"), "--no-prefect"]) == 0
    assert _local_outputs(tmp_path / "o") == reference
    assert main([str(local_input), "--out", f"{url}/o", "--no-prefect"]) == 0
    assert _memory_outputs(f"{memory_root}/o") == reference


def test_memory_rerun_carries_over_and_prunes(memory_root, local_input, sample_paths):
    _upload(local_input, f"{memory_root}/in")
    url = f"memory:/{memory_root}"
    args = [f"{url}/in", "--out", f"{url}/out", "--no-prefect"]
    assert main(args) == 0
    memfs.rm_file(f"{memory_root}/in/{sample_paths[4].name}")
    assert main(args) == 0
    report = json.loads(memfs.cat_file(f"{memory_root}/out/report.json"))
    assert (report["documents_from_inputs"], report["unchanged"], report["documents"]) == (0, 4, 4)
    assert not memfs.exists(f"{memory_root}/out/docs/{sample_paths[4].stem}.txt")
    assert not memfs.exists(f"{memory_root}/out/.shards")


def test_file_urls_with_two_worker_processes(local_input, reference, tmp_path):
    out = tmp_path / "two"
    assert main([f"file://{local_input}", "--out", f"file://{out}", "--no-prefect", "--workers", "2",
                 "--batch-size", "2"]) == 0
    assert _local_outputs(out) == reference


def test_memory_folders_cannot_go_to_dask(memory_root, capsys):
    memfs.pipe_file(f"{memory_root}/in/a.txt", b"some text")
    assert main([f"memory:/{memory_root}/in", "--out", f"memory:/{memory_root}/out", "--dask", "local"]) == 2
    assert "memory://" in capsys.readouterr().err


def test_remote_output_inside_the_input_is_refused(memory_root, capsys):
    memfs.pipe_file(f"{memory_root}/in/a.txt", b"some text")
    assert main([f"memory:/{memory_root}/in", "--out", f"memory:/{memory_root}/in/clean", "--no-prefect"]) == 2
    assert "inside the input folder" in capsys.readouterr().err


def test_flow_with_memory_folders_under_prefect(prefect_harness, memory_root, local_input, reference):
    """Under the Prefect engine the batches run as tasks in the flow's process."""
    _upload(local_input, f"{memory_root}/in")
    url = f"memory:/{memory_root}"
    report = clean_corpus(f"{url}/in", f"{url}/out", batch_size=2)
    assert report["documents"] == 5
    assert _memory_outputs(f"{memory_root}/out") == reference


def _local_and_memory_runs(local: Path, memory_root: str, tmp_path: Path) -> dict[str, bytes]:
    """Clean ``local`` into a local folder, then a copy of it from one memory folder into another:
    the local run's outputs, after checking that the memory run wrote the same bytes."""
    assert main([str(local), "--out", str(tmp_path / "ref"), "--no-prefect", "--workers", "1"]) == 0
    _upload(local, f"{memory_root}/in")
    url = f"memory:/{memory_root}"
    assert main([f"{url}/in", "--out", f"{url}/out", "--no-prefect"]) == 0
    expected = _local_outputs(tmp_path / "ref")
    assert _memory_outputs(f"{memory_root}/out") == expected
    return expected


def test_warc_archives_in_a_memory_folder(memory_root, tmp_path, sample_paths):
    """Archives are read through fsspec too, and the review page reads them again from a copy."""
    from test_warc import build_archive

    local = tmp_path / "warc-in"
    local.mkdir()
    (local / "crawl.warc.gz").write_bytes(build_archive(gz=True))
    shutil.copy(sample_paths[0], local / sample_paths[0].name)
    expected = _local_and_memory_runs(local, memory_root, tmp_path)
    assert any(name.startswith("docs/crawl%23") for name in expected)


def test_feeds_in_a_memory_folder(memory_root, tmp_path):
    """A gzipped JSON Lines feed is read through fsspec as a local one is, review page included."""
    from test_feeds import feed_lines

    local = tmp_path / "feed-in"
    local.mkdir()
    (local / "items.jsonl.gz").write_bytes(gzip.compress("\n".join(feed_lines()).encode()))
    expected = _local_and_memory_runs(local, memory_root, tmp_path)
    assert any(name.startswith("docs/items%23") for name in expected)
