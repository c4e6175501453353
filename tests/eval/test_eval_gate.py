"""The cleaning quality gate: golden-corpus scores must stay at or above the floors in baseline.json."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsetl.eval_clean import EVAL_DIR, corpus, load_pages, read_page, run_ours, score, summary
from newsetl.settings import SEEDS_DIR, shared_dir

BASELINE = json.loads((Path(__file__).with_name("baseline.json")).read_text(encoding="utf-8"))
METRICS = ("token_f1_mean", "token_f1_min", "title_accuracy", "reporter_accuracy", "date_accuracy")


def _summary(pages) -> dict:
    """Return our cleaner's summary scores on the pages."""
    return summary([score(run_ours(page), page.gold) for page in pages])


@pytest.fixture(scope="module")
def corpus_scores() -> dict:
    """Scores on the repository's golden corpus (tests/eval/pages + gold)."""
    pages = corpus(seeds=False)
    return {"pages": len(pages), **_summary(pages)}


def test_corpus_has_its_pages(corpus_scores):
    assert corpus_scores["pages"] >= BASELINE["corpus"]["min_pages"]


@pytest.mark.parametrize("metric", METRICS)
def test_corpus_floor(corpus_scores, metric):
    assert corpus_scores[metric] >= BASELINE["corpus"][metric], f"{metric} fell below its pinned floor"


def test_every_page_has_gold_and_gold_has_a_page():
    pages = {p.stem for p in (EVAL_DIR / "pages").iterdir() if p.suffix in (".txt", ".html")}
    golds = {p.stem for p in (EVAL_DIR / "gold").glob("*.json")}
    assert pages == golds


@pytest.mark.parametrize("path", sorted((EVAL_DIR / "gold").glob("*.json")), ids=lambda p: p.stem)
def test_gold_titles_are_printed_on_the_page(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    page = read_page(next((EVAL_DIR / "pages").glob(f"{path.stem}.*")))
    assert set(gold) >= {"publisher", "title", "subtitles", "reporters", "reporter_emails", "published_at", "body"}
    assert not gold["title"] or gold["title"] in page or "<" in page


@pytest.mark.shared
@pytest.mark.parametrize("metric", METRICS)
def test_seed_floor(metric):
    gold_dir = shared_dir() / "gold" / "seeds"
    if not gold_dir.is_dir():
        pytest.skip(f"shared gold labels not present at {gold_dir}")
    scores = _summary(load_pages(SEEDS_DIR, gold_dir))
    assert scores[metric] >= BASELINE["seeds"][metric], f"seed {metric} fell below its pinned floor"
