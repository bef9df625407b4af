"""The record schema as data, and ``corpus.parquet`` (``--format parquet``) written from it.

``schema/corpus-record.schema.json`` is the one description of a corpus record. The Arrow schema
of the Parquet file is derived from it, so both formats have the same columns with the same
types, and a column that is empty in every record (``captions`` of plain dumps) is still typed:
strings are ``string``, integers ``int64``, numbers ``float64``, arrays of strings
``list<string>``, and the count objects (``removed``, ``repairs``) lists of
``struct<key: string, value: int64>`` in key order: the layout of an Arrow map, but one that
``datasets`` can load too (it has no type for Arrow maps).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from flows.storage import atomic_target

if TYPE_CHECKING:  # pyarrow is imported where Parquet is written: batch workers never need it
    import pyarrow as pa

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "corpus-record.schema.json"
OUTPUT_FORMATS = ("jsonl", "parquet")
ROWS_PER_GROUP = 2000


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``corpus.jsonl`` record."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _resolve(node: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref:
        target = schema
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _arrow_type(name: str, node: dict[str, Any], schema: dict[str, Any]) -> pa.DataType:
    import pyarrow as pa  # noqa: PLC0415

    node = _resolve(node, schema)
    kind = node.get("type")
    if kind == "string":
        return pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "number":
        return pa.float64()
    if kind == "array":
        return pa.list_(_arrow_type(name, node["items"], schema))
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        value = _arrow_type(name, node["additionalProperties"], schema)
        return pa.list_(pa.struct([pa.field("key", pa.string(), nullable=False),
                                   pa.field("value", value, nullable=False)]))
    raise ValueError(f"record field {name!r}: no Arrow type for JSON Schema {node}")


@lru_cache(maxsize=1)
def arrow_schema() -> pa.Schema:
    """The Arrow schema of a record, field by field in the JSON Schema's order; none nullable."""
    import pyarrow as pa  # noqa: PLC0415
    schema = record_schema()
    return pa.schema([pa.field(name, _arrow_type(name, node, schema), nullable=False)
                      for name, node in schema["properties"].items()])


def _arrow_rows(records: Iterable[dict[str, Any]], names: list[str]) -> Iterator[dict[str, Any]]:
    for record in records:
        if set(record) != set(names):
            extra, missing = sorted(set(record) - set(names)), sorted(set(names) - set(record))
            raise ValueError(f"record {record.get('id')!r} does not match the schema: "
                             f"extra fields {extra}, missing fields {missing}")
        row = dict(record)
        for key, value in record.items():
            if isinstance(value, dict):
                row[key] = [{"key": k, "value": v} for k, v in sorted(value.items())]
        yield row


def write_parquet(jsonl_path: Path, parquet_path: Path) -> int:
    """Write ``parquet_path`` (atomically) from the records of ``jsonl_path``; returns the rows."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415
    schema = arrow_schema()
    names = schema.names
    rows = 0
    with atomic_target(parquet_path) as tmp:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer, \
                jsonl_path.open(mode="r", encoding="utf-8") as fh:
            chunk: list[dict[str, Any]] = []
            records = (json.loads(line) for line in fh if line.strip())
            for row in _arrow_rows(records, names):
                chunk.append(row)
                if len(chunk) >= ROWS_PER_GROUP:
                    writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                    rows += len(chunk)
                    chunk = []
            if chunk or rows == 0:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                rows += len(chunk)
    return rows


def export_corpus(out_dir: Path, output_format: str) -> None:
    """``corpus.jsonl`` is always written (reruns read it); ``parquet`` adds ``corpus.parquet``.

    A ``corpus.parquet`` left by an earlier parquet run is removed by a ``jsonl`` run, so the
    folder never holds a Parquet file of an older corpus.
    """
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"output_format must be one of {', '.join(OUTPUT_FORMATS)}, not {output_format!r}")
    parquet = out_dir / "corpus.parquet"
    if output_format == "parquet":
        write_parquet(out_dir / "corpus.jsonl", parquet)
    elif parquet.exists():
        parquet.unlink()
