"""The last duplicate pass: a paragraph that becomes its own neighbour after cleaning goes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict, apply_verdict
from cleaners.errors import RejectError
from cleaners.patterns import norm
from cleaners.pipeline import clean_bytes
from cleaners.repeats import find_adjacent_repeats, find_repeated_passages

CFG = PipelineConfig()
BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
PARAGRAPH = "E-commerce is playing an important role in China helping revitalize rural areas."


def test_copy_separated_by_a_removed_line_is_removed():
    doc = Document.from_text("d", "d.txt", "\n".join([PARAGRAPH, "Share", "", PARAGRAPH]))
    apply_verdict(doc, "boilerplate", Verdict(removals={1: "share_buttons"}))
    assert find_adjacent_repeats(doc, CFG).removals == {3: "duplicate_line"}


def test_repeat_with_kept_text_between_and_short_lines_stay():
    doc = Document.from_text("d", "d.txt", "\n".join([PARAGRAPH, "Another paragraph in between.", PARAGRAPH,
                                                     "Yes", "Yes"]))
    assert find_adjacent_repeats(doc, CFG).removals == {}


# --- runs of several lines printed twice --------------------------------------------------------

CAPTION = ["A guest holds her phone showing a picture taken during the company's press conference",
           "unveiling its new operating system in Dongguan, Guangdong province on August 9, 2019."]


def test_wrapped_caption_printed_twice_loses_its_second_copy():
    doc = Document.from_text("d", "d.txt", "\n".join(CAPTION + CAPTION + ["", PARAGRAPH]))
    assert find_adjacent_repeats(doc, CFG).removals == {2: "duplicate_line", 3: "duplicate_line"}


def test_run_printed_three_times_keeps_one_copy():
    doc = Document.from_text("d", "d.txt", "\n".join(CAPTION * 3))
    assert sorted(find_adjacent_repeats(doc, CFG).removals) == [2, 3, 4, 5]


def test_run_repeated_after_removed_lines_goes_and_interleaved_text_stays():
    lines = CAPTION + ["(Photo by JANE DOE / AFP)"] + CAPTION + [PARAGRAPH] + CAPTION
    doc = Document.from_text("d", "d.txt", "\n".join(lines))
    apply_verdict(doc, "captions", Verdict(removals={2: "caption"}))
    # the copy right after the credit goes; the one after the kept paragraph stays
    assert find_adjacent_repeats(doc, CFG).removals == {3: "duplicate_line", 4: "duplicate_line"}


def test_run_longer_than_the_limit_and_short_label_pairs_stay():
    labels = ["Share", "Tweet"] * 2  # two short lines twice: fewer characters than a line needs
    assert find_adjacent_repeats(Document.from_text("d", "d.txt", "\n".join(labels)), CFG).removals == {}
    five = [f"{PARAGRAPH} ({n})" for n in range(5)]
    doc = Document.from_text("d", "d.txt", "\n".join(five + five))
    assert find_adjacent_repeats(doc, CFG).removals == {}
    single = replace(CFG, captions=replace(CFG.captions, max_repeated_run_lines=1))
    assert find_adjacent_repeats(Document.from_text("d", "d.txt", "\n".join(CAPTION * 2)), single).removals == {}


def test_no_cleaned_dev_dump_keeps_a_run_twice_in_a_row():
    """On the real development dumps of many kinds of pages, no kept line or run of up to four
    kept lines follows an equal run (with lines of one copy only, 82 runs stayed)."""
    dumps = sorted((BENCH / "wcxb-dev" / "dumps" / "w3m").glob("*.txt"))
    if not dumps:
        pytest.skip("the development split is not beside the repository")
    repeats = []
    for path in dumps:
        try:
            doc = clean_bytes(path.read_bytes(), path.stem, path.name, "text", CFG).document
        except RejectError:
            continue
        kept = [norm(doc.lines[i]) for i in doc.kept_content_indices()]
        for run in range(1, 5):
            for start in range(len(kept) - 2 * run + 1):
                first, second = kept[start:start + run], kept[start + run:start + 2 * run]
                if first == second and sum(map(len, first)) >= 12 * run:
                    repeats.append((path.name, first))
    assert repeats == []


# --- passages printed twice far apart (find_repeated_passages) -------------------------------------

DESCRIPTION = [
    "Our quarter socks are knitted from combed cotton and sit just above the ankle bone.",
    "A cushioned footbed and a seamless toe keep them comfortable through a long day.",
    "Machine wash cold, tumble dry low, and they keep their shape for years.",
]
OTHER = ["Customers who bought this also looked at wool blends for the winter season.", "Size guide", ""]


def test_passage_printed_again_far_below_loses_its_second_copy():
    doc = Document.from_text("d", "d.txt", "\n".join(DESCRIPTION + [""] + OTHER + DESCRIPTION + [PARAGRAPH]))
    first_copy_end = len(DESCRIPTION) + 1 + len(OTHER)
    assert find_repeated_passages(doc, CFG).removals == {
        first_copy_end + i: "repeated_passage" for i in range(len(DESCRIPTION))}


def test_long_two_line_passage_goes_by_its_words():
    long_lines = [" ".join([line] * 2) for line in DESCRIPTION[:2]]  # two lines, over 40 words
    doc = Document.from_text("d", "d.txt", "\n".join(long_lines + OTHER + long_lines))
    assert set(find_repeated_passages(doc, CFG).removals.values()) == {"repeated_passage"}
    assert len(find_repeated_passages(doc, CFG).removals) == 2


def test_single_repeated_line_short_runs_and_removed_copies_stay():
    # a forum reply quoting one sentence: a single repeated line stays
    quote = Document.from_text("d", "d.txt", "\n".join([PARAGRAPH, OTHER[0], PARAGRAPH, "I agree with that."]))
    assert find_repeated_passages(quote, CFG).removals == {}
    # two short lines of under 40 words repeated: not a passage
    short = Document.from_text("d", "d.txt", "\n".join(DESCRIPTION[:2] + OTHER + DESCRIPTION[:2]))
    assert find_repeated_passages(short, CFG).removals == {}
    # lines shorter than passage_min_line_words never count as repeats
    labels = Document.from_text("d", "d.txt", "\n".join(["Add to cart", "Sold out", "In stock"] * 2))
    assert find_repeated_passages(labels, CFG).removals == {}
    # a first copy an earlier step removed is no copy: the second is the page's only one
    doc = Document.from_text("d", "d.txt", "\n".join(DESCRIPTION + OTHER + DESCRIPTION))
    apply_verdict(doc, "boilerplate", Verdict(removals={i: "nav_menu" for i in range(len(DESCRIPTION))}))
    assert find_repeated_passages(doc, CFG).removals == {}
    off = replace(CFG, captions=replace(CFG.captions, passage_min_words=None))
    again = Document.from_text("d", "d.txt", "\n".join(DESCRIPTION + OTHER + DESCRIPTION))
    assert find_repeated_passages(again, off).removals == {}


def test_cleaned_dev_dumps_keep_no_passage_twice_and_lose_no_single_line():
    """On real dumps of many kinds of pages: after cleaning, no run of three kept lines repeats
    earlier kept lines, and the step finds such passages on a fair number of pages."""
    dumps = sorted((BENCH / "wcxb-dev" / "dumps" / "w3m").glob("*.txt"))[::4]
    if not dumps:
        pytest.skip("the development split is not beside the repository")
    removed_pages = 0
    for path in dumps:
        try:
            doc = clean_bytes(path.read_bytes(), path.stem, path.name, "text", CFG).document
        except RejectError:
            continue
        removed = [r for r in doc.removals if r.reason == "repeated_passage"]
        removed_pages += bool(removed)
        kept = [norm(doc.lines[i]) for i in doc.kept_content_indices()]
        seen, run = set(), 0
        for text in kept:
            run = run + 1 if text in seen and len(text.split()) >= 4 else 0
            assert run < 3, (path.name, text)
            seen.add(text)
    assert removed_pages >= 10  # the pages that print a passage twice are not rare
