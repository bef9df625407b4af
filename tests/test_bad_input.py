"""Bad input through the whole run (``flows.clean.run_pipeline``): nothing crashes, hangs or is lost.

Every case ends as a document or a reject with its reason, and ``report.json`` accounts for all:
``inputs = documents_from_inputs + unchanged + rejected``. Covered elsewhere and not repeated:
decoding details of empty/binary/UTF-16/mixed/gzip inputs (tests/test_decode.py), deeply nested
HTML in the extractor (tests/test_html_extract.py), corrupt WARC records (tests/test_warc.py).

Most cases share one run in a real spawn worker process (``zoo``); the ones that need a
monkeypatch inside the batch run it in-process (``serial_pool``: same code, no worker process).
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import sys
import time
import unicodedata
from concurrent.futures import Future
from pathlib import Path

import pytest

import flows.batch
import flows.clean
from flows.clean import main, run_pipeline

RAW = Path(__file__).resolve().parents[1] / "raw"
SAMPLE = (RAW / "003_16518e5dc2f9596d.txt").read_bytes()
SAMPLE_2 = (RAW / "004_0bd2b3ce543813c1.txt").read_bytes()
LONG_LINE_BYTES = 20_000_000
CAP = 21_000_000  # decode.max_input_bytes for the zoo run


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def assert_accounted(report: dict) -> None:
    assert report["inputs"] == report["documents_from_inputs"] + report["unchanged"] + report["rejected"], report
    assert report["documents"] == report["documents_from_inputs"] + report["unchanged"]


class SerialPool:
    """Stands in for the batch ``ProcessPoolExecutor``: runs each batch at once, in this thread."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def submit(self, fn, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller like a pool would
            future.set_exception(exc)
        return future

    def shutdown(self, *args, **kwargs) -> None:
        pass


@pytest.fixture()
def serial_pool(monkeypatch):
    """Batches run in this process, so monkeypatches reach them (wherever ``BatchRunner`` lives)."""
    module = sys.modules[flows.clean.BatchRunner.__module__]
    monkeypatch.setattr(module, "ProcessPoolExecutor", SerialPool)


def write_config(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def zoo(tmp_path_factory):
    """One run over a folder of every kind of bad input, in a real worker process."""
    base = tmp_path_factory.mktemp("zoo")
    inp, out = base / "in", base / "out"
    (inp / "sub").mkdir(parents=True)
    outside = base / "outside.txt"
    outside.write_bytes(SAMPLE_2)
    files = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\r\n   \n",
        "picture.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "nul.txt": SAMPLE.replace(b". ", b".\x00 "),
        "truncated.txt.gz": gzip.compress(SAMPLE, mtime=0)[:-40],
        "bomb.txt.gz": gzip.compress(b"\0" * (CAP + 1_000_000), mtime=0),
        "long-line.txt": b"lorem ipsum dolor " * (LONG_LINE_BYTES // 18),
        "utf16-bom.txt": SAMPLE.decode("utf-8").encode("utf-16"),
        "utf16-nobom.txt": SAMPLE.decode("utf-8").encode("utf-16-le"),
        "cut-utf16.txt": b"\xff\xfe\x00",  # a UTF-16 file cut after its BOM and one byte
        "mixed.txt": SAMPLE + "\nCafé crème à la française, déjà vu.\n".encode("cp1252"),
        "with space.txt": SAMPLE_2,
        "new\nline.txt": SAMPLE_2,
        "ünïcödé 文字.txt": SAMPLE_2,
        "Case.txt": SAMPLE_2,
        "case.txt": SAMPLE_2,
        "caf\u00e9.txt": SAMPLE_2,  # é composed ...
        "cafe\u0301.txt": SAMPLE_2,  # ... and decomposed: one name to macOS
        "same.txt": SAMPLE_2,
        "same.html": b"<html><body><article><p>" + SAMPLE_2.replace(b"\n", b"</p><p>") + b"</p></article></body></html>",
        "..hidden.txt": SAMPLE_2,
        "sub/target.txt": SAMPLE,
    }
    for name, data in files.items():
        (inp / name).write_bytes(data)
    with open(inp / "huge.txt", "wb") as fh:  # sparse: over the cap without writing 21 MB
        fh.truncate(CAP + 1)
    depth = 100_000
    (inp / "deep.html").write_text("<html><body>" + "<div>" * depth + "<p>Deep text survives.</p>"
                                   + "</div>" * depth + "</body></html>")
    os.symlink(inp / "sub" / "target.txt", inp / "link-inside.txt")
    os.symlink(outside, inp / "link-outside.txt")
    os.symlink(base / "missing.txt", inp / "link-broken.txt")
    os.symlink(inp / "sub", inp / "link-folder")
    config = write_config(base / "config.toml",
                          f"[decode]\nmax_input_bytes = {CAP}\n[limits]\nmax_seconds_per_document = 20\n")
    started = time.perf_counter()
    report = run_pipeline(str(inp), str(out), config, workers=1)
    seconds = time.perf_counter() - started
    records = {r["source"]: r for r in read_jsonl(out / "corpus.jsonl")}
    rejects = {r["source"]: r for r in read_jsonl(out / "rejects.jsonl")}
    return report, records, rejects, out, seconds


def test_every_bad_input_is_a_document_or_a_reject_with_its_reason(zoo):
    report, records, rejects, out, seconds = zoo
    reasons = {source: r["reason"] for source, r in rejects.items()}
    assert reasons["empty.txt"] == "empty" and reasons["blank.txt"] == "empty"
    assert reasons["picture.txt"] == "binary"
    assert reasons["nul.txt"] == "binary"  # NUL bytes in a text file
    assert reasons["truncated.txt.gz"] == "corrupt_gzip"
    assert reasons["bomb.txt.gz"] == "too_large"  # the decompressed-size cap, as configured
    assert reasons["huge.txt"] == "too_large"  # refused before it is read
    assert reasons["long-line.txt"] == "line_too_long"
    assert reasons["cut-utf16.txt"] == "undecodable"
    assert reasons["link-outside.txt"] == "symlink_not_followed"
    assert reasons["link-broken.txt"] == "broken_symlink"
    assert reasons["link-folder"] == "symlink_not_followed"
    assert "outside the input folder" in rejects["link-outside.txt"]["detail"]
    # 100,000 nested elements: the parsers' C code would take minutes (no signal stops it there)
    assert reasons["deep.html"] == "too_deeply_nested"
    assert_accounted(report)
    assert report["input_files"] == report["inputs"]  # no archives here: one input per file
    assert seconds < 300, f"the run took {seconds:.0f} s"


def test_utf16_and_mixed_encodings_clean_like_utf8(zoo):
    _report, records, _rejects, _out, _seconds = zoo
    reference = records["sub/target.txt"]["text"]
    assert records["utf16-bom.txt"]["text"] == reference
    assert records["utf16-nobom.txt"]["text"] == reference
    assert records["utf16-nobom.txt"]["encoding"].startswith("utf-16")
    assert records["mixed.txt"]["repairs"].get("mixed_encoding_lines") == 1


def test_symlink_inside_the_input_folder_is_read(zoo):
    _report, records, _rejects, _out, _seconds = zoo
    assert records["link-inside.txt"]["text"] == records["sub/target.txt"]["text"]
    assert records["link-inside.txt"]["id"] == "link-inside"


def test_odd_file_names_get_unique_ids_and_safe_paths(zoo):
    _report, records, _rejects, out, _seconds = zoo
    names = ["with space.txt", "new\nline.txt", "ünïcödé 文字.txt", "Case.txt", "case.txt", "same.txt", "same.html",
             "..hidden.txt", "caf\u00e9.txt", "cafe\u0301.txt"]
    ids = [records[name]["id"] for name in names]
    # unique even to a file system that ignores case and Unicode normal form (macOS, Windows)
    assert len({unicodedata.normalize("NFC", i).casefold() for i in ids}) == len(ids)
    assert records["same.html"]["id"] == "same"
    assert records["same.txt"]["id"] == "same.txt"  # the later one in sorted order keeps its extension
    assert records["Case.txt"]["id"] == "Case" and records["case.txt"]["id"] == "case.txt"
    assert {records["caf\u00e9.txt"]["id"], records["cafe\u0301.txt"]["id"]} == {"cafe\u0301", "caf\u00e9.txt"}
    docs = (out / "docs").resolve()
    files = [p for p in docs.rglob("*") if p.is_file()]
    assert all(docs in p.resolve().parents for p in files)
    assert all("\n" not in p.name and not p.name.startswith(".") for p in files)
    for record in records.values():
        text_path, _removed = flows.batch.document_paths(out, record["id"])
        assert text_path.read_text(encoding="utf-8") == record["text"] + "\n"


def test_outside_symlink_is_read_when_asked(tmp_path, serial_pool):
    inp = tmp_path / "in"
    inp.mkdir()
    (tmp_path / "elsewhere.txt").write_bytes(SAMPLE)
    os.symlink(tmp_path / "elsewhere.txt", inp / "link.txt")
    report = run_pipeline(str(inp), str(tmp_path / "out"), workers=1, follow_symlinks=True)
    assert report["documents"] == 1 and report["rejected"] == 0
    report = run_pipeline(str(inp), str(tmp_path / "out2"), workers=1)
    assert report["rejects_by_reason"] == {"symlink_not_followed": 1}


def test_unreadable_file_is_a_reject(tmp_path, serial_pool, monkeypatch):
    # Running as root, chmod 000 does not stop reads: the batch's ``open_input`` raises instead.
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "locked.txt").write_bytes(SAMPLE)
    (inp / "fine.txt").write_bytes(SAMPLE_2)
    open_input = flows.batch.open_input

    def guarded_open(path):
        if str(path).endswith("locked.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return open_input(path)

    monkeypatch.setattr(flows.batch, "open_input", guarded_open)
    report = run_pipeline(str(inp), str(tmp_path / "out"), workers=1)
    assert report["rejects_by_reason"] == {"unreadable": 1} and report["documents"] == 1
    assert_accounted(report)


def test_unreadable_file_without_root(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not block reads (see test_unreadable_file_is_a_reject)")
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "locked.txt").write_bytes(SAMPLE)
    (inp / "locked.txt").chmod(0)
    report = run_pipeline(str(inp), str(tmp_path / "out"), workers=1)
    assert report["rejects_by_reason"] == {"unreadable": 1}


def test_input_folder_changing_during_the_run(tmp_path, monkeypatch):
    """A file deleted after discovery is ``vanished``; one added during the run does no harm."""
    inp = tmp_path / "in"
    inp.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (inp / name).write_bytes(SAMPLE)
    real_discover = flows.clean.discover

    def changing(root, *args, **kwargs):
        for item in real_discover(root, *args, **kwargs):
            yield item
            if item.source == "b.txt":
                (inp / "b.txt").unlink()  # discovered, not yet read
                (inp / "added.txt").write_bytes(SAMPLE_2)  # after the walk listed this folder
                (inp / "zz-added.txt").write_bytes(SAMPLE_2)

    monkeypatch.setattr(flows.clean, "discover", changing)
    report = run_pipeline(str(inp), str(tmp_path / "out"), workers=1)
    assert report["rejects_by_reason"] == {"vanished": 1}
    assert report["documents"] == 2  # the added files were not listed: picked up by the next run
    assert_accounted(report)


def test_per_document_time_limit_rejects_with_timeout(tmp_path, serial_pool, monkeypatch):
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "slow.txt").write_bytes(SAMPLE)
    (inp / "fast.txt").write_bytes(SAMPLE_2)
    real_clean_one = flows.batch.clean_one

    def clean_one(item, *args, **kwargs):
        if item.source == "slow.txt":
            time.sleep(30)
        return real_clean_one(item, *args, **kwargs)

    monkeypatch.setattr(flows.batch, "clean_one", clean_one)
    # 5 s: the fast input may be the process's first, which loads the models (about a second
    # here), so a limit under that failed when this test ran alone
    config = write_config(tmp_path / "c.toml", "[limits]\nmax_seconds_per_document = 5\n")
    started = time.perf_counter()
    report = run_pipeline(str(inp), str(tmp_path / "out"), config, workers=1)
    assert time.perf_counter() - started < 25
    assert report["rejects_by_reason"] == {"timeout": 1} and report["documents"] == 1
    rejects = read_jsonl(tmp_path / "out" / "rejects.jsonl")
    assert rejects[0]["source"] == "slow.txt" and "max_seconds_per_document=5" in rejects[0]["detail"]


def test_time_limit_is_off_outside_the_main_thread():
    import threading

    seen = []

    def body():
        with flows.batch.time_limit(0.01):
            time.sleep(0.05)
        seen.append("done")

    thread = threading.Thread(target=body)
    thread.start()
    thread.join()
    assert seen == ["done"]


def test_accounting_holds_with_duplicates_dropped_at_merge(tmp_path, serial_pool):
    inp = tmp_path / "in"
    inp.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (inp / name).write_bytes(SAMPLE)  # b and c are exact duplicates of a
    (inp / "d.txt").write_bytes(SAMPLE_2)
    (inp / "e.txt").write_bytes(b"")
    out = tmp_path / "out"
    first = run_pipeline(str(inp), str(out), workers=1)
    assert_accounted(first)
    assert (first["documents"], first["unchanged"]) == (4, 0)
    dropped = run_pipeline(str(inp), str(out), workers=1, drop_duplicates=True)  # carried over, then dropped
    assert_accounted(dropped)
    assert dropped["documents"] == 2 and dropped["rejects_by_reason"] == {"empty": 1, "exact_duplicate": 2}
    config = write_config(tmp_path / "c.toml", "[filters]\ndrop_exact_duplicates = true\n")
    exact = run_pipeline(str(inp), str(tmp_path / "out2"), config, workers=1)
    assert_accounted(exact)
    assert exact["rejects_by_reason"] == {"duplicate_text": 2, "empty": 1}
    again = run_pipeline(str(inp), str(tmp_path / "out2"), config, workers=1)
    assert_accounted(again)
    assert again["documents"] == 2


def test_run_exits_0_when_only_inputs_fail(tmp_path, capsys):
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "empty.txt").write_bytes(b"")
    (inp / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert main([str(inp), "--out", str(tmp_path / "out"), "--no-prefect", "--workers", "1"]) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["rejected"] == 2 and report["documents"] == 0
    assert_accounted(report)


def test_run_that_cannot_write_exits_1_with_one_line(tmp_path, capsys, monkeypatch):
    # Root ignores a read-only output folder: a full disk is simulated at the writer instead.
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_bytes(SAMPLE)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    import flows.merge

    monkeypatch.setattr(flows.merge, "atomic_write_jsonl", disk_full)
    assert main([str(inp), "--out", str(tmp_path / "out"), "--no-prefect", "--workers", "1"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("error:") and "No space left on device" in err


def test_a_full_disk_while_writing_documents_fails_the_batch_not_the_input(tmp_path, monkeypatch):
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_bytes(SAMPLE)
    item = next(flows.clean.discover(inp))

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(flows.batch, "atomic_write_text", disk_full)
    from cleaners.config import PipelineConfig

    with pytest.raises(flows.batch.OutputError) as caught:
        flows.batch.clean_batch([item], tmp_path / "out", "batch-000000", PipelineConfig())
    assert caught.value.errno == errno.ENOSPC


def test_new_pipeline_version_recleans_everything_and_a_rerun_nothing(tmp_path, serial_pool, monkeypatch):
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_bytes(SAMPLE)
    (inp / "b.txt").write_bytes(SAMPLE_2)
    (inp / "c.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert run_pipeline(str(inp), str(out), workers=1)["documents_from_inputs"] == 2
    import cleaners.pipeline

    monkeypatch.setattr(cleaners.pipeline, "PIPELINE_VERSION", "99.0.0")
    monkeypatch.setattr(flows.clean, "PIPELINE_VERSION", "99.0.0")
    report = run_pipeline(str(inp), str(out), workers=1)
    assert (report["documents_from_inputs"], report["unchanged"], report["rejected"]) == (2, 0, 1)
    report = run_pipeline(str(inp), str(out), workers=1)
    assert (report["documents_from_inputs"], report["unchanged"], report["rejected"]) == (0, 2, 1)
    assert_accounted(report)
