"""The title step: a text dump's headline among the lines above its first kept paragraph."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from city_article import BODY, HEADLINE

from cleaners.config import PipelineConfig
from cleaners.document import Document, apply_verdict
from cleaners.pipeline import TEXT_STEPS, clean_bytes
from cleaners.title import FEATURE_NAMES, MODEL_FILE, candidate_features, candidate_lines, find_title, first_paragraph, headline_of_title_line, pick

CONFIG = PipelineConfig()
OFF = dataclasses.replace(CONFIG, header=dataclasses.replace(CONFIG.header, title_min_probability=None))
REPO = Path(__file__).resolve().parents[1]

#: A whole page as a text browser saves it: banners and a menu above the headline, an author's
#: name and a date under it (page_header, reading from the top, takes the name for the title).
PAGE = """Skip to main content
Secure .gov websites use HTTPS
Home   News   Sport   Business   Culture
Search

Newsletter sign up

""" + HEADLINE + """

Jane Smith
June 3, 2025

Share   Facebook   Twitter   Email

""" + BODY + """
Related stories
Heat records fall across the region
What to do in a heat wave

© 2025 City News. All rights reserved.
"""



def before_title(text: str, config: PipelineConfig = CONFIG) -> Document:
    doc = Document.from_text("t", "test", text)
    for name, step in TEXT_STEPS:
        if name == "title":
            break
        apply_verdict(doc, name, step(doc, config))
    return doc


def test_the_headline_not_the_authors_name_above_the_date() -> None:
    doc = before_title(PAGE)
    assert doc.metadata["title"] == "Jane Smith"  # page_header's guess, from the top down
    verdict = find_title(doc, CONFIG)
    assert verdict.metadata["title"] == HEADLINE
    assert clean_bytes(PAGE.encode(), "t", "test", "text", CONFIG).document.metadata["title"] == HEADLINE


def test_off_leaves_page_headers_guess() -> None:
    result = clean_bytes(PAGE.encode(), "t", "test", "text", OFF)
    assert result.document.metadata["title"] == "Jane Smith"
    assert all(r.step != "title" for r in result.document.removals)


def test_the_first_paragraph_is_found_when_a_dump_wraps_it() -> None:
    doc = before_title(PAGE)
    first = first_paragraph(doc)
    assert doc.lines[first].startswith("When the heat wave arrived")
    candidates = candidate_lines(doc)
    assert candidates[-1] < first and doc.lines[candidates[0]] == "Skip to main content"
    rows = candidate_features(doc, candidates)
    assert len(rows) == len(candidates) and all(len(row) == len(FEATURE_NAMES) for row in rows)


def test_a_kept_headline_is_removed_as_title() -> None:
    # as when the classifier keeps the headline and nothing before it took it
    body = PAGE.split("Share   Facebook   Twitter   Email\n\n")[1]
    text = "Home   News   Sport\n\n" + HEADLINE + "\n\nJune 3, 2025\n\n" + body
    doc = Document.from_text("t", "test", text)
    doc.kept[0] = False
    verdict = find_title(doc, CONFIG)
    assert verdict.metadata["title"] == HEADLINE and verdict.removals == {2: "title"}


def test_no_title_where_the_model_backs_no_line() -> None:
    # a page that starts with its prose has no headline to find, and page_header's guess goes
    text = PAGE.split("Share   Facebook   Twitter   Email\n\n")[1]
    doc = before_title(text)
    doc.metadata["title"] = "A guess"
    assert find_title(doc, CONFIG).metadata == {"title": ""}
    record_title = clean_bytes(text.encode(), "t", "test", "text", CONFIG).document.metadata.get("title")
    assert not record_title


@pytest.mark.parametrize(("scores", "chosen"), [
    ([0.01, 0.9, 0.2], 1),  # over title_min_probability
    ([0.02, 0.42, 0.01, 0.05], 1),  # under it, but its page's clear favourite (over 4 x 0.05)
    ([0.02, 0.42, 0.3], None),  # a runner-up too close
    ([0.02, 0.25, 0.01], None),  # under title_clear_floor
    ([0.6, 0.6], 1),  # a tie: the lower line
    ([], None),
])
def test_pick(scores: list[float], chosen: int | None) -> None:
    assert pick(scores, CONFIG.header) == chosen


def test_pick_without_the_clear_favourite_rule() -> None:
    header = dataclasses.replace(CONFIG.header, title_clear_lead=None)
    assert pick([0.02, 0.42, 0.01], header) is None
    assert pick([0.02, 0.42, 0.01], CONFIG.header) == 1


#: A naive scrape: the page's <title> first, its headline, then a long menu before the article
#: (the headline lies outside the lines the model reads).
SCRAPE = (HEADLINE + " | City News\n" + HEADLINE + "\n"
          + "".join(f"{section} {place}\n" for section in ("News", "Sport", "Business", "Culture")
                    for place in ("Europe", "Asia", "Africa", "Americas", "Oceania", "Local", "World", "Opinion"))
          + "\n" + BODY)


def test_the_headline_a_title_line_repeats() -> None:
    doc = before_title(SCRAPE)
    assert HEADLINE not in [doc.lines[i] for i in candidate_lines(doc)]  # the model cannot name it
    assert headline_of_title_line(doc) == 1
    verdict = find_title(doc, CONFIG)
    assert verdict.metadata["title"] == HEADLINE
    assert clean_bytes(SCRAPE.encode(), "t", "test", "text", CONFIG).document.metadata["publisher"] == "City News"


def test_a_menu_line_is_no_title_line() -> None:
    doc = before_title("Home | News | Sport | Business\nNews\n" + SCRAPE.split("\n", 2)[2])
    assert headline_of_title_line(doc) is None


def test_html_and_dump_header_titles_are_left_alone() -> None:
    doc = before_title(PAGE)
    doc.kind = "html"
    assert find_title(doc, CONFIG).metadata == {}
    header = "Title: Cooling the streets\nURL Source: https://example.org/cool\nMarkdown Content:\n" + PAGE
    result = clean_bytes(header.encode(), "t", "test", "text", CONFIG)
    assert result.document.metadata["title"] == "Cooling the streets"


def test_the_shipped_model_reads_the_codes_features() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["features"] == FEATURE_NAMES
    assert MODEL_FILE.stat().st_size < 200_000


def test_a_sample_without_a_headline_gets_none() -> None:
    """raw/'s first sample starts with its dateline and prose, no headline (its golden metadata
    has no title); the others' titles are in their golden files (tests/test_golden.py)."""
    name = "000_22d473e61ed3f333.txt"
    result = clean_bytes((REPO / "raw" / name).read_bytes(), "t", name, "text", CONFIG)
    assert not result.document.metadata.get("title")


def test_the_trainer_reproduces_the_shipped_model(bench_dir: Path) -> None:
    """``bench/train_title_model.py`` rebuilds ``title_model_v1.json`` byte for byte from the
    development pages (about a minute: every page through the text steps)."""
    from bench import train_title_model as trainer

    pages = trainer.load(CONFIG, None)
    assert trainer.model_file_text(pages) == MODEL_FILE.read_text(encoding="utf-8")
