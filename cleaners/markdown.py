"""Markdown dumps read as a text browser shows the page.

Many scrapers save a page as Markdown (html2text, markdownify, turndown, and the crawling services
built on them): every link keeps its target (``[Politics](/section/politics)``), images their
source (``![A flooded street](https://…/photo.jpg)``), headings their ``#``, emphasis its
asterisks. The words of a URL are none of the page's text, and the line features (link shapes,
words, capitals) were learnt on text-browser dumps (w3m, lynx) and naive scrapes: on aeb-dev's
pages saved as Markdown, the pipeline kept those URLs and scored F1 0.78 against 0.94 for the same
pages with the syntax read as text (README, Inputs).

``markdown_as_text`` keeps every line where it is (the removal log's line numbers stay those of
the input) and rewrites only syntax: a link or image becomes its text or alt text (a link that a
converter's wrapping cut over two lines too, its line break kept where it was), a reference
definition and a rule become blank lines, heading marks, emphasis, inline code marks, block-quote
marks, escapes and table pipes go, list markers become ``•``. It runs only on a text that has
Markdown links or images on enough of its lines: text-browser dumps and plain text never print
``[text](target)``, so nothing else is touched (``looks_like_markdown``).
"""

from __future__ import annotations

import re

#: A document is read as Markdown when this many of its lines, and this share of its non-blank
#: lines, hold an inline link or image with a target. A scraper's Markdown links its menus: 6 % to
#: 90 % of the lines of aeb-dev's pages saved so (a median of 63 % to 70 %, by two converters);
#: two wcxb-dev w3m dumps of pages that print an article's Markdown source hold it on 1 to 2 %.
MIN_LINK_LINES = 2
MIN_LINK_LINE_SHARE = 0.05

# ``(target)`` or ``(target "title")``: a target has no spaces (one level of parentheses allowed,
# as Wikipedia's URLs have) or is wrapped in angle brackets. Every pattern below stays within a
# line and scans each stretch of it a bounded number of times (no run of text that can end in
# many places is followed by a test that can fail at each), so a hostile line of a million
# characters costs its length, not its square.
_TARGET = r"\((?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)"
_IMAGE = re.compile(r"!\[([^\[\]]*)\]" + _TARGET)
_LINK = re.compile(r"\[([^\[\]]*)\]" + _TARGET)
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]\n]+\]:[ \t]+\S+.*$", re.M)
#: A link that a converter's line wrapping cut over lines (html2text wraps at 78 columns by
#: default, inside a link's text and its target too): its text over up to a few lines, its
#: target over up to six. Bounded runs that stop at a bracket, a parenthesis or white space,
#: so a hostile text costs a bounded number of steps per character.
_WRAPPED_LINK = re.compile(r"!?\[([^\[\]]{0,500})\]\(([^()\s]{0,2000}(?:\n[^()\s]{0,2000}){0,5})\)")


def _unwrapped_link(found: re.Match) -> str:
    """A link cut over lines as its text, its line breaks kept where they were (no line moves);
    a link on one line is left to ``_LINK`` (which also reads a title after the target)."""
    text, target = found.group(1), found.group(2)
    if "\n" not in text and "\n" not in target:
        return found.group(0)
    return text + "\n" * target.count("\n")


_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*){3,})$", re.M)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~).*$", re.M)
_HEADING = re.compile(r"^( {0,3})#{1,6}(?:[ \t]+(.*)|[ \t]*)$", re.M)
_QUOTE = re.compile(r"^([ \t]*)(?:>[ \t]?)+", re.M)
_BULLET = re.compile(r"^([ \t]*)[*+-][ \t]+(?=\S)", re.M)
_EMPTY_BULLET = re.compile(r"^[ \t]*(?:[*+-][ \t]*)+$", re.M)
_STRONG = re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_\n]|_(?!_))+?)(?<=\S)__")
_EMPHASIS = re.compile(r"(?<![\w*\\])([*_])(?=[^\s*_])([^*_\n]+?)(?<=[^\s*_\\])\1(?![\w*])")
_EMPTY_EMPHASIS = re.compile(r"(?<![^\s(\[])(?:\*\*\*\*|\*\*|____|__)(?![^\s)\]])")
_CODE = re.compile(r"`+([^`\n]+?)`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # any ASCII punctuation may be escaped (CommonMark)
_TABLE_DIVIDER = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?\|?[ \t]*$", re.M)
_TABLE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.M)


def looks_like_markdown(text: str) -> bool:
    """Inline links or images with a target, or reference definitions (``[3]: /target``, what
    html2text prints under a page whose links are ``[text][3]``), on ``MIN_LINK_LINES`` lines and
    ``MIN_LINK_LINE_SHARE`` of the non-blank lines: what no text browser prints."""
    if "](" not in text and "]:" not in text:
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    linked = sum(1 for line in lines if ("](" in line and _LINK.search(line)) or ("]:" in line and _DEFINITION.match(line)))
    return linked >= MIN_LINK_LINES and linked >= MIN_LINK_LINE_SHARE * len(lines)


def markdown_as_text(text: str) -> tuple[str, int]:
    """The text with its Markdown syntax read as a page shows it, and how many lines changed.

    Every line stays on its own line number (no newline is added or removed)."""
    if not looks_like_markdown(text):
        return text, 0
    out = _WRAPPED_LINK.sub(_unwrapped_link, text)
    out = _IMAGE.sub(r"\1", out)
    for _ in range(2):  # a linked image: the image first, then the link around its alt text
        out = _LINK.sub(r"\1", out)
    out = _REFERENCE_LINK.sub(r"\1", out)
    out = _DEFINITION.sub("", out)
    out = _AUTOLINK.sub(r"\1", out)
    out = _FENCE.sub("", out)
    out = _RULE.sub("", out)
    out = _HEADING.sub(_heading_text, out)
    out = _QUOTE.sub(r"\1", out)
    out = _TABLE_DIVIDER.sub("", out)
    out = _TABLE_ROW.sub(lambda row: "  ".join(cell.strip() for cell in row.group(1).split("|")), out)
    out = _STRONG.sub(lambda strong: strong.group(1) or strong.group(2), out)
    out = _EMPHASIS.sub(r"\2", out)
    out = _EMPTY_EMPHASIS.sub("", out)  # an icon's empty <i> or <b>
    out = _CODE.sub(r"\1", out)
    out = _EMPTY_BULLET.sub("", out)
    out = _BULLET.sub(r"\1• ", out)
    out = _ESCAPE.sub(r"\1", out)
    before, after = text.split("\n"), out.split("\n")
    if len(before) != len(after):  # no pattern spans lines; should one ever, the text stays whole
        return text, 0
    return out, sum(1 for old, new in zip(before, after) if old != new)


def _heading_text(heading: re.Match) -> str:
    """An ATX heading's text: its indent and words, without the closing run of ``#`` (string
    operations, not a regex: a long line of spaces must not cost its length squared)."""
    words = (heading.group(2) or "").rstrip(" \t")
    bare = words.rstrip("#")
    if bare != words and (not bare or bare[-1] in " \t"):
        words = bare.rstrip(" \t")
    return heading.group(1) + words
