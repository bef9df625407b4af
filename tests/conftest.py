"""Shared fixtures: paths to the samples and the development data, one Prefect test harness."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
SHARED = REPO.parent / "shared"
BENCH = SHARED / "bench"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    paths = sorted(RAW.glob("*.txt"))
    assert len(paths) == 5, "raw/ must hold the five sample dumps"
    return paths


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    if not BENCH.is_dir():
        pytest.skip("../shared/bench is not beside the repository")
    return BENCH


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the whole test run (starting one costs seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
