"""Cleaning one batch of inputs: read, clean, write per-document files and one shard.

A batch is the unit of work a Prefect task runs. It takes paths (never document texts), writes
its documents' files and a shard of records, rejects and duplicate-pass entries (each
atomically; the MinHash signatures are made here, in parallel, not in the merge), and returns a
small summary. A failure on one input becomes a reject for that input; the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import signal
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Iterator

from cleaners.config import PipelineConfig
from cleaners.corpus_lines import paragraph_words
from cleaners.decode import maybe_gunzip
from cleaners.document import Document, Removal
from cleaners.errors import RejectError
from cleaners.pipeline import clean_bytes, to_record
from flows.archives import CORRUPT_REASONS, iter_records
from flows.corpus_lines import PARAGRAPHS_KEY, carried_had_removals, paragraph_lines, with_keys
from flows.dedup import shard_entry, signer_for
from flows.discover import ARCHIVE_KINDS, InputFile
from flows.locations import input_size, open_input
from flows.warc import (WarcCorrupt, WarcPayload, WarcSkip, document_payload, record_id,
                        record_metadata)
from flows.state import Previous, read_previous_record
from flows.storage import (atomic_write_jsonl, atomic_write_lines, atomic_write_text, doc_relpath, flush_to_disk,
                           json_line, removal_log)


@dataclass
class BatchSummary:
    """What a batch did, small enough to pass between Prefect tasks."""

    shard: str
    inputs: int = 0  # input files read, a WARC archive counting as its document records (README "inputs")
    documents: int = 0  # cleaned in this run
    unchanged: int = 0  # carried over from an earlier run (same bytes, config and version)
    rejects: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    removed_by_reason: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    repairs: dict[str, int] = field(default_factory=dict)
    clean_seconds: float = 0.0
    input_bytes: int = 0
    warc_records_skipped: dict[str, int] = field(default_factory=dict)  # WARC records that are no document, by reason
    extractors: dict[str, int] = field(default_factory=dict)  # HTML documents by the extractor that produced their text


#: Internal key marking a shard record carried over from an earlier run; merge removes it.
CARRIED_KEY = "_carried"


class OutputError(OSError):
    """Writing an output failed (disk full, folder not writable): the run fails, not the input."""


class DocumentTimeout(BaseException):
    """Raised by the SIGALRM handler; a ``BaseException`` so no ``except Exception`` in a step eats it."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in the block after ``seconds`` (``signal.setitimer``, SIGALRM).

    Only in a process's main thread (where batch workers run) and where SIGALRM exists; elsewhere
    (a thread, Windows) there is no limit. The signal is handled between Python bytecodes, so a
    long call inside C code (a regex, lxml) ends first.
    """
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_input(item: InputFile, config: PipelineConfig) -> bytes:
    """Read a file's bytes, refusing ones over the size cap before reading them."""
    cap = config.decode.max_input_bytes
    try:
        # the listing's size for a remote input (no request per file); discovery only lets
        # through links that may be followed
        size = item.size if item.size is not None else input_size(item.path)
        if cap is not None and size > cap:
            raise RejectError("too_large", f"{size} bytes is over max_input_bytes={cap}")
        with open_input(item.path) as fh:
            return fh.read() if cap is None else fh.read(cap + 1)
    except PermissionError as exc:
        raise RejectError("unreadable", f"permission denied: {exc.strerror}") from exc
    except FileNotFoundError as exc:
        raise RejectError("vanished", "the file disappeared before it was read") from exc
    except IsADirectoryError as exc:
        raise RejectError("not_a_file", "became a folder before it was read") from exc
    except OSError as exc:
        raise RejectError("unreadable", f"{type(exc).__name__}: {exc.strerror or exc}") from exc


def clean_one(item: InputFile, raw: bytes, config: PipelineConfig, config_sha256: str) -> tuple[dict, list[Removal]]:
    """Clean one input's bytes into (record, removed lines); raises ``RejectError`` for a reject."""
    cap = config.decode.max_input_bytes
    if cap is not None and len(raw) > cap:
        raise RejectError("too_large", f"grew past max_input_bytes={cap} while being read")
    payload = maybe_gunzip(raw, cap) if item.compressed else raw
    result = clean_bytes(payload, item.doc_id, item.source, item.kind, config)
    record = to_record(result, raw, config_sha256)
    return with_paragraph_lines(record, result.document, config), result.document.removals


def with_paragraph_lines(record: dict, doc: Document, config: PipelineConfig) -> dict:
    """The record with its paragraphs' input lines under ``PARAGRAPHS_KEY`` (a private key the merge
    takes out) when the corpus-wide paragraph step is on: its removal log needs them."""
    if config.corpus_lines.enabled:
        record[PARAGRAPHS_KEY] = paragraph_lines(doc)
    return record


def document_paths(out_dir: Path, doc_id: str) -> tuple[Path, Path]:
    """``docs/ID.txt`` (the clean text) and ``docs/ID.removed.jsonl`` (every removed line)."""
    base = out_dir / "docs" / doc_relpath(doc_id)
    return base.with_name(base.name + ".txt"), base.with_name(base.name + ".removed.jsonl")


def write_document_files(out_dir: Path, record: dict[str, Any], log: str) -> None:
    """Write ``docs/ID.txt`` and ``docs/ID.removed.jsonl`` (``log``, the ``removal_log`` of the
    document's removals); a failure is an ``OutputError``."""
    text_path, removed_path = document_paths(out_dir, record["id"])
    try:
        atomic_write_text(text_path, record["text"] + "\n", durable=False)
        atomic_write_text(removed_path, log, durable=False)
    except OSError as exc:
        raise OutputError(exc.errno, f"cannot write {text_path.parent}: {exc.strerror or exc}") from exc


class DocumentFiles:
    """A batch's per-document files, written a few dozen documents at a time.

    Creating a file is kernel work. Timed apart, a document's two files cost 1.5–2.2 ms written
    right after its cleaning and 1.1–1.4 ms written in runs of 16–64 documents after theirs (500
    throughput-benchmark documents, one core): the cleaning in between evicts the state the
    kernel's and the interpreter's file paths had cached. Whole batches gained about 2 % (11
    paired runs), within this machine's drift. Most of those milliseconds were ext4 scanning past
    the inodes of files deleted in the minutes before (see ``discard`` in bench/throughput.py):
    on a disk without recent deletions the two files took 0.17–0.21 ms a document. A run is
    bounded by documents and by characters (``max_bytes``, the text and the log together), so a
    batch (or one archive of many records) holds little more than it would anyway. ``flush``
    must run before the batch's shard says the documents are done.
    """

    def __init__(self, out_dir: Path, max_documents: int = 32, max_bytes: int = 8 << 20) -> None:
        self.out_dir, self.max_documents, self.max_bytes = out_dir, max_documents, max_bytes
        self.pending: list[tuple[dict[str, Any], str]] = []
        self.pending_chars = 0

    def add(self, record: dict[str, Any], removals: list[Removal]) -> None:
        log = removal_log(removals)
        self.pending.append((record, log))
        self.pending_chars += len(record["text"]) + len(log)
        if len(self.pending) >= self.max_documents or self.pending_chars >= self.max_bytes:
            self.flush()

    def flush(self) -> None:
        pending, self.pending, self.pending_chars = self.pending, [], 0
        for record, log in pending:
            write_document_files(self.out_dir, record, log)


class ShardRecords:
    """A batch's records and their duplicate-pass entries, encoded as each document is done.

    Each record gets its MinHash signature and paragraph keys (``shard_entry``, ``with_keys``:
    made here, in the batches, in parallel, not in the merge's serial pass) and is kept as its
    JSON line, a string the garbage collector does not track, rather than as dicts holding the
    paragraphs' input lines until the batch ends: a batch holds less and adds nothing to the
    collector's full passes. (Those passes cost a batch 0.25 ms a document against 0.006 ms in a
    plain loop over ``clean_one``, but mostly for langdetect's tables, which ``cleaners.language``
    no longer keeps; what this class saves is below what this machine's noise lets one time.)
    """

    def __init__(self, config: PipelineConfig) -> None:
        self.signer = signer_for(config.dedup)
        self.corpus_lines = config.corpus_lines
        self.encoded: list[tuple[str, str, str]] = []  # (id, record line, entry line)

    def add(self, record: dict[str, Any]) -> None:
        # the text is split into words once for both; ``with_keys`` also gives the record its
        # paragraph keys, so it runs before the record is encoded
        words = paragraph_words(record["text"])
        entry = {**shard_entry(record, self.signer, chain.from_iterable(words)),
                 **with_keys(record, self.corpus_lines, words)}
        self.encoded.append((record["id"], json_line(record), json_line(entry)))

    def write(self, shard_dir: Path, shard_name: str) -> None:
        """The ``dedup`` shard, then (once the batch's document files are on disk) the records' shard, sorted by id."""
        self.encoded.sort(key=lambda item: item[0])
        atomic_write_lines(shard_dir / f"{shard_name}.dedup.jsonl", (entry for _, _, entry in self.encoded))
        flush_to_disk()  # the batch's document files are on disk before its shard says they are done
        atomic_write_lines(shard_dir / f"{shard_name}.records.jsonl", (record for _, record, _ in self.encoded))


def _timeout_detail(config: PipelineConfig) -> str:
    return f"still cleaning after max_seconds_per_document={config.limits.max_seconds_per_document}"


def carried_over(item: InputFile, raw_sha256: str, out_dir: Path) -> dict | None:
    """The earlier run's record or reject for this input, if its bytes are unchanged."""
    previous: Previous | None = item.previous
    if previous is None or previous.raw_sha256 != raw_sha256:
        return None
    if previous.reject is not None:
        reason, detail = previous.reject
        return {"source": item.source, "reason": reason, "detail": detail, "raw_sha256": raw_sha256}
    record = read_previous_record(out_dir, previous)
    if record is None or record.get("id") != item.doc_id or record.get("raw_sha256") != raw_sha256:
        return None
    if not all(path.is_file() for path in document_paths(out_dir, item.doc_id)):
        return None
    if carried_had_removals(record, document_paths(out_dir, item.doc_id)[1]):
        return None
    return record


def clean_batch(items: list[InputFile], out_dir: Path, shard_name: str, config: PipelineConfig) -> BatchSummary:
    """Clean a batch and write its shard (records sorted by id, then rejects)."""
    summary = BatchSummary(shard=shard_name)
    config_sha256 = config.sha256()
    records, rejects = ShardRecords(config), []
    counters = {name: Counter() for name in ("rejected", "removed", "languages", "repairs", "extractors")}
    started = time.perf_counter()
    files = DocumentFiles(out_dir)
    for item in items:
        if item.kind in ARCHIVE_KINDS:
            # An archive expands to one record or reject per response record. No carry-over for
            # archives: each run reads them again (their records' sources are "ARCHIVE#NNNNNN",
            # so an earlier run's results never match the archive's own source).
            clean_archive(item, files, config, config_sha256, summary, records, rejects, counters)
            continue
        raw_sha256 = None
        summary.inputs += 1
        try:
            raw = read_input(item, config)
            summary.input_bytes += len(raw)
            raw_sha256 = hashlib.sha256(raw).hexdigest()
            earlier = carried_over(item, raw_sha256, out_dir)
            if earlier is not None and "reason" in earlier and "id" not in earlier:
                raise RejectError(earlier["reason"], earlier["detail"])
            if earlier is not None:
                record = {**earlier, CARRIED_KEY: True}
                summary.unchanged += 1
            else:
                with time_limit(config.limits.max_seconds_per_document):
                    record, removals = clean_one(item, raw, config, config_sha256)
                files.add(record, removals)
                summary.documents += 1
        except RejectError as exc:
            rejects.append({"source": item.source, "reason": exc.reason, "detail": exc.detail,
                            "raw_sha256": raw_sha256})
            counters["rejected"][exc.reason] += 1
            continue
        except DocumentTimeout:
            rejects.append({"source": item.source, "reason": "timeout", "detail": _timeout_detail(config),
                            "raw_sha256": raw_sha256})
            counters["rejected"]["timeout"] += 1
            continue
        except OutputError:
            raise  # the run cannot do its job: no reject, a failed batch (retried on I/O errors)
        except Exception as exc:  # a bug on one input must not stop the run: report it
            rejects.append({"source": item.source, "reason": "internal_error",
                            "detail": f"{type(exc).__name__}: {exc}"[:500], "raw_sha256": None})
            counters["rejected"]["internal_error"] += 1
            continue
        count_record(record, counters)
        records.add(record)
    files.flush()
    summary.clean_seconds = time.perf_counter() - started
    shard_dir = out_dir / ".shards"
    records.write(shard_dir, shard_name)
    atomic_write_jsonl(shard_dir / f"{shard_name}.rejects.jsonl", rejects)
    summary.rejects = len(rejects)
    summary.rejected_by_reason = dict(counters["rejected"])
    summary.removed_by_reason = dict(counters["removed"])
    summary.languages = dict(counters["languages"])
    summary.repairs = dict(counters["repairs"])
    summary.extractors = dict(counters["extractors"])
    return summary


def count_record(record: dict, counters: dict[str, Counter]) -> None:
    """Count a record's removals, language, repairs and (HTML) extractor into the batch's counters."""
    counters["removed"].update(record["removed"])
    counters["languages"][record["language"] or "unknown"] += 1
    counters["repairs"].update(record["repairs"])
    if record.get("extractor"):
        counters["extractors"][record["extractor"]] += 1


def clean_warc_payload(entry: WarcPayload, doc_id: str, source: str, config: PipelineConfig,
                       config_sha256: str) -> tuple[dict, list[Removal]]:
    """Clean one WARC response payload into (record, removal log); ``raw_sha256`` is the payload's.

    The HTTP Content-Type's charset is the decoder's first hint (after a BOM), as browsers take it.
    """
    payload = document_payload(entry, config.decode.max_input_bytes)
    result = clean_bytes(payload, doc_id, source, entry.kind, config, entry.charset)
    result.document.metadata.update(record_metadata(entry))
    record = to_record(result, entry.payload, config_sha256)
    return with_paragraph_lines(record, result.document, config), result.document.removals


def clean_archive(item: InputFile, files: DocumentFiles, config: PipelineConfig, config_sha256: str,
                  summary: BatchSummary, records: ShardRecords, rejects: list[dict],
                  counters: dict[str, Counter]) -> None:
    """Clean every HTML or text response of one WARC archive, or every page of a JSON Lines feed,
    streaming (flows/warc.py, flows/feeds.py).

    Documents get the id ``ARCHIVE_ID#NNNNNN`` and the source ``ARCHIVE_PATH#NNNNNN`` (the
    record's 0-based position in the archive); other records are counted in
    ``summary.warc_records_skipped``; a corrupt record is a ``corrupt_warc_record`` reject
    (``corrupt_feed_record`` in a feed).
    """
    skipped = Counter(summary.warc_records_skipped)

    def reject(source: str, reason: str, detail: str, raw_sha256: str | None) -> None:
        rejects.append({"source": source, "reason": reason, "detail": detail, "raw_sha256": raw_sha256})
        counters["rejected"][reason] += 1

    seen = 0
    try:
        with open_input(item.path) as fh:
            for entry in iter_records(item.kind, fh, config.decode.max_input_bytes):
                seen += 1
                if isinstance(entry, WarcSkip):
                    skipped[entry.reason] += 1
                    continue
                summary.inputs += 1  # a document record (or a corrupt one) is one input
                source = record_id(item.source, entry.index)
                if isinstance(entry, WarcCorrupt):
                    reject(source, CORRUPT_REASONS[item.kind], entry.detail, None)
                    continue
                summary.input_bytes += len(entry.payload)
                raw_sha256 = hashlib.sha256(entry.payload).hexdigest()
                try:
                    with time_limit(config.limits.max_seconds_per_document):
                        record, removals = clean_warc_payload(entry, record_id(item.doc_id, entry.index), source,
                                                              config, config_sha256)
                    files.add(record, removals)
                except RejectError as exc:
                    reject(source, exc.reason, exc.detail, raw_sha256)
                    continue
                except DocumentTimeout:
                    reject(source, "timeout", _timeout_detail(config), raw_sha256)
                    continue
                except OutputError:
                    raise
                except Exception as exc:  # a bug on one record must not stop the run: report it
                    reject(source, "internal_error", f"{type(exc).__name__}: {exc}"[:500], None)
                    continue
                summary.documents += 1
                count_record(record, counters)
                records.add(record)
    except OutputError:
        raise
    except PermissionError as exc:
        summary.inputs += 1  # the archive itself is the one input that failed
        reject(item.source, "unreadable", f"permission denied: {exc.strerror}", None)
    except FileNotFoundError:
        summary.inputs += 1
        reject(item.source, "vanished", "the file disappeared before it was read", None)
    except OSError as exc:
        summary.inputs += 1
        reject(item.source, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}", None)
    else:
        if not seen:
            summary.inputs += 1
            reject(item.source, "empty", "the archive holds no record", None)
    summary.warc_records_skipped = dict(sorted(skipped.items()))


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
