"""The review page: ``review.html``, one self-contained file showing what a run did.

Totals and charts cover the whole run: they come from ``report.json`` and one streaming pass
over ``corpus.jsonl`` and ``rejects.jsonl``. The document browser embeds a deterministic sample:
the first ``review.max_documents`` documents by id. For each it re-reads the input (for a WARC
record, its archive's record at the position its source names), decodes it with the pipeline's
own code (``cleaners.pipeline.decoded_lines``) and marks every line listed in
``docs/ID.removed.jsonl`` with its reason.

Nothing here depends on time, randomness or absolute paths, so the same outputs and config give
a byte-identical page. Page text reaches the browser only as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the script
puts it into the page with ``textContent`` only, so no input can inject markup or script.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from cleaners.config import PipelineConfig
from cleaners.decode import maybe_gunzip
from cleaners.errors import RejectError
from cleaners.pipeline import decoded_lines
from flows.archives import find_archive_records
from flows.batch import document_paths
from flows.configdoc import config_to_toml
from flows.discover import classify_name
from flows.storage import atomic_write_text
from flows.warc import WarcItem, WarcPayload, split_record_source

#: Upper bounds (exclusive) of the word-count histogram bins; the last bin is open.
WORD_BINS = (50, 100, 200, 500, 1000, 2000, 5000, 10000)
#: Colours for reason codes, given out in sorted reason order (stable for the same outputs); all
#: dark enough for the white label text on them.
PALETTE = ("#c0392b", "#1e8449", "#2e59c6", "#d35400", "#7d3c98", "#117a8b", "#b03a91", "#6b8e23",
           "#8e5b1a", "#34495e", "#a93226", "#0b5345", "#5b2c6f", "#9a7d0a", "#566573", "#1a5276")
MAX_REJECT_ROWS = 300


@dataclass
class RunStats:
    """What one pass over the corpus and rejects found (small whatever the corpus size)."""

    documents: int = 0
    words: int = 0
    removed: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    repairs: Counter = field(default_factory=Counter)
    word_bins: list[int] = field(default_factory=lambda: [0] * (len(WORD_BINS) + 1))
    pipeline_versions: Counter = field(default_factory=Counter)
    config_hashes: Counter = field(default_factory=Counter)
    sample: list[dict[str, Any]] = field(default_factory=list)
    rejects: int = 0
    rejects_by_reason: Counter = field(default_factory=Counter)
    reject_rows: list[dict[str, Any]] = field(default_factory=list)


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.is_file():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def word_bin(count: int) -> int:
    for index, bound in enumerate(WORD_BINS):
        if count < bound:
            return index
    return len(WORD_BINS)


def bin_labels() -> list[str]:
    lows = (0,) + WORD_BINS
    labels = [f"{lo:,}–{hi - 1:,}" for lo, hi in zip(lows, WORD_BINS)]
    return labels + [f"{WORD_BINS[-1]:,}+"]


def collect_stats(out_dir: Path, max_documents: int) -> RunStats:
    """Stream ``corpus.jsonl`` (sorted by id) and ``rejects.jsonl``; keep the first records."""
    stats = RunStats()
    for record in _jsonl(out_dir / "corpus.jsonl"):
        stats.documents += 1
        stats.words += record["word_count"]
        stats.removed.update(record["removed"])
        stats.languages[record["language"] or "unknown"] += 1
        stats.repairs.update(record["repairs"])
        stats.word_bins[word_bin(record["word_count"])] += 1
        stats.pipeline_versions[record["pipeline_version"]] += 1
        stats.config_hashes[record["config_sha256"]] += 1
        if len(stats.sample) < max_documents:
            record.pop("text", None)  # the browser shows the input lines, not the text twice
            stats.sample.append(record)
    for reject in _jsonl(out_dir / "rejects.jsonl"):
        stats.rejects += 1
        stats.rejects_by_reason[reject["reason"]] += 1
        if len(stats.reject_rows) < MAX_REJECT_ROWS:
            stats.reject_rows.append(reject)
    return stats


def warc_records(input_dir: Path, sources: list[str], config: PipelineConfig) -> dict[str, WarcItem]:
    """The records of archives (WARC, JSON Lines feeds) among these sources, by source, reading each archive once.

    An archive that cannot be read gives none: those documents are shown with their removal log only.
    """
    wanted: dict[str, dict[int, str]] = {}
    for source in sources:
        located = split_record_source(source)
        if located is not None:
            wanted.setdefault(located[0], {})[located[1]] = source
    found: dict[str, WarcItem] = {}
    for archive, by_index in sorted(wanted.items()):
        try:
            with open(input_dir / archive, "rb") as fh:
                items = find_archive_records(classify_name(archive)[1], fh, by_index, config.decode.max_input_bytes)
        except OSError:
            continue
        found.update((by_index[index], item) for index, item in items.items())
    return found


def input_lines(input_dir: Path, record: dict[str, Any], config: PipelineConfig,
                records: dict[str, WarcItem] | None = None) -> tuple[list[str] | None, str]:
    """The decoded input lines of a record, as the removal log numbers them, or a note why not.

    ``records`` holds the WARC records of the page's documents (``warc_records``).
    """
    source = record["source"]
    if split_record_source(source) is not None:
        item = (records or {}).get(source)
        if item is None:
            return None, "the record could not be read again from its archive"
        if not isinstance(item, WarcPayload):
            return None, "the input changed since it was cleaned"
        return _lines_if_unchanged(item.payload, record, item.kind, config, item.charset)
    named = classify_name(source)
    if named is None:
        return None, "the input's name is not one the pipeline reads"
    try:
        raw = (input_dir / source).read_bytes()
    except OSError as exc:
        return None, f"the input could not be read again ({exc.strerror or type(exc).__name__})"
    return _lines_if_unchanged(raw, record, named[1], config)


def _lines_if_unchanged(raw: bytes, record: dict[str, Any], kind: str, config: PipelineConfig,
                        http_charset: str | None = None) -> tuple[list[str] | None, str]:
    """Decode the bytes read again as the run did, unless they are not the bytes it cleaned.

    ``http_charset`` is a WARC record's HTTP charset: the run decoded its payload with that hint.
    """
    if hashlib.sha256(raw).hexdigest() != record["raw_sha256"]:
        return None, "the input changed since it was cleaned"
    try:
        return decoded_lines(maybe_gunzip(raw, config.decode.max_input_bytes), kind, config, http_charset), ""
    except RejectError as exc:
        return None, f"the input could not be decoded again ({exc.reason})"


def document_entry(out_dir: Path, input_dir: Path, record: dict[str, Any], config: PipelineConfig,
                   records: dict[str, WarcItem] | None = None) -> dict[str, Any]:
    """Everything the browser shows for one document (all of it plain data)."""
    removed_path = document_paths(out_dir, record["id"])[1]
    removals = list(_jsonl(removed_path))
    lines, note = input_lines(input_dir, record, config, records)
    cap = config.review.max_lines_per_document
    if lines is not None and len(lines) > cap:
        note = f"only the first {cap:,} of {len(lines):,} decoded lines are shown"
        lines = lines[:cap]
    meta = {key: record.get(key) for key in ("source", "title", "date", "publisher", "author", "url",
                                              "language", "language_score", "word_count", "encoding")}
    meta["removed lines"] = sum(record["removed"].values())
    meta["repairs"] = ", ".join(f"{k} {v}" for k, v in record["repairs"].items()) or None
    return {
        "id": record["id"],
        "title": record.get("title") or "",
        "meta": [[k, v] for k, v in meta.items() if v not in (None, "")],
        "captions": record.get("captions", []),
        "lines": lines,
        "note": note,
        "drops": [[r["line_no"], r["reason"], r["step"], r["text"]] for r in removals],
    }


# ---- rendering -------------------------------------------------------------------------------

def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def bar_chart(title: str, counts: list[tuple[str, int]], chart_id: str, colours: dict[str, str] | None = None,
              empty: str = "none") -> str:
    """A horizontal bar chart as plain HTML and CSS (works without script)."""
    rows = []
    top = max((n for _, n in counts), default=0)
    total = sum(n for _, n in counts)
    for label, number in counts:
        width = 100.0 * number / top if top else 0.0
        share = 100.0 * number / total if total else 0.0
        colour = (colours or {}).get(label, "#4363d8")
        rows.append(
            f'<div class="row"><span class="label" title="{_e(label)}">{_e(label)}</span>'
            f'<span class="track"><span class="bar" style="width:{width:.1f}%;background:{colour}"></span></span>'
            f'<span class="num">{number:,} <small>({share:.1f}%)</small></span></div>')
    body = "\n".join(rows) if rows else f'<p class="muted">{_e(empty)}</p>'
    return f'<section class="chart" id="{chart_id}"><h3>{_e(title)}</h3>\n{body}\n</section>'


def reason_colours(reasons: list[str]) -> dict[str, str]:
    return {reason: PALETTE[i % len(PALETTE)] for i, reason in enumerate(sorted(set(reasons)))}


def _totals(report: dict[str, Any], stats: RunStats) -> str:
    items = [
        ("inputs", report.get("inputs", stats.documents + stats.rejects)),
        ("documents", stats.documents),
        ("rejected", stats.rejects),
        ("removed lines", sum(stats.removed.values())),
        ("words kept", stats.words),
    ]
    cells = "".join(f'<div class="total" id="total-{_e(k.replace(" ", "-"))}"><b>{v:,}</b><span>{_e(k)}</span></div>'
                    for k, v in items)
    return f'<section class="totals">{cells}</section>'


def _reject_table(stats: RunStats) -> str:
    if not stats.reject_rows:
        return '<p class="muted">No input was rejected.</p>'
    rows = "".join(f"<tr><td>{_e(r['source'])}</td><td><code>{_e(r['reason'])}</code></td><td>{_e(r['detail'])}</td></tr>"
                   for r in stats.reject_rows)
    more = (f'<p class="muted">The first {len(stats.reject_rows):,} of {stats.rejects:,} rejects by source.</p>'
            if stats.rejects > len(stats.reject_rows) else "")
    return f"<table><tr><th>source</th><th>reason</th><th>detail</th></tr>{rows}</table>{more}"


def _counts(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def render(report: dict[str, Any], stats: RunStats, docs: list[dict[str, Any]], config: PipelineConfig) -> str:
    """The whole page as one string (deterministic for the same inputs)."""
    all_reasons = list(stats.removed) + [d[1] for doc in docs for d in doc["drops"]]
    colours = reason_colours(all_reasons)
    version = ", ".join(sorted(stats.pipeline_versions)) or report.get("pipeline_version", "")
    hashes = sorted(stats.config_hashes) or [report.get("config_sha256", "")]
    sample_note = (f"The browser holds the first {len(docs):,} of {stats.documents:,} documents by id "
                   f"(<code>review.max_documents = {config.review.max_documents}</code>); totals and charts cover all of them."
                   if stats.documents > len(docs) else f"The browser holds all {len(docs):,} documents.")
    histogram = list(zip(bin_labels(), stats.word_bins))
    charts = "\n".join([
        bar_chart("Removed lines by reason", _counts(stats.removed), "chart-removed", colours),
        bar_chart("Rejected inputs by reason", _counts(stats.rejects_by_reason), "chart-rejects",
                  empty="No input was rejected."),
        bar_chart("Documents by language", _counts(stats.languages), "chart-languages"),
        bar_chart("Kept text length (words per document)", histogram, "chart-words"),
        bar_chart("Decoding repairs", _counts(stats.repairs), "chart-repairs", empty="No repairs."),
    ])
    data = {"docs": docs, "colours": colours}
    return PAGE.format(
        version=_e(version),
        config_hash=_e(", ".join(hashes)),
        mixed=' <b class="warn">(records of more than one config or version)</b>' if len(hashes) > 1 or len(stats.pipeline_versions) > 1 else "",
        totals=_totals(report, stats),
        charts=charts,
        rejects=_reject_table(stats),
        sample_note=sample_note,
        config_toml=_e(config_to_toml(config)),
        data=script_json(data),
        style=STYLE,
        script=SCRIPT,
    )


def build_review(out_dir: Path, input_dir: Path, config: PipelineConfig, report: dict[str, Any] | None = None) -> str:
    if report is None:
        report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    stats = collect_stats(out_dir, config.review.max_documents)
    records = warc_records(input_dir, [record["source"] for record in stats.sample], config)
    docs = [document_entry(out_dir, input_dir, record, config, records) for record in stats.sample]
    return render(report, stats, docs, config)


def write_review(out_dir: Path, input_dir: Path, config: PipelineConfig, report: dict[str, Any] | None = None) -> Path | None:
    """Write ``review.html`` into the output folder (atomically); ``None`` when it is turned off."""
    path = Path(out_dir) / "review.html"
    if not config.review.enabled:
        return None
    atomic_write_text(path, build_review(Path(out_dir), Path(input_dir), config, report))
    return path


STYLE = """
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#f6f6f8}
header{background:#1f2937;color:#fff;padding:14px 24px}header h1{margin:0 0 4px;font-size:20px}header p{margin:0;color:#cbd5e1;font-size:12px}
header code{color:#fde68a}.warn{color:#fca5a5}main{padding:16px 24px;max-width:1500px}
h2{font-size:17px;margin:22px 0 8px}h3{font-size:14px;margin:0 0 8px}
.totals{display:flex;gap:12px;flex-wrap:wrap}.total{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:130px}
.total b{display:block;font-size:22px}.total span{color:#555}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:14px}
.chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px}
.row{display:grid;grid-template-columns:190px 1fr 120px;gap:8px;align-items:center;margin:3px 0}
.label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-family:ui-monospace,monospace;font-size:12px}
.track{background:#eef;border-radius:3px;height:14px}.bar{display:block;height:14px;border-radius:3px}
.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#666}
table{border-collapse:collapse;background:#fff;width:100%}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
.browser{display:grid;grid-template-columns:300px 1fr 330px;gap:14px;align-items:start}
.pick input{width:100%;padding:6px;margin-bottom:6px}.pick select{width:100%;height:560px;font-size:12px}
.lines{background:#fff;border:1px solid #ddd;border-radius:6px;font:12px/1.5 ui-monospace,monospace;max-height:760px;overflow:auto}
.line{display:grid;grid-template-columns:48px 1fr auto;gap:8px;padding:1px 8px;border-left:4px solid transparent;white-space:pre-wrap;word-break:break-word}
.line .no{color:#999;text-align:right}.line.drop{background:#fff1f2;color:#6b7280;text-decoration:line-through;text-decoration-color:#0004}
.tag{color:#fff;border-radius:3px;padding:0 6px;font-size:11px;text-decoration:none;display:inline-block;height:17px;white-space:nowrap}
.side{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px}.side dt{font-weight:600;color:#444}.side dd{margin:0 0 6px;word-break:break-word}
.legend span{margin-right:10px;font-size:12px;white-space:nowrap}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
details pre{background:#fff;border:1px solid #ddd;padding:10px;overflow:auto}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var docs = data.docs, colours = data.colours;
  var search = document.getElementById("doc-search"), select = document.getElementById("doc-select");
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function fill() {
    var q = search.value.trim().toLowerCase(), current = select.value;
    select.textContent = "";
    docs.forEach(function (doc, i) {
      if (q && doc.id.toLowerCase().indexOf(q) < 0 && doc.title.toLowerCase().indexOf(q) < 0) return;
      var opt = el("option", null, doc.title ? doc.id + " \u2014 " + doc.title : doc.id);
      opt.value = String(i);
      select.appendChild(opt);
    });
    if (current && select.querySelector('option[value="' + current + '"]')) select.value = current;
    document.getElementById("doc-count").textContent = select.options.length + " of " + docs.length + " shown";
  }
  function show(index) {
    var doc = docs[index], view = document.getElementById("doc-lines"), side = document.getElementById("doc-side");
    if (!doc) return;
    view.textContent = ""; side.textContent = "";
    document.getElementById("doc-title").textContent = doc.id + (doc.title ? " \u2014 " + doc.title : "");
    var drops = {};
    doc.drops.forEach(function (d) { drops[d[0]] = d; });
    if (doc.note) view.appendChild(el("p", "muted note", "Note: " + doc.note));
    var legend = el("div", "legend"), seen = {};
    doc.drops.forEach(function (d) {
      if (seen[d[1]]) return; seen[d[1]] = 1;
      var item = el("span", null, d[1]), dot = el("i");
      dot.style.background = colours[d[1]] || "#888";
      item.insertBefore(dot, item.firstChild); legend.appendChild(item);
    });
    view.appendChild(legend);
    function addLine(no, text, drop) {
      var row = el("div", drop ? "line drop" : "line");
      row.appendChild(el("span", "no", no));
      row.appendChild(el("span", "text", text));
      if (drop) {
        var tag = el("span", "tag", drop[1]);
        tag.style.background = colours[drop[1]] || "#888";
        tag.title = "removed by step " + drop[2];
        row.style.borderLeftColor = colours[drop[1]] || "#888";
        row.setAttribute("data-reason", drop[1]);
        row.appendChild(tag);
      } else {
        row.appendChild(el("span"));
      }
      view.appendChild(row);
    }
    if (doc.lines) {
      doc.lines.forEach(function (text, i) { addLine(i + 1, text, drops[i + 1]); });
    } else {
      doc.drops.forEach(function (d) { addLine(d[0], d[3], d); });
    }
    var dl = el("dl");
    doc.meta.forEach(function (kv) { dl.appendChild(el("dt", null, kv[0])); dl.appendChild(el("dd", null, kv[1])); });
    side.appendChild(el("h3", null, "Metadata")); side.appendChild(dl);
    side.appendChild(el("h3", null, "Captions (" + doc.captions.length + ")"));
    var ul = el("ul");
    doc.captions.forEach(function (c) { ul.appendChild(el("li", null, c)); });
    side.appendChild(doc.captions.length ? ul : el("p", "muted", "none"));
  }
  function choose() {
    if (select.value !== "") { show(Number(select.value)); history.replaceState(null, "", "#doc=" + encodeURIComponent(docs[Number(select.value)].id)); }
  }
  search.addEventListener("input", function () { fill(); if (select.options.length && select.selectedIndex < 0) { select.selectedIndex = 0; } choose(); });
  select.addEventListener("change", choose);
  fill();
  var wanted = decodeURIComponent((location.hash.match(/^#doc=(.*)$/) || [])[1] || ""), start = 0;
  docs.forEach(function (doc, i) { if (doc.id === wanted) start = i; });
  if (docs.length) { select.value = String(start); show(start); }
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Clean corpus review</title>
<style>{style}</style>
</head>
<body>
<header><h1>Clean corpus review</h1>
<p>pipeline <code id="pipeline-version">{version}</code> · config_sha256 <code id="config-sha256">{config_hash}</code>{mixed}</p></header>
<main>
<h2>Totals</h2>
{totals}
<h2>Charts</h2>
<div class="charts">
{charts}
</div>
<h2>Documents</h2>
<p class="muted" id="sample-note">{sample_note} Removed lines are struck through and labelled with their reason; hover a label for the step.</p>
<div class="browser">
<div class="pick"><input id="doc-search" type="search" placeholder="search id or title" aria-label="search documents by id or title">
<select id="doc-select" size="20" aria-label="documents"></select><p class="muted" id="doc-count"></p></div>
<div><h3 id="doc-title"></h3><div class="lines" id="doc-lines"><noscript>The document browser needs JavaScript.</noscript></div></div>
<aside class="side" id="doc-side"></aside>
</div>
<h2>Rejected inputs</h2>
{rejects}
<h2>Configuration</h2>
<details><summary>effective configuration (TOML)</summary><pre id="config-toml">{config_toml}</pre></details>
</main>
<script type="application/json" id="review-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
