"""The corpus contract: every record of a real run on raw/ validates against the versioned JSON
Schema, and the schema, the records, the Parquet schema and the README agree."""

from __future__ import annotations

import copy
import json
import re

import jsonschema
import pytest

import sample_run
from cleaners.pipeline import SCHEMA_VERSION
from flows.export import SCHEMA_FILE, arrow_schema, record_schema

REPO = sample_run.REPO


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("schema") / "clean"
    report = sample_run.run(sample_run.RAW, out)
    records = [json.loads(line) for line in (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    return report, records, json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator():
    schema = record_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_schema_file_is_draft_2020_12_and_versioned():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert SCHEMA_VERSION in schema["$id"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", SCHEMA_VERSION)


def test_every_record_of_a_real_run_validates(corpus, validator):
    _report, records, _ = corpus
    assert len(records) == 5
    for record in records:
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        assert not errors, f"{record['id']}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
        assert record["schema_version"] == SCHEMA_VERSION


def test_records_keep_the_schema_field_order(corpus):
    _report, records, _ = corpus
    order = list(record_schema()["properties"])
    assert all(list(record) == order for record in records)
    assert arrow_schema().names == order


def test_report_carries_the_schema_version(corpus):
    report, _records, on_disk = corpus
    assert report["schema_version"] == on_disk["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("change, path", [
    (lambda r: r.update(url=None), ["url"]),  # unknown metadata is "", never null
    (lambda r: r.pop("duplicate_cluster"), []),
    (lambda r: r.update(extra_field=1), []),
    (lambda r: r.update(word_count="304"), ["word_count"]),
    (lambda r: r.update(date="25/11/2019"), ["date"]),
    (lambda r: r["removed"].update(nav_menu="2"), ["removed", "nav_menu"]),
    (lambda r: r.update(schema_version="0.9.0"), ["schema_version"]),
    (lambda r: r.update(text_sha256="abc"), ["text_sha256"]),
])
def test_the_schema_rejects_broken_records(corpus, validator, change, path):
    """The validation above can fail: each of these edits makes a valid record invalid."""
    record = copy.deepcopy(corpus[1][0])
    assert validator.is_valid(record)
    change(record)
    errors = list(validator.iter_errors(record))
    assert errors and any(list(e.path) == path for e in errors), [(list(e.path), e.message) for e in errors]


def test_readme_documents_every_field_and_points_to_the_schema():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Record schema", 1)[1].split("\n### ", 1)[0]
    assert "schema/corpus-record.schema.json" in section
    documented = set(re.findall(r"^\| `(\w+)` \|", section, re.M))
    assert documented == set(record_schema()["properties"])
