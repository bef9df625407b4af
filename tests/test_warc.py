"""WARC archives: a response with HTML or text becomes a document; every other record is counted.

The archives are built here with warcio, then cleaned through ``flows.clean.run_pipeline`` (the
code path of ``python -m flows.clean``) into a temporary folder.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaners.config import DecodeConfig
from cleaners.decode import decode_bytes
from flows.warc import (WarcCorrupt, WarcPayload, WarcSkip, content_type_charset, find_records, iter_warc,
                        payload_kind, record_id, split_record_source, status_skip_reason)

ARTICLE_1 = [
    "The harbour authority approved the new ferry terminal on Tuesday after a long public debate "
    "about noise, traffic and the cost of dredging the channel for larger boats.",
    "Construction starts in spring and the first ferries should dock there within two years, "
    "according to the engineers who presented the final plans to the council.",
]
ARTICLE_2 = [
    "Die Stadtbibliothek verlängert ab nächster Woche ihre Öffnungszeiten am Abend und am Samstag, "
    "weil immer mehr Studierende dort lernen und die Plätze oft schon mittags belegt sind.",
    "Finanziert wird das Angebot aus dem Kulturetat der Stadt, der dafür im Herbst um einen kleinen "
    "Betrag aufgestockt wurde, wie die Leiterin der Bibliothek erklärte.",
]


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>{body}"
            f"</article><footer>Contact us</footer></body></html>").encode("utf-8")


def write_response(writer: WARCWriter, url: str, body: bytes, status: str = "200 OK",
                   ctype: str = "text/html; charset=utf-8", extra: list | None = None) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype), *(extra or [])], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z"}))


def build_archive(gz: bool, corrupt_index: int | None = None, truncate_last: bool = False) -> bytes:
    """Records: 0 warcinfo, 1 request, 2 HTML 200, 3 image, 4 redirect, 5 404, 6 HTML 200 (German,
    gzip content-encoding), 7 text/plain 200, 8 HTML 500. ``corrupt_index`` garbles one record."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    offsets = [0]

    def response(*args, **kwargs) -> None:
        write_response(writer, *args, **kwargs)
        offsets.append(buf.tell())

    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    offsets.append(buf.tell())
    writer.write_record(writer.create_warc_record("https://news.example/ferry", "request",
                                                  payload=io.BytesIO(b"GET /ferry HTTP/1.1\r\n\r\n")))
    offsets.append(buf.tell())
    response("https://news.example/ferry", page("Ferry terminal approved", ARTICLE_1))
    response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\nnot really", ctype="image/png")
    response("https://news.example/old", b"", status="301 Moved Permanently",
             extra=[("Location", "https://news.example/ferry")])
    response("https://news.example/missing", b"<html><body>Not found</body></html>", status="404 Not Found")
    response("https://zeitung.example/bibliothek", gzip.compress(page("Bibliothek", ARTICLE_2)),
             extra=[("Content-Encoding", "gzip")])
    response("https://news.example/notes.txt", "\n\n".join(ARTICLE_1).encode("utf-8"), ctype="text/plain")
    response("https://news.example/error", b"<html><body>Server error</body></html>", status="500 Oops")
    data = bytearray(buf.getvalue())
    if corrupt_index is not None:
        start = offsets[corrupt_index]
        data[start + 40:start + 90] = b"X" * 50
    if truncate_last:
        del data[offsets[-1] - 20:]
    return bytes(data)


FRENCH = [
    "Le conseil municipal a approuvé mardi le nouveau terminal de ferries après un long débat public "
    "sur le bruit, la circulation et le coût du dragage du chenal pour les grands navires.",
    "Les travaux commenceront au printemps et les premiers bateaux devraient accoster d'ici deux ans, "
    "selon les ingénieurs qui ont présenté les plans définitifs au conseil — « enfin », dit le maire.",
]
CZECH = ["Příliš žluťoučký kůň úpěl ďábelské ódy na návsi, když starosta otevíral nový přístav."]


def legacy_page(title: str, paragraphs: list[str], codec: str) -> bytes:
    """A page in a legacy charset that it does not declare: only the HTTP header names it."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>").encode(codec)


def legacy_archive() -> bytes:
    """Records: 0 warcinfo, 1 cp1252 page (header: windows-1252), 2 ISO-8859-2 page (header:
    iso-8859-2; detection alone reads it as cp1250), 3 UTF-8 page whose header wrongly says
    windows-1252, 4 a 404."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(writer.create_warcinfo_record("legacy.warc.gz", {"software": "tests"}))
    write_response(writer, "https://journal.example/ferries", legacy_page("Ferries", FRENCH, "cp1252"),
                   ctype="text/html; charset=windows-1252")
    write_response(writer, "https://noviny.example/pristav", legacy_page("Přístav", CZECH, "iso-8859-2"),
                   ctype='text/html; charset="ISO-8859-2"')
    write_response(writer, "https://news.example/utf8", legacy_page("Ferries", FRENCH, "utf-8"),
                   ctype="text/html;charset=windows-1252")
    write_response(writer, "https://news.example/missing", b"<html>Not found</html>", status="404 Not Found")
    return buf.getvalue()


def kinds(items) -> list[tuple[str, int, str]]:
    return [(type(i).__name__, i.index, getattr(i, "reason", getattr(i, "kind", ""))) for i in items]


@pytest.mark.parametrize("gz", [False, True])
def test_iter_warc_classifies_every_record(gz):
    items = list(iter_warc(io.BytesIO(build_archive(gz)), 1_000_000))
    assert kinds(items) == [
        ("WarcSkip", 0, "warcinfo_record"), ("WarcSkip", 1, "request_record"), ("WarcPayload", 2, "html"),
        ("WarcSkip", 3, "not_html"), ("WarcSkip", 4, "redirect"), ("WarcSkip", 5, "http_error"),
        ("WarcPayload", 6, "html"), ("WarcPayload", 7, "text"), ("WarcSkip", 8, "http_error"),
    ]
    first = items[2]
    assert first.url == "https://news.example/ferry" and first.capture_date == "2024-05-06T07:08:09Z"
    assert items[6].payload == page("Bibliothek", ARTICLE_2)  # content encoding undone


@pytest.mark.parametrize("gz", [False, True])
def test_a_corrupt_record_is_reported_and_the_rest_is_read(gz):
    items = list(iter_warc(io.BytesIO(build_archive(gz, corrupt_index=2)), 1_000_000))
    assert isinstance(items[2], WarcCorrupt) and items[2].index == 2
    assert [i.index for i in items if isinstance(i, WarcPayload)] == [6, 7]
    assert sum(isinstance(i, WarcSkip) for i in items) == 6


@pytest.mark.parametrize("gz", [False, True])
def test_a_truncated_archive_ends_with_a_corrupt_record(gz):
    items = list(iter_warc(io.BytesIO(build_archive(gz, truncate_last=True)), 1_000_000))
    assert isinstance(items[-1], WarcCorrupt) and items[-1].index == 8
    assert [i.index for i in items if isinstance(i, WarcPayload)] == [2, 6, 7]


def test_oversized_payload_is_marked_truncated():
    items = list(iter_warc(io.BytesIO(build_archive(False)), 100))
    assert all(len(i.payload) <= 100 and i.truncated for i in items if isinstance(i, WarcPayload))


def test_helpers():
    assert record_id("crawl/part-1", 42) == "crawl/part-1#000042"
    assert payload_kind("text/html; charset=latin-1", b"") == "html"
    assert payload_kind("application/xhtml+xml", b"") == "html"
    assert payload_kind("text/plain", b"<!DOCTYPE html><html>") == "html"  # mislabelled HTML
    assert payload_kind("text/plain", b"just words") == "text"
    assert payload_kind("text/markdown; charset=utf-8", b"# Title\n[a](/b)") == "text"  # read as text
    assert payload_kind(None, b"<html><body>") == "html"
    assert payload_kind("image/jpeg", b"<html>") is None
    assert payload_kind("application/json", b"{}") is None
    assert [status_skip_reason(s) for s in (200, 206, 301, 404, 503, 100, None)] == [
        None, None, "redirect", "http_error", "http_error", "other_status", "other_status"]


def test_http_charset_is_read_from_the_content_type():
    items = list(iter_warc(io.BytesIO(legacy_archive()), 1_000_000))
    assert [getattr(i, "charset", None) for i in items] == [None, "windows-1252", "ISO-8859-2", "windows-1252", None]
    assert content_type_charset("text/html; Charset = 'koi8-r' ; q=1") == "koi8-r"
    assert content_type_charset("text/html") == content_type_charset(None) == ""


def test_record_sources_and_lookup():
    assert split_record_source("crawl/part-1.warc.gz#000042") == ("crawl/part-1.warc.gz", 42)
    assert split_record_source("a#b/x.warc#7") == ("a#b/x.warc", 7)
    assert split_record_source("notes#000001.txt") is None  # a "#" in a file name is no record
    assert split_record_source("page.html#000001") is None  # only archives have records
    assert split_record_source("crawl.warc#12a") is None and split_record_source("crawl.warc") is None
    found = find_records(io.BytesIO(build_archive(True)), [6, 2, 99], 1_000_000)
    assert sorted(found) == [2, 6] and found[6].payload == page("Bibliothek", ARTICLE_2)
    assert find_records(io.BytesIO(build_archive(True)), [], 1_000_000) == {}


def _run(inputs: Path, out: Path) -> tuple[dict, list[dict], list[dict]]:
    from flows.clean import run_pipeline

    report = run_pipeline(str(inputs), str(out), workers=1)
    records = [json.loads(line) for line in (out / "corpus.jsonl").read_text(encoding="utf-8").split("\n") if line]
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text(encoding="utf-8").split("\n") if line]
    return report, records, rejects


def test_warc_through_the_pipeline(tmp_path):
    inputs = tmp_path / "in"
    (inputs / "crawl").mkdir(parents=True)
    (inputs / "crawl" / "part-00001.warc.gz").write_bytes(build_archive(True, corrupt_index=3))
    (inputs / "plain.warc").write_bytes(build_archive(False))
    (inputs / "page.html").write_bytes(page("Ferry terminal approved", ARTICLE_1))
    report, records, rejects = _run(inputs, tmp_path / "out")

    ids = [r["id"] for r in records]
    assert ids == ["crawl/part-00001#000002", "crawl/part-00001#000006", "crawl/part-00001#000007",
                   "page", "plain#000002", "plain#000006", "plain#000007"]
    by_id = {r["id"]: r for r in records}
    ferry = by_id["crawl/part-00001#000002"]
    assert ferry["source"] == "crawl/part-00001.warc.gz#000002"
    assert ferry["url"] == "https://news.example/ferry"
    assert ferry["capture_date"] == "2024-05-06T07:08:09Z"
    assert ferry["extractor"] in {"html_lines", "trafilatura"}
    assert ARTICLE_1[0] in ferry["text"] and "Contact us" not in ferry["text"]
    assert ferry["raw_sha256"] == by_id["plain#000002"]["raw_sha256"]  # of the record's payload
    assert by_id["plain#000006"]["language"] == "de" and ARTICLE_2[1] in by_id["plain#000006"]["text"]
    assert by_id["plain#000007"]["extractor"] == "" and by_id["plain#000007"]["text"].startswith(ARTICLE_1[0])
    assert by_id["page"]["capture_date"] == "" and by_id["page"]["url"] == ""

    assert [(r["source"], r["reason"]) for r in rejects] == [("crawl/part-00001.warc.gz#000003", "corrupt_warc_record")]
    assert report["inputs"] == 8 and report["documents"] == 7  # an archive counts as its records
    assert report["rejects_by_reason"] == {"corrupt_warc_record": 1}
    assert report["warc_records_skipped"] == {"http_error": 4, "not_html": 1, "redirect": 2,
                                              "request_record": 2, "warcinfo_record": 2}
    for record in records:  # every document has its files
        assert (tmp_path / "out" / "docs").exists()
    again, records_again, _ = _run(inputs, tmp_path / "out")  # reruns give the same corpus
    assert records_again == records and again["documents"] == 7


def test_unreadable_archive_is_one_reject(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.warc").write_bytes(b"")
    (inputs / "junk.warc.gz").write_bytes(b"\x1f\x8b\x08 this is not gzip at all")
    report, records, rejects = _run(inputs, tmp_path / "out")
    assert records == [] and report["documents"] == 0
    assert [(r["source"], r["reason"]) for r in rejects] == [
        ("empty.warc", "empty"), ("junk.warc.gz#000000", "corrupt_warc_record")]


def _run_archive(tmp_path: Path, name: str, data: bytes) -> tuple[dict, dict[str, dict], list[dict]]:
    """One archive, alone in an input folder, through the pipeline: report, records by id, rejects."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / name).write_bytes(data)
    report, records, rejects = _run(inputs, tmp_path / "out")
    return report, {r["id"]: r for r in records}, rejects


def test_http_charset_decodes_warc_payloads(tmp_path):
    _report, by_id, _rejects = _run_archive(tmp_path, "legacy.warc.gz", legacy_archive())
    assert sorted(by_id) == ["legacy#000001", "legacy#000002", "legacy#000003"]

    french = by_id["legacy#000001"]  # cp1252 without <meta charset>: the header decides
    assert (french["encoding"], french["repairs"]) == ("cp1252", {"charset_http": 1})
    assert FRENCH[1] in french["text"] and french["language"] == "fr"

    czech = by_id["legacy#000002"]  # detection alone reads cp1250 ("ą" for "š")
    assert CZECH[0] not in decode_bytes(legacy_page("Přístav", CZECH, "iso-8859-2"), DecodeConfig(), "html").text
    assert (czech["encoding"], czech["repairs"]) == ("iso8859_2", {"charset_http": 1})
    assert CZECH[0] in czech["text"]

    utf8 = by_id["legacy#000003"]  # a wrong header: valid UTF-8 still wins
    assert (utf8["encoding"], utf8["repairs"]) == ("utf-8", {}) and FRENCH[1] in utf8["text"]


def wet_archive() -> bytes:
    """A Common Crawl WET file's shape: 0 warcinfo, 1 and 2 ``conversion`` records (the text CC
    extracted from two pages: menu lines, the article, a footer), 3 a ``resource`` record holding
    an HTML page, 4 a ``resource`` image, 5 a ``metadata`` record."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(writer.create_warcinfo_record("CC-MAIN-test.warc.wet.gz", {"software": "tests"}))
    for url, title, paragraphs in (("https://news.example/ferry", "Ferry terminal approved", ARTICLE_1),
                                   ("https://zeitung.example/bibliothek", "Bibliothek", ARTICLE_2)):
        text = "\n".join(["Home", "News", "Sport", "Weather", title, *paragraphs, "Contact us", "Privacy policy"])
        writer.write_record(writer.create_warc_record(
            url, "conversion", payload=io.BytesIO(text.encode("utf-8")), warc_content_type="text/plain",
            warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z", "WARC-Refers-To": "<urn:uuid:1>"}))
    writer.write_record(writer.create_warc_record(
        "https://news.example/archived", "resource", payload=io.BytesIO(page("Archived ferry", ARTICLE_1)),
        warc_content_type="text/html; charset=utf-8", warc_headers_dict={"WARC-Date": "2024-05-07T00:00:00Z"}))
    writer.write_record(writer.create_warc_record(
        "https://news.example/logo.png", "resource", payload=io.BytesIO(b"\x89PNG\r\n\x1a\nnot really"),
        warc_content_type="image/png"))
    writer.write_record(writer.create_warc_record(
        "https://news.example/ferry", "metadata", payload=io.BytesIO(b"fetchTimeMs: 120\r\n"),
        warc_content_type="application/warc-fields"))
    return buf.getvalue()


def test_common_crawl_wet_files_and_resource_records_are_documents(tmp_path):
    report, by_id, rejects = _run_archive(tmp_path, "CC-MAIN-test-00000.warc.wet.gz", wet_archive())
    assert sorted(by_id) == ["CC-MAIN-test-00000#000001", "CC-MAIN-test-00000#000002", "CC-MAIN-test-00000#000003"]
    ferry = by_id["CC-MAIN-test-00000#000001"]
    assert ferry["source"] == "CC-MAIN-test-00000.warc.wet.gz#000001"
    assert ferry["url"] == "https://news.example/ferry" and ferry["capture_date"] == "2024-05-06T07:08:09Z"
    assert ferry["extractor"] == "" and ARTICLE_1[0] in ferry["text"] and "Privacy policy" not in ferry["text"]
    assert by_id["CC-MAIN-test-00000#000002"]["language"] == "de"
    archived = by_id["CC-MAIN-test-00000#000003"]
    assert archived["extractor"] in {"html_lines", "trafilatura"} and ARTICLE_1[1] in archived["text"]
    assert rejects == []
    assert report["warc_records_skipped"] == {"metadata_record": 1, "not_html": 1, "warcinfo_record": 1}
