"""Train the line classifier and print its figures cross-validated by site.

    .venv/bin/python bench/train_line_model.py                 # CV figures, then write the model
    .venv/bin/python bench/train_line_model.py --no-cv         # only (re)write the model
    .venv/bin/python bench/train_line_model.py --alone         # CV with no other step running
    .venv/bin/python bench/train_line_model.py --oof-dir /tmp/oof   # also write out-of-fold texts
    .venv/bin/python bench/train_line_model.py --thresholds 0.4,0.6  # also try other thresholds

Needs the ``train`` extra (scikit-learn) and the development data; takes about 7 minutes on
two cores (about 1.5 with ``--no-cv``). The out-of-fold texts can be re-scored with
``python ../shared/bench/score.py /tmp/oof/aeb-w3m ../shared/bench/aeb-dev/gold``.

Data: the development splits in ``../shared/bench`` (aeb-dev w3m/lynx/bs4 dumps, wcxb-dev w3m
dumps). Line labels come from aligning each dump to its gold text: a dump token is "in gold"
when one of the word 4-shingles covering it occurs in the gold text (the scorer's shingles), and
a line is content when at least half of its tokens are. Lines are weighted so that every page
counts about equally and, within a page, longer lines count more (as in the scorer).

Validation: pages are split into folds by site (host name without ``www.``), so no site is in
both the training and the validation part; aeb's three renderings of a page and its corrupted
copy share the page's site. Every page is cleaned by the pipeline (``TEXT_STEPS``) with the
fold's model in the ``line_classifier`` slot, and the out-of-fold texts are scored with the
benchmark's scorer. The corrupted aeb dumps are only evaluated, never trained on.

The shipped model is trained on all pages and written as JSON (sorted keys, shortest
round-tripping floats), so re-running the script reproduces the file byte for byte.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib.util
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cleaners.config import PipelineConfig  # noqa: E402
from cleaners.decode import decode_bytes  # noqa: E402
from cleaners.document import Document, apply_verdict  # noqa: E402
from cleaners.line_classifier import MODEL_FORMAT, LineModel, classify_with_model  # noqa: E402
from cleaners.line_features import FEATURE_NAMES, FEATURES_VERSION, page_features  # noqa: E402
from cleaners.pipeline import TEXT_STEPS  # noqa: E402
from cleaners.text import assemble_text  # noqa: E402

BENCH = REPO.parent / "shared" / "bench"
AEB = BENCH / "aeb-dev"
WCXB = BENCH / "wcxb-dev"
MODEL_PATH = REPO / "cleaners" / "models" / "line_model_v1.json"
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


def site_of(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def load_pages() -> list[Page]:
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
    for line in (WCXB / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        page_id = meta["id"]
        raw = (WCXB / "dumps" / "w3m" / f"{page_id}.txt").read_bytes()
        gold = (WCXB / "gold" / f"{page_id}.txt").read_text(encoding="utf-8")
        pages.append(Page("wcxb-w3m", page_id, site_of(meta["url"]), decode_bytes(raw, config.decode).text, gold, True))
    return pages


def fold_of(site: str) -> int:
    return int(hashlib.sha256(site.encode("utf-8")).hexdigest(), 16) % N_FOLDS


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


def page_matrix(page: Page) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and weights of a page's non-blank lines."""
    lines = Document.from_text(page.page_id, page.set_name, page.text).lines
    features = page_features(lines)
    labels, counts = line_labels(lines, page.gold)
    rows = np.asarray([i for i, line in enumerate(lines) if line.strip()], dtype=np.intp)
    weight = np.sqrt(1.0 + counts[rows])
    weight = weight / weight.sum() * min(len(rows), 200)  # pages count about equally
    return features[rows], labels[rows], weight


def fit(matrices: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> HistGradientBoostingClassifier:
    X = np.concatenate([m[0] for m in matrices])
    y = np.concatenate([m[1] for m in matrices])
    w = np.concatenate([m[2] for m in matrices])
    model = HistGradientBoostingClassifier(**PARAMS)
    model.fit(X, y, sample_weight=w)
    return model


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


def model_document(model: HistGradientBoostingClassifier) -> dict:
    return {
        "format": MODEL_FORMAT,
        "features_version": FEATURES_VERSION,
        "features": FEATURE_NAMES,
        "label": f"gold 4-shingle coverage >= {LABEL_MIN_COVERED}",
        "params": PARAMS,
        "trees": export(model),
    }


def line_model(model: HistGradientBoostingClassifier) -> LineModel:
    """The model as the pipeline evaluates it (through the JSON form)."""
    return LineModel.from_dict(json.loads(json.dumps(model_document(model))))


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
    score = scorer()
    gold = {(p.set_name, p.page_id): p.gold for p in pages}
    for set_name in sorted(texts):
        ps, rs = [], []
        for page_id, text in texts[set_name].items():
            tp, fp, fn = score.page_counts(gold[(set_name, page_id)], text)
            if tp + fp:
                ps.append(tp / (tp + fp))
            if tp + fn:
                rs.append(tp / (tp + fn))
        P, R = float(np.mean(ps)), float(np.mean(rs))
        F1 = 2 * P * R / (P + R) if P + R else 0.0
        print(f"  {set_name:14s} F1={F1:.3f} P={P:.3f} R={R:.3f} pages={len(texts[set_name])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    parser.add_argument("--alone", action="store_true", help="CV with the line classifier as the only step")
    parser.add_argument("--oof-dir", type=Path, help="write out-of-fold texts to DIR/<set>/<id>.txt")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--thresholds", help="also validate these keep thresholds, e.g. 0.3,0.4,0.6")
    args = parser.parse_args()

    started = time.time()
    pages = load_pages()
    matrices = {id(p): page_matrix(p) for p in pages if p.train}
    n_lines = sum(len(m[1]) for m in matrices.values())
    print(f"{len(pages)} pages, {n_lines} training lines, {len(FEATURE_NAMES)} features, "
          f"{time.time() - started:.0f}s to load")

    if not args.no_cv:
        config = PipelineConfig()
        sweep = [float(x) for x in args.thresholds.split(",")] if args.thresholds else []
        texts: dict[str, dict[str, str]] = {}
        swept: dict[float, dict[str, dict[str, str]]] = {t: {} for t in sweep}
        for fold in range(N_FOLDS):
            train = [matrices[id(p)] for p in pages if p.train and fold_of(p.site) != fold]
            model = line_model(fit(train))
            for page in pages:
                if fold_of(page.site) == fold:
                    text = clean_text(page, model, config, args.alone)
                    texts.setdefault(page.set_name, {})[page.page_id] = text
                    for threshold in sweep:
                        other = dataclasses.replace(
                            config, classifier=dataclasses.replace(config.classifier, keep_threshold=threshold)
                        )
                        text = clean_text(page, model, other, args.alone)
                        swept[threshold].setdefault(page.set_name, {})[page.page_id] = text
            print(f"  fold {fold}: {time.time() - started:.0f}s")
        for threshold in sweep:
            print(f"keep_threshold={threshold}:")
            evaluate(swept[threshold], pages)
        print(f"cross-validated by site ({N_FOLDS} folds, {'line classifier alone' if args.alone else 'all text steps'}):")
        evaluate(texts, pages)
        if args.oof_dir:
            for set_name, by_id in texts.items():
                folder = args.oof_dir / set_name
                folder.mkdir(parents=True, exist_ok=True)
                for page_id, text in by_id.items():
                    (folder / f"{page_id}.txt").write_text(text, encoding="utf-8")

    model = fit([matrices[id(p)] for p in pages if p.train])
    blob = json.dumps(model_document(model), sort_keys=True, separators=(",", ":")) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(blob, encoding="utf-8")
    digest = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
    print(f"wrote {args.out} ({len(blob) / 1024:.0f} KiB, sha256 {digest}) in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
