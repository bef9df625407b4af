"""The learned line classifier: decides the lines of a text dump that no rule was sure about.

A small gradient-boosted tree ensemble (trained by ``bench/train_line_model.py``, shipped as
JSON in ``cleaners/models/``, evaluated here with numpy) scores the still-kept non-blank lines
from the features of ``cleaners.line_features``, computed over the whole page: the line's own
shape, its block, its neighbours and its place relative to the page's densest run of text.
A second, smaller ensemble (optional in the model file; the shipped model has it) rescores the
lines the first one is unsure about (scores inside the model file's ``band``) from the first
one's scores of the lines around it (``cleaners.line_context``) plus a few of the line's own
features: whether the lines around a headline are kept decides whether it is a sub-heading or
part of a teaser list. Outside the band the first stage's score stands: trained on full dumps,
whose last lines are nearly always boilerplate, an unbounded second stage also cut the last
paragraphs of articles saved without any.
Lines whose content probability is below ``keep_threshold`` are removed (a page that would keep
under ``min_kept_words`` words keeps its best-scoring lines instead), and so are lines outside the
page's main run of kept text unless they score ``main_region_keep_probability``; a line scoring
``block_keep_probability`` stays when most of its block (run of lines) stays; and a numbered list
two of whose first three items stay keeps all its items (``continued_numbered_lists``), and a
forum thread numbering its posts whose opening post stays keeps its replies' sentences
(``forum_replies``), and a list right under a kept line ending in a colon keeps its items
(``introduced_lists``).

The model decides *whether* a line goes; the reason code says *what it looks like*, from the
same features, so a person reading the removal log can check it:

* ``copyright_footer``: a line with a © sign;
* ``link_list``: a short line among short lines, or a bulleted/separated entry (menus, tag
  and related-link lists, share bars);
* ``comment_section``: a line after the last kept line, just after a line holding a date or a
  time or just before one (comments with their user names and dates);
* ``text_outside_main``: a sentence before the first or after the last kept line (teasers,
  other posts, appeals);
* ``date_line``: a line of at most 12 words holding a date or a time (bylines, timestamps);
* ``short_fragment``: any other line of at most ``max_words_per_fragment`` words;
* ``low_content_score``: anything else the model scores low.

Only ``doc.kind == "text"`` pages are judged unless ``apply_to_html`` is set: extracted HTML
is already article text, and the model was trained and measured on dumps.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from cleaners.config import ClassifierConfig, PipelineConfig
from cleaners.controls import is_post_header
from cleaners.document import Document, Verdict
from cleaners.line_context import CONTEXT_FEATURE_NAMES, CONTEXT_FEATURES_VERSION, context_features
from cleaners.line_features import FEATURE_NAMES, FEATURES_VERSION, densest_region, line_features
from cleaners.page_threshold import page_threshold
from cleaners.patterns import norm
from cleaners.text import keep_sentence_pieces

MODEL_FORMAT = "gbdt_json_v1"
_COL = {name: i for i, name in enumerate(FEATURE_NAMES)}


@dataclass(frozen=True)
class TreeEnsemble:
    """A binary gradient-boosted tree ensemble, all trees packed into flat node arrays.

    Nodes are renumbered breadth-first so that the two children of node ``k`` sit at
    ``child[k]`` (left: ``x[feature[k]] <= threshold[k]``) and ``child[k] + 1`` (right). A leaf
    is its own child with threshold +inf, so every tree is walked ``depth`` steps at once.
    Thresholds are stored as the largest float32 not above the trained float64 threshold, which
    gives the same decisions on float32 features (which ``page_features`` returns).
    """

    baseline: float
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    child: np.ndarray
    value: np.ndarray
    depth: int

    @classmethod
    def from_dict(cls, data: dict) -> "TreeEnsemble":
        feature: list[int] = []
        threshold: list[float] = []
        child: list[int] = []
        value: list[float] = []
        roots: list[int] = []
        depth = 0
        for tree in data["trees"]:
            base = len(feature)
            roots.append(base)
            depth = max(depth, int(tree["depth"]))
            order, first_child = [0], {}
            for old in order:  # breadth-first; the list grows while it is walked
                if tree["feature"][old] >= 0:
                    first_child[old] = len(order)
                    order += [tree["left"][old], tree["right"][old]]
            for new, old in enumerate(order):
                if tree["feature"][old] >= 0:
                    feature.append(tree["feature"][old])
                    threshold.append(tree["threshold"][old])
                    child.append(base + first_child[old])
                else:
                    feature.append(0)
                    threshold.append(np.inf)
                    child.append(base + new)
                value.append(tree["value"][old])
        wide = np.asarray(threshold, dtype=np.float64)
        narrow = wide.astype(np.float32)
        narrow = np.where(narrow.astype(np.float64) > wide, np.nextafter(narrow, np.float32(-np.inf)), narrow)
        return cls(
            baseline=float(data["baseline"]),
            roots=np.asarray(roots, dtype=np.intp),
            feature=np.asarray(feature, dtype=np.intp),
            threshold=narrow.astype(np.float32),
            child=np.asarray(child, dtype=np.intp),
            value=np.asarray(value, dtype=np.float64),
            depth=depth,
        )

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Content probability per row of ``features`` (rows x len(FEATURE_NAMES))."""
        n_rows = features.shape[0]
        if n_rows == 0:
            return np.zeros(0)
        rows = np.ascontiguousarray(features, dtype=np.float32)
        flat = rows.ravel()
        row_offset = (np.arange(n_rows, dtype=np.intp) * features.shape[1])[:, None]
        # The first step starts from the roots, the same nodes on every row: their columns are
        # compared whole. C order keeps the per-row sum below adding the trees as before.
        roots = self.roots
        node = self.child[roots] + np.ascontiguousarray(rows[:, self.feature[roots]] > self.threshold[roots])
        # ``take`` with mode="clip" gathers about twice as fast as indexing (no bounds errors to
        # raise); with every feature index in range (checked) it gathers the same values.
        if self.feature.max(initial=0) >= rows.shape[1]:
            raise IndexError(f"the trees read feature {self.feature.max()}, the rows have {rows.shape[1]}")
        # (the arrays' own ``take``: ``np.take`` adds a Python call in front of it)
        feature, child, threshold, value_of = self.feature.take, self.child.take, self.threshold.take, self.value.take
        gather = flat.take
        for _ in range(self.depth - 1):
            value = gather(row_offset + feature(node, mode="clip"), mode="clip")
            node = child(node, mode="clip") + (value > threshold(node, mode="clip"))
        raw = self.baseline + value_of(node, mode="clip").sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


@dataclass(frozen=True)
class LineModel:
    """The shipped classifier: its feature set, checked against the code's, and its trees.

    ``context`` is the optional second stage (``cleaners.line_context``): trees over some of the
    context columns computed from the first stage's scores (``context_columns``, indices into
    ``CONTEXT_FEATURE_NAMES``) plus a few of the line's own (``line_columns``, indices into
    ``FEATURE_NAMES``). It was trained on out-of-fold first-stage scores, so it
    learns how far to trust them; its score is the line's content probability.
    """

    trees: TreeEnsemble
    context: TreeEnsemble | None = None
    context_columns: tuple[int, ...] = ()
    line_columns: tuple[int, ...] = ()
    band: tuple[float, float] = (0.0, 1.0)

    @classmethod
    def from_dict(cls, data: dict) -> "LineModel":
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"line model: expected format {MODEL_FORMAT}, got {data.get('format')!r}")
        if data.get("features_version") != FEATURES_VERSION or list(data.get("features", [])) != FEATURE_NAMES:
            raise ValueError(
                f"line model was trained on {data.get('features_version')!r} features, "
                f"the code computes {FEATURES_VERSION!r}: retrain with bench/train_line_model.py"
            )
        stage = data.get("context")
        if stage is None:
            return cls(TreeEnsemble.from_dict(data["trees"]))
        names = list(stage.get("features", []))
        context_names = [name for name in names if name in CONTEXT_FEATURE_NAMES]
        line_names = names[len(context_names):]
        if (stage.get("features_version") != CONTEXT_FEATURES_VERSION
                or names[: len(context_names)] != context_names
                or not set(line_names) <= set(_COL)):
            raise ValueError(
                f"line model's second stage was trained on {stage.get('features_version')!r} features, "
                f"the code computes {CONTEXT_FEATURES_VERSION!r}: retrain with bench/train_line_model.py"
            )
        return cls(
            TreeEnsemble.from_dict(data["trees"]),
            TreeEnsemble.from_dict(stage["trees"]),
            tuple(CONTEXT_FEATURE_NAMES.index(name) for name in context_names),
            tuple(_COL[name] for name in line_names),
            tuple(stage.get("band", (0.0, 1.0))),
        )

    def predict_proba(self, features: np.ndarray, lines: list[int] | np.ndarray | None = None) -> np.ndarray:
        """Content probability per row of ``features`` (rows x len(FEATURE_NAMES)).

        ``lines`` are the rows' line numbers in the page (increasing), which the second stage
        needs to see blocks; the rows must then be all the page's candidate lines, in order.
        """
        proba = self.trees.predict_proba(features)
        if self.context is None or len(proba) == 0:
            return proba
        if lines is None:
            raise ValueError("a two-stage line model needs the rows' line numbers")
        lo, hi = self.band
        unsure = ((proba >= lo) & (proba <= hi)).nonzero()[0]  # outside the band the first stage decides
        if not unsure.size:
            return proba
        # the context columns need every line's score; only the unsure rows are rescored
        context = context_features(np.asarray(lines), features[:, _COL["words"]], proba)
        rows = np.hstack([context[np.ix_(unsure, self.context_columns)], features[np.ix_(unsure, self.line_columns)]])
        proba[unsure] = self.context.predict_proba(rows)
        return proba


@lru_cache(maxsize=4)
def load_model(file_name: str) -> LineModel:
    """The shipped model ``cleaners/models/<file_name>``, parsed once per process."""
    text = resources.files("cleaners").joinpath("models", file_name).read_text(encoding="utf-8")
    return LineModel.from_dict(json.loads(text))


def reason_for(row: np.ndarray, config: ClassifierConfig, after_main: bool = False, outside_main: bool = False) -> str:
    """A reason code describing the shape of a removed line (from its feature row).

    ``outside_main`` says the line lies before the first or after the last line the classifier
    keeps on the page, ``after_main`` that it lies after the last.
    """
    words = row[_COL["words"]]
    sentence_like = words >= 8 and row[_COL["stop_share"]] >= 0.15 and row[_COL["ends_sentence"]] > 0
    listy = row[_COL["starts_bullet"]] > 0 or row[_COL["separators"]] >= 2
    if row[_COL["copyright"]] > 0:
        return "copyright_footer"
    if not sentence_like and (listy or (words <= 6 and row[_COL["short_win5"]] >= 0.6)):
        return "link_list"
    dated = row[_COL["date_time_prev1"]] > 0 or row[_COL["date_time_prev2"]] > 0 or row[_COL["date_time_next1"]] > 0
    if after_main and (dated or (row[_COL["date_time"]] > 0 and words <= 12)):
        return "comment_section"
    if sentence_like and outside_main:
        return "text_outside_main"
    if row[_COL["date_time"]] > 0 and words <= 12:
        return "date_line"
    if words <= config.max_words_per_fragment:
        return "short_fragment"
    return "low_content_score"


def classify_with_model(doc: Document, config: PipelineConfig, model: LineModel) -> Verdict:
    """Remove still-kept non-blank lines that ``model`` scores as boilerplate."""
    settings = config.classifier
    if not settings.enabled or (doc.kind != "text" and not settings.apply_to_html):
        return Verdict()
    candidates = doc.kept_content_indices()
    if not candidates:
        return Verdict()
    # the whole page is context for the features; only still-kept lines are scored and judged
    features = line_features(doc.lines, candidates)
    verdict = judge_lines(candidates, features, model.predict_proba(features, candidates), settings)
    if settings.numbered_list_gap is not None and verdict.removals:
        for line in continued_numbered_lists(doc.lines, candidates, verdict.removals, settings.numbered_list_gap):
            del verdict.removals[line]
    if settings.forum_replies and verdict.removals:
        for line in forum_replies(doc.lines, candidates, features, verdict.removals):
            del verdict.removals[line]
    if settings.introduced_lists and verdict.removals:
        for line in introduced_lists(doc.lines, candidates, features, verdict.removals):
            del verdict.removals[line]
    if settings.sentence_pieces:
        keep_sentence_pieces(doc, verdict.removals)
    return verdict


#: A forum post's number in its header, on a line of its own ("#2", "• #14"), or with the post's
#: date ("#1 · Mar 21, 2025"): XenForo, vBulletin and their hosts print it above each post's body.
_POST_NUMBER = re.compile(r"\s*(?:[•*·]\s*)?#(\d{1,5})(?:\s*[·|]\s*\S.{0,40})?\s*")
#: More words than a post's number line holds (with a date such as "Mar 21, 2025, 10:15 pm").
_MAX_NUMBER_WORDS = 8
#: More words than a post's header holds (a name of at most five words, a date and a time).
_MAX_HEADER_WORDS = 20
#: Words the opening post must keep for its thread's replies to count as the page's text.
_OPENING_POST_WORDS = 20


def forum_replies(lines: list[str], candidates: list[int], features: np.ndarray, removals: dict[int, str]) -> list[int]:
    """Removed sentences of a forum thread's replies, when the thread's opening post is kept.

    A thread prints each post under a header of short lines (the member's name, title, join
    date, post count, the post's date and number), and most replies are a sentence or two: the
    classifier, which judges a line by its neighbours, reads a short reply among headers as
    furniture and keeps the long opening post alone (a Q&A page is read by ``_answers`` first).
    Where the page numbers its posts (#1, #2, #3 … on lines of their own, three or more in a
    row, or with each post's date; XenForo, vBulletin, Invision, NodeBB)
    or, failing that, heads three or more of them with their author, date and time
    (``controls.is_post_header``: Discourse, phpBB), and the classifier kept
    ``_OPENING_POST_WORDS`` of one post's words, every post's lines that are sentences (three
    or more words ending a sentence, or eight or more words with stop words) stay; its header's
    short lines still go. The last post is the run of sentences right after its number (after it
    come the thread's footer and sign-in prompts). Headers without numbers also stand over a
    blog's comments: there the words kept must be the opening post's (the replies after it are
    restored), and it must hold more kept words than the page above it (a blog's post stands
    above its first comment).
    """
    answers = _answers(lines, candidates, features, removals)
    if answers:
        return answers
    words = features[:, _COL["words"]]
    # (the regexes read only the lines whose features allow a match: a post's number is a
    # short line, a header holds a date or a time; most pages have neither)
    numbered = [(position, int(match.group(1)))
                for position in ((words >= 1) & (words <= _MAX_NUMBER_WORDS)).nonzero()[0].tolist()
                if "#" in lines[candidates[position]]  # (which the number needs)
                for match in [_POST_NUMBER.fullmatch(lines[candidates[position]])] if match]
    run = _longest_numbered_run(numbered)
    numbered_posts = len(run) >= 3
    if not numbered_posts:  # no numbers: the posts' headers, author with date and time, if three or more
        dated = ((features[:, _COL["date_time"]] > 0) & (words <= _MAX_HEADER_WORDS)).nonzero()[0].tolist()
        run = [position for position in dated if is_post_header(norm(lines[candidates[position]]).lower())]
        if len(run) < 3:
            return []
    kept_words, sentence = _posts_words(candidates, features, removals)
    opening = sum(kept_words[run[0] + 1 : run[1]])
    # headers alone: the opening post must be the page's first text (a blog whose readers'
    # comments carry such headers has its post, longer than the first comment, above them)
    if not numbered_posts and (opening < _OPENING_POST_WORDS or sum(kept_words[: run[0]]) > opening):
        return []
    if numbered_posts and max(sum(kept_words[a + 1 : b]) for a, b in zip(run, run[1:])) < _OPENING_POST_WORDS:
        return []
    last = run[-1] + 1
    while last < len(candidates) and sentence[last]:  # the last post: its sentences right after its number
        last += 1
    first = 0 if numbered_posts else 1
    return [candidates[k] for start, end in zip(run[first:], run[first + 1:] + [last]) for k in range(start + 1, end)
            if candidates[k] in removals and sentence[k]]


#: A Q&A site's line under its question and each answer (Stack Exchange): "asked Feb 4, 2014 at
#: 13:02", "answered Feb 4, 2014 at 13:27".
_ANSWERED = re.compile(r"\s*(?:asked|answered)\s+(?:[A-Z][a-z]{2} \d{1,2}(?:, \d{4})? at \d{1,2}:\d\d|\d+ \w+ ago)\b.*")
#: The machine-readable time a Q&A site prints under each comment ("2021-04-08T04:06:17.467Z+00:00",
#: "2009-05-03 03:22:04 +00:00"); an answer's lines are further from it than ``_COMMENT_REACH``.
_COMMENT_TIME = re.compile(r"\s*\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d\S*(?: [+-]\d\d:\d\d)?\s*")
_COMMENT_REACH = 6


def _answers(lines: list[str], candidates: list[int], features: np.ndarray, removals: dict[int, str]) -> list[int]:
    """``forum_replies`` for a Q&A page: the lines "asked DATE" and "answered DATE" close the
    question and each answer; when the classifier kept ``_OPENING_POST_WORDS`` of one answer,
    the sentences of every answer stay, but not the readers' comments under them (a sentence
    within ``_COMMENT_REACH`` lines before a comment's timestamp), which references leave out."""
    if not any("answered" in lines[index] for index in candidates):
        return []
    marks = [position for position, index in enumerate(candidates) if _ANSWERED.fullmatch(lines[index])]
    if len(marks) < 3:
        return []
    kept, sentence = _posts_words(candidates, features, removals)
    if max(sum(kept[a + 1 : b]) for a, b in zip(marks, marks[1:])) < _OPENING_POST_WORDS:
        return []
    return [candidates[k] for a, b in zip(marks, marks[1:]) for k in range(a + 1, b)
            if candidates[k] in removals and sentence[k]
            and not any(_COMMENT_TIME.fullmatch(line) for line in lines[candidates[k] + 1 : candidates[k] + 1 + _COMMENT_REACH])]


def _posts_words(candidates: list[int], features: np.ndarray, removals: dict[int, str]) -> tuple[list[float], list[bool]]:
    """Per candidate, the words the classifier kept (0 for a removed line), and whether it is a
    sentence: three or more words ending a sentence, or eight or more words with stop words."""
    words = features[:, _COL["words"]]
    kept = [0.0 if index in removals else float(n) for index, n in zip(candidates, words.tolist())]
    sentence = (((words >= 3) & (features[:, _COL["ends_sentence"]] > 0))
                | ((words >= 8) & (features[:, _COL["stop_share"]] >= 0.15))).tolist()
    return kept, sentence


def _longest_numbered_run(numbered: list[tuple[int, int]]) -> list[int]:
    """The positions of the longest run of numbers counting up by one (the first such run)."""
    best: list[int] = []
    run: list[int] = []
    previous = None
    for position, number in numbered:
        run = run + [position] if previous is not None and number == previous + 1 else [position]
        previous = number
        if len(run) > len(best):
            best = run
    return best


_NUMBERED_ITEM = re.compile(r"\s*(\d{1,3})[.)]\s+\S")
#: A text browser's stand-in for an image or a form control (``[photo-1]``): no list item text.
_PLACEHOLDER = re.compile(r"\s*\[[^\]]*\]\s*")


def continued_numbered_lists(lines: list[str], candidates: list[int], removals: dict[int, str], gap: int) -> list[int]:
    """Removed lines that belong to a numbered list two of whose first three items are kept.

    Items numbered 1., 2., 3. … (or 1), 2) …), each at most ``gap`` candidate lines after the one
    before, are one list: the classifier scores each item alone and tends to cut a long list of
    short items part-way, as its lines drift away from the page's prose. When two of the list's
    first three items stay, all its items stay, with the lines between them and as many after
    the last as came between the last two (an item's link or price line), except image
    placeholders. Two of three rather than the first two: the first item, right under the
    list's introduction, often scores lower than the items after it (cut-off lists lost their
    first item as well as their tail).
    """
    numbers: dict[int, int] = {}  # candidate position -> item number
    for position, index in enumerate(candidates):
        match = _NUMBERED_ITEM.match(lines[index])
        if match:
            numbers[position] = int(match.group(1))
    restored: list[int] = []
    runs: list[list[int]] = []
    open_runs: dict[int, list[int]] = {}  # the number a run expects next -> the run
    for position, number in numbers.items():
        run = open_runs.pop(number, None)
        if run is not None and position - run[-1] <= gap:
            run.append(position)
        else:
            run = [position]
            runs.append(run)
        open_runs[number + 1] = run
    for run in runs:
        if len(run) < 3 or sum(candidates[k] not in removals for k in run[:3]) < 2:
            continue
        end = min(run[-1] + (run[-1] - run[-2]) - 1, len(candidates) - 1)
        restored.extend(candidates[k] for k in range(run[0], end + 1)
                        if candidates[k] in removals and not _PLACEHOLDER.fullmatch(lines[candidates[k]]))
    return sorted(set(restored))


#: Words of a kept line that introduces a list ("Key features:", "Popular back-end languages
#: include:", "Follow these steps for meditation:"); a longer one is a paragraph ending in a colon.
_MAX_INTRO_WORDS = 40


def introduced_lists(lines: list[str], candidates: list[int], features: np.ndarray, removals: dict[int, str],
                     items: np.ndarray | None = None) -> list[int]:
    """Removed items of a bulleted or numbered list right under a kept line that ends in a colon.

    A sentence that announces a list ("The top brands for camp stoves include:", "Examples of
    sparkling wines:") is followed by the list it announces: the classifier keeps the sentence
    and, judging each short item by itself, drops items that look like a menu's ("• Kelty",
    "• Cava (Spain)"). The items (bullet or number first, two or more) directly under it, with
    blank lines only between, stay; the list ends at its first line that is no item. Measured
    on the wcxb-dev dumps' out-of-fold texts before the rule: of the removed items under such a
    line, 85 % are in the page's reference text. ``items``: which candidates are list items (a
    rendered HTML page's ``<li>`` lines); by default those starting with a bullet or a number.
    """
    words = features[:, _COL["words"]]
    introductions = [position for position, index in enumerate(candidates[:-1])
                     if index not in removals and lines[index].rstrip().endswith(":")
                     and words[position] <= _MAX_INTRO_WORDS]
    if not introductions:  # (most pages: no list items to find)
        return []
    if items is None:
        items = np.array([bool(_NUMBERED_ITEM.match(lines[index])) for index in candidates]) \
            | (features[:, _COL["starts_bullet"]] > 0)
    restored: list[int] = []
    for position in introductions:
        run = []
        after = None  # the candidate line after the list
        for k in range(position + 1, len(candidates)):
            previous = candidates[k - 1]
            if any(lines[between].strip() for between in range(previous + 1, candidates[k])) \
                    or not items[k]:
                after = candidates[k]  # a line a rule removed, or one that is no item: the list has ended
                break
            run.append(candidates[k])
        if len(run) >= 2 and after is not None and after not in removals:
            restored.extend(index for index in run if index in removals)
    return sorted(set(restored))


def judge_lines(candidates: list[int], features: np.ndarray, proba: np.ndarray, settings: ClassifierConfig) -> Verdict:
    """The removals among the ``candidates`` lines, from their feature rows and content scores.

    A line goes when it scores below the page's threshold, or lies outside the page's main run
    of kept lines without scoring ``main_region_keep_probability``; but a line that scores at
    least ``block_keep_probability`` stays when most of its block's words stay.
    """
    verdict = Verdict()
    words = features[:, _COL["words"]]
    threshold = _page_threshold(proba, words, settings)
    keep = proba >= threshold
    if settings.main_region_keep_probability is not None and keep.any():
        lo, hi = _main_region(proba, words, threshold)
        inside = np.zeros(len(keep), dtype=bool)
        inside[lo : hi + 1] = True
        keep &= inside | (proba >= settings.main_region_keep_probability)
    if settings.block_keep_probability is not None:
        keep |= _kept_blocks(candidates, words, keep) & (proba >= settings.block_keep_probability)
    kept_lines = [index for index, keep_line in zip(candidates, keep.tolist()) if keep_line]
    first, last = (kept_lines[0], kept_lines[-1]) if kept_lines else (max(candidates) + 1, -1)
    removed = (~keep).nonzero()[0]
    if removed.size:
        lines = np.asarray(candidates)[removed]
        after = lines > last
        reasons = _reasons(features[removed], settings, after, after | (lines < first))
        verdict.removals.update(zip(lines.tolist(), reasons))  # a new verdict: each line once
    return verdict


_REASON_CODES = ["copyright_footer", "link_list", "comment_section", "text_outside_main", "date_line", "short_fragment"]
_REASON_NUMBERS = list(range(len(_REASON_CODES)))
_ALL_REASON_CODES = _REASON_CODES + ["low_content_score"]


def _reasons(rows: np.ndarray, config: ClassifierConfig, after_main: np.ndarray, outside_main: np.ndarray) -> list[str]:
    """``reason_for`` of every row at once (the flags are arrays, one per row).

    A page removes a hundred lines or so: whole-column comparisons cost less than a hundred
    calls comparing numpy scalars. The conditions are ``reason_for``'s, in its order.
    """
    words = rows[:, _COL["words"]]
    sentence_like = (words >= 8) & (rows[:, _COL["stop_share"]] >= 0.15) & (rows[:, _COL["ends_sentence"]] > 0)
    listy = (rows[:, _COL["starts_bullet"]] > 0) | (rows[:, _COL["separators"]] >= 2)
    dated = ((rows[:, _COL["date_time_prev1"]] > 0) | (rows[:, _COL["date_time_prev2"]] > 0)
             | (rows[:, _COL["date_time_next1"]] > 0))
    date_line = (rows[:, _COL["date_time"]] > 0) & (words <= 12)
    conditions = [
        rows[:, _COL["copyright"]] > 0,
        ~sentence_like & (listy | ((words <= 6) & (rows[:, _COL["short_win5"]] >= 0.6))),
        after_main & (dated | date_line),
        sentence_like & outside_main,
        date_line,
        words <= config.max_words_per_fragment,
    ]
    # the number of the first condition that holds (``np.select``; one past them: none), then its code
    first = np.full(len(words), len(_REASON_CODES))
    for number in reversed(_REASON_NUMBERS):
        first[conditions[number]] = number
    return list(map(_ALL_REASON_CODES.__getitem__, first.tolist()))


def _kept_blocks(candidates: list[int], words: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Per candidate: whether most of the words of its block are kept.

    A block is a run of candidates on consecutive lines (a blank line or a line an earlier step
    removed ends it): a paragraph as the dump wrapped it, or a sentence a scraper broke at its
    links. A low-scoring piece of a kept paragraph ("cravings", "whole grains") is article text.
    """
    lines = np.asarray(candidates)
    starts = np.empty(len(lines), dtype=np.intp)  # 1 where a block starts
    starts[0] = 1
    np.greater(lines[1:] - lines[:-1], 1, out=starts[1:])
    block = starts.cumsum() - 1
    weight = np.maximum(words, 1.0)
    kept_share = np.bincount(block, weight * keep) / np.bincount(block, weight)
    return kept_share[block] >= 0.5


def _main_region(proba: np.ndarray, words: np.ndarray, threshold: float) -> tuple[int, int]:
    """First and last index of the page's main run of kept lines (maximum-sum run, Kadane).

    A line scores its words times its margin over ``threshold`` (negative below it), so the run
    is the stretch where kept text outweighs removed text. Kept lines outside it (teasers and
    comments after the article, appeals before it) must score ``main_region_keep_probability``.
    """
    return densest_region(np.maximum(words, 1.0) * (proba - threshold))


def _page_threshold(proba: np.ndarray, words: np.ndarray, settings: ClassifierConfig) -> float:
    """``keep_threshold``, lowered to the page's expected-F1 cut, and for a page where it would
    leave almost nothing.

    The expected-F1 cut (``cleaners.page_threshold``, from ``page_threshold_floor``) keeps more
    of a page the model is unsure of. A page whose lines all score low (a short article among much boilerplate) keeps the lines
    scoring within ``rescue_margin`` of its best line, rather than coming out empty.
    """
    threshold = page_threshold(proba, words, settings.keep_threshold, settings.page_threshold_floor)
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
