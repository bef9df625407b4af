"""Corpus-wide duplicate marking: exact (same ``text_sha256``) and near (MinHash) duplicates.

Runs once at merge time over all documents in id order, so it sees across batches. Two
streaming passes; only hashes, MinHash signatures and a union-find array are held, never texts:

1. every document's text is shingled (``shingle_words`` lower-cased words) into a MinHash
   (datasketch, fixed ``seed``); an LSH index proposes earlier documents as candidates, a pair
   is joined when the estimated Jaccard similarity is at least ``near_duplicate_threshold``;
   documents with the same ``text_sha256`` are joined too (``find_duplicates``);
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
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

import numpy as np

from cleaners.config import DedupConfig
from flows.storage import atomic_write_jsonl

_WORD = re.compile(r"\w+", re.UNICODE)

EXACT_REASON = "exact_duplicate"
NEAR_REASON = "near_duplicate"
#: datasketch's permutation scheme, named so that a library default change cannot move clusters.
SCHEME = "affine32"
#: MurmurHash3's 32-bit finalizer constants (datasketch's ``_fmix`` for ``affine32``).
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
#: 32-bit little-endian values: a shingle's ``sha1_hash32`` and a stored signature's hash values.
_SIGNATURE_DTYPE = np.dtype("<u4")
#: Shingles permuted at once when signing: 4,096 × 128 permutations is 2 MB.
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
    roots: list[int] = field(default_factory=list, repr=False)  # by ordinal (position in id order)
    exact: set[int] = field(default_factory=set, repr=False)
    with_members: set[int] = field(default_factory=set, repr=False)

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
            root = self.roots[i]
            if root == i:
                if i in self.with_members:
                    representative[i] = record["id"]
                record["duplicate_of"], record["duplicate_cluster"] = "", record["id"]
                yield record
                continue
            rep = representative[root]
            record["duplicate_of"], record["duplicate_cluster"] = rep, rep
            if self.drop:
                self._reject(record, rep, i in self.exact)
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
    words = [word.encode("utf-8") for word in _WORD.findall(text.lower())]
    if len(words) <= size:
        return iter([b" ".join(words)] if words else [])
    return map(b" ".join, zip(*(words[i:] for i in range(size))))


def _shingle_hashes(text: str, size: int) -> np.ndarray:
    """datasketch's default ``sha1_hash32`` of each shingle (the first 4 bytes of its SHA-1,
    little-endian), computed in one pass instead of one Python call per shingle."""
    sha1 = hashlib.sha1
    digests = b"".join([sha1(gram).digest()[:4] for gram in _shingle_stream(text, size)])
    return np.frombuffer(digests, dtype=_SIGNATURE_DTYPE).astype(np.uint32)


def _fmix32(values: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    values = (values ^ (values >> s1)) * m1
    values = (values ^ (values >> s2)) * m2
    return values ^ (values >> s3)


class _Signer:
    """MinHash signatures (hash values) that share one set of permutations, made once from the seed.

    The values are datasketch's ``MinHash(scheme="affine32")`` ones (tests/test_dedup.py checks them
    against it), computed here with numpy: importing datasketch imports scipy, 75 MB and 0.7 s in
    every batch worker; only the merge's pass imports it, for its LSH index.
    """

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        # datasketch MinHash._init_permutations for affine32: odd multipliers, any offsets
        generator = np.random.RandomState(config.seed)
        self.a = generator.randint(0, 1 << 31, config.num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        self.b = generator.randint(0, 1 << 32, config.num_perm, dtype=np.uint32)

    @property
    def permutations(self) -> np.ndarray:
        return np.array([self.a, self.b])

    def sign(self, text: str) -> np.ndarray | None:
        """The text's MinHash values (``num_perm`` uint32); ``None`` for a text without words."""
        hashes = _shingle_hashes(text, self.config.shingle_words)
        if not len(hashes):
            return None
        # a·h + b wraps modulo 2**32 in uint32: the affine32 permutation of every shingle hash;
        # in chunks, so that a huge document costs at most _CHUNK × num_perm values at a time
        mixed = _fmix32(hashes)
        return np.minimum.reduce([(np.multiply.outer(mixed[start:start + _CHUNK], self.a) + self.b).min(axis=0)
                                  for start in range(0, len(mixed), _CHUNK)])


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard estimate of two signatures: the share of equal values (``MinHash.jaccard``)."""
    return float(np.count_nonzero(a == b)) / len(a)


def shard_entry(record: dict[str, Any], signer: _Signer | None) -> dict[str, Any]:
    """The line a batch writes for one record for pass 1 (``signer`` None: exact duplicates only)."""
    values = signer.sign(record["text"]) if signer is not None else None
    signature = None if values is None else base64.b64encode(values.astype(_SIGNATURE_DTYPE).tobytes()).decode("ascii")
    return {"id": record["id"], "text_sha256": record["text_sha256"], "minhash": signature}


def entry_from_shard(line: dict[str, Any]) -> Entry:
    signature = line["minhash"]
    values = np.frombuffer(base64.b64decode(signature), dtype=_SIGNATURE_DTYPE) if signature else None
    return Entry(line["id"], line["text_sha256"], values)


def signer_for(config: DedupConfig) -> _Signer | None:
    """The signer of a run, or None when only exact duplicates are looked for."""
    return _Signer(config) if config.near_duplicate_threshold is not None else None


def _find(parent: list[int], i: int) -> int:
    root = i
    while parent[root] != root:
        root = parent[root]
    while parent[i] != root:  # path compression
        parent[i], i = root, parent[i]
    return root


def _union(parent: list[int], a: int, b: int) -> None:
    """Join two clusters; the smaller ordinal (earlier id) stays the root, so it represents it."""
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def find_duplicates(entries: Iterable[Entry], config: DedupConfig, drop: bool) -> DedupResult:
    """Pass 1: clusters of the documents, given in id order (an unsorted input is refused)."""
    from datasketch import MinHash, MinHashLSH  # noqa: PLC0415 (imports scipy: not in batch workers)

    threshold = config.near_duplicate_threshold
    lsh = MinHashLSH(threshold=threshold, num_perm=config.num_perm) if threshold is not None else None
    permutations = _Signer(config).permutations if lsh is not None else None
    signatures: list[np.ndarray | None] = []
    first_with_text: dict[bytes, int] = {}
    exact: set[int] = set()
    parent: list[int] = []
    last_id = None
    for i, entry in enumerate(entries):
        if last_id is not None and entry.id <= last_id:
            raise ValueError(f"corpus.jsonl is not sorted by id at {entry.id!r}")
        last_id = entry.id
        parent.append(i)
        earlier = first_with_text.setdefault(bytes.fromhex(entry.text_sha256), i)
        if earlier != i:
            exact.add(i)
            _union(parent, earlier, i)
        if lsh is None:
            continue
        signatures.append(entry.hashvalues)
        if entry.hashvalues is None or earlier != i:
            continue
        minhash = MinHash(num_perm=config.num_perm, seed=config.seed, hashvalues=entry.hashvalues,
                          permutations=permutations, scheme=SCHEME)
        for candidate in sorted(lsh.query(minhash)):
            other = signatures[candidate]
            if other is not None and similarity(other, entry.hashvalues) >= threshold:
                _union(parent, candidate, i)
        lsh.insert(i, minhash)
    del lsh, signatures, first_with_text
    roots = [_find(parent, i) for i in range(len(parent))]
    members = sum(1 for i, root in enumerate(roots) if root != i)
    with_members = {root for i, root in enumerate(roots) if root != i}
    return DedupResult(documents=len(roots), exact_duplicates=len(exact), near_duplicates=members - len(exact),
                       clusters=len(with_members), drop=drop, roots=roots, exact=exact, with_members=with_members)


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
