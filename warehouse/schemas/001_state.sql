-- State tables the pipeline appends to; never rebuilt from the lake.
create table if not exists pipeline_runs (
    run_id varchar primary key,
    started_at timestamp not null,
    ended_at timestamp,
    status varchar not null,            -- running | succeeded | failed | crashed
    sources varchar,                    -- JSON list of the --source arguments
    inputs_seen bigint default 0,
    inputs_new bigint default 0,
    inputs_skipped bigint default 0,
    inputs_duplicate bigint default 0,
    inputs_quarantined bigint default 0,
    documents bigint default 0,         -- documents in the warehouse after the run
    mentions bigint default 0,
    entities bigint default 0,
    checks_passed bigint default 0,
    checks_failed bigint default 0,
    report_path varchar,
    message varchar
);

create table if not exists dq_results (
    run_id varchar not null,
    suite varchar not null,             -- <asset>.<severity>, e.g. documents.critical
    severity varchar not null,          -- critical | warning
    expectation varchar not null,       -- expectation type plus its column, e.g. expect_column_values_to_be_unique(document_id)
    column_name varchar,
    success boolean not null,
    observed_value varchar,             -- JSON text of GX's observed value / unexpected counts
    unexpected_count bigint,
    examples varchar,                   -- JSON list of a few failing values
    checked_at timestamp not null
);
