"""Canonical entities: particle stripping, alias merging, in-document coreference and stable ids."""
from __future__ import annotations

import csv
import hashlib
import operator
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from transforms.types import Mention

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

NAME_TYPES = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

# Trailing Josa (and a few copula/quotative endings), longest first so `에서는` wins over `는`.
PARTICLES = tuple(sorted({
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "로", "으로", "도", "만",
    "에서", "에게", "께서", "까지", "부터", "처럼", "보다", "하고", "이랑", "이나",
    "이다", "였다", "이었다", "이며", "이고", "이라고", "라고", "이라는", "라는", "이란",
    "에서는", "에서도", "에서의", "에서부터", "에게서", "에게는", "으로는", "로는", "으로서", "로서",
    "으로써", "로써", "으로부터", "로부터", "에는", "에도", "와의", "과의", "와는", "과는", "까지의",
    "측", "측은", "측이", "측의", "측도", "측에", "측에서", "측과", "측와",
}, key=len, reverse=True))

# Particles whose form depends on whether the stem ends in a consonant (받침).
AFTER_CONSONANT = ("은", "이", "을", "과", "으")
AFTER_VOWEL = ("는", "가", "를", "와", "로", "라", "였")
# Place names end in these syllables too: 제주도, 세종로, 대만.
NOT_AFTER_LOCATION = ("도", "로", "만")

# Two-syllable surnames; every other Korean surname is one syllable.
COMPOUND_SURNAMES = frozenset({"남궁", "제갈", "선우", "황보", "독고", "사공", "서문", "동방", "망절"})

# The most common Korean surnames: an untagged full name is three syllables starting with one of these.
SURNAMES = frozenset(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 "
    "구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용".split()
)

# Countries written between a name and a foreign organisation: `이홍락 미국 미시건 대학교 교수`.
COUNTRIES = frozenset({
    "미국", "캐나다", "영국", "중국", "일본", "독일", "프랑스", "한국", "국내", "이스라엘", "인도",
    "호주", "싱가포르", "스위스", "네덜란드", "스웨덴", "대만", "홍콩", "러시아", "이탈리아", "스페인",
})

# Titles of bylines: `구윤모 기자` is never what `구 회장` refers to.
REPORTER_TITLES = ("기자", "특파원")
_REPORTER_AFTER = re.compile(rf"\s*(?:{'|'.join(REPORTER_TITLES)})")

# Company markers that are not part of the name: ㈜LG, (주)LG, 주식회사 LG.
CORPORATE_MARKERS = re.compile(r"\(\s*주\s*\)|주식회사|\(\s*유\s*\)")
QUOTES = "'\"‘’“”「」『』《》〈〉<>"
HANGUL_NAME = re.compile(r"[가-힣]{2,4}")
# What may follow a title word inside the same word: a particle, the copula, 님 (회장님), 직 (회장직).
WORD_ENDINGS = PARTICLES + ("다", "님", "직", "였", "인", "으로")


@dataclass(frozen=True, slots=True)
class AliasTable:
    """Alias dictionary: normalised alias keys to canonical names, regex patterns, and title words."""

    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (type or "", key) -> canonical
    patterns: tuple[tuple[str, re.Pattern[str], str], ...] = ()  # (type or "", regex, replacement)
    titles: frozenset[str] = frozenset()  # words that make `구 회장` a short reference to a person

    def lookup(self, name: str, type: str) -> str | None:
        """Return the canonical name for an alias of this type, or None."""
        key = name_key(name)
        return self.names.get((type, key)) or self.names.get(("", key))

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str, str]], titles: tuple[str, ...] = ()) -> AliasTable:
        """Return a table built from (type, canonical, alias) rows."""
        names: dict[tuple[str, str], str] = {}
        patterns = []
        for type_, canonical, alias in rows:
            if alias.startswith("re:"):
                patterns.append((type_, re.compile(alias[3:]), canonical))
                continue
            # The canonical name is an alias of itself.
            names.setdefault((type_, name_key(canonical)), canonical)
            names[(type_, name_key(alias))] = canonical
        return cls(names, tuple(patterns), frozenset(t for t in titles if t))


def read_seed_csv(path: Path) -> list[dict[str, str]]:
    """Return the rows of a CSV with a header, skipping blank and `#` comment lines."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def load_aliases(seeds_dir: Path | None = None) -> AliasTable:
    """Return the alias table of `seeds/aliases.csv`, with the title words of `seeds/titles.csv` when present."""
    seeds = seeds_dir or SEEDS_DIR
    rows = [(r["type"], r["canonical"], r["alias"]) for r in read_seed_csv(seeds / "aliases.csv")]
    titles_path = seeds / "titles.csv"
    titles = tuple(r["title"] for r in read_seed_csv(titles_path)) if titles_path.exists() else ()
    return AliasTable.from_rows(rows, titles)


# Particles by their last character: a surface is checked only against those it can end with.
_PARTICLES_BY_LAST: dict[str, tuple[str, ...]] = {}
for _particle in PARTICLES:
    _PARTICLES_BY_LAST[_particle[-1]] = _PARTICLES_BY_LAST.get(_particle[-1], ()) + (_particle,)

# A one- or two-syllable word before a space: where a surname (`구`, `남궁`) may stand for a full name.
_SHORT_WORD_RE = re.compile(r"(?<![가-힣A-Za-z0-9])([가-힣]{1,2}) (?=\S)")
_KEY_SEPARATORS = re.compile(r"[\s·\-_.]+")
_MENTION_VALUES = operator.attrgetter(*(f.name for f in fields(Mention)))  # every field, in order


def replace(mention: Mention, **changes) -> Mention:
    """Return a copy of a mention with some fields changed (dataclasses.replace, without its generic overhead)."""
    copy = Mention(*_MENTION_VALUES(mention))
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def name_key(name: str) -> str:
    """Return the matching key of a name: NFKC, case-folded, no spaces, no company markers."""
    folded = CORPORATE_MARKERS.sub("", unicodedata.normalize("NFKC", name)).casefold()
    return _KEY_SEPARATORS.sub("", folded)


def entity_id(type: str, canonical: str) -> str:
    """Return the stable id of an entity: the first 16 hex digits of sha1("TYPE:canonical")."""
    return hashlib.sha1(f"{type}:{canonical}".encode()).hexdigest()[:16]


def _has_final_consonant(char: str) -> bool | None:
    """Return whether a Hangul syllable ends in a consonant, or None for other characters."""
    if not "가" <= char <= "힣":
        return None
    return (ord(char) - 0xAC00) % 28 != 0


def _fits_stem(stem: str, particle: str) -> bool:
    """Return whether a particle's form agrees with the stem it follows (는 after a vowel, 은 after a consonant)."""
    final = _has_final_consonant(stem[-1])
    if final is None:
        return True  # LG는 / LG가 both occur: Latin letters and digits are read either way.
    if particle.startswith(AFTER_CONSONANT):
        return final
    if particle.startswith("로") or particle.startswith(AFTER_VOWEL):
        # 로 also follows ㄹ: 서울로.
        return not final or (particle.startswith("로") and (ord(stem[-1]) - 0xAC00) % 28 == 8)
    return True


def particle_cuts(surface: str) -> list[int]:
    """Return the positions where a trailing particle could start, longest particle first."""
    cuts = []
    for particle in _PARTICLES_BY_LAST.get(surface[-1:], ()):
        stem = surface[: -len(particle)]
        if surface.endswith(particle) and stem.strip() and _fits_stem(stem.rstrip(), particle):
            cuts.append(len(stem))
    return cuts


def _kiwi_cut(surface: str, kiwi: Kiwi) -> int | None:
    """Return where Kiwi's trailing run of particles/endings starts, or None when it sees none."""
    tokens = kiwi.tokenize(surface)
    cut = None
    for token in reversed(tokens):
        if token.tag.startswith(("J", "E", "VCP")) or (token.tag == "NNB" and token.form == "측"):
            cut = token.start
        else:
            break
    return cut if cut is not None and cut < len(surface) else None


def _conservative_ok(surface: str, cut: int, type: str) -> bool:
    """Return whether the suffix list may cut here without Kiwi's help."""
    stem, particle = surface[:cut].rstrip(), surface[cut:]
    if type == "LOCATION" and particle in NOT_AFTER_LOCATION:
        return False
    if len(stem.split()[-1]) < 2:
        return False  # `이가`, `구는`, `마이클 웰만`: too short to tell a name from a particle.
    if type == "PERSON" and particle == "만":
        return False  # 호프만, 웰만: common at the end of foreign names.
    # `컴퓨터공학과` is a department, not `컴퓨터공학` + 과.
    if particle == "과" and stem.endswith("학"):
        return False
    # Most Korean names have three syllables: `김가은` must not lose its 은.
    if type == "PERSON" and len(particle) == 1 and HANGUL_NAME.fullmatch(surface) and len(stem) < 3:
        return False
    return True


def strip_particles(surface: str, type: str, *, kiwi: Kiwi | None = None) -> str:
    """Return the surface without one trailing run of Josa; uses Kiwi's analysis when a Kiwi is given."""
    surface = surface.rstrip()
    cuts = particle_cuts(surface)
    if not cuts:
        return surface
    if kiwi is not None:
        kiwi_cut = _kiwi_cut(surface, kiwi)
        if kiwi_cut is None:
            return surface
        if kiwi_cut in cuts and len(surface[:kiwi_cut].strip()) >= 2:
            return surface[:kiwi_cut].rstrip()
        # Kiwi splits names oddly (`배경훈은` -> 배경/후/ㄴ/은); fall back to the list.
    for cut in cuts:
        if _conservative_ok(surface, cut, type):
            return surface[:cut].rstrip()
    return surface


def display_name(surface: str) -> str:
    """Return a name as it should be shown: NFKC, no company markers or quotes, single spaces."""
    name = CORPORATE_MARKERS.sub(" ", unicodedata.normalize("NFKC", surface))
    return " ".join(name.strip(QUOTES + " ").split())


def canonical_name(surface: str, type: str, aliases: AliasTable) -> tuple[str, bool]:
    """Return the canonical name of a surface and whether the alias table supplied it."""
    name = display_name(surface)
    hit = aliases.lookup(name, type)
    if hit:
        return hit, True
    for pattern_type, pattern, replacement in aliases.patterns:
        if pattern_type in ("", type) and pattern.search(name):
            name = pattern.sub(replacement, name)
            hit = aliases.lookup(name, type)
            if hit:
                return hit, True
    return name, False


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span without surrounding spaces, quotes and unbalanced brackets."""
    while start < end and (text[start].isspace() or text[start] in QUOTES
                           or (text[start] == "(" and ")" not in text[start:end])):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTES
                           or (text[end - 1] == ")" and "(" not in text[start:end])):
        end -= 1
    if end - start > 2 and text[start] == "(" and text[end - 1] == ")":
        return _trim_span(text, start + 1, end - 1)
    return start, end


def _surname(name: str) -> str | None:
    """Return the surname of a Korean full name (two to four syllables), or None."""
    if not HANGUL_NAME.fullmatch(name):
        return None
    return name[:2] if len(name) == 4 and name[:2] in COMPOUND_SURNAMES else name[0]


@lru_cache(maxsize=8)
def _title_pattern(titles: frozenset[str]) -> re.Pattern[str] | None:
    """Return a regex matching any title word, longest first, or None without titles."""
    if not titles:
        return None
    words = sorted(titles, key=len, reverse=True)
    return re.compile("|".join(r"\s*".join(map(re.escape, w.split())) for w in words))


def title_ends_word(text: str, end: int) -> bool:
    """Return whether a title ending at `end` is a whole word (`회장은` yes, `대표해`, `교수진` no)."""
    if end >= len(text):
        return True
    if "가" <= text[end] <= "힣":
        return text.startswith(WORD_ENDINGS, end)
    return not text[end].isalnum()


def _trim_person_title(text: str, mention: Mention, titles: re.Pattern[str] | None) -> Mention:
    """Return a PERSON mention without a trailing title or country word (`구 회장` -> `구`, `이홍락 미국` -> `이홍락`)."""
    surface = text[mention.start:mention.end]
    for match in (re.fullmatch(r"(.+?)\s+(.+)", surface), re.fullmatch(r"(.+)\s+(\S+)", surface)):
        if match and (match.group(2) in COUNTRIES or (titles is not None and titles.fullmatch(match.group(2)))):
            end = mention.start + match.end(1)
            return replace(mention, end=end, text=text[mention.start:end])
    return mention


def _full_names(text: str, mentions: list[Mention], titles: re.Pattern[str] | None
                ) -> list[tuple[int, str, str]]:
    """Return (start, surname, full name) of the Korean full names a surname can refer to, in text order."""
    found = []
    for m in mentions:
        surname = _surname(m.canonical or "") if m.type == "PERSON" else None
        if surname and len(m.canonical) > len(surname):
            found.append((m.start, surname, m.canonical))
    # The tagger may miss or mistype a name (`구광모` as ORGANIZATION); `구광모 (㈜LG) 대표` still introduces it.
    for match in re.finditer(r"(?<![가-힣A-Za-z0-9])([가-힣]{3}) ", text) if titles else ():
        word = match.group(1)
        if word[0] not in SURNAMES or word.endswith(("는", "은", "을", "를", "의", "에", "가", "와", "과", "도")):
            continue
        after = [match.end()]
        next_word = re.match(r"\S+ ", text[match.end():match.end() + 30])
        if next_word:
            after.append(match.end() + next_word.end())
        for position in after:
            title = titles.match(text, position)
            if title and title_ends_word(text, title.end()) and title.group() not in REPORTER_TITLES:
                found.append((match.start(), word[0], word))
                break
    bylines = {name for _, _, name in found if _followed_by_reporter_title(text, name)}
    return sorted({entry for entry in found if entry[2] not in bylines})


def _followed_by_reporter_title(text: str, name: str) -> bool:
    """Return whether the name stands somewhere in text right before `기자` or `특파원`."""
    at = text.find(name)
    while at >= 0:
        if _REPORTER_AFTER.match(text, at + len(name)):
            return True
        at = text.find(name, at + 1)
    return False


def _referent(surname: str, start: int, full_names: list[tuple[int, str, str]], *,
              earlier_only: bool) -> str | None:
    """Return the full name a surname at `start` refers to: the latest one before it, else the only one."""
    earlier = [name for s, sur, name in full_names if sur == surname and s < start]
    if earlier:
        return earlier[-1]
    anywhere = {name for _, sur, name in full_names if sur == surname}
    return anywhere.pop() if len(anywhere) == 1 and not earlier_only else None


def _find_short_references(text: str, mentions: list[Mention], full_names: list[tuple[int, str, str]],
                           titles: re.Pattern[str] | None) -> list[Mention]:
    """Return PERSON mentions for untagged `구 회장`-style references (span: the surname alone)."""
    surnames = {sur for _, sur, _ in full_names}
    if titles is None or not surnames:
        return []
    taken = [(m.start, m.end) for m in mentions]
    found = []
    # A space is required: glued forms like `이사장` would otherwise read as 이 + 사장.
    for match in _SHORT_WORD_RE.finditer(text):
        if match.group(1) not in surnames:
            continue
        title = titles.match(text, match.end())
        if not title or not title_ends_word(text, title.end()):
            continue
        start, end = match.span(1)
        if any(s < title.end() and start < e for s, e in taken):
            continue
        target = _referent(text[start:end], start, full_names, earlier_only=True)
        if target:
            found.append(Mention(start, end, "PERSON", text[start:end], origin="rule", canonical=target))
    return found


def _resolve_people(mentions: list[Mention], full_names: list[tuple[int, str, str]]) -> list[Mention]:
    """Return the mentions with surname-only PERSON mentions pointed at their full names."""
    surnames = {sur for _, sur, _ in full_names}
    resolved = []
    for m in mentions:
        if m.type == "PERSON" and m.canonical in surnames:
            target = _referent(m.canonical, m.start, full_names, earlier_only=False)
            m = replace(m, canonical=target) if target else m
        resolved.append(m)
    return resolved


def _merge_variants(mentions: list[Mention], known: set[tuple[str, str]]) -> list[Mention]:
    """Return the mentions with spelling variants of one name (`LG AI 연구원`/`LG AI연구원`) merged."""
    by_key: dict[tuple[str, str], Counter[str]] = {}
    for m in mentions:
        if m.type in NAME_TYPES:
            weight = 1000 if (m.type, m.canonical) in known else 1  # the dictionary's spelling wins
            by_key.setdefault((m.type, name_key(m.canonical)), Counter())[m.canonical] += weight
    chosen = {key: counts.most_common(1)[0][0] for key, counts in by_key.items()}
    # A short organisation name (`AI연구원`) that ends exactly one dictionary name in the same text is that
    # one; undictionaried longer names are often a place plus the name (`앤아버 LG AI 리서치 센터`).
    orgs = {key: name for (type_, key), name in chosen.items() if type_ == "ORGANIZATION"}
    for key, name in orgs.items():
        longer = {n for k, n in orgs.items()
                  if len(k) > len(key) and k.endswith(key) and ("ORGANIZATION", n) in known}
        if len(key) >= 4 and len(longer) == 1 and ("ORGANIZATION", name) not in known:
            chosen[("ORGANIZATION", key)] = longer.pop()
    return [replace(m, canonical=chosen[(m.type, name_key(m.canonical))]) if m.type in NAME_TYPES else m
            for m in mentions]


def canonicalize(text: str, mentions: list[Mention], aliases: AliasTable, *,
                 kiwi: Kiwi | None = None) -> list[Mention]:
    """Return new mentions with particles trimmed, canonical names, coreferences resolved and entity ids."""
    titles = _title_pattern(aliases.titles)
    trimmed: list[Mention] = []
    known: set[tuple[str, str]] = set()
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if m.type not in NAME_TYPES:
            trimmed.append(replace(m, canonical=m.normalized or m.text))
            continue
        start, end = _trim_span(text, m.start, m.end)
        surface = text[start:end]
        # The dictionary knows `LG화학` in `LG화학과`, which the conservative rule keeps whole.
        stem = None if aliases.lookup(surface, m.type) else next(
            (surface[:cut].rstrip() for cut in particle_cuts(surface) if aliases.lookup(surface[:cut], m.type)),
            None)
        surface = stem or strip_particles(surface, m.type, kiwi=kiwi)
        start, end = _trim_span(text, start, start + len(surface))
        if end <= start:
            continue
        m = replace(m, start=start, end=end, text=text[start:end])
        if m.type == "PERSON":
            m = _trim_person_title(text, m, titles)
        canonical, from_dictionary = canonical_name(m.text, m.type, aliases)
        if from_dictionary:
            known.add((m.type, canonical))
        trimmed.append(replace(m, canonical=canonical))
    full_names = _full_names(text, trimmed, titles)
    trimmed += _find_short_references(text, trimmed, full_names, titles)
    trimmed.sort(key=lambda m: (m.start, m.end))
    merged = _merge_variants(_resolve_people(trimmed, full_names), known)
    return [replace(m, entity_id=entity_id(m.type, m.canonical)) for m in merged]
