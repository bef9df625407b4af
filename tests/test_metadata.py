"""Page header: title, dateline, byline into metadata; their lines removed."""

from __future__ import annotations

import pytest

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.metadata import parse_dateline, extract_page_header, is_date_only, parse_date

CONFIG = PipelineConfig()
PARAGRAPH = (
    "Chinese farmers have become their own sales agents with the help of smartphones, selling products "
    "to customers around the country."
)


def run(text: str) -> Verdict:
    return extract_page_header(Document.from_text("t", "test", text), CONFIG)


def test_title_and_people_daily_dateline_not_the_top_bar_date() -> None:
    verdict = run(
        "Facebook Twitter YouTube Wednesday, Mar 15, 2023\nSearch\n\nE-commerce flourishes in Chinese countryside\n\n"
        "(People's Daily Online)    14:36, November 25, 2019\n\n" + PARAGRAPH
    )
    assert verdict.removals == {3: "title", 5: "dateline"}
    assert verdict.metadata["title"] == "E-commerce flourishes in Chinese countryside"
    assert verdict.metadata["date"] == "2019-11-25"
    assert verdict.metadata["publisher"] == "People's Daily Online"


def test_publisher_pipe_updated_dateline() -> None:
    verdict = run("Home / Business\n\n  Bridge the gap\n\n  Xinhua | Updated: 2017-12-12 10:52\n  " + PARAGRAPH)
    assert verdict.removals == {2: "title", 4: "dateline"}
    assert (verdict.metadata["date"], verdict.metadata["publisher"]) == ("2017-12-12", "Xinhua")


def test_byline_gives_author() -> None:
    verdict = run("Republicans Are Following Trump to Nowhere\nBy Jane Doe\n" + PARAGRAPH)
    assert verdict.removals == {0: "title", 1: "byline"}
    assert verdict.metadata["author"] == "Jane Doe"


def test_german_header() -> None:
    verdict = run("Neue Regeln für den Onlinehandel\nVon Anna Schmidt | 12. März 2023, 14:05 Uhr\n"
                  "Die Bundesregierung hat am Mittwoch neue Regeln für den Onlinehandel beschlossen, die ab Juli gelten.")
    assert verdict.removals == {0: "title", 1: "byline"}
    assert verdict.metadata["date"] == "2023-03-12"
    assert verdict.metadata["author"] == "Anna Schmidt"


def test_posted_on_by_line() -> None:
    verdict = run("How we grew tomatoes on a balcony\nPosted on March 3, 2020 by Jane Doe\n" + PARAGRAPH)
    assert verdict.removals == {0: "title", 1: "byline"}
    assert (verdict.metadata["date"], verdict.metadata["author"]) == ("2020-03-03", "Jane Doe")
    assert verdict.metadata.get("publisher") is None


def test_wrapped_line_is_not_a_title() -> None:
    verdict = run("Veteran Nollywood actress, Kate Henshaw, who in 2008, won the\naward, has taken to her page.\n" + PARAGRAPH)
    assert "title" not in verdict.removals.values()


def test_dump_without_title_line_has_no_title() -> None:
    verdict = run(PARAGRAPH + "\nAs incomes increase, online retail grows in rural areas faster than in cities, data show.")
    assert verdict.removals == {}
    assert verdict.metadata.get("title") is None


def test_prose_mentioning_a_date_is_kept() -> None:
    verdict = run("A headline for the day\n" + PARAGRAPH + "\nOn November 25, 2019 the ministry said sales grew.")
    assert verdict.removals == {0: "title"}
    assert "date" not in verdict.metadata


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated: 2017-12-12 10:52", "2017-12-12"),
        ("14:36, November 25, 2019", "2019-11-25"),
        ("12. März 2023", "2023-03-12"),
        ("13. Mrz 2024", "2024-03-13"),  # German abbreviations
        ("3. Jän. 2025", "2025-01-03"),  # Austrian January
        ("12.03.2023", "2023-03-12"),
        ("12 mars 2023", "2023-03-12"),
        ("12 de marzo de 2023", "2023-03-12"),
        ("2019年11月25日", "2019-11-25"),
        ("Nov. 5, 2019", "2019-11-05"),
        ("no date here", None),
        ("2019-13-45", None),
        # slashes: month first in English, day first where the dateline's words say so
        ("Posted on 03/12/2024", "2024-03-12"),
        ("Updated 3/12/2024 4:12 am", "2024-03-12"),
        ("Mis à jour le 12/03/2024 à 14:30", "2024-03-12"),
        ("Publicado em 12/03/2024 às 14h30", "2024-03-12"),
        ("25/12/2023", "2023-12-25"),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "line",
    ["Di 12.03.2024 14:30", "Mi., 13.03.2024, 08:00 Uhr", "Erstellt: 12.03.2024", "Stand: 12.03.2024, 14:30 Uhr",
     "Publié le 12 mars 2024 à 14h30"],
)
def test_german_and_french_datelines_have_no_publisher_left_over(line: str) -> None:
    """Weekday abbreviations, labels ("Erstellt:") and times ("14h30") are date material, not a
    site's name."""
    parsed = parse_dateline(line)
    assert parsed is not None and parsed["publisher"] is None and parsed["date"].startswith("2024-03-1")


def test_german_byline_with_a_publication_date() -> None:
    parsed = parse_dateline("Von Moritz Bachmann publiziert am 25. September 2018")
    assert parsed == {"date": "2018-09-25", "publisher": None, "author": "Moritz Bachmann"}


def test_title_above_a_navigation_line_is_still_the_title() -> None:
    # "prev next" starts in lower case but continues no sentence: the headline above it is the title
    verdict = run("Harbour bridge to close to cars next spring\nprev next\n" + PARAGRAPH)
    assert verdict.removals == {0: "title"}


def test_title_wrapped_onto_a_lower_case_line_is_no_title() -> None:
    verdict = run("Harbour bridge to close to cars as the city\ncouncil votes on its future\n" + PARAGRAPH)
    assert 0 not in verdict.removals


@pytest.mark.parametrize("line, date_only", [
    ("Last updated: January 12, 2026.", True),
    ("Aktualisiert am 3. März 2024, 10:15 Uhr", True),
    ("Updated 2025-12-18 UTC.", True),
    ("Last Updated: December 2025.", False),  # no day: no full date
    ("Updated March 3, 2025 by Erik Demaine. — Accessibility", False),
    ("The law was updated on March 3, 2025 after the vote.", False),
])
def test_a_line_holding_only_a_date(line, date_only):
    assert is_date_only(line) is date_only


def test_the_publication_date_not_the_update_above_it() -> None:
    verdict = run("Bridge the gap\n\nUpdated: 2017-12-14 08:10\nXinhua | 2017-12-12 10:52\n\n" + PARAGRAPH)
    assert verdict.metadata["date"] == "2017-12-12"
    assert verdict.removals == {0: "title", 2: "dateline", 3: "dateline"}  # both lines go, as before
