"""A scraper's field header at the top of a dump (cleaners/dump_header.py)."""

from __future__ import annotations

from pathlib import Path

from cleaners.config import PipelineConfig
from cleaners.document import Document
from cleaners.dump_header import find_dump_header
from cleaners.pipeline import clean_bytes

SAMPLE = Path(__file__).resolve().parents[1] / "raw" / "002_3974dbdcd6277b05.txt"
CONFIG = PipelineConfig()


def _verdict(text: str):
    return find_dump_header(Document.from_text("d", "d.md", text), CONFIG)


def test_front_matter_becomes_metadata_and_leaves_the_text():
    text = ("---\ntitle: \"Council approves the tram line\"\nauthor: Ana Ruiz\nurl: https://example.com/tram\n"
            "hostname: example.com\nsitename: Daily Courier\ndate: 2024-03-04\ncategories:\n  - city\n---\n"
            "The council voted on Tuesday to build the line.\n")
    verdict = _verdict(text)
    assert verdict.removals == {i: "front_matter" for i in range(10)}
    assert verdict.metadata == {"title": "Council approves the tram line", "author": "Ana Ruiz",
                                "url": "https://example.com/tram", "publisher": "example.com", "date": "2024-03-04"}


def test_a_reader_services_labelled_header_is_read_up_to_its_content_line():
    text = ("Title: Floods close the coast road\n\nURL Source: https://example.com/floods\n\n"
            "Published Time: 2024-11-02T08:15:00+01:00\n\nMarkdown Content:\nThe road stays shut until Friday.\n"
            "Source: the regional agency.\n")
    verdict = _verdict(text)
    assert verdict.removals == {0: "dump_header", 2: "dump_header", 4: "dump_header", 6: "dump_header"}
    assert verdict.metadata == {"title": "Floods close the coast road", "url": "https://example.com/floods",
                                "date": "2024-11-02"}


def test_an_articles_own_labelled_lines_and_rules_are_left_alone():
    # one known field and no title or URL: a report's own first lines
    assert not _verdict("Date: 4 March 2024\nLocation: Town hall\n\nMinutes of the meeting.\n").removals
    # a field deeper than the top, after the page's first line
    assert not _verdict("Daily Courier\nTitle: Tram line\nURL: https://example.com\n").removals
    # a rule at the top followed by prose, and front matter of no known field
    assert not _verdict("---\nThe council voted on Tuesday.\n---\n").removals
    assert not _verdict("---\nlayout: post\n---\nText.\n").removals


def test_the_pipeline_records_the_headers_fields_and_logs_its_lines():
    article = SAMPLE.read_text(encoding="utf-8")
    header = ("---\ntitle: A sample article saved with its metadata\nauthor: Jane Doe\n"
              "url: https://example.com/sample\ndate: 2019-11-20\n---\n")
    result = clean_bytes((header + article).encode("utf-8"), "s", "s.md", "text", CONFIG)
    plain = clean_bytes(article.encode("utf-8"), "s", "s.txt", "text", CONFIG)
    record = result.document.metadata
    assert record["url"] == "https://example.com/sample" and record["author"] == "Jane Doe"
    assert record["date"] == "2019-11-20"
    logged = [(r.line_no, r.reason) for r in result.document.removals if r.reason == "front_matter"]
    assert logged == [(n, "front_matter") for n in range(1, 7)]
    assert result.text == plain.text  # the article itself is cleaned as it would be without the header


def test_a_hostile_header_line_is_removed_without_recording_its_value():
    verdict = _verdict("Title: a" + " " * 100_000 + "b\nURL: https://example.com/x\n\nText.\n")
    assert verdict.removals == {0: "dump_header", 1: "dump_header"}
    assert verdict.metadata == {"url": "https://example.com/x"}
