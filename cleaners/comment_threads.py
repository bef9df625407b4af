"""A blog's comment section under a count of its comments: the count and all after it go.

Blog themes head the readers' comments with a line that names the post: "15 Replies to
“Open-sourcing the CAD files”", "59 Comments on “Day Eighteen: Starship Troopers”", "2 responses
to “The Best Strategy Games of 2025”", "3 Kommentare zu „Titel“". The comments under it are
prose of common words, so the line classifier keeps many of them, and the page's size does not
tell them apart from the post: on a popular post they outweigh it, which is why
``boilerplate``'s comment boundary (which asks for most of the page's prose before it) lets
them through.

What gives the heading away is the title it quotes: the page printed that title as its
headline, earlier (a text dump), or it is the page's title (extracted HTML, whose text starts
under the headline). A count of comments that names the post being read ends the post: the
heading and every kept line after it go. A forum thread's "20 replies to this topic" names no
title printed before it and stays, with the posts under it.

A count that names no title ("124 Reader Comments", "Comments 115", "15 Replies") ends the post
the same way when two comments signed the way blog templates sign them ("Hans says:",
``_SAYS``) follow it within ``_MARKS_WITHIN`` lines, and no line above it is so signed (a
thread whose own post is). A forum's replies carry "Reply", "Quote" and times but no "says:",
and stay: on a forum whose replies are headed "22 Comments" those marks would cut the thread.

This step runs after the line classifier, over every page. Reason code: ``comment_section``
(the same as ``boilerplate``'s comment boundary).
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import key, lines_holding, lowered_page, words

# "15 Replies to “Title”", "One thought on “Title”", "0 Comment on Title", "3 Kommentare zu
# „Titel“", "2 réponses à « Titre »", "4 comentarios en «Título»" (on ``norm`` texts: single spaces).
_BULLETS = r"^[ •·*●○□■▪-]*"
_TITLED_COUNT = re.compile(
    _BULLETS + r"(?:\d[\d,.]*|no|one|zero) +(?:comments?|responses?|replies|reply|thoughts?) +(?:on|to) +(?P<en>.+)$"
    r"|" + _BULLETS + r"(?:\d[\d.]*|ein|eine|keine) +(?:kommentare?|antworten?|gedanken) +(?:zu|auf|über|zum) +(?P<de>.+)$"
    r"|" + _BULLETS + r"(?:\d[\d ]*|une?|aucun) +(?:commentaires?|réponses?) +(?:à|au|sur|pour) +(?P<fr>.+)$"
    r"|" + _BULLETS + r"(?:\d[\d.]*|un|una|ningún) +(?:comentarios?|respuestas?) +(?:a|en|para|sobre) +(?P<es>.+)$",
    re.I,
)
# A count that names no title ("124 Reader Comments", "Comments 115", "Kommentare (3)").
_COUNT_HEADING = re.compile(
    _BULLETS + r"(?:(?:\d[\d,.]*|no|one) +(?:reader +|user +)?(?:comments?|responses?|replies|kommentare?"
    r"|commentaires?|comentarios?)|(?:comments?|kommentare|commentaires|comentarios|replies|responses) *[(\[]?\d[\d,.]*[)\]]?)$",
    re.I,
)
# A comment signed the way blog templates sign it: "Hans says:", "Sharon says", "Anna sagt:".
_SAYS = re.compile(r"\b(?:says|sagt|dit|dice|wrote|schrieb) *:?$", re.I)
_SAYS_WORDS = ("says", "sagt", "dit", "dice", "wrote", "schrieb")
# Every line ``_TITLED_COUNT`` or ``_COUNT_HEADING`` matches holds one of these (lower-cased).
_HINTS = ("comment", "respons", "repl", "thought", "kommentar", "antwort", "gedanken", "réponse", "comentario",
          "respuesta")
_MARKS_WITHIN = 15
_MAX_COUNT_CHARS = 40


def find_comment_sections(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove a comment count naming the post's title (or heading comments signed "says:"),
    and every kept line after it."""
    verdict = Verdict()
    min_words = config.boilerplate.min_words_before_comment_section
    if min_words is None:
        return verdict
    content, texts = doc.content_indices(), doc.texts()
    lines = [texts[i] for i in content]
    low = lowered_page(lines)
    counts = lines_holding(lines, low, _HINTS)
    if not counts:
        return verdict
    boundary = _titled_boundary(doc, content, texts, counts)
    if boundary is None:
        boundary = _counted_boundary(content, lines, low, counts)
    if boundary is None:
        return verdict
    kept = doc.kept_content_indices()
    if sum(words(texts[i]) for i in kept if i < boundary) < min_words:
        return verdict  # no post above it: the count heads the page itself
    for i in kept:
        if i >= boundary:
            verdict.remove(i, "comment_section")
    return verdict


def _titled_boundary(doc: Document, content: tuple[int, ...], texts: list[str], candidates: list[int]) -> int | None:
    """The first line that counts comments on a title printed earlier (or the page's title),
    kept or not: ``boilerplate`` removes "N thoughts on “Title”" as a comment prompt of its own."""
    page_title = key(str(doc.metadata.get("title") or ""))
    for n in candidates:
        i = content[n]
        found = _TITLED_COUNT.match(texts[i])
        if found is None:
            continue
        title = key(next(group for group in found.groups() if group is not None))
        if words(title) < 2:
            continue
        # any line above it, kept or not: the headline may have gone as page furniture
        if _names_page(title, page_title) or any(key(texts[j]) == title for j in range(i) if texts[j]):
            return i
    return None


def _names_page(title: str, page_title: str) -> bool:
    """The page's title is the quoted one, or it with the site's name after it ("Title - Site")."""
    return title == page_title or (words(title) >= 3 and page_title.startswith(title + " "))


def _counted_boundary(content: tuple[int, ...], lines: list[str], low: str | None, candidates: list[int]) -> int | None:
    """The first comment count ("124 Reader Comments", "Comments 115") among ``candidates``
    followed within ``_MARKS_WITHIN`` lines by two comments signed "says:", on a page with no
    such line above it."""
    headings = [n for n in candidates if len(lines[n]) <= _MAX_COUNT_CHARS and _COUNT_HEADING.match(lines[n])]
    if not headings:
        return None  # (most pages: the page is not scanned for signatures)
    signed = [n for n in lines_holding(lines, low, _SAYS_WORDS) if _SAYS.search(lines[n])]
    if len(signed) < 2:
        return None
    for n in headings:
        if signed[0] < n:
            return None  # a post's author line above any count: a forum's thread
        if sum(1 for m in signed if n < m <= n + _MARKS_WITHIN) >= 2:
            return content[n]
    return None
