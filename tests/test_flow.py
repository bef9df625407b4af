"""The flow end to end, through the real Prefect engine (one harness for the whole run)."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest

from flows.clean import main
from flows.prefect_flow import clean_corpus

REQUIRED_FIELDS = {
    "id", "source", "text", "title", "date", "publisher", "author", "url", "language",
    "language_score", "captions", "word_count", "raw_sha256", "text_sha256", "removed",
    "repairs", "pipeline_version", "config_sha256",
}


@pytest.fixture()
def mixed_input(tmp_path, sample_paths):
    """The five samples, one gzipped in a subfolder, plus inputs that must be rejected."""
    inp = tmp_path / "raw"
    (inp / "nested").mkdir(parents=True)
    for path in sample_paths[:4]:
        shutil.copy(path, inp / path.name)
    last = sample_paths[4]
    (inp / "nested" / (last.name + ".gz")).write_bytes(gzip.compress(last.read_bytes(), mtime=0))
    (inp / "empty.txt").write_bytes(b"")
    (inp / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inp / "notes.rtf").write_text("{\\rtf1 not an input type}")
    return inp


def _outputs(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_flow_cleans_samples_and_rejects_bad_inputs(prefect_harness, mixed_input, tmp_path, sample_paths):
    out = tmp_path / "clean"
    report = clean_corpus(str(mixed_input), str(out))
    records = [json.loads(line) for line in (out / "corpus.jsonl").read_text().splitlines()]
    ids = [r["id"] for r in records]
    expected_ids = sorted([p.stem for p in sample_paths[:4]] + [f"nested/{sample_paths[4].stem}"])
    assert ids == expected_ids
    for record in records:
        assert REQUIRED_FIELDS <= set(record)
        assert record["text"].strip() and record["word_count"] > 50
        assert (out / "docs" / f"{record['id']}.txt").read_text() == record["text"] + "\n"
        removed_log = (out / "docs" / f"{record['id']}.removed.jsonl").read_text().splitlines()
        assert len(removed_log) == sum(record["removed"].values())
    assert records[-1]["source"] == f"nested/{sample_paths[4].name}.gz"
    rejects = {r["source"]: r["reason"] for r in map(json.loads, (out / "rejects.jsonl").read_text().splitlines())}
    assert rejects == {"empty.txt": "empty", "picture.txt": "binary", "notes.rtf": "unsupported_extension"}
    assert report["inputs"] == 8 and report["documents"] == 5 and report["rejected"] == 3
    assert json.loads((out / "report.json").read_text())["rejects_by_reason"] == {
        "binary": 1, "empty": 1, "unsupported_extension": 1}


def test_two_runs_give_byte_identical_output(prefect_harness, mixed_input, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    clean_corpus(str(mixed_input), str(first))
    clean_corpus(str(mixed_input), str(second))
    a, b = _outputs(first), _outputs(second)
    a.pop("report.json"), b.pop("report.json")
    assert a == b
    rerun = clean_corpus(str(mixed_input), str(first))  # a rerun into the same folder redoes nothing
    assert (rerun["documents_from_inputs"], rerun["unchanged"], rerun["rejected"]) == (0, 5, 3)
    assert rerun["inputs"] == rerun["documents_from_inputs"] + rerun["unchanged"] + rerun["rejected"]
    again = _outputs(first)
    again.pop("report.json")
    assert again == b


def test_changed_and_deleted_inputs_are_redone_or_dropped(prefect_harness, mixed_input, tmp_path, sample_paths):
    out = tmp_path / "clean"
    clean_corpus(str(mixed_input), str(out))
    (mixed_input / sample_paths[0].name).unlink()
    changed = mixed_input / sample_paths[1].name
    changed.write_bytes(changed.read_bytes().replace(b"smartphones", b"mobile phones"))
    report = clean_corpus(str(mixed_input), str(out))
    assert (report["documents_from_inputs"], report["unchanged"]) == (1, 3)
    assert "help of mobile phones" in (out / "docs" / f"{sample_paths[1].stem}.txt").read_text()
    assert not (out / "docs" / f"{sample_paths[0].stem}.txt").exists()
    assert not (out / "docs" / f"{sample_paths[0].stem}.removed.jsonl").exists()
    kept = [path.stem for path in sample_paths[1:4]] + [f"nested/{sample_paths[4].stem}"]
    assert sorted(p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*.*")) == sorted(
        f"{stem}{suffix}" for stem in kept for suffix in (".txt", ".removed.jsonl"))
    assert sample_paths[0].stem not in (out / "corpus.jsonl").read_text()


def test_cli_rejects_bad_arguments_with_exit_code_2(tmp_path, capsys):
    assert main([str(tmp_path / "missing")]) == 2
    assert "input folder not found" in capsys.readouterr().err
    (tmp_path / "in").mkdir()
    assert main([str(tmp_path / "in"), "--out", str(tmp_path / "in" / "clean")]) == 2
    assert "inside the input folder" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text("[classifier]\nthreshold = 1\n")
    assert main([str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--config", str(bad)]) == 2
    assert "classifier.threshold" in capsys.readouterr().err


def test_no_prefect_rerun_does_no_work_and_config_change_recleans(mixed_input, tmp_path, capsys):
    out = tmp_path / "clean"
    args = [str(mixed_input), "--out", str(out), "--no-prefect", "--workers", "1"]
    assert main(args) == 0
    first = _outputs(out)
    assert main(args) == 0  # no change: nothing cleaned, clean/ byte-identical
    report = json.loads((out / "report.json").read_text())
    assert (report["documents_from_inputs"], report["unchanged"], report["rejected"]) == (0, 5, 3)
    again = _outputs(out)
    first.pop("report.json"), again.pop("report.json")
    assert again == first
    review_only = tmp_path / "review.toml"  # not part of the config hash: changes no record
    review_only.write_text("[review]\nmax_documents = 10\n")
    assert main(args + ["--config", str(review_only)]) == 0
    assert json.loads((out / "report.json").read_text())["documents_from_inputs"] == 0
    changed = tmp_path / "changed.toml"  # a setting that changes records: everything is redone
    changed.write_text("[boilerplate]\nmax_words_per_nav_line = 10\n")
    assert main(args + ["--config", str(changed)]) == 0
    report = json.loads((out / "report.json").read_text())
    assert (report["documents_from_inputs"], report["unchanged"]) == (5, 0)
    records = [json.loads(line) for line in (out / "corpus.jsonl").read_text().splitlines()]
    assert {r["config_sha256"] for r in records} == {report["config_sha256"]}
    assert report["inputs"] == report["documents_from_inputs"] + report["unchanged"] + report["rejected"]


def test_the_command_module_does_not_import_prefect():
    """Batch workers are spawned and re-import the command's module (``flows.clean``): it must
    not bring Prefect (about 1 s and 55 MB per worker) nor pyarrow along. ``flows.clean``
    still gives the flow's names, imported on first use."""
    import subprocess
    import sys

    code = ("import sys, flows.clean; heavy = sorted({m.split('.')[0] for m in sys.modules} & "
            "{'prefect', 'pyarrow', 'datasketch', 'scipy'}); print(heavy); "
            "print(flows.clean.clean_corpus.name)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["[]", "clean-corpus"]
