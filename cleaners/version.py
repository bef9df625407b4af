"""The version of the cleaning code, as every record states it (``pipeline_version``).

It is the release (``PIPELINE_RELEASE``, the package's version) and, after a ``+``, a
fingerprint of the code and models that clean: the SHA-256 of every module of this package and
every model file in ``cleaners/models``, by relative path. A rerun into the same output folder
carries an unchanged input over only when its earlier record has this very version, so a
checkout whose steps or models changed cleans every input again, even between releases, instead
of mixing texts of the old code with texts of the new (``flows/state.py``). Hashing the ~0.7 MB
takes a few milliseconds, once per process.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PIPELINE_RELEASE = "0.1.0"
_PACKAGE = Path(__file__).resolve().parent
_FINGERPRINT_HEX_DIGITS = 12


def code_fingerprint(package: Path = _PACKAGE) -> str:
    """A short SHA-256 of the package's ``*.py`` files and its ``models/`` files (path and bytes)."""
    files = sorted([*package.glob("*.py"), *(p for p in (package / "models").glob("*") if p.is_file())])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:_FINGERPRINT_HEX_DIGITS]


PIPELINE_VERSION = f"{PIPELINE_RELEASE}+{code_fingerprint()}"
