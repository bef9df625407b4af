"""Inputs that hold many documents, read record by record: WARC archives (``flows/warc.py``) and
scrapers' JSON Lines feeds (``flows/feeds.py``).

Both readers yield the same items (``WarcPayload``, ``WarcSkip``, ``WarcCorrupt``) numbered by
their position in the file, so batches, the review page and ``explain`` treat every kind alike:
a document's source is the file's path, ``#`` and that position.
"""

from __future__ import annotations

from typing import BinaryIO, Collection, Iterator

from flows.feeds import iter_feed
from flows.warc import WarcItem, find_records, iter_warc

#: The reader of each kind of archive (``flows.discover.ARCHIVE_KINDS``).
READERS = {"warc": iter_warc, "feed": iter_feed}
#: The reject reason of a record that cannot be read, by kind of archive.
CORRUPT_REASONS = {"warc": "corrupt_warc_record", "feed": "corrupt_feed_record"}


def iter_records(kind: str, fh: BinaryIO, max_payload_bytes: int | None) -> Iterator[WarcItem]:
    """Every record of an open archive of this kind (``warc`` or ``feed``), in order."""
    return READERS[kind](fh, max_payload_bytes)


def find_archive_records(kind: str, fh: BinaryIO, indices: Collection[int],
                         max_payload_bytes: int | None) -> dict[int, WarcItem]:
    """The records at these positions of an open archive of this kind, reading it once."""
    return find_records(fh, indices, max_payload_bytes, READERS[kind])
