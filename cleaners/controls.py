"""Labels of a page's buttons, widgets and icons that survive the classifier.

A page's controls print their labels as lines of their own: "Show more", "Click to expand...",
"Add to cart", "Quick view", "Play video", "Loading...", a forum post's "2 likes", a recipe
card's "Jump to Recipe Print Recipe" and "4.8 from 126 votes". In a list of
products or posts they stand between the items the page is about, in the same short shape, so a
line model that judges a line by its shape and its neighbours keeps them along with the items.
Nothing they say is text: each is one of a closed set of phrases, matched whole (after bullets,
brackets and case are set aside), so a sentence that merely contains one stays. English, German,
French and Spanish.

The set holds labels that the development pages' reference texts keep as a line on a handful of
pages at most (17 lines of 1,427 references, "Show more" on 7 of them), against about 90 pages
whose kept text they cluttered; "Learn more" and "Frequently asked questions" are left out
because references often keep them (as a link's text or a heading). A table of contents'
heading is for the ``table_of_contents`` step (``cleaners.contents``), which reads the list
after it.

A text dump also prints an image's alternative text where the image was, and a page's logos
and icons are named as such: "Acme logo white", "Compare Module Icon", Stack Overflow's default
"enter image description here". Other images are described the way accessibility guides (and
the tools that write such texts) word it, "Close up of …", "A top-down view of …", "Screenshot of
…", and a gallery counts its pictures ("Picture 2 of 9"). Those lines name or describe a picture
and never say anything of the page's own; one line of the development pages' references is one
(a screenshot's description kept as its caption). A form's text field prints as its label and a
box, "First Name * [ ]", and a page built from a template may still hold its placeholder text,
"Lorem ipsum dolor sit amet…".

A horizontal rule printed as text, one character repeated ("______", "━━━━", "* * *"), holds no
word: it goes as ``separator_line``.

w3m prints an ``<ins>`` element as ``[INS:…:INS]``; an empty one, ``[INS::INS]`` (lynx:
``[INS: :INS]``), is nearly always an ad slot left empty (AdSense's ``<ins class="adsbygoogle">``),
and holds no text.

A post's own furniture comes in fixed shapes too: its reading time ("8 min read", "Lesezeit: 4
Minuten"), a forum post's edit note ("Last edited by NAME (2024-08-04 16:47:41)"), a comment's
timestamp ("March 3, 2024 at 10:15 am"), a "Last updated: DATE" line, an author line away from
the head ("Written by NAME on DATE"), a forum thread's header ("Thread starter NAME", "Start date
DATE") and a post's tool bar ("1 Reply Last reply Reply Quote 0"), a shop's price widget ("Sale
price $74.95"), and the lines a page prints where the browser cannot play its video or runs no
script ("Please enable JavaScript to view the comments") or a form builder keeps hidden under
every form ("Thank you! Your submission has been received!").

This step runs after the line classifier, over every page (text dumps and extracted HTML), so
the model's training candidates stay as they were. Reason codes: ``ui_control`` (a button's or
widget's label, a form's field or status line, a price widget, a member's counters, a media
fallback), ``image_alt`` (an image's alternative text or a gallery's counter),
``placeholder_text`` (a template's placeholder text), ``separator_line`` (a horizontal rule),
``advertisement`` (an empty ad slot), ``reading_time``, ``edit_note``, ``date_line`` (a comment's
timestamp, a last-updated line) and ``byline`` (an author line).
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.text import keep_sentence_pieces
from cleaners.metadata import is_date_only
from cleaners.patterns import RECIPE_BUTTON, ends_sentence

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
    # a blog's like button and its counter; a forum's buttons
    "like this:", "like loading...", "like loading…", "quote", "jump to latest", "expand topic overview",
    "help & report", "explore now", "see all features", "reactions:", "edited", "click to shrink...",
    "click to shrink…", "more sharing options...", "more sharing options…",
    # bare buttons ("click here" and "download" are left out: a naive scrape breaks a sentence
    # at its links, and those are the words of a link inside a sentence)
    "hide", "sign up for free", "get started for free",
    # a post's way back to the list it came from, and a forum's prompt to sign in under a thread
    "back to blog", "back to blogs", "back to the blog", "back to all posts", "back to posts", "back to news",
    "back to articles", "back to all articles", "zurück zum blog", "zurück zur übersicht", "retour au blog",
    "volver al blog",
    # the links to the post before and after in German, French and Spanish ("Previous article" in
    # English is ``boilerplate``'s, before the classifier; the single words are left out: a naive
    # scrape's link text inside a sentence, "… und kehrte zurück")
    "vorheriger artikel", "nächster artikel", "vorheriger beitrag", "nächster beitrag",
    "article précédent", "article suivant", "artículo anterior", "artículo siguiente",
    "create an account or sign in to comment", "sign in to comment", "log in to comment",
    "login to comment", "you need to be a member in order to leave a comment",
    "sign up for a new account in our community. it's easy!", "sign up for a new account in our community. it’s easy!",
    "already have an account? sign in here.", "already have an account? sign in", "already have an account? log in",
    "already have an account? login", "already have an account? sign in to comment",
    "looks like you already have an account! please log in to subscribe.",
    "vous avez déjà un compte ? connectez-vous", "¿ya tienes una cuenta? inicia sesión",
    "sie haben bereits ein konto? anmelden", "bereits registriert? anmelden",
    "register a new account", "you must log in or register to reply here.",
    "you must log in or sign up to reply here.",
    # WordPress's comment form heading with its link to cancel a reply inside it
    "leave a reply cancel reply", "leave a replycancel reply", "leave a comment cancel reply",
    "leave a commentcancel reply", "submit a comment cancel reply", "post a comment cancel reply",
    "schreibe einen kommentar antworten abbrechen", "laisser un commentaire annuler la réponse",
    "deja una respuesta cancelar la respuesta",
    # a shop's, a review site's or a service's call to action as a button of its own ("Get a quote",
    # "Learn more", "Get in touch", "Try for free" and a buying guide's "Buy on Amazon" under each
    # product are left out: references keep them on some pages, and a naive scrape prints a link
    # inside a sentence on a line of its own). A shop's rating widget ("4.6 out of 5 stars",
    # "1,113 ratings") is left alone too: the references of shop pages keep it with the product
    # as often as not.
    "shop now", "buy now", "download now", "book a demo",
    "request a demo", "book a consultation", "sign me up", "sign me up!", "read the review", "read full review",
    "read our review", "jetzt kaufen", "jetzt bestellen", "demo buchen",
    "acheter maintenant", "comprar ahora", "unit price / per", "start now", "see details", "more info",
    "write a review",
    # a carousel's and a widget's buttons, a forum profile's labels
    "previous slide", "next slide", "toggle", "view illustrations", "joined", "views",
    # a news page's buttons around its photos and over its text: a caption's toggle, the article
    # read aloud, a gift link, a copied link
    "hide caption", "show caption", "toggle caption", "enlarge this image", "open this photo in gallery:",
    "listen to this article", "listen to this story", "listen to article", "listen to the article",
    "gift this article", "gift article", "share full article", "link copied", "link copied!", "copy link",
    "skip advertisement", "print this page", "print article", "save article", "save story",
    "artikel anhören", "artikel vorlesen", "artikel verschenken", "link kopiert", "link kopieren",
    "écouter cet article", "écouter l'article", "copier le lien", "lien copié", "escuchar artículo",
    "escuchar este artículo", "copiar enlace", "enlace copiado",
    # a documentation page's buttons: its code blocks' copy button (not a bare "copy" or "copied":
    # a naive scrape prints a link's text inside a sentence on a line of its own), its feedback
    # widget (not its "Yes No": a comparison table's cells read the same), its edit link
    "copied!", "copy code", "copy to clipboard", "copied to clipboard", "copied to clipboard!",
    "was this page helpful?", "was this article helpful?", "was this helpful?", "is this page helpful?",
    "did this page help you?", "was this information helpful?", "thanks for your feedback!",
    "thank you for your feedback!", "thanks for your feedback", "thank you for your feedback", "edit this page",
    "edit this page on github", "edit on github",
    "improve this page", "report an issue", "war diese seite hilfreich?", "war dieser artikel hilfreich?",
    "seite bearbeiten", "cette page vous a-t-elle été utile ?", "cette page vous a-t-elle été utile?",
    "¿te ha resultado útil esta página?", "¿fue útil esta página?",
    # a page's skip links, menu and close buttons, and an article's tool bar, in the forms the
    # boilerplate vocabularies (read before the classifier) lack, German, French and Spanish most
    # (not a bare "Back" or "Zurück": a naive scrape's link text from inside a sentence)
    "zum inhalt springen", "zur navigation springen", "zum hauptinhalt springen", "direkt zum inhalt",
    "aller au contenu", "aller au contenu principal", "ir al contenido", "saltar al contenido",
    "menü", "menü öffnen", "menü schließen", "navigation öffnen", "schließen", "fermer", "cerrar",
    "zum seitenanfang", "nach oben scrollen", "diesen artikel teilen", "per e-mail teilen", "auf facebook teilen",
    "seite teilen", "seite drucken", "artikel drucken", "artikel merken", "partager cet article",
    "partager sur facebook", "imprimer l'article", "compartir en facebook", "imprimir artículo", "share on x",
    "print this article", "jump to comments", "go to comments", "zum kommentarbereich", "zu den kommentaren",
    "aller aux commentaires", "ir a los comentarios", "report an error", "report a correction", "fehler melden",
    "fehler gefunden?", "signaler une erreur", "bild vergrößern", "enlarge image",
    "view gallery", "zur bildergalerie", "voir la galerie", "agrandir l'image", "ampliar imagen",
    "audio abspielen", "artikel vorlesen lassen", "play audio", "open in app", "in der app öffnen",
    "ouvrir dans l'application",
    # share and read-aloud buttons the lists above lack (German ones most), a teaser's "to the
    # article" link and the link back to the home page
    "share on whatsapp", "auf whatsapp teilen", "teilen auf facebook", "bei facebook teilen", "auf x teilen",
    "per whatsapp teilen", "diesen artikel vorlesen lassen", "diesen artikel anhören", "zum artikel",
    "zur startseite", "zurück zur startseite", "retour à l'accueil", "volver al inicio", "back to home",
    "back to homepage",
    # a comment section's and a gallery's buttons ("Show comments" is boilerplate's)
    "kommentare anzeigen", "alle kommentare anzeigen", "afficher les commentaires", "voir les commentaires",
    "ver comentarios", "mostrar comentarios", "view all photos", "see all photos", "alle bilder anzeigen",
    "voir toutes les photos", "ver todas las fotos",
    # a comment's and a form's buttons in the forms the boilerplate vocabularies lack ("Reply", "Like",
    # "Post Comment" are theirs)
    "antworten", "répondre", "responder", "gefällt mir", "j'aime", "me gusta", "kommentar absenden",
    "publier le commentaire", "publicar el comentario", "laden...", "weitere laden", "zum warenkorb hinzufügen",
})
#: A recipe card's buttons: the WordPress recipe plugins that most food blogs use print them
#: over and under every recipe, often two or three to a line ("Jump to Recipe Print Recipe",
#: "Pin Recipe", "Rate this Recipe"), and its rating summary ("★★★★★ 4.8 from 126 votes",
#: "No ratings yet"); a bare "Print" or "Share" beside them is the same bar's. Each is the
#: plugin's own label (``patterns.RECIPE_BUTTON``); a sentence that names a recipe reads otherwise.
_RECIPE_BUTTONS = re.compile(rf"(?:(?:print|pin|save|share|e-?mail)\s*[|·•/–-]?\s*)*"
                             rf"{RECIPE_BUTTON}!?(?:\s*[|·•/–-]?\s*(?:{RECIPE_BUTTON}!?|print|pin|save|share|e-?mail))*")
_RECIPE_RATING = re.compile(r"(?:[★☆]+\s*)?(?:\d(?:[.,]\d{1,2})? (?:from|aus|sur|de) \d[\d,.]* "
                            r"(?:votes?|reviews?|ratings?|stimmen|bewertungen|avis|votos)|no ratings yet)")
#: The status lines a form builder prints under every form, hidden until it is sent (Webflow's
#: defaults, which sites keep word for word): "Thank you! Your submission has been received!",
#: "Oops! Something went wrong while submitting the form."
_FORM_STATUS = re.compile(r"(?:thank you|thanks)[!.,]? your submission has been received[!.]?"
                          r"|oops[!.,]? something went wrong while submitting the form[.!]?")
#: What a page prints where the browser cannot play its video or audio ("Your browser does not
#: support the video tag.", WordPress's "Sorry, your browser doesn't support embedded videos.",
#: "Media playback is unsupported on your device"),
#: found anywhere in a short line (even glued to the word before it: a text browser prints it
#: right after the heading above the player, "Results OverviewYour browser does not …").
_MEDIA_FALLBACK = re.compile(
    r"(?:sorry, )?your browser (?:does not|doesn[’']t|do not|don[’']t|cannot|can[’']t) (?:support|play)(?: the| this| embedded| html5)?"
    r" (?:video|audio|videos|media)(?: (?:tag|element|file|format)s?)?\b[.!]?"
    r"|\bihr browser unterstützt (?:das video-tag|kein html5[- ]video|keine videos?|das audio-element) nicht\b"
    r"|\bmedia playback is (?:unsupported|not supported) on your device\b",
    re.I,
)
_MAX_FALLBACK_WORDS = 16
#: What a page prints where the browser runs no script, each sentence in one of the forms sites
#: word it: "Please enable JavaScript to view the comments powered by Disqus.", "JavaScript is
#: disabled. For a better experience, please enable JavaScript in your browser before
#: proceeding.", "This site requires JavaScript to run correctly.", "Powered by Discourse, best
#: viewed with JavaScript enabled", "Your browser does not seem to support JavaScript.", German
#: "Bitte aktivieren Sie JavaScript", French "Veuillez activer JavaScript", Spanish "JavaScript
#: está desactivado". A sentence about the language ("Functions supports JavaScript, F# and
#: Python", "Anubis requires the use of modern JavaScript features") names no reader's browser,
#: page or setting and stays.
_SCRIPT_FALLBACK = re.compile(
    r"(?:^|[.!?:,]\s+|\s{2,})(?:"
    r"(?:please |kindly )?(?:(?:sadly|unfortunately),? )?(?:you (?:must|need to|have to|should|will need to) )?"
    r"(?:enable|turn on|activate|switch on|allow) (?:your |the )?java ?script\b"
    r"|(?:please )?(?:ensure|make sure|check) (?:that )?java ?script is (?:enabled|turned on)"
    r"|(?:notice: )?java ?script (?:is|seems to be|appears to be|must be|needs to be) "
    r"(?:disabled|required|not enabled|not available|turned off|switched off|enabled|needed)\b"
    r"|(?:this|the|our) (?:web ?)?(?:site|page|app|application|content|slideshow|gallery|form|feature|player|video|map"
    r"|store|shop|comments?|comment section|tool|calculator)(?: \w+)? (?:requires|needs|relies on|works best with) java ?script"
    r"|loading (?:the )?comments relies on java ?script"
    r"|(?:this (?:web ?)?(?:site|page) (?:is )?)?best viewed (?:in a modern browser )?with java ?script enabled"
    r"|your browser (?:does not|doesn[’']t|do not|don[’']t|cannot|can[’']t) (?:seem to )?(?:support|run|have) java ?script"
    r"|(?:please )?(?:download|use|upgrade to|switch to) a (?:modern )?browser that supports java ?script"
    r"|without java ?script(?: enabled)?, you"
    r"|you (?:must|need to) have java ?script enabled"
    r"|(?:by|after) enabling java ?script"
    r"|bitte (?:aktivieren sie|aktiviere) (?:ihr |dein )?javascript|javascript (?:ist|wurde) deaktiviert"
    r"|bitte javascript aktivieren|veuillez activer (?:le )?javascript|javascript est désactivé"
    r"|(?:por favor,? )?(?:habilite|active|activa|habilita) (?:el )?javascript|javascript está (?:deshabilitado|desactivado)"
    r")",
    re.I,
)
_MAX_SCRIPT_FALLBACK_WORDS = 30
#: A reading-time estimate on a line of its own, after a date or a byline and a separator at
#: most: "8 min read", "Jun 08, 2023 • 11 Minute Read", "·Nov 7, 2025·11 min read",
#: "Lesezeit: 4 Minuten", "5 min de lecture". A sentence that gives a duration reads otherwise
#: ("The walk takes 5 minutes").
_READING_TIME = re.compile(
    r"(?:[^.!?]{0,40}?[·•|/—–-]\s*)?"
    r"(?:(?:est(?:imated)?\.? )?(?:reading time|read time|lesezeit|lesedauer|temps de lecture|tiempo de lectura"
    r"|tempo de leitura)\s*[:：]?\s*(?:ca\. |~ ?|about )?\d{1,3}\s*(?:min(?:ute)?s?|minuten|mins?\.?|minutos)\.?"
    r"|\d{1,3}\s*(?:-| )?(?:min(?:ute)?s?\.?|minuten|minutos|m) (?:read|reading|lesezeit|lesedauer|de lecture"
    r"|de lectura|de leitura|lectura|leitura)(?: time)?)",
    re.I,
)
_READING_HINT = re.compile("read|lese|lectu|leitu")
#: An article prints its reading time once or twice (over the text, in a sticky header); a page
#: that prints more is a list of posts, each teaser with its date and reading time, and the
#: references keep those lines with the list they belong to.
MAX_READING_TIMES = 2
#: A widget's counter on a line of its own: a post's reactions and replies ("12 likes", "3 reactions",
#: "12 replies", "and 12 others"), a shop's price button, a forum member's counters.
_REACTION_COUNT = re.compile(r"\d{1,6} (?:likes?|reactions?|gefällt mir|j'aime|me gusta|repl(?:y|ies))"
                             r"|and \d{1,6} others?"  # "… and 12 others" liked it
                             # a shop's button with its price ("$29 at Amazon", "£24.99 at Argos")
                             r"|[$€£]\d[\d.,]{0,9} at [\w&.'’ -]{2,30}"
                             # a forum member's counters beside each post ("Posts: 1,204", "12.3k reputation")
                             r"|(?:posts|replies|views|reputation|messages|reaction score|beiträge|antworten|mensajes|respuestas)"
                             r"[: ]+[\d.,]{1,9}k?"
                             r"|[\d.,]{1,9}k? (?:posts|replies|views|reputation|messages|beiträge|mensajes|respuestas)")
#: A comment's timestamp as blogs print it over each comment ("March 3, 2024 at 10:15 am",
#: WordPress's default): a line of its own holding nothing else. An article's own date line is
#: worded otherwise ("Published March 3, 2024", "Updated 10:15 am"). An abbreviated month needs the
#: 12-hour clock: a Q&A site prints "answered Dec 12, 2021 at 12:47", and its references keep it.
_COMMENT_TIMESTAMP = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}, \d{4},?"
    r" (?:at|@) \d{1,2}:\d\d(?: ?[ap]\.?m\.?)?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.? \d{1,2}, \d{4},? (?:at|@) \d{1,2}:\d\d ?[ap]\.?m\.?"
    r"|\d{1,2} (?:january|february|march|april|may|june|july|august|september|october|november|december) \d{4},?"
    r" (?:at|@) \d{1,2}:\d\d(?: ?[ap]\.?m\.?)?"
)
#: A shop's price widget, its labels with their amounts and nothing else ("Sale price $74.95",
#: "Regular price [S: $349.95 :S]", "Sale price: $24.50Original price: $35.00Limited Time!",
#: "Sale Price USD 55.25 USD 55.25"): shop pages' references keep the product's text, not these.
_AMOUNT = r"(?:(?:[$€£¥₹]|usd|eur|gbp|cad|aud|chf)\s?)?\d[\d.,]*(?:\s?(?:[$€£]|usd|eur|gbp|chf))?"
_PRICE_WIDGET = re.compile(
    rf"(?:(?:sale|regular|original|current|list|retail|compare at) price(?: was| is)?:?\s*(?:from\s*)?"
    rf"(?:{_AMOUNT}|\[s:\s*(?:{_AMOUNT})?\s*:s\])?\s*(?:{_AMOUNT}\s*)?)+(?:limited time!?)?"
)
#: An author line printed away from the article's head ("Written by Cassidy Horton", "Written
#: by Kyle Bonds on August 7, 2025", "Written by:"): names and a date, no sentence.
_WRITTEN_BY = re.compile(r"(?:written by|geschrieben von|écrit par|escrito por)\b:?\s*(?P<rest>.*)", re.I)
_MAX_WRITTEN_BY_WORDS = 16
_WRITTEN_BY_LABELS = ("written by", "geschrieben von", "écrit par", "escrito por")
_EDIT_NOTE_LABELS = ("last edited", "zuletzt", "dernière modification", "última edición", "editado por")
#: Longer than any price widget, author line, edit note or last-updated line (with two prices
#: and a forum's "edited N times in total." they stay under about 160 characters).
_MAX_FURNITURE_CHARS = 200
#: Lower-case words of a name or a date line ("Erik van Vulpen", "on August 7", "and").
_NAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "du", "da", "di", "del", "la", "le", "el", "and",
                             "und", "et", "y", "on", "am", "at", "our", "editors", "staff"})
#: A forum post's note that it was edited, printed under it ("Last edited by Trilby
#: (2024-08-04 16:47:41)", "Last edited by Minoa on Tue Aug 27, 2019 10:03 pm, edited 1 time in
#: total.", "Zuletzt bearbeitet von …"): the post's furniture, as a byline is an article's.
_EDIT_NOTE = re.compile(r"(?:last edited by|zuletzt (?:bearbeitet|geändert) von|dernière modification par"
                        r"|última edición por|editado por última vez por)\b")
_MAX_EDIT_NOTE_WORDS = 30
#: A line saying when the page was last updated, with its date and nothing else ("Last updated:
#: January 12, 2026.", "Updated March 5, 2026", "Aktualisiert am 3. März 2024"): the page
#: header's dateline is the ``page_header`` step's; this one is printed further down, at the end
#: of an article or under each teaser of a list.
_UPDATED_LABEL = re.compile(r"(?:last |zuletzt )?(?:updated|modified|aktualisiert|mis à jour|actualizado)\b")
_UPDATED_FIRST = ("last ", "zuletzt ", "updated", "modified", "aktualisiert", "mis à jour", "actualizado")
#: An image's alternative text naming a logo or an icon ("Acme logo", "Compare Module Icon",
#: "Acme Air logo white": a name of up to three words, not a phrase such as "our new logo"), or
#: the default one an editor leaves.
_IMAGE_ALT = re.compile(r"(?!(?:the|a|an|our|their|its|his|her|my|your|new|old|das|der|die|le|la|el|un|une|ein|eine) )"
                        r"(?:[\w&.'’-]+ ){1,3}(?<!new )(?<!old )(?:logo|icon)(?: (?:white|black|dark|light|colou?r|image|svg|png))?"
                        r"|enter image description here")
#: A user's picture as a forum, a review site or a comment thread names it: "User avatar", "Vivian
#: De Smedt's user avatar", "Avatar for AndrewN", "H&M Movers Profile Image", "NAME profile picture".
_AVATAR_ALT = re.compile(r"(?!.*\b(?:how|to|your|my|our|the|a|an|choose|change|update|set|upload|add|new|best|with|in|on)\b)"
                         r"(?:[\w&.'’@-]+ ){0,5}(?:(?:user|author|member)(?:['’]s)? avatar|profile (?:picture|photo|image|pic))"
                         r"|(?:[\w&.'’@-]+['’]s )?avatar|avatar (?:for|of) [^.!?]{1,40}|\[avatar\]")
#: An image's alternative text that only says it is one, as a CMS fills it in ("Image", "Featured
#: image", "Screenshot", "Bild"), capitalised: a lower-case "image" alone is a line of code (a
#: container image's key in a configuration file, which documentation pages' references keep).
_IMAGE_LABELS = frozenset((
    "image", "picture", "photo", "screenshot", "thumbnail", "featured image", "hero image", "product image",
    "placeholder image", "image placeholder", "banner image", "main image", "header image", "cover image",
    "bild", "foto", "grafik", "vorschaubild", "titelbild", "beitragsbild", "imagen", "immagine",
))
#: An image's alternative text that describes it, as accessibility guides (and the tools that
#: write such texts) word it: "Close up of a woman's hands …", "A top-down view of a casserole
#: dish …", "Screenshot of the settings page", "Illustration of a brain-shaped network". A
#: sentence of an article that starts this way is rare ("A more balanced view of …", "This view
#: of the valley …" do not match).
_IMAGE_DESCRIPTION = re.compile(
    r"(?:an? )?(?:close[- ]up|(?:top[- ]down|overhead|high[- ]angle|low[- ]angle|aerial|side|front|top) (?:view|shot)"
    r"|(?:digital |abstract )?illustration(?: photo)?|screenshot) (?:of|shows|showing)\b"
    r"|(?:digital |stock |abstract )?(?:image|photo(?:graph)?|picture|rendering)(?: photo)? (?:depicts|of "
    r"(?!the (?:day|week|month|year)\b)(?:an?|the|two|three|four|several|some|his|her|their|our|my)\b)"
    r"|(?:nahaufnahme|screenshot|illustration|abbildung) (?:von|eines|einer|des|der)\b"
    r"|(?:gros plan|capture d['’]écran|illustration) (?:de|d['’]|du|des|sur)"
    r"|(?:primer plano|captura de pantalla|ilustración) (?:de|del)\b",
    re.I,
)
#: A gallery's counter: "2 of 9" after a word that names what it counts (``_COUNTED``), as in
#: "Picture 2 of 9" or "Alt view image 17 of 17 - …".
_COUNT_OF = re.compile(r"\b[0-9]{1,3} (?:of|von|sur|de) [0-9]{1,3}\b")
_COUNTED = frozenset({"image", "picture", "photo", "slide", "bild", "foto", "diapositive", "imagen"})
_MAY_COUNT = re.compile(r"[0-9] (?:of|von|sur|de) [0-9]")  # what every ``_COUNT_OF`` holds, found fast
_MAX_COUNTER_WORDS = 40  # a gallery's counter, glued to an image's name at most
_MAX_COUNTER_CHARS = 400  # a counter glued to an image's name is shorter (a cheap test before the regex)
#: A photo's scene as alternative text describes it, which a text browser prints where the image
#: was: who or what ("A person", "Two hikers", "A bowl of soup", at most five words) and what they
#: are doing or how the dish is dressed ("sitting in a chair using their MacBook Air", "garnished
#: with green onions"; not after a preposition: "A guide to sitting less"), or the backdrop of a
#: product shot ("against a white background"); with no sentence's end after it
#: (``_SCENE_MAX_WORDS`` words at most). English only: the participle is the tell, where German
#: or French alternative text uses a finite verb, as a headline does.
_SCENE_DESCRIPTION = re.compile(
    r"(?:an?|two|three|four|several) (?:[\w’'-]+,? ){0,5}?"
    r"(?<!\bto )(?<!\bof )(?<!\bfor )(?<!\bon )(?<!\bin )(?<!\bat )(?<!\bby )(?<!\babout )(?<!\bwithout )"
    r"(?:sitting|standing|holding|wearing|smiling|walking|posing"
    r"|lying|leaning|looking (?:at|out|into)|staring|typing|laughing|hugging|overlooking"
    r"|(?:topped|garnished|drizzled|sprinkled) with"
    r"|against an? (?:white|black|blue|gr[ae]y|dark|light|pink|green|yellow|plain|colou?rful)[\w ]{0,12} background"
    r"|on an? (?:white|black|wooden|marble|plain|dark|light) (?:background|surface|table|plate|countertop))\b",
    re.I,
)
_SCENE_FIRST = frozenset("a an two three four several".split())
_SCENE_MAX_WORDS = 30
#: The first words ``_IMAGE_DESCRIPTION`` can start with (lower case): a cheap test before it.
_IMAGE_DESCRIPTION_FIRST = frozenset(
    "a an close close-up top overhead high low aerial side front digital stock abstract illustration image photo "
    "photograph picture screenshot rendering nahaufnahme abbildung gros capture primer captura ilustración".split()
)
#: A template's placeholder text, which a page left in where its own text was to go (itself, not
#: a sentence that names it).
_PLACEHOLDER = re.compile(r"\blorem ipsum dolor sit\b", re.I)
#: A form's text field as w3m prints it, ``[    ]``, with its label ("First Name * [ ]", "Email
#: Address: [______]"), or its submit button ("[ ][Submit]"), and a one-field form with its label
#: and button ("Email Address[ ][Subscribe]", "Email [ ]Subscribe", lynx's "____________________
#: (BUTTON) Subscribe"): a field to fill in, no text.
_FORM_BUTTON = r"(?:submit|send|search|go|subscribe|sign up|join|ok)"
_FORM_FIELD = re.compile(r"[\w .'’/-]{0,29}[\w.'’/-](?:\s*[*:]\s*|\s+)\[[ _]+\]"
                         r"|(?:[\w .'’/-]{0,29}[\w.'’/-]\s*[*:]?\s*)?(?:\[[ _]*\]|_{6,})\s*"
                         r"(?:\[" + _FORM_BUTTON + r"\]|" + _FORM_BUTTON + r"|\(BUTTON\)(?: " + _FORM_BUTTON + r")?)", re.I)
#: A forum post's header, the author's name and the post's date and time and nothing else
#: ("rimelek (Ákos Takács) November 8, 2024, 8:42pm 2", "Post by invest4 » Sat Feb 24, 2024 5:12
#: pm", "seth wrote: Mon Jan 22, 2024 6:07 pm", "Posted by: John at December 18, 2025 05:48 PM",
#: and with the day first, "Beitrag von invest4 » Sa 24. Feb 2024, 17:12", "von seth » 22.01.2024, 18:07"):
#: forums' references keep the posts, not their headers. A date and time alone stays (a forum's
#: references keep "Wed Dec 27, 2023 11:04 am" under a post), and so does a Q&A site's "answered
#: May 2, 2009 at 1:36", kept by its references.
_POST_HEADER = re.compile(
    r"(?:(?:post(?:ed)? ?by|beitrag von|verfasst von):?\s+)?(?P<name>\S.{0,60}?)"
    # a weekday only after a separator (phpBB's "» Sat Feb 24", "» Sa 24. Feb"): "Kickoff
    # Saturday, March 3" is a schedule
    r"(?:(?:\s*(?:»|wrote:|schrieb:|\|)|(?<=:))\s+"
    r"(?:(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|mo|di|mi|do|fr|sa|so)\.?,?\s+)?|\s+(?:at|am)\s+|\s+)"
    # the date: month first ("Feb 24, 2024"), day first ("24. Feb 2024", "11 Sep 2024") or in
    # figures ("22.01.2024")
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}"
    r"|\d{1,2}\.? (?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zä]*\.? \d{4}"
    r"|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})),?(?:\s+(?:at|@|-|um))?"
    r"\s+\d{1,2}:\d\d(?::\d\d)?\s?(?:[ap]\.?m\.?|uhr)?(?:\s*\|?\s*#?\d{1,5})?"
)
#: What a post header's name may not be: a Q&A site's verbs, a date's labels.
_NOT_POST_AUTHORS = frozenset({"answered", "asked", "commented", "edited", "modified", "posted", "published",
                               "updated", "created", "last", "date", "at", "stand", "aktualisiert",
                               "veröffentlicht", "erstellt", "datum", "am", "um"})
#: Nor may it hold a weekday: the date alone ("Wed Dec 27, 2023 11:04 am", kept by a forum's
#: references under each post) or a schedule ("Kickoff Saturday, March 3, 2024 at 7:00 pm").
_WEEKDAYS = frozenset({"mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
                       "thursday", "friday", "saturday", "sunday", "mo", "di", "mi", "do", "fr", "sa", "so",
                       "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"})
#: Words of a sentence that dates an event ("The meeting was moved to January 3, 2025, 7:30pm"),
#: not of a name.
_SENTENCE_WORDS = frozenset({"the", "a", "an", "is", "was", "are", "were", "be", "will", "to", "of", "in", "for",
                             "from", "with", "until", "since", "on", "der", "die", "das", "ist", "am", "um", "le", "la",
                             "les", "est", "el", "los", "es"})
_MAX_POST_HEADER_CHARS = 120
#: Who reacted to a forum post, printed under it ("Reactions: reddy, dbdemon, 3301 and 3 others",
#: XenForo's): names and a count, no sentence.
_REACTIONS = re.compile(r"reactions?: [^.!?]{1,150}(?:,[^.!?]*| and \d+ others?(?: (?:person|people|members?))?)")
#: A forum post's tool bar under it, its poster's name first at most: NodeBB's "2 Replies Last
#: reply", "idefixNI 1 Reply Last reply Reply Quote 0", a list's "Last reply 3 months ago", and
#: the thread's statistics "2.1K views 15 replies 6 participants last post by NAME Jan 8, 2026".
_POST_TOOLBAR = re.compile(
    r"(?:[^\s!?]{1,30}(?: [^\s!?]{1,30}){0,3} )?\d+ repl(?:y|ies) last reply(?: reply quote(?: \d+)?)?"
    r"|last reply reply quote(?: \d+)?"
    r"|(?:\d+ repl(?:y|ies) )?last reply \d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago"
    r"|(?:[\d.,]+k? )?views? [\d.,]+k? repl(?:y|ies) [\d.,]+k? participants? last post by .{1,80}")
#: A shop's filter as Shopify's themes print it, its visible label and count, then the same for
#: screen readers: "[ ] Organic & Fair Trade (37) Organic & Fair Trade (37 products)".
_FACET_FILTER = re.compile(r"(?:\[[ x*]\]\s*)?(?P<label>[^()]{1,60}?) \((?P<count>\d[\d,.]*)\) ?(?P=label) "
                           r"\((?P=count) (?:products?|items?|results?|produkte?|artikel|produits?|productos?|articles?)\)")
#: A forum thread's header as XenForo prints it over the first post: "Thread starter NAME", "Start
#: date Jul 18, 2024" (German "Ersteller", "Erstellt am"; French "Auteur de la discussion", "Date
#: de début"; Spanish "Autor del tema", "Fecha de inicio").
_THREAD_STARTER = re.compile(r"(?:thread starter|ersteller|auteur de la discussion|autor del tema)(?: \S+(?: \S+){0,3})?")
_THREAD_START_DATE = re.compile(r"(?:start date|erstellt am|date de début|fecha de inicio) (?P<date>.{3,40})")
#: A forum post's number and date as its header ("#1 · Jan 3, 2024").
_POST_NUMBER = re.compile(r"#\d{1,5}\s*·\s*(?P<date>.+)")
#: The characters a horizontal rule is drawn with, one of them repeated (spaces between allowed).
_RULE_CHARS = frozenset("_━─═=~*-·.•—–#+")
#: One or more empty ``<ins>`` elements as w3m ("[INS::INS]") and lynx ("[INS: :INS]") print them.
_EMPTY_INSERTION = re.compile(r"(?:\[INS: ?:INS\]\s*)+")
_BULLETS = " \t•*·-–—|>"
_FRAME = _BULLETS + "[]()«»‹›←→□■▪"  # and the arrows and boxes around a link's label


def control_label(text: str, counters: bool = True) -> str | None:
    """The reason code of a line's text (``norm``) that is one whole control label
    (``CONTROL_LABELS``), a reaction or member's counter, a form's field or status line
    (``ui_control``), an image's alternative text or a gallery's counter (``image_alt``),
    placeholder text (``placeholder_text``), a horizontal rule (``separator_line``), an empty ad
    slot (``advertisement``), a reading time (``reading_time``), a comment's timestamp
    (``date_line``) or a post's longer furniture (``post_furniture``); else None.
    ``counters=False`` skips the test for a gallery's counter (a page with no "N of M" in its kept
    text)."""
    if "orem ipsum" in text and _PLACEHOLDER.search(text):
        return "placeholder_text"
    if text[:1] in _RULE_CHARS and is_rule_line(text):
        return "separator_line"
    if image_description(text) or (counters and gallery_counter(text)):
        return "image_alt"
    low = text.lower()
    reason = post_furniture(text, low)
    if reason is not None or len(text) > 60:  # longer than any label with its frame: most lines end here
        return reason
    if _READING_HINT.search(low) and _READING_TIME.fullmatch(low.strip(_FRAME)) is not None:
        return "reading_time"
    if ":INS]" in text and _EMPTY_INSERTION.fullmatch(text.strip()):
        return "advertisement"
    if ("[" in text or "(BUTTON)" in text) and _FORM_FIELD.fullmatch(text.lstrip(_BULLETS)) is not None:
        return "ui_control"
    key = " ".join(text.strip(_FRAME).split()).lower()
    if key in CONTROL_LABELS or _REACTION_COUNT.fullmatch(key) is not None or _FORM_STATUS.fullmatch(key) is not None:
        return "ui_control"
    if ("rec" in key or "rezept" in key) and _RECIPE_BUTTONS.fullmatch(key) is not None:
        return "ui_control"
    if (" from " in key or "rating" in key or " aus " in key or " sur " in key or " de " in key) \
            and _RECIPE_RATING.fullmatch(key) is not None:
        return "ui_control"
    if " at " in key or "@" in key:
        if _COMMENT_TIMESTAMP.fullmatch(key) is not None:
            return "date_line"
    if key.endswith(("logo", "icon", "white", "black", "dark", "light", "color", "colour", "image", "svg", "png", "here")) \
            and _IMAGE_ALT.fullmatch(key) is not None:
        return "image_alt"
    if key in _IMAGE_LABELS and text.strip(_FRAME)[:1].isupper():
        return "image_alt"
    if ("avatar" in key or "profile" in key) and _AVATAR_ALT.fullmatch(key) is not None:
        return "image_alt"
    return None


def is_rule_line(text: str) -> bool:
    """A horizontal rule: one of ``_RULE_CHARS`` three times or more, with spaces between at most."""
    drawn = text.replace(" ", "")
    return len(drawn) >= 3 and drawn[0] in _RULE_CHARS and drawn.count(drawn[0]) == len(drawn)


def post_furniture(text: str, low: str) -> str | None:
    """The reason code of a line's text (``norm``; ``low``: lower-cased) that is a post's
    furniture longer than a label may be: a media or script fallback, a price widget (``ui_control``), an
    author line or a forum post's header (``byline``), an edit note (``edit_note``), a
    last-updated line or a post's number and date (``date_line``), who reacted to a post
    (``ui_control``); else None. Each is told by a word it must hold before any regex runs."""
    if ("browser" in low or "playback" in low) and len(text.split()) <= _MAX_FALLBACK_WORDS \
            and _MEDIA_FALLBACK.search(text):
        return "ui_control"
    if "script" in low and len(text.split()) <= _MAX_SCRIPT_FALLBACK_WORDS and _SCRIPT_FALLBACK.search(low.lstrip(_FRAME)):
        return "ui_control"
    if len(text) > _MAX_FURNITURE_CHARS:
        return None
    bare = low.lstrip(_FRAME)
    if " price" in low and _PRICE_WIDGET.fullmatch(low.strip(_BULLETS)) is not None:
        return "ui_control"
    if bare.startswith(_WRITTEN_BY_LABELS) and is_written_by(text):
        return "byline"
    if bare.startswith(_EDIT_NOTE_LABELS) and _EDIT_NOTE.match(bare) and len(text.split()) <= _MAX_EDIT_NOTE_WORDS:
        return "edit_note"
    if bare.startswith(_UPDATED_FIRST) and _UPDATED_LABEL.match(bare) and len(text) <= 80 and is_date_only(text):
        return "date_line"
    if len(text) <= _MAX_POST_HEADER_CHARS and ":" in text and is_post_header(bare):
        return "byline"
    if bare.startswith("reaction") and _REACTIONS.fullmatch(bare):
        return "ui_control"
    if "last " in bare and _POST_TOOLBAR.fullmatch(" ".join(bare.split())):
        return "ui_control"
    if bare.endswith(")") and ") " in bare and _FACET_FILTER.fullmatch(bare):
        return "ui_control"
    if bare.startswith(("thread starter", "ersteller", "auteur de", "autor del")) and _THREAD_STARTER.fullmatch(bare):
        return "byline"
    if bare.startswith(("start date", "erstellt am", "date de d", "fecha de")) \
            and (started := _THREAD_START_DATE.fullmatch(bare)) and is_date_only(started.group("date")):
        return "date_line"
    if bare.startswith("#") and (number := _POST_NUMBER.fullmatch(bare)) and is_date_only(number.group("date")):
        return "date_line"
    return None


def is_post_header(low: str) -> bool:
    """Whether a lower-cased line is a forum post's header (``_POST_HEADER``): a name of at most
    five words, not a Q&A site's verb and holding no weekday nor a sentence's words, then a date
    with its year and a time."""
    found = _POST_HEADER.fullmatch(low)
    if found is None:
        return False
    name = {word.strip(":,.()[]") for word in found.group("name").split()}
    return len(name) <= 5 and not name <= _NOT_POST_AUTHORS and not name & _SENTENCE_WORDS and not name & _WEEKDAYS


def is_written_by(text: str) -> bool:
    """Whether a line's text is an author line, "Written by NAME[, NAME] [on DATE]": at most
    ``_MAX_WRITTEN_BY_WORDS`` words, and most words after the label capitalised or a date's."""
    found = _WRITTEN_BY.match(text.lstrip(_FRAME))
    if found is None or len(text.split()) > _MAX_WRITTEN_BY_WORDS:
        return False
    rest = [word for word in found.group("rest").split() if word[0].isalpha()]
    small = [word for word in rest if word[0].islower() and word not in _NAME_PARTICLES]
    return len(small) * 3 <= len(rest)


def image_description(text: str) -> bool:
    """Whether a line's text (``norm``) is an image's descriptive alternative text
    (``_IMAGE_DESCRIPTION``, or a photo's scene, ``_SCENE_DESCRIPTION``): told by its first word
    before any regex runs."""
    text = text.lstrip(_FRAME)
    first = text.partition(" ")[0].lower()
    if first in _IMAGE_DESCRIPTION_FIRST and _IMAGE_DESCRIPTION.match(text) is not None:
        return True
    return (first in _SCENE_FIRST and _SCENE_DESCRIPTION.match(text) is not None
            and len(text.split()) <= _SCENE_MAX_WORDS and not ends_sentence(text) and not text.endswith((":", ";")))


def gallery_counter(text: str) -> bool:
    """Whether a line's text (``norm``) holds a gallery's counter, "Picture 2 of 9" (``_COUNT_OF``
    after a word of ``_COUNTED``), in at most ``_MAX_COUNTER_WORDS`` words."""
    if len(text) > _MAX_COUNTER_CHARS:
        return False
    for found in _COUNT_OF.finditer(text):
        before = text[: found.start()].rsplit(None, 1)
        if before and before[-1].lower() in _COUNTED:
            return len(text.split()) <= _MAX_COUNTER_WORDS
    return False


def find_controls(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove kept lines that are a button's or widget's label, an icon's alternative text or an
    empty ad slot, and an article's reading time (on a page printing at most
    ``MAX_READING_TIMES`` of them)."""
    verdict = Verdict()
    if not config.controls.enabled:
        return verdict
    texts = doc.texts()  # by line index: ``norm`` of each line
    kept = doc.kept_content_indices()
    # one search of the page for "N of M" spares each line the test for a gallery's counter
    counters = _MAY_COUNT.search("\n".join([texts[i] for i in kept])) is not None
    reading_times = []
    for index in kept:
        reason = control_label(texts[index], counters)
        if reason == "reading_time":
            reading_times.append(index)
        elif reason is not None:
            verdict.remove(index, reason)
    if len(reading_times) <= MAX_READING_TIMES:
        for index in reading_times:
            verdict.remove(index, "reading_time")
    if config.controls.sentence_pieces:  # "quote" printed alone as a code span inside a kept sentence
        keep_sentence_pieces(doc, verdict.removals)
    return verdict
