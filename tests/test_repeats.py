"""The last duplicate pass: a paragraph that becomes its own neighbour after cleaning goes."""

from __future__ import annotations

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict, apply_verdict
from cleaners.repeats import find_adjacent_repeats

CFG = PipelineConfig()
PARAGRAPH = "E-commerce is playing an important role in China helping revitalize rural areas."


def test_copy_separated_by_a_removed_line_is_removed():
    doc = Document.from_text("d", "d.txt", "\n".join([PARAGRAPH, "Share", "", PARAGRAPH]))
    apply_verdict(doc, "boilerplate", Verdict(removals={1: "share_buttons"}))
    assert find_adjacent_repeats(doc, CFG).removals == {3: "duplicate_line"}


def test_repeat_with_kept_text_between_and_short_lines_stay():
    doc = Document.from_text("d", "d.txt", "\n".join([PARAGRAPH, "Another paragraph in between.", PARAGRAPH,
                                                     "Yes", "Yes"]))
    assert find_adjacent_repeats(doc, CFG).removals == {}
