"""``pipeline_version``: the release and a fingerprint of the cleaning code and models, so a rerun
never carries over a text that other code cleaned."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import cleaners
from cleaners.version import PIPELINE_RELEASE, PIPELINE_VERSION, code_fingerprint

PACKAGE = Path(cleaners.__file__).resolve().parent


def test_the_version_is_the_release_and_the_code_fingerprint():
    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert PIPELINE_RELEASE == pyproject["project"]["version"]
    assert re.fullmatch(rf"{re.escape(PIPELINE_RELEASE)}\+[0-9a-f]{{12}}", PIPELINE_VERSION)
    assert PIPELINE_VERSION.endswith(code_fingerprint())


def test_the_fingerprint_changes_with_a_step_or_a_model_and_with_nothing_else(tmp_path):
    copy = tmp_path / "cleaners"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    original = code_fingerprint(copy)
    assert original == code_fingerprint(PACKAGE)
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    (copy / "notes.txt").write_text("not code")
    assert code_fingerprint(copy) == original
    step = copy / "controls.py"
    step.write_text(step.read_text(encoding="utf-8").replace('"show more"', '"show much more"'), encoding="utf-8")
    changed_step = code_fingerprint(copy)
    assert changed_step != original
    model = next((copy / "models").glob("*.json"))
    model.write_bytes(model.read_bytes() + b"\n")
    assert code_fingerprint(copy) not in {original, changed_step}
