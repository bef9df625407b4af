"""Corpus-wide repeated paragraphs: counted across batches, removed as the corpus is written.

The per-document half is cleaners/corpus_lines.py. Here, the corpus half, in three parts that
never hold texts of more than one document:

1. each batch writes the sorted keys of its records' paragraphs into its ``dedup`` shard and
   each record's keys in paragraph order under a private record key (``with_keys``,
   ``KEYS_KEY``: the merge hashes nothing), and, for the documents it cleaned, each paragraph's
   input line numbers and lines under another (``PARAGRAPHS_KEY``), so that the removal log can
   name the input lines a removed paragraph came from; private keys never reach the corpus;
2. after the duplicate pass, ``find_repeated`` streams the keys again with each document's
   duplicate cluster, spills (key, cluster) pairs into hash buckets on disk, and counts each
   bucket on its own: a key held by ``min_documents`` clusters or more is repeated. Memory is a
   bucket's pairs (1/64 of them) plus the repeated keys (8 bytes each);
3. ``RepeatedParagraphs.apply`` rewrites the records on their way into ``corpus.jsonl``: text,
   ``word_count``, ``text_sha256`` and ``removed``, the document's ``docs/`` text and removal
   log (reason ``repeated_across_documents``, step ``corpus_lines``).

A record carried over from an earlier run has no paragraph lines (it was not cleaned); if it
loses paragraphs, its input is read and decoded again (as the review page does) and its kept
lines rebuilt from its removal log. A record that lost paragraphs, by its record or its removal
log, is cleaned again by the next run rather than carried (``carried_had_removals``), so a rerun
never sees a text that an earlier corpus removed lines from.

Duplicates are found on the texts before this step; documents it leaves with the same text
stay as they are.
"""

from __future__ import annotations

import base64
import hashlib
import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import numpy as np

from cleaners import corpus_lines
from cleaners.config import CorpusLinesConfig, PipelineConfig
from cleaners.document import Document, Removal
from cleaners.text import assemble_text, paragraph_spans, word_count
from flows.dedup import Entry, find_duplicates, signer_for
from flows.locations import Remote
from flows.storage import atomic_write_text, removal_log

#: Private record key (batch shards only): each paragraph's [first input line number, [input lines]].
PARAGRAPHS_KEY = "_paragraph_lines"
#: Private record key (batch shards only): the key of each paragraph in order (``key_array``, base64).
KEYS_KEY = "_paragraph_keys"
_KEY_DTYPE = np.dtype("<u8")
#: Buckets the (key, cluster) pairs are spilled into (by the key's top bits): the count holds one.
_BUCKET_BITS = 6
#: Pairs buffered before they are split into the buckets and written out (16 bytes each).
_BUFFER_PAIRS = 1 << 18


def paragraph_lines(doc: Document) -> list[list[Any]]:
    """Each paragraph of the document's clean text as [first input line number, its input lines]."""
    return [[span[0] + 1, [doc.lines[i] for i in span]] for span in paragraph_spans(doc)]


def key_array(text: str, config: CorpusLinesConfig, words: list[list[str]] | None = None) -> np.ndarray:
    """The key of each paragraph of a clean text, in order, 0 for a paragraph without one
    (``words``: the text's ``paragraph_words`` when the caller has them)."""
    return np.array([key or 0 for key in corpus_lines.text_keys(text, config.min_words, words)], dtype=_KEY_DTYPE)


def _encoded(keys: np.ndarray) -> str:
    return base64.b64encode(keys.astype(_KEY_DTYPE).tobytes()).decode("ascii")


def shard_keys(text: str, config: CorpusLinesConfig, keys: np.ndarray | None = None) -> str | None:
    """The ``lines`` value of a ``dedup`` shard entry: the text's distinct paragraph keys, sorted,
    as base64 of little-endian uint64 (None when the step is off). ``keys``: its ``key_array``."""
    if not config.enabled:
        return None
    keys = key_array(text, config) if keys is None else keys
    return _encoded(np.unique(keys[keys != 0]))


def with_keys(record: dict[str, Any], config: CorpusLinesConfig,
              words: list[list[str]] | None = None) -> dict[str, Any]:
    """The batch's ``dedup`` shard entry fields for a record (``lines``), the record given its
    paragraph keys in order under ``KEYS_KEY`` (private, taken out by the merge), so that the
    merge, one process for the whole corpus, never hashes a paragraph. ``words``: the text's
    ``paragraph_words`` when the caller has them."""
    if not config.enabled:
        return {"lines": None}
    keys = key_array(record["text"], config, words)
    record[KEYS_KEY] = _encoded(keys)
    return {"lines": shard_keys(record["text"], config, keys)}


def keys_from_shard(value: str | None) -> np.ndarray:
    return np.frombuffer(base64.b64decode(value), dtype=_KEY_DTYPE) if value else np.empty(0, dtype=_KEY_DTYPE)


def find_repeated(keys_by_document: Iterable[np.ndarray], roots: np.ndarray, config: CorpusLinesConfig) -> np.ndarray:
    """The sorted keys that ``min_documents`` or more duplicate clusters hold.

    ``keys_by_document`` gives each document's keys in the order of the duplicate pass, whose
    ``roots`` (``DedupResult.roots``) name each document's cluster.
    """
    if not config.enabled:
        return np.empty(0, dtype=_KEY_DTYPE)
    with tempfile.TemporaryDirectory(prefix="clean-corpus-lines-") as folder:
        buckets = _Buckets(Path(folder))
        for ordinal, keys in enumerate(keys_by_document):
            if len(keys):
                buckets.add(keys, int(roots[ordinal]))
        return np.concatenate([_repeated_in(pairs, config.min_documents) for pairs in buckets.read()]
                              or [np.empty(0, dtype=_KEY_DTYPE)])


def _repeated_in(pairs: np.ndarray, min_documents: int) -> np.ndarray:
    """The keys of one bucket's (key, cluster) pairs held by ``min_documents`` distinct clusters."""
    if not len(pairs):
        return np.empty(0, dtype=_KEY_DTYPE)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    pairs = pairs[order]
    distinct = np.ones(len(pairs), dtype=bool)
    distinct[1:] = (pairs[1:] != pairs[:-1]).any(axis=1)
    keys, counts = np.unique(pairs[distinct, 0], return_counts=True)
    return keys[counts >= min_documents].astype(_KEY_DTYPE)


class _Buckets:
    """(key, cluster) pairs spilled to one file per bucket of keys, read back a bucket at a time."""

    def __init__(self, folder: Path) -> None:
        self.paths = [folder / f"{i:02d}.bin" for i in range(1 << _BUCKET_BITS)]
        self.keys: list[np.ndarray] = []
        self.clusters: list[np.ndarray] = []
        self.pending = 0

    def add(self, keys: np.ndarray, cluster: int) -> None:
        """Buffer one document's keys; every ``_BUFFER_PAIRS`` pairs are split into the buckets
        at once (a split per document cost more than the rest of the pass)."""
        self.keys.append(keys)
        self.clusters.append(np.full(len(keys), cluster, dtype=_KEY_DTYPE))
        self.pending += len(keys)
        if self.pending >= _BUFFER_PAIRS:
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        pairs = np.column_stack([np.concatenate(self.keys), np.concatenate(self.clusters)])
        which = (pairs[:, 0] >> np.uint64(64 - _BUCKET_BITS)).astype(np.int64)
        order = np.argsort(which, kind="stable")
        bounds = np.searchsorted(which[order], np.arange(len(self.paths) + 1))
        for bucket, path in enumerate(self.paths):
            if bounds[bucket] < bounds[bucket + 1]:
                with open(path, "ab") as fh:
                    fh.write(pairs[order[bounds[bucket]:bounds[bucket + 1]]].tobytes())
        self.keys, self.clusters, self.pending = [], [], 0

    def read(self) -> Iterator[np.ndarray]:
        self._flush()
        for path in self.paths:
            yield np.fromfile(path, dtype=_KEY_DTYPE).reshape(-1, 2) if path.exists() \
                else np.empty((0, 2), dtype=_KEY_DTYPE)


def flags_in(repeated: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """For each paragraph key (``key_array``: 0 for none), whether it is one of the sorted
    ``repeated`` keys."""
    if not len(repeated) or not len(keys):
        return np.zeros(len(keys), dtype=bool)
    where = np.searchsorted(repeated, keys).clip(max=len(repeated) - 1)
    return (repeated[where] == keys) & (keys != 0)


def without_repeated(texts: dict[str, str], config: PipelineConfig) -> dict[str, str]:
    """The step over a small collection held in memory (the model trainer's validation): the
    texts, by id, with the paragraphs a run over them would remove taken out."""
    ids = sorted(texts)
    signer = signer_for(config.dedup)
    entries = [Entry(i, hashlib.sha256(texts[i].encode("utf-8")).hexdigest(),
                     signer.sign(texts[i]) if signer is not None else None) for i in ids]
    roots = find_duplicates(entries, config.dedup, drop=False).roots
    keys = {i: key_array(texts[i], config.corpus_lines) for i in ids}
    repeated = find_repeated((np.unique(keys[i][keys[i] != 0]) for i in ids), roots, config.corpus_lines)
    out = {}
    for i in ids:
        flags = flags_in(repeated, keys[i])
        chosen = corpus_lines.repeated_paragraphs(texts[i], flags.tolist(), config.corpus_lines)
        out[i] = corpus_lines.without_paragraphs(texts[i], chosen)
    return out


@dataclass
class RepeatedParagraphs:
    """Pass 2: removes the repeated paragraphs from the records on their way into the corpus.

    ``document_files(doc_id)`` gives a document's ``docs/`` text and removal-log paths;
    ``reread(record)`` gives a carried-over record's decoded input lines (None if they cannot be
    had again: the record then keeps its text).
    """

    repeated: np.ndarray
    config: CorpusLinesConfig
    document_files: Callable[[str], tuple[Path | Remote, Path | Remote]]
    reread: Callable[[dict[str, Any]], list[str] | None]
    documents_changed: int = 0
    paragraphs_removed: int = 0
    kept_by_share: int = 0  # documents that would have lost more than max_removed_share
    not_reread: int = 0  # carried-over documents whose input could not be decoded again
    removed_by_reason: Counter = field(default_factory=Counter)

    def counts(self) -> dict[str, int]:
        return {"repeated_paragraph_keys": int(len(self.repeated)), "documents_changed": self.documents_changed,
                "paragraphs_removed": self.paragraphs_removed, "lines_removed": sum(self.removed_by_reason.values()),
                "documents_kept_whole": self.kept_by_share, "documents_not_reread": self.not_reread}

    def apply(self, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for record in records:
            lines = record.pop(PARAGRAPHS_KEY, None)
            keys = record.pop(KEYS_KEY, None)
            if len(self.repeated):
                self._remove(record, lines, keys)
            yield record

    def _remove(self, record: dict[str, Any], lines: list[list[Any]] | None, keys: str | None) -> None:
        known = keys_from_shard(keys) if keys is not None else key_array(record["text"], self.config)
        flags = flags_in(self.repeated, known)
        if not flags.any():
            return
        chosen = corpus_lines.repeated_paragraphs(record["text"], flags.tolist(), self.config)
        if not chosen:
            self.kept_by_share += 1
            return
        if lines is None:
            lines = self._lines_again(record)
            if lines is None:
                self.not_reread += 1
                return
        removals = [Removal(first + number, line, corpus_lines.REASON, corpus_lines.STEP)
                    for index in chosen for first, texts in [lines[index]] for number, line in enumerate(texts)]
        text = corpus_lines.without_paragraphs(record["text"], chosen)
        record["text"], record["word_count"] = text, word_count(text)
        record["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        removed = Counter(record["removed"])
        removed[corpus_lines.REASON] += len(removals)
        record["removed"] = dict(sorted(removed.items()))
        self._rewrite_files(record, removals)
        self.documents_changed += 1
        self.paragraphs_removed += len(chosen)
        self.removed_by_reason[corpus_lines.REASON] += len(removals)

    def _lines_again(self, record: dict[str, Any]) -> list[list[Any]] | None:
        """A carried-over record's paragraph lines: its decoded input with the lines its removal log
        names taken out, grouped as the text was; None unless that rebuilds the very text."""
        decoded = self.reread(record)
        if decoded is None:
            return None
        doc = Document.from_text(record["id"], record["source"], "\n".join(decoded))
        for entry in _read_log(self.document_files(record["id"])[1]):
            if 1 <= entry["line_no"] <= len(doc.kept):
                doc.kept[entry["line_no"] - 1] = False
        return paragraph_lines(doc) if assemble_text(doc) == record["text"] else None

    def _rewrite_files(self, record: dict[str, Any], removals: list[Removal]) -> None:
        # the log first: a run killed in between leaves a log naming this step, and a document
        # whose log does is cleaned again by the next run rather than carried (``carried_had_removals``)
        text_path, log_path = self.document_files(record["id"])
        earlier = log_path.read_text(encoding="utf-8") if log_path.exists() else ""
        atomic_write_text(log_path, earlier + removal_log(removals), durable=False)
        atomic_write_text(text_path, record["text"] + "\n", durable=False)


def _read_log(path: Path | Remote) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def carried_had_removals(record: dict[str, Any], log_path: Path | Remote) -> bool:
    """Whether an earlier run's record lost paragraphs to this step, by its record or by its
    removal log (a run killed during its merge may have rewritten the log and not the corpus):
    then it is cleaned again rather than carried, as its text depends on the earlier corpus."""
    if corpus_lines.REASON in record.get("removed", {}):
        return True
    try:
        return f'"step":"{corpus_lines.STEP}"' in log_path.read_text(encoding="utf-8")
    except OSError:
        return True

