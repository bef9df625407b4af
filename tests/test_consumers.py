"""Real consumers load the corpus of a real run on raw/ with the right column types: pandas,
Hugging Face ``datasets`` and duckdb, from ``corpus.jsonl`` and from ``corpus.parquet``.

In the sample corpus ``author`` and ``url`` are unknown in every record: they must still come
out as strings (the reason unknown metadata is ``""`` rather than null).
"""

from __future__ import annotations

import json
import os

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

import sample_run
from flows.export import arrow_schema, write_parquet

STRINGS = ["id", "source", "text", "title", "publisher", "author", "url", "language", "encoding",
           "raw_sha256", "text_sha256", "duplicate_of", "duplicate_cluster", "schema_version",
           "pipeline_version", "config_sha256"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("consumers") / "clean"
    sample_run.run(sample_run.RAW, out, output_format="parquet")
    records = [json.loads(line) for line in (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    assert all(r["url"] == "" and r["author"] == "" for r in records)  # the all-"null" columns
    return out, records


@pytest.fixture(scope="module")
def hf_datasets(tmp_path_factory):
    """``datasets`` offline, with its cache in a temporary folder."""
    home = tmp_path_factory.mktemp("hf")
    saved = {k: os.environ.get(k) for k in ("HF_DATASETS_OFFLINE", "HF_HUB_OFFLINE", "HF_HOME", "HF_DATASETS_CACHE")}
    os.environ.update(HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", HF_HOME=str(home / "home"),
                      HF_DATASETS_CACHE=str(home / "cache"))
    import datasets

    datasets.disable_progress_bars()
    yield datasets, str(home / "cache")
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def test_pandas_read_json_lines(corpus):
    out, records = corpus
    df = pd.read_json(out / "corpus.jsonl", lines=True)
    assert list(df.columns) == list(records[0])
    for name in STRINGS:
        assert pd.api.types.is_string_dtype(df[name]), (name, df[name].dtype)
    assert df["word_count"].dtype == "int64"
    # pandas turns a column named "date" into datetimes ("" -> NaT) and an all-integral float
    # column into int64 (every sample scores 1.0): both numeric/temporal, as documented.
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert pd.api.types.is_numeric_dtype(df["language_score"])
    assert pd.read_json(out / "corpus.jsonl", lines=True,
                        dtype={"language_score": "float64"})["language_score"].dtype == "float64"
    assert all(isinstance(v, list) and all(isinstance(c, str) for c in v) for v in df["captions"])
    assert df["removed"].tolist() == [r["removed"] for r in records]  # dicts of reason -> int
    assert df["text"].tolist() == [r["text"] for r in records]


def test_datasets_load_dataset_json(corpus, hf_datasets):
    datasets, cache = hf_datasets
    out, records = corpus
    ds = datasets.load_dataset("json", data_files=str(out / "corpus.jsonl"), cache_dir=cache, split="train")
    features = ds.features
    for name in [*STRINGS, "date"]:
        assert features[name] == datasets.Value("string"), (name, features[name])
    assert features["word_count"] == datasets.Value("int64")
    assert features["language_score"] == datasets.Value("float64")
    assert features["captions"] == datasets.List(datasets.Value("string"))
    # Count objects have per-record keys: datasets keeps them as JSON objects (dicts).
    assert ds["removed"] == [r["removed"] for r in records]
    assert ds["repairs"] == [r["repairs"] for r in records]
    assert ds["id"] == [r["id"] for r in records]


def _duckdb_types(relation) -> dict[str, str]:
    return {name: str(kind) for name, kind, *_ in relation.description}


def test_duckdb_read_json_auto(corpus):
    out, records = corpus
    con = duckdb.connect()
    rel = con.sql(f"SELECT * FROM read_json_auto('{out / 'corpus.jsonl'}')")
    types = _duckdb_types(rel)
    for name in [*STRINGS, "date"]:
        assert types[name] == "VARCHAR", (name, types[name])
    assert types["word_count"] == "BIGINT"
    assert types["language_score"] == "DOUBLE"
    assert types["captions"] == "VARCHAR[]"
    assert types["removed"].startswith("STRUCT(") and "nav_menu BIGINT" in types["removed"]
    assert types["repairs"].startswith("STRUCT(")
    (total, count), = con.sql(f"SELECT sum(removed.nav_menu), count(*) FROM read_json_auto('{out / 'corpus.jsonl'}')").fetchall()
    assert total == sum(r["removed"].get("nav_menu", 0) for r in records) and count == 5


def test_parquet_has_the_explicit_schema_and_the_same_rows(corpus):
    out, records = corpus
    assert pq.read_schema(out / "corpus.parquet").remove_metadata() == arrow_schema()
    table = pq.read_table(out / "corpus.parquet")
    rows = table.to_pylist()
    for row in rows:
        for name in ("removed", "repairs"):
            row[name] = {pair["key"]: pair["value"] for pair in row[name]}
    assert rows == records


def test_parquet_consumers(corpus, hf_datasets):
    datasets, cache = hf_datasets
    out, records = corpus
    path = out / "corpus.parquet"
    df = pd.read_parquet(path)
    for name in [*STRINGS, "date"]:
        assert pd.api.types.is_string_dtype(df[name]), (name, df[name].dtype)
    assert df["word_count"].dtype == "int64" and df["language_score"].dtype == "float64"
    types = _duckdb_types(duckdb.sql(f"SELECT * FROM '{path}'"))
    assert types["url"] == "VARCHAR" and types["captions"] == "VARCHAR[]"
    assert types["removed"] == "STRUCT(\"key\" VARCHAR, \"value\" BIGINT)[]"
    ds = datasets.load_dataset("parquet", data_files=str(path), cache_dir=cache, split="train")
    assert ds.features["url"] == datasets.Value("string")
    assert ds.features["captions"] == datasets.List(datasets.Value("string"))
    assert ds.features["removed"] == datasets.List({"key": datasets.Value("string"), "value": datasets.Value("int64")})
    assert ds["id"] == [r["id"] for r in records]


def test_parquet_types_columns_that_are_empty_everywhere(tmp_path, corpus):
    """A corpus with no captions, no removals, no repairs and no metadata still gets typed columns."""
    _out, records = corpus
    bare = dict(records[0], captions=[], removed={}, repairs={}, title="", date="", publisher="")
    src = tmp_path / "corpus.jsonl"
    src.write_text(json.dumps(bare) + "\n", encoding="utf-8")
    assert write_parquet(src, tmp_path / "corpus.parquet") == 1
    types = _duckdb_types(duckdb.sql(f"SELECT * FROM '{tmp_path / 'corpus.parquet'}'"))
    assert types["captions"] == "VARCHAR[]" and types["title"] == "VARCHAR"
    assert types["repairs"] == "STRUCT(\"key\" VARCHAR, \"value\" BIGINT)[]"


def test_parquet_refuses_a_record_that_does_not_match_the_schema(tmp_path, corpus):
    _out, records = corpus
    src = tmp_path / "corpus.jsonl"
    src.write_text(json.dumps(dict(records[0], surprise=1)) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="surprise"):
        write_parquet(src, tmp_path / "corpus.parquet")
    assert not (tmp_path / "corpus.parquet").exists()


def test_a_jsonl_run_removes_an_earlier_parquet(tmp_path):
    out = tmp_path / "clean"
    sample_run.run(sample_run.RAW, out, output_format="parquet")
    assert (out / "corpus.parquet").is_file()
    sample_run.run(sample_run.RAW, out)
    assert not (out / "corpus.parquet").exists()
