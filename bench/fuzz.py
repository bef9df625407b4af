"""A long fuzz run of the document pipeline (not in CI): ``python bench/fuzz.py [--cases N]``.

Runs the hypothesis strategies and the property check of ``tests/test_fuzz.py``
(``check_pipeline``: only ``RejectError`` may escape; clean text is valid UTF-8 without control
characters; kept plus removed lines rebuild the decoded input) on ``--cases`` inputs (default
100,000), split over ``--processes`` worker processes with different seeds, without shrinking.
Prints the cases run, the crashes (must be 0; the first few are shown), reasons seen, and the
slowest case.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"


def run_share(seed: int, cases: int) -> dict:
    """Run ``cases`` inputs (text and HTML, 4:1) with hypothesis seeded by ``seed``."""
    sys.path.insert(0, str(TESTS))
    from hypothesis import HealthCheck, Phase, given, seed as hyp_seed, settings, strategies as st

    import test_fuzz as fuzz

    stats = {"cases": 0, "crashes": [], "outcomes": Counter(), "slowest": (0.0, b"", "")}
    inputs = st.one_of(fuzz.texts.map(lambda raw: ("text", raw)), fuzz.texts.map(lambda raw: ("text", raw)),
                       fuzz.pages.map(lambda raw: ("html", raw)))

    @hyp_seed(seed)
    @settings(max_examples=cases, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(inputs)
    def one(case):
        kind, raw = case
        started = time.perf_counter()
        try:
            outcome = fuzz.check_pipeline(raw, kind)
        except BaseException as exc:  # noqa: BLE001 - counted, not raised: the run goes on
            outcome = "crash"
            if len(stats["crashes"]) < 5:
                stats["crashes"].append((kind, raw[:200], f"{type(exc).__name__}: {exc}"[:300]))
            else:
                stats["crashes"].append(None)
        seconds = time.perf_counter() - started
        stats["cases"] += 1
        stats["outcomes"][outcome] += 1
        if seconds > stats["slowest"][0]:
            stats["slowest"] = (seconds, raw[:120], kind, len(raw))
        if stats["cases"] % 2000 == 0:  # progress on stderr, so a long run can be watched
            print(f"[seed {seed}] {stats['cases']}/{cases} cases, {len(stats['crashes'])} crashes, "
                  f"slowest {stats['slowest'][0]:.2f} s", file=sys.stderr, flush=True)

    one()
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=None, help="default: all cores")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import os

    processes = args.processes or len(os.sched_getaffinity(0))
    shares = [args.cases // processes + (i < args.cases % processes) for i in range(processes)]
    started = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        results = list(pool.map(run_share, [args.seed * 1000 + i for i in range(processes)], shares))
    elapsed = time.perf_counter() - started
    cases = sum(r["cases"] for r in results)
    crashes = [c for r in results for c in r["crashes"]]
    outcomes = sum((r["outcomes"] for r in results), Counter())
    slowest = max((r["slowest"] for r in results), key=lambda s: s[0])
    print(f"cases run: {cases} in {elapsed:.0f} s ({processes} processes)")
    print(f"crashes: {len(crashes)}")
    for crash in [c for c in crashes if c][:5]:
        print(f"  {crash}")
    print("outcomes:", dict(outcomes.most_common()))
    print(f"slowest case: {slowest[0]:.2f} s ({slowest[2]}, {slowest[3]} bytes): {slowest[1]!r}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
