"""Data-quality gates: Great Expectations suites per asset and severity, run on DuckDB relations."""
from __future__ import annotations

import csv
import html as html_lib
import json
import logging
import math
import os
import re
import threading
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from transforms.types import ENTITY_TYPES

# ---------------------------------------------------------------------------------------------
# Tunable bounds. Measured on the five gold sample bodies: 1,805-3,065 chars, Hangul 84-91% of
# letters, and 22-38 mentions per 1,000 chars from transforms.ner (mean 28); KLUE-NER news
# sentences carry ~57 per 1,000 (an upper bound: they were picked for containing entities).
# Critical bounds only catch broken output; warning bounds flag pages worth a look.
# ---------------------------------------------------------------------------------------------
BODY_MIN_CHARS = 50            # critical: shorter is not an article body
BODY_MAX_CHARS = 100_000       # critical: longer is a page dump, not a cleaned body
BODY_WARN_MIN_CHARS = 300      # warning: a short brief or a cleaning that dropped paragraphs
BODY_WARN_MAX_CHARS = 15_000   # warning: a long feature or leftover page furniture
TITLE_WARN_MIN_CHARS = 5
TITLE_WARN_MAX_CHARS = 200
BODY_MIN_HANGUL_RATIO = 0.5    # warning: Hangul share of the letters (Hangul + Latin) in a body
MENTIONS_PER_1000_MIN = 5.0    # warning, per document (measured 22-38)
MENTIONS_PER_1000_MAX = 100.0  # warning, per document
MENTIONS_PER_1000_MEAN_MIN = 8.0    # warning, over all documents (measured mean 28)
MENTIONS_PER_1000_MEAN_MAX = 70.0
MENTION_MAX_CHARS = 60         # warning: a longer mention is a runaway span
CANONICAL_MAX_CHARS = 60
PUBLISHER_PRESENT_MOSTLY = 0.9
PUBLISHED_AT_PRESENT_MOSTLY = 0.5
REPORTER_PRESENT_MOSTLY = 0.5
FUTURE_SLACK_DAYS = 1          # published_at may run a day ahead (KST vs UTC)

# Raw inputs (row-level: a failing row is quarantined with the reason code).
RAW_MIN_HANGUL_RATIO = 0.2     # Hangul share of letters after stripping markup; below -> not_korean
RAW_MIN_HANGUL_CHARS = 1       # ... or no Hangul at all -> not_korean (short pages are judged after cleaning)
RAW_MAX_MOJIBAKE_RATIO = 0.01  # mojibake characters per character; above -> mojibake
RAW_MIN_MOJIBAKE_CHARS = 5     # ... and at least this many, so one broken emoji does not count

EXAMPLES_PER_RESULT = 5
# Rows of a sliced relation (mentions) loaded into pandas at once: memory stays bounded however
# big the warehouse grows (a slice of mentions is ~100 MB in pandas).
SLICE_ROWS = 250_000
EXAMPLE_MAX_CHARS = 160

# Boilerplate that cleaning must have removed from bodies (RE2 syntax, run inside DuckDB).
COPYRIGHT_PATTERN = r"(?i)(copyright\b|all rights reserved|ⓒ|©|저작권자\s*[(ⓒ©]|\(c\)\s*\d{4})"
REPRODUCTION_PATTERN = r"무단\s*전재|재\s*배포\s*금지|무단\s*복제"
SIGNATURE_PATTERN = r"기자\s*[=\])]?\s*\(?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"
EMAIL_LINE_PATTERN = r"(?m)^\s*[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\s*$"
ISO_PUBLISHED_AT = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$"
ISO_NORMALIZED = r"^\d{4}(-\d{2}(-\d{2})?)?(T\d{2}(:\d{2})?)?$|^\d{2}:\d{2}$"
MENTION_ORIGINS = ["rule", "model", "gazetteer"]

SEVERITIES = ("critical", "warning")
PUBLISHERS_CSV = Path(__file__).resolve().parent.parent / "seeds" / "publishers.csv"

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------
# Suites as data: one Suite per <asset>.<severity>; each expectation is one `expect(...)` line.
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Expect:
    """One expectation: a GX expectation class name (snake case without `expect_`) and kwargs."""

    kind: str
    kwargs: dict[str, Any]

    @property
    def class_name(self) -> str:
        return "Expect" + "".join(part.capitalize() for part in self.kind.split("_"))


def expect(kind: str, **kwargs: Any) -> Expect:
    """Return an expectation spec; kwargs may be callables resolved when the suite is built."""
    return Expect(kind, kwargs)


def _resolved(item: Expect) -> dict[str, Any]:
    """Return the expectation's kwargs with callables (e.g. the publishers seed) called."""
    return {k: (v() if callable(v) else v) for k, v in item.kwargs.items()}


# Expectation kinds whose slice results merge exactly (the ones sliced suites may use).
_MAP_KINDS = {"column_values_to_not_be_null", "column_values_to_be_null", "column_values_to_be_unique",
              "column_values_to_be_in_set", "column_values_to_be_between", "column_value_lengths_to_be_between",
              "column_values_to_match_regex"}
_MERGEABLE_KINDS = _MAP_KINDS | {"table_row_count_to_be_between", "column_distinct_values_to_contain_set"}


@dataclass(frozen=True)
class Suite:
    """A suite spec: its name, the SQL (or frame) yielding its batch, and its expectations."""

    name: str
    sql: str | None  # `{schema}` is replaced by the quoted schema; None for frame suites
    expectations: list[Expect]
    example_columns: tuple[str, ...] = ()  # columns shown beside a failing value
    # Big relations are validated in slices (see SLICE_ROWS): rows are dealt to slices by a hash of
    # `slice_key`, so every copy of a key lands in one slice and uniqueness per slice is uniqueness.
    slice_table: str | None = None
    slice_key: str | None = None

    def __post_init__(self) -> None:
        if not self.slice_table:
            return
        for item in self.expectations:
            if item.kind not in _MERGEABLE_KINDS:
                raise ValueError(f"{self.name}: {item.kind} cannot run on slices")
            if item.kind == "column_values_to_be_unique" and item.kwargs.get("column") != self.slice_key:
                raise ValueError(f"{self.name}: uniqueness per slice holds only for the slice key {self.slice_key}")
            if item.kind == "column_distinct_values_to_contain_set" and \
                    len(_resolved(item)["value_set"]) > EXAMPLES_PER_RESULT:
                raise ValueError(f"{self.name}: GX lists at most {EXAMPLES_PER_RESULT} missing values per slice")

    @property
    def asset(self) -> str:
        return self.name.split(".")[0]

    @property
    def severity(self) -> str:
        return self.name.split(".")[1]


def _known_publishers() -> list[str] | None:
    """Return the publisher names of seeds/publishers.csv, or None when it is absent."""
    try:
        with PUBLISHERS_CSV.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            names = {(row.get("name") or "").strip() for row in reader}
    except (OSError, csv.Error):
        return None
    names.discard("")
    return sorted(names) or None


_DOCUMENTS_CRITICAL_SQL = f"""
with documents as (
    select * from {{schema}}.documents
),
final as (
    select
        document_id,
        source,
        content_hash,
        title,
        body_chars,
        published_at,
        run_id,
        coalesce(body_chars = length(body), false) as is_body_chars_consistent,
        nullif(regexp_extract(body, '{COPYRIGHT_PATTERN}', 0), '') as body_copyright_notice,
        nullif(regexp_extract(body, '{REPRODUCTION_PATTERN}', 0), '') as body_reproduction_notice,
        nullif(regexp_extract(body, '{SIGNATURE_PATTERN}', 0), '') as body_reporter_signature,
        case when published_at is not null
              and try_strptime(published_at, ['%Y-%m-%d', '%Y-%m-%dT%H:%M']) is null
             then published_at end as published_at_unparseable,
        case when try_cast(left(published_at, 10) as date)
                  > current_date + interval {FUTURE_SLACK_DAYS} day
             then published_at end as published_at_in_future,
        published_date is not distinct from try_cast(left(published_at, 10) as date)
            as is_published_date_consistent
    from documents
)
select * from final
"""

_DOCUMENTS_WARNING_SQL = f"""
with documents as (
    select * from {{schema}}.documents
),
mentions as (
    select document_id from {{schema}}.mentions
),
mention_counts as (
    select document_id, count(*) as mention_count from mentions group by document_id
),
final as (
    select
        documents.document_id,
        documents.source,
        documents.publisher,
        documents.title,
        documents.published_at,
        documents.body_chars,
        documents.removed_lines,
        coalesce(len(documents.reporters) > 0, false) as has_reporter,
        nullif(regexp_extract(documents.body, '{EMAIL_LINE_PATTERN}', 0), '') as body_email_line,
        length(regexp_replace(documents.body, '[^가-힣]', '', 'g'))::double
            / nullif(length(regexp_replace(documents.body, '[^가-힣A-Za-z]', '', 'g')), 0)
            as body_hangul_ratio,
        1000.0 * coalesce(mention_counts.mention_count, 0)
            / nullif(documents.body_chars, 0) as mentions_per_1000_chars
    from documents
    left join mention_counts on mention_counts.document_id = documents.document_id
)
select * from final
"""

_MENTIONS_CRITICAL_SQL = """
with mentions as (
    select * from {schema}.mentions {slice}
),
documents as (
    select document_id, any_value(body) as body from {schema}.documents group by document_id
),
entities as (
    select distinct entity_id from {schema}.entities
),
final as (
    select
        mentions.mention_id,
        mentions.document_id,
        mentions.start,
        mentions."end",
        mentions.text,
        mentions.type,
        mentions.entity_id,
        mentions.run_id,
        coalesce(mentions."end" > mentions.start, false) as is_span_nonempty,
        coalesce(mentions.start >= 0 and mentions."end" <= length(documents.body), false)
            as is_span_inside_body,
        coalesce(mentions.start >= 0
                 and substring(documents.body, mentions.start + 1, mentions."end" - mentions.start)
                     = mentions.text, false) as is_span_equal_to_text,
        documents.document_id is not null as has_document,
        mentions.entity_id is null or exists (
            select 1 from entities where entities.entity_id = mentions.entity_id
        ) as has_entity
    from mentions
    left join documents on documents.document_id = mentions.document_id
)
select * from final
"""

_MENTIONS_WARNING_SQL = """
with mentions as (
    select * from {schema}.mentions {slice}
),
final as (
    select
        mention_id,
        document_id,
        text,
        type,
        origin,
        entity_id,
        canonical_name,
        case when type in ('DATE', 'TIME') then normalized end as date_time_normalized,
        type in ('MONEY', 'PERCENT', 'QUANTITY') and value is null as is_amount_without_value,
        entity_id is not null and coalesce(trim(canonical_name), '') = '' as is_entity_without_name
    from mentions
)
select * from final
"""

_ENTITIES_CRITICAL_SQL = """
with entities as (
    select * from {schema}.entities
),
final as (
    select
        entity_id,
        type,
        canonical_name,
        document_count,
        mention_count,
        coalesce(mention_count >= document_count, false) as is_mention_count_at_least_document_count
    from entities
)
select * from final
"""

_ENTITIES_WARNING_SQL = """
with entities as (
    select * from {schema}.entities
),
mentions as (
    select entity_id, document_id from {schema}.mentions where entity_id is not null
),
mention_stats as (
    select entity_id, count(*) as mention_count, count(distinct document_id) as document_count
    from mentions
    group by entity_id
),
final as (
    select
        entities.entity_id,
        entities.type,
        entities.canonical_name,
        coalesce(mention_stats.mention_count = entities.mention_count, false)
            as is_mention_count_consistent,
        coalesce(mention_stats.document_count = entities.document_count, false)
            as is_document_count_consistent
    from entities
    left join mention_stats on mention_stats.entity_id = entities.entity_id
)
select * from final
"""

# One summary row: mart sizes, whether a mart is filled when its inputs are not empty, and
# orphan counts (rows naming an id the core relations lack).
_MARTS_CRITICAL_SQL = """
with entities as (
    select entity_id from {schema}.entities
),
mentions as (
    select mention_id from {schema}.mentions
),
documents as (
    -- the marts name documents without a publisher 'unknown'
    select coalesce(publisher, 'unknown') as publisher from {schema}.documents
),
top_entities_daily as (
    select * from {schema}.mart_top_entities_daily
),
entity_cooccurrence as (
    select * from {schema}.mart_entity_cooccurrence
),
people_roles as (
    select * from {schema}.mart_people_roles
),
publisher_quality as (
    select * from {schema}.mart_publisher_quality
),
final as (
    select
        (select count(*) from top_entities_daily) as top_entities_daily_rows,
        (select count(*) from entity_cooccurrence) as entity_cooccurrence_rows,
        (select count(*) from people_roles) as people_roles_rows,
        (select count(*) from publisher_quality) as publisher_quality_rows,
        exists (select 1 from top_entities_daily) or not exists (select 1 from mentions)
            as is_top_entities_daily_filled,
        exists (select 1 from publisher_quality) or not exists (select 1 from documents)
            as is_publisher_quality_filled,
        (select count(*) from top_entities_daily
          where not exists (select 1 from entities
                            where entities.entity_id = top_entities_daily.entity_id))
            as top_entities_daily_orphans,
        (select count(*) from entity_cooccurrence
          where not exists (select 1 from entities
                            where entities.entity_id = entity_cooccurrence.entity_id_a)
             or not exists (select 1 from entities
                            where entities.entity_id = entity_cooccurrence.entity_id_b))
            as entity_cooccurrence_orphans,
        (select count(*) from people_roles
          where not exists (select 1 from entities
                            where entities.entity_id = people_roles.person_entity_id))
            as people_roles_orphans,
        (select count(*) from publisher_quality
          where not exists (select 1 from documents
                            where documents.publisher is not distinct from publisher_quality.publisher))
            as publisher_quality_orphans
)
select * from final
"""

_MARTS_WARNING_SQL = """
with publisher_quality as (
    select * from {schema}.mart_publisher_quality
),
final as (
    select * from publisher_quality
)
select * from final
"""


SUITES: dict[str, Suite] = {s.name: s for s in [
    Suite("raw_inputs.critical", None, [
        expect("table_columns_to_match_set", column_set=["source", "text", "size_bytes", "encoding"],
               exact_match=False),
        expect("column_values_to_not_be_null", column="source"),
        expect("column_values_to_not_be_null", column="text"),
        expect("column_values_to_be_between", column="size_bytes", min_value=0),
    ], example_columns=("source",)),
    Suite("raw_inputs.warning", None, [
        expect("column_values_to_be_unique", column="source"),
        expect("column_values_to_not_be_null", column="encoding"),
        expect("column_values_to_be_in_set", column="is_nonempty", value_set=[True]),
        expect("column_values_to_be_in_set", column="is_not_mojibake", value_set=[True]),
        expect("column_values_to_be_in_set", column="is_mostly_hangul", value_set=[True]),
    ], example_columns=("source", "encoding", "hangul_ratio", "mojibake_chars")),
    # An empty warehouse is not a failure: a run whose inputs were all quarantined completed.
    Suite("documents.critical", _DOCUMENTS_CRITICAL_SQL, [
        expect("column_values_to_not_be_null", column="document_id"),
        expect("column_values_to_be_unique", column="document_id"),
        expect("column_values_to_not_be_null", column="content_hash"),
        expect("column_values_to_be_unique", column="content_hash"),
        expect("column_values_to_not_be_null", column="source"),
        expect("column_values_to_not_be_null", column="run_id"),
        expect("column_values_to_not_be_null", column="title"),
        expect("column_values_to_match_regex", column="title", regex=r"\S"),
        expect("column_values_to_not_be_null", column="body_chars"),
        expect("column_values_to_be_between", column="body_chars",
               min_value=BODY_MIN_CHARS, max_value=BODY_MAX_CHARS),
        expect("column_values_to_be_in_set", column="is_body_chars_consistent", value_set=[True]),
        expect("column_values_to_be_null", column="body_copyright_notice"),
        expect("column_values_to_be_null", column="body_reproduction_notice"),
        expect("column_values_to_be_null", column="body_reporter_signature"),
        expect("column_values_to_match_regex", column="published_at", regex=ISO_PUBLISHED_AT),
        expect("column_values_to_be_null", column="published_at_unparseable"),
        expect("column_values_to_be_null", column="published_at_in_future"),
        expect("column_values_to_be_in_set", column="is_published_date_consistent", value_set=[True]),
    ], example_columns=("document_id", "source")),
    Suite("documents.warning", _DOCUMENTS_WARNING_SQL, [
        expect("table_row_count_to_be_between", min_value=1),
        expect("column_values_to_not_be_null", column="publisher", mostly=PUBLISHER_PRESENT_MOSTLY),
        expect("column_values_to_be_in_set", column="publisher", value_set=_known_publishers),
        expect("column_values_to_not_be_null", column="published_at",
               mostly=PUBLISHED_AT_PRESENT_MOSTLY),
        expect("column_values_to_be_in_set", column="has_reporter", value_set=[True],
               mostly=REPORTER_PRESENT_MOSTLY),
        expect("column_values_to_be_between", column="body_chars",
               min_value=BODY_WARN_MIN_CHARS, max_value=BODY_WARN_MAX_CHARS),
        expect("column_value_lengths_to_be_between", column="title",
               min_value=TITLE_WARN_MIN_CHARS, max_value=TITLE_WARN_MAX_CHARS),
        expect("column_values_to_be_between", column="removed_lines", min_value=0),
        expect("column_values_to_be_null", column="body_email_line"),
        expect("column_values_to_be_between", column="body_hangul_ratio",
               min_value=BODY_MIN_HANGUL_RATIO, max_value=1),
        expect("column_values_to_be_between", column="mentions_per_1000_chars",
               min_value=MENTIONS_PER_1000_MIN, max_value=MENTIONS_PER_1000_MAX),
        expect("column_mean_to_be_between", column="mentions_per_1000_chars",
               min_value=MENTIONS_PER_1000_MEAN_MIN, max_value=MENTIONS_PER_1000_MEAN_MAX),
    ], example_columns=("document_id", "source")),
    Suite("mentions.critical", _MENTIONS_CRITICAL_SQL, [
        expect("column_values_to_not_be_null", column="mention_id"),
        expect("column_values_to_be_unique", column="mention_id"),
        expect("column_values_to_not_be_null", column="document_id"),
        expect("column_values_to_not_be_null", column="text"),
        expect("column_values_to_be_in_set", column="type", value_set=list(ENTITY_TYPES)),
        expect("column_values_to_be_between", column="start", min_value=0),
        expect("column_values_to_be_in_set", column="is_span_nonempty", value_set=[True]),
        expect("column_values_to_be_in_set", column="is_span_inside_body", value_set=[True]),
        expect("column_values_to_be_in_set", column="is_span_equal_to_text", value_set=[True]),
        expect("column_values_to_be_in_set", column="has_document", value_set=[True]),
        expect("column_values_to_be_in_set", column="has_entity", value_set=[True]),
        expect("column_values_to_not_be_null", column="run_id"),
    ], example_columns=("mention_id", "document_id", "start", "end", "text", "type"),
       slice_table="mentions", slice_key="mention_id"),
    Suite("mentions.warning", _MENTIONS_WARNING_SQL, [
        expect("table_row_count_to_be_between", min_value=1),
        expect("column_values_to_be_in_set", column="origin", value_set=MENTION_ORIGINS),
        expect("column_value_lengths_to_be_between", column="text", min_value=1,
               max_value=MENTION_MAX_CHARS),
        expect("column_distinct_values_to_contain_set", column="type",
               value_set=["PERSON", "ORGANIZATION"]),
        expect("column_values_to_match_regex", column="date_time_normalized",
               regex=ISO_NORMALIZED),
        expect("column_values_to_be_in_set", column="is_amount_without_value", value_set=[False],
               mostly=0.8),
        expect("column_values_to_be_in_set", column="is_entity_without_name", value_set=[False]),
    ], example_columns=("mention_id", "document_id", "text", "type"),
       slice_table="mentions", slice_key="mention_id"),
    Suite("entities.critical", _ENTITIES_CRITICAL_SQL, [
        expect("column_values_to_not_be_null", column="entity_id"),
        expect("column_values_to_be_unique", column="entity_id"),
        expect("column_values_to_not_be_null", column="canonical_name"),
        expect("column_values_to_match_regex", column="canonical_name", regex=r"\S"),
        expect("column_values_to_be_in_set", column="type", value_set=list(ENTITY_TYPES)),
        expect("column_values_to_be_between", column="document_count", min_value=1),
        expect("column_values_to_be_in_set", column="is_mention_count_at_least_document_count",
               value_set=[True]),
    ], example_columns=("entity_id", "type", "canonical_name")),
    Suite("entities.warning", _ENTITIES_WARNING_SQL, [
        expect("table_row_count_to_be_between", min_value=1),
        expect("compound_columns_to_be_unique", column_list=["type", "canonical_name"]),
        expect("column_value_lengths_to_be_between", column="canonical_name", min_value=1,
               max_value=CANONICAL_MAX_CHARS),
        expect("column_values_to_be_in_set", column="is_mention_count_consistent", value_set=[True]),
        expect("column_values_to_be_in_set", column="is_document_count_consistent", value_set=[True]),
    ], example_columns=("entity_id", "type", "canonical_name")),
    Suite("marts.critical", _MARTS_CRITICAL_SQL, [
        expect("column_values_to_be_in_set", column="is_top_entities_daily_filled", value_set=[True]),
        expect("column_values_to_be_in_set", column="is_publisher_quality_filled", value_set=[True]),
        expect("column_values_to_be_between", column="top_entities_daily_orphans", max_value=0),
        expect("column_values_to_be_between", column="entity_cooccurrence_orphans", max_value=0),
        expect("column_values_to_be_between", column="people_roles_orphans", max_value=0),
        expect("column_values_to_be_between", column="publisher_quality_orphans", max_value=0),
    ]),
    Suite("marts.warning", _MARTS_WARNING_SQL, [
        expect("table_row_count_to_be_between", min_value=1),
        expect("column_values_to_be_between", column="document_count", min_value=1),
        expect("column_values_to_be_between", column="has_date_ratio", min_value=0, max_value=1),
        expect("column_values_to_be_between", column="has_reporter_ratio", min_value=0, max_value=1),
        expect("column_values_to_not_be_null", column="publisher"),
        expect("column_values_to_be_unique", column="publisher"),
        expect("column_values_to_be_between", column="removed_lines_per_document", min_value=0),
        expect("column_values_to_be_between", column="avg_body_chars",
               min_value=BODY_WARN_MIN_CHARS, max_value=BODY_WARN_MAX_CHARS),
        expect("column_values_to_be_between", column="mentions_per_1000_chars",
               min_value=MENTIONS_PER_1000_MIN, max_value=MENTIONS_PER_1000_MAX),
    ], example_columns=("publisher",)),
]}

RAW_SUITES = ("raw_inputs.critical", "raw_inputs.warning")
WAREHOUSE_SUITES = tuple(name for name in SUITES if name not in RAW_SUITES)


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------
@dataclass
class DQResult:
    """One expectation's outcome for one run, as stored in `dq_results`."""

    run_id: str
    suite: str
    severity: str
    expectation: str
    column_name: str | None
    success: bool
    observed_value: Any = None
    unexpected_count: int | None = None
    examples: list[Any] = field(default_factory=list)
    checked_at: datetime = field(default_factory=datetime.now)
    # GX's raw counts and observed value, kept to merge the results of slices (not stored).
    raw: dict = field(default_factory=dict, repr=False, compare=False)


def blocking_failures(results: list[DQResult]) -> list[DQResult]:
    """Return the failed results of critical suites (the ones that stop publishing)."""
    return [r for r in results if r.severity == "critical" and not r.success]


def write_results(con, results: list[DQResult]) -> int:
    """Insert results into `dq_results`; return the number of rows written."""
    rows = [
        (r.run_id, r.suite, r.severity, r.expectation, r.column_name, bool(r.success),
         None if r.observed_value is None else _dumps(r.observed_value),
         r.unexpected_count, _dumps(r.examples or []), r.checked_at)
        for r in results
    ]
    if rows:
        con.executemany(
            "insert into dq_results (run_id, suite, severity, expectation, column_name, success, "
            "observed_value, unexpected_count, examples, checked_at) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)


def _jsonable(value: Any) -> Any:
    """Return value as plain JSON data (numpy scalars, NaN, dates, long strings tamed)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, str):  # numpy scalars and arrays
        return _jsonable(value.tolist())
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, str):
        return value if len(value) <= EXAMPLE_MAX_CHARS else value[:EXAMPLE_MAX_CHARS] + "…"
    if value is pd.NaT:
        return None
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return _jsonable(str(value))


def _dumps(value: Any) -> str:
    return json.dumps(_jsonable(value), ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Great Expectations: one quiet ephemeral context and its suites, built once per process.
# ---------------------------------------------------------------------------------------------
_lock = threading.Lock()
_runtime: "_Runtime | None" = None


class _Runtime:
    """The GX context with one pandas asset, suite and validation definition per Suite spec."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import great_expectations as gx
            from great_expectations.data_context.types.base import (
                DataContextConfig, InMemoryStoreBackendDefaults, ProgressBarsConfig)

            # In-memory stores, no temporary docs site, no analytics, no tqdm bars on stderr.
            config = DataContextConfig(
                store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
                analytics_enabled=False,
                progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
            )
            self.context = gx.get_context(mode="ephemeral", project_config=config)
            source = self.context.data_sources.add_pandas("newsetl")
            self.definitions: dict[str, Any] = {}
            self.skipped: dict[str, list[str]] = {}
            for spec in SUITES.values():
                batch = source.add_dataframe_asset(spec.name).add_batch_definition_whole_dataframe("all")
                suite = gx.ExpectationSuite(name=spec.name)
                for item in spec.expectations:
                    kwargs = _resolved(item)
                    if any(v is None for v in kwargs.values()):
                        # e.g. the publishers seed is missing: nothing to check against yet
                        self.skipped.setdefault(spec.name, []).append(_expectation_name(item.kind, kwargs))
                        continue
                    suite.add_expectation(getattr(gx.expectations, item.class_name)(**kwargs))
                suite = self.context.suites.add(suite)
                self.definitions[spec.name] = self.context.validation_definitions.add(
                    gx.ValidationDefinition(name=spec.name, data=batch, suite=suite))

    def run(self, spec: Suite, frame: pd.DataFrame, run_id: str) -> list[DQResult]:
        """Return one DQResult per expectation of spec validated on frame."""
        # GX contexts are not thread-safe and the flow runs batches on a thread pool: one at a time.
        with self.lock, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            outcome = self.definitions[spec.name].run(
                batch_parameters={"dataframe": frame},
                result_format={"result_format": "SUMMARY",
                               "partial_unexpected_count": EXAMPLES_PER_RESULT},
            )
        checked_at = datetime.now()
        return [_to_result(spec, frame, item, run_id, checked_at) for item in outcome.results]


def _runtime_instance() -> _Runtime:
    global _runtime
    with _lock:
        if _runtime is None:
            _runtime = _Runtime()
        return _runtime


def warm_up() -> None:
    """Build this process's Great Expectations context now (its import and setup take seconds)."""
    _runtime_instance()


def _expectation_name(kind: str, kwargs: dict[str, Any]) -> str:
    """Return `expect_<kind>(<column or columns>)`, the name results are stored under."""
    name = kind if kind.startswith("expect_") else f"expect_{kind}"
    if kwargs.get("column") is not None:
        return f"{name}({kwargs['column']})"
    if kwargs.get("column_list"):
        return f"{name}({','.join(kwargs['column_list'])})"
    return name


def _exception_message(info: Any) -> str | None:
    if not info:
        return None
    if isinstance(info, dict) and "raised_exception" in info:
        return info.get("exception_message") if info.get("raised_exception") else None
    if isinstance(info, dict):
        messages = [m for m in (_exception_message(v) for v in info.values()) if m]
        return "; ".join(messages) or None
    return None


def _to_result(spec: Suite, frame: pd.DataFrame, item, run_id: str, checked_at: datetime) -> DQResult:
    config = item.expectation_config
    kwargs = dict(config.kwargs)
    result = dict(item.result or {})
    error = _exception_message(item.exception_info)
    if error:
        observed: Any = {"error": error.splitlines()[0] if error else error}
    elif "observed_value" in result:
        observed = result["observed_value"]
    else:
        observed = {k: result.get(k) for k in ("element_count", "unexpected_count", "unexpected_percent")
                    if k in result}
    examples: list[Any] = []
    if not item.success:
        column = kwargs.get("column")
        for index in (result.get("partial_unexpected_index_list") or [])[:EXAMPLES_PER_RESULT]:
            if index not in frame.index:
                continue
            row = frame.loc[index]
            example = {c: row[c] for c in spec.example_columns if c in frame.columns}
            for c in ([column] if column else kwargs.get("column_list") or []):
                if c in frame.columns:
                    example[c] = row[c]
            examples.append(example)
        if not examples:
            examples = list(result.get("partial_unexpected_list")
                            or result.get("partial_missing_list") or [])[:EXAMPLES_PER_RESULT]
    unexpected = result.get("unexpected_count")
    raw = {k: result[k] for k in ("element_count", "missing_count", "unexpected_count", "observed_value",
                                  "partial_missing_list") if k in result}
    raw["error"] = bool(error)
    return DQResult(
        run_id=run_id,
        suite=spec.name,
        severity=spec.severity,
        expectation=_expectation_name(config.type, kwargs),
        column_name=kwargs.get("column"),
        success=bool(item.success),
        observed_value=_jsonable(observed),
        unexpected_count=None if unexpected is None else int(unexpected),
        examples=_jsonable(examples),
        checked_at=checked_at,
        raw=raw,
    )


def _failed_suite(spec: Suite, run_id: str, expectation: str, message: str) -> DQResult:
    return DQResult(run_id=run_id, suite=spec.name, severity=spec.severity, expectation=expectation,
                    column_name=None, success=False, observed_value={"error": message},
                    unexpected_count=None, examples=[])


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------------
def suite_names() -> list[str]:
    """Return the names of the warehouse suites, in run order."""
    return list(WAREHOUSE_SUITES)


def validate_relations(con, run_id: str, schema: str = "main",
                       suites: list[str] | None = None, slice_rows: int = SLICE_ROWS) -> list[DQResult]:
    """Return the results of the warehouse suites run on the relations of `schema`.

    Suites over big relations run slice by slice (at most about `slice_rows` rows in memory) and
    their results are merged into one per expectation.
    """
    import duckdb

    names = list(WAREHOUSE_SUITES) if suites is None else list(suites)
    unknown = [n for n in names if n not in SUITES or n in RAW_SUITES]
    if unknown:
        raise ValueError(f"unknown warehouse suite(s): {', '.join(unknown)}")
    runtime = _runtime_instance()
    results: list[DQResult] = []
    for name in names:
        spec = SUITES[name]
        sql = spec.sql.replace("{schema}", _quote_ident(schema))
        try:
            slices = _slice_filters(con, spec, schema, slice_rows)
            parts = [runtime.run(spec, con.sql(sql.replace("{slice}", where)).df(), run_id) for where in slices]
        except duckdb.Error as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            results.append(_failed_suite(spec, run_id, "expect_relations_to_exist", first_line))
            continue
        results.extend(parts[0] if len(parts) == 1 else merge_slices(spec, parts))
    return results


def _slice_filters(con, spec: Suite, schema: str, slice_rows: int) -> list[str]:
    """Return the `where` clauses dealing the suite's relation into slices of about slice_rows rows."""
    if not spec.slice_table:
        return [""]
    rows = con.execute(f"select count(*) from {_quote_ident(schema)}.{_quote_ident(spec.slice_table)}").fetchall()[0][0]
    count = max(1, math.ceil(rows / max(1, slice_rows)))
    if count == 1:
        return [""]
    key = _quote_ident(spec.slice_key)
    return [f"where hash({key}) % {count} = {i}" for i in range(count)]


def merge_slices(spec: Suite, parts: list[list[DQResult]]) -> list[DQResult]:
    """Return one result per expectation from the results of the same suite on disjoint slices."""
    by_name: dict[str, list[DQResult]] = {}
    for part in parts:
        for res in part:
            by_name.setdefault(res.expectation, []).append(res)
    kinds = {_expectation_name(item.kind, item.kwargs): item for item in spec.expectations}
    return [_merge_one(kinds[name], group) for name, group in by_name.items()]


def _merge_one(item: Expect, group: list[DQResult]) -> DQResult:
    """Merge one expectation's slice results: counts summed, success decided on the whole relation."""
    first = group[0]
    merged = DQResult(run_id=first.run_id, suite=first.suite, severity=first.severity,
                      expectation=first.expectation, column_name=first.column_name, success=False,
                      checked_at=max(r.checked_at for r in group))
    merged.examples = [e for r in group for e in (r.examples or [])][:EXAMPLES_PER_RESULT]
    errors = [r for r in group if r.raw.get("error")]
    if errors:
        merged.observed_value = errors[0].observed_value
        return merged
    kwargs = _resolved(item)
    if item.kind == "table_row_count_to_be_between":
        rows = sum(int(r.raw.get("observed_value") or 0) for r in group)
        merged.observed_value = rows
        merged.success = ((kwargs.get("min_value") is None or rows >= kwargs["min_value"])
                          and (kwargs.get("max_value") is None or rows <= kwargs["max_value"]))
        return merged
    if item.kind == "column_distinct_values_to_contain_set":
        # a value is missing from the relation when it is missing from every slice
        missing = set(kwargs["value_set"])
        for r in group:
            missing &= set(r.raw.get("partial_missing_list") or [])
        merged.examples = sorted(missing, key=str)
        merged.success = not missing
        return merged
    if item.kind not in _MAP_KINDS:
        raise ValueError(f"{item.kind} results cannot be merged across slices")
    elements = sum(int(r.raw.get("element_count") or 0) for r in group)
    missing = sum(int(r.raw.get("missing_count") or 0) for r in group)
    unexpected = sum(int(r.raw.get("unexpected_count") or 0) for r in group)
    # GX's denominator: every row for the null checks, the non-null rows for the others.
    checked = elements if item.kind in ("column_values_to_not_be_null", "column_values_to_be_null") \
        else elements - missing
    mostly = kwargs.get("mostly", 1.0)
    merged.success = (all(r.success for r in group) if mostly >= 1.0
                      else checked == 0 or (checked - unexpected) / checked >= mostly)
    merged.unexpected_count = unexpected
    merged.observed_value = {"element_count": elements, "unexpected_count": unexpected,
                             "unexpected_percent": 100.0 * unexpected / checked if checked else None}
    merged.raw = {"element_count": elements, "missing_count": missing, "unexpected_count": unexpected}
    return merged


# Mojibake: UTF-8 bytes read as Latin-1/CP1252 (Hangul lead bytes 0xEA-0xED give ê..í followed by
# continuation bytes), EUC-KR bytes read as Latin-1 (°¡ ...), and replacement characters.
_C1_OR_CP1252 = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(f"[êëìí][{_C1_OR_CP1252}]{{2}}|[\xb0-\xc8][\xa1-\xfe]|\ufffd|Ã[{_C1_OR_CP1252}]")
_MARKUP = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_SPACE = re.compile(r"\s")
_HANGUL = re.compile(r"[가-힣]")
_LETTER = re.compile(r"[가-힣A-Za-z]")


def _raw_row_stats(text: Any) -> tuple[int, float, int, int]:
    """Return (non-space chars, Hangul share of letters, Hangul count, mojibake count) of a page."""
    if not isinstance(text, str):
        return 0, 0.0, 0, 0
    mojibake = len(_MOJIBAKE.findall(text))
    visible = _MARKUP.sub(" ", text)
    if "\\u" in visible:  # JSON with ASCII escapes: count the characters they stand for
        visible = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), visible)
    visible = html_lib.unescape(visible)
    hangul = len(_HANGUL.findall(visible))
    letters = len(_LETTER.findall(visible))
    nonspace = len(text) - len(_SPACE.findall(text))
    return nonspace, (hangul / letters if letters else 0.0), hangul, mojibake


def raw_input_reason(text: Any) -> str | None:
    """Return the quarantine reason code for one decoded page, or None when it may flow on."""
    nonspace, ratio, hangul, mojibake = _raw_row_stats(text)
    return _reason(text, nonspace, ratio, hangul, mojibake)


def _reason(text: Any, nonspace: int, ratio: float, hangul: int, mojibake: int) -> str | None:
    if nonspace == 0:
        return "empty"
    if mojibake >= RAW_MIN_MOJIBAKE_CHARS and mojibake / max(len(text), 1) > RAW_MAX_MOJIBAKE_RATIO:
        return "mojibake"
    if ratio < RAW_MIN_HANGUL_RATIO or hangul < RAW_MIN_HANGUL_CHARS:
        return "not_korean"
    return None


def validate_raw_inputs(df: pd.DataFrame, run_id: str) -> tuple[list[DQResult], pd.Series]:
    """Return the raw_inputs suite results and a per-row quarantine reason (None when fine)."""
    frame = df.copy()
    for column in ("source", "text", "size_bytes", "encoding"):
        if column not in frame.columns:
            frame[column] = None
    stats = [_raw_row_stats(t) for t in frame["text"]]
    reasons = [_reason(t, *s) for t, s in zip(frame["text"], stats)]
    frame["hangul_ratio"] = [round(s[1], 3) for s in stats]
    frame["mojibake_chars"] = [s[3] for s in stats]
    frame["is_nonempty"] = [r != "empty" for r in reasons]
    frame["is_not_mojibake"] = [r != "mojibake" for r in reasons]
    frame["is_mostly_hangul"] = [r != "not_korean" for r in reasons]
    frame = frame.reset_index(drop=True)
    runtime = _runtime_instance()
    results: list[DQResult] = []
    for name in RAW_SUITES:
        results.extend(runtime.run(SUITES[name], frame, run_id))
    reason_series = pd.Series(reasons, index=df.index, dtype=object, name="reason")
    return results, reason_series


# Row-level checks at the lake-before-load boundary: the same rules as documents.critical,
# applied per record so a bad record is quarantined and the rest flow on. A record these pass
# also passes every row-wise expectation of documents.critical (tests/newsetl/test_quality.py
# holds the two to that). The suites' patterns run in DuckDB (RE2), where `\b` is an ASCII word
# boundary; Python's is a Unicode one ("Copyright은" has none), so it is spelled out here.
def _python_pattern(re2_pattern: str) -> re.Pattern[str]:
    return re.compile(re2_pattern.replace(r"\b", r"(?![A-Za-z0-9_])"))


_ROW_COPYRIGHT = _python_pattern(COPYRIGHT_PATTERN)
_ROW_REPRODUCTION = _python_pattern(REPRODUCTION_PATTERN)
_ROW_SIGNATURE = _python_pattern(SIGNATURE_PATTERN)
_NONBLANK = re.compile(r"\S")
_PUBLISHED_AT_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M")
_NOT_GIVEN: Any = object()

# Reason codes document_row_reason returns, in the order it checks them.
DOCUMENT_ROW_REASONS = ("empty", "too_short", "too_long", "missing_title", "mojibake", "leftover_copyright",
                        "leftover_signature", "not_korean")


def document_row_reason(body: str, title: str | None = _NOT_GIVEN) -> str | None:
    """Return the quarantine reason code of a cleaned body (and title, if given), or None to load it."""
    if not isinstance(body, str) or not body.strip():
        return "empty"
    if len(body) < BODY_MIN_CHARS:
        return "too_short"
    if len(body) > BODY_MAX_CHARS:
        return "too_long"
    if title is not _NOT_GIVEN and not (isinstance(title, str) and _NONBLANK.search(title)):
        return "missing_title"
    stats = _raw_row_stats(body)
    language = _reason(body, *stats)
    if language == "mojibake":  # before the patterns: mis-decoded bytes can look like "©"
        return language
    if _ROW_COPYRIGHT.search(body) or _ROW_REPRODUCTION.search(body):
        return "leftover_copyright"
    if _ROW_SIGNATURE.search(body):
        return "leftover_signature"
    return language


def sanitize_published_at(value: str | None, today: date | None = None) -> str | None:
    """Return published_at when it is ISO, parseable and not in the future (a day of slack), else None."""
    if not isinstance(value, str) or not re.fullmatch(ISO_PUBLISHED_AT, value, re.ASCII):
        return None
    try:
        # The formats documents.critical parses with (e.g. rejects 2024-02-30 and T25:00).
        datetime.strptime(value, _PUBLISHED_AT_FORMATS[len(value) > 10])
    except ValueError:
        return None
    limit = (today or date.today()) + timedelta(days=FUTURE_SLACK_DAYS)
    return value if date.fromisoformat(value[:10]) <= limit else None
