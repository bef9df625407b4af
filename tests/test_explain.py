"""``python -m flows.clean explain PATH``: every line with its verdict, on a real sample."""

from __future__ import annotations

import gzip
import json
import re
import shutil

import pytest

import sample_run
from flows.batch import document_paths
from flows.clean import main
from test_warc import CZECH, FRENCH, build_archive, legacy_archive

SAMPLE = sample_run.RAW / "001_06e5ac74dc117747.txt"


def explain(capsys, tmp_path, *args: str) -> tuple[int, str, str]:
    code = main(["explain", *args, "--config", sample_run.config_file(tmp_path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_known_boilerplate_line_is_shown_as_drop_with_reason(capsys, tmp_path):
    code, out, _err = explain(capsys, tmp_path, str(SAMPLE))
    assert code == 0
    assert re.search(r"^\s+29\s+DROP\s+comment_prompt\s+boilerplate\s+Add your comment$", out, re.M)
    assert re.search(r"^\s+6\s+DROP\s+title\s+page_header\s+E-commerce flourishes in Chinese countryside$", out, re.M)
    assert re.search(r"^\s+12\s+KEEP\s+Chinese farmers have become their own sales agents", out, re.M)
    rows = re.findall(r"^\s+(\d+)\s+(KEEP|DROP)\b", out, re.M)
    assert [int(n) for n, _ in rows] == list(range(1, len(rows) + 1))  # every decoded line, in order
    assert len(rows) == len(SAMPLE.read_text(encoding="utf-8").split("\n"))


def test_metadata_captions_and_document_verdict_are_printed(capsys, tmp_path):
    _code, out, _err = explain(capsys, tmp_path, str(SAMPLE))
    assert "  title: E-commerce flourishes in Chinese countryside" in out
    assert "  date: 2019-11-25" in out
    assert "  language: en" in out
    assert re.search(r"^captions \(1\):\n  - Liang Qianjuan packs agricultural products", out, re.M)
    assert re.search(r"^document: kept: \d+ words, \d+ of 41 lines removed$", out, re.M)


def test_explain_matches_the_removal_log_of_a_run(capsys, tmp_path):
    out_dir = tmp_path / "clean"
    sample_run.run(sample_run.RAW, out_dir)
    _code, out, _err = explain(capsys, tmp_path, str(SAMPLE))
    logged = (out_dir / "docs" / "001_06e5ac74dc117747.removed.jsonl").read_text().splitlines()
    drops = re.findall(r"^\s+(\d+)\s+DROP\s+(\S+)\s+(\S+)\s", out, re.M)
    expected = sorted(((r["line_no"], r["reason"], r["step"]) for r in map(json.loads, logged)))
    assert [(int(n), reason, step) for n, reason, step in drops] == expected


def test_gzipped_input_and_filter_rejects(capsys, tmp_path):
    target = tmp_path / "page.txt.gz"
    target.write_bytes(gzip.compress(SAMPLE.read_bytes(), mtime=0))
    code = main(["explain", str(target), "--config",
                 sample_run.config_file(tmp_path, "[filters]\nmin_words = 100000\n")])
    out = capsys.readouterr().out
    assert code == 0 and "DROP" in out
    assert re.search(r"^document: rejected: too_few_words \(\d+ words is under min_words=100000\)$", out, re.M)


def test_unusable_paths_are_usage_errors(capsys, tmp_path):
    notes = tmp_path / "notes.rtf"
    notes.write_text("# notes")
    assert main(["explain", str(notes)]) == 2
    assert "not an input the pipeline reads" in capsys.readouterr().err
    assert main(["explain", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_decode_rejects_are_reported(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["explain", str(empty)]) == 0
    assert "rejected: empty" in capsys.readouterr().out


def test_normal_form_still_cleans_a_folder(capsys, tmp_path):
    inp = tmp_path / "explain"  # a folder named like the subcommand is reached as ./explain
    inp.mkdir()
    shutil.copy(SAMPLE, inp / SAMPLE.name)
    code = main([str(inp), "--out", str(tmp_path / "clean"), "--no-prefect", "--workers", "1",
                 "--config", sample_run.config_file(tmp_path)])
    assert code == 0
    assert "1 documents, 0 rejected" in capsys.readouterr().out
    assert (tmp_path / "clean" / "review.html").is_file()


@pytest.mark.parametrize("argv", [["explain"], ["config"]])
def test_subcommand_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


# --- WARC archives: every record, or one by its source ARCHIVE#N -----------------------------------


def test_an_archive_is_explained_record_by_record(capsys, tmp_path):
    archive = tmp_path / "legacy.warc.gz"
    archive.write_bytes(legacy_archive())
    code, out, _err = explain(capsys, tmp_path, str(archive))
    assert code == 0
    assert f"{archive}#000000: skipped: warcinfo_record (not a document)" in out
    assert re.search(rf"^{re.escape(str(archive))}#000001  kind=html encoding=cp1252 ", out, re.M)
    assert re.search(rf"^{re.escape(str(archive))}#000002  kind=html encoding=iso8859_2 ", out, re.M)
    assert re.search(r"^\s+\d+\s+KEEP\s+" + re.escape(CZECH[0]) + "$", out, re.M)  # decoded with the HTTP charset
    assert "  url: https://journal.example/ferries\n" in out  # the record's URI and date, as in corpus.jsonl
    assert "  capture_date: 2024-05-06T07:08:09Z\n" in out
    assert "  repairs: charset_http 1\n" in out
    assert f"{archive}#000004: skipped: http_error (not a document)" in out
    assert out.rstrip().endswith(f"{archive}: 5 records: 3 kept, 0 rejected, 2 skipped")


def test_one_record_by_its_source_matches_the_run(capsys, tmp_path):
    inputs = tmp_path / "raw"
    inputs.mkdir()
    (inputs / "legacy.warc.gz").write_bytes(legacy_archive())
    out_dir = tmp_path / "clean"
    sample_run.run(inputs, out_dir)
    source = f"{inputs / 'legacy.warc.gz'}#000001"
    code, out, _err = explain(capsys, tmp_path, source)
    assert code == 0 and out.startswith(f"{source}  kind=html encoding=cp1252 ")
    assert re.search(r"^\s+\d+\s+KEEP\s+" + re.escape(FRENCH[1]) + "$", out, re.M)
    assert "#000002" not in out  # that record only
    logged = document_paths(out_dir, "legacy#000001")[1].read_text().splitlines()
    drops = re.findall(r"^\s+(\d+)\s+DROP\s+(\S+)\s+(\S+)\s", out, re.M)
    assert [(int(n), reason, step) for n, reason, step in drops] == sorted(
        (r["line_no"], r["reason"], r["step"]) for r in map(json.loads, logged))
    assert explain(capsys, tmp_path, f"{inputs / 'legacy.warc.gz'}#1")[1] == out  # the padding is optional


def test_records_that_are_no_document_or_missing(capsys, tmp_path):
    archive = tmp_path / "legacy.warc.gz"
    archive.write_bytes(legacy_archive())
    code, out, _err = explain(capsys, tmp_path, f"{archive}#000004")
    assert code == 0 and out == f"{archive}#000004: skipped: http_error (not a document)\n"
    code, _out, err = explain(capsys, tmp_path, f"{archive}#000042")
    assert code == 2 and "the archive has no record 42" in err
    code, _out, err = explain(capsys, tmp_path, f"{tmp_path / 'gone.warc'}#000001")
    assert code == 2 and "cannot read" in err
    corrupt = tmp_path / "corrupt.warc"
    corrupt.write_bytes(build_archive(False, corrupt_index=3))
    code, out, _err = explain(capsys, tmp_path, f"{corrupt}#000003")
    assert code == 0 and out.startswith(f"{corrupt}#000003: rejected: corrupt_warc_record (")
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    code, out, _err = explain(capsys, tmp_path, str(empty))
    assert code == 0 and "rejected: empty" in out
