"""Records as tables: one table per record type, each row keyed by `article_id`.

The same tables back `to_frames` (pandas), the Parquet and DuckDB batch outputs and the Dask
path, so an analyst gets identical columns whichever way the records were produced:

    articles      one row per processed article (its scalar fields: published, title, author)
    abbreviations, dates, people, percentages, ratios, shortcomings
                  one row per item of that list field of the record
    roles         one row per (person, role)
    errors        one row per article that gave an error record (type, message)

Columns follow the pydantic models of `vn_minutes.record`, so a field added there appears here
without a change. pyarrow and pandas are imported only when a table is built.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterable
from functools import cache
from typing import Any

from pydantic import BaseModel

from vn_minutes.record import ArticleRecord, ErrorRecord

KEY = "article_id"
ERRORS = "errors"
ROLES = "roles"


@cache
def list_fields() -> dict[str, type[BaseModel]]:
    """The list fields of `ArticleRecord` and their item model: each becomes a table."""
    tables = {}
    for name, info in ArticleRecord.model_fields.items():
        if typing.get_origin(info.annotation) is list:
            (item,) = typing.get_args(info.annotation)
            tables[name] = item
    return tables


def table_names() -> list[str]:
    """Every table, in a stable order: articles, the list fields, roles, errors."""
    return ["articles", *list_fields(), ROLES, ERRORS]


def _arrow_type(annotation: Any) -> Any:
    """The pyarrow type of a pydantic field annotation (Optional unwrapped; unknown -> string)."""
    import pyarrow as pa

    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _arrow_type(args[0])
    if origin is typing.Literal:
        return pa.string()
    if origin is list:
        return pa.list_(_arrow_type(args[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(
            [(n, _arrow_type(f.annotation)) for n, f in annotation.model_fields.items()]
        )
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if annotation in simple:
        return simple[annotation]
    if annotation is dt.date:
        return pa.date32()
    return pa.string()


@cache
def schemas() -> dict[str, Any]:
    """The pyarrow schema of every table."""
    import pyarrow as pa

    scalar = {
        n: f.annotation
        for n, f in ArticleRecord.model_fields.items()
        if n != "id" and n not in list_fields()
    }
    result = {"articles": pa.schema([(KEY, pa.string())] + _fields(scalar))}
    for name, model in list_fields().items():
        columns = {n: f.annotation for n, f in model.model_fields.items()}
        result[name] = pa.schema([(KEY, pa.string())] + _fields(columns))
    result[ROLES] = pa.schema([(KEY, pa.string()), ("name", pa.string()), ("role", pa.string())])
    result[ERRORS] = pa.schema(
        [(KEY, pa.string()), ("type", pa.string()), ("message", pa.string())]
    )
    return result


def _fields(columns: dict[str, Any]) -> list[tuple[str, Any]]:
    """`(name, arrow type)` pairs for model fields."""
    return [(name, _arrow_type(annotation)) for name, annotation in columns.items()]


def as_dict(record: ArticleRecord | ErrorRecord | dict) -> dict:
    """A record as its JSON-mode dict (what the JSONL output holds)."""
    return record if isinstance(record, dict) else record.model_dump(mode="json")


def record_rows(record: ArticleRecord | ErrorRecord | dict) -> dict[str, list[dict]]:
    """The rows one record contributes to each table (tables it has no rows for are absent)."""
    record = as_dict(record)
    key = record.get("id")
    if "error" in record:
        return {ERRORS: [{KEY: key, **record["error"]}]}
    lists = list_fields()
    rows: dict[str, list[dict]] = {
        "articles": [
            {KEY: key, **{k: v for k, v in record.items() if k != "id" and k not in lists}}
        ]
    }
    for name in lists:
        items = record.get(name) or []
        if items:
            rows[name] = [{KEY: key, **item} for item in items]
    people = record.get("people") or []
    roles = [{KEY: key, "name": p["name"], "role": r} for p in people for r in p.get("roles", [])]
    if roles:
        rows[ROLES] = roles
    return rows


def rows_to_table(name: str, rows: list[dict]) -> Any:
    """A pyarrow table of `rows` with the schema of table `name` (ISO dates become dates)."""
    import pyarrow as pa

    schema = schemas()[name]
    date_columns = [f.name for f in schema if pa.types.is_date(f.type)]
    for row in rows:
        for column in date_columns:
            if isinstance(row.get(column), str):
                row[column] = dt.date.fromisoformat(row[column])
    return pa.Table.from_pylist(rows, schema=schema)


def to_tables(records: Iterable[ArticleRecord | ErrorRecord | dict]) -> dict[str, Any]:
    """Every table (pyarrow) of some records; tables without rows are empty, not missing."""
    rows: dict[str, list[dict]] = {name: [] for name in table_names()}
    for record in records:
        for name, table_rows in record_rows(record).items():
            rows[name].extend(table_rows)
    return {name: rows_to_table(name, rows[name]) for name in table_names()}


def to_frames(records: Iterable[ArticleRecord | ErrorRecord | dict]) -> dict[str, Any]:
    """Records (models or their JSON dicts) as pandas DataFrames, one per table, keyed by
    `article_id`: articles, abbreviations, dates, people, roles, percentages, ratios,
    shortcomings, errors."""
    return {name: table.to_pandas() for name, table in to_tables(records).items()}
