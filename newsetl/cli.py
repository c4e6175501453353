"""The newsetl command line: run, clean, ner, sql, validate, report (see README and the interface)."""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path

from newsetl import quiet

EXIT_OK, EXIT_CHECKS_FAILED, EXIT_ERROR = 0, 1, 2


def _home_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--home", metavar="DIR", help="output root (default: $NEWSETL_HOME or ./data)")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="newsetl", description="Scraped Korean news pages to an entity warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="ingest, clean, extract, load, validate and report")
    p.add_argument("--source", action="append", metavar="PATH",
                   help="a file, folder (recursive) or glob; repeatable (default: the sample articles in seeds/)")
    p.add_argument("--dask", metavar="ADDRESS", default=os.environ.get("NEWSETL_DASK_ADDRESS"),
                   help="run batches on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' "
                        "for a LocalCluster on this machine")
    p.add_argument("--dask-workers", type=int, default=2, metavar="N", help="workers of a local Dask cluster")
    _home_arg(p)

    p = sub.add_parser("clean", help="clean page files; print one JSON object per file")
    p.add_argument("files", nargs="+", metavar="FILE")
    _home_arg(p)

    p = sub.add_parser("ner", help="entities of stdin sentences (one per line) as JSON Lines")
    _home_arg(p)

    p = sub.add_parser("sql", help="run read-only SQL on the warehouse")
    p.add_argument("query")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _home_arg(p)

    p = sub.add_parser("validate", help="run every validation suite on the warehouse as it stands")
    _home_arg(p)

    p = sub.add_parser("report", help="rebuild the data-quality report")
    _home_arg(p)
    return parser


def _settings(args):
    from newsetl.settings import Settings

    return Settings.load(args.home)


def cmd_run(args) -> int:
    """Run the main flow and print its summary."""
    from newsetl.ephemeral import local_api

    settings = _settings(args)
    # Prefect's local API starts in a child while this process imports the flow and loads its models.
    with local_api(prepare=lambda: warm_up(settings, args.source, models=not args.dask)):
        from flows.etl import etl, with_dask

        flow_ = with_dask(args.dask, args.dask_workers) if args.dask else etl
        summary = flow_(sources=args.source, home=str(settings.home))
    print(format_summary(summary))
    if summary.get("status") == "succeeded":
        return EXIT_OK
    if summary.get("status") == "failed":
        return EXIT_CHECKS_FAILED
    return EXIT_ERROR


def warm_up(settings, sources: list[str] | None = None, models: bool = True) -> None:
    """Import the flow and build what its first batch needs (Kiwi, the tagger, Great Expectations).

    Run while the local API starts. Only the imports when no input is new or changed (a scheduled run
    with nothing to do), and no models when batches run on Dask workers (`models` False).
    """
    from flows.etl import has_pending_inputs
    from newsetl import pipeline, quality

    if not has_pending_inputs(settings, sources):
        return
    if models:
        pipeline.load_resources(str(settings.seeds_dir))
    quality.warm_up()


def format_summary(summary: dict) -> str:
    """Return the short human summary of a run."""
    counts = summary.get("counts", {})
    lines = []
    for warning in summary.get("warnings", []) or []:
        lines.append(f"warning: {warning}")
    if summary.get("status") == "error" and not counts:
        lines.append(f"error: {summary.get('message')}")
        return "\n".join(lines)
    lines += [
        f"run {summary.get('run_id')}: {summary.get('status')}",
        f"inputs      seen {counts.get('inputs_seen', 0)} / new {counts.get('inputs_new', 0)} / "
        f"skipped {counts.get('inputs_skipped', 0)} / duplicate {counts.get('inputs_duplicate', 0)} / "
        f"quarantined {counts.get('inputs_quarantined', 0)}",
        f"warehouse   documents {counts.get('documents', 0)} / mentions {counts.get('mentions', 0)} / "
        f"entities {counts.get('entities', 0)}",
        f"checks      passed {counts.get('checks_passed', 0)} / failed {counts.get('checks_failed', 0)}",
    ]
    for failure in summary.get("blocking_failures", []) or []:
        lines.append(f"  failed critical check: {failure}")
    if summary.get("report_path"):
        lines.append(f"report      {summary['report_path']}")
    if summary.get("message"):
        lines.append(f"{'error' if summary.get('status') == 'error' else 'note'}: {summary['message']}")
    return "\n".join(lines)


def cmd_clean(args) -> int:
    """Clean each file without writing anything and print one JSON object per page."""
    from newsetl.clean_command import clean_file

    status = EXIT_OK
    out = sys.stdout
    for name in args.files:
        for obj in clean_file(name):
            if "error" in obj:
                status = 1
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()
    return status


def cmd_ner(args) -> int:
    """Stream stdin sentences through the entity extractor."""
    from newsetl.ner_command import run_ner

    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")
    stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=False)
    try:
        return run_ner(stdin, stdout)
    finally:
        stdout.flush()


_WRITE_WORDS = ("insert", "update", "delete", "create", "drop", "alter", "copy", "attach", "detach", "install",
                "load", "pragma", "set", "checkpoint", "vacuum", "export", "import", "call", "truncate", "merge")


def cmd_sql(args) -> int:
    """Run one read-only query on the warehouse and print the result."""
    import duckdb

    settings = _settings(args)
    if not settings.warehouse_path.exists():
        print(f"error: no warehouse at {settings.warehouse_path}; run `newsetl run` first", file=sys.stderr)
        return 1
    try:
        con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    except duckdb.Error as exc:
        print(f"error: cannot open the warehouse read-only: {exc}", file=sys.stderr)
        return 1
    try:
        # The connection is read-only already; also refuse side effects it would allow (COPY TO, ATTACH, SET).
        for statement in _statements(args.query):
            if statement.split(None, 1)[0].lower() in _WRITE_WORDS:
                print("error: newsetl sql is read-only; only queries (SELECT, WITH, DESCRIBE, SHOW, ...) are allowed",
                      file=sys.stderr)
                return 1
        con.execute("set enable_external_access = false")
        rel = con.sql(args.query)
        if rel is None:
            return EXIT_OK
        columns = rel.columns
        rows = rel.fetchall()
    except duckdb.Error as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "read-only" in message:
            message = "newsetl sql is read-only: " + message
        print(f"error: {message}", file=sys.stderr)
        return 1
    finally:
        con.close()
    print(render_rows(columns, rows, args.format), end="")
    return EXIT_OK


def _statements(query: str) -> list[str]:
    """Return the non-empty statements of a query, without comments (a rough split for the write guard)."""
    import re

    text = re.sub(r"--[^\n]*|/\*.*?\*/", " ", query, flags=re.S)
    return [s.strip() for s in re.sub(r"'(?:[^']|'')*'", "''", text).split(";") if s.strip()]


def _jsonable(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def render_rows(columns: list[str], rows: list[tuple], fmt: str) -> str:
    """Return rows rendered as an aligned table, CSV, or JSON Lines."""
    if fmt == "json":
        return "".join(json.dumps(dict(zip(columns, map(_jsonable, row))), ensure_ascii=False) + "\n" for row in rows)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else (json.dumps(_jsonable(v), ensure_ascii=False)
                                                  if isinstance(v, (list, dict)) else v) for v in row] for row in rows])
        return buf.getvalue()
    cells = [[("NULL" if v is None else str(v)).replace("\n", "⏎") for v in row] for row in rows]
    width = [min(60, max([_width(c) for c in col] + [_width(name)])) for name, col in zip(columns, zip(*cells))] \
        if cells else [_width(c) for c in columns]
    fmt_row = lambda values: " | ".join(_pad(_clip(v, w), w) for v, w in zip(values, width))  # noqa: E731
    out = [fmt_row(columns), "-+-".join("-" * w for w in width)]
    out += [fmt_row(row) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def cmd_validate(args) -> int:
    """Validate the published warehouse, store the results, rebuild the report, and print pass/fail."""
    from newsetl import quality, report, runs, warehouse

    settings = _settings(args)
    if not settings.warehouse_path.exists():
        print(f"error: no warehouse at {settings.warehouse_path}; run `newsetl run` first", file=sys.stderr)
        return 1
    run_id = "validate-" + runs.new_run_id()
    with runs.run_lock(settings.lock_path, settings.lock_timeout_s):
        con = warehouse.connect(settings.warehouse_path)
        try:
            results = quality.validate_relations(con, run_id, schema="main")
            quality.write_results(con, results)
            path = report.build_report(con, run_id, settings.reports_dir)
        finally:
            con.close()
    suites: dict[str, list] = {}
    for res in results:
        suites.setdefault(res.suite, []).append(res)
    for suite, items in sorted(suites.items()):
        failed = [r for r in items if not r.success]
        print(f"{'PASS' if not failed else 'FAIL'}  {suite}  ({len(items) - len(failed)}/{len(items)} passed)")
        for r in failed:
            print(f"      failed: {r.expectation}  observed: {r.observed_value}")
    print(f"report {path}")
    return EXIT_CHECKS_FAILED if quality.blocking_failures(results) else EXIT_OK


def cmd_report(args) -> int:
    """Rebuild the report of the latest run and print its path."""
    from newsetl import report, warehouse

    settings = _settings(args)
    con = warehouse.connect(settings.warehouse_path)
    try:
        row = con.execute("select run_id from pipeline_runs order by started_at desc limit 1").fetchone()
        path = report.build_report(con, row[0] if row else None, settings.reports_dir)
    finally:
        con.close()
    print(path)
    return EXIT_OK


COMMANDS = {"run": cmd_run, "clean": cmd_clean, "ner": cmd_ner, "sql": cmd_sql, "validate": cmd_validate,
            "report": cmd_report}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the newsetl command; returns the exit code."""
    quiet.configure()
    args = build_parser().parse_args(argv)
    if getattr(args, "home", None):
        os.environ["NEWSETL_HOME"] = str(Path(args.home).expanduser().resolve())
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a clear one-line message for users, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
