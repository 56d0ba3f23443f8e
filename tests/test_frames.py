"""`to_frames`: records as pandas tables, one per record type, each keyed by `article_id`."""

from __future__ import annotations

import datetime as dt

import pytest

import vn_minutes
from vn_minutes.frames import table_names
from vn_minutes.record import (
    Abbreviation,
    ArticleRecord,
    DateMention,
    ErrorInfo,
    ErrorRecord,
    Mention,
    Percentage,
    Person,
    Ratio,
    Shortcoming,
)

RECORD = ArticleRecord(
    id="r1",
    published=dt.date(2024, 5, 6),
    title="Họp sơ kết",
    abbreviations=[
        Abbreviation(short="HĐND", long="Hội đồng nhân dân", mentions=[Mention(start=0, end=4)])
    ],
    dates=[DateMention(text="ngày 6/5", value="2024-05-06", kind="date", start=10, end=18)],
    people=[
        Person(name="Trần Thị Lan", roles=["Phó Chủ tịch", "Trưởng ban"], mentions=[]),
        Person(name="Lê Văn Hùng"),
    ],
    percentages=[Percentage(text="45%", value=45.0, start=30, end=33)],
    ratios=[Ratio(text="12/15 xã", numerator=12, denominator=15, start=40, end=48)],
    shortcomings=[Shortcoming(text="tiến độ còn chậm", start=50, end=66)],
)
FAILED = ErrorRecord(id="r2", error=ErrorInfo(type="EmptyText", message="no text"))


@pytest.fixture(scope="module")
def frames() -> dict:
    return vn_minutes.to_frames([RECORD, FAILED])


@pytest.mark.parametrize(
    ("table", "rows", "columns"),
    [
        ("articles", 1, ["published", "title", "author"]),
        ("abbreviations", 1, ["short", "long", "source", "mentions"]),
        ("dates", 1, ["text", "value", "kind", "start", "end"]),
        ("people", 2, ["name", "honorific", "roles", "mentions"]),
        ("roles", 2, ["name", "role"]),
        ("percentages", 1, ["text", "value", "qualifier", "start", "end"]),
        ("ratios", 1, ["text", "numerator", "denominator", "start", "end"]),
        ("shortcomings", 1, ["text", "topic", "start", "end"]),
        ("errors", 1, ["type", "message"]),
    ],
)
def test_each_table_has_its_rows_and_columns(
    frames: dict, table: str, rows: int, columns: list
) -> None:
    frame = frames[table]
    assert len(frame) == rows
    assert frame.columns[0] == "article_id"
    assert set(columns) <= set(frame.columns)


def test_every_table_is_there(frames: dict) -> None:
    assert list(frames) == table_names()
    assert set(frames) == {
        "articles", "abbreviations", "dates", "people", "roles",
        "percentages", "ratios", "shortcomings", "errors",
    }  # fmt: skip


def test_rows_are_keyed_by_article_id(frames: dict) -> None:
    assert set(frames["dates"].article_id) == {"r1"}
    assert list(frames["errors"].article_id) == ["r2"]
    assert "r2" not in set(frames["articles"].article_id)  # an error is not an article row


def test_roles_are_one_row_per_person_and_role(frames: dict) -> None:
    roles = frames["roles"]
    assert list(zip(roles.name, roles.role, strict=True)) == [
        ("Trần Thị Lan", "Phó Chủ tịch"),
        ("Trần Thị Lan", "Trưởng ban"),
    ]


def test_json_dicts_give_the_same_tables_as_models(frames: dict) -> None:
    from_json = vn_minutes.to_frames(
        [RECORD.model_dump(mode="json"), FAILED.model_dump(mode="json")]
    )
    for table in table_names():
        assert from_json[table].equals(frames[table]), table
    assert frames["articles"].published[0] == dt.date(2024, 5, 6)


def test_no_records_gives_empty_tables_with_columns() -> None:
    frames = vn_minutes.to_frames([])
    assert all(len(f) == 0 and "article_id" in f.columns for f in frames.values())
    assert "value" in frames["percentages"].columns
