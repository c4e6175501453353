"""Crash points for fault-injection tests: NEWSETL_CRASH_AT=<point>[:<n>] kills the process there."""
from __future__ import annotations

import os
import signal
from collections import Counter

_hits: Counter = Counter()


def checkpoint(point: str) -> None:
    """Kill this process with SIGKILL at the named point when NEWSETL_CRASH_AT asks for it.

    `NEWSETL_CRASH_AT=batch_committed:2` dies the second time the point is reached. Unset (the normal
    case) this is a dictionary lookup: the hook exists so tests can prove crash recovery at every stage
    boundary exactly as `kill -9` would, with no cleanup handlers running.
    """
    wanted = os.environ.get("NEWSETL_CRASH_AT")
    if not wanted:
        return
    name, _, nth = wanted.partition(":")
    if name != point:
        return
    _hits[point] += 1
    if _hits[point] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
