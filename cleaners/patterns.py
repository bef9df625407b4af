"""Line shapes and keyword lists shared by the rule steps (spam, header, captions, boilerplate).

Kept as data and small pure helpers so the steps read as rules. Keyword lists cover English,
German, French, Spanish and Chinese where cheap; matching is always against a whole normalised
line (or a whole segment of it), never a substring of running text, so an article sentence that
merely mentions "share" or "login" is never hit.
"""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]»]*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def norm(line: str) -> str:
    """Whitespace collapsed (non-breaking spaces included) and trimmed; for matching and captions."""
    return _SPACE.sub(" ", line.replace("\u00a0", " ")).strip()


def key(line: str) -> str:
    """A matching key: lower case, letters/digits/spaces only."""
    return " ".join(WORD.findall(norm(line).lower()))


def words(line: str) -> int:
    """Words in a line; each CJK character counts as half a word (two make a word)."""
    cjk = len(_CJK.findall(line))
    latin = len(WORD.findall(_CJK.sub(" ", line)))
    return latin + (cjk + 1) // 2


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(norm(line)))


def is_paragraph(line: str, min_words: int = 15) -> bool:
    """A line of running prose: long and ending like a sentence."""
    text = norm(line)
    return words(text) >= min_words and ends_sentence(text)


def is_prose(line: str, min_words: int = 15) -> bool:
    """Running prose, also when a dump wrapped it mid-sentence: long, punctuated, not a list."""
    text = norm(line)
    if words(text) < min_words or len(re.findall(r"[|｜]", text)) >= 2:
        return False
    return ends_sentence(text) or text.endswith((":", ",", ";")) or bool(re.search(r"[,.;:，。] ?\w", text))


def script_of(text: str) -> str | None:
    """The dominant script of the letters in ``text`` (latin, han, cyrillic, arabic, …)."""
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        try:
            name = unicodedata.name(char).split(" ")[0].lower()  # latin, cjk, hangul, cyrillic…
        except ValueError:
            continue
        if name in ("hiragana", "katakana"):
            name = "kana"
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    return max(counts, key=counts.get)


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
