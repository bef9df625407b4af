"""Passages a page prints twice: next to each other once the boilerplate between them is gone,
or far apart.

The captions step removes a line printed twice in a row in the input; but a paragraph repeated
with a menu or credit line between the copies only becomes a repeat after later steps drop that
line. This last pass removes the second copy then, so the output has no paragraph twice in a row
and cleaning the clean text again changes nothing.

A repeat may span several lines: a caption wrapped over two or three lines and printed twice
(the image's alt text, then its caption), or a teaser title and summary shown twice by a
carousel. A run of up to ``max_repeated_run_lines`` kept lines equal to the run just before it
loses its second copy too.

Pages also print whole passages twice far apart: the text of a tab and of the accordion that
replaces it on phones, a product description above and below the gallery, a print version after
the screen one. ``find_repeated_passages`` removes the second copy of such a passage (reason
``repeated_passage``): a run of consecutive kept lines, each equal to an earlier kept line, with
at least ``captions.passage_min_words`` words or ``captions.passage_min_lines`` lines. A single
repeated line stays: a forum reply quoting a sentence, or a notice under each item of a list,
belongs to the page's text where it stands.
"""

from __future__ import annotations

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import norm
from cleaners.text import is_wrapped


def find_adjacent_repeats(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove kept lines equal (whitespace aside) to the same number of kept lines just before,
    and both copies of a long line the input printed twice in a row (``printed_twice``)."""
    verdict = Verdict()
    for index in lines_printed_twice(doc, config.captions.both_copies_min_words):
        verdict.remove(index, "printed_twice")
    min_chars = config.captions.min_chars_per_duplicate_line
    if min_chars is None:
        return verdict
    longest = max(1, config.captions.max_repeated_run_lines)
    kept: list[tuple[int, str]] = []  # the kept lines so far, second copies dropped
    for index in doc.kept_content_indices():
        kept.append((index, norm(doc.lines[index])))  # (``norm`` is memoised by the rule steps)
        run = _repeated_run(kept, longest, min_chars)
        if run:
            for line_index, _ in kept[-run:]:
                verdict.remove(line_index, "duplicate_line")
            del kept[-run:]
    return verdict


def lines_printed_twice(doc: Document, min_words: int | None) -> list[int]:
    """Kept lines of ``min_words`` or more words that the input prints twice in a row, on two
    consecutive lines, and the kept second copies.

    A page's image with the same text as its alternative text and its title (or caption) comes
    out of a text browser as one sentence on two lines in a row: "US President Donald Trump looks
    on as he speaks to the media prior to departing …" twice under a related video. The captions
    step removes the second copy before the classifier; the first one reads as prose and the
    classifier may keep it. A writer does not repeat a sentence of 16 words on the next line, so
    both copies go. Shorter lines stay, and indented ones (a list's items): a product's or a
    teaser's name printed twice (the image's alternative text and the link) belongs to a listing
    the references keep. Only in a wrapped dump (``text.is_wrapped``): where each line is a whole
    paragraph (an extractor's text, BeautifulSoup's), a page's summary printed twice in a row is
    also its first paragraph, which the references keep once (wcxb-dev bs4: 2 pages better, 3
    worse, against w3m's 11 better, none worse).
    """
    if min_words is None or doc.kind != "text":
        return []
    lines, kept, texts = doc.lines, doc.kept, doc.texts()
    found = []
    for index in doc.kept_content_indices():
        following = index + 1
        if following < len(lines) and texts[following] == texts[index] and not lines[index][:1].isspace() \
                and len(texts[index].split()) >= min_words:
            found.append(index)
            if kept[following]:
                found.append(following)
    # (whether the dump is wrapped is asked last: most pages print no such line)
    return found if found and is_wrapped(lines) else []


def find_repeated_passages(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove the second copy of a passage the page printed earlier (see the module's docstring)."""
    settings = config.captions
    verdict = Verdict()
    if settings.passage_min_words is None:
        return verdict
    texts = doc.texts()  # white space collapsed
    seen: set[str] = set()
    run: list[int] = []  # consecutive kept lines that repeat an earlier kept line

    def close_run() -> None:
        words = sum(len(texts[i].split()) for i in run)
        if len(run) >= settings.passage_min_lines or words >= settings.passage_min_words:
            for index in run:
                verdict.remove(index, "repeated_passage")
        run.clear()

    for index in doc.kept_content_indices():
        text = texts[index]
        if text in seen and len(text.split()) >= settings.passage_min_line_words:
            run.append(index)
            continue
        if run:
            close_run()
        seen.add(text)
    if run:
        close_run()
    return verdict


def _repeated_run(kept: list[tuple[int, str]], longest: int, min_chars: int) -> int:
    """The length of the run at the end of ``kept`` that repeats the run before it (0: none).

    A single line counts when it has ``min_chars`` characters; a longer run when its lines
    together have that many per line, so two repeated short labels are no repeat.
    """
    last = kept[-1][1]
    for run in range(1, min(longest, len(kept) // 2) + 1):
        if kept[-1 - run][1] != last:
            continue
        tail, before = kept[-run:], kept[-2 * run:-run]
        if all(a[1] == b[1] for a, b in zip(tail, before)) and sum(len(t) for _, t in tail) >= min_chars * run:
            return run
    return 0
