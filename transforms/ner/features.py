"""Per-character CRF features from the characters of a chunk and its Kiwi morphemes."""
from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

GAZETTEER_PATH = Path(__file__).resolve().parent / "gazetteer.csv"
_NOMINAL = ("NN", "SL", "SH", "XSN", "NR", "SN")

# Kiwi tags whose surface form is informative enough to be a feature of its own.
_FORM_TAGS = frozenset({
    "NNG", "NNP", "NNB", "NR", "NP", "SL", "SH", "XSN", "XPN", "MM", "MAG",
    "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "VCP", "XSA", "XSV",
})

_char_class_cache: dict[str, str] = {}


def char_class(ch: str) -> str:
    """Return a coarse class of one character: H(angul), D(igit), L(atin), C(JK ideograph), S(pace), P(unct), O(ther)."""
    cls = _char_class_cache.get(ch)
    if cls is None:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3 or 0x3131 <= o <= 0x318E:
            cls = "H"
        elif ch.isdigit():
            cls = "D"
        elif ch.isascii() and ch.isalpha():
            cls = "L"
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
            cls = "C"
        elif ch.isspace():
            cls = "S"
        elif ch.isalpha():
            cls = "A"
        elif ch.isprintable():
            cls = "P"
        else:
            cls = "O"
        if len(_char_class_cache) < 100_000:
            _char_class_cache[ch] = cls
    return cls


_UNSAFE_RE = re.compile("[\ud800-\udfff\x00]")


def sanitize(text: str) -> str:
    """Return text with lone surrogates and NULs replaced one-for-one, so offsets stay valid."""
    return _UNSAFE_RE.sub("\ufffd", text)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Return the reviewed name -> KLUE type gazetteer (first type listed wins)."""
    out: dict[str, str] = {}
    with GAZETTEER_PATH.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["name"], row["type"])
    return out


def gazetteer_marks(text: str, tokens: Sequence[tuple[str, str, int, int]]) -> dict[int, str]:
    """Return {char index: feature} for gazetteer names spanning 1-3 adjacent nominal morphemes."""
    gz = gazetteer()
    marks: dict[int, str] = {}
    n = len(tokens)
    for j in range(n):
        if not tokens[j][1].startswith(_NOMINAL):
            continue
        s = end = tokens[j][2]
        for k in range(j, min(j + 3, n)):
            _f, tk, sk, lk = tokens[k]
            if k > j and (sk != end or not tk.startswith(_NOMINAL)):
                break
            end = sk + lk
            typ = gz.get(text[s:end])
            if typ:
                marks[s] = "g=B" + typ
                for p in range(s + 1, end):
                    marks[p] = "g=I" + typ
    return marks


def _morph_feats(tokens: Sequence[tuple[str, str, int, int]]) -> list[list[str]]:
    """Return, per morpheme, the features it shares with every character it covers."""
    n = len(tokens)
    out = []
    for j, (form, tag, _s, _l) in enumerate(tokens):
        f = ["m=" + tag]
        if tag in _FORM_TAGS:
            f.append("mf=" + form)
        if j > 0:
            pform, ptag = tokens[j - 1][0], tokens[j - 1][1]
            f.append("m-1=" + ptag)
            f.append("mf-1=" + pform if ptag in _FORM_TAGS else "mf-1=" + ptag)
        else:
            f.append("m-1=BOS")
        if j + 1 < n:
            nform, ntag = tokens[j + 1][0], tokens[j + 1][1]
            f.append("m+1=" + ntag)
            f.append("mf+1=" + nform if ntag in _FORM_TAGS else "mf+1=" + ntag)
            f.append("mm+1=" + tag + "|" + ntag)
        else:
            f.append("m+1=EOS")
        out.append(f)
    return out


def featurize(text: str, tokens: Sequence[tuple[str, str, int, int]]) -> list[list[str]]:
    """Return one list of CRF attribute strings per character of text, given its Kiwi tokens (form, tag, start, len)."""
    n = len(text)
    owner = [-1] * n
    mpos = [""] * n
    for j, (_f, tag, s, ln) in enumerate(tokens):
        e = min(s + max(ln, 1), n)
        for p in range(max(s, 0), e):
            if owner[p] < 0:
                owner[p] = j
                if ln <= 1:
                    mpos[p] = "mp=S" + tag
                elif p == s:
                    mpos[p] = "mp=B" + tag
                elif p == s + ln - 1:
                    mpos[p] = "mp=E" + tag
                else:
                    mpos[p] = "mp=I" + tag
    mfeats = _morph_feats(tokens)
    padded = "\x02\x02" + text + "\x03\x03"
    pcls = "BB" + "".join([char_class(c) for c in text]) + "EE"
    # Built column-wise with comprehensions: a per-character loop of concatenations is twice as slow.
    seq = [
        ["c=" + c, "c-1=" + a, "c+1=" + b, "c-2=" + aa, "c+2=" + bb, "b-=" + a + c, "b+=" + c + b, "t=" + t]
        for c, a, b, aa, bb, t in zip(
            text, padded[1:n + 1], padded[3:n + 3], padded[:n], padded[4:n + 4],
            [pcls[i:i + 3] for i in range(1, n + 1)],
        )
    ]
    gm = gazetteer_marks(text, tokens)
    for i, f in enumerate(seq):
        j = owner[i]
        if j >= 0:
            f.append(mpos[i])
            f.extend(mfeats[j])
        else:
            f.append("m=NONE")
        g = gm.get(i)
        if g:
            f.append(g)
    return seq
