"""The README's "Run on a schedule" recipe, for real: a Prefect server on 127.0.0.1, the process
work pool, ``prefect deploy`` of the repository's own ``prefect.yaml``, a worker, a triggered run
that completes and writes the corpus, and the scheduled runs the cron creates.

Everything runs from a temporary copy of the repository with a temporary ``PREFECT_HOME``; every
process started here is stopped by its id (SIGINT, then SIGKILL), with its process group.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

import sample_run

REPO = Path(__file__).resolve().parents[1]
PREFECT = Path(sys.executable).parent / "prefect"
DEPLOYMENT = "clean-corpus/clean-raw"
POOL = "clean-corpus-pool"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Processes:
    """Processes started in their own session, stopped by pid: SIGINT, then SIGKILL."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.started: list[subprocess.Popen] = []

    def start(self, name: str, args: list[str], env: dict, cwd: Path) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "wb")
        proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        self.started.append(proc)
        return proc

    @staticmethod
    def _group_alive(pgid: int) -> bool:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True

    def stop_all(self) -> list[int]:
        """Stop every process (last started first); returns the groups still alive after it."""
        for proc in reversed(self.started):
            pgid = proc.pid  # start_new_session: the process leads its own group
            if proc.poll() is None or self._group_alive(pgid):
                try:
                    os.killpg(pgid, signal.SIGINT)
                except ProcessLookupError:
                    pass
                deadline = time.monotonic() + 15
                while time.monotonic() < deadline and self._group_alive(pgid):
                    proc.poll()
                    time.sleep(0.2)
                if self._group_alive(pgid):
                    try:
                        os.killpg(pgid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        time.sleep(0.5)
        return [p.pid for p in self.started if self._group_alive(p.pid)]


def _cli(args: list[str], env: dict, cwd: Path, timeout: float = 60) -> str:
    done = subprocess.run([str(PREFECT), *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, f"prefect {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _wait_until(what: str, check, timeout: float, every: float = 0.5, logs: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    detail = ""
    if logs is not None:
        detail = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in sorted(logs.glob("*.log")))
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{detail}")


def _copy_repo(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("cleaners", "flows", "schema", "raw"):
        shutil.copytree(REPO / name, dest / name, ignore=ignore)
    shutil.copy(REPO / "prefect.yaml", dest / "prefect.yaml")


def test_prefect_yaml_deploys_the_flow_with_its_parameters():
    """Cheap check of the file itself: entrypoint, pool, cron, and parameters the flow takes."""
    import inspect

    from flows.prefect_flow import clean_corpus

    spec = yaml.safe_load((REPO / "prefect.yaml").read_text())
    (deployment,) = spec["deployments"]
    assert deployment["entrypoint"] == "flows/prefect_flow.py:clean_corpus"
    assert deployment["work_pool"]["name"] == POOL
    assert deployment["schedules"][0]["cron"] == "0 3 * * *"
    flow_params = set(inspect.signature(clean_corpus.fn).parameters)
    assert set(deployment["parameters"]) <= flow_params
    assert {"input_dir", "out_dir", "config_file", "output_format", "drop_duplicates"} <= set(deployment["parameters"])
    steps = json.dumps(spec.get("pull", []) + spec.get("build", []) + spec.get("push", []))
    assert "git_clone" not in steps and "pip_install" not in steps  # no step needs the network


def test_scheduled_deployment_runs_on_a_real_server(tmp_path):
    started_at = time.monotonic()
    repo, home, logs, out = tmp_path / "repo", tmp_path / "prefect-home", tmp_path / "logs", tmp_path / "corpus"
    home.mkdir(), logs.mkdir()
    _copy_repo(repo)
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({
        "PREFECT_HOME": str(home), "PREFECT_API_URL": api, "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_WORKER_QUERY_SECONDS": "2",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    procs = Processes(logs)
    try:
        procs.start("server", [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                    env, tmp_path)

        def server_ready():
            try:
                return httpx.get(f"{api}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        _wait_until("the server", server_ready, 60, logs=logs)
        _cli(["work-pool", "create", POOL, "--type", "process"], env, repo)
        _cli(["--no-prompt", "deploy", "--all"], env, repo, timeout=120)
        deployment = httpx.get(f"{api}/deployments/name/{DEPLOYMENT}", timeout=10).json()
        assert deployment["work_pool_name"] == POOL
        assert deployment["parameters"]["input_dir"] == "raw"
        procs.start("worker", [str(PREFECT), "worker", "start", "--pool", POOL], env, repo)
        config = sample_run.config_file(tmp_path)  # the defaults (classifier off while no model ships)
        run_out = _cli(["deployment", "run", DEPLOYMENT, "--param", f"out_dir={out}",
                        "--param", f"config_file={config}", "--param", "workers=1"], env, repo)
        run_id = next(line.split()[-1] for line in run_out.splitlines() if "UUID" in line)

        def finished():
            state = httpx.get(f"{api}/flow_runs/{run_id}", timeout=10).json()["state"]
            return state if state and state["type"] in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"} else None

        state = _wait_until("the triggered run to finish", finished, 90, every=1, logs=logs)
        assert state["type"] == "COMPLETED", state

        records = [json.loads(line) for line in (out / "corpus.jsonl").read_text().splitlines()]
        assert sorted(r["id"] for r in records) == sorted(p.stem for p in (REPO / "raw").glob("*.txt"))
        assert len(records) == 5 and all(r["text"].strip() for r in records)
        report = json.loads((out / "report.json").read_text())
        assert report["documents"] == 5 and report["schema_version"] == records[0]["schema_version"]
        assert not (repo / "clean").exists()  # the parameter override was used

        artifacts = httpx.post(f"{api}/artifacts/filter", timeout=10,
                               json={"artifacts": {"flow_run_id": {"any_": [run_id]}}}).json()
        assert {a["type"] for a in artifacts} >= {"markdown", "table"}
        table = next(a for a in artifacts if a["type"] == "table")
        assert table["key"] == "clean-corpus-reasons"
        def summary_logged():  # run logs reach the API in batches, shortly after the run ends
            entries = httpx.post(f"{api}/logs/filter", timeout=10,
                                 json={"logs": {"flow_run_id": {"any_": [run_id]}}}).json()
            return any("5 documents, " in entry["message"] for entry in entries) or None

        assert _wait_until("the flow's summary log line", summary_logged, 30, every=1, logs=logs)

        def scheduled():
            body = {"flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}},
                    "deployments": {"id": {"any_": [deployment["id"]]}}}
            runs = httpx.post(f"{api}/flow_runs/filter", json=body, timeout=10).json()
            return [r for r in runs if r["auto_scheduled"]]

        upcoming = _wait_until("scheduled runs from the cron", scheduled, 30, every=1, logs=logs)
        for run in upcoming:  # the cron is daily at 03:00 UTC
            assert run["expected_start_time"][11:19] == "03:00:00", run["expected_start_time"]
    finally:
        alive = procs.stop_all()
    assert alive == [], f"process groups still alive: {alive}"
    assert time.monotonic() - started_at < 120


class _FlakyPool:
    """Stands in for the batch process pool: fails the first ``failures`` submissions."""

    def __init__(self, error: Exception, failures: int) -> None:
        self.error, self.failures, self.calls = error, failures, 0

    def submit(self, fn, *args):
        from concurrent.futures import Future

        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        future = Future()
        future.set_result(fn(*args))
        return future


@pytest.mark.parametrize("error, failures, calls, completes", [
    (OSError(28, "No space left on device"), 1, 2, True),  # I/O: retried, then it works
    (ValueError("a bug"), 1, 1, False),  # logic error: not retried
])
def test_batch_task_retries_only_on_io_errors(prefect_harness, tmp_path, error, failures, calls, completes):
    from prefect import flow

    from cleaners.config import PipelineConfig
    from flows.prefect_flow import clean_batch_task

    pool = _FlakyPool(error, failures)

    @flow
    def one_batch():
        return clean_batch_task(items=[], out_dir=tmp_path, shard_name="batch-000000",
                                config=PipelineConfig(), pool=pool, return_state=True)

    state = one_batch(return_state=True)
    assert pool.calls == calls
    assert state.is_completed() is completes
