"""Throughput of the full pipeline against underthesea on the same articles, in one run.

    .venv/bin/python benchmarks/throughput.py [--corpus ../shared/corpus/news.jsonl]
        [--sample 500] [--ner-sample 20] [--repeats 3] [--profile 15]

Prints, per core: articles/s and MB/s for the full pipeline and underthesea `word_tokenize`
alone (warm, best of `--repeats` alternating passes) and underthesea `ner` (slow: on the
first `--ner-sample` articles only); their ratios; the speed-up of 2 worker processes over 1
(models loaded before timing); the peak memory (max RSS) of a worker; the time per stage;
and the functions where the time goes (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from vn_minutes.articles import Article, read_articles
from vn_minutes.batch import Limits, PoolRunner, batched, init_worker_in_process, process_chunk
from vn_minutes.document import Document
from vn_minutes.pipeline import default_pipeline

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news.jsonl"


def rate(articles: list[Article], run: Callable[[Article], object]) -> tuple[float, float]:
    """(articles/s, MB/s) of `run` over the articles, in this process."""
    size = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    started = time.perf_counter()
    for article in articles:
        run(article)
    seconds = time.perf_counter() - started
    return len(articles) / seconds, size / seconds


def best_rates(
    articles: list[Article], runs: dict[str, Callable[[Article], object]], repeats: int
) -> dict[str, tuple[float, float]]:
    """The best of `repeats` rates of each run, the runs alternating so that load on the
    machine falls on all of them alike (as `timeit` takes the best of its repeats)."""
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeats):
        for name, run in runs.items():
            measured = rate(articles, run)
            best[name] = max(best.get(name, measured), measured)
    return best


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pool_rate(articles: list[Article], jobs: int) -> tuple[float, list[float]]:
    """Articles/s of `jobs` warm worker processes, and each worker's peak memory (MB)."""
    limits = Limits()
    chunks = list(batched(articles, 8))
    if jobs == 1:
        init_worker_in_process()
        started = time.perf_counter()
        for chunk in chunks:
            process_chunk(chunk, limits)
        return len(articles) / (time.perf_counter() - started), []
    runner = PoolRunner(jobs, limits)
    try:
        warm = [runner.submit(chunks[0][:1]) for _ in range(2 * jobs)]
        for future in warm:
            future.result()
        started = time.perf_counter()
        for _ in runner.map(chunks):
            pass
        seconds = time.perf_counter() - started
        peaks = {runner.pool.submit(worker_peak).result() for _ in range(4 * jobs)}
    finally:
        runner.close()
    return len(articles) / seconds, sorted(mb for _, mb in peaks)


def worker_peak() -> tuple[int, float]:
    """(pid, peak MB) of the worker process running this."""
    import os

    time.sleep(0.05)  # let the other workers take the other calls
    return os.getpid(), peak_rss_mb()


def stage_times(articles: list[Article]) -> dict[str, float]:
    """Milliseconds per article spent in each stage of the default pipeline."""
    spent: dict[str, float] = defaultdict(float)
    for article in articles:
        doc = Document(article.text, published=article.published, doc_id=article.id)
        for name, stage in default_pipeline().stages:
            started = time.perf_counter()
            try:
                doc = stage(doc)
            except Exception:  # noqa: BLE001 (a failing stage is timed, not fatal)
                break
            spent[name] += time.perf_counter() - started
    return {name: 1000 * seconds / len(articles) for name, seconds in spent.items()}


def profile(articles: list[Article], top: int) -> str:
    """The top functions by own time over the pipeline run (cProfile)."""
    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles:
        with_pipeline(article)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def with_pipeline(article: Article) -> object:
    """The full pipeline on one article (errors are results too)."""
    try:
        return default_pipeline()(article.text, published=article.published, doc_id=article.id)
    except Exception as error:  # noqa: BLE001
        return error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sample", type=int, default=None, help="First N articles [all].")
    parser.add_argument("--ner-sample", type=int, default=20, help="Articles for ner [20].")
    parser.add_argument("--pool-sample", type=int, default=400, help="Articles for -j 1/2.")
    parser.add_argument("--profile", type=int, default=15, help="Functions to list [15].")
    parser.add_argument("--repeats", type=int, default=3, help="Timed passes, best kept [3].")
    args = parser.parse_args()

    articles = [a for a in islice(read_articles([args.corpus]), args.sample) if a.text.strip()]
    megabytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    print(f"corpus {args.corpus.name}: {len(articles)} articles, {megabytes:.1f} MB")
    print(f"median article {statistics.median(len(a.text) for a in articles):.0f} characters\n")

    from underthesea import ner, word_tokenize

    word_tokenize("Khởi động mô hình.")
    ner("Khởi động mô hình.")
    for article in articles[:50]:  # fill the lazily loaded lexicons and compiled patterns
        with_pipeline(article)

    rates = best_rates(
        articles,
        {"pipeline": with_pipeline, "tokenize": lambda a: word_tokenize(a.text)},
        args.repeats,
    )
    full, tokenize = rates["pipeline"], rates["tokenize"]
    ner_articles = articles[: args.ner_sample]
    ner_rate = rate(ner_articles, lambda a: ner(a.text))
    ner_full = rate(ner_articles, with_pipeline)

    print(f"one core, models loaded, best of {args.repeats} alternating passes:")
    print(f"  full pipeline          {full[0]:8.1f} articles/s  {full[1]:6.2f} MB/s")
    print(f"  underthesea tokenize   {tokenize[0]:8.1f} articles/s  {tokenize[1]:6.2f} MB/s")
    print(
        f"  underthesea ner        {ner_rate[0]:8.2f} articles/s  {ner_rate[1]:6.3f} MB/s"
        f"  (first {len(ner_articles)} articles only: ner is slow)"
    )
    print(f"  pipeline / tokenize    {full[0] / tokenize[0]:8.2f}x   (target >= 0.8x)")
    print(
        f"  pipeline / ner         {ner_full[0] / ner_rate[0]:8.1f}x   (target >= 50x; same"
        f" {len(ner_articles)} articles)"
    )

    pool_articles = articles[: args.pool_sample]
    one, _ = pool_rate(pool_articles, 1)
    two, peaks = pool_rate(pool_articles, 2)
    print(f"\nworkers on {len(pool_articles)} articles (warm, excluding start-up):")
    print(f"  -j 1 {one:8.1f} articles/s;  -j 2 {two:8.1f} articles/s;  speed-up {two / one:.2f}x")
    print(f"  peak memory per worker (max RSS): {', '.join(f'{mb:.0f} MB' for mb in peaks)}")
    print(f"  (this process, with ner loaded too: {peak_rss_mb():.0f} MB)")

    print("\ntime per stage, ms per article:")
    times = stage_times(articles[: args.pool_sample])
    total = sum(times.values())
    for name, ms in times.items():
        print(f"  {name:14s} {ms:8.2f} ms  {100 * ms / total:5.1f}%")
    print(f"  {'total':14s} {total:8.2f} ms")
    if args.profile:
        print("\nprofile (own time):")
        print(profile(articles[: min(len(articles), 200)], args.profile))
    print(
        json.dumps({"pipeline_per_s": round(full[0], 2), "tokenize_per_s": round(tokenize[0], 2)})
    )


if __name__ == "__main__":
    main()
