"""The page's date and author read from the lines around its headline, once the article's start
is known.

``page_header`` reads a date from the dateline next to the title it found from the top of the
dump; on a dump of a whole page it often found none (aeb-dev w3m: a date on 18 of 90 pages,
htmldate's reading of the same pages' HTML agreeing on 13). After the classifier and the
``title`` step the headline and the article's first paragraph are known, and a news page or a
blog post prints its date between them, or just above the headline. This step takes the first
short line there (at most ``MAX_WORDS`` words, ending no sentence) holding a full date, a line
that says it is an update ("Updated …", "Aktualisiert …", "Mis à jour …") only when no other line
has a date, since ``date`` is the publication date. The author likewise: the first short line
there that is a byline ("By Jane Doe", "Written by …", "Von …") or a dateline naming one
("Jane Doe | March 3, 2024"), as ``page_header`` reads them. Each is set only where
``page_header`` set none; nothing is removed.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.metadata import _parse_byline, _parse_dateline, parse_date
from cleaners.title import candidate_lines

#: A dateline or a byline is short; a longer line with a date or a name is a sentence.
MAX_WORDS = 15
#: Lines above the headline that may hold its date (a kicker line, a date above the title).
ABOVE_TITLE = 2
_UPDATE = re.compile(r"\b(?:updated|modified|aktualisiert|geändert|mis à jour|modifié|actualizado|actualización)\b",
                     re.I)


def _window(doc: Document) -> list[int]:
    """The lines between the headline (from ``ABOVE_TITLE`` lines above it) and the article's
    first paragraph; all the lines the title step read when it named no title."""
    candidates = candidate_lines(doc)
    title = doc.metadata.get("title")
    if not title:
        return candidates
    texts = doc.texts()
    at = next((k for k in range(len(candidates) - 1, -1, -1) if texts[candidates[k]].strip() == title.strip()), None)
    return candidates if at is None else candidates[max(at - ABOVE_TITLE, 0):]


def _date(doc: Document, window: list[int]) -> str | None:
    """The first date on a short line of the window, an update's only when no other line has one."""
    texts = doc.texts()
    updated = None
    for index in window:
        text = texts[index]
        if text.count(" ") >= MAX_WORDS or text.endswith((".", "!", "?")):
            continue
        found = parse_date(text)
        if found is None:
            continue
        if _UPDATE.search(text) is None:
            return found
        updated = updated or found
    return updated


def _author(doc: Document, window: list[int]) -> str | None:
    """The author of the first short byline, or dateline naming one, in the window."""
    texts = doc.texts()
    for index in window:
        text = texts[index]
        if text.count(" ") >= MAX_WORDS:
            continue
        name = _parse_byline(text) or (_parse_dateline(text) or {}).get("author")
        if name:
            return name
    return None


def find_article_header(doc: Document, config: PipelineConfig) -> Verdict:
    verdict = Verdict()
    if doc.kind == "html" or not config.header.article_header:
        return verdict
    missing_date, missing_author = not doc.metadata.get("date"), not doc.metadata.get("author")
    if not (missing_date or missing_author):
        return verdict
    window = _window(doc)
    if missing_date:
        verdict.metadata["date"] = _date(doc, window)
    if missing_author:
        verdict.metadata["author"] = _author(doc, window)
    return verdict
