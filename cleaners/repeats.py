"""Lines that end up next to each other twice once the boilerplate between them is gone.

The captions step removes a line printed twice in a row in the input; but a paragraph repeated
with a menu or credit line between the copies only becomes a repeat after later steps drop that
line. This last pass removes the second copy then, so the output has no paragraph twice in a row
and cleaning the clean text again changes nothing.

A repeat may span several lines: a caption wrapped over two or three lines and printed twice
(the image's alt text, then its caption), or a teaser title and summary shown twice by a
carousel. A run of up to ``max_repeated_run_lines`` kept lines equal to the run just before it
loses its second copy too.
"""

from __future__ import annotations

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import norm


def find_adjacent_repeats(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove kept lines equal (whitespace aside) to the same number of kept lines just before."""
    verdict = Verdict()
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
