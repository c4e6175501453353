"""prefect.yaml: parses as Prefect reads it, every entrypoint resolves, parameters fit, schedules are in Seoul."""
from __future__ import annotations

from pathlib import Path

import prefect
import pytest
import yaml
from prefect.cli.deploy._models import PrefectYamlModel
from prefect.client.schemas.schedules import CronSchedule
from prefect.flows import Flow, load_flow_from_entrypoint

REPO = Path(__file__).resolve().parents[2]
PREFECT_YAML = REPO / "prefect.yaml"
POOL = "newsetl-local"
EXPECTED = {
    "hourly-ingest": ("flows/etl.py:etl", ["0 * * * *"]),
    "nightly-validate": ("flows/validate.py:validate_warehouse", ["30 2 * * *"]),
    "seeds": ("flows/etl.py:etl", []),
}


def load_config() -> dict:
    """Return prefect.yaml as plain data (aliases expanded, as Prefect sees it)."""
    return yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))


def deployments() -> list[dict]:
    """Return the deployment entries of prefect.yaml."""
    return load_config()["deployments"]


def test_prefect_yaml_is_what_prefect_deploy_accepts():
    config = load_config()
    model = PrefectYamlModel.model_validate(config)
    assert model.name == "newsetl"
    assert model.prefect_version == prefect.__version__
    assert {d.name for d in model.deployments} == set(EXPECTED)
    assert all(d.work_pool is not None and d.work_pool.name == POOL for d in model.deployments)


def test_shared_pool_and_schedules_live_in_definitions():
    definitions = load_config()["definitions"]
    assert definitions["work_pools"]["local"]["name"] == POOL
    assert {s["timezone"] for s in definitions["schedules"].values()} == {"Asia/Seoul"}


def test_code_comes_from_the_checkout_without_images_or_pushes():
    config = load_config()
    steps = [name for step in config.get("build") or [] for name in step]
    assert steps == ["prefect.deployments.steps.run_shell_script"]
    assert not config.get("push")
    (pull,) = config["pull"]
    directory = pull["prefect.deployments.steps.set_working_directory"]["directory"]
    assert directory == "{{ project-dir.stdout }}"  # filled in by `prefect deploy`, never hard-coded


@pytest.mark.parametrize("deployment", deployments(), ids=lambda d: d["name"])
def test_entrypoint_imports_and_parameters_fit(deployment):
    entrypoint, _ = EXPECTED[deployment["name"]]
    assert deployment["entrypoint"] == entrypoint
    path, func = entrypoint.split(":")
    assert (REPO / path).is_file()
    # No placeholder fallback: a flow whose imports fail must fail here, not at 3 a.m.
    flow = load_flow_from_entrypoint(f"{REPO / path}:{func}", use_placeholder_flow=False)
    assert isinstance(flow, Flow)
    parameters = deployment.get("parameters") or {}
    validated = flow.validate_parameters(parameters)  # raises on unknown names or wrong types
    assert {name: validated[name] for name in parameters} == parameters


@pytest.mark.parametrize("deployment", deployments(), ids=lambda d: d["name"])
def test_schedules_are_valid_crons_in_seoul(deployment):
    _, crons = EXPECTED[deployment["name"]]
    schedules = deployment.get("schedules") or []
    assert [s["cron"] for s in schedules] == crons
    for spec in schedules:
        assert spec["timezone"] == "Asia/Seoul"
        schedule = CronSchedule(cron=spec["cron"], timezone=spec["timezone"])
        assert schedule.timezone == "Asia/Seoul"
        assert spec.get("slug")
