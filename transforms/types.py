"""Plain data records passed between the transforms and the I/O adapters."""
from __future__ import annotations

from dataclasses import dataclass, field

# The entity types newsetl emits; MONEY and PERCENT are kinds of quantity.
ENTITY_TYPES = (
    "PERSON", "ORGANIZATION", "LOCATION", "DATE", "TIME",
    "QUANTITY", "MONEY", "PERCENT", "EMAIL", "URL",
)


@dataclass(slots=True)
class RemovedLine:
    """One input line that is not (wholly) in the body, and why."""

    line: int  # 1-based line number in the decoded input
    text: str
    reason: str  # a reason code: nav, caption, byline, copyright, ad, related, comment, duplicate, ...


@dataclass(slots=True)
class Article:
    """A cleaned article: metadata, body paragraphs (one per line) and the audit of removed lines."""

    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    publisher: str | None = None
    reporters: list[str] = field(default_factory=list)
    reporter_emails: list[str] = field(default_factory=list)
    published_at: str | None = None  # ISO 8601 YYYY-MM-DD or YYYY-MM-DDTHH:MM
    body: str = ""
    removed: list[RemovedLine] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """An entity mention: character span [start, end) of the text it was found in."""

    start: int
    end: int
    type: str  # one of ENTITY_TYPES
    text: str
    origin: str = "rule"  # "rule", "model" or "gazetteer": what produced it
    value: float | None = None  # normalised number for MONEY/QUANTITY/PERCENT
    unit: str | None = None  # unit or currency (KRW, USD, 명, %, ...)
    normalized: str | None = None  # ISO date/time for DATE/TIME when resolvable
    canonical: str | None = None  # canonical entity name (set by canonicalisation)
    entity_id: str | None = None  # stable id of the canonical entity


@dataclass(slots=True)
class RoleFact:
    """A (person, title, organisation) fact read from a document."""

    person: str
    title: str | None
    organization: str | None
    start: int  # span of the evidence in the body
    end: int
