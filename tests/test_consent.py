"""A consent manager's dialog printed whole, removed as a region before the classifier."""

from __future__ import annotations

import dataclasses

from cleaners.appeals import appeal_reason
from cleaners.config import PipelineConfig
from cleaners.consent import CHECKBOX, CONTROL, FORMULA, PROSE, dialog_regions, find_consent_dialogs, line_mark
from cleaners.document import Document
from cleaners.patterns import norm
from cleaners.pipeline import clean_bytes, prepare_document

CONFIG = PipelineConfig()
THREAD = [
    "New 2500X case: what are these two ports for?",
    "",
    "Posted March 19, 2024",
    "",
    "Does anyone know what the two connectors are for? The manual says nothing about them, but they look",
    "intentional. One is on the outside below the power supply, the other on the bottom panel.",
    "",
    "Reply",
    "",
    "I have heard they are for an external hub. Not sure about the one on the bottom with the fans.",
]
#: A preference center as a text browser prints it: no blank line anywhere, a paragraph per category.
PREFERENCE_CENTER = [
    "We use cookies and pixel tracking to optimize your experience and evaluate our website's performance. Your site usage is",
    "tracked until you adjust your settings. Learn more in our Privacy Policy.",
    "Accept All Cookies Reject All",
    "Manage Cookie & Tracking Settings",
    "Privacy Preference Center",
    "When you visit any website, it may store or retrieve information on your browser, mostly in the form of cookies. This",
    "information might be about you, your preferences or your device and is mostly used to make the site work as you expect.",
    "Allow All",
    "Manage Consent Preferences",
    "Strictly Necessary Cookies",
    "Always Active",
    "These technologies are necessary for the website to function and cannot be disabled in our systems.",
    "Analytics Cookies",
    "[ ] Analytics Cookies",
    "These technologies help us understand how our site is used or performs, how visitors move around the site and which",
    "pages they visit most often, so that we can keep improving it.",
    "Functional Cookies",
    "[ ] Functional Cookies",
    "These technologies enable our site to provide enhanced functionality and personalisation, such as remembering the",
    "region you chose or the fonts you prefer.",
    "Cookie List",
    "Confirm My Choices",
]
#: A Transparency & Consent Framework dialog's purposes, each with its placeholder toggle.
FRAMEWORK_PURPOSES = [
    "We Care About Your Privacy",
    "",
    "We and our 644 partners store and access personal data, like browsing data or unique identifiers, on your device.",
    "",
    "I Accept Reject All Show Purposes",
    "",
    "  • Use limited data to select advertising 491 partners can use this purpose",
    "",
    "    [ ] Switch Label",
    "",
    "    Advertising presented to you on this service can be based on limited data, such as the website or app you are",
    "    using, your non-precise location, your device type or which content you are interacting with.",
    "",
    "    View Illustrations",
    "",
    "    Object to Legitimate Interests Remove Objection",
    "",
    "  • Create profiles for personalised advertising 398 partners can use this purpose",
    "",
    "    [ ] Switch Label",
    "",
    "    Information about your activity on this service (such as forms you submit, content you look at) can be stored",
    "    and combined with other information about you. This is then used to build or improve a profile about you.",
    "    It can also be used later on, to present advertising that appears more relevant to your possible interests.",
    "",
    "    View Illustrations",
    "",
    "Confirm My Choices",
]
#: A cookie policy: the same categories in the same words, but no button or toggle.
COOKIE_POLICY = [
    "Cookie Policy",
    "",
    "This policy explains what cookies are and how we use them on this website.",
    "",
    "Strictly Necessary Cookies",
    "",
    "These cookies are necessary for the website to function and cannot be switched off in our systems. They are set in",
    "response to your actions, such as setting your privacy preferences, logging in or filling in forms.",
    "",
    "Performance Cookies",
    "",
    "These cookies allow us to count visits and traffic sources so we can measure and improve the performance of our site.",
    "",
    "Targeting Cookies",
    "",
    "These cookies may be set through our site by our advertising partners to build a profile of your interests.",
    "",
    "You can change your cookie settings at any time from the link at the bottom of every page.",
]


def doc_of(lines: list[str], kind: str = "text") -> Document:
    return Document.from_text("d", "d.txt", "\n".join(lines), kind=kind)


def removed(lines: list[str], config: PipelineConfig = CONFIG, kind: str = "text") -> dict[int, str]:
    return find_consent_dialogs(doc_of(lines, kind), config).removals


def test_a_preference_center_printed_without_blank_lines_goes_whole_and_the_thread_stays():
    lines = THREAD + ["", "Contact Us", "Powered by Invision Community", ""] + PREFERENCE_CENTER + ["", "© 2024 Example"]
    start = len(THREAD) + 4
    got = removed(lines)
    assert got == {i: "cookie_notice" for i in range(start, start + len(PREFERENCE_CENTER))}
    # the category paragraphs without a cookie word go with the dialog they sit in
    assert lines[start + 14].startswith("These technologies help us understand") and start + 14 in got


def test_a_consent_framework_dialog_goes_with_its_purposes_descriptions_and_placeholders():
    lines = THREAD + [""] + FRAMEWORK_PURPOSES
    got = removed(lines)
    start = len(THREAD) + 1
    assert set(got) == {start + i for i, line in enumerate(FRAMEWORK_PURPOSES) if line.strip()}
    assert not any(i < start for i in got)


def test_a_german_consent_plugin_dialog_goes_with_its_toggles_and_buttons():
    """A German site's consent plugin: its toggles' labels and its buttons in German."""
    dialog = [
        "Datenschutzeinstellungen",
        "",
        "Wir nutzen Cookies auf unserer Website. Einige von ihnen sind essenziell, während andere uns helfen, diese",
        "Website und Ihre Erfahrung zu verbessern.",
        "",
        "[ ] Essenziell",
        "[ ] Statistiken",
        "[ ] Externe Medien",
        "",
        "Alle akzeptieren",
        "",
        "Auswahl speichern",
        "",
        "Individuelle Datenschutzeinstellungen",
        "",
        "Statistik-Cookies erfassen Informationen anonym. Diese Informationen helfen uns zu verstehen, wie unsere",
        "Besucher unsere Website nutzen.",
        "",
        "Nur essenzielle Cookies akzeptieren",
    ]
    article = ["Die Stadt plant eine neue Brücke über den Fluss. Der Bau soll im Frühjahr beginnen und zwei Jahre",
               "dauern, sagte die Bürgermeisterin am Dienstag.", ""]
    got = removed(article + dialog)
    assert set(got) == {len(article) + i for i, line in enumerate(dialog) if line.strip()}
    assert line_mark("[ ] Externe Medien") == CONTROL and line_mark("Auswahl speichern") == CONTROL


def test_a_cookie_policy_without_buttons_or_toggles_keeps_its_text():
    assert removed(COOKIE_POLICY) == {}
    assert removed(THREAD + [""] + COOKIE_POLICY) == {}


def test_a_banner_of_a_sentence_and_a_button_is_left_to_the_appeals_step():
    lines = THREAD + ["", "This website uses cookies to improve your experience.", "", "Accept", ""]
    assert removed(lines) == {}
    doc = doc_of(lines)
    assert appeal_reason(doc.lines[len(THREAD) + 1]) == "cookie_notice"


def test_a_form_with_checkboxes_and_a_consent_box_is_no_dialog():
    lines = ["Ask a question", "", "Name", "[                    ]", "E-mail", "[                    ]",
             "[ ] I consent to being contacted by e-mail in order to answer my question.", "[Send]", "",
             "Ingredients", "[ ] 2 cups flour", "[ ] 1 cup sugar", "[ ] 3 eggs"]
    assert removed(lines) == {}


def test_lines_are_marked_by_what_they_are_to_a_dialog():
    assert line_mark("Accept All CookiesReject All Cookies") == CONTROL
    assert line_mark("[ ] Targeting Cookies") == CONTROL
    assert line_mark("    Object to Legitimate Interests Remove Objection") == CONTROL
    assert line_mark("Alle akzeptieren Ablehnen") == CONTROL
    assert line_mark("Social Media Cookies") == FORMULA
    assert line_mark("  • Use precise geolocation data 193 partners can use this special feature") == FORMULA
    assert line_mark("You can withdraw your consent to cookies at any time in your privacy settings.") == PROSE
    assert line_mark("[*]") == CHECKBOX
    assert line_mark("Accept the things you cannot change.") is None
    assert line_mark("Chocolate chip cookies") == FORMULA  # a heading alone is no dialog ...
    assert dialog_regions(["Chocolate chip cookies", "", "Oatmeal cookies", "", "Save recipe", ""], 3, 4) == []


def test_the_step_can_be_turned_off_and_leaves_extracted_html_alone():
    lines = THREAD + [""] + PREFERENCE_CENTER
    off = dataclasses.replace(CONFIG, appeals=dataclasses.replace(CONFIG.appeals, consent_dialog_gap_lines=None))
    assert removed(lines, off) == {}
    assert removed(lines, kind="html") == {}
    assert removed(lines)


def test_the_pipeline_logs_the_dialog_under_its_step_and_keeps_the_thread():
    raw = "\n".join(THREAD + ["", "Contact Us", ""] + PREFERENCE_CENTER).encode("utf-8")
    result = clean_bytes(raw, "thread", "thread.txt", "text", CONFIG)
    steps = {r.step for r in result.document.removals if r.reason == "cookie_notice"}
    assert steps == {"consent_dialogs"}
    assert "These technologies" not in result.text
    assert "I have heard they are for an external hub." in result.text


def test_dialog_lines_on_the_development_dumps_are_never_article_text(bench_dir):
    """Over every development dump, the lines the step takes are in no gold text, unless that
    gold text holds the dialog itself (a reference that kept a cookie banner)."""
    pages = flagged = wrong = 0
    for folder in ("wcxb-dev/dumps/w3m", "aeb-dev/dumps/w3m", "aeb-dev/dumps/lynx", "aeb-dev/dumps/bs4",
                   "aeb-dev/corrupted"):
        split = bench_dir / folder.split("/")[0]
        for path in sorted((bench_dir / folder).glob("*.txt")):
            doc, _ = prepare_document(path.read_bytes(), path.stem, path.name, "text", CONFIG)
            taken = find_consent_dialogs(doc, CONFIG).removals
            if not taken:
                continue
            pages += 1
            gold_lines = (split / "gold" / path.name).read_text(encoding="utf-8").splitlines()
            gold = " ".join(" ".join(gold_lines).split())
            gold_has_dialog = any(appeal_reason(line) == "cookie_notice" for line in gold_lines)
            for i in taken:
                text = " ".join(norm(doc.lines[i]).split())
                flagged += 1
                wrong += len(text.split()) >= 3 and text in gold and not gold_has_dialog
    assert pages >= 50 and flagged >= 1000  # the step does act on these dumps
    assert wrong == 0
