"""review.html from real runs: totals, charts, marked lines, sampling, determinism, escaping."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest

import sample_run
from cleaners.pipeline import PIPELINE_VERSION
from flows.review import script_json
from test_warc import CZECH, build_archive, legacy_archive

HOSTILE = [
    "<script>alert('owned')</script>",
    "</script><img src=x onerror=alert(1)>",
    "Click <a href=\"javascript:alert(2)\">here</a> &amp; \u2028 now",
]


def page_data(page: str) -> dict:
    """The JSON the browser script reads, parsed back as the browser would."""
    match = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S)
    assert match, "the page has no embedded data block"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("review") / "clean"
    report = sample_run.run(sample_run.RAW, out)
    return out, report, (out / "review.html").read_text(encoding="utf-8")


def test_page_shows_totals_version_and_config_hash(sample):
    out, report, page = sample
    assert page.startswith("<!DOCTYPE html>")
    totals = dict(re.findall(r'<div class="total" id="total-([a-z-]+)"><b>([\d,]+)</b>', page))
    assert totals["inputs"] == "5" and totals["documents"] == "5" and totals["rejected"] == "0"
    assert totals["removed-lines"] == f"{report['removed_lines']:,}"
    assert f'<code id="pipeline-version">{PIPELINE_VERSION}</code>' in page
    assert f'<code id="config-sha256">{report["config_sha256"]}</code>' in page


def test_page_is_self_contained(sample):
    _out, _report, page = sample
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', page), "no external resources"
    assert "@import" not in page and "<link" not in page


def test_charts_cover_every_reason_and_language(sample):
    out, report, page = sample
    removed_chart = re.search(r'<section class="chart" id="chart-removed">(.*?)</section>', page, re.S).group(1)
    for reason, count in report["removed_by_reason"].items():
        assert re.search(rf'title="{reason}">{reason}</span>.*?<span class="num">{count:,} ', removed_chart), reason
    languages = re.search(r'id="chart-languages">(.*?)</section>', page, re.S).group(1)
    assert 'title="en">en</span>' in languages
    words = re.search(r'id="chart-words">(.*?)</section>', page, re.S).group(1)
    counts = [int(n.replace(",", "")) for n in re.findall(r'<span class="num">([\d,]+) ', words)]
    assert sum(counts) == 5
    assert "No input was rejected." in page


def test_browser_data_marks_removed_lines_on_the_decoded_input(sample):
    out, _report, page = sample
    data = page_data(page)
    docs = {doc["id"]: doc for doc in data["docs"]}
    assert sorted(docs) == sorted(p.stem for p in sample_run.RAW.glob("*.txt"))
    doc = docs["001_06e5ac74dc117747"]
    assert [29, "comment_prompt", "boilerplate", "Add your comment"] in doc["drops"]
    assert doc["lines"][28] == "Add your comment"
    assert ["title", "E-commerce flourishes in Chinese countryside"] in doc["meta"]
    for entry in docs.values():  # every logged line sits at its line number in the re-decoded input
        assert entry["note"] == ""
        for line_no, reason, _step, text in entry["drops"]:
            assert entry["lines"][line_no - 1] == text
            assert reason in data["colours"]
    assert "holds all 5 documents" in page


def test_sample_cap_and_switch_off(tmp_path):
    capped = sample_run.run(sample_run.RAW, tmp_path / "capped", "[review]\nmax_documents = 2\n")
    page = (tmp_path / "capped" / "review.html").read_text(encoding="utf-8")
    ids = [doc["id"] for doc in page_data(page)["docs"]]
    assert ids == sorted(p.stem for p in sample_run.RAW.glob("*.txt"))[:2]
    assert "first 2 of 5 documents by id" in page
    assert 'id="total-documents"><b>5</b>' in page  # totals still cover everything
    off = sample_run.run(sample_run.RAW, tmp_path / "off", "[review]\nenabled = false\n")
    assert not (tmp_path / "off" / "review.html").exists()
    assert off["config_sha256"] == capped["config_sha256"]  # review settings change no record


def test_same_input_and_config_give_a_byte_identical_page(sample, tmp_path):
    out, _report, page = sample
    again = tmp_path / "again"
    sample_run.run(sample_run.RAW, again)
    assert (again / "review.html").read_text(encoding="utf-8") == page
    sample_run.run(sample_run.RAW, again)  # a rerun that carries every input over
    assert (again / "review.html").read_text(encoding="utf-8") == page


def test_an_input_changed_after_the_run_is_flagged(tmp_path):
    inp = tmp_path / "raw"
    shutil.copytree(sample_run.RAW, inp)
    sample_run.run(inp, tmp_path / "clean")
    target = inp / "001_06e5ac74dc117747.txt"
    target.write_bytes(b"Something else entirely\n" + target.read_bytes())
    from cleaners.config import config_from_toml
    from flows.review import build_review

    config = config_from_toml((tmp_path / "test-config.toml").read_text())
    page = build_review(tmp_path / "clean", inp, config)
    doc = next(d for d in page_data(page)["docs"] if d["id"] == "001_06e5ac74dc117747")
    assert doc["lines"] is None and "changed since it was cleaned" in doc["note"]
    assert doc["drops"]  # the removal log is still shown


def test_hostile_page_text_is_escaped(tmp_path):
    inp = tmp_path / "raw"
    inp.mkdir()
    article = (sample_run.RAW / "002_3974dbdcd6277b05.txt").read_text(encoding="utf-8")
    (inp / "evil.txt").write_text("\n".join(HOSTILE) + "\n" + article + "\nLeave a Reply\n", encoding="utf-8")
    (inp / "<img src=x onerror=alert(3)>.rtf").write_text("not an input type")
    sample_run.run(inp, tmp_path / "clean")
    page = (tmp_path / "clean" / "review.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert 'href="javascript' not in page  # the text is there as JSON data, never as an attribute
    assert page.count("</script>") == 2 and page.count("<script") == 2  # only the page's own blocks
    assert "\u2028" not in page
    assert html.escape("<img src=x onerror=alert(3)>.rtf") in page  # the reject table, escaped
    evil = next(d for d in page_data(page)["docs"] if d["id"] == "evil")
    assert evil["lines"][:3] == HOSTILE  # the text itself arrives intact, as data


def test_script_json_cannot_end_its_script_element():
    text = script_json({"x": "</script><!-- <script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><!-- <script> & \u2028"}


def test_html_inputs_are_shown_as_extracted_lines(tmp_path):
    inp = tmp_path / "raw"
    inp.mkdir()
    paragraphs = (sample_run.RAW / "003_16518e5dc2f9596d.txt").read_text(encoding="utf-8").split("\n")[5:40]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    (inp / "page.html").write_text(
        "<html><head><title>Rural E-Commerce</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Rural E-Commerce Accelerates</h1>{body}</article>"
        "<footer>Copyright 2024 Example. All rights reserved.</footer></body></html>", encoding="utf-8")
    sample_run.run(inp, tmp_path / "clean")
    record = json.loads((tmp_path / "clean" / "corpus.jsonl").read_text().splitlines()[0])
    doc = page_data((tmp_path / "clean" / "review.html").read_text(encoding="utf-8"))["docs"][0]
    assert doc["id"] == "page" and doc["note"] == "" and doc["lines"]
    for line_no, _reason, _step, text in doc["drops"]:
        assert doc["lines"][line_no - 1] == text
    assert record["text"].split("\n\n")[0] in doc["lines"]


def test_warc_records_are_shown_as_their_decoded_payloads(tmp_path):
    inp = tmp_path / "raw"
    (inp / "crawl").mkdir(parents=True)
    (inp / "legacy.warc.gz").write_bytes(legacy_archive())
    (inp / "crawl" / "part.warc").write_bytes(build_archive(False, corrupt_index=3))
    sample_run.run(inp, tmp_path / "clean")
    docs = {d["id"]: d for d in page_data((tmp_path / "clean" / "review.html").read_text(encoding="utf-8"))["docs"]}
    assert sorted(docs) == ["crawl/part#000002", "crawl/part#000006", "crawl/part#000007",
                            "legacy#000001", "legacy#000002", "legacy#000003"]
    for doc in docs.values():  # each record's payload is read again, decoded and marked as the run did
        assert doc["note"] == "" and doc["lines"], doc["id"]
        for line_no, _reason, _step, text in doc["drops"]:
            assert doc["lines"][line_no - 1] == text
    assert CZECH[0] in docs["legacy#000002"]["lines"]  # with the record's HTTP charset, as cleaned
    meta = dict(docs["legacy#000001"]["meta"])
    assert meta["source"] == "legacy.warc.gz#000001" and meta["url"] == "https://journal.example/ferries"


def test_a_warc_record_changed_after_the_run_is_flagged(tmp_path):
    inp = tmp_path / "raw"
    inp.mkdir()
    (inp / "legacy.warc.gz").write_bytes(legacy_archive())
    sample_run.run(inp, tmp_path / "clean")
    (inp / "legacy.warc.gz").write_bytes(build_archive(True))  # record 1 is a request now, 3 a redirect...
    from cleaners.config import config_from_toml
    from flows.review import build_review

    config = config_from_toml((tmp_path / "test-config.toml").read_text())
    docs = {d["id"]: d for d in page_data(build_review(tmp_path / "clean", inp, config))["docs"]}
    assert all(d["lines"] is None and "changed since it was cleaned" in d["note"] for d in docs.values())
    (inp / "legacy.warc.gz").unlink()
    docs = page_data(build_review(tmp_path / "clean", inp, config))["docs"]
    assert all("could not be read again from its archive" in d["note"] for d in docs)
