"""Bytes to clean text: decompression cap, binary rejection, charset choice, encoding repair.

Pure functions, no file I/O. ``decode_bytes`` runs on every document, so clean UTF-8 takes a
fast path: strict decode, then ``bytes.translate`` deletes printable ASCII and only the few
characters left are checked (a one-class regex for mojibake, a dict for spaces and controls);
ftfy and charset scoring only run on inputs that need them. Measured on the bench: ~0.1 ms
for a 10-20 KB text dump, ~0.5 ms median for a 300 KB HTML page.

Charset choice for bytes that are not UTF-8, in order:
1. BOM (UTF-8, UTF-16, UTF-32), strict UTF-8, UTF-16 without BOM (NUL pattern);
2. a file whose lines are partly valid UTF-8 and partly not is decoded line-wise
   (UTF-8 where valid, cp1252 otherwise);
3. candidates -- the charset of the HTTP ``Content-Type`` header the bytes came with (a WARC
   record's), the HTML-declared charset (both hints: either may be wrong), GBK when the bytes
   are valid GBK made of GB2312-region pairs, cp1252, and charset-normalizer's guess -- are each
   decoded and scored with charset-normalizer's mess ratio; the first candidate within
   ``_MESS_MARGIN`` of the best wins (so the HTTP charset, then the declared one, win ties, and
   GBK beats the single-byte codecs that decode the same bytes into plausible-looking accented
   letters).

``repairs`` keys (only non-zero ones are present): ``gzip``, ``bom``, ``charset_http``,
``charset_declared``, ``charset_detected``, ``mixed_encoding_lines``, ``mojibake`` (lines changed
by ftfy), ``stripped_punctuation`` (punctuation whose C1 bytes a text browser printed as
spaces), ``crlf`` (CRLF or lone CR line ends), ``nbsp``, ``odd_space``, ``zero_width``,
``control_char``, ``markdown_lines`` (lines of a text saved as Markdown whose syntax was read as
text: ``cleaners.markdown``), ``link_number_lines`` (lines whose link numbers, as lynx prints
them above its list of links, were taken out: ``cleaners.link_numbers``).
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass, field

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252 & co.)
from ftfy.badness import is_bad

from cleaners.config import DecodeConfig
from cleaners.errors import RejectError
from cleaners.link_numbers import columns_read_out, link_numbers_as_text
from cleaners.markdown import markdown_as_text

GZIP_MAGIC = b"\x1f\x8b"
_GUNZIP_CHUNK = 1 << 20  # decompress at most this much per call, so a bomb stops at the cap

# Leading bytes of binary formats seen among scraped files (checked before anything else).
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x7fELF", "elf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"BZh", "bzip2"),
    (b"OggS", "ogg"),
    (b"ID3", "mp3"),
    (b"wOFF", "woff"),
    (b"wOF2", "woff2"),
    (b"SQLite format 3\x00", "sqlite"),
    (b"\x00asm", "wasm"),
)
_BINARY_SAMPLE_BYTES = 8192
_MAX_CONTROL_SHARE = 0.10  # more C0 controls than this (tab/LF/CR/FF/ESC aside) means binary
_C0_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b") + b"\x7f"

_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_META_SCAN_BYTES = 4096
# WHATWG: these labels mean windows-1252 / GBK in practice.
_CHARSET_ALIASES = {
    "latin1": "cp1252", "latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252",
    "cp1252": "cp1252", "gb2312": "gbk", "gbk": "gbk", "utf_8": "utf-8",
}

_MESS_SAMPLE_CHARS = 20_000
_MESS_MARGIN = 0.02
_MIN_GBK_PAIRS = 2
_MIN_GB2312_SHARE = 0.9  # genuine GBK text is mostly GB2312 pairs (both bytes >= 0xA1)
_GBK_PAIR = re.compile(rb"[\x81-\xfe][\x40-\x7e\x80-\xfe]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")

# ftfy: encoding repair only. Everything else ftfy can do changes text that is not broken, or
# is done (and counted) by this module itself.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # "&amp;" may be real text; HTML entities are the extractor's job
    remove_terminal_escapes=False,  # not an encoding fault; ESC is dropped as a control char
    fix_encoding=True,  # the point: undo UTF-8 read as cp1252/latin-1/macroman/...
    restore_byte_a0=True,  # "Â " is a mangled NBSP; only used where mojibake evidence is strong
    replace_lossy_sequences=True,  # mojibake whose bytes were lost becomes one U+FFFD, not "â€?"
    decode_inconsistent_utf8=True,  # pages pasted together from different encodings
    fix_c1_controls=True,  # U+0080-U+009F are cp1252 punctuation read as latin-1
    fix_latin_ligatures=False,  # "ﬁ" is not broken, leave it
    fix_character_width=False,  # fullwidth forms are legitimate in CJK text
    uncurl_quotes=False,  # curly quotes are correct text
    fix_line_breaks=False,  # done (and counted) below
    fix_surrogates=True,  # lone surrogate pairs from bad UTF-16 handling are encoding damage
    remove_control_chars=False,  # done (and counted) below
    normalization=None,  # no NFC: repair, do not rewrite
    explain=False,
)
_FTFY_EXPLAIN = _FTFY_CONFIG._replace(explain=True)

# Cheap pre-check before ftfy's own (slower) is_bad: a UTF-8 lead byte seen through a
# single-byte codec (latin-1/cp1252, macroman, cp1251, cp437) followed by a character that a
# continuation byte becomes in one of them. One character class per position keeps it fast;
# C1 controls are checked separately.
_MOJIBAKE_LEADS = "\u00c2-\u00f4\u221a\u201a\u00ac\u0192\u0420\u0421\u0413\u0432\u251c\u0393\u2554\u2557"
_MOJIBAKE_CONTS = (  # not the letters U+00C0-U+00FF or U+0410-U+044F: "çã" is Portuguese
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u0400-\u040f\u0450-\u045f\u0490\u0491\u2010-\u2122\u2500-\u25ff"
)
_MAYBE_MOJIBAKE = re.compile(f"[{_MOJIBAKE_LEADS}][{_MOJIBAKE_CONTS}]")
_C1 = re.compile("[\u0080-\u009f]")
_PIECE_CHARS = 2000  # longer lines are judged and repaired in pieces of about this size

# Characters the normalisation replaces, by repair key. CR is handled first (line ends).
_SPACE_KEYS: dict[str, tuple[str, str]] = {"\u00a0": ("nbsp", " ")}
_SPACE_KEYS.update({chr(c): ("odd_space", " ") for c in [*range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]})
# Zero-width space, word joiner and stray BOMs go; the zero-width (non-)joiners U+200C/U+200D
# stay, because Persian, Indic scripts and emoji sequences need them to render correctly.
_SPACE_KEYS.update({c: ("zero_width", "") for c in "\u200b\u2060\ufeff"})
_SPACE_KEYS.update({chr(c): ("control_char", "") for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)] if c != 0x0D})
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"  # deleted to find the unusual characters fast

# A U+FFFD where an apostrophe goes: a site whose cp1252 right quote (0x92) was read as UTF-8 and
# replaced before the page was saved ("that\ufffds", "don\ufffdt", "l\ufffdhomme"). The byte is gone;
# only its place says what it was: inside an English contraction, or after a French or Italian
# elided article or pronoun, nothing but an apostrophe fits.
_LOST_APOSTROPHE = re.compile(
    r"(?<=[^\W\d_])\ufffd(?=(?:s|t|d|m|ll|re|ve)(?![^\W\d_]))"  # contractions: it's, don't, we've
    r"|(?:(?<=\b[cdjlmnst])|(?<=qu)|(?<=ll)|(?<=\bun))\ufffd(?=[^\W\d_])",  # l'homme, qu'il, dell'anno
    re.IGNORECASE,
)
# UTF-8 punctuation read as Latin-1, whose C1 control characters a text browser then printed as
# spaces: "that\u00e2  s" for "that\u2019s", "debt\u00e2  nearly" for "debt\u2014nearly", "\u00e2 \u00a6" for
# "\u2026". Every general-punctuation character (U+2000-U+206F) is the bytes E2 80 xx or E2 81 xx;
# read as Latin-1 that is "\u00e2", a C1 control and, for xx under A0, a second one. ftfy cannot
# mend the text once the controls are spaces: the lost bytes are gone. Where the third byte
# survives as a Latin-1 sign it names the character; where it is lost too, the neighbours say
# what fits best (an apostrophe in a contraction, an opening quote before a word, a closing
# quote after one, a dash between words). A real "\u00e2" (French "gr\u00e2ce", Romanian "c\u00e2nd")
# is followed by a letter, never by two spaces.
_LOST_C1 = "[ \u00a0\u0080-\u009f]"
_STRIPPED_PUNCTUATION = re.compile(f"\u00e2{_LOST_C1}(?:{_LOST_C1}|([\u00a0-\u00bf]))")
#: The character of E2 80 xx for the Latin-1 sign standing for its third byte; ``"\u00ac"`` is the
#: euro sign's (E2 82 AC: E2 80 AC is an invisible direction mark that no page prints).
_STRIPPED_BY_LAST_BYTE = {"\u00a6": "\u2026", "\u00a2": "\u2022", "\u00ac": "\u20ac", "\u00b0": "\u2030",
                          "\u00b2": "\u2032", "\u00b3": "\u2033", "\u00b9": "\u2039", "\u00ba": "\u203a",
                          "\u00a0": "\u2020", "\u00a1": "\u2021"}
_CONTRACTION_AFTER = re.compile(r"(?:s|t|d|m|ll|re|ve)(?![^\W\d_])", re.IGNORECASE)

#: Share of a text's U+FFFD that must sit in such places before any is taken for an apostrophe:
#: a page that lost its accented letters ("caf\ufffd", "pr\ufffds") has them everywhere else too.
_MIN_APOSTROPHE_SHARE = 0.8


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the codec that produced it, and counts of what was repaired."""

    text: str
    encoding: str
    repairs: dict[str, int] = field(default_factory=dict)
    printed_extra: dict[int, int] = field(default_factory=dict)  # ``Document.printed_extra``


def maybe_gunzip(raw: bytes, max_bytes: int | None) -> bytes:
    """Decompress gzip input (other input is returned as is), never past ``max_bytes``.

    Multi-member files are joined; bytes after the last member are ignored. Raises
    ``RejectError("too_large")`` past the cap and ``RejectError("corrupt_gzip")`` for truncated
    or corrupt data.
    """
    if not raw.startswith(GZIP_MAGIC):
        return raw
    out = bytearray()
    data = raw
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = data
        try:
            while True:
                limit = _GUNZIP_CHUNK if max_bytes is None else min(_GUNZIP_CHUNK, max_bytes - len(out) + 1)
                piece = inflater.decompress(pending, limit)
                out += piece
                if max_bytes is not None and len(out) > max_bytes:
                    raise RejectError("too_large", f"gzip expands past {max_bytes} bytes")
                if inflater.eof:
                    break
                pending = inflater.unconsumed_tail
                if not pending and not piece:
                    raise RejectError("corrupt_gzip", "gzip stream is truncated")
        except zlib.error as exc:
            raise RejectError("corrupt_gzip", f"gzip stream is corrupt: {exc}") from exc
        data = inflater.unused_data
        if not data.startswith(GZIP_MAGIC):
            return bytes(out)


def decode_bytes(raw: bytes, config: DecodeConfig, kind: str = "text",
                 http_charset: str | None = None) -> Decoded:
    """Turn one input's bytes into clean text; raises ``RejectError`` for unusable input.

    ``http_charset`` is the charset label of the HTTP ``Content-Type`` the bytes came with
    (a WARC record's): after a BOM and before an HTML declaration, a
    hint that strict UTF-8 and the mess-ratio scoring can overrule like any declaration.
    Reason codes: ``empty``, ``binary``, ``too_large``, ``corrupt_gzip``, ``undecodable``.
    """
    repairs: dict[str, int] = {}
    if raw.startswith(GZIP_MAGIC):
        raw = maybe_gunzip(raw, config.max_input_bytes)
        repairs["gzip"] = 1
    if not raw.strip():
        raise RejectError("empty", "input has no non-whitespace bytes")
    wide = _wide_unicode(raw)
    _reject_binary(raw, wide)
    if config.max_input_bytes is not None and len(raw) > config.max_input_bytes:
        raise RejectError("too_large", f"{len(raw)} bytes > max_input_bytes={config.max_input_bytes}")

    text, encoding = _to_text(raw, wide, kind, repairs, http_charset)
    utf8 = (raw[len(codecs.BOM_UTF8):] if repairs.get("bom") else raw) if encoding == "utf-8" else None
    text = _normalise(text, utf8, config, repairs)
    if kind == "text" and config.markdown:
        text, repairs["markdown_lines"] = markdown_as_text(text)
    printed_extra: dict[int, int] = {}
    if kind == "text" and config.link_numbers:
        printed = text
        text, repairs["link_number_lines"] = link_numbers_as_text(text)
        if repairs["link_number_lines"]:
            printed_extra = columns_read_out(printed, text)
    if not text.strip():
        raise RejectError("empty", "input has no visible text after decoding")
    _reject_undecodable(text)
    return Decoded(text, encoding, {k: v for k, v in repairs.items() if v}, printed_extra)


def _reject_undecodable(text: str) -> None:
    """Reject a text whose visible characters are half or more U+FFFD: no codec read those bytes
    (a UTF-16 file cut to its BOM and one byte, random bytes that passed as text), and a
    document of replacement characters is noise in a corpus. A few in a page stay (as scraped)."""
    replaced = text.count("\ufffd")
    if replaced and replaced * 2 >= len(text) - sum(map(text.count, " \n\t\r")):
        raise RejectError("undecodable", f"{replaced} of its characters are U+FFFD (bytes no codec could read)")


# ---------------------------------------------------------------------------------------------
# Binary and UTF-16/32 detection


def _wide_unicode(raw: bytes) -> str | None:
    """The UTF-16/32 codec for input with such a BOM or a UTF-16 NUL pattern, else ``None``."""
    for bom, name in _BOMS[1:]:
        if raw.startswith(bom):
            return name
    sample = raw[: _BINARY_SAMPLE_BYTES & ~1]
    pairs = len(sample) // 2
    if pairs < 2 or b"\x00" not in sample:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls > 0.3 * pairs and even_nuls < 0.05 * pairs:
        return "utf-16-le"
    if even_nuls > 0.3 * pairs and odd_nuls < 0.05 * pairs:
        return "utf-16-be"
    return None


def _reject_binary(raw: bytes, wide: str | None) -> None:
    for magic, name in _BINARY_MAGIC:
        if raw.startswith(magic):
            raise RejectError("binary", f"starts with the {name} signature")
    if raw[4:8] == b"ftyp":
        raise RejectError("binary", "starts with an ISO media (mp4/heic) signature")
    if wide is not None:
        return
    if b"\x00" in raw:
        raise RejectError("binary", "NUL bytes outside UTF-16/32")
    sample = raw[:_BINARY_SAMPLE_BYTES]
    controls = len(sample) - len(sample.translate(None, _C0_CONTROLS))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise RejectError("binary", f"{controls} control bytes in the first {len(sample)}")


# ---------------------------------------------------------------------------------------------
# Charset choice


def _to_text(raw: bytes, wide: str | None, kind: str, repairs: dict[str, int],
             http_charset: str | None = None) -> tuple[str, str]:
    """Pick the codec and decode; records ``bom``/``charset_*``/``mixed_encoding_lines``."""
    if raw.startswith(codecs.BOM_UTF8):
        repairs["bom"] = 1
        return raw[len(codecs.BOM_UTF8):].decode("utf-8", "replace"), "utf-8"
    if wide is not None:
        for bom, name in _BOMS[1:]:
            if raw.startswith(bom):
                repairs["bom"] = 1
                raw = raw[len(bom):]
                break
        try:
            return raw.decode(wide), wide.rsplit("-", 1)[0]
        except UnicodeDecodeError:
            return raw.decode(wide, "replace"), wide.rsplit("-", 1)[0]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    mixed = _decode_mixed_lines(raw)
    if mixed is not None:
        text, cp1252_lines = mixed
        repairs["mixed_encoding_lines"] = cp1252_lines
        return text, "mixed"

    declarations = [(_codec_name(http_charset), "charset_http"),  # the server's word before the page's
                    (_declared_charset(raw) if kind == "html" else None, "charset_declared")]
    # (codec, how it was chosen); valid UTF-8 was taken above, so a UTF-8 declaration is wrong
    candidates = [(codec, how) for codec, how in declarations if codec is not None and codec != "utf-8"]
    if _looks_gbk(raw):
        candidates.append(("gbk", "charset_detected"))
    candidates.append(("cp1252", "charset_detected"))
    guess = _normalizer_guess(raw)
    if guess is not None:
        candidates.append((guess, "charset_detected"))

    scored: list[tuple[str, str, str, float]] = []
    seen: set[str] = set()
    for codec, how in candidates:
        if codec in seen:
            continue
        seen.add(codec)
        text = _strict_decode(raw, codec)
        if text is not None:
            scored.append((codec, how, text, _mess(text)))
    best = min(score for *_, score in scored)
    for codec, how, text, score in scored:
        if score <= best + _MESS_MARGIN:
            repairs[how] = 1
            return text, codec
    raise AssertionError("unreachable: cp1252 always decodes")


def _strict_decode(raw: bytes, codec: str) -> str | None:
    if codec == "cp1252":
        return _decode_cp1252(raw)
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _cp1252_undefined(exc: UnicodeError) -> tuple[str, int]:
    """cp1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined: keep them as latin-1 (C1)."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


codecs.register_error("cleaners_cp1252_latin1", _cp1252_undefined)


def _decode_cp1252(raw: bytes) -> str:
    return raw.decode("cp1252", "cleaners_cp1252_latin1")


def _declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, as a Python codec name."""
    match = _META_CHARSET.search(raw[:_META_SCAN_BYTES])
    if match is None:
        return None
    return _codec_name(match.group(1).decode("ascii", "ignore"))


def _codec_name(label: str | None) -> str | None:
    """A charset label (``ISO-8859-1``, ``windows-1252``...) as the Python codec decoding it, or ``None``."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name.replace("-", "_")
    except LookupError:
        return None
    return _CHARSET_ALIASES.get(name, name)


def _looks_gbk(raw: bytes) -> bool:
    """Valid GBK whose double-byte characters are mostly in the GB2312 region (both >= 0xA1).

    cp1252/latin-1 text read as GBK pairs an accented letter with the ASCII letter after it
    (trail byte < 0xA1), or fails to decode at all; real Chinese (and the Cyrillic and
    punctuation GBK carries) sits in GB2312 rows.
    """
    try:
        raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    pairs = _GBK_PAIR.findall(raw)
    if len(pairs) < _MIN_GBK_PAIRS:
        return False
    gb2312 = sum(1 for pair in pairs if pair[0] >= 0xA1 and pair[1] >= 0xA1)
    return gb2312 >= _MIN_GB2312_SHARE * len(pairs)


def _normalizer_guess(raw: bytes) -> str | None:
    """charset-normalizer's best codec for the bytes (it misreads GBK often; it is one vote)."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return None if best is None else _codec_name(best.encoding)


def _mess(text: str) -> float:
    """charset-normalizer's mess ratio over the non-ASCII lines (lower is more plausible)."""
    from charset_normalizer.md import mess_ratio

    parts: list[str] = []
    size = 0
    for line in text.split("\n"):
        if not line.isascii():
            parts.append(line)
            size += len(line)
            if size >= _MESS_SAMPLE_CHARS:
                break
    return mess_ratio("\n".join(parts), 1.0) if parts else 0.0


def _decode_mixed_lines(raw: bytes) -> tuple[str, int] | None:
    """Line-wise UTF-8/cp1252 decoding for files that mix both, else ``None``.

    Applies when some lines with non-ASCII bytes are valid UTF-8 and some are not, and the
    whole file is not plausible GBK (whose pairs can pass for UTF-8 by chance).
    """
    lines = raw.split(b"\n")
    decoded: list[str] = []
    utf8_lines = cp1252_lines = 0
    for line in lines:
        if line.isascii():
            decoded.append(line.decode("ascii"))
            continue
        try:
            decoded.append(line.decode("utf-8"))
            utf8_lines += 1
        except UnicodeDecodeError:
            decoded.append(_decode_cp1252(line))
            cp1252_lines += 1
    if not utf8_lines or not cp1252_lines or _looks_gbk(raw):
        return None
    return "\n".join(decoded), cp1252_lines


# ---------------------------------------------------------------------------------------------
# Repair and normalisation of decoded text


def _fix_mojibake(text: str, repairs: dict[str, int]) -> str:
    """ftfy encoding repair on the lines that look broken; counts changed lines.

    ftfy judges each line alone and leaves short ambiguous ones (``"â–¡"`` for ``"□"``) as
    they are. Once it has repaired a document's lines by re-reading them as one codec, the
    document is known to be mojibake of that kind, so a second pass re-reads the remaining
    suspicious pieces the same way when they then decode as strict UTF-8. Very long lines
    (minified HTML) are judged in pieces cut at spaces, so ftfy never chews a megabyte at once.
    """
    # only lines with a non-ASCII character can need repair: the others are never cut up
    lines: list[str | list[str]] = text.split("\n")
    changed_lines: set[int] = set()
    codecs_used: list[str] = []
    leftover: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if line.isascii():
            continue
        pieces = lines[index] = _pieces(line)
        for number, piece in enumerate(pieces):
            if piece.isascii():
                continue
            maybe = _MAYBE_MOJIBAKE.search(piece) is not None
            c1 = _C1.search(piece) is not None
            if not (maybe or c1):
                continue
            if not (c1 or is_bad(piece)):
                leftover.append((index, number))
                continue
            fixed, steps = ftfy.fix_and_explain(piece, _FTFY_EXPLAIN)
            if fixed != piece:
                pieces[number] = fixed
                changed_lines.add(index)
                for action, codec in steps or ():
                    if action == "encode" and codec not in codecs_used:
                        codecs_used.append(codec)
            elif maybe:
                leftover.append((index, number))
    for index, number in leftover if codecs_used else ():
        piece = lines[index][number]
        for codec in codecs_used:
            try:
                fixed = piece.encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            if fixed != piece:
                lines[index][number] = fixed
                changed_lines.add(index)
                break
    repairs["mojibake"] = len(changed_lines)
    if not changed_lines:
        return text
    return "\n".join(line if isinstance(line, str) else "".join(line) for line in lines)


def _pieces(line: str) -> list[str]:
    """The line cut, after a space where possible, into pieces of at most ``_PIECE_CHARS``."""
    if len(line) <= _PIECE_CHARS:
        return [line]
    pieces = []
    start = 0
    while len(line) - start > _PIECE_CHARS:
        cut = line.rfind(" ", start + _PIECE_CHARS // 2, start + _PIECE_CHARS)
        end = cut + 1 if cut >= 0 else start + _PIECE_CHARS
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return pieces


def _normalise(text: str, utf8: bytes | None, config: DecodeConfig, repairs: dict[str, int]) -> str:
    """Mojibake repair, line ends, spaces, zero-width and control characters, all counted.

    Fast path: deleting printable ASCII from the UTF-8 bytes (a C-speed ``bytes.translate``)
    leaves the few unusual characters; the regexes and replacements only look at those.
    """
    if "\r" in text:
        repairs["crlf"] = text.count("\r")  # CRLF counts once, as does a lone CR
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    unusual = _unusual_chars(text, utf8)
    if not unusual:
        return text
    if config.fix_mojibake and (_MAYBE_MOJIBAKE.search(unusual) or _C1.search(unusual)):
        fixed = _fix_mojibake(text, repairs)
        if fixed is not text:
            text = fixed
            unusual = _unusual_chars(text, None)
    if "\ufffd" in unusual:
        text = _restore_apostrophes(text, repairs)
    if "\u00e2" in unusual:
        text = _restore_stripped_punctuation(text, repairs)
    for char in sorted(set(unusual)):
        if char in _SPACE_KEYS:
            key, replacement = _SPACE_KEYS[char]
            repairs[key] = repairs.get(key, 0) + text.count(char)
            text = text.replace(char, replacement)
    return text


def _restore_apostrophes(text: str, repairs: dict[str, int]) -> str:
    """U+FFFD in apostrophe places back to ``’`` (counted as ``lost_apostrophe``), when most of
    the text's U+FFFD are in such places; other U+FFFD stay (nothing says what they were)."""
    found = len(_LOST_APOSTROPHE.findall(text))
    if not found or found < _MIN_APOSTROPHE_SHARE * text.count("\ufffd"):
        return text
    repairs["lost_apostrophe"] = found
    return _LOST_APOSTROPHE.sub("\u2019", text)


def _restore_stripped_punctuation(text: str, repairs: dict[str, int]) -> str:
    """UTF-8 punctuation whose C1 bytes a text browser printed as spaces, back to a character
    (counted as ``stripped_punctuation``; see ``_STRIPPED_PUNCTUATION``)."""
    found = 0

    def restore(match: re.Match) -> str:
        nonlocal found
        last = match.group(1)
        if last == "\u00a2" and match.start() and text[match.start() - 1].isalnum():
            guess = "\u2122"  # E2 84 A2 after a name ("Brand™"), not a bullet (E2 80 A2)
        elif last:
            guess = _STRIPPED_BY_LAST_BYTE.get(last)
        else:
            guess = _guess_punctuation(text, match.start(), match.end())
        if guess is None:
            return match.group(0)
        found += 1
        return guess

    fixed = _STRIPPED_PUNCTUATION.sub(restore, text)
    if found:
        repairs["stripped_punctuation"] = found
    return fixed


def _guess_punctuation(text: str, start: int, end: int) -> str:
    """The punctuation that fits between ``text[:start]`` and ``text[end:]`` when all its bytes
    but the first are lost: ’ in a contraction, “ before a word, ” after one, else a dash."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() and _CONTRACTION_AFTER.match(text, end):
        return "\u2019"
    if before.isspace() and after.isalnum():
        return "\u201c"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)"):
        return "\u201d"
    return "\u2014"


def _unusual_chars(text: str, utf8: bytes | None) -> str:
    """Every character of ``text`` other than printable ASCII, tab and line ends, in order."""
    if utf8 is None:
        utf8 = text.encode("utf-8", "surrogatepass")
    return utf8.translate(None, _PLAIN_ASCII).decode("utf-8", "replace")
