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

The ``related_blocks`` step (``find_related_blocks``, ``teasers.related_blocks``) takes the other
shape of such links: a related-links heading ("Related posts", "You may also like", "Lesen Sie
auch", a shop's "Customers also bought") over other pages' titles or other products, short
lines that end no sentence and that the classifier keeps as an article's sub-headings. The heading and its titles go (two or more, within
``_RELATED_BLOCK_REACH`` lines, up to the first sentence or long line), except the short line
right above the next paragraph, which is that paragraph's sub-heading. Headings that listings
and documentation put over their own content ("See also", "Top stories", "Most read",
"Trending", "Read more") are left out, and a page whose other text is shorter than the block is
such a list and keeps it. Reason code: ``related_links`` (``boilerplate``'s for the heading alone).
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import key, lines_holding, lowered_page, words

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


#: Headings of a block of links to other pages of the site: ``RELATED_HEADINGS`` without those a
#: listing or a documentation page heads its own content with ("See also", "Top stories", "Most
#: read", "Trending", "Latest news", "Read more", "Next"), and "Read next".
_RELATED_BLOCK_HEADINGS = frozenset(key(heading) for heading in (
    "Related", "Related posts", "Related articles", "Related stories", "Related content", "Related reading",
    "Related news", "Related coverage", "You may also like", "You might also like", "More stories",
    "We recommend", "Recommended", "Recommended for you", "Also read", "Read next", "Read this next", "More from",
    "Mehr zum Thema", "Das könnte Sie auch interessieren", "Weitere Artikel", "Auch interessant", "Lesen Sie auch",
    "Verwandte Artikel", "Ähnliche Artikel", "Artikel zum Thema", "Empfehlungen der Redaktion", "Unsere Empfehlungen",
    "Ähnliche Beiträge", "Entradas relacionadas",
    "À lire aussi", "Lire aussi", "Articles similaires", "Sur le même sujet", "Nos recommandations",
    "Noticias relacionadas", "Te puede interesar", "Artículos relacionados", "Te recomendamos",
    # a shop's blocks of other products under a product
    "Related products", "Similar products", "Customers also bought", "Customers also viewed",
    "Frequently bought together", "Recently viewed", "Recently viewed products", "Complete the look",
    "Ähnliche Produkte", "Passende Produkte", "Kunden kauften auch", "Das könnte dir auch gefallen",
    "Zuletzt angesehen", "Zuletzt angesehene Produkte", "Produits similaires", "Vous aimerez aussi",
    "Produits associés", "Productos relacionados", "Productos similares", "También te puede gustar"))
_MAX_HEADING_CHARS = 2 * max(map(len, _RELATED_BLOCK_HEADINGS))  # room for bullets and a frame
#: Every heading of ``_RELATED_BLOCK_HEADINGS`` holds one of these (lower-cased).
_RELATED_BLOCK_WORDS = ("relat", "like", "recommend", "read", "stories", "more from", "mehr zum", "interess",
                        "weitere", "lesen", "verwandt", "ähnlich", "lire", "similaires", "même sujet", "relacionad",
                        "interesar", "product", "produkt", "produit", "producto", "bought", "viewed",
                        "complete the look", "kauften", "gefallen", "angesehen", "aimerez", "gustar", "zum thema",
                        "empfehl", "recommand", "recomend")
_RELATED_BLOCK_REACH = 12  # lines after the heading a block of links may run over
_RELATED_ITEM_MAX_WORDS = 15


def find_related_blocks(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove a related-links heading and the short kept lines under it, up to the first
    sentence or long line: the titles of other pages, which the classifier keeps as headlines."""
    verdict = Verdict()
    if not config.teasers.related_blocks:
        return verdict
    texts, content = doc.texts(), doc.content_indices()
    short = [n for n, i in enumerate(content) if len(texts[i]) <= _MAX_HEADING_CHARS]  # (most text is prose)
    lines = [texts[content[n]] for n in short]
    low = lowered_page(lines)
    kept = set(doc.kept_content_indices())
    for n in (short[m] for m in lines_holding(lines, low, _RELATED_BLOCK_WORDS)):
        i = content[n]
        if key(texts[i]) not in _RELATED_BLOCK_HEADINGS:  # (``key`` drops bullets and punctuation)
            continue
        run, previous = [], i
        for j in content[n + 1: n + 1 + _RELATED_BLOCK_REACH]:
            if words(texts[j]) >= _RELATED_ITEM_MAX_WORDS or _SENTENCE_END.search(texts[j]):
                if run and run[-1] == previous:
                    run.pop()  # the short line right above the prose is its sub-heading
                break
            if j in kept:
                run.append(j)
            previous = j
        if len(run) >= 2:
            for j in [i, *run]:
                if j in kept:
                    verdict.remove(j, "related_links")
    if verdict.removals and _rest_words(doc, verdict) < _removed_words(doc, verdict):
        return Verdict()  # the page is such a list
    return verdict
