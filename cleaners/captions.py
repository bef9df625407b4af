"""Photo captions and credits: out of the text, kept once each in ``captions``.

A caption is recognised by its credit or its markup, never by its wording:

* a credit at the end: ``…/ VCG Photo.``, ``…/CFP)``, ``(Xinhua/Fan Peishen)``,
  ``Credit...Name/Agency``, ``(Photo: …)``, ``Photo by …``, ``Foto: …``, ``© dpa``, ``/ AFP``;
* a whole line that is a credit or caption label: ``(Cover: …)``, ``Photo: …``, ``Image: …``,
  ``Foto: …``, ``Bild: …``, ``Bildunterschrift: …``, ``图片：…``, ``Credit...``, an agency as the
  source (``Quelle: dpa``, ``Source: Reuters/AFP``);
* image markup: ``[image]``/``[alt text]`` lines as text browsers print them, image file names.
* a news agency's fixed form: ``Image copyright …``/``Image caption …`` (BBC), ``FILE PHOTO: …``,
  ``In this Nov. 5 photo, …`` (AP), a credit with the agency first (``REUTERS/Name``,
  ``(AP Photo/Name)``), ``… via AP``, ``Submitted photo``, ``(Image credit: …)``. These are
  looked for by a second pass after the line classifier (``find_agency_captions``, step
  ``agency_captions``), among the lines it kept, so that the classifier's training candidates,
  which this module's first pass shapes, stay as they were.

Each caption is removed as ``caption`` and its whitespace-normalised text kept once in
``verdict.captions``; the same caption printed again (right after, or later; or its text
without the credit printed just before the credited line) is removed as ``caption_duplicate``.
Any other non-trivial line printed twice in a row loses its second copy as ``duplicate_line``.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import hint_test, lower_for_hints, memo, norm, words

_AGENCY = (
    r"(?:VCG|CFP|IC|Xinhua|AFP|AP|Reuters|EPA|Getty(?: Images)?|dpa|picture[- ]alliance|"
    r"Imago|Keystone|ANSA|EFE|Bloomberg|Shutterstock|iStock(?:photo)?|Alamy|China Daily|"
    r"CNS|Photo|Photos|Foto|Fotos|Bild)"
)
_CREDIT_END = [
    # "... the platform./ VCG Photo."  "...2022./CFP)"  "... / AFP"
    re.compile(rf"/\s*(?:[\w .'’-]{{0,40}}\s)?{_AGENCY}(?:\s+Photos?)?\s*[.)]?\s*\)?$", re.I),
    # "(Xinhua/Fan Peishen)"  "(Photo/Li Ming)"  "(AP Photo/Jane Doe)"
    # (after a sentence, or alone on the line, so "Session (Black/Green Belt)" is no credit)
    re.compile(r"(?:^|[.!?\"”’]\s+)\([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}/\s?[A-Z][\w.'’ -]{1,40}\)\s*\.?$"),
    # "(Photo: Jane Doe)"  "(Foto: dpa)"  "(Photo by Jane Doe)"
    re.compile(r"\((?:photos?|image|picture|foto|fotos|bild|credit|crédit|source photo)\s*(?::|by|von|de)\s*[^()]{2,80}\)\s*\.?$", re.I),
    # "...Credit...Doug Mills/The New York Times"  "Credit: Reuters"
    re.compile(r"(?:Credit|Crédit|Photo credit)\s*(?:\.\.\.|…|:)\s*\S.{0,80}$"),
    # "Photo: Jane Doe/Agency"  "Foto: dpa"  "Bild: Keystone" at the end of a caption
    re.compile(r"(?:^|[.!?]\s*)(?:Photos?|Foto|Fotos|Bild|Image|Picture|Photo credit)\s*:\s*[^.!?]{2,60}$", re.I),
    # "Photo by Jane Doe on Unsplash"  "Foto von …"
    re.compile(r"(?:^|[.!?]\s*)(?:Photo|Image|Foto|Bild) (?:by|von|de|par) [A-Z][^.!?]{1,60}$"),
    # "© dpa"  "© Reuters/Jane Doe"
    re.compile(r"(?:^|\s)©\s*[^\W\d][\w .'’/-]{1,50}$"),
]
_CAPTION_LINE = [
    # "(Cover: …)"  "(Photo: …)"  "(图片来源：…)"
    re.compile(r"^\((?:cover|photo|photos|image|picture|pictured|foto|bild|titelbild|top image|"
               r"header image|图|图片|图片来源|配图)\s*[:：].{2,}\)\.?$", re.I),
    # "Photo: …"  "Caption: …"  "Foto: …"  "Bild: …"  "图片：…"
    re.compile(r"^(?:photo|photos|image|picture|caption|foto|fotos|bild|bildquelle|bildunterschrift|bildtext|"
               r"titelbild|légende|pie de foto|图|图片|图片来源)\s*[:：]\s*\S.{0,200}$", re.I),
    re.compile(r"^(?:Credit|Crédit|Photo credit)\s*(?:\.\.\.|…|:)\s*\S.{0,80}$", re.I),
]
# "Quelle: dpa"  "Source: Reuters/AFP": a news agency named as the source, alone on the line
_CAPTION_LINE_SOURCE = re.compile(
    rf"^(?:quelle|quellen|source|sources|fuente|fonte)\s*:\s*{_AGENCY}(?:\s*[/,;]\s*{_AGENCY})*\s*\.?$", re.I)
# News-agency conventions, tried on lines that pass the cheap tests in ``is_agency_caption``:
_AGENCY_CAPTION_LINE = re.compile(
    # BBC "Image copyright Reuters", "Image caption The minister…", also glued to the caption
    # as a text browser prints the hidden label ("Media captionWho is Julian Assange?");
    # Reuters "FILE PHOTO: …"; AP "In this Nov. 5, 2019, photo, …" / "In this photo issued by …"
    # (the picture named, then a comma or who made or gave it: "In this example, we fetch an
    # image …" is a tutorial's sentence)
    r"^(?:(?:Image|Media|Video) (?:copyright|caption)(?:\b|(?=[A-Z0-9“\"'‘]))"
    r"|(?:FILE PHOTO|File photo)\s*[:\-–—]"
    r"|In this (?:[\w.,'’ -]{0,40} )?(?:photo|image|picture)s?(?:,| (?:provided|released|made|taken|issued"
    r"|shown|from|by|courtesy|obtained|posted|shared|distributed|supplied|handed|of)\b))"
)
# Getty Images' caption, a dateline in capitals first, the place with its country or state:
# "SHANGHAI, CHINA - SEPTEMBER 17: Alibaba Chairman Jack Ma speaks during …" (an article's
# dateline names no day in capitals and a colon; a live blog's "UPDATE - MARCH 5:" no place)
_PHOTO_AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,30}(?:, [A-Z][A-Z.'’ -]{1,30}){1,2} ?[-–—] ?"
    r"(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER) [0-9]{1,2}(?:, [0-9]{4})?:\s"
)
_AGENCY_CREDIT_END = re.compile(
    # "… REUTERS/Brendan McDermid", "(AP Photo/Jane Doe)": the agency before the photographer
    r"(?:^|[\s(])(?:REUTERS|AFP|AP Photo|EPA(?:-EFE)?|XINHUA|Getty Images)\s*/\s*[A-Z][\w.'’ -]{1,40}\)?\s*$"
    # "… Registry via AP", "… via Getty Images"
    r"|\bvia (?:AP|Getty Images|Reuters|AFP|EPA|Shutterstock)\)?\s*$"
    # "(Image credit: NASA)", "(Photo courtesy: …)"
    r"|\((?:image|photo|picture) (?:credit|courtesy|source)\s*:\s*[^()]{2,80}\)\s*\.?$"
    # "Jane Doe Submitted photo", "(File photo)", "Courtesy photo"
    r"|\b(?:Submitted|File|Staff|Contributed|Courtesy) (?:photo|image|picture)s?\)?\s*\.?$",
    re.I,
)
_COPYRIGHT_NOTICE = re.compile(
    r"rights reserved|rechte vorbehalten|droits réservés|derechos reservados|版权所有|©\s*(?:19|20)\d{2}", re.I
)
_IMAGE_MARKUP = re.compile(r"^(?:\[[^\s\[\]](?:[^\[\]]{0,78}[^\s\[\]])?\]\s*)+")
_IMAGE_FILE = re.compile(r"\S+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?)(?:\?\S*)?$", re.I)


def _is_image_markup(text: str) -> bool:
    """``[image]``-style alt text (optionally followed by a short link text) or a file name."""
    if "." in text and " " not in text and _IMAGE_FILE.fullmatch(text):  # (it holds no white space)
        return True
    match = _IMAGE_MARKUP.match(text) if text[:1] == "[" else None
    if not match:
        return False
    rest = text[match.end():].strip()
    inner = re.findall(r"\[([^\[\]]*)\]", match.group(0))
    # A text-browser image placeholder, not a bracketed editorial note like "[Updated]".
    looks_like_alt = any(
        (" " not in s and re.search(r"[_\-.]|\d", s) and re.search(r"[^\W\d_]", s))
        or re.match(r"^\s*(image|img|photo|picture|logo|icon|foto|bild|grafik|thumbnail)\b", s, re.I)
        for s in inner
    )
    if rest and words(rest) > 12:
        return False
    return looks_like_alt


def is_caption(line: str) -> bool:
    """A photo caption or credit, judged by its credit or markup only."""
    return _is_caption(norm(line))


# Cheap tests before the regexes: each is a necessary condition of the pattern it guards (a
# character or word it cannot match without), so no result changes. Words a case-insensitive
# regex needs are looked for in ``lower_for_hints(text)``.
_COPYRIGHT_NOTICE_HINT = hint_test("rights reserved", "rechte vorbehalten", "droits r", "derechos reservados", "版权所有", "©")
_CREDIT_LABEL_HINT = hint_test("photo", "foto", "bild", "image", "picture")
_CAPTION_LINE_PAREN, _CAPTION_LINE_LABEL, _CAPTION_LINE_CREDIT = _CAPTION_LINE
(_CREDIT_AGENCY, _CREDIT_NAME, _CREDIT_PAREN, _CREDIT_CREDIT, _CREDIT_LABEL, _CREDIT_BY,
 _CREDIT_COPYRIGHT) = _CREDIT_END


@memo
def _is_caption(text: str) -> bool:
    if not text:
        return False
    colon = ":" in text
    if (text[0] == "(" and _CAPTION_LINE_PAREN.search(text)) \
            or ((colon or "：" in text) and _CAPTION_LINE_LABEL.search(text)) \
            or ((colon or "…" in text or "..." in text) and _CAPTION_LINE_CREDIT.search(text)) \
            or (colon and _CAPTION_LINE_SOURCE.search(text)):
        return True
    # it needs a file name (a text without white space) or a bracket
    if (text[0] == "[" or ("." in text and " " not in text)) and _is_image_markup(text):
        return True
    if words(text) > 120:
        return False
    # A credit at the end, unless the line is a copyright notice (tested second: few lines have
    # a credit, and the notice then decides alone).
    slash = "/" in text
    if not (
        (slash and _CREDIT_AGENCY.search(text))
        or (slash and "(" in text and _CREDIT_NAME.search(text))
        or ("(" in text and _CREDIT_PAREN.search(text))
        or ("redit" in text and _CREDIT_CREDIT.search(text))
        or (colon and ((low := lower_for_hints(text)) is None or _CREDIT_LABEL_HINT(low)) and _CREDIT_LABEL.search(text))
        or (("Photo " in text or "Image " in text or "Foto " in text or "Bild " in text) and _CREDIT_BY.search(text))
        or ("©" in text and _CREDIT_COPYRIGHT.search(text))
    ):
        return False
    low = lower_for_hints(text)
    return not ((low is None or _COPYRIGHT_NOTICE_HINT(low)) and _COPYRIGHT_NOTICE.search(text))


@memo
def is_agency_caption(text: str) -> bool:
    """A caption or credit in a news agency's fixed form (``_AGENCY_CAPTION_LINE``,
    ``_PHOTO_AGENCY_DATELINE``, ``_AGENCY_CREDIT_END``)."""
    if not text:
        return False
    if text[0] in "IMVFi" and _AGENCY_CAPTION_LINE.match(text):
        return True
    if text[1:2].isupper() and ": " in text[:60] and _PHOTO_AGENCY_DATELINE.match(text):
        return True
    low = text.lower()
    return ("/" in text or "via " in low or "photo" in low or "image" in low or "picture" in low) \
        and _AGENCY_CREDIT_END.search(text) is not None


def find_captions(doc: Document, config: PipelineConfig) -> Verdict:
    verdict = Verdict()
    min_chars = config.captions.min_chars_per_duplicate_line
    seen: set[str] = set()
    previous: int | None = None
    prev_text = ""
    texts = doc.texts()
    content = doc.kept_content_indices()
    flags = _is_caption.__self__.results([texts[i] for i in content])  # ``is_caption``: ``norm`` is made
    for i, is_caption_line in zip(content, flags):
        text = texts[i]
        if is_caption_line:
            if _take_caption(verdict, seen, i, text):
                # The caption text printed just before the credited caption.
                if previous is not None and previous not in verdict.removals and len(prev_text) >= (min_chars or 12) \
                        and text.startswith(prev_text) and text != prev_text:
                    verdict.remove(previous, "caption_duplicate")
        elif previous is not None and text == prev_text and min_chars is not None and len(text) >= min_chars:
            if prev_text in seen:
                verdict.remove(i, "caption_duplicate")
            else:
                verdict.remove(i, "duplicate_line")
        previous, prev_text = i, text
    return verdict


def find_agency_captions(doc: Document, config: PipelineConfig) -> Verdict:
    """Captions in a news agency's fixed form among the lines the classifier kept.

    A second pass after the classifier, so that the classifier's training candidates (which
    ``find_captions`` shapes) stay as they were; removed as ``caption`` (``caption_duplicate``
    for a caption already taken) and kept once in ``captions`` like the others.
    """
    verdict = Verdict()
    taken = set(doc.captions)
    texts = doc.texts()
    for index in doc.kept_content_indices():
        text = texts[index]
        if is_agency_caption(text):
            _take_caption(verdict, taken, index, text)
    return verdict


def _take_caption(verdict: Verdict, seen: set[str], index: int, text: str) -> bool:
    """Remove a caption line: ``caption`` and into ``captions`` the first time its text is seen
    (True), ``caption_duplicate`` after that (False)."""
    if text in seen:
        verdict.remove(index, "caption_duplicate")
        return False
    seen.add(text)
    verdict.captions.append(text)
    verdict.remove(index, "caption")
    return True
