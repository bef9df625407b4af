"""Milliseconds per dump for decoding and for each text step, over the aeb-dev w3m dumps.

    .venv/bin/python bench/steps_speed.py [--dir DIR] [--repeat N] [--no-classifier]

Runs in-process on one core (pinned where the OS allows), after one warm-up pass. Each step is
timed on the document as the steps before it left it, exactly as ``run_steps`` runs them; the
figure for a step is the best of ``--repeat`` passes (least disturbed by other load). The rule
helpers' memo caches (``cleaners.patterns.clear_caches``) are emptied before every page, so a
page is timed from cold: a real corpus, where sites repeat their menus, runs a little faster.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaners.config import PipelineConfig, config_from_dict  # noqa: E402
from cleaners.document import apply_verdict  # noqa: E402
from cleaners.pipeline import TEXT_STEPS, prepare_document  # noqa: E402

try:
    from cleaners.patterns import clear_caches  # noqa: E402
except ImportError:  # before the rule helpers were memoised
    def clear_caches() -> None:
        pass

DEFAULT_DIR = "/work/shared/bench/aeb-dev/dumps/w3m"
TARGET_KB = 13  # the size of the "average dump" the speed target names
RULE_STEPS = ("spam_block", "page_header", "captions", "boilerplate")  # the hand-written line rules


def one_pass(raws: list[tuple[str, bytes]], config: PipelineConfig) -> dict[str, float]:
    """Seconds spent in decode and in each step over all inputs."""
    totals = {"decode": 0.0, **{name: 0.0 for name, _ in TEXT_STEPS}}
    clock = time.process_time  # CPU time of this process: other load on the machine does not count
    for name, raw in raws:
        clear_caches()  # no line of a page is known from an earlier page (or pass)
        start = clock()
        doc, _ = prepare_document(raw, name, "bench", "text", config)
        totals["decode"] += clock() - start
        for step_name, step in TEXT_STEPS:
            start = clock()
            verdict = step(doc, config)
            apply_verdict(doc, step_name, verdict)
            totals[step_name] += clock() - start
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=DEFAULT_DIR, help="directory of .txt dumps")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (best one reported)")
    parser.add_argument("--no-classifier", action="store_true", help="[classifier] enabled=false")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    config = config_from_dict({"classifier": {"enabled": False}}) if args.no_classifier else PipelineConfig()
    paths = sorted(glob.glob(os.path.join(args.dir, "*.txt")))
    if not paths:
        sys.exit(f"no .txt dumps in {args.dir}")
    raws = [(p, Path(p).read_bytes()) for p in paths]

    one_pass(raws, config)  # warm-up: imports, model loading, regex compilation, caches
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, seconds in one_pass(raws, config).items():
            best[name] = min(best.get(name, seconds), seconds)

    n = len(raws)
    size = sum(len(r) for _, r in raws) / n
    print(f"{n} dumps, {size / 1024:.1f} KB each on average; best of {args.repeat} passes, one core")
    print(f"{'step':<18}{'ms/dump':>10}")
    for name, seconds in best.items():
        print(f"{name:<18}{seconds / n * 1000:>10.3f}")
    steps = sum(v for k, v in best.items() if k != "decode")
    rule = sum(v for k, v in best.items() if k in RULE_STEPS)
    total = steps + best["decode"]
    print(f"{'rule steps (4)':<18}{rule / n * 1000:>10.3f}")
    print(f"{'all text steps':<18}{steps / n * 1000:>10.3f}")
    print(f"{'total (+decode)':<18}{total / n * 1000:>10.3f}   {n / total:.0f} docs/s")
    # The target is set for an average dump of about 13 KB; these dumps may be smaller or
    # larger, and the time grows with the size, so the figure is also given per KB and at 13 KB.
    per_kb = steps * 1000 / (size * n / 1024)
    print(f"{'all text steps':<18}{per_kb:>10.3f} ms per KB, {per_kb * TARGET_KB:.2f} ms at {TARGET_KB} KB")


if __name__ == "__main__":
    main()
