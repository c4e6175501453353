"""The DuckDB warehouse: runs the SQL in warehouse/ over the lake, builds aside, publishes atomically."""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from newsetl.lake import SCHEMAS, Lake
from newsetl.settings import WAREHOUSE_SQL_DIR

LAYERS = ("staging", "intermediate", "marts")
# Two build schemas: each load rebuilds the one not in use, and publishing repoints main's views.
BUILD_SCHEMAS = ("blue", "green")
_PLACEHOLDER = re.compile(r"\{lake:([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class Model:
    """One SQL model: a select whose result becomes the table `name`."""

    name: str
    layer: str
    sql: str


def load_models(sql_dir: Path = WAREHOUSE_SQL_DIR) -> list[Model]:
    """Return the models under warehouse/models in dependency order."""
    models = {}
    for layer in LAYERS:
        for path in sorted((sql_dir / "models" / layer).glob("*.sql")):
            models[path.stem] = Model(path.stem, layer, path.read_text(encoding="utf-8"))
    return _toposort(models)


def _toposort(models: dict[str, Model]) -> list[Model]:
    """Order models so each comes after the models its SQL names (cycles are an error)."""
    def deps(model: Model) -> set[str]:
        code = re.sub(r"--[^\n]*", "", model.sql).lower()
        ctes = set(re.findall(r"\b([a-z_][a-z0-9_]*)\s+as\s*\(", code))
        named = set(re.findall(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)\b", code))
        return {name for name in named - ctes if name in models and name != model.name}

    ordered: list[Model] = []
    state: dict[str, int] = {}

    def visit(name: str, chain: tuple[str, ...]):
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            raise ValueError(f"dependency cycle between models: {' -> '.join(chain + (name,))}")
        state[name] = 1
        for dep in sorted(deps(models[name])):
            visit(dep, chain + (name,))
        state[name] = 2
        ordered.append(models[name])

    for layer in LAYERS:
        for name in sorted(n for n, m in models.items() if m.layer == layer):
            visit(name, ())
    return ordered


def public_relations(models: list[Model]) -> list[str]:
    """Return the names of the relations main exposes: every mart-layer model."""
    return [m.name for m in models if m.layer == "marts"]


def connect(path: Path, read_only: bool = False, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """Return a connection to the warehouse file (created with its state tables when writable)."""
    config = {"memory_limit": memory_limit} if memory_limit else {}
    if read_only:
        return duckdb.connect(str(path), read_only=True, config=config)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Insertion order is not part of any relation's meaning; dropping it lets large builds stream and spill.
    con = duckdb.connect(str(path), config={**config, "preserve_insertion_order": False})
    for ddl in sorted((WAREHOUSE_SQL_DIR / "schemas").glob("*.sql")):
        con.execute(ddl.read_text(encoding="utf-8"))
    con.execute("create table if not exists warehouse_state (active_schema varchar, published_run_id varchar, "
                "published_at timestamp, lake_parts bigint)")
    return con


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """Run the block in one DuckDB transaction: committed whole or rolled back whole."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    else:
        con.execute("commit")


def active_schema(con: duckdb.DuckDBPyConnection) -> str | None:
    """Return the build schema main's views point at, or None before the first publish."""
    row = con.execute("select active_schema from warehouse_state limit 1").fetchone()
    return row[0] if row else None


def _lake_source(con: duckdb.DuckDBPyConnection, lake: Lake, dataset: str) -> str:
    files = lake.committed_files(dataset)
    if files:
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        return f"read_parquet([{listed}], union_by_name = true)"
    # No committed part yet: an empty relation with the dataset's columns.
    view = f"_empty_{dataset}"
    con.register(view, pa.Table.from_pylist([], schema=SCHEMAS[dataset]))
    return view


def build(con: duckdb.DuckDBPyConnection, lake: Lake, models: list[Model] | None = None) -> str:
    """Rebuild every model from the lake into the inactive build schema and return its name."""
    models = models or load_models()
    current = active_schema(con)
    target = BUILD_SCHEMAS[1] if current == BUILD_SCHEMAS[0] else BUILD_SCHEMAS[0]
    con.execute(f"drop schema if exists {target} cascade")
    con.execute(f"create schema {target}")
    con.execute(f"set search_path = '{target}'")
    try:
        for model in models:
            sql = _PLACEHOLDER.sub(lambda m: _lake_source(con, lake, m.group(1)), model.sql)
            try:
                con.execute(f"create table {target}.{model.name} as {sql}")
            except duckdb.OutOfMemoryException as exc:
                # DuckDB's own hints name SET statements; users set the limit in newsetl's settings.
                limit = con.execute("select current_setting('memory_limit')").fetchall()[0][0]
                raise RuntimeError(f"model {model.layer}/{model.name} failed: {str(exc).splitlines()[0]} "
                                   f"Raise warehouse.memory_limit (now {limit}; environment variable "
                                   "NEWSETL_WAREHOUSE_MEMORY_LIMIT).") from exc
            except duckdb.Error as exc:
                raise RuntimeError(f"model {model.layer}/{model.name} failed: {exc}") from exc
    finally:
        con.execute("set search_path = 'main'")
    return target


def publish(con: duckdb.DuckDBPyConnection, schema: str, run_id: str, lake_parts: int,
            models: list[Model] | None = None) -> None:
    """Point main's public relations at a built schema, all in one transaction."""
    models = models or load_models()
    with transaction(con):
        for name in public_relations(models):
            con.execute(f"create or replace view main.{name} as select * from {schema}.{name}")
        con.execute("delete from warehouse_state")
        con.execute("insert into warehouse_state values (?, ?, now(), ?)", [schema, run_id, lake_parts])


def published_lake_parts(con: duckdb.DuckDBPyConnection) -> int | None:
    """Return how many committed lake parts the published warehouse was built from (None: never published)."""
    row = con.execute("select lake_parts from warehouse_state limit 1").fetchone()
    return row[0] if row else None


def table_count(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    """Return the row count of a relation, 0 when it does not exist."""
    try:
        return con.execute(f"select count(*) from {relation}").fetchone()[0]
    except duckdb.CatalogException:
        return 0
