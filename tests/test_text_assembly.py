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


def test_html_references_printed_as_text_are_read_as_their_characters():
    """A page that escaped its text twice prints "&#39;" where its reader should see "'"."""
    lines = ["A guest holds her phone during Huawei&#39;s press conference, &quot;live&quot;.", "",
             "Plumbing Fixtures &amp; Fittings &ndash; Caf&eacute; prices&nbsp;&#x2014; 5&#8203;0", ""]
    assert assemble_text(_doc(lines)).split("\n\n") == [
        "A guest holds her phone during Huawei's press conference, \"live\".",
        "Plumbing Fixtures & Fittings – Café prices — 50"]


def test_a_paragraph_that_shows_markup_keeps_its_references():
    """Code samples and lessons about HTML show references on purpose."""
    lines = [">>> Markup('<em>Marked up</em> &raquo; HTML').striptags()", "",
             "Write &lt;b&gt; for bold, and &amp;amp; for an ampersand.", "",
             "Links such as ?page=2&copy=1 and names like &unknown; stay; &#0; and &#x110000; too.", ""]
    assert assemble_text(_doc(lines)).split("\n\n") == [line for line in lines if line]


def test_no_reference_escaped_twice_is_left_in_the_text_of_the_development_dumps(bench_dir):
    """Every wcxb-dev dump that prints HTML references in its lines comes out with none the rule
    would read left in its text, and the removal log holds the lines as the dump printed them."""
    from cleaners.config import PipelineConfig
    from cleaners.pipeline import clean_bytes
    from cleaners.text import unescaped

    reference = re.compile(r"&(?:#[0-9]+|[a-z]+);")
    dumps = [path for path in sorted((bench_dir / "wcxb-dev" / "dumps" / "w3m").glob("*.txt"))
             if reference.search(path.read_bytes().decode("utf-8", "replace"))]
    assert len(dumps) >= 10
    kept_one = 0
    for path in dumps:
        result = clean_bytes(path.read_bytes(), path.stem, path.name, "text", PipelineConfig())
        doc = result.document
        assert all(unescaped(paragraph) == paragraph for paragraph in result.text.split("\n\n"))
        kept_one += any(reference.search(doc.lines[i]) for i in doc.kept_content_indices())
        assert all(removal.text == doc.lines[removal.line_no - 1] for removal in doc.removals)
    assert kept_one >= 5  # the texts of these pages did show the repair


#: A news story's paragraph, wrapped at 80 columns as w3m wraps it: its third line happens to
#: end a sentence ("... until then.") where the next word would not have fitted.
STORY = ("The council approved the new cycle lanes on Tuesday after a debate that lasted most of "
         "the evening. The vote was nine to four. Work on the first lane, along the river road, "
         "starts in the spring. Cyclists will share the road until then. It should take about four "
         "months to finish if the weather holds. The contractor has agreed to keep one lane of the "
         "road open throughout.")
STORY_END = "The second lane follows next year, once the bridge over the canal has been widened."


def test_a_wrapped_line_that_ends_a_sentence_is_no_paragraph_end():
    from tests.wrapping import wrap

    lines = wrap(STORY, 80) + [""] + wrap(STORY_END, 80)
    assert lines[2].endswith("until then.")  # the cut falls after a full stop
    assert paragraph_spans(_doc(lines)) == [[0, 1, 2, 3, 4], [6, 7]]
    assert assemble_text(_doc(lines)) == f"{STORY}\n\n{STORY_END}"


def test_a_short_line_a_bulleted_line_and_an_unwrapped_page_keep_their_paragraphs():
    from tests.wrapping import wrap

    story = wrap(STORY, 80)
    # a short last line ends its paragraph whatever follows
    assert paragraph_spans(_doc(story + ["Next paragraph, printed without a blank line."])) == [[0, 1, 2, 3, 4], [5]]
    # a full line ending a sentence above a bulleted or numbered item: the item starts its own paragraph
    for item in ("• Lane opening dates are listed on the council's site", "2. Lane opening dates"):
        assert paragraph_spans(_doc(story[:3] + [item]))[-1] == [3]
    # a page of one paragraph per line (a naive scrape): no line reaches a wrap width, none joins
    unwrapped = [STORY, STORY_END, STORY.replace("council", "board"), "Short closing line."]
    assert paragraph_spans(_doc(unwrapped)) == [[0], [1], [2], [3]]
    # nor where its paragraphs run about as long as one another: at the widest line's width,
    # but each ends a sentence, which a browser's wrapping seldom does
    same_length = [STORY, STORY.replace("council", "board"), STORY.replace("council", "city"), STORY_END]
    assert paragraph_spans(_doc(same_length)) == [[0], [1], [2], [3]]


def test_a_long_address_alone_on_its_line_does_not_hide_the_wrap_width():
    """A text browser prints a word longer than its width (an address) whole on a line of its
    own; the width the paragraphs were wrapped at is still that of the lines of two words."""
    from tests.wrapping import wrap

    address = "https://example.org/" + "very-long-path-segment/" * 12
    lines = [address, ""] + wrap(STORY, 80)
    assert len(address) > 200
    assert paragraph_spans(_doc(lines)) == [[0], [2, 3, 4, 5, 6]]


def test_the_rest_of_a_sentence_after_a_link_joins_it_in_a_naive_scrape():
    """BeautifulSoup's ``get_text("\\n")`` (aeb-dev's bs4 dumps) breaks a line at every link: a
    line starting with the rest of the sentence (a comma, a full stop, a possessive) goes on with
    it, glued as the page shows it; a list's items and a line starting with a word keep their own
    lines ("The ministry's" is the page's longest line, which ``continues`` reads as cut)."""
    from bench.renderings import bs4_dump

    html = ("<p>The court also banned crop burning. Yet <a href='/a'>fires have continued</a>, showing "
            "that enforcement is a problem. The ministry's <a href='/b'>report</a>. More later.</p>"
            "<p>Read the <a href='/c'>Guardian</a>’s coverage too.</p>"
            "<ul><li>apples</li><li>pears, washed</li></ul><p>Next paragraph.</p>")
    lines = bs4_dump(html).strip().split("\n")
    assert ", showing that enforcement is a problem. The ministry's" in lines  # as BeautifulSoup prints it
    assert assemble_text(_doc(lines)).split("\n\n") == [
        "The court also banned crop burning. Yet",
        "fires have continued, showing that enforcement is a problem. The ministry's report. More later.",
        "Read the Guardian’s coverage too.",  # a line ending with "the" goes on too (next test)
        "apples", "pears, washed", "Next paragraph."]


def test_a_naive_scrapes_line_cut_before_a_link_mid_sentence_joins_the_next():
    """A line of a naive scrape that ends with an article, a preposition or a conjunction (English,
    German, French, Spanish), with a comma before a lower-case line or with an opening quotation
    mark, or a line that starts with an article or a conjunction, or with one space and a word in
    lower case (BeautifulSoup keeps the space after a link), under a line that ends no clause, is
    cut before or after a link inside one sentence: the lines go on as one paragraph."""
    from bench.renderings import bs4_dump

    html = ("<p>Protein keeps you full for longer, according to <a href='/s'>a study of 19 people</a> from "
            "2005.</p>"
            "<p><a href='/c'>CBS DFW reports</a> the man who took the child was arrested.</p>"
            "<p>At the time, <a href='/a'>officials</a> said the centres were full.</p>"
            "<p>Football food is “<a href='/f'>comfort food</a>” above all.</p>"
            "<p>Mehr dazu lesen Sie in der <a href='/d'>Dokumentation</a>.</p>"
            "<p>Frankly it would be amazing if forums still\nsolved the problem they were made for.</p>")
    lines = bs4_dump(html).strip().split("\n")
    assert "Protein keeps you full for longer, according to" in lines and " the man who took the child was arrested." in lines
    assert assemble_text(_doc(lines)).split("\n\n") == [
        "Protein keeps you full for longer, according to a study of 19 people from 2005.",
        "CBS DFW reports the man who took the child was arrested.",
        "At the time, officials said the centres were full.",
        "Football food is “comfort food” above all.",
        "Mehr dazu lesen Sie in der Dokumentation.",
        "Frankly it would be amazing if forums still solved the problem they were made for."]


def test_headings_menus_and_code_of_a_naive_scrape_keep_their_lines():
    """What ends or starts a line of code ("{", "from", "for"), an English particle ("Sign in"),
    a word of one language that is another's article ("die") and an indented line are no cut
    inside a sentence."""
    kept_apart = [
        ["import os", "from pathlib import Path"],
        ["for name in names:", "    print(name)"],
        ["function square(n) {", "return n * n;", "}"],
        ["Sign in", "Register"],
        ["Never say die", "The film returns to cinemas."],
        ["Related stories", "  the best of the week"],
        ["Ingredients,", "Method"],
        ["2. Virtual production", " a. First looks"],
        ["Subscribe to our newsletter.", " the best of the week"],
        ["iPhone 16 Plus Parts", "iPhone 16 Pro Parts"],  # a list's items in title case
        ["a shampoo or conditioner bar", "low-waste deodorant"],  # short lower-case items
        ["total = price * count for each line", "then print the total of the order"],  # code
    ]
    for lines in kept_apart:
        assert paragraph_spans(_doc(lines)) == [[i] for i in range(len(lines))], lines


def test_the_development_dumps_paragraphs_match_the_references(bench_dir):
    """aeb-dev's w3m and lynx dumps come out in their references' paragraphs (``bench/paragraphs.py``):
    a boundary inside a reference paragraph was 144 of 2,040 (w3m) and 43 of 1,939 (lynx) before
    a wrapped line ending a sentence was read as cut; 22 of 1,917 and 4 of 1,897 since."""
    from bench.paragraphs import boundary_errors
    from cleaners.config import PipelineConfig
    from cleaners.pipeline import clean_bytes

    gold_dir = bench_dir / "aeb-dev" / "gold"
    for rendering, most in (("w3m", 40), ("lynx", 15)):
        false = total = 0
        for path in sorted((bench_dir / "aeb-dev" / "dumps" / rendering).glob("*.txt")):
            text = clean_bytes(path.read_bytes(), path.stem, path.name, "text", PipelineConfig()).text
            splits, _joins, boundaries = boundary_errors(text, (gold_dir / path.name).read_text(encoding="utf-8"))
            false, total = false + splits, total + boundaries
        assert total > 1500 and false <= most, (rendering, false, total)


def test_a_bulleted_items_next_lines_hanging_under_its_text_are_one_paragraph_with_it():
    """w3m sets a list item's wrapped lines under its text, after the bullet: they go on with the
    item (in the view of a narrow dump and in the text), and the next item starts its own."""
    from cleaners.text import cut_at_width
    from tests.wrapping import wrap

    item = wrap("All schools and colleges are now open in the region and attendance has reached 98 per "
                "cent, the government told parliament on Wednesday. Officials said exams would go ahead.", 76)
    lines = ["  • " + item[0]] + ["    " + line for line in item[1:]] + ["  • Next item"]
    assert all(len(line) <= 80 for line in lines)
    assert cut_at_width(lines[0], lines[1], 80)
    assert not cut_at_width(lines[-2], lines[-1], 80)  # a bullet starts an item of its own
    assert not cut_at_width("  Plain text that runs to the width of the dump, then stops here.", lines[1], 80)
    doc = _doc(lines + [""] + wrap(STORY, 80))  # a wrapped story under the list: the dump is wrapped
    assert paragraph_spans(doc)[0] == list(range(len(lines) - 1))
