"""A dump wrapped narrower than the models' training dumps, cleaned as they were wrapped.

The line and title models learned from dumps wrapped at 200 columns (``w3m -dump -cols 200``,
``lynx -width=200``), and the rules were written against them. w3m's and lynx's default is 80
columns, and a dump made so cuts every paragraph into two or three times as many lines of a
dozen words, none ending a sentence: lines shaped like a menu's or a teaser list's, which the
model removes, and a teaser or a caption over three lines instead of one, which the rules that
read one line at a time miss. Measured in-sample with the shipped models (``bench/quality.py``
variants ``w3m-80``, ``lynx-80`` and ``wcxb-w3m-80``: the dumps with every line over 80 columns
wrapped again at 80), aeb-dev's w3m dumps fell from F1 0.958 to 0.941, its lynx dumps from 0.959
to 0.943 and wcxb-dev's from 0.847 to 0.826; through the view they score 0.954, 0.953 and 0.842.

So such a dump is cleaned through a *view* (``reflowed``): each paragraph the dump cut at its
width is joined and wrapped again at the training width, every step runs over the view, and what
the steps removed is then removed from the dump's own lines (``ReflowedView.apply_to``): the
removal log names the lines as printed, and the text is assembled from them. A dump whose width
(``dump_width``) is ``decode.reflow_narrower_than`` columns or more is cleaned as it is. Four
wcxb-dev pages, printed 74 to 149 columns wide by their own layout, take the view; they and every
other development dump come out byte for byte the same with it, so the models' training lines
(which the trainers read as printed) are the ones the pipeline reads.

Two lines are one paragraph when the dump cut it there (``_cut_at_width``): both hold text, the
lower one no further in than the upper (lynx sets a paragraph's first line further in) and the
upper one not far in (centred or right-set text is no paragraph), the upper one near the width
(``_MIN_FULL_SHARE``) and the next line's first word would not have fitted after it (a text
browser fills a line word by word up to its width); or the upper one ends mid-sentence at the
width ``text.continues`` joins a paragraph's lines by and the next starts with no capital. A
bulleted or numbered line starts a new paragraph; a line of a box-drawn table or rule, of text in columns
side by side, or a line's copy right under it belongs to none. A page is cleaned through the view
when it has ``MIN_CUTS`` such cuts; a dump with a few long lines among short ones has too few for
its width to be a wrap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaners.document import Document, Removal
from cleaners.text import BOX_DRAWING, continues

#: The width the line model's training dumps were wrapped at: the view wraps paragraphs there.
TRAINED_WIDTH = 200
#: A line this share of the width or more may have been cut at it (a shorter one ends its paragraph).
_MIN_FULL_SHARE = 0.75
#: A numbered list's item ("2. ", "14) "), which starts a line of its own.
_NUMBERED_ITEM = re.compile(r"\d{1,4}[.)] ")
#: A paragraph's line stands at most this share of the width in.
_MAX_INDENT_SHARE = 0.25
#: Cuts a page needs to be read as wrapped at its width.
MIN_CUTS = 5
#: A line starting with one of these starts an item of its own, not a paragraph's next line.
_ITEM_STARTS = "•*-+□■▪●◦·>|#"


#: Characters a text browser gives two columns (East Asian wide and fullwidth forms).
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def columns(text: str) -> int:
    """The columns a text browser prints ``text`` in: two for a wide character, one for any other."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def dump_width(lines: list[str]) -> int:
    """The columns the dump was wrapped at: its longest line holding two words or more (a text
    browser lets a single word longer than the width, a long address, run past it)."""
    return max((columns(line.rstrip()) for line in lines if " " in line.strip()), default=0)


def _printed_as_wide(lines: list[str], width: int) -> bool:
    """Whether a line of two words or more has ``width`` characters or more, so that the dump's
    ``dump_width`` (in columns, at least its characters) is that wide too."""
    return any(" " in line.strip() and len(line.rstrip()) >= width for line in lines if len(line) >= width)


def _prose_shaped(text: str) -> bool:
    """Whether a line may be part of a paragraph: no box-drawing character (a table's or a
    rule's) and no run of spaces inside (text in columns side by side)."""
    return "   " not in text.strip() and BOX_DRAWING.search(text) is None


def _cut_at_width(upper: str, lower: str, width: int) -> bool:
    """Whether ``lower`` continues ``upper``'s paragraph, which the dump cut at ``width``."""
    text, below = upper.rstrip(), lower.strip()
    # a paragraph's first line may stand further in than the rest (lynx indents it), not less;
    # a line pushed far in is centred or set to the right, not a paragraph's
    if not text.strip() or not below or not _indent(lower) <= _indent(upper) <= _MAX_INDENT_SHARE * width:
        return False
    if below == text.strip():
        return False  # a line printed twice (an image's alternative text and its title)
    used = columns(text)
    if used < _MIN_FULL_SHARE * width or below[0] in _ITEM_STARTS or _NUMBERED_ITEM.match(below) \
            or not _prose_shaped(text) or not _prose_shaped(below):
        return False
    # the next word would not have fitted; or, as ``assemble_text`` joins a paragraph's lines,
    # the line is near the width and ends mid-sentence, and the next does not start with a
    # capital (a dump wrapped by hand, or by a tool that breaks a line before it is full; a
    # product's name over its "Add to Cart" button is no such line)
    return used + 1 + columns(below.split(" ", 1)[0]) > width \
        or (continues(text, width) and not below[0].isupper())


def cuts(lines: list[str], kept: list[bool], width: int) -> list[bool]:
    """Per line, whether the dump cut the kept line's paragraph after it (the next line, kept
    too, goes on with it)."""
    found = [False] * len(lines)
    for index in range(len(lines) - 1):
        if kept[index] and kept[index + 1] and _cut_at_width(lines[index], lines[index + 1], width):
            found[index] = True
    return found


@dataclass
class ReflowedView:
    """A page's lines as the view shows them, and the dump lines behind each of them."""

    document: Document
    sources: list[list[int]]  # per view line, the dump lines whose words it holds (in order)

    def apply_to(self, doc: Document) -> None:
        """What the steps did to the view, done to the dump's lines: a dump line goes when the
        last view line holding its words goes, with that removal's reason and step, in the order
        of the view's removal log; the metadata and captions found are the page's."""
        holders: dict[int, list[int]] = {}
        for view_index, lines in enumerate(self.sources):
            for line in lines:
                holders.setdefault(line, []).append(view_index)
        view = self.document
        removed_at = {removal.line_no - 1: order for order, removal in enumerate(view.removals)}
        gone = []
        for line, view_lines in holders.items():
            if doc.kept[line] and all(index in removed_at for index in view_lines):
                gone.append((max(removed_at[index] for index in view_lines), line))
        for order, line in sorted(gone):
            removal = view.removals[order]
            doc.kept[line] = False
            doc.removals.append(Removal(line + 1, doc.lines[line], removal.reason, removal.step))
        doc.metadata.update(view.metadata)
        doc.captions.extend(caption for caption in view.captions if caption not in doc.captions)


def _fill(words: list[tuple[str, int]], indent: int, width: int) -> list[tuple[str, list[int]]]:
    """Greedy filling of (word, dump line) pairs into lines of at most ``width`` columns (a word
    longer than that alone on its line), each with the dump lines its words come from."""
    filled: list[tuple[str, list[int]]] = []
    current: list[str] = []
    sources: list[int] = []
    length = indent
    for word, source in words:
        size = columns(word)
        if current and length + 1 + size > width:
            filled.append((" " * indent + " ".join(current), sources))
            current, sources, length = [], [], indent
        length += size + (1 if current else 0)
        current.append(word)
        if not sources or sources[-1] != source:
            sources.append(source)
    if current:
        filled.append((" " * indent + " ".join(current), sources))
    return filled


def reflowed(doc: Document, narrower_than: int) -> ReflowedView | None:
    """The page's view with its cut paragraphs wrapped again at ``TRAINED_WIDTH``, or ``None``
    when the page is not wrapped narrower than ``narrower_than`` columns (0: no page is)."""
    if narrower_than <= 0 or _printed_as_wide(doc.lines, narrower_than):
        return None  # (most dumps: told by one line's length)
    width = dump_width(doc.lines)
    if not 0 < width < narrower_than:
        return None
    cut = cuts(doc.lines, doc.kept, width)
    if sum(cut) < MIN_CUTS:
        return None
    lines: list[str] = []
    kept: list[bool] = []
    sources: list[list[int]] = []
    start = 0
    while start < len(doc.lines):
        end = start
        while cut[end]:
            end += 1
        if end == start:
            lines.append(doc.lines[start])
            kept.append(doc.kept[start])
            sources.append([start])
        else:
            words = [(word, index) for index in range(start, end + 1) for word in doc.lines[index].split()]
            for text, from_lines in _fill(words, _indent(doc.lines[start]), TRAINED_WIDTH):
                lines.append(text)
                kept.append(True)
                sources.append(from_lines)
        start = end + 1
    view = Document(id=doc.id, source=doc.source, lines=lines, kept=kept, kind=doc.kind,
                    metadata=dict(doc.metadata), captions=list(doc.captions))
    return ReflowedView(view, sources)

