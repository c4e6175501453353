"""Batched numpy inference for the trained character CRF: crfsuite's weights, no per-character strings.

crfsuite tags one sequence at a time from lists of attribute strings, and building those strings
costs more than Kiwi itself. Here the weights of the same model are exported once to a table
(`ner.npz`: attribute -> weight vector over the labels, plus transitions); a batch of chunks is
scored by gathering rows keyed on character codes and on Kiwi morphemes, and decoded by one
Viterbi pass over the whole batch. The attributes are exactly those of `features.featurize`,
so the labels are crfsuite's (a test holds the two to the same output).

`python -m transforms.ner.fastcrf [MODEL]` writes the table beside a crfsuite model.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from transforms.ner.features import _FORM_TAGS, char_class, gazetteer_marks

Token = tuple[str, str, int, int]
_PAD_HEAD, _PAD_TAIL = "\x02", "\x03"
_CHAR_TEMPLATES = ("c=", "c-1=", "c+1=", "c-2=", "c+2=")
_CHAR_OFFSETS = (0, -1, 1, -2, 2)
_CACHE_LIMIT = 500_000  # distinct morphemes and bigrams remembered between batches


def table_path(model_path: str | Path) -> Path:
    """Return where the exported table of a crfsuite model lives."""
    return Path(model_path).with_suffix(".npz")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _table(model_path: Path) -> dict[str, np.ndarray]:
    """Return the weight table of a crfsuite model: attribute rows, transitions, labels, model digest."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    labels = list(tagger.labels())
    index = {lab: i for i, lab in enumerate(labels)}
    attrs = sorted({attr for attr, _ in info.state_features})
    rows = {attr: i + 1 for i, attr in enumerate(attrs)}  # row 0: an attribute the model never saw
    weights = np.zeros((len(attrs) + 1, len(labels)), dtype=np.float64)
    for (attr, label), w in info.state_features.items():
        weights[rows[attr], index[label]] = w
    trans = np.zeros((len(labels), len(labels)), dtype=np.float64)
    for (a, b), w in info.transitions.items():
        trans[index[a], index[b]] = w
    return {"weights": weights, "transitions": trans, "attrs": np.array(json.dumps(attrs, ensure_ascii=False)),
            "labels": np.array(json.dumps(labels)), "model_sha256": np.array(_sha256(model_path))}


def export(model_path: str | Path, table: dict | None = None) -> Path:
    """Write the weight table of a crfsuite model beside it and return its path."""
    model_path = Path(model_path)
    out = table_path(model_path)
    tmp = out.with_name(out.stem + ".tmp.npz")
    np.savez_compressed(tmp, **(table if table is not None else _table(model_path)))
    tmp.replace(out)
    return out


def load_table(model_path: str | Path) -> dict[str, np.ndarray]:
    """Return the table of a model: the exported one when it matches the model, else built (and saved if possible)."""
    model_path = Path(model_path)
    path = table_path(model_path)
    if path.exists():
        with np.load(path) as data:
            table = {key: data[key] for key in data.files}
        if str(table["model_sha256"]) == _sha256(model_path):
            return table
    table = _table(model_path)  # a model retrained without its table
    try:
        export(model_path, table)
    except OSError:
        pass  # a read-only install: keep the table in memory
    return table


class FastCrf:
    """The CRF of a crfsuite model, scored and decoded in numpy over batches of chunks."""

    def __init__(self, model_path: str | Path):
        data = load_table(model_path)
        self.labels: list[str] = json.loads(str(data["labels"]))
        self._w = data["weights"]
        self._trans = data["transitions"]
        self._rows: dict[str, int] = {a: i + 1 for i, a in enumerate(json.loads(str(data["attrs"])))}
        self._char_rows: dict[int, np.ndarray] = {}  # code point -> rows of the five unigram templates
        self._class_codes: dict[int, int] = {}  # code point -> index of its character class
        self._classes = "BE" + "HDLCSAPO"
        self._class_rows = self._build_class_rows()
        self._bigram_rows: dict[int, tuple[int, int]] = {}  # (a << 21 | b) -> rows of b- and b+
        self._morph_rows: dict[tuple[str, str], tuple[int, ...]] = {}
        self._tag_ids: dict[str, int] = {}
        self._pair_table = np.zeros((0, 0), dtype=np.int64)  # [tag, next tag] -> row of mm+1
        self._none_row = self._rows.get("m=NONE", 0)
        self._bos_row = self._rows.get("m-1=BOS", 0)
        self._eos_row = self._rows.get("m+1=EOS", 0)

    def _row(self, attr: str) -> int:
        return self._rows.get(attr, 0)

    def _build_class_rows(self) -> np.ndarray:
        """Return the row of `t=` for every (left, own, right) class triple, indexed by their codes."""
        k = len(self._classes)
        out = np.zeros(k * k * k, dtype=np.int64)
        for a in range(k):
            for b in range(k):
                for c in range(k):
                    out[(a * k + b) * k + c] = self._row("t=" + self._classes[a] + self._classes[b] + self._classes[c])
        return out

    def _class_code(self, code: int) -> int:
        cls = self._class_codes.get(code)
        if cls is None:
            cls = self._classes.index(char_class(chr(code)))
            if len(self._class_codes) < _CACHE_LIMIT:
                self._class_codes[code] = cls
        return cls

    # -- emissions ------------------------------------------------------------------------------

    def _char_emissions(self, texts: Sequence[str]) -> np.ndarray:
        """Return, per character of the concatenated texts, the emission sum of the character templates."""
        padded = "".join(_PAD_HEAD * 2 + t + _PAD_TAIL * 2 for t in texts)
        codes = np.frombuffer(padded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        heads = np.cumsum(lengths + 4) - (lengths + 4)
        tails = heads + 2 + lengths
        is_pad = np.zeros(len(codes), dtype=bool)
        cls = np.zeros(len(codes), dtype=np.int64)  # pads: 0 (B) before a text, 1 (E) after it
        for k in (0, 1):
            is_pad[heads + k] = True
            is_pad[tails + k] = True
            cls[tails + k] = 1
        real = np.flatnonzero(~is_pad)
        uniq, inverse = np.unique(codes, return_inverse=True)
        urows = np.empty((len(uniq), len(_CHAR_TEMPLATES)), dtype=np.int64)
        ucls = np.empty(len(uniq), dtype=np.int64)
        for i, code in enumerate(uniq.tolist()):
            r = self._char_rows.get(code)
            if r is None:
                ch = chr(code)
                r = np.array([self._row(t + ch) for t in _CHAR_TEMPLATES], dtype=np.int64)
                if len(self._char_rows) < _CACHE_LIMIT:
                    self._char_rows[code] = r
            urows[i] = r
            ucls[i] = self._class_code(code)
        crow = urows[inverse]  # [padded, template]
        cls = np.where(is_pad, cls, ucls[inverse])
        w = self._w
        em = np.zeros((len(real), w.shape[1]), dtype=np.float64)
        for j, off in enumerate(_CHAR_OFFSETS):
            em += w[crow[real + off, j]]
        # bigrams b- (left neighbour + char) and b+ (char + right neighbour)
        left_keys = (codes[real - 1] << 21) | codes[real]
        right_keys = (codes[real] << 21) | codes[real + 1]
        keys = np.concatenate([left_keys, right_keys])
        ukeys, kinv = np.unique(keys, return_inverse=True)
        brows = np.empty((len(ukeys), 2), dtype=np.int64)
        for i, key in enumerate(ukeys.tolist()):
            r = self._bigram_rows.get(key)
            if r is None:
                pair = chr(key >> 21) + chr(key & 0x1FFFFF)
                r = (self._row("b-=" + pair), self._row("b+=" + pair))
                if len(self._bigram_rows) < _CACHE_LIMIT:
                    self._bigram_rows[key] = r
            brows[i] = r
        n = len(real)
        em += w[brows[kinv[:n], 0]]
        em += w[brows[kinv[n:], 1]]
        k = len(self._classes)
        em += w[self._class_rows[(cls[real - 1] * k + cls[real]) * k + cls[real + 1]]]
        return em

    def _morph_rows_of(self, form: str, tag: str) -> tuple[int, ...]:
        """Return the rows a morpheme contributes as itself, as a left and as a right neighbour, and its mp rows."""
        key = (form, tag)
        r = self._morph_rows.get(key)
        if r is None:
            shown = form if tag in _FORM_TAGS else tag
            r = (self._row("m=" + tag), self._row("mf=" + form) if tag in _FORM_TAGS else 0,
                 self._row("m-1=" + tag), self._row("mf-1=" + shown),
                 self._row("m+1=" + tag), self._row("mf+1=" + shown),
                 self._row("mp=S" + tag), self._row("mp=B" + tag), self._row("mp=I" + tag), self._row("mp=E" + tag))
            if len(self._morph_rows) < _CACHE_LIMIT:
                self._morph_rows[key] = r
        return r

    def _tag_id(self, tag: str) -> int:
        i = self._tag_ids.get(tag)
        if i is None:
            i = self._tag_ids[tag] = len(self._tag_ids)
            grown = np.zeros((i + 1, i + 1), dtype=np.int64)
            grown[:i, :i] = self._pair_table
            names = list(self._tag_ids)
            for a in range(i + 1):
                grown[a, i] = self._row("mm+1=" + names[a] + "|" + tag)
                grown[i, a] = self._row("mm+1=" + tag + "|" + names[a])
            self._pair_table = grown
        return i

    def _morph_emissions(self, texts: Sequence[str], tokens: Sequence[Sequence[Token]]) -> np.ndarray:
        """Return, per character of the concatenated texts, the emission sum of its morpheme's attributes."""
        total = sum(len(t) for t in texts)
        w = self._w
        counts = np.array([len(toks) for toks in tokens], dtype=np.int64)
        n_tok = int(counts.sum())
        if n_tok == 0:
            return np.broadcast_to(w[self._none_row], (total, w.shape[1])).copy()
        flat = [tok for toks in tokens for tok in toks]
        known = self._morph_rows.get
        rows = np.array([known((f, t)) or self._morph_rows_of(f, t) for f, t, _s, _l in flat],
                        dtype=np.int64)  # [tokens, 10]
        tag_ids = np.array([self._tag_id(t) for _f, t, _s, _l in flat], dtype=np.int64)
        starts = np.array([s for _f, _t, s, _l in flat], dtype=np.int64)
        lens = np.array([ln for _f, _t, _s, ln in flat], dtype=np.int64)
        text_lens = np.array([len(t) for t in texts], dtype=np.int64)
        bases = np.repeat(np.cumsum(text_lens) - text_lens, counts)
        ends_at = np.repeat(text_lens, counts)
        first = np.zeros(n_tok, dtype=bool)
        first[(np.cumsum(counts) - counts)[counts > 0]] = True
        last = np.zeros(n_tok, dtype=bool)
        last[(np.cumsum(counts) - 1)[counts > 0]] = True
        # rows every character of a token shares: itself, its left and right neighbours, the tag pair
        shared = np.zeros((n_tok + 1, 7), dtype=np.int64)  # last row: characters no token owns
        shared[:n_tok, 0:2] = rows[:, 0:2]
        shared[1:n_tok, 2:4] = rows[:-1, 2:4]
        shared[:n_tok, 2][first] = self._bos_row
        shared[:n_tok, 3][first] = 0
        shared[:n_tok - 1, 4:6] = rows[1:, 4:6]
        shared[:n_tok - 1, 6] = self._pair_table[tag_ids[:-1], tag_ids[1:]]
        shared[:n_tok, 4][last] = self._eos_row
        shared[:n_tok, 5][last] = 0
        shared[:n_tok, 6][last] = 0
        shared[n_tok, 0] = self._none_row
        token_em = w[shared].sum(axis=1)  # [tokens + 1, labels]
        # which token owns each character: the first one covering it (featurize's rule)
        g_start = bases + np.maximum(starts, 0)
        g_end = bases + np.minimum(starts + np.maximum(lens, 1), ends_at)
        char_token = np.full(total, n_tok, dtype=np.int64)
        if np.all(np.diff(g_start) >= 0):
            covered = np.concatenate([[0], np.maximum.accumulate(g_end)[:-1]])
            lo = np.maximum(g_start, covered)
            span = np.maximum(g_end - lo, 0)
            idx = np.repeat(np.arange(n_tok), span)
            pos = np.repeat(lo, span) + (np.arange(int(span.sum())) - np.repeat(np.cumsum(span) - span, span))
            char_token[pos] = idx
        else:  # out-of-order tokens: walk them
            for j in range(n_tok - 1, -1, -1):
                char_token[g_start[j]:g_end[j]] = j
        owned = np.flatnonzero(char_token < n_tok)
        tok = char_token[owned]
        rel = owned - bases[tok] - starts[tok]
        ln = lens[tok]
        kind = np.where(ln <= 1, 0, np.where(rel == 0, 1, np.where(rel == ln - 1, 3, 2)))
        em = token_em[char_token]
        em[owned] += w[rows[tok, 6 + kind]]
        return em

    def emissions(self, texts: Sequence[str], tokens: Sequence[Sequence[Token]]) -> np.ndarray:
        """Return the [characters, labels] emission scores of the concatenated texts."""
        em = self._char_emissions(texts)
        em += self._morph_emissions(texts, tokens)
        base = 0
        for text, toks in zip(texts, tokens):
            for p, attr in gazetteer_marks(text, toks).items():
                em[base + p] += self._w[self._row(attr)]
            base += len(text)
        return em

    # -- decoding -------------------------------------------------------------------------------

    def _viterbi(self, em: np.ndarray, lengths: list[int]) -> list[np.ndarray]:
        """Return the best label index sequence of each text, decoding them together by ascending length."""
        offsets = np.cumsum([0] + lengths)
        out: list[np.ndarray] = [np.zeros(0, dtype=np.int64)] * len(lengths)
        order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
        trans = self._trans
        n_labels = trans.shape[0]
        for start in range(0, len(order), 1024):
            group = order[start:start + 1024]
            lens = np.array([lengths[i] for i in group])
            T = int(lens[-1])
            scores = np.zeros((len(group), T, n_labels))
            for b, i in enumerate(group):
                scores[b, :lengths[i]] = em[offsets[i]:offsets[i + 1]]
            back = np.zeros((len(group), T, n_labels), dtype=np.int8)
            delta = scores[:, 0].copy()  # a finished sequence's row keeps its final scores
            for t in range(1, T):
                lo = int(np.searchsorted(lens, t, side="right"))  # the sequences still running
                cand = delta[lo:, :, None] + trans
                best = cand.argmax(axis=1)
                back[lo:, t] = best
                delta[lo:] = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0, :] + scores[lo:, t]
            labels = np.zeros((len(group), T), dtype=np.int64)
            labels[np.arange(len(group)), lens - 1] = delta.argmax(axis=1)
            for t in range(T - 2, -1, -1):
                lo = int(np.searchsorted(lens, t + 1, side="right"))
                rows = np.arange(lo, len(group))
                labels[lo:, t] = back[rows, t + 1, labels[lo:, t + 1]]
            for b, i in enumerate(group):
                out[i] = labels[b, :lengths[i]]
        return out

    def tag_batch(self, texts: Sequence[str], tokens: Sequence[Sequence[Token]]) -> list[list[str]]:
        """Return the BIO label of every character of each text."""
        if not texts:
            return []
        em = self.emissions(texts, tokens)
        paths = self._viterbi(em, [len(t) for t in texts])
        names = self.labels
        return [[names[k] for k in path.tolist()] for path in paths]


def main(argv: list[str]) -> int:
    """Export the table of the model given (default: the shipped one)."""
    from transforms.ner.tagger import MODEL_PATH

    path = export(argv[0] if argv else MODEL_PATH)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
