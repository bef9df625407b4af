"""Merging batch shards into the corpus, the rejects file and the run report.

Each shard's records are sorted by id, so a k-way merge writes the sorted ``corpus.jsonl`` while
holding one record per shard in memory. The duplicate pass first reads the batches' small
``dedup`` shards the same way (``dedup_entries``); the merge then marks the duplicates as it
writes, so ``corpus.jsonl`` is written once.
"""

from __future__ import annotations

import heapq
import json
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterator

from flows.batch import CARRIED_KEY, BatchSummary
from flows.dedup import Entry, entry_from_shard
from flows.locations import Remote
from flows.storage import atomic_write_jsonl, atomic_write_text, doc_relpath


def _read_records(path: Path | Remote) -> Iterator[dict[str, Any]]:
    with path.open(mode="r", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


class _FirstText:
    """``filters.drop_exact_duplicates``: of the documents with one text, only the first by id
    stays. One rule for the merge and for the duplicate pass before it, so both skip the same
    documents; only the hashes are held."""

    def __init__(self, active: bool) -> None:
        self.active = active
        self.seen: set[bytes] = set()

    def is_copy(self, text_sha256: str) -> bool:
        if not self.active:
            return False
        digest = bytes.fromhex(text_sha256)
        if digest in self.seen:
            return True
        self.seen.add(digest)
        return False


def _merged(out_dir: Path, shard_names: list[str], kind: str) -> Iterator[dict[str, Any]]:
    """The lines of every shard of a kind (each sorted by id), merged in id order: one line per
    shard held."""
    shard_dir = out_dir / ".shards"
    streams = [_read_records(shard_dir / f"{name}.{kind}.jsonl") for name in shard_names]
    return heapq.merge(*streams, key=lambda record: record["id"])


def dedup_shard_lines(out_dir: Path, shard_names: list[str], drop_duplicates: bool = False) -> Iterator[dict]:
    """The batches' ``dedup`` shard lines (id, text hash, MinHash, paragraph keys) of each document
    the merge will write, in the same order: without the documents that ``drop_duplicates``
    (``filters.drop_exact_duplicates``) leaves out."""
    first = _FirstText(drop_duplicates)
    for line in _merged(out_dir, shard_names, "dedup"):
        if not first.is_copy(line["text_sha256"]):
            yield line


def dedup_entries(out_dir: Path, shard_names: list[str], drop_duplicates: bool = False) -> Iterator[Entry]:
    """What the duplicate pass needs of each document the merge will write, in the same order."""
    return map(entry_from_shard, dedup_shard_lines(out_dir, shard_names, drop_duplicates))


def merge_corpus(out_dir: Path, shard_names: list[str], drop_duplicates: bool = False,
                 duplicates: list[dict] | None = None, carried_ids: set[str] | None = None,
                 annotate: Callable[[Iterator[dict[str, Any]]], Iterator[dict[str, Any]]] | None = None,
                 ) -> tuple[int, set[str]]:
    """Write ``corpus.jsonl`` from the record shards, sorted by id; returns count and ids.

    With ``drop_duplicates``, a record whose ``text_sha256`` was already written (by a smaller
    id) is left out and appended to ``duplicates`` as a ``duplicate_text`` reject; only the
    hashes are held. Its ``raw_sha256`` is null so that a rerun cleans it again instead of
    carrying the reject over (the document it duplicated may be gone by then).

    ``carried_ids`` collects the ids of the written records that an earlier run made (marked
    ``CARRIED_KEY`` in the shard; the mark is not written), so the report can tell them apart.
    ``annotate`` (``DedupResult.annotate``) sets the duplicate fields on the way, so the corpus
    is written once; the ids returned include the records it leaves out, the count does not.
    """
    ids: set[str] = set()
    first = _FirstText(drop_duplicates)

    def note(records: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for record in records:
            carried = record.pop(CARRIED_KEY, False)
            if first.is_copy(record["text_sha256"]):
                if duplicates is not None:
                    duplicates.append({"source": record["source"], "reason": "duplicate_text",
                                       "detail": f"same text (text_sha256 {record['text_sha256'][:16]}…) "
                                                 "as a document earlier by id", "raw_sha256": None})
                continue
            ids.add(record["id"])
            if carried and carried_ids is not None:
                carried_ids.add(record["id"])
            yield record

    written = note(_merged(out_dir, shard_names, "records"))
    return atomic_write_jsonl(out_dir / "corpus.jsonl", annotate(written) if annotate else written), ids


def merge_rejects(out_dir: Path, shard_names: list[str], discovery_rejects: list[dict]) -> list[dict]:
    """Write ``rejects.jsonl`` (sorted by source) from discovery and every shard."""
    shard_dir = out_dir / ".shards"
    rejects = list(discovery_rejects)
    for name in shard_names:
        rejects.extend(_read_records(shard_dir / f"{name}.rejects.jsonl"))
    rejects.sort(key=lambda r: (r["source"], r["reason"]))
    atomic_write_jsonl(out_dir / "rejects.jsonl", rejects)
    return rejects


def prune_stale_documents(out_dir: Path | Remote, live_ids: set[str]) -> int:
    """Delete per-document files left by an earlier run for inputs that are gone."""
    docs = out_dir / "docs"
    if not docs.is_dir():
        return 0
    keep = {doc_relpath(doc_id) for doc_id in live_ids}  # one path a document, without its suffix
    if isinstance(docs, Remote):
        return _prune_remote(docs, keep)
    removed = 0
    for folder, _dirs, files in os.walk(docs, topdown=False):
        for name in files:
            rel = os.path.relpath(os.path.join(folder, name), docs).replace(os.sep, "/")
            if not _is_kept(rel, keep):
                os.unlink(os.path.join(folder, name))
                removed += 1
        if folder != str(docs) and not os.listdir(folder):
            os.rmdir(folder)
    return removed


def _is_kept(rel: str, keep: set[str]) -> bool:
    """Whether a file under ``docs/`` is one of a kept document's two files."""
    for suffix in _DOCUMENT_SUFFIXES:
        if rel.endswith(suffix) and rel[:-len(suffix)] in keep:
            return True
    return False


_DOCUMENT_SUFFIXES = (".txt", ".removed.jsonl")


def _prune_remote(docs: Remote, keep: set[str]) -> int:
    """``prune_stale_documents`` on an fsspec filesystem (no empty folders to remove there)."""
    stale = [rel for rel in docs.files() if not _is_kept(rel, keep)]
    for rel in stale:
        (docs / rel).unlink()
    return len(stale)


def drop_shards(out_dir: Path | Remote) -> None:
    if isinstance(out_dir, Remote):
        (out_dir / ".shards").remove_tree()
        return
    shutil.rmtree(out_dir / ".shards", ignore_errors=True)


def build_report(summaries: list[BatchSummary], rejects: list[dict], inputs: int,
                 documents: int, timings: dict[str, float], meta: dict[str, Any],
                 unchanged: int | None = None) -> dict[str, Any]:
    """The run report: counts by reason, languages, repairs, HTML extractors and timings.

    ``inputs = documents_from_inputs + unchanged + rejected`` always holds: ``documents`` (in the
    corpus) splits into those cleaned in this run and the ``unchanged`` ones carried over from an
    earlier run, and documents left out at merge time as duplicates are in ``rejected``.
    ``unchanged`` is the carried-over documents still in the corpus (the batches' count if not
    given).
    """
    totals = {key: Counter() for key in ("removed", "languages", "repairs", "extractors")}
    for summary in summaries:
        totals["removed"].update(summary.removed_by_reason)
        totals["languages"].update(summary.languages)
        totals["repairs"].update(summary.repairs)
        totals["extractors"].update(summary.extractors)
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
        "extractors": dict(sorted(totals["extractors"].items())),
        "warc_records_skipped": dict(sorted(sum((Counter(s.warc_records_skipped) for s in summaries),
                                                Counter()).items())),
        "timings_seconds": {**{k: round(v, 3) for k, v in timings.items()},
                            "cleaning": round(clean_seconds, 3)},
        "docs_per_second": round(cleaned / clean_seconds, 1) if clean_seconds and cleaned else None,
    }


def add_removed(report: dict[str, Any], removed_by_reason: Counter) -> None:
    """Count lines removed at merge time (the corpus-wide paragraph step) into the report."""
    totals = Counter(report["removed_by_reason"]) + removed_by_reason
    report["removed_by_reason"] = dict(sorted(totals.items()))
    report["removed_lines"] = sum(totals.values())


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
    if report.get("extractors"):
        lines += ["", "| HTML extractor | documents |", "|---|---|",
                  *[f"| {k} | {v} |" for k, v in report["extractors"].items()]]
    return "\n".join(lines) + "\n"


def write_report(out_dir: Path, report: dict[str, Any]) -> None:
    atomic_write_text(out_dir / "report.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n")
