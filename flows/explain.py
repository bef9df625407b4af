"""``python -m flows.clean explain PATH``: what the pipeline does to one input, line by line.

Runs the pipeline's own code (``prepare_document``, ``run_steps``, ``assemble_text``,
``check_cleaned``) on one file and prints every decoded line with its verdict (KEEP/DROP), the
reason code and step that removed it, then the metadata, the captions and the document verdict.
Also home of ``python -m flows.clean config --show``.
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
from flows.discover import classify_name

META_KEYS = ("title", "date", "publisher", "author", "url", "language", "language_score")


def explain_bytes(raw: bytes, name: str, kind: str, config: PipelineConfig, stream: TextIO) -> str:
    """Print the line-by-line view of one input's (uncompressed) bytes; returns the verdict."""
    try:
        doc, encoding = prepare_document(raw, name, name, kind, config)
    except RejectError as exc:
        verdict = f"rejected: {exc.reason} ({exc.detail})"
        print(f"{name}: {verdict}", file=stream)
        return verdict
    run_steps(doc, config)
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
        verdict = f"rejected: {exc.reason} ({exc.detail})"
    print(f"document: {verdict}", file=stream)
    return verdict


def explain_file(path: Path, config: PipelineConfig, stream: TextIO | None = None) -> str:
    """Read, gunzip if needed and explain one input file; ``UsageError`` for unreadable ones."""
    stream = stream or sys.stdout
    from flows.clean import UsageError  # noqa: PLC0415 (flows.clean imports this module lazily)

    named = classify_name(path.name)
    if named is None:
        raise UsageError(f"{path}: not an input the pipeline reads (.txt, .html, .htm, .xhtml, optionally .gz)")
    _doc_id, kind, compressed = named
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        payload = maybe_gunzip(raw, config.decode.max_input_bytes) if compressed else raw
    except RejectError as exc:
        verdict = f"rejected: {exc.reason} ({exc.detail})"
        print(f"{path}: {verdict}", file=stream)
        return verdict
    return explain_bytes(payload, str(path), kind, config, stream)


def run_subcommand(name: str, argv: list[str]) -> int:
    """``explain PATH [--config FILE]`` and ``config --show [--config FILE]``."""
    from flows.clean import UsageError, read_config  # noqa: PLC0415
    from flows.configdoc import config_to_toml  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog=f"python -m flows.clean {name}")
    if name == "explain":
        parser.description = "Show each decoded line of one input with its verdict, reason and step."
        parser.add_argument("path", help="one input file (.txt, .html, .htm, .xhtml, optionally .gz)")
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
