"""Decoding and fingerprinting of raw page bytes: bytes in, normalised text or a rejection out."""
from __future__ import annotations

import codecs
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass


# File signatures of formats that are never article text, whatever their name says.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"),
    (b"%PDF-", "pdf"), (b"PK\x03\x04", "zip"), (b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"),
    (b"\x7fELF", "elf"), (b"RIFF", "riff"), (b"OggS", "ogg"), (b"ID3", "mp3"),
    (b"\x00\x00\x00\x18ftyp", "mp4"), (b"\x00\x00\x00\x20ftyp", "mp4"), (b"SQLite format 3", "sqlite"),
    (b"PAR1", "parquet"), (b"\xd0\xcf\x11\xe0", "ole"), (b"BM", None),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Korean pages outside UTF come in CP949 (a superset of EUC-KR); the detector may name either.
_KOREAN_ALIASES = {"euc_kr": "cp949", "euc-kr": "cp949", "cp949": "cp949", "uhc": "cp949", "johab": "johab"}


@dataclass(slots=True)
class Decoded:
    """Decoded, normalised text of an input, or the reason it cannot be used."""

    text: str | None
    encoding: str | None
    reason: str | None = None  # empty | binary | undecodable | None when text is usable
    detail: str | None = None


def sha256_hex(data: bytes | str) -> str:
    """Return the hex SHA-256 of bytes, or of a string's UTF-8 encoding."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def content_hash(text: str) -> str:
    """Return the content hash of normalised text: same article in any encoding, same hash."""
    return sha256_hex(" ".join(text.split()))


_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f]")  # C0 controls but tab and newline


def normalize_text(text: str) -> str:
    """Return text in NFC with LF line ends, without NUL and other C0 controls but tab and newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if kind and data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """Return utf-16-le/be when NULs sit at alternating positions, as in BOM-less UTF-16 text."""
    if len(head) < 8:
        return None
    even = head[0::2].count(0) / (len(head) / 2)
    odd = head[1::2].count(0) / (len(head) / 2)
    # ASCII-heavy UTF-16 has NUL in every other byte; Hangul-only UTF-16 has none, so the
    # detector below handles that case.
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Return the decoded text of page bytes in UTF-8 (with or without BOM), UTF-16/32, CP949/EUC-KR."""
    if not data or not data.strip(b" \t\r\n\x00\x0b\x0c"):
        return Decoded(None, None, "empty", "no text in the input")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data[len(bom):].decode(enc), enc.replace("-sig", "-bom") if enc == "utf-8-sig" else enc)
            except UnicodeDecodeError as exc:
                return Decoded(None, enc, "undecodable", f"{enc} byte order mark but invalid {enc}: {exc.reason}")
    kind = _binary_kind(data)
    if kind:
        return Decoded(None, None, "binary", f"{kind} file signature")
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        try:
            return _finish(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Text with a handful of stray NULs is still text; a mostly-NUL or control-heavy blob is not.
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12, 27))
    if controls / len(sample) > 0.10:
        return Decoded(None, None, "binary", f"{controls / len(sample):.0%} control bytes")
    import charset_normalizer  # here: most pages are UTF-8, and importing it costs 50 ms of every start-up

    best = charset_normalizer.from_bytes(data[:262144] if len(data) > 262144 else data).best()
    if best is None:
        return Decoded(None, None, "undecodable", f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                       "and no known encoding fits")
    enc = _KOREAN_ALIASES.get(best.encoding.lower(), best.encoding)
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        try:
            text = data.decode(enc, errors="replace")
        except LookupError:
            return Decoded(None, None, "undecodable", f"detected encoding {best.encoding} is unknown")
        bad = text.count("\ufffd")
        if bad > max(3, len(text) // 1000):
            return Decoded(None, enc, "undecodable", f"{bad} undecodable byte sequences as {enc}")
    return _finish(text, enc)


def _finish(text: str, encoding: str) -> Decoded:
    text = normalize_text(text)
    if not text.strip():
        return Decoded(None, encoding, "empty", "only whitespace or control characters")
    return Decoded(text, encoding)


@dataclass(slots=True)
class JsonRecord:
    """One page of a JSON Lines input: its text or HTML, metadata hints, or why it was rejected."""

    line: int
    text: str | None = None
    html: str | None = None
    hints: dict | None = None
    reason: str | None = None
    detail: str | None = None


_TEXT_KEYS = ("text", "body", "content", "article", "raw_text", "page_text")
_HTML_KEYS = ("html", "raw_html", "page_html")
_HINT_KEYS = ("title", "publisher", "published_at", "date", "url", "author", "reporter")


def parse_jsonl(text: str) -> list[JsonRecord]:
    """Return the page records of a JSON Lines document, one per non-blank line."""
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            records.append(JsonRecord(number, reason="bad_json", detail=f"line {number}: {exc.msg}"))
            continue
        if isinstance(obj, str):
            records.append(JsonRecord(number, text=obj))
            continue
        if not isinstance(obj, dict):
            records.append(JsonRecord(number, reason="bad_json", detail=f"line {number}: not an object"))
            continue
        hints = {k: obj[k] for k in _HINT_KEYS if isinstance(obj.get(k), str) and obj[k].strip()}
        body = next((obj[k] for k in _TEXT_KEYS if isinstance(obj.get(k), str) and obj[k].strip()), None)
        html = next((obj[k] for k in _HTML_KEYS if isinstance(obj.get(k), str) and obj[k].strip()), None)
        if body is None and html is None:
            records.append(JsonRecord(number, reason="empty", detail=f"line {number}: no text field "
                                      f"({', '.join(_TEXT_KEYS + _HTML_KEYS)})", hints=hints))
            continue
        records.append(JsonRecord(number, text=normalize_text(body) if body else None,
                                  html=html, hints=hints))
    return records
