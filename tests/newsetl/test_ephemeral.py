"""The tied local Prefect API: spawned at once, waited for after the caller's own start-up work."""
from __future__ import annotations

import subprocess
import sys

import pytest

from newsetl import ephemeral
from newsetl.ephemeral import LocalApi, local_api


def test_wait_ready_reports_a_child_that_exits():
    api = LocalApi()
    api.port = ephemeral._free_port()
    api.process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"])
    with pytest.raises(RuntimeError, match="exited with code 1"):
        api.wait_ready(timeout_s=60)


def test_wait_ready_times_out_and_stop_ends_the_child():
    api = LocalApi()
    api.port = ephemeral._free_port()  # nothing listens there
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    api.process = child
    with pytest.raises(RuntimeError, match="timed out"):
        api.wait_ready(timeout_s=0.5)
    api.stop()
    assert api.process is None
    assert child.poll() is not None


def _recording(monkeypatch, calls: list[str]) -> None:
    def spawn(self):
        calls.append("spawn")
        self.port = 54321
        self.process = object()

    monkeypatch.setattr(LocalApi, "spawn", spawn)
    monkeypatch.setattr(LocalApi, "wait_ready", lambda self, timeout_s=None: calls.append("wait"))
    monkeypatch.setattr(LocalApi, "stop", lambda self: calls.append("stop"))


def test_prepare_runs_after_the_spawn_and_before_the_wait(monkeypatch):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    calls: list[str] = []
    _recording(monkeypatch, calls)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):  # no server named (the flow tests' harness names one)
        with local_api(prepare=lambda: calls.append("prepare")) as url:
            assert url == "http://127.0.0.1:54321/api"
            assert PREFECT_API_URL.value() == url
            calls.append("block")
    assert calls == ["spawn", "prepare", "wait", "block", "stop"]


def test_a_named_server_is_used_as_is(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://scheduler.example:4200/api")
    calls: list[str] = []
    _recording(monkeypatch, calls)
    with local_api(prepare=lambda: calls.append("prepare")) as url:
        assert url is None
    assert calls == ["prepare"]


def test_the_child_is_stopped_when_prepare_fails(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    calls: list[str] = []
    _recording(monkeypatch, calls)

    def prepare():
        raise ImportError("no module")

    with pytest.raises(ImportError):
        with local_api(prepare=prepare):
            pass
    assert calls == ["spawn", "stop"]
