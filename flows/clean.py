"""The clean-corpus Prefect flow and its command line: ``python -m flows.clean raw/``.

The flow only orchestrates: it discovers inputs, hands batches of paths to a task that cleans
them and writes a shard, then merges the shards into ``corpus.jsonl``, ``rejects.jsonl`` and
``report.json``. All cleaning logic lives in ``cleaners/``.
"""

from __future__ import annotations

import os

# No network here (and none wanted from a data pipeline): no telemetry from Prefect.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import argparse  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Iterator  # noqa: E402

from prefect import flow, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from cleaners.config import ConfigError, PipelineConfig, config_from_toml  # noqa: E402
from cleaners.pipeline import PIPELINE_VERSION  # noqa: E402
from flows.batch import BatchSummary, clean_batch  # noqa: E402
from flows.discover import InputFile, InputReject, discover  # noqa: E402
from flows.merge import (  # noqa: E402
    build_report, drop_shards, merge_corpus, merge_rejects, prune_stale_documents,
    report_markdown, write_report,
)

DEFAULT_BATCH_SIZE = 500


class UsageError(Exception):
    """A bad argument: reported in one line with exit code 2."""


def read_config(config_file: str | None) -> PipelineConfig:
    """Load the TOML config named on the command line, or the defaults."""
    if not config_file:
        return PipelineConfig()
    path = Path(config_file)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read config file {path}: {exc.strerror or exc}") from exc
    return config_from_toml(text, origin=str(path))


def check_folders(input_dir: Path, out_dir: Path) -> None:
    """Refuse a missing input folder and an input folder inside the output (or the same)."""
    if not input_dir.is_dir():
        raise UsageError(f"input folder not found: {input_dir}")
    inp, out = input_dir.resolve(), out_dir.resolve()
    if inp == out:
        raise UsageError("the output folder must not be the input folder")
    if inp in out.parents:
        raise UsageError(f"the output folder {out_dir} is inside the input folder {input_dir}")
    if out in inp.parents:
        raise UsageError(f"the input folder {input_dir} is inside the output folder {out_dir}")


def unique_inputs(found: Iterator[InputFile | InputReject], rejects: list[dict]) -> Iterator[InputFile]:
    """Give every input a unique id; on a clash the later file keeps its extension in its id."""
    seen: set[str] = set()
    for item in found:
        if isinstance(item, InputReject):
            rejects.append({"source": item.source, "reason": item.reason, "detail": item.detail})
            continue
        doc_id = item.doc_id
        if doc_id in seen:
            doc_id = item.source[:-3] if item.compressed else item.source
        if doc_id in seen:
            rejects.append({"source": item.source, "reason": "duplicate_id",
                            "detail": f"id {doc_id!r} is already taken by another input"})
            continue
        seen.add(doc_id)
        yield InputFile(item.path, item.source, doc_id, item.kind, item.compressed)


def batches(items: Iterator[InputFile], size: int) -> Iterator[list[InputFile]]:
    batch: list[InputFile] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _progress(done_docs: int, done_rejects: int, batches_done: int) -> None:
    if sys.stderr.isatty():
        print(f"\rcleaned {done_docs} documents, {done_rejects} rejects, {batches_done} batches",
              end="", file=sys.stderr, flush=True)


def run_pipeline(input_dir: str, out_dir: str = "clean", config_file: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, run_batch=None) -> dict:
    """Discover, clean in batches, merge and report; ``run_batch`` runs one batch (a task)."""
    started = time.perf_counter()
    inp, out = Path(input_dir), Path(out_dir)
    check_folders(inp, out)
    config = read_config(config_file)
    out.mkdir(parents=True, exist_ok=True)
    drop_shards(out)
    run_batch = run_batch or clean_batch
    discovery_rejects: list[dict] = []
    summaries: list[BatchSummary] = []
    live_ids: set[str] = set()
    inputs = 0
    for number, batch in enumerate(batches(unique_inputs(discover(inp, exclude=out), discovery_rejects), batch_size)):
        inputs += len(batch)
        live_ids.update(item.doc_id for item in batch)
        summaries.append(run_batch(batch, out, f"batch-{number:06d}", config))
        _progress(sum(s.documents for s in summaries), sum(s.rejects for s in summaries), len(summaries))
    merge_started = time.perf_counter()
    shard_names = [s.shard for s in summaries]
    documents = merge_corpus(out, shard_names)
    rejects = merge_rejects(out, shard_names, discovery_rejects)
    rejected_sources = {r["source"] for r in rejects}
    prune_stale_documents(out, live_ids - {i for i in live_ids if i in rejected_sources})
    drop_shards(out)
    timings = {"merge": time.perf_counter() - merge_started, "total": time.perf_counter() - started}
    meta = {"pipeline_version": PIPELINE_VERSION, "config_sha256": config.sha256()}
    report = build_report(summaries, rejects, inputs + len(discovery_rejects), documents, timings, meta)
    write_report(out, report)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return report


@task(name="clean-batch", cache_policy=NO_CACHE)
def clean_batch_task(items: list[InputFile], out_dir: Path, shard_name: str,
                     config: PipelineConfig) -> BatchSummary:
    """Clean one batch of inputs; gets paths, returns a small summary."""
    return clean_batch(items, out_dir, shard_name, config)


@flow(name="clean-corpus", log_prints=False)
def clean_corpus(input_dir: str = "raw", out_dir: str = "clean", config_file: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE) -> dict:
    """Clean every page dump under ``input_dir`` into a corpus in ``out_dir``."""
    report = run_pipeline(input_dir, out_dir, config_file, batch_size, run_batch=clean_batch_task)
    create_markdown_artifact(key="clean-corpus-report", markdown=report_markdown(report),
                             description="Clean corpus run summary")
    return report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m flows.clean",
        description="Clean a folder of raw page dumps (.txt, .html, .htm, .xhtml, optionally .gz) "
                    "into a corpus: corpus.jsonl, docs/, rejects.jsonl and report.json.",
    )
    parser.add_argument("input", help="folder of raw inputs, walked recursively")
    parser.add_argument("--out", default="clean", help="output folder (default: clean)")
    parser.add_argument("--config", help="TOML config file (default: built-in defaults)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help=f"documents per Prefect task (default: {DEFAULT_BATCH_SIZE})")
    parser.add_argument("--no-prefect", action="store_true",
                        help="run the same steps in-process without the Prefect engine")
    parser.add_argument("--verbose", action="store_true", help="show Prefect's own log lines")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.batch_size < 1:
            raise UsageError("--batch-size must be at least 1")
        check_folders(Path(args.input), Path(args.out))
        read_config(args.config)
        if args.no_prefect:
            report = run_pipeline(args.input, args.out, args.config, args.batch_size)
        else:
            if not args.verbose:  # keep the terminal for progress and the summary line
                for name in ("prefect", "prefect.flow_runs", "prefect.task_runs"):
                    logging.getLogger(name).setLevel(logging.WARNING)
            report = clean_corpus(args.input, args.out, args.config, args.batch_size)
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: the run could not complete: {exc}", file=sys.stderr)
        return 1
    print(f"{report['documents']} documents, {report['rejected']} rejected, "
          f"{report['removed_lines']} lines removed from {report['inputs']} inputs -> {args.out}/corpus.jsonl "
          f"({report['timings_seconds']['total']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
