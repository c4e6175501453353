"""Fault injection: kill -9 a run at every stage boundary, re-run, and get the uninterrupted warehouse."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from newsetl.settings import REPO_DIR
from tests.robustness.hostile import copy_seed_pages, ledger, warehouse_snapshot

# Every crash point of newsetl.faults. With 3 pages in batches of 2 there are two batches of six
# part files each: part_written:8 dies inside the second batch, after the first was committed.
CRASH_POINTS = ("part_written:8", "batch_committed:1", "batches_done", "warehouse_built", "before_publish",
                "published", "run_finished")
CLI_CRASH_POINT = "batch_committed:1"  # the same kill through the real CLI and Prefect's ephemeral API

# The no-Prefect path: the same stages as `newsetl run`, minus the orchestrator's start-up.
DIRECT = """
import sys
from newsetl import quiet
quiet.configure()
from flows.etl import run_pipeline
from newsetl.settings import Settings
summary = run_pipeline(Settings.load(sys.argv[2]), [sys.argv[1]], submit=False)
print(summary.get("status"), summary.get("message") or "")
sys.exit({"succeeded": 0, "failed": 1}.get(summary.get("status"), 2))
"""


def run(source: Path, home: Path, crash_at: str | None = None, cli: bool = False) -> subprocess.CompletedProcess:
    """Run the pipeline over source into home in a subprocess, optionally dying at a crash point."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSETL_CRASH_AT", "NEWSETL_HOME")}
    env["NEWSETL_RUN_BATCH_SIZE"] = "2"
    if crash_at:
        env["NEWSETL_CRASH_AT"] = crash_at
    if cli:
        args = [sys.executable, "-m", "newsetl.cli", "run", "--source", str(source), "--home", str(home)]
    else:
        args = [sys.executable, "-c", DIRECT, str(source), str(home)]
    return subprocess.run(args, cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=600)


def crash_then_rerun(source: Path, home: Path, crash_at: str, cli: bool) -> dict:
    """Kill a run at crash_at, re-run it normally, and return both processes and the final warehouse."""
    crashed = run(source, home, crash_at, cli)
    rerun = run(source, home, None, cli)
    snapshot = warehouse_snapshot(home / "warehouse.duckdb") if rerun.returncode == 0 else None
    return {"crashed": crashed, "rerun": rerun, "snapshot": snapshot, "home": home}


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash-source")
    copy_seed_pages(folder, 3)
    return folder


@pytest.fixture(scope="module")
def outcomes(source, tmp_path_factory) -> dict:
    """The reference run and every crash scenario, run three at a time (they share no home)."""
    root = tmp_path_factory.mktemp("crash-homes")
    jobs = {("reference", False): None}
    jobs.update({(point, False): None for point in CRASH_POINTS})
    jobs[(CLI_CRASH_POINT, True)] = None
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {}
        for index, (point, cli) in enumerate(jobs):
            home = root / f"home-{index}"
            if point == "reference":
                futures[(point, cli)] = pool.submit(run, source, home)
            else:
                futures[(point, cli)] = pool.submit(crash_then_rerun, source, home, point, cli)
        done = {key: future.result() for key, future in futures.items()}
    reference = done.pop(("reference", False))
    assert reference.returncode == 0, reference.stdout + reference.stderr
    done["reference"] = warehouse_snapshot(root / "home-0" / "warehouse.duckdb")
    return done


def test_reference_run_loads_every_page(outcomes):
    assert len(outcomes["reference"]["documents"]) == 3
    assert outcomes["reference"]["mentions"]


@pytest.mark.parametrize("point, cli", [(p, False) for p in CRASH_POINTS] + [(CLI_CRASH_POINT, True)],
                         ids=[p for p in CRASH_POINTS] + [f"cli-{CLI_CRASH_POINT}"])
def test_killed_run_recovers_to_the_uninterrupted_warehouse(outcomes, point, cli):
    outcome = outcomes[(point, cli)]
    crashed, rerun = outcome["crashed"], outcome["rerun"]
    assert crashed.returncode == -signal.SIGKILL, (crashed.returncode, crashed.stdout, crashed.stderr)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "Traceback" not in rerun.stdout + rerun.stderr
    # row for row, on every public relation (run ids and timestamps aside)
    reference = outcomes["reference"]
    assert set(outcome["snapshot"]) == set(reference)
    for relation, rows in reference.items():
        assert outcome["snapshot"][relation] == rows, relation
    # the ledger knows what finished: the killed run is marked crashed (or finished, when it died
    # after recording its end), the re-run succeeded
    runs = ledger(outcome["home"] / "warehouse.duckdb")
    assert len(runs) == 2
    assert runs[0][1] == ("succeeded" if point == "run_finished" else "crashed"), runs
    assert runs[1][1] == "succeeded" and runs[1][3], runs
    # nothing half-written is left in the lake
    lake = outcome["home"] / "lake"
    assert not [p for p in lake.rglob("*") if p.name.endswith(".tmp")]
    committed = {p.parent.name + "/" + p.stem for p in (lake / "_commits").rglob("part-*.json")}
    parts = {p.parent.name + "/" + p.stem for p in lake.glob("*/run_id=*/part-*.parquet")}
    assert parts <= committed
    assert (outcome["home"] / "reports" / "latest.html").is_file()
