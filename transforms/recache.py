"""Compiled regular expressions kept between processes, as Python keeps bytecode in __pycache__.

Python's `re` parses and compiles a pattern in Python code: the cleaner's 250 or so patterns take
about 0.25 s at every start, half the time of a one-page `newsetl clean`. `make setup` compiles them
once and keeps each one's program (the opcode list `re.compile` hands to its C engine, `_sre`) in a
file beside this module, stamped with the interpreter's version and the engine's magic number.
`compile` hands a kept program straight to the engine, as `re.compile` does once it has compiled,
and compiles any other pattern the usual way. A missing, stale or unreadable file only costs the time
it would have saved; nothing is written while cleaning (`python -m transforms.recache` writes it).
"""
from __future__ import annotations

import marshal
import os
import re
import sys
from pathlib import Path
from re import _compiler, _parser  # re.compile's own two steps, run here to keep their output

import _sre

CACHE = Path(__file__).with_name("_regex_cache.marshal")
# Programs are only valid for the engine that wrote them: same interpreter build, same opcode set.
STAMP = f"{sys.version} {_sre.MAGIC} {_sre.CODESIZE} {_sre.MAXREPEAT} {_sre.MAXGROUPS}"

_programs: dict | None = None  # (pattern, flags) -> program, read from CACHE on first use
_recording: dict | None = None  # while building: every program compiled through `compile`


def _load() -> dict:
    """Return the kept programs (empty when the file is missing, stale, unreadable or switched off)."""
    global _programs
    if _programs is None:
        _programs = {}
        if os.environ.get("NEWSETL_REGEX_CACHE", "1") != "0":
            try:
                stamp, programs = marshal.loads(CACHE.read_bytes())
                if stamp == STAMP and isinstance(programs, dict):
                    _programs = programs
            except (OSError, EOFError, ValueError, TypeError):
                pass
    return _programs


def program(pattern: str, flags: int = 0) -> tuple:
    """Return what re.compile hands to the engine for the pattern: flags, code, groups, group names both ways."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # plain ints: the parser's named opcode constants and flag enums do not marshal
    return int(flags | parsed.state.flags), list(map(int, code)), parsed.state.groups - 1, groupindex, tuple(indexgroup)


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - the name re users expect
    """Return re.compile(pattern, flags), from the kept program when there is one."""
    flags = int(flags)
    kept = _load().get((pattern, flags))
    if kept is not None:
        try:
            return _sre.compile(pattern, *kept)
        except Exception:  # noqa: BLE001 - a program the engine refuses: compile it afresh
            pass
    if _recording is not None:
        kept = _recording[(pattern, flags)] = program(pattern, flags)
        return _sre.compile(pattern, *kept)
    return re.compile(pattern, flags)


def build(path: Path = CACHE) -> int:
    """Compile the cleaner's patterns (its module and the default lexicon) afresh, keep them in `path`; return how many."""
    global _recording, _programs
    import importlib

    _recording, _programs = {}, {}
    try:
        for name in [m for m in sys.modules if m == "transforms.clean" or m.startswith("transforms.clean.")]:
            del sys.modules[name]
        clean = importlib.import_module("transforms.clean")
        clean.load_lexicon()
        programs = _recording
    finally:
        _recording, _programs = None, None
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps((STAMP, programs)))
    os.replace(tmp, path)
    return len(programs)


if __name__ == "__main__":
    # `python -m transforms.recache [PATH]` runs this file as __main__: build through the imported module.
    from transforms import recache

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else recache.CACHE
    try:
        count = recache.build(out)
    except OSError as exc:
        print(f"regex cache not written ({exc}); patterns will be compiled at each start", file=sys.stderr)
        sys.exit(0)
    print(f"regex cache: {count} patterns in {out}")
