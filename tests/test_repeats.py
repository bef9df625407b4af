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
from cleaners.text import is_wrapped
from wrapping import wrap

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



# --- long lines the input prints twice in a row (lines_printed_twice) ----------------------------

def _wrapped(text: str) -> list[str]:
    """A paragraph as a w3m dump 160 columns wide prints it, and the blank line after it."""
    return wrap(text, 160) + [""]


ARTICLE = _wrapped(
    "The trade talks resumed in Washington on Thursday, and both delegations said that the first day had gone "
    "better than they expected after months of rising tariffs on both sides of the Pacific. Officials on both "
    "sides said a partial agreement covering farm goods could be signed within weeks, though the harder questions "
    "of technology transfer and state subsidies were left for later rounds of the talks.")
ALT = ("US President Donald Trump looks on as he speaks to the media prior to departing from the South Lawn "
       "of the White House in Washington, DC on October 10, 2019")
AFTER = [""] + _wrapped(
    "Markets rose on the news, with the main indexes in New York closing more than one per cent higher, and the "
    "dollar gained against the yen for the third day in a row as investors bought riskier assets. The next round "
    "of talks is due to take place in Beijing at the end of the month, officials said, and the two sides will "
    "exchange lists of the goods they want to see covered before the meeting begins in the Chinese capital.")


def _clean(lines: list[str], config: PipelineConfig = CFG):
    return clean_bytes("\n".join(lines).encode("utf-8"), "page", "page.txt", "text", config).document


def test_a_long_line_printed_twice_in_a_row_loses_both_copies():
    """An image's alternative text and its title: one sentence of 16+ words on two lines in a row."""
    assert is_wrapped(ARTICLE + [ALT, ALT] + AFTER)
    doc = _clean(ARTICLE + [ALT, ALT] + AFTER)
    removed = {r.line_no - 1: (r.reason, r.step) for r in doc.removals}
    first = len(ARTICLE)
    assert removed.get(first) == ("printed_twice", "adjacent_repeats")
    assert first + 1 in removed  # the second copy, by the captions step already
    kept = [doc.lines[i] for i in doc.kept_content_indices()]
    assert ALT not in kept and ARTICLE[0] in kept and AFTER[1] in kept


def test_short_or_indented_lines_printed_twice_keep_their_first_copy():
    """A teaser's headline, or a listing's product name (an indented item), printed twice."""
    teaser = "Trade talks between the US and China going well, officials say"
    item = "    " + ALT
    for line in (teaser, item):
        doc = Document.from_text("d", "d.txt", "\n".join(ARTICLE + [line, line] + AFTER))
        apply_verdict(doc, "captions", Verdict(removals={len(ARTICLE) + 1: "duplicate_line"}))
        assert find_adjacent_repeats(doc, CFG).removals == {}, line


def test_a_dump_whose_lines_are_whole_paragraphs_keeps_the_first_copy():
    """BeautifulSoup's text prints a page's summary and its first paragraph as one line each."""
    lines = [" ".join(ARTICLE), "", ALT, ALT, "", " ".join(AFTER)]
    assert not is_wrapped(lines)
    doc = _clean(lines)
    assert "printed_twice" not in {r.reason for r in doc.removals}


def test_both_copies_rule_can_be_turned_off():
    off = replace(CFG, captions=replace(CFG.captions, both_copies_min_words=None))
    doc = _clean(ARTICLE + [ALT, ALT] + AFTER, off)
    assert "printed_twice" not in {r.reason for r in doc.removals}

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
