"""Text dumps saved as Markdown (cleaners/markdown.py): read as a text browser shows the page."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from cleaners.config import DecodeConfig, PipelineConfig
from cleaners.decode import decode_bytes
from cleaners.markdown import looks_like_markdown, markdown_as_text
from cleaners.pipeline import clean_bytes

SHARED = Path(__file__).resolve().parents[2] / "shared"
AEB = SHARED / "bench" / "aeb-dev"

#: A news page as a scraper's Markdown converter saves it: a linked menu, a linked logo image, a
#: heading, a byline with a link, emphasis, a photo, a table, a rule, a quote and a reference link.
PAGE = """[![Daily Courier](/logo.png)](/)

* [Politics](/politics)
* [Business](/business "Business news")
+ [Sport](https://example.com/sport)

# Council approves the new *tram line*

By [Ana Ruiz](/authors/ana-ruiz) | 4 March 2024

![A tram at the depot](https://example.com/img/tram.jpg)

The council voted **31 to 9** on Tuesday to build the tram line, which will link the station to the
hospital by 2028. The cost, put at \\$410 million, is shared with the region ([report](https://example.com/report.pdf)).

| Stop | Minutes |
|---|---:|
| Station | 0 |

---

> "It is a good day for the city," said the mayor.

Read the [full plan][plan] at the `city_hall` site.

[plan]: https://example.com/plan
"""


def test_links_images_and_marks_become_the_text_a_browser_shows():
    text, changed = markdown_as_text(PAGE)
    lines = text.split("\n")
    assert len(lines) == len(PAGE.split("\n"))  # every line keeps its number
    assert changed == 16
    assert lines[0] == "Daily Courier"  # a linked image: its alt text
    assert lines[2:5] == ["• Politics", "• Business", "• Sport"]
    assert lines[6] == "Council approves the new tram line"
    assert lines[8] == "By Ana Ruiz | 4 March 2024"
    assert lines[10] == "A tram at the depot"
    assert "31 to 9" in lines[12] and "$410 million" in lines[13] and "(report)." in lines[13]
    assert lines[15:18] == ["Stop  Minutes", "", "Station  0"]
    assert lines[19] == ""  # the rule
    assert lines[21] == '"It is a good day for the city," said the mayor.'
    assert lines[23] == "Read the full plan at the city_hall site."
    assert lines[25] == ""  # the reference's definition
    assert "](" not in text and "http" not in text


def test_snake_case_and_arithmetic_keep_their_underscores_and_asterisks():
    text, _ = markdown_as_text(PAGE + "Set max_line_width and min_line_width; 2 * 3 * 4 = 24.\n")
    assert text.split("\n")[-2] == "Set max_line_width and min_line_width; 2 * 3 * 4 = 24."


def test_text_browser_dumps_and_a_page_quoting_some_markdown_are_left_alone():
    w3m = "  • Home\n  • News\n\nCouncil approves tram line\n\nThe council voted on Tuesday.\n"
    assert markdown_as_text(w3m) == (w3m, 0)
    # an article that shows two Markdown links among forty lines of text (a page about Markdown)
    quoting = "\n".join(["Plain prose about writing documentation, line %d." % i for i in range(40)]
                        + ["Write [a link](https://example.com) like this.", "Or [this](/x)."])
    assert not looks_like_markdown(quoting)
    assert markdown_as_text(quoting) == (quoting, 0)


def test_decoding_reads_markdown_only_in_text_dumps_and_only_when_configured():
    raw = PAGE.encode("utf-8")
    decoded = decode_bytes(raw, DecodeConfig())
    assert decoded.repairs["markdown_lines"] == 16 and "](" not in decoded.text
    assert "](" in decode_bytes(raw, DecodeConfig(markdown=False)).text
    assert "markdown_lines" not in decode_bytes(raw, DecodeConfig(), kind="html").repairs


def test_the_seed_dumps_are_not_markdown():
    seeds = sorted((SHARED / "seeds").glob("*"))
    if not seeds:
        pytest.skip("../shared/seeds is not beside the repo")
    for seed in seeds:
        assert "markdown_lines" not in decode_bytes(seed.read_bytes(), DecodeConfig()).repairs, seed.name


def _shingles(text: str) -> set:
    words = re.findall(r"\w+", text.lower())
    return set(zip(words, words[1:], words[2:], words[3:]))


def test_real_pages_saved_as_markdown_are_cleaned_like_their_text_dumps():
    """aeb-dev's first three news pages saved as Markdown by markdownify: cleaned, no link target
    is left and each text is about as close to its reference as the cleaned w3m dump of the page."""
    pytest.importorskip("markdownify")
    from bench.renderings import markdown_dump

    if not (AEB / "ids.txt").exists():
        pytest.skip("../shared/bench is not beside the repo")
    config = PipelineConfig()
    for page_id in (AEB / "ids.txt").read_text().split()[:3]:
        html = gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        markdown = markdown_dump(html)
        assert len(re.findall(r"\]\(", markdown)) >= 10  # the scraper's links, as saved
        gold = _shingles((AEB / "gold" / f"{page_id}.txt").read_text(encoding="utf-8"))
        cleaned = clean_bytes(markdown.encode("utf-8"), page_id, f"{page_id}.md", "text", config).text
        w3m = clean_bytes((AEB / "dumps" / "w3m" / f"{page_id}.txt").read_bytes(), page_id, "w", "text", config).text
        assert "](" not in cleaned and "http" not in cleaned

        def f1(text: str) -> float:
            found = _shingles(text)
            precision, recall = len(found & gold) / len(found), len(found & gold) / len(gold)
            return 2 * precision * recall / (precision + recall)

        assert f1(cleaned) > 0.9 and f1(cleaned) > f1(w3m) - 0.05, page_id


def test_reference_style_links_are_read_too():
    """html2text's other style: ``[text][3]`` in the page, ``[3]: target`` under it."""
    page = ("  * [Home][1]\n  * [World][2]\n\n# Floods close the coast road\n\nThe road stays shut "
            "until Friday, the [agency][3] said.\n\n   [1]: https://example.com/\n   [2]: /world\n"
            "   [3]: https://example.com/agency\n")
    text, changed = markdown_as_text(page)
    assert text.split("\n") == ["  • Home", "  • World", "", "Floods close the coast road", "",
                                "The road stays shut until Friday, the agency said.", "", "", "", "", ""]
    assert changed == 7
    # a page citing sources as [1][2] has no definitions: not Markdown
    cited = "The river rose two metres.[1][2] The town was evacuated.[3]\n" * 5
    assert markdown_as_text(cited) == (cited, 0)


def test_long_link_titles_and_emphasis_inside_strong_text_are_read():
    """A blog's links carry the post's opening lines as their title (hundreds of characters), and
    converters print bold text holding italics as ``**… *…* …**``: both read as the text shown."""
    title = "Sholat malam adalah ibadah yang sangat dianjurkan " * 12
    text, _ = markdown_as_text(f"* [Sholat Malam](http://example.blogspot.com/2014/09/sholat.html \"{title}\")\n"
                               "Call **Amy *Kuperinsky* at the desk** or [write](/contact) to her.\n")
    assert text.split("\n")[:2] == ["• Sholat Malam", "Call Amy Kuperinsky at the desk or write to her."]


def test_hostile_lines_cost_their_length_not_its_square():
    """Lines a regex with a lazy run and a failing test after it would scan once per start: each
    of 200,000 characters. Quadratic, one of them would take minutes; here they take well under
    a second each (the bound is a guard against a hang, not a speed target)."""
    import time

    links = "[a](/x) [b](/y)\n" * 3
    hostile = ["**a " * 50_000, "#" + " " * 200_000 + "x", '[a](x "' * 30_000, "*a _b " * 35_000,
               "`a " * 70_000, "[a" * 100_000, "|" + "-" * 200_000, "**a *" * 40_000, "__a _" * 40_000,
               '[a](x "b ' * 25_000, "[a](x 'b \"" * 20_000]
    for line in hostile:
        started = time.perf_counter()
        text, _ = markdown_as_text(links + line + "\n")
        assert text.count("\n") == 4 and time.perf_counter() - started < 10, line[:20]


def test_links_that_a_converters_wrapping_cut_over_lines_are_read_and_no_line_moves():
    # html2text wraps its Markdown at 78 columns, inside a link's text and its target too
    lines = [
        "* [Home](https://example.org/) * [News](https://example.org/news/)",
        "The mayor [said on",
        "Tuesday](https://example.org/2025/03/11/mayor-says-the-ferry-will-run-every-",
        "fifteen-minutes/) that the ferry would run more often, and [the",
        "board](https://example.org/board) agreed. Its [report](https://example.org/reports/2025/harbour-",
        "ferry-crossings-report.pdf) is online.",
        "[About us](https://example.org/about) | [Contact](https://example.org/contact)",
    ]
    read, changed = markdown_as_text("\n".join(lines))
    out = read.split("\n")
    assert len(out) == len(lines) and changed == len(lines)
    assert "](" not in read and "https" not in read
    assert " ".join(" ".join(out).split()) == ("• Home * News The mayor said on Tuesday that the ferry would run more "
                                              "often, and the board agreed. Its report is online. About us | Contact")
