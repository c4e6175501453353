"""Synthetic news pages for the benchmark: KLUE news sentences wrapped in varied publisher boilerplate."""
from __future__ import annotations

import html
import json
import random
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

# Share of pages per encoding (the rest is plain UTF-8) and of pages rendered as HTML.
ENCODING_SHARES = (("cp949", 0.03), ("utf-16", 0.02), ("utf-8-sig", 0.03))
HTML_SHARE = 0.04
CRLF_SHARE = 0.05

_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
_GIVEN = "민서지현수영준우진하윤도예은성재승태연주희경호석동혁상원아나다보소유채훈철"
_ROMAN = "abcdefghijklmnoprstuwyz"
_CITIES = ("서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "수원", "창원", "전주", "청주", "춘천", "제주")
_SECTIONS = ("정치", "경제", "사회", "생활/문화", "IT/과학", "세계", "국제", "산업", "증권", "부동산", "스포츠", "연예",
             "오피니언", "전국", "문화", "랭킹", "포토", "영상")
_WEATHER = ("맑음", "구름많음", "흐림", "비", "눈", "소나기", "구름조금", "안개")
_DUST = ("좋음", "보통", "나쁨", "매우나쁨")
_WEEKDAYS = "월화수목금토일"

# (name, domain) of the publishers each layout draws from.
_WIRES = {"news1": ("뉴스1", "news1.kr"), "yonhap": ("연합뉴스", "yna.co.kr"), "newsis": ("뉴시스", "newsis.com"),
          "newspim": ("뉴스핌", "newspim.com")}
_DAILIES = (("한국경제", "hankyung.com"), ("매일경제", "mk.co.kr"), ("서울경제", "sedaily.com"),
            ("머니투데이", "mt.co.kr"), ("아시아경제", "asiae.co.kr"), ("이데일리", "edaily.co.kr"),
            ("파이낸셜뉴스", "fnnews.com"), ("헤럴드경제", "heraldcorp.com"), ("조선일보", "chosun.com"),
            ("중앙일보", "joongang.co.kr"), ("동아일보", "donga.com"), ("한겨레", "hani.co.kr"),
            ("경향신문", "khan.co.kr"), ("국민일보", "kmib.co.kr"), ("세계일보", "segye.com"))
_ONLINE = (("정보통신신문", "koit.co.kr"), ("AI타임스", "aitimes.com"), ("로봇신문", "irobotnews.com"),
           ("블로터", "bloter.net"), ("테크M", "techm.kr"), ("벤처스퀘어", "venturesquare.net"),
           ("뉴스웨이", "newsway.co.kr"), ("EBN", "ebn.co.kr"), ("데일리안", "dailian.co.kr"),
           ("미디어펜", "mediapen.com"), ("위키트리", "wikitree.co.kr"), ("더팩트", "tf.co.kr"))
_BROADCAST = (("KBS", "kbs.co.kr"), ("MBC", "imbc.com"), ("SBS", "sbs.co.kr"), ("YTN", "ytn.co.kr"),
              ("JTBC", "jtbc.co.kr"), ("MBN", "mbn.co.kr"))
_ALL = tuple(_WIRES.values()) + _DAILIES + _ONLINE + _BROADCAST


@dataclass(frozen=True, slots=True)
class Page:
    """One synthetic page: its file name, text, encoding on disk, and the body paragraphs it carries."""

    name: str
    text: str
    encoding: str  # utf-8 | utf-8-sig | utf-16 | cp949
    fmt: str  # text | html
    layout: str
    paragraphs: tuple[str, ...]

    def data(self) -> bytes:
        """Return the page as the bytes written to disk."""
        return self.text.encode(self.encoding)

    @property
    def body_bytes(self) -> int:
        """Return the UTF-8 size of the body paragraphs (joined by newlines), the text that goes through Kiwi."""
        return len("\n".join(self.paragraphs).encode("utf-8"))


@dataclass
class CorpusStats:
    """What `write_corpus` wrote."""

    pages: int = 0
    raw_bytes: int = 0
    body_bytes: int = 0
    paragraphs: int = 0
    encodings: Counter = field(default_factory=Counter)
    formats: Counter = field(default_factory=Counter)
    layouts: Counter = field(default_factory=Counter)


def read_news_sentences(path: str | Path) -> list[str]:
    """Return the news sentences (ids ending in `_wikitree`) of a KLUE raw `id<TAB>sentence` file, NFC, stripped."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            sid, _, sentence = line.rstrip("\n").partition("\t")
            sentence = " ".join(sentence.split())
            if sid.endswith("_wikitree") and sentence:
                out.append(unicodedata.normalize("NFC", sentence))
    return out


# ---------------------------------------------------------------- small pieces

def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)


def _email(rng: random.Random, domain: str) -> str:
    user = "".join(rng.choice(_ROMAN) for _ in range(rng.randint(3, 8)))
    if rng.random() < 0.3:
        user += str(rng.randint(1, 99))
    return f"{user}@{domain}"


def _clip(sentence: str, lo: int, hi: int) -> str:
    """Return a fragment of a sentence of about lo..hi characters, cut at a space, without the final period."""
    text = sentence.rstrip(" .")
    if len(text) <= hi:
        return text
    cut = text.rfind(" ", lo, hi)
    return text[:cut if cut > 0 else hi].rstrip(" ,")


def _stamp(when: datetime, style: int) -> str:
    """Return a date-time in one of the formats Korean news sites print."""
    if style == 0:
        return when.strftime("%Y.%m.%d %H:%M")
    if style == 1:
        return when.strftime("%Y-%m-%d %H:%M")
    if style == 2:
        half = "오전" if when.hour < 12 else "오후"
        return f"{when:%Y.%m.%d}. {half} {(when.hour - 1) % 12 + 1}:{when:%M}"
    if style == 3:
        return when.strftime("%Y.%m.%d (%H:%M)")
    if style == 4:
        return when.strftime("%Y/%m/%d %H:%M")
    return when.strftime("%Y-%m-%d %H:%M:%S")


def _nav(rng: random.Random, extra: Sequence[str] = ()) -> list[str]:
    lines = rng.sample(["본문 바로가기", "전체메뉴", "검색", "로그인", "회원가입", "메뉴", "뉴스홈", "구독"], rng.randint(1, 4))
    lines += list(extra)
    lines.append(" ".join(rng.sample(_SECTIONS, rng.randint(5, 9))))
    return lines


def _weather(rng: random.Random) -> list[str]:
    city = rng.choice(_CITIES)
    temp = f"{rng.uniform(-8, 33):.1f}"
    if rng.random() < 0.5:
        return [city, f"{rng.choice(_WEATHER)} / {temp} °"]
    return [f"{city} {rng.choice(_WEATHER)} {temp}℃", f"미세먼지 {rng.choice(_DUST)}"]


@dataclass(slots=True)
class _Ctx:
    pub: tuple[str, str]
    reporter: str
    email: str
    city: str
    when: datetime
    title: str
    decks: list[str]
    paragraphs: list[str]
    fragments: list[str]  # sentence fragments for captions and related lists (never body text)


def _body(rng: random.Random, ctx: _Ctx, prefix: str, caption, blank: bool, ads: bool = True) -> list[str]:
    """Return the body lines: the first paragraph after its dateline prefix, captions and ads in between."""
    lines = []
    frags = iter(ctx.fragments)
    for i, para in enumerate(ctx.paragraphs):
        lines.append(prefix + para if i == 0 else para)
        if i + 1 < len(ctx.paragraphs):
            roll = rng.random()
            if roll < 0.12:
                lines.extend(caption(next(frags, "현장 모습")))
            elif ads and roll < 0.16:
                lines.append(rng.choice(["AD", "광고", "[광고]", "ADVERTISEMENT"]))
        if blank:
            lines.append("")
    return lines


def _related(rng: random.Random, ctx: _Ctx, head: str, numbered: bool) -> list[str]:
    picks = ctx.fragments[-rng.randint(3, 5):]
    if numbered:
        return [head] + [f"{i}{rng.choice(['', '.'])} {t}" for i, t in enumerate(picks, 1)]
    return [head] + picks


def _registration(rng: random.Random, ctx: _Ctx) -> list[str]:
    name, domain = ctx.pub
    return [
        f"등록번호 : 서울 아 {rng.randint(10000, 99999):05d} | 등록일 : {2005 + rng.randint(0, 15)}.0{rng.randint(1, 9)}.1{rng.randint(0, 9)}"
        f" | 발행인 : {_name(rng)} | 편집인 : {_name(rng)}",
        f"주소 : 서울특별시 {rng.choice(['중구', '종로구', '마포구', '영등포구', '용산구'])} {rng.choice(['세종대로', '청파로', '을지로', '여의대로'])}"
        f" {rng.randint(1, 300)} | 대표전화 : 02-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
        f"청소년보호책임자 : {_name(rng)} | 사업자등록번호 : {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10000, 99999)}",
        f"Copyright © {ctx.when.year} {name}. All rights reserved. mail to webmaster@{domain}",
    ]


# ---------------------------------------------------------------- text layouts

def _wire(rng: random.Random, ctx: _Ctx, kind: str) -> list[str]:
    name, domain = ctx.pub
    r, city = ctx.reporter, ctx.city
    prefix = {
        "news1": f"[{city}=뉴스1] {r} 기자 = ",
        "yonhap": f"({city}=연합뉴스) {r} 기자 = ",
        "newsis": f"[{city}=뉴시스]{r} 기자 = ",
        "newspim": f"[{city}=뉴스핌] {r} 기자 = ",
    }[kind]
    photographer = _name(rng)

    def caption(frag):
        if kind == "yonhap":
            return [f"{frag} [{name} 자료사진. 재판매 및 DB 금지]"]
        if kind == "news1":
            return [f"({city}=뉴스1) {photographer} 기자 = {frag}. {ctx.when:%Y.%-m.%-d}/뉴스1",
                    "Copyright (C) 뉴스1. All rights reserved. 무단 전재 및 재배포, AI학습 이용 금지."]
        return [f"[{city}={name}] {photographer} 기자 = {frag}. {ctx.when:%Y.%m.%d}. {_email(rng, domain)}",
                "*재판매 및 DB 금지"]

    lines = [f"{name} 최신기사" if kind == "yonhap" else name] + _nav(rng)
    if rng.random() < 0.5:
        lines += _weather(rng)
    lines.append(f"뉴스 홈 > {rng.choice(_SECTIONS)}")
    lines.append(ctx.title)
    stamp = _stamp(ctx.when, rng.choice((0, 1, 5)))
    lines.append(rng.choice([f"송고시간{stamp}", f"등록 {stamp}  수정 {_stamp(ctx.when + timedelta(minutes=37), 5)}",
                             f"입력 {stamp}"]))
    lines += [f"{r} 기자", f"{r} 기자"][: rng.randint(1, 2)]
    lines += rng.sample(["기자 페이지", "글자크기 변경", "공유", "인쇄", "글자크기"], rng.randint(1, 3))
    lines += ctx.decks
    lines += _body(rng, ctx, prefix, caption, blank=rng.random() < 0.3)
    if kind == "yonhap":
        lines += [ctx.email, "제보는 카카오톡 okjebo", "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>",
                  f"{ctx.when:%Y/%m/%d %H:%M} 송고"]
    elif kind == "newsis":
        lines += [f"◎공감언론 뉴시스 {ctx.email}", "<저작권자ⓒ 공감언론 뉴시스통신사. 무단전재-재배포, AI학습 및 활용 금지>"]
    elif kind == "news1":
        lines += [ctx.email, "© 뉴스1코리아(news1.kr), 무단 전재 및 재배포, AI학습 이용 금지"]
    else:
        lines += [ctx.email, f"저작권자ⓒ {name} 무단전재 및 재배포 금지"]
    lines += _related(rng, ctx, rng.choice(["관련 뉴스", "많이 본 뉴스", "이 시각 인기 기사"]), numbered=rng.random() < 0.6)
    return lines


def _portal(rng: random.Random, ctx: _Ctx) -> list[str]:
    name, domain = ctx.pub
    edited = ctx.when + timedelta(minutes=rng.randint(3, 240))
    lines = ["본문 바로가기", "NAVER 뉴스", "뉴스홈", " ".join(rng.sample(_SECTIONS, 9)), name, "구독"]
    if rng.random() < 0.5:
        lines.append("PICK")
    lines += [ctx.title, f"입력{_stamp(ctx.when, 2)}  수정{_stamp(edited, 2)}  기사원문", f"{ctx.reporter} 기자",
              "추천", str(rng.randint(0, 99)), "댓글", str(rng.randint(0, 999)), "본문 요약봇",
              "텍스트 음성 변환 서비스 사용하기", "글자 크기 변경하기", "SNS 보내기", "인쇄하기"]
    lines += ctx.decks

    def caption(frag):
        return [f"{frag}. /사진={rng.choice(['뉴스1', '연합뉴스', name, '게티이미지뱅크'])}"]

    lines += _body(rng, ctx, "", caption, blank=False)
    lines += [f"{ctx.reporter} 기자 {ctx.email}",
              f"Copyright ⓒ {name} & {domain}. 무단 전재 및 재배포, AI학습 이용 금지.",
              f"{ctx.reporter} 기자", f"구독자 {rng.randint(10, 9999):,}", f"응원수 {rng.randint(0, 999)}",
              f"{name} 구독", f"이 기사는 언론사에서 {rng.choice(_SECTIONS)} 섹션으로 분류했습니다.",
              "기사 섹션 분류 가이드", "언론사 홈 바로가기"]
    lines += _related(rng, ctx, f"{name} 주요 뉴스", numbered=False)
    return lines


def _daily(rng: random.Random, ctx: _Ctx) -> list[str]:
    name, domain = ctx.pub
    lines = [name] + _nav(rng, ["로그인 회원가입"] if rng.random() < 0.5 else ())
    if rng.random() < 0.4:
        lines += _weather(rng)
    lines += [f"홈 > {rng.choice(_SECTIONS)} > {rng.choice(_SECTIONS)}", ctx.title] + ctx.decks
    edited = ctx.when + timedelta(minutes=rng.randint(3, 240))
    lines.append(rng.choice([
        f"입력{_stamp(ctx.when, 0)} 수정{_stamp(edited, 0)}",
        f"입력 : {_stamp(ctx.when, 0)} | 수정 : {_stamp(edited, 0)}",
        f"{ctx.reporter} 기자 입력 {_stamp(ctx.when, 1)}",
        f"기사입력 {_stamp(ctx.when, 5)}",
    ]))
    if rng.random() < 0.5:
        lines.append(f"{ctx.reporter} 기자")
    lines += rng.sample(["공유", "페이스북", "카카오톡", "글자크기", "프린트", "스크랩"], rng.randint(0, 3))

    def caption(frag):
        return [rng.choice([f"▲ {frag} (사진={name})", f"{frag}. 사진=연합뉴스", f"[사진=게티이미지뱅크] {frag}"])]

    prefix = rng.choice(["", "", f"[{name} {ctx.reporter} 기자] ", f"[{name}={ctx.reporter} 기자] "])
    lines += _body(rng, ctx, prefix, caption, blank=rng.random() < 0.5)
    lines.append(rng.choice([f"{ctx.reporter} 기자 {ctx.email}", f"/{ctx.reporter} 기자 {ctx.email}",
                             f"{ctx.reporter} 기자({ctx.email})", f"{ctx.reporter} {rng.choice(['기자', '선임기자'])}"]))
    lines.append(rng.choice([f"ⓒ {name} & {domain}, 무단전재 및 재배포 금지",
                             f"<ⓒ{name} 무단전재 및 재배포 금지>",
                             f"Copyright © {name}. All rights reserved. 무단 전재, 재배포 및 AI학습 이용 금지"]))
    lines += _related(rng, ctx, rng.choice(["관련기사", "많이 본 뉴스", "실시간 인기기사"]), numbered=rng.random() < 0.5)
    if rng.random() < 0.6:
        lines += _registration(rng, ctx)
    return lines


def _online(rng: random.Random, ctx: _Ctx) -> list[str]:
    name, domain = ctx.pub
    lines = [f"UPDATED. {ctx.when + timedelta(days=rng.randint(0, 400)):%Y-%m-%d %H:%M} "
             f"({_WEEKDAYS[ctx.when.weekday()]})"] if rng.random() < 0.6 else [name]
    lines += _nav(rng)
    lines += [f"HOME > {rng.choice(_SECTIONS)}", ctx.title, ctx.title if rng.random() < 0.5 else ""]
    lines += [f"  • {ctx.reporter} 기자", f"  • 승인 {_stamp(ctx.when, 0)}", f"  • 댓글 {rng.randint(0, 30)}",
              "이 기사를 공유합니다", ""]
    lines += ctx.decks + [""]
    mediapen = rng.random() < 0.3
    if mediapen:
        lines.insert(1, f"{_stamp(ctx.when, 1)} | {ctx.reporter} 기자 | {ctx.email}")

    def caption(frag):
        return [rng.choice([f"{frag} <사진={name}>", f"({rng.choice(['그래픽', '사진'])}={name})",
                            f"{frag} [제공={name}] |"])]

    prefix = f"[{name}={ctx.reporter} 기자]" if mediapen else ""
    lines += _body(rng, ctx, prefix, caption, blank=rng.random() < 0.6)
    lines.append(rng.choice([ctx.email, f"{ctx.reporter} 기자 {ctx.email}", f"/{ctx.reporter} 기자 {ctx.email}"]))
    lines += [f"#{_clip(f, 2, 6).split()[0]}" for f in ctx.fragments[:2]] if rng.random() < 0.3 else []
    lines += [f"{ctx.reporter} 기자의 다른기사 보기", f"저작권자 © {name} 무단전재 및 재배포 금지"]
    lines += _related(rng, ctx, rng.choice(["많이 본 뉴스", "인기기사", "관련기사"]), numbered=True)
    lines += [f"  • {line}" for line in _registration(rng, ctx)]
    lines.append("한국인터넷신문협회 인터넷신문위원회 abc협회 인증 ND소프트")
    return lines


def _broadcast(rng: random.Random, ctx: _Ctx) -> list[str]:
    name, domain = ctx.pub
    edited = ctx.when + timedelta(minutes=rng.randint(3, 120))
    lines = [f"{name} 뉴스"] + _nav(rng, ["전체 뉴스"])
    lines += [ctx.title, f"입력 {_stamp(ctx.when, 3)}  수정 {_stamp(edited, 3)}", f"{ctx.reporter} 기자",
              "공유하기", "글씨 크기 조절하기"]

    def caption(frag):
        return [f"[인터뷰] {_name(rng)} / {_clip(frag, 4, 14)}"]

    lines += _body(rng, ctx, "", caption, blank=False, ads=False)
    lines += [f"{name} 뉴스 {ctx.reporter}입니다." if rng.random() < 0.5 else "",
              f"촬영기자:{_name(rng)}/영상편집:{_name(rng)}", f"{ctx.reporter} 기자 ", ctx.email,
              f"{ctx.reporter} 기자의 기사 모음", f"저작권자ⓒ {name}. 무단 전재, 재배포 및 이용(AI 학습 포함) 금지",
              "이 기사가 좋으셨다면", "좋아요", str(rng.randint(0, 50))]
    lines += _related(rng, ctx, "많이 본 뉴스", numbered=True)
    return lines


# ---------------------------------------------------------------- HTML layouts

def _html_article(rng: random.Random, ctx: _Ctx) -> str:
    name, domain = ctx.pub
    e = html.escape
    paras = []
    for i, para in enumerate(ctx.paragraphs):
        paras.append(f"<p>{e(para)}</p>")
        if i == 0 and rng.random() < 0.6:
            paras.append(f'<figure><img src="p{rng.randint(1, 999)}.jpg" alt=""><figcaption>{e(ctx.fragments[0])}. '
                         f"사진={e(name)}</figcaption></figure>")
        elif rng.random() < 0.08:
            paras.append('<div class="ad-box">AD 광고 영역</div>')
    related = "".join(f"<li>{e(t)}</li>" for t in ctx.fragments[-3:])
    decks = "<br>".join(e(d) for d in ctx.decks)
    return f"""<!DOCTYPE html>
<html lang="ko"><head>
<meta charset="utf-8">
<title>{e(ctx.title)} | {e(name)}</title>
<meta property="og:title" content="{e(ctx.title)}">
<meta property="og:site_name" content="{e(name)}">
<meta property="article:published_time" content="{ctx.when:%Y-%m-%dT%H:%M:00+09:00}">
<script>var slot = "광고"; window.dataLayer = [];</script>
<style>.headline{{font-size:2em}}</style>
</head><body>
<header class="site-header"><div class="logo">{e(name)}</div><nav><ul>{''.join(f'<li>{s}</li>' for s in rng.sample(_SECTIONS, 5))}</ul></nav><div class="util">로그인 회원가입</div></header>
<div class="breadcrumb">홈 &gt; {rng.choice(_SECTIONS)}</div>
<article>
<h1 class="headline">{e(ctx.title)}</h1>
{f'<h2 class="sub-title">{decks}</h2>' if decks else ''}
<div class="byline"><span>{ctx.reporter} 기자</span> <span>입력{_stamp(ctx.when, 0)}</span></div>
<div class="share"><button>공유</button><a href="#">페이스북</a><a href="#">카카오톡</a></div>
<div id="articletxt">
{chr(10).join(paras)}
<p>{ctx.reporter} 기자 {ctx.email}</p>
</div>
<div class="related"><h4>관련 뉴스</h4><ul>{related}</ul></div>
<p class="copyright">ⓒ {e(name)} &amp; {domain}, 무단전재 및 재배포 금지</p>
</article>
<footer><p>{e(name)} 서울시 중구 세종대로 {rng.randint(1, 200)} 대표전화 02-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}</p><p>Copyright © {e(name)}. All rights reserved.</p></footer>
</body></html>
"""


def _html_legacy(rng: random.Random, ctx: _Ctx) -> str:
    name, domain = ctx.pub
    e = html.escape
    body = "<br><br>\n".join(e(p) for p in ctx.paragraphs)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{e(name)} :: {e(ctx.title)}</title>
</head><body><form id="form1" method="post" action="./view.aspx">
<table><tr><td><a href="/">{e(name)}</a></td><td>로그인</td><td>회원가입</td></tr></table>
<div id="menu">{' | '.join(rng.sample(_SECTIONS, 5))}</div>
<div class="article_title"><h2>{e(ctx.title)}</h2></div>
<div class="date">발행일 : {_stamp(ctx.when, 1)}</div>
<div id="articleBody">
{body}<br><br>
{ctx.reporter}기자 {ctx.email}
</div>
<div>[Copyright © {e(name)}. 무단전재 및 재배포 금지]</div>
<div class="tags">{' '.join('#' + e(_clip(f, 2, 8).split()[0]) for f in ctx.fragments[:3])}</div>
</form></body></html>
"""


_TEXT_LAYOUTS = ("wire_news1", "wire_yonhap", "wire_newsis", "wire_newspim", "portal", "daily", "online", "broadcast")
_HTML_LAYOUTS = ("html_article", "html_legacy")


def _publisher(rng: random.Random, layout: str) -> tuple[str, str]:
    if layout.startswith("wire_"):
        return _WIRES[layout[5:]]
    if layout == "daily":
        return rng.choice(_DAILIES)
    if layout == "online":
        return rng.choice(_ONLINE)
    if layout == "broadcast":
        return rng.choice(_BROADCAST)
    return rng.choice(_ALL)


def make_page(sentences: Sequence[str], seed: int, index: int) -> Page:
    """Return page `index` of the corpus for `seed` (the same page whatever the corpus size)."""
    if not sentences:
        raise ValueError("make_page needs at least one sentence")
    rng = random.Random(f"newsetl-bench:{seed}:{index}")
    is_html = rng.random() < HTML_SHARE
    layout = rng.choice(_HTML_LAYOUTS if is_html else _TEXT_LAYOUTS)
    pub = _publisher(rng, layout)
    paragraphs = [" ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
                  for _ in range(rng.randint(4, 15))]
    reporter = _name(rng)
    title = _clip(rng.choice(sentences), 18, 46)
    if rng.random() < 0.3:
        title = f'"{_clip(rng.choice(sentences), 8, 22)}"…{_clip(title, 8, 26)}'
    if rng.random() < 0.05:
        title = rng.choice(["[단독]", "[속보]", "[종합]", "[인터뷰]"]) + " " + title
    decks = [_clip(rng.choice(sentences), 12, 34) for _ in range(rng.choice((0, 0, 1, 2, 3)))]
    ctx = _Ctx(pub=pub, reporter=reporter, email=_email(rng, pub[1]), city=rng.choice(_CITIES),
               when=datetime(2019, 1, 1, 6) + timedelta(minutes=rng.randint(0, 6 * 365 * 24 * 60)),
               title=title, decks=decks, paragraphs=paragraphs,
               fragments=[_clip(rng.choice(sentences), 14, 40) for _ in range(8)])
    roll = rng.random()
    encoding = "utf-8"
    for enc, share in ENCODING_SHARES:
        if roll < share:
            encoding = enc
            break
        roll -= share
    if is_html:
        text = _html_article(rng, ctx) if layout == "html_article" else _html_legacy(rng, ctx)
    else:
        if layout.startswith("wire_"):
            lines = _wire(rng, ctx, layout[5:])
        else:
            lines = {"portal": _portal, "daily": _daily, "online": _online, "broadcast": _broadcast}[layout](rng, ctx)
        text = "\n".join(lines) + "\n"
        if rng.random() < CRLF_SHARE:
            text = text.replace("\n", "\r\n")
    if encoding == "cp949":
        try:
            text.encode("cp949")
        except UnicodeEncodeError:  # a sentence outside CP949 (rare symbols): keep the page, in UTF-8
            encoding = "utf-8"
    if is_html and encoding == "cp949":
        text = text.replace("charset=utf-8", "charset=euc-kr").replace('charset="utf-8"', 'charset="euc-kr"')
    name = f"{index // 1000:03d}/p{index:06d}.{'html' if is_html else 'txt'}"
    return Page(name, text, encoding, "html" if is_html else "text", layout, tuple(paragraphs))


def iter_pages(sentences: Sequence[str], n: int, seed: int = 0, start: int = 0) -> Iterator[Page]:
    """Yield pages start..start+n-1 of the corpus for `seed`."""
    for index in range(start, start + n):
        yield make_page(sentences, seed, index)


def write_corpus(out_dir: str | Path, sentences: Sequence[str], n: int, seed: int = 0) -> CorpusStats:
    """Write n pages under out_dir/pages and their ground truth to out_dir/manifest.jsonl, one page at a time."""
    out = Path(out_dir)
    pages_dir = out / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    stats = CorpusStats()
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for page in iter_pages(sentences, n, seed):
            path = pages_dir / page.name
            path.parent.mkdir(exist_ok=True)
            data = page.data()
            path.write_bytes(data)
            body_bytes = page.body_bytes
            stats.pages += 1
            stats.raw_bytes += len(data)
            stats.body_bytes += body_bytes
            stats.paragraphs += len(page.paragraphs)
            stats.encodings[page.encoding] += 1
            stats.formats[page.fmt] += 1
            stats.layouts[page.layout] += 1
            manifest.write(json.dumps({"path": f"pages/{page.name}", "layout": page.layout, "fmt": page.fmt,
                                       "encoding": page.encoding, "body_bytes": body_bytes,
                                       "paragraphs": list(page.paragraphs)}, ensure_ascii=False) + "\n")
    return stats


def read_manifest_paragraphs(manifest: str | Path, pages: int) -> tuple[list[str], int]:
    """Return the body paragraphs of the first `pages` pages of a manifest and how many pages they came from."""
    paragraphs: list[str] = []
    count = 0
    with open(manifest, encoding="utf-8") as fh:
        for line in fh:
            if count >= pages:
                break
            paragraphs.extend(json.loads(line)["paragraphs"])
            count += 1
    return paragraphs, count
