"""The writer's biography that closes an article: "NAME is a freelance writer based in …".

Blogs, magazines and company sites end a post with a box about who wrote it: the author's name,
"is a/an/the", a trade (writer, editor, founder, attorney, dietitian…), where they work and what
else they wrote. It describes the writer, not the subject, and the development pages' references
leave it out (25 of 27 such paragraphs the fold models kept among the last six of a wcxb-dev page;
the two kept are articles about the person). It reads as well-formed prose about a person, so
a line model that judges lines by their words keeps it.

A kept paragraph among the page's last ``max_tail_paragraphs`` is such a biography when:

* it opens with a name: two or three capitalised words (initials allowed), an optional title in
  front ("Dr.", "Prof.") and credentials after a comma ("Dylan Bailey, MS, RD"), not a
  determiner or pronoun ("The", "Our", "Die", "Notre": a sentence about a thing);
* a copula follows the name: English "is a / an / the / our / currently / also", German "ist",
  French "est", Spanish "es";
* its first ``_TRADE_REACH`` words name a trade, in those four languages ("writer", "Redakteurin",
  "journaliste", "periodista"…), or the name is the page's author's (the ``author`` an earlier
  step read from the byline): then the first name alone will do ("Megan is a communicator
  with …" on a page by Megan L. Berry), which for any other page could be a product's or a
  town's;
* it has at least ``_MIN_WORDS`` words (a sentence, not a caption), and the page's kept text above
  it has at least ``min_words_before`` (an article it closes, not a profile page).

A blog's "about me" box greets instead ("Hey, I'm Jessica! Welcome to …", "Howdy, I'm Melissa!",
"Hallo, ich bin …", "Bonjour, je suis …", "Hola, soy …"): such a greeting opening one of the last
paragraphs is the writer's too, whatever its length. An article that starts that way (a
YouTuber's post, a student's essay) has it at the top, where the step does not look.

The rest of the box (a heading "About the author", the writer's name alone) is left to the other
steps: a short line says too little. Runs after the classifier and after the ``title`` step,
over every page: what it removes never enters the title model's features (lines a rule removed
above the article), so that model stays the one its trainer rebuilds. Reason code: ``author_bio``.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.text import joins_next, wrap_shape

REASON = "author_bio"
#: A biography is a sentence or more about a person, not a caption under a photo.
_MIN_WORDS = 10
#: The trade comes early: "NAME is a freelance travel writer …", "NAME ist seit 2015 Redakteur …".
_TRADE_REACH = 18

_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’\-]+"
_TITLES = ("Dr", "Prof", "Mr", "Mrs", "Ms", "Mx")
_NAME = (rf"(?:(?:{'|'.join(_TITLES)})\.?\s+)?{_NAME_WORD}(?:\s+(?:[A-Z]\.|{_NAME_WORD})){{1,2}}"
         r"(?:,\s*[A-Z][A-Za-z.®]{1,6})*,?")  # "NAME, MD, is a …"
#: English asks for an article or adverb after "is" ("Chris is the CTO", not "Chris is leaving");
#: German, French and Spanish put the trade after the copula without one ("ist Redakteur").
_COPULA = r"\s+(?:is\s+(?:a|an|the|our|currently|also)\b|ist\b|est\b|es\b)"
_OPENING = re.compile(rf"^\s*[(\[]?({_NAME}){_COPULA}")
#: A first name alone, for a page whose author has it ("Megan is a communicator …").
_FIRST_NAME_OPENING = re.compile(rf"^\s*[(\[]?({_NAME_WORD}){_COPULA}")
#: The writer greeting the reader with their name, as a blog's "about me" box opens.
_GREETING = re.compile(r"^\s*(?:hi|hey|hello|howdy|hallo|bonjour|salut|hola)(?:\s+(?:there|everyone|friends?|zusammen|à tous|a todos))?"
                       r"\s*[,!.]*\s+(?:i['’]m|i am|my name is|ich bin|ich heiße|je suis|je m['’]appelle|soy|me llamo)\s+[A-ZÀ-ÖØ-Þ]",
                       re.IGNORECASE)
#: First words that make the capitalised opening a thing's or a group's, not a person's name.
_NOT_A_NAME = frozenset("""the this that these those our your my their his her its a an
    der die das dies diese unser unsere ihr ihre mein meine ein eine
    le la les ce cette notre nos votre un une el los las este esta nuestro nuestra su un una""".split())
_TRADE = re.compile(r"\b(?:" + "|".join([
    # English
    r"(?:co-?)?founders?", r"writers?", r"editors?", r"journalists?", r"reporters?", r"authors?",
    r"contributors?", r"correspondents?", r"columnists?", r"bloggers?", r"creators?", r"producers?",
    r"photographers?", r"designers?", r"CEO", r"CTO", r"COO", r"CFO", r"president", r"director",
    r"manager", r"experts?", r"specialist", r"consultant", r"strategist", r"marketer", r"analyst",
    r"economist", r"researcher", r"scientist", r"professor", r"teacher", r"educator", r"coach",
    r"surgeon", r"physician", r"doctor", r"nurse", r"dietitian", r"nutritionist", r"therapist",
    r"psychologist", r"veterinarian", r"attorney", r"lawyer", r"advis[eo]r", r"planner", r"broker",
    r"agent", r"engineer", r"developer", r"executive", r"chef", r"winemaker", r"host",
    # German (-in: the feminine form)
    r"Autor(?:in)?", r"Redakteur(?:in)?", r"Chefredakteur(?:in)?", r"Journalist(?:in)?",
    r"Reporter(?:in)?", r"Texter(?:in)?", r"Blogger(?:in)?", r"Fotograf(?:in)?", r"Gründer(?:in)?",
    r"Mitgründer(?:in)?", r"Geschäftsführer(?:in)?", r"Inhaber(?:in)?", r"Berater(?:in)?",
    r"Expert(?:e|in)", r"Ärztin", r"Arzt", r"Rechtsanwalt", r"Rechtsanwältin", r"Professor(?:in)?",
    r"Wissenschaftler(?:in)?", r"Korrespondent(?:in)?", r"Moderator(?:in)?",
    # French
    r"journaliste", r"rédact(?:eur|rice)", r"auteur", r"autrice", r"fondat(?:eur|rice)",
    r"direct(?:eur|rice)", r"photographe", r"blogueu(?:r|se)", r"chercheu(?:r|se)", r"avocate?",
    r"médecin", r"consultante?",
    # Spanish
    r"periodista", r"redactora?", r"autora?", r"escritora?", r"fundadora?", r"directora?",
    r"fotógraf[oa]", r"investigadora?", r"abogad[oa]", r"médic[oa]", r"profesora?", r"consultora?",
]) + r")\b", re.IGNORECASE)


def find_author_bios(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove the biographies of the writer among the page's last kept paragraphs."""
    verdict = Verdict()
    settings = config.author_bios
    if not settings.max_tail_paragraphs:
        return verdict
    kept = doc.kept_content_indices()
    author = doc.metadata.get("author")
    for span in tail_paragraphs(doc.lines, kept, settings.max_tail_paragraphs):
        if not _may_open_bio(doc.lines[span[0]], author):  # most paragraphs: no paragraph text built
            continue
        text = " ".join(doc.lines[i].strip() for i in span)
        if is_author_bio(text, author) and _words_before(doc.lines, kept, span[0], settings.min_words_before):
            for index in span:
                verdict.remove(index, REASON)
    return verdict


def _may_open_bio(line: str, author: str | None) -> bool:
    """A line that could be a biography's first: the name and its copula come before any wrap."""
    return (_OPENING.match(line) is not None or _GREETING.match(line) is not None
            or (author is not None and _FIRST_NAME_OPENING.match(line) is not None))


def is_author_bio(paragraph: str, author: str | None = None) -> bool:
    """A paragraph that opens "NAME is a / ist / est / es …" and names a trade early, or whose
    NAME (the first name alone too) is the page's ``author``'s."""
    if _GREETING.match(paragraph):
        return True
    words = paragraph.split()
    if len(words) < _MIN_WORDS:
        return False
    match = _OPENING.match(paragraph) or (_FIRST_NAME_OPENING.match(paragraph) if author else None)
    if match is None:
        return False
    name = match.group(1).split()
    if name[0].lower().rstrip(".") in _NOT_A_NAME:
        return False
    if author and _names_author(name, author):
        return True
    return len(name) > 1 and _TRADE.search(" ".join(words[:_TRADE_REACH])) is not None


def _names_author(name: list[str], author: str) -> bool:
    """Whether ``name``'s words (a title and credentials aside) start the author's name."""
    wanted = " ".join(name).partition(",")[0].split()  # the credentials after a comma aside
    if wanted and wanted[0].rstrip(".") in _TITLES:
        wanted = wanted[1:]
    given = author.split()
    return bool(wanted) and given[: len(wanted)] == wanted


def tail_paragraphs(lines: list[str], kept: list[int], count: int) -> list[list[int]]:
    """The last ``count`` paragraphs of the kept lines ``kept`` (line indices, in order), grouped as
    ``text.paragraph_spans`` groups them (a line joins the one above when that one was wrapped),
    less its box-drawn tables, which no biography is. Walking back from the page's end only, it
    costs a fraction of ``paragraph_spans`` over the whole page (0.1 ms a dump)."""
    width, wrapped = wrap_shape(lines)
    spans: list[list[int]] = []
    for position in range(len(kept) - 1, -1, -1):
        index = kept[position]
        if spans and spans[-1][0] == index + 1 and joins_next(lines, index, width, wrapped):
            spans[-1].insert(0, index)
            continue
        if len(spans) == count:
            break
        spans.append([index])
    return spans[::-1]


def _words_before(lines: list[str], kept: list[int], first: int, needed: int) -> bool:
    """Whether the kept lines above line ``first`` hold at least ``needed`` words."""
    total = 0
    for index in kept:
        if index >= first:
            return False
        total += len(lines[index].split())
        if total >= needed:
            return True
    return needed <= 0
