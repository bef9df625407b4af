"""Corpus-wide duplicate marking: exact (same ``text_sha256``) and near (MinHash) duplicates.

Runs once at merge time over all documents in id order, so it sees across batches. Two
streaming passes; never texts, and about 100 bytes a document are held (``find_duplicates``):

1. every document's text is shingled (``shingle_words`` lower-cased words) into a MinHash
   (``num_perm`` values, permutations fixed by ``seed``); documents that share one band of the
   signature (LSH banding, ``lsh_bands``) are candidates, and a pair is joined when the estimated
   Jaccard similarity is at least ``near_duplicate_threshold``; documents with the same
   ``text_sha256`` are joined too;
2. the records are written with ``duplicate_cluster`` (the cluster's representative: its
   earliest id in sorted order; a unique document is its own cluster) and ``duplicate_of`` (the
   representative for the other members, ``""`` for the representative and unique documents)
   (``DedupResult.annotate``). With ``drop`` the other members are left out and returned as
   rejects (``exact_duplicate`` when an earlier document has the very same text, else
   ``near_duplicate``).

In a run the signatures are made by the batches, in parallel (``shard_entry``: a small line per
document in a shard of its own), pass 1 reads those shards and pass 2 is the merge's one write of
``corpus.jsonl``; ``dedup_corpus`` does both passes over an existing ``corpus.jsonl``.

Clusters are connected components, so membership is transitive: A~B and B~C put C in A's
cluster even when A and C are further apart than the threshold.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import tempfile
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

import numpy as np

from cleaners.config import DedupConfig
from flows.storage import atomic_write_jsonl

_WORD = re.compile(r"\w+", re.UNICODE)

EXACT_REASON = "exact_duplicate"
NEAR_REASON = "near_duplicate"
#: MurmurHash3's 32-bit finalizer constants, mixing a shingle hash before its affine permutations.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
#: A stored signature's values: 32-bit little-endian.
_SIGNATURE_DTYPE = np.dtype("<u4")
#: Shingles permuted at once when signing (4,096 × 128 permutations is 2 MB); also signatures
#: spilled at once in the duplicate pass.
_CHUNK = 4096


class Entry(NamedTuple):
    """What pass 1 needs of one document: its id, text hash and MinHash values (None: no words)."""

    id: str
    text_sha256: str
    hashvalues: np.ndarray | None


@dataclass
class DedupResult:
    """What the pass found; ``rejects`` and ``dropped_ids`` are empty unless duplicates are dropped."""

    documents: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    clusters: int = 0  # clusters of two documents or more
    rejects: list[dict[str, Any]] = field(default_factory=list)
    dropped_ids: set[str] = field(default_factory=set)
    drop: bool = False
    # by ordinal (position in id order): the cluster's root, "an exact copy of an earlier text",
    # "the root of a cluster of two or more"; numpy arrays, 10 bytes a document
    roots: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64), repr=False)
    exact: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool), repr=False)
    with_members: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool), repr=False)

    def counts(self) -> dict[str, int]:
        return {"documents_checked": self.documents, "exact_duplicates": self.exact_duplicates,
                "near_duplicates": self.near_duplicates, "duplicate_clusters": self.clusters,
                "dropped": len(self.rejects)}

    def annotate(self, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Pass 2: the records (the same documents as pass 1, in the same order) with their
        cluster fields set, members left out when dropping."""
        representative: dict[int, str] = {}
        seen = 0
        for i, record in enumerate(records):
            seen = i + 1
            root = int(self.roots[i])
            if root == i:
                if self.with_members[i]:
                    representative[i] = record["id"]
                record["duplicate_of"], record["duplicate_cluster"] = "", record["id"]
                yield record
                continue
            rep = representative[root]
            record["duplicate_of"], record["duplicate_cluster"] = rep, rep
            if self.drop:
                self._reject(record, rep, bool(self.exact[i]))
                continue
            yield record
        if seen != len(self.roots):
            raise ValueError(f"dedup: {seen} documents written, {len(self.roots)} checked")

    def _reject(self, record: dict[str, Any], rep: str, exact: bool) -> None:
        what = "the same text as" if exact else "a near-duplicate of"
        self.rejects.append({"source": record["source"], "reason": EXACT_REASON if exact else NEAR_REASON,
                             "detail": f"{what} {rep!r} (kept as its cluster's representative)",
                             "raw_sha256": None})
        self.dropped_ids.add(record["id"])


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the lower-cased text; one shingle of all words for a shorter text."""
    return set(_shingle_stream(text, size))


def _shingle_stream(text: str, size: int) -> Iterator[bytes]:
    """The shingles in text order, repeats included (a MinHash does not count them); UTF-8 is
    encoded once per word since ``" ".join`` of encoded words is the encoding of the joined words."""
    words = [word.encode("utf-8") for word in text_words(text)]
    if len(words) <= size:
        return iter([b" ".join(words)] if words else [])
    return map(b" ".join, zip(*(words[i:] for i in range(size))))


_WORD_CACHE_LIMIT = 1 << 18


class _WordHashes(dict):
    """Word hashes already computed in this process (a corpus's vocabulary repeats from document
    to document), a missing word hashed on lookup, so that a text's words are looked up by one C
    loop (``map(cache.__getitem__, words)``); emptied when it reaches ``_WORD_CACHE_LIMIT`` words
    so that it cannot grow without end. An entry costs about 125 bytes: 2**18 words hold a worker
    to about 32 MB (2**20 let it reach 130 MB on a large vocabulary); the frequent words come
    back first after a clear."""

    def __missing__(self, word: str) -> int:
        return _word_hash(word)


_WORD_HASHES = _WordHashes()
#: Odd 64-bit constants: the shingle polynomial's base and splitmix64's finaliser multipliers.
_BASE = np.uint64(0x9E3779B97F4A7C15)
_MIX = (np.uint64(30), np.uint64(0xBF58476D1CE4E5B9), np.uint64(27), np.uint64(0x94D049BB133111EB), np.uint64(31))


def _word_hash(word: str) -> int:
    """A word's 64-bit hash (BLAKE2b of its UTF-8), the same in every process and run."""
    value = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
    if len(_WORD_HASHES) >= _WORD_CACHE_LIMIT:
        _WORD_HASHES.clear()
    _WORD_HASHES[word] = value
    return value


def _mix64(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit moves about half of the output bits."""
    s1, m1, s2, m2, s3 = _MIX
    values = (values ^ (values >> s1)) * m1
    values = (values ^ (values >> s2)) * m2
    return values ^ (values >> s3)


def text_words(text: str) -> list[str]:
    """The lower-cased words of a text, in order: what its shingles are made of."""
    return _WORD.findall(text.lower())


def _shingle_hashes(words: Iterable[str], size: int) -> np.ndarray:
    """A 32-bit hash of each word ``size``-gram of a text's ``text_words`` (one of all the words
    for a shorter text), repeats included (a MinHash does not count them).

    Each word is hashed once (and once per process for a word seen before); a shingle's hash is a
    polynomial of its words' hashes, computed for all shingles at once with numpy, then mixed.
    One SHA-1 call per shingle, as datasketch hashes, cost 1 ms of a 13 ms document.
    """
    codes = np.fromiter(map(_WORD_HASHES.__getitem__, words), dtype=np.uint64)
    if not len(codes):
        return np.empty(0, dtype=np.uint32)
    width = min(size, len(codes))
    count = len(codes) - width + 1
    hashes = codes[:count].copy()
    for offset in range(1, width):
        hashes = hashes * _BASE + codes[offset:offset + count]  # wraps modulo 2**64
    return (_mix64(hashes ^ np.uint64(width)) >> np.uint64(32)).astype(np.uint32)


def _fmix32(values: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    values = (values ^ (values >> s1)) * m1
    values = (values ^ (values >> s2)) * m2
    return values ^ (values >> s3)


class _Signer:
    """MinHash signatures (hash values) that share one set of permutations, made once from the seed.

    The permutations are datasketch's ``affine32`` ones (odd multipliers and offsets drawn from
    ``RandomState(seed)``, the shingle hash mixed by MurmurHash3's finaliser); the shingle hash is
    ours (``_shingle_hashes``), so the values are not datasketch's: a signature is only ever
    compared with signatures of the same run.
    """

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        generator = np.random.RandomState(config.seed)
        self.a = generator.randint(0, 1 << 31, config.num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        self.b = generator.randint(0, 1 << 32, config.num_perm, dtype=np.uint32)
        self._a_column, self._b_column = self.a[:, None], self.b[:, None]
        # num_perm × _CHUNK values, made on first use and reused by every ``sign`` of this signer
        # (so a signer serves one thread at a time, as a batch's does): a fresh 1 MB array per
        # document cost as much as the arithmetic in it (page faults); each permutation's values
        # in one row, whose minimum is then a contiguous reduction
        self._buffer: np.ndarray | None = None

    @property
    def permutations(self) -> np.ndarray:
        return np.array([self.a, self.b])

    def sign(self, text: str, words: Iterable[str] | None = None) -> np.ndarray | None:
        """The text's MinHash values (``num_perm`` uint32); ``None`` for a text without words.
        ``words``: its ``text_words`` when the caller has them."""
        hashes = _shingle_hashes(text_words(text) if words is None else words, self.config.shingle_words)
        if not len(hashes):
            return None
        # a·h + b wraps modulo 2**32 in uint32: the affine32 permutation of every shingle hash;
        # in chunks, so that a huge document costs at most _CHUNK × num_perm values at a time
        mixed = _fmix32(hashes)
        if self._buffer is None:
            self._buffer = np.empty((len(self.a), _CHUNK), dtype=np.uint32)
        values = None
        for start in range(0, len(mixed), _CHUNK):
            chunk = mixed[start:start + _CHUNK]
            permuted = self._buffer[:, :len(chunk)]
            np.multiply(self._a_column, chunk, out=permuted)
            permuted += self._b_column
            lowest = permuted.min(axis=1)
            values = lowest if values is None else np.minimum(values, lowest)
        return values


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard estimate of two signatures: the share of equal values (``MinHash.jaccard``)."""
    return float(np.count_nonzero(a == b)) / len(a)


def shard_entry(record: dict[str, Any], signer: _Signer | None, words: Iterable[str] | None = None) -> dict[str, Any]:
    """The line a batch writes for one record for pass 1 (``signer`` None: exact duplicates only;
    ``words``: the text's ``text_words`` when the caller has them)."""
    values = signer.sign(record["text"], words) if signer is not None else None
    signature = None if values is None else base64.b64encode(values.astype(_SIGNATURE_DTYPE).tobytes()).decode("ascii")
    return {"id": record["id"], "text_sha256": record["text_sha256"], "minhash": signature}


def entry_from_shard(line: dict[str, Any]) -> Entry:
    signature = line["minhash"]
    values = np.frombuffer(base64.b64decode(signature), dtype=_SIGNATURE_DTYPE) if signature else None
    return Entry(line["id"], line["text_sha256"], values)


def signer_for(config: DedupConfig) -> _Signer | None:
    """The signer of a run, or None when only exact duplicates are looked for."""
    return _Signer(config) if config.near_duplicate_threshold is not None else None


def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """The LSH index's (bands, rows per band) for a similarity threshold: the pair that minimises
    the mean of the false-positive and false-negative areas under the banding's S-curve
    (Leskovec, Rajaraman and Ullman, *Mining of Massive Datasets*, ch. 3; datasketch's choice of
    parameters, computed here by Gauss–Legendre quadrature: 0.8 and 128 give 9 bands of 13)."""
    nodes, weights = np.polynomial.legendre.leggauss(64)

    def area(low: float, high: float, curve) -> float:
        s = (high - low) / 2 * nodes + (high + low) / 2
        return float((high - low) / 2 * np.dot(weights, curve(s)))

    best, choice = float("inf"), (1, 1)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = area(0.0, threshold, lambda s: 1 - (1 - s**rows) ** bands)
            false_negative = area(threshold, 1.0, lambda s: (1 - s**rows) ** bands)
            error = 0.5 * false_positive + 0.5 * false_negative
            if error < best:
                best, choice = error, (bands, rows)
    return choice


def _band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """A 64-bit key per band of each signature (``len × bands``): equal bands give equal keys;
    two different bands share one with odds of 2**-64, and a candidate is checked anyway."""
    values = signatures[:, :bands * rows].reshape(len(signatures), bands, rows).astype(np.uint64)
    keys = np.full(values.shape[:2], np.uint64(rows), dtype=np.uint64)
    for column in range(rows):
        keys = _mix64(keys * _BASE + values[:, :, column])
    return keys


def _first_of_text(digests: bytes, count: int) -> np.ndarray:
    """For each document, the ordinal of the first document with the same ``text_sha256``."""
    first = np.arange(count, dtype=np.int64)
    if count < 2:
        return first
    words = np.frombuffer(digests, dtype=">u8").reshape(count, 4)
    order = np.lexsort(words.T[::-1])  # stable: equal texts stay in ordinal order
    ordered = words[order]
    starts = np.flatnonzero(np.r_[True, (ordered[1:] != ordered[:-1]).any(axis=1)])
    sizes = np.diff(np.r_[starts, count])
    first[order] = np.repeat(order[starts], sizes)
    return first


class _Clusters:
    """Union–find over document ordinals in a compact array; the smaller ordinal (earlier id)
    always becomes the root, so a cluster's root is its representative whatever the join order."""

    def __init__(self, first: np.ndarray) -> None:
        self.parent = array("q", first.tobytes())  # an exact duplicate starts joined to its first copy

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:  # path compression
            parent[i], i = root, parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def roots(self) -> np.ndarray:
        return np.fromiter((self.find(i) for i in range(len(self.parent))), dtype=np.int64, count=len(self.parent))


class _Spill:
    """Signatures kept in a temporary file while the pass runs, read back by row: only the
    members of a colliding band are ever in memory, so the pass holds ~100 bytes a document."""

    def __init__(self, num_perm: int) -> None:
        self.row_bytes = num_perm * _SIGNATURE_DTYPE.itemsize
        self.num_perm = num_perm
        self.file = tempfile.TemporaryFile(prefix="clean-corpus-minhash-")
        self.rows = 0

    def append(self, block: np.ndarray) -> None:
        self.file.write(block.astype(_SIGNATURE_DTYPE).tobytes())
        self.rows += len(block)

    def read(self, rows: np.ndarray) -> np.ndarray:
        self.file.flush()
        fd, size = self.file.fileno(), self.row_bytes
        data = b"".join(os.pread(fd, size, int(row) * size) for row in rows)
        return np.frombuffer(data, dtype=_SIGNATURE_DTYPE).reshape(len(rows), self.num_perm)

    def close(self) -> None:
        self.file.close()


def find_duplicates(entries: Iterable[Entry], config: DedupConfig, drop: bool) -> DedupResult:
    """Pass 1: clusters of the documents, given in id order (an unsorted input is refused).

    Streaming, with a constant ~100 bytes held per document (text hash, band keys, cluster
    array); the signatures wait in a temporary file. Then exact duplicates are found by sorting
    the text hashes, and near-duplicate candidates by sorting each band's keys (the LSH index
    as sorted runs instead of a hash table); candidates are joined when their estimated
    similarity is at least the threshold. Exact duplicates of an earlier document are joined to
    it and take no part in the near-duplicate search.
    """
    threshold = config.near_duplicate_threshold
    bands, rows = lsh_bands(threshold, config.num_perm) if threshold is not None else (0, 0)
    digests = bytearray()
    signed = array("q")  # ordinals of the documents with a signature, in spill-row order
    keys: list[np.ndarray] = []
    pending: list[np.ndarray] = []
    spill = _Spill(config.num_perm)
    last_id = None
    count = 0
    try:
        for count, entry in enumerate(entries, start=1):
            if last_id is not None and entry.id <= last_id:
                raise ValueError(f"corpus.jsonl is not sorted by id at {entry.id!r}")
            last_id = entry.id
            digests += bytes.fromhex(entry.text_sha256)
            if threshold is None or entry.hashvalues is None:
                continue
            signed.append(count - 1)
            pending.append(entry.hashvalues)
            if len(pending) == _CHUNK:
                _flush(pending, spill, keys, bands, rows)
        _flush(pending, spill, keys, bands, rows)
        first = _first_of_text(bytes(digests), count)
        del digests
        clusters = _Clusters(first)
        if threshold is not None and len(signed):
            _join_near(clusters, spill, np.frombuffer(signed, dtype=np.int64), np.concatenate(keys),
                       first, threshold, rows)
    finally:
        spill.close()
    roots = clusters.roots() if count else np.empty(0, dtype=np.int64)
    ordinals = np.arange(count, dtype=np.int64)
    exact = first != ordinals if count else np.zeros(0, dtype=bool)
    members = roots != ordinals
    with_members = np.zeros(count, dtype=bool)
    with_members[roots[members]] = True
    return DedupResult(documents=count, exact_duplicates=int(exact.sum()),
                       near_duplicates=int(members.sum() - exact.sum()), clusters=int(with_members.sum()),
                       drop=drop, roots=roots, exact=exact, with_members=with_members)


def _flush(pending: list[np.ndarray], spill: _Spill, keys: list[np.ndarray], bands: int, rows: int) -> None:
    """Spill a block of signatures and keep their band keys."""
    if pending:
        block = np.stack(pending)
        spill.append(block)
        keys.append(_band_keys(block, bands, rows))
        pending.clear()


def _join_near(clusters: _Clusters, spill: _Spill, signed: np.ndarray, keys: np.ndarray,
               first: np.ndarray, threshold: float, rows: int) -> None:
    """Join every pair of documents that share a band and are similar enough.

    Per band, the documents are sorted by key; a run of equal keys is a set of candidates. A run
    whose members are already one cluster is skipped (a join there would change nothing);
    otherwise its pairs are compared at once and each group of connected members is joined.
    """
    spill_rows = np.flatnonzero(first[signed] == signed)  # exact copies of an earlier text take no part
    keys, ordinals = keys[spill_rows], signed[spill_rows]
    for band in range(keys.shape[1]):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], len(ordered)]
        for start, end in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
            members = order[start:end]
            if len({clusters.find(int(o)) for o in ordinals[members]}) == 1:
                continue
            signatures = spill.read(spill_rows[members])
            _join_run(clusters, ordinals[members], signatures, band * rows, rows, threshold)


def _join_run(clusters: _Clusters, ordinals: np.ndarray, signatures: np.ndarray, offset: int,
              rows: int, threshold: float) -> None:
    """Join the similar pairs of one run of band-sharing candidates (in blocks, so that a huge
    run of near-copies never needs more than ~4 MB of comparisons at once)."""
    count, width = signatures.shape
    similar = np.zeros((count, count), dtype=bool)
    step = max(1, (1 << 22) // (count * width))
    band = signatures[:, offset:offset + rows]
    for start in range(0, count, step):
        block = signatures[start:start + step]
        equal = np.count_nonzero(block[:, None, :] == signatures[None, :, :], axis=2) / width
        same_band = (band[start:start + step, None, :] == band[None, :, :]).all(axis=2)
        similar[start:start + step] = (equal >= threshold) & same_band
    labels = np.arange(count)
    while True:  # connected groups: each member takes the smallest label among its neighbours
        spread = np.where(similar, labels[None, :], count).min(axis=1)
        spread = np.minimum(spread, labels)
        spread = spread[spread]
        if (spread == labels).all():
            break
        labels = spread
    for member in np.flatnonzero(labels != np.arange(count)):
        clusters.union(int(ordinals[labels[member]]), int(ordinals[member]))


def _read(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(mode="r", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _corpus_entries(corpus: Path, signer: _Signer | None) -> Iterator[Entry]:
    for record in _read(corpus):
        yield Entry(record["id"], record["text_sha256"], signer.sign(record["text"]) if signer is not None else None)


def dedup_corpus(out_dir: Path, config: DedupConfig, drop: bool | None = None) -> DedupResult:
    """Mark (and with ``drop``, remove) duplicates in ``out_dir/corpus.jsonl``, sorted by id.

    ``drop`` overrides ``config.drop_duplicates`` when given.
    """
    drop = config.drop_duplicates if drop is None else drop
    corpus = out_dir / "corpus.jsonl"
    if not corpus.is_file():
        return DedupResult()
    result = find_duplicates(_corpus_entries(corpus, signer_for(config)), config, drop)
    atomic_write_jsonl(corpus, result.annotate(_read(corpus)))
    return result
