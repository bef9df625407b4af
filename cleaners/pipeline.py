"""The cleaning pipeline for one document: every step, in order, in one list.

Read ``TEXT_STEPS`` top to bottom to know what happens to a page. Each step is a pure function
``(Document, PipelineConfig) -> Verdict``; ``apply_verdict`` is the only code that removes lines,
so every removal is logged with its line number, text, reason code and step.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Callable

from cleaners import appeals, article_header, bios, boilerplate, captions, comment_threads, consent, contents, controls, dump_header, filters, html_extract, language, line_classifier, link_numbers, metadata, remainders, repeats, spam, teasers, title
from cleaners.config import PipelineConfig
from cleaners.decode import decode_bytes
from cleaners.document import Document, Verdict, apply_verdict
from cleaners.errors import RejectError
from cleaners.reflow import reflowed
from cleaners.text import assemble_text, unescaped, word_count
from cleaners.version import PIPELINE_VERSION  # noqa: F401 (the version records state; flows import it here)

#: Version of the corpus record format (``schema/corpus-record.schema.json``): major for a removed
#: or retyped field, minor for an added one.
SCHEMA_VERSION = "1.1.0"

Step = Callable[[Document, PipelineConfig], Verdict]

#: The text steps, in the order they run. HTML pages join after extraction.
TEXT_STEPS: list[tuple[str, Step]] = [
    ("dump_header", dump_header.find_dump_header),
    ("link_references", link_numbers.find_link_references),
    ("spam_block", spam.find_spam_block),
    ("page_header", metadata.extract_page_header),
    ("captions", captions.find_captions),
    ("boilerplate", boilerplate.find_boilerplate),
    ("consent_dialogs", consent.find_consent_dialogs),
    ("line_classifier", line_classifier.classify_lines),
    ("appeals", appeals.find_appeals),
    ("ui_controls", controls.find_controls),
    ("comment_threads", comment_threads.find_comment_sections),
    ("table_of_contents", contents.find_table_of_contents),
    ("agency_captions", captions.find_agency_captions),
    ("teaser_lists", teasers.find_teaser_lists),
    ("related_blocks", teasers.find_related_blocks),
    ("wrapped_remainders", remainders.find_wrapped_remainders),
    # once the article's first paragraph is known, the headline among the lines above it
    ("title", title.find_title),
    ("article_header", article_header.find_article_header),
    ("author_bios", bios.find_author_bios),
    # before adjacent_repeats: a second copy it removes can leave two equal lines side by side
    ("repeated_passages", repeats.find_repeated_passages),
    ("adjacent_repeats", repeats.find_adjacent_repeats),
    ("language", language.detect_language),
]


@dataclass(frozen=True)
class CleanResult:
    """A cleaned document and what it took to make it."""

    document: Document
    text: str
    encoding: str


def run_steps(doc: Document, config: PipelineConfig) -> Document:
    """Run every text step over a document, applying each verdict before the next step.

    A text dump wrapped narrower than the dumps the line models learned from is cleaned through
    its view with the paragraphs wrapped again at their width (``cleaners.reflow``); what the
    steps removed from the view is then removed from the dump's own lines.
    """
    view = reflowed(doc, config.decode.reflow_narrower_than) if doc.kind == "text" else None
    cleaned = doc if view is None else view.document
    for name, step in TEXT_STEPS:
        apply_verdict(cleaned, name, step(cleaned, config))
    if view is not None:
        view.apply_to(doc)
    return doc


def prepare_document(raw: bytes, doc_id: str, source: str, kind: str,
                     config: PipelineConfig, http_charset: str | None = None) -> tuple[Document, str]:
    """Decode and extract (for HTML) one input into a Document and the codec it was decoded with.

    Its ``lines`` are the lines whose 1-based numbers ``Removal.line_no`` refers to.
    ``http_charset`` is the charset of the HTTP ``Content-Type`` the bytes came with, if known.
    """
    decoded = decode_bytes(raw, config.decode, kind=kind, http_charset=http_charset)
    text = decoded.text
    extracted: dict[str, Any] = {}
    if kind == "html":
        check_html_depth(text, config)
        # fast mode is for speed: the line model would cost it a third of its pages per second
        uses_model = config.html.line_model and not config.html.fast
        threshold = config.html.keep_threshold if uses_model else None
        text, extracted = html_extract.extract_article(text, fast=config.html.fast, line_threshold=threshold,
                                                       model_max_agreement=config.html.model_max_agreement,
                                                       threshold_floor=config.html.page_threshold_floor,
                                                       model_min_word_share=config.html.model_min_word_share,
                                                       agreement_on_articles_only=config.html.agreement_on_articles_only,
                                                       thread_replies=config.html.forum_replies,
                                                       list_items=config.html.introduced_lists,
                                                       collapsed_panels=config.html.collapsed_panels)
    doc = Document.from_text(doc_id, source, text, kind=kind)
    doc.repairs = dict(decoded.repairs)
    doc.printed_extra = dict(decoded.printed_extra)
    doc.metadata.update({k: v for k, v in extracted.items() if v is not None})
    return doc, decoded.encoding


def decoded_lines(raw: bytes, kind: str, config: PipelineConfig, http_charset: str | None = None) -> list[str]:
    """The decoded (and extracted) input lines of one input, as the removal log numbers them."""
    return prepare_document(raw, "", "", kind, config, http_charset)[0].lines


def check_cleaned(doc: Document, body: str, config: PipelineConfig) -> None:
    """Reject a cleaned document with nothing left or failing a document filter."""
    if not body.strip():
        raise RejectError("no_content", "nothing was left after cleaning")
    filters.check_document(body, doc.metadata.get("language"), config.filters)


#: Tags that never nest (void) or whose end tag may be left out: they do not count towards depth.
_FLAT_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr p li dt dd "
                       "tr td th option optgroup thead tbody tfoot colgroup rb rt rp caption".split())
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})")


def check_html_depth(html: str, config: PipelineConfig) -> None:
    """Reject HTML whose elements nest deeper than ``limits.max_html_depth`` (an upper estimate).

    Extraction time grows faster than linearly with nesting depth inside the parsers' C code,
    where the per-document time limit cannot interrupt it: 100,000 nested ``<div>`` take minutes.
    """
    cap = config.limits.max_html_depth
    # Depth is at most the number of opening tags, at most the number of "<" not followed by "/":
    # on most pages that bound settles it at C speed, without the tag-by-tag walk below.
    if cap is None or html.count("<") - html.count("</") <= cap:
        return
    depth = deepest = 0
    for match in _TAG.finditer(html.encode("utf-8", "surrogatepass")):
        name = match.group(2).lower()
        if name in _FLAT_TAGS:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > cap:
                    raise RejectError("too_deeply_nested", f"elements nest deeper than max_html_depth={cap}")


def check_line_lengths(doc: Document, config: PipelineConfig) -> None:
    """Reject a document with a line over ``limits.max_chars_per_line``.

    The steps' cost grows with line length (the classifier's features take about a second per
    megabyte of one line), and a megabyte-long line is no article text (base64, minified data).
    """
    cap = config.limits.max_chars_per_line
    if cap is None:
        return
    for number, line in enumerate(doc.lines, 1):
        if len(line) > cap:
            raise RejectError("line_too_long", f"line {number} has {len(line)} characters > max_chars_per_line={cap}")


def clean_bytes(raw: bytes, doc_id: str, source: str, kind: str, config: PipelineConfig,
                http_charset: str | None = None) -> CleanResult:
    """Decode, extract (for HTML) and clean one input; raises ``RejectError`` for unusable input.

    ``http_charset``: the charset of the HTTP ``Content-Type`` the bytes came with (WARC records).
    """
    doc, encoding = prepare_document(raw, doc_id, source, kind, config, http_charset)
    check_line_lengths(doc, config)
    run_steps(doc, config)
    body = assemble_text(doc)
    check_cleaned(doc, body, config)
    return CleanResult(document=doc, text=body, encoding=encoding)


def to_record(result: CleanResult, raw: bytes, config_sha256: str) -> dict[str, Any]:
    """The corpus record for a cleaned document (schema in README)."""
    doc = result.document
    meta = doc.metadata
    removed: dict[str, int] = {}
    for removal in doc.removals:
        removed[removal.reason] = removed.get(removal.reason, 0) + 1
    return {
        "id": doc.id,
        "source": doc.source,
        "text": result.text,
        # Unknown metadata is "" (and a score of 0.0), never null: a column that is null in every
        # record (url in text dumps) would be typed null/float by JSON readers that infer types.
        "title": unescaped(meta.get("title") or ""),  # read like the text's lines (cleaners/text.py)
        "date": meta.get("date") or "",
        "publisher": meta.get("publisher") or "",
        "author": meta.get("author") or "",
        "url": meta.get("url") or "",
        "capture_date": meta.get("capture_date") or "",
        "extractor": meta.get("extractor") or "",
        "language": meta.get("language") or "",
        "language_score": float(meta.get("language_score") or 0.0),
        "captions": [unescaped(caption) for caption in doc.captions],
        "word_count": word_count(result.text),
        "encoding": result.encoding,
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "text_sha256": hashlib.sha256(result.text.encode("utf-8")).hexdigest(),
        "duplicate_of": "",  # both set corpus-wide at merge time by flows/dedup.py
        "duplicate_cluster": doc.id,
        "removed": dict(sorted(removed.items())),
        "repairs": dict(sorted(doc.repairs.items())),
        "schema_version": SCHEMA_VERSION,
        "pipeline_version": PIPELINE_VERSION,
        "config_sha256": config_sha256,
    }
