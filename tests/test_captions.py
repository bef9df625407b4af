"""Captions and credits: removed from the text, kept once each in captions."""

from __future__ import annotations

import pytest

from cleaners.config import CaptionConfig, PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.captions import find_captions, is_caption

CONFIG = PipelineConfig()
PROSE = "The number of online shops based in rural regions jumped to over 8.3 million by the end of 2016."


def run(text: str, config: PipelineConfig = CONFIG) -> Verdict:
    return find_captions(Document.from_text("t", "test", text), config)


def test_caption_printed_twice_is_kept_once() -> None:
    caption = "A self made rural entrepreneur sorts packages for delivery./ VCG Photo."
    verdict = run(f"{PROSE}\n{caption}\n{caption}\n{PROSE}")
    assert verdict.removals == {1: "caption", 2: "caption_duplicate"}
    assert verdict.captions == [caption]


def test_caption_repeated_later_is_a_duplicate() -> None:
    caption = "(Cover: Live streaming sales event held in Xiaogan City./CFP)"
    verdict = run(f"{caption}\n{PROSE}\n  {caption}")
    assert verdict.removals == {0: "caption", 2: "caption_duplicate"}
    assert verdict.captions == [caption]


def test_caption_text_before_its_credited_copy() -> None:
    verdict = run(f"{PROSE}\nTrump asked voters for a big win.\nTrump asked voters for a big win.Credit...Doug Mills/The New York Times")
    assert verdict.removals == {2: "caption", 1: "caption_duplicate"}


@pytest.mark.parametrize(
    "line",
    [
        "Liang packs products for sale in Shitan Village, Feb. 19, 2019. She opened a store in 2013. (Xinhua/Fan Peishen)",
        "Photo: Jane Doe/Reuters",
        "Foto: dpa",
        "[pirelli-logo-teste] [carlos_cunha_b] Anuncie no Autoracing agora!",
        "[image]",
        "IMG_20190312_1045.jpg",
        "Credit...Doug Mills/The New York Times",
        "Protesters gather outside parliament. (Photo by Jane Doe)",
    ],
)
def test_caption_shapes(line: str) -> None:
    assert is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        "The company said the data, reported by Xinhua, show growth of 21 percent year-on-year.",
        "[Updated at 10:52]",
        "[Engadget]",
        "He studied at the Beijing Film Academy and later moved to Shanghai/Hong Kong for work.",
        "Xinhua | Updated: 2017-12-12 10:52",
    ],
)
def test_article_lines_are_not_captions(line: str) -> None:
    assert not is_caption(line)
    assert run(line).removals == {}


def test_any_line_printed_twice_loses_its_second_copy() -> None:
    verdict = run(f"{PROSE}\n{PROSE}\nShort\nShort")
    assert verdict.removals == {1: "duplicate_line"}
    assert verdict.captions == []


def test_duplicate_line_rule_can_be_turned_off() -> None:
    config = PipelineConfig(captions=CaptionConfig(min_chars_per_duplicate_line=None))
    assert run(f"{PROSE}\n{PROSE}", config).removals == {}
