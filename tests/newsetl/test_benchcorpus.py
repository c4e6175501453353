"""The benchmark's page generator: deterministic, decodable, every body recoverable; no shared data needed."""
from __future__ import annotations

import html
import json

import pytest

from newsetl import benchcorpus
from newsetl.benchcorpus import iter_pages, make_page, read_manifest_paragraphs, write_corpus
from transforms.ingest import decode_bytes

SENTENCES = [
    "서울시는 5일 한강공원에 야간 산책로를 새로 열었다고 밝혔다.",
    "김민수 한빛전자 대표는 \"올해 매출 1조원을 넘기겠다\"고 말했다.",
    "기상청은 주말 동안 전국에 최대 80mm의 비가 내릴 것으로 예보했다.",
    "국회 교육위원회는 이날 전체회의를 열고 법안 3건을 의결했다.",
    "부산 해운대구의 한 호텔에서 열린 행사에는 500여명이 참석했다.",
    "경찰은 A(34)씨를 사기 혐의로 구속했다고 12일 밝혔다.",
    "'R&D 예산' <확대>를 두고 여야가 맞섰다.",  # HTML-special characters must survive escaping
    "한국은행은 기준금리를 연 3.5%로 동결했다.",
]
N = 300  # enough pages to meet every layout, encoding and format


@pytest.fixture(scope="module")
def pages() -> list[benchcorpus.Page]:
    return list(iter_pages(SENTENCES, N, seed=7))


def test_same_seed_same_pages_and_page_independent_of_corpus_size(pages):
    again = list(iter_pages(SENTENCES, 20, seed=7))
    assert [(p.name, p.data(), p.paragraphs) for p in again] == [(p.name, p.data(), p.paragraphs) for p in pages[:20]]
    assert make_page(SENTENCES, 7, 123) == pages[123]


def test_another_seed_gives_other_pages(pages):
    other = list(iter_pages(SENTENCES, 20, seed=8))
    assert [p.text for p in other] != [p.text for p in pages[:20]]


def test_corpus_mixes_layouts_encodings_and_formats(pages):
    assert {p.encoding for p in pages} == {"utf-8", "utf-8-sig", "utf-16", "cp949"}
    assert {p.fmt for p in pages} == {"text", "html"}
    assert len({p.layout for p in pages}) >= 8
    assert sum(p.encoding == "utf-8" for p in pages) > 0.8 * N
    assert sum(p.fmt == "html" for p in pages) < 0.15 * N


def test_pages_decode_in_their_encoding(pages):
    for page in pages:
        data = page.data()
        assert data.decode(page.encoding) == page.text
        decoded = decode_bytes(data)  # the pipeline's own decoder reads every page back
        assert decoded.reason is None, (page.name, decoded.detail)
        assert decoded.text == page.text.replace("\r\n", "\n")


def test_every_page_carries_its_body_paragraphs(pages):
    for page in pages:
        assert 4 <= len(page.paragraphs) <= 15
        text = html.unescape(page.text) if page.fmt == "html" else page.text
        for para in page.paragraphs:
            assert para in text, (page.name, para)
            assert sum(para.count(s) for s in SENTENCES) in range(2, 6)
        assert page.body_bytes == len("\n".join(page.paragraphs).encode("utf-8"))
        assert page.name.endswith(".html" if page.fmt == "html" else ".txt")


def test_pages_carry_boilerplate_around_the_body(pages):
    for page in pages:
        body = sum(len(p) for p in page.paragraphs)
        assert len(page.text) > body + 200, page.name
        assert "금지" in page.text or "All rights reserved" in page.text or "Copyright" in page.text


def test_write_corpus_streams_pages_and_manifest(tmp_path, pages):
    stats = write_corpus(tmp_path, SENTENCES, 25, seed=7)
    files = sorted((tmp_path / "pages").rglob("*.*"))
    assert stats.pages == len(files) == 25
    assert stats.raw_bytes == sum(f.stat().st_size for f in files)
    assert stats.body_bytes == sum(p.body_bytes for p in pages[:25])
    rows = [json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    for row, page in zip(rows, pages):
        assert (tmp_path / row["path"]).read_bytes() == page.data()
        assert tuple(row["paragraphs"]) == page.paragraphs
    paragraphs, count = read_manifest_paragraphs(tmp_path / "manifest.jsonl", 10)
    assert count == 10
    assert paragraphs == [p for page in pages[:10] for p in page.paragraphs]


def test_read_news_sentences_keeps_news_only(tmp_path):
    path = tmp_path / "raw.tsv"
    path.write_text("a_wikitree\t 뉴스  문장이다. \nb_nsmc\t영화 리뷰\nc_wikitree\t\n", encoding="utf-8")
    assert benchcorpus.read_news_sentences(path) == ["뉴스 문장이다."]


def test_make_page_needs_sentences():
    with pytest.raises(ValueError):
        make_page([], 0, 0)


def test_bench_skips_cleanly_without_shared_data(tmp_path, monkeypatch, capsys):
    from newsetl import bench

    monkeypatch.setenv("NEWSETL_SHARED", str(tmp_path / "absent"))
    assert bench.main(["--pages", "5"]) == 0
    assert capsys.readouterr().out.startswith("skipped: ")


def test_bench_times_the_cleaner_without_shared_data(tmp_path, monkeypatch, capsys):
    from newsetl import bench

    monkeypatch.setenv("NEWSETL_SHARED", str(tmp_path / "absent"))
    monkeypatch.setattr(bench, "CLEAN_REPEATS", 1)
    assert bench.main(["--clean-only"]) == 0
    out = capsys.readouterr().out
    assert "clean MB/s, golden pages" in out and "target ≥ 2.0" in out


def test_bare_cleaner_counts_every_readable_page(tmp_path):
    from newsetl import bench

    (tmp_path / "a.txt").write_text("제목\n" + "본문 문장이다. " * 20 + "\n", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><h1>제목</h1><p>" + "본문 문장이다. " * 20 + "</p></body></html>",
                                     encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")  # empty: not a page
    fig = bench.bare_cleaner(sorted(tmp_path.iterdir()))
    assert fig["pages"] == 2
    assert fig["mb"] > 0 and fig["mb_per_s"] > 0 and fig["median_mb_per_s"] <= fig["mb_per_s"]
