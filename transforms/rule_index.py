"""Which lexicon rules could match a line, found from the literal text every match must contain.

Python's `re` tries the branches of an alternation one by one at every position, so testing a line
against the whole lexicon in one big alternation costs 10-20 µs even when nothing matches, and more
as the lexicon grows. Most rules cannot match without some literal text ("무단", "기자", "©"), and
whole-line rules without some first character. Each rule's requirement is read from its parsed
pattern once. One Aho-Corasick automaton over every rule's literals then scans all the lines of a
page in a single call (`LiteralScanner`), and for each line only the rules whose literal was seen
(or whose first character fits) are run with their own pattern (`RuleIndex`). The index only narrows
the rules down: the caller runs each candidate's `re` pattern in rule order, so the answer is exactly
the one trying every rule gives.

A requirement is sound by construction: literals are read only from parts of a pattern that every
match goes through (not optional repeats, not negative lookarounds, not case-insensitive groups);
anything the reader does not know makes the rule "always a candidate".
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_right
from itertools import accumulate
from re import _constants as sre_c  # the parsed form of a pattern is the only place its literals are kept
from re import _parser as sre_parse

import ahocorasick_rs

_NONE: frozenset[str] = frozenset()  # a line without literals (shared, never changed)
_NEWLINE_RE = re.compile("\n")
_REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT)
_CLASS_CHARS_MAX = 8  # a character class of at most this many literal characters counts as a literal set


def _pick(options: list[frozenset[str]]) -> frozenset[str] | None:
    """Return the most selective of several requirements that all hold (longest shortest literal, fewest)."""
    options = [o for o in options if o]
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), _rare(s), -len(s)))


def _rare(lits: frozenset[str]) -> bool:
    """Return whether none of the literals is a single common character (an ASCII sign or a syllable)."""
    return not any(len(s) == 1 and (s.isascii() or "가" <= s <= "힣") for s in lits)


def _required(sub) -> frozenset[str] | None:
    """Return literals one of which occurs in every string the parsed (sub)pattern matches, or None."""
    options, run = [], []

    def flush():
        if run:
            options.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in sub:
        if op is sre_c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is sre_c.SUBPATTERN:
            _group, add_flags, _del_flags, p = av
            if not add_flags & sre_c.SRE_FLAG_IGNORECASE:
                options.append(_required(p))
        elif op is sre_c.BRANCH:
            alts = [_required(b) for b in av[1]]
            options.append(None if any(a is None for a in alts) else frozenset().union(*alts))
        elif op in _REPEATS:
            low, _high, p = av
            if low >= 1:
                options.append(_required(p))
        elif op is sre_c.ATOMIC_GROUP:
            options.append(_required(av))
        elif op is sre_c.ASSERT:  # a lookaround that must hold: its text is in the line too
            options.append(_required(av[1]))
        elif op is sre_c.IN and len(av) <= _CLASS_CHARS_MAX and all(o is sre_c.LITERAL for o, _ in av):
            options.append(frozenset(chr(c) for _, c in av))
    flush()
    return _pick(options)


_CATEGORY_CLASSES = {sre_c.CATEGORY_DIGIT: r"\d", sre_c.CATEGORY_SPACE: r"\s"}
_RANGE_CHARS_MAX = 256  # a longer range ("가-힣") tells too little to index by


def _class(items) -> tuple[frozenset[str], str] | None:
    """Return a character class's characters and its \\d and \\s items as class text, or None (it tells too little)."""
    chars, rest = set(), []
    for op, av in items:
        if op is sre_c.LITERAL:
            chars.add(chr(av))
        elif op is sre_c.RANGE and av[1] - av[0] < _RANGE_CHARS_MAX:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        elif op is sre_c.CATEGORY and av in _CATEGORY_CLASSES:
            rest.append(_CATEGORY_CLASSES[av])
        else:
            return None  # a negated class, or a category such as \w
    return frozenset(chars), "".join(rest)


_ZERO_WIDTH = (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT)  # anchors and lookarounds take no character


def _starts(sub) -> tuple[set[str], list[str], bool] | None:
    """Return (characters, class items, whether it may match empty) a match of the parsed (sub)pattern starts with.

    An optional part ("(?:본문\\s*)?글자") adds its own first characters to those of what follows it.
    None when some first character is not known (".", a negated class, a long range).
    """
    chars: set[str] = set()
    items: list[str] = []
    for op, av in sub:
        if op in _ZERO_WIDTH:
            continue
        if op is sre_c.LITERAL:
            got = {chr(av)}, [], False
        elif op is sre_c.IN:
            cls = _class(av)
            if cls is None:
                return None
            got = set(cls[0]), [cls[1]] if cls[1] else [], False
        elif op is sre_c.SUBPATTERN:
            got = None if av[1] & sre_c.SRE_FLAG_IGNORECASE else _starts(av[3])
        elif op is sre_c.BRANCH:
            alts = [_starts(b) for b in av[1]]
            got = None if any(x is None for x in alts) else (
                set().union(*(x[0] for x in alts)), [i for x in alts for i in x[1]], any(x[2] for x in alts))
        elif op in _REPEATS:
            inner = _starts(av[2])
            got = None if inner is None else (inner[0], inner[1], inner[2] or av[0] == 0)
        else:
            return None
        if got is None:
            return None
        chars |= got[0]
        items.extend(got[1])
        if not got[2]:
            return chars, items, False
    return chars, items, True


def _first(sub) -> tuple[frozenset[str], str] | None:
    """Return what every match of the parsed (sub)pattern starts with, as _class gives it, or None (unknown, or empty)."""
    got = _starts(sub)
    if got is None or got[2]:
        return None
    return frozenset(got[0]), "".join(dict.fromkeys(got[1]))


def first_chars(pattern: str) -> frozenset[str] | None:
    """Return the characters a match of the pattern (without flags) can start with, or None when it does not tell."""
    first = _first(sre_parse.parse(pattern))
    return first[0] if first is not None and not first[1] else None


def lead(chars, extra: str = "") -> str:
    """Return a lookahead failing at once where no match can start: a class of the characters, then `extra` items.

    Put before a pattern whose every match starts with one of them, it changes no match, and spares
    `re` trying each of the pattern's branches at every position of a long line.
    """
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(chars)) + extra + "])"


@functools.lru_cache(maxsize=4096)  # a book's prose rules are indexed twice
def requirements(pattern: str, at_start: bool) -> tuple[frozenset[str] | None, tuple[frozenset[str], str] | None]:
    """Return (literals one of which every match contains, what every match starts with as _class gives it).

    `at_start`: the pattern is only ever matched at the start of the text (whole-line rules); a "^"
    pattern is too. Either part is None when the pattern does not tell.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - a pattern re itself rejects is reported where it is compiled
        return None, None
    if parsed.state.flags & sre_c.SRE_FLAG_IGNORECASE:
        return None, None
    anchored = at_start or (len(parsed) > 0 and parsed[0] == (sre_c.AT, sre_c.AT_BEGINNING))
    return _required(parsed), (_first(parsed) if anchored else None)


class LiteralScanner:
    """Finds which of a set of literals occur in each of many lines, all lines in one automaton call."""

    def __init__(self, literals):
        self.literals = tuple(sorted(set(literals)))
        self._automaton = (ahocorasick_rs.AhoCorasick(self.literals, matchkind=ahocorasick_rs.MatchKind.Standard)
                           if self.literals else None)

    def scan(self, lines: list[str]) -> list[set[str]]:
        """Return, for each line, the literals occurring in it once case-folded (lines hold no newline).

        A line with none gets one shared empty frozenset: the sets are for reading.
        """
        found: list[set[str]] = [_NONE] * len(lines)
        if self._automaton is None or not lines:
            return found
        text = "\n".join(lines).casefold()
        if len(text) == sum(map(len, lines)) + len(lines) - 1:
            ends = list(accumulate(map((1).__add__, map(len, lines))))  # where each next line starts
        else:  # folding lengthened a letter ("ß" -> "ss"); it is per character and keeps "\n"
            ends = [m.end() for m in _NEWLINE_RE.finditer(text)]
        ends.append(len(text) + 1)  # past the last line
        literals, i, line_start, line_end = self.literals, 0, 0, ends[0]
        # Matches come in the order they end, so the line is mostly the last one's: bisect only on a change.
        for pid, start, _end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            if not line_start <= start < line_end:
                i = bisect_right(ends, start)
                line_start, line_end = (ends[i - 1] if i else 0), ends[i]
            if found[i] is _NONE:
                found[i] = set()
            found[i].add(literals[pid])
        return found

    def __reduce__(self):  # the automaton does not pickle: rebuild it from the literals
        return type(self), (self.literals,)


class RuleIndex:
    """Rules numbered 0..n-1 in the order they are tried; `candidates` lists those a line could match.

    A rule with a literal requirement is a candidate when one of its literals occurs in the line; one
    with only a first-character requirement when the line starts with one of those (or with a digit or
    a space, for "\\d" and "\\s"); any other rule always. Rules with both requirements keep the
    first-character set in `first`, for the caller to test.
    """

    def __init__(self, patterns: list[str], at_start: bool, ranks: list[int] | None = None):
        """Index the patterns; `ranks`: the number each one has in the caller's list (default: its position).

        `first` and `how` follow the order of `patterns`.
        """
        self.first: list[frozenset[str] | None] = []
        self.how: list[str] = []  # per rule: what makes it a candidate ("literal", "first", "class", "always")
        by_first: dict[str, list[int]] = {}
        by_literal: dict[str, list[int]] = {}
        by_class: list[tuple[int, str]] = []
        always = []
        for rank, pattern in zip(ranks if ranks is not None else range(len(patterns)), patterns):
            literals, first = requirements(pattern, at_start)
            if literals is not None and first is not None and not _rare(literals):
                literals = None  # a common single character says little; the first character says more
            self.first.append(first[0] if first is not None and not first[1] else None)
            if literals is not None:
                self.how.append("literal")
                for lit in literals:
                    by_literal.setdefault(lit, []).append(rank)
            elif first is not None and not first[1]:
                self.how.append("first")
                for ch in first[0]:
                    by_first.setdefault(ch, []).append(rank)
            elif first is not None:
                self.how.append("class")
                by_class.append((rank, "".join(re.escape(ch) for ch in sorted(first[0])) + first[1]))
            else:
                self.how.append("always")
                always.append(rank)
        self._always = tuple(always)
        # the rules a line is a candidate for before its literals count: by its first character
        self._start = {ch: tuple(sorted({*always, *ranks})) for ch, ranks in by_first.items()}
        self._classes = [(re.compile(f"[{cls}]"), rank) for rank, cls in by_class]
        self._heads: dict[str, tuple[int, ...]] = {}  # first character -> its rules, worked out once
        self.by_literal = {lit: tuple(r) for lit, r in by_literal.items()}

    def _head(self, head: str) -> tuple[int, ...]:
        """Return the rules a line starting with `head` is a candidate for before its literals count."""
        start = self._start.get(head, self._always)
        extra = [rank for cls, rank in self._classes if head and cls.match(head)]  # a line led by a digit, say
        if extra:
            start = tuple(sorted({*start, *extra}))
        if len(self._heads) < 100_000:
            self._heads[head] = start
        return start

    def candidates(self, text: str, literals: set[str]) -> tuple[int, ...] | list[int]:
        """Return, in rule order, the rules that may match the text, given the literals found in it."""
        head = text[:1]
        start = self._heads.get(head)
        if start is None:
            start = self._head(head)
        if not literals:
            return start
        by_literal = self.by_literal
        hits = [ranks for lit in literals if (ranks := by_literal.get(lit))]
        if not hits:
            return start  # most lines: none of this book's literals
        if len(hits) == 1 and not start:
            return hits[0]  # already in rule order
        found = set(start)
        for ranks in hits:
            found.update(ranks)
        return sorted(found)
