"""Navigation and boilerplate lines, each class with its own reason code."""

from __future__ import annotations

import pytest

from cleaners.boilerplate import find_boilerplate
from cleaners.config import BoilerplateConfig, PipelineConfig
from cleaners.document import Document, Verdict

CONFIG = PipelineConfig()
ARTICLE = [
    "Chinese farmers have become their own sales agents with the help of smartphones, selling their products to customers.",
    "Statistics from the Ministry of Commerce showed online retail sales in rural areas reached 777.1 billion yuan this year.",
    "Medium and small cities and remote areas will become another arena of e-commerce, as companies move their offices.",
    "In 2019, the country issued a document on furthering rural e-commerce pilot projects to help the flow of products.",
]


def run(lines: list[str], config: PipelineConfig = CONFIG) -> Verdict:
    return find_boilerplate(Document.from_text("t", "test", "\n".join(lines)), config)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Search", "login_prompt"),
        ("Login", "login_prompt"),
        ("Sign in | Register", "login_prompt"),
        ("Anmelden", "login_prompt"),
        ("Archive", "nav_menu"),
        ("Home | News | Sport | Business | Contact", "nav_menu"),
        ("  •  ", "nav_menu"),
        ("Home > News > Rural E-Commerce Accelerates Layout", "breadcrumb"),
        ("Home / Business / Technology", "breadcrumb"),
        ("Startseite > Wirtschaft > Handel", "breadcrumb"),
        ("Share", "share_buttons"),
        ("Share - WeChat", "share_buttons"),
        ("Tweet", "share_buttons"),
        ("Facebook Twitter Email", "share_buttons"),
        ("Apple News Facebook Twitter 新浪微博 Instagram YouTube Wednesday, Mar 15, 2023", "share_buttons"),
        ("FOLLOW US", "share_buttons"),
        ("English", "language_switcher"),
        ("中文", "language_switcher"),
        ("Global EditionASIA 中文雙語Français", "language_switcher"),
        ("English>>", "language_switcher"),
        ("Top", "back_to_top"),
        ("BACK TO THE TOP", "back_to_top"),
        ("Nach oben", "back_to_top"),
        ("Your email address will not be published. Required fields are marked *", "comment_prompt"),
        ("Kommentare", "comment_prompt"),
        ("Most Read", "related_links"),
        ("We Recommend", "related_links"),
        ("prev next", "related_links"),
        ("Das könnte Sie auch interessieren", "related_links"),
        ("#trend #Rural #ecommerce #developing #rapidly #China", "hashtags"),
        ("Copyright 1995 - . All rights reserved. The content published in this site belongs to China Daily.", "copyright_footer"),
        ("© 2023 Example Media GmbH", "copyright_footer"),
        ("Alle Rechte vorbehalten.", "copyright_footer"),
        ("License for publishing multimedia online 0108263", "copyright_footer"),
        ("Registration Number: 130349", "copyright_footer"),
        ("15800986186", "contact_info"),
        ("Working hours:09:00 - 17:00", "contact_info"),
        ("Tel: +49 30 1234567", "contact_info"),
        ("(Web editor: Hongyu, Bianji)", "editor_credit"),
        ("(For the latest China news, Please follow People's Daily on Twitter and Facebook)", "editor_credit"),
        ("Advertisement", "advertisement"),
        ("Anzeige", "advertisement"),
        ("Weiterlesen nach der Anzeige", "advertisement"),
        ("Teilen Twittern Drucken E-Mail", "share_buttons"),
        ("Partager Tweeter Imprimer", "share_buttons"),
        ("La suite après cette publicité", "advertisement"),
        ("Continue reading the main story", "continue_reading"),
        ("Mehr lesen", "continue_reading"),
        ("Ganzen Artikel lesen", "continue_reading"),
        ("Seguir leyendo", "continue_reading"),
        ("READ MORE: China plague outbreak confirmed: Two diagnosed with disease in Beijing", "read_also_link"),
        ("Lesen Sie auch: Warum die Bahn schon wieder zu spät kommt", "read_also_link"),
        ("(Related reading: the democratization of data.)", "read_also_link"),
    ],
)
def test_boilerplate_line_is_removed_with_its_reason(line: str, reason: str) -> None:
    verdict = run(ARTICLE + [line])
    assert verdict.removals == {4: reason}


@pytest.mark.parametrize(("line", "reason"), [("Search", "login_prompt"), ("Share - WeChat", "share_buttons"),
                                              ("Advertisement", "advertisement"), ("Most Read", "related_links")])
def test_boilerplate_line_inside_the_body_is_removed(line: str, reason: str) -> None:
    assert run([ARTICLE[0], line, ARTICLE[1]]).removals == {1: reason}


def test_a_language_name_inside_the_body_is_kept() -> None:
    assert run([ARTICLE[0], "English", ARTICLE[1]]).removals == {}


@pytest.mark.parametrize(
    "line",
    [
        "Share prices rose 3 percent on Tuesday after the company reported higher profits.",
        "Top officials from both countries met in Beijing to discuss trade.",
        "Search and rescue teams were sent to the village after the flood.",
        "The English version of the report will be published next week, officials said.",
        "Please follow the instructions printed on the package before use.",
        "Call 911 if you see smoke.",
        "The home was sold for 1.2 million dollars / about 8 million yuan.",
        "The price rose from 09:00 to 17:00 by 3 percent.",
        "Related reading is often recommended by teachers in rural schools, she said.",
        "Wer mehr lesen will, findet das Buch in jeder Stadtbibliothek.",
        "Wang Jing returned from Shenzhen",
        "Business leaders welcomed the plan.",
        "Next: the minister will answer questions from the committee on Friday.",
        "Read more: the full report runs to 300 pages, and its authors say the budget for schools, "
        "roads and hospitals will have to grow every year until the end of the decade at least.",
    ],
)
def test_article_line_is_kept(line: str) -> None:
    assert run([ARTICLE[0], line, ARTICLE[1]]).removals == {}


def test_related_heading_takes_its_link_list() -> None:
    lines = ARTICLE + ["Related articles", "  • Rural sales grow in Shandong", "  • New logistics centres open"]
    verdict = run(lines)
    assert verdict.removals == {4: "related_links", 5: "related_links", 6: "related_links"}


def test_a_read_also_link_inside_the_body_takes_no_list_with_it() -> None:
    """Unlike a related heading, "Read more: <headline>" is one line: the short line after it
    (the article's last line, a reporter's credit) stays."""
    lines = ARTICLE + ["Read more: Rural sales grow in Shandong", "Wang Jing reported from Jinan"]
    assert run(lines).removals == {4: "read_also_link"}
    assert run(ARTICLE + ["Read more", "Wang Jing reported from Jinan"]).removals == {4: "related_links",
                                                                                    5: "related_links"}


def test_comment_section_cuts_the_rest_after_the_article() -> None:
    comments = ["3 Comments", "John says:", "I fully agree with this article, rural e-commerce has changed my village a lot.", "Reply"]
    verdict = run(ARTICLE + comments)
    assert verdict.removals == {4: "comment_prompt", 5: "comment_section", 6: "comment_section", 7: "comment_prompt"}


def test_a_german_wordpress_comment_section_is_cut_too() -> None:
    comments = ["Schreibe einen Kommentar", "Anna sagt:", "Ein sehr guter Artikel, genau so habe ich es in meinem Dorf auch erlebt.",
                "Antworten"]
    verdict = run(ARTICLE + comments)
    assert verdict.removals == {4: "comment_prompt", 5: "comment_section", 6: "comment_section", 7: "comment_section"}


def test_comment_boundary_before_the_article_body_cuts_nothing() -> None:
    verdict = run(["Add your comment"] + ARTICLE)
    assert verdict.removals == {0: "comment_prompt"}


def test_comment_section_can_be_turned_off() -> None:
    config = PipelineConfig(boilerplate=BoilerplateConfig(min_words_before_comment_section=None))
    verdict = run(ARTICLE + ["Leave a Reply", "Great article, thanks for writing it, I learned a lot today."], config)
    assert verdict.removals == {4: "comment_prompt"}


def test_repeated_menu_line_in_the_footer() -> None:
    verdict = run(["Rural life section"] + ARTICLE + ["Rural life section"])
    assert verdict.removals == {5: "repeated_line"}


def test_repeats_inside_the_article_body_are_kept() -> None:
    lines = [ARTICLE[0], "Available from Amazon", ARTICLE[1], "Available from Amazon", ARTICLE[2]]
    assert run(lines).removals == {}


GERMAN_PAGE = """Startseite > Politik > Deutschland
Anmelden
Suche
Neue Regeln für den Onlinehandel beschlossen
Von Anna Schmidt | Stand: 12.03.2023, 14:05 Uhr
Teilen
Drucken
Die Bundesregierung hat am Mittwoch neue Regeln für den Onlinehandel beschlossen, die ab Juli gelten sollen.
Händler müssen künftig deutlicher über Rücksendekosten informieren, sagte die Ministerin in Berlin.
Foto: dpa
Anzeige
Verbraucherschützer begrüßten die Pläne, forderten aber schärfere Kontrollen bei ausländischen Plattformen.
Mehr zum Thema
Kommentare (3)
Ihre E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.
Nach oben
Impressum | Datenschutz | Kontakt | AGB
© 2023 Beispiel Verlag GmbH. Alle Rechte vorbehalten."""


def test_german_page_through_the_rule_steps() -> None:
    from cleaners import captions, metadata, spam
    from cleaners.document import apply_verdict

    doc = Document.from_text("de", "test", GERMAN_PAGE)
    for name, step in [("spam_block", spam.find_spam_block), ("page_header", metadata.extract_page_header),
                       ("captions", captions.find_captions), ("boilerplate", find_boilerplate)]:
        apply_verdict(doc, name, step(doc, CONFIG))
    kept = [doc.lines[i] for i in doc.kept_content_indices()]
    assert kept == [doc.lines[7], doc.lines[8], doc.lines[11]]
    reasons = {r.line_no: r.reason for r in doc.removals}
    assert reasons == {1: "breadcrumb", 2: "login_prompt", 3: "login_prompt", 4: "title", 5: "byline",
                       6: "share_buttons", 7: "share_buttons", 10: "caption", 11: "advertisement",
                       13: "related_links", 14: "comment_prompt", 15: "comment_prompt", 16: "back_to_top",
                       17: "nav_menu", 18: "copyright_footer"}
    assert (doc.metadata["date"], doc.metadata["author"]) == ("2023-03-12", "Anna Schmidt")
    assert doc.captions == ["Foto: dpa"]


def test_case_trap_test_matches_the_regex():
    """``has_case_trap`` finds exactly the characters ``_CASE_TRAPS`` matches."""
    from cleaners.patterns import _CASE_TRAPS, has_case_trap

    for code in list(range(0x80, 0x3000)) + [0x212A, 0xFF21]:
        text = "abc" + chr(code)
        assert has_case_trap(text) == (_CASE_TRAPS.search(text) is not None), hex(code)
    assert has_case_trap("Kelvin \u212a") and not has_case_trap("plain ascii")


def test_first_character_tests_cover_the_regexes():
    """Each first-character test lets through every character its regex can start a match with."""
    import re

    from cleaners import boilerplate
    from cleaners.patterns import COMMENT_COUNT

    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    for literals, allowed in (
        ("©(c&", boilerplate._COPYRIGHT_START_FIRST),  # _COPYRIGHT_START's alternatives
        ("wb", boilerplate._WELCOME_FIRST),  # _WELCOME's
        ("noc", boilerplate._COMMENT_COUNT_FIRST),  # COMMENT_COUNT's letters (and digits)
        ("kc", boilerplate._COMMENT_COUNT_FIRST),
    ):
        starts = set(re.compile("|".join(map(re.escape, literals)), re.I).findall(every))
        assert starts <= set(allowed), (literals, starts - set(allowed))
    assert COMMENT_COUNT.pattern.startswith(r"^(\d+|no|one)")
    first = {name[0] for name in boilerplate.LANGUAGE_NAMES + boilerplate.LANGUAGE_CODES + ["F", "E", "P"]}
    starts = set(re.compile("|".join(map(re.escape, first)), re.I).findall(every))
    assert all(char in boilerplate._LANGUAGE_FIRST_CHARS or char >= boilerplate._PAST_PLANE for char in starts)
