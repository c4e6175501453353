"""Model ordering, building aside and atomic publishing of the warehouse."""
from __future__ import annotations

import pytest

from newsetl import warehouse
from newsetl.lake import Lake
from newsetl.warehouse import Model, _toposort, load_models, public_relations

CONTRACT_RELATIONS = {"documents", "mentions", "entities", "quarantine"}


def test_models_are_ordered_after_what_they_read():
    order = [m.name for m in load_models()]
    position = {name: i for i, name in enumerate(order)}
    assert position["stg_lake__documents"] < position["int_documents__deduplicated"] < position["documents"]
    assert position["mentions"] < position["mart_top_entities_daily"]
    assert CONTRACT_RELATIONS <= set(public_relations(load_models()))


def test_only_staging_reads_the_lake():
    for model in load_models():
        assert ("{lake:" in model.sql) == (model.layer == "staging"), model.name


def test_cycles_are_reported():
    models = {"a": Model("a", "marts", "select * from b"), "b": Model("b", "marts", "select * from a")}
    with pytest.raises(ValueError, match="cycle"):
        _toposort(models)


def test_empty_lake_builds_empty_relations_and_publish_swaps_schemas(tmp_path):
    con = warehouse.connect(tmp_path / "w.duckdb")
    first = warehouse.build(con, Lake(tmp_path / "lake"))
    warehouse.publish(con, first, "r1", 0)
    assert warehouse.table_count(con, "main.documents") == 0
    assert con.execute("select count(*) from pipeline_runs").fetchone() == (0,)
    second = warehouse.build(con, Lake(tmp_path / "lake"))
    assert second != first
    # Until published, main still reads the first build.
    assert warehouse.active_schema(con) == first
    warehouse.publish(con, second, "r2", 0)
    assert warehouse.active_schema(con) == second
    con.close()


def test_cooccurrence_counts_documents_per_named_pair_smaller_id_first():
    import duckdb

    sql = next(m.sql for m in load_models() if m.name == "mart_entity_cooccurrence")
    con = duckdb.connect()
    # Inserted in descending id order, so internal row keys run against the ids.
    con.execute("create table entities (entity_id varchar, type varchar, canonical_name varchar)")
    con.execute("insert into entities values ('e4', 'DATE', '2024-01-01'), ('e3', 'LOCATION', '서울'), "
                "('e2', 'ORGANIZATION', 'LG'), ('e1', 'PERSON', '구광모')")
    con.execute("create table mentions (document_id varchar, entity_id varchar)")
    con.execute("insert into mentions values ('d1', 'e1'), ('d1', 'e1'), ('d1', 'e2'), ('d1', 'e4'), "
                "('d2', 'e3'), ('d2', 'e2'), ('d2', 'e1'), ('d3', 'e3')")
    rows = con.execute(f"select * from ({sql}) order by all").fetchall()
    assert rows == [("e1", "e2", "구광모", "LG", 2), ("e1", "e3", "구광모", "서울", 1), ("e2", "e3", "LG", "서울", 1)]
