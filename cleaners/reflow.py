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

Two lines are one paragraph when the dump cut it there (``text.cut_at_width``, the test
``assemble_text`` also joins a wrapped dump's lines by): the upper one near the width and the
next line's first word would not have fitted after it, with guards for indented, bulleted and
numbered lines, tables, columns and copies. A page is cleaned through the view when it has
``MIN_CUTS`` such cuts; a dump with a few long lines among short ones has too few for its width
to be a wrap.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaners.document import Document, Removal
from cleaners.link_numbers import link_list_start
from cleaners.text import columns, cut_at_width, dump_width, line_indent

#: The width the line model's training dumps were wrapped at: the view wraps paragraphs there.
TRAINED_WIDTH = 200
#: Cuts a page needs to be read as wrapped at its width.
MIN_CUTS = 5


def _printed_as_wide(lines: list[str], width: int) -> bool:
    """Whether a line of two words or more has ``width`` characters or more, so that the dump's
    ``dump_width`` (in columns, at least its characters) is that wide too."""
    return any(" " in line.strip() and len(line.rstrip()) >= width for line in lines if len(line) >= width)


def cuts(lines: list[str], kept: list[bool], width: int, printed_extra: dict[int, int] | None = None) -> list[bool]:
    """Per line, whether the dump cut the kept line's paragraph after it (the next line, kept
    too, goes on with it); ``printed_extra`` as ``Document.printed_extra``."""
    found = [False] * len(lines)
    extra = printed_extra or {}
    for index in range(len(lines) - 1):
        if kept[index] and kept[index + 1] and cut_at_width(lines[index], lines[index + 1], width, extra.get(index, 0)):
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
    # a dump that numbers its links wraps its page, not the addresses it lists under it
    page = doc.lines[:link_list_start(doc.lines)] if doc.printed_extra else doc.lines
    if narrower_than <= 0 or _printed_as_wide(page, narrower_than):
        return None  # (most dumps: told by one line's length)
    width = dump_width(page, doc.printed_extra)
    if not 0 < width < narrower_than:
        return None
    cut = cuts(doc.lines, doc.kept, width, doc.printed_extra)
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
            for text, from_lines in _fill(words, line_indent(doc.lines[start]), TRAINED_WIDTH):
                lines.append(text)
                kept.append(True)
                sources.append(from_lines)
        start = end + 1
    view = Document(id=doc.id, source=doc.source, lines=lines, kept=kept, kind=doc.kind,
                    metadata=dict(doc.metadata), captions=list(doc.captions))
    return ReflowedView(view, sources)

