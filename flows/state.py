"""What an earlier run into the same output folder already did, so a rerun need not redo it.

The earlier run's own outputs are the state: ``corpus.jsonl`` records carry ``raw_sha256``,
``config_sha256`` and ``pipeline_version``, and ``rejects.jsonl`` entries carry ``raw_sha256``
next to a ``run.json`` stamp of the config and version that produced them. An input whose bytes,
config and pipeline version are unchanged is carried over instead of cleaned again. Nothing here
holds timestamps, so an interrupted run leaves nothing that makes the next one differ.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from flows.storage import atomic_write_text


@dataclass(frozen=True, slots=True)
class Previous:
    """Where an earlier result for one source is: a corpus record (by byte offset) or a reject."""

    raw_sha256: str
    offset: int  # byte offset of the record's line in the earlier corpus.jsonl; -1 for a reject
    length: int
    reject: tuple[str, str] | None = None  # (reason, detail) of an earlier reject


def _stamp(config_sha256: str, pipeline_version: str) -> dict[str, str]:
    return {"config_sha256": config_sha256, "pipeline_version": pipeline_version}


def write_run_stamp(out: Path, config_sha256: str, pipeline_version: str) -> None:
    atomic_write_text(out / "run.json", json.dumps(_stamp(config_sha256, pipeline_version), indent=2) + "\n")


def load_previous(out: Path, config_sha256: str, pipeline_version: str) -> dict[str, Previous]:
    """Index the earlier run's results that are valid for this config and version, by source."""
    previous: dict[str, Previous] = {}
    corpus = out / "corpus.jsonl"
    if corpus.is_file():
        offset = 0
        with corpus.open(mode="rb") as fh:
            for line in fh:
                record = json.loads(line)
                if (record.get("config_sha256"), record.get("pipeline_version")) == (config_sha256, pipeline_version):
                    previous[record["source"]] = Previous(record["raw_sha256"], offset, len(line))
                offset += len(line)
    try:
        stamp = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return previous
    if stamp != _stamp(config_sha256, pipeline_version) or not (out / "rejects.jsonl").is_file():
        return previous
    with (out / "rejects.jsonl").open(mode="r", encoding="utf-8") as fh:
        for line in fh:
            reject = json.loads(line)
            if reject.get("raw_sha256"):
                previous.setdefault(reject["source"], Previous(reject["raw_sha256"], -1, 0,
                                                               (reject["reason"], reject["detail"])))
    return previous


def read_previous_record(out: Path, previous: Previous) -> dict | None:
    """The earlier corpus record at its offset, or ``None`` if the file no longer matches."""
    try:
        with (out / "corpus.jsonl").open(mode="rb") as fh:
            fh.seek(previous.offset)
            line = fh.read(previous.length)
        return json.loads(line)
    except (OSError, ValueError):
        return None
