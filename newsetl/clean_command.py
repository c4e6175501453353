"""`newsetl clean`: one JSON object per page, without the pipeline's heavy imports.

The command is often run on a handful of pages, so start-up time is most of its cost: it imports
the cleaner and the decoder only (no pandas, pyarrow, Kiwi or Prefect).
"""
from __future__ import annotations

import functools
import os

from transforms import clean
from transforms.ingest import decode_bytes, parse_jsonl
from transforms.types import Article

JSONL_EXTENSIONS = (".jsonl", ".ndjson")
HTML_EXTENSIONS = (".html", ".htm")


def is_html(text: str) -> bool:
    """Return whether decoded text is an HTML document, whatever its file name."""
    head = text[:512].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in text[:4096].lower() and "</" in text[:8192])


def apply_hints(article: Article, hints: dict | None) -> Article:
    """Fill metadata the page text lacked from a JSON record's own fields."""
    if not hints:
        return article
    article.title = article.title or hints.get("title")
    article.publisher = article.publisher or hints.get("publisher")
    if not article.published_at:
        stamp = str(hints.get("published_at") or hints.get("date") or "").strip()
        # an ISO stamp as Korean time ("2025-01-20T23:30:00Z" -> "2025-01-21T08:30"), other forms not at all
        article.published_at = clean.korea_time(stamp) if len(stamp) >= 10 and stamp[4] == "-" else None
    return article


def article_json(source: str, article: Article) -> dict:
    """Return the `newsetl clean` object of an article."""
    return {
        "source": source, "title": article.title, "subtitles": list(article.subtitles),
        "publisher": article.publisher, "reporters": list(article.reporters),
        "reporter_emails": list(article.reporter_emails), "published_at": article.published_at,
        "body": article.body,
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in article.removed],
    }


def clean_file(name: str, lexicon=None) -> list[dict]:
    """Return the clean objects of one file given on the command line (one per page; errors inline)."""
    lexicon = lexicon or load_lexicon_cached()
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return [{"source": name, "error": f"cannot read: {exc.strerror or exc}"}]
    decoded = decode_bytes(data)
    if decoded.reason:
        return [{"source": name, "error": f"{decoded.reason}: {decoded.detail}"}]
    ext = os.path.splitext(name)[1].lower()
    if ext in JSONL_EXTENSIONS:
        out = []
        for rec in parse_jsonl(decoded.text):
            source = f"{name}#L{rec.line}"
            if rec.reason:
                out.append({"source": source, "error": f"{rec.reason}: {rec.detail}"})
                continue
            article = clean.clean_text(rec.text, lexicon) if rec.text else clean.clean_html(rec.html, lexicon)
            out.append(article_json(source, apply_hints(article, rec.hints)))
        return out or [{"source": name, "error": "empty: no JSON records"}]
    if ext in HTML_EXTENSIONS or is_html(decoded.text):
        return [article_json(name, clean.clean_html(decoded.text, lexicon))]
    return [article_json(name, clean.clean_text(decoded.text, lexicon))]


@functools.cache
def load_lexicon_cached():
    """Return the cleaning lexicon of the repository's seeds, loaded once."""
    from newsetl.settings import SEEDS_DIR

    return clean.load_lexicon(SEEDS_DIR)
