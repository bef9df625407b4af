"""A keep threshold chosen per page from the line scores themselves (expected-F1 plug-in rule).

The benchmark's metric averages each page's precision and recall, so the best cut differs
from page to page. If a line's score is the probability that it is content, then taking lines
best first, the expected overlap with the gold after the k-th line is the sum of the kept
lines' words times their scores, and the gold's expected size is that sum over all lines; the
page's expected F1 is twice the overlap over the kept words plus the gold's. The k that
maximises it cuts where a line's score falls to about half the F1 the page can reach (Jansche
2007; Nan Ye et al. 2012, "Optimizing F-measures: a tale of two approaches"): near 0.5 on a
page whose lines the model is sure of, lower on a page it is unsure of, where a line more of
recall is worth the precision it costs. Pure numpy over one page's scores.
"""

from __future__ import annotations

import numpy as np


def expected_f1_threshold(proba: np.ndarray, words: np.ndarray) -> float:
    """The score of the last line kept by the cut that maximises the page's expected F1.

    ``words`` weighs each line (the scorer counts 4-word shingles: about one a word); a line
    counts at least one. ``proba`` must not be empty.
    """
    weight = np.maximum(words, 1.0)
    order = np.argsort(-proba, kind="stable")
    scores = proba[order]
    overlap = np.cumsum(scores * weight[order])
    kept = np.cumsum(weight[order])
    expected_f1 = 2 * overlap / (kept + overlap[-1])
    return float(scores[int(np.argmax(expected_f1))])


def page_threshold(proba: np.ndarray, words: np.ndarray, keep_threshold: float, floor: float | None) -> float:
    """``keep_threshold``, lowered to the page's expected-F1 cut but not below ``floor``.

    Never raised: with calibrated scores the best cut is at most 0.5, and where the scores are
    not calibrated the fixed threshold, tuned by validation, is the safer bound. ``floor`` None
    turns the rule off (the fixed threshold on every page).
    """
    if floor is None or len(proba) == 0:
        return keep_threshold
    return min(keep_threshold, max(floor, expected_f1_threshold(proba, words)))
