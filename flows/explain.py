"""``python -m flows.clean explain PATH``: what the pipeline does to one input, line by line.

Runs the pipeline's own code (``prepare_document``, ``run_steps``, ``assemble_text``,
``check_cleaned``) on one file and prints every decoded line with its verdict (KEEP/DROP), the
reason code and step that removed it, then the metadata, the captions and the document verdict.
A WARC archive is shown record by record, and ``ARCHIVE#N`` (a record's source, as in
``corpus.jsonl`` and ``rejects.jsonl``) shows one record. Also home of
``python -m flows.clean config --show``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from cleaners.config import ConfigError, PipelineConfig
from cleaners.decode import maybe_gunzip
from cleaners.errors import RejectError
from cleaners.pipeline import PIPELINE_VERSION, assemble_text, check_cleaned, prepare_document, run_steps
from cleaners.text import word_count
from flows.archives import CORRUPT_REASONS, find_archive_records, iter_records
from flows.discover import ARCHIVE_KINDS, READABLE, classify_name
from flows.warc import (WarcCorrupt, WarcItem, WarcSkip, document_payload, record_id, record_metadata,
                        split_record_source)

META_KEYS = ("title", "date", "publisher", "author", "url", "capture_date", "language", "language_score")
INPUTS = f"{READABLE}; ARCHIVE#N for one record of a WARC archive or JSON Lines feed"


def _rejected(exc: RejectError) -> str:
    return f"rejected: {exc.reason} ({exc.detail})"


def explain_bytes(raw: bytes, name: str, kind: str, config: PipelineConfig, stream: TextIO,
                  metadata: dict[str, str] | None = None, http_charset: str | None = None) -> str:
    """Print the line-by-line view of one input's (uncompressed) bytes; returns the verdict.

    ``metadata`` is what the input's container knows better than the page (a WARC record's
    ``url`` and ``capture_date``): set after the steps, as a run sets it. ``http_charset`` is
    its HTTP charset, the decoder's hint.
    """
    try:
        doc, encoding = prepare_document(raw, name, name, kind, config, http_charset)
    except RejectError as exc:
        verdict = _rejected(exc)
        print(f"{name}: {verdict}", file=stream)
        return verdict
    run_steps(doc, config)
    doc.metadata.update(metadata or {})
    body = assemble_text(doc)
    removed = {r.line_no: r for r in doc.removals}
    print(f"{name}  kind={kind} encoding={encoding} lines={len(doc.lines)} "
          f"pipeline={PIPELINE_VERSION} config={config.sha256()[:12]}", file=stream)
    reason_width = max([len(r.reason) for r in doc.removals] + [6])
    step_width = max([len(r.step) for r in doc.removals] + [4])
    print(f"{'line':>5}  {'verdict':7}  {'reason':{reason_width}}  {'step':{step_width}}  text", file=stream)
    for number, text in enumerate(doc.lines, start=1):
        removal = removed.get(number)
        if removal is None:
            print(f"{number:>5}  {'KEEP':7}  {'':{reason_width}}  {'':{step_width}}  {text}", file=stream)
        else:
            print(f"{number:>5}  {'DROP':7}  {removal.reason:{reason_width}}  {removal.step:{step_width}}  {text}",
                  file=stream)
    print("\nmetadata:", file=stream)
    for key in META_KEYS:
        print(f"  {key}: {doc.metadata.get(key)}", file=stream)
    if doc.repairs:
        print("  repairs: " + ", ".join(f"{k} {v}" for k, v in sorted(doc.repairs.items())), file=stream)
    print(f"captions ({len(doc.captions)}):", file=stream)
    for caption in doc.captions:
        print(f"  - {caption}", file=stream)
    try:
        check_cleaned(doc, body, config)
        verdict = f"kept: {word_count(body)} words, {len(doc.removals)} of {len(doc.lines)} lines removed"
    except RejectError as exc:
        verdict = _rejected(exc)
    print(f"document: {verdict}", file=stream)
    return verdict


def explain_file(path: Path, config: PipelineConfig, stream: TextIO | None = None) -> str:
    """Read, gunzip if needed and explain one input file; ``UsageError`` for unreadable ones."""
    stream = stream or sys.stdout
    from flows.clean import UsageError  # noqa: PLC0415 (flows.clean imports this module lazily)

    named = classify_name(path.name)
    record = split_record_source(str(path)) if named is None else None
    if record is not None:
        return explain_archive(Path(record[0]), config, stream, only=record[1])
    if named is None:
        raise UsageError(f"{path}: not an input the pipeline reads ({INPUTS})")
    _doc_id, kind, compressed = named
    if kind in ARCHIVE_KINDS:
        return explain_archive(path, config, stream)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        payload = maybe_gunzip(raw, config.decode.max_input_bytes) if compressed else raw
    except RejectError as exc:
        verdict = _rejected(exc)
        print(f"{path}: {verdict}", file=stream)
        return verdict
    return explain_bytes(payload, str(path), kind, config, stream)


def explain_archive(path: Path, config: PipelineConfig, stream: TextIO, only: int | None = None) -> str:
    """Explain every record of a WARC archive or JSON Lines feed in turn, or the one at position ``only``.

    Records are named by their source (``ARCHIVE#NNNNNN``) and cleaned as a run cleans them, so
    a record's view matches its line in ``corpus.jsonl`` or ``rejects.jsonl``. Returns the
    record's verdict, or for the whole archive a count of verdicts (also printed last).
    """
    from flows.clean import UsageError  # noqa: PLC0415

    cap = config.decode.max_input_bytes
    kind = classify_name(path.name)[1]
    verdicts: list[str] = []
    try:
        with open(path, "rb") as fh:
            for item in (iter_records(kind, fh, cap) if only is None
                         else find_archive_records(kind, fh, [only], cap).values()):
                if verdicts:
                    print("", file=stream)
                verdicts.append(explain_record(item, record_id(str(path), item.index), config, stream, kind))
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if only is not None and not verdicts:
        raise UsageError(f"{path}: the archive has no record {only}")
    if only is not None:
        return verdicts[0]
    if not verdicts:
        verdict = "rejected: empty (the archive holds no record)"
        print(f"{path}: {verdict}", file=stream)
        return verdict
    counts = {word: sum(v.startswith(word) for v in verdicts) for word in ("kept", "rejected", "skipped")}
    summary = f"{len(verdicts)} records: " + ", ".join(f"{n} {word}" for word, n in counts.items())
    print(f"\n{path}: {summary}", file=stream)
    return summary


def explain_record(item: WarcItem, source: str, config: PipelineConfig, stream: TextIO, kind: str = "warc") -> str:
    """Explain one record of an archive of this ``kind``: a document record line by line, any
    other in one line."""
    if isinstance(item, WarcSkip):
        verdict = f"skipped: {item.reason} (not a document)"
    elif isinstance(item, WarcCorrupt):
        verdict = f"rejected: {CORRUPT_REASONS[kind]} ({item.detail})"
    else:
        try:
            payload = document_payload(item, config.decode.max_input_bytes)
        except RejectError as exc:
            verdict = _rejected(exc)
        else:
            return explain_bytes(payload, source, item.kind, config, stream, record_metadata(item), item.charset)
    print(f"{source}: {verdict}", file=stream)
    return verdict


def run_subcommand(name: str, argv: list[str]) -> int:
    """``explain PATH [--config FILE]`` and ``config --show [--config FILE]``."""
    from flows.clean import UsageError, read_config  # noqa: PLC0415
    from flows.configdoc import config_to_toml  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog=f"python -m flows.clean {name}")
    if name == "explain":
        parser.description = "Show each decoded line of one input with its verdict, reason and step."
        parser.add_argument("path", help=f"one input file ({INPUTS})")
    else:
        parser.description = "Print the effective configuration as TOML, defaults included."
        parser.add_argument("--show", action="store_true", required=True, help="print the effective config")
    parser.add_argument("--config", help="TOML config file (default: built-in defaults)")
    args = parser.parse_args(argv)
    try:
        config = read_config(args.config)
        if name == "explain":
            explain_file(Path(args.path), config)
        else:
            sys.stdout.write(config_to_toml(config))
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
