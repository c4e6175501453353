"""Tests of transforms.canon: particle stripping, alias merging, coreference and entity ids."""
import hashlib
import re
from pathlib import Path

import pytest

from transforms.canon import AliasTable, canonical_name, canonicalize, entity_id, load_aliases, strip_particles
from transforms.types import Mention

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def aliases():
    return load_aliases()


@pytest.fixture(scope="session")
def kiwi():
    kiwipiepy = pytest.importorskip("kiwipiepy")
    return kiwipiepy.Kiwi()


def find(text, names):
    """Return mentions at every whole-word occurrence of the given {type: [surface]} strings, longest first."""
    found, taken = [], []
    for surface, type_ in sorted(((s, t) for t, ss in names.items() for s in ss), key=lambda x: -len(x[0])):
        for match in re.finditer(re.escape(surface), text):
            start, end = match.span()
            if (start and text[start - 1].isalnum()) or any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            found.append(Mention(start, end, type_, surface))
    return sorted(found, key=lambda m: m.start)


@pytest.mark.parametrize(("surface", "type_", "expected"), [
    ("삼성전자는", "ORGANIZATION", "삼성전자"),
    ("LG AI연구원에서", "ORGANIZATION", "LG AI연구원"),
    ("LG AI연구원이", "ORGANIZATION", "LG AI연구원"),
    ("LG는", "ORGANIZATION", "LG"),
    ("LG측은", "ORGANIZATION", "LG"),
    ("토론토대와", "ORGANIZATION", "토론토대"),
    ("네이버라고", "ORGANIZATION", "네이버"),
    ("배경훈은", "PERSON", "배경훈"),
    ("배경훈이다", "PERSON", "배경훈"),
    ("미국으로", "LOCATION", "미국"),
    # Syllables that belong to the name stay.
    ("이가", "PERSON", "이가"),
    ("김가은", "PERSON", "김가은"),
    ("최지은", "PERSON", "최지은"),
    ("마이클 웰만", "PERSON", "마이클 웰만"),
    ("컴퓨터공학과", "ORGANIZATION", "컴퓨터공학과"),
    ("LG디스플레이", "ORGANIZATION", "LG디스플레이"),
    ("미시간대", "ORGANIZATION", "미시간대"),
    ("제주도", "LOCATION", "제주도"),
    ("대만", "LOCATION", "대만"),
])
def test_strip_particles(surface, type_, expected):
    assert strip_particles(surface, type_) == expected


@pytest.mark.parametrize(("surface", "type_", "expected"), [
    ("삼성전자는", "ORGANIZATION", "삼성전자"),
    ("LG화학과", "ORGANIZATION", "LG화학"),  # Kiwi reads 과 as a particle here; the list alone keeps it
    ("컴퓨터공학과", "ORGANIZATION", "컴퓨터공학과"),
    ("김가은", "PERSON", "김가은"),
    ("배경훈은", "PERSON", "배경훈"),
    ("이가", "PERSON", "이가"),
])
def test_strip_particles_with_kiwi(kiwi, surface, type_, expected):
    assert strip_particles(surface, type_, kiwi=kiwi) == expected


@pytest.mark.parametrize(("surface", "type_", "expected"), [
    ("LG AI연구원", "ORGANIZATION", "LG AI연구원"),
    ("LG AI 연구원", "ORGANIZATION", "LG AI연구원"),
    ("LG AI Research", "ORGANIZATION", "LG AI연구원"),
    ("lg ai research", "ORGANIZATION", "LG AI연구원"),
    ("미시건 대학교", "ORGANIZATION", "미시간대"),
    ("University of Michigan", "ORGANIZATION", "미시간대"),
    ("㈜LG", "ORGANIZATION", "LG"),
    ("(주)LG", "ORGANIZATION", "LG"),
    ("토론토대학교", "ORGANIZATION", "토론토대"),
    ("Google", "ORGANIZATION", "구글"),
    ("NAVER", "ORGANIZATION", "네이버"),
    ("연세대학교", "ORGANIZATION", "연세대"),  # generic pattern
    ("SK그룹", "ORGANIZATION", "SK"),  # generic pattern
    ("걸그룹", "ORGANIZATION", "걸그룹"),
    ("'휴메인'", "ORGANIZATION", "휴메인"),
])
def test_canonical_name(aliases, surface, type_, expected):
    assert canonical_name(surface, type_, aliases)[0] == expected


def test_entity_id_is_sha1_of_type_and_canonical():
    assert entity_id("ORGANIZATION", "LG") == hashlib.sha1(b"ORGANIZATION:LG").hexdigest()[:16]
    assert entity_id("ORGANIZATION", "LG") != entity_id("LOCATION", "LG")


def test_particles_trimmed_and_span_kept():
    text = "삼성전자는 LG AI연구원에서 'LG전자'와 만났다."
    mentions = [Mention(0, 5, "ORGANIZATION", "삼성전자는"), Mention(6, 16, "ORGANIZATION", "LG AI연구원에서"),
                Mention(17, 24, "ORGANIZATION", "'LG전자'와")]
    out = canonicalize(text, mentions, AliasTable())
    assert [(m.start, m.end, m.text) for m in out] == [(0, 4, "삼성전자"), (6, 14, "LG AI연구원"), (18, 22, "LG전자")]
    assert all(text[m.start:m.end] == m.text for m in out)
    assert mentions[0].text == "삼성전자는"  # inputs are not mutated


def test_dictionary_knows_stem_the_rule_keeps():
    text = "LG화학과 손잡았다"
    aliases = AliasTable.from_rows([("ORGANIZATION", "LG화학", "LG Chem")])
    (mention,) = canonicalize(text, [Mention(0, 6, "ORGANIZATION", "LG화학과")], aliases)
    assert (mention.text, mention.canonical) == ("LG화학", "LG화학")


def test_aliases_merge_to_one_entity(aliases):
    text = "LG AI연구원은 LG AI 연구원(LG AI Research)이다. 미시건 대학교와 미시간대. ㈜LG와 LG."
    names = {"ORGANIZATION": ["LG AI연구원", "LG AI 연구원", "LG AI Research", "미시건 대학교", "미시간대", "㈜LG", "LG"]}
    out = canonicalize(text, find(text, names), aliases)
    by_canonical = {}
    for m in out:
        by_canonical.setdefault(m.canonical, set()).add(m.entity_id)
    assert set(by_canonical) == {"LG AI연구원", "미시간대", "LG"}
    assert by_canonical["LG AI연구원"] == {entity_id("ORGANIZATION", "LG AI연구원")}
    assert all(len(ids) == 1 for ids in by_canonical.values())


def test_spacing_variants_merge_without_dictionary():
    text = "한빛 데이터랩은 한빛데이터랩과 다르지 않다. 한빛 데이터랩."
    names = {"ORGANIZATION": ["한빛 데이터랩", "한빛데이터랩"]}
    out = canonicalize(text, find(text, names), AliasTable())
    assert {m.canonical for m in out} == {"한빛 데이터랩"}  # the most frequent spelling


def test_short_org_name_resolves_to_longer_one_in_text(aliases):
    text = "LG AI연구원을 세웠다. AI연구원이 그룹을 대표한다."
    out = canonicalize(text, find(text, {"ORGANIZATION": ["LG AI연구원", "AI연구원"]}), aliases)
    assert [m.canonical for m in out] == ["LG AI연구원", "LG AI연구원"]


@pytest.mark.parametrize(("text", "names", "expected"), [
    # (start, end, canonical) of the surname-only PERSON mentions canonicalize adds.
    ("구광모 LG 회장은 말했다. 구 회장은 웃었다.", {"PERSON": ["구광모"]}, [(16, 17, "구광모")]),
    ("배경훈 원장. 이어 배 연구원장은 말했다.", {"PERSON": ["배경훈"]}, [(11, 12, "배경훈")]),
    ("이홍락 CSAI와 이문태 교수. 이 CSAI와 함께 이 교수가 왔다.",
     {"PERSON": ["이홍락", "이문태"]}, [(18, 19, "이문태"), (29, 30, "이문태")]),  # the latest 이 wins
    ("이홍락 교수를 영입했다. 이 교수는 이 과정에서 이 대학에 있었다.", {"PERSON": ["이홍락"]}, [(14, 15, "이홍락")]),
    # No full name introduced before: not a reference.
    ("구 회장은 말했다. 구광모 회장.", {"PERSON": ["구광모"]}, []),
    # Glued forms are words of their own.
    ("이홍락 교수. 이사장은 말했다.", {"PERSON": ["이홍락"]}, []),
])
def test_short_references_added(aliases, text, names, expected):
    out = canonicalize(text, find(text, names), aliases)
    added = [(m.start, m.end, m.canonical) for m in out if m.type == "PERSON" and m.text != m.canonical]
    assert added == expected
    assert all(text[m.start:m.end] == m.text for m in out)


def test_tagged_short_reference_trimmed_and_resolved(aliases):
    text = "구광모 LG 회장. 구 회장은 말했다."
    mentions = [Mention(0, 3, "PERSON", "구광모"), Mention(11, 16, "PERSON", "구 회장은")]
    out = canonicalize(text, mentions, aliases)
    assert [(m.start, m.end, m.text, m.canonical) for m in out] == [(0, 3, "구광모", "구광모"), (11, 12, "구", "구광모")]
    assert out[0].entity_id == out[1].entity_id == entity_id("PERSON", "구광모")


def test_other_types_keep_their_value(aliases):
    text = "2020년 12월 7일 1억 달러"
    mentions = [Mention(0, 12, "DATE", "2020년 12월 7일", normalized="2020-12-07"),
                Mention(13, 18, "MONEY", "1억 달러", value=1e8, unit="USD")]
    out = canonicalize(text, mentions, aliases)
    assert [m.canonical for m in out] == ["2020-12-07", "1억 달러"]
    assert out[0].entity_id == entity_id("DATE", "2020-12-07")
    assert [(m.start, m.end) for m in out] == [(0, 12), (13, 18)]


def test_canonicalize_is_idempotent(aliases):
    text = "구광모 ㈜LG 대표는 LG AI 연구원에서 말했다. 구 대표는 웃었다."
    names = {"PERSON": ["구광모"], "ORGANIZATION": ["㈜LG", "LG AI 연구원에서"]}
    once = canonicalize(text, find(text, names), aliases)
    assert canonicalize(text, once, aliases) == once


def test_load_aliases_from_user_seeds(tmp_path):
    (tmp_path / "aliases.csv").write_text(
        "type,canonical,alias\n# a comment\nORGANIZATION,카카오,Kakao Corp\n,서울,Seoul\n", encoding="utf-8")
    table = load_aliases(tmp_path)
    assert canonical_name("kakao corp", "ORGANIZATION", table) == ("카카오", True)
    assert canonical_name("Seoul", "LOCATION", table) == ("서울", True)  # empty type: any type
    assert table.titles == frozenset()


def test_seed_alias_file_covers_lg_ai_research(aliases):
    assert aliases.lookup("LG AI Research", "ORGANIZATION") == "LG AI연구원"
    assert {"회장", "연구원장", "CSAI"} <= aliases.titles


SEED_NAMES = {
    "PERSON": ["구광모", "배경훈", "이홍락", "이문태"],
    "ORGANIZATION": ["LG AI연구원", "LG AI 연구원", "LG AI Research", "LG AI연구소", "㈜LG", "미시건 대학교", "미시간대"],
}


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seeds_spans_hold_and_lg_ai_research_is_one_entity(aliases, seed):
    text = seed.read_text(encoding="utf-8")
    out = canonicalize(text, find(text, SEED_NAMES), aliases)
    assert all(text[m.start:m.end] == m.text for m in out)
    lab = {m.entity_id for m in out if "연구" in m.text or "Research" in m.text}
    assert lab == {entity_id("ORGANIZATION", "LG AI연구원")}


def test_bracketed_span_trimmed(aliases):
    text = "LG AI연구원(LG AI Research)을"
    (mention,) = canonicalize(text, [Mention(8, 24, "ORGANIZATION", "(LG AI Research)")], aliases)
    assert (mention.start, mention.end, mention.canonical) == (9, 23, "LG AI연구원")


def test_byline_is_not_a_referent_and_mistyped_name_is(aliases):
    # Regression, tagger output on seed 000: 구광모 typed ORGANIZATION, the reporter 구윤모 the only PERSON.
    text = "[서울=뉴스핌] 구윤모 기자 = 구광모 회장의 애착. 그 일환으로 구 회장은 출범시켰다."
    mentions = find(text, {"PERSON": ["구윤모", "구"], "ORGANIZATION": ["구광모"]})
    out = canonicalize(text, mentions, aliases)
    assert [(m.text, m.canonical) for m in out if m.type == "PERSON"] == [("구윤모", "구윤모"), ("구", "구광모")]


@pytest.mark.parametrize(("surface", "expected"), [
    ("이홍락 미국", "이홍락"),  # regression: tagger output on seed 000
    ("구 회장", "구"),
    ("이홍락 최고 AI과학자", "이홍락"),
    ("에릭 미켈센", "에릭 미켈센"),
])
def test_person_span_loses_trailing_title_or_country(aliases, surface, expected):
    text = f"{surface} 말했다"
    (mention,) = canonicalize(text, [Mention(0, len(surface), "PERSON", surface)], aliases)
    assert (mention.start, mention.end, mention.text) == (0, len(expected), expected)
