"""End to end: the pipeline over the seeds into a temporary home, re-runs, duplicates and quarantine."""
from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from flows.etl import has_pending_inputs, run_pipeline
from newsetl.settings import SEEDS_DIR, Settings

# A fictional article written for these tests (every character encodable in CP949).
ARTICLE = """한빛전자, 인공지능 연구소 신설…5년간 3000억원 투자
입력 2024.03.05 09:30
[서울=가상뉴스] 김민준 기자 = 한빛전자가 인공지능 연구소를 새로 세우고 앞으로 5년간 3000억원을 투자한다고 5일 밝혔다.
박서연 한빛전자 대표는 "연구소를 세계적인 연구 조직으로 키우겠다"고 말했다.
연구소는 서울 강남구에 문을 열며 연구 인력 200여 명으로 출발한다. 박 대표는 해외 인재 영입에도 나설 계획이다.
김민준 기자 minjun@example.co.kr
Copyright 가상뉴스. 무단전재 및 재배포 금지
"""

CONTRACT_RELATIONS = ("documents", "mentions", "entities", "quarantine", "pipeline_runs", "dq_results")


def query(settings: Settings, sql: str, params=None):
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_seed_run_loads_the_warehouse(seed_run):
    settings, summary, _ = seed_run
    assert summary["status"] == "succeeded", summary
    counts = summary["counts"]
    assert counts["inputs_seen"] == 5 and counts["inputs_new"] == 5 and counts["inputs_quarantined"] == 0
    assert query(settings, "select count(*) from documents") == [(5,)]
    (mentions,) = query(settings, "select count(*) from mentions")[0]
    assert mentions >= 150
    for relation in CONTRACT_RELATIONS:
        query(settings, f"select * from {relation} limit 1")
    assert query(settings, "select status from pipeline_runs") == [("succeeded",)]
    assert query(settings, "select count(*) from dq_results where run_id = ?", [summary["run_id"]])[0][0] > 0


def test_lake_and_report_are_written(seed_run):
    settings, summary, _ = seed_run
    assert list((settings.lake_dir / "documents").glob("run_id=*/part-*.parquet"))
    assert (settings.reports_dir / "latest.html").is_file()
    assert summary["report_path"].endswith(".html")


def test_mention_offsets_slice_the_body(seed_run):
    settings, _, _ = seed_run
    bad = query(settings, """
        select mentions.mention_id
        from mentions join documents using (document_id)
        where substring(documents.body, mentions.start + 1, mentions."end" - mentions.start) <> mentions.text
    """)
    assert bad == []


def test_every_input_is_a_document_or_quarantined(seed_run):
    settings, _, _ = seed_run
    rows = query(settings, "select status, count(*) from input_files group by status")
    assert dict(rows) == {"new": 5}


def test_rerun_skips_unchanged_inputs_and_adds_no_rows(tmp_path):
    sources = tmp_path / "src"
    sources.mkdir()
    for path in sorted(SEEDS_DIR.glob("*.txt"))[:2]:
        shutil.copy(path, sources / path.name)
    settings = Settings.load(tmp_path / "home")
    assert has_pending_inputs(settings, [str(sources)])
    first = run_pipeline(settings, [str(sources)], submit=False)
    assert first["status"] == "succeeded"
    assert not has_pending_inputs(settings, [str(sources)])  # `newsetl run` then skips loading the models
    tables = ("documents", "mentions", "entities", "removed_lines", "input_files", "quarantine")
    before = {t: query(settings, f"select count(*) from {t}")[0][0] for t in tables}
    second = run_pipeline(settings, [str(sources)], submit=False)
    assert second["status"] == "succeeded"
    assert second["counts"]["inputs_skipped"] == 2 and second["counts"]["inputs_new"] == 0
    after = {t: query(settings, f"select count(*) from {t}")[0][0] for t in tables}
    assert after == before
    # Touching a file without changing it is detected by its content hash, not reprocessed.
    (sources / sorted(p.name for p in sources.iterdir())[0]).touch()
    assert has_pending_inputs(settings, [str(sources)])
    third = run_pipeline(settings, [str(sources)], submit=False)
    assert third["counts"]["inputs_skipped"] == 2
    assert {t: query(settings, f"select count(*) from {t}")[0][0] for t in tables} == before


def test_duplicates_and_bad_inputs_are_accounted_for(tmp_path):
    sources = tmp_path / "src"
    sources.mkdir()
    (sources / "original.txt").write_text(ARTICLE, encoding="utf-8")
    # the same article under another name and in another encoding
    (sources / "copy-cp949.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("cp949"))
    (sources / "same-bytes.txt").write_text(ARTICLE, encoding="utf-8")
    (sources / "empty.txt").write_bytes(b"")
    (sources / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (sources / "menu-only.txt").write_text("뉴스홈 경제 정치 연예 스포츠\n로그인\n회원가입\n", encoding="utf-8")
    other = ARTICLE.replace("5년간 3000억원", "3년간 1000억원")
    records = [json.dumps({"text": other, "publisher": "가상뉴스"}, ensure_ascii=False), "not json",
               json.dumps({"text": "한빛전자가 새 연구소를 열었다고 5일 밝혔다."}, ensure_ascii=False)]
    (sources / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    settings = Settings.load(tmp_path / "home")
    summary = run_pipeline(settings, [str(sources)], submit=False)
    assert summary["status"] in ("succeeded", "failed"), summary
    reasons = dict(query(settings, "select source, reason from quarantine"))
    by_name = {source.rsplit("/", 1)[1]: reason for source, reason in reasons.items()}
    assert by_name["empty.txt"] == "empty"
    assert by_name["image.txt"] == "binary"
    assert by_name["menu-only.txt"] == "not_article"
    assert by_name["records.jsonl#L2"] == "bad_json"
    assert by_name["records.jsonl#L3"] == "too_short"
    statuses = dict(query(settings, "select source, status from input_files"))
    by_name = {source.rsplit("/", 1)[1]: status for source, status in statuses.items()}
    assert sorted(s for n, s in by_name.items() if n in ("original.txt", "same-bytes.txt", "copy-cp949.txt")) == \
        ["duplicate", "duplicate", "new"]
    assert by_name["records.jsonl#L1"] == "new"
    # nothing lost: every page found is accounted for exactly once
    assert len(statuses) == 9
    assert summary["counts"]["inputs_seen"] == 7


def test_missing_source_is_a_clear_error(tmp_path):
    summary = run_pipeline(Settings.load(tmp_path / "home"), [str(tmp_path / "nowhere")], submit=False)
    assert summary["status"] == "error"
    assert "does not exist" in summary["message"]


@pytest.mark.parametrize(("sizes", "expected"), [
    ([10, 10, 10, 10, 10], [[10, 10], [10, 10], [10]]),  # the count limit
    ([40, 40, 40], [[40], [40], [40]]),  # the byte limit
    ([5, 500, 5, 5], [[5], [500], [5, 5]]),  # a file over the byte limit runs alone
    ([], []),
])
def test_batches_are_bounded_by_count_and_bytes(sizes, expected):
    from flows.etl import batched
    from newsetl.sources import InputFile

    files = [InputFile(f"/pages/{i}.txt", size, 0) for i, size in enumerate(sizes)]
    got = [[f.size_bytes for f in chunk] for chunk in batched(files, 2, 50)]
    assert got == expected
    assert [f for chunk in batched(files, 2, 50) for f in chunk] == files


def test_a_second_run_waits_for_the_first_then_gives_up_cleanly(tmp_path):
    """While another run holds the home's lock, a run waits lock_timeout_s, then reports it and writes nothing."""
    from newsetl import runs

    sources = tmp_path / "pages"
    sources.mkdir()
    shutil.copy(sorted(SEEDS_DIR.glob("*.txt"))[0], sources)
    settings = Settings.load(tmp_path / "home", lock_timeout_s=1)
    with runs.run_lock(settings.lock_path, 0):
        summary = run_pipeline(settings, [str(sources)], submit=False)
    assert summary["status"] == "error"
    assert "another newsetl run" in summary["message"]
    assert not settings.warehouse_path.exists()
    assert not list(settings.lake_dir.rglob("*.parquet"))
    # once the lock is free the same run goes through
    assert run_pipeline(settings, [str(sources)], submit=False)["status"] == "succeeded"


def test_a_run_waits_while_the_lock_is_held_briefly(tmp_path):
    import threading
    import time

    from newsetl import runs

    sources = tmp_path / "pages"
    sources.mkdir()
    shutil.copy(sorted(SEEDS_DIR.glob("*.txt"))[0], sources)
    settings = Settings.load(tmp_path / "home", lock_timeout_s=60)
    held = threading.Event()

    def hold():
        with runs.run_lock(settings.lock_path, 0):
            held.set()
            time.sleep(2)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    started = time.monotonic()
    summary = run_pipeline(settings, [str(sources)], submit=False)
    holder.join()
    assert summary["status"] == "succeeded", summary
    assert time.monotonic() - started >= 1.5


def test_a_failed_step_carries_its_traceback_as_text_without_frames():
    import pickle
    import weakref

    from flows.etl import StageError, frameless

    class Resource:  # stands for a DuckDB connection held in a failing frame
        pass

    held = []

    @frameless("demo step")
    def step():
        resource = Resource()
        held.append(weakref.ref(resource))
        raise ValueError("bad value")

    with pytest.raises(StageError) as info:
        step()
    error = info.value
    assert str(error) == "demo step failed: ValueError: bad value"
    assert "ValueError: bad value" in error.detail and "in step" in error.detail
    assert error.__cause__ is None and error.__context__ is None
    assert held[0]() is None  # nothing keeps the failing frame's locals alive
    copy = pickle.loads(pickle.dumps(error))  # as it crosses from a Dask worker
    assert (copy.stage, copy.message, copy.detail) == (error.stage, error.message, error.detail)
