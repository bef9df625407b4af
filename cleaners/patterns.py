"""Line shapes and keyword lists shared by the rule steps (spam, header, captions, boilerplate).

Kept as data and small pure helpers so the steps read as rules. Keyword lists cover English,
German, French, Spanish and Chinese where cheap; matching is always against a whole normalised
line (or a whole segment of it), never a substring of running text, so an article sentence that
merely mentions "share" or "login" is never hit.
"""

from __future__ import annotations

import collections
import functools
import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]»]*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SENTENCE_END_CHARS = ".!?…。！？"  # ``_SENTENCE_END``, as a last character ...
_SENTENCE_CLOSERS = "\"'”’)]»"  # ... before any run of these
_PROSE_PUNCT = re.compile(r"[,.;:，。] ?\w")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# A character that counts towards ``words`` other than as a separator: a non-ASCII word character
# or one of the CJK ranges (which hold a few punctuation marks, counted as half words too).
_NON_ASCII_COUNTED = re.compile(r"[^\W\x00-\x7f]|" + _CJK.pattern)
# On an ASCII line, the runs of ``\w`` are what ``split()`` finds once every other character is a
# space. The line is mapped as bytes: a 256-byte table costs far less per call than ``str.translate``'s
# per-character mapping.
_ASCII_NON_WORD_TO_SPACE = bytes(c if c < 128 and WORD.fullmatch(chr(c)) else ord(" ") for c in range(256))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# The helpers below are pure functions of a string, called on the same lines by every rule step
# (and on the same short segments again and again): their results are memoised. Each cache is
# bounded; ``clear_caches`` empties them all (benchmarks use it to time a page from cold).
_CACHE_SIZE = 1 << 13  # several pages of lines and their segments: a few MB at most
_CACHES: list = []


def cached(function):
    """``functools.lru_cache`` with this module's bound, registered for ``clear_caches``."""
    wrapped = functools.lru_cache(maxsize=_CACHE_SIZE)(function)
    _CACHES.append(wrapped)
    return wrapped


def clear_caches() -> None:
    for cache in _CACHES:
        cache.cache_clear()


@cached
def norm(line: str) -> str:
    """Whitespace collapsed (non-breaking spaces included) and trimmed; for matching and captions."""
    # Same as ``re.sub(r"\s+", " ", line).strip()``: ``\s`` and ``str.split()`` agree on what
    # is white space (``str.isspace``), U+00A0 included.
    return " ".join(line.split())


@cached
def key(line: str) -> str:
    """A matching key: lower case, letters/digits/spaces only."""
    # Collapsing white space first changes no run of word characters.
    if line.isascii():
        return b" ".join(line.encode("ascii").lower().translate(_ASCII_NON_WORD_TO_SPACE).split()).decode("ascii")
    return " ".join(WORD.findall(line.lower()))


@cached
def words(line: str) -> int:
    """Words in a line; each CJK character counts as half a word (two make a word)."""
    if line.isascii():
        return len(line.encode("ascii").translate(_ASCII_NON_WORD_TO_SPACE).split())
    if _NON_ASCII_COUNTED.search(line) is None:
        # every non-ASCII character only separates words (quotes, dashes): as "?" it still does
        return len(line.encode("ascii", "replace").translate(_ASCII_NON_WORD_TO_SPACE).split())
    cjk = len(_CJK.findall(line))
    if not cjk:
        return len(WORD.findall(line))
    latin = len(WORD.findall(_CJK.sub(" ", line)))
    return latin + (cjk + 1) // 2


# The only characters ``re.IGNORECASE`` matches to an ASCII letter although ``str.lower`` does not
# map them to it (found by trying every code point against every letter).
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")  # İ ı ſ K


def has_case_trap(text: str) -> bool:
    """``_CASE_TRAPS.search(text) is not None``: four scans for one character each cost less than
    a call of the regex (and none at all in a text whose characters are all below them)."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text


@cached
def lower_for_hints(text: str) -> str | None:
    """``text.lower()``, in which a word that a case-insensitive regex needs can be looked for
    as a plain substring (a cheap test before the regex); ``None`` when ``text`` holds one of
    the few letters that make such a test unsafe, and the regex must simply be run."""
    if text.isascii():
        return text.lower()
    if has_case_trap(text):
        return None
    return text.lower()


def hints(*words: str) -> re.Pattern[str]:
    """A regex finding any of ``words`` (plain, lower-case) in a ``lower_for_hints`` text."""
    return re.compile("|".join(re.escape(w) for w in words))


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END.search(text)`` for a text without a line break, without a scan."""
    text = text.rstrip(_SENTENCE_CLOSERS)
    return bool(text) and text[-1] in _SENTENCE_END_CHARS


@cached
def ends_sentence(line: str) -> bool:
    return _ends_sentence(norm(line))


@cached
def is_paragraph(line: str, min_words: int = 15) -> bool:
    """A line of running prose: long and ending like a sentence."""
    text = norm(line)
    return words(text) >= min_words and _ends_sentence(text)


@cached
def is_prose(line: str, min_words: int = 15) -> bool:
    """Running prose, also when a dump wrapped it mid-sentence: long, punctuated, not a list."""
    text = norm(line)
    if words(text) < min_words or text.count("|") + text.count("｜") >= 2:
        return False
    return _ends_sentence(text) or text.endswith((":", ",", ";")) or bool(_PROSE_PUNCT.search(text))


_SCRIPT_OF_CHAR: dict[str, str | None] = {}


def _char_script(char: str) -> str | None:
    """The script word of a letter's Unicode name (``None`` for a non-letter), memoised."""
    try:
        return _SCRIPT_OF_CHAR[char]
    except KeyError:
        pass
    name: str | None = None
    if char.isalpha():
        try:
            name = unicodedata.name(char).split(" ")[0].lower()  # latin, cjk, hangul, cyrillic…
        except ValueError:
            name = None
        if name in ("hiragana", "katakana"):
            name = "kana"
    _SCRIPT_OF_CHAR[char] = name
    return name


def _script_of_slow(text: str) -> str | None:
    counts: dict[str, int] = {}
    for char in text:
        name = _char_script(char)
        if name is not None:
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    return max(counts, key=counts.get)


def script_of(text: str) -> str | None:
    """The dominant script of the letters in ``text`` (latin, han, cyrillic, arabic, …)."""
    if len(text) <= 300:
        return _script_of_line(text)
    return _script_of(text)


@cached
def _script_of_line(text: str) -> str | None:
    return _script_of(text)


def _script_of(text: str) -> str | None:
    # Counted without a Python loop over the characters: ASCII letters (all Latin) by deleting
    # them from the UTF-8 bytes (no multi-byte sequence holds an ASCII byte), other letters by
    # counting the distinct non-ASCII characters. Ties go to the script seen first, as in a
    # left-to-right count: those rare cases are counted character by character.
    encoded = text.encode("utf-8", "surrogatepass")
    counts: dict[str, int] = {}
    latin = len(encoded) - len(encoded.translate(None, _ASCII_LETTERS))
    if latin > len(encoded) - len(text):
        # Each non-ASCII character takes two or more bytes, so there are fewer of them than
        # that difference: no other script can reach the Latin count, nor tie it.
        return "latin"
    if latin:
        counts["latin"] = latin
    rest = "".join(_NON_ASCII.findall(text))
    if rest:
        for char, count in collections.Counter(rest).items():
            name = _char_script(char)
            if name is not None:
                counts[name] = counts.get(name, 0) + count
    if not counts:
        return None
    best = max(counts.values())
    winners = [name for name, count in counts.items() if count == best]
    if len(winners) == 1:
        return winners[0]
    return _script_of_slow(text)


def words_set(*phrases: str) -> frozenset[str]:
    """A set of matching keys (see ``key``) for whole-line or whole-segment lookups."""
    return frozenset(key(p) for p in phrases)


# Home words that start a breadcrumb trail.
HOME_WORDS = words_set(
    "Home", "Homepage", "Start", "Startseite", "Accueil", "Inicio", "Portada", "Home page",
    "首页", "主页", "Главная",
)

# Common section names, for menus printed one item a line or several items on one line.
NAV_WORDS = words_set(
    "Home", "News", "Business", "Sections", "Archive", "Archives", "Menu", "Main menu", "Navigation",
    "Skip to content", "Skip to main content", "Skip to site index", "Skip to navigation",
    "Close", "Open", "Toggle navigation", "More", "Sitemap", "Site map", "About", "About us",
    "Contact", "Contact us", "Privacy", "Privacy policy", "Terms", "Terms of use", "Terms of service",
    "Cookie policy", "Cookies", "Imprint", "Impressum", "Datenschutz", "Kontakt", "Mentions légales",
    "Aviso legal", "World", "Politics", "Sport", "Sports", "Economy", "Tech", "Technology",
    "Culture", "Lifestyle", "Life", "Travel", "Entertainment", "Science", "Health", "Opinion",
    "Video", "Videos", "Photos", "Photo", "Gallery", "Podcasts", "Today's Paper", "Nachrichten",
    "Wirtschaft", "Politik", "Kultur", "Startseite", "Accueil", "Actualités", "Inicio", "Noticias",
    "新闻", "首页", "China", "Asia", "Europe", "Americas", "Africa", "Middle East", "Local",
    "Blog", "Blogs", "Shop", "Events", "Jobs", "Careers", "Newsletter", "Newsletters", "RSS",
    "Weather", "Markets", "Latest",
    "Latest news", "Top stories", "Most popular", "Trending", "Español", "Deutsch",
)

SOCIAL_WORDS = words_set(
    "Share", "Shares", "Share this", "Share this article", "Share this story", "Share on Facebook",
    "Share on Twitter", "Tweet", "Facebook", "Twitter", "X", "WhatsApp", "WeChat", "Weibo",
    "新浪微博", "微信", "微博", "LinkedIn", "Pinterest", "Reddit", "Tumblr", "Telegram",
    "Instagram", "YouTube", "Flipboard", "Pocket", "Email", "E-mail", "Mail", "Print", "Copy link",
    "Copy", "Link", "Apple News", "Google News", "Messenger", "Teilen", "Drucken", "Partager",
    "Imprimer", "Compartir", "Imprimir", "分享", "Save", "Comment", "Follow us", "FOLLOW US",
    "Follow", "Folgen", "Suivez-nous", "Síguenos", "Like", "Pin", "Qzone", "QQ", "VK", "LINE",
)

LANGUAGE_NAMES = [
    "Global Edition", "Global", "Edition", "ASIA", "中文雙語", "中文双语", "English", "中文",
    "繁體", "简体", "Français", "Deutsch", "Español", "Português", "Italiano", "Русский",
    "日本語", "한국어", "العربية", "Nederlands", "Polski", "Türkçe",
]
LANGUAGE_CODES = ["EN", "DE", "FR", "ES", "ZH", "IT", "PT", "RU", "JA", "KO", "AR", "NL"]

LOGIN_WORDS = words_set(
    "Login", "Log in", "Log In", "Sign in", "Sign In", "Sign up", "Register", "Log out", "Logout",
    "Sign out", "My account", "Account", "Subscribe", "Subscribe now", "Subscribe today",
    "Search", "Search for", "Anmelden", "Abmelden", "Registrieren", "Einloggen", "Abonnieren",
    "Suche", "Suchen", "Connexion", "Se connecter", "S'abonner", "Rechercher", "Recherche",
    "Iniciar sesión", "Registrarse", "Suscríbete", "Buscar", "登录", "注册", "搜索",
    "Log in or sign up", "Sign in or register", "Login Register", "Newsletter abonnieren",
    "Sign up for our newsletter", "Forgot password", "Password", "Username",
)

BACK_TO_TOP = words_set(
    "Top", "Back to top", "Back to the top", "To top", "Go to top", "Scroll to top",
    "Nach oben", "Zurück nach oben", "Seitenanfang", "Haut de page", "Retour en haut",
    "Volver arriba", "Ir arriba", "返回顶部", "回到顶部",
)

COMMENT_PROMPTS = words_set(
    "Leave a Reply", "Leave a reply", "Leave a comment", "Add your comment", "Add a comment",
    "Post a comment", "Post comment", "Post Comment", "Submit comment", "Write a comment",
    "Comments", "Comment", "Reply", "Cancel reply", "Join the conversation", "Show comments",
    "View comments", "Load comments", "Kommentare", "Kommentar schreiben", "Kommentieren",
    "Schreiben Sie einen Kommentar", "Commentaires", "Laisser un commentaire", "Ajouter un commentaire",
    "Comentarios", "Deja un comentario", "Dejar un comentario", "Añadir comentario", "评论",
    "发表评论", "网友评论", "Name", "Email", "Website", "Comment *", "Name *", "Email *",
)

# Lines that open the comment section: after these, at the end of a page, nothing is article.
COMMENT_BOUNDARY = words_set(
    "Leave a Reply", "Leave a reply", "Leave a comment", "Add your comment", "Add a comment",
    "Post a comment", "Write a comment", "Join the conversation", "Kommentar schreiben",
    "Schreiben Sie einen Kommentar", "Laisser un commentaire", "Ajouter un commentaire",
    "Deja un comentario", "Dejar un comentario", "发表评论", "网友评论",
)
COMMENT_COUNT = re.compile(
    r"^(\d+|no|one)\s+(comments?|responses?|thoughts? on .*|kommentare?|commentaires?|comentarios?)"
    r"(\s*\(?\d*\)?)?$|^(comments?|kommentare|commentaires|comentarios)\s*[(\[]\d+[)\]]$|^\d+\s*条评论$",
    re.IGNORECASE,
)

RELATED_HEADINGS = words_set(
    "Most Read", "Most read", "Most Popular", "Most viewed", "Most shared", "Hot News", "Hot news",
    "We Recommend", "Recommended", "Recommended for you", "Related", "Related reading",
    "Related articles", "Related stories", "Related news", "Related posts", "Related content",
    "Related coverage", "Related topics", "Read more", "Read More", "Read also", "See also",
    "More stories", "More news", "More from", "You may also like", "You might also like",
    "Also read", "Popular", "Popular posts", "Trending", "Trending now", "Latest news",
    "Latest stories", "Editor's picks", "Editors' picks", "Top stories", "prev next",
    "Previous", "Next", "Previous article", "Next article", "Previous post", "Next post",
    "Newer post", "Older post", "Mehr zum Thema", "Das könnte Sie auch interessieren",
    "Meistgelesen", "Meistgelesene Artikel", "Weitere Artikel", "Auch interessant", "Lesen Sie auch",
    "Verwandte Artikel", "Ähnliche Artikel", "Zum Thema", "À lire aussi", "Lire aussi",
    "Articles similaires", "Sur le même sujet", "Les plus lus", "Noticias relacionadas",
    "Te puede interesar", "Lo más leído", "Lo más visto", "Artículos relacionados",
    "相关新闻", "相关阅读", "推荐阅读", "热门新闻", "热点新闻", "延伸阅读",
    "Trending Now", "In case you missed it", "Recommended stories", "Related Stories",
)

#: Lead-ins of a line that points at another article, "Read more: <its headline>" (a related
#: heading, but not the single words that also open an article's own sentences: "Next: …").
READ_ALSO_LEAD_INS = RELATED_HEADINGS - words_set(
    "Previous", "Next", "Popular", "Trending", "Recommended", "Zum Thema", "prev next",
)

AD_WORDS = words_set(
    "Advertisement", "Advertisements", "ADVERTISEMENT", "Advertising", "Sponsored",
    "Sponsored content", "Anzeige", "Werbung", "Publicité", "Publicidad", "广告", "AdChoices",
    "Ad", "Scroll to continue with content", "Story continues below advertisement",
    "Article continues below advertisement", "Continue reading below",
)

CONTINUE_READING = words_set(
    "Continue reading the main story", "Continue reading", "Read full article",
    "Read the full story", "Read the full article", "Weiterlesen", "Lire la suite", "Leer más",
    "Supported by",
)
