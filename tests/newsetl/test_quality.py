"""Data-quality suites: a good hand-made warehouse passes, each corruption fails by name."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from newsetl import quality

REPO = Path(__file__).resolve().parents[2]
STATE_SQL = REPO / "warehouse" / "schemas" / "001_state.sql"

FILLER = ("업계에서는 이번 발표가 향후 산업 전반의 경쟁 구도를 크게 바꿀 것으로 보고 있으며, "
          "전문가들은 장기적인 투자와 인재 확보가 성패를 가를 것이라고 내다봤다. ") * 3
BODIES = [
    "구광모 LG그룹 회장은 20일 서울 여의도 LG트윈타워에서 인공지능 연구원 출범 1주년 행사를 열었다.\n"
    "LG AI연구원은 지난해 12월 설립된 그룹의 인공지능 싱크탱크로 16개 계열사가 참여한다.\n"
    "배경훈 원장은 올해 핵심 연구 인력을 100명으로 늘리고 1억 달러를 투자한다고 밝혔다.\n" + FILLER,
    "삼성전자는 7일 경기 수원 본사에서 차세대 반도체 전략을 발표했다고 밝혔다.\n"
    "이재용 회장은 이날 임직원들에게 기술 혁신을 통해 위기를 기회로 바꾸자고 강조했다.\n"
    "회사는 내년까지 연구개발 인력을 20% 늘리고 미국 텍사스 공장 투자도 확대할 계획이다.\n" + FILLER,
]
# (document index, mention text, type, entity id) -- offsets are computed from the body.
MENTIONS = [
    (0, "구광모", "PERSON", "e-koo"), (0, "LG그룹", "ORGANIZATION", "e-lg"),
    (0, "20일", "DATE", None), (0, "서울", "LOCATION", "e-seoul"),
    (0, "배경훈", "PERSON", "e-bae"), (0, "1억 달러", "MONEY", None),
    (1, "삼성전자", "ORGANIZATION", "e-samsung"), (1, "7일", "DATE", None),
    (1, "이재용", "PERSON", "e-lee"), (1, "20%", "PERCENT", None),
    (1, "텍사스", "LOCATION", "e-texas"),
]
ENTITIES = {
    "e-koo": ("PERSON", "구광모"), "e-lg": ("ORGANIZATION", "LG그룹"),
    "e-seoul": ("LOCATION", "서울"), "e-bae": ("PERSON", "배경훈"),
    "e-samsung": ("ORGANIZATION", "삼성전자"), "e-lee": ("PERSON", "이재용"),
    "e-texas": ("LOCATION", "텍사스"),
}

RELATIONS_DDL = """
create schema if not exists {s};
create table {s}.documents (document_id varchar, source varchar, content_hash varchar,
    publisher varchar, title varchar, subtitles varchar[], reporters varchar[],
    reporter_emails varchar[], published_at varchar, published_date date, body varchar,
    body_chars integer, removed_lines integer, encoding varchar, run_id varchar,
    ingested_at timestamp);
create table {s}.mentions (mention_id varchar, document_id varchar, start integer, "end" integer,
    text varchar, type varchar, entity_id varchar, canonical_name varchar, origin varchar,
    value double, unit varchar, normalized varchar, model_version varchar, run_id varchar);
create table {s}.entities (entity_id varchar, type varchar, canonical_name varchar,
    aliases varchar[], document_count bigint, mention_count bigint);
create table {s}.quarantine (source varchar, reason varchar, detail varchar, content_hash varchar,
    run_id varchar, quarantined_at timestamp);
create table {s}.removed_lines (document_id varchar, line integer, text varchar, reason varchar,
    run_id varchar);
create table {s}.mart_top_entities_daily (published_date date, publisher varchar, type varchar,
    entity_id varchar, canonical_name varchar, mention_count bigint, document_count bigint);
create table {s}.mart_entity_cooccurrence (entity_id_a varchar, entity_id_b varchar,
    canonical_name_a varchar, canonical_name_b varchar, document_count bigint);
create table {s}.mart_people_roles (person_entity_id varchar, person varchar, title varchar,
    organization varchar, document_count bigint);
create table {s}.mart_publisher_quality (publisher varchar, document_count bigint,
    avg_body_chars double, removed_lines_per_document double, mentions_per_1000_chars double,
    quarantined_count bigint, has_date_ratio double, has_reporter_ratio double);
"""


def build_warehouse(con: duckdb.DuckDBPyConnection, schema: str = "main") -> None:
    """Create the state tables and a small, correct warehouse in `schema`."""
    con.execute(STATE_SQL.read_text(encoding="utf-8"))
    con.execute(RELATIONS_DDL.format(s=schema))
    publishers = ["뉴스핌", "뉴스1"]
    for i, body in enumerate(BODIES):
        con.execute(
            f"insert into {schema}.documents values (?, ?, ?, ?, ?, [], ['홍길동'], [], ?, ?, ?, ?, 3,"
            " 'utf-8', 'run-1', now())",
            [f"d{i}", f"seeds/{i}.txt", f"{i:016x}", publishers[i], f"기사 제목 {i}번",
             "2024-03-0%dT09:30" % (i + 1), f"2024-03-0{i + 1}", body, len(body)],
        )
    counts: dict[str, list] = {}
    for j, (doc, text, kind, entity_id) in enumerate(MENTIONS):
        start = BODIES[doc].index(text)
        value = 1e8 if kind == "MONEY" else (20.0 if kind == "PERCENT" else None)
        normalized = "2024-03-20" if kind == "DATE" else None
        con.execute(
            f"insert into {schema}.mentions values (?, ?, ?, ?, ?, ?, ?, ?, 'rule', ?, null, ?, 'v1',"
            " 'run-1')",
            [f"m{j}", f"d{doc}", start, start + len(text), text, kind, entity_id,
             ENTITIES[entity_id][1] if entity_id else None, value, normalized],
        )
        if entity_id:
            counts.setdefault(entity_id, []).append(f"d{doc}")
    for entity_id, (kind, name) in ENTITIES.items():
        docs = counts[entity_id]
        con.execute(f"insert into {schema}.entities values (?, ?, ?, [], ?, ?)",
                    [entity_id, kind, name, len(set(docs)), len(docs)])
    con.execute(f"""
        insert into {schema}.mart_top_entities_daily values
            ('2024-03-01', '뉴스핌', 'PERSON', 'e-koo', '구광모', 1, 1);
        insert into {schema}.mart_entity_cooccurrence values ('e-koo', 'e-lg', '구광모', 'LG그룹', 1);
        insert into {schema}.mart_people_roles values ('e-koo', '구광모', '회장', 'LG그룹', 1);
        insert into {schema}.mart_publisher_quality values
            ('뉴스핌', 1, 420, 3, 14.3, 0, 1.0, 1.0), ('뉴스1', 1, 410, 3, 12.2, 0, 1.0, 1.0);
        insert into {schema}.quarantine values
            ('seeds/bad.txt', 'not_korean', 'failed the raw_inputs row checks', null, 'run-1', now());
    """)


@pytest.fixture(scope="module", autouse=True)
def known_publishers(tmp_path_factory):
    """Pin the publishers seed to the test's two names (the suites read it when first built)."""
    csv_path = tmp_path_factory.mktemp("seeds") / "publishers.csv"
    csv_path.write_text("name,domain\n뉴스핌,newspim.com\n뉴스1,news1.kr\n", encoding="utf-8")
    saved = quality.PUBLISHERS_CSV
    quality.PUBLISHERS_CSV, quality._runtime = csv_path, None
    yield
    quality.PUBLISHERS_CSV, quality._runtime = saved, None


@pytest.fixture()
def con(tmp_path):
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    build_warehouse(connection)
    yield connection
    connection.close()


def failed(results) -> set[tuple[str, str]]:
    return {(r.suite, r.expectation) for r in results if not r.success}


def test_good_warehouse_passes_every_suite(con):
    results = quality.validate_relations(con, "run-1")
    assert {r.suite for r in results} == set(quality.WAREHOUSE_SUITES)
    assert failed(results) == set()
    assert quality.blocking_failures(results) == []
    assert len(results) >= 30


def test_suite_selection_and_other_schema(tmp_path):
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    build_warehouse(connection, schema="build")
    results = quality.validate_relations(connection, "run-2", schema="build",
                                         suites=["documents.critical", "mentions.critical"])
    assert {r.suite for r in results} == {"documents.critical", "mentions.critical"}
    assert all(r.success for r in results)
    with pytest.raises(ValueError):
        quality.validate_relations(connection, "run-2", suites=["nope.critical"])


def test_bad_offsets_fail_span_checks(con):
    con.execute("""update mentions set start = start + 1, "end" = "end" + 1 where mention_id = 'm0'""")
    con.execute("""update mentions set "end" = 100000 where mention_id = 'm1'""")
    results = quality.validate_relations(con, "run-1", suites=["mentions.critical"])
    assert failed(results) == {
        ("mentions.critical", "expect_column_values_to_be_in_set(is_span_equal_to_text)"),
        ("mentions.critical", "expect_column_values_to_be_in_set(is_span_inside_body)"),
    }
    span = next(r for r in results if r.expectation.endswith("(is_span_equal_to_text)"))
    assert span.unexpected_count == 2
    assert {e["mention_id"] for e in span.examples} == {"m0", "m1"}
    assert quality.blocking_failures(results)


def test_duplicate_ids_fail_uniqueness(con):
    con.execute("update documents set content_hash = '0000000000000000'")
    con.execute("update entities set entity_id = 'e-lg' where entity_id = 'e-koo'")
    results = quality.validate_relations(con, "run-1", suites=["documents.critical", "entities.critical"])
    assert ("documents.critical", "expect_column_values_to_be_unique(content_hash)") in failed(results)
    assert ("entities.critical", "expect_column_values_to_be_unique(entity_id)") in failed(results)


def test_leftover_footer_fails_boilerplate_check(con):
    con.execute("update documents set body = body || '\n무단전재 및 재배포 금지', "
                "body_chars = length(body || '\n무단전재 및 재배포 금지') where document_id = 'd1'")
    results = quality.validate_relations(con, "run-1", suites=["documents.critical"])
    assert failed(results) == {
        ("documents.critical", "expect_column_values_to_be_null(body_reproduction_notice)")}
    result = next(r for r in results if not r.success)
    assert result.examples[0]["document_id"] == "d1"
    assert "무단전재" in result.examples[0]["body_reproduction_notice"]


@pytest.mark.parametrize("line, expectation", [
    ("Copyright © 뉴스핌. All rights reserved.", "expect_column_values_to_be_null(body_copyright_notice)"),
    ("홍길동 기자 hong@example.com", "expect_column_values_to_be_null(body_reporter_signature)"),
])
def test_other_boilerplate_fails(con, line, expectation):
    con.execute("update documents set body = body || '\n' || ?, body_chars = length(body || '\n' || ?)"
                " where document_id = 'd0'", [line, line])
    results = quality.validate_relations(con, "run-1", suites=["documents.critical"])
    assert ("documents.critical", expectation) in failed(results)


def test_unknown_publisher_is_a_warning(con):
    con.execute("update documents set publisher = '가짜일보' where document_id = 'd0'")
    results = quality.validate_relations(con, "run-1", suites=["documents.critical", "documents.warning"])
    assert failed(results) == {("documents.warning", "expect_column_values_to_be_in_set(publisher)")}
    assert quality.blocking_failures(results) == []


def test_unknown_type_fails(con):
    con.execute("update mentions set type = 'WEAPON' where mention_id = 'm2'")
    results = quality.validate_relations(con, "run-1", suites=["mentions.critical"])
    assert failed(results) == {("mentions.critical", "expect_column_values_to_be_in_set(type)")}
    assert next(r for r in results if not r.success).examples[0]["type"] == "WEAPON"


def test_orphan_mentions_and_future_dates_fail(con):
    con.execute("update mentions set document_id = 'd9' where mention_id = 'm3'")
    con.execute("update mentions set entity_id = 'e-ghost' where mention_id = 'm4'")
    con.execute("update documents set published_at = '2999-01-01', published_date = '2999-01-01'"
                " where document_id = 'd0'")
    con.execute("update documents set published_at = '2024-02-30', published_date = null"
                " where document_id = 'd1'")
    results = quality.validate_relations(con, "run-1", suites=["mentions.critical", "documents.critical"])
    bad = failed(results)
    assert ("mentions.critical", "expect_column_values_to_be_in_set(has_document)") in bad
    assert ("mentions.critical", "expect_column_values_to_be_in_set(has_entity)") in bad
    assert ("documents.critical", "expect_column_values_to_be_null(published_at_in_future)") in bad
    assert ("documents.critical", "expect_column_values_to_be_null(published_at_unparseable)") in bad


def test_empty_warehouse_passes_critical_suites(tmp_path):
    connection = duckdb.connect(str(tmp_path / "fresh.duckdb"))
    build_warehouse(connection)
    for table in ["documents", "mentions", "entities", "mart_top_entities_daily",
                  "mart_entity_cooccurrence", "mart_people_roles", "mart_publisher_quality"]:
        connection.execute(f"delete from {table}")
    results = quality.validate_relations(connection, "run-1")
    assert quality.blocking_failures(results) == []
    assert ("documents.warning", "expect_table_row_count_to_be_between") in failed(results)


def test_missing_relation_is_a_failed_result_not_an_exception(tmp_path):
    connection = duckdb.connect(str(tmp_path / "empty.duckdb"))
    results = quality.validate_relations(connection, "run-1")
    assert {r.suite for r in results} == set(quality.WAREHOUSE_SUITES)
    assert all(not r.success and r.expectation == "expect_relations_to_exist" for r in results)
    assert "documents" in results[0].observed_value["error"]


def test_empty_marts_fail_critical(con):
    con.execute("delete from mart_top_entities_daily")
    results = quality.validate_relations(con, "run-1", suites=["marts.critical"])
    assert failed(results) == {
        ("marts.critical", "expect_column_values_to_be_in_set(is_top_entities_daily_filled)")}


def test_write_results_round_trip(con):
    con.execute("update mentions set type = 'WEAPON' where mention_id = 'm2'")
    results = quality.validate_relations(con, "run-1", suites=["mentions.critical"])
    assert quality.write_results(con, results) == len(results)
    rows = con.execute("select suite, severity, expectation, success, examples from dq_results "
                       "where not success").fetchall()
    assert rows[0][:4] == ("mentions.critical", "critical",
                           "expect_column_values_to_be_in_set(type)", False)
    assert json.loads(rows[0][4])[0]["type"] == "WEAPON"
    assert quality.write_results(con, []) == 0


def test_raw_inputs_row_reasons():
    korean = "인공지능 연구원은 올해 핵심 연구 인력을 백 명으로 늘리고 투자를 확대한다고 밝혔다. " * 3
    mojibake = korean.encode("utf-8").decode("latin-1")
    frame = pd.DataFrame({
        "source": ["a.txt", "b.txt", "c.txt", "d.html", "e.txt"],
        "text": [korean, mojibake, "The quick brown fox jumps over the lazy dog. " * 5,
                 "<html><script>var x = 'aaaaaaaaaaaaaaaaaaaa';</script><p>" + korean + "</p></html>",
                 "   "],
        "size_bytes": [100, 200, 300, 400, 3],
        "encoding": ["utf-8", "latin-1", "utf-8", "utf-8", "utf-8"],
    }, index=[10, 11, 12, 13, 14])
    results, reasons = quality.validate_raw_inputs(frame, "run-1")
    assert list(reasons.index) == [10, 11, 12, 13, 14]
    assert list(reasons) == [None, "mojibake", "not_korean", None, "empty"]
    assert {r.suite for r in results} == set(quality.RAW_SUITES)
    assert quality.blocking_failures(results) == []
    bad = failed(results)
    assert ("raw_inputs.warning", "expect_column_values_to_be_in_set(is_not_mojibake)") in bad
    assert ("raw_inputs.warning", "expect_column_values_to_be_in_set(is_mostly_hangul)") in bad
    mojibake_result = next(r for r in results if r.expectation.endswith("(is_not_mojibake)"))
    assert mojibake_result.examples[0]["source"] == "b.txt"


def test_seed_pages_pass_raw_inputs():
    pages = sorted((REPO / "seeds").glob("*.txt"))
    if not pages:
        pytest.skip("no sample pages")
    for page in pages:
        assert quality.raw_input_reason(page.read_text(encoding="utf-8")) is None, page.name


def test_suites_are_declared_per_asset_and_severity():
    assert all(name.count(".") == 1 and name.split(".")[1] in quality.SEVERITIES
               for name in quality.SUITES)
    assert {s.asset for s in quality.SUITES.values()} >= {"raw_inputs", "documents", "mentions",
                                                          "entities", "marts"}
    assert sum(len(s.expectations) for s in quality.SUITES.values()) >= 30


# --- Row-level checks at the lake-before-load boundary ------------------------------------------
@pytest.mark.parametrize("body, title, reason", [
    (BODIES[0], "기사 제목", None),
    (BODIES[0], ..., None),                         # title not given: not checked
    ("", "제목", "empty"),
    (" \n ", "제목", "empty"),
    ("한빛전자가 새 연구소를 열었다고 5일 밝혔다.", "제목", "too_short"),
    ("가" * (quality.BODY_MAX_CHARS + 1), "제목", "too_long"),
    (BODIES[0], None, "missing_title"),
    (BODIES[0], " \u3000", "missing_title"),
    (BODIES[0] + "\n무단전재 및 재배포 금지", "제목", "leftover_copyright"),
    (BODIES[0] + "\nCopyright © 뉴스핌", "제목", "leftover_copyright"),
    (BODIES[0] + "\nCopyright은 가상뉴스에 있습니다", "제목", "leftover_copyright"),
    (BODIES[0] + "\n(c) 2024 가상뉴스", "제목", "leftover_copyright"),
    (BODIES[0] + "\n홍길동 기자 hong@example.com", "제목", "leftover_signature"),
    (BODIES[0] + "\n[서울=가상뉴스] 홍길동 기자 = (hong@example.co.kr)", "제목", "leftover_signature"),
    (BODIES[0].encode("utf-8").decode("latin-1"), "제목", "mojibake"),
    ("The quick brown fox jumps over the lazy dog near the river bank. " * 3, "title", "not_korean"),
])
def test_document_row_reason(body, title, reason):
    if title is ...:
        assert quality.document_row_reason(body) == reason
    else:
        assert quality.document_row_reason(body, title=title) == reason
    assert reason is None or reason in quality.DOCUMENT_ROW_REASONS


@pytest.mark.parametrize("value, expected", [
    ("2024-03-05", "2024-03-05"),
    ("2024-03-05T09:30", "2024-03-05T09:30"),
    ("2024-03-21", "2024-03-21"),      # a day ahead is slack (KST vs UTC)
    ("2024-03-22", None),              # further ahead is in the future
    ("2024-02-30", None),
    ("2024-03-05T25:00", None),
    ("2024-03-05 09:30", None),
    ("2024.03.05", None),
    ("２０２４-03-05", None),           # full-width digits: DuckDB would not parse them
    ("", None),
    (None, None),
])
def test_sanitize_published_at(value, expected):
    from datetime import date

    assert quality.sanitize_published_at(value, today=date(2024, 3, 20)) == expected


# Bodies on the edge of the boilerplate patterns: Python's regex engine and DuckDB's (RE2) differ
# on `\b`, `\s` and `\d`; whatever passes the row check must pass documents.critical.
EDGE_LINES = [
    "Copyright은 가상뉴스에 있다", "copyrights of the photos", "COPYRIGHT", "copyrighted",
    "저작권자 (c) 가상뉴스", "저작권자의 허락", "(c) 2024", "(C)\u00a02024", "(c) ２０２４",
    "무단\u3000전재", "무단 전재", "재 배포 금지", "재배포를 금지", "무단복제",
    "김 기자 kim@example.com", "기자= kim@example.com", "기자\u3000kim@example.com",
    "기자 kim@localhost", "기자회견 kim@example.com", "ⓒ 가상뉴스", "All Rights Reserved.",
    "all rights  reserved", "권리 보유",
]


@pytest.mark.parametrize("line", EDGE_LINES)
def test_row_check_agrees_with_documents_critical(con, line):
    body = BODIES[0] + "\n" + line
    con.execute("update documents set body = ?, body_chars = length(?) where document_id = 'd0'", [body, body])
    results = quality.validate_relations(con, "run-1", suites=["documents.critical"])
    row_reason = quality.document_row_reason(body, title="기사 제목 0번")
    if row_reason is None:
        assert failed(results) == set(), line
    else:
        # The suite may pass (it is the looser one); whatever it flags, the row check flags too.
        assert row_reason in {"leftover_copyright", "leftover_signature"}
    if failed(results):
        assert row_reason is not None, line


def test_records_passing_row_checks_pass_documents_critical(con):
    """A record the pipeline would load (row checks pass, published_at sanitised) passes the suite."""
    from datetime import date

    cases = [
        (FILLER * 40, "긴 기사", "2024-03-05T09:30"),
        (("가" * 49) + "나", "짧은 기사", "2024-02-30"),
        (BODIES[1] + "\nCopyrightless 문단", "제목", (date.today().replace(year=date.today().year + 1)).isoformat()),
        (BODIES[1] + "\n기자회견에서 밝혔다", "제목", "2024-03-05T25:61"),
    ]
    for i, (body, title, published_at) in enumerate(cases):
        assert quality.document_row_reason(body, title=title) is None, i
        value = quality.sanitize_published_at(published_at)
        con.execute("update documents set body = ?, body_chars = length(?), title = ?, published_at = ?,"
                    " published_date = try_cast(left(?, 10) as date) where document_id = 'd1'",
                    [body, body, title, value, value])
        results = quality.validate_relations(con, "run-1", suites=["documents.critical"])
        assert failed(results) == set(), (i, failed(results))
    for body, title, expectation in [
        (BODIES[1], None, "expect_column_values_to_not_be_null(title)"),
        ("가" * 49, "제목", "expect_column_values_to_be_between(body_chars)"),
    ]:
        assert quality.document_row_reason(body, title=title) is not None
        con.execute("update documents set body = ?, body_chars = length(?), title = ? where document_id = 'd1'",
                    [body, body, title])
        results = quality.validate_relations(con, "run-1", suites=["documents.critical"])
        assert ("documents.critical", expectation) in failed(results)


def _outcome(results) -> dict[tuple[str, str], tuple[bool, int | None]]:
    return {(r.suite, r.expectation): (r.success, r.unexpected_count) for r in results}


MENTION_SUITES = ["mentions.critical", "mentions.warning"]


def test_sliced_mentions_agree_with_whole_relation(con):
    whole = quality.validate_relations(con, "run-1", suites=MENTION_SUITES)
    sliced = quality.validate_relations(con, "run-1", suites=MENTION_SUITES, slice_rows=2)
    assert _outcome(sliced) == _outcome(whole)
    assert all(r.success for r in sliced)
    rows = next(r for r in sliced if r.expectation == "expect_table_row_count_to_be_between")
    assert rows.observed_value == len(MENTIONS)

    # each slice holds only some of the types: the suite passes on their union, fails when one is gone
    con.execute("update mentions set type = 'LOCATION' where type = 'PERSON'")
    sliced = quality.validate_relations(con, "run-1", suites=["mentions.warning"], slice_rows=2)
    types = next(r for r in sliced if r.expectation.startswith("expect_column_distinct_values_to_contain_set"))
    assert not types.success and types.examples == ["PERSON"]


def test_sliced_mentions_catch_what_the_whole_relation_catches(con):
    # a duplicated id (copies land in one slice), a bad span, and amounts without values (a `mostly` check)
    con.execute("insert into mentions select * from mentions where mention_id = 'm3'")
    con.execute("""update mentions set start = start + 1, "end" = "end" + 1 where mention_id = 'm0'""")
    con.execute("update mentions set value = null where type in ('MONEY', 'PERCENT')")
    whole = quality.validate_relations(con, "run-1", suites=MENTION_SUITES)
    sliced = quality.validate_relations(con, "run-1", suites=MENTION_SUITES, slice_rows=3)
    assert _outcome(sliced) == _outcome(whole)
    assert {
        ("mentions.critical", "expect_column_values_to_be_unique(mention_id)"),
        ("mentions.critical", "expect_column_values_to_be_in_set(is_span_equal_to_text)"),
    } <= failed(sliced)
    unique = next(r for r in sliced if r.expectation == "expect_column_values_to_be_unique(mention_id)")
    assert unique.unexpected_count == 2 and unique.examples
    amounts = next(r for r in sliced if r.expectation.endswith("(is_amount_without_value)"))
    assert amounts.unexpected_count == 2  # 2 of 2 amounts; mostly=0.8 over the non-null rows
    assert amounts.success is next(r for r in whole if r.expectation == amounts.expectation).success


def test_sliced_suites_refuse_checks_that_do_not_merge():
    with pytest.raises(ValueError, match="cannot run on slices"):
        quality.Suite("x.critical", "select 1", [quality.expect("column_mean_to_be_between", column="a")],
                      slice_table="x", slice_key="id")
    with pytest.raises(ValueError, match="slice key"):
        quality.Suite("x.critical", "select 1", [quality.expect("column_values_to_be_unique", column="b")],
                      slice_table="x", slice_key="id")
