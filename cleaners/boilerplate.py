"""Navigation and boilerplate lines: menus, breadcrumbs, share bars, prompts, footers.

Every rule looks at one whole line (or the whole list of segments of a separated line) and only
at short lines, except the copyright footer which may be long but must start like one. Each
class has its own reason code:

``nav_menu`` (section names, separated menus, UI controls, symbol-only lines), ``breadcrumb``,
``share_buttons``, ``language_switcher``, ``login_prompt``, ``back_to_top``, ``comment_prompt``,
``related_links`` (a related/most-read heading, and the short link lines listed right under it),
``read_also_link`` (a lead-in and another article's headline on one line: "Read more: …"),
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
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Callable

import numpy as np

from cleaners.config import BoilerplateConfig, PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.metadata import MONTHS, _DATE_PATTERNS as DATE_PATTERNS, _WEEKDAY as WEEKDAY
from cleaners.patterns import (
    WORD,
    AD_WORDS, BACK_TO_TOP, COMMENT_BOUNDARY, COMMENT_COUNT, COMMENT_PROMPTS, CONTINUE_READING,
    HOME_WORDS, LANGUAGE_CODES, LANGUAGE_NAMES, LOGIN_WORDS, NAV_WORDS, READ_ALSO_LEAD_INS, RELATED_HEADINGS,
    SOCIAL_WORDS,
    ends_sentence, has_markup, hint_test, hints, is_paragraph, is_prose, key, lower_for_hints, memo, prose, words,
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

# Cheap tests that let a line skip a regex it cannot match (each is a necessary condition of
# the regex, so no result changes). Words a case-insensitive regex needs are looked for in
# ``lower_for_hints(text)``; every alternative of the regex holds one of them.
_BULLET_CHARS = "•·*□■▪●◦○▶►▸>-–—|+"
_DIGIT = re.compile(r"\d")
_CRUMB_CHARS = re.compile(r"[>»›→/\\]")
_MENU_SEPARATOR_CHARS = re.compile(r"[|｜•·]|\s[»/-]\s")
_SEPARATED_MENU_SPLIT = re.compile(r"\s*[|｜•·]\s*|\s{3,}")
_CRUMB_ANGLE = re.compile(r"\s[>»›]\s")
_COPYRIGHT_HINT = re.compile(r"(?:19|20)\d{2}|©|rights", re.I)
_DIGITS = re.compile(r"\d")
_HOURS_WORD = re.compile(r"hours|zeiten|horaires|horario|时间", re.I)
_COMMENT_FORM = re.compile(
    r"your email address will not be published|required fields are marked|"
    r"save my name, email, and website|ihre e-mail-adresse wird nicht veröffentlicht|"
    r"erforderliche felder sind mit|votre adresse e-mail ne sera pas publiée|"
    r"tu dirección de correo electrónico no será publicada|you must be logged in to post a comment",
    re.I,
)
_COMMENT_FORM_HINT = hint_test(
    "your email address", "required fields", "save my name", "ihre e-mail-adresse", "erforderliche felder",
    "votre adresse e-mail", "tu direcci", "you must be logged in",
)
_COPYRIGHT_ANY_HINT = hint_test("rights reserved", "rechte vorbehalten", "droits r", "derechos reservados", "版权所有", "©",
                                "copyright")
# Every entry of COMMENT_BOUNDARY, and every line COMMENT_COUNT matches, has one of these.
_COMMENT_BOUNDARY_WORDS = ("comment", "reply", "conversation", "kommentar", "comentario", "respons", "thought", "评论")
_COMMENT_BOUNDARY_HINTS = hints(*_COMMENT_BOUNDARY_WORDS)
# Every weekday name of WEEKDAY holds one of these.
_WEEKDAY_HINTS = hints(
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "die", "mit", "don", "fre", "sam", "son", "lun", "mar",
    "mer", "jeu", "ven", "dim", "jue", "vie", "rcoles", "bado", "dom",
)
_SEPARATED_MENU_ANY = re.compile(r"[|｜•·]|\s{3,}")
_FOLLOW_HINT = hint_test("follow", "like us on facebook", "folgen sie uns", "suivez-nous", "guenos", "关注我们")
_LICENCE_HINT = hint_test(
    "licen", "registration", "icp", "备案", "许可证", "handelsregister", "registergericht", "ust-idnr", "siret", "rcs",
)
# The characters a match of ``_COPYRIGHT_START``, ``_DECORATION`` (besides white space), ``_LANGUAGE``,
# ``COMMENT_COUNT`` (besides digits) and ``_WELCOME`` can start with: ``re.IGNORECASE`` matches no
# other character to their letters (``_LANGUAGE_FIRST`` is those of ``_LANGUAGE``'s alternatives).
_COPYRIGHT_START_FIRST = "©(cC&"
_DECORATION_FIRST = "•·□■▪●◦○|\u200b\u200c\u200d\ufeff"
_LANGUAGE_FIRST = re.compile(
    "[" + "".join(sorted({re.escape(name[0]) for name in LANGUAGE_NAMES + LANGUAGE_CODES + ["F", "E", "P"]})) + "]", re.I
)
_PAST_PLANE = "\U00010000"  # the characters from here on are not in ``_LANGUAGE_FIRST_CHARS``: tried
_LANGUAGE_FIRST_CHARS = frozenset(_LANGUAGE_FIRST.findall("".join(map(chr, range(0x10000)))))
_COMMENT_COUNT_FIRST = "nNoOcCkK\u212a"
_WELCOME_FIRST = "wWbB"


def _vocabulary_tokens(vocabulary: frozenset[str]) -> frozenset[str]:
    return frozenset(token for entry in vocabulary for token in entry.split())


_TOKENS = {id(v): _vocabulary_tokens(v) for v in (LOGIN_WORDS, SOCIAL_WORDS, NAV_WORDS)}
_VOCABULARY_TOKENS = frozenset().union(*_TOKENS.values())
# What a social bar with a date glued on may hold besides social words: what the date patterns
# and WEEKDAY remove whole (month names, Spanish "de"; weekday names are matched by WEEKDAY itself),
# or a token with a digit or 年/月/日, which they may remove in part (see ``_may_be_social_bar``).
_SOCIAL_BAR_TOKENS = _TOKENS[id(SOCIAL_WORDS)] | frozenset(MONTHS) | {"de"}
_DATE_CHARS = re.compile(r"[\d年月日]")
_NON_DATE_CHAR = re.compile(r"[^\d年月日]")
_SOCIAL_TOKENS = _TOKENS[id(SOCIAL_WORDS)]
# The names ``WEEKDAY`` matches, lower case (its one group is their alternation).
_WEEKDAY_NAMES = frozenset(WEEKDAY.pattern[WEEKDAY.pattern.index("(") + 1:WEEKDAY.pattern.index(")")].split("|"))
assert all(WEEKDAY.fullmatch(name) for name in _WEEKDAY_NAMES) and "sunday" in _WEEKDAY_NAMES
# A line without ``has_markup`` (a "#", a separator, a digit or a colon, or a run of white space)
# can be no hashtag list, breadcrumb, separated menu, nor licence or contact line: those tests
# are skipped.


# The separator after a "Read more" lead-in, and the first words of the lead-ins (a cheap test).
_LEAD_IN_END = re.compile(r"\s*[:：»›|–—]\s*|\s+-\s+")
_READ_ALSO_FIRST_WORDS = frozenset(lead_in.partition(" ")[0] for lead_in in READ_ALSO_LEAD_INS)
# A first word of a line for which some rule of ``_classify_line`` reads its ``key``: the first
# word of an entry of a vocabulary it looks the key up in, any word of one (``in_vocabulary``)
# or a first word that ``_may_be_social_bar`` does not reject.
_KEY_FIRST_WORDS = (
    frozenset(entry.partition(" ")[0] for vocabulary in (
        AD_WORDS, CONTINUE_READING, BACK_TO_TOP, COMMENT_PROMPTS, RELATED_HEADINGS, LOGIN_WORDS, NAV_WORDS,
    ) for entry in vocabulary)
    | _READ_ALSO_FIRST_WORDS | _VOCABULARY_TOKENS | _SOCIAL_BAR_TOKENS | _WEEKDAY_NAMES
)
#: Words of the headline after a lead-in; a longer rest is a sentence of the article itself.
_MAX_READ_ALSO_WORDS = 25


def _read_also_link(text: str) -> bool:
    """A lead-in that names another article, a separator and that article's headline:
    "READ MORE: China plague outbreak confirmed", "Lesen Sie auch: …", "(Related reading: …)".

    Its own reason code, not ``related_links``: the lines after it are the article's, not a list
    of links under a heading.
    """
    end = _LEAD_IN_END.search(text)
    if end is None or end.start() == 0:
        return False
    return key(text[: end.start()]) in READ_ALSO_LEAD_INS and 1 <= words(text[end.end():]) <= _MAX_READ_ALSO_WORDS


def _strip_bullets(text: str) -> str:
    """``_BULLET.sub("", text).strip()``, without the regex for a line starting with no bullet."""
    if text and not text[0].isspace() and text[0] not in _BULLET_CHARS:
        return text.strip()
    return _BULLET.sub("", text).strip()


def _words_of_line_in(text: str, vocabulary: frozenset[str]) -> bool:
    """The line is one entry of ``vocabulary``, or a run of separated entries, or space-joined
    entries (``Facebook Twitter Email``)."""
    k = key(text)
    if not k:
        return False
    if k in vocabulary:
        return True
    tokens = k.split()
    known = _TOKENS.get(id(vocabulary))
    if known is not None and not known.issuperset(tokens) and "Σ" not in text:
        # A word in no entry: no segment is an entry either (separators hold no word character
        # and, Σ aside, lower-casing does not depend on the neighbours), and the greedy walk
        # below would stop at it.
        return False
    if _MENU_SEPARATOR_CHARS.search(text):  # else the split gives one segment
        segments = [key(s) for s in _MENU_SEPARATORS.split(text) if key(s)]
        if len(segments) > 1 and all(s in vocabulary for s in segments):
            return True
    # Greedy space-joined phrases, longest first (three-word phrases at most).
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
    if "19" not in text and "20" not in text:  # every date pattern needs a 19xx/20xx year
        low = lower_for_hints(text)
        if (low is not None and not _WEEKDAY_HINTS.search(low)) or not WEEKDAY.search(text):
            return text
    for pattern in DATE_PATTERNS:
        text = pattern.sub(" ", text)
    text = WEEKDAY.sub(" ", text)
    return text


def _is_separated_menu(text: str) -> bool:
    """``Home | News | Sport | Contact``: three or more short items and no sentence."""
    if not _SEPARATED_MENU_ANY.search(text):
        return False  # one segment
    segments = [s.strip() for s in _SEPARATED_MENU_SPLIT.split(text) if s.strip()]
    if len(segments) < 3 or _CODE.search(text):
        return False
    return all(words(s) <= 4 and not ends_sentence(s) for s in segments)


def _breadcrumb(text: str) -> bool:
    if not _CRUMB_CHARS.search(text):
        return False  # no separator: one part
    parts = [p for p in _CRUMB_SEPARATORS.split(text) if p.strip()]
    if len(parts) < 2 or any(words(p) > 15 for p in parts):
        return False
    if key(parts[0]) in HOME_WORDS:
        return True
    # No home word: only the angle-bracket separators, three or more short items.
    return len(parts) >= 3 and bool(_CRUMB_ANGLE.search(text)) and all(words(p) <= 5 for p in parts[:-1])


def classify_line(text: str, config: BoilerplateConfig) -> str | None:
    """The boilerplate reason for one whitespace-normalised line, or ``None``."""
    if not text:
        return None
    # memoised on the one setting it reads: hashing the whole (frozen) config costs more
    return _classifier(config.max_words_per_nav_line)(text)


_CLASSIFIERS: dict[int | None, Callable[[str], str | None]] = {}


def _classifier(limit: int | None) -> Callable[[str], str | None]:
    """``_classify_line(text, limit)`` as a function of ``text``, memoised (one memo per limit)."""
    found = _CLASSIFIERS.get(limit)
    if found is None:
        found = _CLASSIFIERS[limit] = memo(_classify_line, limit)
    return found


def _classify_line(text: str, limit: int | None) -> str | None:
    """The reason of ``classify_line`` for a non-empty text."""
    n = words(text)
    low = lower_for_hints(text)
    start = text[0]

    if start in _COPYRIGHT_START_FIRST and _COPYRIGHT_START.match(text) and _COPYRIGHT_HINT.search(text):
        return "copyright_footer"
    if n <= 40 and (low is None or _COPYRIGHT_ANY_HINT(low)) and _COPYRIGHT_ANY.search(text):
        return "copyright_footer"
    if (start in _DECORATION_FIRST or start.isspace()) and _DECORATION.fullmatch(text):
        return "nav_menu"  # empty bullets and boxes left by menus (not code braces or arrows)
    if n <= 12 and (start in "([（" or ":" in text or "：" in text) and _EDITOR.match(text):
        return "editor_credit"
    if 4 <= n <= 30 and (start in "([" or n <= 12) \
            and (low is None or _FOLLOW_HINT(low)) and _FOLLOW.search(text):
        return "editor_credit"
    if limit is not None and n > limit:
        return None
    # (``_strip_bullets``: nothing to take off a text with no white space or bullet at its ends)
    stripped = text if start not in _BULLET_CHARS and not start.isspace() and not text[-1].isspace() \
        else _strip_bullets(text)
    # The rules below that read ``k = key(stripped)`` need its first word to start an entry of
    # a vocabulary, to be a word of one (``in_vocabulary``) or to pass the first test of
    # ``_may_be_social_bar``: told from the first word alone, ``k`` is made only when one can.
    lowered = lower_for_hints(stripped)
    found = WORD.search(stripped.lower() if lowered is None else lowered)
    if found is None:  # ``k`` is empty
        return None
    first = found.group()
    keyed = (first in _KEY_FIRST_WORDS or low is None or "Σ" in stripped
             or (not (first.isascii() and first.isalpha()) and _DATE_CHARS.search(first) is not None))
    k = key(stripped) if keyed else None
    if keyed and k in AD_WORDS:
        return "advertisement"
    if keyed and k in CONTINUE_READING:
        return "continue_reading"
    if keyed and k in BACK_TO_TOP:
        return "back_to_top"
    # (a word found in ``lower_for_hints(stripped)`` is in the line's own ``low`` too)
    if (keyed and k in COMMENT_PROMPTS) \
            or ((stripped[0] in _COMMENT_COUNT_FIRST or stripped[0].isdecimal()) and COMMENT_COUNT.match(stripped)) \
            or (n >= 4 and (low is None or _COMMENT_FORM_HINT(low)) and _COMMENT_FORM.search(stripped)):
        return "comment_prompt"
    if keyed and k in RELATED_HEADINGS:
        return "related_links"
    if first in _READ_ALSO_FIRST_WORDS and _read_also_link(stripped):
        return "read_also_link"
    special = has_markup(stripped)
    if special and "#" in stripped:  # a hashtag needs one
        tokens = stripped.split()
        if len(tokens) >= 2 and sum(bool(_HASHTAG.match(t)) for t in tokens) >= max(2, 0.8 * len(tokens)):
            return "hashtags"
    if special and _breadcrumb(stripped):
        return "breadcrumb"
    # a word in none of the vocabularies: no ``_words_of_line_in`` below can hold (see there)
    in_vocabulary = keyed and ("Σ" in stripped or _VOCABULARY_TOKENS.issuperset(k.split()))
    if (keyed and k in LOGIN_WORDS) or (in_vocabulary and _words_of_line_in(stripped, LOGIN_WORDS)):
        return "login_prompt"
    # ``_may_be_social_bar`` goes on past the first token only when it is a social, month or
    # weekday word or "de", or holds a date character (each of which makes the line ``keyed``)
    if (in_vocabulary and _words_of_line_in(stripped, SOCIAL_WORDS)) \
            or (keyed and (low is None or "Σ" in stripped or first in _SOCIAL_BAR_TOKENS or first in _WEEKDAY_NAMES
                           or (not (first.isascii() and first.isalpha()) and _DATE_CHARS.search(first) is not None))
                and _social_bar(stripped)):
        return "share_buttons"
    # The line is language names and separators only: it starts with one or the other.
    if (stripped[0] in " >»|/·•?-"
            or ((stripped[0] in _LANGUAGE_FIRST_CHARS or stripped[0] >= _PAST_PLANE) and _LANGUAGE.match(stripped))) \
            and not _LANGUAGE.sub("", stripped).strip(" >»|/·•?-") and _LANGUAGE.search(stripped):
        return "language_switcher" if len(_LANGUAGE.findall(stripped)) > 1 else "language_name"
    has_digit = special and _DIGITS.search(stripped) is not None
    if has_digit and n <= 15 and (low is None or _LICENCE_HINT(low)) and _LICENCE.search(stripped):
        return "copyright_footer"
    if (has_digit and _PHONE.match(stripped) and len(_DIGITS.findall(stripped)) >= 7) \
            or (n <= 12 and (":" in stripped or "：" in stripped) and _CONTACT_LABEL.match(stripped)) \
            or (has_digit and _HOURS.search(stripped) and _HOURS_WORD.search(stripped)):
        return "contact_info"
    if (keyed and k in NAV_WORDS) or (in_vocabulary and _words_of_line_in(stripped, NAV_WORDS)) \
            or (special and _is_separated_menu(stripped)):
        return "nav_menu"
    return None


def _social_bar(text: str) -> bool:
    """Social links with a date glued on (a header bar), nothing else."""
    if not _may_be_social_bar(text):
        return False
    rest = _strip_social_and_dates(text)
    return rest != text and _words_of_line_in(rest, SOCIAL_WORDS)


def _may_be_social_bar(text: str) -> bool:
    """False when ``_social_bar(text)`` cannot hold, told without the date patterns.

    A token of the line that is no social word and that the date removal cannot touch (it holds
    no digit nor 年/月/日 and is no month or weekday name nor "de") is left whole in what
    ``_words_of_line_in`` then judges, and it stops that. And some social word must be left: a
    token that is one, or a token with a digit or 年/月/日 and other characters, which the
    removal may cut down to one (the removal takes month and weekday names whole, and leaves of
    a token of digits and 年/月/日 alone no more than some of them: no social word). Letters
    that case-insensitive matching folds differently from ``str.lower``, or that lower-case by
    context (Σ), get no such reading.
    """
    if lower_for_hints(text) is None or "Σ" in text:
        return True
    social = False
    for token in key(text).split():
        # ``key`` tokens are lower case and free of the letters above, which are the only ones
        # ``WEEKDAY``'s case-insensitive match reads otherwise: it fullmatches the names only.
        if token in _SOCIAL_BAR_TOKENS or token in _WEEKDAY_NAMES:
            social = social or token in _SOCIAL_TOKENS
            continue
        if (token.isascii() and token.isalpha()) or not _DATE_CHARS.search(token):  # no digit, no 年月日
            return False
        social = social or _NON_DATE_CHAR.search(token) is not None
    return social


def _is_link_item(text: str) -> bool:
    """A line under a related heading: a short headline-like item, not prose or a wrapped line."""
    first_letter = next((c for c in text if c.isalpha()), "")
    return (0 < words(text) <= 18 and not is_paragraph(text, min_words=10) and not first_letter.islower()
            and not text.endswith((",", ";", ":")))


def find_boilerplate(doc: Document, config: PipelineConfig) -> Verdict:
    verdict = Verdict()
    settings = config.boilerplate
    content = doc.kept_content_indices()
    texts = doc.texts()  # by line index: ``norm`` of each line
    limit = settings.max_words_per_nav_line
    # ``classify_line`` of each line (no text is empty)
    reasons = dict(zip(content, _classifier(limit).__self__.results([texts[i] for i in content])))
    # The article body: prose lines no rule claimed (a long copyright notice is not the body).
    unclaimed = [i for i in content if reasons[i] is None]
    paragraphs = [i for i, is_body in zip(unclaimed, prose.__self__.results([texts[i] for i in unclaimed])) if is_body]

    body = (paragraphs[0], paragraphs[-1]) if paragraphs else None
    for i, reason in reasons.items():  # (in page order)
        if reason == "language_name":
            # One language name alone is a switcher in the head or foot of an article, not in a list.
            reason = "language_switcher" if body is not None and not body[0] <= i <= body[1] else None
        if reason == "login_prompt" or (reason is None and texts[i][0] in _WELCOME_FIRST and _WELCOME.match(texts[i])
                                        and words(texts[i]) <= 8 and not ends_sentence(texts[i])
                                        and (not paragraphs or i < paragraphs[0])):
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
        foot = content[bisect_right(content, paragraphs[-1]):]  # (``content`` is in page order)
        if foot:
            head = {texts[i] for i in content[:bisect_left(content, paragraphs[0])]}
            copies = Counter(map(texts.__getitem__, content))
            for i in foot:
                text = texts[i]
                # Printed exactly twice, head and foot: a menu; item labels of a listing repeat more.
                if i not in verdict.removals and text in head and copies[text] == 2 \
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
    content: list[int], texts: list[str], paragraphs: list[int], min_words: int | None
) -> int | None:
    """The first comment-section boundary that follows most of the article's prose."""
    if not paragraphs or min_words is None:
        return None
    total = sum(words(texts[p]) for p in paragraphs)
    candidates = []
    for i in _lines_with_boundary_hints(content, texts):
        kind = _boundary_kind(texts[i])
        if kind is not None:
            candidates.append((i, kind))
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


def _lines_with_boundary_hints(content: list[int], texts: list[str]) -> list[int]:
    """The lines of ``content`` whose ``_boundary_kind`` may not be ``None``: those holding one of
    ``_COMMENT_BOUNDARY_HINTS``, found in one scan of the page's lower-cased lines joined rather
    than one per line (a page with a letter that makes the hint test unsafe has every line tried)."""
    lows = lower_for_hints.__self__.results([texts[i] for i in content])
    if None in lows:
        return content
    low = "\n".join(lows)
    # Each hint word looked for on its own with ``str.find`` (a fast scan for a literal, where the
    # regex alternation steps through every character): a match of the alternation is an
    # occurrence of one of the words, and an occurrence it skips overlaps a match on its line.
    # A line's number is how many lines end (with their line break) at or before an occurrence.
    positions = [at for word in _COMMENT_BOUNDARY_WORDS for at in _occurrences(low, word)]
    if not positions:
        return []
    ends = (np.fromiter(map(len, lows), dtype=np.intp, count=len(lows)) + 1).cumsum()
    return [content[k] for k in np.unique(ends.searchsorted(positions, side="right")).tolist()]


def _occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text`` (overlapping occurrences included)."""
    found = []
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


@memo
def _boundary_kind(line: str) -> str | None:
    """The key of a comment-section boundary line, ``"<count>"`` for a comment count, or ``None``."""
    low = lower_for_hints(line)
    if low is not None and not _COMMENT_BOUNDARY_HINTS.search(low):
        return None  # no entry of COMMENT_BOUNDARY nor a comment count can match
    text = _strip_bullets(line)
    if _MENU_SEPARATOR_CHARS.search(text):
        text = _MENU_SEPARATORS.split(text)[0]
    k = key(text)
    if k in COMMENT_BOUNDARY:
        return k
    if COMMENT_COUNT.match(text):
        return "<count>"  # "1 Comment" and "3 Comments" are the same control
    return None


_COMMENT_MARK_WITHIN_LINES = 15  # the first comment's reply link or time is this close to the boundary
_COMMENT_MARK = re.compile(
    r"^(?:reply|antworten|répondre|responder|回复|report|melden|signaler)$|\b(?:says|sagt|dit|dice|wrote|schrieb)\s*:?$|"
    r"\d{1,2}:\d{2}\s*(?:am|pm|uhr)\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago$|"
    r"^(?:vor\s+\d+|il y a\s+\d+|hace\s+\d+)",
    re.I,
)


def _comments_follow(content: list[int], texts: list[str], paragraphs: list[int], boundary: int) -> bool:
    """After a boundary come comments (prose with reply links, "says:", times) or no prose at all;
    a "Leave a comment" button in the middle of a post is followed by more of the post."""
    after = [i for i in content if i > boundary]
    if not any(p > boundary for p in paragraphs):
        return True
    return any(_COMMENT_MARK.search(texts[i]) for i in after[:_COMMENT_MARK_WITHIN_LINES])
