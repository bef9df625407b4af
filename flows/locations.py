"""Where inputs and outputs live: a local folder, or a folder on an fsspec filesystem.

A plain path or a ``file://`` URL is a local folder (a ``Path``) and goes through the local code
as it always did: ``os.scandir``, atomic renames, one sync per batch. Any other URL
(``memory://``, ``s3://bucket/prefix``, ...) is a ``Remote``: a folder on an fsspec filesystem,
read and written through fsspec by the same code, because ``Remote`` answers the few ``Path``
calls that code makes (``/``, ``name``, ``open``, ``is_file``...). An object store has no rename:
a ``Remote`` file is always written as one whole object (``flows.storage.atomic_target``), which
readers see complete or not at all.

A ``Remote`` is only its URL, so it pickles into worker processes and Dask workers, each of which
opens the filesystem itself (fsspec keeps one instance per process). ``memory://`` lives inside
one process: batches then run in the flow's own process (``runs_in_process``).
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
#: Filesystems whose files exist only in the process that wrote them.
IN_PROCESS_PROTOCOLS = ("memory",)
#: Read buffer per open remote file.
READ_BLOCK = 1 << 20


def url_scheme(location: str | os.PathLike) -> str | None:
    """The URL scheme of a location (``s3``, ``memory``...), ``None`` for a plain path."""
    match = _SCHEME.match(os.fspath(location))
    return match.group(1).lower() if match else None


def is_remote(location: str | os.PathLike) -> bool:
    """A URL other than ``file://``: read and written through fsspec."""
    return url_scheme(location) not in (None, "file")


def local_path(location: str | os.PathLike) -> Path:
    """A plain path or a ``file://`` URL as a local ``Path``; other URLs are a ``ValueError``."""
    text = os.fspath(location)
    if url_scheme(text) == "file":
        return Path(text[len("file://"):] or "/")
    if is_remote(text):
        raise ValueError(f"{url_scheme(text)}:// is not a local folder: {text}")
    return Path(text)


def location(text: str | os.PathLike) -> Path | Remote:
    """The folder a command-line or flow argument names: a local ``Path`` or a ``Remote``.

    A ``ValueError`` when the URL's filesystem is not available (``s3://`` without s3fs).
    """
    return Remote.of(os.fspath(text)) if is_remote(text) else local_path(text)


def runs_in_process(*folders: Path | Remote) -> bool:
    """Whether batches must run in this process: a folder only this process can see."""
    return any(isinstance(folder, Remote) and folder.protocol in IN_PROCESS_PROTOCOLS for folder in folders)


def open_input(path: str) -> IO[bytes]:
    """An input file opened for reading, by local path or URL."""
    return Remote(path).open("rb") if is_remote(path) else open(path, "rb")


def input_size(path: str) -> int:
    """An input file's size in bytes (``os.stat`` follows the links discovery let through)."""
    return Remote(path).size() if is_remote(path) else os.stat(path).st_size


def _filesystem(url: str):
    from fsspec.core import url_to_fs  # noqa: PLC0415 (only remote locations need it)

    try:
        return url_to_fs(url)
    except ImportError as exc:  # fsspec names the package to install, e.g. "Install s3fs to access S3"
        raise ValueError(f"{url}: {exc}") from exc


@dataclass(frozen=True)
class Remote:
    """A file or folder on an fsspec filesystem, by URL, with the ``Path`` calls the pipeline uses."""

    url: str

    @classmethod
    def of(cls, url: str) -> "Remote":
        """The location ``url`` (a trailing ``/`` dropped); checks that its filesystem can be opened."""
        stripped = url.rstrip("/")
        remote = cls(url if stripped.endswith(":") else stripped)  # "memory://" stays itself
        remote.fs  # noqa: B018 (fail early: a missing driver is a usage error)
        return remote

    # -- naming -------------------------------------------------------------------------------
    @property
    def protocol(self) -> str:
        return url_scheme(self.url) or ""

    @property
    def fs(self):
        """The fsspec filesystem (one cached instance per process and options)."""
        return _filesystem(self.url)[0]

    @property
    def path(self) -> str:
        """The path on the filesystem, as fsspec names it (no protocol)."""
        return _filesystem(self.url)[1]

    @property
    def name(self) -> str:
        return posixpath.basename(self.url)

    @property
    def parent(self) -> "Remote":
        return Remote(posixpath.dirname(self.url))

    def __truediv__(self, relative: str) -> "Remote":
        return Remote(f"{self.url}/{relative}")

    def with_name(self, name: str) -> "Remote":
        return self.parent / name

    def __str__(self) -> str:
        return self.url

    # -- queries ------------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.fs.exists(self.path)

    def size(self) -> int:
        return self.fs.size(self.path)

    def is_file(self) -> bool:
        return self.fs.isfile(self.path)

    def is_dir(self) -> bool:
        return self.fs.isdir(self.path)

    def inside(self, other: "Remote") -> bool:
        """Whether this is ``other`` or a folder under it (same filesystem)."""
        return self.protocol == other.protocol and (self.url == other.url or self.url.startswith(other.url + "/"))

    # -- reading and writing ------------------------------------------------------------------
    def open(self, mode: str = "rb", encoding: str | None = None, newline: str | None = None) -> IO[Any]:
        """Open for streaming; reads buffer ``READ_BLOCK`` bytes (the merge keeps one open file
        per shard, and object-store drivers default to blocks of many MB)."""
        kwargs = {"encoding": encoding, "newline": newline} if "b" not in mode else {}
        if "r" in mode:
            kwargs["block_size"] = READ_BLOCK
        return self.fs.open(self.path, mode, **kwargs)

    def read_bytes(self) -> bytes:
        return self.fs.cat_file(self.path)

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def write_bytes(self, data: bytes) -> None:
        """Put ``data`` here as one whole object."""
        self.fs.pipe_file(self.path, data)

    def upload(self, local_file: str) -> None:
        """Put a finished local file here as one whole object."""
        self.fs.put_file(local_file, self.path)

    def mkdir(self, parents: bool = False, exist_ok: bool = False) -> None:
        self.fs.makedirs(self.path, exist_ok=True)

    def unlink(self) -> None:
        self.fs.rm_file(self.path)

    def remove_tree(self) -> None:
        """Delete this folder and everything under it, if it exists."""
        if self.fs.exists(self.path):
            self.fs.rm(self.path, recursive=True)

    def files(self) -> Iterator[str]:
        """Every file under this folder, as ``/``-separated paths relative to it, folder by folder."""
        root = self.path.rstrip("/")
        for folder, _dirs, names in self.fs.walk(root):
            prefix = posixpath.relpath(folder.rstrip("/"), root) if folder.rstrip("/") != root else ""
            for name in names:
                yield f"{prefix}/{name}" if prefix else name

    def listing(self) -> list[dict[str, Any]]:
        """This folder's entries (``name``, ``type``, ``size``), sorted by name; one listing at a time."""
        entries = self.fs.ls(self.path, detail=True)
        for entry in entries:
            entry["basename"] = posixpath.basename(entry["name"].rstrip("/"))
        return sorted(entries, key=lambda entry: entry["basename"])
