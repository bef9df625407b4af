"""An HTML page as lines of text, each with what the markup says about it.

Text dumps lose the markup; an HTML page still has it, and the markup is the best evidence
there is about a line: whether it sits in a ``<nav>``, a ``<footer>`` or an element whose class
says ``comment`` or ``related``, how much of it is link text, how much of the page its container
holds. ``render_lines`` walks the parsed page (lxml's tree; resiliparse's HTML5 tree when lxml
lost part of the page) and cuts its text into lines at block
elements (one paragraph, list item, heading or table row per line, as a browser lays them out),
and ``markup_features`` turns each line's ancestors into the numbers the HTML line model
(``cleaners.html_lines``) scores, next to the text features of ``cleaners.line_features``.

Three texts extracted from the same page by other means (trafilatura's, resiliparse's, and the
one ``html_extract`` chose) are features too: the share of a line's 4-word shingles found in
each. So the model learns when to trust an extractor's judgement and when the markup overrules it.

Both walks are iterative (no recursion limit on deep pages) and share ``_open``/``_close``; one counter per ancestor tag and class
keyword is kept up to date as elements open and close, so a line's features cost the same
whatever the page's depth. No I/O.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache, partial

import numpy as np

#: Bump when a feature's meaning changes: the model file records the version it was trained on.
MARKUP_FEATURES_VERSION = "markup-v3"

#: Elements that start and end a line.
_BLOCK = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 td th tr table tbody thead tfoot pre blockquote dd dt dl "
    "figcaption figure section article header footer nav aside main form address hr caption "
    "summary details center fieldset legend menu body html br".split())
#: A table cell holding no block element is a data cell: a row of them is one line, as the
#: extractors and the gold texts write a table row. A cell holding blocks (a layout table) is a block.
_CELLS = frozenset(("td", "th"))
_BLOCK_INSIDE = _BLOCK - {"br"}
_BLOCK_SELECTOR = ",".join(sorted(_BLOCK_INSIDE))
#: Elements whose text is never shown as page text.
_SKIP = frozenset("script style noscript template svg head iframe select textarea object embed canvas math img".split())
#: Elements that hold lines: a line's nearest three say how much of the page its part holds.
_CONTAINERS = frozenset("div section article main ul ol table aside nav footer header form body dl tbody".split())
#: Ancestor tags counted per line.
TAGS = ("nav", "footer", "header", "aside", "article", "main", "form", "li", "td", "a", "h1", "h2", "h3",
        "h4", "h5", "h6", "figure", "figcaption", "blockquote", "pre", "button", "label", "time", "address",
        "section", "dl", "table", "p", "span", "strong", "em", "code", "ul", "ol")
#: Keywords of ``class`` and ``id`` values, by what they usually mark.
_CLASS_GROUPS = {
    "nav": r"nav|menu|breadcrumb|crumb|paginat|pager|toolbar",
    "foot": r"foot|copyright|legal|bottom",
    "head": r"header|masthead|topbar|top-bar",
    "side": r"side|widget|rail|aside",
    "comment": r"comment|reply|respond|discuss|disqus",
    "related": r"related|recommend|more|also|popular|trending|teaser|promo|suggest|read-?next",
    "share": r"share|social|follow|sharing",
    "ad": r"(?<![a-z])ads?(?![a-z])|advert|sponsor|dfp|outbrain|taboola|banner",
    "content": r"content|article|post|entry|story|body|main|text|prose|rich",
    "meta": r"author|byline|meta|date|time|info",
    "tags": r"tag|categor|topic|label",
    "cookie": r"cookie|consent|gdpr|privacy",
    "subscribe": r"newsletter|subscri|signup|sign-up|optin|register",
    "caption": r"caption|credit|figure|photo|image|media|gallery",
    "forum": r"message|postbody|post-body|thread|forum|bbcode|answer|question",
    "product": r"product|price|descript|spec|detail|review|rating",
    "title": r"title|headline|heading",
    "hidden": r"hidden|sr-only|visually-hidden|screen-reader|offscreen",
    "modal": r"modal|popup|overlay|dialog|drawer",
}
CLASS_GROUPS = tuple(_CLASS_GROUPS)
_GROUP_PATTERNS = tuple(re.compile(pattern) for pattern in _CLASS_GROUPS.values())
#: Attribute values that say what an element is, counted like the class keywords.
_BODY_PROPS = frozenset(("articlebody", "text", "description", "reviewbody"))
_NAV_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "menu", "menubar"))
_EXTRA = ("itemprop_body", "role_nav", "aria_hidden")
_N_TAGS, _N_GROUPS = len(TAGS), len(CLASS_GROUPS)
_TAG_INDEX = {tag: i for i, tag in enumerate(TAGS)}
_NEAR = 3  # "near": the line's own element and its two closest ancestors
_REFERENCES = ("trafilatura", "resiliparse", "chosen")

MARKUP_FEATURE_NAMES = (
    [f"tag_{tag}" for tag in TAGS] + [f"any_{g}" for g in CLASS_GROUPS] + list(_EXTRA)
    + [f"near_{g}" for g in CLASS_GROUPS]
    + ["link_share", "all_link", "depth", "position", "chars_log"]
    + [f"{name}_cover" for name in _REFERENCES]
    + [f"container{j}_{x}" for j in range(3) for x in ("share", "link_share", "lines_log", "chars_per_line")]
)
_WORD = re.compile(r"\w+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
#: A collapsed panel: a tab panel, an accordion's or a FAQ's hidden part, which a browser shows
#: on a click (``role="tabpanel"``, ``tab-pane``, ``collapse``, a FAQ's ``answer``), named so by
#: its class, id or role. Unlike a menu, a dialog or a screen reader's text, what it holds belongs
#: to the page: product pages keep their other tabs there, FAQ pages their answers.
_COLLAPSED_PANEL = re.compile(r"tabpanel|tab-pane|tab-content|tabcontent|accordion|collaps|faq|answer")
#: React's streamed server rendering (React 18 and later; Next.js and the sites built on it)
#: sends the parts of a page that were not ready at first at the end of its body, each in a
#: hidden ``<div hidden id="S:1f">`` segment, and a script moves each into the place that a
#: ``<template id="B:1f">`` (a suspended boundary) or ``<template id="P:1f">`` (a placeholder)
#: holds: a browser shows them there. Saved pages keep the segments and slots (often without
#: the scripts), so the walks put each segment in its slot; a segment without one stays hidden.
_SEGMENT_ID = re.compile(r"S:[0-9a-z]+")
_SLOT_ID = re.compile(r"[BP]:([0-9a-z]+)")


@dataclass
class RenderedLine:
    """One line of the rendered page and the state of the walk where its text began."""

    text: str
    link_chars: int
    counts: list[int]  # ancestor-or-self counts: TAGS, then CLASS_GROUPS, then _EXTRA
    near: int  # bit g set: class group g matches one of the _NEAR closest elements
    depth: int
    containers: tuple[int, ...]  # numbers of the nearest containers, innermost first


@dataclass
class _Walk:
    """The walk's state: the line being built and the counters of the open elements."""

    counts: list[int] = field(default_factory=lambda: [0] * (_N_TAGS + _N_GROUPS + len(_EXTRA)))
    near_bits: list[int] = field(default_factory=list)
    containers: list[int] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    start: RenderedLine | None = None
    lines: list[RenderedLine] = field(default_factory=list)
    container_totals: dict[int, list[int]] = field(default_factory=dict)  # number -> [chars, link chars, lines]
    opened_containers: int = 0  # containers are numbered in the order they open
    collapsed_panels: bool = True  # hidden collapsed panels (``_COLLAPSED_PANEL``) are shown

    def add_text(self, text: str, in_link: bool) -> None:
        if not text:
            return
        if self.start is None:
            if not text.strip():
                return
            near = 0
            for bits in self.near_bits[-_NEAR:]:
                near |= bits
            self.start = RenderedLine("", 0, list(self.counts), near, len(self.near_bits),
                                      tuple(reversed(self.containers[-3:])))
        self.parts.append(text)
        if in_link:
            self.link_chars += len(text.strip())

    def flush(self) -> None:
        if self.start is not None:
            text = " ".join("".join(self.parts).split())
            if text:
                line = self.start
                line.text, line.link_chars = text, min(self.link_chars, len(text))
                self.lines.append(line)
                for container in self.containers:
                    totals = self.container_totals.setdefault(container, [0, 0, 0])
                    totals[0] += len(text)
                    totals[1] += line.link_chars
                    totals[2] += 1
        self.parts.clear()
        self.link_chars = 0
        self.start = None


def render_lines(html: str, min_chars: int = 0,
                 collapsed_panels: bool = True) -> tuple[list[RenderedLine], dict[int, list[int]]]:
    """The page's visible text as lines, and per container (numbered as they open) its
    [chars, link chars, lines].

    lxml (libxml2) parses the page first: it is the faster to walk. On a malformed comment or
    attribute it can drop the rest of the page (3 of the 10 wcxb-dev pages the model did worst
    on), so when its lines hold fewer than ``min_chars`` characters (the caller passes a share of
    what resiliparse found as main text), the page is parsed again by resiliparse's HTML5
    parser (lexbor), which builds the tree a browser builds. Text in ``script``, ``style``,
    ``head`` and the like, in elements marked ``hidden`` or styled ``display: none``, and image
    alt texts are left out, but for a collapsed panel's (``_COLLAPSED_PANEL``), which a click
    shows, when ``collapsed_panels`` is on (the HTML model is trained on pages rendered without
    them: see ``bench/train_html_model.py``).
    """
    walk = _lxml_walk(html, collapsed_panels)
    if walk is None or sum(len(line.text) for line in walk.lines) < min_chars:
        walk = _lexbor_walk(html, collapsed_panels) or walk
    if walk is None:
        return [], {}
    return walk.lines, walk.container_totals


def _lxml_root(html: str):
    """libxml2's tree of the page (an XML declaration dropped), or None when it refuses it."""
    from lxml import etree  # noqa: PLC0415 (trafilatura's dependency; only HTML pages need it)

    try:
        return etree.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", html, count=1), etree.HTMLParser())
    except (ValueError, TypeError, etree.ParserError, etree.XMLSyntaxError):
        return None


def _lxml_walk(html: str, collapsed_panels: bool = True) -> _Walk | None:
    from lxml import etree  # noqa: PLC0415 (trafilatura's dependency; only HTML pages need it)

    root = _lxml_root(html)
    if root is None:
        return None
    if 'id="S:' in html:
        _lxml_place_segments(root)
    walk = _Walk(collapsed_panels=collapsed_panels)
    opened: list[tuple[tuple | None, bool]] = []  # per open element: what closing it undoes, and whether its text is link text
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event == "start":
            link = opened[-1][1] if opened else False
            undo = _open(walk, element, element.tag.lower(), element.get, _lxml_data_cell)
            if undo is None:  # left out with everything inside it; its tail still counts
                walker.skip_subtree()
                opened.append((None, link))
                continue
            opened.append((undo, link or undo[0] == "a"))
            if element.text:
                walk.add_text(element.text, opened[-1][1])
            continue
        if event == "end":
            undo = opened.pop()[0]
            if undo is not None:
                _close(walk, undo)
        if element.tail:  # after an element, a comment or a processing instruction: its parent's text
            walk.add_text(element.tail, opened[-1][1] if opened else False)
    walk.flush()
    return walk


def place_streamed_segments(html: str) -> str:
    """The page with its streamed segments (see ``_SEGMENT_ID``) in their slots, as a browser
    shows it, for the extractors, which read the page's markup themselves; the page itself when
    it has none. The segments close the page's body: libxml2, which can drop the rest of a
    malformed page, read it to its end when it found them (the walks place them themselves);
    the page also stands when the serialised tree is under half its size."""
    if 'id="S:' not in html:
        return html
    from lxml import etree  # noqa: PLC0415

    root = _lxml_root(html)
    if root is None or not _lxml_place_segments(root):
        return html
    placed = etree.tostring(root, method="html", encoding="unicode")
    return placed if len(placed) >= _MIN_SERIALISED_SHARE * len(html) else html


#: The share of a page's characters lxml's serialised tree must keep (``place_streamed_segments``).
_MIN_SERIALISED_SHARE = 0.5


def _lxml_place_segments(root) -> int:
    """Move each streamed segment (see ``_SEGMENT_ID``) into its slot, shown, as React's script
    does; how many moved."""
    segments = {element.get("id")[2:]: element for element in root.iter("div")
                if element.get("hidden") is not None and _SEGMENT_ID.fullmatch(element.get("id") or "")}
    if not segments:
        return 0
    moved = 0
    for slot in list(root.iter("template")):
        match = _SLOT_ID.fullmatch(slot.get("id") or "")
        segment = segments.pop(match.group(1), None) if match else None
        if segment is None or any(ancestor is segment for ancestor in slot.iterancestors()):
            continue
        # the segment's tail text stays where it was; the slot's follows the segment
        previous, parent = segment.getprevious(), segment.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + (segment.tail or "")
        elif parent is not None:
            parent.text = (parent.text or "") + (segment.tail or "")
        segment.tail, slot.tail = slot.tail, None
        del segment.attrib["hidden"]
        slot.addprevious(segment)
        slot.getparent().remove(slot)
        moved += 1
    return moved


def _lexbor_slots(tree) -> dict[str, object]:
    """Slot id ("B:1f", "P:1f") -> the hidden streamed segment React moves into it (``_SEGMENT_ID``)."""
    slots = {}
    for element in tree.document.query_selector_all("div[hidden]"):
        segment_id = element.getattr("id") or ""
        if _SEGMENT_ID.fullmatch(segment_id):
            slots["B:" + segment_id[2:]] = slots["P:" + segment_id[2:]] = element
    return slots


def _lexbor_walk(html: str, collapsed_panels: bool = True) -> _Walk | None:
    from resiliparse.parse.html import HTMLTree, NodeType  # noqa: PLC0415 (only HTML pages need it)

    try:
        tree = HTMLTree.parse(html)
    except Exception:  # noqa: BLE001 - a page the parser refuses: lxml's lines stand
        return None
    element_type, text_type = NodeType.ELEMENT, NodeType.TEXT
    slots = _lexbor_slots(tree) if 'id="S:' in html else {}
    walk = _Walk(collapsed_panels=collapsed_panels)
    stack: list[tuple] = [(tree.document, False, None)]  # (node, inside a link, what closing undoes)
    while stack:
        node, link, undo = stack.pop()
        if node is None:  # the end of an element
            _close(walk, undo)
            continue
        kind = node.type
        if kind == text_type:
            walk.add_text(node.value, link)
            continue
        if kind == element_type:
            slot_id = (node.getattr("id") or "") if slots and node.tag == "template" else ""
            if slot_id in slots:  # the segment, in its slot (once: its other slot id goes too)
                stack.append((slots.pop(slot_id), link, _SHOWN))
                slots.pop(("P:" if slot_id[0] == "B" else "B:") + slot_id[2:], None)
                continue
            attr = node.getattr if undo is not _SHOWN else partial(_shown_attr, node)
            undo = _open(walk, node, node.tag, attr, _lexbor_data_cell)
            if undo is None:  # left out with everything inside it
                continue
            stack.append((None, link, undo))
            link = link or undo[0] == "a"
        elif kind != NodeType.DOCUMENT:
            continue  # comments, doctype, processing instructions
        children = []
        child = node.first_child
        while child is not None:
            children.append((child, link, None))
            child = child.next
        stack.extend(reversed(children))
    walk.flush()
    return walk


#: Marks a streamed segment the lexbor walk has put in its slot: its ``hidden`` is React's.
_SHOWN = ("shown",)


def _shown_attr(node, name: str) -> str | None:
    return None if name == "hidden" else node.getattr(name)


def _open(walk: _Walk, element, tag: str, attr, data_cell) -> tuple | None:
    """Enter an element (``attr``: its attribute getter; ``data_cell``: the parser's test for a
    cell without blocks); returns what ``_close`` undoes, or ``None`` for an element left out."""
    if tag in _SKIP:
        return None
    style = attr("style")
    hidden = attr("hidden") is not None or (style and _HIDDEN_STYLE.search(style.lower()))
    if hidden and not (walk.collapsed_panels and _collapsed_panel(attr)):
        return None
    block = tag in _BLOCK and not (tag in _CELLS and data_cell(element))
    if block:
        walk.flush()
    elif tag in _CELLS:
        walk.parts.append(" ")
    if tag == "br":
        return None
    indices, bits = _own_counts(attr, tag)
    for index in indices:
        walk.counts[index] += 1
    walk.near_bits.append(bits)
    container = tag in _CONTAINERS
    if container:
        walk.containers.append(walk.opened_containers)
        walk.opened_containers += 1
    return tag, block, indices, container


def _collapsed_panel(attr) -> bool:
    """Whether a hidden element is a collapsed panel (``_COLLAPSED_PANEL``) by its class, id or role."""
    return _COLLAPSED_PANEL.search(f"{attr('class') or ''} {attr('id') or ''} {attr('role') or ''}".lower()) is not None


def _close(walk: _Walk, undo: tuple) -> None:
    _, block, indices, container = undo
    if block:
        walk.flush()
    for index in indices:
        walk.counts[index] -= 1
    walk.near_bits.pop()
    if container:
        walk.containers.pop()


def _lxml_data_cell(cell) -> bool:
    for inner in cell.iterdescendants():
        if isinstance(inner.tag, str) and inner.tag.lower() in _BLOCK_INSIDE:
            return False
    return True


def _lexbor_data_cell(cell) -> bool:
    return cell.query_selector(_BLOCK_SELECTOR) is None


def _own_counts(attr, tag: str) -> tuple[list[int], int]:
    """The counter indices an element adds to (its tag, its class keywords, its attributes) and
    its class-keyword bits."""
    indices = []
    if tag in _TAG_INDEX:
        indices.append(_TAG_INDEX[tag])
    groups, bits = _class_groups(f"{attr('class') or ''} {attr('id') or ''}".lower())
    indices.extend(groups)
    base = _N_TAGS + _N_GROUPS
    if (attr("itemprop") or "").lower() in _BODY_PROPS:
        indices.append(base)
    if (attr("role") or "").lower() in _NAV_ROLES:
        indices.append(base + 1)
    if attr("aria-hidden") == "true":
        indices.append(base + 2)
    return indices, bits


@lru_cache(maxsize=8192)
def _class_groups(names: str) -> tuple[tuple[int, ...], int]:
    """The counter indices and bits of the keyword groups a class-and-id string matches (pages
    repeat the same few class strings on hundreds of elements)."""
    indices, bits = [], 0
    if names.strip():
        for g, pattern in enumerate(_GROUP_PATTERNS):
            if pattern.search(names):
                indices.append(_N_TAGS + g)
                bits |= 1 << g
    return tuple(indices), bits


def _shingles(text: str) -> tuple[set[str], set[tuple[str, ...]]]:
    words = _WORD.findall(text.lower())
    return set(words), {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def _covers(words: list[str], references: list[tuple[set[str], set[tuple[str, ...]]]]) -> list[float]:
    """Per reference text, the share of the line's 4-word shingles found in it; for a line of
    under 4 words, half the share of its words found there (a short line's words are found
    anywhere)."""
    if len(words) < 4:
        if not words:
            return [0.0] * len(references)
        return [0.5 * sum(word in known for word in words) / len(words) for known, _ in references]
    line_shingles = list(zip(words, words[1:], words[2:], words[3:]))
    return [sum(shingle in shingles for shingle in line_shingles) / len(line_shingles) for _, shingles in references]


def markup_features(lines: list[RenderedLine], containers: dict[int, list[int]],
                    references: dict[str, str]) -> np.ndarray:
    """One float32 row of ``MARKUP_FEATURE_NAMES`` per line. ``references``: the texts of
    ``trafilatura``, ``resiliparse`` and the ``chosen`` extractor ("" when missing)."""
    n = len(lines)
    out = np.zeros((n, len(MARKUP_FEATURE_NAMES)), dtype=np.float32)
    if not n:
        return out
    counted = _N_TAGS + _N_GROUPS + len(_EXTRA)
    out[:, :counted] = np.asarray([line.counts for line in lines], dtype=np.float32)
    for g in range(_N_GROUPS):
        out[:, counted + g] = [(line.near >> g) & 1 for line in lines]
    column = counted + _N_GROUPS
    max_depth = max(line.depth for line in lines) or 1
    page_chars = sum(len(line.text) for line in lines) or 1
    texts = [references.get(name) or "" for name in _REFERENCES]
    distinct = list(dict.fromkeys(texts))  # the chosen text is most often trafilatura's
    refs = [_shingles(text) for text in distinct]
    positions = [distinct.index(text) for text in texts]
    for i, line in enumerate(lines):
        chars = len(line.text)
        link_share = line.link_chars / chars
        words = _WORD.findall(line.text.lower())
        row = [link_share, float(link_share > 0.95), line.depth / max_depth, i / max(1, n - 1), math.log1p(chars)]
        covers = _covers(words, refs)
        row += [covers[k] for k in positions]
        for j in range(3):
            totals = containers.get(line.containers[j]) if j < len(line.containers) else None
            if totals:
                row += [totals[0] / page_chars, totals[1] / max(1, totals[0]), math.log1p(totals[2]),
                        totals[0] / totals[2] / 6.0]
            else:
                row += [0.0, 0.0, 0.0, 0.0]
        out[i, column:] = row
    return out
