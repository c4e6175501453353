"""The Parquet lake: atomic parts, commit markers, and what readers see after a crash."""
from __future__ import annotations

from datetime import datetime

import pyarrow.parquet as pq

from newsetl.lake import Lake


def _input(source, raw, size=10, mtime=1):
    return dict(source=source, file_path=source, size_bytes=size, mtime_ns=mtime, raw_sha256=raw, content_hash="c",
                encoding="utf-8", status="processed", document_id="d", run_id="r1", part=0,
                seen_at=datetime(2024, 1, 1))


def test_only_committed_parts_are_visible(tmp_path):
    lake = Lake(tmp_path)
    lake.write_part("inputs", "r1", 0, [_input("/a.txt", "h1")])
    assert lake.committed_files("inputs") == []
    assert lake.known_inputs() == {}
    lake.commit_part("r1", 0, {"inputs": 1})
    assert len(lake.committed_files("inputs")) == 1
    assert lake.known_inputs() == {"/a.txt": (10, 1, "h1")}


def test_parts_have_the_declared_schema(tmp_path):
    lake = Lake(tmp_path)
    path = lake.write_part("inputs", "r1", 3, [_input("/a.txt", "h1")])
    assert path.name == "part-00003.parquet" and path.parent.name == "run_id=r1"
    table = pq.read_table(path)
    assert table.schema.field("size_bytes").type == "int64"
    assert table.num_rows == 1


def test_discard_uncommitted_removes_crash_leftovers_only(tmp_path):
    lake = Lake(tmp_path)
    lake.write_part("inputs", "r1", 0, [_input("/a.txt", "h1")])
    lake.commit_part("r1", 0, {})
    orphan = lake.write_part("inputs", "r2", 0, [_input("/b.txt", "h2")])
    torn = orphan.parent / ".part-00001.parquet.123.tmp"
    torn.write_bytes(b"half")
    assert lake.discard_uncommitted() == 2
    assert not orphan.exists() and not torn.exists()
    assert len(lake.committed_files("inputs")) == 1


def test_latest_record_of_an_input_wins(tmp_path):
    lake = Lake(tmp_path)
    old = _input("/a.txt", "old")
    new = dict(_input("/a.txt", "new", size=12, mtime=2), run_id="r2", seen_at=datetime(2024, 1, 2))
    lake.write_part("inputs", "r2", 0, [new])
    lake.commit_part("r2", 0, {})
    lake.write_part("inputs", "r1", 0, [old])
    lake.commit_part("r1", 0, {})
    assert lake.known_inputs()["/a.txt"] == (12, 2, "new")
