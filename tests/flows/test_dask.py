"""Scale-out: the same flow on Prefect's Dask task runner against a LocalCluster."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from newsetl.settings import SEEDS_DIR


@pytest.mark.slow
def test_flow_runs_on_a_local_dask_cluster(tmp_path, monkeypatch, prefect_harness):
    from flows.etl import with_dask

    sources = tmp_path / "src"
    sources.mkdir()
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        shutil.copy(path, sources / path.name)
    # Two documents per batch: three batches spread over two worker processes.
    monkeypatch.setenv("NEWSETL_RUN_BATCH_SIZE", "2")
    home = tmp_path / "home"
    summary = with_dask("local", n_workers=2)(sources=[str(sources)], home=str(home))
    assert summary["status"] == "succeeded", summary
    parts = sorted(p.name for p in (home / "lake" / "_commits").glob("run_id=*/part-*.json"))
    assert parts == ["part-00000.json", "part-00001.json", "part-00002.json"]
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from documents").fetchone() == (5,)
        assert con.execute("select count(*) from mentions").fetchone()[0] >= 150
    finally:
        con.close()
