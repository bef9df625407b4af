"""Paragraphs repeated across documents (cleaners/corpus_lines.py, flows/corpus_lines.py): the
paragraph keys, the share guard, the bucketed count across duplicate clusters, and whole runs on
plain-text dumps of unrelated articles that end with the same publisher boilerplate."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import textwrap
from collections import defaultdict

import numpy as np
import pytest

import flows.clean
import flows.corpus_lines as corpus_flow
import sample_run
from cleaners.config import CorpusLinesConfig, PipelineConfig
from cleaners.corpus_lines import (
    paragraph_key, paragraphs, repeated_paragraphs, text_keys, without_paragraphs,
)
from flows.clean import main

REASON, STEP = "repeated_across_documents", "corpus_lines"

# ---- realistic inputs -------------------------------------------------------------------------

ABOUT = ("About Greenline Media: Greenline Media is an independent, reader-funded newsroom that "
         "covers climate, cities and the people who shape them, with reporting from more than forty "
         "correspondents across Europe and North America since it was founded in 2011.")
# the same block from another CMS template: other punctuation, no hyphen, no final full stop
ABOUT_VARIANT = ("About Greenline Media. Greenline Media is an independent reader funded newsroom that "
                 "covers climate, cities and the people who shape them - with reporting from more than forty "
                 "correspondents across Europe and North America since it was founded in 2011")
FUNDING = ("This story was produced with support from the Halvorsen Journalism Fund, which had no "
           "role in choosing its subject and did not see the article before it was published.")

BEES = ("Rooftop hives bring honey back to the city centre", "By Maria Kowalski | 14 May 2023", [
    "On a flat roof six floors above the busiest shopping street in the city, Tomas Brandt lifts the "
    "lid of a wooden hive and lets the morning sun fall across a frame heavy with capped honey. "
    "Three years ago the roof held nothing but air conditioning units and pigeons; today it is home "
    "to twelve colonies and roughly half a million bees.",
    "Brandt, a former bank clerk who took up beekeeping after a course at the botanical garden, now "
    "looks after hives on eleven buildings, from a hotel to the municipal library. He says the bees "
    "do better here than they did on the farm where he first kept them, because the parks, street "
    "trees and balcony gardens of the city flower from March until the first frost.",
    "Researchers at the university agricultural faculty have been weighing the hives every week "
    "since 2020. Their data show that an urban colony gathers on average a third more honey than "
    "one kept in the surrounding countryside, where large fields of a single crop bloom for two "
    "weeks and then leave the insects with little to forage for the rest of the summer.",
    "Not everyone is convinced that more hives are good news. Ecologists warn that honey bees "
    "compete with the wild bees and hoverflies that pollinate many native plants, and that a city "
    "can only support so many colonies before the flowers run short. Several councils have already "
    "asked beekeepers to register their hives so that the numbers can be monitored.",
    "Brandt agrees that the answer is not simply more boxes on more roofs. He now spends as much "
    "time planting lavender, thyme and lime trees with tenants' associations as he does with his "
    "bees, and the honey he sells in the lobby of the hotel pays for the seedlings. The jars usually "
    "sell out within a week of the autumn harvest.",
])

MARSH = ("Farmers and ecologists rebuild a drained marsh", "By Jonas Lind | 2 June 2023", [
    "For most of the last century the low meadows along the Vessel River were drained by a network "
    "of ditches and pumps so that cattle could graze and barley could grow. This spring the pumps "
    "fell silent for the first time in ninety years, and water is slowly creeping back across four "
    "hundred hectares of land that used to be one of the largest marshes in the region.",
    "The project brings together eight farming families, the regional water board and a team of "
    "ecologists who spent two years mapping old field drains and testing the peat. Peat that dries "
    "out releases the carbon it has stored for thousands of years, and the drained meadows had sunk "
    "by almost a metre since the pumps were installed, making every flood harder to manage.",
    "Under the agreement the farmers keep their land but are paid to raise the water table and to "
    "switch from barley to crops that tolerate wet feet, such as reed for thatching and cattail for "
    "building insulation. Anna Holm, whose family has farmed the meadows since 1912, says the "
    "payments are fair but admits that it took many evenings around the kitchen table to agree.",
    "The first results have surprised even the scientists. Within weeks of the pumps stopping, "
    "lapwings and redshanks returned to nest on the wet grassland, and a pair of cranes was seen "
    "dancing on the flooded field behind the old pumping station. Amphibian surveys counted three "
    "times as many frogs as in the previous year, and the water leaving the marsh is already cleaner.",
    "The water board hopes the restored marsh will also protect the town downstream. A wet peatland "
    "acts like a sponge, holding rain after a storm and releasing it slowly over the following days, "
    "which could lower flood peaks in the town centre by as much as twenty centimetres, according to "
    "models prepared for the board by engineers at the national hydrological institute.",
])

CHESS = ("Chess club outgrows the library basement", "By Priya Raman | 21 March 2023", [
    "When the Eastside chess club started meeting in the basement of the public library in 2019, "
    "its founders hoped that a dozen people might turn up on Thursday evenings. Four years later "
    "the club has more than two hundred members, a waiting list for its beginners' course and a "
    "junior team that finished second in the national schools championship last month.",
    "The club's coach, a retired mathematics teacher named Samuel Okafor, says the boom began during "
    "the long winters of the pandemic, when children who had watched a television series about a "
    "chess prodigy started asking their parents for lessons. Many of those parents now play too, "
    "and on a busy evening every one of the forty boards in the basement is taken.",
    "Okafor believes the game teaches patience better than any lecture he ever gave. Players learn "
    "to sit with a difficult position, to consider what their opponent wants and to accept a loss "
    "without blaming anyone else. He has noticed that several of his younger students, who once "
    "struggled to concentrate in class, now spend an hour on a single endgame puzzle.",
    "The library has agreed to let the club use the former reading room on the ground floor from "
    "September, which will double the number of tables and make the club accessible to members who "
    "use wheelchairs. Local businesses have donated clocks and boards, and a bakery across the street "
    "has promised free pastries for every player who wins a tournament game.",
])

FERRY = ("The last ferry keeps an island school open", "By Elin Sandberg | 9 July 2023", [
    "Every weekday at seven in the morning a small blue ferry leaves the harbour of Storholm with "
    "nine children, two teachers and a crate of fresh bread on board. The crossing to the mainland "
    "takes twenty minutes, and without it the island's primary school, which shares its teachers "
    "with a larger school on the coast, would have closed its doors several years ago.",
    "The ferry is run by a cooperative of islanders who bought the boat from the county when the "
    "regular service was cut in 2016. Volunteers take turns as deckhands, and the captain, a former "
    "fisherman named Lars Viken, says he has not missed a single school day in seven winters, even "
    "when the sea froze along the edge of the harbour and he had to break the ice with the bow.",
    "The county now wants to replace the old diesel boat with an electric ferry and has offered to "
    "pay most of the cost, but the islanders worry about the timetable. An electric boat would need "
    "to charge for an hour at the mainland pier, and parents fear that the afternoon crossing would "
    "be moved so late that the youngest children could not get home before dark in December.",
    "For now the cooperative is raising money for a larger battery that would allow the new ferry to "
    "make the return trip without a long stop. A concert in the island church in June raised enough "
    "for a quarter of the sum, and a crowdfunding campaign started by former pupils living abroad "
    "has brought in donations from as far away as Canada and Australia.",
])

# a short correction notice: the publisher block would be most of its words
CORRECTION = ("Correction", "By the editors | 3 June 2023", [
    "An earlier version of our report on the Vessel River marsh gave the wrong year for the first "
    "drainage pumps. They were installed in 1933, not 1923. We regret the error."])

MENU = "Home | News | Environment | Cities | Culture | Contact"
SHARE = "Share this article: Facebook | Twitter | Email"


def wrapped_dump(article, *endings: str, menu: str = MENU) -> str:
    """A dump wrapped at 72 columns, blank lines between paragraphs, site furniture around."""
    title, byline, body = article
    lines = [menu, "", title, "", byline, ""]
    for paragraph in [*body, *endings]:
        lines += textwrap.wrap(paragraph, 72) + [""]
    return "\n".join(lines + [SHARE, "Related articles", "Most read", ""])


def flat_dump(article, *endings: str) -> str:
    """A dump with one paragraph a line and no blank lines (as some scrapers print them)."""
    title, byline, body = article
    return "\n".join([title, byline, *body, *endings, SHARE]) + "\n"


def indented_crlf_dump(article, *endings: str) -> bytes:
    """The wrapped dump indented by four spaces with Windows line ends."""
    lines = wrapped_dump(article, *endings).split("\n")
    return "\r\n".join("    " + line if line else line for line in lines).encode("utf-8")


def _write(folder, files: dict[str, str | bytes]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if isinstance(content, str):
            content = content.encode("utf-8")
        (folder / name).write_bytes(content)
    return folder


def _three_articles() -> dict[str, str | bytes]:
    return {"bees.txt": wrapped_dump(BEES, ABOUT), "marsh.txt": flat_dump(MARSH, ABOUT_VARIANT),
            "chess.txt": indented_crlf_dump(CHESS, FUNDING)}


def _run(inp, out, extra_config: str = "", **kwargs) -> dict:
    return sample_run.run(inp, out, extra_config, batch_size=1, **kwargs)  # one document a batch


def _records(out) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines())}


def _log(out, doc_id) -> list[dict]:
    text = (out / "docs" / f"{doc_id}.removed.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def _outputs(out) -> dict[str, bytes]:
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    files.pop("report.json")
    return files


def _input_lines(inp, name) -> list[str]:
    return (inp / name).read_bytes().decode("utf-8").splitlines()


def _expected_removals(inp, name, paragraph) -> list[dict]:
    """The log entries for the input lines that hold ``paragraph`` (wrapped or whole)."""
    pieces = set(textwrap.wrap(paragraph, 72)) | {paragraph}
    return [{"line_no": number, "text": line, "reason": REASON, "step": STEP}
            for number, line in enumerate(_input_lines(inp, name), 1) if line.strip() in pieces]


def _corpus_entries(log) -> list[dict]:
    return [entry for entry in log if entry["reason"] == REASON]


def _has_paragraph(text, paragraph) -> bool:
    key = paragraph_key(paragraph, CorpusLinesConfig().min_words)
    return key in text_keys(text, CorpusLinesConfig().min_words)


def _keys(*values: int) -> np.ndarray:
    return np.array(sorted(values), dtype=np.uint64)


A, B, C = 0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210, 0x8000_0000_0000_0001  # spread over the buckets


# ---- the per-document parts -------------------------------------------------------------------

def test_paragraph_key_ignores_case_punctuation_and_spacing():
    key = paragraph_key("About ACME Corp: ACME builds rockets, satellites and launch pads.", 5)
    assert key is not None
    assert paragraph_key("about acme corp acme builds rockets satellites and launch pads", 5) == key
    assert paragraph_key("  ABOUT  ACME-CORP —  Acme builds\trockets; satellites and launch pads!!", 5) == key
    assert paragraph_key(ABOUT, 5) == paragraph_key(ABOUT_VARIANT, 5)
    assert paragraph_key("About ACME Corp: ACME builds rockets, satellites and landing pads.", 5) != key
    assert paragraph_key("ACME builds rockets, satellites and launch pads. About ACME Corp:", 5) != key


def test_paragraph_key_is_none_under_min_words():
    assert paragraph_key("Read more: the full story", 6) is None  # five words
    assert paragraph_key("Read more: the full story", 5) is not None
    assert paragraph_key("— ... !!", 1) is None
    assert text_keys("One two three four five.\n\nShort heading\n\nSix seven eight nine ten.", 5)[1] is None
    assert text_keys("", 5) == []


def test_repeated_paragraphs_removes_the_flagged_paragraphs():
    config = CorpusLinesConfig()
    parts = [BEES[2][0], "Subscribe to our newsletter for weekly updates from the newsroom.", BEES[2][1], ABOUT]
    text = "\n\n".join(parts)
    flagged = {paragraph_key(parts[1], config.min_words), paragraph_key(ABOUT, config.min_words)}
    chosen = repeated_paragraphs(text, [key in flagged for key in text_keys(text, config.min_words)], config)
    assert chosen == [1, 3]
    assert without_paragraphs(text, chosen) == f"{parts[0]}\n\n{parts[2]}"
    assert repeated_paragraphs(text, [False] * 4, config) == []


def test_repeated_paragraphs_keeps_everything_when_the_flagged_words_are_over_the_share():
    half = "alpha beta gamma delta epsilon zeta"
    other = "one two three four five six"
    text = f"{half}\n\n{other}\n\nseven eight"  # 6 + 6 + 2 words
    flag_first, flag_two = [True, False, False], [True, True, False]
    assert repeated_paragraphs(text, flag_first, CorpusLinesConfig()) == [0]  # 6/14 words
    assert repeated_paragraphs(text, flag_two, CorpusLinesConfig()) == []  # 12/14 words
    assert repeated_paragraphs(text, flag_two, CorpusLinesConfig(max_removed_share=0.9)) == [0, 1]
    exactly_half = f"{half}\n\n{other}"
    assert repeated_paragraphs(exactly_half, [True, False], CorpusLinesConfig()) == [0]  # not more than half
    assert repeated_paragraphs(exactly_half, [True, False], CorpusLinesConfig(max_removed_share=0.4)) == []


def test_shard_keys_are_the_distinct_sorted_keys_and_read_back():
    config = CorpusLinesConfig()
    text = "\n\n".join([ABOUT, "Short line", BEES[2][0], ABOUT_VARIANT])
    keys = corpus_flow.keys_from_shard(corpus_flow.shard_keys(text, config))
    expected = sorted({paragraph_key(ABOUT, 5), paragraph_key(BEES[2][0], 5)})
    assert keys.dtype == np.dtype("<u8") and keys.tolist() == expected
    assert corpus_flow.shard_keys(text, CorpusLinesConfig(enabled=False)) is None
    assert len(corpus_flow.keys_from_shard(None)) == 0
    assert len(corpus_flow.keys_from_shard(corpus_flow.shard_keys("too short", config))) == 0


def test_flags_in_marks_the_repeated_keys_only():
    repeated = np.array(sorted([A, C]), dtype=np.uint64)
    keys = np.array([A, 0, B, C, 0], dtype=np.uint64)  # 0: a paragraph without a key
    assert corpus_flow.flags_in(repeated, keys).tolist() == [True, False, False, True, False]
    assert corpus_flow.flags_in(np.empty(0, dtype=np.uint64), keys[:2]).tolist() == [False, False]
    assert corpus_flow.flags_in(repeated, np.empty(0, dtype=np.uint64)).tolist() == []


def test_without_repeated_takes_the_block_out_of_an_in_memory_collection():
    texts = {"bees": "\n\n".join([*BEES[2], ABOUT]), "marsh": "\n\n".join([*MARSH[2], ABOUT_VARIANT]),
             "chess": "\n\n".join([*CHESS[2], FUNDING])}
    assert corpus_flow.without_repeated(texts, PipelineConfig()) == {
        "bees": "\n\n".join(BEES[2]), "marsh": "\n\n".join(MARSH[2]), "chess": texts["chess"]}
    copy = texts["bees"].replace("busiest shopping street", "busiest street")  # a near-duplicate
    pair = {"bees": texts["bees"], "copy": copy}
    assert corpus_flow.without_repeated(pair, PipelineConfig()) == pair
    same = {"bees": texts["bees"], "again": texts["bees"]}  # an exact duplicate is one cluster too
    assert corpus_flow.without_repeated(same, PipelineConfig()) == same


# ---- the corpus count ---------------------------------------------------------------------------

def test_find_repeated_counts_a_key_in_two_clusters():
    repeated = corpus_flow.find_repeated([_keys(A, B), _keys(A), _keys(C)], np.array([0, 1, 2]), CorpusLinesConfig())
    assert repeated.tolist() == [A]


def test_find_repeated_counts_one_cluster_once():
    roots = np.array([0, 0, 2])  # the first two are near-duplicates
    assert corpus_flow.find_repeated([_keys(A, B), _keys(A, B), _keys(C)], roots, CorpusLinesConfig()).tolist() == []
    roots = np.array([0, 1, 2])
    assert corpus_flow.find_repeated([_keys(A, B), _keys(A, B), _keys(C)], roots,
                                     CorpusLinesConfig()).tolist() == sorted([A, B])


def test_find_repeated_with_min_documents_three_needs_three_clusters():
    documents = [_keys(A, B), _keys(A), _keys(A, B, C), _keys(B, C), np.empty(0, dtype=np.uint64), _keys(C)]
    roots = np.array([0, 0, 2, 3, 4, 5])
    # A: clusters 0 and 2; B: 0, 2, 3; C: 2, 3, 5
    assert corpus_flow.find_repeated(documents, roots, CorpusLinesConfig(min_documents=3)).tolist() == sorted([B, C])
    assert corpus_flow.find_repeated(documents, roots, CorpusLinesConfig(min_documents=4)).tolist() == []
    assert corpus_flow.find_repeated(documents, roots, CorpusLinesConfig()).tolist() == sorted([A, B, C])


def test_find_repeated_is_empty_when_the_step_is_off():
    result = corpus_flow.find_repeated([_keys(A), _keys(A)], np.array([0, 1]), CorpusLinesConfig(enabled=False))
    assert len(result) == 0
    assert len(corpus_flow.find_repeated([], np.empty(0, dtype=np.int64), CorpusLinesConfig())) == 0


def test_find_repeated_matches_a_counter_over_many_documents_and_bucket_flushes(monkeypatch):
    monkeypatch.setattr(corpus_flow, "_BUFFER_PAIRS", 40)
    flushed = []
    flush = corpus_flow._Buckets._flush

    def counting_flush(self):
        flushed.append(self.pending)
        flush(self)

    monkeypatch.setattr(corpus_flow._Buckets, "_flush", counting_flush)
    rng = np.random.default_rng(20230514)
    pool = np.unique(rng.integers(0, np.iinfo(np.uint64).max, size=3000, dtype=np.uint64, endpoint=True))
    count = 5000
    # documents 10k, 10k+1 and 10k+2 are one duplicate cluster (root 10k); the others stand alone
    roots = np.array([i - i % 10 if i % 10 in (1, 2) else i for i in range(count)], dtype=np.int64)
    documents = []
    for i in range(count):
        picks = (rng.pareto(1.1, size=int(rng.integers(0, 12))) * 40).astype(np.int64) % len(pool)
        keys = pool[picks]
        if roots[i] != i or (i + 1 < count and roots[i + 1] == i):  # a cluster's members share a key of their own
            keys = np.append(keys, np.uint64((0x9E37_79B9_7F4A_7C15 * (int(roots[i]) + 1)) % 2**64))
        documents.append(np.unique(keys))  # distinct and sorted, as in a shard
    clusters, holders = defaultdict(set), defaultdict(int)
    for i, keys in enumerate(documents):
        for key in keys.tolist():
            clusters[key].add(int(roots[i]))
            holders[key] += 1
    assert any(holders[k] >= 2 and len(clusters[k]) == 1 for k in clusters)  # only within a cluster
    for min_documents in (2, 3, 7):
        expected = sorted(k for k, found in clusters.items() if len(found) >= min_documents)
        assert 10 < len(expected) < len(clusters)
        result = corpus_flow.find_repeated(iter(documents), roots, CorpusLinesConfig(min_documents=min_documents))
        assert result.dtype == np.dtype("<u8")
        assert result.tolist() == expected  # sorted, as RepeatedParagraphs searches it
    assert sum(1 for pending in flushed if pending >= 40) > 32  # many flushes before the last


# ---- whole runs ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def three_runs(tmp_path_factory):
    """Three unrelated articles, two ending with the same publisher block: a default run, and a
    run through the command line whose config needs the block in three documents."""
    base = tmp_path_factory.mktemp("corpus-lines")
    inp = _write(base / "raw", _three_articles())
    on = base / "on"
    report = _run(inp, on)
    kept = base / "kept"
    config = sample_run.config_file(base, "[corpus_lines]\nmin_documents = 3\n")
    assert main([str(inp), "--out", str(kept), "--config", config, "--no-prefect", "--workers", "1",
                 "--batch-size", "1"]) == 0
    return inp, on, report, kept


def test_the_per_document_steps_keep_the_block_in_both_articles(three_runs):
    inp, _on, _report, kept = three_runs
    records = _records(kept)
    assert sorted(records) == ["bees", "chess", "marsh"]
    assert ABOUT in paragraphs(records["bees"]["text"])  # one paragraph, made of four input lines
    assert ABOUT_VARIANT in paragraphs(records["marsh"]["text"])
    assert FUNDING in paragraphs(records["chess"]["text"])
    assert all(not _corpus_entries(_log(kept, doc_id)) for doc_id in records)
    report = json.loads((kept / "report.json").read_text())
    assert REASON not in report["removed_by_reason"]
    assert report["corpus_lines"]["repeated_paragraph_keys"] == 0 and report["corpus_lines"]["documents_changed"] == 0


def test_a_block_in_two_unrelated_documents_leaves_both(three_runs):
    inp, on, _report, kept = three_runs
    records, before = _records(on), _records(kept)
    for doc_id, block in (("bees", ABOUT), ("marsh", ABOUT_VARIANT)):
        text = records[doc_id]["text"]
        assert not _has_paragraph(text, ABOUT) and "Greenline" not in text
        assert paragraphs(text) == [p for p in paragraphs(before[doc_id]["text"]) if p != block]
        assert (on / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8") == text + "\n"


def test_the_removal_log_names_the_input_lines_of_the_block(three_runs):
    inp, on, _report, kept = three_runs
    records = _records(on)
    for doc_id, block, lines in (("bees", ABOUT, 4), ("marsh", ABOUT_VARIANT, 1)):
        log = _log(on, doc_id)
        expected = _expected_removals(inp, f"{doc_id}.txt", block)
        assert len(expected) == lines
        assert _corpus_entries(log) == expected
        assert log[:-lines] == _log(kept, doc_id)  # the per-document entries come first, as they were
        input_lines = _input_lines(inp, f"{doc_id}.txt")
        assert all(input_lines[entry["line_no"] - 1] == entry["text"] for entry in log)
        record = records[doc_id]
        assert record["removed"][REASON] == lines
        assert sum(record["removed"].values()) == len(log)
        assert list(record["removed"]) == sorted(record["removed"])


def test_the_changed_records_have_their_counts_and_hash_updated(three_runs):
    _inp, on, _report, kept = three_runs
    records, before = _records(on), _records(kept)
    for doc_id in ("bees", "marsh"):
        record = records[doc_id]
        assert record["word_count"] == len(re.findall(r"\w+", record["text"])) < before[doc_id]["word_count"]
        assert record["text_sha256"] == hashlib.sha256(record["text"].encode("utf-8")).hexdigest()
        assert corpus_flow.PARAGRAPHS_KEY not in record and corpus_flow.KEYS_KEY not in record
        assert {k: v for k, v in record.items() if k not in ("text", "word_count", "text_sha256", "removed",
                                                           "config_sha256")} == \
            {k: v for k, v in before[doc_id].items() if k not in ("text", "word_count", "text_sha256", "removed",
                                                                "config_sha256")}


def test_the_report_counts_the_removed_lines(three_runs):
    _inp, on, report, _kept = three_runs
    assert report == json.loads((on / "report.json").read_text())
    assert report["removed_by_reason"][REASON] == 5
    assert report["removed_lines"] == sum(report["removed_by_reason"].values())
    assert report["removed_lines"] == sum(sum(r["removed"].values()) for r in _records(on).values())
    assert report["corpus_lines"] == {"repeated_paragraph_keys": 1, "documents_changed": 2, "paragraphs_removed": 2,
                                      "lines_removed": 5, "documents_kept_whole": 0, "documents_not_reread": 0}


def test_the_third_document_is_unchanged(three_runs):
    _inp, on, _report, kept = three_runs
    after, before = _records(on)["chess"], _records(kept)["chess"]
    assert {k: v for k, v in after.items() if k != "config_sha256"} == \
        {k: v for k, v in before.items() if k != "config_sha256"}
    assert FUNDING in paragraphs(after["text"]) and REASON not in after["removed"]
    for suffix in (".txt", ".removed.jsonl"):
        assert (on / "docs" / f"chess{suffix}").read_bytes() == (kept / "docs" / f"chess{suffix}").read_bytes()


def test_the_step_switched_off_keeps_the_block(three_runs, tmp_path):
    inp, _on, _report, kept = three_runs
    out = tmp_path / "off"
    config = sample_run.config_file(tmp_path, "[corpus_lines]\nenabled = false\n")
    report = flows.clean.run_pipeline(str(inp), str(out), config, workers=1, batch_size=1)
    records = _records(out)
    assert ABOUT in paragraphs(records["bees"]["text"]) and ABOUT_VARIANT in paragraphs(records["marsh"]["text"])
    assert {k: r["text"] for k, r in records.items()} == {k: r["text"] for k, r in _records(kept).items()}
    assert REASON not in report["removed_by_reason"] and report["corpus_lines"]["repeated_paragraph_keys"] == 0
    assert all(not _corpus_entries(_log(out, doc_id)) for doc_id in records)


def _syndicated(dump: str) -> str:
    """The same article on another site: another menu, two words changed."""
    for old, new in (("busiest shopping street", "busiest street"), ("roughly half a million", "about half a million"),
                     (MENU, "Start | Local | Nature | Opinion")):
        assert old in dump
        dump = dump.replace(old, new, 1)
    return dump


def test_a_near_duplicate_pair_keeps_the_block_it_shares(tmp_path):
    bees = wrapped_dump(BEES, ABOUT)
    inp = _write(tmp_path / "raw", {"bees.txt": bees, "bees_copy.txt": _syndicated(bees),
                                    "chess.txt": indented_crlf_dump(CHESS, FUNDING)})
    report = _run(inp, tmp_path / "out")
    records = _records(tmp_path / "out")
    assert records["bees_copy"]["duplicate_of"] == "bees"  # one cluster
    for doc_id in ("bees", "bees_copy"):
        assert ABOUT in paragraphs(records[doc_id]["text"]) and REASON not in records[doc_id]["removed"]
    # nothing counted as repeated at all: not kept whole by max_removed_share either
    assert report["corpus_lines"]["repeated_paragraph_keys"] == 0
    assert report["corpus_lines"]["documents_kept_whole"] == 0


def test_a_near_duplicate_pair_loses_a_block_an_unrelated_document_also_has(tmp_path):
    bees = wrapped_dump(BEES, ABOUT)
    inp = _write(tmp_path / "raw", {"bees.txt": bees, "bees_copy.txt": _syndicated(bees),
                                    "marsh.txt": flat_dump(MARSH, ABOUT_VARIANT),
                                    "correction.txt": wrapped_dump(CORRECTION, ABOUT)})
    report = _run(inp, tmp_path / "out")
    records = _records(tmp_path / "out")
    for doc_id in ("bees", "bees_copy", "marsh"):
        assert not _has_paragraph(records[doc_id]["text"], ABOUT)
    assert paragraphs(records["bees"]["text"]) == BEES[2]  # the article paragraphs they share stay
    assert len(paragraphs(records["bees_copy"]["text"])) == len(BEES[2])
    # the correction would lose more than half its words: it keeps them all
    assert paragraphs(records["correction"]["text"]) == [*CORRECTION[2], ABOUT]
    assert REASON not in records["correction"]["removed"] and not _corpus_entries(_log(tmp_path / "out", "correction"))
    assert report["corpus_lines"]["repeated_paragraph_keys"] == 1
    assert report["corpus_lines"]["documents_changed"] == 3 and report["corpus_lines"]["documents_kept_whole"] == 1


def test_a_rerun_is_identical_and_cleans_the_changed_documents_again(tmp_path):
    inp = _write(tmp_path / "raw", _three_articles())
    out = tmp_path / "out"
    _run(inp, out)
    first = _outputs(out)
    rerun = _run(inp, out)
    assert _outputs(out) == first
    # bees and marsh lost lines to the corpus: their text depends on the other documents
    assert (rerun["documents_from_inputs"], rerun["unchanged"]) == (2, 1)
    assert rerun["corpus_lines"]["documents_changed"] == 2 and rerun["removed_by_reason"][REASON] == 5


def test_a_carried_document_loses_a_block_a_new_input_shares(tmp_path):
    inp = _write(tmp_path / "raw", _three_articles())
    out = tmp_path / "out"
    _run(inp, out)
    earlier_log = _log(out, "chess")
    _write(inp, {"ferry.txt": wrapped_dump(FERRY, FUNDING)})
    report = _run(inp, out)
    assert (report["documents_from_inputs"], report["unchanged"]) == (3, 1)  # chess carried over
    assert report["corpus_lines"] == {"repeated_paragraph_keys": 2, "documents_changed": 4, "paragraphs_removed": 4,
                                      "lines_removed": 11, "documents_kept_whole": 0, "documents_not_reread": 0}
    records = _records(out)
    chess = records["chess"]
    assert not _has_paragraph(chess["text"], FUNDING) and not _has_paragraph(records["ferry"]["text"], FUNDING)
    assert paragraphs(chess["text"]) == CHESS[2]
    assert (out / "docs" / "chess.txt").read_text(encoding="utf-8") == chess["text"] + "\n"
    log = _log(out, "chess")
    expected = _expected_removals(inp, "chess.txt", FUNDING)  # three indented lines, CRLF input
    assert len(expected) == 3 and expected[0]["text"].startswith("    This story")
    assert log == earlier_log + expected
    assert chess["removed"][REASON] == 3 and sum(chess["removed"].values()) == len(log)
    assert chess["word_count"] == len(re.findall(r"\w+", chess["text"]))
    assert chess["text_sha256"] == hashlib.sha256(chess["text"].encode("utf-8")).hexdigest()
    # the carried path gives what a run from scratch gives, and the next run cleans chess again
    fresh = tmp_path / "fresh"
    _run(inp, fresh)
    assert _outputs(fresh) == _outputs(out)
    again = _run(inp, out)
    assert (again["documents_from_inputs"], again["unchanged"]) == (4, 0)
    assert _outputs(out) == _outputs(fresh)


def test_a_document_gets_its_block_back_when_the_other_one_is_gone(tmp_path):
    inp = _write(tmp_path / "raw", _three_articles())
    out = tmp_path / "out"
    _run(inp, out)
    (inp / "marsh.txt").unlink()
    report = _run(inp, out)
    bees = _records(out)["bees"]
    assert ABOUT in paragraphs(bees["text"]) and REASON not in bees["removed"]
    assert not _corpus_entries(_log(out, "bees")) and not (out / "docs" / "marsh.txt").exists()
    assert report["corpus_lines"]["documents_changed"] == 0


def test_a_run_killed_after_rewriting_a_log_is_redone_on_the_next_run(tmp_path):
    """A merge killed after it rewrote a carried document's removal log, before the new
    corpus.jsonl replaced the old one, leaves a log naming this step beside a record that does
    not: the next run must clean that document again, not carry it (crash safety)."""
    inp = _write(tmp_path / "raw", _three_articles())
    out = tmp_path / "out"
    _run(inp, out)
    _write(inp, {"ferry.txt": wrapped_dump(FERRY, FUNDING)})
    log = out / "docs" / "chess.removed.jsonl"  # as the killed merge left it: the step's lines logged
    log.write_text(log.read_text(encoding="utf-8") + "".join(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n"
        for entry in _expected_removals(inp, "chess.txt", FUNDING)), encoding="utf-8")
    report = _run(inp, out)
    assert (report["documents_from_inputs"], report["unchanged"]) == (4, 0)
    assert report["corpus_lines"]["documents_not_reread"] == 0
    fresh = tmp_path / "fresh"
    _run(inp, fresh)
    assert _outputs(out) == _outputs(fresh)
