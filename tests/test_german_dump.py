"""A German news page as a text browser dumps it: the held-out sets include a mostly German one.

The dump (``tests/data/german_news_w3m.txt``, written for this test in the shape of a w3m dump of
a regional news site) has what such pages carry around an article: a menu, a breadcrumb, a
byline and dateline, share buttons, a photo credit, an ad label, "Mehr zum Thema" links, tags,
a comment section, a newsletter box, teasers and an imprint footer. Every rule and the model
must see them in German as they do in English: the stop-word features use the page's own
language, and the fixed formulas have German forms.
"""

from __future__ import annotations

from pathlib import Path

from cleaners.config import PipelineConfig
from cleaners.pipeline import clean_bytes

DUMP = Path(__file__).parent / "data" / "german_news_w3m.txt"

ARTICLE_STARTS = [  # the article's paragraphs, each wrapped over two or three lines
    "Die Stadtwerke wollen ihre Strompreise", "kündigte der Geschäftsführer am Dienstag",
    "gesunkenen Einkaufspreise an der Strombörse", "Für einen Haushalt mit einem Jahresverbrauch",
    "von rund 70 Euro im Jahr.", "neuen Preise gelten automatisch.", "Verbraucherschützer begrüßten",
    "noch deutlich höher als vor der Energiekrise", "wechseln wolle, solle die Angebote",
    "Auch andere Versorger in der Region", "dass sich der Trend im kommenden Jahr",
]
BOILERPLATE_STARTS = [
    "Zum Inhalt springen", "  • Startseite", "  • Politik", "Anmelden | Registrieren",
    "Startseite > Wirtschaft > Energie", "Teilen Twittern Drucken E-Mail", "Foto: dpa/Patrick Pleul",
    "Anzeige", "Mehr zum Thema", "  • Gaspreise:", "Schlagwörter:", "Kommentare (3)",
    "Schreiben Sie einen Kommentar", "Peter M. 12.03.2024", "Endlich mal eine gute Nachricht",
    "Antworten", "Newsletter abonnieren", "Die wichtigsten Nachrichten des Tages", "Das könnte Sie auch interessieren", "Bahnstreik:",
    "Impressum | Datenschutz", "© 2024 Musterverlag",
]


def _cleaned():
    result = clean_bytes(DUMP.read_bytes(), "german_news_w3m", DUMP.name, "text", PipelineConfig())
    doc = result.document
    removed = {r.line_no - 1: r.reason for r in doc.removals}
    return doc, removed


def _lines_starting(doc, start: str) -> list[int]:
    found = [i for i, line in enumerate(doc.lines) if line.startswith(start)]
    assert found, f"the dump has no line starting {start!r}"  # the helper itself can fail
    return found


def test_every_line_of_the_german_article_is_kept():
    doc, removed = _cleaned()
    for start in ARTICLE_STARTS:
        for index in _lines_starting(doc, start):
            assert index not in removed, (start, removed.get(index))


def test_the_german_page_furniture_goes_each_with_a_reason():
    doc, removed = _cleaned()
    for start in BOILERPLATE_STARTS:
        for index in _lines_starting(doc, start):
            assert index in removed, start
    assert removed[_lines_starting(doc, "Startseite > Wirtschaft")[0]] == "breadcrumb"
    assert removed[_lines_starting(doc, "Foto: dpa")[0]] == "caption"
    assert removed[_lines_starting(doc, "© 2024 Musterverlag")[0]] == "copyright_footer"
    assert removed[_lines_starting(doc, "Mehr zum Thema")[0]] == "related_links"


def test_the_german_header_becomes_metadata():
    doc, _ = _cleaned()
    assert doc.metadata["title"] == "Stadtwerke senken die Strompreise zum Jahreswechsel"
    assert doc.metadata["author"] == "Anna Schneider"
    assert doc.metadata["date"] == "2024-03-12"
    assert doc.metadata["language"] == "de"


AGENCY_DUMP = Path(__file__).parent / "data" / "german_agency_w3m.txt"


def test_a_german_agency_story_keeps_its_paragraphs_and_loses_ad_breaks_credits_and_paywall():
    """An agency story (``Berlin (dpa) - …``) with an ad break, a caption label, an agency source
    line, a paywall box and a consent box for embedded content."""
    result = clean_bytes(AGENCY_DUMP.read_bytes(), "german_agency_w3m", AGENCY_DUMP.name, "text", PipelineConfig())
    doc = result.document
    removed = {r.line_no - 1: r.reason for r in doc.removals}
    kept = [line for i, line in enumerate(doc.lines) if line.strip() and i not in removed]
    assert [line[:30] for line in kept] == ["Berlin (dpa) - Der Bundestag h", "Die Opposition kritisierte das",
                                            "Nach Angaben des Ministeriums "]
    reasons = {doc.lines[i].split(":")[0]: reason for i, reason in removed.items()}
    assert reasons["Weiterlesen nach der Anzeige"] == "advertisement"
    assert reasons["Bildunterschrift"] == "caption"
    assert reasons["Quelle"] == "caption"


SPORT_DUMP = Path(__file__).parent / "data" / "german_sport_w3m.txt"


def test_a_german_report_with_a_consent_box_and_a_comment_section():
    """Audio and reading-time buttons, "Ein Artikel von …" as the byline, a photo credit, the
    consent box of an embedded post inside the article, a paywall box, comments with relative
    dates ("vor 2 Stunden") and more links."""
    result = clean_bytes(SPORT_DUMP.read_bytes(), "german_sport_w3m", SPORT_DUMP.name, "text", PipelineConfig())
    doc = result.document
    removed = {r.line_no - 1: r.reason for r in doc.removals}
    kept = [line for i, line in enumerate(doc.lines) if line.strip() and i not in removed]
    assert [line.split()[0] for line in kept] == ["Der", "entschied", "Der", "für", "Für", "das"]
    assert doc.metadata["title"] == "Fußball-Bundesliga: Aufsteiger gewinnt überraschend beim Tabellenführer"
    assert doc.metadata["author"] == "Max Mustermann und Erika Musterfrau"
    assert doc.metadata["date"] == "2024-03-12"
    reasons = {doc.lines[i].strip(): reason for i, reason in removed.items()}
    assert reasons["Externer Inhalt"] == reasons["Inhalt laden"] == "cookie_notice"
    assert reasons["Ein Artikel von Max Mustermann und Erika Musterfrau"] == "byline"


HTML_PAGE = Path(__file__).parent / "data" / "german_news.html"


def test_a_german_html_page_gets_the_same_german_rules_after_extraction():
    """The extractor keeps an ad-break label and a paywall line that sit in the article markup;
    the text steps after it take them out, and the metadata comes from the page's tags."""
    result = clean_bytes(HTML_PAGE.read_bytes(), "german_news", HTML_PAGE.name, "html", PipelineConfig())
    doc = result.document
    removed = {doc.lines[r.line_no - 1]: r.reason for r in doc.removals}
    assert removed["Weiterlesen nach der Anzeige"] == "advertisement"
    assert removed["Jetzt abonnieren und weiterlesen"] == "subscription_prompt"
    kept = [line for i, line in enumerate(doc.lines) if line.strip() and line not in removed]
    assert [line.split()[0] for line in kept] == ["Die", "Für", "Verbraucherschützer"]
    meta = doc.metadata
    assert (meta["author"], meta["date"], meta["publisher"], meta["language"]) == (
        "Anna Schneider", "2024-03-12", "Musterzeitung", "de")


#: A consent dialog of the IAB Transparency & Consent Framework in German, as a consent plugin
#: puts it into the page (here inside the article's markup, where the extractor keeps it).
GERMAN_CONSENT_DIALOG = [
    "Wir respektieren Ihre Privatsphäre",
    "Wir und unsere 212 Partner speichern und/oder greifen auf Informationen auf einem Gerät zu, z. B. auf "
    "eindeutige Kennungen in Cookies, um personenbezogene Daten zu verarbeiten.",
    "Informationen auf einem Gerät speichern und/oder abrufen",
    "Genaue Standortdaten verwenden",
    "Berechtigtes Interesse",
]


def test_a_german_consent_framework_dialog_goes_as_a_cookie_notice():
    html = HTML_PAGE.read_text(encoding="utf-8").replace(
        "</article>", "".join(f"<p>{line}</p>" for line in GERMAN_CONSENT_DIALOG) + "</article>")
    result = clean_bytes(html.encode("utf-8"), "german_news", HTML_PAGE.name, "html", PipelineConfig())
    doc = result.document
    removed = {doc.lines[r.line_no - 1]: r.reason for r in doc.removals}
    assert {line: removed.get(line) for line in GERMAN_CONSENT_DIALOG} == dict.fromkeys(GERMAN_CONSENT_DIALOG,
                                                                                           "cookie_notice")
    kept = [line for line in doc.lines if line.strip() and line not in removed]
    assert [line.split()[0] for line in kept] == ["Die", "Für", "Verbraucherschützer"]
