"""Scores the article cleaner and trafilatura side by side on the golden corpus and the seeds."""
from __future__ import annotations

import argparse
import collections
import html
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from newsetl.settings import REPO_DIR, SEEDS_DIR, shared_dir

EVAL_DIR = REPO_DIR / "tests" / "eval"


@dataclass(slots=True)
class Page:
    """One labelled page: its name, raw content, input kind ('txt' or 'html') and gold record."""

    name: str
    content: str
    kind: str
    gold: dict


@dataclass(slots=True)
class Score:
    """Scores of one system on one page."""

    precision: float
    recall: float
    f1: float
    title_ok: bool | None
    reporters_ok: bool
    date_ok: bool | None


def _ws(text: str | None) -> str:
    """Return the text with whitespace collapsed (the scorer's normal form)."""
    return re.sub(r"\s+", " ", text or "").strip()


def token_prf(pred: str, gold: str) -> tuple[float, float, float]:
    """Return token precision, recall and F1 over whitespace-token multisets (as ../shared/tools/score_clean.py)."""
    p, g = collections.Counter(_ws(pred).split()), collections.Counter(_ws(gold).split())
    if not p or not g:
        return 0.0, 0.0, 0.0
    hit = sum((p & g).values())
    pr, rc = hit / sum(p.values()), hit / sum(g.values())
    return pr, rc, (2 * pr * rc / (pr + rc) if hit else 0.0)


def score(pred: dict, gold: dict) -> Score:
    """Return the scores of one prediction (title, body, reporters, published_at) against gold."""
    pr, rc, f = token_prf(pred.get("body") or "", gold.get("body") or "")
    title_ok = None if not gold.get("title") else _ws(pred.get("title")) == _ws(gold["title"])
    rep_ok = sorted(map(_ws, pred.get("reporters") or [])) == sorted(map(_ws, gold.get("reporters") or []))
    gd, pd = (gold.get("published_at") or "")[:10], (pred.get("published_at") or "")[:10]
    return Score(pr, rc, f, title_ok, rep_ok, None if not gd else gd == pd)


def read_page(path: Path) -> str:
    """Return a page file's text in whatever encoding it was saved (UTF-8, UTF-16, CP949 ...), as ingest reads it."""
    from transforms.ingest import decode_bytes

    decoded = decode_bytes(path.read_bytes())
    return "" if decoded.reason else decoded.text


def load_pages(pages_dir: Path, gold_dir: Path) -> list[Page]:
    """Return the pages of a folder that have a gold label (page NAME.txt|.html, gold NAME.json)."""
    out = []
    if not pages_dir.is_dir() or not gold_dir.is_dir():
        return out
    for path in sorted(pages_dir.iterdir()):
        if path.suffix not in (".txt", ".html"):
            continue
        gold_path = gold_dir / f"{path.stem}.json"
        if gold_path.is_file():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            out.append(Page(path.stem, read_page(path), path.suffix[1:], gold))
    return out


def corpus(pages_dir: Path | None = None, gold_dir: Path | None = None, seeds: bool = True) -> list[Page]:
    """Return the golden corpus pages, plus the five seeds when the shared gold labels exist."""
    pages = load_pages(pages_dir or EVAL_DIR / "pages", gold_dir or EVAL_DIR / "gold")
    seed_gold = shared_dir() / "gold" / "seeds"
    if seeds and seed_gold.is_dir():
        pages += [Page("seed:" + p.name, p.content, p.kind, p.gold) for p in load_pages(SEEDS_DIR, seed_gold)]
    return pages


def run_ours(page: Page) -> dict:
    """Return our cleaner's prediction for a page."""
    from transforms.clean import clean_html, clean_text, load_lexicon

    art = (clean_html if page.kind == "html" else clean_text)(page.content, load_lexicon())
    return {"title": art.title, "body": art.body, "reporters": art.reporters, "published_at": art.published_at,
            "publisher": art.publisher, "subtitles": art.subtitles, "reporter_emails": art.reporter_emails}


def lines_as_html(text: str) -> str:
    """Return the page's lines as `<p>` paragraphs of an HTML document (how text pages are fed to HTML tools)."""
    paras = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><head><meta charset='utf-8'></head><body>{paras}</body></html>"


def run_trafilatura(page: Page) -> dict:
    """Return trafilatura's prediction for a page (text pages fed as `<p>` lines)."""
    import trafilatura

    doc = page.content if page.kind == "html" else lines_as_html(page.content)
    res = trafilatura.bare_extraction(doc, with_metadata=True, include_comments=False, include_tables=True)
    if res is None:
        return {"title": None, "body": "", "reporters": [], "published_at": None}
    get = (lambda k: getattr(res, k, None)) if not isinstance(res, dict) else res.get
    author = get("author") or ""
    return {"title": get("title"), "body": get("text") or "", "published_at": get("date"),
            "reporters": [a.strip() for a in re.split(r"[;,]", author) if a.strip()]}


def evaluate(pages: list[Page], system) -> tuple[list[Score], float]:
    """Return per-page scores of one system and its throughput in MB/s."""
    preds, t0 = [], time.process_time()
    for page in pages:
        preds.append(system(page))
    elapsed = time.process_time() - t0
    size = sum(len(p.content.encode("utf-8")) for p in pages)
    return [score(pred, page.gold) for pred, page in zip(preds, pages)], size / 1e6 / max(elapsed, 1e-9)


def summary(scores: list[Score]) -> dict:
    """Return the mean token P/R/F1, the lowest page F1 and the title/reporter/date accuracies."""
    n = max(len(scores), 1)

    def acc(attr):
        known = [getattr(s, attr) for s in scores if getattr(s, attr) is not None]
        return (sum(known) / len(known)) if known else 1.0

    return {
        "pages": len(scores),
        "token_precision": sum(s.precision for s in scores) / n,
        "token_recall": sum(s.recall for s in scores) / n,
        "token_f1_mean": sum(s.f1 for s in scores) / n,
        "token_f1_min": min((s.f1 for s in scores), default=0.0),
        "title_accuracy": acc("title_ok"),
        "reporter_accuracy": acc("reporters_ok"),
        "date_accuracy": acc("date_ok"),
    }


def _mark(ok: bool | None) -> str:
    """Return a one-character rendering of a match flag."""
    return "-" if ok is None else ("Y" if ok else "n")


def main(argv: list[str] | None = None) -> int:
    """Print per-page and mean scores of our cleaner next to trafilatura's; return the exit code."""
    ap = argparse.ArgumentParser(prog="python -m newsetl.eval_clean", description=__doc__)
    ap.add_argument("--pages", type=Path, help="folder of pages (default tests/eval/pages)")
    ap.add_argument("--gold", type=Path, help="folder of gold labels (default tests/eval/gold)")
    ap.add_argument("--no-seeds", action="store_true", help="leave out the five seeds")
    ap.add_argument("--no-trafilatura", action="store_true", help="score only our cleaner")
    args = ap.parse_args(argv)
    pages = corpus(args.pages, args.gold, seeds=not args.no_seeds)
    if not pages:
        print("no labelled pages found", file=sys.stderr)
        return 2
    ours, ours_mbs = evaluate(pages, run_ours)
    # Throughput in CPU time (a busy machine does not skew it), repeated over ~2 MB so it is not noise.
    # Each repetition starts with the line cache empty, as a first sight of these pages would.
    from transforms.clean import load_lexicon

    line_cache = load_lexicon().line_cache
    size = sum(len(p.content.encode()) for p in pages)
    reps = max(1, int(2e6 // max(1, size)))
    elapsed = 0.0
    for _ in range(reps):
        line_cache.clear()
        t0 = time.process_time()
        for page in pages:
            run_ours(page)
        elapsed += time.process_time() - t0
    ours_mbs = reps * size / 1e6 / max(elapsed, 1e-9)
    theirs, theirs_mbs = None, 0.0
    if not args.no_trafilatura:
        run_trafilatura(pages[0])  # import and warm-up outside the timing
        theirs, theirs_mbs = evaluate(pages, run_trafilatura)
    print(f"{'page':<40} {'ours P/R/F1':>20} T R D   {'trafilatura P/R/F1':>20} T R D")
    for i, page in enumerate(pages):
        o = ours[i]
        row = f"{page.name[:40]:<40} {o.precision:6.3f}{o.recall:7.3f}{o.f1:7.3f} {_mark(o.title_ok)} {_mark(o.reporters_ok)} {_mark(o.date_ok)}"
        if theirs:
            t = theirs[i]
            row += f"   {t.precision:6.3f}{t.recall:7.3f}{t.f1:7.3f} {_mark(t.title_ok)} {_mark(t.reporters_ok)} {_mark(t.date_ok)}"
        print(row)
    groups = [("all", range(len(pages))), ("seeds", [i for i, p in enumerate(pages) if p.name.startswith("seed:")]),
              ("corpus", [i for i, p in enumerate(pages) if not p.name.startswith("seed:")])]
    print()
    for label, idx in groups:
        idx = list(idx)
        if not idx:
            continue
        for system, scores, mbs in (("ours", ours, ours_mbs), ("trafilatura", theirs, theirs_mbs)):
            if scores is None:
                continue
            s = summary([scores[i] for i in idx])
            print(f"{label:<7}{system:<12} pages={s['pages']:<3} P={s['token_precision']:.3f} R={s['token_recall']:.3f} "
                  f"F1={s['token_f1_mean']:.3f} minF1={s['token_f1_min']:.3f} title={s['title_accuracy']:.2f} "
                  f"reporters={s['reporter_accuracy']:.2f} date={s['date_accuracy']:.2f} MB/s={mbs:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
