"""Data-quality report: one self-contained HTML page per run (inline CSS and SVG, no scripts)."""
from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

import jinja2

TREND_RUNS = 30          # runs shown in the trend charts
FAILURES_SHOWN = 50      # failing expectations listed in full
EXAMPLES_SHOWN = 5
QUARANTINE_SOURCES_SHOWN = 3
PUBLISHERS_SHOWN = 15


# ---------------------------------------------------------------------------------------------
# Reading the warehouse: every query tolerates a missing table (a fresh warehouse).
# ---------------------------------------------------------------------------------------------
def _rows(con, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    """Return the query's rows as dicts, or [] when a relation it reads does not exist yet."""
    import duckdb

    try:
        cursor = con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
    except duckdb.Error:
        return []


def _resolve_run_id(con, run_id: str | None) -> str | None:
    if run_id:
        return run_id
    for sql in ("select run_id from pipeline_runs order by started_at desc limit 1",
                "select run_id from dq_results group by run_id order by max(checked_at) desc limit 1"):
        rows = _rows(con, sql)
        if rows:
            return rows[0]["run_id"]
    return None


def _load_json(text: Any) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text


def _format_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _examples(text: Any) -> list[list[tuple[str, str]]]:
    """Return each example as (key, value) pairs, ready to print."""
    items = _load_json(text) or []
    if not isinstance(items, list):
        items = [items]
    out = []
    for item in items[:EXAMPLES_SHOWN]:
        if isinstance(item, dict):
            out.append([(str(k), _format_value(v)) for k, v in item.items()])
        else:
            out.append([("value", _format_value(item))])
    return out


# ---------------------------------------------------------------------------------------------
# Inline SVG charts: coordinates computed here, labels escaped by the template.
# ---------------------------------------------------------------------------------------------
@dataclass
class LineChart:
    title: str
    width: int
    height: int
    points: list[tuple[float, float, str, str]]  # x, y, x label, value label
    polyline: str
    y_max_label: str
    y_min_label: str
    first_label: str
    last_label: str


def _line_chart(title: str, labels: list[str], values: list[float | None],
                percent: bool = False) -> LineChart | None:
    pairs = [(label, float(v)) for label, v in zip(labels, values) if v is not None]
    if not pairs:
        return None
    width, height, pad_x, pad_y = 500, 160, 48, 20
    top = 1.0 if percent else max(v for _, v in pairs) or 1.0
    bottom = 0.0
    step = (width - 2 * pad_x) / max(len(pairs) - 1, 1)
    points = []
    for i, (label, value) in enumerate(pairs):
        x = pad_x + i * step if len(pairs) > 1 else width / 2
        y = height - pad_y - (value - bottom) / (top - bottom) * (height - 2 * pad_y)
        shown = f"{value:.0%}" if percent else _format_value(int(value) if value.is_integer() else value)
        points.append((round(x, 1), round(y, 1), label, shown))
    return LineChart(
        title=title, width=width, height=height, points=points,
        polyline=" ".join(f"{x},{y}" for x, y, _, _ in points),
        y_max_label="100%" if percent else _format_value(int(top) if float(top).is_integer() else top),
        y_min_label="0%" if percent else "0",
        first_label=pairs[0][0], last_label=pairs[-1][0],
    )


SERIES_COLORS = ("#3465a4", "#cc5a14", "#4e9a06", "#75507b", "#c4a000", "#06989a", "#a40000", "#555753")


@dataclass
class MultiLineChart:
    title: str
    width: int
    height: int
    series: list[tuple[str, str, str, list[tuple[float, float, str, str]]]]  # name, colour, polyline, points
    y_max_label: str
    first_label: str
    last_label: str


def _multi_line_chart(title: str, labels: list[str],
                      series: dict[str, list[float | None]]) -> MultiLineChart | None:
    """Return one line per series over shared x labels (gaps where a series has no value)."""
    values = [v for vs in series.values() for v in vs if v is not None]
    if not labels or not values:
        return None
    width, height, pad_x, pad_y = 500, 160, 48, 20
    top = max(values) or 1.0
    step = (width - 2 * pad_x) / max(len(labels) - 1, 1)
    lines = []
    for i, (name, vs) in enumerate(series.items()):
        points = []
        for j, (label, value) in enumerate(zip(labels, vs)):
            if value is None:
                continue
            x = pad_x + j * step if len(labels) > 1 else width / 2
            y = height - pad_y - float(value) / top * (height - 2 * pad_y)
            points.append((round(x, 1), round(y, 1), label, f"{float(value):,.1f}"))
        if points:
            lines.append((name, SERIES_COLORS[i % len(SERIES_COLORS)],
                          " ".join(f"{x},{y}" for x, y, _, _ in points), points))
    return MultiLineChart(title=title, width=width, height=height, series=lines,
                          y_max_label=f"{top:,.1f}", first_label=labels[0], last_label=labels[-1])


@dataclass
class BarChart:
    title: str
    width: int
    height: int
    bars: list[tuple[float, float, float, str, str]]  # y, bar width, label y, label, value label
    label_width: int


def _bar_chart(title: str, items: list[tuple[str, float]]) -> BarChart | None:
    if not items:
        return None
    label_width, bar_area, row = 150, 330, 22
    top = max(v for _, v in items) or 1.0
    bars = []
    for i, (label, value) in enumerate(items):
        y = 8 + i * row
        bars.append((y, round(max(value / top * bar_area, 1.0), 1), y + 12,
                     label if len(label) <= 18 else label[:17] + "…", f"{value:,.1f}"))
    return BarChart(title=title, width=label_width + bar_area + 70, height=16 + len(items) * row,
                    bars=bars, label_width=label_width)


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------
_TEMPLATE = """<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsetl data quality — {{ run_id or "no runs yet" }}</title>
<style>
body { font-size: 14px; line-height: 1.45;
       font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK KR", "Noto Sans KR",
                    "Malgun Gothic", "Apple SD Gothic Neo", "Nanum Gothic", Roboto, Arial, sans-serif;
       margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1d232a; background: #fbfbfc; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem;
     border-bottom: 1px solid #d8dde3; padding-bottom: .25rem; }
.muted { color: #66707a; } .small { font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; background: #fff; }
th, td { text-align: left; padding: .35rem .55rem; border-bottom: 1px solid #e6e9ed; vertical-align: top; }
th { background: #f1f3f5; font-weight: 600; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: .7rem; font-size: 12px; font-weight: 600; }
.pass { background: #d8f3dc; color: #1b5e20; } .fail { background: #ffd6d6; color: #8a1c1c; }
.warn { background: #fff1c2; color: #7a5a00; } .none { background: #e9ecef; color: #495057; }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1rem 0; }
.card { background: #fff; border: 1px solid #e1e5ea; border-radius: .5rem; padding: .5rem .8rem; min-width: 7.5rem; }
.card b { display: block; font-size: 1.3rem; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.example { margin: .15rem 0; padding: .2rem .4rem; background: #f6f7f9; border-radius: .25rem;
           white-space: pre-wrap; word-break: break-word; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure { margin: 0; background: #fff; border: 1px solid #e1e5ea; border-radius: .5rem; padding: .5rem; }
figcaption { font-weight: 600; margin-bottom: .2rem; }
svg text { font-size: 11px; fill: #55606b; font-family: inherit; }
.legend { display: flex; flex-wrap: wrap; gap: .2rem .8rem; font-size: 12px; margin-top: .2rem; }
.swatch { display: inline-block; width: .8rem; height: .25rem; vertical-align: middle; margin-right: .25rem; }
</style>
</head>
<body>
<h1>newsetl data quality</h1>
<p class="muted">Run <code>{{ run_id or "—" }}</code>{% if run %} · started {{ fmt(run.started_at) }}{% if run.ended_at %} · ended {{ fmt(run.ended_at) }}{% endif %}{% endif %} · report generated {{ generated_at }}</p>

{% if not run_id %}
<p>No runs recorded yet: this warehouse is fresh. Run <code>newsetl run</code> to fill it.</p>
{% endif %}

<h2>Run summary</h2>
{% if run %}
<p>Status: <span class="badge {{ 'pass' if run.status == 'succeeded' else ('none' if run.status == 'running' else 'fail') }}">{{ run.status }}</span>
{% if run.message %}<span class="muted"> — {{ run.message }}</span>{% endif %}</p>
<div class="cards">
{% for label, key in [("inputs seen", "inputs_seen"), ("new", "inputs_new"), ("skipped", "inputs_skipped"),
                      ("duplicates", "inputs_duplicate"), ("quarantined", "inputs_quarantined"),
                      ("documents", "documents"), ("mentions", "mentions"), ("entities", "entities"),
                      ("checks passed", "checks_passed"), ("checks failed", "checks_failed")] %}
<div class="card"><span class="muted small">{{ label }}</span><b>{{ fmt(run[key]) }}</b></div>
{% endfor %}
</div>
{% else %}
{% if run_id and run_id.startswith("validate-") %}
<p>A check of the published warehouse by <code>newsetl validate</code>: no data was loaded.</p>
{% else %}
<p class="muted">No row in <code>pipeline_runs</code> for this run.</p>
{% endif %}
{% endif %}

<h2>Validation suites</h2>
{% if suites %}
<p>{{ totals.expectations }} expectations in {{ totals.suites }} suites: {{ totals.passed }} passed, {{ totals.failed }} failed{% if totals.blocking %} (<b>{{ totals.blocking }} blocking</b>: publishing stops){% endif %}.</p>
<table>
<tr><th>suite</th><th>severity</th><th>result</th><th class="num">passed</th><th class="num">failed</th></tr>
{% for s in suites %}
<tr><td><code>{{ s.suite }}</code></td><td>{{ s.severity }}</td>
<td>{% if s.failed == 0 %}<span class="badge pass">pass</span>{% elif s.severity == 'critical' %}<span class="badge fail">fail — blocking</span>{% else %}<span class="badge warn">warning</span>{% endif %}</td>
<td class="num">{{ s.passed }}</td><td class="num">{{ s.failed }}</td></tr>
{% endfor %}
</table>
{% else %}
<p class="muted">No validation results for this run.</p>
{% endif %}

<h2>Failing expectations</h2>
{% if failures %}
<table>
<tr><th>suite</th><th>expectation</th><th class="num">unexpected</th><th>observed</th><th>examples</th></tr>
{% for f in failures %}
<tr><td><code>{{ f.suite }}</code></td><td><code>{{ f.expectation }}</code></td>
<td class="num">{{ fmt(f.unexpected_count) }}</td><td class="mono small">{{ f.observed }}</td>
<td>{% for example in f.examples %}<div class="example mono">{% for key, value in example %}<div>{{ key }}: {{ value }}</div>{% endfor %}</div>{% else %}<span class="muted">—</span>{% endfor %}</td></tr>
{% endfor %}
</table>
{% if failures_hidden %}<p class="muted">… and {{ failures_hidden }} more.</p>{% endif %}
{% else %}
<p class="muted">None.</p>
{% endif %}

<h2>Quarantine</h2>
{% if quarantine %}
<table>
<tr><th>reason</th><th class="num">this run</th><th class="num">all runs</th><th>recent sources</th></tr>
{% for q in quarantine %}
<tr><td><code>{{ q.reason }}</code></td><td class="num">{{ fmt(q.run_count) }}</td><td class="num">{{ fmt(q.total_count) }}</td>
<td>{% for source in q.sources %}<div class="mono small">{{ source }}</div>{% endfor %}</td></tr>
{% endfor %}
</table>
{% else %}
<p class="muted">Nothing quarantined.</p>
{% endif %}

<h2>Trends</h2>
<div class="charts">
{% for chart in line_charts %}
<figure>
<figcaption>{{ chart.title }}</figcaption>
<svg width="{{ chart.width }}" height="{{ chart.height + 18 }}" viewBox="0 0 {{ chart.width }} {{ chart.height + 18 }}" role="img" aria-label="{{ chart.title }}">
<line x1="48" y1="20" x2="48" y2="{{ chart.height - 20 }}" stroke="#c5ccd3"/>
<line x1="48" y1="{{ chart.height - 20 }}" x2="{{ chart.width - 48 }}" y2="{{ chart.height - 20 }}" stroke="#c5ccd3"/>
<text x="42" y="24" text-anchor="end">{{ chart.y_max_label }}</text>
<text x="42" y="{{ chart.height - 20 }}" text-anchor="end">{{ chart.y_min_label }}</text>
{% if chart.points|length > 1 %}<polyline points="{{ chart.polyline }}" fill="none" stroke="#3465a4" stroke-width="2"/>{% endif %}
{% for x, y, label, value in chart.points %}<circle cx="{{ x }}" cy="{{ y }}" r="3" fill="#3465a4"><title>{{ label }}: {{ value }}</title></circle>{% endfor %}
{% set last = chart.points[-1] %}<text x="{{ last[0] }}" y="{{ last[1] - 7 if last[1] > 30 else last[1] + 15 }}" text-anchor="end" style="font-weight:600">{{ last[3] }}</text>
<text x="48" y="{{ chart.height + 10 }}">{{ chart.first_label }}</text>
<text x="{{ chart.width - 48 }}" y="{{ chart.height + 10 }}" text-anchor="end">{{ chart.last_label }}</text>
</svg>
</figure>
{% else %}
<p class="muted">No runs to chart yet.</p>
{% endfor %}
{% if bar_chart %}
<figure>
<figcaption>{{ bar_chart.title }}</figcaption>
<svg width="{{ bar_chart.width }}" height="{{ bar_chart.height }}" viewBox="0 0 {{ bar_chart.width }} {{ bar_chart.height }}" role="img" aria-label="{{ bar_chart.title }}">
{% for y, bar_width, label_y, label, value in bar_chart.bars %}
<text x="{{ bar_chart.label_width - 6 }}" y="{{ label_y }}" text-anchor="end">{{ label }}</text>
<rect x="{{ bar_chart.label_width }}" y="{{ y }}" width="{{ bar_width }}" height="16" fill="#73a1d6"/>
<text x="{{ bar_chart.label_width + bar_width + 4 }}" y="{{ label_y }}">{{ value }}</text>
{% endfor %}
</svg>
</figure>
{% endif %}
{% if publisher_chart %}
{% set chart = publisher_chart %}
<figure>
<figcaption>{{ chart.title }}</figcaption>
<svg width="{{ chart.width }}" height="{{ chart.height + 18 }}" viewBox="0 0 {{ chart.width }} {{ chart.height + 18 }}" role="img" aria-label="{{ chart.title }}">
<line x1="48" y1="20" x2="48" y2="{{ chart.height - 20 }}" stroke="#c5ccd3"/>
<line x1="48" y1="{{ chart.height - 20 }}" x2="{{ chart.width - 48 }}" y2="{{ chart.height - 20 }}" stroke="#c5ccd3"/>
<text x="42" y="24" text-anchor="end">{{ chart.y_max_label }}</text>
<text x="42" y="{{ chart.height - 20 }}" text-anchor="end">0</text>
{% for name, colour, polyline, points in chart.series %}
{% if points|length > 1 %}<polyline points="{{ polyline }}" fill="none" stroke="{{ colour }}" stroke-width="2"/>{% endif %}
{% for x, y, label, value in points %}<circle cx="{{ x }}" cy="{{ y }}" r="3" fill="{{ colour }}"><title>{{ name }} · {{ label }}: {{ value }}</title></circle>{% endfor %}
{% endfor %}
<text x="48" y="{{ chart.height + 10 }}">{{ chart.first_label }}</text>
<text x="{{ chart.width - 48 }}" y="{{ chart.height + 10 }}" text-anchor="end">{{ chart.last_label }}</text>
</svg>
<div class="legend">{% for name, colour, polyline, points in chart.series %}<span><span class="swatch" style="background: {{ colour }}"></span>{{ name }}</span>{% endfor %}</div>
</figure>
{% endif %}
</div>
{% if removed_reasons %}
<p class="muted small">Removed lines by reason (all documents):
{% for r in removed_reasons %}<code>{{ r.reason }}</code> {{ fmt(r.line_count) }}{% if not loop.last %} · {% endif %}{% endfor %}</p>
{% endif %}
</body>
</html>
"""

_environment = jinja2.Environment(autoescape=True, undefined=jinja2.ChainableUndefined,
                                  trim_blocks=True, lstrip_blocks=True)
_template = _environment.from_string(_TEMPLATE)


def _publisher_trend(rows: list[dict[str, Any]]) -> MultiLineChart | None:
    """Return the removed-lines-per-document trend of the publishers with the most documents."""
    labels = list(dict.fromkeys(row["run_id"] for row in rows))
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["publisher"]] = totals.get(row["publisher"], 0) + int(row["document_count"] or 0)
    shown = sorted(totals, key=lambda name: (-totals[name], name))[:len(SERIES_COLORS)]
    values = {(row["run_id"], row["publisher"]): row["per_document"] for row in rows}
    series = {name: [values.get((label, name)) for label in labels] for name in shown}
    return _multi_line_chart("Removed (boilerplate) lines per document, by publisher and run",
                             labels, series)


def _context(con, run_id: str | None) -> dict[str, Any]:
    """Return everything the page shows, read from the warehouse."""
    run_rows = _rows(con, "select * from pipeline_runs where run_id = ?", [run_id]) if run_id else []
    suites = _rows(con, """
        select suite, any_value(severity) as severity,
               count(*) filter (where success) as passed, count(*) filter (where not success) as failed
        from dq_results where run_id = ? group by suite
        order by case when any_value(severity) = 'critical' then 0 else 1 end, suite
    """, [run_id]) if run_id else []
    failure_rows = _rows(con, """
        select suite, severity, expectation, unexpected_count, observed_value, examples
        from dq_results where run_id = ? and not success
        order by case when severity = 'critical' then 0 else 1 end, suite, expectation
    """, [run_id]) if run_id else []
    failures = [dict(row, observed=_format_value(_load_json(row["observed_value"])),
                     examples=_examples(row["examples"])) for row in failure_rows[:FAILURES_SHOWN]]
    quarantine = _rows(con, f"""
        select reason, count(*) filter (where run_id = ?) as run_count, count(*) as total_count,
               (array_agg(source order by quarantined_at desc))[1:{QUARANTINE_SOURCES_SHOWN}] as sources
        from quarantine group by reason order by run_count desc, total_count desc, reason
    """, [run_id])
    runs = list(reversed(_rows(con, f"""
        select run_id, started_at, documents, mentions from pipeline_runs
        order by started_at desc limit {TREND_RUNS}
    """)))
    pass_rates = list(reversed(_rows(con, f"""
        select run_id, avg(case when success then 1.0 else 0.0 end) as pass_rate
        from dq_results group by run_id order by max(checked_at) desc limit {TREND_RUNS}
    """)))
    line_charts = [chart for chart in (
        _line_chart("Checks passed per run", [r["run_id"] for r in pass_rates],
                    [r["pass_rate"] for r in pass_rates], percent=True),
        _line_chart("Documents per run", [r["run_id"] for r in runs], [r["documents"] for r in runs]),
        _line_chart("Mentions per run", [r["run_id"] for r in runs], [r["mentions"] for r in runs]),
    ) if chart is not None]
    publishers = _rows(con, f"""
        with documents as (
            select document_id, coalesce(publisher, '(unknown)') as publisher, removed_lines
            from documents
        ),
        removed as (
            select document_id, count(*) as line_count from removed_lines group by document_id
        ),
        final as (
            select documents.publisher, count(*) as document_count,
                   coalesce(sum(removed.line_count), 0) as removed_count
            from documents
            left join removed on removed.document_id = documents.document_id
            group by documents.publisher
        )
        select publisher, removed_count / document_count as per_document from final
        order by per_document desc, publisher limit {PUBLISHERS_SHOWN}
    """) or _rows(con, f"""
        select coalesce(publisher, '(unknown)') as publisher, avg(removed_lines) as per_document
        from documents group by 1 order by per_document desc, publisher limit {PUBLISHERS_SHOWN}
    """)
    removed_reasons = _rows(con, """
        select reason, count(*) as line_count from removed_lines group by reason
        order by line_count desc, reason limit 12
    """)
    publisher_runs = _rows(con, f"""
        with documents as (
            select run_id, coalesce(publisher, '(unknown)') as publisher, removed_lines from documents
        ),
        runs as (
            select run_id, started_at from pipeline_runs
        ),
        per_run as (
            select documents.run_id, any_value(runs.started_at) as started_at, documents.publisher,
                   count(*) as document_count, avg(documents.removed_lines) as per_document
            from documents
            left join runs on runs.run_id = documents.run_id
            group by documents.run_id, documents.publisher
        ),
        final as (
            select *, dense_rank() over (order by started_at desc nulls last, run_id desc) as run_rank
            from per_run
        )
        select run_id, started_at, publisher, document_count, per_document from final
        where run_rank <= {TREND_RUNS}
        order by started_at nulls first, run_id, publisher
    """)
    publisher_chart = _publisher_trend(publisher_runs)
    bar_chart = _bar_chart("Removed (boilerplate) lines per document, by publisher",
                           [(r["publisher"], float(r["per_document"] or 0)) for r in publishers])
    return {
        "run_id": run_id,
        "run": run_rows[0] if run_rows else None,
        "suites": suites,
        "failures": failures,
        "failures_hidden": max(len(failure_rows) - FAILURES_SHOWN, 0),
        "quarantine": quarantine,
        "line_charts": line_charts,
        "bar_chart": bar_chart,
        "publisher_chart": publisher_chart,
        "totals": {
            "suites": len(suites),
            "expectations": sum(int(row["passed"]) + int(row["failed"]) for row in suites),
            "passed": sum(int(row["passed"]) for row in suites),
            "failed": sum(int(row["failed"]) for row in suites),
            "blocking": sum(int(row["failed"]) for row in suites if row["severity"] == "critical"),
        },
        "removed_reasons": removed_reasons,
        "generated_at": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "fmt": _format_value,
    }


def render_html(con, run_id: str | None) -> str:
    """Return the report page for run_id (the latest run when None) as HTML text."""
    return _template.render(**_context(con, _resolve_run_id(con, run_id)))


def _safe_name(run_id: str | None) -> str:
    if not run_id:
        return "no-runs"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", run_id).strip("._") or "run"


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def build_report(con, run_id: str | None, reports_dir: Path) -> Path:
    """Write reports_dir/<run_id>.html and a copy as latest.html; return the per-run path."""
    resolved = _resolve_run_id(con, run_id)
    reports_dir = Path(reports_dir)
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / f"{_safe_name(resolved)}.html"
    _write_atomic(path, _template.render(**_context(con, resolved)))
    latest = reports_dir / "latest.html"
    tmp = latest.with_name(f".latest.html.{os.getpid()}.tmp")
    shutil.copyfile(path, tmp)
    os.replace(tmp, latest)
    return path


def _by_suite(results: Iterable[Any]) -> list[tuple[str, str, int, list[str]]]:
    """Return (suite, severity, passed count, failed expectations) per suite, critical suites first."""
    suites: dict[str, dict[str, Any]] = {}
    for r in results:
        entry = suites.setdefault(r.suite, {"severity": r.severity, "passed": 0, "failed": []})
        if r.success:
            entry["passed"] += 1
        else:
            entry["failed"].append(r.expectation)
    order = sorted(suites, key=lambda s: (suites[s]["severity"] != "critical", s))
    return [(name, suites[name]["severity"], suites[name]["passed"], suites[name]["failed"]) for name in order]


def _status(severity: str, failed: list[str]) -> str:
    return "pass" if not failed else ("FAIL" if severity == "critical" else "warn")


def render_markdown_summary(results: Iterable[Any]) -> str:
    """Return a short markdown table of suites with pass/fail counts (for a Prefect artifact)."""
    suites = _by_suite(results)
    if not suites:
        return "_No validation results._\n"

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| suite | status | passed | failed | failing expectations |",
             "|---|---|---:|---:|---|"]
    for name, severity, passed, failed in suites:
        status = _status(severity, failed)
        status = f"**{status}**" if status == "FAIL" else status
        shown = ", ".join(f"`{cell(e)}`" for e in failed[:3]) + (" …" if len(failed) > 3 else "")
        lines.append(f"| `{cell(name)}` | {status} | {passed} | {len(failed)} | {shown} |")
    return "\n".join(lines) + "\n"


def render_table_rows(results: Iterable[Any]) -> list[dict[str, Any]]:
    """Return one row per suite (severity, status, counts, failing expectations) for a Prefect table artifact."""
    return [{
        "suite": name,
        "severity": severity,
        "status": _status(severity, failed),
        "passed": passed,
        "failed": len(failed),
        "failing_expectations": ", ".join(failed[:5]) + (" …" if len(failed) > 5 else ""),
    } for name, severity, passed, failed in _by_suite(results)]
