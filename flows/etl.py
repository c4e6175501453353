"""The main flow: ingest -> clean -> extract -> Parquet -> DuckDB -> validate -> publish -> report."""
from __future__ import annotations

import functools
import traceback
from collections import Counter
from contextlib import contextmanager

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.task_runners import ThreadPoolTaskRunner

from newsetl import faults, quality, quiet, report, runs, warehouse
from newsetl.lake import Lake
from newsetl.pipeline import BatchResult, process_batch, release_resources, trim_memory
from newsetl.settings import Settings
from newsetl.sources import InputFile, SourceError, default_sources, discover

# A failed task's console record is one line; its traceback goes to the run's log file (see _run_locked).
quiet.console_without_tracebacks()


def _release_frames(exc: BaseException | None) -> None:
    """Drop the frames an exception chain holds, with their locals (connections, batches).

    Prefect keeps a failed task's exception in its state until the process exits; DuckDB's bindings
    report connections still alive then as leaks.
    """
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)  # frames still executing are left alone
        exc.__traceback__ = None
        exc = exc.__cause__ or exc.__context__


class StageError(RuntimeError):
    """A task's failure without its frames: what failed, the message, and the traceback as text."""

    def __init__(self, stage: str, message: str, detail: str = ""):
        super().__init__(f"{stage} failed: {message}")
        self.stage, self.message, self.detail = stage, message, detail

    def __reduce__(self):  # pickled across Dask workers with all three parts
        return type(self), (self.stage, self.message, self.detail)


def frameless(stage: str):
    """Re-raise a task's exception as a StageError that carries its traceback as text, not its frames.

    Prefect keeps a failed task's exception in its state until the process exits, and an exception
    keeps every frame of its traceback alive, with the DuckDB connections and batches in them.
    """
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                failure = (stage, f"{type(exc).__name__}: {exc}", traceback.format_exc())
                _release_frames(exc)
            raise StageError(*failure)  # outside the handler: no chained context, no frames below here
        return wrapper
    return decorate


@contextmanager
def _warehouse(settings: Settings):
    """Yield a short-lived warehouse connection: the file stays free for readers between steps."""
    con = warehouse.connect(settings.warehouse_path, memory_limit=settings.duckdb_memory_limit)
    try:
        yield con
    finally:
        con.close()
        trim_memory()  # what DuckDB and pandas freed goes back to the system before the next step


@task(name="process-batch")
@frameless("batch")
def process_batch_task(files: list[InputFile], known: dict, run_id: str, part: int, settings: Settings) -> BatchResult:
    """Read, clean and extract one batch of inputs into one committed lake part."""
    def validate_raw(frame):
        results, reasons = quality.validate_raw_inputs(frame, run_id)
        batch_results.extend(results)
        return list(reasons)

    batch_results: list = []
    result = process_batch(files, known, run_id, part, settings, Lake(settings.lake_dir), validate_raw)
    result.dq_results = batch_results
    return result


@task(name="build-warehouse")
@frameless("warehouse build")
def build_task(settings: Settings) -> str:
    """Rebuild the warehouse models from the lake into the inactive schema; return its name."""
    with _warehouse(settings) as con:
        return warehouse.build(con, Lake(settings.lake_dir))


@task(name="validate-warehouse")
@frameless("warehouse validation")
def validate_task(settings: Settings, run_id: str, schema: str, raw_results: list) -> list:
    """Run the warehouse suites on the built schema and store all results of the run."""
    with _warehouse(settings) as con:
        results = list(raw_results) + quality.validate_relations(con, run_id, schema=schema)
        quality.write_results(con, results)
        return results


@task(name="publish")
@frameless("publish")
def publish_task(settings: Settings, schema: str, run_id: str, lake_parts: int) -> dict:
    """Point the public relations at the built schema; return the published counts."""
    with _warehouse(settings) as con:
        warehouse.publish(con, schema, run_id, lake_parts)
        return published_counts(con)


@task(name="report")
@frameless("report")
def report_task(settings: Settings, run_id: str) -> str:
    """Write the data-quality report of the run and return its path."""
    with _warehouse(settings) as con:
        return str(report.build_report(con, run_id, settings.reports_dir))


RUN_COUNTS = ("inputs_seen", "inputs_new", "inputs_skipped", "inputs_duplicate", "inputs_quarantined",
              "documents", "mentions", "entities", "checks_passed", "checks_failed")


def published_counts(con) -> dict:
    """Return the row counts of the published core relations."""
    return {name: warehouse.table_count(con, f"main.{name}") for name in ("documents", "mentions", "entities")}


def merge_raw_results(batches: list[BatchResult]) -> list:
    """Return one raw_inputs result per expectation for the whole run, summed over batches."""
    merged: dict[tuple, object] = {}
    for batch in batches:
        for res in getattr(batch, "dq_results", []) or []:
            key = (res.suite, res.expectation)
            if key not in merged:
                merged[key] = res
                continue
            kept = merged[key]
            kept.success = kept.success and res.success
            kept.unexpected_count = (kept.unexpected_count or 0) + (res.unexpected_count or 0)
            if not res.success and kept.examples in (None, "[]"):
                kept.examples = res.examples
    return list(merged.values())


def batched(files: list[InputFile], size: int, max_bytes: int):
    """Yield successive runs of at most `size` files holding at most `max_bytes` (a bigger file alone)."""
    chunk: list[InputFile] = []
    total = 0
    for file in files:
        weight = max(file.size_bytes, 0)
        if chunk and (len(chunk) >= size or total + weight > max_bytes):
            yield chunk
            chunk, total = [], 0
        chunk.append(file)
        total += weight
    if chunk:
        yield chunk


def _source_specs(settings: Settings, sources: list[str] | None) -> list[str]:
    """Return the sources to read: those given, else the sample articles."""
    return list(sources) if sources else [str(p) for p in default_sources(settings.seeds_dir)]


def run_pipeline(settings: Settings, sources: list[str] | None, submit=True) -> dict:
    """Run every stage for the sources and return the run summary (never raises for bad input)."""
    specs = _source_specs(settings, sources)
    summary: dict = {"status": "error", "home": str(settings.home), "sources": specs}
    try:
        files, warnings = discover(specs, settings.extensions)
    except SourceError as exc:
        summary["message"] = str(exc)
        return summary
    summary["warnings"] = warnings
    settings.home.mkdir(parents=True, exist_ok=True)
    try:
        with runs.run_lock(settings.lock_path, settings.lock_timeout_s):
            return _run_locked(settings, specs, files, summary, submit)
    except runs.RunLockedError as exc:
        summary["message"] = str(exc)
        return summary


def _run_locked(settings: Settings, specs: list[str], files: list[InputFile], summary: dict, submit: bool) -> dict:
    run_id = runs.new_run_id()
    summary["run_id"] = run_id
    with _warehouse(settings) as con:
        summary["crashed_runs_marked"] = runs.start_run(con, run_id, specs)
    counts: Counter = Counter(dict.fromkeys(RUN_COUNTS, 0))
    try:
        batches = _process_inputs(settings, files, run_id, counts, summary, submit)
        faults.checkpoint("batches_done")
        raw_results = merge_raw_results(batches)
        status, results = _load_validate_publish(settings, run_id, raw_results, counts, summary, submit)
        with _warehouse(settings) as con:
            runs.finish_run(con, run_id, status, counts, None, summary.get("message"))
        faults.checkpoint("run_finished")
        report_path = report_task(settings, run_id) if submit else report_task.fn(settings, run_id)
        with _warehouse(settings) as con:
            con.execute("update pipeline_runs set report_path = ? where run_id = ?", [report_path, run_id])
        summary.update(status=status, report_path=report_path, counts=dict(counts),
                       dq_markdown=report.render_markdown_summary(results),
                       dq_table=report.render_table_rows(results))
        return summary
    except Exception as exc:  # the run could not complete: record why, keep the traceback in a log file
        log_dir = settings.home / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        log_path = log_dir / f"{run_id}.log"
        if isinstance(exc, StageError):
            log_path.write_text(exc.detail + "\n" + traceback.format_exc(), encoding="utf-8")
            summary["message"] = f"{exc} (details in {log_path})"
        else:
            log_path.write_text(traceback.format_exc(), encoding="utf-8")
            summary["message"] = f"{type(exc).__name__}: {exc} (details in {log_path})"
        _release_frames(exc)
        with _warehouse(settings) as con:
            runs.finish_run(con, run_id, "error", counts, None, summary["message"])
        summary["counts"] = dict(counts)
        return summary


def unchanged(file: InputFile, known: dict) -> bool:
    """Return whether a file has the size and mtime of a committed read: unchanged without reading it again."""
    previous = known.get(file.path)
    return bool(previous) and previous[0] == file.size_bytes >= 0 and previous[1] == file.mtime_ns


def has_pending_inputs(settings: Settings, sources: list[str] | None) -> bool:
    """Return whether a run over the sources has any new or changed input to read (a cheap look: stat only)."""
    try:
        files, _warnings = discover(_source_specs(settings, sources), settings.extensions)
    except SourceError:
        return False
    if not files:
        return False
    known = Lake(settings.lake_dir).known_inputs()
    return any(not unchanged(file, known) for file in files)


def _process_inputs(settings: Settings, files: list[InputFile], run_id: str, counts: Counter, summary: dict,
                    submit: bool) -> list[BatchResult]:
    """Skip unchanged inputs, run the rest as batch tasks, and add their counts to the run's."""
    lake = Lake(settings.lake_dir)
    summary["orphans_removed"] = lake.discard_uncommitted()
    known = lake.known_inputs()
    todo = []
    for file in files:
        if unchanged(file, known):
            counts["inputs_skipped"] += 1
        else:
            todo.append(file)
    counts["inputs_seen"] = len(files)
    parts = []
    for part, chunk in enumerate(batched(todo, settings.batch_size, settings.batch_max_bytes)):
        subset = {f.path: known[f.path] for f in chunk if f.path in known}
        if submit:
            parts.append(process_batch_task.submit(chunk, subset, run_id, part, settings))
        else:
            parts.append(process_batch_task.fn(chunk, subset, run_id, part, settings))
    batches: list[BatchResult] = [p.result() if submit else p for p in parts]
    release_resources()  # the models are done for this run: their memory goes to the warehouse build
    stage = Counter()
    for b in batches:
        counts["inputs_skipped"] += b.skipped
        counts["inputs_quarantined"] += b.quarantined
        counts["inputs_duplicate"] += b.duplicates
        counts["inputs_new"] += b.processed
        counts["mentions_extracted"] += b.mentions
        counts["body_chars"] += b.body_chars
        counts["raw_bytes"] += b.raw_bytes
        stage.update(b.stage_seconds)
    summary["stage_seconds"] = dict(stage)
    return batches


def _load_validate_publish(settings: Settings, run_id: str, raw_results: list, counts: Counter, summary: dict,
                           submit: bool) -> tuple[str, list]:
    """Build the warehouse aside, validate it, publish unless a critical check failed; return status, results."""
    lake_parts = len(Lake(settings.lake_dir).committed_parts())
    with _warehouse(settings) as con:
        unchanged = warehouse.published_lake_parts(con) == lake_parts
        if unchanged:
            counts.update(published_counts(con))
            if raw_results:
                quality.write_results(con, raw_results)
    if unchanged:
        # Nothing new reached the lake: the published warehouse already is what a rebuild would give.
        summary["message"] = "no new or changed inputs: the published warehouse is unchanged"
        counts["checks_passed"] = sum(1 for r in raw_results if r.success)
        counts["checks_failed"] = sum(1 for r in raw_results if not r.success)
        return "succeeded", raw_results
    schema = build_task(settings) if submit else build_task.fn(settings)
    faults.checkpoint("warehouse_built")
    results = (validate_task(settings, run_id, schema, raw_results) if submit
               else validate_task.fn(settings, run_id, schema, raw_results))
    blocking = quality.blocking_failures(results)
    counts["checks_passed"] = sum(1 for r in results if r.success)
    counts["checks_failed"] = sum(1 for r in results if not r.success)
    summary["blocking_failures"] = [f"{r.suite}: {r.expectation}" for r in blocking]
    if blocking and settings.gate:
        summary["message"] = (f"{len(blocking)} critical check(s) failed; the previous warehouse "
                              "version stays published")
        with _warehouse(settings) as con:
            counts.update(published_counts(con))
        return "failed", results
    faults.checkpoint("before_publish")
    counts.update(publish_task(settings, schema, run_id, lake_parts) if submit
                  else publish_task.fn(settings, schema, run_id, lake_parts))
    faults.checkpoint("published")
    return "succeeded", results


# One batch at a time in-process: Kiwi already uses the cores, and a second process adds nothing on
# two cores. Scale-out goes through Dask (see with_dask) where workers live on other machines.
@flow(name="newsetl-etl", task_runner=ThreadPoolTaskRunner(max_workers=1), log_prints=True)
def etl(sources: list[str] | None = None, home: str | None = None) -> dict:
    """Ingest the sources (default: the sample articles) into the warehouse and return the run summary."""
    settings = Settings.load(home)
    summary = run_pipeline(settings, sources)
    markdown, table = summary.pop("dq_markdown", None), summary.pop("dq_table", None)
    if markdown:
        try:
            description = f"Data-quality summary of run {summary.get('run_id')}"
            create_markdown_artifact(markdown, key="newsetl-dq-summary", description=description)
            create_table_artifact(table, key="newsetl-dq-table", description=description)
        except Exception as exc:  # an artifact is a convenience; never fail the run for it
            get_run_logger().warning("could not publish the data-quality artifacts: %s", exc)
    return summary


def with_dask(address: str | None = None, n_workers: int = 2):
    """Return the etl flow on Prefect's Dask task runner: a remote scheduler, or a LocalCluster.

    Batches run on the Dask workers; loading, validation and publishing stay in the flow's process,
    which is the only writer of the warehouse. Workers must see the same home (a shared filesystem).
    """
    from prefect_dask import DaskTaskRunner

    if address and address != "local":
        runner = DaskTaskRunner(address=address)
    else:
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": n_workers, "threads_per_worker": 1,
                                                "processes": True, "dashboard_address": None})
    return etl.with_options(task_runner=runner)
