"""HTML page to article text plus metadata.

trafilatura (comments off, no deduplication cache, so the same page always gives the same text)
finds the main text, one paragraph per line, and the page metadata; htmldate looks for a date
trafilatura did not find (from the page's URL and markup). resiliparse's main-content text is a
second opinion, cheap next to trafilatura (about a tenth of its time):

- when trafilatura finds nothing, resiliparse's text is used;
- when resiliparse's text is at least ``RESILIPARSE_RATIO`` times as long (in words) as
  trafilatura's, trafilatura most likely took one block of a page whose content is spread over
  several (forums, listings, product and service pages), and resiliparse's text is used.
  Measured on both development splits, each validating the other: the ratio 2 gains +0.006 F1
  on aeb-dev and +0.010 on wcxb-dev; 1.5 (best on wcxb-dev) still gains on aeb-dev.

When neither finds text, or both fail on a pathological page, the page's visible text from
BeautifulSoup is used (scripts, styles, navigation and the like removed), and as a last resort a
tag-stripping regex. ``metadata["extractor"]`` says which one produced the text: ``trafilatura``
(``trafilatura_fast`` in fast mode), ``resiliparse``, ``bs4`` or ``regex``.

With ``html.line_model`` on, the HTML line model (``cleaners.html_lines``) then picks the page's
lines itself, weighing those extractors' texts as evidence next to each line's markup and text;
its text, when it keeps any line, is the page's (``extractor`` ``html_lines``). The caller
passes ``line_threshold`` for that (``cleaners.pipeline`` does so outside fast mode). It runs only
where trafilatura's and resiliparse's texts disagree (``extractors_agreement`` at most
``html.model_max_agreement``, 0.9): where two extractors with different rules pick the same
text of a page that calls itself an article (``og:type`` or a JSON-LD ``@type``; see
``model_runs``), the model's changes to it were losses about as often as gains in
cross-validation, and skipping it there saves most of its cost.

Fast mode (``html.fast``, ``--fast``) trades metadata and some accuracy for speed:

- the HTML line model does not run (``cleaners.pipeline`` passes no threshold): it costs about
  as much as all of fast mode's other work;
- trafilatura runs with ``fast=True``: its comparison with its fallback extractors
  (readability, jusText) is skipped;
- the page is parsed once (trafilatura's own loader), the metadata read from that tree and the
  tree handed to trafilatura for the text, instead of parsing the page twice;
- the metadata is the cheap part of trafilatura's: ``<meta>`` tags, OpenGraph, JSON-LD, the
  title (``<h1>``/``<title>``), the canonical URL and the site name as trafilatura finds them,
  and htmldate without its extensive (free-text) search, run once. Left out: the author looked
  for in the page's body markup (only ``<meta>``/JSON-LD authors, and bylines the text steps
  find), categories and tags from the page's links (only those of ``<meta>`` tags), and the
  second htmldate look-up. The text itself does not depend on what is left out: on both
  development splits fast mode's text is the same as before this trade, while its records carry
  an author on 51 of 90 aeb-dev pages (default: 75) and 371 of 1,337 wcxb-dev pages (624), a
  date on 89 of 90 (90) and 987 of 1,337 (1,313).

resiliparse's second opinion and the fallbacks are the same in both modes.

Table rows come out with their cells separated by tabs (trafilatura writes ``| a | b |``, which
the line rules would take for a ``|``-separated menu). No I/O.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from itertools import repeat
from typing import Any

from cleaners.html_render import place_streamed_segments

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Elements whose text is never page content.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "head", "nav", "form", "button", "select")
_RE_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg|head|nav)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_RE_TAG = re.compile(r"<[^>]*>")
_RE_BLOCK_TAG = re.compile(r"<(?:/?(?:p|div|br|li|h[1-6]|tr|section|article|blockquote|pre|td|th|ul|ol)\b)[^>]*>", re.IGNORECASE)

METADATA_KEYS = ("title", "author", "date", "publisher", "url", "description", "categories", "tags")

#: resiliparse's text replaces trafilatura's when it has at least this many times the words.
RESILIPARSE_RATIO = 2.0
_WORD = re.compile(r"\w+")
_TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\|[\s\-:|]*\|\s*$")
# resiliparse's main-content pass takes time quadratic in the nesting depth (8,000 levels: 1.4 s).
# Pages with a run of that many opening tags (see _too_deep) skip it.
_MAX_RESILIPARSE_DEPTH = 1000


def extract_article(html: str, fast: bool = False, line_threshold: float | None = None,
                    model_max_agreement: float = 1.0, threshold_floor: float | None = None,
                    model_min_word_share: float = 0.0,
                    agreement_on_articles_only: bool = False,
                    thread_replies: bool = True, list_items: bool = True,
                    collapsed_panels: bool = True) -> tuple[str, dict[str, Any]]:
    """Main text (one paragraph per line, "" when there is none) and metadata.

    Metadata keys: ``title``, ``author``, ``date`` (YYYY-MM-DD), ``publisher`` (site name),
    ``url``, ``description``, ``categories``, ``tags`` (lists), ``page_type`` (``og:type`` or a
    JSON-LD ``@type`` as trafilatura reads it; not written to records), ``extractor``
    (``html_lines``, ``trafilatura``, ``trafilatura_fast``, ``resiliparse``, ``bs4`` or
    ``regex``); missing values are ``None``. When an extractor failed on the page,
    ``extract_error`` names the exception. ``fast`` (``html.fast``): see the module docstring for
    what it leaves out. ``line_threshold`` (``html.keep_threshold`` when ``html.line_model`` is
    on): the HTML line model picks the page's lines, with the extractors' texts as evidence
    (``cleaners.html_lines``); when it keeps none, the extractors' text stands.
    ``model_max_agreement`` (``html.model_max_agreement``): the model runs only on a page whose
    two extractors agree at most this much (``extractors_agreement``); 1.0: on every page.
    ``agreement_on_articles_only`` (``html.agreement_on_articles_only``): that agreement counts
    only on a page whose metadata calls it an article (``declares_article``).
    ``threshold_floor`` (``html.page_threshold_floor``): see ``html_lines.select_text``.
    ``model_min_word_share`` (``html.model_min_word_share``): see ``model_text_stands``.
    ``thread_replies`` (``html.forum_replies``), ``list_items`` (``html.introduced_lists``): see
    ``html_lines.kept_lines``. ``collapsed_panels`` (``html.collapsed_panels``): see
    ``html_render.render_lines``.
    """
    text, meta, references = extract_references(html, fast)
    if line_threshold is not None and model_runs(references, meta, model_max_agreement, agreement_on_articles_only):
        from cleaners.html_lines import load_model, select_text  # noqa: PLC0415 (numpy and the model: HTML only)

        model = load_model()  # a model file the code cannot use is an error, not a quiet fallback
        try:
            selected = select_text(html, references, line_threshold, model, threshold_floor, thread_replies,
                                   list_items, collapsed_panels)
        except Exception:  # noqa: BLE001 - the model is a second pass: on any failure the extractors' text stands
            selected = ""
        if model_text_stands(selected, text, model_min_word_share):
            text, meta["extractor"] = selected, "html_lines"
    return text, meta


def model_runs(references: dict[str, str], meta: dict[str, Any], max_agreement: float,
               on_articles_only: bool) -> bool:
    """Whether the HTML line model runs on a page: its extractors agree at most
    ``max_agreement``, or (``on_articles_only``) they agree on a page whose metadata does not
    call it an article.

    trafilatura and resiliparse are built to find an article; where both pick the same text of a
    page that says it is one, that text stands. On a service page, a listing or a forum thread
    they can agree on the same wrong block. Cross-validated by site, letting the model run on the
    agreeing pages that do not declare themselves articles gained 0.0015 on wcxb-dev (0.8559 →
    0.8574; about 300 of its 1,337 pages) and cost aeb-dev's news pages, nearly all declared
    articles, 0.0008 (0.9735 → 0.9727, on 8 pages) (README, "HTML extraction").
    """
    if extractors_agreement(references) <= max_agreement:
        return True
    return on_articles_only and not declares_article(meta.get("page_type"))


#: An article's page type as trafilatura reads it from ``og:type`` or a JSON-LD ``@type``
#: ("article", "NewsArticle", "BlogPosting", "blog"); "website", "product", "faqpage" are not.
_ARTICLE_TYPE = re.compile(r"article|blogposting|^blog$", re.I)


def declares_article(page_type: str | None) -> bool:
    """Whether a page's metadata type (``page_type``, trafilatura's ``pagetype``) is an article's."""
    return bool(page_type) and _ARTICLE_TYPE.search(page_type) is not None


def model_text_stands(selected: str, extractors_text: str, min_word_share: float) -> bool:
    """Whether the HTML line model's text replaces the extractors' one: it keeps a line, and at
    least ``min_word_share`` of the extractors' words (``html.model_min_word_share``).

    The model scores every line, so when it misreads a page (takes the article's paragraphs for
    a list of teasers) it keeps next to nothing of a text both extractors found. Cross-validated
    by site, on the 8 of 1,337 wcxb-dev pages where it kept under a fifth of the extractors'
    words their text was the better one on most, and the share 0.2 gained 0.003 F1 on wcxb-dev
    and changed no aeb-dev page (see README, "HTML extraction").
    """
    if not selected.strip():
        return False
    return len(_WORD.findall(selected)) >= min_word_share * len(_WORD.findall(extractors_text))


def extract_references(html: str, fast: bool = False) -> tuple[str, dict[str, Any], dict[str, str]]:
    """The extractors' text and metadata (see ``extract_article``), and the texts the HTML line
    model weighs as evidence: ``trafilatura``'s, ``resiliparse``'s and the ``chosen`` one."""
    meta: dict[str, Any] = dict.fromkeys(METADATA_KEYS)
    errors: list[str] = []
    text = first = ""
    html = place_streamed_segments(html)  # a React page's late parts, where a browser shows them
    try:
        text = first = _trafilatura(html, meta, fast)
    except Exception as exc:  # RecursionError, lxml and parser errors on pathological pages
        errors.append(f"trafilatura:{type(exc).__name__}")
    meta["extractor"] = "trafilatura_fast" if fast else "trafilatura"
    try:
        second = _resiliparse(html)
    except Exception as exc:  # noqa: BLE001 - a second opinion must never fail the page
        errors.append(f"resiliparse:{type(exc).__name__}")
        second = ""
    if second.strip() and len(_WORD.findall(second)) >= RESILIPARSE_RATIO * len(_WORD.findall(text)):
        text = second
        meta["extractor"] = "resiliparse"
    if meta["date"] is None and not fast:  # fast mode's metadata already asked htmldate
        meta["date"] = _htmldate(html, meta.get("url"))
    if not text.strip():
        try:
            text = _visible_text_bs4(html)
            meta["extractor"] = "bs4"
        except Exception as exc:  # e.g. RecursionError on absurdly nested markup
            errors.append(f"bs4:{type(exc).__name__}")
            text = _visible_text_regex(html)
            meta["extractor"] = "regex"
    if errors:
        meta["extract_error"] = ",".join(errors)
    text = _BLANK_RUNS.sub("\n\n", _table_cells(text.strip()))
    text = text if text.strip() else ""
    return text, meta, {"trafilatura": first, "resiliparse": second, "chosen": text}


def extractors_agreement(references: dict[str, str]) -> float:
    """How alike trafilatura's and resiliparse's texts are: the F1 of their 4-word shingles of
    lower-cased ``\\w+`` words, counted as multisets (as the benchmark's scorer counts them); 0
    when either text has none.

    Two extractors built on different rules that pick the same text have most likely found the
    page's article; on such pages the HTML line model's changes, cross-validated on both
    development splits, were losses about as often as gains (README, "HTML extraction").
    """
    first, second = _shingle_counts(references["trafilatura"]), _shingle_counts(references["resiliparse"])
    if not first or not second:
        return 0.0
    return 2 * sum((first & second).values()) / (sum(first.values()) + sum(second.values()))


def _shingle_counts(text: str) -> Counter:
    words = _WORD.findall(text.lower())
    return Counter(zip(words, words[1:], words[2:], words[3:]))


def _table_cells(text: str) -> str:
    """``| a | b |`` table rows as tab-separated cells; ``|---|`` rules dropped."""
    if "|" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        match = _TABLE_ROW.match(line)
        if match is None:
            lines.append(line)
        elif not _TABLE_RULE.match(line):
            lines.append("\t".join(cell.strip() for cell in match.group(1).split("|")))
    return "\n".join(lines)


def _too_deep(html: str) -> bool:
    """Whether the page has a run of ``_MAX_RESILIPARSE_DEPTH`` tags with no closing tag between.

    Absurd nesting looks like that; real pages never do. ``split`` and ``count`` run at C speed.
    """
    if html.count("<") <= _MAX_RESILIPARSE_DEPTH:
        return False
    return max(map(str.count, html.split("</"), repeat("<"))) > _MAX_RESILIPARSE_DEPTH


def _resiliparse(html: str) -> str:
    """resiliparse's main-content text, one block per line (no alt texts, links or bullets)."""
    from resiliparse.extract.html2text import extract_plain_text

    if _too_deep(html):
        return ""

    text = extract_plain_text(html, main_content=True, preserve_formatting=True, alt_texts=False,
                              links=False, list_bullets=False, noscript=False)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _htmldate(html: str, url: str | None) -> str | None:
    """htmldate's publication date (YYYY-MM-DD) from the URL and markup, or ``None``."""
    try:
        from htmldate import find_date

        found = find_date(html, url=url, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - a missing date is fine, a crash is not
        return None
    return found[:10] if isinstance(found, str) and _ISO_DATE.match(found) else None


def _trafilatura(html: str, meta: dict[str, Any], fast: bool = False) -> str:
    """trafilatura's text; fills ``meta`` (from the page's metadata even when there is no text)."""
    import trafilatura

    if fast:
        return _trafilatura_fast(html, meta)
    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        with_metadata=True,
        deduplicate=False,  # a cross-document cache would make output depend on run order
        output_format="python",
        fast=fast,
    )
    if doc is None:
        doc = trafilatura.extract_metadata(html)
        text = ""
    else:
        text = doc.text or ""
    if doc is not None:
        _fill_metadata(doc, meta)
    return text


def _trafilatura_fast(html: str, meta: dict[str, Any]) -> str:
    """Fast mode: one parse, the cheap metadata (``_fast_metadata``), trafilatura's fast text."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)  # what bare_extraction does with the string; it copies a tree it is given
    if tree is None:
        return ""
    doc = _fast_metadata(tree)
    _fill_metadata(doc, meta)
    extracted = trafilatura.bare_extraction(
        tree,
        url=doc.url,  # as with_metadata=True passes the page's URL on to the extraction
        include_comments=False,
        with_metadata=False,
        deduplicate=False,
        output_format="python",
        fast=True,
    )
    return (extracted.text or "") if extracted is not None else ""


def _fast_metadata(tree: Any) -> Any:
    """trafilatura's ``extract_metadata`` without its costly searches of the page body.

    The same steps in the same order, except: no author searched for in the body markup (about
    a third of trafilatura's metadata time on wcxb-dev pages), no categories or tags from links,
    no licence (never used here), and htmldate without extensive search. Returns a trafilatura
    ``Document`` (not a parse: ``tree`` is left as it was).
    """
    from htmldate import find_date
    from trafilatura import metadata as tm
    from trafilatura.settings import set_date_params

    doc = tm.examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None
    try:
        doc = tm.extract_meta_json(tree, doc)
    except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader has bugs; it skips them too
        pass
    if not doc.title:
        doc.title = tm.extract_title(tree)
    if not doc.url:
        doc.url = tm.extract_url(tree)
    date_params = set_date_params(False)
    try:
        doc.date = find_date(tree, url=doc.url, **date_params)
    except Exception:  # noqa: BLE001 - a missing date is fine, a crash is not
        doc.date = None
    if not doc.sitename:
        doc.sitename = tm.extract_sitename(tree)
    if doc.sitename:
        doc.sitename = doc.sitename.lstrip("@")
        if doc.sitename and "." not in doc.sitename and not doc.sitename[0].isupper():
            doc.sitename = doc.sitename.title()
    elif doc.url:
        match = tm.META_URL.match(doc.url)
        if match:
            doc.sitename = match[1]
    if not doc.categories:
        sections = tree.xpath('.//head//meta[@property="article:section" or contains(@name, "subject")][@content]')
        doc.categories = [r for r in dict.fromkeys(tm.line_processing(e.attrib["content"]) for e in sections) if r]
    doc.filedate = date_params.get("max_date")
    doc.clean_and_trim()
    return doc


def _fill_metadata(doc: Any, meta: dict[str, Any]) -> None:
    meta["title"] = _clean(getattr(doc, "title", None))
    meta["author"] = _clean(getattr(doc, "author", None))
    meta["publisher"] = _clean(getattr(doc, "sitename", None))
    meta["url"] = _clean(getattr(doc, "url", None))
    meta["description"] = _clean(getattr(doc, "description", None))
    meta["page_type"] = _clean(getattr(doc, "pagetype", None))  # og:type or a JSON-LD @type
    date = _clean(getattr(doc, "date", None))
    meta["date"] = date[:10] if date and _ISO_DATE.match(date) else None
    for key in ("categories", "tags"):
        values = [v.strip() for v in (getattr(doc, key, None) or []) if isinstance(v, str) and v.strip()]
        meta[key] = values or None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _visible_text_bs4(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for element in soup(list(_INVISIBLE)):
        element.decompose()
    lines = (" ".join(line.split()) for line in soup.get_text("\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _visible_text_regex(html: str) -> str:
    """Last resort for pages no parser survives: drop invisible blocks, turn tags into breaks."""
    text = _RE_INVISIBLE.sub("\n", html)
    text = _RE_BLOCK_TAG.sub("\n", text)
    text = html_lib.unescape(_RE_TAG.sub("", text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
