"""The `vn-minutes` command: extract records from articles and evaluate them against gold."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import click

from vn_minutes.articles import read_articles
from vn_minutes.evaluate import evaluate as evaluate_records
from vn_minutes.evaluate import load_gold, load_predictions
from vn_minutes.pipeline import extract_article
from vn_minutes.record import ErrorRecord

EXIT_ARTICLE_ERRORS = 3


@click.group()
@click.version_option(package_name="vn_minutes")
def main() -> None:
    """Structured records from Vietnamese reports of government and Party meetings."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="JSONL file."
)
@click.option(
    "--only",
    "gold_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Only the articles that have a gold record in this folder.",
)
@click.option("--id", "article_id", help="Id of the record, for a single .txt input.")
def extract(
    paths: tuple[Path, ...], output: TextIO, gold_dir: Path | None, article_id: str | None
) -> None:
    """Extract one JSON record per article from PATHS (.txt files, folders, .jsonl files).

    An article that cannot be read or processed gives an error record
    `{"id", "error": {"type", "message"}}`; the exit status is 3 when any did.
    """
    errors = 0
    wanted = set(load_gold(gold_dir)) if gold_dir else None
    articles = read_articles(paths)
    if article_id is not None:
        articles = (replace(article, id=article_id) for article in articles)
    for article in articles:
        if wanted is not None and article.id not in wanted:
            continue
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
