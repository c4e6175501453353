"""Kiwi morphology through the batch API and the character-level CRF that tags KLUE entity types."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from transforms.ner.features import featurize

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_PATH = MODEL_DIR / "ner.crfsuite"

# The typo and multi-word dictionaries cost build time and did not help the tagger.
KIWI_OPTIONS = {"load_typo_dict": False, "load_multi_dict": False}

# KLUE's six labels and the entity type each becomes.
KLUE_TYPES = {
    "PS": "PERSON", "OG": "ORGANIZATION", "LC": "LOCATION",
    "DT": "DATE", "TI": "TIME", "QT": "QUANTITY",
}

Token = tuple[str, str, int, int]


def build_kiwi(num_workers: int = 1):
    """Return a ready Kiwi analyser (built and warmed up)."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi(num_workers=max(1, num_workers), **KIWI_OPTIONS)
    kiwi.tokenize("")
    return kiwi


def analyze(kiwi, texts: list[str]) -> Iterator[list[Token]]:
    """Yield the Kiwi tokens (form, tag, start, len) of each text, in order, through the batch API."""
    if not texts:
        return
    for result in kiwi.tokenize(texts):
        yield [(t.form, t.tag, t.start, t.len) for t in result]


def bio_to_spans(labels: Iterable[str]) -> list[tuple[int, int, str]]:
    """Return (start, end, type) spans from BIO labels; a stray I- starts a new span."""
    spans = []
    start, typ = None, None
    i = -1
    for i, lab in enumerate(labels):
        if lab == "O" or lab.startswith("B-") or (lab.startswith("I-") and lab[2:] != typ):
            if start is not None:
                spans.append((start, i, typ))
            start, typ = (i, lab[2:]) if lab != "O" else (None, None)
    if start is not None:
        spans.append((start, i + 1, typ))
    return spans


_EDGE_SPACE = re.compile(r"^\s+|\s+$")


def _trimmed(text: str, labels: list[str]) -> list[tuple[int, int, str]]:
    """Return the (start, end, KLUE type) spans of one chunk's labels, trimmed of edge whitespace."""
    out = []
    for s, e, typ in bio_to_spans(labels):
        if typ not in KLUE_TYPES:
            continue
        piece = text[s:e]
        if _EDGE_SPACE.search(piece):
            stripped = piece.strip()
            if not stripped:
                continue
            s += len(piece) - len(piece.lstrip())
            e = s + len(stripped)
        out.append((s, e, typ))
    return out


class CrfTagger:
    """The trained crfsuite model over the attributes of `features.featurize`, decoded in numpy batches."""

    def __init__(self, model_path: str | Path = MODEL_PATH):
        from transforms.ner.fastcrf import FastCrf

        self._crf = FastCrf(model_path)

    def tag_batch(self, texts: list[str], tokens: list[list[Token]]) -> list[list[tuple[int, int, str]]]:
        """Return the (start, end, KLUE type) spans of each chunk."""
        return [_trimmed(text, labels) for text, labels in zip(texts, self._crf.tag_batch(texts, tokens))]
