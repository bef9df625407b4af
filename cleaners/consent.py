"""A cookie-consent manager's dialog, printed whole by a text browser, removed before the classifier.

A consent manager (OneTrust's preference center, a dialog of the IAB Transparency & Consent
Framework, the GDPR Cookie Consent plugin) hides most of its dialog until the reader asks for
it, but a text browser or a naive scrape prints all of it: a banner sentence, buttons, then one
heading, toggle and paragraph per category of cookies or purpose of processing. Those paragraphs
are prose of common words ("These technologies help us understand how our site is used…"), so
the line classifier reads them as text, and on a page with little prose of its own (a forum
thread, a product page) it may take the dialog for the page's densest region of text and drop the
page's own lines around it. ``appeals`` removes the dialog's formulas after the classifier, too
late for that.

So this step finds the dialog as a region before the classifier: lines that are its marks (a
button or a toggle, one of ``appeals``' cookie formulas, a short heading naming cookies, a line
naming two or more of a dialog's concepts) with few other lines between them. A region goes
whole (reason ``cookie_notice``) when it holds at least ``appeals.consent_dialog_min_marks``
marks, a button or toggle among them, two formulas or controls, and its marks are at least
``DIALOG_MIN_MARK_SHARE`` of its lines. A cookie policy explains the same categories in the same
words but has no buttons or toggles, and an article about privacy has neither, so both keep their
text. Text dumps only: an HTML extractor drops such dialogs with the page's markup.

The line model is trained without this step's removals (``UNTRAINED_STEPS`` in
``bench/train_line_model.py``): the dialog's paragraphs stay among its negatives. Most pages cost
one substring test (no cookie, consent or legitimate interest named) or one scan for a control's
words (``control_candidates``); only a page with a button or a toggle has its lines marked.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

import ahocorasick

from cleaners.appeals import appeal_reason, is_consent_framework_line, names_concepts
from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import norm

#: Marks: a control (button or toggle), a formula or heading, prose naming a dialog's concepts,
#: and a bare checkbox (which carries a region on, but never makes one).
CONTROL, FORMULA, PROSE, CHECKBOX = "control", "formula", "prose", "checkbox"
#: A region's marks are at least this share of its lines (the lines between them are its own
#: paragraphs, one or two per mark).
DIALOG_MIN_MARK_SHARE = 0.4
#: A line this long is wrapped: the text browser's next line is the same paragraph, and does not
#: count as a line between marks.
WRAPPED_CHARS = 100
#: A button line is this short, in words and (a bracketed toggle apart) in characters.
MAX_BUTTON_WORDS = 8
MAX_CONTROL_CHARS = 100
#: A heading naming cookies ("Targeting Cookies", "Analytics/Performance Cookies and Pixel
#: Tracking") is this short.
MAX_HEADING_WORDS = 10
_FRAME = " \t•*·-–—|>□■▪◦☆"
#: The words a consent dialog's buttons are made of ("Accept All Cookies", "Reject All",
#: "Confirm My Choices", "Alle akzeptieren", "Tout refuser"); a button line holds only these,
#: one of them a verb of consent (``_BUTTON_VERB``).
_BUTTON_WORDS = frozenset(
    "accept allow reject decline deny refuse confirm save manage customise customize settings preferences choices "
    "choice all cookies cookie only necessary essential my selection options vendors purposes show agree i consent "
    "close ok got it and or continue without accepting more information akzeptieren ablehnen alle zulassen "
    "einstellungen speichern auswahl nur notwendige essenzielle tout accepter refuser paramétrer personnaliser "
    "continuer sans enregistrer aceptar rechazar todo configurar todas guardar".split())
_BUTTON_VERB = re.compile(r"(?i)\b(?:accept|allow|reject|decline|deny|refuse|confirm|save|agree|akzeptieren|ablehnen"
                          r"|zulassen|speichern|accepter|refuser|enregistrer|aceptar|rechazar|guardar)")
#: A category's or a purpose's toggle: a checkbox and a label a consent dialog gives it.
_TOGGLE = re.compile(r"(?i)^\[[ x*]?\]\s*.{0,60}(?:cookie|necessary|essential|functional|performance|analytic|advertis"
                     r"|marketing|targeting|preferences|statistic|social media|personali[sz]|consent|legitimate|vendor"
                     r"|partner|tracking|notwendig|nécessaire|measure|profiles|essen[tz]iell|statisti|externe medien"
                     r"|funktional|komfort|präferenz|fonctionnel|publicit|mesure d'audience|rendimiento|anal[ií]tic"
                     r"|publicidad|preferencias)")
#: The other controls of such dialogs: OneTrust's and the TCF's labels, placeholders included.
_OTHER_CONTROL = re.compile(
    r"(?i)^(?:always (?:active|enabled)|object to legitimate interests?(?: remove objection)?|remove objection"
    r"|enabled disabled|view illustrations|consent leg\.? ?interest|apply cancel|\[[ x*]?\] (?:switch|checkbox) label"
    r"(?: label)?)$")
_COOKIE_HEADING = re.compile(r"(?i)^(?:\[[ x*]?\]\s*)?[\w/&,' -]{0,60}\bcookies?\b[\w/&,' -]{0,40}$")
_BARE_CHECKBOX = re.compile(r"\[[ x*]?\]")
#: A region must name what it is about at least once.
_DIALOG_WORD = re.compile(r"(?i)cookie|consent|legitimate interest")
#: ``_DIALOG_WORD`` as plain substrings, in the cases pages print them: a page without any of them
#: is settled without looking at its lines.
_DIALOG_WORD_PARTS = ("ookie", "OOKIE", "onsent", "ONSENT", "egitimate", "EGITIMATE")
#: What every control holds: a verb of ``_BUTTON_VERB``, a word of ``_OTHER_CONTROL`` or a checkbox
#: (lower case; found in the whole page at once by an Aho-Corasick automaton).
_CONTROL_HINTS = ("accept", "allow", "reject", "declin", "deny", "refus", "confirm", "save", "agree", "akzeptier",
                  "ablehn", "zulass", "speicher", "enregistr", "acepta", "rechaz", "guardar", "always", "object",
                  "enabled", "illustrations", "consent leg", "apply", "[ ]", "[x]", "[*]", "[]")
_HINT_AUTOMATON = ahocorasick.Automaton()
for _word in _CONTROL_HINTS:
    _HINT_AUTOMATON.add_word(_word, _word)
_HINT_AUTOMATON.make_automaton()
_GLUED = re.compile(r"([a-z])([A-Z])")
_BUTTON_TOKEN = re.compile(r"[\w']+")
_WORD_CHAR = re.compile(r"\w")


def find_consent_dialogs(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove every consent dialog region of a text dump (``cookie_notice``)."""
    verdict = Verdict()
    settings = config.appeals
    if doc.kind != "text" or settings.consent_dialog_gap_lines is None:
        return verdict
    lines = doc.lines
    page = "\n".join(lines)
    if not any(part in page for part in _DIALOG_WORD_PARTS):
        return verdict
    # a dialog holds a button or a toggle: most pages have none, and are settled by one scan
    if not any(is_control(norm(lines[i]).strip(_FRAME)) for i in control_candidates(lines, page)):
        return verdict
    for first, last in dialog_regions(lines, settings.consent_dialog_gap_lines, settings.consent_dialog_min_marks):
        for index in range(first, last + 1):
            if lines[index].strip():
                verdict.remove(index, "cookie_notice")
    return verdict


def dialog_regions(lines: list[str], gap: int, min_marks: int) -> list[tuple[int, int]]:
    """(first, last) line indices of each consent dialog: runs of marked lines with at most
    ``gap`` other lines between two marks (a wrapped paragraph's continuation lines and lines
    without a letter or digit not counted) that pass ``_region``'s tests."""
    regions: list[tuple[int, int]] = []
    group: list[tuple[int, str]] = []
    between, after_wrapped = 0, False
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        kind = line_mark(line)
        if kind is not None:
            if group and between > gap:
                regions += _region(lines, group, min_marks)
                group = []
            group.append((index, kind))
            between = 0
        elif not _WORD_CHAR.search(line):
            continue
        elif not after_wrapped:
            between += 1
        after_wrapped = len(line.strip()) >= WRAPPED_CHARS
    return regions + _region(lines, group, min_marks)


def _region(lines: list[str], group: list[tuple[int, str]], min_marks: int) -> list[tuple[int, int]]:
    """The group's span from its first to its last mark other than a bare checkbox, if it is a
    dialog: ``min_marks`` marks, a control and two controls or formulas among them, a line naming
    cookies, consent or a legitimate interest, and marks making up ``DIALOG_MIN_MARK_SHARE`` of its lines."""
    kinds = [kind for _, kind in group]
    if (len(group) < min_marks or CONTROL not in kinds
            or sum(kind in (CONTROL, FORMULA) for kind in kinds) < 2
            or not any(_DIALOG_WORD.search(lines[index]) for index, _ in group)):
        return []
    core = [index for index, kind in group if kind != CHECKBOX]
    first, last = core[0], core[-1]
    inside = sum(1 for line in lines[first:last + 1] if line.strip())
    return [(first, last)] if len(group) >= DIALOG_MIN_MARK_SHARE * inside else []


def line_mark(line: str) -> str | None:
    """What a line is to a consent dialog: ``CONTROL``, ``FORMULA``, ``PROSE``, ``CHECKBOX`` or None."""
    text = norm(line).strip(_FRAME)
    if not text:
        return None
    if _BARE_CHECKBOX.fullmatch(line.strip()):
        return CHECKBOX
    if is_control(text):
        return CONTROL
    if appeal_reason(line) == "cookie_notice" or is_consent_framework_line(line):
        return FORMULA
    if len(text.split()) <= MAX_HEADING_WORDS and _COOKIE_HEADING.match(text):
        return FORMULA
    if names_concepts(text, 2):
        return PROSE
    return None


def control_candidates(lines: list[str], page: str) -> list[int]:
    """Indices of the lines that may be a control: those holding one of ``_CONTROL_HINTS``,
    found in one scan of the lower-cased page (``page``: the lines joined by line breaks; a line
    without one is never a control)."""
    low = page.lower()
    if len(low) != len(page):  # a letter lower-cased to two (İ): the offsets would drift, so line by line
        return [index for index, line in enumerate(lines) if any(True for _ in _HINT_AUTOMATON.iter(line.lower()))]
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    found: list[int] = []
    for end, _ in _HINT_AUTOMATON.iter(low):
        index = bisect_right(starts, end) - 1
        if not found or found[-1] != index:
            found.append(index)
    return found


def is_control(text: str) -> bool:
    """A consent dialog's button ("Accept All Cookies", "Reject allAllow all" glued) or toggle."""
    if text[:1] == "[" and (_TOGGLE.match(text) or _OTHER_CONTROL.match(text)):
        return True
    if len(text) > MAX_CONTROL_CHARS:
        return False
    if _OTHER_CONTROL.match(text):
        return True
    tokens = _BUTTON_TOKEN.findall(_GLUED.sub(r"\1 \2", text).lower())
    return (0 < len(tokens) <= MAX_BUTTON_WORDS and all(token in _BUTTON_WORDS for token in tokens)
            and _BUTTON_VERB.search(text) is not None)
