"""A local Prefect API for one `newsetl run` that dies with the process that started it.

Prefect's own ephemeral server is a `uvicorn` child that outlives a parent killed with SIGKILL:
it keeps running, and keeps the parent's stdout and stderr open, so whatever waits on them
(a scheduler, a shell pipe, a test) hangs. Here the child watches its parent and exits when
the parent is gone. `python -m newsetl.ephemeral PARENT_PID PORT` is that child.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager

# What Prefect's SubprocessASGIServer sets for its child: no UI, ephemeral mode.
_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
_WATCH_INTERVAL_S = 0.5
# The server's services log a traceback when stopping cancels an event flush (harmless: the server's
# state is this run's alone, and newsetl reports the run). Its own logs stay silent below CRITICAL.
_SERVER_LOGS = {"PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL"}


def _free_port() -> int:
    """Return a port on 127.0.0.1 that is free now (the child retries another if it is taken meanwhile)."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _startup_timeout_s() -> float:
    """Return how long to wait for the child (Prefect's own setting when given, else 90 s for busy machines)."""
    try:
        return float(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"])
    except (KeyError, ValueError):
        return 90.0


class LocalApi:
    """The tied API child, spawned without importing Prefect (its start overlaps the parent's own)."""

    def __init__(self) -> None:
        self.port: int | None = None
        self.process: subprocess.Popen | None = None
        # Straight to 127.0.0.1, whatever proxy the environment names.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def spawn(self) -> None:
        """Start the child on a free port; return at once."""
        self.port = _free_port()
        # The child reads the same profile and environment as this process, plus the ephemeral-mode switches.
        env = {**os.environ, **_SERVER_ENV, **_SERVER_LOGS}
        self.process = subprocess.Popen([sys.executable, "-m", "newsetl.ephemeral", str(os.getpid()), str(self.port)],
                                        env=env, stdin=subprocess.DEVNULL)

    def wait_ready(self, timeout_s: float | None = None) -> None:
        """Return once the API answers its health check; raise RuntimeError if it exits or times out."""
        deadline = time.monotonic() + (timeout_s if timeout_s is not None else _startup_timeout_s())
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code == 3:  # uvicorn could not bind: the port was taken after we picked it
                self.spawn()
                continue
            if code is not None:
                raise RuntimeError(f"the local Prefect API exited with code {code} before it was ready")
            try:
                with self._opener.open(f"{self.api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (OSError, ValueError):
                pass
            time.sleep(0.1)
        raise RuntimeError("timed out waiting for the local Prefect API to start "
                           "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS sets the limit)")

    def stop(self) -> None:
        """Stop the child (terminate, then kill after 5 s)."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


@contextmanager
def local_api(prepare: Callable[[], None] | None = None):
    """Run the block against a tied local API, unless PREFECT_API_URL already names a server.

    `prepare` (imports, model loading) runs while the child starts, so the two overlap.
    """
    if os.environ.get("PREFECT_API_URL"):
        if prepare is not None:
            prepare()
        yield None
        return
    api = LocalApi()
    api.spawn()
    try:
        if prepare is not None:
            prepare()
        from prefect.settings import PREFECT_API_URL, temporary_settings

        if PREFECT_API_URL.value():  # the active profile names a server: use it, not ours
            api.stop()
            yield None
            return
        api.wait_ready()
        with temporary_settings({PREFECT_API_URL: api.api_url}):
            try:
                yield api.api_url
            finally:
                _drain_to_api()
    finally:
        api.stop()


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
