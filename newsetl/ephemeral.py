"""A local Prefect API for one `newsetl run` that dies with the process that started it.

Prefect's own ephemeral server is a `uvicorn` child that outlives a parent killed with SIGKILL:
it keeps running, and keeps the parent's stdout and stderr open, so whatever waits on them
(a scheduler, a shell pipe, a test) hangs. Here the child watches its parent and exits when
the parent is gone. `python -m newsetl.ephemeral PARENT_PID PORT` is that child.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

# What Prefect's SubprocessASGIServer sets for its child: no UI, ephemeral mode.
_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
_WATCH_INTERVAL_S = 0.5
# The server's services log a traceback when stopping cancels an event flush (harmless: the server's
# state is this run's alone, and newsetl reports the run). Its own logs stay silent below CRITICAL.
_SERVER_LOGS = {"PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL"}


def _server_class():
    """Return a SubprocessASGIServer whose child is this module (import deferred: Prefect is slow to import)."""
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import get_current_settings

    class TiedServer(SubprocessASGIServer):
        _instances: dict = {}  # apart from Prefect's own singleton

        def _run_uvicorn_command(self) -> subprocess.Popen:
            env = {**os.environ, **_SERVER_ENV,
                   **get_current_settings().to_environment_variables(exclude_unset=True), **_SERVER_LOGS}
            return subprocess.Popen([sys.executable, "-m", "newsetl.ephemeral", str(os.getpid()), str(self.port)],
                                    env=env, stdin=subprocess.DEVNULL)

    return TiedServer


@contextmanager
def local_api():
    """Run the block against a tied local API, unless PREFECT_API_URL already names a server."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield None
        return
    server = _server_class()()
    server.start()
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            try:
                yield server.api_url
            finally:
                _drain_to_api()
    finally:
        server.stop()


def _drain_to_api(timeout_s: float = 5.0) -> None:
    """Send the logs and events still queued for the API before it stops (a failed task logs at exit)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=timeout_s)


def _exit_when_orphaned(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(_WATCH_INTERVAL_S)
    os._exit(0)


def main(argv: list[str]) -> None:
    """Serve Prefect's API on 127.0.0.1:PORT until the parent process is gone."""
    parent_pid, port = int(argv[0]), int(argv[1])
    threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), daemon=True).start()
    import uvicorn

    # uvicorn exits with 3 when it cannot bind: SubprocessASGIServer then retries another port.
    uvicorn.run("prefect.server.api.server:create_app", factory=True, host="127.0.0.1", port=port,
                log_level="error", lifespan="on")


if __name__ == "__main__":
    main(sys.argv[1:])
