"""Lists of teasers to other pages that survive the classifier.

A teaser is the cut-off start of another page's text: its last line ends in an ellipsis
("… the minister said on Tuesday the talks were…"), often under the other page's title. News
tickers, "latest news" boxes and "more from this site" carousels are runs of them, and each one
reads like a sentence of prose, so a line model that judges lines by their words keeps them.
What gives them away is the shape of the run: several units in a row cut off by an ellipsis,
with at most a short title between two of them.

The page is cut into units of kept lines: a unit ends at a blank or removed line, and a bullet
(``•``, ``*``, ``+``, ``o``, ``-``, ``1.``) starts a new one, so that a bulleted ticker rendered
without blank lines still splits into its items. A unit is a *teaser* when its last line ends
in ``...`` or ``…`` and it has at most ``max_teaser_words`` words; it is a *title* when it has at
most ``max_title_words`` words and does not end a sentence. A run of at least ``min_teasers``
teasers, with at most ``max_titles_between`` titles between two teasers, is removed with the
title just before its first teaser. Titles after its last teaser stay: nothing says they belong
to it.

A page whose other kept text would be shorter than ``min_rest_share`` of the teasers' words is
itself a list of teasers (a news index, a search result page) and keeps them.

This step runs after the line classifier, over every page (text dumps and extracted HTML).
Reason code: ``teaser_list``.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import words

# a bullet glyph, lynx's "o"/"+" list marks, or an item number, then the item's text
_BULLET = re.compile(r"^\s*(?:[•*+\-–·▪◦○●□■►▶o]|\d{1,2}[.)])\s+\S")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*[\])»”\"’']?$")
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’')\]]*$")

_TEASER, _TITLE, _OTHER = "teaser", "title", "other"


def find_teaser_lists(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove runs of cut-off teasers (and the title of the first) unless they are the page."""
    verdict = Verdict()
    settings = config.teasers
    if settings.min_teasers is None:
        return verdict
    units = _units(doc)
    kinds = [_kind(doc, unit, config) for unit in units]
    for start, end in _teaser_runs(kinds, settings.min_teasers, settings.max_titles_between):
        for unit in units[start:end]:
            for index in unit:
                verdict.remove(index, "teaser_list")
    if verdict.removals and _rest_words(doc, verdict) < settings.min_rest_share * _removed_words(doc, verdict):
        return Verdict()
    return verdict


def _units(doc: Document) -> list[list[int]]:
    """Kept content lines in units: split at a gap (a blank or removed line) and before a bullet."""
    units: list[list[int]] = []
    for index in doc.kept_content_indices():
        if units and index == units[-1][-1] + 1 and not _BULLET.match(doc.lines[index]):
            units[-1].append(index)
        else:
            units.append([index])
    return units


def _kind(doc: Document, unit: list[int], config: PipelineConfig) -> str:
    """``_TEASER``, ``_TITLE`` or ``_OTHER``, from the unit's last line and its length."""
    last = doc.lines[unit[-1]].rstrip()
    size = sum(words(doc.lines[index]) for index in unit)
    if size <= config.teasers.max_teaser_words and _ELLIPSIS_END.search(last):
        return _TEASER
    if size <= config.teasers.max_title_words and not _SENTENCE_END.search(last):
        return _TITLE
    return _OTHER


def _teaser_runs(kinds: list[str], min_teasers: int, max_titles_between: int) -> list[tuple[int, int]]:
    """``(start, end)`` unit ranges of the runs to remove: from the title before the first teaser
    (when there is one) to the last teaser."""
    runs = []
    position = 0
    while position < len(kinds):
        if kinds[position] == _OTHER:
            position += 1
            continue
        end, teasers, titles_in_a_row, last_teaser = position, 0, 0, None
        while end < len(kinds) and kinds[end] != _OTHER:
            if kinds[end] == _TEASER:
                teasers, titles_in_a_row, last_teaser = teasers + 1, 0, end
            else:
                titles_in_a_row += 1
                if titles_in_a_row > max_titles_between:
                    break
            end += 1
        if teasers >= min_teasers:
            first_teaser = kinds.index(_TEASER, position)
            runs.append((max(position, first_teaser - 1), last_teaser + 1))
        position = max(end, position + 1)
    return runs


def _removed_words(doc: Document, verdict: Verdict) -> int:
    return sum(words(doc.lines[index]) for index in verdict.removals)


def _rest_words(doc: Document, verdict: Verdict) -> int:
    return sum(words(doc.lines[index]) for index in doc.kept_content_indices() if index not in verdict.removals)
