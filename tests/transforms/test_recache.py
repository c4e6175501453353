"""Tests of the regex cache: kept programs behave as re.compile's, and any fault falls back to compiling."""
from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

from transforms import recache

REPO = Path(__file__).resolve().parents[2]
PAGES = REPO / "tests" / "eval" / "pages"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A cache built by the command `make setup` runs, into a temporary file."""
    out = tmp_path_factory.mktemp("recache") / "cache.marshal"
    done = subprocess.run([sys.executable, "-m", "transforms.recache", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "patterns in" in done.stdout
    return out


def _lines() -> list[str]:
    lines = set()
    for path in sorted(PAGES.glob("*.txt"))[:60]:
        lines.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return sorted(lines)


def test_kept_programs_match_as_re_compile_does(built):
    stamp, programs = marshal.loads(built.read_bytes())
    assert stamp == recache.STAMP
    assert len(programs) > 200  # the cleaner's module patterns and the lexicon's rules
    lines = _lines()
    for (pattern, flags), program in programs.items():
        kept = recache._sre.compile(pattern, *program)
        fresh = re.compile(pattern, flags)
        assert (kept.pattern, kept.flags, kept.groups, kept.groupindex) == \
               (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
        for line in lines[::7]:
            a, b = kept.search(line), fresh.search(line)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (pattern, line)


def _fresh_load(monkeypatch, path: Path) -> dict:
    monkeypatch.setattr(recache, "CACHE", path)
    monkeypatch.setattr(recache, "_programs", None)
    return recache._load()


def test_a_cache_of_another_engine_is_ignored(tmp_path, monkeypatch):
    path = tmp_path / "old.marshal"
    path.write_bytes(marshal.dumps(("Python 3.10 ...", {("a", 0): (32, [1], 0, {}, (None,))})))
    assert _fresh_load(monkeypatch, path) == {}
    assert recache.compile(r"a+b").match("aab")


@pytest.mark.parametrize("content", [b"", b"\x00garbage", marshal.dumps(["not", "a", "pair"])])
def test_an_unreadable_cache_is_ignored(tmp_path, monkeypatch, content):
    path = tmp_path / "bad.marshal"
    path.write_bytes(content)
    assert _fresh_load(monkeypatch, path) == {}
    assert recache.compile(r"(?P<x>\d+)").match("42")["x"] == "42"


def test_a_program_the_engine_refuses_is_compiled_afresh(tmp_path, monkeypatch):
    path = tmp_path / "cache.marshal"
    path.write_bytes(marshal.dumps((recache.STAMP, {(r"ab", 0): (32, [999, 999], 0, {}, (None,))})))
    _fresh_load(monkeypatch, path)
    assert recache.compile(r"ab").fullmatch("ab")


def test_the_cache_can_be_switched_off(tmp_path, monkeypatch, built):
    monkeypatch.setenv("NEWSETL_REGEX_CACHE", "0")
    assert _fresh_load(monkeypatch, built) == {}


def test_a_missing_cache_costs_nothing_but_time(tmp_path, monkeypatch):
    assert _fresh_load(monkeypatch, tmp_path / "absent.marshal") == {}
    assert recache.compile(r"무단\s*전재", re.I).search("무단 전재 금지")
