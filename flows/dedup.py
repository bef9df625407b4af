"""Corpus-wide duplicate marking: exact (same ``text_sha256``) and near (MinHash) duplicates.

Runs once at merge time over the sorted ``corpus.jsonl``, so it sees across batches. Two
streaming passes; only hashes, MinHash signatures and a union-find array are held, never texts:

1. every record's text is shingled (``shingle_words`` lower-cased words) into a MinHash
   (datasketch, fixed ``seed``); an LSH index proposes earlier documents as candidates, a pair
   is joined when the estimated Jaccard similarity is at least ``near_duplicate_threshold``;
   records with the same ``text_sha256`` are joined too;
2. the corpus is rewritten with ``duplicate_cluster`` (the cluster's representative: its
   earliest id in sorted order; a unique document is its own cluster) and ``duplicate_of`` (the
   representative for the other members, ``""`` for the representative and unique documents).
   With ``drop`` the other members are left out and returned as rejects (``exact_duplicate``
   when an earlier document has the very same text, else ``near_duplicate``).

Clusters are connected components, so membership is transitive: A~B and B~C put C in A's
cluster even when A and C are further apart than the threshold.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import numpy as np
from datasketch import MinHash, MinHashLSH

from cleaners.config import DedupConfig
from flows.storage import atomic_write_jsonl

_WORD = re.compile(r"\w+", re.UNICODE)

EXACT_REASON = "exact_duplicate"
NEAR_REASON = "near_duplicate"
#: datasketch's permutation scheme, named so that a library default change cannot move clusters.
SCHEME = "affine32"


@dataclass
class DedupResult:
    """What the pass found; ``rejects`` and ``dropped_ids`` are empty unless duplicates are dropped."""

    documents: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    clusters: int = 0  # clusters of two documents or more
    rejects: list[dict[str, Any]] = field(default_factory=list)
    dropped_ids: set[str] = field(default_factory=set)

    def counts(self) -> dict[str, int]:
        return {"documents_checked": self.documents, "exact_duplicates": self.exact_duplicates,
                "near_duplicates": self.near_duplicates, "duplicate_clusters": self.clusters,
                "dropped": len(self.rejects)}


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the lower-cased text; one shingle of all words for a shorter text."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class _Signer:
    """MinHash signatures that share one set of permutations (made once from the seed)."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self.permutations = MinHash(num_perm=config.num_perm, seed=config.seed, scheme=SCHEME).permutations

    def sign(self, text: str) -> MinHash | None:
        grams = shingles(text, self.config.shingle_words)
        if not grams:
            return None
        minhash = MinHash(num_perm=self.config.num_perm, seed=self.config.seed, permutations=self.permutations,
                          scheme=SCHEME)
        minhash.update_batch(sorted(grams))
        return minhash


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


def _read(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def dedup_corpus(out_dir: Path, config: DedupConfig, drop: bool | None = None) -> DedupResult:
    """Mark (and with ``drop``, remove) duplicates in ``out_dir/corpus.jsonl``, sorted by id.

    ``drop`` overrides ``config.drop_duplicates`` when given.
    """
    drop = config.drop_duplicates if drop is None else drop
    corpus = out_dir / "corpus.jsonl"
    result = DedupResult()
    if not corpus.is_file():
        return result
    signer = _Signer(config)
    threshold = config.near_duplicate_threshold
    lsh = MinHashLSH(threshold=threshold, num_perm=config.num_perm) if threshold is not None else None
    signatures: list[np.ndarray | None] = []
    first_with_text: dict[bytes, int] = {}
    exact: set[int] = set()
    parent: list[int] = []
    last_id = None
    # Pass 1: signatures and clusters, in id order (the corpus is sorted by id).
    for i, record in enumerate(_read(corpus)):
        if last_id is not None and record["id"] <= last_id:
            raise ValueError(f"corpus.jsonl is not sorted by id at {record['id']!r}")
        last_id = record["id"]
        parent.append(i)
        digest = bytes.fromhex(record["text_sha256"])
        earlier = first_with_text.setdefault(digest, i)
        if earlier != i:
            exact.add(i)
            _union(parent, earlier, i)
        if lsh is None:
            continue
        minhash = signer.sign(record["text"])
        signatures.append(minhash.hashvalues if minhash is not None else None)
        if minhash is None or earlier != i:
            continue
        for candidate in sorted(lsh.query(minhash)):
            other = signatures[candidate]
            if other is not None and float(np.count_nonzero(other == minhash.hashvalues)) / len(other) >= threshold:
                _union(parent, candidate, i)
        lsh.insert(i, minhash)
    del lsh, signatures, first_with_text
    count = len(parent)
    roots = [_find(parent, i) for i in range(count)]
    with_members = {root for i, root in enumerate(roots) if root != i}
    result.documents = count
    result.clusters = len(with_members)
    result.exact_duplicates = len(exact)
    result.near_duplicates = sum(1 for i, root in enumerate(roots) if root != i) - len(exact)

    # Pass 2: rewrite the corpus with the cluster fields (dropping members when asked).
    def rewrite() -> Iterator[dict[str, Any]]:
        representative: dict[int, str] = {}
        for i, record in enumerate(_read(corpus)):
            root = roots[i]
            if root == i:
                if i in with_members:
                    representative[i] = record["id"]
                record["duplicate_of"], record["duplicate_cluster"] = "", record["id"]
                yield record
                continue
            rep = representative[root]
            record["duplicate_of"], record["duplicate_cluster"] = rep, rep
            if drop:
                reason = EXACT_REASON if i in exact else NEAR_REASON
                what = "the same text as" if i in exact else "a near-duplicate of"
                result.rejects.append({"source": record["source"], "reason": reason,
                                       "detail": f"{what} {rep!r} (kept as its cluster's representative)",
                                       "raw_sha256": None})
                result.dropped_ids.add(record["id"])
                continue
            yield record

    atomic_write_jsonl(corpus, rewrite())
    return result
