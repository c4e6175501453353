"""Shared fixtures: the shared-data folder (optional), fresh settings, and one seed run per session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsetl import quiet

quiet.configure()

from newsetl.settings import SEEDS_DIR, Settings, shared_dir  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder; tests that need it skip cleanly when it is absent."""
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"shared data folder {path} not present")
    return path


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Fresh settings with a temporary home."""
    return Settings.load(tmp_path / "home")


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """One pipeline run over the five sample articles (no orchestrator), shared by read-only tests."""
    from flows.etl import run_pipeline

    home = tmp_path_factory.mktemp("seed-home")
    sources = tmp_path_factory.mktemp("seed-sources")
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        shutil.copy(path, sources / path.name)
    cfg = Settings.load(home)
    summary = run_pipeline(cfg, [str(sources)], submit=False)
    return cfg, summary, sources
