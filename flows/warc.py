"""Reading WARC archives (``.warc``, ``.warc.gz``, Common Crawl's ``.warc.wet.gz``): one document
candidate per HTML or text response, conversion or resource record.

Streaming with warcio: one record at a time is held, and a payload is read up to the size cap
only. Every record is accounted for by its 0-based position in the archive (``index``):

- ``WarcPayload``: a ``response`` record with a 2xx status and an HTML (``text/html``,
  ``application/xhtml+xml``) or plain-text payload, or a ``conversion`` or ``resource`` record
  (no HTTP exchange: the text Common Crawl extracted from a page, a crawler's own copy) whose own
  ``Content-Type`` is HTML or text. It becomes a document with the id
  ``ARCHIVE_ID#NNNNNN`` (the archive's id, ``#``, the index zero-padded to six digits) and the
  source ``ARCHIVE_PATH#NNNNNN``; the charset of its HTTP ``Content-Type`` is a decoding hint;
- ``WarcSkip``: any other record, counted by reason in ``report.json`` (``warc_records_skipped``):
  ``<type>_record`` for the other record types (``request_record``, ``warcinfo_record``,
  ``metadata_record``, ``revisit_record``...), ``redirect`` (3xx), ``http_error`` (4xx, 5xx),
  ``other_status`` (1xx, or no HTTP status), ``not_html`` (images, scripts, PDFs...);
- ``WarcCorrupt``: a record that cannot be parsed or whose payload cannot be read (a truncated
  gzip member, broken headers). It becomes a reject ``corrupt_warc_record``; reading goes on at
  the next place a record starts (the next gzip member, or the next ``WARC/`` line), so one bad
  record never loses the rest of the archive.

I/O only: cleaning the payloads is ``cleaners.pipeline``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import BinaryIO, Callable, Collection, Iterator

from warcio.archiveiterator import ArchiveIterator

from cleaners.decode import maybe_gunzip
from cleaners.errors import RejectError
from flows.discover import ARCHIVE_KINDS, classify_name

#: Content types read as HTML or as a plain-text dump.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml+xhtml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
#: Records that hold a document: a fetched page (``response``, with its HTTP status and headers),
#: a text extracted from one (``conversion``: Common Crawl's WET files hold nothing else) and a
#: resource stored without an HTTP exchange (``resource``: a crawler's or an archiver's own copy).
DOCUMENT_RECORD_TYPES = frozenset({"response", "conversion", "resource"})
ID_SEPARATOR = "#"
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_START = re.compile(rb"(?:^|\n)WARC/\d")
_SCAN_CHUNK = 1 << 20
_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)
_CHARSET_PARAM = re.compile(r";\s*charset\s*=\s*[\"']?([^\"';\s]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WarcPayload:
    """A response to clean: its HTTP body (transfer and content encodings undone)."""

    index: int
    url: str
    capture_date: str  # WARC-Date, ISO 8601
    kind: str  # "html" or "text"
    payload: bytes
    truncated: bool  # the payload was longer than the cap (only ``cap + 1`` bytes are read)
    charset: str = ""  # the HTTP Content-Type's charset label, "" when it names none


@dataclass(frozen=True, slots=True)
class WarcSkip:
    """A record that is not a document, and why."""

    index: int
    reason: str


@dataclass(frozen=True, slots=True)
class WarcCorrupt:
    """A record that could not be read."""

    index: int
    detail: str


WarcItem = WarcPayload | WarcSkip | WarcCorrupt


def record_id(archive_id: str, index: int) -> str:
    """The id (or source) of one record: ``news/crawl-01#000042``."""
    return f"{archive_id}{ID_SEPARATOR}{index:06d}"


def split_record_source(source: str) -> tuple[str, int] | None:
    """``(archive path, index)`` for a record's source (``crawl/part-01.warc.gz#000042``), else ``None``.

    The inverse of ``record_id`` on sources: what the review page and ``explain`` need to find a
    record's payload again. ``None`` when the part before ``#`` is not an archive's name, so a
    file whose name merely holds a ``#`` is never taken for a record.
    """
    archive, separator, suffix = source.rpartition(ID_SEPARATOR)
    if not separator or not (suffix.isascii() and suffix.isdigit()):
        return None
    named = classify_name(archive)
    return (archive, int(suffix)) if named is not None and named[1] in ARCHIVE_KINDS else None


def content_type_charset(content_type: str | None) -> str:
    """The ``charset`` parameter of a Content-Type header (``text/html; charset=windows-1252``), or ``""``."""
    match = _CHARSET_PARAM.search(content_type or "")
    return match.group(1) if match else ""


def record_metadata(entry: WarcPayload) -> dict[str, str]:
    """What a document takes from its record: ``url`` (when the record has one) and ``capture_date``.

    The URI the page was fetched from is surer than a canonical link in the page, so it replaces
    the extractor's ``url``.
    """
    meta = {"capture_date": entry.capture_date}
    if entry.url:
        meta["url"] = entry.url
    return meta


def document_payload(entry: WarcPayload, max_bytes: int | None) -> bytes:
    """The bytes to clean for a response: its payload, gunzipped when it was gzipped twice.

    A payload cut at the cap is ``RejectError("too_large")`` (a gzip one may be ``corrupt_gzip``):
    cleaning the first ``cap`` bytes of a page would pass a truncated page off as whole.
    """
    if entry.truncated:
        raise RejectError("too_large", f"the record's payload is over max_input_bytes={max_bytes}")
    return maybe_gunzip(entry.payload, max_bytes)


def find_records(fh: BinaryIO, indices: Collection[int], max_payload_bytes: int | None,
                 reader: Callable[[BinaryIO, int | None], Iterator[WarcItem]] | None = None) -> dict[int, WarcItem]:
    """The items at these record positions, reading the archive once and no further than the last
    one; ``reader`` yields its items (``iter_warc`` by default; ``flows.feeds.iter_feed`` for a feed)."""
    wanted = set(indices)
    found: dict[int, WarcItem] = {}
    if not wanted:
        return found
    last = max(wanted)
    for item in (reader or iter_warc)(fh, max_payload_bytes):
        if item.index in wanted:
            found[item.index] = item
        if item.index >= last:
            break
    return found


def payload_kind(content_type: str | None, head: bytes) -> str | None:
    """``html``, ``text`` or ``None`` (not a document) from a Content-Type header and the first bytes."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in HTML_TYPES:
        return "html"
    if mime in TEXT_TYPES:
        return "html" if _SNIFF.match(head) else "text"
    if not mime or mime in ("application/octet-stream", "unknown/unknown"):
        return "html" if _SNIFF.match(head) else None
    return None


def status_skip_reason(status: int | None) -> str | None:
    """The skip reason for an HTTP status, ``None`` for a 2xx that may be a document."""
    if status is None or status < 200:
        return "other_status"
    if status < 300:
        return None
    if status < 400:
        return "redirect"
    return "http_error"


def iter_warc(fh: BinaryIO, max_payload_bytes: int | None) -> Iterator[WarcItem]:
    """Every record of an open archive (gzipped per record or not), in order, as an item.

    A corrupt record yields one ``WarcCorrupt``; reading resumes at the next record start found
    after it. Nothing is raised for bad archive content; ``OSError`` from the file itself is.
    """
    index = 0
    start = fh.tell()
    while start is not None:
        fh.seek(start)
        iterator = ArchiveIterator(fh, no_record_parse=False, check_digests=False)
        resume_from = None
        record_start = start
        try:
            for record in iterator:
                item = _classify(record, index, max_payload_bytes)
                iterator.read_to_end(record)
                if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than Content-Length
                    item = WarcCorrupt(index, "truncated record: the archive ends inside it")
                # offsets count from where this iterator started
                record_start = start + iterator.get_record_offset() + iterator.get_record_length()
                yield item
                index += 1
        except Exception as exc:  # warcio, zlib, header parsing: the record is corrupt
            yield WarcCorrupt(index, f"{type(exc).__name__}: {exc}"[:300])
            index += 1
            resume_from = record_start + 1
        start = _next_record_start(fh, resume_from) if resume_from is not None else None


def _classify(record, index: int, cap: int | None) -> WarcItem:
    rec_type = record.rec_type
    if record.format != "warc":  # warcio also reads ARC; bytes that look like ARC here are junk
        raise ValueError(f"not a WARC record ({record.format} format)")
    if not rec_type:
        raise ValueError("record without a WARC-Type")
    if rec_type not in DOCUMENT_RECORD_TYPES:
        return WarcSkip(index, f"{_snake(rec_type)}_record")
    if rec_type == "response":
        http = record.http_headers
        reason = status_skip_reason(_status(http))
        if reason is not None:
            return WarcSkip(index, reason)
        content_type = http.get_header("Content-Type") if http is not None else None
    else:  # a conversion or resource record: no HTTP exchange, the record's own Content-Type
        content_type = record.rec_headers.get_header("Content-Type")
    stream = record.content_stream()
    payload = stream.read() if cap is None else stream.read(cap + 1)
    kind = payload_kind(content_type, payload[:512])
    if kind is None:
        return WarcSkip(index, "not_html")
    return WarcPayload(
        index=index,
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        capture_date=record.rec_headers.get_header("WARC-Date") or "",
        kind=kind,
        payload=payload[:cap] if cap is not None else payload,
        truncated=cap is not None and len(payload) > cap,
        charset=content_type_charset(content_type),
    )


def _status(http) -> int | None:
    """A response's HTTP status code, None without HTTP headers or with an unreadable one."""
    if http is None:
        return None
    try:
        return int(http.get_statuscode())
    except (TypeError, ValueError):
        return None


def _snake(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "unknown"


def _next_record_start(fh: BinaryIO, offset: int) -> int | None:
    """The first offset at or after ``offset`` where a record can be read, or ``None``."""
    while True:
        candidate = _scan(fh, offset)
        if candidate is None:
            return None
        fh.seek(candidate)
        try:
            iterator = ArchiveIterator(fh, check_digests=False)
            record = next(iter(iterator))
            if record.rec_type and record.format == "warc":
                return candidate
        except StopIteration:
            return None
        except Exception:  # noqa: BLE001 - a false start inside the corrupt data: look further
            pass
        offset = candidate + 1


def _scan(fh: BinaryIO, offset: int) -> int | None:
    """Offset of the next gzip member or ``WARC/`` version line at or after ``offset``."""
    fh.seek(offset)
    base, carry = offset, b""
    while True:
        chunk = fh.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = carry + chunk
        hits = [data.find(_GZIP_MEMBER)]
        match = _WARC_START.search(data)
        hits.append(-1 if match is None else match.start() + (data[match.start():match.start() + 1] == b"\n"))
        found = [h for h in hits if h >= 0]
        if found:
            return base - len(carry) + min(found)
        carry = data[-8:]
        base += len(chunk)
