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

from bisect import bisect_right
from re import _constants as sre_c  # the parsed form of a pattern is the only place its literals are kept
from re import _parser as sre_parse

import ahocorasick_rs

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


def _first(sub) -> frozenset[str] | None:
    """Return the characters a match of the parsed (sub)pattern can start with, or None (unknown, or empty)."""
    for op, av in sub:
        if op is sre_c.AT:
            continue  # "^" and friends take no character
        if op is sre_c.LITERAL:
            return frozenset(chr(av))
        if op is sre_c.IN:
            return frozenset(chr(c) for _, c in av) if all(o is sre_c.LITERAL for o, _ in av) else None
        if op is sre_c.SUBPATTERN:
            return None if av[1] & sre_c.SRE_FLAG_IGNORECASE else _first(av[3])
        if op is sre_c.BRANCH:
            alts = [_first(b) for b in av[1]]
            return None if any(a is None for a in alts) else frozenset().union(*alts)
        if op in _REPEATS:
            return _first(av[2]) if av[0] >= 1 else None
        return None
    return None


def requirements(pattern: str, at_start: bool) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """Return (literals one of which every match contains, characters every match starts with).

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
        """Return, for each line, the literals occurring in it once case-folded (lines hold no newline)."""
        found: list[set[str]] = [set() for _ in lines]
        if self._automaton is None or not lines:
            return found
        # Folding is per character and keeps "\n", so the folded page's newlines still part its lines.
        text = "\n".join(lines).casefold()
        breaks, at = [], text.find("\n")
        while at >= 0:
            breaks.append(at)
            at = text.find("\n", at + 1)
        literals = self.literals
        for pid, start, _end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            found[bisect_right(breaks, start)].add(literals[pid])
        return found

    def __reduce__(self):  # the automaton does not pickle: rebuild it from the literals
        return type(self), (self.literals,)


class RuleIndex:
    """Rules numbered 0..n-1 in the order they are tried; `candidates` lists those a line could match.

    A rule with a literal requirement is a candidate when one of its literals occurs in the line; one
    with only a first-character requirement when the line starts with one of those; any other rule
    always. Rules with both requirements keep the first-character test in `first`, for the caller.
    """

    def __init__(self, patterns: list[str], at_start: bool):
        self.first: list[frozenset[str] | None] = []
        by_first: dict[str, list[int]] = {}
        by_literal: dict[str, list[int]] = {}
        always = []
        for rank, pattern in enumerate(patterns):
            literals, first = requirements(pattern, at_start)
            if literals is not None and first is not None and not _rare(literals):
                literals = None  # a common single character says little; the first character says more
            self.first.append(first)
            if literals is not None:
                for lit in literals:
                    by_literal.setdefault(lit, []).append(rank)
            elif first is not None:
                for ch in first:
                    by_first.setdefault(ch, []).append(rank)
            else:
                always.append(rank)
        self._always = tuple(always)
        self._by_first = {ch: tuple(r) for ch, r in by_first.items()}
        self.by_literal = {lit: tuple(r) for lit, r in by_literal.items()}

    def candidates(self, text: str, literals: set[str]) -> tuple[int, ...] | list[int]:
        """Return, in rule order, the rules that may match the text, given the literals found in it."""
        by_literal = self.by_literal
        hits = [ranks for lit in literals if (ranks := by_literal.get(lit))] if literals else None
        by_first = self._by_first.get(text[:1])
        if not hits and by_first is None:
            return self._always  # most lines: no rule's literal, no rule's first character
        found = set(self._always)
        if by_first is not None:
            found.update(by_first)
        for ranks in hits or ():
            found.update(ranks)
        return sorted(found)
