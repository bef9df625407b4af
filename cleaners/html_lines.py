"""The HTML line model: which lines of a rendered HTML page are its main text.

trafilatura and resiliparse each decide a page's main text by rules of their own; on pages that
are no news article (forums, product pages, listings, documentation) both miss much of what a
person would keep, and both keep teasers and appeals on news pages. This model decides per line
of the page as ``cleaners.html_render`` lays it out, from three kinds of evidence:

* the line's text, with the features the text-dump classifier uses (``cleaners.line_features``:
  length, stop words, punctuation, neighbours, the page's densest run);
* its markup (``cleaners.html_render.markup_features``: ancestor tags and class keywords, link
  share, its container's share of the page);
* how much of it each extractor kept (shingle cover of trafilatura's, resiliparse's and the
  chosen text).

A gradient-boosted tree ensemble scores each line (first stage); a second, smaller one rescores
every line from the first stage's scores around it (``cleaners.line_context``) plus a few of its
own features. Lines scoring at least ``html.keep_threshold`` are the page's text. Trained by
``bench/train_html_model.py`` on the development pages (cross-validated by site; the script
prints the figures and reproduces the shipped file), evaluated here with numpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from cleaners.html_render import MARKUP_FEATURE_NAMES, MARKUP_FEATURES_VERSION, markup_features, render_lines
from cleaners.line_classifier import TreeEnsemble, forum_replies, introduced_lists
from cleaners.line_context import CONTEXT_FEATURE_NAMES, CONTEXT_FEATURES_VERSION, context_features
from cleaners.line_features import FEATURE_NAMES, FEATURES_VERSION, page_features
from cleaners.page_threshold import page_threshold

MODEL_FILE = "html_line_model_v1.json"
MODEL_FORMAT = "html_lines_gbdt_v1"
#: The first stage's columns: the text features, then the markup features.
FIRST_STAGE_FEATURES = list(FEATURE_NAMES) + list(MARKUP_FEATURE_NAMES)
_WORDS = FEATURE_NAMES.index("words")
_LIST_ITEM = FIRST_STAGE_FEATURES.index("tag_li")
#: Share of resiliparse's main-text characters lxml's rendering must hold (see ``page_rows``).
LXML_MIN_SHARE = 0.8


@dataclass(frozen=True)
class HtmlLineModel:
    """Both stages and the first-stage columns the second one reads next to the context ones."""

    first: TreeEnsemble
    second: TreeEnsemble
    second_columns: tuple[int, ...]  # indices into FIRST_STAGE_FEATURES

    @classmethod
    def from_dict(cls, data: dict) -> "HtmlLineModel":
        versions = {"text": FEATURES_VERSION, "markup": MARKUP_FEATURES_VERSION, "context": CONTEXT_FEATURES_VERSION}
        if data.get("format") != MODEL_FORMAT or data.get("features_versions") != versions \
                or list(data.get("features", [])) != FIRST_STAGE_FEATURES:
            raise ValueError(f"{MODEL_FILE} was trained on other features than the code computes "
                             f"({data.get('features_versions')} vs {versions}): retrain with bench/train_html_model.py")
        names = list(data["second_stage"]["features"])
        if names[: len(CONTEXT_FEATURE_NAMES)] != CONTEXT_FEATURE_NAMES:
            raise ValueError(f"{MODEL_FILE}: the second stage's columns do not start with the context features")
        own = names[len(CONTEXT_FEATURE_NAMES):]
        return cls(TreeEnsemble.from_dict(data["first_stage"]["trees"]),
                   TreeEnsemble.from_dict(data["second_stage"]["trees"]),
                   tuple(FIRST_STAGE_FEATURES.index(name) for name in own))

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Content probability of each line (rows: all the page's lines, in order)."""
        first = self.first.predict_proba(features)
        if not len(first):
            return first
        context = context_features(np.arange(len(first)), features[:, _WORDS], first)
        return self.second.predict_proba(np.hstack([context, features[:, self.second_columns]]))


@lru_cache(maxsize=1)
def load_model() -> HtmlLineModel:
    """The shipped model, parsed once per process."""
    text = resources.files("cleaners").joinpath("models", MODEL_FILE).read_text(encoding="utf-8")
    return HtmlLineModel.from_dict(json.loads(text))


def page_rows(html: str, references: dict[str, str],
              collapsed_panels: bool = True) -> tuple[list[str], np.ndarray]:
    """The page's rendered lines and their first-stage feature rows (``collapsed_panels``: see
    ``html_render.render_lines``)."""
    # a page's visible text holds its main text: lxml lines short of resiliparse's main text
    # mean lxml lost part of the page (render_lines then parses it as a browser does)
    min_chars = int(LXML_MIN_SHARE * len(references.get("resiliparse") or ""))
    rendered, containers = render_lines(html, min_chars, collapsed_panels)
    lines = [line.text for line in rendered]
    if not lines:
        return [], np.zeros((0, len(FIRST_STAGE_FEATURES)), dtype=np.float32)
    return lines, np.hstack([page_features(lines), markup_features(rendered, containers, references)])


def select_text(html: str, references: dict[str, str], keep_threshold: float,
                model: HtmlLineModel | None = None, threshold_floor: float | None = None,
                thread_replies: bool = True, list_items: bool = True, collapsed_panels: bool = True) -> str:
    """The lines the model keeps, one per line ("" when it keeps none or the page has no text).

    ``threshold_floor`` (``html.page_threshold_floor``): the page's own cut between it and
    ``keep_threshold``, the one that maximises its expected F1 (``cleaners.page_threshold``).
    ``thread_replies`` (``html.forum_replies``) and ``list_items`` (``html.introduced_lists``): see
    ``kept_lines``. ``collapsed_panels`` (``html.collapsed_panels``): see ``page_rows``.
    """
    lines, rows = page_rows(html, references, collapsed_panels)
    if not lines:
        return ""
    proba = (model or load_model()).predict_proba(rows)
    return "\n".join(kept_lines(lines, rows, proba, keep_threshold, threshold_floor, thread_replies, list_items))


def kept_lines(lines: list[str], rows: np.ndarray, proba: np.ndarray, keep_threshold: float,
               threshold_floor: float | None, thread_replies: bool = True, list_items: bool = True) -> list[str]:
    """The lines scoring at least the page's cut, and (``thread_replies``) a forum thread's or a
    Q&A page's reply sentences scoring under it when its opening post or one answer is kept
    (``line_classifier.forum_replies``, the text classifier's rule: the markup tells a post's
    header from its body no better than the text does when a reply is one short sentence), and
    (``list_items``) the ``<li>`` items of a list right under a kept line ending in a colon
    (``line_classifier.introduced_lists``)."""
    threshold = page_threshold(proba, rows[:, _WORDS], keep_threshold, threshold_floor)
    below = {index: "" for index, score in enumerate(proba.tolist()) if score < threshold}
    if thread_replies and below:
        for index in forum_replies(lines, list(range(len(lines))), rows[:, : len(FEATURE_NAMES)], below):
            del below[index]
    if list_items and below:
        for index in introduced_lists(lines, list(range(len(lines))), rows[:, : len(FEATURE_NAMES)], below,
                                      rows[:, _LIST_ITEM] > 0):
            del below[index]
    return [line for index, line in enumerate(lines) if index not in below]
