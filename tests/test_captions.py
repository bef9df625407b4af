"""Captions and credits: removed from the text, kept once each in captions."""

from __future__ import annotations

import pytest

from cleaners.config import CaptionConfig, PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.captions import find_agency_captions, find_captions, is_agency_caption, is_caption
from cleaners.patterns import norm

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
        "Bildunterschrift: Eine Wärmepumpe vor einem Einfamilienhaus.",
        "Quelle: dpa",
        "Source: Reuters/AFP",
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
        "Quelle: Statistisches Bundesamt",
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


# --- news agencies' fixed forms, a pass after the classifier ---------------------------------

AGENCY_CAPTIONS = [
        "Image copyright Reuters",
        "Image caption The minister said the decision had been taken after interviews with seven witnesses",
        "Media caption Watch: the moment the bridge collapsed",
        "Media captionWho is Julian Assange?",  # the hidden label glued to the caption by a text browser
        "In this image provided by NASA, an impact plume emerges from the asteroid, left, after the collision.",
        "FILE PHOTO: Traders work on the floor of the stock exchange in New York, November 18, 2019. REUTERS/Jane Doe",
        "Traders work on the floor of the stock exchange in New York. REUTERS/Jane Doe",
        "The team celebrates after the final whistle. (AP Photo/Jane Doe)",
        "(Image credit: TNG Collaboration)",
        "This 2017 file photo provided by the state registry shows the defendant. State Registry via AP",
        "John A. Smith Submitted photo",
        "In this photo issued by ITV, the two leaders shake hands before the debate in Salford, England.",
        "In this Nov. 5, 2019, photo, a farmer burns crop stubble in a field outside the city.",
        "SHANGHAI, CHINA - SEPTEMBER 17: Alibaba Chairman Jack Ma speaks during the opening ceremony of the",
        "NEW YORK, NY - JANUARY 5, 2024: Commuters walk through the station during the morning rush.",
]


@pytest.mark.parametrize("line", AGENCY_CAPTIONS)
def test_agency_caption_shapes(line: str) -> None:
    assert is_agency_caption(norm(line))


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        "In this article we explain how the new rules will change the way pensions are paid.",
        "He said the photo was sent to the newsroom via AP wire before it was published.",
        "The image caption on the website was later corrected by the editors.",
        "The company said the data, reported by Xinhua, show growth of 21 percent year-on-year.",
        "WASHINGTON — The Senate voted on Tuesday to pass the bill: 52 in favour and 48 against.",
        "UPDATE - MARCH 5: the council has postponed the vote to next week.",
        "In this example, we fetch an image and read it as a Blob, which we can then use to create an object URL:",
        "Media captioning tools have improved a lot in the last two years.",
    ],
)
def test_article_lines_are_no_agency_captions(line: str) -> None:
    assert not is_agency_caption(norm(line))


def test_agency_captions_go_after_the_classifier_into_captions_once() -> None:
    credit, caption = "Image copyright Reuters", "Image caption The minister leaves the meeting in Brussels"
    doc = Document.from_text("d", "d.txt", "\n".join([PROSE, credit, caption, PROSE, credit]))
    verdict = find_agency_captions(doc, CONFIG)
    assert verdict.removals == {1: "caption", 2: "caption", 4: "caption_duplicate"}
    assert verdict.captions == [credit, caption]
