"""The learned line classifier: decides the lines of a text dump that no rule was sure about.

A small gradient-boosted tree ensemble (trained by ``bench/train_line_model.py``, shipped as
JSON in ``cleaners/models/``, evaluated here with numpy) scores every non-blank line of the page
from the features of ``cleaners.line_features``: the line's own shape, its block, its neighbours
and its place relative to the page's densest run of text. Still-kept lines whose content
probability is below ``keep_threshold`` are removed.

The model decides *whether* a line goes; the reason code says *what it looks like*, from the
same features, so a person reading the removal log can check it:

* ``link_list``: a short line among short lines, or a bulleted/separated entry (menus, tag
  and related-link lists, share bars);
* ``comment_section``: text after the main text among lines holding dates or times (comments
  with their user names and dates);
* ``text_outside_main``: sentences outside the page's densest run of text (teasers, other
  posts, appeals, footers);
* ``date_line``: a short line holding a date or a time (bylines, timestamps);
* ``short_fragment``: any other line of at most ``max_words_per_fragment`` words;
* ``low_content_score``: anything else the model scores low.

Only ``doc.kind == "text"`` pages are judged unless ``apply_to_html`` is set: extracted HTML
is already article text, and the model was trained and measured on dumps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from cleaners.config import ClassifierConfig, PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.line_features import FEATURE_NAMES, FEATURES_VERSION, page_features

MODEL_FORMAT = "gbdt_json_v1"
_COL = {name: i for i, name in enumerate(FEATURE_NAMES)}


@dataclass(frozen=True)
class TreeEnsemble:
    """A binary gradient-boosted tree ensemble, all trees packed into flat node arrays.

    Node ``k`` tests ``x[feature[k]] <= threshold[k]`` and goes to ``left[k]`` or ``right[k]``;
    a leaf points to itself (threshold +inf), so every tree is walked ``depth`` steps at once.
    """

    baseline: float
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int

    @classmethod
    def from_dict(cls, data: dict) -> "TreeEnsemble":
        feature, threshold, left, right, value, roots = [], [], [], [], [], []
        depth = 0
        for tree in data["trees"]:
            offset = len(feature)
            roots.append(offset)
            depth = max(depth, int(tree["depth"]))
            for f, t, lo, hi, v in zip(tree["feature"], tree["threshold"], tree["left"], tree["right"], tree["value"]):
                leaf = f < 0
                feature.append(0 if leaf else f)
                threshold.append(np.inf if leaf else t)
                left.append(len(left) if leaf else lo + offset)
                right.append(len(right) if leaf else hi + offset)
                value.append(v)
        return cls(
            baseline=float(data["baseline"]),
            roots=np.asarray(roots, dtype=np.intp),
            feature=np.asarray(feature, dtype=np.intp),
            threshold=np.asarray(threshold, dtype=np.float64),
            left=np.asarray(left, dtype=np.intp),
            right=np.asarray(right, dtype=np.intp),
            value=np.asarray(value, dtype=np.float64),
            depth=depth,
        )

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Content probability per row of ``features`` (rows x len(FEATURE_NAMES))."""
        n_rows = features.shape[0]
        if n_rows == 0:
            return np.zeros(0)
        flat = np.ascontiguousarray(features, dtype=np.float64).ravel()
        row_offset = (np.arange(n_rows, dtype=np.intp) * features.shape[1])[:, None]
        node = np.broadcast_to(self.roots, (n_rows, len(self.roots))).copy()
        for _ in range(self.depth):
            go_left = flat[row_offset + self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        raw = self.baseline + self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


@dataclass(frozen=True)
class LineModel:
    """The shipped classifier: its feature set, checked against the code's, and its trees."""

    trees: TreeEnsemble

    @classmethod
    def from_dict(cls, data: dict) -> "LineModel":
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"line model: expected format {MODEL_FORMAT}, got {data.get('format')!r}")
        if data.get("features_version") != FEATURES_VERSION or list(data.get("features", [])) != FEATURE_NAMES:
            raise ValueError(
                f"line model was trained on {data.get('features_version')!r} features, "
                f"the code computes {FEATURES_VERSION!r}: retrain with bench/train_line_model.py"
            )
        return cls(TreeEnsemble.from_dict(data["trees"]))

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Content probability per row of ``features`` (rows x len(FEATURE_NAMES))."""
        return self.trees.predict_proba(features)


@lru_cache(maxsize=4)
def load_model(file_name: str) -> LineModel:
    """The shipped model ``cleaners/models/<file_name>``, parsed once per process."""
    text = resources.files("cleaners").joinpath("models", file_name).read_text(encoding="utf-8")
    return LineModel.from_dict(json.loads(text))


def reason_for(row: np.ndarray, config: ClassifierConfig) -> str:
    """A reason code describing the shape of a removed line (from its feature row)."""
    words = row[_COL["words"]]
    sentence_like = words >= 8 and row[_COL["stop_share"]] >= 0.15 and row[_COL["ends_sentence"]] > 0
    listy = row[_COL["starts_bullet"]] > 0 or row[_COL["separators"]] >= 2
    if not sentence_like and (listy or (words <= 6 and row[_COL["short_win5"]] >= 0.6)):
        return "link_list"
    after_main = row[_COL["dense_distance"]] > 0
    if after_main and row[_COL["date_time_win11"]] >= 0.15:
        return "comment_section"
    if sentence_like and row[_COL["in_dense_region"]] == 0:
        return "text_outside_main"
    if row[_COL["date_time"]] > 0:
        return "date_line"
    if words <= config.max_words_per_fragment:
        return "short_fragment"
    return "low_content_score"


def classify_with_model(doc: Document, config: PipelineConfig, model: LineModel) -> Verdict:
    """Remove still-kept non-blank lines that ``model`` scores as boilerplate."""
    verdict = Verdict()
    settings = config.classifier
    if not settings.enabled or (doc.kind != "text" and not settings.apply_to_html):
        return verdict
    candidates = doc.kept_content_indices()
    if not candidates:
        return verdict
    # the whole page is scored (its layout is context), only still-kept lines are judged
    content = [i for i, line in enumerate(doc.lines) if line.strip()]
    features = page_features(doc.lines)[content]
    proba = model.predict_proba(features)
    row_of = {line: k for k, line in enumerate(content)}
    rows = np.asarray([row_of[index] for index in candidates], dtype=np.intp)
    threshold = _page_threshold(proba[rows], features[rows, _COL["words"]], settings)
    for index, k in zip(candidates, rows.tolist()):
        if proba[k] < threshold:
            verdict.remove(index, reason_for(features[k], settings))
    return verdict


def _page_threshold(proba: np.ndarray, words: np.ndarray, settings: ClassifierConfig) -> float:
    """``keep_threshold``, lowered for a page where it would leave almost nothing.

    A page whose lines all score low (a short article among much boilerplate) keeps the lines
    scoring within ``rescue_margin`` of its best line, rather than coming out empty.
    """
    threshold = settings.keep_threshold
    if settings.min_kept_words is None or len(proba) == 0:
        return threshold
    if words[proba >= threshold].sum() >= settings.min_kept_words:
        return threshold
    return min(threshold, float(proba.max()) - settings.rescue_margin)


def classify_lines(doc: Document, config: PipelineConfig) -> Verdict:
    """The pipeline step: the shipped model over a text dump's still-kept lines."""
    if not config.classifier.enabled or (doc.kind != "text" and not config.classifier.apply_to_html):
        return Verdict()  # before loading the model: HTML pages never need it by default
    return classify_with_model(doc, config, load_model(config.classifier.model_file))
