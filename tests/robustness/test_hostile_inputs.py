"""A folder of hostile inputs mixed with good pages: one real `newsetl run`, every input accounted for."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from newsetl.settings import REPO_DIR
from tests.robustness.hostile import ANY, DOCUMENT, SCRIPT_TEXT, SQL_TEXT, warehouse_snapshot, write_hostile_folder


def newsetl(*args: str, home: Path) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a user would."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSETL_CRASH_AT", "NEWSETL_HOME")}
    return subprocess.run([sys.executable, "-m", "newsetl.cli", *args, "--home", str(home)], cwd=REPO_DIR,
                          env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The folder, what each input must become, and the outcomes of a run and a re-run over it."""
    folder = tmp_path_factory.mktemp("hostile")
    home = tmp_path_factory.mktemp("hostile-home")
    expected = write_hostile_folder(folder)
    first = newsetl("run", "--source", str(folder), home=home)
    snapshot = warehouse_snapshot(home / "warehouse.duckdb") if first.returncode in (0, 1) else None
    second = newsetl("run", "--source", str(folder), home=home)
    return {"expected": expected, "home": home, "first": first, "second": second, "snapshot": snapshot}


def _where(home: Path) -> dict[str, list[tuple[str, str | None]]]:
    """Return input file -> [(status in input_files, quarantine reason)] from the published warehouse."""
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        rows = con.execute("select inputs.file_path, inputs.status, quarantine.reason from input_files as inputs "
                           "left join quarantine on quarantine.source = inputs.source").fetchall()
    finally:
        con.close()
    out: dict[str, list] = {}
    for path, status, reason in rows:
        out.setdefault(path, []).append((status, reason))
    return out


def test_one_run_ends_cleanly_without_traceback(hostile):
    first = hostile["first"]
    assert first.returncode in (0, 1), first.stdout + first.stderr
    assert "Traceback" not in first.stdout + first.stderr
    assert "quarantined" in first.stdout


def test_every_input_is_accounted_for_exactly_once(hostile):
    where = _where(hostile["home"])
    for path, want in hostile["expected"].items():
        ends = where.get(path, [])
        assert len(ends) == 1, (path, ends)
        kind, reason = ends[0]
        if want.outcome == DOCUMENT:
            assert kind in ("new", "duplicate"), (path, ends)
        elif want.outcome != ANY:
            assert kind == "quarantined" and reason in want.reasons, (path, ends, want.reasons)
    assert set(where) == set(hostile["expected"])


def test_text_that_looks_like_code_is_stored_verbatim(hostile):
    con = duckdb.connect(str(hostile["home"] / "warehouse.duckdb"), read_only=True)
    try:
        bodies = [row[0] for row in con.execute("select body from documents").fetchall()]
    finally:
        con.close()
    assert any(SQL_TEXT in body for body in bodies)
    assert any(SCRIPT_TEXT in body for body in bodies)
    report = (hostile["home"] / "reports" / "latest.html").read_text(encoding="utf-8")
    assert SCRIPT_TEXT not in report


def test_rerun_adds_nothing(hostile):
    second = hostile["second"]
    assert second.returncode in (0, 1), second.stdout + second.stderr
    assert "Traceback" not in second.stdout + second.stderr
    assert warehouse_snapshot(hostile["home"] / "warehouse.duckdb") == hostile["snapshot"]
