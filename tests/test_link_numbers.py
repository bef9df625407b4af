"""lynx's numbered links (``lynx -dump`` without ``-nolist``, its default) read as the page's text.

``tests/data/harbour_page.html`` is a news page written for these tests; ``harbour_page_lynx.txt``
is ``lynx -dump`` of it with lynx's defaults (Lynx 2.9.0dev.12: 80 columns, links numbered in the
text and listed under "References"), and ``harbour_page_w3m_80.txt`` is ``w3m -dump`` of it
(w3m 0.5.3: 80 columns, no numbers).
"""

from __future__ import annotations

from pathlib import Path

from cleaners.config import PipelineConfig, config_from_dict
from cleaners.document import Document
from cleaners.link_numbers import find_link_references, link_list_start, link_numbers_as_text
from cleaners.pipeline import clean_bytes

DATA = Path(__file__).parent / "data"
LYNX = DATA / "harbour_page_lynx.txt"
W3M = DATA / "harbour_page_w3m_80.txt"
CFG = PipelineConfig()
OFF = config_from_dict({"decode": {"link_numbers": False}})
LIST = ["", "References", "", "   Visible links:", "   1. https://example.org/a", "   2. file:///news/",
        "  10. mailto:desk@example.org", "", "   Hidden links:", "  11. https://example.org/b"]


def test_the_numbers_go_from_the_text_above_the_list_and_no_line_moves():
    body = ["   * [1]Home", "   Trump [2]tweeted before the vote, [10]he said.", "   See the notes [11][3] below."]
    text = "\n".join(body + LIST)
    read, changed = link_numbers_as_text(text)
    assert read.split("\n")[:3] == ["   * Home", "   Trump tweeted before the vote, he said.",
                                    "   See the notes [3] below."]  # "[3]" is the link's own text
    assert changed == 3 and len(read.split("\n")) == len(text.split("\n"))
    assert read.split("\n")[3:] == LIST  # the list itself is the link_references step's


def test_a_text_without_such_a_list_or_whose_numbers_are_no_links_stays_as_it_is():
    cited = "Sea levels rose by 3 mm a year [1], faster than before [2]."
    assert link_numbers_as_text(cited) == (cited, 0)
    citations = "\n".join([cited, "", "References", "", "   1. Smith, J. (2020). Sea levels.", "   2. Ng, K. (2021)."])
    assert link_numbers_as_text(citations) == (citations, 0)  # a page's own references: no addresses
    backwards = "\n".join(["See [2]this and [1]that, then [2]this again and [1]that."] + LIST)
    assert link_numbers_as_text(backwards) == (backwards, 0)  # lynx numbers links in page order


def test_the_step_removes_the_list_and_leaves_a_pages_own_references():
    doc = Document.from_text("d", "d.txt", "\n".join(["Some article text."] + LIST))
    removed = find_link_references(doc, CFG).removals
    assert set(removed) == {i for i, line in enumerate(doc.lines) if i >= 2 and line.strip()}
    assert set(removed.values()) == {"link_references"}
    own = Document.from_text("d", "d.txt", "Text.\n\nReferences\n\n   1. Smith, J. (2020).\n   2. Ng, K. (2021).")
    assert link_list_start(own.lines) is None and find_link_references(own, CFG).removals == {}


def test_a_lynx_dump_with_its_link_list_cleans_to_the_text_w3m_gives_of_the_page():
    lynx = clean_bytes(LYNX.read_bytes(), "harbour", LYNX.name, "text", CFG)
    w3m = clean_bytes(W3M.read_bytes(), "harbour", W3M.name, "text", CFG)
    assert "[" not in lynx.text and "file:///" not in lynx.text and "example.org" not in lynx.text
    assert lynx.text.split() == w3m.text.split()
    assert lynx.text.startswith("The harbour ferry will run twice as many crossings")
    assert lynx.document.metadata["title"] == w3m.document.metadata["title"]
    assert lynx.document.metadata["author"] == "Ines Moreau"
    assert lynx.document.repairs["link_number_lines"] == 17
    printed = LYNX.read_text(encoding="utf-8").split("\n")
    listed = [r for r in lynx.document.removals if r.reason == "link_references"]
    assert len(listed) == 1 + 20 and listed[0].text == "References"
    assert all(printed[r.line_no - 1].strip() == r.text.strip() for r in listed)


def test_read_as_printed_the_numbers_stay_in_the_text():
    lynx = clean_bytes(LYNX.read_bytes(), "harbour", LYNX.name, "text", OFF)
    assert "[10]regional transport board" in lynx.text


def test_an_elinks_list_with_titled_entries_and_unlisted_form_fields_is_read_too():
    # elinks prints a titled link's title on the entry's line and the address under it, numbers
    # a form's fields in the text without listing them, and heads its groups without a colon
    body = ["   [1]Home [2]News [3]Sport [4]Weather", "   Search: [5]____________ [6][ Go ]",
            "   The council met on Tuesday, [7]the minutes say, and [8]the mayor spoke of [9]the budget",
            "   and [10]the vote."]
    listed = ["", "References", "", "   Visible links"] + [f"   {n}. https://example.org/{n}" for n in (1, 2, 3, 4)] \
        + ["   7. Minutes of the meeting", "\thttps://example.org/minutes"] \
        + [f"   {n}. https://example.org/{n}" for n in (8, 9, 10)]
    read, changed = link_numbers_as_text("\n".join(body + listed))
    assert read.split("\n")[:4] == ["   Home News Sport Weather", "   Search: ____________ [ Go ]",
                                    "   The council met on Tuesday, the minutes say, and the mayor spoke of the budget",
                                    "   and the vote."]
    assert changed == 4
    doc = Document.from_text("d", "d.txt", read)
    assert set(find_link_references(doc, CFG).removals) == {i for i in range(5, len(doc.lines)) if doc.lines[i].strip()}


def test_a_lynx_dump_listing_long_addresses_is_measured_by_its_page_and_its_lines_as_printed():
    """Real pages list addresses far longer than lynx's 80 columns: the page's width is measured
    above the list, and each line as printed, with the numbers taken out of it counted, so the
    dump is read as wrapped at 80 columns (the view, its paragraphs) as w3m's dump of the page is."""
    from cleaners.reflow import reflowed
    from cleaners.pipeline import prepare_document

    printed = LYNX.read_text(encoding="utf-8")
    long_addresses = printed.replace("file:///", "https://www.example-harbour-news.org/" + "2025/03/14/" * 15)
    assert max(map(len, long_addresses.split("\n"))) > 160
    doc, _ = prepare_document(long_addresses.encode("utf-8"), "harbour", LYNX.name, "text", CFG)
    assert doc.printed_extra[doc.lines.index(next(l for l in doc.lines if "regional transport board" in l))] == 4
    assert reflowed(doc, CFG.decode.reflow_narrower_than) is not None
    lynx = clean_bytes(long_addresses.encode("utf-8"), "harbour", LYNX.name, "text", CFG)
    w3m = clean_bytes(W3M.read_bytes(), "harbour", W3M.name, "text", CFG)
    assert lynx.text == w3m.text  # the same paragraphs, line for line
