"""Context features for the line classifier's second stage: what the first stage thinks of the
lines around a line.

The first stage scores every line from its shape and its neighbours' shapes. Whether a line
belongs to the article, though, depends a lot on whether the lines around it do: a headline
among a run of low-scoring headlines is a teaser list, the same headline between two paragraphs
is a sub-heading. The second stage sees that: ``context_features`` turns the first stage's
probabilities over the page's candidate lines (in page order) into the columns named in
``CONTEXT_FEATURE_NAMES``:

* the line's own score and its two neighbours' on each side;
* word-weighted mean scores over windows of 5, 11 and 25 lines, and over everything before and
  after the line; the best score before and after it;
* the share of the page's kept words (score >= 0.5) before and after it;
* its block's mean and best score (a block is a run of candidates on consecutive lines);
* where it lies relative to the page's main run (maximum-sum run of words × (score - 0.5));
* how many lines earlier steps removed just before and after it;
* the page's mean score and kept share; how far the nearest line scoring >= 0.8 is, before and
  after.

Missing neighbours and empty sides are -1; distances to a strong line that does not exist are
999. Pure numpy over one page: no state, no language knowledge.
"""

from __future__ import annotations

import numpy as np

from cleaners.line_features import densest_region

CONTEXT_FEATURES_VERSION = "line_context_v1"
CONTEXT_FEATURE_NAMES = [
    "p", "p_prev1", "p_prev2", "p_next1", "p_next2",
    "p_win5", "p_win11", "p_win25", "p_before", "p_after", "p_max_before", "p_max_after",
    "kept_share_before", "kept_share_after", "block_p_mean", "block_p_max",
    "in_main_run", "lines_to_main_run", "lines_after_main_run",
    "removed_before", "removed_after", "page_p_mean", "page_kept_share",
    "lines_since_strong", "lines_to_strong",
]
_KEEP = 0.5  # a "kept" line for the share and main-run columns
_STRONG = 0.8  # a "strong" line for the distance columns
_NONE = -1.0  # a neighbour or side that does not exist
_FAR = 999.0  # no strong line on that side


def context_features(lines: np.ndarray, words: np.ndarray, proba: np.ndarray) -> np.ndarray:
    """A float32 matrix, one row per candidate: ``lines`` are their line numbers (increasing),
    ``words`` their word counts and ``proba`` the first stage's content probabilities."""
    n = len(proba)
    if n == 0:
        return np.zeros((0, len(CONTEXT_FEATURE_NAMES)), dtype=np.float32)
    lines = np.asarray(lines, dtype=np.int64)
    p = np.asarray(proba, dtype=np.float64)
    weight = np.maximum(np.asarray(words, dtype=np.float64), 1.0)
    columns = [p, _shifted(p, 1), _shifted(p, 2), _shifted(p, -1), _shifted(p, -2)]
    columns += _window_means(p, weight, (2, 5, 12))
    columns += _sides(p, weight)
    columns += _block_scores(lines, p, weight)
    columns += _main_run(p, weight)
    gaps = lines[1:] - lines[:-1]
    columns += [np.concatenate([[0], gaps]), np.concatenate([gaps, [0]])]
    kept = (p >= _KEEP) * weight
    columns += [np.full(n, (p * weight).sum() / weight.sum()), np.full(n, kept.sum() / weight.sum())]
    columns += _strong_distances(p)
    return np.stack(columns, axis=1).astype(np.float32)


def _shifted(p: np.ndarray, k: int) -> np.ndarray:
    """The score ``k`` lines before (``k`` > 0) or after (``k`` < 0) each line."""
    n, pad = len(p), np.full(min(abs(k), len(p)), _NONE)
    if k > 0:
        return np.concatenate([pad, p[: n - k]]) if n > k else pad
    return np.concatenate([p[-k:], pad]) if n > -k else pad


def _window_means(p: np.ndarray, weight: np.ndarray, radii: tuple[int, ...]) -> list[np.ndarray]:
    """Word-weighted mean score of the lines within each of ``radii`` of each line (itself included)."""
    n = len(p)
    total = np.concatenate([[0.0], np.cumsum(p * weight)])
    mass = np.concatenate([[0.0], np.cumsum(weight)])
    index = np.arange(n)
    means = []
    for radius in radii:
        lo, hi = np.clip(index - radius, 0, n), np.clip(index + radius + 1, 0, n)
        means.append((total[hi] - total[lo]) / (mass[hi] - mass[lo]))
    return means


def _sides(p: np.ndarray, weight: np.ndarray) -> list[np.ndarray]:
    """Mean and best score before and after each line, and the share of kept words on each side."""
    total, mass = np.cumsum(p * weight), np.cumsum(weight)
    before = np.concatenate([[_NONE], (total / mass)[:-1]])
    after_mass = mass[-1] - mass
    after = np.where(after_mass > 0, (total[-1] - total) / np.where(after_mass > 0, after_mass, 1.0), _NONE)
    best_before = np.concatenate([[_NONE], np.maximum.accumulate(p)[:-1]])
    best_after = np.concatenate([np.maximum.accumulate(p[::-1])[::-1][1:], [_NONE]])
    kept = (p >= _KEEP) * weight
    running = np.cumsum(kept)
    all_kept = max(running[-1], 1e-9)
    return [before, after, best_before, best_after, (running - kept) / all_kept, (running[-1] - running) / all_kept]


def _block_scores(lines: np.ndarray, p: np.ndarray, weight: np.ndarray) -> list[np.ndarray]:
    """Word-weighted mean and best score of each line's block (candidates on consecutive lines)."""
    starts = np.ones(len(p), dtype=bool)
    starts[1:] = (lines[1:] - lines[:-1]) > 1
    block = np.cumsum(starts) - 1
    mean = np.bincount(block, p * weight) / np.bincount(block, weight)
    best = np.full(block[-1] + 1, _NONE)
    np.maximum.at(best, block, p)
    return [mean[block], best[block]]


def _main_run(p: np.ndarray, weight: np.ndarray) -> list[np.ndarray]:
    """Inside the page's main run, and how many lines before its start or after its end."""
    lo, hi = densest_region(weight * (p - _KEEP))
    index = np.arange(len(p))
    inside = ((index >= lo) & (index <= hi)).astype(np.float64)
    return [inside, np.maximum(lo - index, 0).astype(np.float64), np.maximum(index - hi, 0).astype(np.float64)]


def _strong_distances(p: np.ndarray) -> list[np.ndarray]:
    """Lines since the last strong line before each line, and to the next strong line after it."""
    n = len(p)
    index = np.arange(n)
    strong = p >= _STRONG
    last = np.maximum.accumulate(np.where(strong, index, -1))
    last_before = np.concatenate([[-1], last[:-1]])
    since = np.where(last_before >= 0, index - last_before, _FAR)
    following = np.minimum.accumulate(np.where(strong, index, n)[::-1])[::-1]
    next_after = np.concatenate([following[1:], [n]])
    to = np.where(next_after < n, next_after - index, _FAR)
    return [since.astype(np.float64), to.astype(np.float64)]
