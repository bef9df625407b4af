"""The page header: title, dateline and byline taken out of the body into metadata.

* ``title``: the headline line just above the article (a short line that does not end like a
  sentence, right before the dateline/byline or the first paragraph). It is removed (reason
  ``title``). A dump whose first line is already running prose has no title (``None``).
* ``date``: ISO 8601 calendar date, always ``YYYY-MM-DD`` (times are dropped), read from the
  dateline/byline next to the title, never from a "today's date" in a header bar above it.
  Understands numeric dates (``2017-12-12``, ``12.03.2023``, ``2017/12/12``), English, German,
  French and Spanish month names (``November 25, 2019``, ``12. März 2023``, ``12 mars 2023``,
  ``12 de marzo de 2023``) and ``2019年11月25日``. A date with slashes (``03/12/2024``) is read
  month first, as in English, unless the day cannot be a month or the line's words are those of
  a language that writes the day first (``Mis à jour le 12/03/2024 à 14h30``,
  ``Publicado em 12/03/2024``).
* ``publisher`` and ``author``: from the same lines (``Xinhua | Updated: …``,
  ``(People's Daily Online) 14:36, …``, ``By Jane Doe``, ``Von …``, ``Ein Kommentar von …``,
  ``Par …``, ``Por …``).
* Dateline lines are removed as ``dateline``, byline lines (an author, maybe a date) as
  ``byline``. Only short lines in the header region are touched, so prose that mentions a date
  is never removed.
"""

from __future__ import annotations

import re
from datetime import date

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import (
    HOME_WORDS, LOGIN_WORDS, NAV_WORDS, RECIPE_BUTTON, RELATED_HEADINGS, SOCIAL_WORDS, ends_sentence, is_prose, key,
    memo, norm, words,
)

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12, "okt": 10, "dez": 12, "mär": 3, "mrz": 3, "jän": 1,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_DATE_PATTERNS = [
    re.compile(rf"(?<!\d){_YEAR}[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d)"),
    re.compile(rf"{_YEAR}\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日"),
    re.compile(rf"(?<![\w.])(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?{_YEAR}(?!\d)"),
    re.compile(rf"(?<![\w/])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/{_YEAR}(?!\d)"),
    re.compile(rf"(?<!\w)(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?(?P<mn>{_MONTH})\.?,?\s+(?:de\s+)?{_YEAR}(?!\d)", re.I),
]
_TIME = re.compile(r"(?<!\d)(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.|Uhr|h))?|\d{1,2}h\d{2})(?!\d)", re.I)
_WEEKDAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|"
    r"vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b\.?,?",
    re.I,
)
#: German weekday abbreviations ("Mi., 13.03.2024"), only right before a number ("so" and "do"
#: are words too): taken out before the dates are.
_WEEKDAY_ABBREVIATION = re.compile(r"\b(?:Mo|Di|Mi|Do|Fr|Sa|So)\.?,?(?=\s*\d)")
_DATE_LABEL = re.compile(
    r"\b(updated|published|posted|last updated|modified|date|on|at|am|um|stand|veröffentlicht|"
    r"aktualisiert|erstellt|geändert|datum|publiziert|publié|mis à jour|le|à|publicado|actualizado|el|a las|às|em|"
    r"source|quelle|fuente|"
    r"发布时间|更新时间|来源|time|edt|est|gmt|utc|cet|cest|bst|pst|pdt|bjt)\b[:：]?",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:by|from|von|par|por|di|door|written by|text|texto|autor|autorin|author|作者|记者"
    # "Ein Kommentar von …", "Eine Analyse von …", "Un article de …", "A column by …"
    r"|ein (?:artikel|kommentar|gastbeitrag|beitrag|interview|essay) von"
    r"|eine (?:analyse|reportage|kolumne|glosse|rezension|kritik) von|un article (?:de|par)"
    r"|an? (?:article|column|story|essay|analysis|commentary) by)\s*[:：]?\s+"
    r"(?P<name>[^\d|]{2,80}?)\s*$",
    re.I,
)
PERSON_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ\u4e00-\u9fff][\w'’.\-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|van|von|de|da|del|der|la|le|di|y|and|und|et|&))*$")
_SOURCE_LABEL = re.compile(r"^(?:source|quelle|fuente|source de l'article|来源)\s*[:：]\s*", re.I)
_UI_TEXT = re.compile(
    r"[\[\]→←↑↓›»<>{}=©®™]|\b(?:icon|image credit|photo credit|credit|navigation|table of contents|"
    r"contents|privacy|cookies?|newsletter|inbox|subscribe|sign up|log in|login|menu|search|"
    r"advertisement|inhaltsverzeichnis|datenschutz|sommaire|índice"
    # a recipe card's buttons over the story ("Jump to Recipe Print Recipe")
    r"|" + RECIPE_BUTTON + r")\b",
    re.I,
)
_CRUMB_CHARS = re.compile(r"[>»›/]")
#: A dateline that says it is an update: ``date`` is the publication date, so another dateline's
#: date wins over it.
UPDATE_LABEL = re.compile(r"\b(?:updated|modified|aktualisiert|geändert|mis à jour|modifié|actualizado|actualización)\b",
                          re.I)

_MIN_WORDS_UNANCHORED_TITLE = 4  # a title with no dateline under it needs this many words
_NOT_A_NAME = frozenset(
    "as of|as at|since|until|till|from|to|on|in|by|before|after|bis|seit|ab|vom|am|depuis|jusqu au|"
    "desde|hasta|the|a|an|der|die|das|le|la|les|el|los|las".split("|")
)


#: Words of a dateline in a language that writes the day first: "Mis à jour le 12/03/2024 à
#: 14:30" is the 12th of March (an English "3/12/2024" stays month first; German "am" is left
#: out, as it is also the English "4:12 am").
_DAY_FIRST = re.compile(
    r"\b(?:le|à|um|uhr|stand|veröffentlicht|aktualisiert|publié|mis à jour|el|publicado|actualizado|"
    r"às|em|del|alle|pubblicato|aggiornato)\b|\d{1,2}h\d{2}",
    re.I,
)


def parse_date(text: str) -> str | None:
    """The first full calendar date in ``text`` as ``YYYY-MM-DD``, or ``None``."""
    if "19" not in text and "20" not in text:
        return None  # every pattern needs a 19xx/20xx year
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            year = int(parts["y"])
            if parts.get("mn"):
                month = MONTHS.get(parts["mn"].lower().rstrip("."))
                day = int(parts["d"])
            elif parts.get("a"):
                first, second = int(parts["a"]), int(parts["b"])
                day_first = first > 12 or (second <= 12 and _DAY_FIRST.search(text) is not None)
                month, day = (second, first) if day_first else (first, second)
            else:
                month, day = int(parts["m"]), int(parts["d"])
            if month is None:
                continue
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                continue
    return None


def _strip_date_material(text: str) -> str:
    """What is left of a line once dates, times, weekdays and date labels are taken out."""
    text = _WEEKDAY_ABBREVIATION.sub(" ", text)
    for pattern in _DATE_PATTERNS:
        text = pattern.sub(" ", text)
    text = _TIME.sub(" ", text)
    text = _WEEKDAY.sub(" ", text)
    text = _DATE_LABEL.sub(" ", text)
    return text


def is_date_only(text: str) -> bool:
    """Whether a line holds a full date and nothing else but times, weekdays and date labels
    ("Last updated: January 12, 2026.", "Aktualisiert am 3. März 2024, 10:15 Uhr")."""
    return parse_date(text) is not None and not _strip_date_material(text).strip(" ,.;:()[]|·•-–—")


def parse_byline(text: str) -> str | None:
    match = _BYLINE.match(text)
    if not match:
        return None
    name = match.group("name").strip(" ,;-–—")
    name = re.split(r"\s*[,;|]\s*|\s+[-–—]\s+", name)[0].strip()
    if not name or words(name) > 6 or not PERSON_NAME.match(name):
        return None
    return name


def parse_dateline(text: str) -> dict[str, str | None] | None:
    """Date, publisher and author of a short dateline/byline line, or ``None`` if it is not one."""
    found_date = parse_date(text)
    if found_date is None:
        return None
    publisher = author = None
    leading = re.match(r"^\(([^()]{2,60})\)", text)
    if leading and parse_date(leading.group(1)) is None:
        publisher = leading.group(1).strip()
        rest = text[leading.end():]
    else:
        rest = text
    leftover_parts = []
    for segment in re.split(r"\s*[|｜·•]\s*|\s+[-–—]\s+", rest):
        segment = segment.strip(" ,;")
        if not segment:
            continue
        name = parse_byline(_strip_date_material(segment).strip(" ,;"))
        if name:
            author = author or name
            continue
        left = _SOURCE_LABEL.sub("", _strip_date_material(segment)).strip(" ,;:()[]")
        left = norm(left)
        if not left:
            continue
        by = re.match(r"^(?:by|von|par|por)\s+(.+)$", left, re.I)
        if by:  # "Posted on March 3, 2020 by admin": an author, never a publisher
            name = parse_byline(left)
            author = author or name
            continue
        leftover_parts.append(left)
    # Whatever is left must be a short name (the publisher), nothing like prose.
    if len(leftover_parts) > 1 or any(words(p) > 5 or ends_sentence(p) for p in leftover_parts):
        return None
    if leftover_parts and re.search(r"\d", leftover_parts[0]):
        return None
    if leftover_parts and key(leftover_parts[0]) in _NOT_A_NAME:
        return None
    if leftover_parts and publisher is None:
        publisher = leftover_parts[0]
    elif leftover_parts:
        return None
    return {"date": found_date, "publisher": publisher, "author": author}


def _is_title_like(text: str) -> bool:
    text = norm(text)
    n = words(text)
    if n < 2 or n > 25 or len(text) < 10 or len(text) > 200:
        return False
    if text.endswith((".", ":", ",", ";", "…", "。")) and not text.endswith("..."):
        return False
    k = key(text)
    if k in NAV_WORDS or k in SOCIAL_WORDS or k in LOGIN_WORDS:
        return False
    if _NO_TITLE_MARK.search(text):
        return False
    if parse_date(text) is not None:
        return False
    if _WELCOME.match(text) or is_ui_text(text):
        return False
    first_letter = next((c for c in text if c.isalpha()), "")
    if first_letter.islower():
        return False
    return bool(_ANY_WORD_CHAR.search(text)) and not text.startswith(("(", "["))


#: A breadcrumb's or a site title's separator, a leading symbol, a URL: no headline.
_NO_TITLE_MARK = re.compile(r"\s[>»›]\s|^\W|[|｜]|https?://|www\.")
_WELCOME = re.compile(r"^(welcome to|willkommen|bienvenue|bienvenido)\b", re.I)
_ANY_WORD_CHAR = re.compile(r"\w")


#: ``_is_title_like`` memoised: the title step asks it of the lines the header step read.
is_title_like = memo(_is_title_like)


def _ui_text(text: str) -> bool:
    """Whether a line names a control, a credit or a site section (``_UI_TEXT``): no headline."""
    return _UI_TEXT.search(text) is not None


#: ``_ui_text`` memoised: the title step asks it of the lines the header step asked it of.
is_ui_text = memo(_ui_text)

_FURNITURE_WORDS = NAV_WORDS | SOCIAL_WORDS | LOGIN_WORDS | RELATED_HEADINGS

_CRUMB_SPLIT = re.compile(r"\s+[>»›/]\s+")


def _breadcrumb_tail(text: str) -> str | None:
    if not _CRUMB_CHARS.search(text):
        return None  # no separator: one part
    parts = [p.strip() for p in _CRUMB_SPLIT.split(norm(text))]
    if len(parts) >= 2 and key(parts[0]) in HOME_WORDS:
        return parts[-1]
    return None


def _continues_on_next_line(doc: Document, index: int) -> bool:
    """A hard-wrapped line whose sentence goes on in lower case on the next line is no title.

    A following line that is known page furniture ("prev next", a menu word) continues nothing:
    otherwise the title would be found only once a later step removed that line, and cleaning
    the clean text again would take out a title the first pass kept.
    """
    if index + 1 >= len(doc.lines):
        return False
    following = doc.lines[index + 1].strip()
    first = next((c for c in following if c.isalpha()), "")
    if not following or not first.islower():
        return False
    return key(following) not in _FURNITURE_WORDS


def _extracted_title_line(doc: Document, content: list[int], texts: dict[int, str]) -> int | None:
    """The first line of an extracted HTML text when it is the page's title (found by the
    extractor in ``<title>``, ``og:title`` or ``<h1>``), compared by matching key (``patterns.key``).

    Extractors often keep the ``<h1>`` as the text's first line; a text dump's title is taken
    out into ``title`` too, so an HTML page's is (+0.002 F1 on aeb-dev HTML, ±0 on wcxb-dev).
    """
    title = doc.metadata.get("title")
    if doc.kind != "html" or not title or not content:
        return None
    first = content[0]
    return first if key(texts[first]) == key(title) else None


def extract_page_header(doc: Document, config: PipelineConfig) -> Verdict:
    verdict = Verdict()
    settings = config.header
    content = doc.kept_content_indices()[: settings.max_header_lines]
    if not content:
        return verdict
    all_texts = doc.texts()
    texts = {i: all_texts[i] for i in content}

    first_paragraph = next((pos for pos, i in enumerate(content) if is_prose(texts[i])), len(content))
    head = content[: first_paragraph + 1]

    # Datelines and bylines among the header lines (short, before the first paragraph).
    datelines: dict[int, dict[str, str | None]] = {}
    bylines: dict[int, str] = {}
    for i in head:
        text = texts[i]
        if words(text) > settings.max_words_per_dateline or is_prose(text):
            continue
        parsed = parse_dateline(text)
        if parsed:
            datelines[i] = parsed
            continue
        name = parse_byline(text)
        if name:
            bylines[i] = name

    # The title: the title-like line nearest above the first dateline/byline or paragraph.
    anchors = sorted(set(datelines) | set(bylines))
    crumbs = {_breadcrumb_tail(texts[i]) for i in head} - {None}
    # 0. HTML: the extractor's title repeated as the text's first line (the page's <h1>).
    title_index = _extracted_title_line(doc, content, texts)
    # 1. A line the breadcrumb trail names (the trail's last element repeats the title).
    for i in head if title_index is None else []:
        if texts[i] in crumbs and is_title_like(texts[i]) and _breadcrumb_tail(texts[i]) is None:
            title_index = i
            break
    # 2. The title-like line nearest above the first dateline/byline.
    for anchor in anchors if title_index is None else []:
        before = [i for i in head if i < anchor and i not in datelines and i not in bylines]
        title_index = next((i for i in reversed(before[-3:])
                            if is_title_like(texts[i]) and not _continues_on_next_line(doc, i)), None)
        if title_index is not None:
            break
    # 3. No dateline: the line just above the first paragraph, if it reads like a headline (a
    #    few words at least, so a short section label such as "Key Takeaways" is not taken).
    if title_index is None and not anchors and first_paragraph < len(content):
        before = [i for i in head if i < content[first_paragraph]]
        for i in reversed(before[-2:]):
            others = " ".join(texts[j] for j in head if j != i)
            if is_title_like(texts[i]) and not _continues_on_next_line(doc, i) \
                    and (words(texts[i]) >= _MIN_WORDS_UNANCHORED_TITLE or texts[i] in others):
                title_index = i
                break

    if title_index is not None:
        # an HTML page's own title, or a dump header's field, stands: the line only goes
        verdict.metadata["title"] = doc.metadata.get("title") or texts[title_index]
        verdict.remove(title_index, "title")

    # Datelines/bylines count only after the title (or anywhere in the head when there is none),
    # so a date in a bar above the headline is never taken for the article date.
    after = [i for i in sorted(set(datelines) | set(bylines)) if title_index is None or i > title_index]
    if title_index is not None:
        after = [i for i in after if i <= title_index + 12]
    for i in after:
        if i in datelines:
            info = datelines[i]
            for field in ("date", "publisher", "author"):
                if info[field] and field not in verdict.metadata:
                    verdict.metadata[field] = info[field]
            verdict.remove(i, "byline" if info["author"] else "dateline")
        else:
            if "author" not in verdict.metadata:
                verdict.metadata["author"] = bylines[i]
            verdict.remove(i, "byline")
    published = [i for i in after if i in datelines and datelines[i]["date"] and not UPDATE_LABEL.search(texts[i])]
    if published:  # "Updated …" above "Published …": the publication date
        verdict.metadata["date"] = datelines[published[0]]["date"]
    verdict.metadata.setdefault("title", None)
    return verdict
