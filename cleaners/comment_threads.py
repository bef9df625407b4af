"""A blog's comment section headed by its count and the post's own title.

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
from cleaners.patterns import key, lower_for_hints, words

# "15 Replies to “Title”", "One thought on “Title”", "0 Comment on Title", "3 Kommentare zu
# „Titel“", "2 réponses à « Titre »", "4 comentarios en «Título»"
_TITLED_COUNT = re.compile(
    r"^[\s•·*●○□■▪-]*(?:\d[\d,.]*|no|one|zero)\s+(?:comments?|responses?|replies|reply|thoughts?)\s+(?:on|to)\s+(?P<en>.+)$"
    r"|^[\s•·*●○□■▪-]*(?:\d[\d.]*|ein|eine|keine)\s+(?:kommentare?|antworten?|gedanken)\s+(?:zu|auf|über|zum)\s+(?P<de>.+)$"
    r"|^[\s•·*●○□■▪-]*(?:\d[\d  ]*|une?|aucun)\s+(?:commentaires?|réponses?)\s+(?:à|au|sur|pour)\s+(?P<fr>.+)$"
    r"|^[\s•·*●○□■▪-]*(?:\d[\d.]*|un|una|ningún)\s+(?:comentarios?|respuestas?)\s+(?:a|en|para|sobre)\s+(?P<es>.+)$",
    re.I,
)
# Every line ``_TITLED_COUNT`` matches holds one of these (lower-cased).
_HINTS = ("comment", "respons", "repl", "thought", "kommentar", "antwort", "gedanken", "réponse", "comentario",
          "respuesta")


_COUNT_HEADING = re.compile(
    r"^[\s•·*●○□■▪-]*(?:(?:\d[\d,.]*|no|one)\s+(?:reader\s+|user\s+)?(?:comments?|responses?|replies|kommentare?"
    r"|commentaires?|comentarios?)|(?:comments?|kommentare|commentaires|comentarios|replies|responses)\s*[(\[]?\d[\d,.]*[)\]]?)$",
    re.I,
)
_SAYS = re.compile(r"\b(?:says|sagt|dit|dice|wrote|schrieb)\s*:?$", re.I)
_MARKS_WITHIN = 15


def _counted_boundary(content: tuple[int, ...], texts: list[str]) -> int | None:
    """The first comment count ("124 Reader Comments", "Comments 115") followed within
    ``_MARKS_WITHIN`` lines by two comments' marks, on a page with no "NAME says:" above it."""
    for n, i in enumerate(content):
        if _SAYS.search(texts[i]):
            return None  # a post's author line above any count: a forum's thread
        if len(texts[i]) > 40 or not _COUNT_HEADING.match(texts[i]):
            continue
        after = content[n + 1: n + 1 + _MARKS_WITHIN]
        if sum(1 for j in after if _SAYS.search(texts[j])) >= 2:
            return i
    return None


def find_titled_comment_section(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove a comment count naming the post's title, and every kept line after it."""
    verdict = Verdict()
    min_words = config.boilerplate.min_words_before_comment_section
    if min_words is None:
        return verdict
    kept = doc.kept_content_indices()
    texts = doc.texts()
    boundary = _titled_boundary(doc, doc.content_indices(), texts)
    if boundary is None:
        boundary = _counted_boundary(doc.content_indices(), texts)
    if boundary is None:
        return verdict
    if sum(words(texts[i]) for i in kept if i < boundary) < min_words:
        return verdict  # no post above it: the count heads the page itself
    for i in kept:
        if i >= boundary:
            verdict.remove(i, "comment_section")
    return verdict


def _titled_boundary(doc: Document, lines: tuple[int, ...], texts: list[str]) -> int | None:
    """The first line that counts comments on a title printed earlier (or the page's title),
    kept or not: ``boilerplate`` removes "N thoughts on “Title”" as a comment prompt of its own."""
    page_title = key(str(doc.metadata.get("title") or ""))
    for i in lines:
        title = _quoted_title(texts[i])
        if not title:
            continue
        # any line above it, kept or not: the headline may have gone as page furniture
        if _names_page(title, page_title) or any(key(texts[j]) == title for j in range(i) if texts[j]):
            return i
    return None


def _names_page(title: str, page_title: str) -> bool:
    """The page's title is the quoted one, or it with the site's name after it ("Title - Site")."""
    return title == page_title or (words(title) >= 3 and page_title.startswith(title + " "))


def _quoted_title(text: str) -> str:
    """The key of the title a comment count names ("" when the line is no such count)."""
    low = lower_for_hints(text)
    if low is not None and not any(hint in low for hint in _HINTS):
        return ""
    if words(text) < 4:
        return ""
    match = _TITLED_COUNT.match(text)
    if match is None:
        return ""
    title = next(group for group in match.groups() if group is not None)
    return key(title)
