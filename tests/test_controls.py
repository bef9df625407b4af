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
    "Reactions:", "Quote", "Hide",
])
def test_control_labels_are_recognised(line):
    assert control_label(norm(line)) == "ui_control"


@pytest.mark.parametrize("line", [
    "Acme logo", "Japan Airlines logo white", "Compare Module Icon", "• Security shield protection icon",
    "enter image description here",
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
])
def test_sentences_about_pictures_stay(line):
    assert control_label(norm(line)) is None


def test_form_fields_as_w3m_prints_them_go_and_checkbox_items_stay():
    for line in ("First Name * [ ]", "Email Address *[ ]", "Email Address: [____________]", "[ ][Submit]", "Submit [ ]",
                 "Name [          ]"):
        assert control_label(norm(line)) == "ui_control", line
    for line in ("[ ] I agree to the terms", "[ ] Buy milk", "See [1]", "int values[ ]", "Optional[]", "conditions: []"):
        assert control_label(norm(line)) is None, line


def test_placeholder_text_goes_and_a_sentence_naming_it_stays():
    assert control_label(norm("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.")) \
        == "placeholder_text"
    assert control_label(norm("The designer's mock-up still said lorem ipsum where the headline belonged.")) is None


def test_an_empty_ad_slot_goes_and_inserted_text_stays():
    """w3m prints <ins> as [INS:…:INS]: empty, it is an ad slot; with text (a new price), text."""
    assert control_label(norm("[INS::INS]")) == "advertisement"
    assert control_label(norm("[INS::INS] [INS::INS]")) == "advertisement"
    assert control_label(norm("[INS:$23.97:INS]")) is None


def test_a_product_grid_loses_its_buttons_and_keeps_its_products():
    doc = Document.from_text("grid", "grid.txt", "\n".join(GRID))
    verdict = find_controls(doc, CFG)
    assert verdict.removals == {2: "ui_control", 3: "ui_control", 7: "ui_control", 8: "ui_control",
                                10: "ui_control"}
    off = replace(CFG, controls=replace(CFG.controls, enabled=False))
    assert find_controls(doc, off).removals == {}


def test_the_pipeline_logs_each_label_with_its_reason():
    article = [
        "The new library opens on Monday after three years of building work and a long fight over its cost.",
        "Click to expand...",
        "City library logo white",
        "Readers will find twice as many books as in the old building, and a room for children's events.",
        "2 likes",
    ]
    result = clean_bytes("\n".join(article).encode(), "t", "t.txt", "text", CFG)
    removed = {r.text: (r.reason, r.step) for r in result.document.removals}
    assert removed["Click to expand..."] == ("ui_control", "ui_controls")
    assert removed["2 likes"] == ("ui_control", "ui_controls")
    assert removed["City library logo white"] == ("image_alt", "ui_controls")
    assert article[0] in result.text and article[3] in result.text
