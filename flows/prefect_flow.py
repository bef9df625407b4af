"""The clean-corpus Prefect flow: ``clean_corpus`` around ``flows.clean.run_pipeline``.

Each batch is a Prefect task (``clean_batch_task``) that waits for its batch's worker process, or
cleans the batch itself in a Dask worker. The deployment in ``prefect.yaml`` points here. Kept
apart from the command line (flows/clean.py) so that the batch workers, which re-import the
command's module when they are spawned, do not import Prefect (about 1 s and 55 MB each).
"""

from __future__ import annotations

import os

# No network here (and none wanted from a data pipeline): no telemetry from Prefect.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from pathlib import Path  # noqa: E402

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact, create_table_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.context import FlowRunContext  # noqa: E402

from cleaners.config import PipelineConfig  # noqa: E402
from flows.batch import BatchSummary, clean_batch  # noqa: E402
from flows.clean import run_pipeline  # noqa: E402
from flows.discover import InputFile  # noqa: E402
from flows.locations import Remote  # noqa: E402
from flows.merge import report_markdown  # noqa: E402
from flows.runner import DEFAULT_BATCH_BYTES, DEFAULT_BATCH_SIZE, dask_cluster  # noqa: E402


def retry_on_io_error(task, task_run, state) -> bool:
    """Retry a batch only when it failed on I/O (``OSError``: a full disk, a flaky mount).

    A logic error would fail the same way again; inputs that fail are rejects, not failures.
    """
    try:
        state.result()
    except OSError:
        return True
    except BaseException:
        return False
    return False


@task(name="clean-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2,
      retry_condition_fn=retry_on_io_error)
def clean_batch_task(items: list[InputFile], out_dir: Path | Remote, shard_name: str,
                     config: PipelineConfig, pool: ProcessPoolExecutor | None) -> BatchSummary:
    """Clean one batch in a worker process; gets paths, returns a small summary.

    Without a pool (on Dask) the batch is cleaned right here, in the Dask worker."""
    if pool is None:
        return clean_batch(items, out_dir, shard_name, config)
    return pool.submit(clean_batch, items, out_dir, shard_name, config).result()


@flow(name="clean-corpus", log_prints=False)
def clean_corpus(input_dir: str = "raw", out_dir: str = "clean", config_file: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, workers: int | None = None,
                 languages: list[str] | None = None, drop_duplicates: bool | None = None,
                 output_format: str = "jsonl", fast: bool | None = None,
                 batch_bytes: int | None = DEFAULT_BATCH_BYTES, dask_address: str | None = None,
                 follow_symlinks: bool = False) -> dict:
    """Clean every page dump under ``input_dir`` into a corpus in ``out_dir``.

    ``dask_address`` (``--dask``): a Dask scheduler address, or ``local`` for a new
    ``LocalCluster`` of ``workers`` processes; the batches then run as a subflow on a
    ``DaskTaskRunner`` whose workers use this flow's Prefect API (flows/runner.py).
    """
    on_dask = dask_address is not None and type(FlowRunContext.get().task_runner).__name__ == "DaskTaskRunner"
    if dask_address is not None and not on_dask:
        with dask_cluster(dask_address, workers) as (task_runner, threads):
            return clean_corpus.with_options(task_runner=task_runner)(
                input_dir, out_dir, config_file, batch_size, threads, languages=languages,
                drop_duplicates=drop_duplicates, output_format=output_format, fast=fast,
                follow_symlinks=follow_symlinks,
                batch_bytes=batch_bytes, dask_address=dask_address)
    logger = get_run_logger()
    logger.info("cleaning %s into %s (config %s, batch size %d, format %s)",
                input_dir, out_dir, config_file or "defaults", batch_size, output_format)
    report = run_pipeline(input_dir, out_dir, config_file, batch_size, workers, task=clean_batch_task,
                          languages=languages, drop_duplicates=drop_duplicates, output_format=output_format,
                          fast=fast, batch_bytes=batch_bytes, dask=on_dask, follow_symlinks=follow_symlinks)
    logger.info("%d documents, %d rejected, %d lines removed from %d inputs in %.1f s",
                report["documents"], report["rejected"], report["removed_lines"], report["inputs"],
                report["timings_seconds"]["total"])
    if report["rejects_by_reason"].get("internal_error"):
        logger.warning("%d inputs met a bug (internal_error): see %s/rejects.jsonl",
                       report["rejects_by_reason"]["internal_error"], out_dir)
    create_markdown_artifact(key="clean-corpus-report", markdown=report_markdown(report),
                             description="Clean corpus run summary")
    create_table_artifact(key="clean-corpus-reasons", table=report_rows(report),
                          description="Removed lines and rejected inputs by reason code")
    return report


def report_rows(report: dict) -> list[dict]:
    """The report's reason counts as table rows: removed lines, then rejected inputs."""
    rows = [{"kind": "removed_line", "reason": reason, "count": count}
            for reason, count in sorted(report["removed_by_reason"].items(), key=lambda kv: (-kv[1], kv[0]))]
    rows += [{"kind": "reject", "reason": reason, "count": count}
             for reason, count in sorted(report["rejects_by_reason"].items(), key=lambda kv: (-kv[1], kv[0]))]
    return rows
