"""Train the title model (``cleaners/models/title_model_v1.json``) and print its figures by site.

    .venv/bin/python bench/train_title_model.py                    # cross-validate, then write the model
    .venv/bin/python bench/train_title_model.py --line-folds /tmp/folds --no-write

The title step (``cleaners/title.py``) scores the lines above a dump's first kept paragraph; this
script labels them with the development pages' titles (wcxb-dev's ``meta.jsonl``; aeb-dev's pages'
``og:title`` or ``<title>``): a line is the title when, as lower-case words, it equals the title,
one holds the other and the shorter has at least ``MATCH_SHARE`` of the longer's characters (a site
name after a bar, a subtitle), or ``MATCH_SHARE`` of their words (three or more each) are shared (a
headline worded a little apart from the page's ``<title>``). The documents are the text steps'
output up to the title step, with the shipped line model; ``--line-folds DIR`` uses the line
trainer's fold models (``bench/train_line_model.py --save-folds DIR``) for each page's fold, as a
new page sees the line model. Figures: per page, whether the chosen title is right, wrong or none,
with the model cross-validated by site (the line trainer's five folds), against what ``page_header``
alone chooses. The model is gradient-boosted trees (scikit-learn), written as the line model's trees
are.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.renderings import bs4_dump  # noqa: E402
from bench.train_line_model import AEB, WCXB, export, fold_of, markdown_text, site_of  # noqa: E402
from cleaners.config import HeaderConfig, PipelineConfig  # noqa: E402
from cleaners.decode import decode_bytes  # noqa: E402
from cleaners.document import Document, apply_verdict  # noqa: E402
from cleaners.line_classifier import LineModel, classify_with_model  # noqa: E402
from cleaners.pipeline import TEXT_STEPS  # noqa: E402
from cleaners.line_classifier import TreeEnsemble  # noqa: E402,F811
from cleaners.title import FEATURE_NAMES, MODEL_FILE, MODEL_FORMAT, candidate_features, candidate_lines, pick  # noqa: E402

MATCH_SHARE = 0.6
#: Renderings scored, not learnt from (learning from wcxb-dev's bs4 renderings too was measured:
#: docs/experiments.md, Title model).
SCORED_ONLY = {"aeb-markdown", "wcxb-bs4"}
PARAMS = dict(max_iter=100, learning_rate=0.1, max_leaf_nodes=15, max_depth=5, min_samples_leaf=20,
              l2_regularization=1.0, early_stopping=False, random_state=0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
N_FOLDS = 5


@dataclass
class TitlePage:
    set_name: str
    page_id: str
    site: str
    title: str
    rows: np.ndarray  # candidate_features of its candidates
    texts: list[str]  # the candidates' lines
    header_title: str  # what page_header chose ("" for none)
    train: bool = True  # aeb-dev's pages saved as Markdown are scored, not learnt from


def words_of(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def is_title(line: str, title: str) -> bool:
    a, b = words_of(line), words_of(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 10 and short in long and len(short) >= MATCH_SHARE * len(long):
        return True
    # the headline and the page's <title> worded a little apart ("'We Got Her!' Video Shows …")
    one, other = set(a.split()), set(b.split())
    return min(len(one), len(other)) >= 3 and len(one & other) >= MATCH_SHARE * len(one | other)


def html_title(page: str) -> str:
    found = (re.search(r"<meta[^>]+property=[\"']og:title[\"'][^>]*content=(?:\"([^\"]+)\"|'([^']+)')", page)
             or re.search(r"<title[^>]*>()(.*?)</title>", page, re.S))
    return html.unescape(found.group(1) or found.group(2)).strip() if found else ""


def sources(wcxb_bs4: bool = False) -> list[tuple[str, str, str, str, bytes]]:
    """(set, id, site, title, dump bytes) of every page the title model learns from, and of
    aeb-dev's pages saved as Markdown (``aeb-markdown``, scored only) and, with ``wcxb_bs4``,
    wcxb-dev's pages as a naive scraper saves them (``wcxb-bs4``, scored only)."""
    out = []
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in (AEB / "ids.txt").read_text().split():
        page = gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        title = html_title(page)
        for rendering in ("w3m", "lynx", "bs4"):
            raw = (AEB / "dumps" / rendering / f"{page_id}.txt").read_bytes()
            out.append((f"aeb-{rendering}", page_id, site_of(truth[page_id]["url"]), title, raw))
        markdown = markdown_text(page, PipelineConfig()).encode("utf-8")
        out.append(("aeb-markdown", page_id, site_of(truth[page_id]["url"]), title, markdown))
    for line in (WCXB / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        raw = (WCXB / "dumps" / "w3m" / f"{meta['id']}.txt").read_bytes()
        out.append(("wcxb-w3m", meta["id"], site_of(meta["url"]), meta.get("title") or "", raw))
        if wcxb_bs4:
            page = gzip.decompress((WCXB / "html" / f"{meta['id']}.html.gz").read_bytes()).decode("utf-8")
            dump = bs4_dump(page).encode("utf-8")
            out.append(("wcxb-bs4", meta["id"], site_of(meta["url"]), meta.get("title") or "", dump))
    return out


def before_title(text: str, config: PipelineConfig, model: LineModel | None) -> Document:
    """The document as the title step receives it."""
    doc = Document.from_text("", "", text)
    for name, step in TEXT_STEPS:
        if name == "title":
            break
        if name == "line_classifier" and model is not None:
            apply_verdict(doc, name, classify_with_model(doc, config, model))
        else:
            apply_verdict(doc, name, step(doc, config))
    return doc


def load(config: PipelineConfig, line_folds: Path | None, wcxb_bs4: bool = False) -> list[TitlePage]:
    fold_models = {}
    if line_folds is not None:
        for fold in range(N_FOLDS):
            data = json.loads((line_folds / f"fold-{fold}.json").read_text(encoding="utf-8"))
            fold_models[fold] = LineModel.from_dict(data)
    pages = []
    for set_name, page_id, site, title, raw in sources(wcxb_bs4):
        text = decode_bytes(raw, config.decode).text
        doc = before_title(text, config, fold_models.get(fold_of(site)))
        candidates = candidate_lines(doc)
        pages.append(TitlePage(set_name, page_id, site, title, candidate_features(doc, candidates),
                               [doc.lines[i].strip() for i in candidates], doc.metadata.get("title") or "",
                               set_name not in SCORED_ONLY))
    return pages


def fit(pages: list[TitlePage]) -> TreeEnsemble:
    X = np.concatenate([p.rows for p in pages if len(p.rows)])
    y = np.array([is_title(text, p.title) for p in pages for text in p.texts], dtype=int)
    model = HistGradientBoostingClassifier(**PARAMS).fit(X, y)
    return TreeEnsemble.from_dict(json.loads(json.dumps(export(model)))), export(model)


def choose(page: TitlePage, model: TreeEnsemble, header: HeaderConfig) -> str:
    """The title the step would choose among the page's candidates (``pick``, as the step)."""
    if not len(page.rows):
        return ""
    best = pick(model.predict_proba(np.asarray(page.rows, dtype=np.float64)).tolist(), header)
    return page.texts[best] if best is not None else ""


def model_file_text(pages: list[TitlePage]) -> str:
    """The shipped model file's text: trees fit on every page learnt from (byte for byte the same
    on every run: the rows are the pipeline's, the trees bin fewer than 200,000 rows exactly)."""
    trees = fit([p for p in pages if p.train])[1]
    document = {"format": MODEL_FORMAT, "features": FEATURE_NAMES, "params": PARAMS,
                "label": f"the page's title (words equal, or one holding the other at {MATCH_SHARE})", "trees": trees}
    return json.dumps(document, separators=(",", ":")) + "\n"


def verdict(chosen: str, title: str) -> str:
    if not chosen:
        return "none"
    return "right" if is_title(chosen, title) else "wrong"


def report(name: str, pages: list[TitlePage], chosen: dict[int, str]) -> None:
    for set_name in sorted({p.set_name for p in pages}):
        group = [p for p in pages if p.set_name == set_name and p.title]
        counts = {"right": 0, "wrong": 0, "none": 0}
        for p in group:
            counts[verdict(chosen[id(p)], p.title)] += 1
        print(f"  {name:22s} {set_name:12s} right {counts['right']:4d}  wrong {counts['wrong']:4d}  "
              f"none {counts['none']:4d}  of {len(group)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--line-folds", type=Path, help="the line trainer's fold models (--save-folds DIR)")
    parser.add_argument("--no-write", action="store_true", help="cross-validate only")
    parser.add_argument("--wcxb-bs4", action="store_true", help="also score wcxb-dev's pages as a naive scraper "
                        "saves them (BeautifulSoup's text; not learnt from; about two minutes more)")
    args = parser.parse_args()
    config = PipelineConfig()
    pages = load(config, args.line_folds, args.wcxb_bs4)
    print(f"{len(pages)} pages, {sum(len(p.rows) for p in pages if p.train)} candidate lines to learn from, "
          f"{sum(any(is_title(t, p.title) for t in p.texts) for p in pages)} pages with the title among them")
    report("page_header alone", pages, {id(p): p.header_title for p in pages})
    models: dict[int, TreeEnsemble] = {}
    rules = [(f"model, p >= {threshold}", dataclasses.replace(config.header, title_min_probability=threshold,
                                                              title_clear_lead=None)) for threshold in THRESHOLDS]
    rules.append(("model, as configured", config.header))  # p >= 0.5, or a clear favourite
    for name, header in rules:
        chosen = {}
        for fold in range(N_FOLDS):
            model = models.setdefault(fold, fit([p for p in pages if p.train and fold_of(p.site) != fold])[0])
            for p in pages:
                if fold_of(p.site) == fold:
                    chosen[id(p)] = choose(p, model, header)
        report(name, pages, chosen)
    if not args.no_write:
        MODEL_FILE.write_text(model_file_text(pages), encoding="utf-8")
        print(f"wrote {MODEL_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
