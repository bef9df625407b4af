"""A page's own table of contents: its heading and the list of links to the page's sections.

Long articles and documentation pages open with "Table of contents" or "In this article" and a
list of their section headings, each a link to the heading further down. A text dump prints
the list as short lines, bulleted or numbered, in the shape of an article's own list, so the
line classifier keeps some of them; every entry then stands twice in the kept text (once in the
list, once as the heading), and the list says nothing the headings do not.

An entry is told by what it repeats: after a kept line that is one of the headings such a list
carries (``TOC_HEADINGS``), the kept lines that follow, each of which is (bullets and numbering
aside) the text of a later kept line, in page order, with other text between those later lines,
make the list; the first line that is not stops it. The later lines, the section headings, stay.
A heading with no such list after it goes too: the links it headed are gone already.

This step runs after the line classifier, over every page (text dumps and extracted HTML), so
the model's training candidates stay as they were. Reason code: ``table_of_contents``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import key

#: Headings of a page's table of contents (lower case; English, German, French, Spanish).
TOC_HEADINGS = frozenset({
    "table of contents", "contents", "in this article", "in this post", "on this page", "jump to section",
    "article contents", "inhaltsverzeichnis", "auf dieser seite", "in diesem artikel", "sommaire",
    "table des matières", "dans cet article", "sur cette page", "índice", "tabla de contenidos", "tabla de contenido",
    "en este artículo", "en esta página",
})
_MAX_HEADING_CHARS = 30  # the longest heading with a bullet or brackets around it

#: Bullets and an item number ("1.", "2)") in front of an entry.
_ENTRY_PREFIX = re.compile(r"^[\s•·*□■▪●◦○▶►▸>\-–—|+]*(?:\d{1,2}[.)]\s+)?")
_FRAME = " \t•*·-–—|>[]()"
#: An entry is a heading's text: longer lines are prose, which a list of links does not hold.
_MAX_ENTRY_WORDS = 15


def _entry_key(text: str) -> str:
    return key(_ENTRY_PREFIX.sub("", text))


def table_of_contents(texts: list[str], content: list[int], kept: list[int]) -> list[int]:
    """The lines (indices into ``texts``) of a table of contents: a heading of ``TOC_HEADINGS``
    among the ``content`` lines (kept or already removed: the classifier often takes a heading
    alone for a fragment) and the ``kept`` lines after it that are its entries (see the module).
    Both lists are in page order."""
    keys: list[str] | None = None  # each kept line's entry key, made once a heading is found
    found: list[int] = []
    # the headings: a line of ``TOC_HEADINGS`` as it stands (most), or once its frame is off
    headings = [i for i in content if len(texts[i]) <= _MAX_HEADING_CHARS and (
        texts[i].lower() in TOC_HEADINGS
        or ((texts[i][0] in _FRAME or texts[i][-1] in _FRAME)
            and " ".join(texts[i].strip(_FRAME).split()).lower() in TOC_HEADINGS))]
    for index in headings:
        found.append(index)
        if keys is None:
            keys = [_entry_key(texts[i]) for i in kept]
        first = bisect_right(kept, index)  # position in ``kept`` of the first line after the heading
        entries, matches = [], []
        for position in range(first, len(kept)):
            entry = keys[position]
            if not entry or len(entry.split()) > _MAX_ENTRY_WORDS:
                break
            # a later line than the entry itself and than the previous entry's section heading
            start = max(matches[-1] if matches else 0, position) + 1
            match = next((j for j in range(start, len(kept)) if keys[j] == entry), None)
            if match is None:
                break
            entries.append(kept[position])
            matches.append(match)
        # the section headings stand apart, each over its own text, and after the list: matches
        # side by side are a second copy of the list (a menu printed twice), not the sections
        if entries and matches[0] > first + len(entries) and all(b - a > 1 for a, b in zip(matches, matches[1:])):
            found += entries
    return found


def find_table_of_contents(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove a page's table of contents (its heading and entries) among the kept lines."""
    verdict = Verdict()
    if not config.contents.enabled:
        return verdict
    kept = doc.kept_content_indices()
    for index in table_of_contents(doc.texts(), doc.content_indices(), kept):
        if doc.kept[index]:  # a heading the classifier removed stays logged as it was
            verdict.remove(index, "table_of_contents")
    return verdict
