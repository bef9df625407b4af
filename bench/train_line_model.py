"""Train the line classifier and print its figures cross-validated by site.

    .venv/bin/python bench/train_line_model.py                 # CV figures, then write the model
    .venv/bin/python bench/train_line_model.py --no-cv         # only (re)write the model
    .venv/bin/python bench/train_line_model.py --alone         # CV with no other step running
    .venv/bin/python bench/train_line_model.py --oof-dir /tmp/oof   # also write out-of-fold texts
    .venv/bin/python bench/train_line_model.py --thresholds 0.4,0.6  # also try other thresholds
    .venv/bin/python bench/train_line_model.py --capitalised   # also validate German-like copies
    .venv/bin/python bench/train_line_model.py --fold-seed 1 --out /tmp/m.json   # another split by site
    .venv/bin/python bench/train_line_model.py --wcxb-bs4-weight 0.5 --out /tmp/m.json   # also train on wcxb bs4 renderings
    .venv/bin/python bench/train_line_model.py --save-folds /tmp/folds --out /tmp/m.json   # keep the fold models
    .venv/bin/python bench/train_line_model.py --load-folds /tmp/folds --config my.toml   # other settings, no training
    LINE_CV_TEXTS=/tmp/t.json .venv/bin/python bench/train_line_model.py --load-folds /tmp/folds  # texts before the corpus-wide step

Needs the ``train`` extra (scikit-learn) and the development data; takes about 8-12 minutes
on two cores, about 22 on one (``OMP_NUM_THREADS=1``; 7 with ``--no-cv``, 3 with ``--load-folds``),
about twice that with ``--wcxb-bs4-weight`` above 0. The out-of-fold texts can be re-scored with
``python ../shared/bench/score.py /tmp/oof/aeb-w3m ../shared/bench/aeb-dev/gold``.

Data: the development splits in ``../shared/bench`` (aeb-dev w3m/lynx/bs4 dumps, wcxb-dev w3m
dumps; and wcxb-dev's HTML rendered as aeb-dev's bs4 dumps were, ``wcxb-bs4``: scored, and
trained on at ``--wcxb-bs4-weight``, 0 by default; and both splits' HTML saved as Markdown by
``markdown_dump``, ``aeb-markdown`` and ``wcxb-markdown``: scored only). Line labels come from aligning each dump to
its gold text: a dump token is "in gold" when one of the word 4-shingles covering it occurs in
the gold text (the scorer's shingles), and a line is content when at least half of its tokens are. Lines are weighted so that every page
counts about equally and, within a page, longer lines count more (as in the scorer).

Validation: pages are split into folds by site (host name without ``www.``), so no site is in
both the training and the validation part; aeb's three renderings of a page and its corrupted
copy share the page's site. Every page is cleaned by the pipeline (``TEXT_STEPS``) with the
fold's model in the ``line_classifier`` slot, and the out-of-fold texts are scored with the
benchmark's scorer. The corrupted aeb dumps are only evaluated, never trained on.

Two stages: the first scores each line from its features (``cleaners.line_features``); the
second rescores it from the first stage's scores around it (``cleaners.line_context``) plus a few
of its own columns, over the lines the rule steps before the classifier kept (what it sees in the
pipeline). The second stage must learn from scores the first made on pages it was not trained
on, so it is trained on out-of-fold first-stage scores: in validation, from an inner split of
the training folds (nested, so the validation pages influence neither stage); in the shipped
model, from the five folds' scores.

Besides the full dumps, the validation scores copies of the training pages cut to the span
from their first to their last content line (``+cropped`` in the output): pages saved without a
header or footer, on which a model that learned "the end of a page is boilerplate" loses recall.
The second stage also trains on them, at a low weight; the first stage does not (at weight 0.2
they cost it 0.008 on full lynx dumps).

The shipped model is trained on all pages and written as JSON (sorted keys, shortest
round-tripping floats), so re-running the script reproduces the file byte for byte.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import importlib.util
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cleaners.config import PipelineConfig, config_from_toml  # noqa: E402
from cleaners.decode import decode_bytes  # noqa: E402
from cleaners.errors import RejectError  # noqa: E402
from cleaners.document import Document, apply_verdict  # noqa: E402
from cleaners.line_classifier import MODEL_FORMAT, LineModel, classify_with_model  # noqa: E402
from cleaners.line_context import CONTEXT_FEATURE_NAMES, CONTEXT_FEATURES_VERSION, context_features  # noqa: E402
from cleaners.line_features import FEATURE_NAMES, FEATURES_VERSION, line_features, page_features  # noqa: E402
from cleaners.pipeline import TEXT_STEPS  # noqa: E402
from cleaners.text import assemble_text  # noqa: E402
from bench.kinds import figures_by_kind, format_kinds, page_figures, page_kinds, pooled  # noqa: E402
from bench.renderings import bs4_dump, markdown_dump  # noqa: E402,F401 (bs4_dump: also the tests')
from flows.corpus_lines import without_repeated  # noqa: E402

BENCH = REPO.parent / "shared" / "bench"
AEB = BENCH / "aeb-dev"
WCXB = BENCH / "wcxb-dev"
MODEL_PATH = REPO / "cleaners" / "models" / "line_model_v3.json"
LABEL_MIN_COVERED = 0.5  # share of a line's tokens covered by gold shingles to call it content
N_FOLDS = 5
PARAMS = dict(
    max_iter=120,
    learning_rate=0.12,
    max_leaf_nodes=31,
    max_depth=6,
    min_samples_leaf=40,
    l2_regularization=1.0,
    early_stopping=False,
    random_state=0,
)
#: The second stage: fewer trees over the first stage's scores around the line plus these columns
#: of the line's own (a smaller stage measured as well as one over all 134 columns, at a third
#: of the cost).
CONTEXT_PARAMS = dict(PARAMS, max_iter=60)
CONTEXT_LINE_FEATURES = ["words", "stop_share", "ends_sentence", "starts_bullet", "date_time", "cap_share",
                         "heading_like", "file_name", "copyright", "separators"]
#: First-stage scores outside this band are final; the second stage decides the lines inside it.
#: Unbounded, it cut the last paragraphs of articles saved without boilerplate (the cropped
#: figures and the samples in raw/); bounded, it keeps its gain on full dumps.
CONTEXT_BAND = (0.15, 0.85)
#: Weight of the cropped copies (``cropped``) in the second stage's training: 0.2 measured
#: better than 0 on cropped pages (+0.005 to +0.009) for -0.003 to -0.005 on full aeb dumps; 0.5
#: cost full dumps more (bs4 -0.010).
CROPPED_WEIGHT = 0.2
#: Weight of the German-like copies (``capitalised``) in both stages' training. 0: at 0.25 and
#: 0.5 they won back most of what the model loses on those copies (bs4 +capitalised 0.918 ->
#: 0.923 / 0.928), but the bs4 dumps fell from 0.931 to 0.911 / 0.925 (docs/experiments.md, "Text-dump line classifier").
CAPITALISED_WEIGHT = 0.0
#: Weight of wcxb-dev's pages rendered as aeb-dev's bs4 dumps were (``bs4_dump``) in both stages'
#: training; they are always scored (``wcxb-bs4`` in the output). 0: trained at 1, 0.5 and 0.25
#: they raised that set from 0.802 to 0.824 / 0.823 / 0.822, but every aeb set and wcxb-dev's w3m
#: dumps fell (bs4 0.933 -> 0.930 / 0.925 / 0.924; docs/experiments.md, "Text-dump line classifier").
WCXB_BS4_WEIGHT = 0.0
_CONTEXT_COLUMNS = [FEATURE_NAMES.index(name) for name in CONTEXT_LINE_FEATURES]



def scorer():
    """The benchmark's own scorer module (``../shared/bench/score.py``), loaded once."""
    if "bench_score" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_score", BENCH / "score.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["bench_score"] = module
    return sys.modules["bench_score"]


@dataclass
class Page:
    set_name: str  # aeb-w3m, aeb-lynx, aeb-bs4, aeb-corrupted, wcxb-w3m
    page_id: str
    site: str
    text: str
    gold: str
    train: bool
    weight: float = 1.0  # of the page's lines in training (capitalised copies: --capitalised-weight)


def site_of(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def load_pages(wcxb_bs4_weight: float = WCXB_BS4_WEIGHT) -> list[Page]:
    """Every development page; wcxb-dev's bs4 renderings train at ``wcxb_bs4_weight`` (0: scored only)."""
    pages: list[Page] = []
    config = PipelineConfig()
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in (AEB / "ids.txt").read_text().split():
        gold = (AEB / "gold" / f"{page_id}.txt").read_text(encoding="utf-8")
        site = site_of(truth[page_id]["url"])
        for rendering in ("w3m", "lynx", "bs4"):
            raw = (AEB / "dumps" / rendering / f"{page_id}.txt").read_bytes()
            text = decode_bytes(raw, config.decode).text
            pages.append(Page(f"aeb-{rendering}", page_id, site, text, gold, True))
        raw = (AEB / "corrupted" / f"{page_id}.txt").read_bytes()
        pages.append(Page("aeb-corrupted", page_id, site, decode_bytes(raw, config.decode).text, gold, False))
        html = gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append(Page("aeb-markdown", page_id, site, markdown_text(html, config), gold, False))
    for line in (WCXB / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        page_id = meta["id"]
        raw = (WCXB / "dumps" / "w3m" / f"{page_id}.txt").read_bytes()
        gold = (WCXB / "gold" / f"{page_id}.txt").read_text(encoding="utf-8")
        pages.append(Page("wcxb-w3m", page_id, site_of(meta["url"]), decode_bytes(raw, config.decode).text, gold, True))
        html = gzip.decompress((WCXB / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
        text = decode_bytes(bs4_dump(html).encode("utf-8"), config.decode).text
        pages.append(Page("wcxb-bs4", page_id, site_of(meta["url"]), text, gold, wcxb_bs4_weight > 0,
                          wcxb_bs4_weight or 1.0))
        pages.append(Page("wcxb-markdown", page_id, site_of(meta["url"]), markdown_text(html, config), gold, False))
    return pages


def markdown_text(html: str, config: PipelineConfig) -> str:
    """The page saved as Markdown, decoded as the pipeline decodes a dump ("" for a page the
    pipeline would reject, as one whose Markdown is empty: scored as an empty text)."""
    try:
        return decode_bytes(markdown_dump(html).encode("utf-8"), config.decode).text
    except RejectError:
        return ""


def cropped(page: Page) -> Page | None:
    """The page cut to the lines from its first to its last content line (as a scraper that
    already dropped the page's header and footer would save it), or None without content.

    On full dumps the first and last candidates are nearly always boilerplate, so the second
    stage, which sees where a line lies among the scores around it, learns that the end of a
    page is boilerplate and cuts the last paragraphs of an article a scraper saved clean. These
    copies (weighing ``CROPPED_WEIGHT`` in its training, and scored in the validation) keep it
    from learning that.
    """
    lines = Document.from_text(page.page_id, page.set_name, page.text).lines
    content = np.flatnonzero(line_labels(lines, page.gold)[0])
    if not len(content):
        return None
    text = "\n".join(lines[content[0] : content[-1] + 1])
    return Page(f"{page.set_name}+cropped", page.page_id, page.site, text, page.gold, False)


_WORD_TOKEN = re.compile(r"\b[a-z]{3,}\b")


@lru_cache(maxsize=1)
def _english_stop_words() -> frozenset[str]:
    """jusText's English stop list: words ``capitalised`` never capitalises."""
    import justext

    return frozenset(w.lower() for w in justext.get_stoplist("English"))


def capitalised(page: Page, weight: float) -> Page:
    """A German-like copy of the page and its gold: about half the content words capitalised,
    the same words on every page (as German capitalises every noun).

    No development page is German, and German is where a model that learned "prose is mostly
    lower case" from English loses: these copies measure that (``+capitalised`` sets) and, with
    ``--capitalised-weight``, teach the model not to lean on it. A content word is a lower-case
    word of three letters or more outside jusText's English stop list; it is capitalised when the
    first byte of its BLAKE2b hash is even.
    """
    stop_words = _english_stop_words()

    def noun_like(match: re.Match) -> str:
        word = match.group()
        if word in stop_words or hashlib.blake2b(word.encode(), digest_size=1).digest()[0] & 1:
            return word
        return word[0].upper() + word[1:]

    return Page(f"{page.set_name}+capitalised", page.page_id, page.site, _WORD_TOKEN.sub(noun_like, page.text),
                _WORD_TOKEN.sub(noun_like, page.gold), False, weight)


#: ``--fold-seed``: 0 is the split of the shipped model; another seed deals the sites into other
#: folds, to see how much a CV figure owes to the split (the shipped model's second stage learns
#: from out-of-fold scores, so it changes too: write it elsewhere with ``--out``).
FOLD_SEED = 0


def fold_of(site: str) -> int:
    key = site if FOLD_SEED == 0 else f"{FOLD_SEED}:{site}"
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % N_FOLDS


def line_labels(lines: list[str], gold: str) -> tuple[np.ndarray, np.ndarray]:
    """(content label, token count) per line, from gold 4-shingle coverage of the dump tokens."""
    score = scorer()
    gold_words = score.WORD.findall(gold)
    gold_shingles = {tuple(gold_words[i : i + 4]) for i in range(len(gold_words) - 3)}
    line_tokens = [score.WORD.findall(line) for line in lines]
    tokens = [t for toks in line_tokens for t in toks]
    covered = np.zeros(len(tokens) + 4, dtype=bool)
    for i in range(len(tokens) - 3):
        if tuple(tokens[i : i + 4]) in gold_shingles:
            covered[i : i + 4] = True
    counts = np.asarray([len(t) for t in line_tokens])
    bounds = np.concatenate([[0], np.cumsum(counts)])
    cum = np.concatenate([[0], np.cumsum(covered[: len(tokens)])])
    share = (cum[bounds[1:]] - cum[bounds[:-1]]) / np.maximum(counts, 1)
    return (share >= LABEL_MIN_COVERED).astype(np.int8), counts


def _weights(counts: np.ndarray) -> np.ndarray:
    """Longer lines count more, and every page about equally (at most 200 lines' worth)."""
    weight = np.sqrt(1.0 + counts)
    return weight / weight.sum() * min(len(counts), 200) if len(counts) else weight


def page_matrix(page: Page) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First stage: features, labels and weights of all the page's non-blank lines."""
    lines = Document.from_text(page.page_id, page.set_name, page.text).lines
    features = page_features(lines)
    labels, counts = line_labels(lines, page.gold)
    rows = np.asarray([i for i, line in enumerate(lines) if line.strip()], dtype=np.intp)
    return features[rows], labels[rows], _weights(counts[rows]) * page.weight


@dataclass
class Candidates:
    """Second stage: the lines the classifier judges in the pipeline (those the rule steps before
    it kept), with their first-stage features, labels and weights."""

    lines: np.ndarray
    features: np.ndarray
    labels: np.ndarray
    weights: np.ndarray
    cropped: bool = False


#: Steps before the classifier whose removals the second stage is trained without (they run when
#: pages are validated and cleaned). ``consent_dialogs`` takes only a consent manager's dialog,
#: never article text: left in, its paragraphs are negatives that show the model prose it must
#: not keep, and the model stays the one trained before the step existed. Trained with the step as
#: well (session 44, 5 folds by site), wcxb-dev w3m came to 0.8247 against 0.8241 this way, and
#: aeb bs4 to 0.921 (P 0.900) against 0.933, lynx 0.934 against 0.940: a retraining's draw on 90
#: pages, under the bs4 target (docs/experiments.md).
UNTRAINED_STEPS = frozenset({"consent_dialogs"})


def candidate_matrix(page: Page, config: PipelineConfig) -> Candidates:
    doc = Document.from_text(page.page_id, page.set_name, page.text)
    for name, step in TEXT_STEPS:
        if name == "line_classifier":
            break
        if name not in UNTRAINED_STEPS:
            apply_verdict(doc, name, step(doc, config))
    lines = doc.kept_content_indices()
    labels, counts = line_labels(doc.lines, page.gold)
    features = line_features(doc.lines, lines)
    return Candidates(np.asarray(lines, dtype=np.intp), features, labels[lines], _weights(counts[lines]) * page.weight,
                      page.set_name.endswith("+cropped"))


def context_rows(candidates: Candidates, proba: np.ndarray) -> np.ndarray:
    """The second stage's input: context columns from first-stage scores, then the line's own."""
    words = candidates.features[:, FEATURE_NAMES.index("words")]
    return np.hstack([context_features(candidates.lines, words, proba), candidates.features[:, _CONTEXT_COLUMNS]])


@contextmanager
def bins_from_every_line() -> Iterator[None]:
    """Within it, scikit-learn's gradient boosting bins each feature by the weighted quantiles of
    every training line (the HTML trainer's fits run in it).

    Left to itself, ``HistGradientBoostingClassifier`` bins the features of more than 200,000
    rows by the quantiles of a random sample of 200,000 drawn with its ``random_state`` (its
    private ``_BinMapper(subsample=2e5)``; no parameter reaches it). The trainings here have
    300,000 to 540,000 lines, so the trees depended on that draw: the HTML model's
    cross-validated figures moved by about ±0.002 with the seed (docs/experiments.md). With every
    line they depend on no seed. (A change to the training pages still moves the bin edges a
    little, and the trees of pages it never touched with them, as greedy trees do.)
    """
    from sklearn.ensemble._hist_gradient_boosting import gradient_boosting  # noqa: PLC0415

    original = getattr(gradient_boosting, "_BinMapper", None)
    if original is None:
        import sklearn  # noqa: PLC0415

        raise RuntimeError(f"scikit-learn {sklearn.__version__} has no _BinMapper to bin every line with "
                           "(tested with 1.9)")
    gradient_boosting._BinMapper = partial(original, subsample=None)
    try:
        yield
    finally:
        gradient_boosting._BinMapper = original


def fit(matrices: list[tuple[np.ndarray, np.ndarray, np.ndarray]], params: dict = PARAMS) -> HistGradientBoostingClassifier:
    X = np.concatenate([m[0] for m in matrices])
    y = np.concatenate([m[1] for m in matrices])
    w = np.concatenate([m[2] for m in matrices])
    model = HistGradientBoostingClassifier(**params)
    model.fit(X, y, sample_weight=w)
    return model


def fit_context(candidates: list[Candidates], first_stage_proba: list[np.ndarray]) -> HistGradientBoostingClassifier:
    """The second stage, from out-of-fold first-stage scores (scores of pages the first stage
    was not trained on, as it will score new pages); cropped copies weigh ``CROPPED_WEIGHT``."""
    return fit([(context_rows(c, p), c.labels, c.weights * (CROPPED_WEIGHT if c.cropped else 1.0))
                for c, p in zip(candidates, first_stage_proba) if len(c.labels)], CONTEXT_PARAMS)


def first_stage_scores(model: HistGradientBoostingClassifier, candidates: Candidates) -> np.ndarray:
    return model.predict_proba(candidates.features)[:, 1] if len(candidates.labels) else np.zeros(0)


def export(model: HistGradientBoostingClassifier) -> dict:
    """One ensemble in portable JSON form: per tree, node arrays in sklearn's order (leaf: feature -1)."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "depth": int(nodes["depth"].max()),
                "feature": [-1 if is_leaf else int(f) for f, is_leaf in zip(nodes["feature_idx"], leaf)],
                "threshold": [0.0 if is_leaf else float(t) for t, is_leaf in zip(nodes["num_threshold"], leaf)],
                "left": [0 if is_leaf else int(x) for x, is_leaf in zip(nodes["left"], leaf)],
                "right": [0 if is_leaf else int(x) for x, is_leaf in zip(nodes["right"], leaf)],
                "value": [float(v) if is_leaf else 0.0 for v, is_leaf in zip(nodes["value"], leaf)],
            }
        )
    return {"baseline": float(np.ravel(model._baseline_prediction)[0]), "trees": trees}


def model_document(model: HistGradientBoostingClassifier, context: HistGradientBoostingClassifier | None) -> dict:
    """The model file's content (without ``context``: the first stage alone)."""
    document = {
        "format": MODEL_FORMAT,
        "features_version": FEATURES_VERSION,
        "features": FEATURE_NAMES,
        "label": f"gold 4-shingle coverage >= {LABEL_MIN_COVERED}",
        "params": PARAMS,
        "trees": export(model),
    }
    if context is not None:
        document["context"] = {
            "features_version": CONTEXT_FEATURES_VERSION,
            "features": CONTEXT_FEATURE_NAMES + CONTEXT_LINE_FEATURES,
            "params": CONTEXT_PARAMS,
            "band": list(CONTEXT_BAND),
            "trained_on": f"out-of-fold first-stage scores ({N_FOLDS} folds by site)",
            "trees": export(context),
        }
    return document


def line_model(model: HistGradientBoostingClassifier, context: HistGradientBoostingClassifier | None) -> LineModel:
    """The model as the pipeline evaluates it (through the JSON form)."""
    return LineModel.from_dict(json.loads(json.dumps(model_document(model, context))))


def save_fold_model(folder: Path, fold: int, stage_one: HistGradientBoostingClassifier,
                    stage_two: HistGradientBoostingClassifier) -> None:
    """Write one fold's model, as the shipped file is written, with the fold split it belongs to."""
    document = model_document(stage_one, stage_two) | {"fold": fold, "fold_seed": FOLD_SEED}
    folder.mkdir(parents=True, exist_ok=True)
    blob = json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"
    (folder / f"fold-{fold}.json").write_text(blob, encoding="utf-8")


def saved_fold_models(folder: Path, fold: int) -> tuple[LineModel, LineModel]:
    """One fold's saved model, both stages and the first alone; refused if made for other folds.

    The folds must be the ones the pages are dealt into now (the same ``--fold-seed``), or pages
    would be scored by a model trained on them.
    """
    data = json.loads((folder / f"fold-{fold}.json").read_text(encoding="utf-8"))
    if data.get("fold") != fold or data.get("fold_seed") != FOLD_SEED:
        raise SystemExit(f"{folder}/fold-{fold}.json was made for fold {data.get('fold')} of fold seed "
                         f"{data.get('fold_seed')}, not fold {fold} of fold seed {FOLD_SEED}")
    return LineModel.from_dict(data), LineModel.from_dict({k: v for k, v in data.items() if k != "context"})


def clean_text(page: Page, model: LineModel, config: PipelineConfig, alone: bool) -> str:
    """The page through the text steps, with ``model`` as the line classifier."""
    doc = Document.from_text(page.page_id, page.set_name, page.text)
    for name, step in TEXT_STEPS:
        if name == "line_classifier":
            apply_verdict(doc, name, classify_with_model(doc, config, model))
        elif not alone:
            apply_verdict(doc, name, step(doc, config))
    return assemble_text(doc)


def evaluate(texts: dict[str, dict[str, str]], pages: list[Page]) -> None:
    """Print F1, P and R of each set (``pages``: every page scored, for its gold text), and for
    wcxb-dev by kind of page too (``bench/kinds.py``)."""
    score = scorer()
    for set_name in sorted(texts):
        golds = {p.page_id: p.gold for p in pages if p.set_name == set_name and p.page_id in texts[set_name]}
        per_page = page_figures(score.page_counts, golds, texts[set_name])
        F1, P, R = pooled(list(per_page.values()))
        print(f"  {set_name:14s} F1={F1:.3f} P={P:.3f} R={R:.3f} pages={len(texts[set_name])}")
        if set_name in ("wcxb-w3m", "wcxb-bs4", "wcxb-markdown"):
            print(format_kinds(figures_by_kind(per_page, page_kinds())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    parser.add_argument("--alone", action="store_true", help="CV with the line classifier as the only step")
    parser.add_argument("--oof-dir", type=Path, help="write out-of-fold texts (after the corpus-wide paragraph step) "
                        "to DIR/<set>/<id>.txt")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--thresholds", help="also validate these keep thresholds, e.g. 0.4,0.6")
    parser.add_argument("--capitalised", action="store_true",
                        help="also validate German-like copies of the pages (half the content words capitalised)")
    parser.add_argument("--capitalised-weight", type=float, default=CAPITALISED_WEIGHT,
                        help=f"weight of those copies in training (default {CAPITALISED_WEIGHT}; 0: not trained on)")
    parser.add_argument("--wcxb-bs4-weight", type=float, default=WCXB_BS4_WEIGHT,
                        help=f"weight of wcxb-dev's bs4 renderings in training (default {WCXB_BS4_WEIGHT}; 0: scored only)")
    parser.add_argument("--fold-seed", type=int, default=0,
                        help="deal the sites into other folds (0: the shipped split); use with --out")
    parser.add_argument("--save-folds", type=Path, metavar="DIR",
                        help="also write each fold's model (both stages) to DIR/fold-K.json")
    parser.add_argument("--load-folds", type=Path, metavar="DIR",
                        help="cross-validate with the fold models --save-folds wrote (same --fold-seed) "
                        "instead of training: minutes instead of twenty, for rules and settings after "
                        "the scores; writes no model")
    parser.add_argument("--config", type=Path, metavar="TOML",
                        help="validate with this pipeline config instead of the defaults (e.g. other "
                        "[classifier] settings)")
    args = parser.parse_args()
    global FOLD_SEED
    FOLD_SEED = args.fold_seed

    started = time.time()
    config = config_from_toml(args.config.read_text(encoding="utf-8"), str(args.config)) if args.config else PipelineConfig()
    if args.load_folds and args.no_cv:
        parser.error("--load-folds cross-validates: leave out --no-cv")
    pages = load_pages(args.wcxb_bs4_weight)
    train = [p for p in pages if p.train]
    wanted = args.capitalised or args.capitalised_weight > 0
    caps = [capitalised(p, args.capitalised_weight) for p in train] if wanted else []
    if args.capitalised_weight > 0:
        train += caps
    # every training page's crop (a capitalised copy's too) weighs CROPPED_WEIGHT in the second stage
    crops = [c for c in map(cropped, train) if c is not None]
    second = train + crops  # the second stage's training pages
    training = not args.load_folds  # saved fold models need no training matrices
    matrices = {id(p): page_matrix(p) for p in train} if training else {}
    candidates = {id(p): candidate_matrix(p, config) for p in second} if training else {}
    n_lines = sum(len(m[1]) for m in matrices.values())
    print(f"{len(pages)} pages, {n_lines} training lines, {len(FEATURE_NAMES)} + "
          f"{len(CONTEXT_FEATURE_NAMES) + len(CONTEXT_LINE_FEATURES)} features, {time.time() - started:.0f}s to load")

    def first_stage(folds: set[int]) -> HistGradientBoostingClassifier:
        return fit([matrices[id(p)] for p in train if fold_of(p.site) in folds])

    def out_of_fold(folds: set[int]) -> dict[int, np.ndarray]:
        """First-stage scores of the training pages in ``folds``, each from a model trained on the
        other folds among them."""
        scores = {}
        for held_out in sorted(folds):
            model = first_stage(folds - {held_out})
            for page in second:
                if fold_of(page.site) == held_out:
                    scores[id(page)] = first_stage_scores(model, candidates[id(page)])
        return scores

    all_folds = set(range(N_FOLDS))
    oof_all: dict[int, np.ndarray] = {}
    if not args.no_cv:
        # nested: each outer fold's second stage learns from scores its first stage never made
        sweep = [float(x) for x in args.thresholds.split(",")] if args.thresholds else []
        texts: dict[str, dict[str, str]] = {}
        first_texts: dict[str, dict[str, str]] = {}
        swept: dict[float, dict[str, dict[str, str]]] = {t: {} for t in sweep}
        scored = pages + crops + (caps if args.capitalised else [])
        for fold in range(N_FOLDS):
            if args.load_folds:
                model, alone = saved_fold_models(args.load_folds, fold)
            else:
                others = all_folds - {fold}
                stage_one = first_stage(others)
                inner = out_of_fold(others)
                stage_two = fit_context([candidates[k] for k in inner], list(inner.values()))
                model = line_model(stage_one, stage_two)
                alone = line_model(stage_one, None)
                if args.save_folds:
                    save_fold_model(args.save_folds, fold, stage_one, stage_two)
                for page in second:
                    if fold_of(page.site) == fold:
                        oof_all[id(page)] = first_stage_scores(stage_one, candidates[id(page)])
            for page in scored:
                if fold_of(page.site) == fold:
                    text = clean_text(page, model, config, args.alone)
                    texts.setdefault(page.set_name, {})[page.page_id] = text
                    text = clean_text(page, alone, config, args.alone)
                    first_texts.setdefault(page.set_name, {})[page.page_id] = text
                    for threshold in sweep:
                        other = dataclasses.replace(
                            config, classifier=dataclasses.replace(config.classifier, keep_threshold=threshold)
                        )
                        text = clean_text(page, model, other, args.alone)
                        swept[threshold].setdefault(page.set_name, {})[page.page_id] = text
            print(f"  fold {fold}: {time.time() - started:.0f}s")
        for threshold in sweep:
            print(f"keep_threshold={threshold}:")
            evaluate(swept[threshold], scored)
            print(f"keep_threshold={threshold}, then corpus-wide repeated paragraphs:")
            evaluate({name: without_repeated(by_id, config) for name, by_id in swept[threshold].items()}, scored)
        steps = "line classifier alone" if args.alone else "all text steps"
        print(f"first stage only, cross-validated by site ({N_FOLDS} folds, {steps}):")
        evaluate(first_texts, scored)
        print(f"cross-validated by site ({N_FOLDS} folds, {steps}):")
        evaluate(texts, scored)
        if os.environ.get("LINE_CV_TEXTS"):  # per-page texts before the corpus-wide step, for a closer look
            Path(os.environ["LINE_CV_TEXTS"]).write_text(json.dumps(texts), encoding="utf-8")
        # each set is a corpus, as a run over its folder: the merge-time paragraph step on top
        texts = {set_name: without_repeated(by_id, config) for set_name, by_id in texts.items()}
        print(f"cross-validated by site ({N_FOLDS} folds, {steps}, then corpus-wide repeated paragraphs):")
        evaluate(texts, scored)
        if args.oof_dir:
            for set_name, by_id in texts.items():
                folder = args.oof_dir / set_name
                folder.mkdir(parents=True, exist_ok=True)
                for page_id, text in by_id.items():
                    (folder / f"{page_id}.txt").write_text(text, encoding="utf-8")
        if args.load_folds:
            print(f"validated the fold models of {args.load_folds} in {time.time() - started:.0f}s; no model written")
            return 0
    else:
        oof_all = out_of_fold(all_folds)

    # the shipped model: the first stage on every page, the second on all out-of-fold scores
    stage_one = first_stage(all_folds)
    keys = [id(p) for p in second]
    stage_two = fit_context([candidates[k] for k in keys], [oof_all[k] for k in keys])
    blob = json.dumps(model_document(stage_one, stage_two), sort_keys=True, separators=(",", ":")) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(blob, encoding="utf-8")
    digest = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
    print(f"wrote {args.out} ({len(blob) / 1024:.0f} KiB, sha256 {digest}) in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
