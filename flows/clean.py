"""The clean-corpus run and its command line: ``python -m flows.clean raw/``.

A run only orchestrates: it discovers inputs, hands batches of paths to a task that cleans
them and writes a shard, then merges the shards into ``corpus.jsonl``, ``rejects.jsonl`` and
``report.json``. All cleaning logic lives in ``cleaners/``. The Prefect flow around a run is in
``flows/prefect_flow.py``, imported only when a run uses Prefect: worker processes are spawned
and re-import this module (the command's main module), and need not import Prefect with it.
"""

from __future__ import annotations

import os

# No network here (and none wanted from a data pipeline): no telemetry from Prefect.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import unicodedata  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Iterator  # noqa: E402

from cleaners.config import ConfigError, PipelineConfig, config_from_toml  # noqa: E402
from cleaners.pipeline import PIPELINE_VERSION, SCHEMA_VERSION  # noqa: E402
from flows.corpus_lines import RepeatedParagraphs, find_repeated, keys_from_shard  # noqa: E402
from flows.dedup import find_duplicates  # noqa: E402
from flows.export import OUTPUT_FORMATS, export_corpus  # noqa: E402
from flows.batch import BatchSummary, document_paths  # noqa: E402
from flows.review import input_lines  # noqa: E402
from flows.discover import READABLE, InputFile, InputReject, discover  # noqa: E402
from flows.progress import Progress  # noqa: E402
from flows.state import Previous, load_previous, write_run_stamp  # noqa: E402
from flows.staging import write_review_anywhere  # noqa: E402
from flows.locations import Remote, location, runs_in_process  # noqa: E402
from flows.storage import remove_stale_temporaries  # noqa: E402
from flows.runner import (  # noqa: E402
    DEFAULT_BATCH_BYTES, DEFAULT_BATCH_SIZE, BatchRunner, batches, default_workers,
)
from flows.merge import (  # noqa: E402
    add_removed, build_report, dedup_entries, dedup_shard_lines, drop_shards, merge_corpus, merge_rejects,
    prune_stale_documents, write_report,
)


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


def with_languages(config: PipelineConfig, languages: list[str] | None) -> PipelineConfig:
    """The config with ``filters.languages`` replaced (``--languages en,de``), if given."""
    if not languages:
        return config
    codes = tuple(code.strip().lower() for code in languages if code.strip())
    return dataclasses.replace(config, filters=dataclasses.replace(config.filters, languages=codes or None))


def check_folders(input_dir: Path | Remote, out_dir: Path | Remote) -> None:
    """Refuse a missing input folder and an input folder inside the output (or the same)."""
    if not input_dir.is_dir():
        raise UsageError(f"input folder not found: {input_dir}")
    if isinstance(input_dir, Remote) or isinstance(out_dir, Remote):
        _check_remote_folders(input_dir, out_dir)
        return
    inp, out = input_dir.resolve(), out_dir.resolve()
    if inp == out:
        raise UsageError("the output folder must not be the input folder")
    if inp in out.parents:
        raise UsageError(f"the output folder {out_dir} is inside the input folder {input_dir}")
    if out in inp.parents:
        raise UsageError(f"the input folder {input_dir} is inside the output folder {out_dir}")


def _check_remote_folders(inp: Path | Remote, out: Path | Remote) -> None:
    """``check_folders`` when a folder is a URL: only folders on one filesystem can nest."""
    if not (isinstance(inp, Remote) and isinstance(out, Remote)):
        return
    if inp == out:
        raise UsageError("the output folder must not be the input folder")
    if out.inside(inp):
        raise UsageError(f"the output folder {out} is inside the input folder {inp}")
    if inp.inside(out):
        raise UsageError(f"the input folder {inp} is inside the output folder {out}")


def folders(input_dir: str, out_dir: str, dask: bool = False) -> tuple[Path | Remote, Path | Remote]:
    """The input and output folders named by the arguments, checked (``UsageError``).

    On Dask local paths are made absolute (workers may have another working folder), and a
    folder only this process can see (``memory://``) is refused.
    """
    try:
        inp, out = location(input_dir), location(out_dir)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    if dask and runs_in_process(inp, out):
        raise UsageError("memory:// folders exist in this process only: they cannot go with --dask")
    if dask:
        inp, out = (f.absolute() if isinstance(f, Path) else f for f in (inp, out))
    check_folders(inp, out)
    return inp, out


def unique_inputs(found: Iterator[InputFile | InputReject], rejects: list[dict],
                  previous: dict[str, Previous] | None = None) -> Iterator[InputFile]:
    """Give every input a unique id (on a clash the later file keeps its extension in its id)
    and attach what an earlier run made of it.

    Ids clash when they differ only in case or Unicode normal form ("Report" and "report", "é"
    composed and decomposed): macOS and Windows file systems take such names for one file, so
    their ``docs/`` files would overwrite each other where the output folder is copied or written.
    """
    seen: set[str] = set()
    previous = previous or {}
    for item in found:
        if isinstance(item, InputReject):
            rejects.append({"source": item.source, "reason": item.reason, "detail": item.detail,
                            "raw_sha256": None})
            continue
        doc_id = item.doc_id
        key = file_name_key(doc_id)
        if key in seen:
            doc_id = item.source[:-3] if item.compressed else item.source
            key = file_name_key(doc_id)
        if key in seen:
            rejects.append({"source": item.source, "reason": "duplicate_id",
                            "detail": f"id {doc_id!r} is already taken by another input", "raw_sha256": None})
            continue
        seen.add(key)
        yield dataclasses.replace(item, doc_id=doc_id, previous=previous.get(item.source))


def file_name_key(doc_id: str) -> str:
    """What a case-insensitive, normalisation-insensitive file system compares of an id's name."""
    return unicodedata.normalize("NFC", doc_id).casefold()


def run_pipeline(input_dir: str, out_dir: str = "clean", config_file: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, workers: int | None = None, task=None,
                 languages: list[str] | None = None, drop_duplicates: bool | None = None,
                 output_format: str = "jsonl", fast: bool | None = None,
                 batch_bytes: int | None = DEFAULT_BATCH_BYTES, dask: bool = False,
                 follow_symlinks: bool = False) -> dict:
    """Discover, clean in batches on ``workers`` processes, merge and report.

    ``task`` is the Prefect task that wraps a batch when the flow runs under Prefect;
    ``languages`` (``--languages``) overrides the config's ``filters.languages``;
    ``drop_duplicates`` (``--drop-duplicates``) overrides ``dedup.drop_duplicates``;
    ``output_format`` ``parquet`` also writes ``corpus.parquet``; ``fast`` (``--fast``) sets
    ``html.fast``; ``batch_bytes`` (``--batch-bytes``) also closes a batch at that many input bytes;
    ``dask``: ``task`` runs on the flow's ``DaskTaskRunner`` (flows/runner.py), which cleans each
    batch in a Dask worker, so paths are made absolute for workers with another working folder.
    Input and output may be plain paths or fsspec URLs (``file://``, ``memory://``, ``s3://``...,
    flows/locations.py); with a ``memory://`` folder the batches run one at a time in this process.
    ``follow_symlinks`` (``--follow-symlinks``) also reads links to files outside the input folder.
    """
    started = time.perf_counter()
    inp, out = folders(input_dir, out_dir, dask)
    if output_format not in OUTPUT_FORMATS:
        raise UsageError(f"output format must be one of {', '.join(OUTPUT_FORMATS)}, not {output_format!r}")
    config = with_languages(read_config(config_file), languages)
    if fast:
        config = dataclasses.replace(config, html=dataclasses.replace(config.html, fast=True))
    in_process = runs_in_process(inp, out)
    workers = 1 if in_process else workers or default_workers()
    out.mkdir(parents=True, exist_ok=True)
    drop_shards(out)
    remove_stale_temporaries(out)  # left by an earlier run that was killed
    discovery_rejects: list[dict] = []
    summaries: list[BatchSummary] = []
    inputs = 0
    previous = load_previous(out, config.sha256(), PIPELINE_VERSION)
    found = unique_inputs(discover(inp, exclude=out if isinstance(out, Path) else None,
                                   follow_symlinks=follow_symlinks), discovery_rejects, previous)
    progress = Progress()
    with BatchRunner(workers, out, config, task, dask=dask, in_process=in_process) as runner:
        for number, batch in enumerate(batches(found, batch_size, batch_bytes, workers)):
            inputs += len(batch)
            for summary in runner.submit(batch, f"batch-{number:06d}"):
                summaries.append(summary)
                progress.add(summary)
        for summary in runner.drain():
            summaries.append(summary)
            progress.add(summary)
    progress.close()
    merge_started = time.perf_counter()
    shard_names = sorted(s.shard for s in summaries)
    duplicates: list[dict] = []
    carried_ids: set[str] = set()
    drop_exact = config.filters.drop_exact_duplicates
    drop = config.dedup.drop_duplicates if drop_duplicates is None else drop_duplicates
    # corpus-wide, across batches: clusters from the batches' signatures, marked as the corpus is written
    dedup = find_duplicates(dedup_entries(out, shard_names, drop_exact), config.dedup, drop)
    # paragraphs repeated across documents, counted once per duplicate cluster, removed as written
    repeated = RepeatedParagraphs(
        find_repeated((keys_from_shard(line.get("lines")) for line in dedup_shard_lines(out, shard_names, drop_exact)),
                      dedup.roots, config.corpus_lines),
        config.corpus_lines, lambda doc_id: document_paths(out, doc_id),
        lambda record: input_lines(inp, record, config)[0])
    documents, live_ids = merge_corpus(out, shard_names, drop_exact, duplicates, carried_ids,
                                       lambda records: repeated.apply(dedup.annotate(records)))
    live_ids -= dedup.dropped_ids
    rejects = merge_rejects(out, shard_names, discovery_rejects + duplicates + dedup.rejects)
    export_corpus(out, output_format)
    prune_stale_documents(out, live_ids)
    drop_shards(out)
    write_run_stamp(out, config.sha256(), PIPELINE_VERSION)
    timings = {"merge": time.perf_counter() - merge_started, "total": time.perf_counter() - started}
    meta = {"schema_version": SCHEMA_VERSION, "pipeline_version": PIPELINE_VERSION,
            "config_sha256": config.sha256(), "workers": workers}
    # inputs: files, a WARC archive counting as its document records; = documents + rejected
    report = build_report(summaries, rejects, sum(s.inputs for s in summaries) + len(discovery_rejects),
                          documents, timings, meta, unchanged=len(carried_ids - dedup.dropped_ids))
    report["input_files"] = inputs + len(discovery_rejects)
    report["duplicates"] = dedup.counts()
    add_removed(report, repeated.removed_by_reason)
    report["corpus_lines"] = repeated.counts()
    report["output_format"] = output_format
    write_report(out, report)
    write_review_anywhere(out, inp, config, report)
    return report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m flows.clean",
        description=f"Clean a folder of raw page dumps and web archives ({READABLE}) into a corpus: "
                    "corpus.jsonl, docs/, rejects.jsonl, report.json and review.html.",
    )
    parser.add_argument("input", help="folder of raw inputs, walked recursively: a path or an fsspec URL "
                                      "(file://, memory://, s3://...)")
    parser.add_argument("--out", default="clean", help="output folder, a path or an fsspec URL (default: clean)")
    parser.add_argument("--config", help="TOML config file (default: built-in defaults)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help=f"documents per Prefect task (default: {DEFAULT_BATCH_SIZE})")
    parser.add_argument("--workers", type=int, default=None,
                        help="parallel worker processes (default: all cores)")
    parser.add_argument("--batch-bytes", type=_byte_size, default=DEFAULT_BATCH_BYTES,
                        help="input bytes per Prefect task at most, e.g. 64M (default: 64M); 0: no limit")
    parser.add_argument("--dask", metavar="ADDRESS", dest="dask_address",
                        help="run the batches on the Dask cluster at ADDRESS (tcp://host:8786), "
                             "or 'local' for a new LocalCluster of --workers processes")
    parser.add_argument("--no-prefect", action="store_true",
                        help="run the same steps in-process without the Prefect engine")
    parser.add_argument("--languages", type=lambda text: [c for c in text.split(",") if c.strip()],
                        help="keep only documents in these languages, e.g. en,de (filters.languages)")
    parser.add_argument("--drop-duplicates", action="store_true", default=None,
                        help="leave exact and near duplicates out of the corpus (dedup.drop_duplicates)")
    parser.add_argument("--format", dest="output_format", choices=OUTPUT_FORMATS, default="jsonl",
                        help="parquet also writes corpus.parquet (default: jsonl only)")
    parser.add_argument("--fast", action="store_true", default=None,
                        help="HTML: skip the HTML line model, trafilatura's fallback extractors and slow metadata "
                             "searches, faster (html.fast)")
    parser.add_argument("--follow-symlinks", action="store_true",
                        help="also read symbolic links to files outside the input folder")
    parser.add_argument("--verbose", action="store_true", help="show Prefect's own log lines")
    return parser


def _byte_size(text: str) -> int | None:
    """``--batch-bytes``: a number of bytes with an optional K/M/G suffix (powers of 1024); 0 is no limit."""
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().removesuffix("B")
    try:
        value = int(float(text[:-1]) * units[text[-1]]) if text and text[-1] in units else int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a byte size: {text!r} (e.g. 64M)") from exc
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value or None


#: Names that moved to flows/prefect_flow.py, still reachable here (``flows.clean.clean_corpus``).
_PREFECT_NAMES = ("clean_corpus", "clean_batch_task", "retry_on_io_error", "report_rows")


def __getattr__(name: str):
    """``flows.clean.clean_corpus`` and the other Prefect names, imported on first use."""
    if name in _PREFECT_NAMES:
        from flows import prefect_flow  # noqa: PLC0415

        return getattr(prefect_flow, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Subcommands taken before the normal ``INPUT_DIR`` form (``./explain`` cleans a folder of that name).
SUBCOMMANDS = ("explain", "config")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in SUBCOMMANDS:
        from flows.explain import run_subcommand  # noqa: PLC0415 (only the subcommands need it)

        return run_subcommand(argv[0], argv[1:])
    args = build_parser().parse_args(argv)
    try:
        if args.batch_size < 1:
            raise UsageError("--batch-size must be at least 1")
        if args.workers is not None and args.workers < 1:
            raise UsageError("--workers must be at least 1")
        if args.no_prefect and args.dask_address:
            raise UsageError("--dask runs the batches as Prefect tasks: it cannot go with --no-prefect")
        folders(args.input, args.out, dask=bool(args.dask_address))
        read_config(args.config)
        if args.no_prefect:
            report = run_pipeline(args.input, args.out, args.config, args.batch_size, args.workers,
                                  languages=args.languages, drop_duplicates=args.drop_duplicates,
                                  output_format=args.output_format, fast=args.fast, batch_bytes=args.batch_bytes,
                                  follow_symlinks=args.follow_symlinks)
        else:
            if not args.verbose:  # keep the terminal for progress and the summary line
                for name in ("prefect", "prefect.flow_runs", "prefect.task_runs", "distributed"):
                    logging.getLogger(name).setLevel(logging.WARNING)
            from flows.prefect_flow import clean_corpus  # noqa: PLC0415 (see the module docstring)

            report = clean_corpus(args.input, args.out, args.config, args.batch_size, args.workers,
                                  languages=args.languages, drop_duplicates=args.drop_duplicates,
                                  output_format=args.output_format, fast=args.fast,
                                  batch_bytes=args.batch_bytes, dask_address=args.dask_address,
                                  follow_symlinks=args.follow_symlinks)
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
