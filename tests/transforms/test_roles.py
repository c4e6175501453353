"""Tests of transforms.roles: (person, title, organisation) facts from Korean news patterns."""
import re
from pathlib import Path

import pytest

from transforms.canon import canonicalize, load_aliases
from transforms.roles import Title, TitleLexicon, extract_roles, load_titles
from transforms.types import Mention

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def aliases():
    return load_aliases()


@pytest.fixture(scope="session")
def titles():
    return load_titles()


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


def facts(text, names, aliases, titles):
    """Return the (person, title, organisation) triples read from text with hand-placed mentions."""
    mentions = canonicalize(text, find(text, names), aliases)
    return [(f.person, f.title, f.organization) for f in extract_roles(text, mentions, titles, aliases=aliases)]


@pytest.mark.parametrize(("text", "names", "expected"), [
    ("배경훈 LG AI연구원장이 발표했다.", {"PERSON": ["배경훈"]}, [("배경훈", "원장", "LG AI연구원")]),
    ("배경훈 LG AI연구원 원장이 말했다.", {"PERSON": ["배경훈"], "ORGANIZATION": ["LG AI연구원"]},
     [("배경훈", "원장", "LG AI연구원")]),
    ("이홍락 미국 미시건 대학교 교수를 영입했다.", {"PERSON": ["이홍락"], "ORGANIZATION": ["미시건 대학교"]},
     [("이홍락", "교수", "미시간대")]),
    ("구광모 LG 회장과 이홍락 LG전자 CSAI", {"PERSON": ["구광모", "이홍락"], "ORGANIZATION": ["LG", "LG전자"]},
     [("구광모", "회장", "LG"), ("이홍락", "CSAI", "LG전자")]),
    ("구광모 ㈜LG 대표는 말했다.", {"PERSON": ["구광모"], "ORGANIZATION": ["㈜LG"]}, [("구광모", "대표", "LG")]),
    ("손정의 소프트뱅크 그룹 회장이 한 말이다.", {"PERSON": ["손정의"]}, [("손정의", "회장", "소프트뱅크그룹")]),
    ("이문태 일리노이대 교수도 합류한다.", {"PERSON": ["이문태"]}, [("이문태", "교수", "일리노이대")]),
    ("정석근 네이버 클로바 CIC 대표 \"하이퍼클로바\"", {"PERSON": ["정석근"]}, [("정석근", "대표", "네이버")]),
    ("정석근 네이버 클로바 CIC 대표", {"PERSON": ["정석근"], "ORGANIZATION": ["네이버 클로바 CIC"]},
     [("정석근", "대표", "네이버 클로바 CIC")]),
    ("맡았던 배경훈 상무다.", {"PERSON": ["배경훈"]}, [("배경훈", "상무", None)]),
    ("이홍락 LG AI연구원 어드밴스드 AI 리서치(Advanced AI Research) 센터장이 맡는다.",
     {"PERSON": ["이홍락"], "ORGANIZATION": ["LG AI연구원"]}, [("이홍락", "센터장", "LG AI연구원")]),
    ("에릭 미켈센(Eric Michielssen) 미시간대 공과대학 부학장",
     {"PERSON": ["에릭 미켈센"], "ORGANIZATION": ["미시간대"]}, [("에릭 미켈센", "부학장", "미시간대")]),
    ("이홍락 CSAI와 이문태 랩장 등 LG AI연구원 관계자가 참석했다.",
     {"PERSON": ["이홍락", "이문태"], "ORGANIZATION": ["LG AI연구원"]},
     [("이홍락", "CSAI", "LG AI연구원"), ("이문태", "랩장", "LG AI연구원")]),
    ("이홍락 센터장은 '최고 AI과학자(CSAI)'다.", {"PERSON": ["이홍락"]}, [("이홍락", "센터장", None)]),
    ("한편 LG AI연구원 원장 배경훈은 말했다.", {"PERSON": ["배경훈"], "ORGANIZATION": ["LG AI연구원"]},
     [("배경훈", "원장", "LG AI연구원")]),
    # A reporter's byline is metadata, not a role.
    ("[서울=뉴스핌] 구윤모 기자 = 인공지능", {"PERSON": ["구윤모"]}, []),
    # Title words inside other words.
    ("구광모 회장이 그룹을 대표해 교수진을 만났다.", {"PERSON": ["구광모"]}, [("구광모", "회장", None)]),
    # A name followed by a particle does not hold the title that comes later.
    ("배경훈은 LG AI연구원 원장이다.", {"PERSON": ["배경훈"], "ORGANIZATION": ["LG AI연구원"]}, []),
    # A verb between the name and the title breaks the pattern.
    ("배경훈 씨가 만난 교수", {"PERSON": ["배경훈"]}, []),
])
def test_extract_roles(aliases, titles, text, names, expected):
    assert facts(text, names, aliases, titles) == expected


def test_short_reference_gets_org_from_title_unit(aliases, titles):
    text = "LG AI연구원의 첫 수장 배경훈 원장. 배 연구원장은 말했다."
    # The second fact (배 연구원장 -> 원장 of the one org ending in 연구원) duplicates nothing else.
    names = {"PERSON": ["배경훈"], "ORGANIZATION": ["LG AI연구원"]}
    assert facts(text, names, aliases, titles) == [("배경훈", "원장", "LG AI연구원")]


def test_duplicates_dropped_and_unplaced_fact_merged(aliases, titles):
    text = "구광모 LG 회장은 말했다. 구광모 LG 회장. 구 회장은 웃었다."
    names = {"PERSON": ["구광모"], "ORGANIZATION": ["LG"]}
    mentions = canonicalize(text, find(text, names), aliases)
    out = extract_roles(text, mentions, titles, aliases=aliases)
    assert [(f.person, f.title, f.organization, f.start, f.end) for f in out] == [("구광모", "회장", "LG", 0, 9)]


def test_evidence_span_covers_name_to_title(aliases, titles):
    text = "지난해 이문태 미국 일리노이대 교수를 영입했다."
    mentions = canonicalize(text, find(text, {"PERSON": ["이문태"]}), aliases)
    (fact,) = extract_roles(text, mentions, titles, aliases=aliases)
    assert text[fact.start:fact.end] == "이문태 미국 일리노이대 교수"


def test_works_without_any_mentions(titles, aliases):
    text = "배경훈 LG AI연구원장과 구광모 LG 회장, 서정연 서강대 교수가 이끄는 교수와 만났다."
    out = extract_roles(text, [], titles, aliases=aliases)
    assert [(f.person, f.title, f.organization) for f in out] == [
        ("배경훈", "원장", "LG AI연구원"), ("구광모", "회장", "LG"), ("서정연", "교수", "서강대")]


def test_load_titles_from_user_seeds(tmp_path):
    (tmp_path / "titles.csv").write_text(
        "title,canonical,kind,unit\n# comment\n수석연구위원,수석연구위원,research,\n기자,기자,reporter,\n", encoding="utf-8")
    lexicon = load_titles(tmp_path)
    assert lexicon.get("수석연구위원") == Title("수석연구위원", "수석연구위원", "research", "")
    text = "김철수 한빛연구소 수석연구위원은 말했다."
    out = extract_roles(text, [], lexicon)
    assert [(f.person, f.title, f.organization) for f in out] == [("김철수", "수석연구위원", "한빛연구소")]


def test_multiword_title_maps_to_canonical(aliases):
    lexicon = TitleLexicon.from_titles([Title("최고 AI과학자", "CSAI", "research")])
    text = "이홍락 LG AI연구원 최고 AI과학자는 말했다."
    out = extract_roles(text, [], lexicon, aliases=aliases)
    assert [(f.person, f.title, f.organization) for f in out] == [("이홍락", "CSAI", "LG AI연구원")]


SEED_NAMES = {
    "PERSON": ["구광모", "배경훈", "이홍락", "이문태", "서정연", "손정의", "정석근", "에릭 미켈센", "마이클 웰만", "구윤모"],
    "ORGANIZATION": ["LG AI연구원", "LG AI 연구원", "LG AI Research", "LG그룹", "㈜LG", "LG전자", "LG", "미시건 대학교",
                     "미시간대", "토론토대학교", "토론토대", "서울대", "서강대", "일리노이대", "구글", "네이버", "소프트뱅크 그룹"],
    "LOCATION": ["미국", "캐나다", "앤아버"],
}
REQUIRED = {("구광모", "회장", "LG"), ("배경훈", "원장", "LG AI연구원"), ("이홍락", "CSAI", "LG AI연구원"),
            ("이홍락", "센터장", "LG AI연구원")}


def seed_facts(aliases, titles, with_mentions):
    """Return the facts of the five seed articles, as (person, title, organisation) triples."""
    found = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        mentions = canonicalize(text, find(text, SEED_NAMES), aliases) if with_mentions else []
        found |= {(f.person, f.title, f.organization) for f in extract_roles(text, mentions, titles, aliases=aliases)}
    return found


def test_seed_people_roles_with_mentions(aliases, titles):
    found = seed_facts(aliases, titles, with_mentions=True)
    assert REQUIRED <= found
    assert {("이홍락", "교수", "미시간대"), ("구광모", "대표", "LG"), ("손정의", "회장", "소프트뱅크그룹"),
            ("이문태", "교수", "일리노이대"), ("정석근", "대표", "네이버")} <= found
    assert not any(title == "기자" for _, title, _ in found)


def test_seed_people_roles_without_mentions(aliases, titles):
    assert REQUIRED <= seed_facts(aliases, titles, with_mentions=False)


@pytest.mark.parametrize(("text", "mentions", "expected"), [
    # Regressions from the tagger's output on the seeds: organisation spans that run over the name or title.
    ("구광모 ㈜LG 대표는 말했다. 구 대표는 웃었다.",
     [Mention(0, 7, "ORGANIZATION", "구광모 ㈜LG"), Mention(17, 18, "PERSON", "구")], [("구광모", "대표", "LG")]),
    ("이홍락 LG전자 CSAI <사진>",
     [Mention(0, 3, "PERSON", "이홍락"), Mention(4, 13, "ORGANIZATION", "LG전자 CSAI")], [("이홍락", "CSAI", "LG전자")]),
    ("이홍락 미국 미시건 대학교 교수를 영입했다.",
     [Mention(0, 3, "PERSON", "이홍락"), Mention(4, 14, "ORGANIZATION", "미국 미시건 대학교")], [("이홍락", "교수", "미시간대")]),
])
def test_extract_roles_on_tagger_spans(aliases, titles, text, mentions, expected):
    assert all(text[m.start:m.end] == m.text for m in mentions)
    canonical = canonicalize(text, mentions, aliases)
    assert [(f.person, f.title, f.organization) for f in extract_roles(text, canonical, titles, aliases=aliases)] == expected
