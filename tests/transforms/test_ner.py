"""Tests of the entity extractor: spans and types, offsets, robustness on odd input, the ner command."""
from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.ner import MODEL_VERSION, EntityExtractor, split_chunks
from transforms.ner.tagger import MODEL_PATH, bio_to_spans
from transforms.types import ENTITY_TYPES

pytestmark = pytest.mark.skipif(not MODEL_PATH.exists(), reason="no trained model (make train-ner)")


@pytest.fixture(scope="session")
def extractor() -> EntityExtractor:
    """One extractor (Kiwi + CRF) for the whole session."""
    return EntityExtractor()


def _check(text, mentions):
    """Assert the invariants every mention list keeps."""
    prev_end = 0
    for m in mentions:
        assert m.type in ENTITY_TYPES
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end
        assert m.origin in ("model", "rule")
        prev_end = m.end


def _spans(text, mentions):
    return [(m.text, m.type) for m in mentions]


def test_model_version_recorded():
    assert MODEL_VERSION.startswith("crf-klue-")


def test_one_list_per_text_in_order(extractor):
    texts = ["삼성전자는 서울에서 발표했다.", "", "김철수 씨가 왔다.", "\n\n"]
    out = extractor.extract(texts)
    assert len(out) == 4
    assert out[1] == [] and out[3] == []


def test_news_sentence_spans_and_types(extractor):
    text = "경찰은 지난 19일 오후 3시 서울 강남구에서 김모(32)씨 등 16명을 불구속 입건했다."
    found = _spans(text, extractor.extract([text])[0])
    assert ("경찰", "ORGANIZATION") in found
    assert ("지난 19일", "DATE") in found
    assert ("오후 3시", "TIME") in found
    assert ("16명", "QUANTITY") in found


def test_amounts_are_typed_and_normalised(extractor):
    text = "회사는 3조6000억 원을 투자하고 1억 달러를 모았다."
    ms = [m for m in extractor.extract([text])[0] if m.type == "MONEY"]
    assert [(m.text, m.value, m.unit) for m in ms] == [("3조6000억 원", 3.6e12, "KRW"), ("1억 달러", 1e8, "USD")]


def test_dates_resolved_against_published_at(extractor):
    text = "그는 지난해 8월 회사를 떠났다."
    ms = [m for m in extractor.extract([text], published_at="2014-03-05")[0] if m.type == "DATE"]
    assert [(m.text, m.normalized) for m in ms] == [("지난해 8월", "2013-08")]


def test_email_and_url_are_rules(extractor):
    text = "문의: hong@example.com, 홈페이지 https://example.com/news 참고"
    ms = extractor.extract([text])[0]
    _check(text, ms)
    rule = [(m.text, m.type, m.origin) for m in ms if m.type in ("EMAIL", "URL")]
    assert rule == [("hong@example.com", "EMAIL", "rule"), ("https://example.com/news", "URL", "rule")]


@pytest.mark.parametrize("text", [
    "", " ", "\x00", "a\x00b 서울", "😀🎉 삼성 😀", "Hello world, no Korean here.", "\ud800 깨진 서로게이트",
    "\r\n\r\n", "ㅋㅋㅋㅋ", "①②③ 2020년", "\t\u2028\u3000", "가" * 5000, "가나다 " * 3000,
])
def test_never_raises_and_offsets_slice(extractor, text):
    (ms,) = extractor.extract([text])
    _check(text, ms)


def test_huge_line_is_chunked(extractor):
    text = "삼성전자는 서울에서 3억 원을 썼다. " * 30000  # ~630,000 chars on one line
    chunks = split_chunks(text)
    assert max(len(c) for _, c in chunks) <= 400
    assert all(text[o:o + len(c)] == c for o, c in chunks)
    (ms,) = extractor.extract([text])
    _check(text, ms)
    assert sum(m.type == "MONEY" for m in ms) == 30000


def test_split_chunks_without_spaces_or_punctuation():
    text = "가" * 1001
    chunks = split_chunks(text, limit=400)
    assert [len(c) for _, c in chunks] == [400, 400, 201]
    assert "".join(c for _, c in chunks) == text


def test_offsets_into_multiline_text(extractor):
    text = "첫 줄입니다.\n둘째 줄에서 김철수 씨는 서울에 갔다.\r\n셋째 줄 1억 달러."
    (ms,) = extractor.extract([text])
    _check(text, ms)
    assert ("1억 달러", "MONEY") in _spans(text, ms)


def test_bio_to_spans_stray_inside():
    assert bio_to_spans(["I-PS", "I-PS", "O", "B-LC", "I-OG"]) == [(0, 2, "PS"), (3, 4, "LC"), (4, 5, "OG")]


def test_run_ner_one_object_per_line(extractor):
    from newsetl.ner_command import run_ner

    out = io.StringIO()
    assert run_ner(io.StringIO("서울에서 1억 달러를 썼다.\r\n\n마지막 줄"), out, batch_size=2, extractor=extractor) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["text"] for r in rows] == ["서울에서 1억 달러를 썼다.", "", "마지막 줄"]
    assert rows[1]["entities"] == []
    for r in rows:
        for e in r["entities"]:
            assert r["text"][e["start"]:e["end"]] == e["text"]
    money = [e for e in rows[0]["entities"] if e["type"] == "MONEY"]
    assert money and money[0]["value"] == 1e8 and money[0]["unit"] == "USD"


# Hangul, Latin, digits, amounts and units, punctuation, odd whitespace and code points Kiwi rarely sees.
_ODD_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("삼성전자는 서울 구광모 회장 LG AI연구원 3조6000억 원 70여 명 20일 오후 3시 % @ . , \" ' ( ) [ ]")),
        st.sampled_from(["\n", "\r", "\udc80", "\t", "\u00a0", "\u200b", "\x00", "\ufeff", "\U0001F600", "\ud7a3", "ㄱ"]),
        st.characters(codec="utf-8"),
    ),
    max_size=300,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ODD_TEXT, min_size=1, max_size=4))
def test_offsets_always_slice_to_the_mention_property(extractor, texts):
    results = extractor.extract(texts)
    assert len(results) == len(texts)
    for text, mentions in zip(texts, results):
        _check(text, mentions)


def test_numpy_decoder_labels_like_crfsuite(extractor):
    """The batched numpy decoder and crfsuite give the same labels for the same attributes."""
    import pycrfsuite

    from newsetl.settings import SEEDS_DIR
    from transforms.ner.fastcrf import FastCrf
    from transforms.ner.features import featurize
    from transforms.ner.tagger import analyze

    chunks = [piece for path in sorted(SEEDS_DIR.glob("*.txt"))
              for _, piece in split_chunks(path.read_text(encoding="utf-8"))]
    chunks += ["", " ", "가", "A1", "  서울  ", "a\u200bb", "\t구광모\t"]
    tokens = list(analyze(extractor._kiwi, chunks))
    reference = pycrfsuite.Tagger()
    reference.open(str(MODEL_PATH))
    want = [reference.tag(featurize(text, toks)) if text else [] for text, toks in zip(chunks, tokens)]
    assert FastCrf(MODEL_PATH).tag_batch(chunks, tokens) == want
    assert sum(label != "O" for labels in want for label in labels) > 100  # the seeds do hold entities
