"""Lines that end up next to each other twice once the boilerplate between them is gone.

The captions step removes a line printed twice in a row in the input; but a paragraph repeated
with a menu or credit line between the copies only becomes a repeat after later steps drop that
line. This last pass removes the second copy then, so the output has no paragraph twice in a row
and cleaning the clean text again changes nothing.
"""

from __future__ import annotations

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import norm


def find_adjacent_repeats(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove a kept line equal (whitespace aside) to the kept content line just before it."""
    verdict = Verdict()
    min_chars = config.captions.min_chars_per_duplicate_line
    if min_chars is None:
        return verdict
    previous = None
    for index in doc.kept_content_indices():
        line = norm(doc.lines[index])  # memoised by the rule steps
        if line == previous and len(line) >= min_chars:
            verdict.remove(index, "duplicate_line")
        previous = line
    return verdict
