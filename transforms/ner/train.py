"""Train the KLUE-NER character CRF: `python -m transforms.ner.train [--data PATH]` writes transforms/ner/model/."""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

from transforms.ner.fastcrf import export as export_table
from transforms.ner.features import featurize, sanitize
from transforms.ner.tagger import KIWI_OPTIONS, MODEL_DIR, analyze, build_kiwi

REPO_DIR = Path(__file__).resolve().parents[2]
KLUE_FILE = Path("data") / "klue-ner" / "klue-ner-v1.1-dev-part.tsv"
HELDOUT_PERCENT = 15
HELDOUT_RULE = f"int(sha1(sentence_id).hexdigest(), 16) % 100 < {HELDOUT_PERCENT}"
PARAMS = {"c1": 0.01, "c2": 0.3, "max_iterations": 300, "feature.possible_transitions": True}


def shared_dir() -> Path:
    """Return the shared folder: $NEWSETL_SHARED, else ../shared beside the checkout."""
    return Path(os.environ.get("NEWSETL_SHARED", REPO_DIR.parent / "shared")).resolve()


def default_data_path() -> Path:
    """Return the KLUE-NER dev-part TSV in the shared folder."""
    return shared_dir() / KLUE_FILE


def is_heldout(sentence_id: str) -> bool:
    """Return whether a sentence belongs to the held-out set (never trained on)."""
    return int(hashlib.sha1(sentence_id.encode("utf-8")).hexdigest(), 16) % 100 < HELDOUT_PERCENT


def load_klue(path: str | Path) -> list[tuple[str, str, list[str]]]:
    """Return (sentence id, text, per-character BIO tags) from a KLUE-NER char-tagged TSV."""
    out = []
    sid, chars, tags = None, [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("## klue-ner"):
                if sid is not None:
                    out.append((sid, "".join(chars), tags))
                sid, chars, tags = line[3:].split("\t", 1)[0], [], []
            elif line.startswith("##") or sid is None or line == "":
                continue
            else:
                c, t = line.split("\t")
                chars.append(c)
                tags.append(t)
    if sid is not None:
        out.append((sid, "".join(chars), tags))
    return out


def gold_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Return the (start, end, KLUE type) spans of BIO tags, read as the acceptance scorer reads them."""
    ents, start, typ = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                ents.add((start, i, typ))
            start, typ = (i, t[2:]) if t.startswith(("B-", "I-")) else (None, None)
    return ents


# Entity types as the acceptance scorer maps them onto KLUE's six.
SCORE_MAP = {"PERSON": "PS", "ORGANIZATION": "OG", "LOCATION": "LC", "DATE": "DT", "TIME": "TI",
             "QUANTITY": "QT", "MONEY": "QT", "PERCENT": "QT"}


def score(golds: list[set], preds: list[set]) -> dict[str, dict[str, float]]:
    """Return per-type and overall {p, r, f1, gold} for exact (start, end, type) spans."""
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    for g, p in zip(golds, preds):
        for e in p & g:
            tp[e[2]] += 1
        for e in p - g:
            fp[e[2]] += 1
        for e in g - p:
            fn[e[2]] += 1

    def prf(a: int, b: int, c: int) -> dict[str, float]:
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4), "gold": a + c}

    out = {k: prf(tp[k], fp[k], fn[k]) for k in sorted(set(tp) | set(fp) | set(fn))}
    out["ALL"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    """Return a per-type P/R/F1 table."""
    return "\n".join(
        f"  {k:>3}: P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f} (gold {v['gold']})" for k, v in scores.items()
    )


def evaluate(extractor, sentences: list[tuple[str, str, list[str]]]) -> tuple[dict, dict, float]:
    """Return (scores on all, scores on news-only, chars/s) of an EntityExtractor on labelled sentences."""
    texts = [t for _, t, _ in sentences]
    t0 = time.perf_counter()
    mentions = extractor.extract(texts)
    dt = time.perf_counter() - t0
    golds = [gold_spans(tags) for _, _, tags in sentences]
    preds = [{(m.start, m.end, SCORE_MAP[m.type]) for m in ms if m.type in SCORE_MAP} for ms in mentions]
    news = [i for i, (sid, _, _) in enumerate(sentences) if sid.endswith("wikitree")]
    return (score(golds, preds), score([golds[i] for i in news], [preds[i] for i in news]),
            sum(map(len, texts)) / dt if dt else 0.0)


def items(kiwi, sentences: list[tuple[str, str, list[str]]]):
    """Yield (features, labels) per sentence, features computed as the extractor computes them."""
    texts = [sanitize(t) for _, t, _ in sentences]
    for (_, _, tags), text, tokens in zip(sentences, texts, analyze(kiwi, texts)):
        yield featurize(text, tokens), tags


def main(argv: list[str] | None = None) -> int:
    """Train, write the model and its card, print held-out scores; return an exit code."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=None, help="KLUE-NER char-tagged TSV")
    ap.add_argument("--out", type=Path, default=MODEL_DIR, help="model directory")
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    ap.add_argument("--max-iterations", type=int, default=PARAMS["max_iterations"])
    args = ap.parse_args(argv)
    data_path = args.data or default_data_path()
    if not data_path.exists():
        print(f"training data not found: {data_path} (set NEWSETL_SHARED or pass --data)", file=sys.stderr)
        return 2

    import pycrfsuite

    from transforms.ner import EntityExtractor

    sentences = load_klue(data_path)
    train = [s for s in sentences if not is_heldout(s[0])]
    heldout = [s for s in sentences if is_heldout(s[0])]
    print(f"{len(sentences)} sentences: {len(train)} train, {len(heldout)} held out ({HELDOUT_RULE})")

    t0 = time.perf_counter()
    kiwi = build_kiwi(num_workers=2)
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in items(kiwi, train):
        trainer.append(xseq, yseq)
    params = dict(PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.max_iterations)
    trainer.set_params(params)
    args.out.mkdir(parents=True, exist_ok=True)
    model_path = args.out / "ner.crfsuite"
    tmp_path = args.out / "ner.crfsuite.tmp"
    trainer.train(str(tmp_path))
    os.replace(tmp_path, model_path)
    export_table(model_path)
    train_s = time.perf_counter() - t0
    digest = hashlib.sha256(model_path.read_bytes()).hexdigest()

    extractor = EntityExtractor(model_path)
    all_scores, news_scores, cps = evaluate(extractor, heldout)
    version = f"crf-klue-{date.today().strftime('%Y%m%d')}-{digest[:8]}"
    card = {
        "version": version,
        "model_file": model_path.name,
        "sha256": digest,
        "algorithm": "python-crfsuite lbfgs, character-level BIO over KLUE's PS/LC/OG/DT/TI/QT",
        "params": params,
        "kiwi_options": KIWI_OPTIONS,
        "training_data": "KLUE-NER v1.1 dev part (klue-ner-v1.1-dev-part.tsv), CC BY-SA 4.0, Park et al. 2021",
        "training_sentences": len(train),
        "training_chars": sum(len(t) for _, t, _ in train),
        "heldout_rule": HELDOUT_RULE,
        "heldout_sentences": len(heldout),
        "heldout_scores": all_scores,
        "heldout_scores_news": news_scores,
        "training_seconds": round(train_s, 1),
        "license": "Model weights CC BY-SA 4.0 (derived from KLUE-NER)",
    }
    (args.out / "model.json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {model_path} ({model_path.stat().st_size / 1e6:.1f} MB) version {version} in {train_s:.0f}s")
    print(f"held-out, all {len(heldout)} sentences:\n{format_scores(all_scores)}")
    print(f"held-out, news only:\n{format_scores(news_scores)}")
    print(f"extractor chars/s on held-out (Kiwi included, build excluded): {cps:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
