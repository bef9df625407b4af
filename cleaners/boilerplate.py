"""Navigation and boilerplate lines: menus, breadcrumbs, share bars, prompts, footers.

Every rule looks at one whole line (or the whole list of segments of a separated line) and only
at short lines, except the copyright footer which may be long but must start like one. Each
class has its own reason code:

``nav_menu`` (section names, separated menus, UI controls, symbol-only lines), ``breadcrumb``,
``share_buttons``, ``language_switcher``, ``login_prompt``, ``back_to_top``, ``comment_prompt``,
``related_links`` (a related/most-read heading, and the short link lines listed right under it),
``hashtags``, ``copyright_footer``, ``contact_info``, ``editor_credit`` (editor credits and
follow-us appeals), ``advertisement``, ``continue_reading``, ``repeated_line`` (a line of the
page head printed again after the article body: a menu repeated in the footer), and ``comment_section``: once a comment-section boundary (``Leave a
Reply``, ``12 Comments``, ``Add your comment`` …) appears after the article body, every later
line that no other rule claimed.

Lines that read like prose (long, ending like a sentence) are never touched by the short-line
rules, so a precise miss is preferred to a removed article sentence; the learned classifier
after this step sees what is left.
"""

from __future__ import annotations

import re

from cleaners.config import BoilerplateConfig, PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.metadata import _DATE_PATTERNS as DATE_PATTERNS, _WEEKDAY as WEEKDAY
from cleaners.patterns import (
    AD_WORDS, BACK_TO_TOP, COMMENT_BOUNDARY, COMMENT_COUNT, COMMENT_PROMPTS, CONTINUE_READING,
    HOME_WORDS, LANGUAGE_CODES, LANGUAGE_NAMES, LOGIN_WORDS, NAV_WORDS, RELATED_HEADINGS, SOCIAL_WORDS,
    ends_sentence, is_paragraph, is_prose, key, norm, words,
)

_MENU_SEPARATORS = re.compile(r"\s*(?:\s[|｜•·»/]\s|[|｜•·]|\s-\s)\s*")
_CRUMB_SEPARATORS = re.compile(r"\s*(?:>|»|›|→|/|\\)\s*")
_BULLET = re.compile(r"^[\s•·*□■▪●◦○▶►▸>\-–—|+]*")
_LANGUAGE = re.compile(
    "|".join(sorted((re.escape(n) for n in LANGUAGE_NAMES), key=len, reverse=True))
    + r"|Fran.{1,2}ais|Espa.{1,2}ol|Portugu.{1,2}s"  # also when a bad decode mangled the letter
    + r"|\b(?:" + "|".join(LANGUAGE_CODES) + r")\b",
    re.I,
)
_DECORATION = re.compile(r"[\s•·□■▪●◦○|\u200b\u200c\u200d\ufeff]+")
_CODE = re.compile(r"[{}\[\]()<>=;$`\\]|->|=>")
_HASHTAG = re.compile(r"^#\w[\w-]*$")
_COPYRIGHT_START = re.compile(r"^(?:©|\(c\)|copyright\b|&copy;)", re.I)
_COPYRIGHT_ANY = re.compile(
    r"all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
    r"版权所有|©\s*\d{4}|©\s*copyright|copyright\s*©|\bcopyright\s+(?:\(c\)\s*)?(?:19|20)\d{2}",
    re.I,
)
_LICENCE = re.compile(
    r"\b(?:licen[cs]e (?:for|no|number)|registration (?:number|no)|ICP|备案|许可证|"
    r"Handelsregister|Registergericht|USt-IdNr|SIRET|RCS)\b|京ICP|沪ICP|粤ICP|\bICP备",
    re.I,
)
_PHONE = re.compile(r"^[+(]?\d[\d\s().\-]{6,}\d$")
_CONTACT_LABEL = re.compile(
    r"^(?:tel|tel\.|telephone|phone|fax|e-?mail|hotline|mobile|whatsapp|working hours|"
    r"opening hours|business hours|office hours|address|öffnungszeiten|telefon|adresse|"
    r"horaires|teléfono|horario|dirección|电话|邮箱|地址|客服热线|工作时间)\s*[:：]",
    re.I,
)
_HOURS = re.compile(r"\d{1,2}[:.]\d{2}\s*[-–~至]\s*\d{1,2}[:.]\d{2}")
_EDITOR = re.compile(
    r"^[(\[（]?\s*(?:web editor|editor|editors|edited by|chief editor|responsible editor|"
    r"redaktion|redakteur|rédaction|redacción|责任编辑|编辑|责编)\s*[:：]?\s*[^()]{1,80}[)\]）]?\.?$",
    re.I,
)
_FOLLOW = re.compile(
    r"\b(?:follow us|follow [\w' ]{1,40} on (?:twitter|facebook|instagram|wechat|weibo|x|linkedin|"
    r"youtube)|like us on facebook|folgen sie uns|suivez-nous|síguenos|关注我们)\b",
    re.I,
)
_WELCOME = re.compile(r"^(?:welcome to|willkommen (?:bei|auf)|bienvenue (?:sur|à)|bienvenido a)\s+\S", re.I)


def _words_of_line_in(text: str, vocabulary: frozenset[str]) -> bool:
    """The line is one entry of ``vocabulary``, or a run of separated entries, or space-joined
    entries (``Facebook Twitter Email``)."""
    k = key(text)
    if not k:
        return False
    if k in vocabulary:
        return True
    segments = [key(s) for s in _MENU_SEPARATORS.split(text) if key(s)]
    if len(segments) > 1 and all(s in vocabulary for s in segments):
        return True
    # Greedy space-joined phrases, longest first (three-word phrases at most).
    tokens = k.split()
    pos = 0
    while pos < len(tokens):
        for size in (3, 2, 1):
            if " ".join(tokens[pos:pos + size]) in vocabulary:
                pos += size
                break
        else:
            return False
    return len(tokens) > 1


def _strip_social_and_dates(text: str) -> str:
    for pattern in DATE_PATTERNS:
        text = pattern.sub(" ", text)
    text = WEEKDAY.sub(" ", text)
    return text


def _is_separated_menu(text: str) -> bool:
    """``Home | News | Sport | Contact``: three or more short items and no sentence."""
    segments = [s.strip() for s in re.split(r"\s*[|｜•·]\s*|\s{3,}", text) if s.strip()]
    if len(segments) < 3 or _CODE.search(text):
        return False
    return all(words(s) <= 4 and not ends_sentence(s) for s in segments)


def _breadcrumb(text: str) -> bool:
    parts = [p for p in _CRUMB_SEPARATORS.split(text) if p.strip()]
    if len(parts) < 2 or any(words(p) > 15 for p in parts):
        return False
    if key(parts[0]) in HOME_WORDS:
        return True
    # No home word: only the angle-bracket separators, three or more short items.
    return len(parts) >= 3 and bool(re.search(r"\s[>»›]\s", text)) and all(words(p) <= 5 for p in parts[:-1])


def classify_line(text: str, config: BoilerplateConfig) -> str | None:
    """The boilerplate reason for one whitespace-normalised line, or ``None``."""
    if not text:
        return None
    n = words(text)
    limit = config.max_words_per_nav_line

    if _COPYRIGHT_START.match(text) and (re.search(r"(?:19|20)\d{2}|©|rights", text, re.I)):
        return "copyright_footer"
    if n <= 40 and _COPYRIGHT_ANY.search(text):
        return "copyright_footer"
    if _DECORATION.fullmatch(text):
        return "nav_menu"  # empty bullets and boxes left by menus (not code braces or arrows)
    if _EDITOR.match(text) and n <= 12 and (text.startswith(("(", "[", "（")) or ":" in text or "：" in text):
        return "editor_credit"
    if 4 <= n <= 30 and _FOLLOW.search(text) and (text.startswith(("(", "[")) or n <= 12):
        return "editor_credit"
    if limit is not None and n > limit:
        return None
    stripped = _BULLET.sub("", text).strip()
    k = key(stripped)
    if not k:
        return None
    words_only = {w for w in k.split()}
    if k in AD_WORDS:
        return "advertisement"
    if k in CONTINUE_READING:
        return "continue_reading"
    if k in BACK_TO_TOP:
        return "back_to_top"
    if k in COMMENT_PROMPTS or COMMENT_COUNT.match(stripped) or _comment_form(stripped):
        return "comment_prompt"
    if k in RELATED_HEADINGS:
        return "related_links"
    tokens = stripped.split()
    if len(tokens) >= 2 and sum(bool(_HASHTAG.match(t)) for t in tokens) >= max(2, 0.8 * len(tokens)):
        return "hashtags"
    if _breadcrumb(stripped):
        return "breadcrumb"
    if k in LOGIN_WORDS or _words_of_line_in(stripped, LOGIN_WORDS):
        return "login_prompt"
    if _words_of_line_in(stripped, SOCIAL_WORDS) or _social_bar(stripped):
        return "share_buttons"
    if not _LANGUAGE.sub("", stripped).strip(" >»|/·•?-") and _LANGUAGE.search(stripped):
        return "language_switcher" if len(_LANGUAGE.findall(stripped)) > 1 else "language_name"
    if _LICENCE.search(stripped) and re.search(r"\d", stripped) and n <= 15:
        return "copyright_footer"
    if (_PHONE.match(stripped) and len(re.findall(r"\d", stripped)) >= 7) or (_CONTACT_LABEL.match(stripped) and n <= 12) or (
        _HOURS.search(stripped) and re.search(r"hours|zeiten|horaires|horario|时间", stripped, re.I)
    ):
        return "contact_info"
    if k in NAV_WORDS or _words_of_line_in(stripped, NAV_WORDS) or _is_separated_menu(stripped):
        return "nav_menu"
    return None


def _comment_form(text: str) -> bool:
    """Comment-form boilerplate: the privacy notice and required-field markers."""
    return bool(re.search(
        r"your email address will not be published|required fields are marked|"
        r"save my name, email, and website|ihre e-mail-adresse wird nicht veröffentlicht|"
        r"erforderliche felder sind mit|votre adresse e-mail ne sera pas publiée|"
        r"tu dirección de correo electrónico no será publicada|you must be logged in to post a comment",
        text, re.I,
    ))


def _social_bar(text: str) -> bool:
    """Social links with a date glued on (a header bar), nothing else."""
    rest = _strip_social_and_dates(text)
    return rest != text and _words_of_line_in(rest, SOCIAL_WORDS)


def _is_link_item(text: str) -> bool:
    """A line under a related heading: a short headline-like item, not prose or a wrapped line."""
    first_letter = next((c for c in text if c.isalpha()), "")
    return (0 < words(text) <= 18 and not is_paragraph(text, min_words=10) and not first_letter.islower()
            and not text.endswith((",", ";", ":")))


def find_boilerplate(doc: Document, config: PipelineConfig) -> Verdict:
    verdict = Verdict()
    settings = config.boilerplate
    content = doc.kept_content_indices()
    texts = {i: norm(doc.lines[i]) for i in content}
    reasons = {i: classify_line(texts[i], settings) for i in content}
    # The article body: prose lines no rule claimed (a long copyright notice is not the body).
    paragraphs = [i for i in content if reasons[i] is None and is_prose(texts[i])]

    body = (paragraphs[0], paragraphs[-1]) if paragraphs else None
    for i in content:
        reason = reasons[i]
        if reason == "language_name":
            # One language name alone is a switcher in the head or foot of an article, not in a list.
            reason = "language_switcher" if body is not None and not body[0] <= i <= body[1] else None
        if reason == "login_prompt" or (reason is None and _WELCOME.match(texts[i]) and words(texts[i]) <= 8
                                        and not ends_sentence(texts[i]) and (not paragraphs or i < paragraphs[0])):
            reason = "login_prompt"
        if reason:
            verdict.remove(i, reason)

    # The short link lines listed right under a related-links heading.
    for pos, i in enumerate(content):
        if verdict.removals.get(i) != "related_links":
            continue
        for j in content[pos + 1:]:
            if j in verdict.removals:
                if verdict.removals[j] == "related_links":
                    break
                continue
            if not _is_link_item(texts[j]) or j - i > 40:
                break
            if not any(j < p for p in paragraphs) or doc.lines[j].lstrip()[:1] in "•*-□■▪●◦":
                verdict.remove(j, "related_links")
            else:
                break

    # Lines seen earlier in the page, printed again outside the article body (a menu or teaser
    # repeated in the footer); repeats between the first and last prose line are left alone.
    if settings.drop_repeated_lines and len(paragraphs) >= 3:
        head = {texts[i] for i in content if i < paragraphs[0]}
        copies: dict[str, int] = {}
        for i in content:
            copies[texts[i]] = copies.get(texts[i], 0) + 1
        for i in content:
            text = texts[i]
            # Printed exactly twice, head and foot: a menu; item labels of a listing repeat more.
            if i > paragraphs[-1] and i not in verdict.removals and text in head and copies[text] == 2 \
                    and words(text) >= 2 and not is_prose(text):
                verdict.remove(i, "repeated_line")

    # The comment section: a boundary after the article body; the rest of the page goes.
    boundary = _comment_boundary(content, texts, paragraphs, settings.min_words_before_comment_section)
    if boundary is not None:
        for i in doc.kept_indices():
            if i >= boundary and doc.lines[i].strip():
                verdict.remove(i, "comment_section")
    return verdict


def _comment_boundary(
    content: list[int], texts: dict[int, str], paragraphs: list[int], min_words: int | None
) -> int | None:
    """The first comment-section boundary that follows most of the article's prose."""
    if not paragraphs or min_words is None:
        return None
    total = sum(words(texts[p]) for p in paragraphs)
    candidates = []
    for i in content:
        text = _MENU_SEPARATORS.split(_BULLET.sub("", texts[i]).strip())[0]
        if key(text) in COMMENT_BOUNDARY:
            candidates.append((i, key(text)))
        elif COMMENT_COUNT.match(text):
            candidates.append((i, "<count>"))  # "1 Comment" and "3 Comments" are the same control
    counts: dict[str, int] = {}
    for _, k in candidates:
        counts[k] = counts.get(k, 0) + 1
    for i, k in candidates:
        if counts[k] > 1:
            continue  # a control under every post of a thread, not the start of a comment section
        before = sum(words(texts[p]) for p in paragraphs if p < i)
        if before >= min_words and before >= 0.5 * total and _comments_follow(content, texts, paragraphs, i):
            return i
    return None


_COMMENT_MARK_WITHIN_LINES = 15  # the first comment's reply link or time is this close to the boundary
_COMMENT_MARK = re.compile(
    r"^(?:reply|antworten|répondre|responder|回复|report|melden|signaler)$|\b(?:says|sagt|dit|dice|wrote|schrieb)\s*:?$|"
    r"\d{1,2}:\d{2}\s*(?:am|pm|uhr)\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago$|"
    r"^(?:vor\s+\d+|il y a\s+\d+|hace\s+\d+)",
    re.I,
)


def _comments_follow(content: list[int], texts: dict[int, str], paragraphs: list[int], boundary: int) -> bool:
    """After a boundary come comments (prose with reply links, "says:", times) or no prose at all;
    a "Leave a comment" button in the middle of a post is followed by more of the post."""
    after = [i for i in content if i > boundary]
    if not any(p > boundary for p in paragraphs):
        return True
    return any(_COMMENT_MARK.search(texts[i]) for i in after[:_COMMENT_MARK_WITHIN_LINES])
