"""The rest of a wrapped paragraph a rule removed part of goes with it; other lines stay."""

from __future__ import annotations

from dataclasses import replace

from cleaners.config import config_from_dict
from cleaners.document import Document, Verdict, apply_verdict
from cleaners.pipeline import clean_bytes
from cleaners.remainders import find_wrapped_remainders
from wrapping import wrap

#: The dumps here are wrapped at 90 columns to keep their texts short. The pipeline reads a dump
#: that narrow through its reflowed view (``cleaners/reflow.py``), which joins the very paragraphs
#: this step is for, so these tests read them as printed, as the pipeline reads a 200-column dump
#: (whose longer paragraphs wrap the same way); ``tests/test_reflow.py`` runs one through the view.
CFG = config_from_dict({"decode": {"reflow_narrower_than": 0}})
WIDTH = 90


def _wrap(text: str) -> list[str]:
    """``text`` cut into lines of at most ``WIDTH`` columns, as w3m wraps a paragraph."""
    return wrap(text, WIDTH)


ARTICLE = _wrap(
    "The council approved the new cycle lanes on Tuesday after a debate that lasted most of the evening, "
    "and work on the first section along the river is due to start in the spring of next year.")
FINE_PRINT = _wrap(
    "By submitting this form, you authorize the University and its representatives to contact you via SMS. "
    "You are providing your consent by submitting the form. Message and data rates may apply.")
MENU = ["Home", "News", "Contact"]


def _doc(lines: list[str], removed: dict[int, tuple[str, str]]) -> Document:
    """A page whose lines ``removed`` (index -> (step, reason)) an earlier step took."""
    doc = Document.from_text("page", "page.txt", "\n".join(lines))
    for index, (step, reason) in removed.items():
        apply_verdict(doc, step, Verdict(removals={index: reason}))
    return doc


def test_the_wrapped_end_of_a_removed_sentence_goes_with_its_reason():
    lines = ARTICLE + [""] + FINE_PRINT + [""] + ARTICLE
    first = len(ARTICLE) + 1
    assert len(FINE_PRINT) == 3 and all(len(line) > WIDTH * 0.85 for line in FINE_PRINT[:2])
    doc = _doc(lines, {first: ("appeals", "form_consent")})
    verdict = find_wrapped_remainders(doc, CFG)
    assert verdict.removals == {first + 1: "form_consent", first + 2: "form_consent"}
    off = replace(CFG, remainders=replace(CFG.remainders, enabled=False))
    assert find_wrapped_remainders(doc, off).removals == {}


def test_the_wrapped_start_of_a_removed_sentence_goes_too():
    """A caption whose credit a rule found on its last line goes from its first line."""
    lines = ARTICLE + [""] + FINE_PRINT + [""] + ARTICLE
    first, last = len(ARTICLE) + 1, len(ARTICLE) + len(FINE_PRINT)
    verdict = find_wrapped_remainders(_doc(lines, {last: ("captions", "caption")}), CFG)
    assert verdict.removals == {first: "caption", first + 1: "caption"}


def test_a_sentence_end_or_a_blank_line_ends_the_paragraph():
    # the article's last line ends its sentence: the notice printed under it is another paragraph
    lines = ARTICLE + FINE_PRINT + [""] + ARTICLE
    first = len(ARTICLE)
    verdict = find_wrapped_remainders(_doc(lines, {first: ("appeals", "form_consent")}), CFG)
    assert verdict.removals == {first + 1: "form_consent", first + 2: "form_consent"}
    # a short removed line ("Accept all cookies") is no wrapped line: the article under it stays
    lines = ["Accept all cookies"] + ARTICLE
    assert find_wrapped_remainders(_doc(lines, {0: ("appeals", "cookie_notice")}), CFG).removals == {}


def test_menu_words_and_the_classifier_removals_are_not_followed():
    """A menu word on a line says nothing of the paragraph around it, and the classifier
    judged a line with its block already."""
    lines = ARTICLE + MENU
    assert find_wrapped_remainders(_doc(lines, {0: ("boilerplate", "nav_menu")}), CFG).removals == {}
    assert find_wrapped_remainders(_doc(lines, {0: ("line_classifier", "low_content_score")}), CFG).removals == {}


def test_a_german_embed_notice_goes_whole_through_the_pipeline():
    """The consent box shown in place of an embedded video, wrapped over three lines as a German
    news site's dump prints it: its formula is on the first two lines, "Datenschutzerklärung."
    alone on the third would be left."""
    notice = _wrap("Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden. Damit können "
                   "personenbezogene Daten an Drittplattformen übermittelt werden. Mehr dazu in unserer "
                   "Datenschutzerklärung.")
    article = _wrap(
        "Die Stadtwerke haben am Donnerstag ihre Pläne für einen der größten Batteriespeicher in "
        "Süddeutschland vorgestellt. Auf dem Gelände des ehemaligen Kohlekraftwerks sollen bis 2028 "
        "Speichermodule mit einer Leistung von 200 Megawatt entstehen, die Strom aus Wind- und "
        "Solaranlagen für mehrere Stunden aufnehmen können.")
    more = _wrap(
        "Kritik kommt von der Opposition im Stadtrat. Die Fraktion hält die Kosten für zu hoch und "
        "fordert eine unabhängige Prüfung, bevor der Stadtrat im Januar über den Bau entscheidet.")
    lines = article + [""] + ["Externer Inhalt", ""] + notice + [""] + more
    result = clean_bytes("\n".join(lines).encode(), "embed", "embed.txt", "text", CFG)
    removed = {r.text: (r.reason, r.step) for r in result.document.removals}
    assert notice[-1] == "Datenschutzerklärung."
    assert removed[notice[0]][0] == removed[notice[1]][0] == "cookie_notice"
    assert removed[notice[-1]] == ("cookie_notice", "wrapped_remainders")
    assert "Batteriespeicher" in result.text and "Opposition im Stadtrat" in result.text
    assert "Datenschutzerklärung" not in result.text


def test_lines_that_are_whole_paragraphs_are_never_followed():
    """An HTML extractor's lines, or a naive scrape's, are whole paragraphs: a paragraph as long
    as the page's longest line is no wrapped line, even right above a removed caption."""
    article = " ".join(ARTICLE * 40)  # one long line, ending in no full stop
    lines = [article + " Home", "The rocket on its pad before launch (credit: NASA)", "", ARTICLE[0]]
    for kind in ("text", "html"):
        doc = Document.from_text("page", "page.txt", "\n".join(lines), kind=kind)
        apply_verdict(doc, "captions", Verdict(removals={1: "caption"}))
        assert find_wrapped_remainders(doc, CFG).removals == {}, kind
    # a wrapped dump's page of HTML text is not read either
    doc = Document.from_text("page", "page.html", "\n".join(ARTICLE + [""] + FINE_PRINT), kind="html")
    apply_verdict(doc, "appeals", Verdict(removals={len(ARTICLE) + 1: "form_consent"}))
    assert find_wrapped_remainders(doc, CFG).removals == {}


def test_an_affiliate_disclosure_wrapped_over_lines_goes_whole_in_the_pipeline():
    """The rule reads the disclosure's first sentence; the wrapped rest of its paragraph follows."""
    disclosure = _wrap("This post may contain affiliate links, which means that when you click one of them and "
                       "make a purchase we may earn a small commission at no additional cost to you, which helps "
                       "keep this site running.")
    assert len(disclosure) >= 2
    lines = ARTICLE + [""] + disclosure + [""] + ARTICLE + [""] + ARTICLE
    result = clean_bytes("\n".join(lines).encode("utf-8"), "page", "page.txt", "text", CFG)
    removed = {r.text: r.reason for r in result.document.removals}
    assert all(removed.get(line) == "affiliate_disclosure" for line in disclosure), removed
    assert "commission" not in result.text and "cycle lanes" in result.text


def test_a_caption_printed_twice_goes_whole_both_times_in_the_pipeline():
    """A related video's thumbnail prints its caption twice (alternative text and title), each
    wrapped with the agency's credit on its last line: the first copy's credit is a ``caption``,
    the second's a ``caption_duplicate``, and each copy's wrapped head goes with its credit."""
    caption = _wrap("US and Chinese flags are seen as the Secretary of State and the Foreign Minister meet at the "
                    "Department of State on May 23, 2018 in Washington, DC. (Photo by Jane Doe / AFP) "
                    "(Photo credit should read JANE DOE/AFP/Getty Images)")
    assert len(caption) >= 2 and not caption[-1].endswith(".")
    more = _wrap("Residents who live along the route said they had waited years for safer crossings, and the "
                 "council said it would publish the full timetable for the works before the end of the month.")
    after = [_wrap(text) for text in (
        "Shop owners on the high street were more divided, and several of them told the meeting that the loss "
        "of parking spaces outside their doors would cost them customers during the months of building work.",
        "The first section will run from the station to the bridge, and the council expects the whole network "
        "of lanes to be finished within three years if the funding from the regional transport fund arrives.",
        "A public exhibition of the plans will open at the library next week, where residents can see the "
        "drawings of each junction and leave their comments for the engineers who are designing the scheme.")]
    lines = ARTICLE + [""] + more + [""] + caption + caption + [""] + after[0] + [""] + after[1] + [""] + after[2]
    result = clean_bytes("\n".join(lines).encode("utf-8"), "page", "page.txt", "text", CFG)
    first = len(ARTICLE) + len(more) + 2
    reasons = {r.line_no - 1: r.reason for r in result.document.removals}
    assert [reasons.get(i) for i in range(first, first + len(caption))] == ["caption"] * len(caption)
    second = first + len(caption)
    assert [reasons.get(i) for i in range(second, second + len(caption))] == ["caption_duplicate"] * len(caption)
    assert "Chinese flags" not in result.text and "cycle lanes" in result.text
    # the credited lines are kept once each in ``captions``
    assert result.document.captions and all(c in caption for c in result.document.captions)
    assert len(set(result.document.captions)) == len(result.document.captions)


def test_a_duplicate_captions_credit_is_followed_up_like_a_captions():
    lines = ARTICLE + [""] + FINE_PRINT + [""] + ARTICLE
    first, last = len(ARTICLE) + 1, len(ARTICLE) + len(FINE_PRINT)
    verdict = find_wrapped_remainders(_doc(lines, {last: ("captions", "caption_duplicate")}), CFG)
    assert verdict.removals == {first: "caption_duplicate", first + 1: "caption_duplicate"}
