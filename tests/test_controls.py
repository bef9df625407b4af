"""Button and widget labels go after the classifier; sentences that contain such words stay."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cleaners.config import PipelineConfig
from cleaners.controls import control_label, find_controls
from cleaners.document import Document
from cleaners.patterns import norm
from cleaners.pipeline import clean_bytes

CFG = PipelineConfig()
#: A shop's product grid as a text dump prints it: each product's name and price, then its buttons.
GRID = [
    "Walnut Desk Organiser",
    "$49.00",
    "Quick View",
    "Add to Cart",
    "",
    "Oak Monitor Stand",
    "$89.00",
    "• Quick view",
    "[Add to wishlist]",
    "",
    "Show more",
]


@pytest.mark.parametrize("line", [
    "Show more", "SHOW LESS", "View all", "Click to expand...", "Loading...", "Add to Cart", "• Quick view",
    "[Add to wishlist]", "Play video", "Like this:", "Like Loading...", "1 like", "12 likes", "3 reactions",
    "Mehr anzeigen", "In den Warenkorb", "Ajouter au panier", "Voir plus", "Añadir al carrito", "Cargando...",
    "Reactions:", "Quote", "Hide", "Click to shrink...", "More sharing options...",
    "You need to be a member in order to leave a comment", "Sign up for a new account in our community. It's easy!",
    "Already have an account? Sign in here.",
    # a recipe card's buttons, alone or two to a line, and its rating summary
    "Jump to Recipe", "Jump to Recipe Print Recipe", "Print Recipe | Pin Recipe", "Rate this Recipe",
    "Print Rate this Recipe",
    "★★★★★ 4.8 from 126 votes", "5 from 1 vote", "No ratings yet", "Rezept drucken", "Imprimer la recette",
    # a news page's buttons around its photos and its text
    "Hide Caption", "toggle caption", "Listen to this article", "Gift this article", "Link copied!",
    "Artikel anhören", "Écouter cet article",
    # a documentation page's buttons
    "Copied!", "Copy to clipboard", "Was this page helpful?", "Edit this page on GitHub",
    "War diese Seite hilfreich?",
    # skip links, menus and tool bars in the forms the boilerplate vocabularies lack
    "Zum Inhalt springen", "Menü", "Schließen", "Zum Seitenanfang", "Diesen Artikel teilen", "Fehler melden",
    "Partager cet article", "Aller au contenu", "Ir al contenido", "Print this article", "Jump to comments",
    "Auf WhatsApp teilen", "Diesen Artikel vorlesen lassen", "Zum Artikel", "Zur Startseite",
    "Kommentare anzeigen", "Afficher les commentaires", "View all photos", "Alle Bilder anzeigen",
    "Antworten", "Répondre", "Gefällt mir", "Kommentar absenden", "Laden...",
])
def test_control_labels_are_recognised(line):
    assert control_label(norm(line)) == "ui_control"


@pytest.mark.parametrize("line", [
    "Acme logo", "Japan Airlines logo white", "Compare Module Icon", "• Security shield protection icon",
    "enter image description here",
    # a user's picture
    "User avatar", "Vivian De Smedt's user avatar", "Avatar for AndrewN", "[avatar]",
    "H&M Movers Profile Image", "Schleeter profile picture",
])
def test_logo_and_icon_alternative_texts_are_recognised(line):
    assert control_label(norm(line)) == "image_alt"


@pytest.mark.parametrize("line", [
    "Show more compassion to the people who have lost everything.",
    "Add to cart, then pay at the counter when you pick the order up.",
    "Learn more",  # references often keep a link's text like this one
    "Click here",  # a naive scrape breaks "For the catalogue, click here." at the link
    "Table of Contents",
    "12 likes and 4 shares in the first hour",
    "Play",
    "Loading the ship took the crew three days.",
    "Airline unveils new logo",
    "Our logo",
    "The icon of a generation, he died on Tuesday.",
    "Print the recipe and keep it on the fridge.",
    "Print",
    "Listen to this article before you vote, the mayor said.",
    "Copy the file to the server, then restart it.",
    "copy",  # a naive scrape's link text from inside a sentence ("download a free copy today")
    "Yes No",  # a comparison table's cells
    "Zurück",  # a naive scrape's link text from inside a sentence ("… und kehrte zurück")
    "Die Tür ließ sich nicht mehr schließen, sagte der Hausmeister.",
    "Was this page helpful to the judges? Nobody knows.",
    "Caption",
    "The recipe dates from 1952",
    "4 from 10 people voted against the plan",
    "Recipe",
    "How to choose a profile picture", "Avatar: The Way of Water", "Update your profile picture in settings.",
])
def test_sentences_and_headings_stay(line):
    assert control_label(norm(line)) is None


@pytest.mark.parametrize("line", [
    "Close up of Air Fryer Shrimp on a white platter with fresh herbs.",
    "a high angle view of a plate of tuna noodle casserole with the dish sitting nearby",
    "A top-down view of a colorful tortellini salad served over spinach greens",
    "Illustration photo of a vaccine syringe in hand.",
    "image of a backpacker in the desert",
    "Screenshot of the settings page with the export button highlighted",
    "Alt view image 17 of 17 - White Edition Gaming Graphics Card",
    "24-piece brush and sponge set for vacuum cleaners - Picture 1 of 1",
    "Bild 3 von 12",
    # a photo's scene: who or what, doing what or dressed how, and no sentence's end
    "A person sitting in a chair using their MacBook Air",
    "two people sitting on a log, one in blue leggings and one in pastel pink leggings",
    "A bowl of cheesy potato soup garnished with green onions and shredded cheese",
    "A beige fabric sofa against a white background",
    "• A woman typing on a laptop keyboard",
])
def test_descriptive_alternative_texts_and_gallery_counters_are_recognised(line):
    assert control_label(norm(line)) == "image_alt"


@pytest.mark.parametrize("line", [
    "A more balanced view of processed foods",
    "This view of Yosemite Valley gives a sense of the conditions on the valley floor.",
    "Image of the Day",
    "Get the full picture of ranking factors",
    "The picture of health, he ran every morning until he was ninety.",
    "Page 2 of 9 of the report lists every site.",
    # a sentence, and a heading that is no scene
    "A man holding a knife was arrested on Friday.",
    "A person sitting at a desk all day needs to stand up every hour:",
    "The woman wearing the crown",
    "A guide to sitting less at work",
    "A case for standing desks",
    "Standing desks against back pain",
])
def test_sentences_about_pictures_stay(line):
    assert control_label(norm(line)) is None


def test_form_fields_as_w3m_prints_them_go_and_checkbox_items_stay():
    for line in ("First Name * [ ]", "Email Address *[ ]", "Email Address: [____________]", "[ ][Submit]", "Submit [ ]",
                 "Name [          ]",
                 # a one-field form with its button, w3m's and lynx's
                 "Email Address[ ][Subscribe]", "Email [ ]Subscribe", "____________________ (BUTTON) Subscribe"):
        assert control_label(norm(line)) == "ui_control", line
    for line in ("[ ] I agree to the terms", "[ ] Buy milk", "See [1]", "int values[ ]", "Optional[]", "conditions: []",
                 "[ ] Subscribe to the newsletter and get 10% off", "Go to [ ] the page"):
        assert control_label(norm(line)) is None, line


def test_placeholder_text_goes_and_a_sentence_naming_it_stays():
    assert control_label(norm("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.")) \
        == "placeholder_text"
    assert control_label(norm("The designer's mock-up still said lorem ipsum where the headline belonged.")) is None


def test_an_alternative_text_that_only_says_image_goes_but_code_and_headings_stay():
    """A CMS's alternative text "Image" / "[Screenshot]" / "Product Image" (development dumps'
    lines) says nothing; a lower-case "image" alone is a key in a configuration file's code, and
    "Images" or "Image of the day" may head a section."""
    for line in ("Image", "[Screenshot]", "• Product Image", "Picture", "Bild"):
        assert control_label(norm(line)) == "image_alt", line
    for line in ("image", "Images", "Image of the day", "Photography"):
        assert control_label(norm(line)) is None, line


def test_links_to_the_article_before_and_after_in_german_french_spanish_go_with_their_arrows():
    """"Nächster Artikel »" is the German "Next article" (which ``boilerplate`` takes before the
    classifier); a link's arrows, guillemets or box around a label are its frame. The single
    words stay (a naive scrape's link inside a sentence), and so does a sentence."""
    for line in ("« Vorheriger Artikel", "Nächster Artikel »", "□ Article suivant", "Artículo anterior",
                 "‹ Back to blog", "Show more ›"):
        assert control_label(norm(line)) == "ui_control", line
    for line in ("Weiter", "Suivant", "Weiter geht es mit dem Bau der Brücke.", "Nächster Artikel über die Wahl folgt"):
        assert control_label(norm(line)) is None, line


def test_a_horizontal_rule_goes_and_a_line_with_words_or_code_stays():
    """A rule drawn with one character repeated (w3m's "━━━", a page's "_____", a scene break's
    "* * *") holds no word; a line with a word, a code line or a lone full stop is no rule."""
    for rule in ("_____________________", "━━━━━━━━━━━━", "* * *", "-----", "==="):
        assert control_label(norm(rule)) == "separator_line", rule
    for line in ("___ Notes", "_ => {", ".", "--", "- - - x", "*** Update: the vote was postponed ***"):
        assert control_label(norm(line)) != "separator_line", line


def test_an_empty_ad_slot_goes_and_inserted_text_stays():
    """w3m prints <ins> as [INS:…:INS] (lynx as [INS: …:INS]): empty, it is an ad slot; with text (a new price), text."""
    assert control_label(norm("[INS::INS]")) == "advertisement"
    assert control_label(norm("[INS::INS] [INS::INS]")) == "advertisement"
    assert control_label(norm("[INS:$23.97:INS]")) is None
    # lynx prints the empty element with a space inside
    assert control_label(norm("   [INS: :INS]")) == "advertisement"
    assert control_label(norm("[INS: new price :INS]")) is None


def test_a_product_grid_loses_its_buttons_and_keeps_its_products():
    doc = Document.from_text("grid", "grid.txt", "\n".join(GRID))
    verdict = find_controls(doc, CFG)
    assert verdict.removals == {2: "ui_control", 3: "ui_control", 7: "ui_control", 8: "ui_control",
                                10: "ui_control"}
    off = replace(CFG, controls=replace(CFG.controls, enabled=False))
    assert find_controls(doc, off).removals == {}


@pytest.mark.parametrize("article, removed_reasons", [
    ([
        "The new library opens on Monday after three years of building work and a long fight over its cost.",
        "Click to expand...",
        "City library logo white",
        "Readers will find twice as many books as in the old building, and a room for children's events.",
        "2 likes",
    ], {1: "ui_control", 2: "image_alt", 4: "ui_control"}),
    ([
        "How the harbour was rebuilt",
        "March 3, 2025 · 6 min read",
        "The harbour reopened on Friday after two years of work on its walls, its cranes and its quays.",
        "Your browser does not support the video tag.",
        "Fishing boats were the first to come back, followed a day later by the ferry to the islands.",
        "Thank you! Your submission has been received!",
        "Oops! Something went wrong while submitting the form.",
    ], {1: "reading_time", 3: "ui_control", 5: "ui_control", 6: "ui_control"}),
])
def test_the_pipeline_logs_each_label_with_its_reason(article, removed_reasons):
    result = clean_bytes("\n".join(article).encode(), "t", "t.txt", "text", CFG)
    removed = {r.text: (r.reason, r.step) for r in result.document.removals}
    for index, reason in removed_reasons.items():
        assert removed[article[index]] == (reason, "ui_controls")
        assert article[index] not in result.text
    prose = [line for line in article if len(line.split()) > 12]
    assert prose and all(line in result.text for line in prose)


#: A post's and a shop's furniture in the shapes many sites print alike, with its reason code.
FURNITURE = [
    (line, "reading_time") for line in (
        "8 min read", "- 2 min read", "6 minute read", "Jun 08, 2023 • 11 Minute Read", "·Nov 7, 2025·11 min read",
        "December 15, 2025 // 8 min read", "by Jacob Trussell—10 min read", "Reading time: 5 minutes",
        "Estimated reading time: 7 minutes", "Lesezeit: 4 Minuten", "4 Min. Lesezeit", "5 min de lecture",
        "Tiempo de lectura: 3 min")
] + [
    (line, "ui_control") for line in (
        "Your browser does not support the video tag.", "Sorry, your browser doesn’t support embedded videos.",
        "Your browser does not support the audio element.",
        "Results OverviewYour browser does not support the video tag.",  # w3m glues it to the heading above
        "Ihr Browser unterstützt das Video-Tag nicht.", "Media playback is unsupported on your device",
        # what a page prints where the browser runs no script
        "Please enable JavaScript to view the comments powered by Disqus. comments powered by Disqus",
        "JavaScript is disabled. For a better experience, please enable JavaScript in your browser before proceeding.",
        "This site requires JavaScript to run correctly. Please turn on JavaScript or unblock scripts",
        "Powered by Discourse, best viewed with JavaScript enabled", "Notice: JavaScript is required for this content.",
        "Your browser does not seem to support JavaScript. As a result, your viewing experience will be diminished.",
        "Please download a browser that supports JavaScript, or enable it if it's disabled (i.e. NoScript).",
        "You must enable JavaScript to shop on this site", "Please ensure Javascript is enabled for purposes of "
        "website accessibility", "This slideshow requires JavaScript.", "Bitte aktivieren Sie JavaScript in Ihrem "
        "Browser.", "Veuillez activer JavaScript pour voir les commentaires.", "JavaScript está desactivado.",
        "Thank you! Your submission has been received!", "Oops! Something went wrong while submitting the form.",
        "Back to blog", "Create an account or sign in to comment",
        "Already have an account? Log in", "Already have an account? Sign in", "Sie haben bereits ein Konto? Anmelden",
        "Leave a Reply Cancel reply", "Leave a ReplyCancel reply", "You must log in or sign up to reply here.",
        # a forum post's tool bar and a thread's statistics
        "idefixNI 1 Reply Last reply Reply Quote  0", "JoeCFDJ 2 Replies Last reply", "Last reply 3 months ago",
        "2.1K views 15 replies 6 participants last post by  xJewishNinjax   Jan 8, 2026",
        # a shop's filter with its count, printed twice (Shopify's themes)
        "• [ ] Organic & Fair Trade (37) Organic & Fair Trade (37 products)", "[ ] In stock (16) In stock (16 products)",
        "Shop now", "| Buy Now", "Book a demo", "Read the review", "Jetzt kaufen",
        "Unit price / per", "Posts: 1,204", "12.3k reputation", "5.2K posts", "12 replies", "and 12 others",
        "Mensajes: 1.234", "12 respuestas",
        "$29 at Amazon", "Next slide", "Joined",
        "Sale price", "Sale price $74.95", "Regular price From $2,749.95",
        "Sale price $1,999.95 Regular price $1,999.95", "Sale price: $24.50Original price: $35.00Limited Time!",
        "Sale Price USD 55.25 USD 55.25", "Sale price £88 Regular price £102",
        "Reactions: reddy, dbdemon, 3301 and 3 others", "• Reactions: COC, jrfsp, jxv and 1 other person",
        "Regular price [S: :S] Sale price $14.99")  # w3m's strike-through of the old price
] + [
    (line, "date_line") for line in (
        # a comment's timestamp
        "March 3, 2024 at 10:15 am", "May 3, 2024 at 4:12 PM", "Dec 3, 2024 at 4:12 pm", "December 3, 2024 at 14:22",
        "3 June 2021 at 09:12",
        # a last-updated line
        "Last updated: January 12, 2026.", "Updated March 5, 2026", "Last updated on September 16th, 2023 at 09:27 am",
        "Last updated 2025-12-18 UTC.", "Aktualisiert am 3. März 2024, 10:15 Uhr",
        # a forum post's number and date
        "#1 · Jan 3, 2024", "#24 · 3 March 2025",
        # a forum thread's header
        "• Start date Apr 12, 2024", "Erstellt am 12.04.2024")
] + [
    (line, "edit_note") for line in (
        "Last edited by Trilby (2024-08-04 16:47:41)", "last edited by", "last edited by idefix37",
        "Last edited by Minoa on Tue Aug 27, 2019 10:03 pm, edited 1 time in total.",
        "Last edited by lowjhg; Feb 14, 2026 at 9:25 pm", "Zuletzt bearbeitet von Hans (03.03.2024 10:15)")
] + [
    (line, "byline") for line in (
        "Written by Kyle Bonds on August 7, 2025",
        "Written by Dr Marna van der Merwe, Dr Dieter Veldsman, Erik van Vulpen", "Written by:",
        "written by Our Editors", "Geschrieben von Anna Schneider",
        # a forum post's header: the author, the post's date and time, its number
        "rimelek (Ákos Takács) November 8, 2024, 8:42pm 2", "nathanmartin April 26, 2024, 7:23am 2",
        "Post by invest4 » Sat Feb 24, 2024 5:12 pm", "Postby Bombadil » Wed Aug 28, 2019 1:59 am",
        "seth wrote: Mon Jan 22, 2024 6:07 pm", "Posted by: John at December 18, 2025 05:48 PM",
        "Pepper Pot Jun 9, 2017 at 1:06 pm", "BMilton | Feb 24, 2006 02:35am | #1", "[xx] June 09, 2024, 03:29:46 AM",
        # the day first, in English and in German phpBB and vBulletin boards
        "Post by galitsyn » 11. Sep 2024, 18:36", "Beitrag von invest4 » Sa 24. Feb 2024, 17:12",
        "seth schrieb: Mo 22. Jan 2024, 18:07", "von seth » 22.01.2024, 18:07",
        "Max Mustermann am 3. März 2024 um 10:15 Uhr",
        # a forum thread's header
        "• Thread starter lulug30", "Thread starter tomashusner@hotmail.com", "Ersteller Hans Meier")
]


@pytest.mark.parametrize("line, reason", FURNITURE)
def test_post_and_shop_furniture_is_recognised(line, reason):
    assert control_label(norm(line)) == reason


@pytest.mark.parametrize("line", [
    # sentences and headlines holding the same words
    "8 min read: How to Choose Daypacks",  # a teaser's headline after it
    "The walk takes 5 minutes to read the signs along the way.",
    "Read the 5 min guide",
    "Reading time matters less than you think.",
    "My browser does not support video well, so I play every file I download in a separate player.",
    "Thank you! Your support has kept this newsletter free for ten years.",
    "Back to blogging after a long break, I wrote about the garden first.",
    "Shop now and pay later: how the new credit rules work",
    "The lamp costs $29 at most stores, and less online.",
    "Get a demo", "Cancel",  # references keep them on a few pages
    "12 reviews of the best laptops for students",
    "The hotel is rated 4.5 out of 5 by its guests, higher than any other in town.",
    "Published March 3, 2024 at 10:15 am",
    "The meeting on March 3, 2024 at 10:15 am was the first in a year.",
    "The page was last edited by the committee in 2020.",
    "Updated Cash Straps, Money Clips, AirTag Attachments make for a system that evolves in style.",
    "Last updated March 3, 2025 by Erik Demaine. — Accessibility",
    "Updated guidance was published on March 5, 2026 after the inquiry.",
    "The sale price of the house was $2 million, the agent said.",
    "Regular price increases are part of the contract.",
    "Written by the students of class 5B as part of their project.",
    "Written by a team of experts, the book covers every topic.",
    # lines that references keep on some pages, left out of the rules
    "Get a quote",  # a moving-cost page's reference keeps it beside each company
    "Get in touch",  # a naive scrape's line for the link ending "Want an app built? Get in touch."
    "4.6 out of 5 stars", "1,113 ratings",  # shop pages' references keep them with the product
    "Buy on Amazon",  # buying guides' references keep it under each product
    "Dec 12, 2021 at 12:47",  # a Q&A site's "answered …", which its references keep
    "answered May 2, 2009 at 1:36",
    "Wed Dec 27, 2023 11:04 am",  # a forum's date under each post, kept by its references
    "Mi 27. Dez 2023, 11:04", "Die Sitzung am 3. März 2024 um 10:15 Uhr",
    "Kickoff Saturday, March 3, 2024 at 7:00 pm", "The meeting was moved to January 3, 2025, 7:30pm",
    "Reactions: the crowd cheered and booed", "#1 · The best pick of the year",
    "Edited June 19, 2024 by ColdJ",  # a forum's references keep its edit notes on some pages
    "The Last Reply", "Her last reply was short.", "Leave a reply below and cancel your reply at any time.",
    "Start date for the project is not yet known", "Ersteller des Projekts ist die Stadt Berlin und ihre Partner.",
    "Organic coffee (37) and tea (12 products) sold out in a day.",
    # sentences about the language, not the reader's browser
    "Functions provides varying levels of support for languages including C#, JavaScript, F#, Java, and Python.",
    "Please note that Anubis requires the use of modern JavaScript features that plugins like JShelter will disable.",
    "Basic workflows require no coding, but having JavaScript or API knowledge helps when building advanced logic.",
    "To enable JavaScript modules in Node, set the type field of package.json to module.",
])
def test_sentences_and_kept_shapes_stay(line):
    assert control_label(norm(line)) is None


def test_a_list_of_posts_keeps_each_teasers_reading_time():
    """An article's one reading time goes; a listing prints one per teaser, and they stay with it."""
    listing = []
    for n, title in enumerate(["Why caching is hard", "Ten years of a monolith", "Scaling the search team"]):
        listing += [title, f"Mar 0{n + 3}, 2026 · {n + 4} min read", ""]
    doc = Document.from_text("list", "list.txt", "\n".join(listing))
    assert find_controls(doc, CFG).removals == {}
    doc = Document.from_text("one", "one.txt", "\n".join(listing[:3]))
    assert find_controls(doc, CFG).removals == {1: "reading_time"}


#: A food blog's post as a text browser prints it: the recipe plugin's buttons over the story and
#: under the recipe, its rating summary and its prompt to post a photo of the dish.
RECIPE_POST = """Easy Lemon Garlic Chicken

By Sarah Jones | March 3, 2025

Jump to Recipe Print Recipe

This lemon garlic chicken is one of those weeknight dinners that tastes like you spent hours in the kitchen. The chicken is seared until golden, then finished in a bright sauce of lemon and garlic.

I first made it on a busy Tuesday when the fridge held little more than chicken thighs and a few lemons, and it has been on repeat in our house ever since, with rice or a green salad.

Ingredients

  • 4 chicken thighs
  • 2 lemons, juiced
  • 4 cloves garlic, minced

Instructions

 1. Season the chicken with salt and pepper.
 2. Sear it in a hot pan for five minutes on each side.
 3. Add the garlic and lemon juice and simmer for ten minutes.

Pin Recipe
Rate this recipe
★★★★★ 4.8 from 126 votes

Did you make this recipe? Tag @sarahcooks on Instagram and hashtag it #sarahcooks
"""
RECIPE_BUTTONS = ("Jump to Recipe Print Recipe", "Pin Recipe", "Rate this recipe", "★★★★★ 4.8 from 126 votes")


def test_a_recipe_cards_buttons_are_controls_and_its_recipe_is_not():
    lines = RECIPE_POST.splitlines()
    verdict = find_controls(Document.from_text("recipe", "recipe.txt", RECIPE_POST), CFG)
    assert {lines[i] for i in verdict.removals} == set(RECIPE_BUTTONS)
    assert set(verdict.removals.values()) == {"ui_control"}


def test_a_recipe_post_keeps_its_title_and_recipe_and_loses_the_cards_buttons():
    result = clean_bytes(RECIPE_POST.encode(), "recipe", "recipe.txt", "text", CFG)
    assert result.document.metadata["title"] == "Easy Lemon Garlic Chicken"  # not the buttons under it
    assert not any(button in result.text for button in RECIPE_BUTTONS) and "Did you make" not in result.text
    for kept in ("4 cloves garlic, minced", "Add the garlic and lemon juice and simmer for ten minutes.",
                 "Ingredients", "Instructions", "it has been on repeat in our house ever since"):
        assert kept in result.text


def test_a_labels_words_inside_a_naive_scrapes_kept_sentence_stay():
    """A naive scrape prints an inline code span on a line of its own: "---" between "the comments
    after the" and " marker are ignored" is the sentence's word, not a horizontal rule, and
    "quote" in "Go will add the" / "quote" / " module" no quote button; a rule between two
    paragraphs still goes."""
    lines = ["Everything in the comments after the", "---", " marker is ignored by the patch tools.", "",
             "Go will add the", "quote", " module as a requirement of your own module.", "", "---", "",
             "A paragraph after the rule."]
    doc = Document.from_text("t", "t.txt", "\n".join(lines))
    assert find_controls(doc, PipelineConfig()).removals == {8: "separator_line"}
    off = replace(PipelineConfig(), controls=replace(PipelineConfig().controls, sentence_pieces=False))
    assert find_controls(doc, off).removals == {1: "separator_line", 5: "ui_control", 8: "separator_line"}
