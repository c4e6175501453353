"""The newsetl command line as users call it: exit codes, output formats, no tracebacks."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newsetl.settings import REPO_DIR, SEEDS_DIR


def newsetl(*args, stdin: str | None = None, timeout: int = 600):
    return subprocess.run([sys.executable, "-m", "newsetl.cli", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", cwd=REPO_DIR, timeout=timeout)


@pytest.fixture(scope="module")
def home(seed_run):
    settings, _, _ = seed_run
    return str(settings.home)


def test_sql_formats(home):
    out = newsetl("sql", "select count(*) as n from documents", "--home", home, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"n": 5}
    out = newsetl("sql", "select title from documents order by title limit 2", "--home", home, "--format", "csv")
    assert out.returncode == 0 and out.stdout.splitlines()[0] == "title" and len(out.stdout.splitlines()) == 3
    out = newsetl("sql", "select document_id, title from documents", "--home", home)
    assert out.returncode == 0 and "(5 rows)" in out.stdout


@pytest.mark.parametrize("statement", [
    "delete from documents",
    "drop table pipeline_runs",
    "create table x as select 1",
    "copy documents to '/tmp/newsetl-leak.csv'",
    "select 1; update pipeline_runs set status = 'x'",
    "attach '/tmp/other.duckdb' as other",
])
def test_sql_refuses_writes(home, statement):
    out = newsetl("sql", statement, "--home", home)
    assert out.returncode == 1
    assert "read-only" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_sql_error_is_one_clear_line(home):
    out = newsetl("sql", "select no_such_column from documents", "--home", home)
    assert out.returncode == 1
    assert out.stderr.startswith("error: ") and "Traceback" not in out.stderr


def test_sql_without_warehouse(tmp_path):
    out = newsetl("sql", "select 1", "--home", str(tmp_path / "empty"))
    assert out.returncode == 1 and "newsetl run" in out.stderr


def test_clean_prints_one_object_per_file(tmp_path):
    seed = sorted(SEEDS_DIR.glob("*.txt"))[0]
    missing = tmp_path / "missing.txt"
    out = newsetl("clean", str(seed), str(missing))
    assert out.returncode == 1
    objects = [json.loads(line) for line in out.stdout.splitlines()]
    assert [o["source"] for o in objects] == [str(seed), str(missing)]
    assert set(objects[0]) >= {"source", "title", "subtitles", "publisher", "reporters", "reporter_emails",
                               "published_at", "body", "removed"}
    assert objects[0]["body"] and objects[0]["title"]
    assert all({"line", "text", "reason"} <= set(r) for r in objects[0]["removed"])
    assert "error" in objects[1]


def test_ner_one_object_per_line_in_order():
    lines = ["구광모 LG 회장은 2020년 12월 7일 LG AI연구원을 출범시켰다.", "", "문의: help@example.com"]
    out = newsetl("ner", stdin="\n".join(lines) + "\n")
    assert out.returncode == 0, out.stderr
    objects = [json.loads(line) for line in out.stdout.splitlines()]
    assert [o["text"] for o in objects] == lines
    for obj in objects:
        for ent in obj["entities"]:
            assert obj["text"][ent["start"]:ent["end"]] == ent["text"]
    assert ("help@example.com", "EMAIL") in {(e["text"], e["type"]) for e in objects[2]["entities"]}
    assert "PERSON" in {e["type"] for e in objects[0]["entities"]}


def test_validate_and_report(home):
    out = newsetl("validate", "--home", home)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "PASS" in out.stdout and "report" in out.stdout
    out = newsetl("report", "--home", home)
    assert out.returncode == 0 and out.stdout.strip().endswith(".html")


@pytest.mark.slow
def test_run_through_prefect_prints_a_clean_summary(tmp_path):
    sources = tmp_path / "src"
    sources.mkdir()
    for path in sorted(SEEDS_DIR.glob("*.txt"))[:2]:
        (sources / path.name).write_bytes(path.read_bytes())
    (sources / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    out = newsetl("run", "--source", str(sources), "--home", str(tmp_path / "home"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    assert out.stderr.strip() == ""
    assert "seen 3 / new 2 / skipped 0 / duplicate 0 / quarantined 1" in out.stdout
    assert "report" in out.stdout
    again = newsetl("run", "--source", str(sources), "--home", str(tmp_path / "home"))
    assert again.returncode == 0 and "seen 3 / new 0 / skipped 3" in again.stdout


def test_run_with_missing_source_exits_2(tmp_path):
    out = newsetl("run", "--source", str(tmp_path / "nope"), "--home", str(tmp_path / "home"))
    assert out.returncode == 2
    assert "does not exist" in out.stdout + out.stderr and "Traceback" not in out.stdout + out.stderr


def test_run_with_many_fast_tasks_prints_no_traceback(tmp_path):
    # Touched but unchanged inputs make many quick task runs, whose events are still in flight when the
    # local API stops at the end of the run; stopping it must stay silent.
    pages = tmp_path / "pages"
    pages.mkdir()
    seeds = sorted(SEEDS_DIR.glob("0*.txt"))
    for i in range(40):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (pages / f"p{i:02d}.txt").write_text(text + f"\n관련 기사 번호 {i}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    command = [sys.executable, "-m", "newsetl.cli", "run", "--source", str(pages), "--home", str(tmp_path / "home")]
    first = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=REPO_DIR, env=env,
                           timeout=600)
    assert first.returncode == 0, first.stdout + first.stderr
    for page in pages.iterdir():
        os.utime(page)
    env["NEWSETL_RUN_BATCH_SIZE"] = "1"
    again = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=REPO_DIR, env=env,
                           timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "inputs      seen 40 / new 0 / skipped 40" in again.stdout, again.stdout
    assert "Traceback" not in again.stdout + again.stderr, again.stderr[-3000:]
    assert "ERROR" not in again.stderr, again.stderr[-3000:]


def test_run_whose_warehouse_build_fails_prints_one_clear_message(tmp_path):
    # A memory limit far too small for DuckDB: the build fails the way a too-big corpus does.
    sources = tmp_path / "src"
    sources.mkdir()
    seed = sorted(SEEDS_DIR.glob("*.txt"))[0]
    (sources / seed.name).write_bytes(seed.read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["NEWSETL_WAREHOUSE_MEMORY_LIMIT"] = "2MB"
    out = subprocess.run([sys.executable, "-m", "newsetl.cli", "run", "--source", str(sources),
                          "--home", str(tmp_path / "home")], capture_output=True, text=True, encoding="utf-8",
                         cwd=REPO_DIR, env=env, timeout=600)
    both = out.stdout + out.stderr
    assert out.returncode == 2, both  # the run itself could not complete
    assert "error: warehouse build failed: RuntimeError: model" in out.stdout, both
    assert "Raise warehouse.memory_limit (now 1.9 MiB" in out.stdout, both
    # The console gets one line per failure; the traceback, the API's log shipping and DuckDB's exit stay quiet.
    for noise in ("Traceback", "Error logging to API", "nanobind", "leaked"):
        assert noise not in both, both[-3000:]
    log = next((tmp_path / "home" / "logs").glob("*.log")).read_text(encoding="utf-8")
    assert "OutOfMemoryException" in log and "warehouse.py" in log
    status = newsetl("sql", "select status from pipeline_runs", "--home", str(tmp_path / "home"), "--format", "csv")
    assert status.stdout.split() == ["status", "error"]


def test_clean_loads_only_the_cleaner():
    # `newsetl clean` on a few pages is mostly start-up: pandas, pyarrow, Kiwi and Prefect stay unloaded.
    seed = sorted(SEEDS_DIR.glob("*.txt"))[0]
    code = ("import io, sys, contextlib; from newsetl.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): assert main(['clean', {str(seed)!r}]) == 0\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'pyarrow', 'kiwipiepy', 'prefect', "
            "'duckdb', 'great_expectations'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_DIR, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", out.stdout
