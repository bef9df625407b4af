"""Reader appeals after the classifier: sign-up forms, follow and share prompts, credits, app promos."""

from __future__ import annotations

import dataclasses

import pytest

from cleaners.appeals import appeal_reason, find_appeals, is_consent_framework_line
from cleaners.config import PipelineConfig
from cleaners.document import Document
from cleaners.patterns import norm
from cleaners.pipeline import clean_bytes, prepare_document

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
        ("Get the latest student and graduate news straight to your inbox.", "newsletter_signup"),
        ("Sign up to our weekly round up and get all the best threads sent straight to your inbox!",
         "newsletter_signup"),
        ("Be the first to get promo offers and reward perks straight to your inbox", "newsletter_signup"),
        ("From our editors straight to your inbox", "newsletter_signup"),
        ("Sign up for our Health Highlights e-newsletter", "newsletter_signup"),
        ("Sign up for deals, updates and a free guide", "newsletter_signup"),
        ("Sign up for Proof Points and other Hechinger newsletters.", "newsletter_signup"),
        ("Sign up to receive regular emails like this", "newsletter_signup"),
        ("Sign up to know when we launch new products.", "newsletter_signup"),
        ("Enter your email for 15% off your order.", "newsletter_signup"),
        ("Enter your email, we'll notify you", "newsletter_signup"),
        ("Be the first to know!", "newsletter_signup"),
        ("Sign up now for the Mashable Deals newsletter.", "newsletter_signup"),
        ("Sign up to learn more about our project and to stay up to date.", "newsletter_signup"),
        ("Be sure to sign up below so we can stay in touch!", "newsletter_signup"),
        ("Suscríbete a nuestro boletín", "newsletter_signup"),
        ("(Reporting by Greg Roumeliotis; Editing by Martin Howell)", "editor_credit"),
        ("(Reporting by Greg Roumeliotis, with reporting by Herb Lash, editing by Martin Howell.)", "editor_credit"),
        ("Additional reporting by Joseph Hudak", "editor_credit"),
        ("Text by Hunter Dukes", "editor_credit"),
        ("Illustration by Tomson Highway", "editor_credit"),
        ("Words and photos by Jane Doe", "editor_credit"),
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
        ("Sie haben bereits ein Abo? Hier anmelden", "subscription_prompt"),
        # a paywall's badge and a trial offer by its length
        ("Exklusiv für Abonnenten", "subscription_prompt"),
        ("Subscriber exclusive", "subscription_prompt"),
        ("Réservé aux abonnés", "subscription_prompt"),
        ("Jetzt 4 Wochen kostenlos testen", "subscription_prompt"),
        ("Try 14 days for free", "subscription_prompt"),
        # a consent manager's link to take consent back
        ("Withdraw consent", "cookie_notice"),
        ("Einwilligung widerrufen", "cookie_notice"),
        ("Retirer le consentement", "cookie_notice"),
        # WordPress's comment form
        ("[ ] Save my name, email, and website in this browser for the next time I comment.", "form_consent"),
        ("Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser speichern, bis ich wieder "
         "kommentiere.", "form_consent"),
        ("[ ] Targeting Cookies", "cookie_notice"),
        ("Strictly Necessary Cookies", "cookie_notice"),
        ("Always Active", "cookie_notice"),
        ("Manage consent", "cookie_notice"),
        ("Cookie SettingsAccept", "cookie_notice"),  # two buttons printed without a space
        ("Privacy Overview", "cookie_notice"),
        ("Privacy Preference Center", "cookie_notice"),
        ("cookielawinfo-checkbox-necessary 11 months", "cookie_notice"),
        ("viewed_cookie_policy 11 months The cookie is set by the GDPR Cookie Consent plugin.", "cookie_notice"),
        ("Accept All", "cookie_notice"),
        ("These cookies allow us to count visits and traffic sources so we can measure our site.", "cookie_notice"),
        ("This website uses cookies to improve your experience.", "cookie_notice"),
        ("Wir verwenden Cookies, um unsere Website zu verbessern.", "cookie_notice"),
        ("We are using cookies to give you the best experience on our website.", "cookie_notice"),
        ("You can find out more about which cookies we are using or switch them off in settings.", "cookie_notice"),
        ("We use essential cookies to make this site work, plus optional analytics cookies.", "cookie_notice"),
        ("This website is using cookies.", "cookie_notice"),
        ("[*] Necessary", "cookie_notice"),  # a consent plugin's category toggle
        ("[ ] Functional", "cookie_notice"),
        ("Wir nutzen Cookies auf unserer Website.", "cookie_notice"),
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
        # a form's consent fine print
        ("By submitting this form, you agree to our Privacy Policy and consent to receive our emails.", "form_consent"),
        ("[ ] By checking this box, you agree to receive marketing emails from Acme. Unsubscribe at any time.",
         "form_consent"),
        ('By clicking "Start Now!" you accept our Terms and Conditions', "form_consent"),
        ("By proceeding, I agree to the site's Privacy Policy.", "form_consent"),
        ("Reply HELP for help. Msg & data rates may apply.", "form_consent"),
        ("Consent is not a condition of purchase.", "form_consent"),
        ("I have read the Acme Privacy Policy and agree to its terms.", "form_consent"),
        ("Mit dem Absenden des Formulars stimme ich der Verarbeitung meiner Daten zu.", "form_consent"),
        ("En cliquant sur « Envoyer », vous acceptez nos conditions d'utilisation.", "form_consent"),
        ("Al hacer clic en Enviar, aceptas nuestra política de privacidad.", "form_consent"),
        ("By signing in or creating an account, you agree to our Privacy Policy and Terms & Conditions.",
         "form_consent"),
        ("Etsy uses cookies and similar technologies to give you a better experience, enabling things like:",
         "cookie_notice"),
        ("Cookies and similar technologies are used to improve your experience.", "cookie_notice"),
        ("□ Do Not Sell or Share My Personal Information", "cookie_notice"),
        # a link to another article's full text
        ("Read full article: How to Choose a Bike Helmet", "read_also_link"),
        ("• Read the full story - Storm closes the coast road", "read_also_link"),
        ("Zum vollständigen Artikel: Sturm sperrt die Küstenstraße", "read_also_link"),
        # the box in place of an embedded video on German news sites
        ("Empfohlener redaktioneller Inhalt", "cookie_notice"),
        ("An dieser Stelle finden Sie einen externen Inhalt von YouTube, der den Artikel ergänzt. Sie",
         "cookie_notice"),
        ("Mit Ihrer Zustimmung wird hier ein externer Inhalt geladen.", "cookie_notice"),
        # a comment section's house rules
        ("Comments with offensive language, cruelness to others, etc will not be approved. See our full "
         "comment policy here.", "comment_prompt"),
        ("As you comment, please be respectful of other commenters and other viewpoints.", "comment_prompt"),
        ("All comments are moderated before they appear.", "comment_prompt"),
        ("Comments are closed.", "comment_prompt"),
        ("Kommentare werden vor der Veröffentlichung moderiert. Bitte beachten Sie unsere Netiquette.",
         "comment_prompt"),
        ("Die Kommentarfunktion ist geschlossen.", "comment_prompt"),
        ("Les commentaires sont modérés.", "comment_prompt"),
        ("ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao usuário não serão "
         "aprovados pelo moderador.", "comment_prompt"),
        # a site's disclosure that it earns from its links, in the first person, with "may", or
        # with the site's content as the subject
        ("This post may contain affiliate links. Read more about this in my About Me page!", "affiliate_disclosure"),
        ("When you purchase through links on our site, we may earn an affiliate commission. Here’s how it works",
         "affiliate_disclosure"),
        ("As an Amazon Associate I earn from qualifying purchases.", "affiliate_disclosure"),
        ("We may be compensated when you click on a link, when an application is approved, or when an account "
         "is opened.", "affiliate_disclosure"),
        ("If you buy something from a Verge link, Vox Media may earn a commission. See our ethics statement.",
         "affiliate_disclosure"),
        ("Business.com earns commissions from some listed providers. Editorial Guidelines.", "affiliate_disclosure"),
        ("Products are chosen independently by our editors. Purchases made through our links may earn us a commission.",
         "affiliate_disclosure"),
        ("SELF may earn a portion of sales from products that are purchased through our site.",
         "affiliate_disclosure"),
        ("Dieser Artikel enthält Affiliate-Links.", "affiliate_disclosure"),
        ("Wenn du über diese Links einkaufst, erhalten wir eine kleine Provision.", "affiliate_disclosure"),
        ("Cet article contient des liens affiliés.", "affiliate_disclosure"),
        ("Este artículo contiene enlaces de afiliados.", "affiliate_disclosure"),
        # a recipe card's prompt to post a photo of the dish
        ("Did you make this recipe? Tag @sarahcooks on Instagram and hashtag it #sarahcooks", "share_buttons"),
        ("Tried this recipe? Let us know how it was!", "share_buttons"),
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
        "Scammers send phishing emails straight to your inbox every day, pretending to be your bank.",
        # signing up for a product or a plan, a shop's review prompt
        "Sign up for Twilio and get a phone number",
        "Sign up now to explore the features and see how it can help safeguard your business.",
        "Sign up for the Starter Plan to take the bookkeeping and invoicing basics for a spin.",
        "Be the first to write a review",
        "The activation link is sent to the phone by text message, the bank said.",
        "Die Betrüger schicken gefälschte E-Mails in Ihr Postfach.",
        "Der Inhalt des Vertrags blieb geheim, die Daten wurden gelöscht.",
        # a review that mentions a trial, a plan's feature list, a subscriber in a story
        "Podia offers a 30-day free trial with access to all features, no credit card required.",
        "• 7-day free trial",
        "Already a subscriber, she kept reading the paper every morning.",
        "The club is open to subscribers only on weekends.",
        "We tried it for free for 30 days and then paid for a year.",
        "Das Abo kostet zehn Euro im Monat.",
        # consent and agreement in an article's own sentences
        "Tap controls are fussy, but holding the button lets users confirm by pressing it twice.",
        "Patients gave their consent before the trial, and by signing up they agreed to weekly visits.",
        "She said she had read the report and agreed with most of it.",
        "Read the full review here.",
        "Read the full post on how to budget and fund your design or renovation project.",
        # an article's advice to subscribe to newsletters in general
        "• Monitor industry trends: Follow relevant news sources, subscribe to industry newsletters, and "
        "monitor social media channels.",
        # moderation and embedded content as an article's subject
        "Facebook updated its community guidelines on comments last year.",
        "The forum's moderators said the comments had been reported by several users.",
        "An dieser Stelle finden Sie einen Überblick über die Ergebnisse der Wahl.",
        # affiliate marketing as an article's subject, and other commissions
        "• Affiliate programs: Streamers earn a commission when viewers buy games, gear, or software via "
        "affiliate links.",
        "Many well-known companies, including Amazon, have affiliate programs.",
        "Affiliate links are a common way for bloggers to make money.",
        "• Affiliate Program",
        "Agents earn a commission on every sale they close.",
        "We received a commission from the city to design the new library.",
        "The European Commission may receive the report next week.",
        "Die Kommission erhält eine Provision von zwei Prozent, sagte der Sprecher.",
        # being paid, without what for: no disclosure
        "We will be compensated for our losses, the farmers said.",
        "The agency may receive a commission of five per cent on the deal.",
        "Dafür erhalten wir eine kleine Provision, sagte der Makler.",
        # a credit's words in a sentence
        "Text by the author is licensed under CC BY.",
        "Photos by the hundreds were posted online within minutes, the police said.",
        # cookies in an article's own sentences
        "The bakery said we are using cookies from the old recipe at the fair this year.",
        "Browsers will block the third-party cookies that advertisers use to follow readers.",
        "[ ] Performance of the team in 2024",
        # a recipe in an article's own words
        "We made this recipe every Sunday when I was a child.",
        "Have you made this recipe before, the chef asked, and nobody answered.",
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


def test_a_cookie_dialogs_buttons_on_one_line_go_but_sentences_about_cookies_stay():
    """A text browser prints a dialog's buttons side by side, spaced or glued (the first three are
    development pages' lines); a sentence that starts like a button is no button."""
    buttons = ["Accept All Cookies Reject All", "Cookie settingsAccept All Cookies", "□ Cookie PreferencesManage preferences",
               "Accept optional cookies Reject optional cookies", "Manage Cookies Settings"]
    verdict = find_appeals(Document.from_text("t", "t.txt", "\n".join(ARTICLE + [""] + buttons)), CONFIG)
    assert verdict.removals == {len(ARTICLE) + 1 + k: "cookie_notice" for k in range(len(buttons))}
    sentences = ["Accept all cookies and continue reading, the banner says.", "Reject all cookie consent laws",
                 "Accept Reject", "Manage preferences"]
    assert find_appeals(Document.from_text("s", "s.txt", "\n".join(ARTICLE + [""] + sentences)), CONFIG).removals == {}


def test_a_cookie_dialogs_buttons_in_german_french_spanish_and_without_the_word_cookie():
    """German sites print "Alle akzeptieren" beside "Ablehnen" and "Einstellungen"; a line of
    buttons that offers them all needs no "cookie" ("Accept all Reject all", a development
    page's line). A lone verb, a setting's name or a sentence stays."""
    buttons = ["Alle akzeptieren Alle ablehnen", "Nur notwendige Cookies Alle akzeptieren", "Einstellungen Alle akzeptieren",
               "Tout accepter Tout refuser Personnaliser", "Aceptar todo Rechazar todo", "Accept all Reject all"]
    verdict = find_appeals(Document.from_text("t", "t.txt", "\n".join(ARTICLE + [""] + buttons)), CONFIG)
    assert verdict.removals == {len(ARTICLE) + 1 + k: "cookie_notice" for k in range(len(buttons))}
    kept = ["Akzeptieren", "Einstellungen verwalten", "Alle Einstellungen", "Die Regierung will alle Vorschläge ablehnen"]
    assert find_appeals(Document.from_text("s", "s.txt", "\n".join(ARTICLE + [""] + kept)), CONFIG).removals == {}


#: A consent dialog of the IAB Transparency & Consent Framework as w3m prints it (the lines of a
#: development page's dialog, with the partner counts of another site).
CONSENT_DIALOG = [
    "We Care About Your Privacy",
    "We and our 212 partners store and/or access information on a device, such as unique IDs in cookies to "
    "process personal data. You may accept or manage your choices by clicking below, including your right to "
    "object where legitimate interest is used, or at any time in the privacy policy page. These choices will be "
    "signaled to our partners and will not affect browsing data.",
    "• Store and/or access information on a device 91 partners can use this purpose",
    "• Use limited data to select advertising 80 partners can use this purpose",
    "• Create profiles for personalised advertising 71 partners can use this purpose",
    "• Use precise geolocation data",
    "List of IAB Vendors | View Illustrations",
]


@pytest.mark.parametrize("line", CONSENT_DIALOG + [
    "[ ] Actively scan device characteristics for identification",
    "Legitimate interest",
    "Informationen auf einem Gerät speichern und/oder abrufen",
    "Wir und unsere 212 Partner speichern und/oder greifen auf Informationen auf einem Gerät zu.",
    "Genaue Standortdaten verwenden",
    "Stocker et/ou accéder à des informations sur un appareil",
])
def test_consent_framework_lines_are_recognised(line):
    assert is_consent_framework_line(line)


@pytest.mark.parametrize("line", [
    "We and our partners at the university will publish the results next year.",
    "The council said it would develop and improve services for older residents.",
    "Regulators say sites must let users object where a legitimate interest is claimed.",
    "Measure the performance of your advertising before you raise the budget.",
])
def test_sentences_about_privacy_are_no_consent_framework_lines(line):
    assert not is_consent_framework_line(line)


def test_consent_dialog_goes_at_any_length_and_share_of_the_page():
    """Its opening sentence is longer than appeals.max_words, and on a page where the model kept
    little but the dialog, the dialog is still no text (unlike a cookie policy's lines)."""
    lines = ARTICLE + [""] + CONSENT_DIALOG
    verdict = find_appeals(Document.from_text("t", "t.txt", "\n".join(lines)), CONFIG)
    assert verdict.removals == {i: "cookie_notice" for i in range(4, 4 + len(CONSENT_DIALOG))}
    alone = find_appeals(Document.from_text("d", "d.txt", "\n".join(CONSENT_DIALOG)), CONFIG)
    assert len(alone.removals) == len(CONSENT_DIALOG)


def test_one_consent_phrase_alone_stays():
    """A dialog names several purposes; one such line among article lines (a heading, a quote)
    is not enough to remove it."""
    lines = ARTICLE + ["Use precise geolocation data", "The firm and its partners opened a second store."]
    assert find_appeals(Document.from_text("t", "t.txt", "\n".join(lines)), CONFIG).removals == {}


#: A consent platform's dialog as a text dump prints it: its formulas (headings, buttons, a
#: purpose of the framework) and its own prose, whose sentences no formula matches.
DIALOG_PROSE = [
    "We value your privacy",
    "We and our partners use cookies to store and access personal data such as browsing behaviour on your "
    "device, to show you personalised advertising and to measure how you use the site.",
    "You can change your preferences or withdraw your consent at any time through the privacy settings "
    "link at the bottom of every page.",
    "Some partners process your data on the basis of a legitimate interest, which you can object to in the "
    "vendor list.",
    "• Use precise geolocation data",
    "Accept all",
]
GERMAN_DIALOG_PROSE = [
    "Wir respektieren Ihre Privatsphäre",
    "Wir und unsere Partner verwenden Cookies und verarbeiten personenbezogene Daten wie Kennungen Ihres "
    "Endgeräts, um Werbung und Inhalte zu personalisieren.",
    "Ihre Einwilligung können Sie jederzeit über die Einstellungen am Ende der Seite widerrufen.",
    "Genaue Standortdaten verwenden",
    "Alle akzeptieren",
]


@pytest.mark.parametrize("dialog", [DIALOG_PROSE, GERMAN_DIALOG_PROSE], ids=["english", "german"])
def test_a_consent_dialogs_prose_goes_next_to_its_formulas(dialog):
    lines = ARTICLE + [""] + dialog
    verdict = find_appeals(Document.from_text("t", "t.txt", "\n".join(lines)), CONFIG)
    assert verdict.removals == {i: "cookie_notice" for i in range(len(ARTICLE) + 1, len(lines))}


def test_consent_prose_stays_without_a_dialog_far_from_it_on_a_cookie_page_or_switched_off():
    """The same sentences in an article about privacy (no formula on the page), an article
    paragraph far below a dialog, a cookie policy, and the rule switched off: all kept."""
    prose = DIALOG_PROSE[2:4]  # (the sentence before them is one of the framework's formulas)
    assert find_appeals(Document.from_text("a", "a.txt", "\n".join(ARTICLE + prose)), CONFIG).removals == {}

    far = DIALOG_PROSE[:1] + DIALOG_PROSE[4:] + [""] * CONFIG.appeals.consent_prose_reach_lines + ARTICLE + prose
    removals = find_appeals(Document.from_text("f", "f.txt", "\n".join(far)), CONFIG).removals
    assert set(removals) == {0, 1, 2}  # the dialog's formulas only

    policy = ["These cookies are necessary for the website to function and cannot be switched off.",
              "These cookies allow us to count visits so that we can measure and improve our site.",
              DIALOG_PROSE[2]]
    assert find_appeals(Document.from_text("p", "p.txt", "\n".join(policy)), CONFIG).removals == {}

    off = dataclasses.replace(CONFIG, appeals=dataclasses.replace(CONFIG.appeals, consent_prose_reach_lines=None))
    removals = find_appeals(Document.from_text("t", "t.txt", "\n".join(ARTICLE + [""] + DIALOG_PROSE)), off).removals
    assert sorted(removals) == [4, 5, 8, 9]  # the formulas; the prose at 6 and 7 stays


def test_consent_prose_on_the_development_dumps_is_never_article_text(bench_dir):
    """Judged over every line of every development dump (as if the classifier had kept them
    all), the lines the rule takes are in no gold text, unless that gold text holds the dialog
    itself (its formulas too: a reference that kept a cookie banner)."""
    off = dataclasses.replace(CONFIG, appeals=dataclasses.replace(CONFIG.appeals, consent_prose_reach_lines=None))
    flagged = wrong = 0
    for folder in ("wcxb-dev/dumps/w3m", "aeb-dev/dumps/w3m", "aeb-dev/dumps/bs4", "aeb-dev/corrupted"):
        split = bench_dir / folder.split("/")[0]
        for path in sorted((bench_dir / folder).glob("*.txt")):
            doc, _ = prepare_document(path.read_bytes(), path.stem, path.name, "text", CONFIG)
            prose = set(find_appeals(doc, CONFIG).removals) - set(find_appeals(doc, off).removals)
            if not prose:
                continue
            gold_lines = (split / "gold" / path.name).read_text(encoding="utf-8").splitlines()
            gold = " ".join(" ".join(gold_lines).split())
            gold_has_dialog = any(appeal_reason(line) == "cookie_notice" for line in gold_lines)
            for i in prose:
                flagged += 1
                wrong += " ".join(norm(doc.lines[i]).split()) in gold and not gold_has_dialog
    assert flagged >= 50  # the rule does act on these dumps
    assert wrong == 0


def test_an_appeals_words_inside_a_naive_scrapes_kept_sentence_stay():
    """A naive scrape prints a link inside a sentence on a line of its own: "free trial" between
    "Every plan starts with a" and " and a setup call." is the sentence's words, not a call to
    start a trial; the same words as a line of their own, after a sentence's end, still go."""
    lines = ["Every plan starts with a", "free trial", " and a setup call from the team that built it.", "",
             "The pricing page lists every tier in detail.", "Start your free trial"]
    doc = Document.from_text("t", "t.txt", "\n".join(lines))
    assert find_appeals(doc, PipelineConfig()).removals == {5: "subscription_prompt"}
    off = dataclasses.replace(PipelineConfig(), appeals=dataclasses.replace(PipelineConfig().appeals,
                                                                              sentence_pieces=False))
    assert find_appeals(doc, off).removals == {1: "subscription_prompt", 5: "subscription_prompt"}
