"""Reader appeals after the classifier: sign-up forms, follow and share prompts, credits, app promos."""

from __future__ import annotations

import dataclasses

import pytest

from cleaners.appeals import appeal_reason, find_appeals
from cleaners.config import PipelineConfig
from cleaners.document import Document
from cleaners.pipeline import clean_bytes

CONFIG = PipelineConfig()
ARTICLE = [
    "The city council approved the new budget on Tuesday after a debate that lasted most of the night.",
    "Spending on schools rises by four per cent, while the road programme is cut back for a second year.",
    "The mayor said the plan would be reviewed in the spring, once the state has set its own grants.",
]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Thanks for signing up!", "newsletter_signup"),
        ("Keep an eye on your inbox for the latest sports news.", "newsletter_signup"),
        ("There was an error processing your subscription.", "newsletter_signup"),
        ("Sign up for our newsletter to get the latest in streaming and entertainment.", "newsletter_signup"),
        ("Get the day’s top headlines delivered to your inbox every morning by subscribing to our newsletter.",
         "newsletter_signup"),
        ("By signing up, you agree to our Privacy Policy & Terms and Conditions.", "newsletter_signup"),
        ("Subscribe to 9to5Mac on YouTube for more Apple news:", "newsletter_signup"),
        ("(BUTTON) Subscribe", "newsletter_signup"),
        ("Enter your email:", "newsletter_signup"),
        # the form's confirmation after a sign-up
        ("Great! Check your inbox and click the link to confirm your subscription.", "newsletter_signup"),
        ("Thank you! Please check your inbox now for your welcome email.", "newsletter_signup"),
        ("An email with an activation link has just been sent to your email address. Please activate your "
         "subscription by clicking on the activation link inside the email.", "newsletter_signup"),
        ("Please enter a valid email address.", "newsletter_signup"),
        ("Jetzt zum Newsletter anmelden", "newsletter_signup"),
        ("Die wichtigsten Nachrichten des Tages direkt in Ihr Postfach.", "newsletter_signup"),
        ("Recevez nos articles directement dans votre boîte mail.", "newsletter_signup"),
        ("Abonnez-vous à notre newsletter", "newsletter_signup"),
        ("Suscríbete a nuestro boletín", "newsletter_signup"),
        ("(Reporting by Greg Roumeliotis; Editing by Martin Howell)", "editor_credit"),
        ("Additional reporting by Joseph Hudak", "editor_credit"),
        ("Associated Press writers Alan Fram and Zeke Miller contributed to this report.", "editor_credit"),
        ("Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram.",
         "editor_credit"),
        ("Reach the reporters on Twitter at http://twitter.com/example", "editor_credit"),
        ("twitter.com/paultakahashi", "editor_credit"),
        ("Like this story? Share it with a friend!", "share_buttons"),
        ("• Share this on WhatsApp", "share_buttons"),
        ("CLICK HERE TO GET THE FOX NEWS APP", "advertisement"),
        ("Start your free trial of Splashtop Secure Workspace", "subscription_prompt"),
        ("30 day free trial, no credit card required", "subscription_prompt"),
        ("Already a member? Sign In", "subscription_prompt"),
        ("Subscribe now to keep reading and get access to the full archive.", "subscription_prompt"),
        ("Lesen Sie jetzt mit Plus", "subscription_prompt"),
        ("Alle Artikel auf unserer Seite frei lesen. Jederzeit kündbar.", "subscription_prompt"),
        ("Bereits Abonnent? Hier anmelden", "subscription_prompt"),
        ("Dieser Artikel ist exklusiv für Abonnenten.", "subscription_prompt"),
        ("[ ] Targeting Cookies", "cookie_notice"),
        ("Strictly Necessary Cookies", "cookie_notice"),
        ("Always Active", "cookie_notice"),
        ("Accept All", "cookie_notice"),
        ("These cookies allow us to count visits and traffic sources so we can measure our site.", "cookie_notice"),
        ("This website uses cookies to improve your experience.", "cookie_notice"),
        ("Wir verwenden Cookies, um unsere Website zu verbessern.", "cookie_notice"),
        # the consent box in place of an embedded post or video
        ("Externer Inhalt", "cookie_notice"),
        ("Inhalt laden", "cookie_notice"),
        ("Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden. Damit können personenbezogene "
         "Daten an Drittplattformen übermittelt werden.", "cookie_notice"),
        ("We need your consent to load this Instagram post.", "cookie_notice"),
        ("Click to load the content", "cookie_notice"),
        # a consent plugin's cookie table: header, category blurb, rows (w3m prints the cells in a row)
        ("Cookie Duration Description", "cookie_notice"),
        ("Functional cookies help to perform certain functionalities like sharing the content on social media.",
         "cookie_notice"),
        ("Other uncategorized cookies are those that are being analyzed and have not been classified.",
         "cookie_notice"),
        ("_ga_* 1 year 1 month Google Analytics sets this cookie to store and count page views.", "cookie_notice"),
        ("YSC session Youtube sets this cookie to track the views of embedded videos on Youtube pages.",
         "cookie_notice"),
        ("browser_id 5 years This cookie is used for identifying the visitor browser on re-visit to the website.",
         "cookie_notice"),
        ("MR 7 days This cookie, set by Bing, is used to collect user information for analytics purposes.",
         "cookie_notice"),
        ("Hotjar sets this cookie to detect a user's first pageview session.", "cookie_notice"),
    ],
)
def test_appeal_is_recognised(line, reason):
    assert appeal_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        # an article about newsletters, subscriptions, apps and social media, in its own words
        "The company said its newsletter had reached two million subscribers by the end of the year.",
        "Users who subscribe to the service pay a monthly fee, the report said.",
        "Critics say the app collects more data than it needs to work.",
        "She has followed the case on Twitter since the first hearing in March.",
        "Reporting by the local paper first revealed the contract in 2019.",
        "Share prices fell by three per cent on Monday.",
        "Subscribers",
        # documentation about cookies, and the baked kind
        "Cookies",
        "To set cookies you can use the set_cookie method of the response object.",
        "Consumers still feel they deserve affordable luxuries, like a $2 or $3 cookie.",
        "This cookie is used to store the session id between two requests.",
        "Bake 12 minutes until each cookie is golden at the edges.",
        "Marketing cookies and pastries sold well at the fair, the bakers said.",
        # a how-to step and a warning about scams are not a sign-up form
        "Enter your email address and password, then tap Sign in.",
        "Phishing emails sent to your inbox often look like a message from your bank.",
        "The activation link is sent to the phone by text message, the bank said.",
        "Die Betrüger schicken gefälschte E-Mails in Ihr Postfach.",
        "Der Inhalt des Vertrags blieb geheim, die Daten wurden gelöscht.",
        # a review that mentions a trial, a plan's feature list, a subscriber in a story
        "Podia offers a 30-day free trial with access to all features, no credit card required.",
        "• 7-day free trial",
        "Already a subscriber, she kept reading the paper every morning.",
    ],
)
def test_article_sentences_stay(line):
    assert appeal_reason(line) is None


def test_step_removes_appeals_with_reasons_and_keeps_the_article():
    lines = ARTICLE + ["", "Sign up for our free daily newsletter.", "Follow us on Twitter", "",
                       "Like this story? Share it with a friend!"]
    verdict = find_appeals(Document.from_text("t", "t.txt", "\n".join(lines)), CONFIG)
    assert verdict.removals == {4: "newsletter_signup", 5: "editor_credit", 7: "share_buttons"}


def test_long_lines_are_not_judged_and_the_step_can_be_switched_off():
    long_line = "Sign up for our newsletter " + "and read about the budget " * 10
    doc = Document.from_text("t", "t.txt", "\n".join(ARTICLE + [long_line, "Thanks for signing up!"]))
    assert find_appeals(doc, CONFIG).removals == {4: "newsletter_signup"}
    off = dataclasses.replace(CONFIG, appeals=dataclasses.replace(CONFIG.appeals, max_words=None))
    assert find_appeals(doc, off).removals == {}


def test_html_page_loses_its_sign_up_form_in_the_pipeline():
    """Extracted HTML is not judged by the line classifier; this step still runs on it."""
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    html = (f"<html><head><title>Budget approved</title></head><body><article><h1>Budget approved</h1>{body}"
            "<p>Thanks for signing up!</p><p>Keep an eye on your inbox for the latest city news.</p>"
            "</article></body></html>")
    result = clean_bytes(html.encode("utf-8"), "budget", "budget.html", "html", CONFIG)
    removed = {r.text: (r.reason, r.step) for r in result.document.removals}
    assert removed["Thanks for signing up!"] == ("newsletter_signup", "appeals")
    assert all(paragraph in result.text for paragraph in ARTICLE)
    assert "inbox" not in result.text


def test_cookie_dialog_goes_but_a_page_about_cookies_keeps_its_text():
    dialog = ["Strictly Necessary Cookies", "Always Active", "Performance Cookies", "Accept All"]
    verdict = find_appeals(Document.from_text("t", "t.txt", "\n".join(ARTICLE + [""] + dialog)), CONFIG)
    assert verdict.removals == {4: "cookie_notice", 5: "cookie_notice", 6: "cookie_notice", 7: "cookie_notice"}
    policy = ["These cookies are necessary for the website to function and cannot be switched off.",
              "These cookies allow us to count visits and traffic sources so we can measure our site.",
              "These cookies may be set through our site by our advertising partners.",
              "We keep the data for twelve months."]
    assert find_appeals(Document.from_text("p", "p.txt", "\n".join(policy)), CONFIG).removals == {}
