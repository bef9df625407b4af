"""Text dumps that number their links, read as the page shows its text.

``lynx -dump`` without ``-nolist`` (its default) prints a number in brackets before the text of
every link and form field, "Trump [17]tweeted before Election Day", and lists the targets after
the page under a line "References" ("   1. https://…", grouped under "Visible links:" and
"Hidden links:"); elinks prints the same. The numbers are none of the page's words: in a
sentence they cut the benchmark's word shingles and the reader's text, and the development dumps
the models learnt from were made with ``-nolist``. Measured on aeb-dev's pages dumped by lynx at
200 columns with its default list: F1 0.802 (P 0.710) against 0.959 with ``-nolist``.

``link_numbers_as_text`` (at decoding) takes the markers out of the lines above the list, when
the dump ends with such a list and its markers are the list's numbers in page order (lynx
numbers links as they come): no line moves, so the removal log's line numbers stay the input's.
Of two markers in a row, "[53][1]", the first is lynx's and the second the link's own text (a
citation's number): only the first goes. The list itself, a run of addresses that the line
model once took for a page's densest text (and dropped the article for), goes whole in the
``link_references`` step, before any other rule reads it (``find_link_references``, reason
``link_references``). An entry is a number, a full stop and an address with its scheme
(``https:``, ``file:``, ``mailto:``…), as lynx prints every one; a page's own "References"
section of citations ("1. ^ Smith, J. …") is no such list. A dump without one is left as it is:
the development dumps, ``-nolist`` all, have none.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict

#: lynx's heading over its link list, alone on its line at the left margin.
_HEADING = re.compile(r"^References[ \t]*$", re.M)
#: An entry of the list: its number, a full stop, a space and the target with its scheme.
_ENTRY = re.compile(r"^[ \t]*(\d{1,6})\. [A-Za-z][A-Za-z0-9+.-]{0,20}:\S*", re.M)
#: lynx's sub-headings in the list.
_GROUP = re.compile(r"^[ \t]*(?:Visible|Hidden) links:[ \t]*$")
#: A marker, and a bracketed number right after it (the link's own text, kept).
_MARKER = re.compile(r"\[(\d{1,6})\](\[\d{1,6}\])?")
#: Markers a text needs above the list to be read so.
MIN_MARKERS = 2
#: Of the markers' numbers in page order, at least this share must be greater than the one before.
_MIN_RISING_SHARE = 0.9


def link_numbers_as_text(text: str) -> tuple[str, int]:
    """The text with lynx's link numbers taken out above its link list, and how many lines changed."""
    if "\nReferences" not in text:
        return text, 0  # (most texts: told by one scan for the heading's first letters)
    headings = list(_HEADING.finditer(text))
    if not headings:
        return text, 0
    heading = headings[-1]
    listed = {int(found.group(1)) for found in _ENTRY.finditer(text, heading.end())}
    if len(listed) < MIN_MARKERS:
        return text, 0
    body = text[: heading.start()]
    numbers = [int(found.group(1)) for found in _MARKER.finditer(body)]
    if len(numbers) < MIN_MARKERS or not set(numbers) <= listed:
        return text, 0
    rising = sum(later > earlier for earlier, later in zip(numbers, numbers[1:]))
    if rising < _MIN_RISING_SHARE * (len(numbers) - 1):
        return text, 0
    read = _MARKER.sub(lambda found: found.group(2) or "", body)
    changed = sum(old != new for old, new in zip(body.split("\n"), read.split("\n")))
    return read + text[heading.start():], changed


def link_list_start(lines: list[str]) -> int | None:
    """The index of the "References" line that starts the dump's closing list of numbered
    addresses (every line after it an entry, a sub-heading or blank; two entries or more), or
    None. Read up from the last line, so that a dump without one costs a look at its last lines."""
    index, entries = len(lines) - 1, 0
    while index >= 0:
        line = lines[index]
        if line.strip() and not _GROUP.match(line):
            if not _ENTRY.match(line):
                break
            entries += 1
        index -= 1
    if index >= 0 and entries >= MIN_MARKERS and _HEADING.fullmatch(lines[index]):
        return index
    return None


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
