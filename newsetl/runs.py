"""The run ledger in pipeline_runs and the lock that keeps two runs off one home at once."""
from __future__ import annotations

import errno
import fcntl
import json
import os
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb


class RunLockedError(RuntimeError):
    """Another run holds the home's lock for longer than we were willing to wait."""


@contextmanager
def run_lock(path: Path, timeout_s: float):
    """Hold an exclusive lock on path for the block; wait up to timeout_s for another run to end."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+")
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    raise RunLockedError(f"another newsetl run is using {path.parent} ({holder}); "
                                         f"waited {timeout_s:.0f}s") from None
                time.sleep(0.5)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {datetime.now(timezone.utc).isoformat(timespec='seconds')}")
        fh.flush()
        yield
    finally:
        fh.close()  # closing releases the lock, also when the process is killed


def new_run_id() -> str:
    """Return a sortable, unique run id: UTC timestamp plus a random suffix."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, sources: list[str]) -> int:
    """Record a run as running; mark runs left running by a crash as crashed; return how many were."""
    stale = con.execute("update pipeline_runs set status = 'crashed', ended_at = coalesce(ended_at, ?) "
                        "where status = 'running' returning run_id", [_utcnow()]).fetchall()
    con.execute("insert into pipeline_runs (run_id, started_at, status, sources) values (?, ?, 'running', ?)",
                [run_id, _utcnow(), json.dumps(sources, ensure_ascii=False)])
    return len(stale)


_COUNT_COLUMNS = ("inputs_seen", "inputs_new", "inputs_skipped", "inputs_duplicate", "inputs_quarantined",
                  "documents", "mentions", "entities", "checks_passed", "checks_failed")


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: dict,
               report_path: str | None = None, message: str | None = None) -> None:
    """Record a run's end, status and counts."""
    values = [int(counts.get(c, 0) or 0) for c in _COUNT_COLUMNS]
    assignments = ", ".join(f"{c} = ?" for c in _COUNT_COLUMNS)
    con.execute(f"update pipeline_runs set ended_at = ?, status = ?, report_path = ?, message = ?, {assignments} "
                "where run_id = ?", [_utcnow(), status, report_path, message, *values, run_id])
