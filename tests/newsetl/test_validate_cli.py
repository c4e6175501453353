"""`newsetl validate` on real warehouses: seeds pass, each corruption fails by name, the run gate holds."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from newsetl import lake as lake_module
from newsetl.settings import REPO_DIR, Settings

# name -> (SQL run on the active build schema `{s}`, failing suite, failing expectation). Each case
# costs a process start (Great Expectations imports for seconds); finer cases live in test_quality.py.
CORRUPTIONS = {
    "shifted_offset": (
        """update {s}.mentions set start = start + 1
           where mention_id = (select min(mention_id) from {s}.mentions where "end" - start >= 2)""",
        "mentions.critical", "expect_column_values_to_be_in_set(is_span_equal_to_text)"),
    "duplicate_document": (
        "insert into {s}.documents select * from {s}.documents order by document_id limit 1",
        "documents.critical", "expect_column_values_to_be_unique(document_id)"),
    "duplicate_entity": (
        "insert into {s}.entities select * from {s}.entities order by entity_id limit 1",
        "entities.critical", "expect_column_values_to_be_unique(entity_id)"),
    "leftover_footer": (
        """update {s}.documents set body = body || '\n무단전재 및 재배포 금지',
                  body_chars = length(body || '\n무단전재 및 재배포 금지')
           where document_id = (select min(document_id) from {s}.documents)""",
        "documents.critical", "expect_column_values_to_be_null(body_reproduction_notice)"),
    "unknown_type": (
        "update {s}.mentions set type = 'WEAPON' where mention_id = (select max(mention_id) from {s}.mentions)",
        "mentions.critical", "expect_column_values_to_be_in_set(type)"),
    "deleted_entity": (
        """delete from {s}.entities where entity_id = (
               select min(entity_id) from {s}.mentions where entity_id is not null)""",
        "mentions.critical", "expect_column_values_to_be_in_set(has_entity)"),
    "empty_mart": (
        "delete from {s}.mart_top_entities_daily",
        "marts.critical", "expect_column_values_to_be_in_set(is_top_entities_daily_filled)"),
}

_SUITE_LINE = re.compile(r"^(PASS|FAIL)\s+(\S+)\s+\((\d+)/(\d+) passed\)$")
_FAILED_LINE = re.compile(r"^\s+failed: (\S+)\s+observed:")


def newsetl(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsetl.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=REPO_DIR, timeout=timeout)


def parse_validate(stdout: str) -> dict[str, dict]:
    """Return suite -> {status, passed, total, failed: [expectation, ...]} from `newsetl validate` output."""
    suites: dict[str, dict] = {}
    current = None
    for line in stdout.splitlines():
        if match := _SUITE_LINE.match(line):
            status, suite, passed, total = match.groups()
            current = suites[suite] = {"status": status, "passed": int(passed), "total": int(total), "failed": []}
        elif (match := _FAILED_LINE.match(line)) and current is not None:
            current["failed"].append(match.group(1))
    return suites


def copy_home(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".newsetl.lock"))
    return target


def active_schema(home: Path) -> str:
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute("select active_schema from warehouse_state").fetchone()[0]
    finally:
        con.close()


def corrupt(home: Path, sql: str) -> None:
    con = duckdb.connect(str(home / "warehouse.duckdb"))
    try:
        schema = con.execute("select active_schema from warehouse_state").fetchone()[0]
        con.execute(sql.format(s=schema))
    finally:
        con.close()


@pytest.fixture(scope="module")
def outcomes(seed_run, tmp_path_factory):
    """Run `newsetl validate` once on a clean copy of the seed home and once per corrupted copy, in parallel."""
    settings, summary, _ = seed_run
    assert summary["status"] == "succeeded", summary
    root = tmp_path_factory.mktemp("validate-homes")
    homes = {"clean": copy_home(settings.home, root / "clean")}
    for name, (sql, _, _) in CORRUPTIONS.items():
        homes[name] = copy_home(settings.home, root / name)
        corrupt(homes[name], sql)
    # Each call pays the Great Expectations import (seconds); two at a time suit a 2-core runner.
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(newsetl, "validate", "--home", str(home)) for name, home in homes.items()}
        return {name: future.result() for name, future in futures.items()}


def test_clean_seed_warehouse_passes(outcomes):
    out = outcomes["clean"]
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    suites = parse_validate(out.stdout)
    assert len(suites) >= 4
    assert all(s["status"] == "PASS" and s["passed"] == s["total"] for s in suites.values()), suites
    assert sum(s["total"] for s in suites.values()) >= 30
    assert {"documents.critical", "mentions.critical", "entities.critical", "marts.critical"} <= set(suites)
    report = out.stdout.strip().splitlines()[-1]
    assert report.startswith("report ") and Path(report.split(" ", 1)[1]).is_file()


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_corrupted_warehouse_fails_naming_the_expectation(outcomes, name):
    _, suite, expectation = CORRUPTIONS[name]
    out = outcomes[name]
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    suites = parse_validate(out.stdout)
    assert suites[suite]["status"] == "FAIL", out.stdout
    assert expectation in suites[suite]["failed"], out.stdout


# --- The run gate: a critical failure at build time keeps the last good warehouse published -------
def _query(home: Path, sql: str, params=None):
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_failed_critical_check_stops_publishing(seed_run, tmp_path, monkeypatch, capsys):
    from newsetl import cli

    settings, _, sources = seed_run
    home = copy_home(settings.home, tmp_path / "home")
    before_schema = active_schema(home)
    before = _query(home, "select count(*), max(run_id) from documents")[0]
    # A bad row reaches the lake (a committed extra part of the seed run): its offsets miss the body
    # and its type is not one we know, so mentions.critical fails on the next build.
    document_id, run_id, body = _query(home, "select document_id, run_id, body from documents limit 1")[0]
    lake = lake_module.Lake(home / "lake")
    lake.write_part("mentions", run_id, 999, [dict(
        mention_id=f"{document_id}:0:3:bad", document_id=document_id, start=len(body) + 5, end=len(body) + 9,
        text="없는말", type="WEAPON", entity_id=None, canonical_name=None, origin="rule", value=None, unit=None,
        normalized=None, model_version="test", run_id=run_id)])
    lake.commit_part(run_id, 999, {"mentions": 1})

    # `newsetl run` as users call it, with the flow's run in-process and without the orchestrator.
    from flows import etl as etl_module

    summaries = []

    def run_without_orchestrator(sources=None, home=None):
        summaries.append(etl_module.run_pipeline(Settings.load(home), sources, submit=False))
        return summaries[-1]

    monkeypatch.setattr(etl_module, "etl", run_without_orchestrator)
    monkeypatch.setenv("NEWSETL_HOME", str(home))
    code = cli.main(["run", "--home", str(home), "--source", str(sources)])
    printed = capsys.readouterr().out
    assert code == cli.EXIT_CHECKS_FAILED, printed
    (summary,) = summaries
    assert summary["status"] == "failed"
    assert "mentions.critical: expect_column_values_to_be_in_set(type)" in summary["blocking_failures"]
    assert "mentions.critical: expect_column_values_to_be_in_set(is_span_inside_body)" in printed

    # The run is marked failed, every result is kept, and main still reads the previous build.
    assert _query(home, "select status from pipeline_runs where run_id = ?", [summary["run_id"]]) == [("failed",)]
    failed = _query(home, "select suite, expectation from dq_results where run_id = ? and not success",
                    [summary["run_id"]])
    assert ("mentions.critical", "expect_column_values_to_be_in_set(type)") in failed
    assert active_schema(home) == before_schema
    assert _query(home, "select count(*), max(run_id) from documents")[0] == before
    assert _query(home, "select count(*) from mentions where type = 'WEAPON'") == [(0,)]
    page = Path(summary["report_path"]).read_text(encoding="utf-8")
    assert "fail — blocking" in page and "expect_column_values_to_be_in_set(type)" in page


ARTICLE = """푸른바다수산, 스마트 양식장 구축에 500억원 투자
입력 2024.04.02 10:15
[부산=가상일보] 이서준 기자 = 푸른바다수산이 경남 통영에 인공지능 기반 스마트 양식장을 짓는다고 2일 밝혔다.
최지우 푸른바다수산 대표는 "수온과 먹이 공급을 자동으로 관리해 생산성을 30% 높이겠다"고 말했다.
회사는 앞으로 3년간 500억원을 투자해 양식장 10곳을 순차적으로 전환할 계획이다. 부산대학교 연구진도 수질 분석 기술을 지원한다.
해양수산부는 이번 사업이 어촌 일자리 창출에 도움이 될 것으로 기대한다고 설명했다.
이서준 기자 seojun@example.co.kr
Copyright 가상일보. 무단전재 및 재배포 금지
"""


def test_broken_inputs_are_quarantined_and_the_rest_published(seed_run, tmp_path):
    from flows.etl import run_pipeline

    settings, _, sources = seed_run
    home = copy_home(settings.home, tmp_path / "home")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "mojibake.txt").write_text(ARTICLE.encode("utf-8").decode("latin-1"), encoding="utf-8")
    (inbox / "english.txt").write_text("Markets rallied on Tuesday as investors cheered the news.\n" * 5,
                                       encoding="utf-8")
    (inbox / "brief.txt").write_text("가상일보\n한빛전자가 새 연구소를 열었다.\n", encoding="utf-8")
    summary = run_pipeline(Settings.load(home), [str(sources), str(inbox)], submit=False)
    assert summary["status"] == "succeeded", summary
    counts = summary["counts"]
    assert counts["inputs_new"] == 1 and counts["inputs_skipped"] == 5 and counts["inputs_quarantined"] == 4
    reasons = {Path(source).name: reason for source, reason in
               _query(home, "select source, reason from quarantine where run_id = ?", [summary["run_id"]])}
    assert reasons["empty.txt"] == "empty"
    assert reasons["mojibake.txt"] == "mojibake"
    assert reasons["english.txt"] == "not_korean"
    assert reasons["brief.txt"] in ("too_short", "not_article")
    assert _query(home, "select count(*) from documents") == [(6,)]
    assert _query(home, "select count(*) from documents where title like '푸른바다수산%'") == [(1,)]
    page = Path(summary["report_path"]).read_text(encoding="utf-8")
    assert "mojibake" in page and "not_korean" in page
