"""Text dumps that number their links, read as the page shows its text.

``lynx -dump`` without ``-nolist`` (its default) prints a number in brackets before the text of
every link and form field, "Trump [17]tweeted before Election Day", and lists the targets after
the page under a line "References" ("   1. https://…", grouped under "Visible links:" and
"Hidden links:"); elinks prints the same (its sub-headings without the colon). The numbers are
none of the page's words: in a sentence they cut the benchmark's word shingles and the reader's
text, and the development dumps the models learnt from were made with ``-nolist``. Measured on
aeb-dev's pages dumped by lynx at 200 columns with its default list: F1 0.802 (P 0.710) against
0.959 with ``-nolist``; read so, 0.939 (README, Inputs, for lynx's and elinks's defaults).

``link_numbers_as_text`` (at decoding) takes the markers out of the lines above the list, when
the dump ends with such a list and its markers are mostly the list's numbers, in page order
(lynx numbers links as they come; elinks numbers a form's fields too, and lists only the
links): no line moves, so the removal log's line numbers stay the input's. Of two markers in a
row, "[53][1]", the first is lynx's and the second the link's own text (a citation's number):
only the first goes. The list itself, a run of addresses that the line model once took for a
page's densest text (and dropped the article for), goes whole in the ``link_references`` step,
before any other rule reads it (``find_link_references``, reason ``link_references``).

An entry is a number, a full stop and an address with its scheme (``https:``, ``file:``,
``mailto:``…), as lynx prints every one, or (elinks, for a link with a title) the title with the
address alone on the next line; the entries count up from 1 or so, nearly all of them have an
address, and few other lines come between (a mailto: link's body runs over lines), so a page's
own "References" section of citations ("1. ^ Smith, J. …") is no such list. A dump without one
is left as it is: the development dumps, ``-nolist`` all, have none.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict

#: lynx's heading over its link list, alone on its line at the left margin.
HEADING = "References"
#: An entry of the list: its number, a full stop and a space; then its address (lynx), or the
#: link's title with the address on the next line (elinks, for a link with a title).
_NUMBERED = re.compile(r"[ \t]*(\d{1,6})\. \S")
#: An address with its scheme, at the start of what it is matched against.
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,20}:\S*")
#: lynx's sub-headings in the list.
_GROUP = re.compile(r"[ \t]*(?:Visible|Hidden) links:?[ \t]*")
#: A marker, and a bracketed number right after it (the link's own text, kept).
_MARKER = re.compile(r"\[(\d{1,6})\](\[\d{1,6}\])?")
#: Markers a text needs above the list to be read so (and entries the list needs).
MIN_MARKERS = 2
#: Of the markers' numbers in page order, at least this share must be greater than the one before.
_MIN_RISING_SHARE = 0.9
#: The list's first entry: 1, or a little more when the first links are a form's (elinks).
_MAX_FIRST_NUMBER = 5
#: Of the markers' numbers, at least this share must be the list's.
_MIN_LISTED_SHARE = 0.8
#: Of the entries, at least this share carry an address.
_MIN_ADDRESS_SHARE = 0.9


def _listed_numbers(lines: list[str]) -> list[int] | None:
    """The entries' numbers of a link list (the lines after its heading), or None when those lines
    are no such list: entries numbered upwards from 1 (or a few more), nearly every one with an
    address (on its line, or alone on the next), sub-headings and blank lines between, and no
    more other lines than entries (an address that holds line breaks, a mailto: link's body,
    runs over several lines)."""
    numbers: list[int] = []
    addresses = others = 0
    for line in lines:
        if not line.strip() or _GROUP.fullmatch(line):
            continue
        entry = _NUMBERED.match(line)
        if entry is not None:
            numbers.append(int(entry.group(1)))
            addresses += _ADDRESS.match(line, entry.end() - 1) is not None
        elif _ADDRESS.fullmatch(line.strip()):
            addresses += 1
        else:
            others += 1
    if len(numbers) < MIN_MARKERS or numbers[0] > _MAX_FIRST_NUMBER or others > len(numbers) \
            or addresses < _MIN_ADDRESS_SHARE * len(numbers):
        return None
    return numbers if all(later > earlier for earlier, later in zip(numbers, numbers[1:])) else None


def link_list_start(lines: list[str]) -> int | None:
    """The index of the last "References" line when it starts the dump's closing list of
    numbered addresses, or None (a dump without such a line costs one scan of the list in C)."""
    if HEADING not in lines:
        return None
    index = len(lines) - 1 - lines[::-1].index(HEADING)
    return index if _listed_numbers(lines[index + 1:]) is not None else None


def link_numbers_as_text(text: str) -> tuple[str, int]:
    """The text with lynx's link numbers taken out above its link list, and how many lines changed."""
    if f"\n{HEADING}\n" not in text:
        return text, 0  # (most texts: told by one scan)
    lines = text.split("\n")
    start = link_list_start(lines)
    if start is None:
        return text, 0
    listed = set(_listed_numbers(lines[start + 1:]))
    body = "\n".join(lines[:start])
    numbers = [int(found.group(1)) for found in _MARKER.finditer(body)]
    # (elinks numbers a form's fields in the text too, and lists only the links)
    if len(numbers) < MIN_MARKERS or sum(number in listed for number in numbers) < _MIN_LISTED_SHARE * len(numbers):
        return text, 0
    rising = sum(later > earlier for earlier, later in zip(numbers, numbers[1:]))
    if rising < _MIN_RISING_SHARE * (len(numbers) - 1):
        return text, 0
    read = _MARKER.sub(lambda found: found.group(2) or "", body)
    changed = sum(old != new for old, new in zip(body.split("\n"), read.split("\n")))
    return "\n".join([read] + lines[start:]), changed


def columns_read_out(printed: str, read: str) -> dict[int, int]:
    """Line index -> the characters ``link_numbers_as_text`` took out of that line: the dump
    wrapped its lines with the markers in them, so a line's width as printed is its text's and
    these (``cleaners.reflow`` and ``text.paragraph_spans`` tell a wrapped line by it)."""
    return {index: len(before) - len(after)
            for index, (before, after) in enumerate(zip(printed.split("\n"), read.split("\n"))) if before != after}


def find_link_references(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove a text dump's closing list of numbered link addresses, its heading and sub-headings."""
    verdict = Verdict()
    if doc.kind != "text" or not config.decode.link_numbers:
        return verdict
    start = link_list_start(doc.lines)
    if start is not None:
        for index in range(start, len(doc.lines)):
            if doc.lines[index].strip():
                verdict.remove(index, "link_references")
    return verdict
