"""Quality gate: the development splits, cleaned by the pipeline and scored, stay above pinned floors.

trafilatura versions its evaluation with its code and fails CI when F1 drops under a floor; this
is the same idea. Each variant of ``bench/quality.py`` (the aeb-dev dumps as w3m, lynx and
BeautifulSoup render them, the corrupted dumps, the HTML pages; wcxb-dev's w3m dumps) goes through
``flows.clean.run_pipeline`` (the code path of ``python -m flows.clean``) and the benchmark's own
scorer (``../shared/bench/score.py``).

The learned models were trained on these pages, so these are in-sample figures: a floor here
catches a regression (a rule that starts eating article text, a decoding fault that leaves
mojibake, a model file that no longer loads its trees), not the quality on unseen pages. The
honest figures are the trainers' cross-validated ones (README, "The line classifier"). Floors sit
about 0.01 under the figures of the code that pinned them; move one only on purpose, with the
reason in the commit.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from flows.clean import run_pipeline

REPO = Path(__file__).resolve().parents[1]

#: variant -> (least F1, least precision, least recall); in-sample figures when pinned:
#: w3m 0.959, lynx 0.957, bs4 0.961, corrupted 0.959, html 0.982 (P 0.979), wcxb-w3m 0.838;
#: markdown (aeb-dev's HTML saved as Markdown by ``bench/renderings.py``) 0.943 (P 0.919, R 0.968);
#: w3m-80 and lynx-80 (those dumps wrapped again at 80 columns, ``narrow_dump``) 0.954 (P 0.945, R 0.964)
#: and 0.953 (P 0.943, R 0.962).
FLOORS = {
    "w3m": (0.95, 0.93, 0.93),
    "lynx": (0.95, 0.93, 0.93),
    "bs4": (0.95, 0.93, 0.93),
    "corrupted": (0.95, 0.93, 0.93),
    "html": (0.975, 0.97, 0.97),
    "wcxb-w3m": (0.83, 0.80, 0.80),
    "markdown": (0.93, 0.91, 0.95),
    "w3m-80": (0.945, 0.935, 0.95),
    "lynx-80": (0.945, 0.935, 0.95),
}
#: Faults the corrupted set's manifest lists that no output may keep.
FAULT_COUNTS = ("spam_left", "dupcap_left", "mojibake_left")
_FIGURE = re.compile(r"(\w+)=([0-9.]+)")


def _quality_module(bench: Path):
    """``bench/quality.py``, for its variant table and its scorer call (one source for both)."""
    spec = importlib.util.spec_from_file_location("bench_quality", REPO / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.BENCH.resolve() == bench.resolve()
    return module


def summary(line: str) -> dict[str, float]:
    """The scorer's summary line (``F1=… P=… R=… pages=… … mojibake_left=…``) as numbers."""
    figures = {name: float(value) for name, value in _FIGURE.findall(line)}
    assert {"F1", "P", "R", "pages", *FAULT_COUNTS} <= figures.keys(), line
    return figures


@pytest.fixture(scope="module")
def quality(bench_dir):
    return _quality_module(bench_dir)


@pytest.mark.parametrize("variant", sorted(FLOORS))
def test_development_split_stays_above_its_floor(quality, variant, tmp_path):
    inputs, gold, manifest = quality.variants(include_wcxb=True)[variant]
    if variant.endswith("markdown"):
        inputs = quality.saved_as_markdown(inputs, tmp_path / "saved-as-markdown")
    if variant.endswith("-80"):
        inputs = quality.wrapped_at_80(inputs, tmp_path / "wrapped-at-80")
    report = run_pipeline(str(inputs), str(tmp_path / variant), workers=2)
    figures = summary(quality.score(tmp_path / variant / "corpus.jsonl", gold, manifest))
    least_f1, least_p, least_r = FLOORS[variant]
    assert figures["pages"] == len(list(gold.glob("*.txt")))
    assert report["documents"] == figures["pages"] - figures["missing"]
    assert figures["F1"] >= least_f1, figures
    assert figures["P"] >= least_p and figures["R"] >= least_r, figures
    for fault in FAULT_COUNTS:
        assert figures[fault] == 0, (fault, figures)


def test_the_gate_fails_on_uncleaned_dumps(quality, bench_dir, tmp_path):
    # the same scorer call on the w3m dumps as they are (menus, footers, comments kept) must
    # fall under the floor, or the gate could never fail
    inputs, gold, manifest = quality.variants(include_wcxb=False)["w3m"]
    copies = tmp_path / "unchanged"
    shutil.copytree(inputs, copies)
    figures = summary(quality.score(copies, gold, manifest))
    assert figures["pages"] == 90 and figures["missing"] == 0
    assert figures["F1"] < FLOORS["w3m"][0] and figures["P"] < FLOORS["w3m"][1]


def test_the_gate_counts_faults_left_in_the_output(quality, bench_dir, tmp_path):
    # the corrupted dumps as they are keep their spam blocks, doubled captions and mojibake:
    # the scorer's counts the gate checks are not zero for them
    inputs, gold, manifest = quality.variants(include_wcxb=False)["corrupted"]
    copies = tmp_path / "unchanged"
    copies.mkdir()
    for path in inputs.glob("*.txt"):  # as UTF-8 text, mojibake and all, the way a careless tool saves it
        (copies / path.name).write_text(path.read_bytes().decode("utf-8", "replace"), encoding="utf-8")
    figures = summary(quality.score(copies, gold, manifest))
    assert all(figures[fault] > 0 for fault in FAULT_COUNTS), figures
