"""Data-quality report: written per run and as latest, self-contained, escapes article text."""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from newsetl import report
from newsetl.quality import DQResult, write_results

REPO = Path(__file__).resolve().parents[2]
STATE_SQL = REPO / "warehouse" / "schemas" / "001_state.sql"
SCRIPT = "<script>alert(1)</script>"


def _result(run_id: str, suite: str, expectation: str, success: bool, **extra) -> DQResult:
    return DQResult(run_id=run_id, suite=suite, severity=suite.split(".")[1], expectation=expectation,
                    column_name=extra.pop("column_name", None), success=success, **extra)


@pytest.fixture()
def con(tmp_path):
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    connection.execute(STATE_SQL.read_text(encoding="utf-8"))
    connection.execute("""
        create table documents (document_id varchar, publisher varchar, title varchar,
                                body varchar, removed_lines integer);
        create table removed_lines (document_id varchar, line integer, text varchar,
                                    reason varchar, run_id varchar);
        create table quarantine (source varchar, reason varchar, detail varchar,
                                 content_hash varchar, run_id varchar, quarantined_at timestamp);
    """)
    connection.execute("insert into documents values ('d0', ?, ?, '본문', 2), ('d1', '뉴스1', '제목', '본문', 0)",
                       [f"{SCRIPT}일보", SCRIPT])
    connection.execute("insert into removed_lines values ('d0', 1, ?, 'copyright', 'r2'),"
                       " ('d0', 2, 'nav', 'nav', 'r2')", [SCRIPT])
    connection.execute("insert into quarantine values (?, 'not_korean', 'x', null, 'r2', now()),"
                       " ('old.txt', 'empty', null, null, 'r1', now())", [f"pages/{SCRIPT}.txt"])
    start = datetime(2024, 3, 1, 9, 0)
    for i, run_id in enumerate(["r1", "r2"]):
        connection.execute(
            "insert into pipeline_runs (run_id, started_at, ended_at, status, inputs_seen, inputs_new,"
            " inputs_quarantined, documents, mentions, checks_passed, checks_failed)"
            " values (?, ?, ?, ?, 3, 2, 1, ?, ?, 10, ?)",
            [run_id, start + timedelta(days=i), start + timedelta(days=i, minutes=1),
             "succeeded" if i == 0 else "failed", 1 + i, 10 + 5 * i, i],
        )
    write_results(connection, [
        _result("r1", "documents.critical", "expect_column_values_to_be_unique(document_id)", True),
        _result("r2", "documents.critical", "expect_column_values_to_be_unique(document_id)", True),
        _result("r2", "documents.critical", "expect_column_values_to_be_null(body_reproduction_notice)",
                False, column_name="body_reproduction_notice", unexpected_count=1,
                observed_value={"unexpected_count": 1},
                examples=[{"document_id": "d0", "title": SCRIPT,
                           "body_reproduction_notice": "무단전재 및 재배포 금지"}]),
        _result("r2", "mentions.warning", "expect_column_values_to_be_in_set(origin)", False,
                unexpected_count=2, examples=["weird"]),
    ])
    yield connection
    connection.close()


def test_report_written_per_run_and_latest(con, tmp_path):
    reports = tmp_path / "reports"
    path = report.build_report(con, "r2", reports)
    assert path == reports / "r2.html"
    assert path.read_text(encoding="utf-8") == (reports / "latest.html").read_text(encoding="utf-8")
    page = path.read_text(encoding="utf-8")
    assert "documents.critical" in page and "fail — blocking" in page
    assert "expect_column_values_to_be_null(body_reproduction_notice)" in page
    assert "무단전재 및 재배포 금지" in page
    assert "not_korean" in page and "<svg" in page and "<polyline" in page


def test_article_text_is_escaped(con, tmp_path):
    page = report.build_report(con, "r2", tmp_path).read_text(encoding="utf-8")
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_page_is_self_contained(con, tmp_path):
    page = report.build_report(con, None, tmp_path).read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page.lower()


def test_latest_run_is_the_default(con, tmp_path):
    assert report.build_report(con, None, tmp_path).name == "r2.html"


def test_works_on_empty_warehouse(tmp_path):
    empty = duckdb.connect(str(tmp_path / "empty.duckdb"))
    path = report.build_report(empty, None, tmp_path / "reports")
    assert path.exists() and (tmp_path / "reports" / "latest.html").exists()
    assert "No runs recorded yet" in path.read_text(encoding="utf-8")
    empty.execute(STATE_SQL.read_text(encoding="utf-8"))
    path = report.build_report(empty, "r9", tmp_path / "reports")
    assert path.name == "r9.html" and "No validation results" in path.read_text(encoding="utf-8")


def test_markdown_summary():
    results = [
        _result("r", "documents.critical", "expect_a(x)", True),
        _result("r", "documents.critical", "expect_b(y|z)", False),
        _result("r", "mentions.warning", "expect_c(x)", False),
        _result("r", "entities.critical", "expect_d(x)", True),
    ]
    text = report.render_markdown_summary(results)
    lines = text.strip().splitlines()
    assert lines[0].startswith("| suite | status")
    assert "| `documents.critical` | **FAIL** | 1 | 1 | `expect_b(y\\|z)` |" in lines
    assert "| `entities.critical` | pass | 1 | 0 |  |" in lines
    assert any(line.startswith("| `mentions.warning` | warn") for line in lines)
    assert report.render_markdown_summary([]).strip()


def test_examples_round_trip_as_json(con):
    stored = con.execute("select examples from dq_results where unexpected_count = 1").fetchone()[0]
    assert json.loads(stored)[0]["document_id"] == "d0"


def test_table_rows_for_a_prefect_artifact():
    results = [
        _result("r", "mentions.warning", "expect_c(x)", False),
        _result("r", "documents.critical", "expect_a(x)", True),
        _result("r", "documents.critical", "expect_b(y)", False),
        _result("r", "entities.critical", "expect_d(x)", True),
    ]
    rows = report.render_table_rows(results)
    assert [row["suite"] for row in rows] == ["documents.critical", "entities.critical", "mentions.warning"]
    assert rows[0] == {"suite": "documents.critical", "severity": "critical", "status": "FAIL", "passed": 1,
                       "failed": 1, "failing_expectations": "expect_b(y)"}
    assert rows[1]["status"] == "pass" and rows[2]["status"] == "warn"
    json.dumps(rows)  # plain JSON data, as create_table_artifact needs
    assert report.render_table_rows([]) == []


def test_korean_fonts_are_listed(con, tmp_path):
    page = report.build_report(con, "r2", tmp_path).read_text(encoding="utf-8")
    for font in ("Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo"):
        assert f'"{font}"' in page
    assert '<meta charset="utf-8">' in page and '<html lang="ko">' in page


def test_totals_and_publisher_trend(con, tmp_path):
    con.execute("alter table documents add column run_id varchar")
    con.execute("update documents set run_id = case document_id when 'd0' then 'r1' else 'r2' end")
    page = report.build_report(con, "r2", tmp_path).read_text(encoding="utf-8")
    assert "3 expectations in 2 suites: 1 passed, 2 failed" in page
    assert "1 blocking" in page
    assert "by publisher and run" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;일보" in page  # the publisher name in the legend, escaped
    assert SCRIPT not in page


def test_validate_only_run_is_explained(con, tmp_path):
    write_results(con, [_result("validate-x", "documents.critical", "expect_a(x)", True)])
    page = report.build_report(con, "validate-x", tmp_path).read_text(encoding="utf-8")
    assert "newsetl validate" in page and "1 expectations in 1 suites" in page
