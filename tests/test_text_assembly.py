"""Kept lines back into text: wrapped lines join into paragraphs, a box-drawn table into rows."""

from __future__ import annotations

import re
from collections import Counter

from cleaners.document import Document
from cleaners.text import assemble_text, paragraph_spans, table_lines

#: A table as w3m draws it (from a development page): cells wrap inside their columns, so a
#: row's cell text is spread over two lines with the other cells' text between.
TABLE = """\
The ranking data for the top programs can be found in the chart below.

┌──────────┬────────────────────────────────┬────────────────┬───────┐
│Ranking in│Business School                 │Previous US News│Average│
│2023      │                                │Ranking         │GPA    │
├──────────┼────────────────────────────────┼────────────────┼───────┤
│1         │Chicago Booth School of Business│1               │3.6    │
├──────────┼────────────────────────────────┼────────────────┼───────┤
│6 (tie)   │Dartmouth Tuck School of        │11              │3.5    │
│          │Business                        │                │       │
└──────────┴────────────────────────────────┴────────────────┴───────┘

Schools are ranked by the magazine's survey of deans and recruiters.""".split("\n")


def _doc(lines: list[str], removed: tuple[int, ...] = ()) -> Document:
    doc = Document.from_text("t", "t.txt", "\n".join(lines))
    for index in removed:
        doc.kept[index] = False
    return doc


def test_a_box_drawn_table_comes_out_row_by_row_with_its_cells_joined():
    text = assemble_text(_doc(TABLE))
    assert text.split("\n\n") == [
        "The ranking data for the top programs can be found in the chart below.",
        "Ranking in 2023\tBusiness School\tPrevious US News Ranking\tAverage GPA\n"
        "1\tChicago Booth School of Business\t1\t3.6\n"
        "6 (tie)\tDartmouth Tuck School of Business\t11\t3.5",
        "Schools are ranked by the magazine's survey of deans and recruiters.",
    ]
    # the same words as the kept lines, in the order the page shows them
    kept_words = Counter(re.findall(r"\w+", "\n".join(TABLE)))
    assert Counter(re.findall(r"\w+", text)) == kept_words


def test_the_table_is_one_paragraph_of_its_kept_lines_whatever_borders_were_removed():
    borders = tuple(i for i, line in enumerate(TABLE) if line.startswith(("┌", "├", "└")))
    doc = _doc(TABLE, removed=borders + (6,))  # the classifier took the borders and row "1"
    spans = paragraph_spans(doc)
    assert spans == [[0], [3, 4, 8, 9], [12]]
    assert assemble_text(doc).split("\n\n")[1] == (
        "Ranking in 2023\tBusiness School\tPrevious US News Ranking\tAverage GPA\n"
        "6 (tie)\tDartmouth Tuck School of Business\t11\t3.5")


def test_wrapped_prose_still_joins_and_a_bar_in_prose_is_no_table():
    lines = ["The council approved the new cycle lanes on Tuesday after a debate that lasted most of",
             "the evening.", "", "│ a quoted line │ in bars", "Home | News | Contact"]
    assert assemble_text(_doc(lines)).split("\n\n") == [
        "The council approved the new cycle lanes on Tuesday after a debate that lasted most of the evening.",
        "│ a quoted line │ in bars", "Home | News | Contact"]


def test_table_lines_marks_rows_and_borders_and_is_none_on_a_page_without_box_characters():
    flags = table_lines(TABLE)
    assert [i for i, flag in enumerate(flags) if flag] == list(range(2, 11))
    assert table_lines(["Home | News | Contact", "", "Plain prose, no table here."]) is None


def test_a_line_printed_twice_on_itself_comes_out_once():
    """An image's alternative text and its title, both rendered on one line by the browser."""
    lines = ["Data VisualizationData Visualization", "",
             "man taking selfies indoors. man taking selfies indoors.", "",
             "Bye bye", "", "Ha ha ha ha", "", "New York New York", ""]
    assert assemble_text(_doc(lines)).split("\n\n") == [
        "Data Visualization", "man taking selfies indoors.", "Bye bye", "Ha ha ha ha", "New York New York"]
