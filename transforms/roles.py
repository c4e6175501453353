"""People and roles: (person, title, organisation) facts read from the patterns Korean news uses."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from transforms.canon import (
    COUNTRIES, SEEDS_DIR, SURNAMES, AliasTable, read_seed_csv, title_ends_word, canonical_name, name_key, particle_cuts,
    strip_particles,
)
from transforms.types import Mention, RoleFact

# Last syllables of organisation words, which a fallback name never ends with (`서강대`, `소프트뱅크`).
ORG_ENDINGS = ("대", "원", "소", "사", "청", "부", "처", "단", "회", "룹", "은행", "전자", "센터", "랩", "국", "관", "社")

# Characters that end a clause: a fact never spans them.
CLAUSE_BREAKS = re.compile(r"[\n.,;:!?=|\"“”‘’'\[\]<>·…/]")
PAREN = re.compile(r"\([^()\n]{0,80}\)")
# Word endings that make a token a verb or a predicate, never part of an organisation name.
VERB_ENDINGS = ("다", "며", "고", "던", "한", "된", "할", "될", "면", "서", "게", "지", "인", "적", "는", "은")
# Endings of verb forms that a three-syllable word starting with a surname can have (`이끄는`).
NOT_NAME_ENDINGS = ("는", "던", "된", "될", "할", "를", "을", "에", "며", "고", "다", "서", "게")
MAX_GAP_TOKENS = 6


@dataclass(frozen=True, slots=True)
class Title:
    """One title word: how it is written, the title recorded, its kind and the org tail it shares."""

    word: str
    title: str
    kind: str
    unit: str = ""


@dataclass(frozen=True, slots=True)
class TitleLexicon:
    """Title words by their spacing-free spelling, and a longest-first regex over them."""

    titles: dict[str, Title]
    pattern: re.Pattern[str]
    skip_kinds: frozenset[str] = frozenset({"reporter"})

    @classmethod
    def from_titles(cls, titles: list[Title]) -> TitleLexicon:
        """Return a lexicon over these titles."""
        words = sorted((t.word for t in titles), key=len, reverse=True)
        alternation = "|".join(r"\s*".join(map(re.escape, w.split())) for w in words)
        pattern = re.compile(rf"(?<![A-Za-z])(?:{alternation})(?![A-Za-z])")
        return cls({_squash(t.word): t for t in titles}, pattern)

    def get(self, written: str) -> Title | None:
        """Return the title entry of a matched title word, or None."""
        return self.titles.get(_squash(written))


def _squash(word: str) -> str:
    """Return a word without whitespace."""
    return re.sub(r"\s+", "", word)


def load_titles(seeds_dir: Path | None = None) -> TitleLexicon:
    """Return the title lexicon of `seeds/titles.csv`."""
    rows = read_seed_csv((seeds_dir or SEEDS_DIR) / "titles.csv")
    return TitleLexicon.from_titles([Title(r["title"], r["canonical"] or r["title"], r["kind"], r["unit"])
                                     for r in rows])


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Draft:
    person: str
    title: str
    organization: str | None
    start: int
    end: int
    unit: str = ""  # a hint for an organisation that was not written: 연구원 in `배 연구원장`


class _Document:
    """One text with its mentions indexed for the pattern walk."""

    def __init__(self, text: str, mentions: list[Mention], aliases: AliasTable | None):
        self.text = text
        # Parenthesised glosses (`리서치(Advanced AI Research)`) are blanked so they neither break clauses
        # nor count as tokens.
        self.masked = PAREN.sub(lambda m: " " * len(m.group()), text)
        self.people = [m for m in mentions if m.type == "PERSON"]
        self.orgs = [m for m in mentions if m.type == "ORGANIZATION"]
        self.places = [m for m in mentions if m.type == "LOCATION"]
        self.aliases = aliases or AliasTable()
        self.person_names = {m.canonical or m.text for m in self.people}
        self.org_names: dict[str, str] = {}
        for m in self.orgs:
            name = m.canonical or m.text
            self.org_names.setdefault(name_key(m.text), name)
            self.org_names.setdefault(name_key(name), name)

    def covering(self, mentions: list[Mention], token: _Token) -> Mention | None:
        """Return the mention overlapping a token, or None."""
        return next((m for m in mentions if m.start < token.end and token.start < m.end), None)

    def org_name(self, surface: str) -> str | None:
        """Return the canonical name of an organisation surface known to this text or the alias table."""
        key = name_key(surface)
        if key in self.org_names:
            return self.org_names[key]
        name, known = canonical_name(surface, "ORGANIZATION", self.aliases)
        return name if known else None

    def resolve_org(self, surface: str) -> str:
        """Return the canonical name of an organisation surface, normalised when it is not known."""
        return self.org_name(surface) or canonical_name(surface, "ORGANIZATION", self.aliases)[0]

    def clause_start(self, end: int) -> int:
        """Return where the clause containing position `end` starts."""
        breaks = [m.end() for m in CLAUSE_BREAKS.finditer(self.masked, max(0, end - 120), end)]
        return breaks[-1] if breaks else max(0, end - 120)

    def tokens(self, start: int, end: int) -> list[_Token]:
        """Return the whitespace-separated tokens of the masked text between two positions."""
        return [_Token(start + m.start(), start + m.end(), m.group())
                for m in re.finditer(r"\S+", self.masked[start:end])]

    def looks_like_name(self, token: _Token) -> bool:
        """Return whether an untagged token reads as a Korean full name (three syllables, common surname)."""
        word = token.text
        return (re.fullmatch(r"[가-힣]{3}", word) is not None and word[0] in SURNAMES
                and word not in COUNTRIES and not word.endswith(ORG_ENDINGS + NOT_NAME_ENDINGS)
                and self.org_name(word) is None
                and self.covering(self.orgs + self.places, token) is None
                # `마이클 웰만(Michael Wellman)`: a foreign given name, not a Korean full name.
                and not re.match(r" [가-힣]+\([A-Z]", self.text[token.end:token.end + 30]))

    def name_at(self, token: _Token) -> tuple[str, int] | None:
        """Return (person, start) when a token ends a person's name with nothing glued after it."""
        person = self.covering(self.people, token)
        if person is not None:
            return (person.canonical or person.text, person.start) if person.end == token.end else None
        if token.text in self.person_names:
            return token.text, token.start  # a name the tagger typed otherwise here (`구광모` as ORGANIZATION)
        return (token.text, token.start) if self.looks_like_name(token) else None

    def is_gap_token(self, token: _Token) -> bool:
        """Return whether a token may sit between a name and its title (an organisation or place word)."""
        if self.covering(self.people, token) is not None:
            return False
        word = token.text
        if _has_particle(word):
            return False
        if self.covering(self.orgs + self.places, token) is not None or word in COUNTRIES:
            return True
        return not ("가" <= word[-1] <= "힣" and word.endswith(VERB_ENDINGS))

    def organization(self, tokens: list[_Token], glued: _Token | None, title: Title, title_start: int
                     ) -> tuple[str | None, str]:
        """Return the organisation named by the tokens before a title, and the unit hint left over."""
        while tokens and (tokens[0].text in COUNTRIES or self.covering(self.places, tokens[0])):
            tokens = tokens[1:]
        if glued is not None:
            # `LG AI연구원장`: the organisation runs up to the title and takes the shared unit (연구원).
            start = tokens[0].start if tokens else glued.start
            return self.resolve_org(self.text[start:title_start] + title.unit), ""
        if not tokens:
            return None, title.unit if len(title.unit) > 1 else ""
        org = self.covering(self.orgs, tokens[0])
        if org is not None:
            if org.start >= tokens[0].start and org.end <= title_start:
                return org.canonical or org.text, ""
            # The tagger's span runs over the name or the title (`구광모 ㈜LG`, `LG전자 CSAI`): keep the middle.
            surface = self.text[max(org.start, tokens[0].start):min(org.end, title_start)]
            return self.resolve_org(strip_particles(surface.strip(), "ORGANIZATION")), ""
        # Without a tagged organisation, take the longest known prefix (`LG AI 연구원 어드밴스드 ...`).
        for size in range(len(tokens), 0, -1):
            name = self.org_name(self.text[tokens[0].start:tokens[size - 1].end])
            if name:
                return name, ""
        span = tokens if len(tokens) <= 2 else tokens[:1]
        return self.resolve_org(self.text[span[0].start:span[-1].end]), ""


def _has_particle(word: str) -> bool:
    """Return whether a word ends in a particle (`씨가`, `LG는`), a department like `컴퓨터공학과` aside."""
    return any(not (word[cut:] == "과" and word[:cut].endswith("학")) for cut in particle_cuts(word))


def _name_first(doc: _Document, match: re.Match[str], title: Title) -> _Draft | None:
    """Return a fact from `NAME [country] [ORG] TITLE` or `NAME ORG+TITLE` ending at this title, or None."""
    title_start, title_end = match.span()
    clause = doc.clause_start(title_start)
    glued = None
    left = doc.masked[title_start - 1] if title_start else " "
    if not left.isspace() and left not in "(":
        if not title.unit:
            return None
        tokens = doc.tokens(clause, title_start)
        if not tokens or tokens[-1].end != title_start:
            return None
        glued = tokens[-1]
    tokens = doc.tokens(clause, glued.start if glued else title_start)
    gap: list[_Token] = []
    for token in reversed(tokens[-(MAX_GAP_TOKENS + 1):]):
        found = doc.name_at(token)
        if found:
            person, start = found
            org, unit = doc.organization(gap, glued, title, title_start)
            return _Draft(person, title.title, org, start, title_end, unit)
        if not doc.is_gap_token(token):
            return None
        gap.insert(0, token)
    return None


def _title_first(doc: _Document, match: re.Match[str], title: Title) -> _Draft | None:
    """Return a fact from `ORG TITLE NAME` (`LG AI연구원 원장 배경훈은`), or None."""
    title_start, title_end = match.span()
    after = re.match(r" +(\S+)", doc.masked[title_end:title_end + 20])
    if not after or not doc.text[title_end:title_end + 1].isspace():
        return None
    name_token = _Token(title_end + after.start(1), title_end + after.end(1), after.group(1))
    person = doc.covering(doc.people, name_token)
    if person is None or person.start != name_token.start:
        return None
    clause = doc.clause_start(title_start)
    gap: list[_Token] = []
    for token in reversed(doc.tokens(clause, title_start)[-4:]):
        if not doc.is_gap_token(token):
            break
        gap.insert(0, token)
    # The organisation is what ends right before the title: `한편 LG AI연구원 원장` -> LG AI연구원.
    for size in range(len(gap), 0, -1):
        tokens = gap[-size:]
        org = doc.covering(doc.orgs, tokens[0])
        if org is not None and org.start == tokens[0].start and org.end == tokens[-1].end:
            name = org.canonical or org.text
        else:
            name = doc.org_name(doc.text[tokens[0].start:tokens[-1].end])
        if name:
            return _Draft(person.canonical or person.text, title.title, name, tokens[0].start, person.end)
    return None


def _group_organization(doc: _Document, draft: _Draft) -> str | None:
    """Return ORG from a trailing `... 등 ORG 관계자` that lists this person, or None."""
    window = doc.masked[draft.end:draft.end + 60]
    window = window[:CLAUSE_BREAKS.search(window).start()] if CLAUSE_BREAKS.search(window) else window
    match = re.search(r"(?:^|\s)등\s+(\S+(?:\s+\S+){0,3}?)\s+(?:관계자|임직원|연구진|임원진|경영진)", window)
    return doc.resolve_org(match.group(1)) if match else None


def _finish(doc: _Document, drafts: list[_Draft]) -> list[RoleFact]:
    """Return the facts with missing organisations inferred and duplicates dropped."""
    known_orgs = set(doc.org_names.values()) | {d.organization for d in drafts if d.organization}
    for draft in drafts:
        if draft.organization is None:
            draft.organization = _group_organization(doc, draft)
        if draft.organization is None and draft.unit:
            # `배 연구원장`: the one organisation in this text whose name ends in 연구원.
            matches = {org for org in known_orgs if org.endswith(draft.unit)}
            draft.organization = matches.pop() if len(matches) == 1 else None
    placed = {(d.person, d.title) for d in drafts if d.organization}
    facts, seen = [], set()
    for draft in sorted(drafts, key=lambda d: d.start):
        key = (draft.person, draft.title, draft.organization)
        if key in seen or (draft.organization is None and key[:2] in placed):
            continue
        seen.add(key)
        facts.append(RoleFact(draft.person, draft.title, draft.organization, draft.start, draft.end))
    return facts


def extract_roles(text: str, mentions: list[Mention], titles: TitleLexicon, *,
                  aliases: AliasTable | None = None) -> list[RoleFact]:
    """Return the deduplicated (person, title, organisation) facts of one text, read around title words."""
    # Mentions should come from canonicalize; names and organisations the tagger missed are read from the
    # text itself, so `aliases` is needed to canonicalise those.
    doc = _Document(text, mentions, aliases)
    drafts = []
    for match in titles.pattern.finditer(text):
        title = titles.get(match.group())
        if title is None or title.kind in titles.skip_kinds or not title_ends_word(text, match.end()):
            continue
        draft = _name_first(doc, match, title) or _title_first(doc, match, title)
        # A bare surname (`구` in `구 회장`) that canonicalize could not resolve names nobody.
        if draft is not None and len(draft.person) > 1:
            drafts.append(draft)
    return _finish(doc, drafts)
