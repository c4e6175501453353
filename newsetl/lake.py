"""The Parquet lake: explicit schemas, atomic part files, and commit markers that make a batch visible."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

_STR_LIST = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    # Every input file a batch read (skipped unchanged inputs are not re-recorded).
    "inputs": pa.schema([
        ("source", pa.string()), ("file_path", pa.string()), ("size_bytes", pa.int64()), ("mtime_ns", pa.int64()),
        ("raw_sha256", pa.string()), ("content_hash", pa.string()), ("encoding", pa.string()),
        ("status", pa.string()),  # processed | duplicate | quarantined
        ("document_id", pa.string()), ("run_id", pa.string()), ("part", pa.int32()),
        ("seen_at", pa.timestamp("us")),
    ]),
    "documents": pa.schema([
        ("document_id", pa.string()), ("source", pa.string()), ("content_hash", pa.string()),
        ("publisher", pa.string()), ("title", pa.string()), ("subtitles", _STR_LIST),
        ("reporters", _STR_LIST), ("reporter_emails", _STR_LIST), ("published_at", pa.string()),
        ("body", pa.string()), ("body_chars", pa.int32()), ("raw_chars", pa.int32()),
        ("removed_lines", pa.int32()), ("encoding", pa.string()), ("input_format", pa.string()),
        ("run_id", pa.string()), ("part", pa.int32()), ("ingested_at", pa.timestamp("us")),
    ]),
    "removed_lines": pa.schema([
        ("document_id", pa.string()), ("line", pa.int32()), ("text", pa.string()),
        ("reason", pa.string()), ("run_id", pa.string()),
    ]),
    "mentions": pa.schema([
        ("mention_id", pa.string()), ("document_id", pa.string()), ("start", pa.int32()),
        ("end", pa.int32()), ("text", pa.string()), ("type", pa.string()), ("entity_id", pa.string()),
        ("canonical_name", pa.string()), ("origin", pa.string()), ("value", pa.float64()),
        ("unit", pa.string()), ("normalized", pa.string()), ("model_version", pa.string()),
        ("run_id", pa.string()),
    ]),
    "roles": pa.schema([
        ("document_id", pa.string()), ("person", pa.string()), ("person_entity_id", pa.string()),
        ("title", pa.string()), ("organization", pa.string()), ("start", pa.int32()),
        ("end", pa.int32()), ("run_id", pa.string()),
    ]),
    "quarantine": pa.schema([
        ("source", pa.string()), ("reason", pa.string()), ("detail", pa.string()),
        ("content_hash", pa.string()), ("run_id", pa.string()), ("part", pa.int32()),
        ("quarantined_at", pa.timestamp("us")),
    ]),
}


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write bytes to path so readers see the old file or the whole new one, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Lake:
    """Parquet datasets under one root, partitioned by run, one file per batch ("part")."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def part_path(self, dataset: str, run_id: str, part: int) -> Path:
        return self.root / dataset / f"run_id={run_id}" / f"part-{part:05d}.parquet"

    def marker_path(self, run_id: str, part: int) -> Path:
        return self.root / "_commits" / f"run_id={run_id}" / f"part-{part:05d}.json"

    def write_part(self, dataset: str, run_id: str, part: int, rows: list[dict]) -> Path:
        """Write one batch's rows of a dataset atomically (temporary file, then rename)."""
        schema = SCHEMAS[dataset]
        table = pa.Table.from_pylist(rows, schema=schema)
        path = self.part_path(dataset, run_id, part)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        try:
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    def commit_part(self, run_id: str, part: int, counts: dict) -> None:
        """Make a batch visible: its parts count only once this marker exists."""
        payload = json.dumps({"run_id": run_id, "part": part, "counts": counts}, ensure_ascii=False)
        atomic_write_bytes(self.marker_path(run_id, part), payload.encode("utf-8"))

    def committed_parts(self) -> list[tuple[str, int]]:
        """Return (run_id, part) of every committed batch, in commit-path order."""
        base = self.root / "_commits"
        if not base.is_dir():
            return []
        out = []
        for run_dir in sorted(base.glob("run_id=*")):
            run_id = run_dir.name.split("=", 1)[1]
            for marker in sorted(run_dir.glob("part-*.json")):
                out.append((run_id, int(marker.stem.split("-", 1)[1])))
        return out

    def committed_files(self, dataset: str) -> list[str]:
        """Return the Parquet files of a dataset that belong to committed batches."""
        files = []
        for run_id, part in self.committed_parts():
            path = self.part_path(dataset, run_id, part)
            if path.exists():
                files.append(str(path))
        return files

    def discard_uncommitted(self) -> int:
        """Delete part files and temporaries left by a crashed batch; return how many went."""
        committed = {(r, p) for r, p in self.committed_parts()}
        removed = 0
        for dataset in SCHEMAS:
            for path in (self.root / dataset).glob("run_id=*/*"):
                run_id = path.parent.name.split("=", 1)[1]
                is_part = path.name.startswith("part-") and path.suffix == ".parquet"
                if is_part and (run_id, int(path.stem.split("-", 1)[1])) in committed:
                    continue
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def known_inputs(self) -> dict[str, tuple[int, int, str]]:
        """Return file path -> (size, mtime_ns, raw_sha256) of the latest committed record of each input file."""
        files = self.committed_files("inputs")
        if not files:
            return {}
        table = pq.ParquetDataset(files, schema=SCHEMAS["inputs"]).read(
            columns=["file_path", "size_bytes", "mtime_ns", "raw_sha256", "seen_at"])
        known: dict[str, tuple[int, int, str]] = {}
        rows = table.sort_by("seen_at").to_pydict()
        for source, size, mtime, raw in zip(rows["file_path"], rows["size_bytes"], rows["mtime_ns"], rows["raw_sha256"]):
            known[source] = (size, mtime, raw)
        return known
