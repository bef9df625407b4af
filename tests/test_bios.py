"""The writer's biography closing an article goes after the classifier; prose about people stays."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cleaners.bios import REASON, find_author_bios, is_author_bio, tail_paragraphs
from cleaners.config import AuthorBiosConfig, PipelineConfig
from cleaners.document import Document
from cleaners.pipeline import clean_bytes

CFG = PipelineConfig()
WCXB = Path(__file__).resolve().parents[2] / "shared" / "bench" / "wcxb-dev"

ARTICLE = [
    "Most of the models we tested cruise up a gentle grade with only a small loss of speed, but the",
    "steeper hill near the office separated the lighter scooters from the heavier ones within a",
    "minute, and two of them stopped before the top with a rider of average weight on board.",
    "",
    "Range depends on how fast the scooter is ridden, the temperature and the rider's weight. In our",
    "cold-weather runs the same scooters lost between a tenth and a third of their range, and the",
    "ones with the biggest batteries lost the most miles while still finishing ahead of the rest.",
    "",
    "Braking is where the cheaper models fall behind. A fender brake asks the rider to move a foot",
    "at the worst moment, and on a wet slope the distance it needs to stop grows by half again.",
]
BIO = [
    "Linda Rosencrance is a freelance writer and editor in the Boston area. She has more than",
    "35 years of experience as a reporter and investigative journalist for newspapers and sites.",
]


def document(lines: list[str]) -> Document:
    return Document.from_text("t", "t.txt", "\n".join(lines))


def removed(lines: list[str], config: PipelineConfig = CFG) -> dict[int, str]:
    return find_author_bios(document(lines), config).removals


def test_a_biography_closing_an_article_is_removed_whole():
    lines = ARTICLE + [""] + BIO
    assert removed(lines) == {len(ARTICLE) + 1: REASON, len(ARTICLE) + 2: REASON}


def test_a_biography_followed_by_a_few_more_paragraphs_is_found():
    lines = ARTICLE + [""] + BIO + ["", "Related: the best electric bikes", "", "Share this article"]
    assert set(removed(lines)) == {len(ARTICLE) + 1, len(ARTICLE) + 2}


@pytest.mark.parametrize("paragraph", [
    "Dr. Ehsan Jazini is a board-certified spine surgeon who earned his medical degree in New York.",
    "(Paul Fenaroli is an Associate Attorney at the firm, admitted in Connecticut and the District.)",
    "Dylan Bailey, MS, RD is a registered dietitian who writes about sports nutrition and recovery.",
    "Anna Schmidt ist seit 2015 Redakteurin im Ressort Wirtschaft und schreibt über Energie und Klima.",
    "Marie Dubois est journaliste indépendante à Lyon et écrit sur l'agriculture et l'alimentation.",
    "Lucía Fernández es periodista y escribe sobre ciencia y salud para varios medios digitales.",
])
def test_biographies_in_four_languages(paragraph):
    assert is_author_bio(paragraph)


@pytest.mark.parametrize("paragraph", [
    # a thing or a group, not a person
    "The Events Calendar is a free plugin that helps editors and writers publish their events online.",
    "Unser Team ist ein Zusammenschluss erfahrener Berater und Autoren aus ganz Deutschland und Europa.",
    # no trade in its first words
    "NYC Moves is a full service moving company with 25 years of experience in the five boroughs.",
    # "is" without an article: a sentence of the story
    "General Mark Milley is leaving the command after two years, the editor of the paper reported today.",
    # too short to be a biography
    "Jane Doe is a writer.",
])
def test_other_sentences_are_no_biography(paragraph):
    assert not is_author_bio(paragraph)


def test_the_page_authors_first_name_alone_opens_a_biography():
    paragraph = ("Megan is a communicator with a storyteller's instinct and years of work across "
                 "cybersecurity and cloud companies.")
    assert is_author_bio(paragraph, author="Megan Leanda Berry")
    assert not is_author_bio(paragraph)  # no author known: a first name could be a product's
    assert not is_author_bio(paragraph, author="Sam O'Brien")


def test_the_page_authors_full_name_needs_no_trade():
    paragraph = "Dr. Charles Patterson, MD, is a lifelong runner who lives in Ohio with his family and dogs."
    assert not is_author_bio(paragraph)
    assert is_author_bio(paragraph, author="Charles Patterson")


def test_a_tool_named_like_a_person_stays_without_an_author():
    assert not is_author_bio("Flatliner is a handy code editor that helps developers test the expressions.")


@pytest.mark.parametrize("paragraph", [
    "Howdy, I'm Melissa!",
    "Hey, I’m Jessica! Welcome to The Organized Mama, where organizing is made doable.",
    "Hallo, ich bin Lena und schreibe hier über Reisen mit Kindern.",
])
def test_a_writers_greeting_is_a_biography(paragraph):
    assert is_author_bio(paragraph)


def test_a_greeting_at_the_end_goes_and_one_at_the_top_stays():
    greeting = "Hi there! I'm Shivya, and I started this travel blog back in 2011."
    assert set(removed(ARTICLE + ["", greeting])) == {len(ARTICLE) + 1}
    assert removed([greeting, ""] + ARTICLE + ["", "Thanks for reading."] * 7) == {}


def test_a_biography_opening_the_page_stays():
    lines = BIO + [""] + ARTICLE + ["", "Thanks for reading."] * 7
    assert removed(lines) == {}


def test_a_page_that_is_only_the_biography_keeps_it():
    assert removed(["About the author", ""] + BIO) == {}


def test_the_step_can_be_turned_off():
    config = replace(CFG, author_bios=AuthorBiosConfig(max_tail_paragraphs=None))
    assert removed(ARTICLE + [""] + BIO, config) == {}


def test_tail_paragraphs_joins_wrapped_lines():
    lines = ARTICLE + [""] + BIO
    doc = document(lines)
    spans = tail_paragraphs(doc.lines, doc.kept_content_indices(), 2)
    assert spans == [[8, 9], [11, 12]]


def test_the_pipeline_logs_the_biography_with_its_reason():
    raw = "\n".join(ARTICLE + [""] + BIO).encode("utf-8")
    result = clean_bytes(raw, "t", "t.txt", "text", CFG)
    logged = [r for r in result.document.removals if r.reason == REASON]
    assert [r.step for r in logged] == ["author_bios", "author_bios"]
    assert "Rosencrance" not in result.text and "fender brake" in result.text


def test_a_development_page_loses_its_writers_biography_and_keeps_its_article():
    """A spine surgeon's biography under a wcxb-dev article about office chairs, which the line
    model keeps and the page's reference leaves out."""
    path = WCXB / "dumps" / "w3m" / "4796.txt"
    if not path.exists():
        pytest.skip("the development split is not beside the repository")
    result = clean_bytes(path.read_bytes(), "4796", str(path), "text", CFG)
    cut = [r for r in result.document.removals if r.step == "author_bios"]
    assert cut and cut[0].text.startswith("Dr. Ehsan Jazini is a board-certified spine surgeon")
    assert {r.reason for r in cut} == {REASON}
    gold = (WCXB / "gold" / "4796.txt").read_text(encoding="utf-8")
    last_paragraph = [line for line in gold.splitlines() if len(line.split()) >= 10][-1]
    assert last_paragraph in result.text and "board-certified spine surgeon" not in result.text
