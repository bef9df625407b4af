"""Turning the kept lines of a document back into article text.

Dumps wrap long paragraphs over several lines and separate paragraphs by blank lines, but some
scrapers print one paragraph per line with no blank line at all. A kept line therefore starts a
new paragraph unless it continues a wrapped line of the same block.

A text browser prints some texts twice on one line: an image's alternative text and its title,
or a label that a page shows in one form on phones and in another on screens, both rendered
("Data VisualizationData Visualization", "man taking selfies indoors. man taking selfies
indoors."). A kept line that is one text of three or more words (or 12 or more characters)
twice, glued or with one space between, comes out once (``undoubled``).

w3m draws a table with box-drawing characters, one text line per line of every cell, so a cell
that wraps ("Dartmouth Tuck School of" / "Business") is cut in two with the other cells of its
row in between. The kept lines of such a table become one paragraph, one line per table row,
each cell's lines joined and the cells separated by a tab (as HTML tables come out of
extraction), so the text reads row by row as the page shows it. Only the order of the kept
words changes; no word is added or left out.

A page that escaped its text twice shows HTML character references as text: "China&#39;s",
"&quot;backdoors&quot;", "Plumbing Fixtures &amp; Fittings" (2 of aeb-dev's 90 w3m dumps and
12 of wcxb-dev's 1,337 keep such a line in their text). A paragraph's references come out as
the characters they stand for (``unescaped``), as a browser would have shown them had the page
escaped once. A paragraph that shows markup (a tag, or "&lt;" / "&gt;") is a code sample or a
lesson about HTML, and keeps its references as printed. The lines themselves stay as printed:
the steps, their models and the removal log see the dump.
"""

from __future__ import annotations

import html
import re
import unicodedata

from cleaners.document import Document

_SENTENCE_END = re.compile(r"[.!?:;…。！？\"'”’)\]]$")
_WORD = re.compile(r"\w+")


def wrap_width(lines: list[str]) -> int:
    """The width a dump wrapped its lines at: its longest line (at least 60 columns)."""
    return max(max((len(line.rstrip()) for line in lines), default=0), 60)


#: A dump is wrapped when this many of its lines reach the wrap width (w3m and lynx fill most
#: prose lines to it); a naive scrape's or an extractor's lines are whole paragraphs, and one
#: that runs near the page's longest line would otherwise pass for wrapped.
MIN_FULL_LINES = 3
_FULL_SHARE = 0.95  # of the wrap width: a full line


def is_wrapped(lines: list[str], width: int | None = None) -> bool:
    """Whether a text browser wrapped these lines at ``width`` (the page's ``wrap_width``)."""
    width = wrap_width(lines) if width is None else width
    return sum(len(line.rstrip()) >= _FULL_SHARE * width for line in lines) >= MIN_FULL_LINES


def continues(previous: str, wrap_width: int) -> bool:
    """A line continues the previous one when that one was cut at the wrap width mid-sentence."""
    return len(previous) >= wrap_width * 0.85 and not _SENTENCE_END.search(previous)


#: The vertical bars w3m draws a table's cells between.
_TABLE_BARS = "│┃║"
_SPLIT_CELLS = re.compile(f"[{_TABLE_BARS}]")
#: A table's border: box-drawing characters only (it separates two rows).
_TABLE_BORDER = re.compile(r"^\s*[─━═┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╞╡╪╟╢╫╒╕╘╛╓╖╙╜]+\s*$")


def is_table_row(line: str) -> bool:
    """A line of a table drawn with box characters: it starts and ends with a cell's bar."""
    stripped = line.strip()
    return len(stripped) >= 2 and stripped[0] in _TABLE_BARS and stripped[-1] in _TABLE_BARS


def _is_table_line(line: str) -> bool:
    return is_table_row(line) or _TABLE_BORDER.match(line) is not None


#: Every character a table line needs one of: a row's bars, a border's box-drawing characters.
BOX_DRAWING = re.compile(r"[│┃║─━═┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╞╡╪╟╢╫╒╕╘╛╓╖╙╜]")


def table_lines(lines: list[str]) -> list[bool] | None:
    """Per line, whether it is a line of a box-drawn table (a row or a border); ``None`` when
    the page draws none. Most pages hold no box-drawing character: one scan of the page tells,
    instead of a test of every kept line and the lines before it."""
    if BOX_DRAWING.search("\n".join(lines)) is None:
        return None
    return [_is_table_line(line) for line in lines]


def paragraph_spans(doc: Document) -> list[list[int]]:
    """The kept content lines grouped into the paragraphs ``assemble_text`` makes of them (line
    indices, in order): the corpus-wide step (cleaners/corpus_lines.py) removes whole paragraphs
    and logs their input lines. A box-drawn table's kept lines are one paragraph."""
    lines = doc.lines
    width = wrap_width(lines)
    tables = table_lines(lines)
    spans: list[list[int]] = []
    previous_index = -2
    for index in doc.kept_content_indices():
        # two lines of one table: both are, and so is every line between them (rows, borders)
        if spans and tables is not None and all(tables[previous_index : index + 1]):
            spans[-1].append(index)
        elif spans and previous_index == index - 1 and continues(lines[previous_index].rstrip(), width) \
                and not (tables is not None and tables[index]):
            spans[-1].append(index)
        else:
            spans.append([index])
        previous_index = index
    return spans


def _table_text(lines: list[str], span: list[int]) -> str:
    """A box-drawn table's kept lines as its rows: one line per row (the lines between two
    borders), each cell's text joined over the row's lines, the cells separated by a tab."""
    rows: list[list[int]] = []
    for index in span:
        if _TABLE_BORDER.match(lines[index]):
            continue  # a kept border holds no text
        if rows and not any(_TABLE_BORDER.match(lines[i]) for i in range(rows[-1][-1] + 1, index)):
            rows[-1].append(index)
        else:
            rows.append([index])
    return "\n".join(_row_text([lines[i] for i in row]) for row in rows)


def _row_text(row_lines: list[str]) -> str:
    """One table row's lines as its cells' texts, tab-separated (line by line if they are no grid)."""
    cells = [_SPLIT_CELLS.split(line.strip())[1:-1] for line in row_lines]
    if any(len(line_cells) != len(cells[0]) for line_cells in cells):  # not one grid: line by line
        return " ".join(" ".join(line.split()) for line in row_lines)
    joined = (" ".join(" ".join(line_cells[k].split()) for line_cells in cells).strip() for k in range(len(cells[0])))
    return "\t".join(joined).strip("\t")


def undoubled(text: str) -> str:
    """``text`` once if it is one text of 3+ words or 12+ characters, holding a letter or digit,
    printed twice (glued, or with one space between); else ``text`` itself."""
    half, odd = divmod(len(text), 2)
    if odd and text[half] != " ":
        return text
    first = text[:half]
    if first != text[half + odd:] or not (len(first) >= 12 or first.count(" ") >= 2):
        return text
    return first if _WORD.search(first) else text


#: An HTML character reference with its closing ";", named or numeric. Legacy names without
#: it ("&copy" in "?a=1&copy=2") are left alone: in text they are more often part of a URL.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Markup shown as text: a tag, or an escaped angle bracket.
_SHOWS_MARKUP = re.compile(r"<[A-Za-z/!]|&(?:lt|gt|#0*6[02]|#[xX]0*3[cCeE]);")


def _character(reference: re.Match) -> str:
    """The character(s) a reference stands for; itself when that is no printable text (an
    unknown name, a control character, U+FFFD for an invalid number) or an angle bracket."""
    found = html.unescape(reference.group())
    if found == "\xa0":  # as decoding normalises a no-break space
        return " "
    if found and all(unicodedata.category(char) == "Cf" for char in found):
        return ""  # zero-width characters, which decoding drops as well
    if not found.isprintable() or "\ufffd" in found or found in ("<", ">"):
        return reference.group()
    return found


def unescaped(paragraph: str) -> str:
    """``paragraph`` with the HTML character references a page printed as text read as their
    characters ("it&#39;s" → "it's"), unless it shows markup (see the module's docstring)."""
    if "&" not in paragraph or ";" not in paragraph or _SHOWS_MARKUP.search(paragraph):
        return paragraph
    text = _REFERENCE.sub(_character, paragraph)
    return re.sub(r"(?<= ) +", "", text) if "  " in text else text


def _paragraph_text(lines: list[str], span: list[int]) -> str:
    if any(is_table_row(lines[i]) for i in span) and all(_is_table_line(lines[i]) for i in span):
        return unescaped(_table_text(lines, span))
    return unescaped(" ".join(undoubled(" ".join(lines[i].split())) for i in span))


def assemble_text(doc: Document) -> str:
    """Kept lines as paragraphs separated by one blank line, whitespace trimmed, a line printed
    twice once (``undoubled``), HTML references printed as text read (``unescaped``); a
    box-drawn table as one paragraph of its rows."""
    lines = doc.lines
    return "\n\n".join(_paragraph_text(lines, span) for span in paragraph_spans(doc))


def word_count(text: str) -> int:
    """Words as the benchmark counts them (runs of word characters)."""
    return len(_WORD.findall(text))
