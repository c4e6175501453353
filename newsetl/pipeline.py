"""Batch processing without an orchestrator: read, decode, clean, extract, and write one lake part."""
from __future__ import annotations

import ctypes
import functools
import gc
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from newsetl import faults, quality
from newsetl.clean_command import HTML_EXTENSIONS as _HTML
from newsetl.clean_command import JSONL_EXTENSIONS as _JSONL
from newsetl.clean_command import apply_hints as _apply_hints
from newsetl.clean_command import is_html as _is_html
from newsetl.lake import Lake
from newsetl.settings import Settings
from newsetl.sources import InputFile
from transforms import canon, clean, roles
from transforms.ingest import content_hash, decode_bytes, parse_jsonl, sha256_hex
from transforms.types import Article, Mention



@dataclass(slots=True)
class Resources:
    """Models and lexicons loaded once per process and shared by every batch it runs."""

    lexicon: object
    extractor: object
    aliases: object
    titles: object
    model_version: str


@functools.cache
def load_resources(seeds_dir: str) -> Resources:
    """Return the process-wide resources (Kiwi and the tagger are built here, once)."""
    from transforms import ner  # imported late: building Kiwi is the slow part

    seeds = Path(seeds_dir)
    return Resources(
        lexicon=clean.load_lexicon(seeds),
        extractor=ner.EntityExtractor(),
        aliases=canon.load_aliases(seeds),
        titles=roles.load_titles(seeds),
        model_version=ner.MODEL_VERSION,
    )


def release_resources() -> None:
    """Drop the process's models (Kiwi, the tagger) and hand their memory back to the system.

    Called once a run's batches are done, so the warehouse build has that memory; the next run
    builds them again (about two seconds).
    """
    load_resources.cache_clear()
    trim_memory()


def trim_memory() -> None:
    """Collect garbage and ask glibc to return freed memory to the system (a no-op elsewhere)."""
    gc.collect()
    try:  # glibc keeps freed arenas mapped unless asked
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


@dataclass
class BatchResult:
    """What one batch did: counts for the run summary and seconds per stage for the benchmark."""

    run_id: str
    part: int
    seen: int = 0
    skipped: int = 0
    processed: int = 0
    duplicates: int = 0
    quarantined: int = 0
    mentions: int = 0
    removed_lines: int = 0
    body_chars: int = 0
    raw_bytes: int = 0
    stage_seconds: dict = field(default_factory=Counter)
    committed: bool = False
    dq_results: list = field(default_factory=list)  # raw_inputs results of this batch


@dataclass(slots=True)
class _Page:
    source: str
    file_path: str
    file: InputFile
    raw_sha256: str
    encoding: str | None
    text: str | None = None
    html: str | None = None
    hints: dict | None = None
    fmt: str = "text"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class _Batch:
    """Accumulates one batch's lake rows."""

    def __init__(self, run_id: str, part: int):
        self.run_id, self.part, self.now = run_id, part, _now()
        self.rows: dict[str, list[dict]] = {k: [] for k in
                                            ("inputs", "documents", "removed_lines", "mentions", "roles", "quarantine")}

    def input_row(self, page_source, file: InputFile, raw_sha, chash, enc, status, doc_id):
        self.rows["inputs"].append(dict(
            source=page_source, file_path=file.path, size_bytes=file.size_bytes, mtime_ns=file.mtime_ns,
            raw_sha256=raw_sha, content_hash=chash, encoding=enc, status=status, document_id=doc_id,
            run_id=self.run_id, part=self.part, seen_at=self.now))

    def quarantine(self, page_source, file: InputFile, raw_sha, chash, enc, reason, detail):
        self.rows["quarantine"].append(dict(
            source=page_source, reason=reason, detail=detail, content_hash=chash, run_id=self.run_id,
            part=self.part, quarantined_at=self.now))
        self.input_row(page_source, file, raw_sha, chash, enc, "quarantined", None)


def _read_pages(file: InputFile, data: bytes, raw_sha: str, batch: _Batch) -> list[_Page]:
    """Return the pages of one input file; undecodable inputs go to quarantine instead."""
    decoded = decode_bytes(data)
    if decoded.reason:
        batch.quarantine(file.path, file, raw_sha, None, decoded.encoding, decoded.reason, decoded.detail)
        return []
    ext = os.path.splitext(file.path)[1].lower()
    if ext in _JSONL:
        pages = []
        records = parse_jsonl(decoded.text)
        if not records:
            batch.quarantine(file.path, file, raw_sha, None, decoded.encoding, "empty", "no JSON records")
        for rec in records:
            source = f"{file.path}#L{rec.line}"
            if rec.reason:
                batch.quarantine(source, file, raw_sha, None, decoded.encoding, rec.reason, rec.detail)
                continue
            fmt = "html" if rec.html and not rec.text else "jsonl"
            pages.append(_Page(source, file.path, file, raw_sha, decoded.encoding, text=rec.text,
                               html=rec.html if fmt == "html" else None, hints=rec.hints, fmt=fmt))
        return pages
    if ext in _HTML or _is_html(decoded.text):
        return [_Page(file.path, file.path, file, raw_sha, decoded.encoding, html=decoded.text, fmt="html")]
    return [_Page(file.path, file.path, file, raw_sha, decoded.encoding, text=decoded.text)]


def extract_mentions_many(resources: Resources, docs: list[tuple[str, str | None]]) -> list[list[Mention]]:
    """Return the canonical mentions of each (body, published_at), offsets into its body.

    Every paragraph of every body goes to the extractor in one call: Kiwi's batch API and the CRF's
    numpy decoder both pay off only on many paragraphs at once.
    """
    split = [body.split("\n") for body, _published_at in docs]
    paragraphs: list[str] = []
    dates: list[str | None] = []
    for pieces, (_body, published_at) in zip(split, docs):
        paragraphs += pieces
        dates += [published_at] * len(pieces)
    found = iter(resources.extractor.extract(paragraphs, published_at=dates))
    out = []
    for pieces, (body, _published_at) in zip(split, docs):
        mentions: list[Mention] = []
        offset = 0
        for paragraph in pieces:
            for m in next(found):
                m.start += offset
                m.end += offset
                mentions.append(m)
            offset += len(paragraph) + 1
        out.append(canon.canonicalize(body, mentions, resources.aliases))
    return out


def process_batch(files: list[InputFile], known: dict[str, tuple[int, int, str]], run_id: str, part: int,
                  settings: Settings, lake: Lake, validate_raw=None) -> BatchResult:
    """Process one batch of input files into one committed lake part and return its counts."""
    result = BatchResult(run_id, part)
    stage = result.stage_seconds
    batch = _Batch(run_id, part)
    t0 = time.perf_counter()
    resources = load_resources(str(settings.seeds_dir))
    stage["load_models"] += time.perf_counter() - t0

    # 1. read and decode; skip inputs whose bytes are unchanged since a committed run.
    t0 = time.perf_counter()
    pages: list[_Page] = []
    for file in files:
        result.seen += 1
        if file.size_bytes > settings.max_file_bytes:
            batch.quarantine(file.path, file, None, None, None, "too_large",
                             f"{file.size_bytes} bytes > limit {settings.max_file_bytes}")
            continue
        try:
            with open(file.path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            batch.quarantine(file.path, file, None, None, None, "unreadable", exc.strerror or str(exc))
            continue
        result.raw_bytes += len(data)
        raw_sha = sha256_hex(data)
        previous = known.get(file.path)
        if previous and previous[2] == raw_sha:
            result.skipped += 1
            continue
        pages.extend(_read_pages(file, data, raw_sha, batch))
    stage["read_decode"] += time.perf_counter() - t0

    # 2. raw-input boundary: row-level checks quarantine bad pages, the rest flow on.
    if validate_raw is not None and pages:
        t0 = time.perf_counter()
        frame = pd.DataFrame({
            "source": [p.source for p in pages],
            "text": [p.text if p.text is not None else (p.html or "") for p in pages],
            "size_bytes": [p.file.size_bytes for p in pages],
            "encoding": [p.encoding for p in pages],
        })
        reasons = validate_raw(frame)
        kept = []
        for page, reason in zip(pages, reasons):
            if reason:
                batch.quarantine(page.source, page.file, page.raw_sha256, None, page.encoding, reason,
                                 "failed the raw_inputs row checks")
            else:
                kept.append(page)
        pages = kept
        stage["validate_raw"] += time.perf_counter() - t0

    # 3. clean, dedupe by content; then extract every accepted body of the batch at once.
    seen_hashes: set[str] = set()
    accepted: list[tuple[_Page, Article, str, str, str]] = []
    for page in pages:
        t0 = time.perf_counter()
        if page.html is not None:
            article = clean.clean_html(page.html, resources.lexicon)
        else:
            article = clean.clean_text(page.text, resources.lexicon)
        article = _apply_hints(article, page.hints)
        stage["clean"] += time.perf_counter() - t0
        body = article.body.strip("\n")
        if not body.strip():
            batch.quarantine(page.source, page.file, page.raw_sha256, None, page.encoding, "not_article",
                             f"no article text left after cleaning ({len(article.removed)} lines removed)")
            continue
        # Lake-before-load boundary: a record failing the row checks is quarantined, the rest flow on.
        reason = quality.document_row_reason(body, article.title)
        if reason:
            batch.quarantine(page.source, page.file, page.raw_sha256, None, page.encoding, reason,
                             f"cleaned body ({len(body)} characters) failed the documents row checks")
            continue
        article.published_at = quality.sanitize_published_at(article.published_at)
        chash = content_hash(body)
        document_id = chash[:16]
        if chash in seen_hashes:
            result.duplicates += 1
            batch.input_row(page.source, page.file, page.raw_sha256, chash, page.encoding, "duplicate", document_id)
            continue
        seen_hashes.add(chash)
        accepted.append((page, article, body, chash, document_id))

    t0 = time.perf_counter()
    all_mentions = extract_mentions_many(resources, [(body, article.published_at)
                                                     for _page, article, body, _h, _d in accepted])
    stage["extract"] += time.perf_counter() - t0
    for (page, article, body, chash, document_id), mentions in zip(accepted, all_mentions):
        t0 = time.perf_counter()
        facts = roles.extract_roles(body, mentions, resources.titles, aliases=resources.aliases)
        stage["extract"] += time.perf_counter() - t0
        batch.input_row(page.source, page.file, page.raw_sha256, chash, page.encoding, "processed", document_id)
        batch.rows["documents"].append(dict(
            document_id=document_id, source=page.source, content_hash=chash, publisher=article.publisher,
            title=article.title, subtitles=list(article.subtitles), reporters=list(article.reporters),
            reporter_emails=list(article.reporter_emails), published_at=article.published_at, body=body,
            body_chars=len(body), raw_chars=len(page.text or page.html or ""), removed_lines=len(article.removed),
            encoding=page.encoding, input_format=page.fmt, run_id=run_id, part=part, ingested_at=batch.now))
        batch.rows["removed_lines"].extend(
            dict(document_id=document_id, line=r.line, text=r.text, reason=r.reason, run_id=run_id)
            for r in article.removed)
        batch.rows["mentions"].extend(
            dict(mention_id=f"{document_id}:{m.start}:{m.end}", document_id=document_id, start=m.start,
                 end=m.end, text=m.text, type=m.type, entity_id=m.entity_id, canonical_name=m.canonical,
                 origin=m.origin, value=m.value, unit=m.unit, normalized=m.normalized,
                 model_version=resources.model_version, run_id=run_id)
            for m in mentions)
        batch.rows["roles"].extend(
            dict(document_id=document_id, person=f.person, person_entity_id=canon.entity_id("PERSON", f.person),
                 title=f.title, organization=f.organization, start=f.start, end=f.end, run_id=run_id)
            for f in facts)
        result.processed += 1
        result.mentions += len(mentions)
        result.removed_lines += len(article.removed)
        result.body_chars += len(body)
    result.quarantined = len(batch.rows["quarantine"])

    # 4. write every dataset's part, then the marker that makes them visible together.
    t0 = time.perf_counter()
    if any(batch.rows.values()):
        for dataset, rows in batch.rows.items():
            lake.write_part(dataset, run_id, part, rows)
            faults.checkpoint("part_written")
        lake.commit_part(run_id, part, {k: len(v) for k, v in batch.rows.items()})
        faults.checkpoint("batch_committed")
        result.committed = True
    stage["write_lake"] += time.perf_counter() - t0
    return result
