"""Decoding and fingerprinting of raw bytes."""
from __future__ import annotations

import pytest

from transforms.ingest import content_hash, decode_bytes, normalize_text, parse_jsonl

TEXT = "구광모 LG 회장은 \"AI의 목적은 고객의 삶\"이라고 말했다.\n둘째 문단: LG AI연구원, 3조6000억 원."


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-bom"),
    ("utf-16", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
    ("utf-32", "utf-32-le"),
    ("cp949", "cp949"),
    ("euc-kr", "cp949"),
])
def test_decodes_every_korean_encoding(encoding, expected):
    decoded = decode_bytes(TEXT.encode(encoding))
    assert decoded.reason is None
    assert decoded.text == TEXT
    assert decoded.encoding == expected


def test_long_cp949_page_is_detected_not_guessed():
    page = ("LG AI연구원은 초거대 AI 개발에 1억 달러를 투자한다고 밝혔다. " * 400).encode("cp949")
    decoded = decode_bytes(page)
    assert decoded.reason is None and decoded.encoding == "cp949"
    assert "초거대" in decoded.text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \r\n\t\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
    (b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, "binary"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 4, "binary"),
    (bytes(range(256)) * 40, "binary"),
])
def test_rejects_inputs_that_are_not_text(data, reason):
    decoded = decode_bytes(data)
    assert decoded.text is None
    assert decoded.reason == reason
    assert decoded.detail


def test_crlf_and_nul_bytes_are_normalised():
    decoded = decode_bytes("첫 줄\r\n둘째\x00 줄\r\n".encode("utf-8"))
    assert decoded.text == "첫 줄\n둘째 줄\n"


def test_content_hash_ignores_encoding_and_whitespace_layout():
    a = decode_bytes(TEXT.encode("utf-8")).text
    b = decode_bytes(TEXT.replace("\n", "\r\n").encode("cp949")).text
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(a + " 추가")


def test_normalize_text_composes_hangul_jamo():
    decomposed = "\u1100\u1161"  # ᄀ + ᅡ
    assert normalize_text(decomposed) == "가"


def test_parse_jsonl_reads_text_html_and_rejects_bad_lines():
    doc = "\n".join([
        '{"title": "제목", "text": "본문입니다.", "publisher": "뉴스1"}',
        '{"html": "<p>본문</p>"}',
        'not json',
        '{"title": "본문 없음"}',
        '',
        '[1, 2]',
    ])
    records = parse_jsonl(doc)
    assert [r.line for r in records] == [1, 2, 3, 4, 6]
    assert records[0].text == "본문입니다." and records[0].hints == {"title": "제목", "publisher": "뉴스1"}
    assert records[1].html == "<p>본문</p>"
    assert [r.reason for r in records[2:]] == ["bad_json", "empty", "bad_json"]
