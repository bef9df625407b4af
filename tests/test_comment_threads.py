"""A comment count that names the post's title ends the post; other counts leave the page alone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cleaners.comment_threads import find_comment_sections
from cleaners.config import PipelineConfig
from cleaners.document import Document
from cleaners.pipeline import clean_bytes

CFG = PipelineConfig()
WCXB = Path(__file__).resolve().parents[2] / "shared" / "bench" / "wcxb-dev"

HEADLINE = "Why the old lighthouse keepers kept a logbook"
POST = [
    HEADLINE,
    "",
    "The keepers wrote down every ship that passed, every change of the wind and every hour the lamp "
    "was lit, and the books they filled over a century now tell historians how the coast was used.",
    "",
    "Most of the logbooks went to the county archive when the last keeper left in 1987, and volunteers "
    "have spent the past three winters typing them up so that anyone can search them.",
    "",
]
COMMENTS = [
    "1. Margaret Ellis says:",
    "March 3, 2024 at 10:15 am",
    "My grandfather kept one of these on the north point and I still have two of his books at home.",
    "Reply",
    "2. Tom B says:",
    "What a lovely piece, thank you for writing it and for the photographs of the pages.",
]


def doc_of(lines: list[str], title: str | None = None) -> Document:
    doc = Document.from_text("d", "d.txt", "\n".join(lines))
    if title is not None:
        doc.metadata["title"] = title
    return doc


def removed(lines: list[str], title: str | None = None, config: PipelineConfig = CFG) -> dict[str, str]:
    verdict = find_comment_sections(doc_of(lines, title), config)
    return {lines[index]: reason for index, reason in verdict.removals.items()}


@pytest.mark.parametrize("heading", [
    f"15 Replies to “{HEADLINE}”",
    f"59 Comments on “{HEADLINE}”",
    f"2 responses to \"{HEADLINE}\"",
    f"One thought on “{HEADLINE}”",
    f"0 Comment on {HEADLINE}",
    f"3 Kommentare zu „{HEADLINE}“",
    f"2 réponses à « {HEADLINE} »",
])
def test_a_count_naming_the_headline_ends_the_post(heading: str) -> None:
    lines = POST + [heading, ""] + COMMENTS
    gone = removed(lines)
    assert gone == {line: "comment_section" for line in [heading] + COMMENTS}


def test_the_page_title_of_extracted_html_names_the_post() -> None:
    """Extracted text starts under the headline; the page's title, with the site's name after it, names it."""
    lines = POST[2:] + [f"4 Comments on “{HEADLINE}”"] + COMMENTS
    assert set(removed(lines, title=f"{HEADLINE} - The Coast Review").values()) == {"comment_section"}
    assert set(removed(lines, title=f"{HEADLINE} - The Coast Review")) == set(lines[-7:])
    assert removed(lines, title="The Coast Review") == {}


@pytest.mark.parametrize("heading", [
    "20 replies to this topic",                       # a forum thread: the posts under it are the page
    "3 Comments on “A different post about ships”",   # names no title printed above it
])
def test_other_counts_stay(heading: str) -> None:
    assert removed(POST + [heading, ""] + COMMENTS) == {}


@pytest.mark.parametrize("heading", ["15 Replies", "124 Reader Comments", "Comments 115", "Comments (3)"])
def test_a_bare_count_over_comments_signed_says_ends_the_post(heading: str) -> None:
    """Without a title, a count followed by two "NAME says:" lines: a blog's comment template."""
    lines = POST + [heading, ""] + COMMENTS
    assert removed(lines) == {line: "comment_section" for line in [heading] + COMMENTS}


def test_a_bare_count_over_a_forums_replies_stays() -> None:
    """Replies with "Reply", "Quote" and times but no "NAME says:": a forum's thread, whose replies
    are its content; and a page whose own post is signed "says:" above the count is one too."""
    forum_replies = ["PE", "Prospect in PE - Growth", "2y", "Reply", "Quote", "Report",
                     "I went to a consulting firm after school and I would do it again, mostly for the people.",
                     "AtlanG Monkey", "2y", "Reply", "Quote"]
    assert removed(POST + ["22 Comments", ""] + forum_replies) == {}
    signed_post = ["Margaret Ellis says:"] + POST
    assert removed(signed_post + ["15 Replies", ""] + COMMENTS) == {}


def test_a_count_above_the_post_stays() -> None:
    """Too few words above it: the count heads a page of comments, not the end of a post."""
    lines = [HEADLINE, "", f"12 Comments on “{HEADLINE}”", ""] + COMMENTS + POST[2:]
    assert removed(lines) == {}


def test_turned_off_with_the_comment_boundary() -> None:
    config = replace(CFG, boilerplate=replace(CFG.boilerplate, min_words_before_comment_section=None))
    assert removed(POST + [f"15 Replies to “{HEADLINE}”"] + COMMENTS, config=config) == {}


def test_a_blog_dump_loses_its_readers_comments() -> None:
    """A real w3m dump whose comments outweigh the post: the whole thread goes, the post stays."""
    path = WCXB / "dumps" / "w3m" / "0479.txt"
    if not path.exists():
        pytest.skip("the development split is not beside the repository")
    result = clean_bytes(path.read_bytes(), "0479", str(path), "text", CFG)
    cut = [r for r in result.document.removals if r.step == "comment_threads"]
    assert cut and cut[0].text.startswith("59 Comments on “") and {r.reason for r in cut} == {"comment_section"}
    assert "It’s a bug coming right for us" not in result.text
    gold = (WCXB / "gold" / "0479.txt").read_text(encoding="utf-8")
    last_paragraph = [line for line in gold.splitlines() if len(line.split()) >= 10][-1]
    assert last_paragraph in result.text
