"""The `vn-minutes` command: extract records, show them as HTML, evaluate them against gold."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import click

from vn_minutes import batch as batch_run
from vn_minutes.articles import Article, read_articles
from vn_minutes.evaluate import evaluate as evaluate_records
from vn_minutes.evaluate import load_gold, load_predictions
from vn_minutes.pipeline import extract_article
from vn_minutes.record import ArticleRecord, ErrorRecord

EXIT_ARTICLE_ERRORS = 3
EXIT_INTERRUPTED = 130

ONLY_GOLD = click.option(
    "--only",
    "gold_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Only the articles that have a gold record in this folder.",
)


def only_gold(articles: Iterable[Article], gold_dir: Path | None) -> Iterable[Article]:
    """The articles that have a gold record in `gold_dir` (all of them when it is None)."""
    if gold_dir is None:
        return articles
    wanted = set(load_gold(gold_dir))
    return (article for article in articles if article.id in wanted)


@click.group()
@click.version_option(package_name="vn_minutes")
def main() -> None:
    """Structured records from Vietnamese reports of government and Party meetings."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="JSONL file."
)
@ONLY_GOLD
@click.option("--id", "article_id", help="Id of the record, for a single .txt input.")
def extract(
    paths: tuple[Path, ...], output: TextIO, gold_dir: Path | None, article_id: str | None
) -> None:
    """Extract one JSON record per article from PATHS (.txt files, folders, .jsonl files).

    An article that cannot be read or processed gives an error record
    `{"id", "error": {"type", "message"}}`; the exit status is 3 when any did.
    """
    errors = 0
    articles = read_articles(paths)
    if article_id is not None:
        articles = (replace(article, id=article_id) for article in articles)
    for article in only_gold(articles, gold_dir):
        record = extract_article(article)
        errors += isinstance(record, ErrorRecord)
        output.write(json.dumps(record.model_dump(mode="json"), ensure_ascii=False) + "\n")
    if errors:
        click.echo(f"{errors} article(s) gave error records", err=True)
        sys.exit(EXIT_ARTICLE_ERRORS)


@main.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("predictions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(gold_dir: Path, predictions: Path, as_json: bool) -> None:
    """Print precision / recall / F1 per field of PREDICTIONS (JSONL) against GOLD_DIR."""
    report = evaluate_records(load_gold(gold_dir), load_predictions(predictions))
    click.echo(json.dumps(report.as_dict(), indent=1) if as_json else report.format())


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, help="A .jsonl file, a .duckdb file or a folder.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(batch_run.FORMATS),
    help="Output format (default: from OUTPUT: .duckdb/.db, .parquet or a folder, else jsonl).",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [all cores].")
@click.option("--resume", is_flag=True, help="Skip the articles already in OUTPUT.")
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=batch_run.DEFAULT_MAX_CHARS,
    show_default=True,
    help="Longer articles give a TooLarge error record.",
)
@click.option(
    "--timeout",
    type=float,
    default=batch_run.DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds per article before a Timeout error record (0: none).",
)
@click.option("--no-progress", is_flag=True, help="No progress bar.")
def batch(
    paths: tuple[Path, ...],
    output: str,
    fmt: str | None,
    jobs: int | None,
    resume: bool,
    max_chars: int,
    timeout: float,
    no_progress: bool,
) -> None:
    """Extract records from an archive of articles, in parallel, into OUTPUT.

    PATHS are .txt, .jsonl and .jsonl.gz files, .zip / .tar.gz archives of them, and folders.
    Every input article gives exactly one output record or error record, in input order.
    Outputs: JSONL (one line per article), Parquet (a folder with one dataset per table) or
    DuckDB (one table per record type); tables are keyed by article_id. The exit status is 3
    when any article gave an error record, 130 when interrupted (run again with --resume).
    """
    limits = batch_run.Limits(max_chars=max_chars, timeout=timeout)
    try:
        summary = batch_run.run_batch(
            paths,
            output,
            fmt=fmt,
            jobs=jobs,
            resume=resume,
            limits=limits,
            progress=not no_progress,
        )
    except batch_run.ResumeMismatch as error:
        raise click.ClickException(str(error)) from error
    except KeyboardInterrupt:
        click.echo("interrupted: run the same command with --resume to finish", err=True)
        sys.exit(EXIT_INTERRUPTED)
    click.echo(summary.format(), err=True)
    if summary.errors:
        sys.exit(EXIT_ARTICLE_ERRORS)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the pages (created if missing).",
)
@ONLY_GOLD
def show(paths: tuple[Path, ...], folder: Path, gold_dir: Path | None) -> None:
    """Write an HTML page per article of PATHS, its extracted spans marked, and an index.html.

    Inputs as for `extract`. The pages are self-contained (no network access); open
    FOLDER/index.html in a browser. The exit status is 3 when any article gave an error.
    """
    from vn_minutes.view import write_pages

    articles = only_gold(read_articles(paths), gold_dir)
    errors = 0

    def records() -> Iterator[tuple[ArticleRecord | ErrorRecord, str]]:
        nonlocal errors
        for article in articles:
            record = extract_article(article)
            errors += isinstance(record, ErrorRecord)
            yield record, article.text

    index = write_pages(records(), folder)
    click.echo(f"wrote {index}", err=True)
    if errors:
        click.echo(f"{errors} article(s) gave error records", err=True)
        sys.exit(EXIT_ARTICLE_ERRORS)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--limit", default=200, show_default=True, help="Rows per list.")
@click.option("--examples", default=3, show_default=True, help="Example contexts per row.")
def abbreviations(paths: tuple[Path, ...], limit: int, examples: int) -> None:
    """List abbreviations defined in the articles of PATHS, and used ones nobody defines.

    Definitions not yet in the lexicon are marked `+`: the queue for growing the lexicon.
    """
    from vn_minutes.abbreviations import format_report, mine

    texts = (article.text for article in read_articles(paths) if article.error is None)
    click.echo(format_report(mine(texts, examples=examples), limit=limit))
