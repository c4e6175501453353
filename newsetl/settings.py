"""Paths and settings: the one place that resolves where code, seeds and data live."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SEEDS_DIR = REPO_DIR / "seeds"
WAREHOUSE_SQL_DIR = REPO_DIR / "warehouse"
DEFAULTS_FILE = PACKAGE_DIR / "defaults.toml"


def shared_dir() -> Path:
    """Return the shared data folder (../shared beside the checkout, or $NEWSETL_SHARED)."""
    return Path(os.environ.get("NEWSETL_SHARED", REPO_DIR.parent / "shared")).resolve()


def _defaults() -> dict:
    with DEFAULTS_FILE.open("rb") as fh:
        return tomllib.load(fh)


def _env_override(section: str, key: str, value):
    raw = os.environ.get(f"NEWSETL_{section}_{key}".upper())
    if raw is None:
        return value
    if isinstance(value, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(value, int):
        return int(raw)
    if isinstance(value, float):
        return float(raw)
    if isinstance(value, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one run; build a fresh one per run or test, never mutate a global."""

    home: Path
    extensions: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl")
    max_file_bytes: int = 64 * 1024 * 1024
    batch_size: int = 200
    batch_max_bytes: int = 32 * 1024 * 1024
    lock_timeout_s: float = 600
    max_chunk_chars: int = 2000
    gate: bool = True
    duckdb_memory_limit: str = "1GB"
    seeds_dir: Path = field(default=SEEDS_DIR)

    @classmethod
    def load(cls, home: str | os.PathLike | None = None, **overrides) -> "Settings":
        """Return settings from defaults.toml, the environment, and explicit overrides."""
        d = _defaults()
        flat = {
            "extensions": _env_override("ingest", "extensions", d["ingest"]["extensions"]),
            "max_file_bytes": _env_override("ingest", "max_file_bytes", d["ingest"]["max_file_bytes"]),
            "batch_size": _env_override("run", "batch_size", d["run"]["batch_size"]),
            "batch_max_bytes": _env_override("run", "batch_max_bytes", d["run"]["batch_max_bytes"]),
            "lock_timeout_s": _env_override("run", "lock_timeout_s", d["run"]["lock_timeout_s"]),
            "max_chunk_chars": _env_override("extract", "max_chunk_chars", d["extract"]["max_chunk_chars"]),
            "gate": _env_override("quality", "gate", d["quality"]["gate"]),
            "duckdb_memory_limit": _env_override("warehouse", "memory_limit", d["warehouse"]["memory_limit"]),
        }
        flat["extensions"] = tuple(e.lower() for e in flat["extensions"])
        flat.update(overrides)
        root = home or os.environ.get("NEWSETL_HOME") or d["paths"]["home"]
        return cls(home=Path(root).expanduser().resolve(), **flat)

    @property
    def lake_dir(self) -> Path:
        return self.home / "lake"

    @property
    def warehouse_path(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def lock_path(self) -> Path:
        return self.home / ".newsetl.lock"
