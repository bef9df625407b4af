"""The page's date, author and publisher, read from the lines around its headline once the
article's start is known, and from its copyright footer.

``page_header`` reads a date from the dateline next to the title it found from the top of the
dump; on a dump of a whole page it often found none (aeb-dev w3m: a date on 18 of 90 pages,
htmldate's reading of the same pages' HTML agreeing on 13). After the classifier and the
``title`` step the headline and the article's first paragraph are known, and a news page or a
blog post prints its date between them, or just above the headline. This step takes the first
short line there (at most ``MAX_WORDS`` words, ending no sentence) holding a full date, a line
that says it is an update ("Updated …", "Aktualisiert …", "Mis à jour …") only when no other line
has a date, since ``date`` is the publication date. The author likewise: the first short line
there that is a byline ("By Jane Doe", "Written by …", "Von …") or a dateline naming one
("Jane Doe | March 3, 2024"), as ``page_header`` reads them. The publisher, when no dateline
named one: the holder a copyright footer names ("© 2025 City News. All rights reserved." →
"City News"; the footer ``boilerplate`` removed as ``copyright_footer``), not a credit to the
site's software or designer ("Forum software by XenForo Ltd", "Theme by …"). Each is set only
where ``page_header`` set none; nothing is removed.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.metadata import UPDATE_LABEL, parse_byline, parse_date, parse_dateline
from cleaners.title import candidate_lines

#: A dateline or a byline is short; a longer line with a date or a name is a sentence.
MAX_WORDS = 15
#: Lines above the headline that may hold its date (a kicker line, a date above the title).
ABOVE_TITLE = 2
_COPYRIGHT_MARK = re.compile(r"©|Ⓒ|\(c\)|&copy;|\bcopyright\b|\bcopyrights\b", re.I)
_YEARS = re.compile(r"\b(?:19|20)\d{2}\b(?:\s*[-–/]\s*(?:(?:19|20)\d{2}|\d{2}|present|today|heute))?", re.I)
_RESERVED = re.compile(r"(?i)all rights reserved|alle rechte vorbehalten|tous droits réservés"
                       r"|todos los derechos reservados")
_PARTS = re.compile(r"[|•·]|\.(?:\s|$)")
# a credit to the site's software or designer, or a link or an image's text glued on
_NOT_A_HOLDER = re.compile(r"(?i)\b(?:software|platform|powered|theme|designed|developed|built|hosted|template"
                           r"|wordpress|by|logo|contact)\b|https?://|[@#\d]")
#: A holder's name is short; a longer rest is a sentence.
MAX_HOLDER_WORDS = 6


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
        if UPDATE_LABEL.search(text) is None:
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
        name = parse_byline(text) or (parse_dateline(text) or {}).get("author")
        if name:
            return name
    return None


def copyright_holder(line: str) -> str | None:
    """The name a copyright line gives its holder ("© 2019-2025 City News Ltd. All rights
    reserved." → "City News Ltd"), or ``None`` (no mark, no name, or a software credit)."""
    if not _COPYRIGHT_MARK.search(line):
        return None
    rest = _RESERVED.sub("|", _YEARS.sub(" ", _COPYRIGHT_MARK.sub(" ", line)))
    parts = [" ".join(part.split()).strip(" ,;:-–—") for part in _PARTS.split(rest)]
    name = next((part for part in parts if part), "")
    if not name or not name[0].isupper() or len(name.split()) > MAX_HOLDER_WORDS or _NOT_A_HOLDER.search(name):
        return None
    return name


def _publisher(doc: Document) -> str | None:
    """The holder of the page's last copyright footer that names one."""
    footers = [r.text for r in doc.removals if r.reason == "copyright_footer"]
    return next(filter(None, map(copyright_holder, reversed(footers))), None)


def find_article_header(doc: Document, config: PipelineConfig) -> Verdict:
    verdict = Verdict()
    if doc.kind == "html" or not config.header.article_header:
        return verdict
    missing_date, missing_author = not doc.metadata.get("date"), not doc.metadata.get("author")
    if missing_date or missing_author:
        window = _window(doc)
        if missing_date:
            verdict.metadata["date"] = _date(doc, window)
        if missing_author:
            verdict.metadata["author"] = _author(doc, window)
    if not doc.metadata.get("publisher"):
        verdict.metadata["publisher"] = _publisher(doc)
    return verdict
