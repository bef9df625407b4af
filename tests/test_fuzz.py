"""Fuzzing the whole document pipeline (``cleaners.pipeline.clean_bytes``) with hypothesis.

Inputs: random bytes, and random mutations (bit flips, inserted junk, deleted and repeated
spans, truncation, gzip wrapping) of slices of the sample dumps in ``raw/`` and of a few HTML
pages. For every input:

- no exception but ``RejectError`` escapes, and a reject's reason is a snake_case code;
- the clean text is valid UTF-8 (no lone surrogates) without control characters (tab and
  newline aside);
- kept lines plus removed lines rebuild the decoded input, line for line.

``bench/fuzz.py`` runs the same check on 100,000+ cases (not in CI).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from cleaners.config import PipelineConfig
from cleaners.errors import RejectError
from cleaners.pipeline import clean_bytes, decoded_lines

RAW = Path(__file__).resolve().parents[1] / "raw"
SAMPLES = [path.read_bytes() for path in sorted(RAW.glob("*.txt"))]
HTML_PAGES = [
    b"<!doctype html><html><head><meta charset='utf-8'><title>Harbour ferry approved</title></head><body>"
    b"<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><article><h1>Harbour ferry approved</h1>"
    b"<p>The council approved the new ferry line on Tuesday after a long debate about costs.</p>"
    b"<p>Residents said the service would cut their commute by half an hour each day.</p></article>"
    b"<footer>Copyright 2024 Example News</footer></body></html>",
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'></head><body>"
    "<div class='content'><p>Caf\u00e9 owners in the old town welcomed the decision.</p><table><tr><td>Price"
    "</td><td>3 \u20ac</td></tr></table><p>Share on Facebook</p></div></body></html>".encode("cp1252"),
    b"<html><body><div><div><span>Nested <b>bold <i>italic</i></b> text</span></div></div><script>var x = '<p>';"
    b"</script><p>Gr\xc3\xbc\xc3\x9fe aus M\xc3\xbcnchen, wo das Wetter heute sch\xc3\xb6n ist.</p></body></html>",
]
CONFIG = PipelineConfig()
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_REASON = re.compile(r"^[a-z][a-z0-9_]*$")


def check_pipeline(raw: bytes, kind: str, config: PipelineConfig = CONFIG) -> str:
    """Run one input through the pipeline and check the properties; returns ``kept`` or the reason."""
    try:
        result = clean_bytes(raw, "fuzz", "fuzz.txt", kind, config)
    except RejectError as exc:
        assert _REASON.match(exc.reason), exc.reason
        return exc.reason
    text = result.text
    text.encode("utf-8")  # strict: a lone surrogate raises
    assert not _CONTROL.search(text), repr(_CONTROL.search(text).group())
    doc = result.document
    removed = {r.line_no - 1: r.text for r in doc.removals}
    assert len(removed) == len(doc.removals)  # each line is removed at most once
    rebuilt = [removed[i] if i in removed else doc.lines[i] for i in range(len(doc.lines))]
    assert rebuilt == doc.lines == decoded_lines(raw, kind, config)
    assert all(doc.kept[i] == (i not in removed) for i in range(len(doc.lines)))
    return "kept"


@st.composite
def slices(draw, pages: list[bytes]) -> bytes:
    page = draw(st.sampled_from(pages))
    lines = page.split(b"\n")
    start = draw(st.integers(0, max(0, len(lines) - 1)))
    return b"\n".join(lines[start:start + draw(st.integers(1, 40))])


@st.composite
def mutated(draw, base: st.SearchStrategy[bytes]) -> bytes:
    data = bytearray(draw(base))
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(("flip", "insert", "delete", "repeat", "truncate")))
        pos = draw(st.integers(0, len(data)))
        if op == "flip" and pos < len(data):
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[pos:pos] = draw(st.one_of(st.binary(max_size=16), st.sampled_from(
                [b"\x00", b"\r", b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3", b"\xe2\x80", b"\x1b[0m", b"\xa0", b"<div>",
                 b"</p>", b"&nbsp;", b"\xed\xa0\x80", b"\n" * 5, b"|" * 6])))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 64))]
        elif op == "repeat":
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 200))] * draw(st.integers(1, 3))
        elif op == "truncate":
            del data[pos:]
    raw = bytes(data)
    if draw(st.integers(0, 9)) == 0:
        raw = gzip.compress(raw, mtime=0)
        if draw(st.booleans()):
            raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


texts = st.one_of(st.binary(max_size=400), mutated(slices(SAMPLES)), mutated(st.sampled_from(SAMPLES)),
                  st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
                  st.sampled_from(("utf-16", "utf-16-le", "cp1252", "gbk")).flatmap(
                      lambda codec: slices(SAMPLES).map(lambda b: b.decode("utf-8").encode(codec, "replace"))))
pages = st.one_of(mutated(st.sampled_from(HTML_PAGES)), st.binary(max_size=300))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts)
def test_text_inputs_never_crash_and_keep_their_lines(raw):
    check_pipeline(raw, "text")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pages)
def test_html_inputs_never_crash_and_keep_their_lines(raw):
    check_pipeline(raw, "html")


def test_check_pipeline_can_fail(monkeypatch):
    """The property check is not vacuous: a pipeline that leaks a control character fails it."""
    import cleaners.pipeline as pipeline

    real = pipeline.assemble_text
    monkeypatch.setattr(pipeline, "assemble_text", lambda doc: real(doc) + "\x07")
    try:
        check_pipeline(SAMPLES[0], "text")
    except AssertionError:
        return
    raise AssertionError("check_pipeline accepted a control character")
