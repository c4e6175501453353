"""Tests of the lexicon's rule index: what each rule needs, the page scan, and answers equal to trying every rule."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsetl.eval_clean import read_page
from transforms import clean
from transforms.rule_index import LiteralScanner, RuleIndex, requirements

PAGES = Path(__file__).resolve().parents[2] / "tests" / "eval" / "pages"


@pytest.mark.parametrize(("pattern", "literals", "first"), [
    (r"무단\s*(?:전재|복제)", {"무단"}, None),
    (r"(?:전재|복제)\s*금지", {"금지"}, None),  # of two required parts, the one with fewer choices
    (r"(?:무단전재|불법복제)\s*금지", {"무단전재", "불법복제"}, None),  # of two, the one with longer literals
    (r"기사\s*(?:더\s*보기|목록)", {"기사"}, None),
    (r"(?:[^\s]{1,8}\s*)?많이\s*본", {"많이"}, None),  # an optional prefix says nothing
    (r"(?:인기)?\s*뉴스", {"뉴스"}, None),
    (r"(?!광고)보도자료", {"보도자료"}, None),  # a negative lookahead says nothing
    (r"(?=.*℃)날씨", {"날씨"}, None),
    (r"[©ⓒ]\s*\S+", {"©", "ⓒ"}, None),
    (r"^[\[【]\s*표", {"표"}, {"[", "【"}),
    (r"(?i:copyright)\s*\d{4}", None, None),  # case-insensitive text is not a literal
    (r"(?i)copyright", None, None),
    (r"\d+\s*%", {"%"}, None),
    (r"[\d,.]+", None, None),
    (r"a|\d", None, None),  # one branch without a literal: nothing is required
])
def test_requirements_of_a_searched_pattern(pattern, literals, first):
    got_literals, got_first = requirements(pattern, at_start=False)
    assert (set(got_literals) if got_literals is not None else None) == literals
    assert (set(got_first[0]) if got_first is not None else None) == first


@pytest.mark.parametrize(("pattern", "first"), [
    (r"(?:가|가\+|가-|인쇄)", ({"가", "인"}, "")),
    (r"[◀◁<\[]\s*앵커", ({"◀", "◁", "<", "["}, "")),
    (r"\s*앵커", ({"앵"}, r"\s")),  # a space, or what follows the optional spaces
    (r"(?:본문\s*)?(?:글자|글씨)\s*크기", ({"본", "글"}, "")),  # an optional start adds its own first letters
    (r"(?:가\s*)?", None),  # may match empty
    (r".{0,30}기자였습니다", None),
    (r"(?:홈|home)\s*>", ({"홈", "h"}, "")),
    (r"(?:)?x", ({"x"}, "")),  # an empty start takes no character
    (r"[\d,.]+", ({",", "."}, r"\d")),  # a digit: kept as a class
    (r"[\s|/]+", ({"|", "/"}, r"\s")),
    (r"[0-3]\d", ({"0", "1", "2", "3"}, "")),  # a short range: its characters
    (r"[가-힣]{2,4}\s*기자", None),  # a long range tells too little
    (r"[^<]+>", None),
])
def test_first_characters_of_a_whole_line_pattern(pattern, first):
    _, got = requirements(pattern, at_start=True)
    assert ((set(got[0]), got[1]) if got is not None else None) == first


def test_scanner_attributes_overlapping_literals_to_their_lines():
    scanner = LiteralScanner(["기자", "자료", "copyright", "ⓒ"])
    found = scanner.scan(["홍길동 기자료 제공", "", "COPYRIGHT ⓒ 한빛일보", "아무것도 없다"])
    assert found == [{"기자", "자료"}, set(), {"copyright", "ⓒ"}, set()]


def test_scanner_keeps_lines_apart_when_folding_lengthens_letters():
    scanner = LiteralScanner(["무단", "strasse"])
    # "ß" folds to "ss": the folded page is longer than the lines, and a literal may only appear folded
    found = scanner.scan(["Straße ßß", "무단 전재", "", "STRASSE 무단"])
    assert found == [{"strasse"}, {"무단"}, set(), {"strasse", "무단"}]
    assert scanner.scan(["Straße 무단"]) == [{"strasse", "무단"}]  # one line, no newline to part it


def test_scanner_without_literals_and_after_pickling():
    assert LiteralScanner([]).scan(["무단 전재"]) == [set()]
    scanner = pickle.loads(pickle.dumps(LiteralScanner(["무단"])))
    assert scanner.scan(["무단 전재 금지", "본문"]) == [{"무단"}, set()]


def test_index_candidates_are_in_rule_order():
    index = RuleIndex([r"무단\s*전재", r"^[\[【]\s*표", r"[\d,.]+", r"기사\s*목록", r"^\d+"], at_start=False)
    assert index.candidates("[표] 기사 목록", {"기사"}) == [1, 2, 3]
    assert index.candidates("본문", set()) == (2,)  # no literal, no first character: always tried
    assert index.candidates("3위 기사 목록", {"기사"}) == [2, 3, 4]  # led by a digit
    assert index.candidates("Ⅲ 기사", set()) == (2,)  # a Roman numeral is no decimal digit


def _first_match(book, low: str, sentence: bool):
    """Return what trying every rule of the book in order gives (the answer the index must keep)."""
    n = len(low)
    for test, reason, anchor, max_len, on_sentence, _first in book.rules:
        if n <= max_len and (on_sentence or not sentence) and test(low):
            return reason, anchor
    return None


def _lexicon_lines() -> list[str]:
    """Return the golden pages' lines, normalised as the cleaner sees them."""
    lines = set()
    for path in sorted(PAGES.glob("*.txt")):
        lines.update(clean._norm_lines(read_page(path).splitlines()))
    return sorted(line for line in lines if line)


def test_index_answers_as_trying_every_rule_on_the_golden_pages():
    lex = clean.load_lexicon()
    lines = _lexicon_lines()
    assert len(lines) > 1000
    hits = 0
    for line, literals in zip(lines, lex.scanner.scan(lines)):
        low = line.casefold()
        for book in (lex.line_rules, lex.contains_rules):
            for sentence in (False, True):
                expected = _first_match(book, low, sentence)
                hits += expected is not None
                assert clean._match_rules(book, low, sentence, literals) == expected, line
    assert hits > 500  # the pages do exercise the rules


def _rule_text():
    """Return text made of pieces of the lexicon's own patterns, so that rules do fire."""
    lex = clean.load_lexicon()
    pieces = sorted({lit for book in (lex.line_rules, lex.contains_rules) for lit in book.index.by_literal})
    filler = st.sampled_from([" ", "  ", "2024.10.15", "12:30", "홍길동", "|", "/", "=", ">", ":", "-", ".", "가+",
                              "제공", "©", "[", "]", "(", ")", "다.", "A", "1", "기자"])
    return st.lists(st.one_of(st.sampled_from(pieces), filler, st.text(max_size=3)), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(_rule_text(), st.booleans())
def test_index_answers_as_trying_every_rule_on_made_up_lines(text, sentence):
    lex = clean.load_lexicon()
    line = clean._norm_line(text)
    literals = lex.scanner.scan([line])[0]
    low = line.casefold()
    for book in (lex.line_rules, lex.contains_rules):
        assert clean._match_rules(book, low, sentence, literals) == _first_match(book, low, sentence)


def test_most_lexicon_rules_are_found_by_a_literal():
    lex = clean.load_lexicon()
    for book in (lex.line_rules, lex.contains_rules):
        how = book.index.how
        assert len(how) == len(book.rules)
        # a lexicon where few rules need a literal would quietly be as slow as trying them all
        assert how.count("literal") >= 0.7 * len(how)
        assert how.count("always") <= 2


def test_a_pattern_re_rejects_is_always_a_candidate():
    literals, first = requirements("(?P<x>a", at_start=False)
    assert literals is None and first is None
    with pytest.raises(re.error):
        re.compile("(?P<x>a")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("홈뉴스 |/·>›»\u3000\t\x1cAb1")), max_size=30))
def test_menu_words_split_as_the_pattern_does(text):
    assert clean._menu_tokens(text) == [t for t in re.split(r"[\s|/·>›»]+", text) if t]
