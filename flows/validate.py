"""The nightly validation flow: every suite over the warehouse as it stands, results kept, report rebuilt."""
from __future__ import annotations

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact

from newsetl import quality, report, runs, warehouse
from newsetl.settings import Settings


@task(name="validate-published")
def validate_published(settings: Settings, run_id: str) -> tuple[list, str]:
    """Run the warehouse suites on the published relations; return results and the report path."""
    with runs.run_lock(settings.lock_path, settings.lock_timeout_s):
        con = warehouse.connect(settings.warehouse_path)
        try:
            results = quality.validate_relations(con, run_id, schema="main")
            quality.write_results(con, results)
            path = report.build_report(con, run_id, settings.reports_dir)
        finally:
            con.close()
    return results, str(path)


@flow(name="newsetl-validate")
def validate_warehouse(home: str | None = None) -> dict:
    """Validate the published warehouse and return pass/fail counts and the report path."""
    settings = Settings.load(home)
    run_id = "validate-" + runs.new_run_id()
    results, path = validate_published(settings, run_id)
    create_markdown_artifact(report.render_markdown_summary(results), key="newsetl-dq-nightly",
                             description=f"Nightly validation {run_id}")
    blocking = quality.blocking_failures(results)
    return {"run_id": run_id, "passed": sum(r.success for r in results),
            "failed": sum(not r.success for r in results), "blocking": len(blocking), "report_path": path}
