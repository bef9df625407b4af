"""Labels of a page's buttons and widgets that survive the classifier.

A page's controls print their labels as lines of their own: "Show more", "Click to expand...",
"Add to cart", "Quick view", "Play video", "Loading...", a forum post's "2 likes". In a list of
products or posts they stand between the items the page is about, in the same short shape, so a
line model that judges a line by its shape and its neighbours keeps them along with the items.
Nothing they say is text: each is one of a closed set of phrases, matched whole (after bullets,
brackets and case are set aside), so a sentence that merely contains one stays. English, German,
French and Spanish.

The set holds only labels that no development page's reference text keeps as a line; "Learn
more", "Table of contents" and "Frequently asked questions" are left out because references often
keep them (as a link's text or a heading).

This step runs after the line classifier, over every page (text dumps and extracted HTML), so
the model's training candidates stay as they were. Reason code: ``ui_control``.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict

#: Button and widget labels, lower-cased, with single spaces.
CONTROL_LABELS = frozenset({
    # showing more or less of a list, a post or a text
    "show more", "show less", "show all", "view more", "view less", "view all", "see more", "see less", "see all",
    "load more", "read less", "expand", "collapse", "expand all", "collapse all", "click to expand...",
    "click to expand", "click to collapse", "tap to expand", "view details", "view transcript", "previous next",
    "mehr anzeigen", "weniger anzeigen", "alle anzeigen", "mehr laden", "ausklappen", "einklappen", "details anzeigen",
    "voir plus", "voir moins", "afficher plus", "afficher moins", "voir tout", "tout afficher", "charger plus",
    "ver más", "ver menos", "mostrar más", "mostrar menos", "ver todo", "cargar más",
    # media players and loading states
    "play video", "pause video", "unmute", "fullscreen", "full screen", "exit fullscreen",
    "loading...", "loading…", "loading", "refresh browser", "video abspielen", "wird geladen...", "wird geladen…",
    "lädt...", "lire la vidéo", "chargement...", "chargement…", "reproducir vídeo", "reproducir video",
    "cargando...", "cargando…",
    # a shop's buttons on each product
    "add to cart", "add to bag", "add to basket", "add to wishlist", "add to wish list", "add to favorites",
    "add to favourites", "add to compare", "quick view", "quick shop", "select options", "choose options",
    "continue shopping", "view cart", "skip listing", "in den warenkorb", "zum warenkorb", "auf die merkliste",
    "auf den merkzettel", "schnellansicht", "ajouter au panier", "aperçu rapide", "añadir al carrito",
    "agregar al carrito", "vista rápida",
    # a blog's like button and its counter
    "like this:", "like loading...", "like loading…",
})
#: A post's reaction counter: "1 like", "12 likes", "3 reactions".
_REACTION_COUNT = re.compile(r"\d{1,6} (?:likes?|reactions?|gefällt mir|j'aime|me gusta)")
_FRAME = " \t•*·-–—|>[]()"


def control_label(text: str) -> bool:
    """Whether a line's text (``norm``) is one whole control label (``CONTROL_LABELS``) or a
    reaction counter."""
    if len(text) > 40:  # longer than any label with its frame: most lines end here
        return False
    key = " ".join(text.strip(_FRAME).split()).lower()
    return key in CONTROL_LABELS or _REACTION_COUNT.fullmatch(key) is not None


def find_controls(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove kept lines that are a button's or widget's label."""
    verdict = Verdict()
    if not config.controls.enabled:
        return verdict
    texts = doc.texts()  # by line index: ``norm`` of each line
    for index in doc.kept_content_indices():
        if control_label(texts[index]):
            verdict.remove(index, "ui_control")
    return verdict
