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
from bisect import bisect_right
from itertools import accumulate

from cleaners.config import BoilerplateConfig, PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.metadata import MONTHS, _DATE_PATTERNS as DATE_PATTERNS, _WEEKDAY as WEEKDAY
from cleaners.patterns import (
    AD_WORDS, BACK_TO_TOP, COMMENT_BOUNDARY, COMMENT_COUNT, COMMENT_PROMPTS, CONTINUE_READING,
    HOME_WORDS, LANGUAGE_CODES, LANGUAGE_NAMES, LOGIN_WORDS, NAV_WORDS, READ_ALSO_LEAD_INS, RELATED_HEADINGS,
    SOCIAL_WORDS,
    cached, ends_sentence, has_case_trap, hints, is_paragraph, is_prose, key, lower_for_hints, norm, words,
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
_COMMENT_FORM_HINTS = hints(
    "your email address", "required fields", "save my name", "ihre e-mail-adresse", "erforderliche felder",
    "votre adresse e-mail", "tu direcci", "you must be logged in",
)
_COPYRIGHT_ANY_HINTS = hints("rights reserved", "rechte vorbehalten", "droits r", "derechos reservados", "版权所有", "©",
                        "copyright")
# Every entry of COMMENT_BOUNDARY, and every line COMMENT_COUNT matches, has one of these.
_COMMENT_BOUNDARY_WORDS = ("comment", "reply", "conversation", "kommentar", "comentario", "respons", "thought", "评论")
_COMMENT_BOUNDARY_HINTS = hints(*_COMMENT_BOUNDARY_WORDS)
# A line COMMENT_COUNT or _COMMENT_FORM matches holds one of these (both sets above).
_COMMENT_LINE_HINTS = re.compile(_COMMENT_BOUNDARY_HINTS.pattern + "|" + _COMMENT_FORM_HINTS.pattern)
# Every weekday name of WEEKDAY holds one of these.
_WEEKDAY_HINTS = hints(
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "die", "mit", "don", "fre", "sam", "son", "lun", "mar",
    "mer", "jeu", "ven", "dim", "jue", "vie", "rcoles", "bado", "dom",
)
_SEPARATED_MENU_ANY = re.compile(r"[|｜•·]|\s{3,}")
_FOLLOW_HINTS = hints("follow", "like us on facebook", "folgen sie uns", "suivez-nous", "guenos", "关注我们")


def _vocabulary_tokens(vocabulary: frozenset[str]) -> frozenset[str]:
    return frozenset(token for entry in vocabulary for token in entry.split())


_TOKENS = {id(v): _vocabulary_tokens(v) for v in (LOGIN_WORDS, SOCIAL_WORDS, NAV_WORDS)}
_VOCABULARY_TOKENS = frozenset().union(*_TOKENS.values())
# What a social bar with a date glued on may hold besides social words: what the date patterns
# and WEEKDAY remove whole (month names, Spanish "de"; weekday names are matched by WEEKDAY itself),
# or a token with a digit or 年/月/日, which they may remove in part (see ``_may_be_social_bar``).
_SOCIAL_BAR_TOKENS = _TOKENS[id(SOCIAL_WORDS)] | frozenset(MONTHS) | {"de"}
_DATE_CHARS = re.compile(r"[\d年月日]")
# The names ``WEEKDAY`` matches, lower case (its one group is their alternation).
_WEEKDAY_NAMES = frozenset(WEEKDAY.pattern[WEEKDAY.pattern.index("(") + 1:WEEKDAY.pattern.index(")")].split("|"))
assert all(WEEKDAY.fullmatch(name) for name in _WEEKDAY_NAMES) and "sunday" in _WEEKDAY_NAMES
# A line holding none of these can be no hashtag list, breadcrumb, separated menu, nor licence or
# contact line (each needs a "#", a separator, a digit or a colon): those tests are skipped.
_SPECIAL = re.compile(r"[#>»›→/\\|｜•·:：\d]|\s{3,}")


# The separator after a "Read more" lead-in, and the first words of the lead-ins (a cheap test).
_LEAD_IN_END = re.compile(r"\s*[:：»›|–—]\s*|\s+-\s+")
_READ_ALSO_FIRST_WORDS = frozenset(lead_in.partition(" ")[0] for lead_in in READ_ALSO_LEAD_INS)
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
    return _classify_line(text, config.max_words_per_nav_line)


@cached
def _classify_line(text: str, limit: int | None) -> str | None:
    n = words(text)
    low = lower_for_hints(text)

    if _COPYRIGHT_START.match(text) and _COPYRIGHT_HINT.search(text):
        return "copyright_footer"
    if n <= 40 and (low is None or _COPYRIGHT_ANY_HINTS.search(low)) and _COPYRIGHT_ANY.search(text):
        return "copyright_footer"
    if _DECORATION.fullmatch(text):
        return "nav_menu"  # empty bullets and boxes left by menus (not code braces or arrows)
    if n <= 12 and (text.startswith(("(", "[", "（")) or ":" in text or "：" in text) and _EDITOR.match(text):
        return "editor_credit"
    if 4 <= n <= 30 and (text.startswith(("(", "[")) or n <= 12) \
            and (low is None or _FOLLOW_HINTS.search(low)) and _FOLLOW.search(text):
        return "editor_credit"
    if limit is not None and n > limit:
        return None
    stripped = _strip_bullets(text)
    k = key(stripped)
    if not k:
        return None
    if k in AD_WORDS:
        return "advertisement"
    if k in CONTINUE_READING:
        return "continue_reading"
    if k in BACK_TO_TOP:
        return "back_to_top"
    # (a word found in ``lower_for_hints(stripped)`` is in the line's own ``low`` too)
    if k in COMMENT_PROMPTS or ((low is None or _COMMENT_LINE_HINTS.search(low))
                                and (COMMENT_COUNT.match(stripped) or _comment_form(stripped))):
        return "comment_prompt"
    if k in RELATED_HEADINGS:
        return "related_links"
    if k.partition(" ")[0] in _READ_ALSO_FIRST_WORDS and _read_also_link(stripped):
        return "read_also_link"
    special = _SPECIAL.search(stripped) is not None
    if special and "#" in stripped:  # a hashtag needs one
        tokens = stripped.split()
        if len(tokens) >= 2 and sum(bool(_HASHTAG.match(t)) for t in tokens) >= max(2, 0.8 * len(tokens)):
            return "hashtags"
    if special and _breadcrumb(stripped):
        return "breadcrumb"
    # a word in none of the vocabularies: no ``_words_of_line_in`` below can hold (see there)
    in_vocabulary = "Σ" in stripped or _VOCABULARY_TOKENS.issuperset(k.split())
    if k in LOGIN_WORDS or (in_vocabulary and _words_of_line_in(stripped, LOGIN_WORDS)):
        return "login_prompt"
    if (in_vocabulary and _words_of_line_in(stripped, SOCIAL_WORDS)) or _social_bar(stripped):
        return "share_buttons"
    # The line is language names and separators only: it starts with one or the other.
    if (stripped[0] in " >»|/·•?-" or _LANGUAGE.match(stripped)) \
            and not _LANGUAGE.sub("", stripped).strip(" >»|/·•?-") and _LANGUAGE.search(stripped):
        return "language_switcher" if len(_LANGUAGE.findall(stripped)) > 1 else "language_name"
    has_digit = special and _DIGITS.search(stripped) is not None
    if has_digit and n <= 15 and _LICENCE.search(stripped):
        return "copyright_footer"
    if (has_digit and _PHONE.match(stripped) and len(_DIGITS.findall(stripped)) >= 7) \
            or (n <= 12 and (":" in stripped or "：" in stripped) and _CONTACT_LABEL.match(stripped)) \
            or (has_digit and _HOURS.search(stripped) and _HOURS_WORD.search(stripped)):
        return "contact_info"
    if k in NAV_WORDS or (in_vocabulary and _words_of_line_in(stripped, NAV_WORDS)) \
            or (special and _is_separated_menu(stripped)):
        return "nav_menu"
    return None


def _comment_form(text: str) -> bool:
    """Comment-form boilerplate: the privacy notice and required-field markers."""
    low = lower_for_hints(text)
    if low is not None and not _COMMENT_FORM_HINTS.search(low):
        return False
    return bool(_COMMENT_FORM.search(text))


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
    ``_words_of_line_in`` then judges, and it stops that. Letters that case-insensitive matching
    folds differently from ``str.lower``, or that lower-case by context (Σ), get no such reading.
    """
    if lower_for_hints(text) is None or "Σ" in text:
        return True
    for token in key(text).split():
        # ``key`` tokens are lower case and free of the letters above, which are the only ones
        # ``WEEKDAY``'s case-insensitive match reads otherwise: it fullmatches the names only.
        if token in _SOCIAL_BAR_TOKENS or token in _WEEKDAY_NAMES:
            continue
        if (token.isascii() and token.isalpha()) or not _DATE_CHARS.search(token):  # no digit, no 年月日
            return False
    return True


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
    limit = settings.max_words_per_nav_line
    reasons = {i: _classify_line(texts[i], limit) for i in content}  # ``classify_line``: no text is empty
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


def _lines_with_boundary_hints(content: list[int], texts: dict[int, str]) -> list[int]:
    """The lines of ``content`` whose ``_boundary_kind`` may not be ``None``: those holding one of
    ``_COMMENT_BOUNDARY_HINTS``, found in one scan of the page's lower-cased text rather than one
    per line (lower-casing the joined lines is joining the lower-cased lines: line breaks stop
    Σ's context rule; a page with a letter that makes the hint test unsafe has every line tried)."""
    page = "\n".join(texts[i] for i in content)
    low = page.lower()
    if has_case_trap(page) or len(low) != len(page):
        return content
    starts = list(accumulate((len(texts[i]) + 1 for i in content), initial=0))
    # Each hint word looked for on its own with ``str.find`` (a fast scan for a literal, where the
    # regex alternation steps through every character): a match of the alternation is an
    # occurrence of one of the words, and an occurrence it skips overlaps a match on its line.
    hinted = {bisect_right(starts, at) - 1 for word in _COMMENT_BOUNDARY_WORDS for at in _occurrences(low, word)}
    return [content[k] for k in sorted(hinted)]


def _occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text`` (overlapping occurrences included)."""
    found = []
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


@cached
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


def _comments_follow(content: list[int], texts: dict[int, str], paragraphs: list[int], boundary: int) -> bool:
    """After a boundary come comments (prose with reply links, "says:", times) or no prose at all;
    a "Leave a comment" button in the middle of a post is followed by more of the post."""
    after = [i for i in content if i > boundary]
    if not any(p > boundary for p in paragraphs):
        return True
    return any(_COMMENT_MARK.search(texts[i]) for i in after[:_COMMENT_MARK_WITHIN_LINES])
