"""Bytes to text: reason codes, codec choice, repairs, and the corrupted bench files."""

from __future__ import annotations

import codecs
import gzip
import json
import re
import zlib
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest

from cleaners import decode
from cleaners.config import DecodeConfig
from cleaners.decode import decode_bytes, maybe_gunzip
from cleaners.errors import RejectError

CFG = DecodeConfig()
SHARED = Path(__file__).resolve().parents[2] / "shared"
AEB = SHARED / "bench" / "aeb-dev"
MOJIBAKE_MARKERS = re.compile("\ufffd|Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]")  # as score.py counts

FRENCH = "Le résumé du café était très élégant, déjà vu à l'hôtel.\nÇa coûte 5 € — « naïveté » garçon œuvre.\n"
GERMAN = "Größe und Übermaß: die Straße, schöne Äpfel und Öl.\nGrüße aus München.\n"
CHINESE = "中文测试：这是一个简单的句子，用于检测编码是否正确。\n我们喜欢北京的秋天，天气很好。\n"
RUSSIAN = "Привет, мир! Это простой текст на русском языке для проверки кодировки.\n"
ENGLISH = "He said “hello” — and then he left the room.\nThe café’s owner shrugged.\n"


def reject_reason(raw: bytes, config: DecodeConfig = CFG, kind: str = "text") -> str:
    with pytest.raises(RejectError) as info:
        decode_bytes(raw, config, kind)
    return info.value.reason


# --- clean input and BOMs ---------------------------------------------------------------------


def test_clean_utf8_is_unchanged_and_reports_no_repairs():
    out = decode_bytes(ENGLISH.encode("utf-8"), CFG)
    assert (out.text, out.encoding, out.repairs) == (ENGLISH, "utf-8", {})


def test_clean_utf8_takes_the_fast_path_without_ftfy(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("ftfy must not run on clean text")

    monkeypatch.setattr(decode.ftfy, "fix_text", boom)
    monkeypatch.setattr(decode.ftfy, "fix_and_explain", boom)
    for text in (ENGLISH, FRENCH, GERMAN, CHINESE, RUSSIAN):
        assert decode_bytes(text.encode("utf-8"), CFG).text == text


def test_utf8_bom_is_stripped_and_counted():
    out = decode_bytes(codecs.BOM_UTF8 + FRENCH.encode("utf-8"), CFG)
    assert (out.text, out.encoding, out.repairs) == (FRENCH, "utf-8", {"bom": 1})


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    out = decode_bytes(bom + GERMAN.encode(codec), CFG)
    assert (out.text, out.encoding, out.repairs) == (GERMAN, "utf-16", {"bom": 1})


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_found_by_its_nul_pattern(codec):
    out = decode_bytes(GERMAN.encode(codec), CFG)
    assert (out.text, out.encoding, out.repairs) == (GERMAN, "utf-16", {})


def test_utf32_with_bom():
    out = decode_bytes(codecs.BOM_UTF32_LE + CHINESE.encode("utf-32-le"), CFG)
    assert (out.text, out.encoding, out.repairs) == (CHINESE, "utf-32", {"bom": 1})


# --- legacy charsets ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [FRENCH, ENGLISH])
def test_cp1252(text):
    out = decode_bytes(text.encode("cp1252"), CFG)
    assert (out.text, out.encoding, out.repairs) == (text, "cp1252", {"charset_detected": 1})


def test_latin1_reads_as_cp1252_which_contains_it():
    out = decode_bytes(GERMAN.encode("latin-1"), CFG)
    assert (out.text, out.encoding) == (GERMAN, "cp1252")


def test_gbk_chinese():
    out = decode_bytes(CHINESE.encode("gbk"), CFG)
    assert (out.text, out.encoding, out.repairs) == (CHINESE, "gbk", {"charset_detected": 1})


def test_gbk_english_with_cyrillic_spam_is_gbk_not_a_single_byte_codec():
    text = "The council met on Tuesday to discuss the budget for next year.\n" + RUSSIAN
    out = decode_bytes(text.encode("gbk"), CFG)
    assert (out.text, out.encoding) == (text, "gbk")


def test_cp1252_bytes_that_happen_to_be_valid_gbk_stay_cp1252():
    text = "Ménage chez Gérard de Fréjus et Thérèse Lefèvre.\n"
    raw = text.encode("cp1252")
    raw.decode("gbk")  # the trap: these bytes are valid GBK (accent + next ASCII letter pairs)
    out = decode_bytes(raw, CFG)
    assert (out.text, out.encoding) == (text, "cp1252")


def test_cp1251_russian_found_by_charset_normalizer():
    out = decode_bytes((RUSSIAN * 3).encode("cp1251"), CFG)
    assert out.text == RUSSIAN * 3
    assert out.repairs == {"charset_detected": 1}


def test_mixed_utf8_and_cp1252_lines_are_decoded_line_by_line():
    lines = ["Café au lait, première ligne.", "Deuxième ligne : crème brûlée.", "Plain ASCII line.", "Dernière — fin."]
    raw = b"\n".join(
        [lines[0].encode("utf-8"), lines[1].encode("cp1252"), lines[2].encode("ascii"), lines[3].encode("cp1252")]
    )
    out = decode_bytes(raw, CFG)
    assert out.text == "\n".join(lines)
    assert out.encoding == "mixed"
    assert out.repairs == {"mixed_encoding_lines": 2}


# --- HTML charset declarations (a hint) -----------------------------------------------------------


def page(body: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


def test_html_declared_charset_is_used():
    html = page(RUSSIAN.strip(), "windows-1251")
    out = decode_bytes(html.encode("cp1251"), CFG, kind="html")
    assert (out.text, out.encoding, out.repairs) == (html, "cp1251", {"charset_declared": 1})


def test_html_http_equiv_charset_is_used():
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head>'
        f"<body><p>{RUSSIAN.strip()}</p></body></html>"
    )
    out = decode_bytes(html.encode("koi8-r"), CFG, kind="html")
    assert (out.text, out.encoding) == (html, "koi8_r")


@pytest.mark.parametrize("declared", ["utf-8", "windows-1252", "iso-8859-1"])
def test_html_wrong_declaration_is_overruled(declared):
    html = page(CHINESE.strip(), declared)
    out = decode_bytes(html.encode("gbk"), CFG, kind="html")
    assert (out.text, out.encoding) == (html, "gbk")


def test_html_declared_latin1_but_really_utf8_is_utf8():
    html = page(FRENCH.strip(), "iso-8859-1")
    out = decode_bytes(html.encode("utf-8"), CFG, kind="html")
    assert (out.text, out.encoding, out.repairs) == (html, "utf-8", {})


def test_html_without_declaration_is_detected():
    html = page(FRENCH.strip(), None)
    out = decode_bytes(html.encode("cp1252"), CFG, kind="html")
    assert (out.text, out.encoding, out.repairs) == (html, "cp1252", {"charset_detected": 1})


# --- HTTP Content-Type charset (a hint, before the page's own) -----------------------------------

HEBREW = "שלום עולם, זהו טקסט פשוט בעברית לבדיקה.\n"
CZECH = "Příliš žluťoučký kůň úpěl ďábelské ódy.\n"


@pytest.mark.parametrize("text, codec, label", [
    (RUSSIAN, "koi8_r", "KOI8-R"), (HEBREW, "cp1255", "windows-1255"), (CZECH, "iso8859_2", "iso-8859-2")])
def test_http_charset_decides_what_detection_gets_wrong(text, codec, label):
    raw = text.encode(codec)
    assert decode_bytes(raw, CFG).text != text  # short texts: detection alone picks another codec
    out = decode_bytes(raw, CFG, http_charset=label)
    assert (out.text, out.encoding, out.repairs) == (text, codec, {"charset_http": 1})


def test_http_charset_comes_before_the_html_declaration():
    html = page(RUSSIAN.strip(), "windows-1251")  # the page's meta is wrong, the server is right
    raw = html.encode("koi8-r")
    assert decode_bytes(raw, CFG, kind="html").text != html
    out = decode_bytes(raw, CFG, kind="html", http_charset="koi8-r")
    assert (out.text, out.encoding, out.repairs) == (html, "koi8_r", {"charset_http": 1})


def test_http_charset_applies_to_plain_text_and_reads_latin1_as_cp1252():
    out = decode_bytes(FRENCH.encode("cp1252"), CFG, http_charset="iso-8859-1")
    assert (out.text, out.encoding, out.repairs) == (FRENCH, "cp1252", {"charset_http": 1})


@pytest.mark.parametrize("raw, declared, expected", [
    (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "windows-1252", ("utf-8", {"bom": 1})),  # BOM first
    (FRENCH.encode("utf-8"), "windows-1252", ("utf-8", {})),  # valid UTF-8 overrules the header
    (CHINESE.encode("gbk"), "windows-1252", ("gbk", {"charset_detected": 1})),  # mess ratio overrules it
    (FRENCH.encode("cp1252"), "utf-8", ("cp1252", {"charset_detected": 1})),  # invalid UTF-8: ignored
    (FRENCH.encode("cp1252"), "no-such-charset", ("cp1252", {"charset_detected": 1})),
])
def test_wrong_http_charset_is_overruled(raw, declared, expected):
    out = decode_bytes(raw, CFG, http_charset=declared)
    assert out.text == (CHINESE if expected[0] == "gbk" else FRENCH)
    assert (out.encoding, out.repairs) == expected


def test_http_charset_reaches_decode_bytes_through_clean_bytes():
    from cleaners.config import PipelineConfig
    from cleaners.pipeline import clean_bytes

    raw = ("\n\n".join([RUSSIAN] * 3)).encode("koi8-r")
    with_hint = clean_bytes(raw, "r", "r", "text", PipelineConfig(), http_charset="koi8-r")
    assert with_hint.encoding == "koi8_r" and with_hint.document.repairs.get("charset_http") == 1
    without = clean_bytes(raw, "r", "r", "text", PipelineConfig())
    assert "charset_http" not in without.document.repairs


# --- repairs -----------------------------------------------------------------------------------


def test_mojibake_is_repaired_and_counted():
    broken = ENGLISH.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")  # â€œhelloâ€ ...
    assert MOJIBAKE_MARKERS.search(broken.decode("utf-8"))
    out = decode_bytes(broken, CFG)
    assert out.text == ENGLISH
    assert out.repairs == {"mojibake": 2}


def test_latin1_mojibake_with_c1_controls_is_repaired():
    broken = FRENCH.encode("utf-8").decode("latin-1").encode("utf-8")
    out = decode_bytes(broken, CFG)
    assert out.text == FRENCH
    assert out.repairs["mojibake"] == 2


def test_mojibake_repair_can_be_turned_off():
    broken = ENGLISH.encode("utf-8").decode("sloppy-windows-1252")
    out = decode_bytes(broken.encode("utf-8"), DecodeConfig(fix_mojibake=False))
    assert out.text == broken.replace("\x9d", "")  # the C1 control still goes, as a control char
    assert out.repairs == {"control_char": 1}
    assert "mojibake" not in out.repairs


def test_apostrophes_a_site_lost_to_u_fffd_are_restored_and_counted():
    # a cp1252 right quote read as UTF-8 and replaced before the page was saved: the byte is
    # gone, but inside a contraction or after an elided article only an apostrophe fits
    lost = "That\ufffds what we\ufffdve said: don\ufffdt wait.\nL\ufffdhomme qu\ufffdil a vu, dell\ufffdanno.\n"
    out = decode_bytes(lost.encode("utf-8"), CFG)
    assert out.text == lost.replace("\ufffd", "\u2019")
    assert out.repairs == {"lost_apostrophe": 6}


@pytest.mark.parametrize("text", [
    "Caf\ufffd au lait, pr\ufffds de la gare, it\ufffds \ufffdt\ufffd.\n",  # lost accents: most U+FFFD are letters
    "Price \ufffd 20, a \ufffd b, 2019\ufffds figures.\n",  # no apostrophe place: nothing says what it was
])
def test_u_fffd_that_need_not_be_apostrophes_stay(text):
    out = decode_bytes(text.encode("utf-8"), CFG)
    assert out.text == text
    assert "lost_apostrophe" not in out.repairs


def _rendered_after_latin1_misread(text: str) -> bytes:
    """``text`` as a text browser dumps a page that sent it double-encoded: its UTF-8 read as
    Latin-1, the C1 control characters that makes printed as spaces, the result saved as UTF-8."""
    misread = text.encode("utf-8").decode("latin-1")
    return re.sub("[\u0080-\u009f]", " ", misread).encode("utf-8")


def test_punctuation_whose_c1_bytes_became_spaces_is_restored_and_counted():
    text = ("That\u2019s not budgeting\u2014it\u2019s a plan. Press \u201co\u201d to open, then wait\u2026 "
            "It costs 5 \u20ac a month.\n")
    broken = _rendered_after_latin1_misread(text)
    assert b"That\xc3\xa2  s" in broken  # ftfy cannot see this: the C1 bytes are gone
    out = decode_bytes(broken, CFG)
    assert out.text == text
    assert out.repairs == {"stripped_punctuation": 7}


def test_stripped_punctuation_on_real_dumps_and_never_on_clean_text(bench_dir):
    # wcxb-dev's w3m dumps include pages served double-encoded; their gold texts are clean
    wcxb = bench_dir / "wcxb-dev"
    repaired = 0
    for dump in sorted((wcxb / "dumps" / "w3m").glob("*.txt")):
        out = decode_bytes(dump.read_bytes(), CFG)
        if out.repairs.get("stripped_punctuation"):
            repaired += 1
            assert not re.search(r"[^\W\d_]\u00e2 {1,2}(?:s|t|re|ll|ve)\b", out.text), dump.name
    assert repaired >= 10
    for gold in sorted((wcxb / "gold").glob("*.txt")):
        assert "stripped_punctuation" not in decode_bytes(gold.read_bytes(), CFG).repairs, gold.name


def test_a_real_a_circumflex_is_not_taken_for_stripped_punctuation():
    text = "Gr\u00e2ce \u00e0 toi, c\u00e2nd vii, p\u00e2te bris\u00e9e \u2014 ch\u00e2teau.\n"
    out = decode_bytes(text.encode("utf-8"), CFG)
    assert out.text == text
    assert "stripped_punctuation" not in out.repairs


def test_curly_quotes_ligatures_and_fullwidth_are_left_alone():
    text = "“Quoted” ﬁne ＡＢＣ — ok…\n"
    assert decode_bytes(text.encode("utf-8"), CFG).text == text


def test_crlf_nbsp_odd_spaces_zero_width_and_controls():
    raw = "one\u00a0two\r\nthree\u2009four\u3000five\rsix\u200bseven\ufeff\x07eight\tnine\x1b\n".encode("utf-8")
    out = decode_bytes(raw, CFG)
    assert out.text == "one two\nthree four five\nsixseveneight\tnine\n"
    assert out.repairs == {"crlf": 2, "nbsp": 1, "odd_space": 2, "zero_width": 2, "control_char": 2}


def test_zero_width_joiners_that_scripts_need_are_kept():
    persian = "می\u200cخواهم"  # the non-joiner is part of correct Persian spelling
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # one emoji made of three
    out = decode_bytes(f"{persian} {family}\n".encode("utf-8"), CFG)
    assert out.text == f"{persian} {family}\n"
    assert "zero_width" not in out.repairs


# --- rejects -----------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8, "\u00a0\u200b\n".encode("utf-8")])
def test_empty_and_whitespace_only(raw):
    assert reject_reason(raw) == "empty"


@pytest.mark.parametrize(
    "raw",
    [
        b"some text\x00with a NUL byte in it",
        b"\x89PNG\r\n\x1a\n" + b"looks like text afterwards " * 20,
        b"%PDF-1.7\n" + b"text " * 50,
        b"PK\x03\x04" + b"a" * 100,
        bytes(range(1, 9)) * 100 + b"a bit of text",
    ],
)
def test_binary(raw):
    assert reject_reason(raw) == "binary"


def test_too_large():
    assert reject_reason(b"word " * 100, DecodeConfig(max_input_bytes=100)) == "too_large"
    assert decode_bytes(b"word " * 100, DecodeConfig(max_input_bytes=None)).text == "word " * 100


# --- gzip --------------------------------------------------------------------------------------


def test_gunzip_round_trip_multi_member_and_passthrough():
    assert maybe_gunzip(gzip.compress(b"hello"), 100) == b"hello"
    assert maybe_gunzip(gzip.compress(b"hel") + gzip.compress(b"lo"), 100) == b"hello"
    assert maybe_gunzip(b"plain bytes", 5) == b"plain bytes"
    out = decode_bytes(gzip.compress(FRENCH.encode("utf-8")), CFG)
    assert (out.text, out.repairs) == (FRENCH, {"gzip": 1})


def test_gzip_bomb_is_rejected_without_inflating_it():
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container, built without 200 MB
    chunk = b"\x00" * 1_000_000
    bomb = b"".join(packer.compress(chunk) for _ in range(200)) + packer.flush()  # ~200 KB -> 200 MB
    assert len(bomb) < 300_000
    with pytest.raises(RejectError) as info:
        maybe_gunzip(bomb, 1_000_000)
    assert info.value.reason == "too_large"
    assert reject_reason(bomb, DecodeConfig(max_input_bytes=1_000_000)) == "too_large"


def test_gzip_at_exactly_the_cap_is_accepted():
    assert maybe_gunzip(gzip.compress(b"x" * 1000), 1000) == b"x" * 1000
    with pytest.raises(RejectError):
        maybe_gunzip(gzip.compress(b"x" * 1001), 1000)


def test_truncated_and_corrupt_gzip():
    blob = gzip.compress(FRENCH.encode("utf-8") * 50)
    for broken in (blob[: len(blob) // 2], blob[:-4], blob[:12] + bytes(b ^ 0xFF for b in blob[12:40]) + blob[40:]):
        with pytest.raises(RejectError) as info:
            maybe_gunzip(broken, None)
        assert info.value.reason == "corrupt_gzip"
    assert reject_reason(blob[:20]) == "corrupt_gzip"


def test_zlib_error_type_is_what_corrupt_data_raises():  # the guard in maybe_gunzip relies on it
    with pytest.raises(zlib.error):
        zlib.decompressobj(31).decompress(b"\x1f\x8b\x08\x00" + b"\xff" * 20)


# --- properties --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [ENGLISH, FRENCH, GERMAN, CHINESE, RUSSIAN, "a\u00a0b\r\nc\u200b"])
def test_decoding_is_idempotent(text):
    once = decode_bytes(text.encode("utf-8"), CFG).text
    assert decode_bytes(once.encode("utf-8"), CFG).text == once


# --- the corrupted bench files ------------------------------------------------------------------


def _comparable(text: str) -> list[str]:
    """Lines with every run of (non-breaking) spaces as one space: injected NBSPs sit beside
    spaces, and the dump's own NBSPs become spaces in decoding. Trailing blank lines go (the
    injected spam block leaves one)."""
    return [re.sub(r"[ \u00a0]+", " ", line).rstrip() for line in text.replace("\r\n", "\n").rstrip().split("\n")]


def same_as_dump(decoded: str, dump: str, drop: set[str], saved_encoding: str | None = None) -> bool:
    """True when ``decoded`` equals the dump once injected lines (spam, repeated captions) are
    dropped. ``saved_encoding``: the fault saved the page in that codec, writing '?' for the
    characters it cannot hold, so those characters of the dump are compared as '?'."""
    if saved_encoding:
        dump = "".join(c if c.encode(saved_encoding, "replace") != b"?" or c == "?" else "?" for c in dump)
    got = [line for line in _comparable(decoded) if line.strip() not in drop]
    want = [line for line in _comparable(dump) if line.strip() not in drop]
    while got and not got[-1]:  # the blank line before a dropped block at the end
        got.pop()
    return got == want


def test_same_as_dump_can_fail():
    dump = "Hello world\nSecond line □5\n"
    assert same_as_dump("Hello world\nSecond line ?5\n", dump, set(), saved_encoding="cp1252")
    assert not same_as_dump("Hello world\nSecond line ?5\n", dump, set())
    assert not same_as_dump("Hello world\nSecond line x5\n", dump, set(), saved_encoding="cp1252")
    assert not same_as_dump("Hello world\n", dump, set())
    assert same_as_dump("Hello world\nspam\n", "Hello world\n", {"spam"})


def _manifest() -> dict:
    path = AEB / "corrupted_manifest.json"
    if not path.is_file():
        pytest.skip("../shared/bench is not beside the repository")
    return json.loads(path.read_text(encoding="utf-8"))["files"]


def test_bench_files_saved_in_legacy_charsets_decode_like_the_dump():
    files = {k: v for k, v in _manifest().items() if {"saved_as_gbk", "saved_as_cp1252"} & set(v["faults"])}
    assert files
    for page_id, info in files.items():
        out = decode_bytes((AEB / "corrupted" / f"{page_id}.txt").read_bytes(), CFG)
        assert out.encoding == info["saved_encoding"], page_id
        assert out.repairs["charset_detected"] == 1
        dump = (AEB / "dumps" / "w3m" / f"{page_id}.txt").read_text(encoding="utf-8")
        drop = {line.strip() for line in info.get("spam_lines", []) + info.get("dup_captions", [])}
        assert same_as_dump(out.text, dump, drop, info["saved_encoding"]), page_id


def test_bench_mojibake_files_keep_no_markers_the_gold_lacks():
    files = {k: v for k, v in _manifest().items() if "mojibake" in v["faults"]}
    assert files
    for page_id, info in files.items():
        raw = (AEB / "corrupted" / f"{page_id}.txt").read_bytes()
        assert MOJIBAKE_MARKERS.search(raw.decode("utf-8"))  # the fault is really there
        out = decode_bytes(raw, CFG)
        gold = (AEB / "gold" / f"{page_id}.txt").read_text(encoding="utf-8")
        assert set(MOJIBAKE_MARKERS.findall(out.text)) <= set(MOJIBAKE_MARKERS.findall(gold)), page_id
        assert out.repairs["mojibake"] > 0
        dump = (AEB / "dumps" / "w3m" / f"{page_id}.txt").read_text(encoding="utf-8")
        drop = {line.strip() for line in info.get("spam_lines", []) + info.get("dup_captions", [])}
        assert same_as_dump(out.text, dump, drop), page_id


def test_text_no_codec_could_read_is_rejected_and_a_few_replacement_characters_stay():
    # a UTF-16 file cut after its BOM and one byte: nothing but U+FFFD would be left
    assert reject_reason(b"\xff\xfe\x00") == "undecodable"
    assert reject_reason(b"\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd x\n") == "undecodable"
    # a UTF-16 page cut one byte short keeps its text; a scraped page's few U+FFFD stay as they were
    page = "Ein Artikel über die Stadtwerke und ihre Strompreise."
    assert decode_bytes(codecs.BOM_UTF16_LE + page.encode("utf-16-le") + b"\x00", CFG).text.startswith(page)
    kept = decode_bytes("Prices rose by 5 \ufffd this year, the report says.\n".encode("utf-8"), CFG).text
    assert "\ufffd" in kept
