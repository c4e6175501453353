"""prefect.yaml for real: a loopback Prefect server, `prefect deploy --all`, one run picked up by a process worker."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
POOL = "newsetl-local"
FINAL_STATES = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
RUN_TIMEOUT_S = 480


def free_port() -> int:
    """Return a loopback TCP port that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prefect_env(tmp: Path, api_url: str) -> dict[str, str]:
    """Return an environment that points every Prefect process at the test server only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(tmp / "prefect-home"),  # never the user's ~/.prefect
        PREFECT_API_URL=api_url,
        PREFECT_SERVER_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{tmp / 'prefect.db'}",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_UI_ENABLED="false",
        # The hourly and nightly schedules are deployed too; they must not start runs here.
        PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED="false",
        PREFECT_SERVER_SERVICES_LATE_RUNS_ENABLED="false",
        PREFECT_CLI_PROMPT="false",
        PREFECT_SERVER_LOGGING_LEVEL="WARNING",
        DO_NOT_TRACK="1",
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
        NEWSETL_HOME=str(tmp / "default-home"),  # anything not given a home stays out of the checkout
    )
    return env


def prefect(*args: str, env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess:
    """Run one Prefect CLI command in the checkout; fail with its output if it fails."""
    proc = subprocess.run([sys.executable, "-m", "prefect", *args], cwd=REPO, env=env, text=True,
                          capture_output=True, timeout=timeout)
    assert proc.returncode == 0, f"prefect {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start a long-running Prefect process in its own process group, output to a log file."""
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "prefect", *args], cwd=REPO, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    """Terminate a process started by start() and its children, then kill what is left."""
    for sig, grace in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
            if sig == signal.SIGTERM:
                os.killpg(proc.pid, signal.SIGKILL)  # stray children of an exited leader
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def tail(path: Path, chars: int = 4000) -> str:
    """Return the end of a log file, for failure messages."""
    return path.read_text(encoding="utf-8", errors="replace")[-chars:] if path.exists() else ""


def wait_healthy(api: httpx.Client, server: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    """Return once the server answers /health; fail early if it exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, f"prefect server exited {server.returncode}:\n{tail(log)}"
        try:
            if api.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail(f"prefect server not healthy after {timeout:.0f}s:\n{tail(log)}")


def flow_run_logs(api: httpx.Client, flow_run_id: str) -> str:
    """Return the flow run's log messages as text."""
    response = api.post("/logs/filter", json={"logs": {"flow_run_id": {"any_": [flow_run_id]}}, "limit": 200})
    return "\n".join(entry["message"] for entry in response.json()) if response.status_code == 200 else ""


def test_deploy_all_and_a_process_worker_runs_seeds(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}/api"
    env = prefect_env(tmp_path, base)
    home = tmp_path / "home"
    server_log, worker_log = tmp_path / "server.log", tmp_path / "worker.log"
    procs: list[subprocess.Popen] = []
    try:
        procs.append(start(["server", "start", "--host", "127.0.0.1", "--port", str(port), "--analytics-off"],
                           env, server_log))
        with httpx.Client(base_url=base, timeout=30, trust_env=False) as api:
            wait_healthy(api, procs[0], server_log)

            prefect("work-pool", "create", POOL, "--type", "process", env=env)
            deployed = prefect("deploy", "--all", env=env)
            found = api.post("/deployments/filter", json={}).json()
            assert {d["name"] for d in found} == {"hourly-ingest", "nightly-validate", "seeds"}, deployed.stdout
            by_name = {d["name"]: d for d in found}
            assert {s["schedule"]["timezone"] for s in by_name["hourly-ingest"]["schedules"]} == {"Asia/Seoul"}
            assert by_name["seeds"]["pull_steps"][0]["prefect.deployments.steps.set_working_directory"] == {
                "directory": str(REPO)}

            triggered = prefect("deployment", "run", "newsetl-etl/seeds", "--param", f"home={home}", env=env)
            match = re.search(r"UUID: ([0-9a-f-]{36})", triggered.stdout)
            assert match, triggered.stdout
            flow_run_id = match.group(1)

            worker = start(["worker", "start", "--pool", POOL, "--run-once"], env, worker_log)
            procs.append(worker)
            # --run-once: the worker polls once, waits for the run it submitted, then exits.
            deadline = time.monotonic() + RUN_TIMEOUT_S
            state = None
            while time.monotonic() < deadline:
                state = api.get(f"/flow_runs/{flow_run_id}").json()["state"]
                if state and state["type"] in FINAL_STATES and worker.poll() is not None:
                    break
                if worker.poll() is not None:
                    deadline = min(deadline, time.monotonic() + 30)  # a last state update may lag
                time.sleep(1)
            assert state and state["type"] == "COMPLETED", (
                f"flow run state {state}\n--- run logs ---\n{flow_run_logs(api, flow_run_id)}\n"
                f"--- worker ---\n{tail(worker_log)}")
            assert worker.wait(timeout=60) == 0, tail(worker_log)
    finally:
        for proc in reversed(procs):
            stop(proc)

    assert "Traceback" not in tail(worker_log, 100_000), tail(worker_log)
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from documents").fetchone() == (5,)
    finally:
        con.close()
