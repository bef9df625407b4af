"""A page's table of contents goes after the classifier; the section headings it lists stay."""

from __future__ import annotations

from dataclasses import replace

from cleaners.config import PipelineConfig
from cleaners.contents import find_table_of_contents
from cleaners.document import Document
from cleaners.pipeline import clean_bytes

CFG = PipelineConfig()
#: A long article as a text dump prints it: the list of its sections, then the sections.
ARTICLE = [
    "How to plan an event in seven steps",
    "",
    "Table of Contents",
    "",
    "  • What is an event management process",
    "  • 7 steps to planning an event",
    "  • Free event planning checklist",
    "",
    "Planning an event takes months of work, and most of it happens long before the first guest arrives.",
    "",
    "What is an event management process",
    "",
    "An event management process is the list of tasks that take an event from an idea to a finished day.",
    "",
    "7 Steps to Planning an Event",
    "",
    "Start with the goal of the event, then set the budget, the date and the place, in that order.",
    "",
    "Free event planning checklist",
    "",
    "Download the checklist and tick each task off as you go, so that nothing is forgotten.",
]


def doc_of(lines: list[str]) -> Document:
    return Document.from_text("toc", "toc.txt", "\n".join(lines))


def test_the_list_and_its_heading_go_and_the_sections_stay():
    verdict = find_table_of_contents(doc_of(ARTICLE), CFG)
    assert verdict.removals == {2: "table_of_contents", 4: "table_of_contents", 5: "table_of_contents",
                                6: "table_of_contents"}
    off = replace(CFG, contents=replace(CFG.contents, enabled=False))
    assert find_table_of_contents(doc_of(ARTICLE), off).removals == {}


def test_a_heading_alone_goes_and_a_list_that_repeats_nothing_stays():
    lines = ["In this article", "", "• Pack light", "• Leave early",
             "", "Travelling with children is easier than it sounds if you keep the plan simple."]
    assert find_table_of_contents(doc_of(lines), CFG).removals == {0: "table_of_contents"}


def test_a_list_printed_twice_in_a_row_is_no_table_of_contents():
    """The entries' later copies must stand apart, each over its own text: a list printed
    twice (a menu and its copy for phones) is for other steps to judge."""
    lines = ["Contents", "• Pricing", "• Features", "• Pricing", "• Features",
             "The plan costs ten dollars a month and includes every feature we make."]
    assert find_table_of_contents(doc_of(lines), CFG).removals == {0: "table_of_contents"}


def test_a_box_contents_label_and_an_article_sentence_stay():
    lines = ["Contents:", "• 1 x charger", "• 1 x cable",
             "The contents of the report were leaked to the press on Monday, officials said."]
    assert find_table_of_contents(doc_of(lines), CFG).removals == {}


def test_the_pipeline_logs_the_list_with_its_reason():
    result = clean_bytes("\n".join(ARTICLE).encode(), "t", "t.txt", "text", CFG)
    removed = {r.text.strip(): (r.reason, r.step) for r in result.document.removals}
    assert removed["• Free event planning checklist"] == ("table_of_contents", "table_of_contents")
    assert "Free event planning checklist" in result.text.split("\n")
    assert "Download the checklist" in result.text
