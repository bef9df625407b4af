"""Running batches: sizing them, and running them on local processes or a Dask cluster.

Batches are cut by count (``--batch-size``) and by input bytes (``--batch-bytes``, from the
files' ``os.stat`` sizes as they are discovered, or an fsspec listing's), so a folder of a few
huge pages does not make one slow batch; with several workers the last batches shrink so that
the workers finish together (``balanced_tail``). ``BatchRunner`` keeps at most ``2 × workers``
batches in flight, so discovery streams: millions of paths are never held at once.

Locally the CPU work of a batch runs in a spawn-context ``ProcessPoolExecutor`` whose processes
never import Prefect (no per-process temporary API server); the Prefect task only waits for its
batch's process. On Dask (``--dask ADDRESS`` / ``--dask local``) the Prefect task itself runs in a
Dask worker and calls ``clean_batch`` there; every worker is pointed at the flow's one Prefect
API server (``dask_cluster``), otherwise each worker process would start a temporary server of
its own (≈ 20 s per worker).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from cleaners.config import PipelineConfig
from flows.batch import BatchSummary, clean_batch
from flows.discover import InputFile
from flows.locations import Remote

DEFAULT_BATCH_SIZE = 500
#: Input bytes per batch (``--batch-bytes``): a batch closes at this many bytes or at
#: ``--batch-size`` documents, whichever comes first.
DEFAULT_BATCH_BYTES = 64 * 1024 * 1024
#: ``--dask local``: start a ``LocalCluster`` on this machine instead of joining one.
LOCAL_CLUSTER = "local"
#: Environment every Dask worker needs to run the Prefect task against the flow's API.
_QUIET_ENV = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def file_size(item: InputFile) -> int:
    """The input's size in bytes as discovered (0 when it cannot be stat'ed: the batch reports it)."""
    if item.size is not None:  # from an fsspec listing
        return item.size
    try:
        return os.stat(item.path, follow_symlinks=False).st_size
    except OSError:
        return 0


def batches(items: Iterator[InputFile], size: int, max_bytes: int | None = DEFAULT_BATCH_BYTES,
            workers: int = 1) -> Iterator[list[InputFile]]:
    """Cut the input stream into batches of at most ``size`` inputs and about ``max_bytes``
    input bytes (a single larger input is a batch of its own; ``None``: no byte limit).

    With several ``workers`` the last batches are cut smaller and smaller (``balanced_tail``),
    so that the workers finish together instead of one cleaning a whole last batch alone.
    """
    full = _full_batches(items, size, max_bytes)
    return balanced_tail(full, workers, size) if workers > 1 else full


def balanced_tail(full: Iterator[list[InputFile]], workers: int, size: int) -> Iterator[list[InputFile]]:
    """Pass batches on, but hold the last ``workers`` back; at the end of the stream, cut those
    into shrinking pieces (guided self-scheduling: a piece is 1/(2·workers) of what is left, at
    least ``size``/20), each within one held batch so the byte limit still holds.

    Discovery only runs ``workers`` batches ahead for it (paths, not texts).
    """
    held: deque[list[InputFile]] = deque()
    for batch in full:
        held.append(batch)
        if len(held) > workers:
            yield held.popleft()
    remaining = sum(len(batch) for batch in held)
    smallest = max(1, size // 20)
    for batch in held:
        start = 0
        while start < len(batch):
            piece = min(len(batch) - start, max(smallest, -(-remaining // (2 * workers))))
            yield batch[start:start + piece]
            start += piece
            remaining -= piece


def _full_batches(items: Iterator[InputFile], size: int, max_bytes: int | None) -> Iterator[list[InputFile]]:
    batch: list[InputFile] = []
    batch_bytes = 0
    for item in items:
        nbytes = file_size(item) if max_bytes is not None else 0
        if batch and max_bytes is not None and batch_bytes + nbytes > max_bytes:
            yield batch
            batch, batch_bytes = [], 0
        batch.append(item)
        batch_bytes += nbytes
        if len(batch) >= size:
            yield batch
            batch, batch_bytes = [], 0
    if batch:
        yield batch


class BatchRunner:
    """Runs batches, at most ``workers`` at a time plus a small queue.

    Locally (``dask=False``) the CPU work of a batch happens in a process of a
    ``ProcessPoolExecutor`` that never imports Prefect; a Prefect task (when the flow runs under
    Prefect) only waits for its batch's process and returns the small summary. With ``dask=True``
    the flow's task runner is a ``DaskTaskRunner``: the task is submitted without a pool and
    cleans its batch in the Dask worker it lands on. With ``in_process`` (a ``memory://`` folder,
    which other processes cannot see) there is no pool either: each batch runs here, one at a time.
    """

    def __init__(self, workers: int, out: Path | Remote, config: PipelineConfig, task=None, dask: bool = False,
                 in_process: bool = False) -> None:
        if dask and task is None:
            raise ValueError("running on Dask needs the Prefect task (the flow's task runner)")
        self.workers = workers
        self.out, self.config, self.task, self.dask = out, config, task, dask
        self.pool = None if dask or in_process else ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        # in_process (a memory:// folder, seen by this process only): one batch at a time, here
        self.queued = 0 if in_process else 2 * workers
        self.in_flight: deque = deque()

    def __enter__(self) -> "BatchRunner":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, batch: list[InputFile], shard: str) -> Iterator[BatchSummary]:
        """Queue a batch; yields the summaries of batches that had to finish to make room."""
        if self.task is not None:
            future = self.task.submit(batch, self.out, shard, self.config, self.pool)
        elif self.pool is None:
            yield clean_batch(batch, self.out, shard, self.config)
            return
        else:
            future = self.pool.submit(clean_batch, batch, self.out, shard, self.config)
        self.in_flight.append(future)
        while len(self.in_flight) > self.queued:
            yield self.in_flight.popleft().result()

    def drain(self) -> Iterator[BatchSummary]:
        while self.in_flight:
            yield self.in_flight.popleft().result()


def current_api_url() -> str:
    """The URL of the Prefect API this process talks to (starting the temporary server if that
    is what Prefect would use)."""
    from prefect.client.orchestration import get_client  # noqa: PLC0415

    with get_client(sync_client=True) as client:
        return str(client.api_url)


def _set_environ(env: dict[str, str]) -> None:  # runs in each Dask worker (client.run)
    os.environ.update(env)


@contextmanager
def dask_cluster(address: str, workers: int | None) -> Iterator[tuple[object, int]]:
    """A ``DaskTaskRunner`` for ``address`` (or a new ``LocalCluster`` for ``"local"``) whose
    workers use this process's Prefect API, and the number of worker threads (batches that run
    at once). Inside, the Prefect settings name that API explicitly, so the task runs' context
    carries it to the workers too."""
    from distributed import Client, LocalCluster  # noqa: PLC0415 (only Dask runs need it)
    from prefect.settings import PREFECT_API_URL, temporary_settings  # noqa: PLC0415
    from prefect_dask import DaskTaskRunner  # noqa: PLC0415

    api_url = current_api_url()
    env = {**_QUIET_ENV, "PREFECT_API_URL": api_url}
    cluster = None
    if address == LOCAL_CLUSTER:
        cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                               dashboard_address=None, env=env)
        address = cluster.scheduler_address
    try:
        with Client(address, timeout="30s") as client:
            client.run(_set_environ, env)
            threads = sum(client.nthreads().values()) or 1
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            yield DaskTaskRunner(address=address), threads
    finally:
        if cluster is not None:
            cluster.close()


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
