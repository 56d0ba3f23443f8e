"""The record the library emits: field names and value conventions of the gold GUIDELINES.

Every mention carries `start`/`end`, character offsets into the caller's input string, so
that `text[start:end]` is the mention itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Qualifier = Literal["exact", "more_than", "less_than", "at_least", "at_most", "about", "nearly"]
DateKind = Literal["date", "month", "year", "quarter", "half", "range", "relative"]
FoundBy = Literal["rules", "model"]


class Mention(BaseModel):
    """Where something is written in the input: `input[start:end]`."""

    model_config = ConfigDict(frozen=True)
    start: int
    end: int


class Abbreviation(BaseModel):
    short: str
    long: str | None = Field(description="Expansion; null for an unknown all-caps token.")
    source: Literal["document", "lexicon"] | None = None
    mentions: list[Mention] = []


class DateMention(BaseModel):
    text: str
    value: str | None
    kind: DateKind
    start: int
    end: int
    part_of_day: Literal["sáng", "trưa", "chiều", "tối", "đêm"] | None = None
    time: str | None = Field(default=None, description="Clock time as HH:MM when stated.")


class Person(BaseModel):
    name: str
    honorific: str | None = None
    roles: list[str] = []
    mentions: list[Mention] = []


class Percentage(BaseModel):
    text: str
    value: float
    qualifier: Qualifier = "exact"
    subject: str | None = None
    value_max: float | None = None
    change: Literal["increase", "decrease"] | None = None
    start: int
    end: int


class Ratio(BaseModel):
    text: str
    numerator: int
    denominator: int
    subject: str | None = None
    start: int
    end: int


class Shortcoming(BaseModel):
    text: str
    topic: str | None = None
    found_by: FoundBy | None = None
    """Which reader found it: the cue rules, or the learned model; None in older records."""
    start: int
    end: int


class ArticleRecord(BaseModel):
    """Everything extracted from one article."""

    id: str | None = None
    published: dt.date | None = None
    title: str | None = None
    abbreviations: list[Abbreviation] = []
    dates: list[DateMention] = []
    people: list[Person] = []
    percentages: list[Percentage] = []
    ratios: list[Ratio] = []
    shortcomings: list[Shortcoming] = []
    author: str | None = None

    def to_html(self, text: str) -> str:
        """A self-contained HTML page of `text` (the input) with every extracted span marked."""
        from vn_minutes.view import render_article

        return render_article(self, text)


class ErrorInfo(BaseModel):
    type: str
    message: str


class ErrorRecord(BaseModel):
    """What a batch writes for an article it could not process, so no article is lost."""

    id: str | None = None
    error: ErrorInfo
