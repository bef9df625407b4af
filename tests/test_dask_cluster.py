"""The flow on a real Dask cluster: a ``dask scheduler`` and two ``dask worker`` processes on
127.0.0.1, the batches as Prefect tasks on a ``DaskTaskRunner``, one Prefect API (the harness's).

The output must be byte-identical to a local run's (``report.json`` aside: timings, workers).
Every process the test starts is stopped by its pid, whatever happens.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("prefect_dask")
psutil = pytest.importorskip("psutil")

from flows.prefect_flow import clean_corpus  # noqa: E402

DASK = Path(sys.executable).with_name("dask")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_workers(address: str, count: int, timeout: float = 60) -> None:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(count, timeout=timeout)


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM each process we started (and any child it made), by pid; SIGKILL what lingers."""
    tree = []
    for proc in processes:
        try:
            tree += psutil.Process(proc.pid).children(recursive=True)
        except psutil.Error:
            pass
    for proc in processes:
        if proc.poll() is None:
            proc.terminate()
    for proc in processes:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for child in tree:
        try:
            child.kill()
        except psutil.Error:
            pass


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != "report.json"}


@pytest.fixture()
def copies_input(tmp_path, sample_paths):
    """raw/ (the five samples) plus a few edited copies in a subfolder."""
    inp = tmp_path / "raw"
    (inp / "copies").mkdir(parents=True)
    for path in sample_paths:
        shutil.copy(path, inp / path.name)
    for number, path in enumerate(sample_paths[:3]):
        text = path.read_text(encoding="utf-8")
        (inp / "copies" / f"copy{number}-{path.name}").write_text(text + f"\nCopy number {number}.\n",
                                                                   encoding="utf-8")
    return inp


def test_flow_on_a_dask_cluster_matches_a_local_run(prefect_harness, copies_input, tmp_path):
    started = time.monotonic()
    local_out, dask_out = tmp_path / "local", tmp_path / "dask"
    clean_corpus(str(copies_input), str(local_out), batch_size=2, workers=1)

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    workdir = tmp_path / "workers"  # not the repository: workers get absolute paths
    workdir.mkdir()
    processes: list[subprocess.Popen] = []
    try:
        processes.append(subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for _ in range(2):
            processes.append(subprocess.Popen(
                [str(DASK), "worker", address, "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
                 "--no-dashboard", "--no-nanny"],
                cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for_workers(address, 2)
        worker_pids = [proc.pid for proc in processes[1:]]

        report = clean_corpus(f"file://{copies_input}", str(dask_out), batch_size=2, dask_address=address)

        # No worker started a Prefect API server of its own: they all used the harness's.
        servers = [child for pid in worker_pids for child in psutil.Process(pid).children(recursive=True)
                   if "uvicorn" in " ".join(child.cmdline())]
        assert servers == []
    finally:
        stop(processes)
    assert all(proc.poll() is not None for proc in processes)
    assert report["documents"] == 8 and report["workers"] == 2
    local, remote = _outputs(local_out), _outputs(dask_out)
    assert sorted(remote) == sorted(local)
    assert [name for name in local if local[name] != remote[name]] == []
    assert time.monotonic() - started < 120
