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
named one: the site's name beside the headline on the page's ``<title>`` line, which a naive
scrape prints first ("Headline – City News"); else the holder a copyright footer names ("© 2025
City News. All rights reserved." → "City News"; the footer ``boilerplate`` removed as
``copyright_footer``), not a credit to the site's software or designer ("Forum software by
XenForo Ltd", "Theme by …"); failing that, the name a logo's alternative text gives among the
page's first ``LOGO_LINES`` lines ("Clever Hiker Logo"), not a word of the layout ("Brand Logo",
"Header logo"). Each is set only where ``page_header`` set none; nothing is removed.

A page whose head holds no date or byline may still print one elsewhere. The author: a byline
among the first ``AFTER_START`` lines of the article (a photo or a standfirst pushed the byline
below what was taken for the first paragraph), else among the other lines the title step read
above the article (a byline over a kicker and a standfirst above the headline). A byline's label
alone on its line ("By", "Written by") reads on into the next line, where a naive scrape that
breaks lines at links put the name. The date, in this order: a date alone on its line
among those lines; a line anywhere on the page that labels its date a publication ("Posted on …",
"Published: …", "Start date …", "asked …", "Veröffentlicht am …", "Publié le …"); else the first
that labels it an update ("Last updated …", "This page was last modified on …", "Stand: …"), the
only date many documentation and reference pages print, and the one htmldate falls back on in
HTML. A member's or a thread's own dates ("Joined: …", "Registered …", "Last active …", "Last
post: …") are never the page's.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.metadata import UPDATE_LABEL, is_date_only, parse_byline, parse_date, parse_dateline
from cleaners.patterns import key
from cleaners.title import TITLE_LINES, candidate_lines, first_paragraph, lines_near_start, title_line_readings

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
#: The page's first non-blank lines, where its logo stands.
LOGO_LINES = 40
#: A logo's alternative text: the site's name, "logo", and at most a word of its variant.
_LOGO = re.compile(
    r"^[\s•*\[]*(?P<name>[^\W_][\w&'’. -]{1,60}?)(?:'s|’s)?\s+logo"
    r"(?:\s+(?:white|black|dark|light|colou?r|horizontal|vertical|small|large|image|icon|svg|png|mobile|desktop))*"
    r"\]?$",
    re.I,
)
#: Words of a page's layout, not of a site's name ("Brand Logo", "Header logo", "Toggle Nav …").
_NOT_A_LOGO_NAME = re.compile(
    r"(?i)^(?:brand|publisher|company|site|main|primary|secondary|default|our|the|left|right|mobile|desktop"
    r"|white|black|dark|light|small|large|medium)$"
    r"|\b(?:logo|header|footer|toggle|nav|navigation|menu|click|link|go to|back to|home|homepage|icon|image)\b"
)
#: A byline's label alone on its line ("By", "Written by:", "Von"), the name on the next.
_BYLINE_LABEL = re.compile(r"(?i)(?:by|von|par|por|written by|text|texto|autor|autorin|author)\s*[:：]?")
#: What ends the name on the line after such a label ("Jane Doe | City Desk").
_FIRST_PART = re.compile(r"\s+[|•·]\s+")
#: Non-blank lines from the article's first paragraph where a date alone on its line is the page's.
AFTER_START = 15
#: A date line's own words beside the date are few ("Dec 17, 2025", "Mon, 12/01/2025 10:15").
MAX_DATE_ONLY_WORDS = 8
_BULLETS = r"^[\s•·*|–—-]*"
#: A line that labels its date the page's publication ("Posted on", "Published:", "Start date",
#: a Q&A page's "asked", "Veröffentlicht am", "Publié le"), at its start.
_PUBLISHED = re.compile(
    _BULLETS + r"(?:(?:date |first )?(?:posted|published|publication date|date published|submitted|created|asked"
    r"|start date|veröffentlicht|erschienen|publiziert|erstellt|publié|publicado|pubblicato)\b"
    r"|this (?:post|article|story|page) was (?:posted|published|submitted|created)\b)",
    re.I,
)
#: A line that labels its date an update ("Last updated", "This page was last modified on",
#: "This page was last edited on", "Stand:"), at its start.
_UPDATED = re.compile(
    _BULLETS + r"(?:(?:this (?:page|article|post) was )?(?:last )?(?:updated|modified|reviewed)\b"
    r"|(?:this (?:page|article|post) was )?last edited\b|zuletzt aktualisiert|aktualisiert|stand\s*:"
    r"|mis à jour|dernière mise à jour|actualizado|última actualización)",
    re.I,
)
#: Dates of a member or of a thread's activity, never the page's ("Joined: 4. Jul 2012",
#: "Registered: 2024-01-27", "Member since …", "Last active …", "Last post: …").
_NOT_THE_PAGES = re.compile(
    r"\b(?:joined|registered|member since|last (?:active|seen|post|visit|login|reply)|mitglied seit|registriert"
    r"|dabei seit|inscrit|miembro desde|registrado)\b",
    re.I,
)


def _window(doc: Document, candidates: list[int]) -> list[int]:
    """The lines between the headline (from ``ABOVE_TITLE`` lines above it) and the article's
    first paragraph; all the lines the title step read (``candidates``) when it named no title."""
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
        if found is None or _NOT_THE_PAGES.search(text):
            continue
        if UPDATE_LABEL.search(text) is None:
            return found
        updated = updated or found
    return updated


def _date_below_start(doc: Document, start_lines: list[int]) -> str | None:
    """A date alone on its line among the article's first lines (an update's is left to
    ``_labelled_date``, after any publication's)."""
    texts = doc.texts()
    for index in start_lines:
        text = texts[index]
        if (text.count(" ") < MAX_DATE_ONLY_WORDS and is_date_only(text) and UPDATE_LABEL.search(text) is None
                and _NOT_THE_PAGES.search(text) is None):
            return parse_date(text)
    return None


def _labelled_date(doc: Document) -> str | None:
    """The date of the page's first short line labelled a publication, else of its first labelled
    an update; read on every line, kept or removed (a date line is mostly removed)."""
    updated = None
    for text in doc.texts():
        if ("20" not in text and "19" not in text) or text.count(" ") >= MAX_WORDS:
            continue  # (every date pattern needs a year of 19xx or 20xx)
        published = _PUBLISHED.match(text) is not None
        if not published and (updated is not None or _UPDATED.match(text) is None):
            continue
        found = parse_date(text)
        if found is None or _NOT_THE_PAGES.search(text):
            continue
        if published:
            return found
        updated = found
    return updated


def _author(doc: Document, window: list[int]) -> str | None:
    """The author of the first short byline, or dateline naming one, in the window; a byline's
    label alone on its line ("By", "Written by") reads on into the next line: a naive scrape
    breaks a line at every link, and the author's name is one."""
    texts = doc.texts()
    for index, following in zip(window, window[1:] + [None]):
        text = texts[index]
        if text.count(" ") >= MAX_WORDS:
            continue
        name = parse_byline(text) or (parse_dateline(text) or {}).get("author")
        if not name and following is not None and _BYLINE_LABEL.fullmatch(text):
            name = parse_byline(f"{text.rstrip(':：')} {_FIRST_PART.split(texts[following])[0]}")
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
    """The site's name beside the headline in the page's ``<title>``, else the holder of the
    page's last copyright footer that names one, else the name of the site's logo at its top."""
    texts, content = doc.texts(), doc.content_indices()
    title = doc.metadata.get("title")
    if title:
        named = next(filter(None, (site_beside_title(texts[i], title) for i in content[:TITLE_LINES])), None)
        if named is not None:
            return named
    footers = [r.text for r in doc.removals if r.reason == "copyright_footer"]
    holder = next(filter(None, map(copyright_holder, reversed(footers))), None)
    if holder is not None:
        return holder
    return next(filter(None, (logo_name(texts[i]) for i in content[:LOGO_LINES])), None)


def site_beside_title(line: str, title: str) -> str | None:
    """The site's name a page's ``<title>`` sets beside its headline, as a naive scrape prints
    it on the first line ("Wild beat Sabres 4-1 – Twin Cities", "Opinion | Headline - The New
    York Times", "Site | Headline" → "Twin Cities", "The New York Times", "Site"): the line is the
    title the ``title`` step found with one short part more, at its end or its start."""
    wanted = key(title)
    if not wanted:
        return None
    for headline, other in title_line_readings(line):
        if headline == wanted and len(other.split()) <= MAX_HOLDER_WORDS:
            return other.strip() or None
    return None


def logo_name(line: str) -> str | None:
    """The name an image's alternative text gives a logo ("Clever Hiker Logo", "[Acme logo
    white]" → "Clever Hiker", "Acme"), or ``None`` (no logo, or a word of the page's layout
    such as "Brand Logo", "Header logo", "Toggle Nav Acme logo")."""
    found = _LOGO.match(line)
    if found is None:
        return None
    name = found.group("name").strip(" .-")
    if len(name.split()) > MAX_HOLDER_WORDS or _NOT_A_LOGO_NAME.search(name):
        return None
    return name


def find_article_header(doc: Document, config: PipelineConfig) -> Verdict:
    verdict = Verdict()
    if doc.kind == "html" or not config.header.article_header:
        return verdict
    missing_date, missing_author = not doc.metadata.get("date"), not doc.metadata.get("author")
    if missing_date or missing_author:
        start = first_paragraph(doc)
        candidates = candidate_lines(doc, start)
        window, start_lines = _window(doc, candidates), lines_near_start(doc, below=AFTER_START, start=start)
        if missing_date:
            verdict.metadata["date"] = (_date(doc, window) or _date_below_start(doc, start_lines)
                                        or _labelled_date(doc))
        if missing_author:
            # then the lines the title step read above the window (and the window's first: a
            # label above it may name it)
            above = candidates[:-len(window) or None] + window[:1]
            verdict.metadata["author"] = _author(doc, window) or _author(doc, start_lines) or _author(doc, above)
    if not doc.metadata.get("publisher"):
        verdict.metadata["publisher"] = _publisher(doc)
    return verdict
