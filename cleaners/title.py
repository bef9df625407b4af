"""The page's title chosen among the lines above its article, once the classifier has found it.

``page_header`` runs before the classifier and looks for the headline among a dump's first
lines: on a dump of a whole page those are menus, banners and bylines, and on the development
pages it named the title right on 12 % of wcxb-dev's w3m dumps and wrong on 16 % ("Secure .gov
websites use HTTPS", "How to install the app on iOS", an author's name above the date). After
the classifier the article's first paragraph is known, and the headline is one of the lines
just above it. This step scores each of them with a small model (gradient-boosted trees, evaluated as the line model's are)
(``cleaners/models/title_model_v1.json``, trained by ``bench/train_title_model.py`` on the
development pages' titles, cross-validated by site) over what tells a headline from the lines
around it: how far above the first paragraph it is, its length and capitals, whether it ends
like a sentence, whether its words come back in the article, whether the page prints it twice
(a breadcrumb, a share text), whether it reads as a person's name, a date, a control or a
menu. The best line becomes ``title`` when the model gives it at least
``header.title_min_probability``; when none does, a title ``page_header`` had chosen is
dropped too (a wrong title is worse than none). A kept title line is removed (``title``).

Text dumps only: an HTML page's title comes from its head, a dump header's from its fields.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from cleaners.config import PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.line_classifier import TreeEnsemble
from cleaners.metadata import _NAME, _UI_TEXT, _is_title_like, parse_date
from cleaners.patterns import LOGIN_WORDS, NAV_WORDS, SOCIAL_WORDS, is_prose, key, norm

MODEL_FILE = Path(__file__).parent / "models" / "title_model_v1.json"
MODEL_FORMAT = "title-trees-1"
#: How many non-blank lines above the article's first paragraph may hold its title.
WINDOW = 40
#: The article's words its title's words are looked for in.
BODY_WORDS = 400

FEATURE_NAMES = [
    "header_pick", "distance", "rank", "kept", "removed_by_rule", "first_kept", "log_words", "few_words",
    "many_words", "title_like", "ends_punct", "cap_share", "lower_share", "repeats", "inside_other",
    "body_overlap", "name_like", "ui_text", "menu_word", "date", "digit_start", "glued", "blank_around",
    "prose", "header_other", "relative_position", "next_dated", "next_prose", "log_chars",
]

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_GLUED = re.compile(r"[a-z][A-Z][a-z]")
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
#: Steps whose removals say a line is no headline (furniture found by a rule, not by the model).
_RULE_STEPS = frozenset({"spam_block", "captions", "boilerplate", "appeals", "ui_controls", "table_of_contents",
                         "agency_captions", "teaser_lists", "related_blocks", "dump_header"})


def first_paragraph(doc: Document) -> int | None:
    """The first line of the first kept block (kept lines with no blank between them) that reads
    as running prose when joined, a dump's wrapped paragraph included; else the first kept line."""
    kept = doc.kept_content_indices()
    if not kept:
        return None
    lines = doc.lines
    start = previous = kept[0]
    block = [lines[start]]
    for i in kept[1:] + [-1]:
        if i == previous + 1:
            block.append(lines[i])
        else:
            if is_prose(" ".join(part.strip() for part in block)):
                return start
            start, block = i, [lines[i]]
        previous = i
    return kept[0]


def candidate_lines(doc: Document) -> list[int]:
    """The non-blank lines among the ``WINDOW`` above the article's first paragraph."""
    start = first_paragraph(doc)
    if start is None:
        return []
    content = doc.content_indices()
    above = [i for i in content if i < start]
    return above[-WINDOW:]


def _body_words(doc: Document, start: int) -> set[str]:
    found: set[str] = set()
    count = 0
    for i in doc.kept_content_indices():
        if i < start:
            continue
        tokens = _CONTENT_WORD.findall(doc.lines[i].lower())
        found.update(tokens)
        count += len(tokens)
        if count >= BODY_WORDS:
            break
    return found


def candidate_features(doc: Document, candidates: list[int]) -> list[list[float]]:
    """One row of ``FEATURE_NAMES`` per candidate line (pure: the document is only read)."""
    if not candidates:
        return []
    start = first_paragraph(doc)
    texts = doc.texts()
    steps = {r.line_no - 1: (r.step, r.reason) for r in doc.removals}
    kept_content = doc.kept_content_indices()
    first_kept = kept_content[0] if kept_content else -1
    normed = [texts[i].lower() for i in doc.content_indices()]
    counts: dict[str, int] = {}
    for text in normed:
        counts[text] = counts.get(text, 0) + 1
    body = _body_words(doc, start)
    title_like = [_is_title_like(texts[i]) for i in candidates]
    content = doc.content_indices()
    next_content = {i: j for i, j in zip(content, content[1:])}
    rows = []
    for position, i in enumerate(candidates):
        text = texts[i]
        tokens = _WORD.findall(text)
        n = max(len(text.split()), 1)
        low = text.lower()
        step, reason = steps.get(i, (None, None))
        content_words = set(_CONTENT_WORD.findall(low))
        inside = len(low) >= 10 and any(low in other and other != low for other in normed)
        blank_before = i == 0 or not doc.lines[i - 1].strip()
        blank_after = i + 1 >= len(doc.lines) or not doc.lines[i + 1].strip()
        following = next_content.get(i)
        next_text = texts[following] if following is not None else ""
        rows.append([
            float(step == "page_header" and reason == "title"),
            math.log1p(len(candidates) - position),
            math.log1p(sum(title_like[position + 1:])),
            float(doc.kept[i]),
            float(step in _RULE_STEPS),
            float(i == first_kept),
            math.log1p(n),
            float(n < 3),
            float(n > 20),
            float(title_like[position]),
            float(text.rstrip().endswith((".", "!", "?", ":", ";", ","))),
            sum(t[0].isupper() for t in tokens) / len(tokens) if tokens else 0.0,
            sum(t[0].islower() for t in tokens) / len(tokens) if tokens else 0.0,
            math.log1p(counts.get(low, 1) - 1),
            float(inside),
            len(content_words & body) / len(content_words) if content_words else 0.0,
            float(n <= 4 and bool(_NAME.match(text)) and not any(c.isdigit() for c in text)),
            float(bool(_UI_TEXT.search(text))),
            float(key(text) in NAV_WORDS or key(text) in SOCIAL_WORDS or key(text) in LOGIN_WORDS),
            float(parse_date(text) is not None),
            float(text[:1].isdigit()),
            float(bool(_GLUED.search(text))),
            float(blank_before and blank_after),
            float(is_prose(text)),
            float(step == "page_header" and reason != "title"),
            i / max(len(doc.lines), 1),
            float(bool(next_text) and (parse_date(next_text) is not None
                                       or steps.get(following, ("", ""))[0] == "page_header")),
            float(bool(next_text) and is_prose(next_text)),
            math.log1p(len(text)),
        ])
    return rows


@lru_cache(maxsize=1)
def load_model() -> TreeEnsemble:
    """The shipped trees, parsed once per process; refused if trained on other features."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if data.get("format") != MODEL_FORMAT or data.get("features") != FEATURE_NAMES:
        raise RuntimeError(f"{MODEL_FILE.name} was trained on other features: retrain with bench/train_title_model.py")
    return TreeEnsemble.from_dict(data["trees"])


def probabilities(rows: list[list[float]], model: TreeEnsemble | None = None) -> list[float]:
    """The title probability of each candidate's row."""
    if not rows:
        return []
    return (model or load_model()).predict_proba(np.asarray(rows, dtype=np.float64)).tolist()


def _has_own_title(doc: Document) -> bool:
    """A title that did not come from ``page_header``'s guess: an HTML page's or a dump header's."""
    return doc.kind == "html" or (any(r.step == "dump_header" for r in doc.removals) and bool(doc.metadata.get("title")))


def find_title(doc: Document, config: PipelineConfig,
               model: TreeEnsemble | None = None) -> Verdict:
    verdict = Verdict()
    threshold = config.header.title_min_probability
    if threshold is None or _has_own_title(doc):
        return verdict
    candidates = candidate_lines(doc)
    scores = probabilities(candidate_features(doc, candidates), model)
    best = max(range(len(candidates)), key=lambda k: (scores[k], candidates[k]), default=None)
    if best is None or scores[best] < threshold:
        if doc.metadata.get("title"):
            verdict.metadata["title"] = ""  # page_header's guess, which the model does not back
        return verdict
    index = candidates[best]
    verdict.metadata["title"] = norm(doc.lines[index]).strip()
    if doc.kept[index]:
        verdict.remove(index, "title")
    return verdict
