"""Entity extraction: Kiwi morphology, a KLUE-trained character CRF, and exact rules with normalised values."""
from __future__ import annotations

import json
import re
from pathlib import Path

from transforms.ner import rules
from transforms.ner.features import sanitize
from transforms.ner.tagger import KLUE_TYPES, MODEL_DIR, MODEL_PATH, CrfTagger, analyze, build_kiwi
from transforms.types import Mention

__all__ = ["EntityExtractor", "MODEL_VERSION", "split_chunks"]


def _model_version(model_dir: Path = MODEL_DIR) -> str:
    """Return the version recorded by training in model.json, or a marker when there is none."""
    try:
        return str(json.loads((model_dir / "model.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "crf-klue-missing"


MODEL_VERSION: str = _model_version()

# Chunks longer than this go to Kiwi in sentence-sized pieces: Kiwi is much slower on one huge string.
MAX_CHUNK_CHARS = 400
# Characters scored by the CRF at once: big enough for numpy to pay off, small enough to stay light.
TAG_BATCH_CHARS = 50_000
_LINE_RE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_SENT_END_RE = re.compile(r"[.!?。？！…][\"'”’)\]]*\s+")


def _split_long(line: str, offset: int, limit: int) -> list[tuple[int, str]]:
    """Return (offset, piece) pieces of one long line, cut after sentence ends, else at spaces, else hard."""
    bounds = [m.end() for m in _SENT_END_RE.finditer(line)] + [len(line)]
    out = []
    start = 0
    prev = 0
    for b in bounds:
        if b - start > limit and prev > start:
            out.append((start, prev))
            start = prev
        while b - start > limit:
            cut = line.rfind(" ", start + limit // 2, start + limit)
            cut = cut + 1 if cut > start else start + limit
            out.append((start, cut))
            start = cut
        prev = b
    if start < len(line):
        out.append((start, len(line)))
    return [(offset + s, line[s:e]) for s, e in out]


def split_chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Return (offset, chunk) pairs covering the non-blank lines of text, long lines cut to at most `limit` chars."""
    out = []
    for m in _LINE_RE.finditer(text):
        line = m.group(0)
        if line.isspace():
            continue
        if len(line) <= limit:
            out.append((m.start(), line))
        else:
            out.extend(p for p in _split_long(line, m.start(), limit) if not p[1].isspace())
    return out


def _groups(chunks: list, limit: int):
    """Yield consecutive runs of chunks holding about `limit` characters (memory stays bounded)."""
    group, size = [], 0
    for chunk in chunks:
        group.append(chunk)
        size += len(chunk[2])
        if size >= limit:
            yield group
            group, size = [], 0
    if group:
        yield group


class EntityExtractor:
    """Kiwi and the CRF loaded once; `extract` tags batches of texts."""

    def __init__(self, model_path: str | Path = MODEL_PATH, num_workers: int = 2, add_rule_amounts: bool = False):
        self.model_version = _model_version(Path(model_path).parent)
        self._kiwi = build_kiwi(num_workers)
        self._crf = CrfTagger(model_path)
        self._add_rule_amounts = add_rule_amounts

    def extract(self, texts: list[str], published_at: str | None | list[str | None] = None) -> list[list[Mention]]:
        """Return the mentions of each text (sorted, non-overlapping, offsets into that text).

        published_at (one date, or one per text) resolves relative dates such as `지난해`.
        """
        dates = published_at if isinstance(published_at, list) else [published_at] * len(texts)
        chunks = []
        for ti, text in enumerate(texts):
            if not isinstance(text, str) or not text:
                continue
            for off, piece in split_chunks(text):
                chunks.append((ti, off, sanitize(piece)))
        spans: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        tokens = analyze(self._kiwi, [c[2] for c in chunks])
        for group in _groups(chunks, TAG_BATCH_CHARS):
            found = self._crf.tag_batch([c[2] for c in group], [next(tokens) for _ in group])
            for (ti, off, _piece), chunk_spans in zip(group, found):
                spans[ti].extend((off + s, off + e, typ) for s, e, typ in chunk_spans)
        return [self._mentions(text, sp, date) if isinstance(text, str) else []
                for text, sp, date in zip(texts, spans, dates)]

    def _mentions(self, text: str, spans: list[tuple[int, int, str]], published_at: str | None) -> list[Mention]:
        """Return the mentions of one text from its model spans plus the exact rules."""
        out: list[Mention] = []
        exact = rules.find_emails_urls(text) if ("@" in text or "." in text) else []
        for s, e, typ in exact:
            out.append(Mention(s, e, typ, text[s:e], origin="rule"))
        for s, e, klue in spans:
            if any(s < xe and xs < e for xs, xe, _ in exact):
                continue
            out.append(self._model_mention(text, s, e, klue, published_at))
        if self._add_rule_amounts:
            for s, e, typ, value, unit in rules.find_amounts(text):
                if not any(s < m.end and m.start < e for m in out):
                    out.append(Mention(s, e, typ, text[s:e], origin="rule", value=value, unit=unit))
        out.sort(key=lambda m: (m.start, m.end))
        return out

    @staticmethod
    def _model_mention(text: str, s: int, e: int, klue: str, published_at: str | None) -> Mention:
        """Return a model mention with the normalised value its type calls for."""
        surface = text[s:e]
        typ = KLUE_TYPES[klue]
        m = Mention(s, e, typ, surface, origin="model")
        if klue == "QT":
            norm = rules.normalize_amount(surface)
            if norm:
                m.type, m.value, m.unit = norm
        elif klue == "DT":
            m.normalized = rules.normalize_date(surface, published_at)
        elif klue == "TI":
            m.normalized = rules.normalize_time(surface)
        return m
