"""`python -m newsetl.eval_ner`: entity-level P/R/F1 and chars/s on the NER model's own held-out KLUE sentences."""
from __future__ import annotations

import sys
import time

from transforms.ner.train import HELDOUT_RULE, default_data_path, evaluate, format_scores, is_heldout, load_klue


def main() -> int:
    """Print held-out scores (exact span and type; MONEY and PERCENT count as QT); return an exit code."""
    path = default_data_path()
    if not path.exists():
        print(f"skipped: {path} not found (the shared KLUE data is absent; set NEWSETL_SHARED)")
        return 0
    from transforms.ner import EntityExtractor

    heldout = [s for s in load_klue(path) if is_heldout(s[0])]
    t0 = time.perf_counter()
    extractor = EntityExtractor()
    build_s = time.perf_counter() - t0
    all_scores, news_scores, cps = evaluate(extractor, heldout)
    chars = sum(len(t) for _, t, _ in heldout)
    print(f"model {extractor.model_version}; held out: {len(heldout)} sentences ({HELDOUT_RULE})")
    print(f"all held-out sentences:\n{format_scores(all_scores)}")
    print(f"news sentences only:\n{format_scores(news_scores)}")
    print(f"chars/s {cps:.0f} (extractor build {build_s:.1f}s excluded; {chars / (chars / cps + build_s):.0f} with it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
