"""Exact rules for EMAIL/URL/amounts/dates and the normalisation of amounts, dates and times."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![A-Za-z0-9])")
URL_RE = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'\u3131-\uD7A3\uFF08\uFF09(){}\[\]]+"
    r"|(?<![\w@.])(?:[A-Za-z0-9-]+\.)+(?:com|net|org|kr|co\.kr|go\.kr|or\.kr|io)(?:/[^\s<>\"'\u3131-\uD7A3()]*)?(?![\w@])",
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?)]}'\""

_NATIVE = {
    "하나": 1, "한": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "석": 3, "넷": 4, "네": 4, "넉": 4,
    "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스물": 20, "스무": 20,
    "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90,
}
_NATIVE_RE = re.compile("|".join(sorted(_NATIVE, key=len, reverse=True)))
_SMALL = {"십": 10, "백": 100, "천": 1000}
_BIG = {"만": 1e4, "억": 1e8, "조": 1e12, "경": 1e16}
_NUM_CORE = r"\d[\d,]*(?:\.\d+)?"
_NUMBER_RE = re.compile(rf"(?:{_NUM_CORE}|[십백천만억조경])(?:\s?(?:{_NUM_CORE}|[십백천만억조경]|여(?=\s?[십백천만억조경])))*")
_PREFIX_RE = re.compile(r"^(?:약|대략|총|최대|최소|무려|단|불과|고작|모두|US|미화)\s*")
_CURRENCIES = {
    "원": "KRW", "원권": "KRW", "달러": "USD", "$": "USD", "US$": "USD", "엔": "JPY", "엔화": "JPY",
    "유로": "EUR", "€": "EUR", "위안": "CNY", "위안화": "CNY", "파운드": "GBP", "£": "GBP",
    "루블": "RUB", "₩": "KRW", "¥": "JPY", "홍콩달러": "HKD", "캐나다달러": "CAD", "호주달러": "AUD",
}
_PERCENT = {"%": "%", "％": "%", "퍼센트": "%", "프로": "%", "%p": "%p", "%포인트": "%p", "퍼센트포인트": "%p"}


def parse_number(s: str) -> float | None:
    """Return the value of a Korean numeral string such as `3조6000억`, `1억6천400여만`, `1,500`, `두`."""
    s = s.replace(",", "").replace(" ", "").replace("여", "")
    if not s:
        return None
    if s in _NATIVE:
        return float(_NATIVE[s])
    total = section = 0.0
    cur = None
    for tok in re.findall(r"\d+(?:\.\d+)?|[십백천만억조경]", s):
        if tok[0].isdigit():
            cur = float(tok)
        elif tok in _SMALL:
            section += (cur if cur is not None else 1.0) * _SMALL[tok]
            cur = None
        else:
            section += cur or 0.0
            total += (section or 1.0) * _BIG[tok]
            section, cur = 0.0, None
    total += section + (cur or 0.0)
    return total


def normalize_amount(text: str) -> tuple[str, float, str | None] | None:
    """Return (MONEY|PERCENT|QUANTITY, value, unit or currency) of an amount span, or None if it has no number."""
    t = _PREFIX_RE.sub("", text.strip())
    pre_unit = None
    for sym in ("US$", "$", "€", "£", "₩", "¥"):
        if t.startswith(sym):
            pre_unit, t = _CURRENCIES[sym], t[len(sym):].lstrip()
            break
    m = _NUMBER_RE.match(t)
    if m:
        num_text = m.group(0).rstrip()
        # `만원`/`천원`: a bare big unit before the currency word is part of the number only if a digit precedes it.
        value = parse_number(num_text)
        rest = t[m.end():].strip()
    else:
        m = _NATIVE_RE.match(t)
        if not m:
            return None
        value = float(_NATIVE[m.group(0)])
        rest = t[m.end():].strip()
    if value is None:
        return None
    rest = rest.lstrip("여").strip()
    if pre_unit:
        return "MONEY", value, pre_unit
    for word in sorted(_PERCENT, key=len, reverse=True):
        if rest.startswith(word):
            return "PERCENT", value, _PERCENT[word]
    for word in sorted(_CURRENCIES, key=len, reverse=True):
        if rest.startswith(word) and (word != "원" or not rest.startswith(("원전", "원자"))):
            return "MONEY", value, _CURRENCIES[word]
    unit = re.match(r"[^\s\d.,]*", rest).group(0) or None
    return "QUANTITY", value, unit


# Amount spans found by rules alone: a number with a currency, percent or counter unit.
_UNIT_WORDS = sorted(
    list(_CURRENCIES) + list(_PERCENT)
    + ["명", "개", "곳", "건", "대", "척", "마리", "가구", "채", "배", "톤", "kg", "km", "m", "㎡", "평", "회", "번", "차례", "주", "장", "권"],
    key=len, reverse=True,
)
AMOUNT_RE = re.compile(
    rf"(?<![\w.])(?:{_NUM_CORE}(?:\s?(?:{_NUM_CORE}|[십백천만억조경]|여))*|[1-9]?[십백천]?[만억조경])\s?"
    rf"(?:{'|'.join(re.escape(u) for u in _UNIT_WORDS)})"
)


def find_amounts(text: str) -> list[tuple[int, int, str, float, str | None]]:
    """Return (start, end, type, value, unit) of numbers with a currency, percent or counter unit."""
    out = []
    for m in AMOUNT_RE.finditer(text):
        norm = normalize_amount(m.group(0))
        if norm:
            out.append((m.start(), m.end(), norm[0], norm[1], norm[2]))
    return out


def find_emails_urls(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, EMAIL|URL) spans, emails first claiming their characters."""
    out = [(m.start(), m.end(), "EMAIL") for m in EMAIL_RE.finditer(text)]
    taken = [(s, e) for s, e, _ in out]
    for m in URL_RE.finditer(text):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in _URL_TRAILING:
            e -= 1
        if e - s < 4 or any(s < te and ts < e for ts, te in taken):
            continue
        out.append((s, e, "URL"))
    out.sort()
    return out


def parse_published(published_at: str | None) -> date | None:
    """Return the date part of an ISO published_at, or None."""
    if not published_at:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", published_at.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """Return (year, month) delta months away."""
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _ymd(y: int, m: int | None = None, d: int | None = None) -> str | None:
    """Return an ISO date (or year/month prefix) if valid, else None."""
    if not 1 <= y <= 9999:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


_REL_DAY = {"오늘": 0, "금일": 0, "이날": 0, "당일": 0, "어제": -1, "전날": -1, "전일": -1, "작일": -1,
            "그제": -2, "그저께": -2, "엊그제": -2, "내일": 1, "명일": 1, "다음날": 1, "이튿날": 1, "모레": 2}
_REL_YEAR = {"지난해": -1, "작년": -1, "전년": -1, "재작년": -2, "올해": 0, "금년": 0, "올": 0, "이듬해": 1,
             "내년": 1, "명년": 1, "내후년": 2}
_REL_MONTH = {"이달": 0, "이번달": 0, "금월": 0, "지난달": -1, "전월": -1, "지난 달": -1, "다음달": 1,
              "내달": 1, "다음 달": 1, "이번 달": 0}
_YMD_RE = re.compile(r"(\d{4}|\d{2})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})\s*일?")
_YM_RE = re.compile(r"(\d{4})\s*[년.\-/]\s*(\d{1,2})\s*월?(?!\s*\d)")
_Y_RE = re.compile(r"(\d{4})\s*년(?!\s*대)")
_MD_RE = re.compile(r"(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_M_RE = re.compile(r"(\d{1,2})\s*월(?!\s*\d)")
_D_RE = re.compile(r"(?<![\d월])(\d{1,2})\s*일(?!\s*[간동째])")


def normalize_date(text: str, published_at: str | None = None) -> str | None:
    """Return an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) for a date span, resolving relative ones against published_at."""
    t = text.strip()
    pub = parse_published(published_at)
    past = t.startswith(("지난", "작년", "지난해")) or "전" in t[-2:]
    future = t.startswith(("오는", "다음", "내달", "내년"))
    m = _YMD_RE.search(t)
    if m:
        y = int(m.group(1))
        if y < 100:
            y += 2000 if y < 70 else 1900
        return _ymd(y, int(m.group(2)), int(m.group(3)))
    m = _YM_RE.search(t)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)))
    m = _Y_RE.search(t)
    if m and not _M_RE.search(t):
        return _ymd(int(m.group(1)))
    if pub is None:
        return None
    key = t.replace(" ", "")
    if key in _REL_DAY:
        return (pub + timedelta(days=_REL_DAY[key])).isoformat()
    year = None
    for word, delta in sorted(_REL_YEAR.items(), key=lambda kv: -len(kv[0])):
        if t.startswith(word):
            year = pub.year + delta
            t = t[len(word):].strip()
            break
    month_delta = None
    for word, delta in sorted(_REL_MONTH.items(), key=lambda kv: -len(kv[0])):
        if t.startswith(word):
            month_delta = delta
            t = t[len(word):].strip()
            break
    t = re.sub(r"^(?:지난|오는|이번|올)\s*", "", t)
    m = _MD_RE.search(t)
    if m:
        mon, day = int(m.group(1)), int(m.group(2))
        if year is None:
            year = pub.year
            if past and (mon, day) > (pub.month, pub.day):
                year -= 1
            elif future and (mon, day) < (pub.month, pub.day):
                year += 1
        return _ymd(year, mon, day)
    if month_delta is not None:
        y, mon = _shift_month(pub.year, pub.month, month_delta)
        m = _D_RE.search(t)
        if m:
            return _ymd(y, mon, int(m.group(1)))
        return _ymd(y, mon)
    m = _M_RE.search(t)
    if m:
        mon = int(m.group(1))
        if year is None:
            year = pub.year
            if past and mon > pub.month:
                year -= 1
            elif future and mon < pub.month:
                year += 1
        return _ymd(year, mon)
    m = _D_RE.search(t)
    if m and year is None:
        day = int(m.group(1))
        if past and day > pub.day:
            y, mon = _shift_month(pub.year, pub.month, -1)
        elif future and day < pub.day:
            y, mon = _shift_month(pub.year, pub.month, 1)
        else:
            # A bare day means the nearest such day: news mostly reports the past few days.
            y, mon = pub.year, pub.month
            if day > pub.day + 7:
                y, mon = _shift_month(pub.year, pub.month, -1)
        return _ymd(y, mon, day)
    if year is not None and not t:
        return _ymd(year)
    return None


_TIME_RE = re.compile(r"(오전|오후|새벽|아침|저녁|밤|낮)?\s*(\d{1,2})\s*시(?:\s*(\d{1,2})\s*분|\s*(반))?(?!\s*간)")
_HHMM_RE = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")


def normalize_time(text: str) -> str | None:
    """Return HH:MM for a clock-time span (`오후 7시 30분` -> 19:30), or None for durations and vague times."""
    m = _HHMM_RE.search(text)
    if m:
        h, mi = int(m.group(1)), int(m.group(2))
        return f"{h:02d}:{mi:02d}" if h < 24 and mi < 60 else None
    m = _TIME_RE.search(text)
    if not m:
        return None
    h = int(m.group(2))
    mi = 30 if m.group(4) else int(m.group(3) or 0)
    if m.group(1) in ("오후", "저녁", "밤") and h < 12:
        h += 12
    elif m.group(1) in ("오전", "새벽") and h == 12:
        h = 0
    if h > 24 or mi >= 60:
        return None
    return f"{h % 24:02d}:{mi:02d}"
