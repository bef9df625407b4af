"""The rest of a wrapped paragraph whose other lines a rule removed.

w3m and lynx wrap a paragraph over lines of the dump's width, and the rule steps judge one line
at a time: a cookie banner's sentence, a form's fine print, a copyright notice or an image's
description that runs over two or three lines loses the lines the rule's formula stands on and
keeps the rest ("apply.", "property.", "Datenschutzerklärung."), a fragment no reader wants.

A kept line is such a remainder when it and a line a rule removed for a sentence of furniture
are one paragraph: each line between them, and the upper of the two, was cut at the wrap width
mid-sentence (``text.continues``, one of the tests ``assemble_text`` joins lines by). It goes with the
removed line's reason: a cookie notice goes to its last line, and a caption whose credit a rule
found at its end ("… (Photo credit should read …)") from its first line.

Only the reasons whose rules read a sentence (``FOLLOWED_REASONS``: a cookie or consent notice,
a form's fine print, an image's description or caption or a second copy of one, placeholder text, a copyright notice, a
newsletter or subscription appeal, a credit, an affiliate disclosure) are followed. A menu word or a comment prompt on a
line of its own says nothing of the line above or below it, and in a dump of two columns side
by side (w3m prints a sidebar next to the article) the line above a removed one is often the
article's. Cross-validated on wcxb-dev, following every rule step's removals, up the page as
well as down, lost recall (0.8398 -> 0.8381) to exactly those.

Only text dumps that are wrapped (``text.is_wrapped``: ``text.MIN_FULL_LINES`` lines at the wrap width) are read: an HTML
extractor's or a naive scrape's lines are whole paragraphs, and there a paragraph as long as
the page's longest line, next to a caption, passed for wrapped (one aeb-dev HTML page lost its
whole article, a single 12,000-character line, to the caption under it). A chain stops after
``MAX_FOLLOWED_LINES`` lines. Runs after the rule steps that follow the line classifier.
"""

from __future__ import annotations

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.text import continues, is_wrapped, wrap_shape

#: Reasons of rules that read a sentence of furniture, which the wrapped lines after it continue.
FOLLOWED_REASONS = frozenset({"cookie_notice", "form_consent", "image_alt", "caption", "caption_duplicate", "placeholder_text",
                              "copyright_footer", "newsletter_signup", "subscription_prompt", "editor_credit",
                              "affiliate_disclosure"})
#: Reasons followed up the page too: a caption's credit, which its rule finds at the caption's
#: end ("… (Photo credit should read …)"). The other rules match a formula at a sentence's start,
#: so a line of theirs under a wrapped kept line is a fragment they misread ("picture of the
#: regolith." ending an article's paragraph is no image description).
#: A caption printed twice (a thumbnail's alternative text and its title) has its second copy's
#: credit removed as ``caption_duplicate``: that copy's wrapped head goes the same way.
FOLLOWED_UP_REASONS = frozenset({"caption", "caption_duplicate"})
#: The line classifier judges a line with its block already (``line_classifier._kept_blocks``).
_NOT_FOLLOWED_STEPS = frozenset({"line_classifier"})
#: A sentence of furniture wraps over a few lines; a longer chain is no longer one.
MAX_FOLLOWED_LINES = 8


def _rule_reasons(doc: Document) -> dict[int, str]:
    """Line index -> reason of each line a rule step removed for a sentence of furniture."""
    return {removal.line_no - 1: removal.reason for removal in doc.removals
            if removal.reason in FOLLOWED_REASONS and removal.step not in _NOT_FOLLOWED_STEPS}


def wrapped_remainders(lines: list[str], kept: list[bool], removed: dict[int, str]) -> dict[int, str]:
    """Kept line index -> reason for each kept line of a paragraph a line in ``removed`` (index ->
    reason) is part of: the lines below it while each line was cut mid-sentence, and for a
    caption (``FOLLOWED_UP_REASONS``) the lines above it while each of them was."""
    width = wrap_shape(lines)[0]  # (asked once per page: the text's assembly asks it too)
    if not is_wrapped(lines, width):
        return {}  # not a wrapped dump

    def joined(upper: int) -> bool:  # lines ``upper`` and ``upper + 1`` are one paragraph
        return lines[upper + 1].strip() != "" and continues(lines[upper].rstrip(), width)

    found: dict[int, str] = {}
    for index, reason in sorted(removed.items()):
        line = index
        while line + 1 < len(lines) and line - index < MAX_FOLLOWED_LINES and kept[line + 1] and joined(line):
            line += 1
            found[line] = reason
        if reason not in FOLLOWED_UP_REASONS or lines[index].lstrip().startswith("["):
            continue  # an image's placeholder starts an element of its own, not a sentence's end
        line = index
        while line > 0 and index - line < MAX_FOLLOWED_LINES and kept[line - 1] and lines[line - 1].strip() \
                and joined(line - 1):
            line -= 1
            found.setdefault(line, reason)
    return found


def find_wrapped_remainders(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove the kept lines wrapped into one paragraph with a line a rule step removed."""
    verdict = Verdict()
    if not config.remainders.enabled or doc.kind != "text":  # an extractor's lines are whole paragraphs
        return verdict
    removed = _rule_reasons(doc)
    if not removed:
        return verdict
    for index, reason in wrapped_remainders(doc.lines, doc.kept, removed).items():
        verdict.remove(index, reason)
    return verdict
