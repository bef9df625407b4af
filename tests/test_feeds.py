"""Scrapers' JSON Lines feeds: each record holding a page becomes a document, cleaned exactly as
the same page saved as a file of its own; every other line is counted or rejected with a reason."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from hypothesis import given, settings, strategies as st

import sample_run
from flows.clean import main
from flows.discover import classify_name
from flows.feeds import iter_feed
from flows.warc import WarcCorrupt, WarcPayload, WarcSkip, split_record_source
from test_warc import ARTICLE_1, ARTICLE_2, page

SAMPLES = sorted(sample_run.RAW.glob("*.txt"))


def feed_lines() -> list[str]:
    """Two real text dumps, an HTML page, a record without a page, a broken line and a non-object."""
    dump_0, dump_1 = (path.read_text(encoding="utf-8") for path in SAMPLES[:2])
    return [
        json.dumps({"url": "https://example.org/one", "text": dump_0, "fetched_at": "2025-03-01T10:00:00Z"}),
        json.dumps({"url": "https://news.example/ferry", "raw_html": page("Ferry terminal approved", ARTICLE_1).decode()}),
        "",
        json.dumps({"url": "https://example.org/links", "links": ["https://example.org/a"]}),
        '{"url": "https://example.org/broken", "text": "unterminated',
        json.dumps(["a list", "is no record"]),
        json.dumps({"link": "https://example.org/two", "content": dump_1}, ensure_ascii=False),
        json.dumps({"url": "https://example.org/bibliothek", "content": page("Bibliothek", ARTICLE_2).decode()}),
    ]


def read_all(data: bytes, cap: int | None = 10_000_000) -> list:
    return list(iter_feed(io.BytesIO(data), cap))


def test_every_line_is_a_page_a_skip_or_a_corrupt_record_by_its_line_number():
    items = read_all("\n".join(feed_lines()).encode())
    assert [(type(item).__name__, item.index) for item in items] == [
        ("WarcPayload", 0), ("WarcPayload", 1), ("WarcSkip", 3), ("WarcCorrupt", 4), ("WarcCorrupt", 5),
        ("WarcPayload", 6), ("WarcPayload", 7)]
    text, html = items[0], items[1]
    assert (text.kind, text.url, text.capture_date) == ("text", "https://example.org/one", "2025-03-01T10:00:00Z")
    assert text.payload == SAMPLES[0].read_bytes() and text.charset == "utf-8"
    assert (html.kind, html.url, html.capture_date) == ("html", "https://news.example/ferry", "")
    assert items[2].reason == "no_page_field" and "not a JSON object but a list" in items[4].detail
    assert items[5].url == "https://example.org/two" and items[6].kind == "html"  # an HTML page in a text field


def test_a_gzipped_feed_reads_the_same_and_a_broken_one_ends_with_a_corrupt_record():
    data = "\n".join(feed_lines()).encode()
    assert read_all(gzip.compress(data)) == read_all(data)
    cut = gzip.compress(data)[:-200]
    items = read_all(cut)
    assert isinstance(items[-1], WarcCorrupt) and "gzip stream breaks off" in items[-1].detail
    assert all(isinstance(item, (WarcPayload, WarcSkip, WarcCorrupt)) for item in items)


def test_a_line_over_the_cap_is_too_large_and_reading_goes_on():
    big = json.dumps({"url": "https://example.org/big", "text": "word " * 5000})
    small = json.dumps({"url": "https://example.org/small", "text": "A short page."})
    items = read_all(f"{big}\n{small}\n".encode(), cap=1000)
    assert isinstance(items[0], WarcPayload) and items[0].truncated and items[0].index == 0
    assert items[1].url == "https://example.org/small" and not items[1].truncated


#: Feed lines as a scraper or a broken disk might leave them: JSON of any shape, bits of JSON, bytes.
_json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=40),
                            lambda children: st.lists(children, max_size=4)
                            | st.dictionaries(st.sampled_from(["url", "html", "text", "content", "markdown", "date", "x"]),
                                              children, max_size=4), max_leaves=12)
_lines = st.one_of(_json_values.map(lambda value: json.dumps(value).encode()), st.binary(max_size=80),
                   st.sampled_from([b"", b"{", br'{"text": "\ud800"}', br'{"html": "<html>\u0000"}', b"[[[[[[[[[["]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_lines, max_size=8), st.booleans())
def test_any_bytes_read_as_items_in_line_order_and_never_raise(lines, gzipped):
    data = b"\n".join(lines)
    items = read_all(gzip.compress(data) if gzipped else data, cap=200)
    indices = [item.index for item in items]
    assert indices == sorted(set(indices)) and all(0 <= i <= data.count(b"\n") for i in indices)
    for item in items:
        assert isinstance(item, (WarcPayload, WarcSkip, WarcCorrupt))
        assert not isinstance(item, WarcPayload) or item.truncated or item.payload


def test_feed_names_and_record_sources():
    assert classify_name("scrape/items.jsonl") == ("scrape/items", "feed", False)
    assert classify_name("items.ndjson.gz") == ("items", "feed", True)
    assert split_record_source("scrape/items.jsonl.gz#000042") == ("scrape/items.jsonl.gz", 42)


def test_a_feed_through_the_pipeline_cleans_each_page_as_its_own_file_would(tmp_path):
    inputs, files = tmp_path / "in", tmp_path / "files"
    (inputs / "scrape").mkdir(parents=True)
    files.mkdir()
    (inputs / "scrape" / "items.jsonl.gz").write_bytes(gzip.compress("\n".join(feed_lines()).encode()))
    for path in SAMPLES[:2]:
        (files / path.name).write_bytes(path.read_bytes())
    report = sample_run.run(inputs, tmp_path / "out")
    sample_run.run(files, tmp_path / "out_files")
    records = {r["id"]: r for r in _jsonl(tmp_path / "out" / "corpus.jsonl")}
    alone = {r["id"]: r for r in _jsonl(tmp_path / "out_files" / "corpus.jsonl")}

    assert sorted(records) == ["scrape/items#000000", "scrape/items#000001", "scrape/items#000006",
                               "scrape/items#000007"]
    for feed_id, path in (("scrape/items#000000", SAMPLES[0]), ("scrape/items#000006", SAMPLES[1])):
        assert records[feed_id]["text"] == alone[path.stem]["text"]  # nothing gained or lost in the feed
        assert records[feed_id]["removed"] == alone[path.stem]["removed"]
    first = records["scrape/items#000000"]
    assert first["source"] == "scrape/items.jsonl.gz#000000" and first["url"] == "https://example.org/one"
    assert first["capture_date"] == "2025-03-01T10:00:00Z"
    assert ARTICLE_1[0] in records["scrape/items#000001"]["text"]
    assert records["scrape/items#000007"]["language"] == "de"
    rejects = [(r["source"], r["reason"]) for r in _jsonl(tmp_path / "out" / "rejects.jsonl")]
    assert rejects == [("scrape/items.jsonl.gz#000004", "corrupt_feed_record"),
                       ("scrape/items.jsonl.gz#000005", "corrupt_feed_record")]
    assert report["warc_records_skipped"] == {"no_page_field": 1}
    assert (tmp_path / "out" / "docs" / "scrape").is_dir()


def test_explain_shows_one_feed_record_as_the_run_cleaned_it(capsys, tmp_path):
    feed = tmp_path / "items.jsonl"
    feed.write_text("\n".join(feed_lines()) + "\n", encoding="utf-8")
    code = main(["explain", f"{feed}#000000", "--config", sample_run.config_file(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith(f"{feed}#000000  kind=text")
    code = main(["explain", str(feed), "--config", sample_run.config_file(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0 and out.rstrip().endswith("7 records: 4 kept, 2 rejected, 1 skipped")
    assert "rejected: corrupt_feed_record (not a JSON line" in out


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_the_address_and_date_may_sit_in_a_metadata_object():
    line = json.dumps({"markdown": "# Title\n\nText.", "metadata": {"sourceURL": "https://example.org/a",
                                                                    "title": "Title", "date": "2025-01-02"}})
    (item,) = read_all(line.encode())
    assert (item.kind, item.url, item.capture_date) == ("text", "https://example.org/a", "2025-01-02")


def test_a_lone_surrogate_escape_becomes_a_replacement_character():
    (item,) = read_all(br'{"text": "cost \ud800 said the mayor; \ud83d\ude00 kept"}')
    assert item.payload.decode("utf-8") == "cost \ufffd said the mayor; \U0001f600 kept"
