"""The page's title chosen among the lines above its article, once the classifier has found it.

``page_header`` runs before the classifier and looks for the headline among a dump's first lines: on
a dump of a whole page those are menus, banners and bylines, and on the development pages it named
the title right on 12 % of wcxb-dev's w3m dumps and wrong on 16 % ("Secure .gov websites use HTTPS",
"How to install the app on iOS", an author's name above the date). After the classifier the
article's first paragraph is known, and the headline is one of the lines just above it. This step
scores each of them with a small model, gradient-boosted trees evaluated as the line model's are
(``cleaners/models/title_model_v1.json``, trained by ``bench/train_title_model.py`` on the
development pages' titles, cross-validated by site), over what tells a headline from the lines
around it: how far above the first paragraph it is, its length and capitals, whether it ends like a
sentence, whether its words come back in the article, whether the page prints it twice (a
breadcrumb, a share text), whether it reads as a person's name, a date, a control or a menu. The
best line becomes ``title`` when the model gives it at least ``header.title_min_probability``, or
when it is its page's clear favourite (``pick``); else a line printing alone the headline that a
naive scrape's ``<title>`` line sets beside the site's name (``headline_of_title_line``); when none
is, a title ``page_header`` had chosen is dropped too (a wrong title is worse than none). A kept
title line is removed (``title``).

Text dumps only: an HTML page's title comes from its head, a dump header's from its fields.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

import numpy as np

from cleaners.config import HeaderConfig, PipelineConfig
from cleaners.document import Document, Verdict
from cleaners.line_classifier import TreeEnsemble
from cleaners.metadata import PERSON_NAME, is_title_like, is_ui_text, parse_date
from cleaners.patterns import LOGIN_WORDS, NAV_WORDS, SOCIAL_WORDS, is_prose, key, norm

MODEL_FILE = Path(__file__).parent / "models" / "title_model_v1.json"
MODEL_FORMAT = "title-trees-1"
#: How many non-blank lines above the article's first paragraph may hold its title.
WINDOW = 25
#: The article's words its title's words are looked for in.
BODY_WORDS = 400

#: The page's first non-blank lines, where a naive scrape prints its ``<title>``.
TITLE_LINES = 5
#: What separates the headline from a site's name or a kicker in a ``<title>``.
TITLE_SEPARATOR = re.compile(r"\s+(?:[|:·•»–—-]|::)\s+")
#: A ``<title>``'s part as short as a site's name is no headline.
MIN_HEADLINE_WORDS = 3

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


#: ``start`` of the helpers below when the caller has not found the article's first paragraph
#: (``None`` is found too: a page without one).
FIND_START = -1


def candidate_lines(doc: Document, start: int | None = FIND_START) -> list[int]:
    """The non-blank lines among the ``WINDOW`` above the article's first paragraph (``start``,
    when the caller has found it)."""
    return lines_near_start(doc, above=WINDOW, start=start)


def lines_near_start(doc: Document, above: int = 0, below: int = 0, start: int | None = FIND_START) -> list[int]:
    """The ``above`` non-blank lines above the article's first paragraph and the ``below`` from it
    (``start``: the first paragraph's line, ``None`` for none)."""
    if start == FIND_START:
        start = first_paragraph(doc)
    if start is None:
        return []
    content = doc.content_indices()
    at = bisect_left(content, start)
    return list(content[max(at - above, 0):at + below])


def _body_words(doc: Document, start: int) -> set[str]:
    """The words (four letters or more, lower-cased) of the article's first ``BODY_WORDS`` such
    words of kept text from ``start``: a headline's words come back there."""
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


def candidate_features(doc: Document, candidates: list[int], start: int | None = FIND_START) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` per candidate line (pure: the document is only read);
    ``start``: the article's first paragraph when the caller has found it.

    Built a column at a time: a page has up to ``WINDOW`` candidates and each column is one pass."""
    if not candidates:
        return np.zeros((0, len(FEATURE_NAMES)))
    texts, lines, kept = doc.texts(), doc.lines, doc.kept
    removed = {r.line_no - 1: (r.step, r.reason) for r in doc.removals}
    kept_content = doc.kept_content_indices()
    first_kept = kept_content[0] if kept_content else -1
    content = doc.content_indices()
    counts = Counter([texts[i] for i in content])
    # every line once, so a text found in it more often than it is a line is part of a longer line
    page = "\n".join([texts[i] for i in content])
    body = _body_words(doc, first_paragraph(doc) if start == FIND_START else start)
    text = [texts[i] for i in candidates]
    low = [t.lower() for t in text]
    step = [removed.get(i, ("", ""))[0] for i in candidates]
    reason = [removed.get(i, ("", ""))[1] for i in candidates]
    n = [t.count(" ") + 1 for t in text]
    tokens = [_WORD.findall(t) for t in text]
    upper = [sum(w[0].isupper() for w in found) / len(found) if found else 0.0 for found in tokens]
    cased = [1.0 - u if found else 0.0 for u, found in zip(upper, tokens)]
    words = [set(_CONTENT_WORD.findall(t)) for t in low]
    title_like = [is_title_like(t) for t in text]
    # title-like lines between it and the article
    below = list(accumulate(title_like[:0:-1], initial=0))[::-1]
    after = [bisect_right(content, i) for i in candidates]
    following = [content[k] if k < len(content) else -1 for k in after]
    dated = {i: parse_date(texts[i]) is not None for i in set(candidates) | set(following) if i >= 0}
    keys = [key(t) for t in text]
    last = len(lines) - 1
    columns = [
        [s == "page_header" and r == "title" for s, r in zip(step, reason)],
        np.log1p(len(candidates) - np.arange(len(candidates))),
        np.log1p(below),
        [kept[i] for i in candidates],
        [s in _RULE_STEPS for s in step],
        [i == first_kept for i in candidates],
        np.log1p(n),
        [k < 3 for k in n],
        [k > 20 for k in n],
        title_like,
        [t.endswith((".", "!", "?", ":", ";", ",")) for t in text],
        upper,
        cased,
        np.log1p([counts[t] - 1 for t in text]),
        # in a longer line too (a breadcrumb's last part, a share text): title-like lines only
        [like and len(t) >= 10 and page.count(t) > counts[t] for like, t in zip(title_like, text)],
        [len(w & body) / len(w) if w else 0.0 for w in words],
        [k <= 4 and PERSON_NAME.match(t) is not None and not any(c.isdigit() for c in t) for k, t in zip(n, text)],
        [is_ui_text(t) for t in text],
        [k in NAV_WORDS or k in SOCIAL_WORDS or k in LOGIN_WORDS for k in keys],
        [dated[i] for i in candidates],
        [t[:1].isdigit() for t in text],
        [_GLUED.search(t) is not None for t in text],
        [(i == 0 or not lines[i - 1].strip()) and (i == last or not lines[i + 1].strip()) for i in candidates],
        [is_prose(t) for t in text],
        [s == "page_header" and r != "title" for s, r in zip(step, reason)],
        np.asarray(candidates) / max(len(lines), 1),
        [j >= 0 and (dated[j] or removed.get(j, ("", ""))[0] == "page_header") for j in following],
        [j >= 0 and is_prose(texts[j]) for j in following],
        np.log1p([len(t) for t in text]),
    ]
    return np.ascontiguousarray(np.array(columns, dtype=np.float64).T)


@lru_cache(maxsize=1)
def load_model() -> TreeEnsemble:
    """The shipped trees, parsed once per process; refused if trained on other features."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if data.get("format") != MODEL_FORMAT or data.get("features") != FEATURE_NAMES:
        raise RuntimeError(f"{MODEL_FILE.name} was trained on other features: retrain with bench/train_title_model.py")
    return TreeEnsemble.from_dict(data["trees"])


def probabilities(rows: np.ndarray, model: TreeEnsemble | None = None) -> list[float]:
    """The title probability of each candidate's row."""
    if not len(rows):
        return []
    return (model or load_model()).predict_proba(rows).tolist()


def pick(scores: list[float], header: HeaderConfig) -> int | None:
    """The position of the title among candidates scored ``scores`` (in page order), or ``None``.

    The best score wins (a tie: the lower line) when it is at least ``title_min_probability``, or
    when the line is its page's clear favourite: at least ``title_clear_floor`` and
    ``title_clear_lead`` times the next best score. The model scores each line alone, and a
    news page whose one headline-like line scores 0.4 among menus scored 0.01 has found its
    title (cross-validated: docs/experiments.md, Title model).
    """
    best = max(range(len(scores)), key=lambda k: (scores[k], k), default=None)
    if best is None or header.title_min_probability is None:
        return None
    if scores[best] >= header.title_min_probability:
        return best
    lead = header.title_clear_lead
    if lead is None or scores[best] < header.title_clear_floor:
        return None
    runner_up = max((score for k, score in enumerate(scores) if k != best), default=0.0)
    return best if scores[best] >= lead * runner_up else None


def headline_of_title_line(doc: Document) -> int | None:
    """A line that prints alone the headline one of the page's first ``TITLE_LINES`` lines sets
    beside a site's name or a kicker ("Headline – City News", "City News | Headline"): a naive
    scrape starts with the page's ``<title>``, and the page's H1 repeats its headline. Only when
    the model named no line: the headline may lie outside the lines it reads."""
    texts, content = doc.texts(), doc.content_indices()
    for n, i in enumerate(content[:TITLE_LINES]):
        heads = {head for head, _ in title_line_readings(texts[i]) if head.count(" ") >= MIN_HEADLINE_WORDS - 1}
        found = next((j for j in content[n + 1:] if key(texts[j]) in heads), None) if heads else None
        if found is not None:
            return found
    return None


def title_line_readings(line: str) -> list[tuple[str, str]]:
    """The ways a ``<title>`` line reads as a headline (its ``key``) beside one more part: the
    site's name after it, after a kicker too ("Opinion | Headline - Site"), or before it ("Site |
    Headline"). Empty for a line with no ``TITLE_SEPARATOR``."""
    parts = TITLE_SEPARATOR.split(line)
    if len(parts) < 2:
        return []
    return [(key(" ".join(parts[:-1])), parts[-1]), (key(" ".join(parts[1:-1])), parts[-1]),
            (key(" ".join(parts[1:])), parts[0])]


def _has_own_title(doc: Document) -> bool:
    """A title that did not come from ``page_header``'s guess: an HTML page's or a dump header's."""
    return doc.kind == "html" or (bool(doc.metadata.get("title")) and doc.removals[:1] != []
                                  and doc.removals[0].step == "dump_header")  # the first step's removals come first


def find_title(doc: Document, config: PipelineConfig,
               model: TreeEnsemble | None = None) -> Verdict:
    """The title step: the best-scored line above the article as ``title`` (``model``: other
    trees than the shipped ones, as the trainer's folds)."""
    verdict = Verdict()
    threshold = config.header.title_min_probability
    if threshold is None or _has_own_title(doc):
        return verdict
    start = first_paragraph(doc)
    candidates = candidate_lines(doc, start)
    best = pick(probabilities(candidate_features(doc, candidates, start), model), config.header)
    index = candidates[best] if best is not None else headline_of_title_line(doc)
    if index is None:
        if doc.metadata.get("title"):
            verdict.metadata["title"] = ""  # page_header's guess, which the model does not back
        return verdict
    verdict.metadata["title"] = norm(doc.lines[index]).strip()
    if doc.kept[index]:
        verdict.remove(index, "title")
    return verdict
