"""`newsetl ner`: UTF-8 sentences on stdin, one JSON object of entities per line on stdout."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from transforms.types import Mention


def _lines(stdin: TextIO) -> Iterator[str]:
    """Yield each input line without its trailing newline (LF or CRLF)."""
    for line in stdin:
        if line.endswith("\n"):
            line = line[:-1]
            if line.endswith("\r"):
                line = line[:-1]
        yield line


def _entity(m: Mention) -> dict:
    """Return the JSON object of one mention, optional fields only when set."""
    d = {"start": m.start, "end": m.end, "type": m.type, "text": m.text, "origin": m.origin}
    if m.value is not None:
        d["value"] = m.value
    if m.unit is not None:
        d["unit"] = m.unit
    if m.normalized is not None:
        d["normalized"] = m.normalized
    return d


def run_ner(stdin: TextIO, stdout: TextIO, batch_size: int = 2048, *, extractor=None) -> int:
    """Stream stdin lines through one EntityExtractor in batches, write one JSON line per input line; return 0."""
    if extractor is None:
        from transforms.ner import EntityExtractor

        extractor = EntityExtractor()
    batch: list[str] = []

    def flush() -> None:
        for text, mentions in zip(batch, extractor.extract(batch)):
            obj = {"text": text, "entities": [_entity(m) for m in mentions]}
            stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        batch.clear()

    for line in _lines(stdin):
        batch.append(line)
        if len(batch) >= max(1, batch_size):
            flush()
    if batch:
        flush()
    stdout.flush()
    return 0
