"""Reading scrapers' JSON Lines feeds (``.jsonl``, ``.ndjson``, gzipped or not): one document
candidate per record that holds a page.

Crawlers and scraping services save what they fetched one JSON object per line: Scrapy's feed
exports, crawl services' dataset downloads, a home-made ``json.dumps(item)`` loop. The field
names differ from tool to tool, but a page is under one of a few: its HTML (``html``,
``raw_html``, ``rawHtml``, ``content_html``, ``body_html``, ``page_html``), its Markdown
(``markdown``) or its text (``text``, ``content``, ``body``, ``page_content``); a text field
that starts as an HTML document does is read as HTML. The first of those fields (in that order)
holding a non-empty string is the page; ``url`` (or ``final_url``, ``source_url``, ``sourceURL``,
``link``) is its address, and ``capture_date`` (or ``fetched_at``, ``crawled_at``, ``timestamp``,
``date``) when it was fetched, if a string, at the top of the record or in its ``metadata`` object.

Records are read as the WARC reader yields them (``flows/warc.py``), so a feed flows through the
batches, the review page and ``explain`` as an archive does: each record is accounted for by its
0-based line number in the feed (``index``):

- ``WarcPayload``: a record with a page (its text encoded as UTF-8); it becomes the document
  ``FEED_ID#NNNNNN`` with the source ``FEED_PATH#NNNNNN``;
- ``WarcSkip``: a JSON object with no page field (``no_page_field``: a record of links or
  metadata only), counted in ``report.json``'s ``warc_records_skipped``;
- ``WarcCorrupt``: a line that is no JSON object (a reject ``corrupt_feed_record``); reading
  goes on at the next line. A gzipped feed whose stream breaks off ends with such a record.

Blank lines are no records. A line longer than the input cap allows is read no further than
that (``FEED_LINE_SLACK`` times ``decode.max_input_bytes``, JSON escapes taking room) and becomes
a ``too_large`` reject, as an oversized file does.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from typing import BinaryIO, Iterator

from flows.warc import WarcCorrupt, WarcItem, WarcPayload, WarcSkip, payload_kind

#: Fields that hold the page, by what they hold, in the order they are tried.
HTML_FIELDS = ("html", "raw_html", "rawHtml", "content_html", "body_html", "page_html")
MARKDOWN_FIELDS = ("markdown",)
TEXT_FIELDS = ("text", "content", "body", "page_content")
URL_FIELDS = ("url", "final_url", "source_url", "sourceURL", "link")
DATE_FIELDS = ("capture_date", "fetched_at", "crawled_at", "timestamp", "date")
#: A JSON string may take up to six bytes for one byte of its text (``\u00XX``); most take one.
#: A line is read up to this many times the cap before it is called too large.
FEED_LINE_SLACK = 2
_UNCAPPED_LINE = 1 << 30
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def iter_feed(fh: BinaryIO, max_payload_bytes: int | None) -> Iterator[WarcItem]:
    """Every record of an open feed (gzipped or not), in order, as an item (module docstring).

    Nothing is raised for bad feed content; ``OSError`` from the file itself is.
    """
    head = fh.read(2)
    fh.seek(0)
    stream: BinaryIO = gzip.GzipFile(fileobj=fh, mode="rb") if head == _GZIP_MAGIC else fh  # type: ignore[assignment]
    limit = _UNCAPPED_LINE if max_payload_bytes is None else FEED_LINE_SLACK * max_payload_bytes + 2
    index = 0
    while True:
        try:
            line = stream.readline(limit)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield WarcCorrupt(index, f"the gzip stream breaks off here: {type(exc).__name__}: {exc}"[:300])
            return
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            yield WarcPayload(index, "", "", "text", b"", truncated=True)
            if not _skip_rest_of_line(stream):
                return
        elif line.strip():
            yield feed_item(line, index)
        index += 1


def _skip_rest_of_line(stream: BinaryIO) -> bool:
    """Read past the end of the current line; ``False`` when the feed ends (or breaks) first."""
    try:
        while True:
            chunk = stream.readline(_CHUNK)
            if not chunk:
                return False
            if chunk.endswith(b"\n"):
                return True
    except (EOFError, zlib.error, gzip.BadGzipFile):
        return False


def feed_item(line: bytes, index: int) -> WarcItem:
    """One feed line as an item: a page, a record without one, or a corrupt line."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return WarcCorrupt(index, f"not a JSON line: {exc}"[:300])
    if not isinstance(record, dict):
        return WarcCorrupt(index, f"not a JSON object but a {type(record).__name__}")
    found = _page(record)
    if found is None:
        return WarcSkip(index, "no_page_field")
    kind, page = found
    payload = _utf8(page)
    return WarcPayload(index, _first_string(record, URL_FIELDS), _first_string(record, DATE_FIELDS), kind,
                       payload, truncated=False, charset="utf-8")


def _utf8(text: str) -> bytes:
    """The text as UTF-8; a lone surrogate (a ``\\ud800`` escape with no pair: broken JSON text,
    which no codec can write) becomes U+FFFD, as a decoder shows bytes it cannot read."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text).encode("utf-8")


def _page(record: dict) -> tuple[str, str] | None:
    """``(kind, page)`` of the first field holding a page, else ``None``."""
    for fields, kind in ((HTML_FIELDS, "html"), (MARKDOWN_FIELDS, "text"), (TEXT_FIELDS, "text")):
        for field in fields:
            value = record.get(field)
            if isinstance(value, str) and value.strip():
                if kind == "text":  # an HTML page saved in a text field
                    kind = payload_kind("text/plain", value[:512].encode("utf-8", "ignore")) or "text"
                return kind, value
    return None


def _first_string(record: dict, fields: tuple[str, ...]) -> str:
    """The first of ``fields`` holding a non-empty string, at the top of the record or else in
    its ``metadata`` object (where crawl services put a page's address and dates)."""
    nested = record.get("metadata")
    for where in (record, nested if isinstance(nested, dict) else {}):
        for field in fields:
            value = where.get(field)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return ""
