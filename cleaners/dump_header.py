"""A scraper's header of fields at the top of a dump: read as metadata, removed from the text.

Tools that save pages as text or Markdown often put what they know of the page above it, as
``key: value`` lines: YAML front matter between two ``---`` lines (trafilatura's Markdown with
metadata, static-site exports: ``title:``, ``author:``, ``date:``, ``url:``, ``sitename:``), or a
block of labelled lines ending where the content starts (a reader service's ``Title:``, ``URL
Source:``, ``Published Time:`` and ``Markdown Content:``). Those lines are no part of the page's
text, and they say exactly what the metadata fields are, so the step takes title, author, date,
publisher and URL from them and removes the block (reasons ``front_matter`` and ``dump_header``).

Only the very top of a dump is looked at, and a labelled block must hold two fields this module
knows, one of them the title or the URL: an article's own "Date:" or "Source:" line further down
is never taken.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.metadata import parse_date

#: Field names (lower case, spaces and dashes as underscores) -> metadata key.
FIELDS = {
    "title": "title", "headline": "title",
    "author": "author", "authors": "author", "byline": "author", "creator": "author",
    "date": "date", "published": "date", "published_time": "date", "publish_date": "date",
    "pubdate": "date", "date_published": "date", "datepublished": "date", "published_at": "date",
    "url": "url", "url_source": "url", "source_url": "url", "canonical_url": "url", "link": "url",
    "sitename": "publisher", "site_name": "publisher", "site": "publisher", "publisher": "publisher",
    "hostname": "publisher", "source": "publisher",
}
#: Labels of a reader service's header that carry no field: the line where the content begins,
#: and fields the record has no place for.
OTHER_LABELS = frozenset({"markdown_content", "text_content", "content", "description", "excerpt",
                          "language", "lang", "categories", "tags", "id", "fingerprint", "license",
                          "image", "warning", "number_of_pages", "modified", "updated"})
#: How far down the first non-blank line a header may start, and how long it may be.
MAX_HEADER_LINES = 40
#: A longer value is no title, name, date or URL: the line goes, the value is not recorded.
MAX_VALUE_CHARS = 1_000

_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,30}?)[ \t]*:(?:[ \t]+(.*))?$")  # the value is stripped after
_LIST_ITEM = re.compile(r"^\s+-\s")
_FENCE = "---"


def find_dump_header(doc: Document, config: PipelineConfig) -> Verdict:
    """Remove a field header at the top of the dump and keep its fields as metadata."""
    verdict = Verdict()
    lines = doc.lines
    top = next((i for i, line in enumerate(lines[:MAX_HEADER_LINES]) if line.strip()), None)
    if top is None:
        return verdict
    block, reason = _front_matter(lines, top), "front_matter"
    if block is None:
        block, reason = _labelled_block(lines, top), "dump_header"
    if block is None:
        return verdict
    for index in block:
        if lines[index].strip():
            verdict.remove(index, reason)
    for index in block:
        _take_field(lines[index], verdict.metadata)
    return verdict


def _front_matter(lines: list[str], top: int) -> range | None:
    """The lines from an opening ``---`` to its closing ``---`` (or ``...``), all fields, list
    items or blank in between; None when the top is no such block."""
    if lines[top].strip() != _FENCE:
        return None
    for end in range(top + 1, min(len(lines), top + MAX_HEADER_LINES)):
        text = lines[end].strip()
        if text in (_FENCE, "..."):
            inside = range(top + 1, end)
            known = sum(1 for i in inside if _field_name(lines[i]) in FIELDS)
            return range(top, end + 1) if known >= 1 else None
        if text and not _FIELD.match(lines[end]) and not _LIST_ITEM.match(lines[end]):
            return None
    return None


def _labelled_block(lines: list[str], top: int) -> range | None:
    """The run of ``Label: value`` lines (blank lines between them allowed) at the top, when it
    holds two known fields, one of them the title or the URL, and no unknown label."""
    names: list[str] = []
    end = top
    for index in range(top, min(len(lines), top + MAX_HEADER_LINES)):
        if not lines[index].strip():
            continue
        name = _field_name(lines[index])
        if name is None or (name not in FIELDS and name not in OTHER_LABELS):
            break
        names.append(name)
        end = index + 1
        if name in ("markdown_content", "text_content", "content"):
            break  # the page's text starts on the next line
    fields = [FIELDS[name] for name in names if name in FIELDS]
    if len(fields) < 2 or not {"title", "url"} & set(fields):
        return None
    return range(top, end)


def _field_name(line: str) -> str | None:
    match = _FIELD.match(line)
    return re.sub(r"[\s-]+", "_", match.group(1).strip().lower()) if match else None


def _take_field(line: str, metadata: dict) -> None:
    """The line's field into ``metadata`` (the first value of each key wins; dates parsed)."""
    match = _FIELD.match(line)
    if not match or not match.group(2):
        return
    key = FIELDS.get(_field_name(line) or "")
    value = match.group(2).strip().strip("\"'").strip()
    if key is None or not value or len(value) > MAX_VALUE_CHARS or key in metadata:
        return
    if key == "date":
        parsed = parse_date(value)
        if parsed:
            metadata[key] = parsed
        return
    metadata[key] = value
