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

import ahocorasick
import numpy as np

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
_MISSING = object()


class Memo(dict):
    """A pure one-argument function's results by argument, computed on first use (``__missing__``).

    Called through its bound ``__getitem__``: a hit is one dictionary lookup in C, cheaper than
    ``functools.lru_cache``'s, and a miss costs far less than its linked-list bookkeeping. Bounded
    by emptying it when full (the results are pure: only the time to recompute them is lost).
    Results known in advance (found for a whole page at once) are added with ``update``.
    """

    __slots__ = ("function", "rest")

    def __init__(self, function, *rest) -> None:
        super().__init__()
        self.function = function
        self.rest = rest  # further arguments, the same for every call

    def __missing__(self, argument):
        value = self.function(argument, *self.rest)
        if len(self) >= _CACHE_SIZE:
            self.clear()
        self[argument] = value
        return value

    def cache_clear(self) -> None:
        self.clear()

    def results(self, arguments: list) -> list:
        """``[self[argument] for argument in arguments]``, the misses computed in line."""
        get, function, rest, missing = self.get, self.function, self.rest, _MISSING
        found = []
        for argument in arguments:
            value = get(argument, missing)
            if value is missing:
                value = function(argument, *rest)
                if len(self) >= _CACHE_SIZE:
                    self.clear()
                self[argument] = value
            found.append(value)
        return found


def memo(function, *rest):
    """``function`` memoised on its first argument in a ``Memo`` (``rest``: its other arguments,
    fixed), registered for ``clear_caches``; the ``Memo`` itself is ``memo(function).__self__``."""
    table = Memo(function, *rest)
    _CACHES.append(table)
    return table.__getitem__


def cached(function):
    """``functools.lru_cache`` with this module's bound, registered for ``clear_caches``
    (``memo`` for a function of one argument: cheaper)."""
    wrapped = functools.lru_cache(maxsize=_CACHE_SIZE)(function)
    _CACHES.append(wrapped)
    return wrapped


def clear_caches() -> None:
    for cache in _CACHES:
        cache.cache_clear()


def _norm(line: str) -> str:
    # Same as ``re.sub(r"\s+", " ", line).strip()``: ``\s`` and ``str.split()`` agree on what
    # is white space (``str.isspace``), U+00A0 included. Every white space character but the
    # space is unprintable: a printable line without two spaces in a row, once trimmed of
    # spaces, is already collapsed (most lines; no list of its words is made).
    if line.isprintable():
        text = line.strip(" ")
        if "  " not in text:
            return text
    return " ".join(line.split())


#: Whitespace collapsed (non-breaking spaces included) and trimmed; for matching and captions.
norm = memo(_norm)


@memo
def key(line: str) -> str:
    """A matching key: lower case, letters/digits/spaces only."""
    # Collapsing white space first changes no run of word characters.
    if line.isascii():
        return b" ".join(line.encode("ascii").lower().translate(_ASCII_NON_WORD_TO_SPACE).split()).decode("ascii")
    return " ".join(WORD.findall(line.lower()))


@memo
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


@memo
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


def hint_test(*words: str):
    """A function telling whether any of ``words`` (plain, lower-case) is in a ``lower_for_hints``
    text: ``hints(*words).search(low) is not None``, as a chain of ``in`` tests (each a fast scan
    for a literal, where the regex alternation steps through every character). The words are
    its ``words`` attribute, for ``HintGroups``."""
    test = eval("lambda low: " + " or ".join(f"{word!r} in low" for word in words))  # noqa: S307 (constants)
    test.words = words
    return test


class HintGroups:
    """Which of several ``hint_test`` word lists have a word in a ``lower_for_hints`` text, all
    found in one pass over it.

    A step that tries a dozen rules on every line, each guarded by its own ``hint_test``, scans
    the line once per word of every list; an Aho-Corasick automaton (pyahocorasick) over all the
    words finds every occurrence of any of them in a single scan. Bit ``k`` of ``mask(low)`` is
    set exactly when ``hint_test(*groups[k])(low)`` is true (a word is in the text as a substring
    either way); a ``None`` text (``lower_for_hints`` could not lower it safely) sets every bit,
    as the rules then run their regexes unguarded.
    """

    def __init__(self, groups: list[tuple[str, ...]]) -> None:
        bits: dict[str, int] = {}
        for k, group in enumerate(groups):
            for word in group:
                if not word:
                    raise ValueError("an empty hint word is in every text: leave the rule unguarded instead")
                bits[word] = bits.get(word, 0) | (1 << k)
        self.every = (1 << len(groups)) - 1
        self._automaton = ahocorasick.Automaton()
        for word, mask in bits.items():
            self._automaton.add_word(word, mask)
        self._automaton.make_automaton()
        self._iter = self._automaton.iter

    def mask(self, low: str | None) -> int:
        """The bits of the groups one of whose words is in ``low`` (all of them for ``None``)."""
        if low is None:
            return self.every
        found = 0
        for _, bits in self._iter(low):
            found |= bits
        return found


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END.search(text)`` for a text without a line break, without a scan."""
    text = text.rstrip(_SENTENCE_CLOSERS)
    return bool(text) and text[-1] in _SENTENCE_END_CHARS


@memo
def ends_sentence(line: str) -> bool:
    return _ends_sentence(norm(line))


def _is_paragraph(line: str, min_words: int = 15) -> bool:
    text = norm(line)
    return words(text) >= min_words and _ends_sentence(text)


def _is_prose(line: str, min_words: int = 15) -> bool:
    text = norm(line)
    if words(text) < min_words or text.count("|") + text.count("｜") >= 2:
        return False
    return _ends_sentence(text) or text.endswith((":", ",", ";")) or bool(_PROSE_PUNCT.search(text))


#: ``is_paragraph(line)`` and ``is_prose(line)`` (the default ``min_words``), memoised on the line.
paragraph = memo(_is_paragraph)
prose = memo(_is_prose)
_paragraph_with, _prose_with = cached(_is_paragraph), cached(_is_prose)


def is_paragraph(line: str, min_words: int = 15) -> bool:
    """A line of running prose: long and ending like a sentence."""
    return paragraph(line) if min_words == 15 else _paragraph_with(line, min_words)


def is_prose(line: str, min_words: int = 15) -> bool:
    """Running prose, also when a dump wrapped it mid-sentence: long, punctuated, not a list."""
    return prose(line) if min_words == 15 else _prose_with(line, min_words)


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


@memo
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


_PLANE = 0x10000
# class bits of a character of the plane: ``\w``, in ``_CJK``, one of ``LIST_SEPARATORS``
_WORD_CHAR, _CJK_CHAR, _LIST_SEPARATOR_CHAR = 1, 2, 4

#: The characters that separate the phrases of a keyword list (``spam``).
LIST_SEPARATORS = "|｜、/／¦•·,，;；"  # inside a character class none of them needs escaping
_LIST_SEPARATOR = re.compile("[" + LIST_SEPARATORS + "]")


@memo
def list_separators(text: str) -> int:
    """How many of ``LIST_SEPARATORS`` ``text`` holds."""
    return len(_LIST_SEPARATOR.findall(text))


#: The separators, colons and "#" of menus, breadcrumbs, hashtags and contact lines.
MARKUP_CHARS = "#>»›→/\\|｜•·:："
_MARKUP_ASCII = re.compile("[" + re.escape(MARKUP_CHARS) + "0-9]")  # (of an ASCII text, ``\d`` is 0-9)
_MARKUP = re.compile("[" + re.escape(MARKUP_CHARS) + r"\d]")
_WHITE_RUN = re.compile(r"\s{3,}")


def has_markup(text: str) -> bool:
    """``text`` holds one of ``MARKUP_CHARS``, a ``\\d`` digit or a run of three white space
    characters (which needs three spaces or a white space character other than the space: all
    of them are unprintable)."""
    found = _MARKUP_ASCII.search(text) if text.isascii() else _MARKUP.search(text)
    return found is not None or (("   " in text or not text.isprintable()) and _WHITE_RUN.search(text) is not None)


@functools.lru_cache(maxsize=1)
def _plane_classes():
    """``_WORD_CHAR`` (``str.isalnum`` or the underscore: what ``\\w`` matches), ``_CJK_CHAR``
    and ``_LIST_SEPARATOR_CHAR`` of every character of the basic plane, once per process."""
    table = np.fromiter((chr(code).isalnum() for code in range(_PLANE)), dtype=np.uint8, count=_PLANE)
    table[ord("_")] = _WORD_CHAR
    table[[ord(char) for char in LIST_SEPARATORS]] |= _LIST_SEPARATOR_CHAR  # (all of them past ``\w``)
    for first, last in ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF)):
        table[first : last + 1] |= _CJK_CHAR
    return table


def norm_lines(lines: list[str]) -> list[str]:
    """``norm`` of every line, with ``words``, ``list_separators`` and ``lower_for_hints`` of the
    results found for all lines at once and stored in their memos (the rule steps ask for them
    line by line).

    ``words`` of a text is its runs of ``\\w`` characters outside the CJK ranges plus half its
    CJK characters (rounded up), whichever branch of ``words`` counts it: counted here over the
    code points of all lines together. Lines with a character past the basic plane are left
    to ``words`` itself. ``lower_for_hints`` is stored when no line holds a letter that makes
    it ``None``.
    """
    texts = list(map(_norm, lines))
    if not texts or len(texts) > _CACHE_SIZE // 4:  # a huge page: the memos could not hold it
        return texts
    norms = norm.__self__
    if len(norms) + 2 * len(texts) > _CACHE_SIZE:
        norms.clear()
    norms.update(zip(lines, texts))
    norms.update(zip(texts, texts))  # a normalised text is its own ``norm``
    joined = "\n".join(texts)
    try:
        encoded = joined.encode("utf-32-le")
    except UnicodeEncodeError:  # a lone surrogate
        return texts
    if "" in texts:  # (content lines have text: a line holds its own ``reduceat`` segment)
        return texts
    codes = np.frombuffer(encoded, dtype=np.uint32)
    n = len(texts)
    starts = np.zeros(n, dtype=np.intp)
    (np.fromiter(map(len, texts[:-1]), dtype=np.intp, count=n - 1) + 1).cumsum(out=starts[1:])
    past_plane = codes.max() >= _PLANE
    classes = _plane_classes()[np.minimum(codes, _PLANE - 1) if past_plane else codes]
    counted = (classes & (_WORD_CHAR | _CJK_CHAR)) == _WORD_CHAR  # a word character outside the CJK ranges
    run_start = np.empty(len(codes), dtype=np.int64)  # 1 where a run of them starts
    run_start[0] = counted[0]
    np.greater(counted[1:], counted[:-1], out=run_start[1:], casting="unsafe")
    runs = np.add.reduceat(run_start, starts)
    cjk = np.add.reduceat(((classes & _CJK_CHAR) >> 1).astype(np.int64), starts)
    found = (runs + (cjk + 1) // 2).tolist()
    separators = list_separators.__self__  # (exact past the plane too: no separator is there)
    if len(separators) + len(texts) > _CACHE_SIZE:
        separators.clear()
    found_separators = np.add.reduceat(((classes & _LIST_SEPARATOR_CHAR) >> 2).astype(np.int64), starts)
    separators.update(zip(texts, found_separators.tolist()))
    if past_plane:
        for k in set((starts.searchsorted(np.flatnonzero(codes >= _PLANE), side="right") - 1).tolist()):
            found[k] = None
    counts = words.__self__
    if len(counts) + len(texts) > _CACHE_SIZE:
        counts.clear()
    counts.update((text, count) for text, count in zip(texts, found) if count is not None)
    if not has_case_trap(joined):  # then ``lower_for_hints`` of every line is its ``lower()``
        lows = lower_for_hints.__self__
        if len(lows) + len(texts) > _CACHE_SIZE:
            lows.clear()
        lows.update(zip(texts, map(str.lower, texts)))
    return texts


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
    "Twittern", "Mailen", "Versenden", "Merken", "Link kopieren", "Artikel teilen", "Beitrag teilen",
    "Tweeter", "Condividi", "Compartilhar", "Partilhar",
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
    "Schreibe einen Kommentar", "Hinterlasse einen Kommentar", "Einen Kommentar hinterlassen",
    "Kommentar verfassen", "Leserkommentare", "Diskutieren Sie mit", "Jetzt kommentieren",
    "Antworten abbrechen", "Laisser une réponse", "Deja una respuesta",
)

# Lines that open the comment section: after these, at the end of a page, nothing is article.
COMMENT_BOUNDARY = words_set(
    "Leave a Reply", "Leave a reply", "Leave a comment", "Add your comment", "Add a comment",
    "Post a comment", "Write a comment", "Join the conversation", "Kommentar schreiben",
    "Schreiben Sie einen Kommentar", "Laisser un commentaire", "Ajouter un commentaire",
    "Deja un comentario", "Dejar un comentario", "发表评论", "网友评论",
    # WordPress's and news sites' German forms
    "Schreibe einen Kommentar", "Hinterlasse einen Kommentar", "Einen Kommentar hinterlassen",
    "Kommentar verfassen", "Leserkommentare", "Diskutieren Sie mit", "Jetzt kommentieren",
    "Laisser une réponse", "Deja una respuesta",
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

#: A recipe card's button label, lower case (the WordPress recipe plugins print "Jump to Recipe",
#: "Print Recipe", "Rate this Recipe", "Rezept drucken" over and under every recipe): a control
#: (``controls``) and never a page's title (``metadata``).
RECIPE_BUTTON = (r"(?:jump to (?:recipe|video|comments?)|(?:print|pin|save|share|rate)(?: this| the)? recipe"
                 r"|(?:zum )?rezept (?:drucken|merken|speichern|bewerten|teilen)|zum rezept(?: springen)?"
                 r"|(?:imprimer|enregistrer|noter) (?:la |cette )?recette|aller à la recette"
                 r"|(?:imprimir|guardar|valorar) (?:la |esta )?receta|ir a la receta)")

#: Lead-ins of a line that points at another article, "Read more: <its headline>" (a related
#: heading, but not the single words that also open an article's own sentences: "Next: …").
READ_ALSO_LEAD_INS = RELATED_HEADINGS - words_set(
    "Previous", "Next", "Popular", "Trending", "Recommended", "Zum Thema", "prev next",
)

AD_WORDS = words_set(
    "Advertisement", "Advertisements", "ADVERTISEMENT", "Advertising", "Sponsored",
    "Sponsored content", "Anzeige", "Werbung", "Publicité", "Publicidad", "广告", "AdChoices",
    "Ad", "Scroll to continue with content", "Story continues below advertisement",
    "Article continues below advertisement", "Continue reading below", "Advertisement - Scroll to continue",
    "Weiterlesen nach der Anzeige", "Artikel wird unter der Anzeige fortgesetzt", "Lesen Sie nach der Anzeige weiter",
    "Anzeige - Scrollen zum Weiterlesen", "La suite après cette publicité", "La suite après la publicité",
    "Continúa después de la publicidad", "Sigue leyendo después de la publicidad",
)

CONTINUE_READING = words_set(
    "Continue reading the main story", "Continue reading", "Read full article",
    "Read the full story", "Read the full article", "Weiterlesen", "Lire la suite", "Leer más",
    "Supported by", "Mehr lesen", "Artikel lesen", "Ganzen Artikel lesen", "Lire l'article",
    "Seguir leyendo", "Continuar leyendo",
)


def lowered_page(lines: list[str]) -> str | None:
    """``lines`` joined by line breaks and lower-cased, for ``lines_holding``; ``None`` when a
    letter's lower case is longer (positions in it would no longer be the lines')."""
    page = "\n".join(lines)
    low = page.lower()
    return low if len(low) == len(page) else None


def lines_holding(lines: list[str], low: str | None, needles: tuple[str, ...]) -> list[int]:
    """The positions in ``lines`` of the lines holding one of ``needles``, found in ``low``
    (``lowered_page(lines)``; ``None``: the lines are tried one by one) by one ``str.find`` scan
    per needle rather than a regex tried at every character."""
    if low is None:
        return [n for n, line in enumerate(lines) if any(needle in line.lower() for needle in needles)]
    places = []
    for needle in needles:
        at = low.find(needle)
        while at >= 0:
            places.append(at)
            at = low.find(needle, at + 1)
    found, line, scanned = [], 0, 0
    for at in sorted(places):
        line += low.count("\n", scanned, at)  # (line breaks only between lines: ``norm`` texts hold none)
        scanned = at
        if not found or found[-1] != line:
            found.append(line)
    return found
