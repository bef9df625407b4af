"""The article_header step: a text dump's date and author from the lines around its headline."""

from __future__ import annotations

import dataclasses

import pytest
from city_article import BODY, HEADLINE

from cleaners.article_header import copyright_holder, logo_name, site_beside_title
from cleaners.config import PipelineConfig
from cleaners.pipeline import clean_bytes

CONFIG = PipelineConfig()
OFF = dataclasses.replace(CONFIG, header=dataclasses.replace(CONFIG.header, article_header=False))



#: A site's menu of sections and places, a line each, longer than the header page_header reads.
MENU = "".join(f"  • {section} {place}\n" for section in ("News", "Sport", "Business", "Culture", "Travel")
               for place in ("Europe", "Asia", "Africa", "Americas", "Oceania", "Local", "World", "Opinion", "Video"))


def page(between: str) -> bytes:
    """A whole page as a text browser saves it, ``between`` its headline and its article."""
    return ("Skip to main content\n" + MENU + "Search\n\n"
            "Trending: Heat records fall across the region\n\n" +
            HEADLINE + "\n\n" + between + "\n\n" + BODY
            + "\nRelated stories\nWhat to do in a heat wave\n\n© 2025 City News. All rights reserved.\n").encode()


def metadata(raw: bytes, config: PipelineConfig = CONFIG) -> dict:
    return clean_bytes(raw, "t", "test", "text", config).document.metadata


def test_the_date_under_the_headline_and_not_the_update() -> None:
    raw = page("Updated June 5, 2025 at 9:12 am\nClimate desk · June 3, 2025 · 4 min read\nShare   Facebook   Email")
    assert metadata(raw, OFF).get("date") is None  # page_header reads the first 40 lines: the menu
    found = metadata(raw)
    assert found["title"] == HEADLINE
    assert found["date"] == "2025-06-03"
    assert not found.get("author")


def test_the_author_of_a_byline_under_the_headline() -> None:
    raw = page("By Jane Doe and John Roe\nJune 3, 2025\nShare   Facebook   Email")
    assert not metadata(raw, OFF).get("author")
    found = metadata(raw)
    assert (found["author"], found["date"]) == ("Jane Doe and John Roe", "2025-06-03")


def test_an_update_alone_is_the_date() -> None:
    assert metadata(page("Last updated: 5 June 2025\nShare   Facebook   Email"))["date"] == "2025-06-05"


def test_a_sentence_with_a_date_is_no_dateline() -> None:
    raw = page("The council voted on the plan on March 3, 2024 after a long debate about its cost to the city.")
    assert not metadata(raw).get("date")


def bottom_page(footer: str) -> bytes:
    """A page with no date in its head, ``footer`` (its own lines) under the article."""
    return ("Skip to main content\n" + MENU + "Search\n\n" + HEADLINE + "\n\n" + BODY
            + "\n" + footer + "\n\n© 2025 City News. All rights reserved.\n").encode()


def test_a_date_and_a_byline_a_few_lines_into_the_article() -> None:
    first, rest = BODY.split("\n", 2)[:2], BODY.split("\n", 2)[2]
    raw = ("Skip to main content\n" + MENU + "Search\n\n" + HEADLINE + "\n\n" + "\n".join(first)
           + "\n\nBy Jane Doe\nJune 3, 2025\n\n" + rest).encode()
    found = metadata(raw)
    assert (found["date"], found["author"]) == ("2025-06-03", "Jane Doe")
    assert not metadata(raw, OFF).get("author")


@pytest.mark.parametrize(("footer", "date"), [
    ("Posted on June 3, 2025 in Climate", "2025-06-03"),
    ("• Published: 3 June 2025", "2025-06-03"),
    ("Veröffentlicht am 3. Juni 2025", "2025-06-03"),
    ("This page was last modified on Jun 5, 2025 by the city's web team.", "2025-06-05"),
    ("Last updated: 5 June 2025\nPosted on June 3, 2025", "2025-06-03"),  # a publication first
    ("Joined: 4. Jul 2012\nLast active: June 5, 2025", None),  # a member's dates
    ("Read the council's minutes of June 3, 2025 online", None),  # no label
])
def test_a_labelled_date_anywhere_on_the_page(footer: str, date: str | None) -> None:
    assert metadata(bottom_page(footer)).get("date") == date
    assert not metadata(bottom_page(footer), OFF).get("date")


def test_a_members_join_date_in_the_head_is_not_the_pages() -> None:
    raw = page("jdoe\nJoined: Mar 2, 2017\nPosts: 1,204")
    assert not metadata(raw).get("date")


def test_page_headers_dateline_stands() -> None:
    raw = (HEADLINE + "\nBy Jane Doe, May 1, 2025\n\n"
           "Updated June 5, 2025\n\n" + BODY).encode()
    assert metadata(raw)["date"] == "2025-05-01"


def test_the_publisher_from_the_copyright_footer() -> None:
    found = metadata(page("June 3, 2025"))
    assert found["publisher"] == "City News"
    assert not metadata(page("June 3, 2025"), OFF).get("publisher")


@pytest.mark.parametrize(("line", "holder"), [
    ("© 2025 City News. All rights reserved.", "City News"),
    ("Copyright © 2019–2025 Valve Corporation. All rights reserved.", "Valve Corporation"),
    ("(c) 2023 Example Inc | Privacy | Terms", "Example Inc"),
    ("© Die Zeit 2024", "Die Zeit"),
    ("Alle Rechte vorbehalten © 2024 Stadtwerke Musterstadt GmbH", "Stadtwerke Musterstadt GmbH"),
    ("Community platform by XenForo® © 2010-2024 XenForo Ltd.", None),  # the forum's software
    ("© 2024 by Jane Doe", None),
    ("© 2024 Acme Media Acme logo", None),  # an image's alternative text glued on
    ("All rights reserved.", None),
    ("© 2024", None),
    ("Copyright law protects original works of authorship", None),
])
def test_copyright_holder(line: str, holder: str | None) -> None:
    assert copyright_holder(line) == holder


@pytest.mark.parametrize(("line", "name"), [
    ("Clever Hiker Logo", "Clever Hiker"),
    ("[Acme Media logo white]", "Acme Media"),
    ("• U.S. Department of Agriculture logo", "U.S. Department of Agriculture"),
    ("Brand Logo", None),  # the layout's words, not a name
    ("Header logo", None),
    ("Toggle Nav Acme logo", None),
    ("logo logo", None),
    ("Our new logo is a tribute to the city's bridges", None),  # a sentence about a logo
])
def test_logo_name(line: str, name: str | None) -> None:
    assert logo_name(line) == name


def test_the_publisher_from_the_sites_logo_without_a_copyright_footer() -> None:
    raw = ("City News logo\nSkip to main content\n" + MENU + "Search\n\n" + HEADLINE + "\n\n"
           + BODY).encode()
    assert metadata(raw)["publisher"] == "City News"
    assert not metadata(raw, OFF).get("publisher")


@pytest.mark.parametrize(("line", "site"), [
    (HEADLINE + " – City News", "City News"),
    ("City News | " + HEADLINE, "City News"),
    ("Opinion | " + HEADLINE + " - The City Times", "The City Times"),
    (HEADLINE, None),  # the headline alone
    ("Home | News | Sport", None),  # a menu: no headline in it
    (HEADLINE + " - and what the residents of the old town think of the new trees", None),  # a subtitle
])
def test_site_beside_title(line: str, site: str | None) -> None:
    assert site_beside_title(line, HEADLINE) == site


def test_the_publisher_from_the_title_line_of_a_naive_scrape() -> None:
    """BeautifulSoup's text of a page starts with its <title>: the headline and the site's name."""
    raw = (HEADLINE + " | City Times\nSkip to main content\n" + MENU + "\n" + HEADLINE + "\n\nJune 3, 2025\n\n"
           + BODY + "\n© 2025 City Media Group Ltd. All rights reserved.\n").encode()
    found = metadata(raw)
    assert (found["title"], found["publisher"]) == (HEADLINE, "City Times")


def test_a_byline_a_naive_scrape_split_at_its_link() -> None:
    raw = page("By\nJane Doe | City Desk\nJune 3, 2025")
    assert metadata(raw)["author"] == "Jane Doe"
    assert not metadata(page("By\nthe river, a new park\nJune 3, 2025")).get("author")  # no name


def test_a_byline_above_the_lines_around_the_headline() -> None:
    raw = ("Skip to main content\n" + MENU + "By Jane Doe\nClimate desk\nTrending now\nWeather\n\n"
           + HEADLINE + "\n\nJune 3, 2025\n\n" + BODY).encode()
    found = metadata(raw)
    assert (found["title"], found["author"]) == (HEADLINE, "Jane Doe")
