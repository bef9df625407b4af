"""Appeals to the reader that survive the classifier: cookie-consent dialogs, sign-up forms,
follow and share prompts, app promotions and agency credits.

They sit inside or right after an article, are written as sentences ("Sign up for our free
daily newsletter.", "Follow her on Twitter @name.") and so look like prose to every rule and
feature that judges a line by its shape; what gives them away is a fixed formula. Each pattern
below is such a formula (in English, German, French, Spanish, Portuguese and Italian where the
wording is as fixed), tried only on a line of at most ``appeals.max_words`` words, with a cheap
literal test first so that nearly every line is settled without a regex.

This step runs after the line classifier, over every page (text dumps and extracted HTML): on
dumps it catches what the model let through, and on HTML, which the model does not judge, it
is the last pass over the extractor's output. Running after the model, it leaves the model's
training candidates unchanged.

Reason codes: ``cookie_notice`` (a cookie-consent dialog's headings, buttons and banner
sentences, and its cookie table: header, category blurbs, rows "NAME DURATION WHO sets this
cookie to …"; a page where they would be most of the kept words is about cookies and keeps them;
and a consent dialog of the IAB Transparency & Consent Framework, see ``_CONSENT_FRAMEWORK``;
and, next to such a dialog's formulas, its own prose, see ``_CONSENT_CONCEPTS``),
``subscription_prompt`` (a paywall's or a product's call to subscribe or start a
trial: "Start your free trial", "Already a subscriber? Log in", "Jederzeit kündbar"),
``newsletter_signup`` (a newsletter or e-mail sign-up form's prompt, thanks,
confirmation, error or fine print), ``form_consent`` (a form's consent fine print: "By
submitting this form, you agree to our Privacy Policy", "Message and data rates may apply"),
``read_also_link`` (a link to another article's full text with its headline: "Read full article:
…", the same code as in ``boilerplate``), ``editor_credit`` (an agency's reporting and editing credit, a follow-us
appeal: the same code as in ``boilerplate``), ``share_buttons`` (a share prompt) and
``advertisement`` (a prompt to get an app), ``comment_prompt`` (a comment section's house
rules: "Comments are moderated", "Beachten Sie unsere Netiquette"; the code ``boilerplate``
gives the form's prompts) and ``affiliate_disclosure`` (a site's notice that it earns from the
links it prints: "This post may contain affiliate links", "When you buy through links on our
site, we may earn a commission", "As an Amazon Associate I earn from qualifying purchases").
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.text import keep_sentence_pieces
from cleaners.patterns import HintGroups, hint_test, lower_for_hints, memo, norm, words

_NAME = r"[\w.’'&-]+(?: [\w.’'&-]+){0,3}"  # a site, title or person: up to four words
_LONG_NAME = r"[\w.’'&-]+(?: [\w.’'&-]+){0,5}"  # "The New York Times Opinion section"
_NEWSLETTER = re.compile(
    r"^(?:thanks?(?: you)? for (?:signing up|subscribing|joining)\b[^,;:]{0,80}$"
    r"|you(?:'ve| have)? (?:successfully |succesfully )?(?:subscribed|signed up)\b"
    r"|(?:check|keep an eye on) your (?:e-?mail|inbox)\b"
    r"|please (?:enter|provide) (?:a valid |your )(?:e-?mail|email address)\b[^.!?]{0,40}[:.!]?$"
    r"|(?:enter|type) your e-?mail(?: address)?\s*[:.]?$"
    r"|(?:please,? )?(?:fill (?:in |out )?the form to )?(?:sign up|subscribe|register) (?:for|to) "
    r"(?:our|the|my|\w+['’]s) (?:free |daily |weekly |[\w'’-]+ ){0,3}(?:(?:e-?)?newsletter|e-?mails?|bulletin|digest"
    r"|round[- ]?up)s?\b"
    r"|(?:get|join) (?:our|the) (?:free |daily |weekly |[\w'’-]+ ){0,3}newsletters?\b"
    r"|by (?:signing up|subscribing|clicking (?:sign up|subscribe))\b.{0,120}\b(?:agree|consent|privacy|terms)\b"
    r"|(?:\(button\) )?subscribe(?: now)?(?: no,? thanks)?$"
    r"|subscribe to " + _NAME + r" on youtube\b"
    r"|(?:jetzt )?(?:zum |für den )?newsletter (?:abonnieren|anmelden)\b"
    r"|(?:abonnieren sie|bestellen sie) (?:unseren|den) (?:kostenlosen )?newsletter\b"
    r"|melden sie sich (?:jetzt )?(?:für|zu) (?:unseren|unserem|den) (?:kostenlosen )?newsletter an\b"
    r"|(?:inscrivez-vous|abonnez-vous) à (?:notre|la) newsletter\b"
    r"|(?:suscríbete|suscríbase|regístrate) (?:a|en) (?:nuestro|nuestra) (?:boletín|newsletter)\b"
    r"|(?:assine|inscreva-se n)a nossa newsletter\b"
    r"|iscriviti alla (?:nostra )?newsletter\b)"
    r"|\bsign up for (?:the|our) (?:free |daily |weekly )*(?:e-?mail )?newsletters?\b"
    # "Subscribe to Axios Markets newsletter", "… to Dan's newsletter"; an article's advice
    # "…, subscribe to industry newsletters, and …" names no sender and is not capitalised
    r"|\b(?:subscribe to (?:our|the|[\w.’'-]+['’]s)|(?-i:S)ubscribe to [\w.’'-]+) (?:[\w’'-]+ ){0,2}newsletters?\b"
    r"|\bdelivered (?:straight |right |directly )?(?:to|in(?:to)?) your inbox\b"
    # a sign-up box's heading or prompt, which names what the e-mails bring ("Sign up for deals,
    # updates and a free guide", "Sign up to receive regular emails like this", "Enter your email
    # for 15% off your order.", "Be the first to know!"); signing up for a product or a plan
    # ("Sign up for Twilio and get a phone number") names none of them
    r"|^sign up (?:now |today )?(?:for|to) (?:(?:receive|get) )?(?:[\w'’&,-]+ ){0,5}?(?:e-?mails?|deals|updates|offers|insights"
    r"|new releases|newsletters?|(?:the|our) latest)\b"
    r"|^sign up to (?:receive|get|join|know|hear)\b"
    r"|\bsign up\b[^.!?]{0,60}\bstay (?:in touch|up to date|informed)\b"
    r"|^enter your e-?mail(?: address)?(?: (?:below|here))?(?:,|\s+(?:to (?:subscribe|sign up|join)|for \S+% off))"
    r"|^be the first to (?:know|hear|get|receive)\b"
    # an invitation worded so ("Get the latest … straight to your inbox", "Be the first to get …
    # sent directly to your inbox"); a sentence about e-mail ("Scammers send emails straight to
    # your inbox …") starts otherwise
    r"|^(?:(?:get|sign up|subscribe|join|receive|have|be the first|stay|keep up)\b|from (?:our|the)\b)"
    r"[^.!?]{0,120}\b(?:sent )?(?:straight|right|directly) to your inbox\b"
    r"|\b(?:direkt|bequem|kostenlos|täglich|jeden (?:morgen|tag|abend)) in (?:ihr|dein) (?:e-mail-)?postfach\b"
    r"|\b(?:direkt|bequem|kostenlos|täglich) in (?:ihren|deinen) posteingang\b"
    r"|\bdirectement dans votre boîte (?:mail|e-mail|de réception)\b"
    r"|\bdirectamente en tu (?:bandeja de entrada|correo)\b"
    r"|\b(?:error|problem) (?:processing|with) your (?:subscription|sign-?up)\b"
    r"|(?:^|[.!] )you (?:can|may) unsubscribe at any time\b"
    # the form's confirmation after a sign-up: "Great! Check your inbox and click the link …"
    r"|(?:^|[.!] )(?:please )?(?:check|keep an eye on) your (?:e-?mail|inbox)\b"
    r"|\b(?:activation|confirmation) link (?:has (?:just )?been|was) sent to your (?:e-?mail|inbox)\b"
    r"|\bplease activate your subscription\b"
    r"|\bclick the link to confirm your subscription\b",
    re.I,
)
_NEWSLETTER_HINT = hint_test("sign", "subscri", "inbox", "mail", "newsletter", "joining", "boletín", "iscriviti",
                             "be the first",
                             "activat", "confirm", "postfach", "posteingang", "boîte", "bandeja", "correo")
_CREDIT = re.compile(
    r"^\(?(?:additional )?reporting by [^.()]{3,200}[;,]\s*(?:additional reporting by [^.;()]{3,160}[;,]\s*)?"
    r"(?:writing by [^.;()]{3,80}[;,]\s*)?editing by [^.()]{3,120}(?:\)?\.?|\.\))$"
    r"|^additional reporting by [A-Z][^.]{2,120}\.?$"
    r"|^(?:the )?(?:associated press|ap|reuters|afp|dpa) (?:writers?|reporters?|correspondents?) [A-Z][^.]{2,200}"
    r" contributed(?: to this (?:report|story))?\.?$"
    # a feature's credits on a line of their own: "Text by NAME", "Illustration by NAME", "Words and
    # photos by NAME" (a name of one to five words, nothing after it)
    r"|^(?:text|words|story|illustrations?|photos?|photographs|photography|graphics)"
    r"(?: and (?:text|words|photos?|photography|illustrations?))? by [\w.'’-]+(?: [\w.'’/-]+){0,4}$",
    re.I,
)
_CREDIT_HINT = hint_test("reporting by", "contributed", "text by", "words by", "story by", "ion by", "ions by",
                         "photo by", "photos by", "photographs by", "photography by", "graphics by")
_FOLLOW = re.compile(
    r"^(?:follow (?:@\w+|us|me|him|her|them|" + _LONG_NAME + r") on (?:twitter|facebook|instagram|linkedin|youtube|"
    r"tiktok|x|threads|bluesky)\b"
    r"|follow " + _NAME + r"(?:['’]s)? full coverage of\b"
    r"|reach (?:the reporters?|the author|him|her|them|" + _NAME + r") (?:on twitter|at \S+@)"
    r"|(?:twitter|facebook|instagram)\.com/\w+/?$)",
    re.I,
)
_FOLLOW_HINT = hint_test("follow", "reach", ".com/")
_SHARE = re.compile(
    r"^(?:(?:did you )?(?:like|enjoy(?:ed)?) this (?:story|article|post)\??(?: share it with (?:a friend|your friends)!?)?"
    r"|share (?:this|it) (?:on|via) (?:whatsapp|twitter|facebook|linkedin|e-?mail|reddit|pinterest)"
    r"|want more (?:stories|articles) like this\??"
    # a recipe card's prompt to post a photo of the dish (the recipe plugins' default wording)
    r"|(?:did you (?:make|try)|have you (?:made|tried)|tried|made) this recipe\?.{0,200})$",
    re.I,
)
_SHARE_HINT = hint_test("this", "share")  # "this recipe" too
_APP = re.compile(r"^(?:click here to )?(?:get|download) the " + _NAME + r" app\b.{0,40}$", re.I)
_APP_HINT = hint_test(" app")
#: A cookie dialog's button: "Accept all cookies", "Reject all", "Cookie settings", "Manage
#: preferences"; "Alle akzeptieren", "Nur notwendige Cookies", "Tout refuser", "Aceptar todo".
_COOKIE_BUTTON = (r"(?:(?:accept|allow|reject|decline|refuse)(?: all| optional| necessary)?(?: cookies)?"
                  r"|cookie (?:settings|preferences)|manage (?:cookies(?: settings)?|(?:cookie )?preferences)"
                  r"|(?:alle (?:cookies )?)?(?:akzeptieren|ablehnen|zulassen)|nur (?:notwendige|essenzielle) cookies"
                  r"(?: akzeptieren| zulassen)?|cookie-einstellungen|einstellungen(?: verwalten| anpassen)?"
                  r"|tout (?:accepter|refuser)|(?:accepter|refuser)(?: tout| tous les cookies)?|paramètres(?: des cookies)?"
                  r"|personnaliser|(?:aceptar|rechazar)(?: todo| todas(?: las cookies)?| cookies)?"
                  r"|configuraci[oó]n(?: de cookies)?|configurar(?: cookies)?)")
#: A line of such buttons names cookies or offers them all ("Alle akzeptieren Alle ablehnen").
_COOKIE_BUTTONS_LINE = r"^(?=.*(?:cookie|\ball\b|\balle\b|\btout\b|\btod[oa]s?\b))"
#: A cookie-consent dialog's category headings, buttons and banner sentences (not a sentence
#: that merely mentions cookies: each alternative is the dialog's own formula).
_COOKIE = re.compile(
    r"^(?:\[[ x*]?\]\s*)?(?:strictly |absolutely )?(?:necessary|essential|functional|functionality|performance|"
    r"targeting|marketing|analytics?|analytical|preferences?|advertising|statistics?|social media|unclassified|"
    r"required) cookies$"
    r"|^always (?:active|enabled)$"
    r"|^(?:accept|allow|reject|decline|refuse) (?:all|(?:all |optional |necessary )?cookies)$"
    # the dialog's buttons side by side on one line, spaced or glued, as a text browser prints them
    # ("Accept All Cookies Reject All", "Cookie settingsAccept All Cookies", "Alle akzeptieren Ablehnen")
    + "|" + _COOKIE_BUTTONS_LINE + r"(?:[□■▪] )?" + _COOKIE_BUTTON + r"(?: ?" + _COOKIE_BUTTON + r")*$"
    r"|^(?:cookie (?:settings|preferences)|manage (?:cookies|cookie preferences|consent preferences|consent))$"
    # the consent manager's link to take consent back, left on the page after the dialog
    r"|^(?:withdraw|revoke|change) (?:your |my )?consent$|^(?:einwilligung|zustimmung) (?:widerrufen|ändern)$"
    r"|^retirer (?:le |mon |votre )?consentement$|^(?:retirar|revocar) (?:el |mi |su )?consentimiento$"
    # the dialog's buttons printed without a space between them, and its overview heading
    r"|^cookie (?:settings|preferences) ?(?:accept|reject)(?: all)?$|^privacy overview$"
    # a consent manager's dialog heading (OneTrust's, on very many sites)
    r"|^privacy preference cent(?:er|re)$"
    r"|^these cookies (?:are|allow|may|help|enable|track|collect|do not|will)\b"
    # the banner's sentence in its usual forms ("We use cookies…", "We are using cookies to give you
    # the best experience…", "We use essential cookies…", "… which cookies we are using …")
    r"|\b(?:we|this (?:web)?site|our (?:web)?site)(?: (?:is|are|[’']re) using| uses?| may use)"
    r"(?: (?:first[- ]party|third[- ]party|essential|necessary|some|a few|small files called))? cookies"
    r"(?:[.!,;:]|$| (?:to|on|and|for|so|in order|as|that|which|or|[-–—&(]|from (?:google|third[- ]part(?:y|ies)"
    r"|(?:our )?partners))(?:\s|\b|$))"
    r"|\bwhich cookies we (?:are using|use)\b"
    r"|\buses? cookies and (?:similar|other (?:tracking )?) technologies\b|^cookies and similar technologies (?:are|help|allow)\b"
    # the opt-out link that US privacy law asks for, next to the cookie settings
    r"|^(?:[□■▪] )?do not sell (?:or share )?my (?:personal )?info(?:rmation)?$"
    r"|\bby (?:clicking|continuing|using)\b.{0,80}\byou (?:agree|consent) to (?:the|our) (?:use of )?cookies\b"
    r"|^(?:wir (?:verwenden|nutzen|benutzen|setzen)(?: auf (?:unserer|dieser) (?:web)?seite)?"
    r"|(?:diese|unsere) (?:web)?seite (?:verwendet|nutzt|benutzt|setzt)) cookies\b"
    r"|^(?:notwendige|funktionale|statistik|marketing)[- ]cookies$|^alle (?:cookies )?akzeptieren$|^cookie-einstellungen$"
    r"|^(?:nous utilisons|ce site utilise) des cookies\b|^(?:accepter|refuser) (?:tous les cookies|tout)$"
    r"|^(?:utilizamos|este sitio (?:web )?utiliza) cookies\b|^aceptar (?:todas las )?cookies$"
    # the dialog's cookie table (consent plugins list every cookie): its header, a category's
    # blurb, and rows "NAME  DURATION  WHO sets this cookie to …" (also a row's description alone)
    r"|^cookie (?:duration|dauer|durée|duración) (?:description|beschreibung|descripción)$"
    r"|^(?:other )?(?:strictly |absolutely )?(?:necessary|essential|functional|performance|analytical|analytics|"
    r"advertisement|advertising|marketing|targeting|preference|statistics?|uncategori[sz]ed) cookies "
    r"(?:are|is|help|do|may|allow|enable|ensure)\b"
    r"|^\S+ (?:\d+(?: (?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)(?: \d+ \w+)?)?|session|persistent|"
    r"never|past) .{0,60}\b(?:(?:sets|set|installs) (?:this|the) cookie|(?:this|the \S+) cookie,? (?:is )?(?:set|used))\b"
    r"|\b(?:sets|installs) this cookie\b"
    # the cookie names of WordPress's most used consent plugin, listed in its table
    r"|^(?:cookielawinfo-checkbox-[\w-]+|viewed_cookie_policy)\b",
    re.I,
)
#: The consent box shown in place of an embedded post or video ("Externer Inhalt", "Inhalt laden",
#: "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden"): a cookie dialog too.
_EMBED_CONSENT = re.compile(
    r"^(?:externer|eingebetteter) inhalt$|^(?:externen |alle externen )?inhalte? (?:laden|anzeigen|aktivieren|zulassen)$"
    r"|^ich bin damit einverstanden, dass mir externe inhalte angezeigt werden\b"
    r"|\bpersonenbezogene daten an drittplattformen übermittelt\b"
    # the box's heading and lead-in on German news sites ("Empfohlener redaktioneller Inhalt", "An
    # dieser Stelle finden Sie einen externen Inhalt von YouTube, der den Artikel ergänzt")
    r"|^empfohlener (?:redaktioneller|externer) inhalt$"
    r"|\ban dieser stelle (?:finden sie|(?:ist|wird|befindet sich)) (?:einen|ein) (?:externen?|eingebetteten?) inhalt\b"
    r"|\bmit (?:ihrer|deiner) zustimmung wird hier ein externer inhalt geladen\b"
    r"|^(?:external|embedded|third[- ]party) content$|^(?:load|show|display|allow) (?:external |embedded )?content$"
    r"|^(?:click|tap) (?:here )?to (?:load|show|display) (?:the |this )?(?:external |embedded )?content\b"
    r"|\bwe need your (?:consent|permission) to (?:load|show|display)\b|^contenu externe$",
    re.I,
)
_EMBED_CONSENT_HINT = hint_test("inhalt", "drittplattform", "content", "your consent", "your permission", "contenu")
_COOKIE_HINT = hint_test("cookie", "always", "accept", "allow", "reject", "decline", "refuse", "akzeptieren",
                         "ablehnen", "zulassen", "aceptar", "rechazar",
                         "accepter", "refuser", "consent", "privacy overview", "do not sell",
                         "preference cent", "cookielawinfo", "viewed_cookie", "einwilligung", "zustimmung")
#: A consent plugin's category toggle as a text browser prints it, a checkbox and the category's
#: name alone ("[*] Necessary", "[ ] Functional", "[*] Non-necessary": CookieYes, Complianz);
#: tried on lines that open with a bracket only, before the hint words.
_COOKIE_TOGGLE = re.compile(
    r"\[[ x*]?\]\s*(?:non-necessary|necessary|essential|functional|performance|analytics|advertisement|advertising"
    r"|marketing|preferences|statistics|others|uncategori[sz]ed|notwendig|präferenzen|statistiken|nécessaires?"
    r"|necesarias?)", re.I)
#: A page where the cookie-dialog lines would be more than this share of the kept words is about
#: cookies (a cookie policy, a browser's help page): it keeps them.
COOKIE_PAGE_SHARE = 0.5
#: A consent dialog of the IAB Transparency & Consent Framework (TCF), which most European and
#: many other sites show: its purposes and special features in the framework's own names (TCF
#: 2.0 and 2.2; English, German, French and Spanish), the count of partners behind each, its
#: vendor list's heading, its toggles and the sentence that opens it ("We and our 644 partners
#: store and/or access information on a device…"). A line is judged at any length (that opening
#: sentence runs to a hundred words), and only goes on a page holding
#: ``CONSENT_FRAMEWORK_MIN_LINES`` such lines: a dialog names several purposes, while an article
#: about privacy may use one of the phrases once.
_CONSENT_FRAMEWORK = re.compile(
    r"^(?:\[[ x*]?\]\s*)?(?:"
    r"store and/or access information on a device|use limited data to select (?:advertising|content)"
    r"|create profiles (?:for personali[sz]ed advertising|to personali[sz]e content)"
    r"|use profiles to select personali[sz]ed (?:advertising|content)|create a personali[sz]ed (?:ads|content) profile"
    r"|select (?:basic|personali[sz]ed) (?:ads|content)|measure (?:advertising|ad|content) performance"
    r"|understand audiences through statistics\b|apply market research to generate audience insights"
    r"|develop and improve (?:services|products)|use precise geolocation data"
    r"|actively scan device characteristics for identification|ensure security, prevent and detect fraud\b"
    r"|deliver and present advertising and content|save and communicate privacy choices"
    r"|match and combine data from other data sources|identify devices based on information transmitted automatically"
    r"|list of iab vendors|(?:object to |view )?legitimate interests?(?: purposes)?$"
    r"|we and our (?:\d[\d,.]* )?(?:partners|vendors) (?:store|process|use|access|and)\b"
    r"|we (?:value|care about|respect) your privacy$|manage (?:options|preferences|choices)$"
    r"|informationen auf einem gerät speichern und/oder (?:darauf )?(?:abrufen|zugreifen)"
    r"|genaue standortdaten verwenden|gerätemerkmale zur identifikation aktiv abfragen"
    r"|(?:eingeschränkte|begrenzte) daten zur auswahl (?:der |von )?(?:werbung|inhalten?) verwenden"
    r"|profile (?:für personalisierte werbung|zur personalisierung von inhalten) erstellen"
    r"|profile zur auswahl personalisierter (?:werbung|inhalte) verwenden"
    r"|(?:werbeleistung|inhalteleistung) messen|messung der (?:werbeleistung|performance von inhalten)"
    r"|wir und unsere (?:\d[\d.]* )?partner (?:speichern|verarbeiten|nutzen|verwenden|greifen)\b"
    r"|berechtigtes interesse$|wir respektieren ihre privatsphäre$"
    r"|stocker et/ou accéder à des informations sur un appareil|utiliser des données de géolocalisation précises"
    r"|nous et nos (?:\d[\d ]* )?partenaires (?:stockons|utilisons|traitons)\b|intérêt légitime$"
    r"|almacenar la información en un dispositivo y/o acceder a ella|utilizar datos de localización geográfica precisa"
    r"|nosotros y nuestros (?:\d[\d.]* )?socios (?:almacenamos|utilizamos|tratamos)\b|interés legítimo$)"
    r"|\b\d[\d,.]* (?:partners|vendors|partner|partenaires|socios) (?:can use|können|dürfen|peuvent utiliser|pueden utilizar)"
    r" (?:this|diesen|dieses|ce|cette|este|esta) (?:purpose|special feature|feature|zweck|feature|finalité|fonctionnalité|finalidad)\b"
    r"|\btransparency (?:and|&) consent framework\b",
    re.I,
)
_CONSENT_FRAMEWORK_HINT = hint_test(
    "device", "advertising", "personali", "profile", "performance", "audience", "improve", "geolocation",
    "fraud", "privacy", "data", "vendor", "interest", "partner", "manage", "gerät", "standort", "werbe",
    "inhalte", "interesse", "privatsphäre", "appareil", "géolocalisation", "partenaires", "légitime",
    "dispositivo", "socios", "legítimo", "consent")
#: Every such dialog names the partners or vendors it shares data with ("N partners can use this
#: purpose", "List of IAB Vendors"): its lines are only judged on a page holding one of these
#: pieces of those words (either case of their first letter; one scan of the page each, far
#: cheaper than a test of every line).
_CONSENT_FRAMEWORK_MARKERS = ("artner", "endor", "artenaire", "ocios")
#: Lines of the framework's dialog a page must hold before any of them goes.
CONSENT_FRAMEWORK_MIN_LINES = 2
#: The concepts a consent dialog's prose is made of, one named group each (English, German,
#: French, Spanish). Its sentences vary from one consent platform to the next ("We process your
#: data to deliver content or advertisements…", "You can withdraw consent at any time…", "These
#: cookies are set by our advertising partners…"), so no formula catches them, but nearly every
#: one names three or more of these; an article sentence about privacy may too, which is why a
#: line is only judged next to a dialog's formulas (``find_appeals``).
_CONSENT_CONCEPTS = re.compile(
    r"(?P<cookie>cookie)"
    r"|(?P<consent>\bconsent|einwilligung|zustimmung|consentement|consentimiento)"
    r"|(?P<partner>\b(?:partners?|vendors?|(?:dritt)?anbieter(?:n)?|partenaires|fournisseurs|socios|proveedores|sponsors?)\b"
    r"|\bthird[- ]part(?:y|ies)\b|\btiers\b|\bterceros\b)"
    r"|(?P<interest>legitimate interests?|berechtigte[ns]? interesse|intérêt légitime|interés legítimo)"
    r"|(?P<data>\bpersonal (?:data|information)\b|\byour (?:personal )?data\b|personenbezogene(?:n)? daten"
    r"|\bihre daten\b|données personnelles|\bvos données\b|datos personales|\b(?:sus|tus) datos\b"
    r"|\bprocess(?:es|ing)? (?:your|personal)\b)"
    r"|(?P<privacy>privacy|datenschutz|privatsphäre|confidentialité|vie privée|privacidad)"
    r"|(?P<choices>\b(?:preferences|settings|choices)\b|einstellungen|préférences|paramètres|preferencias|configuración)"
    r"|(?P<personalised>personali[sz]|personnalis|personalizad)"
    r"|(?P<ads>advertis|\bads\b|werbung|werbe|publicit|anuncios)"
    r"|(?P<refuse>\bopt[- ]?(?:out|in)\b|\bwithdraw|widerruf|\bretirer\b|\bretirar\b|\bobject to\b|\btoggles?\b"
    r"|\breject\b|ablehnen|refuser|rechazar)"
    r"|(?P<purpose>\bpurposes\b|\bzwecke|finalités|finalidades)"
    r"|(?P<device>\bdevices?\b|\bbrowsers?\b|\bgerät|endgerät|\bappareil|navigateur|dispositivo|navegador)"
    r"|(?P<tracking>\btrack(?:ing|ers?)?\b|\bidentifiers\b|kennungen|traceurs|rastreo|\banalytics\b)",
    re.I,
)
#: Words one of which each of ``_CONSENT_CONCEPTS``' alternatives holds, lower case, a group per
#: concept: a line with words of fewer than N groups names fewer than N concepts, and is settled
#: without that regex (the dearest test of a dialog's line).
_CONSENT_CONCEPT_HINTS = HintGroups([
    ("cookie",),
    ("consent", "einwilligung", "zustimmung", "consentimiento"),
    ("partner", "vendor", "anbieter", "partenaire", "fournisseur", "socio", "proveedor", "sponsor", "third", "tiers",
     "tercero"),
    ("legitimate interest", "berechtigte", "intérêt légitime", "interés legítimo"),
    ("personal", "your data", "personenbezogen", "ihre daten", "données", "datos", "process"),
    ("privacy", "datenschutz", "privatsphäre", "confidentialité", "vie privée", "privacidad"),
    ("preferences", "settings", "choices", "einstellungen", "préférences", "paramètres", "preferencias",
     "configuración"),
    ("personali", "personnalis", "personalizad"),
    ("advertis", "ads", "werbung", "werbe", "publicit", "anuncios"),
    ("opt", "withdraw", "widerruf", "retirer", "retirar", "object to", "toggle", "reject", "ablehnen", "refuser",
     "rechazar"),
    ("purposes", "zwecke", "finalités", "finalidades"),
    ("device", "browser", "gerät", "appareil", "navigateur", "dispositivo", "navegador"),
    ("track", "identifiers", "kennungen", "traceurs", "rastreo", "analytics"),
])
#: A form's consent fine print, under a sign-up, contact or checkout form: "By submitting this
#: form, you agree to our Privacy Policy", "By checking this box, you consent to receive…",
#: "Message and data rates may apply", "Consent is not a condition of purchase", "I have read
#: the Privacy Policy". The "By …ing" lead-in must start a sentence (or be capitalised, where a
#: checkbox's label is glued to the form's): an article's "… by pressing the button, users
#: confirm …" stays.
_FORM_CONSENT = re.compile(
    r"(?:(?:^|[.!?:)\]]\s+)by|(?-i:\bBy)) (?:clicking|tapping|pressing|submitting|signing up|signing in|logging in|subscribing|providing|"
    r"entering|registering|continuing|proceeding|checking|selecting|creating|completing|sharing)\b"
    r"[^.]{0,150}?\b(?:agree|consent|accept|acknowledge|authori[sz]e|confirm)"
    r"|\b(?:message|msg)(?: frequency varies[.,]? msg)? (?:and|&) data rates may apply"
    r"|\bconsent (?:is )?not (?:a )?(?:required|condition)|\bnot a condition of (?:any )?purchase"
    r"|\bi (?:have read|agree to|accept) (?:and (?:agree to|accept) )?(?:the|your|their|[\w.]+['’]s) "
    r"(?:[\w-]+ ){0,3}(?:terms|privacy|policy|conditions)"
    r"|(?:^|[.!?:)\]]\s+)mit (?:dem absenden|der anmeldung|der registrierung|ihrer anmeldung|dem klick auf|klick auf)\b"
    r"[^.]{0,150}?\b(?:stimme ich|stimmen sie|akzeptiere ich|akzeptieren sie|erkläre ich mich|erklären sie sich|willige ich)"
    r"|\bich (?:habe die datenschutz(?:erklärung|bestimmungen|hinweise) (?:gelesen|zur kenntnis genommen)"
    r"|stimme (?:der|den) (?:datenschutz(?:erklärung|bestimmungen)|nutzungsbedingungen|agb))"
    r"|(?:^|[.!?:)\]]\s+)en (?:cliquant|soumettant|vous inscrivant|validant|poursuivant|renseignant|saisissant|continuant)\b"
    r"[^.]{0,150}?\b(?:acceptez|accepte|consentez|consens|reconnaissez|reconnais|confirmez|confirme)"
    r"|\bj['’]ai lu et (?:j['’])?accepte"
    r"|(?:^|[.!?:)\]]\s+)al (?:hacer clic|pulsar|enviar|suscribirte|suscribirse|registrarte|registrarse|continuar|"
    r"proporcionar|introducir)\b[^.]{0,150}?\b(?:aceptas|acepta|acepto|consientes|consiente|consiento|confirmas|reconoces)"
    r"|\bhe leído y acepto"
    # WordPress's comment form: its box to remember the commenter, in the forms its translations print
    r"|\bsave my name, email,? and website in this browser\b"
    r"|\bmeinen namen, meine e-mail-adresse und meine website in diesem browser speichern\b"
    r"|\benregistrer mon nom, mon (?:e-mail|courriel|adresse e-mail) et mon site(?: web)? dans le navigateur\b"
    r"|\bguarda mi nombre, correo electrónico y web en este navegador\b",
    re.I,
)
# Every alternative needs one of these (the verb of consent that ends a "By clicking …" clause,
# or a word of the fixed formulas); "by " itself is in too many lines to be a test.
_FORM_CONSENT_HINT = hint_test("agree", "consen", "accept", "acknowledg", "authori", "confirm", "rates may apply",
                               "condition", "i have read", "stimme", "akzeptier", "erkläre", "willige", "datenschutz",
                               "reconn", "acept", "consien", "reconoc", "this browser", "diesem browser",
                               "le navigateur", "este navegador")
#: A link to another article's full text, its headline after a lead-in: "Read full article: How
#: to Choose a Bike Helmet". The same reason code as the ``boilerplate`` step's "Read more: …"
#: lines; those are told before the classifier, these after it (so that its training candidates
#: stay as they were). A lead-in alone, "Read the full story", is left to the other rules: an
#: article's own "Read the full review here." ends it.
_FULL_ARTICLE_LINK = re.compile(
    r"^(?:(?:read|see|view) (?:the )?(?:full|whole|complete|entire) (?:article|story|post|review|report|guide)"
    r"|zum (?:ganzen|vollständigen) (?:artikel|beitrag)|(?:den )?(?:ganzen|vollständigen) (?:artikel|beitrag) lesen"
    r"|lire l['’]article (?:complet|en entier)|leer (?:el )?(?:artículo|la nota) complet[oa])"
    r"\s*(?:[:»›|–—]|\s-)\s*\w",
    re.I,
)
_FULL_ARTICLE_LINK_HINT = hint_test("full", "whole", "complet", "entire", "ganzen", "vollständig")
#: A comment section's house rules, printed over the form or under the comments: "Comments are
#: moderated", "Comments with offensive language will not be approved. See our full comment
#: policy", "As you comment, please be respectful of other commenters", "Beachten Sie unsere
#: Netiquette", "Comments are closed." Their wording is fixed; an article about moderation or a
#: platform's rules names them in other sentences ("the company's community guidelines").
_COMMENT_POLICY = re.compile(
    r"\b(?:all )?comments? (?:are|will be|is|get|may be) (?:moderated|reviewed|screened|pre-?moderated"
    r"|subject to moderation|held for moderation)\b"
    r"|\bcomments? (?:that|which|with|containing)\b[^.]{0,100}\b(?:will|may) (?:not be (?:approved|published|posted)"
    r"|be (?:removed|deleted|rejected))\b"
    r"|\bcomment(?:ing|s)? (?:polic(?:y|ies)|guidelines|rules)\b"
    r"|\bplease be respectful\b.{0,60}\bcomment|\bcomment.{0,60}\bplease be respectful\b"
    r"|\bwe reserve the right to (?:remove|delete|edit|moderate)\b[^.]{0,60}\bcomments?\b"
    r"|^comments are closed\.?$"
    r"|\bkommentare werden (?:vor (?:der|ihrer) (?:veröffentlichung|freischaltung) )?(?:moderiert|geprüft)\b"
    r"|\b(?:beachten sie|bitte beachte|beachte) (?:unsere|die) netiquette\b"
    r"|\bdie kommentarfunktion (?:ist|wurde) (?:geschlossen|deaktiviert)\b|^kommentare sind geschlossen\.?$"
    r"|\bles commentaires sont modérés\b|\blos comentarios (?:son|serán|están) moderados\b"
    r"|\bcomentários\b.{0,100}\bnão serão (?:aprovados|publicados)\b",
    re.I,
)
_COMMENT_POLICY_HINT = hint_test("comment", "kommentar", "netiquette", "comentário", "comentario")
#: A paywall's or a product's call to subscribe or start a trial, as a short line of its own (a
#: sentence that merely mentions a trial or subscribers is longer, or worded otherwise).
_SUBSCRIPTION = re.compile(
    r"^(?:(?:start|get|try|begin|claim|activate|sign up for|register for) (?:your |a |our |the )?"
    r"(?:free |\d+[- ]day (?:free )?|risk[- ]free )trial\b[^.!?]{0,40}[.!]?"
    r"|(?:\d+[- ]day )?free trial(?: available)?(?:[,.;:]? no credit card (?:required|needed))?[.!]?"
    r"|already (?:a )?(?:subscriber|member)\?\s*(?:log ?in|sign ?in|subscribe)?\.?"
    r"|subscribe (?:now |today )?(?:to (?:continue|keep) reading|for unlimited(?: digital)? access)\b[^.!?]{0,60}[.!]?"
    r"|(?:this|the) (?:article|story|content) is (?:only )?(?:available )?(?:exclusively )?for (?:paying )?subscribers\b[^.!?]{0,40}[.!]?"
    r"|bereits abonnent(?:in)?\?\s*(?:hier |jetzt )?(?:anmelden|einloggen)?\.?"
    r"|(?:sie haben )?bereits (?:ein |einen )?(?:abo|abonnement|zugang)\?\s*(?:hier |jetzt )?(?:anmelden|einloggen)?\.?"
    # a paywall's badge over an article, and a trial offer by its length
    r"|(?:exklusiv|nur) für (?:abonnenten|abonnentinnen|abonnierende)|exclusive (?:content )?for subscribers"
    r"|subscribers? only|subscriber exclusive|réservé aux abonnés|exclusivo para suscriptores"
    r"|(?:jetzt )?\d+ (?:wochen|woche|monate?|tage) (?:lang )?(?:kostenlos|gratis) (?:testen|lesen)[.!]?"
    r"|try (?:it )?(?:free for \d+ (?:days|weeks|months)|\d+ (?:days|weeks|months) (?:for )?free)[.!]?"
    r"|dieser (?:artikel|beitrag|inhalt) ist (?:nur |exklusiv )*für (?:abonnenten|abonnentinnen|abonnierende)\b[^.!?]{0,40}[.!]?"
    r"|(?:lesen sie|weiterlesen) (?:jetzt |weiter )?mit [\w+ -]{0,20}plus\b[^.!?]{0,40}[.!]?"
    r"|jetzt (?:testen|abonnieren|abo abschließen)(?: und weiterlesen)?[.!]?"
    r"|(?:[^.!?]{0,60}[.!] )?jederzeit kündbar[.!]?"
    r"|déjà abonné\s*\?.{0,30}|cet article est réservé aux abonnés\b.{0,40}"
    r"|¿ya eres suscriptor\?.{0,30}|este (?:artículo|contenido) es (?:exclusivo )?para suscriptores\b.{0,40})$",
    re.I,
)
_SUBSCRIPTION_HINT = hint_test("trial", "subscri", "member", "abonn", "plus", "jetzt", "kündbar", "suscri", "abo",
                               "zugang", "kostenlos", "gratis", "free for", "for free")
#: A site's disclosure that it earns from the links it prints: "This post may contain affiliate
#: links", "When you buy through links on our site, we may earn an affiliate commission", "As an
#: Amazon Associate I earn from qualifying purchases", "Vox Media may earn a commission", "Wir
#: erhalten eine kleine Provision". Review and shopping sites print it above or below every
#: article alike. The first person, a modal "may" or the site's content as the subject marks
#: the disclosure: an article about affiliate marketing says "streamers earn a commission when
#: viewers buy …" or "affiliate links are …" in other sentences.
_AFFILIATE_CONTENT = r"(?:post|article|page|site|website|blog|story|content|review|guide|video|podcast|episode|newsletter|list)s?"
_AFFILIATE_PAYMENT = (r"(?:(?:a |an )?(?:small |tiny )?(?:affiliate |referral )?(?:commissions?|compensation|kickback)"
                      r"|(?:a )?(?:small )?(?:share|portion|percentage) of (?:the )?(?:sales?|revenue|sale price))")
#: Worded so, a line discloses whatever it says around it: the site's content holds affiliate links.
_AFFILIATE_LINKS = (
    r"\b(?:this|our|the|some|these|many|all)(?: of (?:the|our))? " + _AFFILIATE_CONTENT
    + r"(?: on (?:this|our) (?:site|website|blog))? (?:may |might |does |also |sometimes |often )*"
    r"(?:contains?|includes?|uses?|features?|has|have|are) (?:some |paid |sponsored |referral )*affiliate links?\b"
    r"|\b(?:this|our) (?:site|website|blog) (?:may )?(?:uses?|contains?|participates? in) (?:\w+ ){0,3}affiliate\b"
    r"|\bas an amazon associate\b"
    r"|\bearns? (?:a |an )?(?:small )?(?:affiliate )?commissions? (?:from|on|through) (?:(?:some|qualifying|the|listed|our) ){0,2}"
    r"(?:links|purchases|providers|partners|products|sales made)\b"
    r"|\b(?:enthält|enthalten) (?:\w+ ){0,2}(?:affiliate|provisions|werbe)-?links\b"
    r"|\bcontient des liens (?:affiliés|d['’]affiliation|sponsorisés)\b|\bcontiene enlaces (?:de afiliados?|afiliados)\b"
    r"|\bcontiene link (?:di )?affiliazione\b"
)
#: Being paid, in the first person or with a modal "may": a disclosure only on a line that also
#: names what the payment is for (links, clicks, purchases, partners, products). "We will be
#: compensated for our losses, the farmers said" names none of them.
_AFFILIATE_PAID = (
    r"\b(?:we|i)(?: also)? (?:may |might |will |could |can |do |also |sometimes |often )*"
    r"(?:earn|receive|get|make|collect|take)s? " + _AFFILIATE_PAYMENT + r"\b"
    r"|\b(?:we|i)(?: also)? (?:may |might |will |could |also |are |am |sometimes )*(?:be )?compensated\b"
    r"|\bmay (?:earn|receive|get|collect)(?: us| me)? " + _AFFILIATE_PAYMENT + r"\b"
    r"|\bsupported by (?:affiliate )?commissions\b"
    r"|\b(?:erhalten|bekommen) wir (?:\w+ ){0,2}(?:eine )?(?:kleine )?provision\b"
    r"|\b(?:nous )?(?:percevons|touchons|recevons) une (?:petite )?commission\b"
    r"|\b(?:podemos|puede que) (?:recibir|ganar|obtener) una (?:pequeña )?comisión\b"
    r"|\bpotremmo (?:ricevere|guadagnare) una (?:piccola )?commissione\b"
)
_AFFILIATE_CONTEXT = (r"\b(?:links?|click\w*|purchas\w*|buy\w*|bought|shop\w*|qualifying|affiliate\w*|partners?|providers?"
                      r"|advertis\w*|retailers?|products?|items?|orders?|kauf\w*|einkauf\w*|achat\w*|achet\w*|compra\w*"
                      r"|acquist\w*|liens?|enlaces?)\b")
_AFFILIATE = re.compile(_AFFILIATE_LINKS + r"|^(?=.*" + _AFFILIATE_CONTEXT + r").*?(?:" + _AFFILIATE_PAID + r")", re.I)
_AFFILIATE_HINT = hint_test("affili", "afiliad", "commission", "comisi", "compensat", "associate", "provision", "werbe",
                            "kickback", " of the sale", " of sales", " of revenue", " of the revenue")
#: (reason, cheap test, pattern, whether a bulleted or framed line may match): a bulleted
#: "• 7-day free trial" is an item of a list of a plan's features, not a call to subscribe.
_RULES = (
    ("cookie_notice", _COOKIE_HINT, _COOKIE, True),
    ("cookie_notice", _EMBED_CONSENT_HINT, _EMBED_CONSENT, True),
    ("subscription_prompt", _SUBSCRIPTION_HINT, _SUBSCRIPTION, False),
    ("newsletter_signup", _NEWSLETTER_HINT, _NEWSLETTER, True),
    ("form_consent", _FORM_CONSENT_HINT, _FORM_CONSENT, True),
    ("comment_prompt", _COMMENT_POLICY_HINT, _COMMENT_POLICY, True),
    ("read_also_link", _FULL_ARTICLE_LINK_HINT, _FULL_ARTICLE_LINK, True),
    ("editor_credit", _CREDIT_HINT, _CREDIT, True),
    ("editor_credit", _FOLLOW_HINT, _FOLLOW, True),
    ("share_buttons", _SHARE_HINT, _SHARE, True),
    ("advertisement", _APP_HINT, _APP, True),
    ("affiliate_disclosure", _AFFILIATE_HINT, _AFFILIATE, True),
)
_FRAME = " \t•*·-–—|>"
#: Every rule's hint words, looked for in a line at once: bit ``k`` is ``_RULES[k]``'s test.
_RULE_HINTS = HintGroups([hint.words for _, hint, _, _ in _RULES])
_RULE_BITS = [(1 << k, reason, pattern, framed_ok) for k, (reason, _, pattern, framed_ok) in enumerate(_RULES)]


@memo
def appeal_reason(line: str) -> str | None:
    """The reason code of a line that is one of the appeals, else None (any length)."""
    line = norm(line)
    text = line.strip(_FRAME)
    if text[:1] == "[" and _COOKIE_TOGGLE.fullmatch(text):
        return "cookie_notice"
    hits = _RULE_HINTS.mask(lower_for_hints(text))  # the rules whose hint words the line holds
    if not hits:
        return None
    framed = text != line.lstrip(" \t")
    for bit, reason, pattern, framed_ok in _RULE_BITS:
        if hits & bit and (framed_ok or not framed) and pattern.search(text):
            return reason
    return None


@memo
def is_consent_framework_line(line: str) -> bool:
    """Whether a line (any length) is one of a TCF consent dialog's formulas (``_CONSENT_FRAMEWORK``)."""
    text = norm(line).strip(_FRAME)
    low = lower_for_hints(text)
    return (low is None or _CONSENT_FRAMEWORK_HINT(low)) and _CONSENT_FRAMEWORK.search(text) is not None


def names_concepts(line: str, count: int) -> bool:
    """Whether a line names at least ``count`` of a consent dialog's concepts; most lines are told
    by their words (``_CONSENT_CONCEPT_HINTS``) without the concepts' regex."""
    if bin(_CONSENT_CONCEPT_HINTS.mask(lower_for_hints(line))).count("1") < count:
        return False
    return consent_concepts(line) >= count


@memo
def consent_concepts(line: str) -> int:
    """How many of a consent dialog's concepts (``_CONSENT_CONCEPTS``) a line names."""
    return len({found.lastgroup for found in _CONSENT_CONCEPTS.finditer(line)})


def consent_prose(lines: list[str], candidates: list[int], anchors: list[int], reach: int,
                  min_concepts: int) -> list[int]:
    """The ``candidates`` (kept lines, in page order) that are a consent dialog's prose: naming
    ``min_concepts`` of its concepts within ``reach`` lines of one of the dialog's formulas
    (``anchors``, line indices) or of another such line, on a page holding at least two
    formulas. A dialog is one block of the page, so the reach keeps an article about privacy
    elsewhere on the page out of it; and only lines near a formula are read at all."""
    if len(anchors) < 2:
        return []
    found: set[int] = set()
    for order, step in ((candidates, 1), (candidates[::-1], -1)):  # down the page from each formula, then up
        marks = sorted(anchors, reverse=step < 0)
        nearest, k = None, 0
        for i in order:
            while k < len(marks) and (marks[k] - i) * step < 0:  # the formulas before ``i`` (in this direction)
                nearest, k = marks[k], k + 1
            if nearest is not None and abs(i - nearest) <= reach and (
                    i in found or names_concepts(norm(lines[i]), min_concepts)):
                found.add(i)
                nearest = i
    return sorted(found)


def find_appeals(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove kept lines of at most ``appeals.max_words`` words that are one of the appeals;
    cookie-dialog lines stay on a page where they would be over ``COOKIE_PAGE_SHARE`` of the kept
    words (a cookie policy explains its cookies in the dialog's own formulas). A consent
    framework's dialog goes whatever its share of the page (when the model kept little else,
    the dialog is all the more wrong), once the page holds ``CONSENT_FRAMEWORK_MIN_LINES`` of its
    lines. On a page not about cookies, the dialog's own prose next to its formulas goes too
    (``consent_prose``)."""
    verdict = Verdict()
    limit = config.appeals.max_words
    if limit is None:
        return verdict
    kept_words = cookie_words = 0
    consent: list[int] = []
    page = "\n".join(doc.lines)
    judge_consent = any(marker in page for marker in _CONSENT_FRAMEWORK_MARKERS)
    for index in doc.kept_content_indices():
        line = doc.lines[index]
        n = words(line)
        kept_words += n
        reason = appeal_reason(line) if n <= limit else None
        if reason is not None:
            verdict.remove(index, reason)
            cookie_words += n if reason == "cookie_notice" else 0
        elif judge_consent and is_consent_framework_line(line):
            consent.append(index)
    about_cookies = cookie_words > COOKIE_PAGE_SHARE * kept_words
    if about_cookies:
        for index in [i for i, reason in verdict.removals.items() if reason == "cookie_notice"]:
            del verdict.removals[index]
    if len(consent) >= CONSENT_FRAMEWORK_MIN_LINES:
        for index in consent:
            verdict.remove(index, "cookie_notice")
    reach = config.appeals.consent_prose_reach_lines
    if reach is not None and not about_cookies:
        anchors = [i for i, reason in verdict.removals.items() if reason == "cookie_notice"]
        left = [i for i in doc.kept_content_indices() if i not in verdict.removals]
        for index in consent_prose(doc.lines, left, anchors, reach, config.appeals.consent_prose_min_concepts):
            verdict.remove(index, "cookie_notice")
    if config.appeals.sentence_pieces:  # "free trial" printed alone as a link inside a kept sentence
        keep_sentence_pieces(doc, verdict.removals)
    return verdict
