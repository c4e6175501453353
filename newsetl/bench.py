"""`make bench`: the whole flow over N synthetic pages against bare Kiwi on the same paragraphs, in one run."""
from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from newsetl import quiet

KLUE_RAW = Path("data/klue-raw/klue-ner-v1.1-train-raw-sentences.tsv")
KIWI_SAMPLE_PAGES = 2000
MB = 1_000_000  # figures are in decimal megabytes


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of `python -m newsetl.bench`."""
    p = argparse.ArgumentParser(prog="python -m newsetl.bench", description=__doc__)
    p.add_argument("--pages", type=int, default=2000, metavar="N", help="synthetic pages to generate (default 2000)")
    p.add_argument("--home", metavar="DIR", help="output root of the run (default: a fresh temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the generated corpus and the run's output")
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    p.add_argument("--batch-size", type=int, metavar="B", help="documents per batch (default: the settings')")
    p.add_argument("--prefect", action=argparse.BooleanOptionalAction, default=True,
                   help="run through the Prefect flow (default) or call run_pipeline directly")
    p.add_argument("--clean-only", action="store_true",
                   help="only time the cleaner on the golden pages and the sample articles (needs no ../shared)")
    return p


class RssSampler:
    """Samples the resident memory of this process and of its descendants (the Prefect server) in a thread."""

    def __init__(self, interval: float = 0.2):
        import psutil

        self._proc = psutil.Process()
        self._psutil = psutil
        self._interval = interval
        self._stop = threading.Event()
        self.peak_self = self.peak_children = self.peak_tree = 0
        self.phase = "other"  # set by timed_calls while the batches or a warehouse step run
        self.phase_peaks: dict[str, int] = {}
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _sample(self) -> None:
        own = self._proc.memory_info().rss
        children = 0
        for child in self._proc.children(recursive=True):
            try:
                children += child.memory_info().rss
            except self._psutil.Error:
                pass
        self.peak_self = max(self.peak_self, own)
        self.peak_children = max(self.peak_children, children)
        self.peak_tree = max(self.peak_tree, own + children)
        self.phase_peaks[self.phase] = max(self.phase_peaks.get(self.phase, 0), own)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._sample()
            except self._psutil.Error:
                pass
            self._stop.wait(self._interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._sample()


def _make_sampler():
    """Return an RSS sampler, or None when psutil is not installed."""
    try:
        return RssSampler()
    except ImportError:
        return None


@contextmanager
def timed_calls(targets: list[tuple[object, str, str]], seconds: dict, sampler=None):
    """Within the block, add the seconds spent in each module function to seconds[label] (and tell the sampler)."""
    saved = []
    for module, attr, label in targets:
        original = getattr(module, attr)

        @functools.wraps(original)
        def wrapper(*args, _original=original, _label=label, **kwargs):
            t0 = time.perf_counter()
            outer = sampler.phase if sampler else None
            if sampler:
                sampler.phase = _label
            try:
                return _original(*args, **kwargs)
            finally:
                seconds[_label] = seconds.get(_label, 0.0) + time.perf_counter() - t0
                if sampler:
                    sampler.phase = outer

        setattr(module, attr, wrapper)
        saved.append((module, attr, original))
    try:
        yield seconds
    finally:
        for module, attr, original in saved:
            setattr(module, attr, original)


def _maxrss_bytes(who) -> int:
    # Linux reports kilobytes, macOS bytes.
    value = resource.getrusage(who).ru_maxrss
    return value if sys.platform == "darwin" else value * 1024


def run_flow(home: Path, pages_dir: Path, use_prefect: bool, batch_size: int | None,
             sampler=None) -> tuple[dict, float, dict]:
    """Run the whole flow over the pages; return the summary, wall seconds and the warehouse-side seconds."""
    from flows import etl as etl_module
    from newsetl import cli, quality, report, runs, warehouse
    from newsetl.ephemeral import local_api
    from newsetl.settings import Settings

    targets = [(warehouse, "build", "warehouse_build"), (quality, "validate_relations", "validate_warehouse"),
               (quality, "write_results", "validate_warehouse"), (warehouse, "publish", "publish"),
               (report, "build_report", "report"), (runs, "start_run", "run_bookkeeping"),
               (runs, "finish_run", "run_bookkeeping"), (etl_module, "_process_inputs", "batches"),
               (cli, "warm_up", "startup")]
    extra: dict = {}
    with timed_calls(targets, extra, sampler):
        t0 = time.perf_counter()
        if use_prefect:
            if batch_size:
                os.environ["NEWSETL_RUN_BATCH_SIZE"] = str(batch_size)
            settings = Settings.load(home)
            # As `newsetl run` does it: the local API starts while the models load (cli.warm_up is timed).
            with local_api(prepare=lambda: cli.warm_up(settings, [str(pages_dir)])):
                summary = etl_module.etl(sources=[str(pages_dir)], home=str(home))
        else:
            overrides = {"batch_size": batch_size} if batch_size else {}
            summary = etl_module.run_pipeline(Settings.load(home, **overrides), [str(pages_dir)], submit=False)
        wall = time.perf_counter() - t0
    return summary, wall, extra


def bare_kiwi(seeds_dir: Path, paragraphs: list[str]) -> tuple[float, int, str]:
    """Return seconds, token count and a description of tokenizing the paragraphs with the pipeline's own Kiwi."""
    from newsetl.pipeline import load_resources

    extractor = load_resources(str(seeds_dir)).extractor  # built as the flow builds it (which released its own)
    kiwi = getattr(extractor, "_kiwi", None)
    how = "pipeline's Kiwi instance"
    if kiwi is None:  # the tagger changed shape: build one the same way it does
        from transforms.ner.tagger import build_kiwi

        kiwi = build_kiwi(2)
        how = "build_kiwi(2)"
    how += f", num_workers={getattr(kiwi, 'num_workers', '?')}, model_type={getattr(kiwi, 'model_type', '?')}"
    tokens = 0
    t0 = time.perf_counter()
    for result in kiwi.tokenize(paragraphs):
        tokens += len(result)
    return time.perf_counter() - t0, tokens, how


CLEAN_TARGET_MB_S = 2.0  # issue 3: cleaning never slows the pipeline next to Kiwi
CLEAN_REPEATS = 5


def bare_cleaner(paths: list[Path]) -> dict:
    """Return the cleaner's throughput on page files: one process, cold line cache, best of CLEAN_REPEATS passes.

    The line cache (short lines already classified in this process) is emptied before each pass, so
    every pass pays for every distinct line, as a fresh process does; the lexicon is loaded before the
    clock starts, as start-up is not throughput.
    """
    from newsetl.clean_command import is_html
    from transforms import clean
    from transforms.ingest import decode_bytes

    pages = []
    for path in paths:
        decoded = decode_bytes(path.read_bytes())
        if not decoded.reason:
            pages.append((decoded.text, is_html(decoded.text)))
    mb = sum(len(text.encode("utf-8")) for text, _ in pages) / MB
    lexicon = clean.load_lexicon()
    passes = []
    for _ in range(CLEAN_REPEATS):
        lexicon.line_cache.clear()
        t0 = time.perf_counter()
        for text, html in pages:
            clean.clean_html(text, lexicon) if html else clean.clean_text(text, lexicon)
        passes.append(time.perf_counter() - t0)
    best = min(passes)
    return {"pages": len(pages), "mb": mb, "best_s": best, "mb_per_s": mb / best if best else float("nan"),
            "median_mb_per_s": mb / sorted(passes)[len(passes) // 2]}


def golden_pages() -> list[Path]:
    """Return the repository's own page files: the golden corpus under tests/eval and the sample articles."""
    from newsetl.settings import SEEDS_DIR

    root = Path(__file__).resolve().parents[1] / "tests" / "eval" / "pages"
    return sorted(root.glob("*")) + sorted(Path(SEEDS_DIR).glob("*.txt"))


def render_cleaner(figures: dict[str, dict]) -> str:
    """Return the cleaner's lines of the figures table."""
    rows = []
    for name, f in figures.items():
        rows.append((f"clean MB/s, {name}", f"{f['mb_per_s']:.2f} best, {f['median_mb_per_s']:.2f} median  "
                                            f"({f['pages']:,} pages, {f['mb']:.2f} MB; one process, cold line cache; "
                                            f"target ≥ {CLEAN_TARGET_MB_S:.1f})"))
    return _fmt_table(rows)


def output_figures(home: Path) -> dict:
    """Return figures read back from the run's output: cleaned body bytes in the lake, quarantine reasons."""
    import duckdb

    out: dict = {}
    con = duckdb.connect()
    try:
        docs = home / "lake" / "documents"
        if any(docs.glob("*/*.parquet")):
            out["clean_body_bytes"] = con.execute(
                "select coalesce(sum(strlen(body)), 0) from read_parquet(?)", [str(docs / "*" / "*.parquet")]).fetchone()[0]
        quarantine = home / "lake" / "quarantine"
        if any(quarantine.glob("*/*.parquet")):
            out["quarantine_reasons"] = dict(con.execute(
                "select reason, count(*) from read_parquet(?) group by reason order by 2 desc",
                [str(quarantine / "*" / "*.parquet")]).fetchall())
    except duckdb.Error as exc:
        out["error"] = str(exc).splitlines()[0]
    finally:
        con.close()
    return out


def _fmt_table(rows: list[tuple[str, str]]) -> str:
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"  {k.ljust(width)}  {v}" if k else "" for k, v in rows)


def render(fig: dict) -> str:
    """Return the human table of the figures."""
    c = fig["counts"]
    rows = [
        ("pages", f"{fig['pages']:,}  (html {fig['corpus']['formats'].get('html', 0)}, "
                  + ", ".join(f"{k} {v}" for k, v in sorted(fig['corpus']['encodings'].items())) + ")"),
        ("raw MB", f"{fig['raw_mb']:.2f}"),
        ("body MB", f"{fig['body_mb']:.2f}  (generated paragraphs; cleaned bodies in the warehouse: "
                    f"{fig.get('clean_body_mb', float('nan')):.2f})"),
        ("", ""),
        ("flow", "Prefect flow `etl`" if fig["prefect"] else "run_pipeline(submit=False)"),
        ("wall s", f"{fig['wall_s']:.1f}"),
        ("pages/s", f"{fig['pages_per_s']:.1f}"),
        ("body MB/s", f"{fig['body_mb_per_s']:.3f}"),
        ("raw MB/s", f"{fig['raw_mb_per_s']:.3f}"),
        ("", ""),
    ]
    for name, secs in fig["stages_s"].items():
        rows.append((f"  {name}", f"{secs:7.1f} s  {100 * secs / fig['wall_s']:5.1f} %"))
    rows += [
        ("", ""),
        ("peak RSS", f"main {fig['rss']['main_peak_mb']:.0f} MB (ru_maxrss at flow end), "
                     f"children {fig['rss']['children_ru_maxrss_mb']:.0f} MB (ru_maxrss of reaped children)"),
    ]
    if fig["rss"].get("sampled"):
        s = fig["rss"]["sampled"]
        rows.append(("  sampled", f"main {s['main_mb']:.0f} MB, children {s['children_mb']:.0f} MB, "
                                 f"tree {s['tree_mb']:.0f} MB (psutil, every 0.2 s)"))
        rows.append(("  main by phase", ", ".join(f"{k} {v:.0f}" for k, v in s["main_by_phase_mb"].items()) + " MB"))
    k = fig["kiwi"]
    rows += [
        ("", ""),
        ("bare Kiwi", f"{k['pages']:,} pages, {k['paragraphs']:,} paragraphs, {k['body_mb']:.2f} MB in {k['seconds']:.1f} s"
                      f"  ({k['how']})"),
        ("Kiwi MB/s", f"{k['mb_per_s']:.3f}  ({k['pages_per_s']:.1f} pages/s)"),
        ("ratio", f"{fig['ratio']:.2f}  flow body MB/s ÷ Kiwi MB/s (target ≥ 0.80)"),
        ("  batches only", f"{fig['ratio_batches_only']:.2f}  (body MB ÷ batch-stage seconds, i.e. without "
                           "orchestration and warehouse)"),
        ("", ""),
        ("status", f"{fig['status']}" + (f"  ({fig['message']})" if fig.get("message") else "")),
    ]
    rows += [("  blocking", failure) for failure in fig.get("blocking_failures", [])]
    rows += [
        ("documents", f"{c.get('inputs_new', 0):,} processed into the lake, {c.get('documents', 0):,} published"),
        ("mentions", f"{c.get('mentions_extracted', 0):,} extracted, {c.get('mentions', 0):,} published"),
        ("quarantined", f"{c.get('inputs_quarantined', 0):,}  {fig.get('quarantine_reasons') or ''}"),
        ("duplicates", f"{c.get('inputs_duplicate', 0):,}"),
    ]
    return _fmt_table(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit code (0 also when skipped for lack of shared data)."""
    args = build_parser().parse_args(argv)
    quiet.configure()
    from newsetl.settings import Settings, shared_dir

    if args.clean_only:
        print(render_cleaner({"golden pages": bare_cleaner(golden_pages())}))
        return 0
    source = shared_dir() / KLUE_RAW
    if not source.is_file():
        print(f"skipped: {source} not found (the benchmark needs ../shared or $NEWSETL_SHARED)")
        return 0
    if args.pages < 1:
        print("error: --pages must be at least 1", file=sys.stderr)
        return 2
    if args.home and Path(args.home).exists() and any(Path(args.home).iterdir()):
        print(f"error: --home {args.home} is not empty; the benchmark needs a fresh output root", file=sys.stderr)
        return 2

    from newsetl import benchcorpus

    work = Path(tempfile.mkdtemp(prefix="newsetl-bench-"))
    corpus_dir = work / "corpus"
    home = Path(args.home).resolve() if args.home else work / "home"
    home.mkdir(parents=True, exist_ok=True)
    try:
        sentences = benchcorpus.read_news_sentences(source)
        t0 = time.perf_counter()
        stats = benchcorpus.write_corpus(corpus_dir, sentences, args.pages, args.seed)
        del sentences
        print(f"corpus: {stats.pages:,} pages, {stats.raw_bytes / MB:.1f} MB raw, {stats.body_bytes / MB:.1f} MB body "
              f"in {corpus_dir} ({time.perf_counter() - t0:.1f} s)", flush=True)

        # Import the flow (and Prefect) before the clock starts: import time is not throughput.
        import flows.etl  # noqa: F401

        load_before = os.getloadavg()[0]
        print(f"running the flow ({'Prefect' if args.prefect else 'no Prefect'}) into {home} ...", flush=True)
        sampler = _make_sampler()
        if sampler:
            with sampler:
                summary, wall, extra = run_flow(home, corpus_dir / "pages", args.prefect, args.batch_size, sampler)
        else:
            summary, wall, extra = run_flow(home, corpus_dir / "pages", args.prefect, args.batch_size)
        main_peak = _maxrss_bytes(resource.RUSAGE_SELF)
        children_peak = _maxrss_bytes(resource.RUSAGE_CHILDREN)
        if summary.get("status") not in ("succeeded", "failed"):
            print(f"error: the run did not complete: {summary.get('message')}", file=sys.stderr)
        settings = Settings.load(home)

        sample_pages = min(args.pages, KIWI_SAMPLE_PAGES)
        paragraphs, sampled = benchcorpus.read_manifest_paragraphs(corpus_dir / "manifest.jsonl", sample_pages)
        kiwi_bytes = len("\n".join(paragraphs).encode("utf-8"))
        print(f"bare Kiwi over {len(paragraphs):,} paragraphs of {sampled:,} pages ...", flush=True)
        kiwi_s, kiwi_tokens, how = bare_kiwi(settings.seeds_dir, paragraphs)
        kiwi_paragraphs = len(paragraphs)
        del paragraphs
        print("bare cleaner over the synthetic pages and the golden pages ...", flush=True)
        cleaner = {"synthetic pages": bare_cleaner([p for p in sorted((corpus_dir / "pages").rglob("*")) if p.is_file()][:KIWI_SAMPLE_PAGES]),
                   "golden pages": bare_cleaner(golden_pages())}

        stage = dict(summary.get("stage_seconds") or {})
        stages = {name: stage.get(name, 0.0) for name in
                  ("load_models", "read_decode", "validate_raw", "clean", "extract", "write_lake")}
        stages.update({k: v for k, v in stage.items() if k not in stages})
        batch_s = sum(stages.values())
        for name in ("startup", "warehouse_build", "validate_warehouse", "publish", "report", "run_bookkeeping"):
            stages[name] = extra.get(name, 0.0)
        stages["orchestration+other"] = max(0.0, wall - sum(stages.values()))

        kiwi_mbps = kiwi_bytes / MB / kiwi_s if kiwi_s else float("nan")
        body_mbps = stats.body_bytes / MB / wall
        fig = {
            "pages": stats.pages, "seed": args.seed, "prefect": args.prefect,
            "batch_size": args.batch_size or settings.batch_size,
            "corpus": {"encodings": dict(stats.encodings), "formats": dict(stats.formats),
                       "layouts": dict(stats.layouts), "paragraphs": stats.paragraphs},
            "raw_mb": stats.raw_bytes / MB, "body_mb": stats.body_bytes / MB,
            "wall_s": wall, "pages_per_s": stats.pages / wall, "body_mb_per_s": body_mbps,
            "raw_mb_per_s": stats.raw_bytes / MB / wall,
            "stages_s": stages,
            "rss": {"main_peak_mb": main_peak / MB, "children_ru_maxrss_mb": children_peak / MB},
            "kiwi": {"pages": sampled, "paragraphs": kiwi_paragraphs,
                     "body_mb": kiwi_bytes / MB, "seconds": kiwi_s, "tokens": kiwi_tokens,
                     "mb_per_s": kiwi_mbps, "pages_per_s": sampled / kiwi_s if kiwi_s else float("nan"),
                     "how": how},
            "cleaner": cleaner,
            "ratio": body_mbps / kiwi_mbps,
            "ratio_batches_only": (stats.body_bytes / MB / batch_s) / kiwi_mbps if batch_s else float("nan"),
            "status": summary.get("status"), "message": summary.get("message"),
            "blocking_failures": summary.get("blocking_failures") or [],
            "counts": summary.get("counts") or {},
            "python": sys.version.split()[0], "cpus": os.cpu_count(),
            "load_avg": {"before_flow": load_before, "after_kiwi": os.getloadavg()[0]},
        }
        if sampler:
            fig["rss"]["sampled"] = {"main_mb": sampler.peak_self / MB, "children_mb": sampler.peak_children / MB,
                                     "tree_mb": sampler.peak_tree / MB,
                                     "main_by_phase_mb": {k: v / MB for k, v in sampler.phase_peaks.items()}}
        back = output_figures(home)
        fig["clean_body_mb"] = back.get("clean_body_bytes", 0) / MB
        fig["quarantine_reasons"] = back.get("quarantine_reasons", {})
        out = home / "bench.json"
        out.write_text(json.dumps(fig, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        print()
        print(render(fig))
        print(render_cleaner(cleaner))
        busy = max(fig["load_avg"].values())
        if busy > (os.cpu_count() or 1):
            print(f"\nnote: load average {busy:.1f} on {os.cpu_count()} CPUs: other work shared the machine, "
                  "so the figures are low and noisy")
        print(f"\nfigures: {out}")
        return 0 if summary.get("status") in ("succeeded", "failed") else 2
    finally:
        if args.keep:
            print(f"kept: corpus {corpus_dir}, home {home}")
        else:
            shutil.rmtree(corpus_dir, ignore_errors=True)
            if args.home:
                shutil.rmtree(work, ignore_errors=True)
            else:  # a temporary home: keep only bench.json
                for child in home.iterdir():
                    if child.name != "bench.json":
                        shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink()


if __name__ == "__main__":
    sys.exit(main())
