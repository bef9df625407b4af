"""Cleaning one batch of inputs: read, clean, write per-document files and one shard.

A batch is the unit of work a Prefect task runs. It takes paths (never document texts), writes
its documents' files and a shard of records and rejects (each atomically), and returns a small
summary. A failure on one input becomes a reject for that input; the batch goes on.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaners.config import PipelineConfig
from cleaners.decode import maybe_gunzip
from cleaners.errors import RejectError
from cleaners.pipeline import clean_bytes, to_record
from flows.discover import InputFile
from flows.storage import atomic_write_jsonl, atomic_write_text, doc_relpath, json_line


@dataclass
class BatchSummary:
    """What a batch did, small enough to pass between Prefect tasks."""

    shard: str
    documents: int = 0
    rejects: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    removed_by_reason: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    repairs: dict[str, int] = field(default_factory=dict)
    clean_seconds: float = 0.0
    input_bytes: int = 0


def read_input(item: InputFile, config: PipelineConfig) -> bytes:
    """Read a file's bytes, refusing ones over the size cap before reading them."""
    cap = config.decode.max_input_bytes
    try:
        size = os.stat(item.path, follow_symlinks=False).st_size
        if cap is not None and size > cap:
            raise RejectError("too_large", f"{size} bytes is over max_input_bytes={cap}")
        with open(item.path, "rb") as fh:
            return fh.read()
    except PermissionError as exc:
        raise RejectError("unreadable", f"permission denied: {exc.strerror}") from exc
    except FileNotFoundError as exc:
        raise RejectError("vanished", "the file disappeared before it was read") from exc
    except IsADirectoryError as exc:
        raise RejectError("not_a_file", "became a folder before it was read") from exc
    except OSError as exc:
        raise RejectError("unreadable", f"{type(exc).__name__}: {exc.strerror or exc}") from exc


def clean_one(item: InputFile, config: PipelineConfig, config_sha256: str) -> tuple[dict, list[dict]]:
    """Clean one input into (record, removal log); raises ``RejectError`` for a reject."""
    raw = read_input(item, config)
    payload = maybe_gunzip(raw, config.decode.max_input_bytes) if item.compressed else raw
    result = clean_bytes(payload, item.doc_id, item.source, item.kind, config)
    record = to_record(result, raw, config_sha256)
    return record, [r.as_dict() for r in result.document.removals]


def write_document_files(out_dir: Path, record: dict[str, Any], removals: list[dict]) -> None:
    """``docs/ID.txt`` holds the clean text, ``docs/ID.removed.jsonl`` every removed line."""
    base = out_dir / "docs" / doc_relpath(record["id"])
    atomic_write_text(base.with_name(base.name + ".txt"), record["text"] + "\n")
    atomic_write_text(base.with_name(base.name + ".removed.jsonl"), "".join(json_line(r) for r in removals))


def clean_batch(items: list[InputFile], out_dir: Path, shard_name: str, config: PipelineConfig) -> BatchSummary:
    """Clean a batch and write its shard (records sorted by id, then rejects)."""
    summary = BatchSummary(shard=shard_name)
    config_sha256 = config.sha256()
    records, rejects = [], []
    counters = {name: Counter() for name in ("rejected", "removed", "languages", "repairs")}
    started = time.perf_counter()
    for item in items:
        try:
            record, removals = clean_one(item, config, config_sha256)
        except RejectError as exc:
            rejects.append({"source": item.source, "reason": exc.reason, "detail": exc.detail})
            counters["rejected"][exc.reason] += 1
            continue
        except Exception as exc:  # a bug on one input must not stop the run: report it
            rejects.append({"source": item.source, "reason": "internal_error",
                            "detail": f"{type(exc).__name__}: {exc}"[:500]})
            counters["rejected"]["internal_error"] += 1
            continue
        write_document_files(out_dir, record, removals)
        records.append(record)
        counters["removed"].update(record["removed"])
        counters["languages"][record["language"] or "unknown"] += 1
        counters["repairs"].update(record["repairs"])
    summary.clean_seconds = time.perf_counter() - started
    records.sort(key=lambda r: r["id"])
    shard_dir = out_dir / ".shards"
    atomic_write_jsonl(shard_dir / f"{shard_name}.records.jsonl", records)
    atomic_write_jsonl(shard_dir / f"{shard_name}.rejects.jsonl", rejects)
    summary.documents, summary.rejects = len(records), len(rejects)
    summary.rejected_by_reason = dict(counters["rejected"])
    summary.removed_by_reason = dict(counters["removed"])
    summary.languages = dict(counters["languages"])
    summary.repairs = dict(counters["repairs"])
    return summary


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
