"""HTML to article text and metadata, from bytes through decode_bytes as the pipeline does."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from cleaners.config import DecodeConfig
from cleaners.decode import decode_bytes
from cleaners.html_extract import METADATA_KEYS, extract_article
from french_article import PARAGRAPHS

SHARED = Path(__file__).resolve().parents[2] / "shared"


def article_page(charset_tag: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="fr"><head>{charset_tag}
<title>Budget adopté au conseil municipal</title>
<meta name="author" content="Marie Dupont">
<meta property="og:site_name" content="Le Petit Journal">
<meta name="description" content="Le budget de la ville a été adopté.">
<meta property="article:published_time" content="2024-03-05T18:30:00+01:00">
<link rel="canonical" href="https://example.org/2024/03/budget">
<script>var tracking = "do not keep this";</script>
<style>body {{ color: red; }}</style>
</head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Budget adopté au conseil municipal</h1>{body}</article>
<footer>© 2024 Le Petit Journal — Tous droits réservés</footer>
</body></html>"""


def extract_from_bytes(raw: bytes) -> tuple[str, dict]:
    return extract_article(decode_bytes(raw, DecodeConfig(), kind="html").text)


def assert_article(text: str) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in text.split("\n")  # one paragraph per line, accents intact
    assert "tracking" not in text and "color: red" not in text and "Accueil" not in text


def test_article_text_and_metadata():
    text, meta = extract_article(article_page('<meta charset="utf-8">'))
    assert_article(text)
    assert set(METADATA_KEYS) | {"extractor"} <= set(meta)
    assert meta["extractor"] == "trafilatura"
    assert meta["title"] == "Budget adopté au conseil municipal"
    assert meta["author"] == "Marie Dupont"
    assert meta["publisher"] == "Le Petit Journal"
    assert meta["date"] == "2024-03-05"
    assert meta["url"] == "https://example.org/2024/03/budget"
    assert meta["description"] == "Le budget de la ville a été adopté."


def test_declared_charset():
    text, _ = extract_from_bytes(article_page('<meta charset="windows-1252">').encode("cp1252"))
    assert_article(text)


def test_wrong_declared_charset():
    text, _ = extract_from_bytes(article_page('<meta charset="utf-8">').encode("cp1252"))
    assert_article(text)


def test_no_declared_charset():
    text, _ = extract_from_bytes(article_page().encode("cp1252"))
    assert_article(text)


def test_extraction_is_deterministic():
    html = article_page()
    assert extract_article(html) == extract_article(html)


NO_ARTICLE = """<html><head><title>Links</title><script>var x = 1;</script></head><body>
<nav><a href="/a">Home</a> <a href="/b">News</a></nav>
<div><span>Opening hours: 9 to 5</span></div></body></html>"""


def test_page_without_article_gives_its_short_visible_text():
    text, meta = extract_article(NO_ARTICLE)
    assert "Opening hours: 9 to 5" in text.split("\n")
    assert "var x" not in text
    assert meta["title"] == "Links"


def test_bs4_fallback_when_trafilatura_finds_nothing(monkeypatch):
    import cleaners.html_extract as module

    monkeypatch.setattr(module, "_trafilatura", lambda html, meta, fast=False: "")
    monkeypatch.setattr(module, "_resiliparse", lambda html: "")
    text, meta = extract_article(NO_ARTICLE)
    assert meta["extractor"] == "bs4"
    assert text == "Opening hours: 9 to 5"  # title (head), script and nav removed
    assert "extract_error" not in meta


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize(
    "html", ["", "<html><body></body></html>", "<html><head><script>alert(1)</script></head><body> </body></html>"]
)
def test_empty_pages_give_empty_text(html, fast):
    text, meta = extract_article(html, fast=fast)
    assert text == ""
    assert meta["extractor"] in {"trafilatura_fast" if fast else "trafilatura", "bs4"}


@pytest.mark.parametrize("fast", [False, True])
def test_deeply_nested_html_does_not_crash(fast):
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + "<p>Deep text survives.</p>" + "</div>" * depth + "</body></html>"
    text, meta = extract_article(html, fast=fast)
    assert meta["extractor"] == "bs4"  # trafilatura gives up on the depth; lxml recovers
    assert text == "Deep text survives."


def test_fast_mode_gives_the_same_text_and_head_metadata():
    html = article_page('<meta charset="utf-8">')
    text, meta = extract_article(html, fast=True)
    default_text, default_meta = extract_article(html)
    assert text == default_text
    assert_article(text)
    assert meta["extractor"] == "trafilatura_fast"
    for key in ("title", "author", "publisher", "date", "url", "description"):
        assert meta[key] == default_meta[key] and meta[key], key


def test_fast_mode_leaves_out_what_only_the_page_body_says():
    """The documented trade: no author looked for in the body markup, no extensive date search."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (f"<html lang='fr'><head><title>Budget adopté</title></head><body><article>"
            f"<h1>Budget adopté</h1><div class='author'>Jean Martin</div>{body}"
            f"<p>Publié le 5 mars 2024 à 18h30.</p></article></body></html>")
    default_text, default_meta = extract_article(html)
    text, meta = extract_article(html, fast=True)
    assert default_meta["author"] == "Jean Martin" and meta["author"] is None
    assert default_meta["date"] == "2024-03-05" and meta["date"] is None
    assert meta["title"] == default_meta["title"] == "Budget adopté"
    for paragraph in PARAGRAPHS:
        assert paragraph in text.split("\n") and paragraph in default_text.split("\n")


def test_broken_extractors_fall_back_to_regex(monkeypatch):
    import cleaners.html_extract as module

    def explode(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(module, "_trafilatura", explode)
    monkeypatch.setattr(module, "_resiliparse", explode)
    monkeypatch.setattr(module, "_visible_text_bs4", explode)
    text, meta = extract_article(article_page())
    assert meta["extractor"] == "regex"
    assert meta["extract_error"] == "trafilatura:RecursionError,resiliparse:RecursionError,bs4:RecursionError"
    assert PARAGRAPHS[0] in text and "tracking" not in text


def test_bench_page_matches_plain_trafilatura():
    ids = SHARED / "bench" / "aeb-dev" / "ids.txt"
    if not ids.is_file():
        pytest.skip("../shared/bench is not beside the repository")
    import trafilatura

    page_id = ids.read_text().split()[0]
    raw = (SHARED / "bench" / "aeb-dev" / "html" / f"{page_id}.html.gz").read_bytes()
    html = decode_bytes(raw, DecodeConfig(), kind="html").text
    text, meta = extract_article(html)
    assert text == trafilatura.extract(html, include_comments=False)
    assert meta["extractor"] == "trafilatura" and meta["title"] and meta["date"]
    assert gzip.decompress(raw)  # the bench file is gzip; decode_bytes inflated it


def test_bench_page_in_fast_mode_matches_trafilatura_fast():
    """Fast mode parses the page once and hands the tree to trafilatura: same text as trafilatura's
    own fast mode on the page, and the same head metadata as the default mode."""
    ids = SHARED / "bench" / "aeb-dev" / "ids.txt"
    if not ids.is_file():
        pytest.skip("../shared/bench is not beside the repository")
    import trafilatura

    for page_id in ids.read_text().split()[:3]:
        raw = (SHARED / "bench" / "aeb-dev" / "html" / f"{page_id}.html.gz").read_bytes()
        html = decode_bytes(raw, DecodeConfig(), kind="html").text
        text, meta = extract_article(html, fast=True)
        _, default_meta = extract_article(html)
        assert text == trafilatura.extract(html, include_comments=False, fast=True)
        assert meta["extractor"] == "trafilatura_fast"
        for key in ("title", "publisher", "url", "description"):
            assert meta[key] == default_meta[key], (page_id, key)
