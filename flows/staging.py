"""The review page for remote folders: local copies of just what it reads.

``flows/review.py`` reads local files: the whole ``corpus.jsonl`` and ``rejects.jsonl`` (one
streaming pass for the totals), the removal logs of the first ``review.max_documents`` documents
and their inputs (read again to show every line). When the output or the input folder is an
fsspec URL (``flows.locations.Remote``), those files are copied into a temporary local folder,
the page is written there as in a local run (so it is byte-identical to one) and put into the
output folder as one object.
"""

from __future__ import annotations

import json
import tempfile
from itertools import islice
from pathlib import Path

from cleaners.config import PipelineConfig
from flows.batch import document_paths
from flows.locations import Remote
from flows.review import write_review
from flows.warc import split_record_source


def write_review_anywhere(out: Path | Remote, inp: Path | Remote, config: PipelineConfig, report: dict) -> None:
    """``write_review`` for any pair of local or remote output and input folders."""
    if isinstance(out, Path) and isinstance(inp, Path):
        write_review(out, inp, config, report)
        return
    if not config.review.enabled:
        return
    with tempfile.TemporaryDirectory(prefix="clean-corpus-review-") as stage:
        local_out = out if isinstance(out, Path) else _stage_outputs(out, Path(stage) / "out", config)
        local_in = inp if isinstance(inp, Path) else _stage_inputs(inp, Path(stage) / "in", local_out, config)
        page = write_review(local_out, local_in, config, report)
        if isinstance(out, Remote) and page is not None:
            (out / "review.html").write_bytes(page.read_bytes())


def _sample(out: Path, config: PipelineConfig) -> list[dict]:
    """The records the page's browser shows: the first ``review.max_documents`` by id."""
    corpus = out / "corpus.jsonl"
    if not corpus.is_file():
        return []
    with corpus.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in islice(fh, config.review.max_documents) if line.strip()]


def _copy(source: Remote, target: Path) -> None:
    """Download one file if it exists (streaming, whatever its size)."""
    if source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        source.fs.get_file(source.path, str(target))


def _stage_outputs(out: Remote, local: Path, config: PipelineConfig) -> Path:
    local.mkdir(parents=True)
    for name in ("corpus.jsonl", "rejects.jsonl"):
        _copy(out / name, local / name)
    for record in _sample(local, config):
        _copy(document_paths(out, record["id"])[1], document_paths(local, record["id"])[1])
    return local


def _stage_inputs(inp: Remote, local: Path, local_out: Path, config: PipelineConfig) -> Path:
    """The sample's inputs (a WARC record's: its whole archive, once)."""
    local.mkdir(parents=True)
    sources = {(split_record_source(r["source"]) or (r["source"],))[0] for r in _sample(local_out, config)}
    for source in sorted(sources):
        _copy(inp / source, local / source)
    return local
