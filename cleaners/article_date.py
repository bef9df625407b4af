"""The page's date read from the lines around its headline, once the article's start is known.

``page_header`` reads a date from the dateline next to the title it found from the top of the
dump; on a dump of a whole page it often found none (aeb-dev w3m: a date on 18 of 90 pages,
htmldate's reading of the same pages' HTML agreeing on 13). After the classifier and the
``title`` step the headline and the article's first paragraph are known, and a news page or a
blog post prints its date between them, or just above the headline. This step takes the first
short line there (at most ``MAX_WORDS`` words, ending no sentence) holding a full date, a line
that says it is an update ("Updated …", "Aktualisiert …", "Mis à jour …") only when no other line
has a date, since ``date`` is the publication date. It sets ``date`` only where ``page_header``
set none, and removes nothing.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.metadata import parse_date
from cleaners.title import candidate_lines

#: A dateline is short; a longer line with a date is a sentence about something else.
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


def find_article_date(doc: Document, config: PipelineConfig) -> Verdict:
    verdict = Verdict()
    if doc.kind == "html" or doc.metadata.get("date") or not config.header.article_date:
        return verdict
    texts = doc.texts()
    updated = None
    for index in _window(doc):
        text = texts[index]
        if text.count(" ") >= MAX_WORDS or text.endswith((".", "!", "?")):
            continue
        found = parse_date(text)
        if found is None:
            continue
        if _UPDATE.search(text) is None:
            verdict.metadata["date"] = found
            return verdict
        updated = updated or found
    verdict.metadata["date"] = updated
    return verdict
