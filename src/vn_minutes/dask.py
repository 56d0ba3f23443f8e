"""The batch pipeline on Dask, for archives spread over a cluster.

    from distributed import Client
    import vn_minutes.dask as vd

    client = Client("tcp://scheduler:8786")          # or LocalCluster() for one machine
    records = vd.records_bag(["s3://bucket/news-2024.jsonl.gz", ...])  # paths the workers see
    tables = vd.to_dataframes(records)               # dask DataFrames, one per table
    tables["dates"].to_parquet("dates/")             # or .compute() for pandas

Each input file is one partition, read and processed on a worker (the pipeline and its
models load once per worker process), so the records are those of `vn-minutes batch` on the
same files, in the same order, and the tables those of `vn_minutes.to_frames`.
Paths must be readable by the workers (a shared file system, or local paths for a
LocalCluster).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vn_minutes.articles import read_articles
from vn_minutes.batch import DEFAULT_MAX_CHARS, Limits, limit_size, process_article
from vn_minutes.frames import table_names, to_tables


def file_records(path: str, limits: Limits) -> list[dict]:
    """The record dicts of every article of one input file (what a Dask task computes)."""
    import json

    outcomes = (
        process_article(limit_size(a, limits.max_chars), limits) for a in read_articles([path])
    )
    return [json.loads(line) for _, line in outcomes]


def input_files(paths: Iterable[str | Path]) -> list[str]:
    """The input files of `paths`, folders expanded as `read_articles` does, in its order."""
    from vn_minutes.articles import is_input

    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += [str(c) for c in sorted(path.rglob("*")) if c.is_file() and is_input(c.name)]
        else:
            files.append(str(path))
    return files


def records_bag(
    paths: Iterable[str | Path], *, max_chars: int = DEFAULT_MAX_CHARS, timeout: float = 0
) -> Any:
    """A dask Bag of record dicts (records and error records), one partition per input file.

    `timeout` is 0 by default: Dask runs tasks in threads, where a per-article alarm cannot fire.
    """
    import dask.bag as db

    files = input_files(paths)
    limits = Limits(max_chars=max_chars, timeout=timeout)
    return (
        db.from_sequence(files, npartitions=max(len(files), 1)).map(file_records, limits).flatten()
    )


def _frame(records: list[dict], table: str) -> Any:
    """The pandas frame of one table for one partition of records."""
    return to_tables(records)[table].to_pandas()


def to_dataframe(bag: Any, table: str = "articles") -> Any:
    """One table of a bag of records as a dask DataFrame (same columns as `to_frames`)."""
    import dask
    import dask.dataframe as dd

    if table not in table_names():
        raise ValueError(f"unknown table {table!r}; known: {table_names()}")
    parts = [dask.delayed(_frame)(part, table) for part in bag.to_delayed()]
    with dask.config.set({"dataframe.convert-string": False}):  # keep to_frames' dtypes
        return dd.from_delayed(parts, meta=_frame([], table), verify_meta=False)


def to_dataframes(bag: Any) -> dict[str, Any]:
    """Every table of a bag of records as dask DataFrames, keyed by table name."""
    return {table: to_dataframe(bag, table) for table in table_names()}
