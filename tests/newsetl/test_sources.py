"""Input discovery from files, folders and globs."""
from __future__ import annotations

import pytest

from newsetl.sources import SourceError, discover

EXT = (".txt", ".html", ".jsonl")


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "deep").mkdir()
    for rel in ("a/one.txt", "a/deep/two.html", "a/deep/three.jsonl", "a/notes.csv", "a/.hidden.txt",
                "a/이름 있는 '파일'.txt"):
        (tmp_path / rel).write_text("본문", encoding="utf-8")
    return tmp_path


def test_folder_is_recursive_and_keeps_page_files_only(tree):
    files, warnings = discover([str(tree / "a")], EXT)
    names = sorted(f.path.rsplit("/", 1)[1] for f in files)
    assert names == ["one.txt", "three.jsonl", "two.html", "이름 있는 '파일'.txt"]
    assert warnings == []
    assert all(f.size_bytes == len("본문".encode()) for f in files)


def test_glob_and_explicit_file_are_deduplicated(tree):
    files, _ = discover([str(tree / "a" / "*.txt"), str(tree / "a" / "one.txt"), str(tree / "a" / "notes.csv")], EXT)
    assert sorted(f.path.rsplit("/", 1)[1] for f in files) == ["notes.csv", "one.txt", "이름 있는 '파일'.txt"]


def test_recursive_glob(tree):
    files, _ = discover([str(tree / "**" / "*.html")], EXT)
    assert [f.path.rsplit("/", 1)[1] for f in files] == ["two.html"]


def test_missing_path_is_an_error_but_empty_glob_is_a_warning(tree):
    with pytest.raises(SourceError, match="does not exist"):
        discover([str(tree / "nope")], EXT)
    files, warnings = discover([str(tree / "*.nothing")], EXT)
    assert files == [] and "no files match" in warnings[0]
