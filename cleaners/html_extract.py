"""HTML page to article text plus metadata.

trafilatura (comments off, no deduplication cache, so the same page always gives the same text)
finds the main text, one paragraph per line, and the page metadata. When it finds no text, or
fails on a pathological page, the page's visible text from BeautifulSoup is used instead
(scripts, styles, navigation and the like removed), and as a last resort a tag-stripping regex.
``metadata["extractor"]`` says which one produced the text. No I/O.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Elements whose text is never page content.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "head", "nav", "form", "button", "select")
_RE_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg|head|nav)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_RE_TAG = re.compile(r"<[^>]*>")
_RE_BLOCK_TAG = re.compile(r"<(?:/?(?:p|div|br|li|h[1-6]|tr|section|article|blockquote|pre|td|th|ul|ol)\b)[^>]*>", re.IGNORECASE)

METADATA_KEYS = ("title", "author", "date", "publisher", "url", "description", "categories", "tags")


def extract_article(html: str) -> tuple[str, dict[str, Any]]:
    """Main text (one paragraph per line, "" when there is none) and metadata.

    Metadata keys: ``title``, ``author``, ``date`` (YYYY-MM-DD), ``publisher`` (site name),
    ``url``, ``description``, ``categories``, ``tags`` (lists), ``extractor``
    (``trafilatura``, ``bs4`` or ``regex``); missing values are ``None``. When an extractor
    failed on the page, ``extract_error`` names the exception.
    """
    meta: dict[str, Any] = dict.fromkeys(METADATA_KEYS)
    errors: list[str] = []
    text = ""
    try:
        text = _trafilatura(html, meta)
    except Exception as exc:  # RecursionError, lxml and parser errors on pathological pages
        errors.append(f"trafilatura:{type(exc).__name__}")
    meta["extractor"] = "trafilatura"
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
    text = _BLANK_RUNS.sub("\n\n", text.strip())
    return (text if text.strip() else ""), meta


def _trafilatura(html: str, meta: dict[str, Any]) -> str:
    """trafilatura's text; fills ``meta`` (from the page's metadata even when there is no text)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        with_metadata=True,
        deduplicate=False,  # a cross-document cache would make output depend on run order
        output_format="python",
    )
    if doc is None:
        doc = trafilatura.extract_metadata(html)
        text = ""
    else:
        text = doc.text or ""
    if doc is not None:
        _fill_metadata(doc, meta)
    return text


def _fill_metadata(doc: Any, meta: dict[str, Any]) -> None:
    meta["title"] = _clean(getattr(doc, "title", None))
    meta["author"] = _clean(getattr(doc, "author", None))
    meta["publisher"] = _clean(getattr(doc, "sitename", None))
    meta["url"] = _clean(getattr(doc, "url", None))
    meta["description"] = _clean(getattr(doc, "description", None))
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
