"""Flow-test fixtures: the one temporary Prefect API of the session (tests/conftest.py keeps Prefect quiet)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def prefect_harness():
    """Yield while flows run against a throwaway local Prefect API and SQLite database."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
