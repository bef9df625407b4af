"""Writing outputs safely: atomic files and file names that any id can map to.

Every output file is written to a temporary name in the same folder, flushed, fsynced and
renamed over the target, so a killed run never leaves a half-written file behind. On an fsspec
filesystem (``flows.locations.Remote``: object stores have no rename) a file is put as one whole
object, from memory or from a local temporary file, so it too is complete or absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from cleaners.document import Removal
from flows.locations import Remote

# Characters kept as they are in per-document file names; everything else is %-escaped, which
# keeps the mapping from ids to names one-to-one (``%`` itself is escaped too).
_UNSAFE = re.compile(r"[^\w.\- ]", re.UNICODE)


@contextmanager
def atomic_target(path: Path | Remote, durable: bool = True) -> Iterator[str]:
    """Yield a temporary path beside ``path``; on success it is fsynced and renamed over it.

    Readers see the old file or the new one, never half of one; on any error the temporary file
    is removed. ``durable=False`` skips the fsync (the rename is still atomic, so a killed process
    leaves no half file); the caller then makes many such files durable at once with
    ``flush_to_disk`` before it records them as done. One fsync per small file cost ~12 ms here.
    A ``Remote`` target gets a local temporary file, uploaded whole on success.
    """
    if isinstance(path, Remote):
        with _uploaded(path) as tmp:
            yield tmp
        return
    fd, tmp = _temporary_beside(path)
    os.close(fd)
    try:
        yield tmp
        if durable:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _temporary_beside(path: Path) -> tuple[int, str]:
    """An open new temporary file in ``path``'s folder, made first if it is missing (asking only
    on a miss: a ``mkdir`` per file cost as much as writing a small one)."""
    prefix, folder = f".{path.name[:40]}.", path.parent
    try:
        return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)


@contextmanager
def _uploaded(target: Remote) -> Iterator[str]:
    """A local temporary file that becomes the object ``target`` if the block succeeds."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp")
    os.close(fd)
    try:
        yield tmp
        target.upload(tmp)
    finally:
        os.unlink(tmp)


def atomic_write_bytes(path: Path | Remote, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically (see ``atomic_target``); a ``Remote`` in one put."""
    if isinstance(path, Remote):
        path.write_bytes(data)
        return
    fd, tmp = _temporary_beside(path)
    try:
        try:
            view = memoryview(data)
            while view:  # straight to the descriptor: no file object for a one-shot write
                view = view[os.write(fd, view):]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path | Remote, text: str, durable: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), durable)


def flush_to_disk() -> None:
    """Make every file written so far durable (one ``sync`` for a whole batch of files)."""
    os.sync()


#: One encoder for every line: ``json.dumps`` with options builds a new encoder per call, which
#: cost as much as encoding one removed line (a document has ~200).
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_line(record: dict[str, Any]) -> str:
    """One JSONL line: UTF-8, keys in schema order, no spaces, only ``\\n`` ends it."""
    return _LINE_ENCODER.encode(record) + "\n"


#: The JSON string encoder ``_LINE_ENCODER`` itself uses (C, ``ensure_ascii=False``).
_json_string = json.encoder.encode_basestring


def removal_log(removals: Iterable[Removal]) -> str:
    """A document's ``ID.removed.jsonl``: one ``json_line`` of ``Removal.as_dict()`` per removed
    line, byte for byte, formatted directly (a document has ~200 removals; building a dict and
    encoding it for each cost half a millisecond a document)."""
    return "".join([f'{{"line_no":{r.line_no},"text":{_json_string(r.text)},"reason":{_json_string(r.reason)},'
                    f'"step":{_json_string(r.step)}}}\n' for r in removals])


def atomic_write_jsonl(path: Path | Remote, records: Iterable[dict[str, Any]]) -> int:
    """Write records as JSONL atomically; returns how many were written."""
    return atomic_write_lines(path, map(json_line, records))


def atomic_write_lines(path: Path | Remote, lines: Iterable[str]) -> int:
    """Write lines that are already ``json_line`` strings atomically; returns how many were written."""
    count = 0
    with atomic_target(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for line in lines:
            fh.write(line)
            count += 1
    return count


#: ``tempfile.mkstemp`` names made by the writers above: ``.NAME.XXXXXXXX.tmp``. No output file
#: starts with a dot (ids are escaped so that none does), so nothing else matches.
_TEMPORARY = re.compile(r"^\..*\.[a-z0-9_]{8}\.tmp$")


def remove_stale_temporaries(out_dir: Path) -> int:
    """Delete temporary files an earlier, killed run left in ``out_dir`` and ``docs/``; returns how many.

    Only one run may write to an output folder at a time: this would delete another live run's
    temporary files. A ``Remote`` folder has none (its files are whole objects).
    """
    if isinstance(out_dir, Remote):
        return 0
    removed = 0
    folders = [out_dir] if out_dir.is_dir() else []
    docs = out_dir / "docs"
    if docs.is_dir():
        folders.extend(Path(folder) for folder, _dirs, _files in os.walk(docs))
    for folder in folders:
        with os.scandir(folder) as entries:
            stale = [e.path for e in entries if _TEMPORARY.match(e.name) and e.is_file(follow_symlinks=False)]
        for path in stale:
            os.unlink(path)
            removed += 1
    return removed


def _escape_part(part: str) -> str:
    escaped = _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), part)
    if escaped in {"", ".", ".."} or escaped.startswith("."):
        escaped = "%2E" + escaped[1:] if escaped.startswith(".") else "%00"
    if len(escaped) > 200:  # keep names under filesystem limits, still one-to-one
        digest = hashlib.sha256(part.encode("utf-8")).hexdigest()[:16]
        escaped = f"{escaped[:180]}~{digest}"
    return escaped


def doc_relpath(doc_id: str) -> str:
    """A safe relative path for a document id: ``/`` separates folders, nothing escapes ``docs/``."""
    return "/".join(_escape_part(part) for part in doc_id.split("/"))
