"""Corpus-wide duplicates (flows/dedup.py): near-duplicates made from real sample text with small
edits, an exact copy, the unique samples left alone, across batches, and dropping them."""

from __future__ import annotations

import json
import shutil

import pytest

import sample_run
from cleaners.config import DedupConfig
from flows.clean import main
from flows.dedup import _Signer, dedup_corpus, shingles, similarity

S000, S001, S002, S003, S004 = (p.stem for p in sorted(sample_run.RAW.glob("*.txt")))
NEAR_003, NEAR_000, COPY_001 = "zz_near_003", "zz_near_000", "zz_copy_001"
NO_EXACT_FILTER = "[filters]\ndrop_exact_duplicates = false\n"


def _edit(text: str, *swaps: tuple[str, str]) -> str:
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The five samples, two near-duplicates (a few words changed, a paragraph gone) and a copy
    of another sample with one more boilerplate line (other bytes, same clean text)."""
    folder = tmp_path_factory.mktemp("dedup") / "raw"
    folder.mkdir()
    for path in sorted(sample_run.RAW.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    s003 = (sample_run.RAW / f"{S003}.txt").read_text(encoding="utf-8")
    dropped = next(line for line in s003.splitlines() if line.startswith("Suning has also"))
    (folder / f"{NEAR_003}.txt").write_text(_edit(
        s003, ("reached nearly 20 million", "reached almost 20 million"), ("In fact, rural", "Indeed, rural"),
        (dropped + "\n", "")), encoding="utf-8")
    s000 = (sample_run.RAW / f"{S000}.txt").read_text(encoding="utf-8")
    (folder / f"{NEAR_000}.txt").write_text(_edit(
        s000, ("important role", "major role"), ("explosive expansion", "rapid expansion")), encoding="utf-8")
    s001 = (sample_run.RAW / f"{S001}.txt").read_bytes()
    (folder / f"{COPY_001}.txt").write_bytes(s001 + b"\nShare this article\n")
    return folder


def _records(out):
    return {r["id"]: r for r in map(json.loads, (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines())}


def _rejects(out):
    return {r["source"]: r["reason"] for r in map(json.loads, (out / "rejects.jsonl").read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="module")
def marked(inputs, tmp_path_factory):
    """One run in batches of two (near-duplicates and originals in different batches)."""
    out = tmp_path_factory.mktemp("marked") / "clean"
    report = sample_run.run(inputs, out, NO_EXACT_FILTER, batch_size=2)
    return out, report


def test_near_and_exact_duplicates_are_marked_across_batches(marked):
    out, report = marked
    records = _records(out)
    assert len(records) == 8
    assert records[COPY_001]["text"] == records[S001]["text"]  # really an exact duplicate after cleaning
    assert (records[NEAR_003]["duplicate_of"], records[NEAR_003]["duplicate_cluster"]) == (S003, S003)
    assert (records[NEAR_000]["duplicate_of"], records[NEAR_000]["duplicate_cluster"]) == (S000, S000)
    assert (records[COPY_001]["duplicate_of"], records[COPY_001]["duplicate_cluster"]) == (S001, S001)
    for rep in (S000, S001, S003):  # the representative: earliest id, its own cluster, duplicate of nothing
        assert (records[rep]["duplicate_of"], records[rep]["duplicate_cluster"]) == ("", rep)
    for unique in (S002, S004):  # same topic (rural e-commerce), different articles: untouched
        assert (records[unique]["duplicate_of"], records[unique]["duplicate_cluster"]) == ("", unique)
    assert report["duplicates"] == {"documents_checked": 8, "exact_duplicates": 1, "near_duplicates": 2,
                                    "duplicate_clusters": 3, "dropped": 0}
    assert _rejects(out) == {}


def test_batching_does_not_change_the_result(marked, inputs, tmp_path):
    out, _report = marked
    one_batch = tmp_path / "one-batch"
    sample_run.run(inputs, one_batch, NO_EXACT_FILTER, batch_size=500)
    assert (one_batch / "corpus.jsonl").read_bytes() == (out / "corpus.jsonl").read_bytes()


def test_drop_duplicates_moves_them_to_the_rejects(inputs, tmp_path):
    out = tmp_path / "clean"
    report = sample_run.run(inputs, out, NO_EXACT_FILTER, batch_size=2, drop_duplicates=True)
    records = _records(out)
    assert sorted(records) == [S000, S001, S002, S003, S004]
    assert all(r["duplicate_of"] == "" for r in records.values())
    assert [records[i]["duplicate_cluster"] for i in sorted(records)] == sorted(records)
    assert _rejects(out) == {f"{NEAR_003}.txt": "near_duplicate", f"{NEAR_000}.txt": "near_duplicate",
                             f"{COPY_001}.txt": "exact_duplicate"}
    assert report["documents"] == 5 and report["rejects_by_reason"] == {"exact_duplicate": 1, "near_duplicate": 2}
    assert report["duplicates"]["dropped"] == 3
    assert not (out / "docs" / f"{NEAR_003}.txt").exists() and (out / "docs" / f"{S003}.txt").exists()
    detail = next(json.loads(line)["detail"] for line in (out / "rejects.jsonl").read_text().splitlines()
                  if NEAR_003 in line)
    assert S003 in detail


def test_drop_duplicates_from_the_config_and_the_command_line(inputs, tmp_path):
    by_config = tmp_path / "by-config"
    sample_run.run(inputs, by_config, NO_EXACT_FILTER + "[dedup]\ndrop_duplicates = true\n")
    by_cli = tmp_path / "by-cli"
    cfg = sample_run.config_file(tmp_path, NO_EXACT_FILTER)
    code = main([str(inputs), "--out", str(by_cli), "--config", cfg, "--no-prefect", "--workers", "1",
                 "--batch-size", "2", "--drop-duplicates"])
    assert code == 0
    for out in (by_config, by_cli):
        assert sorted(_records(out)) == [S000, S001, S002, S003, S004]
        assert sorted(_rejects(out).values()) == ["exact_duplicate", "near_duplicate", "near_duplicate"]


def test_exact_duplicate_filter_runs_first_when_on(inputs, tmp_path):
    """With ``filters.drop_exact_duplicates`` on, the copy is a ``duplicate_text`` reject before
    the dedup pass; near-duplicates are still marked."""
    out = tmp_path / "clean"
    sample_run.run(inputs, out, "[filters]\ndrop_exact_duplicates = true\n", batch_size=2)
    records = _records(out)
    assert COPY_001 not in records and _rejects(out) == {f"{COPY_001}.txt": "duplicate_text"}
    assert records[NEAR_003]["duplicate_of"] == S003


def test_without_a_threshold_only_exact_duplicates_are_marked(marked, tmp_path):
    out, _report = marked
    shutil.copy(out / "corpus.jsonl", tmp_path / "corpus.jsonl")
    result = dedup_corpus(tmp_path, DedupConfig(near_duplicate_threshold=None))
    records = _records(tmp_path)
    assert records[NEAR_003]["duplicate_of"] == "" and records[NEAR_003]["duplicate_cluster"] == NEAR_003
    assert records[COPY_001]["duplicate_of"] == S001
    assert (result.exact_duplicates, result.near_duplicates) == (1, 0)


def test_minhash_estimates_on_real_text():
    config = DedupConfig()
    signer = _Signer(config)
    s003 = (sample_run.RAW / f"{S003}.txt").read_text(encoding="utf-8")
    edited = _edit(s003, ("reached nearly 20 million", "reached almost 20 million"))
    other = (sample_run.RAW / f"{S004}.txt").read_text(encoding="utf-8")
    a, b, c = signer.sign(s003), signer.sign(edited), signer.sign(other)
    assert similarity(a, b) >= config.near_duplicate_threshold > similarity(a, c)
    exact = len(shingles(s003, 5) & shingles(edited, 5)) / len(shingles(s003, 5) | shingles(edited, 5))
    assert abs(similarity(a, b) - exact) < 0.1
    assert _Signer(config).sign(s003).tolist() == a.tolist()  # fixed seed
    assert signer.sign("...") is None and shingles("one two", 5) == {b"one two"}


def test_an_unsorted_corpus_is_refused(tmp_path):
    rows = [{"id": "b", "text": "x y z", "text_sha256": "0" * 64}, {"id": "a", "text": "x y", "text_sha256": "1" * 64}]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(ValueError, match="not sorted"):
        dedup_corpus(tmp_path, DedupConfig())


def test_band_parameters_are_those_that_minimise_the_banding_errors():
    """lsh_bands picks (bands, rows) as datasketch's MinHashLSH does; these are its own choices."""
    from flows.dedup import lsh_bands

    assert lsh_bands(0.8, 128) == (9, 13)
    assert lsh_bands(0.5, 128) == (25, 5) and lsh_bands(0.9, 128) == (5, 25)
    assert lsh_bands(0.7, 256) == (25, 10) and lsh_bands(0.8, 64) == (5, 11)


def _brute_force_roots(entries, config):
    """Every pair compared: joined when the texts are equal, or when neither is an exact copy of
    an earlier text and they share a whole band and are similar enough."""
    from flows.dedup import lsh_bands

    bands, rows = lsh_bands(config.near_duplicate_threshold, config.num_perm)
    parent = list(range(len(entries)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    first = {}
    for i, entry in enumerate(entries):
        first.setdefault(entry.text_sha256, i)
    for j, b in enumerate(entries):
        for i in range(j):
            a = entries[i]
            joined = a.text_sha256 == b.text_sha256
            if not joined and a.hashvalues is not None and b.hashvalues is not None \
                    and first[a.text_sha256] == i and first[b.text_sha256] == j:
                share = any((a.hashvalues[k * rows:(k + 1) * rows] == b.hashvalues[k * rows:(k + 1) * rows]).all()
                            for k in range(bands))
                joined = share and similarity(a.hashvalues, b.hashvalues) >= config.near_duplicate_threshold
            if joined:
                ra, rb = find(i), find(j)
                parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(len(entries))]


def test_clusters_equal_an_all_pairs_comparison_on_real_text():
    """The sorted-band search finds the same clusters as comparing every pair: sample paragraphs
    cut and edited into families of near-copies, some exact copies, texts without words."""
    import hashlib
    import random

    import numpy as np

    from flows.dedup import Entry, find_duplicates, signer_for

    config = DedupConfig()
    signer = signer_for(config)
    paragraphs = [line for path in sorted(sample_run.RAW.glob("*.txt"))
                  for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) > 12]
    rng = random.Random(7)
    texts = []
    for _ in range(40):
        start = rng.randrange(len(paragraphs) - 8)
        base = paragraphs[start:start + rng.randint(3, 8)]
        for _copy in range(rng.randint(1, 6)):
            edited = list(base)
            for _edit in range(rng.randint(0, 4)):  # a changed word here and there, a paragraph gone
                k = rng.randrange(len(edited))
                words = edited[k].split()
                words[rng.randrange(len(words))] = rng.choice(["often", "rarely", "never", "also"])
                edited[k] = " ".join(words)
            if rng.random() < 0.2:
                edited.pop(rng.randrange(len(edited)))
            texts.append("\n".join(edited))
    texts += texts[:15] + ["", "...", "— —"]
    rng.shuffle(texts)
    entries = [Entry(f"doc{i:04d}", hashlib.sha256(text.encode()).hexdigest(), signer.sign(text))
               for i, text in enumerate(texts)]
    result = find_duplicates(entries, config, drop=False)
    expected = _brute_force_roots(entries, config)
    assert result.roots.tolist() == expected
    assert result.exact_duplicates >= 15 and result.near_duplicates > 20  # the test has something to find
    assert result.clusters == len({r for i, r in enumerate(expected) if r != i})
    assert result.exact.tolist() == [entries[i].text_sha256 in {e.text_sha256 for e in entries[:i]}
                                     for i in range(len(entries))]
    assert np.array_equal(result.with_members, np.isin(np.arange(len(entries)),
                                                       [r for i, r in enumerate(expected) if r != i]))


def test_shard_entries_give_the_same_clusters_as_the_corpus(marked, tmp_path):
    """What batches write for the pass (flows/dedup.shard_entry) clusters like the corpus itself."""
    from flows.dedup import entry_from_shard, find_duplicates, shard_entry, signer_for

    out, _report = marked
    config = DedupConfig()
    records = list(_records(out).values())
    signer = signer_for(config)
    entries = [entry_from_shard(json.loads(json.dumps(shard_entry(r, signer)))) for r in records]
    from_shards = find_duplicates(entries, config, drop=False)
    shutil.copy(out / "corpus.jsonl", tmp_path / "corpus.jsonl")
    from_corpus = dedup_corpus(tmp_path, config)
    assert from_shards.counts() == from_corpus.counts() and from_shards.roots.tolist() == from_corpus.roots.tolist()
    assert list(from_shards.annotate(records)) == [json.loads(line) for line in
                                                   (tmp_path / "corpus.jsonl").read_text().splitlines()]


def test_a_batch_splits_a_text_once_for_its_signature_and_its_paragraph_keys():
    """A batch splits each clean text into words once (``paragraph_words``) for both the MinHash
    and the paragraph keys; the signature and keys are those each makes from the text alone, on
    the samples' raw text, a text without words and Greek and Turkish capitals (whose lower case
    depends on context)."""
    from itertools import chain

    from cleaners.config import CorpusLinesConfig
    from cleaners.corpus_lines import paragraph_words, text_keys
    from flows.corpus_lines import key_array

    signer = _Signer(DedupConfig())
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(sample_run.RAW.glob("*.txt"))]
    texts += ["", "— ... !!", "ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΙΣΥΦΟΣ\n\nΣΑΣ ΤΟΥΣ", "İSTANBUL İzmir\n\nIŞIK ıi"]
    for text in texts:
        words = paragraph_words(text)
        alone, shared = signer.sign(text), signer.sign(text, chain.from_iterable(words))
        assert (alone is None and shared is None) or alone.tolist() == shared.tolist()
        assert text_keys(text, 5, words) == text_keys(text, 5)
        assert key_array(text, CorpusLinesConfig(), words).tolist() == key_array(text, CorpusLinesConfig()).tolist()
    assert signer.sign(texts[0]) is not None and any(text_keys(texts[0], 5))
