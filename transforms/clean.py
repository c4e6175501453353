"""Article cleaning: a scraped news page (text lines or HTML) to body paragraphs, metadata and an audit."""
from __future__ import annotations

import csv
import functools
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from transforms import recache
from transforms.rule_index import LiteralScanner, RuleIndex, first_chars, lead
from transforms.types import Article, RemovedLine

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"

# Tunables of the line model; changing them is a reviewed change (tests pin the seed scores).
CONTAINS_MAX_LEN = 250  # lexicon "contains" rules never fire on longer lines (those are prose)
META_MAX_LEN = 160  # byline/date lines are short
CLUSTER_GAP = 10  # non-body lines tolerated between two paragraphs of one article
TITLE_WINDOW = 10  # the title is among the last headline-like lines before the body
HEAD_SHARE = 0.2  # prose before a byline that is this small a share of the article is header
SCAN_CHARS = 300  # shape checks look at most this far into a line's head or tail
LEAD_ECHO = 0.2  # a short first line sharing this much with a headline-like line is the lead, not a caption
PAGE_TOP_LINES = 20  # a date or byline with more lines (menus) than this below it heads the page, not the story

_KIND_BLANK, _KIND_JUNK, _KIND_META, _KIND_GOOD, _KIND_NEUTRAL = range(5)

# ---------------------------------------------------------------------------------------------
# Text shapes shared by the rules (general Korean news conventions, no outlet-specific strings)
_ZW_RE = recache.compile("[\u200b\u200c\u200d\u2060\ufeff\x00\ue000\ue001]")
_NAME = r"[가-힣]{2,4}"
_ROLE = r"(?:(?:선임|수석|전문|객원|인턴|수습|사진|영상|취재|편집|해외|대|부|차장|부장)\s?)?(?:기자|특파원|통신원|에디터|논설위원|기자단|편집위원|칼럼니스트)"
_NAMES_SEP = rf"{_NAME}(?:\s*[·ㆍ,/]\s*{_NAME}|\s+{_NAME}){{0,3}}"
_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
_EMAIL_RE = recache.compile(_EMAIL)
_PROTECTED_EMAIL = r"\[?email(?:&#160;|\s)?protected\]?"
_DATE = (
    # a two-digit year only in the "YY.MM.DD HH:MM" and "YY-MM-DD HH:MM" stamp forms, where the time makes it unambiguous
    r"(?P<y>(?:19|20)\d{2}|(?<![\d.\-])\d{2}(?=\.\d{2}\.\d{2}\s*\d{1,2}:\d{2}|-\d{2}-\d{2}\s*\d{1,2}:\d{2}))\s*(?:[.\-/]|년)\s*(?P<m>\d{1,2})\s*(?:[.\-/]|월)\s*(?P<d>\d{1,2})(?!\d)\s*(?:일)?\.?"
    r"(?:\s*\(?[월화수목금토일](?:요일)?\)?)?"
    r"(?:(?:\s*[|ㅣ]\s*|\s+l\s+|\s*|T)[(\[]?\s*(?P<ap>오전|오후|AM|PM|am|pm)?\s*(?P<H>\d{1,2})\s*(?::|시)\s*(?P<M>\d{2})(?:\s*분)?(?::\d{2})?"
    r"(?:\.\d+)?(?:Z|[+\-]\d{2}:?\d{2})?(?:\s*(?P<ap2>AM|PM|am|pm))?[)\]]?)?"  # "2024/07/11 [16:20]" too
)
_GOOD_LABELS = r"기사\s*입력|최초\s*입력|입력|기사\s*승인|승인|기사\s*등록|등록|게재|발행|작성|송고|기사\s*전송|전송|보도|배포|posted|published|approved|input|date"
_BAD_LABELS = r"최종\s*(?:수정|업데이트|편집)|기사\s*수정|수정|업데이트|updated?|갱신"
# Every stamp starts with a label or a digit: the lead lets re skip other positions at once.
_DATE_RE = recache.compile(
    lead(first_chars(f"{_BAD_LABELS}|{_GOOD_LABELS}"), r"\d") + rf"(?:(?P<label>{_BAD_LABELS}|{_GOOD_LABELS})\s*(?:일시|시간|일자|날짜|일)?\s*[:：|]?\s*)?{_DATE}(?:\s*(?:[^\s]{{1,12}}에\s*)?(?P<post>송고|입력|작성|등록|게재|발행|표출))?",
    re.I,
)
_BAD_LABEL_RE = recache.compile(rf"^(?:{_BAD_LABELS})", re.I)
# English-language Korean outlets: "Published : Oct. 2, 2025 - 14:27", "Updated: 02 Oct. 2025, 16:05"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_EN_MONTH_HINT_RE = recache.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)
_EN_DATE_RE = recache.compile(
    rf"(?:(?P<label>{_BAD_LABELS}|{_GOOD_LABELS})\s*(?:on)?\s*[:：]?\s*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*)?"
    rf"(?:(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d{{2}})|(?P<d2>\d{{1,2}})\s+(?P<mon2>{_MONTH}),?\s+(?P<y2>(?:19|20)\d{{2}}))"
    r"(?:\s*[-–,|]?\s*(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?\s*(?P<ap>[AaPp]\.?[Mm]\.?)?)?",
    re.I,
)
# (a stamp label may follow the role unspaced: "홍길동 기자공개 2024-10-15 07:30")
_BYLINE_RE = recache.compile(rf"(?<![가-힣])(?P<names>{_NAMES_SEP})(?:\s*\([^()\d]{{1,8}}\))?\s*{_ROLE}(?:(?=공개|입력|등록|승인|발행|송고)|(?![가-힣]))")
_CREDIT_NAME_RE = recache.compile(rf"(?:^|[\s(\[<])(?:(?:글|글\s*[·/ㆍ]\s*사진|정리|대담|취재|구성)\s*[=:]|(?i:by)\s)\s*(?P<names>{_NAMES_SEP})(?:\s*{_ROLE})?")
_LOCPUB = r"[\[(【<]\s*(?P<loc>[^\[\]()【】<>=\n]{1,15}?)\s*=\s*(?P<pub>[^\[\]()【】<>=\n]{1,25}?)\s*[\])】>]"
_DATELINE_RE = recache.compile(
    r"^\s*(?:"
    rf"{_LOCPUB}\s*(?:(?P<names>{_NAMES_SEP})\s*{_ROLE}"
    # a second place and its reporters: "(서울=뉴스1) 홍길동 기자, (강릉=뉴스1) 김철수 기자 ="
    rf"(?:\s*,\s*[\[(【<][^\[\]()【】<>=\n]{{1,15}}=[^\[\]()【】<>=\n]{{1,25}}[\])】>]\s*(?P<names6>{_NAMES_SEP})\s*{_ROLE})?"
    r"\s*(?:=|ㅣ|\||:)?)?"
    # a press release's date after the wire dateline: "(서울=뉴스와이어) 2024년 09월 03일 -- "
    r"(?:\s*(?:19|20)\d{2}\s*(?:년|[.\-/])\s*\d{1,2}\s*(?:월|[.\-/])\s*\d{1,2}\s*(?:일|\.)?\s*-{2,})?"
    rf"|[\[(【<]\s*(?P<pub2>[^\[\]()【】<>=\nㅣ|]{{1,20}}?(?:\([A-Za-z0-9 .]{{2,20}}\))?)(?:\s*[ㅣ|]\s*|\s+)(?P<names2>{_NAMES_SEP})\s*{_ROLE}\s*[\])】>]"
    # press-release wire prefix: "서울--(뉴스와이어) 2024년 05월 03일 -- "
    r"|[가-힣A-Za-z]{1,12}\s*-{2,}\s*\((?P<pub4>[^()\n]{1,20})\)\s*"
    r"(?:(?:19|20)\d{2}\s*(?:년|[.\-/])\s*\d{1,2}\s*(?:월|[.\-/])\s*\d{1,2}\s*(?:일|\.)?)?\s*-{2,}"
    # (not a kicker naming the story's form: "[카드뉴스]", "[포토뉴스]")
    r"|[\[【]\s*(?!(?:카드|포토|그래픽|인포그래픽|영상|동영상|오디오|팩트)\s*뉴스\s*[\]】])(?P<pub3>[^\[\]【】=\n\s]{1,12}(?:뉴스|경제|일보|신문|타임스|투데이|데일리|저널|미디어|방송|닷컴|신보|포스트|통신|뉴스핌|경제tv|비즈))\s*[\]】](?=\s*\S)"
    # (and the reporter after it: "[데일리굿뉴스] 최은혜 기자= ")
    rf"(?:\s*(?P<names7>{_NAMES_SEP})\s*{_ROLE}\s*[=ㅣ|])?"
    rf"|(?P<names3>{_NAMES_SEP})\s*{_ROLE}\s*="
    # the outlet's name before the reporter: "아시아투데이 홍길동 기자 = "
    rf"|(?P<pub5>[가-힣A-Za-z0-9]{{2,12}})\s+(?P<names5>{_NAME})\s*{_ROLE}\s*[=ㅣ|]"  # "인더뉴스 홍길동 기자ㅣ" too
    # an English-language wire dateline: "SEOUL, March 24 (AJP) - ", "SEOUL (Yonhap) -- "
    r"|[A-Z]{3,}(?:\s[A-Z]{3,})?,?(?:\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?)?"
    r"\s+\((?P<pub6>[A-Za-z][A-Za-z .&]{1,20})\)\s*(?:-{1,2}|–|—)\s"
    # a bare place dateline in lenticular brackets: "【강릉】"
    r"|【\s*(?!(?:앵커|기자|리포트|인터뷰|단독|속보|종합|사진|영상|편집자|특파원|기고|칼럼|사설)\s*】)(?P<loc2>[가-힣]{1,8})\s*】(?=\s*\S)"
    r")\s*"
)
_LOCPUB_RE = recache.compile(_LOCPUB)
_PUB_BYLINE_RE = recache.compile(rf"\s*{_NAMES_SEP}\s*{_ROLE}$")
_PUB_EDGES = " /|·,"  # separators a dateline prints between the outlet and the reporter ("[한빛경제 / 홍길동 기자]")
_NAME_RE = recache.compile(_NAME)
# Broadcast crew credits ("영상취재 : 홍길동 기자"): camera, editing and graphics staff are not reporters.
_CREW_WORDS = r"영상\s*취재|영상\s*편집|촬영\s*기자|촬영|편집|그래픽|vj|cg|연출|취재\s*지원|자막|오디오|조명"
_CREW_HINT_RE = recache.compile(rf"(?:{_CREW_WORDS})\s*[:：=]", re.I)
_CREW_RE = recache.compile(rf"(?:{_CREW_WORDS})\s*[:：=]\s*{_NAMES_SEP}(?:\s*{_ROLE})?", re.I)
# A credit roll at the end of a feature, one role and its names a line ("취재 홍길동 김철수", "촬영 이영희").
_ROLL_ROLES = r"취재|글|촬영|편집|디자인|그래픽|cg|구성|연출|기획|영상\s*취재|영상\s*편집|영상|일러스트|데이터|자료\s*조사|진행|제작|pd"
_CREDIT_ROLL_RE = recache.compile(rf"^(?P<role>{_ROLL_ROLES})(?:\s*[:：=]\s*|\s+)(?P<names>{_NAMES_SEP})$", re.I)
_ROLL_FIRSTS = frozenset(c for ch in first_chars(_ROLL_ROLES) for c in (ch, ch.upper()))  # a roll's first letter, either case
_NOT_DATELINE_LOC = recache.compile(r"^(?:사진|그래픽|이미지|자료|제공|출처|영상|일러스트|편집자|글|그림|인터뷰|대담|정리)")
_EDITOR_RE = recache.compile(r"^\s*(?:※\s*)?[\[<(【]?\s*편집자\s*(?:주|註|의\s*말)?\s*[\]>)】]?\s*[:：=]?\s*")
_SIG_TAIL_RE = recache.compile(
    rf"(?:(?<=[.!?\"'”’)\]])|\s)\s*(?:(?:/|▶|ⓒ|©)\s*)?(?:[\[(<]\s*)?(?:(?:[^\s.!?=]{{1,12}}\s*=\s*)|(?:[^\s.!?\"'”’]{{1,12}}\s+))?"
    rf"(?P<names>{_NAMES_SEP})\s*{_ROLE}\s*(?:[\[(<]?\s*(?P<email>{_EMAIL})\s*[\])>]?)?\s*[\])>]?\s*$"
)
_EMAIL_TAIL_RE = recache.compile(rf"(?<=[.!?\"'”’)\]])\s*[\[(<]?\s*(?P<email>{_EMAIL}|{_PROTECTED_EMAIL})\s*[\])>]?\s*$", re.I)
_SIGNOFF_RE = recache.compile(rf"^(?:\S{{1,10}}\s+){{0,2}}(?P<name>{_NAME})(?:\s*{_ROLE})?\s*(?:[\[(]\s*{_EMAIL}\s*[\])])?\s*입니다\.?\s*(?:[\[(<]\s*{_EMAIL}\s*[\])>])?$")

# Photo captions and credit lines: a credit marker followed only by stamp leftovers (date, email, |).
_CREDIT_WORDS = (r"(?:사진|이미지|자료|영상)\s+제공|사진|그래픽|이미지|자료|제공|출처|일러스트|영상|촬영|사진제공|자료제공|그림|캡처|화면\s*캡처|인포그래픽|디자인"
                 r"|[Pp]hoto|PHOTO|[Ii]mage|[Gg]raphic|[Ss]ource")  # "(Photo=DeepHaneul)" on an English-named site
_STAMP_TAIL = (rf"(?:\s*(?:\d{{4}}\.\s?\d{{1,2}}\.\s?\d{{1,2}}\.?|\d{{4}}-\d{{2}}-\d{{2}}|{_EMAIL}|\||/\s*[^\s/]{{1,15}}|[©ⓒ]\s*\S+(?:\s+\S+){{0,3}}"
               rf"|{_NAMES_SEP}\s*{_ROLE}|[*※]?\s*재판매\s*및\s*DB\s*금지))*\s*$")  # "… photo@newsis.com *재판매 및 DB 금지"
_CAPTION_TAIL_RE = recache.compile(
    r"(?:"
    rf"[\[(<【‹〈]\s*(?:{_CREDIT_WORDS})\s*[=:：]\s*[^\])>】›〉]{{1,40}}[\])>】›〉]"
    rf"|[\[(<【][^\[\]()<>【】]{{1,40}}?(?:제공|자료\s*사진|사진|DB|캡처|그래픽|공동\s*취재단?|취재단)(?:[.,][^\])>】]{{0,30}})?\s*[\])>】]"
    rf"|(?<=[다.] )(?:19|20)\d{{2}}\.\s?\d{{1,2}}\.\s?\d{{1,2}}\.?(?=\s*(?:[\[(<][^\[\]()<>]{{1,30}}[\])>])?\s*$)"
    rf"|/\s*(?:{_CREDIT_WORDS})\s*[=:]\s*[^/]{{1,40}}"
    rf"|/\s*[^/\s][^/]{{0,25}}\s*(?:제공|DB|캡처)"
    # "… 통제하고 있다. 대전소방본부 제공": a source named after the caption's last sentence
    rf"|(?<=[.] )[^\s./]{{2,15}}(?:\s[^\s./]{{1,10}})?\s*(?:제공|DB|자료\s*사진)(?=\s*$)"
    rf"|(?<=[.다)] )/?\s*[가-힣A-Za-z]{{1,8}}\s*=\s*[^\s=/]{{2,12}}(?=\s*$)"
    rf"|(?<=[.다)] )(?:{_CREDIT_WORDS})\s*=\s*[^\s=/]{{2,12}}\s[^\s=/]{{1,10}}(?=\s*$)"  # "… 추이. 그래픽=매체 디자인팀"
    rf"|(?<=[.다)])\s*/\s*[^\s/=\d][^\s/=]{{1,14}}/?(?=\s*$)"  # "… 있다./경남도/" too (not "402㎞ / 338㎞")
    # "… 치고 있다. 사진제공｜LG 트윈스": a credit word, a bar or colon, then the source
    rf"|(?<=[.다)] )(?:{_CREDIT_WORDS})\s*[|｜ㅣ:：]\s*[^\s|｜ㅣ:：][^|｜]{{0,24}}(?=\s*$)"
    rf"|(?:19|20)\d{{2}}\.\s?\d{{1,2}}\.\s?\d{{1,2}}\.?\s*(?:/\s*[^\s/]{{1,15}}|\s+{_EMAIL})"
    rf"){_STAMP_TAIL}"
)
# Hint regexes are cheap gates before the costly ones; every branch starts with a literal character so
# that Python's re can skip ahead to candidate characters instead of trying each branch at every position.
_CAPTION_HINT_RE = recache.compile(r"=|/|제공|DB|사진|캡처|그래픽|19\d{2}\.|20\d{2}\.|(?:자료|출처)\s*[:：]")
# Text each hint needs, case-folded: the lexicon's page scan finds it, and a line without any skips the hint.
_CAPTION_HINT_LITERALS = frozenset(("=", "/", "제공", "db", "사진", "캡처", "그래픽", "19", "20", "자료", "출처"))
_CAPTION_HEAD_RE = recache.compile(rf"^\s*[\[(<【]\s*(?:{_CREDIT_WORDS})\s*[=:：]\s*[^\])>】]{{1,40}}[\])>】]")
# "… 모습. <HD현대중공업>", "▲ … 있다. ⓒ연합뉴스": a sentence closed by a bare source credit
_TRAIL_CREDIT_RE = recache.compile(r"[.다)\]]\s+(?:[©ⓒ]\s*[^\s©ⓒ]{1,15}(?:\s+(?:DB|제공|자료\s*사진|[가-힣]{2,4}))?|<(?!\s*(?:끝|계속|완|편집자))[^<>.]{2,20}>"
                                     r"|\[\s*[©ⓒ]\s*[^\[\]©ⓒ]{1,20}\])\s*$")  # "… 하고 있다. [ⓒ세움텔레콤]" too
# English captions' credits: "… on Thursday. [SEWON GROUP]", "[Courtesy of Mir Systems]", "(Source: Sewon AI Research)"
# (not a bare "(Yonhap)": English wire copy ends its paragraphs so)
_EN_CREDIT_RE = recache.compile(r"\S\s+(?:\[\s*(?:(?:Photo\s+)?[Cc]ourtesy\s+of|Photo\s+by|[Pp]hoto\s*[:=])[^\[\]]{0,40}\]"
                                r"|\[[A-Z][A-Z0-9 .&'/-]{1,40}\]"
                                r"|\((?:(?:Photo\s+)?[Cc]ourtesy\s+of|Photo\s+by|(?:Photo|Source|Graphic|Image)\s*[:=])[^()]{1,40}\))\s*$")
_MARKED_CREDIT_RE = recache.compile(r"\s[©ⓒ]\s*[^\s©ⓒ]{1,15}(?:\s+(?:기자|DB|제공|자료\s*사진))?\s*$")
_CREDIT_NAME_TAIL_RE = recache.compile(r"[.)」』]\s+([^\s.]{2,12})$")
_OPENERS = frozenset("[(<【")  # what _CAPTION_HEAD_RE's credit opens with
_FILE_PHOTO_RE = recache.compile(r"DB|자료\s*사진|자료|파일|file", re.I)
_PHOTO_DATE_RE = recache.compile(r"((?:19|20)\d{2})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?\s*/")

_SENT_END_RE = recache.compile(r"(?:[가-힣A-Za-z0-9%)\]\"'”’」』>…]\s*[.!?。]|[?!])$")
_INNER_SENT_RE = recache.compile(r"[가-힣][.!?][\"'”’]?\s+\S")
_CLOSERS = " \"'”’」』)]>"
_LIST_INTRO_ENDINGS = (":", "：", "다음과 같다.", "다음과 같습니다.", "다음과 같다", "다음과 같았다.", "순이었다.", "순이다.")
_SPOKEN_ENDINGS = ("습니다", "입니다", "니다", "어요", "아요", "해요", "네요", "데요", "까요", "군요", "거든요", "려고요", "세요")
_BULLETS = "•·∙◦▪▫■□●○-–—*"
_BULLET_RE = recache.compile(r"^(?:[•·∙◦▪▫■□●○\-–—*]\s*)+")
_NUMBERED_RE = recache.compile(r"^\(?\d{1,2}\s*[.)]?\s*\S")
_SUBHEAD_MARK_RE = recache.compile(r"^[◆◇■□▶▷►●○★☆◈▣▲△▼▽※<\[【【\"'“‘#\d]")
_URL_RE = recache.compile(r"^(?:https?://|www\.)\S+$", re.I)
_HANGUL_RE = recache.compile(r"[가-힣]")
_PHOTO_SENTENCE_RE = recache.compile(r"(?:고\s*있다|모습|전경|장면|풍경)\s*\.?$")
_QUOTE_RE = recache.compile(r"[\"“”]")
_PLACE_TAIL_RE = recache.compile(r"(?<=[.])\s+[가-힣]{1,6}$")  # "… 역투하고 있다. 잠실": a caption's place
_CAPTION_DAY_RE = recache.compile(r"^(?:지난\s*)?\d{1,2}일\s*(?:(?:오전|오후|밤|새벽|낮|저녁)\s*)?[가-힣A-Za-z0-9]")
# a sentence closed on a noun ("… 한 소극장 객석."): prose ends on a verb ("…다.", "…요.")
_NOUN_FINAL = r"[가-힣]{2,}(?<![다요까죠네음함임됨것듯])\."
_NOUN_END_RE = recache.compile(_NOUN_FINAL + "$")
_NOUN_CREDIT_RE = recache.compile(rf"^.{{2,70}}{_NOUN_FINAL}\s*[가-힣]{{2,4}}\s?(?:사진)?기자$")
_NOUN_CAPTION_END_RE = recache.compile(r"[가-힣]\s(?:모습|전경|장면|풍경|화면)\.?$")
_HEADLINE_PUNCT_RE = recache.compile(r"[…,·'\"‘’“”!?:]|\.\.")
_HANGUL_ONLY_RE = recache.compile(r"[가-힣]+")
_WORDISH_RE = recache.compile(r"[가-힣A-Za-z0-9]")
_NONWORD_RE = recache.compile(r"[^가-힣A-Za-z0-9]+")
_META_LEFTOVER_RE = recache.compile(
    rf"{_PROTECTED_EMAIL}|(?:{_BAD_LABELS}|{_GOOD_LABELS}|기사\s*원문|원문\s*보기|송고\s*시간|기자명|작성자|글쓴이|기자|by|오전|오후)(?![A-Za-z])"
    r"|\(\s*[월화수목금토일]\s*\)|[월화수목금토일]요일|제\s*\d{1,3}\s*면|지면|(?<![\d가-힣])[a-z]?\d{1,3}\s*면(?![가-힣])|조회\s*수?\s*[:：]?\s*[\d,]+|댓글\s*[:：]?\s*[\d,]+|제?\s*\d{1,5}\s*호|(?<![A-Za-z])l(?![A-Za-z])|[|/·ㆍ:：()\[\]<>{}=,.\-•ㅣ*~]+",
    re.I,
)
_ROLE_HINT_RE = recache.compile(r"기자|특파원|통신원|에디터|논설위원|편집위원|칼럼니스트")  # every _ROLE ends in one of these
_TWO_DIGITS_RE = recache.compile(r"\d\d")  # every _DATE has two digits in a row
_CREDIT_GATE_RE = recache.compile(r"[=:]|by\s", re.I)  # every _CREDIT_NAME_RE match has one of these
# The byline/date gate, split in two literal-led scans (see _CAPTION_HINT_RE): marks, and a "YY.MM.DD HH:MM" stamp.
_META_HINT_RE = recache.compile(r"@|=|19\d\d|20\d\d|기자|특파원|통신원|에디터|논설위원|편집위원|칼럼니스트|(?i:by)\s|(?i:reporter|writer|correspondent)\s")
_STAMP_HINT_RE = recache.compile(r"\d[.\-]\d\d\s*\d{1,2}:\d\d")
_META_HINT_LITERALS = frozenset(("@", "=", "19", "20", "기자", "특파원", "통신원", "에디터", "논설위원", "편집위원", "칼럼니스트",
                                 ":", "by", "reporter", "writer", "correspondent"))
_SHAPE_LITERALS = _CAPTION_HINT_LITERALS | _META_HINT_LITERALS  # scanned with the lexicon's literals
_NAME_STOP = frozenset(
    "기자 사진 영상 취재 담당 해당 편집 뉴스 온라인 디지털 인턴 수습 선임 전문 객원 현직 전직 여성 남성 소속 일선 "
    "외신 국내 해외 경제 산업 정치 사회 문화 국제 스포츠 연예 전국 본지 본사 자사 당사 통신 방송 신문 특별 공동 "
    "데스크 시민 명예 학생 청년 대학 그리고 이번 지난 관련 함께 각사 모든 다른 많은 현장 주재 종군 방송사 언론사 "
    "보도 사회부 경제부 정치부 산업부 국제부 문화부 체육부 편집부 사진부 영상부 취재팀 뉴스팀 온라인팀 대표 "
    "공동취재 사진공동 공동취재단 사진공동취재단 기자협회 촬영 카메라 그래픽 오디오 조명 중계 작가 "
    "영상취재 영상편집 사진취재 촬영기자 영상기자 사진기자 취재기자 편집기자 기획 구성 디자인 "
    # places a dateline names before the reporter ("[스포티비뉴스=인천, 윤서하 기자]")
    "서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주 수원 창원 고양 용인 성남 "
    "청주 전주 천안 포항 김해 안산 안양 평택 원주 춘천 목포 여수 순천 구미 경주 진주 군산 익산 충주 강릉 속초 "
    "잠실 상암 고척 문학 사직 도쿄 베이징 워싱턴 뉴욕 파리 런던".split()
)

# Last syllables of a department or a sphere ("경제팀", "정치권", "연예계") and particles ("제보는"), rare at the
# end of a given name.
_NOUN_FINALS = frozenset("팀부실국과권계면판단회청처소관는를을의에로와")
# Korean family names (the common one-syllable ones): a bare name printed as a byline opens with one.
_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민류나진지엄채원천방공현함변염여추도"
    "소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부"
)


@dataclass(frozen=True, slots=True)
class Publisher:
    """One known publisher: canonical name, web domains, other names it prints, and its kind."""

    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]
    kind: str


@dataclass(slots=True)
class _RuleBook:
    """Lexicon rules of one kind in the order they are tried, behind an index of what each match must contain."""

    rules: list[tuple] = field(default_factory=list)  # (match or search, reason, anchor, max_len, on_sentence, first chars)
    index: RuleIndex | None = None
    prose_index: RuleIndex | None = None  # the rules that also apply to prose lines (on_sentence), alone
    max_len: int = -1


@dataclass(slots=True)
class Lexicon:
    """The reviewed pattern lexicon: boilerplate rules, menu words and publishers, compiled once."""

    exact: dict[str, tuple[str, str]] = field(default_factory=dict)
    line_rules: _RuleBook = field(default_factory=_RuleBook)
    contains_rules: _RuleBook = field(default_factory=_RuleBook)
    nav_words: frozenset[str] = frozenset()
    menu_words: frozenset[str] = frozenset()  # nav words and folded outlet names: what a menu is made of
    publishers: tuple[Publisher, ...] = ()
    name_index: dict[str, str] = field(default_factory=dict)  # folded name/alias -> canonical name
    domain_index: dict[str, str] = field(default_factory=dict)
    portals: frozenset[str] = frozenset()
    name_re: re.Pattern | None = None
    scanner: LiteralScanner = field(default_factory=lambda: LiteralScanner(()))  # the rule books' literals
    # Short lines (menus, buttons, footers) recur across the pages of a site and across sites: each is
    # classified once per process. Bounded: cleared when full.
    line_cache: dict[tuple[str, str | None], "_Line"] = field(default_factory=dict)


LINE_CACHE_MAX_LEN = 80  # longer lines are mostly prose, seen once
LINE_CACHE_SIZE = 50_000  # about 15 MB


def _fold(text: str) -> str:
    """Return text case-folded with spaces and leading bullets removed (the exact-match key)."""
    return "".join((_BULLET_RE.sub("", text) if text[:1] in _BULLETS else text).split()).casefold()


def _compile_rules(rows: list[dict], whole_line: bool) -> _RuleBook:
    """Return the rules of the rows, compiled, with their indexes.

    They are tried grouped by their limits (max_len, on_sentence), groups in the order each first
    appears in the lexicon, rows in lexicon order within a group. When two rules match a line, the
    earlier one in this order gives the reason.
    """
    groups: dict[tuple[int, bool], list[dict]] = {}
    for row in rows:
        key = (int(row.get("max_len") or CONTAINS_MAX_LEN), (row.get("on_sentence") or "n").strip().lower() == "y")
        groups.setdefault(key, []).append(row)
    ordered = [(row, max_len, on_sentence) for (max_len, on_sentence), items in groups.items() for row in items]
    # Patterns are matched against the case-folded line, so Latin letters in them are lower case.
    index = RuleIndex([row["pattern"] for row, _, _ in ordered], at_start=whole_line)
    prose = [rank for rank, (_, _, on_sentence) in enumerate(ordered) if on_sentence]
    prose_index = RuleIndex([ordered[rank][0]["pattern"] for rank in prose], at_start=whole_line, ranks=prose)
    rules = []
    for (row, max_len, on_sentence), first in zip(ordered, index.first):
        pattern = recache.compile(rf"(?:{row['pattern']})\Z" if whole_line else row["pattern"])
        rules.append((pattern.match if whole_line else pattern.search, row["reason"], (row.get("anchor") or "").strip(),
                      max_len, on_sentence, first))
    return _RuleBook(rules, index, prose_index, max((r[3] for r in rules), default=-1))


def _read_csv(path: Path) -> list[dict]:
    """Return the rows of a lexicon CSV (empty when the file is absent)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if (row.get("pattern") or row.get("name") or "").strip()]


@functools.lru_cache(maxsize=8)
def _load_lexicon_cached(seeds_dir: str) -> Lexicon:
    """Return the lexicon compiled from one seeds folder."""
    seeds = Path(seeds_dir)
    rows = []
    for path in [seeds / "boilerplate_patterns.csv", *sorted(seeds.glob("clean_*.csv"))]:
        rows.extend(_read_csv(path))
    lex = Lexicon()
    line_rows, contains_rows, nav = [], [], set()
    for row in rows:
        kind = (row.get("kind") or "").strip()
        pattern = row["pattern"]
        if kind == "exact":
            lex.exact[_fold(pattern)] = (row["reason"], (row.get("anchor") or "").strip())
        elif kind == "line":
            line_rows.append(row)
        elif kind == "contains":
            contains_rows.append(row)
        elif kind == "navword":
            nav.add(pattern.strip().casefold())
    lex.line_rules = _compile_rules(line_rows, whole_line=True)
    lex.contains_rules = _compile_rules(contains_rows, whole_line=False)
    lex.scanner = LiteralScanner([*lex.line_rules.index.by_literal, *lex.contains_rules.index.by_literal, *_SHAPE_LITERALS])
    lex.nav_words = frozenset(nav)
    pubs, portals = [], set()
    for row in _read_csv(seeds / "publishers.csv"):
        split = lambda v: tuple(x.strip() for x in (v or "").split(";") if x.strip())  # noqa: E731
        pub = Publisher(row["name"].strip(), split(row.get("domains")), split(row.get("aliases")), (row.get("kind") or "").strip())
        pubs.append(pub)
        for alias in (pub.name, *pub.aliases):
            lex.name_index[_fold(alias)] = pub.name
            if pub.kind == "portal":
                portals.add(_fold(alias))
        for dom in pub.domains:
            lex.domain_index[dom.casefold()] = pub.name
    lex.publishers = tuple(pubs)
    lex.portals = frozenset(portals)
    lex.menu_words = lex.nav_words | frozenset(lex.name_index)
    names = sorted({a for p in pubs if p.kind != "portal" for a in (p.name, *p.aliases)}, key=len, reverse=True)
    if names:
        alt = "|".join(re.escape(a).replace(r"\ ", r"\s*") for a in names)
        # A name must stand alone: no letters glued before it, and only a Korean particle after it.
        lex.name_re = recache.compile(lead({a[0] for a in names}) + rf"(?<![가-힣A-Za-z0-9])(?:{alt})(?![A-Za-z0-9])(?![가-힣](?<![의은는이가에와과을를도]))", re.I)
    return lex


def load_lexicon(seeds_dir: Path | None = None) -> Lexicon:
    """Return the compiled lexicon read from the seeds CSVs (cached per folder)."""
    if seeds_dir is None:
        return _default_lexicon()
    return _load_lexicon_cached(str(Path(seeds_dir).resolve()))


@functools.lru_cache(maxsize=1)
def _default_seeds() -> str:
    """Return the resolved default seeds folder (resolved once: path resolution is a syscall per call)."""
    return str(SEEDS_DIR.resolve())


def _default_lexicon() -> Lexicon:
    """Return the lexicon of the default seeds folder."""
    return _load_lexicon_cached(_default_seeds())


# ---------------------------------------------------------------------------------------------
# Line features


def _norm_line(line: str) -> str:
    """Return the line with invisible characters dropped and whitespace collapsed."""
    return " ".join(_ZW_RE.sub("", line).split())


def _norm_lines(raw_lines: list[str]) -> list[str]:
    """Return the lines normalised as _norm_line does, checking the page once for invisible characters."""
    if _ZW_RE.search("\n".join(raw_lines)):
        return [_norm_line(raw) for raw in raw_lines]
    return [" ".join(raw.split()) for raw in raw_lines]


def _is_sentence(line: str) -> bool:
    """Return whether the line reads as prose: ends like a sentence, or is long with sentence breaks."""
    n = len(line)
    if n < 10:
        return False
    tail = line[-SCAN_CHARS:].rstrip(_CLOSERS) if n > SCAN_CHARS else line.rstrip(_CLOSERS)
    if tail.endswith(("..", "…")):
        return n >= 120 and bool(_INNER_SENT_RE.search(line[:SCAN_CHARS * 4]))
    if tail and tail[-1] in ".!?。" and _SENT_END_RE.search(tail[-3:] if len(tail) >= 3 else tail) and " " in line:
        return True
    if n >= 150:
        return True
    if n >= 80 and tail.endswith("다"):
        return True
    if n >= 20 and tail.endswith(_SPOKEN_ENDINGS) and line.count(" ") >= 3:
        return True  # a broadcast script's sentence, printed without its period
    return n >= 60 and bool(_INNER_SENT_RE.search(line))


def _match_rules(book: _RuleBook, low: str, sentence: bool, literals: set[str]) -> tuple[str, str] | None:
    """Return (reason, anchor) of the first rule of the book (in _compile_rules' order) matching the case-folded line.

    `literals`: the lexicon literals the scanner found in the line (or in a longer text ending with it).
    """
    n = len(low)
    if n > book.max_len:
        return None
    rules = book.rules
    # A prose line meets only the rules meant for prose too: their own index spares testing the others.
    for rank in (book.prose_index if sentence else book.index).candidates(low, literals):
        test, reason, anchor, max_len, on_sentence, first = rules[rank]
        if n > max_len or (sentence and not on_sentence) or (first is not None and low[:1] not in first):
            continue
        if test(low):
            return reason, anchor
    return None


def _menu_tokens(text: str) -> list[str]:
    """Return the words of a menu-like line, split at spaces and at | / · > › » (str methods: no regex call)."""
    for sep in "|/·>›»":
        if sep in text:
            text = text.replace(sep, " ")
    return text.split()  # str.split's whitespace is re's \s


def _is_menu(line: str, lex: Lexicon, low: str | None = None) -> bool:
    """Return whether the line (case-folded: `low`, when at hand) is a run of section/menu words."""
    if len(line) > 120:
        return False
    toks = _menu_tokens(line.casefold() if low is None else low)
    if len(toks) < 2:
        return False
    hits = sum(map(lex.menu_words.__contains__, toks))
    return hits >= 2 and hits / len(toks) >= 0.6


def _meta_line(line: str, lex: Lexicon, literals: set[str] | None = None) -> str | None:
    """Return 'byline' or 'dateline' when the line holds only bylines, emails and date stamps.

    `literals`: the scanned literals of the line, when at hand (a line with none of the hints' is not meta).
    """
    if len(line) > META_MAX_LEN or not line or (literals is not None and literals.isdisjoint(_META_HINT_LITERALS)):
        return None
    if not (_META_HINT_RE.search(line) or _STAMP_HINT_RE.search(line)):
        return None
    s = _BULLET_RE.sub("", line) if line[0] in _BULLETS else line
    found = set()

    def _mark(kind):
        """Return a substitution that records `kind` and blanks the match."""
        def sub(m):
            found.add(kind)
            return " "
        return sub

    # Each pattern runs only where the text it cannot match without is there.
    if "@" in s:
        s = _EMAIL_RE.sub(_mark("email"), s)
    if _TWO_DIGITS_RE.search(s):
        s = _DATE_RE.sub(_mark("date"), s)
        if _EN_MONTH_HINT_RE.search(s):
            s = _EN_DATE_RE.sub(_mark("date"), s)
    if _CREDIT_GATE_RE.search(s):
        s = _CREDIT_NAME_RE.sub(_mark("byline"), s)
    if _opens_by(s):
        s = _EN_BYLINE_RE.sub(_mark("byline"), s)
    if "=" in s:
        s = _LOCPUB_RE.sub(_mark("locpub"), s)
    if _ROLE_HINT_RE.search(s):
        s = _BYLINE_RE.sub(_mark("byline"), _without_outlets(s, lex))
    if not found:
        return None
    if "byline" in found and ")" in s:
        s = _AFFILIATION_TAIL_RE.sub(" ", s)  # "홍길동 칼럼니스트(해양산업정책연구소 소장)"
    rest = _META_LEFTOVER_RE.sub(" ", s).split()
    if rest:
        if found & {"byline", "locpub"} and len(rest) == 1 and len(rest[0]) <= 12:
            pass  # an outlet name before the reporter ("AI타임스 김동원 기자")
        elif all(lex.name_index.get(_fold(t)) for t in rest):
            pass
        elif len(" ".join(rest)) <= 24 and _publisher_in(" ".join(rest), lex):
            pass  # "◎공감언론 뉴시스 hong@newsis.com"
        elif "date" in found and len(rest) == 1 and (rest[0].casefold() in lex.nav_words or _SECTION_WORD_RE.fullmatch(rest[0])):
            pass  # "사회 | 2024.11.07 20:05": the section the story is filed under, then its stamp
        elif "date" in found and len(rest) == 1 and len(rest[0]) <= 12 and rest[0].endswith(_OUTLET_ENDINGS):
            pass  # "[코리아테크뉴스] 기사입력 2024.03.12 17:05": an outlet, then its stamp
        else:
            return None
    if found & {"byline", "email"} or ("locpub" in found and "date" not in found):
        return "byline"
    return "dateline"


_AFFILIATION_TAIL_RE = recache.compile(r"^\s*\(\s*[^()]{2,30}\)\s*$")
_WEEKDAY_RE = recache.compile(r"[월화수목금토일]요일|\(\s*[월화수목금토일]\s*\)|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_SECTION_WORD_RE = recache.compile(r"[가-힣]{2,4}")  # one short word left beside a stamp: a section name
_CALL_LETTERS_RE = recache.compile(r"[A-Z][A-Z0-9]{1,4}(?:\s*뉴스)?")  # a station's call letters ("TBC", "G1 뉴스")


def _is_signoff(line: str, lex: Lexicon) -> bool:
    """Return whether the line is a broadcast sign-off ("KBS 뉴스 홍길동입니다.")."""
    m = _SIGNOFF_RE.match(line)
    if not m:
        return False
    prefix = line[: m.start("name")].strip()
    return bool(prefix) and (bool(lex.name_index.get(_fold(prefix))) or prefix.endswith(("뉴스", "TV", "방송"))
                             or bool(_CALL_LETTERS_RE.fullmatch(prefix)) or bool(_publisher_in(prefix, lex)))


def _caption_kind(line: str, lex: Lexicon, literals: set[str] | None = None) -> bool:
    """Return whether the line is a photo caption or credit (a credit marker at its end or head).

    `literals`: the scanned literals of the line, when at hand (without any of the hint's, no credit tail).
    """
    tail = line[-160:]
    if ((literals is None or not literals.isdisjoint(_CAPTION_HINT_LITERALS))
            and _CAPTION_HINT_RE.search(tail) and _CAPTION_TAIL_RE.search(tail)):
        return True
    if len(line) <= 200 and (line[-1] == ">" or "ⓒ" in tail or "©" in tail) and _TRAIL_CREDIT_RE.search(tail):
        return True
    if len(line) <= 300 and line[-1] in ")]" and _EN_CREDIT_RE.search(tail):
        return True  # "… March 24, 2025. [Courtesy of Mir Systems]", "… (Yonhap)"
    if len(line) <= 200 and line[0] in "▲△" and _MARKED_CREDIT_RE.search(tail):
        return True  # "▲ 8일 경기에서 득점 후 기뻐하는 선수들 ⓒ홍길동 기자": a marked picture, then its credit
    if len(line) <= 200 and line[-1] != "." and not line[-1].isspace():
        # "… 예정 부지. 연합뉴스": a caption credited to a wire or outlet by its bare name
        m = _CREDIT_NAME_TAIL_RE.search(line)
        if m and (lex.name_index.get(_fold(m.group(1))) or m.group(1).endswith(("DB", "제공"))):
            return True
    if len(line) <= 90 and line.endswith("기자") and _NOUN_CREDIT_RE.match(line):
        return True  # "텅 빈 인력사무소 대기실. 홍길동기자": a picture named, then its photographer
    return len(line) <= 200 and line.lstrip()[:1] in _OPENERS and bool(_CAPTION_HEAD_RE.match(line))


def _prose_before_caption(text: str) -> bool:
    """Return whether a line credited like a caption opens with two sentences or more of prose.

    A scraper that loses the break between a paragraph and the photo under it prints "… 제공한다. 누리
    어시스턴트 실행 화면. /한빛텔레콤 제공": the paragraph is kept and its caption cut (_trim_paragraph).
    """
    if len(text) < 100 or text.count("다.") < 2:
        return False
    kept, cuts = _trim_paragraph(text, {"reporters": [], "emails": [], "dateline_pubs": []})
    # the credit and the caption's own words (or its photo marker) cut, two sentences of prose left
    return sum(why == "caption" for _, why in cuts) >= 2 and len(kept) >= 60 and kept.endswith(("다.", "다"))


def _headline_sentence(ln: "_Line") -> bool:
    """Return whether a line classified as prose is a headline printed like a sentence.

    Short, no closing period, and either compressed with "…" around a quote or a question
    ('새벽 2시 응급실 문 앞에서…"받아줄 병원이 없습니다"', '등록금 동결 16년…언제까지 버틸 수 있나?')
    or a quote standing for the headline ('"…글로벌 기준에 맞춰야 합니다"').
    """
    text = ln.text
    if ln.kind != _KIND_GOOD or not 10 <= len(text) <= 100 or text.rstrip(_CLOSERS).endswith((".", "。")):
        return False
    if "…" in text and (_QUOTE_RE.search(text) or text.rstrip(_CLOSERS).endswith("?")):
        return True  # '…"받아줄 병원이 없습니다"', '등록금 동결 16년…언제까지 버틸 수 있나?'
    return text[0] in "\"“" and text[-1] in "\"”"  # a quote for a headline: '"…맞춰야 합니다"'


def _titleish(line: str) -> bool:
    """Return whether a line _classify left neutral could be a headline or deck line.

    _classify has already ruled out what a neutral line cannot be: a site name printed alone, a URL, a
    run of menu words, a line without a word.
    """
    n = len(line)
    if n < 6 or n > 200:
        return False
    if len(line.split()) < 2 and n < 12:
        return False
    return not _EMAIL_RE.fullmatch(line)


@dataclass(slots=True)
class _Line:
    """Classification of one input line."""

    text: str
    kind: int
    reason: str = ""
    anchor: str = ""
    sentence: bool = False


def _classify(text: str, lex: Lexicon, hint: str | None = None, literals: set[str] | None = None) -> _Line:
    """Return the classification of one normalised line from lexicon rules and shape evidence.

    `literals`: the lexicon literals in the line, when a scan of the whole page has found them already.
    """
    if not text:
        return _Line(text, _KIND_BLANK)
    sentence = _is_sentence(text)
    if hint == "caption":
        return _Line(text, _KIND_JUNK, "caption", "", sentence)
    low = text.casefold()
    core = _BULLET_RE.sub("", low) if text[0] in _BULLETS else low
    key = "".join(core.split()) if len(text) <= 80 else None  # _fold(text): folding keeps bullets and spaces
    if key is not None:
        if not key:
            return _Line(text, _KIND_JUNK, "nav", "", False)
        hit = lex.exact.get(key)
        if hit:
            return _Line(text, _KIND_JUNK, hit[0], hit[1], sentence)
    if literals is None:
        literals = lex.scanner.scan([text])[0]
    hit = _match_rules(lex.line_rules, core, sentence, literals) if len(text) <= 400 and core else None
    if hit:
        return _Line(text, _KIND_JUNK, hit[0], hit[1], sentence)
    if _caption_kind(text, lex, literals) and not _prose_before_caption(text):
        return _Line(text, _KIND_JUNK, "caption", "", sentence)
    hit = _match_rules(lex.contains_rules, low, sentence, literals)
    if hit:
        return _Line(text, _KIND_JUNK, hit[0], hit[1], sentence)
    meta = _meta_line(text, lex, literals)
    if meta:
        return _Line(text, _KIND_META, meta, "", sentence)
    if (len(text) <= 40 or (len(text) <= 80 and "@" in text)) and "입니다" in text and _is_signoff(text, lex):
        return _Line(text, _KIND_META, "byline", "", sentence)
    if low.startswith(("http", "www")) and _URL_RE.match(text):
        return _Line(text, _KIND_JUNK, "nav", "", False)
    if not sentence and key is not None and lex.name_index.get(key):
        return _Line(text, _KIND_JUNK, "nav", "", False)  # the site name printed alone
    if not sentence and _is_menu(text, lex, low):
        return _Line(text, _KIND_JUNK, "nav", "", False)
    if not _WORDISH_RE.search(text):
        return _Line(text, _KIND_JUNK, "nav", "", False)
    if not sentence and len(text) >= 30:
        sentence = _is_sentence(_strip_signature(text))
    return _Line(text, _KIND_GOOD if sentence else _KIND_NEUTRAL, "", "", sentence)


def _classify_lines(texts: list[str], lex: Lexicon, hints: dict[int, str]) -> list[_Line]:
    """Return the classification of each normalised line; a line printed again on the page (menus) is classified once.

    The lines not classified yet are scanned for the lexicon's literals together, in one call.
    """
    cache = lex.line_cache  # short lines, the whole process: never handed out, only copied
    keys = [(text, hints.get(i)) for i, text in enumerate(texts)]
    done: dict[tuple[str, str | None], _Line] = {}  # this page's lines
    for key in keys:
        if key not in done and len(key[0]) <= LINE_CACHE_MAX_LEN:
            ln = cache.get(key)
            if ln is not None:
                done[key] = ln
    todo = [key for key in dict.fromkeys(keys) if key not in done]
    for key, literals in zip(todo, lex.scanner.scan([text for text, _ in todo])):
        ln = done[key] = _classify(key[0], lex, key[1], literals)
        if len(key[0]) <= LINE_CACHE_MAX_LEN:
            if len(cache) >= LINE_CACHE_SIZE:
                cache.clear()
            cache[key] = ln
    out = []
    for key in keys:
        ln = done[key]
        out.append(_Line(ln.text, ln.kind, ln.reason, ln.anchor, ln.sentence))  # a copy: later passes edit lines
    return out


def _strip_signature(text: str) -> str:
    """Return the text without a trailing reporter signature or email (for the prose test only)."""
    tail = text[-120:]
    m = _SIG_TAIL_RE.search(tail) if _ROLE_HINT_RE.search(tail) else None
    if m is None and "@" in tail:
        m = _EMAIL_TAIL_RE.search(tail)
    return text[: len(text) - len(tail) + m.start()].rstrip() if m else text


# ---------------------------------------------------------------------------------------------
# Page-level evidence


def _mark_repeats(lines: list[_Line]) -> None:
    """Mark list runs, template text repeated across the page, and captions printed twice."""
    counts = Counter(ln.text for ln in lines if ln.kind in (_KIND_GOOD, _KIND_NEUTRAL) and len(ln.text) < 120)
    # (a headline printed over its byline or stamp is the story's, however often the page repeats it:
    # above the article, in the browser title and in its own "most read" list)
    idx = [i for i, ln in enumerate(lines) if ln.kind != _KIND_BLANK]
    headed = {lines[i].text for pos, i in enumerate(idx[:-1]) if counts.get(lines[i].text, 0) >= 3
              and any(lines[j].kind == _KIND_META for j in idx[pos + 1:pos + 3])}
    for ln in lines:
        if ln.kind in (_KIND_GOOD, _KIND_NEUTRAL) and counts.get(ln.text, 0) >= 3 and ln.text not in headed:
            ln.kind, ln.reason = _KIND_JUNK, "nav"
    prev = None  # the previous non-blank line
    for ln in lines:
        if ln.kind == _KIND_BLANK:
            continue
        if prev is not None and ln.text == prev.text and ln.kind == _KIND_GOOD and prev.kind == _KIND_GOOD and len(ln.text) < 300:
            prev.kind = ln.kind = _KIND_JUNK
            prev.reason = ln.reason = "caption"
        prev = ln
    # Runs of three or more short numbered lines are ranking lists ("1 ...", "2. ..."), with at
    # most one unnumbered short line between items (portals print each item twice).
    run: list[int] = []
    between: list[int] = []
    pending: list[int] = []

    def flush():
        """Mark the current run as a ranking list when it is long enough and no sentence announces it."""
        if len(run) >= 3 and not announced:
            for j in run + between:
                lines[j].kind, lines[j].reason, lines[j].anchor = _KIND_JUNK, "trending", ""

    announced = False  # the run follows a paragraph announcing a list ("…은 다음과 같다.", "…:")
    before: _Line | None = None
    for i, ln in enumerate(lines):
        if ln.kind == _KIND_BLANK:
            continue
        short = ln.kind in (_KIND_GOOD, _KIND_NEUTRAL) and len(ln.text) <= 60 and not ln.sentence
        if short and (ln.text[0] == "(" or ln.text[0].isdecimal()) and _NUMBERED_RE.match(ln.text):
            if not run:
                announced = (before is not None and before.kind == _KIND_GOOD
                             and before.text.rstrip().endswith(_LIST_INTRO_ENDINGS))
            run.append(i)
            between.extend(pending)
            pending = []
        elif run and short and not pending:
            pending.append(i)
        else:
            flush()
            run, between, pending = [], [], []
        before = ln
    flush()


_BROWSER_TITLE_RE = recache.compile(r"^(?P<head>.{6,200}?)\s+[-|–—:ㅣ]\s+(?P<site>[^\s|–—].{0,24})$")
_BARE_CREDIT_RE = recache.compile(r"^\W{0,3}[©ⓒ]\s*(?P<who>[^\s,.&|]{1,15}(?:\s+[^\s,.&|]{1,15})?)\s*$")
_NOTICE_RE = recache.compile(r"rights|copyright|무단|금지|저작권|재배포|\d{4}|\.(?:com|co|kr|net)", re.I)


_SUMMARY_HEADINGS = frozenset(_fold(t) for t in (
    "자동요약", "요약봇", "본문 요약봇", "AI 요약", "AI 요약보기", "3줄 요약", "세 줄 요약", "기사 요약", "핵심 요약",
    "요약", "한눈에 보는 기사", "이 기사의 핵심"))


def _mark_summary_boxes(lines: list[_Line], idx: list[int]) -> None:
    """Mark the sentences of a machine or editor summary box: a heading, a few lines, then the box's closing junk.

    Portals print "자동요약" or "본문 요약봇" boxes whose sentences read like prose (or like decks);
    the box ends with its disclaimer or a "닫기" button. Without that closing line nothing is marked.
    """
    for pos, i in enumerate(idx):
        ln = lines[i]
        if ln.kind not in (_KIND_JUNK, _KIND_NEUTRAL) or len(ln.text) > 20 or _fold(ln.text) not in _SUMMARY_HEADINGS:
            continue
        box, lead_junk = [], 0
        for j in idx[pos + 1:pos + 9]:
            other = lines[j]
            if other.kind == _KIND_JUNK and not other.anchor and not box and lead_junk < 2 and ln.kind == _KIND_JUNK:
                lead_junk += 1  # the box's notice before its sentences ("자동 추출 기술로 요약된 내용입니다.")
                continue
            if other.kind == _KIND_JUNK:
                # a heading no lexicon rule knows ("기사 요약") counts only over a list of bullet points
                if box and (ln.kind == _KIND_JUNK or all(_BULLET_RE.match(lines[k].text) and len(lines[k].text) <= 100
                                                         for k in box)):
                    for k in ((i, *box) if ln.kind == _KIND_NEUTRAL else box):
                        lines[k].kind, lines[k].reason, lines[k].anchor = _KIND_JUNK, "label", ""
                break
            if other.kind == _KIND_META or len(other.text) > 200:
                break
            box.append(j)


_HEADER_CREDIT_RE = recache.compile(rf"^(?:(?:기자명|글쓴이|작성자|필자|글)\s*[:：]?\s*)?(?P<name>{_NAME})\s")
_TEXT_PHOTO_CREDIT_RE = recache.compile(r"^\s*글\s*[·ㆍ/,]\s*사진\s*[=:：]")
_CREDIT_LINE_RE = recache.compile(r"^\s*(?:/|[©ⓒ]|(?:사진|그래픽|이미지|자료\s*사진|사진\s*제공|영상)\s*[=:：])")


def _credit_only(text: str) -> bool:
    """Return whether the line is a bracketed credit and nothing else ("[사진=세원그룹]")."""
    m = _CAPTION_HEAD_RE.match(text)
    return m is not None and m.end() == len(text.rstrip())


def _mark_credited_captions(lines: list[_Line], idx: list[int]) -> None:
    """Mark a picture's one-sentence description printed on the line above its credit line (or below it, bracketed).

    "… 시민들이 출근길 발걸음을 재촉하고 있다." then "/뉴스1 ⓒ News1 홍길동 기자" (or "사진=연맹"):
    the credit names a photo, so the sentence above it describes that photo.
    """
    for pos in range(1, len(idx)):
        ln = lines[idx[pos]]
        # "글·사진=홍길동 기자" closing a feature credits its pictures too: a noun-closed line above it is one
        text_and_photo = ln.kind == _KIND_META and _TEXT_PHOTO_CREDIT_RE.match(ln.text)
        if not text_and_photo and (ln.reason != "caption" or len(ln.text) > 60 or not _CREDIT_LINE_RE.match(ln.text)):
            continue
        j = pos - 1
        while j > 0 and pos - j < 3 and lines[idx[j]].reason == "caption":
            j -= 1  # a caption printed over several lines, the credit on the last
        prv = lines[idx[j]]
        text = prv.text
        if (prv.kind in (_KIND_GOOD, _KIND_NEUTRAL) and len(text) <= 200 and not _QUOTE_RE.search(text)
                and not _INNER_SENT_RE.search(text)
                and (_NOUN_END_RE.search(text) or (not text_and_photo and _PHOTO_SENTENCE_RE.search(text)))):
            prv.kind, prv.reason, prv.anchor = _KIND_JUNK, "caption", ""
    # the credit printed first, in brackets, then the picture's sentence: "[사진=세원그룹]" / "… 회의를 하고 있다."
    for pos in range(len(idx) - 1):
        ln, nxt = lines[idx[pos]], lines[idx[pos + 1]]
        if (ln.reason == "caption" and len(ln.text) <= 40 and _credit_only(ln.text)
                and nxt.kind in (_KIND_GOOD, _KIND_NEUTRAL) and len(nxt.text) <= 100 and not _QUOTE_RE.search(nxt.text)
                and not _INNER_SENT_RE.search(nxt.text) and _PHOTO_SENTENCE_RE.search(nxt.text)):
            nxt.kind, nxt.reason, nxt.anchor = _KIND_JUNK, "caption", ""


def _bare_name(text: str, lex: Lexicon | None) -> bool:
    """Return whether the text is a person's name alone: three syllables opening with a family name ("이서윤")."""
    return (len(text) == 3 and text[0] in _SURNAMES and _HANGUL_ONLY_RE.fullmatch(text) is not None
            and text[-1] not in _NOUN_FINALS and text not in _NAME_STOP and (lex is None or text not in lex.menu_words))


_MARKER_RE = recache.compile(r"^[◀◁\[<【(]\s*[^\s◀◁▶▷\[\]<>【】()][^◀◁▶▷\[\]<>【】()]{0,10}[▶▷\]>】)]$")


def _mark_speaker_tags(lines: list[_Line], idx: list[int]) -> None:
    """Mark the speaker named on the line under a transcript marker, before the quote ("◀ INT ▶" / "부산시 관계자" / "\"…\"").

    The marker says a speaker's words follow; a short line that is no sentence between it and the
    quote names who speaks.
    """
    for pos in range(1, len(idx) - 1):
        ln = lines[idx[pos]]
        if ln.kind != _KIND_NEUTRAL or len(ln.text) > 40 or ln.text[0] in "\"“'‘":
            continue
        prv, nxt = lines[idx[pos - 1]], lines[idx[pos + 1]]
        if prv.reason == "label" and _MARKER_RE.match(prv.text) and nxt.text[0] in "\"“'‘":
            ln.kind, ln.reason, ln.anchor = _KIND_JUNK, "label", ""


_ROLE_ONLY_RE = recache.compile(rf"^{_ROLE}$")


def _mark_bare_bylines(lines: list[_Line], idx: list[int], lex: Lexicon) -> None:
    """Mark a writer's name printed alone as a byline, where the page shows it is one.

    - in the header, right above or below the date stamp ("이서윤" then "2024년 11월 04일"), or under
      another name printed so ("박하은" / "이정민"); not as the page's first line (the site's name);
    - above its role printed alone ("김도윤" / "기자");
    - as an author box: the name, at most two short lines about the writer, then the writer's email
      alone ("이서윤" / "스타트업 생태계를 취재합니다." / "sy@platum.kr"), or closing the one bio line;
      the lines between go too.
    """
    first_good = next((pos for pos, i in enumerate(idx) if lines[i].kind == _KIND_GOOD), len(idx))
    for pos, i in enumerate(idx):
        ln = lines[i]
        if ln.kind != _KIND_NEUTRAL or not _bare_name(ln.text, lex):
            continue
        if pos + 1 < len(idx) and lines[idx[pos + 1]].kind == _KIND_NEUTRAL and _ROLE_ONLY_RE.match(lines[idx[pos + 1]].text):
            # "김도윤" / "기자": a byline printed over two lines
            ln.kind, ln.reason, ln.anchor = _KIND_META, "byline", "name"
            role = lines[idx[pos + 1]]
            role.kind, role.reason, role.anchor = _KIND_META, "byline", ""
            continue
        near = [lines[idx[q]] for q in (pos - 1, pos + 1) if 0 <= q < len(idx)]
        if 0 < pos < first_good and any(n.kind == _KIND_META and (n.reason == "dateline" or n.anchor == "name") for n in near):
            ln.kind, ln.reason, ln.anchor = _KIND_META, "byline", "name"
            continue
        box = idx[pos + 1:pos + 4]
        end = next((q for q, j in enumerate(box) if lines[j].kind == _KIND_META and _EMAIL_RE.fullmatch(lines[j].text)), None)
        if end is None:  # the email closing the writer's one-line bio ("…이야기를 씁니다. jihoon@x.kr")
            end = next((q for q, j in enumerate(box[:2]) if len(lines[j].text) <= 120 and "@" in lines[j].text
                        and _EMAIL_TAIL_RE.search(lines[j].text)), None)
            if end is not None:
                lines[box[end]].kind, lines[box[end]].reason, lines[box[end]].anchor = _KIND_META, "byline", ""
        if end is None or any(len(lines[j].text) > 100 or lines[j].kind not in (_KIND_GOOD, _KIND_NEUTRAL) for j in box[:end]):
            continue
        ln.kind, ln.reason, ln.anchor = _KIND_META, "byline", "name"
        for j in box[:end]:
            lines[j].kind, lines[j].reason, lines[j].anchor = _KIND_JUNK, "credit", ""


_MID_BODY_CREDIT_RE = recache.compile(r"\s[©ⓒ]\s*[^\s©ⓒ]{1,15}\s*$")
_NOTICE_WORDS_RE = recache.compile(r"rights|copyright|무단|금지|저작권|재배포", re.I)


def _mark_mid_body_credits(lines: list[_Line], idx: list[int]) -> None:
    """Mark a picture's line printed between two paragraphs: credited at its end ("… 토론 현장 ⓒ플래텀") or marked ("▲ …").

    Between paragraphs a short line that is no sentence and ends in a credit describes a picture: the
    copyright notice that reads the same comes after the article, not inside it. A lone "▲" line there
    is a caption too (a list of "▲" items runs over several lines).
    """
    for pos in range(1, len(idx) - 1):
        ln = lines[idx[pos]]
        text = ln.text
        if (ln.kind == _KIND_NEUTRAL and lines[idx[pos - 1]].kind == _KIND_GOOD and lines[idx[pos + 1]].kind == _KIND_GOOD
                and ((len(text) <= 80 and text[0] in "▲△" and text.count(text[0]) == 1)
                     or (len(text) <= 100 and text.endswith("고 있다") and "에서" in text))):
            # "▲ …", or a picture's action without its period ("… 병동 복도에서 약품을 운반하고 있다")
            ln.kind, ln.reason, ln.anchor = _KIND_JUNK, "caption", ""  # "▲동하마트 앱의 'AI 장보기 비서' 화면"
            continue
        if ln.kind != _KIND_NEUTRAL or len(text) > 120 or ("ⓒ" not in text and "©" not in text):
            continue
        m = _MID_BODY_CREDIT_RE.search(text)
        if not m or _NOTICE_RE.search(m.group()) or _NOTICE_WORDS_RE.search(text):
            continue  # "ⓒ 2024 매체", "ⓒ매체.com", "무단 전재 금지 ⓒ매체": the notice
        if lines[idx[pos - 1]].kind == _KIND_GOOD and lines[idx[pos + 1]].kind == _KIND_GOOD:
            ln.kind, ln.reason, ln.anchor = _KIND_JUNK, "caption", ""


def _unmark_prose_footers(lines: list[_Line], idx: list[int]) -> None:
    """Give back to the article a sentence between two paragraphs that a footer word marked as the page's end.

    "… 동의 화면은 '서비스 이용 약관 및 개인정보 처리 동의' 한 줄로 구성돼 있다." names the words a site's
    footer prints, but a footer is no sentence written between the article's paragraphs.
    """
    for pos in range(1, len(idx) - 1):
        ln = lines[idx[pos]]
        if (ln.kind == _KIND_JUNK and ln.reason == "footer" and ln.sentence and len(ln.text) >= 40
                and ln.text.rstrip(_CLOSERS).endswith(("다.", "다"))
                and lines[idx[pos - 1]].kind == _KIND_GOOD and lines[idx[pos + 1]].kind == _KIND_GOOD):
            ln.kind, ln.reason, ln.anchor = _KIND_GOOD, "", ""


def _wrap_width(lines: list[_Line]) -> int | None:
    """Return the width a page's text was hard-wrapped at, when it was: most text lines end within a few
    characters of one width and almost none run past it (paragraphs printed whole run to hundreds)."""
    lens = [len(ln.text) for ln in lines if ln.kind in (_KIND_GOOD, _KIND_NEUTRAL) and len(ln.text) >= 20]
    if len(lens) < 8 or sum(k > 122 for k in lens) > 0.1 * len(lens):
        return None  # (paragraphs printed whole: too many lines wider than any wrap)
    at = [0] * 124  # lines of each width, then the running total
    for k in lens:
        at[min(k, 123)] += 1
    for k in range(1, 124):
        at[k] += at[k - 1]
    width = max(range(30, 121), key=lambda w: at[w] - at[w - 6])  # most lines within 5 characters under w
    near, over = at[width] - at[width - 6], len(lens) - at[min(width + 2, 123)]
    return width if near >= 8 and near >= 0.4 * len(lens) and over <= 0.1 * len(lens) else None


def _mark_wrapped_paragraphs(lines: list[_Line]) -> None:
    """Mark the lines of paragraphs a scraper hard-wrapped at a fixed width as prose.

    A line as wide as the wrap that runs straight into a prose line is the start of that paragraph (into a
    caption, the caption's), and a short line closing a sentence right under a full-width line is its end
    ("…빠르게" / "늘어난 덕분이다.").
    """
    width = _wrap_width(lines)
    if width is None:
        return
    full = [ln.kind in (_KIND_GOOD, _KIND_NEUTRAL) and width - 8 <= len(ln.text) <= width + 2 for ln in lines]
    for i in range(1, len(lines)):  # paragraph ends
        ln = lines[i]
        if ln.kind == _KIND_NEUTRAL and full[i - 1] and _SENT_END_RE.search(ln.text[-3:]):
            ln.kind, ln.sentence = _KIND_GOOD, True
    for i in range(len(lines) - 2, -1, -1):  # paragraph starts and middles, from the end up
        ln = lines[i]
        if ln.kind == _KIND_NEUTRAL and full[i] and lines[i + 1].kind == _KIND_GOOD:
            ln.kind, ln.sentence = _KIND_GOOD, True
        elif ln.kind == _KIND_NEUTRAL and full[i] and lines[i + 1].reason == "caption":
            ln.kind, ln.reason, ln.anchor = _KIND_JUNK, "caption", ""  # a caption's first line, wrapped


def _mark_runs(lines: list[_Line], idx: list[int], test, kind: int, reason: str) -> None:
    """Give every run of two or more consecutive lines passing `test` this kind and reason (one alone is left)."""
    run: list[int] = []
    for i in [*idx, -1]:
        if i >= 0 and test(lines[i]):
            run.append(i)
            continue
        if len(run) >= 2:
            for j in run:
                lines[j].kind, lines[j].reason, lines[j].anchor = kind, reason, ""
        run = []


def _mark_credit_rolls(lines: list[_Line], idx: list[int]) -> None:
    """Mark runs of two or more credit lines ("취재 홍길동", "촬영 김철수") as bylines: one alone may be a subhead."""
    _mark_runs(lines, idx, lambda ln: ln.kind != _KIND_GOOD and len(ln.text) <= 40 and ln.text[:1] in _ROLL_FIRSTS
               and _CREDIT_ROLL_RE.match(ln.text),
               _KIND_META, "byline")


_LATIN_RE = recache.compile(r"[a-z]")
_LATIN_WORD_RE = recache.compile(r"[a-z][a-z0-9]*")
_BIO_CUE_RE = recache.compile(r"졸업|역임|지냈|거쳤|거쳐|저서|학위|박사|교수|연구위원|연구원|대표|활동하|맡고|재직|근무")


def _mark_author_bios(lines: list[_Line], idx: list[int]) -> None:
    """Mark a writer's bio: one or two short prose lines after the closing credit, before the page's junk.

    "홍길동 ○○연구소 연구위원" then "○○대에서 박사 학위를 받았다. 저서로 …가 있다." ends a column:
    the credit closes the article, and what describes the writer under it is not the article.
    """
    for pos, i in enumerate(idx):
        if lines[i].reason != "credit" or pos == 0 or lines[idx[pos - 1]].kind != _KIND_GOOD:
            continue
        bio = idx[pos + 1:pos + 3]
        while bio and lines[bio[-1]].kind not in (_KIND_GOOD, _KIND_NEUTRAL):
            bio.pop()
        if not bio or any(lines[j].kind not in (_KIND_GOOD, _KIND_NEUTRAL) for j in bio):
            continue
        after = pos + 1 + len(bio)
        if after < len(idx) and lines[idx[after]].kind not in (_KIND_JUNK, _KIND_META):
            continue  # the article goes on: the credit was not its end
        if all(len(lines[j].text) <= 250 and _BIO_CUE_RE.search(lines[j].text) for j in bio):
            for j in bio:
                lines[j].kind, lines[j].reason, lines[j].anchor = _KIND_JUNK, "credit", ""


_DESK_MAILBOX_RE = recache.compile(r"(?:news|webmaster|editor|desk|jebo|info|press|help|admin|master|contact|newsroom|report|tips?)@", re.I)
_BIO_OPEN_RE = recache.compile(r"^[◇◆■□▲△※*▶]?\s*(?P<name>[가-힣]{2,4})\s*(?:[가-힣A-Za-z]{1,10}\s*)?(?:은|는)\s")
_RELEASE_RE = recache.compile(r"(?:을|를)\s*통해\s*배포한\s*보도\s*자료|보도\s*자료\s*제공\s*[:：=]")
_ABOUT_HEAD_RE = recache.compile(r"^(?:[▶■□◆◇※\[【]\s*)?(?P<name>[^\s\[\]【】]{2,20})\s*(?:개요|소개|회사\s*개요|회사\s*소개)\s*[\]】]?$")


def _mark_about_boxes(lines: list[_Line], idx: list[int]) -> None:
    """Mark a press release's "about the company" box: "세이프링크 개요" then "세이프링크는 …" to the page's junk.

    The heading names the company and the box's first line opens on that name; the box is the
    release's boilerplate, not the news.
    """
    for pos, i in enumerate(idx):
        ln = lines[i]
        if ln.kind != _KIND_NEUTRAL or len(ln.text) > 30:
            continue
        m = _ABOUT_HEAD_RE.match(ln.text) if ("개요" in ln.text or "소개" in ln.text) else None
        if not m or pos + 1 >= len(idx):
            continue
        box = []
        for j in idx[pos + 1:pos + 4]:
            if lines[j].kind not in (_KIND_GOOD, _KIND_NEUTRAL):
                break
            box.append(j)
        if not box or len(box) > 2 or not lines[box[0]].text.startswith((m["name"] + "는", m["name"] + "은")):
            continue
        for j in (i, *box):
            lines[j].kind, lines[j].reason, lines[j].anchor = _KIND_JUNK, "footer", ""
        ln.anchor = "end"


_FIELD_RE = recache.compile(r"^[가-힣]{2,6}\s*[:：]\s*\S.{0,40}(?<![.?!다요])$")  # not a speaker's line


def _mark_info_boxes(lines: list[_Line], idx: list[int]) -> None:
    """Mark fact boxes: two or more consecutive short "label: value" lines ("장르: 액션 RPG", "출시: 2025년")."""
    _mark_runs(lines, idx, lambda ln: ln.kind == _KIND_NEUTRAL and (":" in ln.text or "：" in ln.text) and _FIELD_RE.match(ln.text),
               _KIND_JUNK, "label")


_POLL_HEAD_RE = recache.compile(r"^(?:독자|온라인|실시간|오늘의|이번\s*주)?\s*(?:투표|설문(?:\s*조사)?|여론\s*조사|폴|poll|퀴즈|quiz)$", re.I)
_POLL_END_RE = recache.compile(r"투표\s*하기|결과\s*보기|참여\s*하기|정답\s*(?:확인|보기)|[\d,]+\s*명\s*(?:참여|투표)")


def _mark_poll_boxes(lines: list[_Line], idx: list[int]) -> None:
    """Mark a reader poll or quiz: its heading, question and options down to its vote button or turnout line."""
    for pos, i in enumerate(idx):
        if len(lines[i].text) > 12 or not _POLL_HEAD_RE.match(lines[i].text):
            continue
        end = next((q for q in range(pos + 1, min(pos + 12, len(idx)))
                    if len(lines[idx[q]].text) <= 40 and _POLL_END_RE.search(lines[idx[q]].text)), None)
        if end is None:
            continue
        while end + 1 < len(idx) and len(lines[idx[end + 1]].text) <= 40 and _POLL_END_RE.search(lines[idx[end + 1]].text):
            end += 1
        for q in range(pos, end + 1):
            lines[idx[q]].kind, lines[idx[q]].reason, lines[idx[q]].anchor = _KIND_JUNK, "comment", ""


def _mark_page_shapes(lines: list[_Line], lex: Lexicon) -> None:
    """Mark lines whose role shows only against the rest of the page.

    - the browser-title line: a line that is another line plus " - 매체" (the <title> tag);
    - a brand-prefixed repeat of a header menu item ("매체 Who Is ?" where "Who Is ?" is a menu line);
    - a bare photo credit ("ⓒ 홍길동") next to a caption: a caption credit, not the copyright notice
      that ends the article; and the "▲ …" caption line printed right before such a credit.
    """
    idx = [i for i, ln in enumerate(lines) if ln.kind != _KIND_BLANK]
    _mark_credit_rolls(lines, idx)
    _mark_summary_boxes(lines, idx)
    _mark_credited_captions(lines, idx)
    _mark_author_bios(lines, idx)
    _mark_bare_bylines(lines, idx, lex)
    _mark_speaker_tags(lines, idx)
    _mark_mid_body_credits(lines, idx)
    _mark_wrapped_paragraphs(lines)
    _unmark_prose_footers(lines, idx)
    _mark_about_boxes(lines, idx)
    _mark_info_boxes(lines, idx)
    _mark_poll_boxes(lines, idx)
    texts = {lines[i].text for i in idx if len(lines[i].text) <= 200}
    # short non-prose lines (menu items) printed before the first paragraph
    first_good = next((i for i in idx if lines[i].kind == _KIND_GOOD), len(lines))
    header_items = {lines[i].text for i in idx if i < first_good and len(lines[i].text) <= 30 and lines[i].kind != _KIND_META}
    for pos, i in enumerate(idx):
        ln = lines[i]
        text = ln.text
        if len(text) > 230:
            continue
        if ln.kind in (_KIND_NEUTRAL, _KIND_GOOD) and (" - " in text or " | " in text or "ㅣ" in text or " – " in text or " — " in text):
            m = _BROWSER_TITLE_RE.match(text)
            if m and m["head"] in texts:
                ln.kind, ln.reason, ln.anchor = _KIND_JUNK, "title", ""
                continue
        if ln.kind in (_KIND_NEUTRAL, _KIND_GOOD) and len(text) <= 40 and " " in text:
            brand, rest = text.split(" ", 1)
            if len(brand) <= 12 and len(rest) >= 4 and rest in header_items:
                ln.kind, ln.reason, ln.anchor = _KIND_JUNK, "nav", ""
                continue
        if ln.reason == "copyright" and len(text) <= 40:
            m = _BARE_CREDIT_RE.match(text)
            if not m or _NOTICE_RE.search(text):
                continue
            prv = lines[idx[pos - 1]] if pos > 0 else None
            nxt = lines[idx[pos + 1]] if pos + 1 < len(idx) else None
            prev_caption = prv is not None and (prv.reason == "caption" or prv.text.startswith(("▲", "△")))
            next_caption = nxt is not None and nxt.reason == "caption"
            # "ⓒ 홍길동", "ⓒ매체 홍길동": a photographer's credit
            last_word = m["who"].split()[-1]
            person = not lex.name_index.get(_fold(last_word)) and _NAME_RE.fullmatch(last_word) is not None
            # between two paragraphs a bare credit is a photo's: the copyright notice ends the article
            mid_body = prv is not None and prv.kind == _KIND_GOOD and any(
                lines[j].kind == _KIND_GOOD for j in idx[pos + 1:pos + 3])
            if prev_caption or next_caption or mid_body or (person and nxt is not None and nxt.kind == _KIND_GOOD):
                ln.reason, ln.anchor = "caption", ""
                if prv is not None and prv.kind != _KIND_JUNK and prv.text.startswith(("▲", "△")) and prv.text.count("▲") <= 1:
                    prv.kind, prv.reason, prv.anchor = _KIND_JUNK, "caption", ""


def _choose_body(lines: list[_Line]) -> tuple[int, int] | None:
    """Return (first, last) index of the main article block: the heaviest cluster of prose lines."""
    clusters: list[list[int]] = []
    gap, hard = 0, False
    for i, ln in enumerate(lines):
        if ln.kind == _KIND_GOOD:
            if clusters and not hard and gap <= CLUSTER_GAP:
                clusters[-1].append(i)
            else:
                clusters.append([i])
            gap, hard = 0, False
        elif ln.kind == _KIND_BLANK or ln.reason == "caption":
            continue
        elif ln.anchor == "end":
            hard = True
        else:
            gap += 1
    if not clusters:
        return None
    best = max(clusters, key=lambda c: sum(len(lines[i].text) for i in c))
    first, last = best[0], best[-1]
    total = sum(len(lines[i].text) for i in best)
    # A byline or date line inside the block, with little prose before it, ends the header.
    seen = 0
    for i in range(first, last + 1):
        ln = lines[i]
        if ln.kind == _KIND_GOOD:
            seen += len(ln.text)
        elif ln.kind == _KIND_META and seen < HEAD_SHARE * total and seen < 400:
            nxt = next((j for j in range(i + 1, last + 1) if lines[j].kind == _KIND_GOOD), None)
            if nxt is not None:
                first = nxt
    seen = 0
    for i in range(last, first - 1, -1):
        ln = lines[i]
        if ln.kind == _KIND_GOOD:
            seen += len(ln.text)
        elif (ln.kind == _KIND_META and ln.reason == "byline") and seen < HEAD_SHARE * total and seen < 400:
            prv = next((j for j in range(i - 1, first - 1, -1) if lines[j].kind == _KIND_GOOD), None)
            if prv is not None:
                last = prv
    return first, last


# ---------------------------------------------------------------------------------------------
# Metadata readers


def _iso(m: re.Match) -> str | None:
    """Return the ISO date (with time when printed) of a _DATE_RE match, or None when invalid."""
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if y < 100:
        y += 2000
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return _with_time(f"{y:04d}-{mo:02d}-{d:02d}", m["H"], m["M"], m["ap"] or m["ap2"])


def _en_iso(m: re.Match) -> str | None:
    """Return the ISO date (with time when printed) of an _EN_DATE_RE match, or None when invalid."""
    mon, d, y = (m["mon"], m["d"], m["y"]) if m["mon"] else (m["mon2"], m["d2"], m["y2"])
    mo, d = _MONTHS.index(mon[:3].casefold()) + 1, int(d)
    if not 1 <= d <= 31:
        return None
    return _with_time(f"{int(y):04d}-{mo:02d}-{d:02d}", m["H"], m["M"], m["ap"])


def _with_time(date: str, hour: str | None, minute: str | None, ampm: str | None) -> str:
    """Return the ISO date with its time of day when one is printed (and valid): "2024-03-05T21:05"."""
    if hour is None:
        return date
    h, mi = int(hour), int(minute)
    ap = (ampm or "").replace(".", "").casefold()
    if ap in ("오후", "pm") and h < 12:
        h += 12
    elif ap in ("오전", "am") and h == 12:
        h = 0
    return f"{date}T{h:02d}:{mi:02d}" if h <= 23 and mi <= 59 else date


def korea_time(stamp: str) -> str | None:
    """Return a declared publication time (a page's meta tag) as ISO in Korean time.

    "2025-01-20T23:30:00+00:00" is 2025-01-21T08:30 in Seoul, the time the page prints; a stamp without
    an offset is taken as printed.
    """
    m = _DATE_RE.search(stamp)
    iso = _iso(m) if m else None
    if iso and "T" in iso:
        try:
            when = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
        except ValueError:
            return iso
        if when.tzinfo is not None:
            return when.astimezone(_KST).strftime("%Y-%m-%dT%H:%M")
    return iso


_KST = timezone(timedelta(hours=9))


def _stamp_dates(line: str) -> list[tuple[bool, str]]:
    """Return (labelled as publication, iso) for every date in the line, skipping update stamps."""
    out = []
    text = line[:META_MAX_LEN * 2]
    for stamp_re, to_iso in ((_DATE_RE, _iso), (_EN_DATE_RE, _en_iso)):
        if stamp_re is _EN_DATE_RE and (out or not _EN_MONTH_HINT_RE.search(text)):
            break  # month names are read only where no numeric date is printed
        for m in stamp_re.finditer(text):
            label = m["label"] or ""
            if label and _BAD_LABEL_RE.match(label):
                continue
            iso = to_iso(m)
            if iso:
                out.append((bool(label or m.groupdict().get("post")), iso))
    if re.match(r"\s*updated", line, re.I):
        return []
    return out


_OUTLET_ENDINGS = ("일보", "신문", "뉴스", "방송", "경제", "닷컴", "저널", "타임스", "투데이", "미디어")


def _names(raw: str, keep_all: bool) -> list[str]:
    """Return reporter names from a names group; space-separated lists keep only the last unless keep_all."""
    parts = re.split(r"\s*[·ㆍ,/]\s*", raw.strip())
    out = []
    for part in parts:
        words = [w for w in part.split() if _NAME_RE.fullmatch(w) and w not in _NAME_STOP and not w.endswith(("팀", "부"))]
        if not keep_all and len(words) >= 2 and words[-1].endswith(_OUTLET_ENDINGS):
            words.pop()  # "홍길동 한빛일보 기자": the outlet printed between the name and the role
        out.extend(words if keep_all else words[-1:])
    return out


def _without_outlets(text: str, lex: Lexicon | None) -> str:
    """Return a byline without the known outlet names in it ("박정한 글로벌이코노믹 해외통신원" -> "박정한   해외통신원")."""
    if lex is None or lex.name_re is None:
        return text
    return lex.name_re.sub(" ", text)


def _bylines(text: str, lex: Lexicon | None = None, weak: list[str] | None = None) -> list[str]:
    """Return reporter names printed in a byline or signature text (broadcast crew credits excluded).

    With the lexicon, an outlet printed between the name and the role is passed over. `weak` collects
    the names credited only by "by" without a role ("by 반읽남": a blog's author as often as a reporter).
    """
    out = []
    roll = _CREDIT_ROLL_RE.match(text)
    if roll:  # of a credit roll only the reporting ("취재") or writing ("글") names are reporters
        return _names(roll["names"], True) if roll["role"] in ("취재", "글") else []
    if _CREW_HINT_RE.search(text):
        text = _CREW_RE.sub(" ", text)
    for m in _CREDIT_NAME_RE.finditer(text):
        names = _names(m["names"], False)
        out.extend(names)
        if weak is not None and m.group(0).lstrip(" ([<")[:2].casefold() == "by" and not _ROLE_HINT_RE.search(m.group(0)):
            weak.extend(names)
    for m in _BYLINE_RE.finditer(_without_outlets(text, lex) if _ROLE_HINT_RE.search(text) else text):
        out.extend(_names(m["names"], False))
    if not out and _opens_by(text):
        m = _EN_BYLINE_RE.match(text)  # "By Lee Jae-won": an English-language page's byline
        if m and not _EN_NOT_NAME_RE.search(m["name"]) and not (lex and lex.name_index.get(_fold(m["name"]))):
            out.append(m["name"])
    if not out and "@" in text:
        # "YTN 이지은 (jieun@ytn.co.kr)": a signature without a role, the name right before its own mailbox
        m = _NAME_EMAIL_RE.search(text)
        if m and not _DESK_MAILBOX_RE.match(m["email"]) and _bare_name(m["name"], lex):
            out.append(m["name"])
    return out


def _opens_by(text: str) -> bool:
    """Return whether the text opens like an English-language byline ("By …", "Reporter …"), before _EN_BYLINE_RE."""
    text = text.lstrip()
    return text[:3] in ("By ", "BY ", "by ") or text.startswith(("Reporter ", "Staff Reporter ", "Writer ", "Correspondent "))


_EN_BYLINE_RE = recache.compile(
    r"^\s*(?:[Bb][Yy]|(?:Staff\s+)?Reporter|Writer|Correspondent)\s+"
    r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+|-[a-z]+){1,3}|[A-Z]{2,}(?:[ -][A-Z]{2,}){1,3})(?![A-Za-z])"  # "PARK EUN-JI" too
    r"(?:\s*,?\s*(?:(?:Staff|Senior|Chief|Business|Tech)\s+)?(?:Reporter|Writer|Correspondent|Editor|Columnist))?"
)
_EN_NOT_NAME_RE = recache.compile(r"\b(?:Korea|Korean|Herald|Times|News|Daily|Staff|Reporter|Writer|Editor|Agency|Yonhap|Press|Media|Team|Desk)\b")
_NAME_EMAIL_RE = recache.compile(rf"(?:^|\s)(?P<name>[가-힣]{{3}})\s*[\[(<]?\s*(?P<email>{_EMAIL})\s*[\])>]?\s*$")


def _publisher_in(text: str, lex: Lexicon) -> str | None:
    """Return the canonical publisher named or linked in the text, if it is a known one (the first printed)."""
    found = []  # (position, publisher)
    for m in _DOMAIN_RE.finditer(text.casefold()):
        name = _domain_publisher(m.group(1), lex)
        if name:
            found.append((m.start(), name))
            break
    if lex.name_re is not None:
        m = lex.name_re.search(text)
        if m and lex.name_index.get(_fold(m.group(0))):
            found.append((m.start(), lex.name_index[_fold(m.group(0))]))
    return min(found)[1] if found else None  # "ⓒ 주간동아 & donga.com": the magazine, then its parent's site


_DOMAIN_RE = recache.compile(r"(?:https?://)?(?:www\.)?([a-z0-9\-]+(?:\.[a-z0-9\-]+)+)")


def _domain_publisher(domain: str, lex: Lexicon) -> str | None:
    """Return the publisher owning the domain (or a parent domain of it)."""
    parts = domain.casefold().split(".")
    for i in range(len(parts) - 1):
        name = lex.domain_index.get(".".join(parts[i:]))
        if name:
            return name
    return None


_COPYRIGHT_NAME_RE = recache.compile(
    r"(?:copyright|저작권자|[©ⓒ]|\(c\))\s*(?:[©ⓒ]|\(c\))?\s*(?:(?:19|20)\d{2}\s*(?:[-~]\s*(?:19|20)\d{2})?\s*)?"
    r"(?:'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”)?\s*(?:㈜|\(주\)|주식회사)?\s*(?P<name>(?:[^.,<>\[\]()|&]|(?<=[A-Za-z])&(?=[A-Za-z])){1,30}?)"
    r"\s*(?:[.,<>\[\]()|]|(?<![A-Za-z])&|&(?![A-Za-z])|\s[-–—]\s|무단|all\s*rights|$|\s(?:news|뉴스)?\s*(?:all|무단))",
    re.I,
)


def _copyright_publisher(text: str, lex: Lexicon) -> str | None:
    """Return the publisher a copyright or masthead line names (known name, or the printed one)."""
    known = _publisher_in(text, lex)
    if known:
        return known
    m = re.search(r"(?:제호|명칭)\s*[:：]\s*([^,|·]{2,30})", text)
    if m:
        return m.group(1).strip()
    m = _COPYRIGHT_NAME_RE.search(text)
    if m:
        name = re.sub(r"(?:무단|all\s*rights).*$", "", m["name"], flags=re.I).strip(" -:'\"")
        name = re.sub(r"^(?:㈜|\(주\)|주식회사)\s*", "", name)
        name = re.sub(r"\s*(?:인터넷판|온라인판|인터넷신문|닷컴)$", "", name)  # "전북일보 인터넷판"
        name = re.sub(r"\s+(?:www|https?)$", "", name, flags=re.I)  # "ⓒ 한라일보 www.ihalla.com": the domain's head
        if 2 <= len(name) <= 30 and _WORDISH_RE.search(name) and not re.fullmatch(r"[\d\s\-~]+", name):
            return name
    m = re.match(r"^\W*([가-힣A-Za-z0-9]{2,20})의\s*모든\s*(?:콘텐츠|기사|컨텐츠)", text)
    if m:
        return m.group(1)
    return None


# ---------------------------------------------------------------------------------------------
# The cleaner


def _locpub_outlet(m: re.Match) -> str:
    """Return the outlet a "[loc=pub]" match names: the pub part without a reporter or separators after it, else loc."""
    return _PUB_BYLINE_RE.sub("", m["pub"]).strip(_PUB_EDGES) or m["loc"].strip()


def _trim_paragraph(text: str, out: dict) -> tuple[str, list[tuple[str, str]]]:
    """Return the paragraph without dateline/label prefix and signature/credit suffix, and the cuts."""
    cuts: list[tuple[str, str]] = []
    m = _EDITOR_RE.match(text)
    if m and m.end() > 0 and "편집자" in m.group(0):
        cuts.append((m.group(0).strip(), "label"))
        text = text[m.end():]
    m = _DATELINE_RE.match(text[:SCAN_CHARS])
    if m and m.end() > 0 and not (m["loc"] and _NOT_DATELINE_LOC.match(m["loc"])):
        cuts.append((m.group(0).strip(), "dateline"))
        if m["names"]:
            out["reporters"].extend(_names(m["names"], True))
            if m["names6"]:
                out["reporters"].extend(_names(m["names6"], True))
        elif m["names2"]:
            out["reporters"].extend(_names(m["names2"], False))
        elif m["names3"]:
            out["reporters"].extend(_names(m["names3"], True))
        elif m["names5"]:
            out["reporters"].extend(_names(m["names5"], True))
        elif m["names7"]:
            out["reporters"].extend(_names(m["names7"], True))
        if m["pub"]:
            out["dateline_pubs"].append(_locpub_outlet(m))
        else:
            pub = next((m[g] for g in ("pub2", "pub3", "pub4", "pub5", "pub6") if m[g]), None)
            if pub:
                out["dateline_pubs"].append(pub.strip(_PUB_EDGES))
        if m["pub"] and _BYLINE_RE.search(m["pub"]):
            out["reporters"].extend(_bylines(m["pub"]))
        text = text[m.end():]
    for _ in range(3):
        # Signatures, emails and credits sit in the last few dozen characters of a paragraph.
        head, tail = (text[:-120], text[-120:]) if len(text) > 120 else ("", text)
        m = _SIG_TAIL_RE.search(tail) if _ROLE_HINT_RE.search(tail) else None
        if m and len(head) + m.start() > 0:
            cuts.append((m.group(0).strip(), "signature"))
            out["reporters"].extend(_names(m["names"], False))
            if m["email"]:
                out["emails"].append(m["email"])
            text = (head + tail[: m.start()]).rstrip()
            continue
        m = _NAME_EMAIL_TAIL_RE.search(tail) if "@" in tail else None
        if m and len(head) + m.start() > 0 and _bare_name(m["name"], None) and not _DESK_MAILBOX_RE.match(m["email"]):
            cuts.append((m.group(0).strip(), "signature"))  # "… 말했다. / 김상훈 ksh@jbnews.com"
            out["reporters"].append(m["name"])
            out["emails"].append(m["email"])
            text = (head + tail[: m.start()]).rstrip()
            continue
        m = _EMAIL_TAIL_RE.search(tail) if ("@" in tail or "protected" in tail) else None
        if m and len(head) + m.start() > 0:
            cuts.append((m.group(0).strip(), "signature"))
            if "@" in m["email"]:
                out["emails"].append(m["email"])
            text = (head + tail[: m.start()]).rstrip()
            continue
        m = _CAPTION_TAIL_RE.search(tail) if _CAPTION_HINT_RE.search(tail) else None
        if m and len(head) + m.start() > 0:
            cuts.append((m.group(0).strip(), "caption"))
            text = (head + tail[: m.start()]).rstrip()
            # the caption's own words before its credit: "… 제공한다. 누리 어시스턴트 실행 화면. /한빛텔레콤 제공"
            m = _CAPTION_SENTENCE_RE.search(text[-120:])
            if m and len(text) > len(m.group(0)) + 40:
                cuts.insert(len(cuts) - 1, (m.group(0).strip(), "caption"))
                text = text[: len(text) - len(m.group(0))].rstrip()
            continue
        m = _INLINE_PHOTO_RE.search(tail) if "[" in tail or "<" in tail or "(" in tail or "【" in tail else None
        if m and len(head) + m.start() > 40:
            cuts.append((m.group(0).strip(), "caption"))  # "… 처음이다. <사진> 정태윤 회장이 … 설명하고 있다."
            text = (head + tail[: m.start()]).rstrip()
            continue
        break
    return text.strip(), cuts


_NAME_EMAIL_TAIL_RE = recache.compile(rf"(?<=[.!?\"'”’])\s*/\s*(?P<name>[가-힣]{{3}})\s+(?P<email>{_EMAIL})\s*$")
# A caption's noun-closed words after the paragraph's last sentence ("다."), before its credit.
_CAPTION_SENTENCE_RE = recache.compile(r"(?<=다\.)\s+[^.!?\"'“”‘’]{4,60}(?<!다)\.?$")
# A photo marker after a paragraph's last sentence, then the caption.
_INLINE_PHOTO_RE = recache.compile(r"(?<=[.!?\"'”’])\s*[<\[(【]\s*(?:사진|그래픽|이미지)\s*\d{0,2}\s*[>\])】]\s*\S[^<>\[\]]{0,110}$")


def _strip_outlet_prefix(art: Article, body: list[str], body_at: list[int], lex: Lexicon) -> None:
    """Cut the page's own outlet in brackets opening a paragraph ("[데이터넷] 청림AI가 …"), once the publisher is known.

    Dateline prefixes are cut by their shape; an outlet's name alone in brackets is told apart from a
    kicker ("[단독]") only by being the page's publisher.
    """
    changed = False
    for k, para in enumerate(body[:3]):
        m = _BRACKET_PREFIX_RE.match(para)
        if m and (_fold(m["name"]) == _fold(art.publisher) or lex.name_index.get(_fold(m["name"])) == art.publisher):
            body[k] = para[m.end():]
            art.removed.append(RemovedLine(body_at[k] + 1, m.group(0).strip(), "dateline"))
            changed = True
    if changed:
        art.body = "\n".join(body)
        art.removed.sort(key=lambda r: r.line)


_BRACKET_PREFIX_RE = recache.compile(r"^[\[【]\s*(?P<name>[^\[\]【】=\s]{2,15})\s*[\]】]\s*(?=\S)")


def _listing_span(lines: list[_Line], title_i: int | None) -> tuple[int, int] | None:
    """Return (first, last) of the body of a page without prose: a listing (인사, 부고, a schedule) under its header.

    The body is the first run of two or more lines (80 characters or more) printed after a byline or date
    line and its buttons, up to the next byline or date line or the page's next anchored junk (copyright,
    a related list). Its lines become prose.
    """
    n = len(lines)
    if title_i is None and all(ln.kind in (_KIND_BLANK, _KIND_NEUTRAL) for ln in lines):
        run = [i for i, ln in enumerate(lines) if ln.kind == _KIND_NEUTRAL]  # plain lines only: a cleaned listing
        if len(run) >= 2 and sum(len(lines[j].text) for j in run) >= 80:
            for j in run:
                lines[j].kind = _KIND_GOOD
            return run[0], run[-1]
        return None
    for head in range((title_i + 1) if title_i is not None else 0, n):
        if lines[head].kind != _KIND_META:
            continue
        i = head + 1
        while i < n and (lines[i].kind in (_KIND_BLANK, _KIND_META) or (lines[i].kind == _KIND_JUNK and not lines[i].anchor)):
            i += 1
        run = []
        while i < n and lines[i].kind in (_KIND_BLANK, _KIND_NEUTRAL):
            if lines[i].kind == _KIND_NEUTRAL:
                run.append(i)
            i += 1
        if len(run) >= 2 and sum(len(lines[j].text) for j in run) >= 80 and (i == n or lines[i].kind == _KIND_META or lines[i].anchor):
            for j in run:
                lines[j].kind = _KIND_GOOD
            return run[0], run[-1]
    return None


def _clean_lines(raw_lines: list[str], lex: Lexicon, hints: dict[int, str] | None = None, meta: dict | None = None) -> Article:
    """Return the Article read from page lines (the shared line model behind text and HTML input)."""
    hints = hints or {}
    meta = meta or {}
    lines = _classify_lines(_norm_lines(raw_lines), lex, hints)
    _mark_repeats(lines)
    _mark_page_shapes(lines, lex)
    n = len(lines)
    removed: list[RemovedLine] = []
    reason_at: dict[int, str] = {}
    art = Article()
    harvest = {"reporters": [], "emails": [], "dateline_pubs": [], "weak": []}

    span = _choose_body(lines)
    meta_titles = {_fold(t) for t in (meta.get("og_title"), meta.get("title")) if t}
    title_i = None
    if meta_titles:
        limit = span[1] if span else n - 1
        title_i = next((i for i in range(limit + 1) if lines[i].kind != _KIND_BLANK and _fold(lines[i].text) in meta_titles), None)
    if title_i is None:
        title_i = next((i for i, h in sorted(hints.items()) if h == "h1" and i < n and lines[i].kind != _KIND_BLANK
                        and (span is None or i < span[1]) and lines[i].kind != _KIND_JUNK), None)
    if span is None:
        span = _listing_span(lines, title_i)
    if span is None:
        # No prose at all: treat long non-junk lines after the title as the body.
        start_from = (title_i + 1) if title_i is not None else 0
        longs = [i for i in range(start_from, n) if lines[i].kind == _KIND_NEUTRAL and len(lines[i].text) >= 40]
        if longs:
            for i in longs:
                lines[i].kind = _KIND_GOOD
            span = (longs[0], longs[-1])
    first, last = span if span else (n, n - 1)
    if title_i is not None and span and first <= title_i <= last:
        nxt = next((j for j in range(title_i + 1, last + 1) if lines[j].kind == _KIND_GOOD), None)
        if nxt is None:
            title_i = None
        else:
            first = nxt
    if span:
        # a headline that reads as a sentence ("…버틸 수 있나?") opening the block, then its deck or buttons
        while first < last and _headline_sentence(lines[first]):
            nxt = next((j for j in range(first + 1, last + 1) if lines[j].kind != _KIND_BLANK), None)
            if nxt is None or lines[nxt].kind == _KIND_GOOD:
                break
            first = next((j for j in range(nxt, last + 1) if lines[j].kind == _KIND_GOOD), first)
        first = _skip_lead_caption(lines, first, last)
        first = _first_slide_start(lines, first)
        last = _closing_box_end(lines, _announced_list_end(lines, last))

    # Three passes: header (title, deck, byline, dates), body, tail (signature, anchored junk).
    title_i, title_text, header_dates = _header_pass(lines, lex, meta, first, last, title_i, art, reason_at, harvest)
    body, body_at, caption_dates = _body_pass(lines, first, last, title_text, reason_at, harvest, removed)
    tail_dates, copyright_texts, mastheads = _tail_pass(lines, lex, last, title_text, reason_at, harvest)

    for i in sorted(reason_at):
        if reason_at[i]:
            removed.append(RemovedLine(i + 1, lines[i].text, reason_at[i]))
    removed.sort(key=lambda r: r.line)
    art.removed = removed
    art.body = "\n".join(body)

    # Metadata.
    art.reporters = _dedupe([r for r in harvest["reporters"] if not lex.name_index.get(_fold(r))])  # not an outlet
    # a name credited only by "by" gives way to reporters printed with their role ("by 반읽남" over a reposted
    # article's "이민재 기자": the blog's author)
    named, weak = Counter(harvest["reporters"]), Counter(harvest["weak"])
    only_weak = {name for name in weak if named[name] <= weak[name]}
    if any(r not in only_weak for r in art.reporters):
        art.reporters = [r for r in art.reporters if r not in only_weak]
    if not art.reporters and meta.get("author"):
        art.reporters = _dedupe(_bylines(meta["author"]) or _names(meta["author"], False))
    # (a desk mailbox, news@ or webmaster@, is not a reporter's)
    art.reporter_emails = _dedupe([e for e in harvest["emails"] if "@" in e and not _DESK_MAILBOX_RE.match(e)])
    dates = header_dates + tail_dates
    if meta.get("published_time"):
        iso = korea_time(meta["published_time"])
        if iso:
            dates.append((1, iso))
    if not dates:
        for i in range(0, first):
            if lines[i].reason == "caption":
                _caption_date(lines[i].text, caption_dates)
        dates = caption_dates
    art.published_at = min(dates, key=lambda d: d[0])[1] if dates else None
    art.publisher = _pick_publisher(copyright_texts + mastheads, harvest, meta, lines, art.reporter_emails, lex)
    if art.publisher:  # "홍길동 더스쿠프 기자": the outlet's own name before the role is not a reporter
        art.reporters = [r for r in art.reporters if _fold(r) != _fold(art.publisher)]
        _strip_outlet_prefix(art, body, body_at, lex)
    if art.subtitles and art.title is None:
        art.subtitles = []
    return art


def _header_pass(lines: list[_Line], lex: Lexicon, meta: dict, first: int, last: int, title_i: int | None,
                 art: Article, reason_at: dict[int, str], harvest: dict) -> tuple[int | None, str | None, list[tuple[int, str]]]:
    """Read the header (lines before the body): title, deck lines, bylines and dates.

    Return (title index, title text, publication dates as (priority, iso)).
    """
    n = len(lines)
    # Header: title, subtitles, bylines and dates before the body. Headline-like lines under a list
    # heading ("주요뉴스", "관련기사") belong to that list until the next junk or byline line.
    in_list = ""
    titleish = {i: _titleish(lines[i].text) for i in range(first) if lines[i].kind == _KIND_NEUTRAL}
    for i in range(first):
        ln = lines[i]
        if ln.kind == _KIND_JUNK or ln.kind == _KIND_META:
            in_list = ln.reason if ln.anchor == "list" else ""
        elif ln.kind == _KIND_NEUTRAL and not titleish[i]:
            in_list = ""  # a section label or other short line closes the list
        elif ln.kind == _KIND_NEUTRAL and in_list and i != title_i:
            ln.kind, ln.reason = _KIND_JUNK, in_list
    cands = [i for i in range(first) if (lines[i].kind == _KIND_NEUTRAL and titleish[i]) or _headline_sentence(lines[i])]
    if title_i is None and cands:
        title_i = _pick_title(lines, cands[-TITLE_WINDOW:], first, last, lex.name_re)
    if title_i is not None:
        cands = [i for i in cands if i <= title_i or not _label_like(lines[i].text)]
    title_text = lines[title_i].text if title_i is not None else None
    art.title = title_text or (meta.get("og_title") or meta.get("title") or None)

    header_dates: list[tuple[int, str]] = []  # (priority, iso)
    deck_open = False  # deck lines are printed right under the headline, before any byline, stamp or button
    for i in range(min(first, n)):
        ln = lines[i]
        if ln.kind == _KIND_BLANK:
            continue
        if i == title_i or (title_text is not None and ln.text == title_text):
            reason_at[i] = "title"
            deck_open = i == title_i
        elif ln.kind == _KIND_NEUTRAL and title_i is not None and i > title_i and i in cands and len(ln.text) <= 150 and len(art.subtitles) < 8:
            if not deck_open and _image_alt(lines, i, first, cands):
                reason_at[i] = "caption"
                continue
            art.subtitles.append(ln.text)
            reason_at[i] = "subtitle"
        elif ln.kind == _KIND_GOOD and deck_open and len(ln.text) <= 200 and len(art.subtitles) < 8:
            art.subtitles.append(ln.text)  # a deck written as a sentence, right under the headline, above the byline
            reason_at[i] = "subtitle"
        elif ln.kind == _KIND_META:
            deck_open = False
            reason_at[i] = ln.reason
            harvest["reporters"].extend(_bylines(ln.text, lex, harvest["weak"]) if ln.anchor != "name" else [ln.text])
            harvest["emails"].extend(_EMAIL_RE.findall(ln.text))
            after_title = title_i is None or i > title_i
            # a stamp with its time of day printed right above the headline ("사회 | 2024.11.07 20:05") is the article's
            above_title = title_i is not None and 0 < title_i - i <= 3
            for labelled, iso in _stamp_dates(ln.text):
                if labelled:
                    header_dates.append((0, iso))
                elif after_title or ln.reason == "byline" or (above_title and "T" in iso):
                    header_dates.append((2, iso))
                elif above_title and not _WEEKDAY_RE.search(ln.text):
                    # a bare date right above the headline, when nothing better is printed; with its weekday
                    # ("2024.04.18 (목)") it is the site's own date of today
                    header_dates.append((3, iso))
            m = _LOCPUB_RE.search(ln.text)
            if m:
                harvest["dateline_pubs"].append(_locpub_outlet(m))
        else:
            deck_open = False
            reason_at[i] = ln.reason or "nav"
            if ln.reason == "credit" and (title_i is None or i > title_i):
                m = _HEADER_CREDIT_RE.match(ln.text)  # "기자명 홍길동 ○○연구소 연구위원": the writer, credited up top
                if m and m["name"] not in _NAME_STOP:
                    harvest["reporters"].append(m["name"])
            if ln.reason == "dateline":
                for labelled, iso in _stamp_dates(ln.text):
                    if labelled:
                        header_dates.append((0, iso))
    return title_i, title_text, header_dates


def _body_pass(lines: list[_Line], first: int, last: int, title_text: str | None, reason_at: dict[int, str],
               harvest: dict, removed: list[RemovedLine]) -> tuple[list[str], list[int], list[tuple[int, str]]]:
    """Read the body block: keep prose and subheads, trim prefixes and signatures.

    Return (paragraphs, the line of each, caption dates).
    """
    body: list[str] = []
    # Body: prose lines and the short lines between them; lists after a list heading are dropped.
    kept = set()
    body_at: list[int] = []  # the line of each paragraph
    caption_dates: list[tuple[int, str]] = []
    list_reason = ""
    last_good = max((j for j in range(first, last + 1) if lines[j].kind == _KIND_GOOD), default=last)
    for i in range(first, last + 1):
        ln = lines[i]
        if ln.kind == _KIND_BLANK:
            continue
        if title_text is not None and ln.text == title_text:
            reason_at[i] = "title"
            continue
        if ln.kind == _KIND_NEUTRAL and i < last:
            nxt = next((j for j in range(i + 1, last + 1) if lines[j].kind != _KIND_BLANK), None)
            if nxt is not None and lines[nxt].text == ln.text:
                ln.kind = lines[nxt].kind = _KIND_JUNK
                ln.reason = lines[nxt].reason = "caption"
        if ln.kind == _KIND_JUNK:
            reason_at[i] = ln.reason or "nav"
            if ln.anchor == "list":
                list_reason = ln.reason
            if ln.reason == "caption":
                _caption_date(ln.text, caption_dates)
            continue
        if ln.kind == _KIND_META:
            reason_at[i] = "byline" if ln.reason == "byline" else "dateline"
            continue
        if list_reason and ln.kind == _KIND_NEUTRAL and not ln.text.startswith(("◆", "◇")):
            reason_at[i] = list_reason  # (a "◆"/"◇" subhead is the article again, not a list item)
            continue
        list_reason = ""
        if ln.kind == _KIND_NEUTRAL and len(ln.text.split()) < 2 and not _SUBHEAD_MARK_RE.match(ln.text) and not _lone_subhead(lines, i, first, last):
            reason_at[i] = "nav"
            continue
        if ln.kind == _KIND_GOOD:
            found = {"reporters": [], "emails": [], "dateline_pubs": []}
            text, cuts = _trim_paragraph(ln.text, found)
            if (cuts and cuts[-1][1] == "signature" and _ROLE_HINT_RE.search(cuts[-1][0]) and len(text) <= 200
                    and (i < last_good or sum(other.text == ln.text for other in lines) >= 2)
                    and not _INNER_SENT_RE.search(_PLACE_TAIL_RE.sub("", text))):
                # A signature is printed once, at the end; a one-sentence line credited to a
                # photographer in the middle of the article, or printed again in the page's photo
                # gallery, is a caption.
                reason_at[i] = "caption"
                continue
            if not cuts and first < i < last_good and _mid_caption(text):
                reason_at[i] = "caption"
                continue
            for key, vals in found.items():
                harvest[key].extend(vals)
        else:
            text, cuts = ln.text, []
        for cut, why in cuts:
            removed.append(RemovedLine(i + 1, cut, why))
        if not text or not _WORDISH_RE.search(text):
            reason_at[i] = cuts[-1][1] if cuts else "nav"
            continue
        if text in kept:
            reason_at[i] = "duplicate"
            continue
        kept.add(text)
        body.append(text)
        body_at.append(i)
        reason_at[i] = ""
    if body and len(body[-1]) <= 300 and _BIO_CUE_RE.search(body[-1]):
        m = _BIO_OPEN_RE.match(body[-1])
        if m and m["name"] in harvest["reporters"]:  # "◇ 홍길동 교수는 …를 졸업하고 …": the writer's bio
            reason_at[body_at.pop()] = "credit"
            body.pop()
    body, body_at = _drop_pull_quotes(body, body_at, reason_at)
    return body, body_at, caption_dates


_QUOTE_MARKS = " \"'“”‘’「」『』"


def _drop_pull_quotes(body: list[str], body_at: list[int], reason_at: dict[int, str]) -> tuple[list[str], list[int]]:
    """Return the paragraphs without pull quotes (short lines that repeat a sentence of another paragraph), and their lines."""
    out, out_at = [], []
    for text, i in zip(body, body_at):
        core = text.strip(_QUOTE_MARKS)
        if 15 <= len(core) and len(text) <= 150 and any(core in other for other in body if len(other) > len(text)):
            reason_at[i] = "duplicate"
            continue
        out.append(text)
        out_at.append(i)
    return out, out_at


# actions a photographer catches (the caption's verb), not trends or events reported in prose
_VISIBLE_ACTION_RE = recache.compile(
    r"(?:건네|살펴보|둘러보|고르|들어\s*보이|바라보|걷|촬영하|점검하|설명하|인사하|악수하|시연하|체험하|구경하|"
    r"포즈를\s*취하|기념\s*촬영을\s*하|손을\s*흔들|박수를\s*치|수확하|심|나르|옮기|붙이|들여다보|맛보|시식하)고\s*있다\.?$")


def _mid_caption(text: str) -> bool:
    """Return whether a lone sentence between paragraphs is an uncredited photo caption.

    Captions describe the picture in one sentence that opens with its day and ends in the present
    progressive or a noun ("28일 오후 … 쉼터에서 시민들이 휴식을 취하고 있다.", "… 전경."); prose reports
    the day's events in the past tense.
    """
    if len(text) > 100 or _INNER_SENT_RE.search(text) or _QUOTE_RE.search(text):
        return False
    if _NOUN_CAPTION_END_RE.search(text):
        return True
    if "에서" in text and _VISIBLE_ACTION_RE.search(text):
        return True  # "… 골목에서 상인이 반찬을 손님에게 건네고 있다.": a place and a pictured action
    return bool(_CAPTION_DAY_RE.match(text)) and text.rstrip().endswith(("고 있다.", "고 있다"))


def _tail_pass(lines: list[_Line], lex: Lexicon, last: int, title_text: str | None, reason_at: dict[int, str],
               harvest: dict) -> tuple[list[tuple[int, str]], list[str], list[str]]:
    """Read the tail (lines after the body): signatures, then anchored junk.

    Return (dates printed in the tail, copyright lines, masthead/registration lines).
    """
    n = len(lines)
    first_anchor_seen = False
    # Tail: signatures, then whatever the anchors say (related lists, copyright, footer ...).
    tail_reason = ""
    tail_dates: list[tuple[int, str]] = []
    copyright_texts: list[str] = []
    mastheads: list[str] = []  # registration lines: the 제호 (masthead) before the company name
    box_line: _Line | None = None  # the byline above, when it holds no email: an author box may print it on the next line
    for i in range(last + 1, n):
        ln = lines[i]
        if ln.kind == _KIND_BLANK:
            continue
        if ln.reason == "copyright":
            copyright_texts.append(ln.text)
        elif ln.reason == "footer" and _RELEASE_RE.search(ln.text):
            copyright_texts.insert(0, ln.text)  # a press release is published by the wire that carried it
        elif ln.reason == "footer" and re.search(r"제호|의\s*모든\s*(?:콘텐츠|기사)", ln.text):
            mastheads.insert(0, ln.text)
        elif ln.reason == "footer" and re.search(r"명칭|법인명|등록번호|발행인|대표전화", ln.text):
            mastheads.append(ln.text)
        if title_text is not None and ln.text == title_text:
            reason_at[i] = "title"
            continue
        if ln.kind == _KIND_JUNK:
            reason_at[i] = ln.reason or tail_reason or "footer"
            if ln.reason == "credit" and not first_anchor_seen:
                # "홍길동 기자 (hong@x.com) [영상취재: …]": a signature carrying staff credits
                harvest["reporters"].extend(_bylines(ln.text, lex))
                harvest["emails"].extend(_EMAIL_RE.findall(ln.text))
            if ln.anchor:
                tail_reason = ln.reason if ln.anchor == "list" else (ln.reason if ln.reason == "comment" else "footer")
                first_anchor_seen = True
            continue
        if first_anchor_seen and ln.kind == _KIND_META and "@" in ln.text:
            names = _bylines(ln.text, lex)
            boxed = [] if names or box_line is None else [box_line.text] if box_line.anchor == "name" else _bylines(box_line.text, lex)
            if boxed and (box_line.anchor == "name" or set(boxed) <= set(harvest["reporters"])):
                # an author box: the name (alone, or the article's reporter with the role) on the line above, then its email
                harvest["reporters"].extend(boxed)
                harvest["emails"].extend(_EMAIL_RE.findall(ln.text))
            elif names and set(names) <= set(harvest["reporters"]):
                harvest["emails"].extend(_EMAIL_RE.findall(ln.text))
        box_line = ln if ln.kind == _KIND_META and "@" not in ln.text else None
        sig = ln.kind == _KIND_META or (not first_anchor_seen and len(ln.text) <= 60 and not ln.sentence and _EMAIL_RE.search(ln.text))
        if sig and not first_anchor_seen:
            reason_at[i] = "signature" if (ln.kind != _KIND_META or ln.reason == "byline") else "dateline"
            harvest["reporters"].extend(_bylines(ln.text, lex, harvest["weak"]) if ln.anchor != "name" else [ln.text])
            m = _SIGNOFF_RE.match(ln.text)
            if m and not _BYLINE_RE.search(ln.text) and _is_signoff(ln.text, lex):
                harvest["reporters"].extend(_names(m["name"], False))
            harvest["emails"].extend(_EMAIL_RE.findall(ln.text))
            m = _LOCPUB_RE.search(ln.text)
            if m:
                harvest["dateline_pubs"].append(_locpub_outlet(m))
        else:
            reason_at[i] = (ln.reason if ln.kind == _KIND_META else "") or tail_reason or "footer"
        if ln.kind == _KIND_META and ln.reason == "dateline" and tail_reason not in ("trending", "related"):
            for labelled, iso in _stamp_dates(ln.text):
                if labelled and (not first_anchor_seen or "송고" in ln.text or ln.text.lstrip().startswith("배포")):
                    tail_dates.append((1, iso))
    return tail_dates, copyright_texts, mastheads


_LIST_ITEM_RE = recache.compile(r"^(?:[①-⑳]|\(?\d{1,2}[.)]|[-•·▲△■□◆◇○●▶▷]\s*\S)")


def _announced_list_end(lines: list[_Line], last: int) -> int:
    """Return the body end past a list the last paragraph announces ("평가 항목은 다음과 같다." + items)."""
    if not lines[last].text.rstrip().endswith(_LIST_INTRO_ENDINGS):
        return last
    end = last
    for j in range(last + 1, min(len(lines), last + 16)):
        ln = lines[j]
        if ln.kind == _KIND_BLANK:
            continue
        if ln.kind == _KIND_NEUTRAL and len(ln.text) <= 120 and _LIST_ITEM_RE.match(ln.text):
            end = j
            continue
        break
    return end if end - last >= 2 else last  # a list has two items or more


_FIRST_SLIDE_RE = recache.compile(r"^1\s*/\s*\d{1,2}$")


def _first_slide_start(lines: list[_Line], first: int) -> int:
    """Return the body start back at the first slide's heading of a card-news page ("1/8" / "눈 내리는 강원…" / prose).

    On a slideshow each counter opens a slide; the short line after the first counter is that slide's
    heading, as the lines after the later counters are theirs.
    """
    prv = [j for j in range(first - 1, max(-1, first - 5), -1) if lines[j].kind != _KIND_BLANK][:2]
    if len(prv) < 2 or lines[prv[0]].kind != _KIND_NEUTRAL or len(lines[prv[0]].text) > 60:
        return first
    if not _FIRST_SLIDE_RE.match(lines[prv[1]].text):
        return first
    lines[prv[0]].kind = _KIND_GOOD
    return prv[0]


def _closing_box_end(lines: list[_Line], last: int) -> int:
    """Return the body end past a box closing the article right above its signature ("한눈에 보기" + "- …" items).

    A short heading, two or more list items, then the reporter's byline (or the end of the text): the box
    is the article's own summary or sources ("참고 자료"), written by the reporter who signs under it.
    """
    nxt = [j for j in range(last + 1, min(len(lines), last + 14)) if lines[j].kind != _KIND_BLANK]
    page_end = last + 14 >= len(lines)  # (a box ending the text: the article cleaned already)
    if len(nxt) < 3:
        return last
    head, rest = lines[nxt[0]], nxt[1:]
    if head.kind != _KIND_NEUTRAL or len(head.text) > 20 or _LIST_ITEM_RE.match(head.text):
        return last
    items = 0
    while items < len(rest) and lines[rest[items]].kind == _KIND_NEUTRAL and len(lines[rest[items]].text) <= 120 \
            and _LIST_ITEM_RE.match(lines[rest[items]].text):
        items += 1
    if items < 2 or (items == len(rest) and not page_end) or (
            items < len(rest) and (lines[rest[items]].kind != _KIND_META or lines[rest[items]].reason != "byline")):
        return last
    for j in (nxt[0], *rest[:items]):
        lines[j].kind = _KIND_GOOD
    return rest[items - 1]


def _skip_lead_caption(lines: list[_Line], first: int, last: int) -> int:
    """Return the body start past an uncredited photo caption printed right before the lead.

    The caption is one short sentence describing the picture ("…에서 …을 살펴보고 있다.", "… 모습."),
    printed after the share/font buttons and followed directly by the lead paragraph.
    """
    ln = lines[first]
    if ln.kind != _KIND_GOOD or len(ln.text) > 100:
        return first
    if not (_PHOTO_SENTENCE_RE.search(ln.text) or _NOUN_END_RE.search(ln.text)):
        return first
    if _INNER_SENT_RE.search(ln.text) or _QUOTE_RE.search(ln.text):
        return first
    m = _DATELINE_RE.match(ln.text[:SCAN_CHARS])
    if m and m.end() > 0:
        return first  # "【산업일보 홍길동 기자】 …": a reporter's dateline opens the lead, never a caption
    prv = next((j for j in range(first - 1, -1, -1) if lines[j].kind != _KIND_BLANK), None)
    nxt = next((j for j in range(first + 1, last + 1) if lines[j].kind != _KIND_BLANK), None)
    if (prv is None or nxt is None or lines[prv].kind != _KIND_JUNK
            or lines[prv].reason not in ("share", "nav", "comment", "label")):
        return first
    if lines[nxt].kind != _KIND_GOOD or sum(lines[j].kind == _KIND_GOOD for j in range(nxt, last + 1)) < 3:
        return first
    heads = [lines[j].text for j in range(max(0, first - 12), first) if lines[j].kind == _KIND_NEUTRAL]
    if heads and _overlap(ln.text, _overlap_text(" ".join(heads))) >= LEAD_ECHO:
        # it says what the headline and deck say: the lead's first sentence, not a picture's caption
        return first
    ln.kind, ln.reason, ln.anchor = _KIND_JUNK, "caption", ""
    return nxt


def _image_alt(lines: list[_Line], i: int, first: int, cands: list[int]) -> bool:
    """Return whether a header line cut off from the headline is an image's alt text or caption.

    Deck lines come in a run under the headline; a lone headline-like line printed after the byline,
    stamp or buttons and directly before the first paragraph (or its caption) is the lead image's text,
    unless it is written like a headline (the "…", comma or quotes of compressed headline style) and
    does not follow a caption or credit line.
    """
    prv = next((j for j in range(i - 1, -1, -1) if lines[j].kind != _KIND_BLANK), None)
    nxt = next((j for j in range(i + 1, len(lines)) if lines[j].kind != _KIND_BLANK), None)
    if prv is None or nxt is None or prv in cands or nxt in cands:
        return False
    if not (nxt >= first or lines[nxt].reason == "caption"):
        return False
    # (a headline is not closed on a verb's "-다": "…를 출시했다" is the picture's description)
    # (nor on a picture's noun: "… '하트렌즈' 구동 화면", "… 공장 전경"; nor on an English credit: "… ferry (Daehan Shipbuilding)")
    return (lines[prv].reason == "caption" or not _HEADLINE_PUNCT_RE.search(lines[i].text) or lines[i].text.endswith("다")
            or _NOUN_CAPTION_END_RE.search(lines[i].text) is not None or _EN_CREDIT_TAIL_RE.search(lines[i].text) is not None)


_EN_CREDIT_TAIL_RE = recache.compile(r"[a-z]\s\((?:[A-Z][\w.&'-]*\s?){1,4}\)$")


def _lone_subhead(lines: list[_Line], i: int, first: int, last: int) -> bool:
    """Return whether a one-word line is a subhead: Hangul only, between two paragraphs of the body."""
    text = lines[i].text
    if not (2 <= len(text) <= 12 and _HANGUL_ONLY_RE.fullmatch(text)):
        return False
    prv = next((j for j in range(i - 1, first - 1, -1) if lines[j].kind != _KIND_BLANK), None)
    nxt = next((j for j in range(i + 1, last + 1) if lines[j].kind != _KIND_BLANK), None)
    return prv is not None and nxt is not None and lines[prv].kind in (_KIND_GOOD, _KIND_NEUTRAL) and lines[nxt].kind == _KIND_GOOD


def _overlap_text(text: str) -> tuple[str, set[str]]:
    """Return a text's overlap material: its Korean (and other non-Latin) letters run together, and its Latin words.

    A headline's units are the character bigrams of the first and the whole words of the second. Latin
    bigrams ("ti", "on") occur in any English text, so a site's English tagline would share them with a
    lead written in English-heavy jargon; whole words do not.
    """
    t = text.casefold()
    words = set(_LATIN_WORD_RE.findall(t)) if _LATIN_RE.search(t) else set()
    if words:
        t = _LATIN_WORD_RE.sub("", t)
    return _NONWORD_RE.sub("", t), words


def _overlap(text: str, lead: tuple[str, set[str]]) -> float:
    """Return the share of the text's units (bigrams, Latin words) found in the lead's material."""
    t, words = _overlap_text(text)
    grams = set(map(str.__add__, t, t[1:])) if len(t) > 1 else set(t)
    if not grams and not words:
        return 0.0
    # a bigram is in the lead's bigrams exactly when it is a substring of the lead's run-together letters
    return (sum(g in lead[0] for g in grams) + len(words & lead[1])) / (len(grams) + len(words))


_CRUMB_SPLIT_RE = recache.compile(r"\s+[|>›»ㅣ]\s+")
_KICKER_RE = recache.compile(r"^(?:\[[^\[\]]{1,12}\]|<[^<>]{1,12}>|【[^【】]{1,12}】)?\s*\S.{0,28}\s(?:[①-⑳]|\(\d{1,2}\)|<\d{1,2}>|\d{1,2}\s*(?:회|편|부))$")
_SERIES_RE = recache.compile(r"^\[[^\[\]]{2,30}\]\s*(?:[①-⑳]|\(\d{1,2}\)|<\d{1,2}>)\s*\S.{0,30}$")


def _label_like(text: str) -> bool:
    """Return whether the line reads as a section label or breadcrumb ("산업 반도체"), not a headline.

    A series kicker ("[기획] 흔들리는 지역의료 ③") names the series above the headline: a label too.
    """
    if len(text) <= 40 and _KICKER_RE.match(text):
        return True
    if _SERIES_RE.match(text):
        return True  # "[광주 원도심, 다시 사람이 모인다] ③충장로 청년 상인들": a series and its episode
    parts = _CRUMB_SPLIT_RE.split(text)
    if 2 <= len(parts) <= 3 and all(0 < len(p) <= 14 for p in parts) and not re.search(r"[,…\"'“”‘’?!:]", text):
        return True  # a section path ("유통 | Weekly Issue", "경제 > 산업")
    toks = _menu_tokens(text)
    if len(text) > 16 or len(toks) > 2 or re.search(r"[,…\"'“”‘’?!·:]|\.\.|\d", text.replace("·", "", 1) if len(toks) > 1 else text):
        return False
    # a verb's modifier ("저무는 한달살이", "떠오르던 별") makes a clause: a short headline, not a section name
    return all(len(t) <= 6 for t in toks) and not any(len(t) >= 2 and t.endswith(("는", "던")) for t in toks)


def _pick_title(lines: list[_Line], cands: list[int], first: int, last: int, name_re: re.Pattern | None = None) -> int:
    """Return the headline among the candidate lines before the body.

    Evidence: the headline shares words with the lead paragraphs, is printed right before the byline or
    date block, is often printed twice, and comes before its deck lines (so the earliest strong line wins).
    """
    if len(cands) == 1:
        return cands[0]  # whatever the scores, a lone candidate is chosen
    lead, n = [], 0
    for i in range(first, last + 1):
        if lines[i].kind == _KIND_GOOD:
            text = lines[i].text
            m = _DATELINE_RE.match(text[:SCAN_CHARS])  # "[서울=뉴스웨이브] 홍길동 기자 =" shares the site name, not the story
            lead.append(text[m.end():] if m else text)
            n += len(text)
            if n > 800:
                break
    lead_text = _overlap_text(" ".join(lead))
    counts = Counter(lines[i].text for i in cands)
    prefixed = set()
    for i in cands:
        m = _DATELINE_RE.match(lines[i].text)
        if m and m.end() > 0 and m.end() < len(lines[i].text):
            # "[매체 홍길동 기자] 제목": the headline reprinted with a byline prefix
            prefixed.add(i)
            counts[lines[i].text[m.end():].strip()] += 1
    # The headline heads the run of headline-like lines (headline, deck) printed right before a byline
    # or date line; a menu item or program name above that run is not the headline.
    cand_set = set(cands)
    block_heads = set()
    below = 0  # printed lines between line k and the body
    for k in range(first - 1, -1, -1):
        if lines[k].kind != _KIND_BLANK:
            below += 1
        # a date printed above the site's menus is the page's own ("2024년 11월 12일 화요일"), not the story's
        if lines[k].kind != _KIND_META or below > PAGE_TOP_LINES:
            continue
        j, head = k - 1, None
        while j >= 0 and (lines[j].kind == _KIND_BLANK or (lines[j].kind == _KIND_JUNK and lines[j].reason == "label")
                          or (j in cand_set and not _label_like(lines[j].text))):
            if lines[j].kind != _KIND_BLANK:
                head = j
            j -= 1
        if head is not None:
            block_heads.add(head)
    # The headline heads the run printed right before the byline: a candidate above that run is a menu,
    # ticker or tagline line that happens to share words with the lead.
    run_start = min(block_heads) if block_heads else -1
    scores = {}
    for i in cands:
        text = lines[i].text
        score = _overlap(text, lead_text)
        if i < run_start:
            score -= 0.3
        if counts[text] >= 2 and len(text) >= 8:
            score += 0.3
        nxt = next((j for j in range(i + 1, min(first, i + 4)) if lines[j].kind != _KIND_BLANK), None)
        if nxt is not None and lines[nxt].kind == _KIND_META:
            score += 0.15
        if i in block_heads:
            score += 0.25
        if _label_like(text):
            score -= 1.0
        if i in prefixed:
            score -= 0.5
        if len(text) < 10:
            score -= 0.2
        if len(text) <= 30 and name_re is not None:
            m = name_re.search(text)
            if m and len(_NONWORD_RE.sub("", text[:m.start()] + text[m.end():])) <= 6:
                score -= 0.5  # a brand or program item ("MBN 뉴스7"), not a headline
        scores[i] = score
    best = max(scores.values())
    if best <= 0:
        return max(cands, key=lambda i: (scores[i], -i))
    chosen = next(i for i in cands if scores[i] >= 0.6 * best)
    # An English headline printed over its Korean deck shares no letters with a Korean lead: it heads the
    # block right above the chosen line, and reads as a sentence of five words or more.
    prv = next((j for j in range(chosen - 1, -1, -1) if lines[j].kind != _KIND_BLANK), None)
    if (prv is not None and prv in block_heads and _HANGUL_RE.search(lines[chosen].text)
            and not _HANGUL_RE.search(lines[prv].text) and len(lines[prv].text.split()) >= 5):
        return prv
    return chosen


def _caption_date(text: str, out: list[tuple[int, str]]) -> None:
    """Collect the photo-stamp date of a caption (not of file photos) as weak publication evidence."""
    if _FILE_PHOTO_RE.search(text):
        return
    m = _PHOTO_DATE_RE.search(text)
    if m:
        y, mo, d = map(int, m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            out.append((3, f"{y:04d}-{mo:02d}-{d:02d}"))


def _pick_publisher(copyright_texts, harvest, meta, lines, emails, lex) -> str | None:
    """Return the publisher: copyright line, dateline, site name, then reporter email domain."""
    for text in copyright_texts:  # a known publisher in any notice before a name printed in the first
        known = _publisher_in(text, lex)
        if known:
            return known
    for text in copyright_texts:
        name = _copyright_publisher(text, lex)
        if name:
            return lex.name_index.get(_fold(name), name)
    for pub in harvest["dateline_pubs"]:
        known = lex.name_index.get(_fold(pub)) or _publisher_in(pub, lex)
        if known:
            return known
    site = meta.get("site_name")
    if site and _fold(site) not in lex.portals:
        return lex.name_index.get(_fold(site)) or _publisher_in(site, lex) or site
    for email in emails:
        name = _domain_publisher(email.split("@", 1)[1], lex)
        if name:
            return name
    for pub in harvest["dateline_pubs"]:
        if 2 <= len(pub) <= 20:
            return pub
    for ln in lines[:12]:
        # the masthead printed alone at the top of the page
        name = lex.name_index.get(_fold(ln.text)) if len(ln.text) <= 20 else None
        if name and _fold(name) not in lex.portals:
            return name
    for ln in lines[:40]:
        m = re.fullmatch(r"(\S{2,20})\s*언론사\s*이미지", ln.text)
        if m:
            return lex.name_index.get(_fold(m.group(1)), m.group(1))
    return None


def _dedupe(items: list[str]) -> list[str]:
    """Return items without repeats, first occurrence order kept."""
    seen, out = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


_ENTITY_RE = recache.compile(r"&(?:quot|amp|lt|gt|nbsp|apos|middot|hellip|lsquo|rsquo|ldquo|rdquo|#\d{2,6}|#x[0-9a-fA-F]{2,5});")


def clean_text(text: str, lexicon: Lexicon | None = None) -> Article:
    """Return the Article (body, metadata, removed-line audit) read from a page's decoded text."""
    lex = lexicon or load_lexicon()
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if "&" in text and _ENTITY_RE.search(text):
        text = html.unescape(text)  # a scraper that kept the page's entities ("&quot;", "&nbsp;", "&lt;사진&gt;")
    try:
        return _clean_lines(text.split("\n"), lex)
    except Exception:  # pragma: no cover - the contract is "never raises"; an empty body is quarantined downstream
        return Article(body="", removed=[RemovedLine(0, "", "error")])


def clean_html(html: str, lexicon: Lexicon | None = None) -> Article:
    """Return the Article read from an HTML page (lxml parse, block elements to lines, same line model)."""
    from transforms.html import html_to_lines

    lex = lexicon or load_lexicon()
    try:
        lines, meta, hints = html_to_lines(html if isinstance(html, str) else str(html or ""))
        return _clean_lines(lines, lex, hints, meta)
    except Exception:  # pragma: no cover - same contract as clean_text
        return Article(body="", removed=[RemovedLine(0, "", "error")])
