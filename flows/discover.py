"""Finding inputs: a streaming, sorted walk of the input folder.

Every file met is accounted for: it becomes an ``InputFile`` the pipeline will read, or an
``InputReject`` with a reason (unsupported extension, a symlink, an unreadable entry). Nothing is
skipped silently. Directories are walked in sorted order so runs are reproducible, and only one
directory listing is held at a time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from flows.locations import Remote

#: Extensions the pipeline reads, and the kind of input each one is.
TEXT_EXTENSIONS = {".txt": "text", ".md": "text", ".markdown": "text"}
HTML_EXTENSIONS = {".html": "html", ".htm": "html", ".xhtml": "html"}
#: Web archives: each HTML or text response record becomes a document (flows/warc.py).
WARC_EXTENSIONS = {".warc": "warc", ".wet": "warc"}  # .wet: Common Crawl's extracted texts (x.warc.wet.gz)
#: Scrapers' JSON Lines feeds: each record holding a page becomes a document (flows/feeds.py).
FEED_EXTENSIONS = {".jsonl": "feed", ".ndjson": "feed"}
KIND_BY_EXTENSION = {**TEXT_EXTENSIONS, **HTML_EXTENSIONS, **WARC_EXTENSIONS, **FEED_EXTENSIONS}
#: Kinds of input that hold many documents, read record by record (flows/archives.py).
ARCHIVE_KINDS = frozenset({"warc", "feed"})
COMPRESSED_EXTENSION = ".gz"
#: The readable names as one phrase, for help texts and reject details.
READABLE = f"{', '.join(KIND_BY_EXTENSION)}, each optionally {COMPRESSED_EXTENSION}"


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to clean: where it is, its relative ``source``, its ``doc_id`` and kind."""

    path: str
    source: str
    doc_id: str
    kind: str
    compressed: bool
    previous: Any = None  # flows.state.Previous: an earlier run's result for this source
    size: int | None = None  # bytes, when the listing gave it (fsspec); else os.stat when batching


@dataclass(frozen=True, slots=True)
class InputReject:
    """A file met during discovery that will not be read, and why."""

    source: str
    reason: str
    detail: str


def classify_name(relative: str) -> tuple[str, str, bool] | None:
    """Return ``(doc_id, kind, compressed)`` for a supported name, else ``None``.

    The id is the relative path without the recognised extensions:
    ``news/site-story.html.gz`` becomes ``news/site-story``.
    """
    stem, compressed = relative, False
    if stem.lower().endswith(COMPRESSED_EXTENSION):
        stem, compressed = stem[: -len(COMPRESSED_EXTENSION)], True
    base, ext = os.path.splitext(stem)
    kind = KIND_BY_EXTENSION.get(ext.lower())
    if kind == "warc" and ext.lower() == ".wet" and base.lower().endswith(".warc"):
        base = base[: -len(".warc")]  # CC-MAIN-…-00000.warc.wet.gz: the id is CC-MAIN-…-00000
    if kind is None or not os.path.basename(base):
        return None
    return base, kind, compressed


def _walk(root: Path, relative: str) -> Iterator[tuple[os.DirEntry, str]]:
    """Yield (entry, relative path) depth-first in sorted order; raises nothing for one bad dir."""
    with os.scandir(root / relative if relative else root) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        rel = f"{relative}/{entry.name}" if relative else entry.name
        yield entry, rel


def discover(root: Path | Remote, exclude: Path | None = None,
             follow_symlinks: bool = False) -> Iterator[InputFile | InputReject]:
    """Walk ``root`` recursively and yield every file as an input or a reject.

    ``exclude`` is a folder inside ``root`` that is not input (e.g. an output folder).
    A symbolic link to a file inside ``root`` is read as an input under the link's name; one to
    a file outside ``root`` only with ``follow_symlinks`` (else ``symlink_not_followed``), so a
    link never pulls in outside files unasked. Links to folders are never followed (no loops).
    A ``Remote`` root (an fsspec URL) is walked with ``discover_remote``.
    """
    if isinstance(root, Remote):
        return discover_remote(root)
    return _discover_local(root, exclude, follow_symlinks)


def _discover_local(root: Path, exclude: Path | None, follow_symlinks: bool) -> Iterator[InputFile | InputReject]:
    stack = [""]
    exclude_resolved = exclude.resolve() if exclude is not None else None
    root_resolved = root.resolve()
    while stack:
        relative = stack.pop()
        try:
            entries = list(_walk(root, relative))
        except OSError as exc:
            yield InputReject(relative or ".", "unreadable", f"cannot list folder: {exc.strerror or exc}")
            continue
        subdirs = []
        for entry, rel in entries:
            if entry.is_symlink():
                yield _follow(entry.path, rel, root_resolved, exclude_resolved, follow_symlinks)
            elif entry.is_dir(follow_symlinks=False):
                if exclude_resolved is None or Path(entry.path).resolve() != exclude_resolved:
                    subdirs.append(rel)
            elif not entry.is_file(follow_symlinks=False):
                yield InputReject(rel, "not_a_file", "not a regular file (device, fifo or socket)")
            else:
                yield _as_input(entry.path, rel)
        stack.extend(reversed(subdirs))


def _follow(path: str, rel: str, root: Path, exclude: Path | None, follow_outside: bool) -> InputFile | InputReject:
    """A symbolic link: an input when its target is a file that may be read, else a reject."""
    target = Path(os.path.realpath(path))
    if not target.exists():
        return InputReject(rel, "broken_symlink", "the link's target does not exist")
    if target.is_dir():
        return InputReject(rel, "symlink_not_followed", "links to folders are not followed")
    inside = root in target.parents and not (exclude is not None and (exclude == target or exclude in target.parents))
    if not inside and not follow_outside:
        return InputReject(rel, "symlink_not_followed",
                           "the link points outside the input folder (--follow-symlinks reads it)")
    if not target.is_file():
        return InputReject(rel, "not_a_file", "the link's target is not a regular file (device, fifo or socket)")
    return _as_input(path, rel)


def discover_remote(root: Remote) -> Iterator[InputFile | InputReject]:
    """The same walk on an fsspec filesystem: depth-first, sorted by name, one folder listing
    held at a time. An input's ``path`` is its URL and its ``size`` comes from the listing (no
    request per file). Object stores have no links; an entry that is neither a file nor a folder
    is ``not_a_file``."""
    stack = [""]
    while stack:
        relative = stack.pop()
        try:
            entries = (root / relative if relative else root).listing()
        except OSError as exc:
            yield InputReject(relative or ".", "unreadable", f"cannot list folder: {exc.strerror or exc}")
            continue
        subdirs = []
        for entry in entries:
            rel = f"{relative}/{entry['basename']}" if relative else entry["basename"]
            if entry["type"] == "directory":
                subdirs.append(rel)
            elif entry["type"] == "file":
                yield _as_input(str(root / rel), rel, entry.get("size"))
            else:
                yield InputReject(rel, "not_a_file", f"not a regular file ({entry['type']})")
        stack.extend(reversed(subdirs))


def _as_input(path: str, rel: str, size: int | None = None) -> InputFile | InputReject:
    named = classify_name(rel)
    if named is None:
        return InputReject(rel, "unsupported_extension",
                           f"only {READABLE}, are read")
    doc_id, kind, compressed = named
    return InputFile(path=path, source=rel, doc_id=doc_id, kind=kind, compressed=compressed, size=size)
