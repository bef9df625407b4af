"""Merging batch shards into the corpus, the rejects file and the run report.

Each shard's records are sorted by id, so a k-way merge writes the sorted ``corpus.jsonl`` while
holding one record per shard in memory.
"""

from __future__ import annotations

import heapq
import json
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from flows.batch import CARRIED_KEY, BatchSummary
from flows.storage import atomic_write_jsonl, atomic_write_text, doc_relpath


def _read_records(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def merge_corpus(out_dir: Path, shard_names: list[str], drop_duplicates: bool = False,
                 duplicates: list[dict] | None = None, carried_ids: set[str] | None = None) -> tuple[int, set[str]]:
    """Write ``corpus.jsonl`` from the record shards, sorted by id; returns count and ids.

    With ``drop_duplicates``, a record whose ``text_sha256`` was already written (by a smaller
    id) is left out and appended to ``duplicates`` as a ``duplicate_text`` reject; only the
    hashes are held. Its ``raw_sha256`` is null so that a rerun cleans it again instead of
    carrying the reject over (the document it duplicated may be gone by then).

    ``carried_ids`` collects the ids of the written records that an earlier run made (marked
    ``CARRIED_KEY`` in the shard; the mark is not written), so the report can tell them apart.
    """
    shard_dir = out_dir / ".shards"
    streams = [_read_records(shard_dir / f"{name}.records.jsonl") for name in shard_names]
    ids: set[str] = set()
    seen_texts: set[bytes] = set()

    def note(records: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for record in records:
            carried = record.pop(CARRIED_KEY, False)
            if drop_duplicates:
                digest = bytes.fromhex(record["text_sha256"])
                if digest in seen_texts:
                    if duplicates is not None:
                        duplicates.append({"source": record["source"], "reason": "duplicate_text",
                                           "detail": f"same text (text_sha256 {record['text_sha256'][:16]}…) "
                                                     "as a document earlier by id", "raw_sha256": None})
                    continue
                seen_texts.add(digest)
            ids.add(record["id"])
            if carried and carried_ids is not None:
                carried_ids.add(record["id"])
            yield record

    merged = heapq.merge(*streams, key=lambda record: record["id"])
    return atomic_write_jsonl(out_dir / "corpus.jsonl", note(merged)), ids


def merge_rejects(out_dir: Path, shard_names: list[str], discovery_rejects: list[dict]) -> list[dict]:
    """Write ``rejects.jsonl`` (sorted by source) from discovery and every shard."""
    shard_dir = out_dir / ".shards"
    rejects = list(discovery_rejects)
    for name in shard_names:
        rejects.extend(_read_records(shard_dir / f"{name}.rejects.jsonl"))
    rejects.sort(key=lambda r: (r["source"], r["reason"]))
    atomic_write_jsonl(out_dir / "rejects.jsonl", rejects)
    return rejects


def prune_stale_documents(out_dir: Path, live_ids: set[str]) -> int:
    """Delete per-document files left by an earlier run for inputs that are gone."""
    docs = out_dir / "docs"
    if not docs.is_dir():
        return 0
    keep = set()
    for doc_id in live_ids:
        rel = doc_relpath(doc_id)
        keep.add(rel + ".txt")
        keep.add(rel + ".removed.jsonl")
    removed = 0
    for folder, _dirs, files in os.walk(docs, topdown=False):
        for name in files:
            rel = os.path.relpath(os.path.join(folder, name), docs).replace(os.sep, "/")
            if rel not in keep:
                os.unlink(os.path.join(folder, name))
                removed += 1
        if folder != str(docs) and not os.listdir(folder):
            os.rmdir(folder)
    return removed


def drop_shards(out_dir: Path) -> None:
    shutil.rmtree(out_dir / ".shards", ignore_errors=True)


def build_report(summaries: list[BatchSummary], rejects: list[dict], inputs: int,
                 documents: int, timings: dict[str, float], meta: dict[str, Any],
                 unchanged: int | None = None) -> dict[str, Any]:
    """The run report: counts by reason, languages, repairs and timings.

    ``inputs = documents_from_inputs + unchanged + rejected`` always holds: ``documents`` (in the
    corpus) splits into those cleaned in this run and the ``unchanged`` ones carried over from an
    earlier run, and documents left out at merge time as duplicates are in ``rejected``.
    ``unchanged`` is the carried-over documents still in the corpus (the batches' count if not
    given).
    """
    totals = {key: Counter() for key in ("removed", "languages", "repairs")}
    for summary in summaries:
        totals["removed"].update(summary.removed_by_reason)
        totals["languages"].update(summary.languages)
        totals["repairs"].update(summary.repairs)
    rejected = Counter(r["reason"] for r in rejects)
    clean_seconds = sum(s.clean_seconds for s in summaries)
    cleaned = sum(s.documents for s in summaries)
    unchanged = sum(s.unchanged for s in summaries) if unchanged is None else unchanged
    return {
        **meta,
        "inputs": inputs,
        "documents": documents,
        "documents_from_inputs": documents - unchanged,
        "unchanged": unchanged,
        "rejected": len(rejects),
        "rejects_by_reason": dict(sorted(rejected.items())),
        "removed_lines": sum(totals["removed"].values()),
        "removed_by_reason": dict(sorted(totals["removed"].items())),
        "languages": dict(sorted(totals["languages"].items())),
        "repairs": dict(sorted(totals["repairs"].items())),
        "warc_records_skipped": dict(sorted(sum((Counter(s.warc_records_skipped) for s in summaries),
                                                Counter()).items())),
        "timings_seconds": {**{k: round(v, 3) for k, v in timings.items()},
                            "cleaning": round(clean_seconds, 3)},
        "docs_per_second": round(cleaned / clean_seconds, 1) if clean_seconds and cleaned else None,
    }


def report_markdown(report: dict[str, Any]) -> str:
    """A short human summary of the report, published as a Prefect artifact."""
    lines = [
        "# Clean corpus run",
        "",
        f"- inputs: {report['inputs']}, documents: {report['documents']}, rejected: {report['rejected']}",
        f"- removed lines: {report['removed_lines']}",
        f"- pipeline {report['pipeline_version']}, config `{report['config_sha256'][:12]}`",
        "",
        "| removal reason | lines |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in sorted(report["removed_by_reason"].items(), key=lambda kv: -kv[1])],
        "",
        "| reject reason | inputs |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in report["rejects_by_reason"].items()],
        "",
        "| language | documents |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in report["languages"].items()],
    ]
    return "\n".join(lines) + "\n"


def write_report(out_dir: Path, report: dict[str, Any]) -> None:
    atomic_write_text(out_dir / "report.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n")
