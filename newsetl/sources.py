"""Input discovery: expand files, folders (recursive) and globs into page files to read."""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path


class SourceError(ValueError):
    """A --source argument that names nothing usable."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """A page file found on disk, with the stat fields used to skip unchanged inputs cheaply."""

    path: str  # absolute path
    size_bytes: int
    mtime_ns: int


def _has_glob(spec: str) -> bool:
    return any(ch in spec for ch in "*?[")


def _walk(folder: str, extensions: tuple[str, ...]):
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in extensions:
                yield os.path.join(root, name)


def discover(specs: list[str], extensions: tuple[str, ...]) -> tuple[list[InputFile], list[str]]:
    """Return the page files named by the specs (sorted, unique) and warnings for empty globs."""
    found: dict[str, None] = {}
    warnings: list[str] = []
    for spec in specs:
        expanded = os.path.expanduser(spec)
        if _has_glob(expanded) and not os.path.exists(expanded):
            matches = sorted(glob.glob(expanded, recursive=True))
            if not matches:
                warnings.append(f"no files match {spec!r}")
            for match in matches:
                if os.path.isdir(match):
                    found.update(dict.fromkeys(_walk(match, extensions)))
                elif os.path.isfile(match):
                    found[match] = None
        elif os.path.isdir(expanded):
            before = len(found)
            found.update(dict.fromkeys(_walk(expanded, extensions)))
            if len(found) == before:
                warnings.append(f"no page files ({', '.join(extensions)}) under {spec!r}")
        elif os.path.isfile(expanded):
            found[expanded] = None
        elif os.path.exists(expanded):
            raise SourceError(f"{spec!r} is neither a file nor a folder")
        else:
            raise SourceError(f"source {spec!r} does not exist")
    files = []
    for path in sorted({os.path.abspath(p) for p in found}):
        try:
            st = os.stat(path)
        except OSError as exc:  # vanished or unreadable between listing and stat: still an input
            files.append(InputFile(path, -1, -1))
            warnings.append(f"cannot stat {path}: {exc.strerror}")
            continue
        files.append(InputFile(path, st.st_size, st.st_mtime_ns))
    return files, warnings


def default_sources(seeds_dir: Path) -> list[str]:
    """Return the default source: the sample articles kept under seeds/."""
    return [str(seeds_dir)]
