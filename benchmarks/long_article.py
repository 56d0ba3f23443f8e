"""Time per stage on one long article of growing size, against underthesea on the same text.

    .venv/bin/python benchmarks/long_article.py [--corpus ../shared/corpus/news.jsonl]
        [--sizes 0.5 1 2]

The article is corpus news articles concatenated to each size in MB. Prints, per size:
seconds per stage of the default pipeline, the total, underthesea `word_tokenize`
on the same text, and their ratio. A stage whose time grows faster than the size (compare the
rows) is not linear; the unit tests check the long-article results, this checks the time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from throughput import stage_times  # benchmarks/ is on sys.path when run as a script

from vn_minutes.articles import Article, read_articles

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news.jsonl"


def long_text(corpus: Path, megabytes: float) -> str:
    """Corpus articles joined by blank lines until the text reaches `megabytes` (UTF-8)."""
    wanted, parts, size = megabytes * 1e6, [], 0
    while size < wanted:
        for article in read_articles([corpus]):
            parts.append(article.text)
            size += len(article.text.encode("utf-8")) + 2
            if size >= wanted:
                break
    return "\n\n".join(parts)


def stage_seconds(text: str) -> dict[str, float]:
    """Seconds spent in each stage of the default pipeline on `text` (throughput's timer)."""
    milliseconds = stage_times([Article(id="long", text=text)])
    return {name: spent / 1000 for name, spent in milliseconds.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1.0, 2.0])
    args = parser.parse_args()

    from underthesea import word_tokenize

    word_tokenize("Khởi động mô hình.")  # load the model before timing
    stage_seconds("Hội nghị sơ kết.")
    for megabytes in args.sizes:
        text = long_text(args.corpus, megabytes)
        spent = stage_seconds(text)
        started = time.perf_counter()
        word_tokenize(text)
        baseline = time.perf_counter() - started
        total = sum(spent.values())
        stages = "  ".join(f"{name} {seconds:.2f}" for name, seconds in spent.items())
        print(f"{megabytes:4.1f} MB  {stages}")
        print(
            f"        pipeline {total:.2f} s, underthesea word_tokenize {baseline:.2f} s, "
            f"ratio {total / baseline:.2f}"
        )


if __name__ == "__main__":
    main()
