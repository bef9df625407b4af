"""HTML inputs through the whole pipeline (``flows.clean.run_pipeline``): encodings, gzip, pages
without an article, tables, the extractor field, fast mode, and a folder mixing text, HTML and WARC."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaners.html_extract import extract_article
from flows.merge import report_markdown
from french_article import PARAGRAPHS


def article_page(head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<!DOCTYPE html><html lang='fr'><head>{head}<title>Budget adopté</title>"
            "<meta property='article:published_time' content='2024-03-05T18:30:00+01:00'></head><body>"
            "<nav><ul><li><a href='/'>Accueil</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
            f"<article><h1>Budget adopté</h1>{body}</article>"
            "<footer>© 2024 Le Petit Journal - Tous droits réservés</footer></body></html>")


NO_ARTICLE = ("<html><head><title>Links</title><script>var x = 1;</script></head><body>"
              "<nav><a href='/a'>Home</a> <a href='/b'>News</a></nav></body></html>")


def run(inputs: Path, out: Path, **kwargs) -> tuple[dict, dict[str, dict], list[dict]]:
    from flows.clean import run_pipeline

    report = run_pipeline(str(inputs), str(out), workers=1, **kwargs)
    lines = (out / "corpus.jsonl").read_text(encoding="utf-8").split("\n")
    records = {r["id"]: r for r in (json.loads(line) for line in lines if line)}
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text(encoding="utf-8").split("\n") if line]
    return report, records, rejects


def assert_article(text: str) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in text  # accents intact
    assert "Accueil" not in text and "droits réservés" not in text


def test_encodings_gzip_and_pages_without_article(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "declared.html").write_bytes(article_page("<meta charset='windows-1252'>").encode("cp1252"))
    (inputs / "http_equiv.htm").write_bytes(article_page(
        "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>").encode("latin-1"))
    (inputs / "wrong.html").write_bytes(article_page("<meta charset='utf-8'>").encode("cp1252"))
    (inputs / "none.xhtml").write_bytes(article_page().encode("cp1252"))
    (inputs / "bom.html").write_bytes(b"\xef\xbb\xbf" + article_page().encode("utf-8"))
    (inputs / "utf16.html").write_bytes(article_page().encode("utf-16"))
    (inputs / "zipped.html.gz").write_bytes(gzip.compress(article_page("<meta charset='utf-8'>").encode("utf-8")))
    (inputs / "empty_page.html").write_bytes(NO_ARTICLE.encode("ascii"))
    (inputs / "truncated.html.gz").write_bytes(gzip.compress(article_page().encode("utf-8"))[:-30])
    report, records, rejects = run(inputs, tmp_path / "out")

    assert sorted(records) == ["bom", "declared", "http_equiv", "none", "utf16", "wrong", "zipped"]
    for record in records.values():
        assert_article(record["text"])
        assert record["extractor"] in {"html_lines", "trafilatura", "resiliparse"}
        assert record["language"] == "fr" and record["date"] == "2024-03-05"
        assert record["capture_date"] == ""
    assert records["declared"]["encoding"] == "cp1252"
    assert {(r["source"], r["reason"]) for r in rejects} == {
        ("empty_page.html", "no_content"), ("truncated.html.gz", "corrupt_gzip")}
    assert report["documents"] == 7 and report["inputs"] == 9
    assert report["rejects_by_reason"] == {"corrupt_gzip": 1, "no_content": 1}


def test_tables_keep_their_rows():
    rows = "".join(f"<tr><td>{n}</td><td>Driver {n}</td><td>{5000 - n}</td></tr>" for n in range(1, 8))
    html = (f"<html><body><article><p>{PARAGRAPHS[0]}</p><table><tr><th>Pos</th><th>Driver</th>"
            f"<th>Points</th></tr>{rows}</table><p>{PARAGRAPHS[1]}</p></article></body></html>")
    text, meta = extract_article(html)
    assert "Pos\tDriver\tPoints" in text.split("\n") and "3\tDriver 3\t4997" in text.split("\n")
    assert "|" not in text


def test_table_rows_survive_the_line_rules(tmp_path):
    rows = "".join(f"<tr><td>{n}</td><td>Driver {n}</td><td>{5000 - n}</td></tr>" for n in range(1, 8))
    html = (f"<html><body><article><p>{PARAGRAPHS[0]}</p><table><tr><th>Pos</th><th>Driver</th>"
            f"<th>Points</th></tr>{rows}</table><p>{PARAGRAPHS[1]}</p></article></body></html>")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "standings.html").write_text(html, encoding="utf-8")
    _, records, _ = run(inputs, tmp_path / "out")
    assert "7 Driver 7 4993" in records["standings"]["text"]  # assemble_text joins the cells with spaces


def test_resiliparse_replaces_a_too_short_trafilatura_text(monkeypatch):
    import cleaners.html_extract as module

    monkeypatch.setattr(module, "_trafilatura", lambda html, meta, fast=False: "One short line only here.")
    text, meta = extract_article(article_page())
    assert meta["extractor"] == "resiliparse"
    assert_article(text)
    monkeypatch.setattr(module, "_trafilatura", lambda html, meta, fast=False: "\n".join(PARAGRAPHS))
    assert extract_article(article_page())[1]["extractor"] == "trafilatura"


def test_fast_mode_and_mixed_folder(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "page.html").write_text(article_page("<meta charset='utf-8'>"), encoding="utf-8")
    (inputs / "dump.txt").write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/budget", "response", http_headers=headers,
                                                  payload=io.BytesIO(article_page().encode("utf-8"))))
    (inputs / "crawl.warc.gz").write_bytes(buf.getvalue())
    (inputs / "notes.pdf").write_bytes(b"%PDF-1.4")
    report, records, rejects = run(inputs, tmp_path / "out", fast=True)
    assert sorted(records) == ["crawl#000000", "dump", "page"]
    assert records["page"]["extractor"] in {"trafilatura_fast", "resiliparse"}  # no line model in fast mode
    assert records["dump"]["extractor"] == ""
    assert records["crawl#000000"]["url"] == "https://example.org/budget"
    assert [r["reason"] for r in rejects] == ["unsupported_extension"]
    for record in records.values():
        assert_article(record["text"])
    # the report counts HTML documents (the page and the archive's record) by extractor; not the dump
    html_extractors = [records[i]["extractor"] for i in ("page", "crawl#000000")]
    assert report["extractors"] == {name: html_extractors.count(name) for name in set(html_extractors)}
    summary = report_markdown(report)
    assert "| HTML extractor | documents |" in summary and f"| {html_extractors[0]} |" in summary
    assert report["inputs"] == 4 and report["warc_records_skipped"] == {}


def test_the_title_repeated_as_the_first_line_goes_to_metadata():
    """trafilatura keeps the page's <h1> as the text's first line; like a dump's headline it is
    taken out into ``title`` (logged as a ``title`` removal), not left in the article text."""
    import dataclasses

    from cleaners.config import HtmlConfig, PipelineConfig
    from cleaners.pipeline import clean_bytes

    extractors_only = dataclasses.replace(PipelineConfig(), html=HtmlConfig(line_model=False))
    result = clean_bytes(article_page().encode("utf-8"), "budget", "budget.html", "html", extractors_only)
    assert [(r.text, r.reason) for r in result.document.removals] == [("Budget adopté", "title")]
    assert result.document.metadata["title"] == "Budget adopté"
    assert result.text.startswith(PARAGRAPHS[0])
    # the HTML line model leaves the headline out itself; the title still comes from the page
    result = clean_bytes(article_page().encode("utf-8"), "budget", "budget.html", "html", PipelineConfig())
    assert result.document.metadata["title"] == "Budget adopté"
    assert result.text.startswith(PARAGRAPHS[0])


def test_a_first_line_that_is_not_the_title_stays():
    from cleaners.config import PipelineConfig
    from cleaners.pipeline import clean_bytes

    html = article_page().replace("<h1>Budget adopté</h1>", f"<p>Budget adopté : {PARAGRAPHS[2]}</p>")
    result = clean_bytes(html.encode("utf-8"), "budget", "budget.html", "html", PipelineConfig())
    assert not [r for r in result.document.removals if r.reason == "title"]
    assert result.text.startswith("Budget adopté : Le maire")


def _deepest_by_walk(html: str) -> int:
    """The depth ``check_html_depth`` estimates, by its tag-by-tag walk alone (no shortcut)."""
    from cleaners.pipeline import _FLAT_TAGS, _TAG

    depth = deepest = 0
    for match in _TAG.finditer(html.encode("utf-8", "surrogatepass")):
        if match.group(2).lower() in _FLAT_TAGS:
            continue
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def test_html_depth_check_shortcut_agrees_with_the_walk():
    """The opening-tag count that settles most pages without the walk never lets a deep page by."""
    import dataclasses
    import random

    from cleaners.config import LimitsConfig, PipelineConfig
    from cleaners.errors import RejectError
    from cleaners.pipeline import check_html_depth

    cap = 20
    config = dataclasses.replace(PipelineConfig(), limits=LimitsConfig(max_html_depth=cap))
    rng = random.Random(4)
    pieces = ["<div>", "</div>", "<p>", "</p>", "<br>", "<span class='x'>", "</span>", "a < b", "</",
              "<!-- c -->", "<li>", "text ", "<DIV>", "</ul>"]
    pages = ["<div>" * (cap - 1) + "x" + "</div>" * (cap - 1), "<div>" * (cap + 1) + "x",
             "<section>" * cap + "<p>x</p>" * 50 + "</section>" * cap, "<div>x</div>" * 100]
    pages += ["".join(rng.choice(pieces) for _ in range(rng.randint(10, 120))) for _ in range(400)]
    outcomes = set()
    for html in pages:
        try:
            check_html_depth(html, config)
            rejected = False
        except RejectError as exc:
            assert exc.reason == "too_deeply_nested"
            rejected = True
        assert rejected == (_deepest_by_walk(html) > cap), html
        outcomes.add(rejected)
    assert outcomes == {False, True}
