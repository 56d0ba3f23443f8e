"""The `Document` every pipeline stage reads and enriches.

Stages find things in `doc.clean` (the normalised text) and record them with offsets into
`doc.text` (the caller's input) through `doc.source_span`, so grounding is exact whatever
normalisation did.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from vn_minutes.offsets import OffsetMap
from vn_minutes.record import (
    Abbreviation,
    ArticleRecord,
    DateMention,
    Mention,
    Percentage,
    Person,
    Ratio,
    Shortcoming,
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word (one or more syllables) of `doc.clean`, as underthesea segments it."""

    text: str
    start: int
    end: int


@dataclass
class Document:
    """An article on its way through the pipeline: input, normalised text, tokens and findings."""

    text: str
    published: dt.date | None = None
    doc_id: str | None = None
    title: str | None = None
    clean: str = ""
    offsets: OffsetMap | None = None
    tokens: list[Token] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    percentages: list[Percentage] = field(default_factory=list)
    ratios: list[Ratio] = field(default_factory=list)
    shortcomings: list[Shortcoming] = field(default_factory=list)
    author: str | None = None

    def __post_init__(self) -> None:
        if not self.clean and self.offsets is None:
            self.clean = self.text
            self.offsets = OffsetMap.identity(len(self.text))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the input of the clean-text span [start, end)."""
        assert self.offsets is not None
        return self.offsets.to_source(start, end)

    def source_text(self, start: int, end: int) -> str:
        """The input's own wording of clean span [start, end), in NFC."""
        source_start, source_end = self.source_span(start, end)
        return unicodedata.normalize("NFC", self.text[source_start:source_end])

    def mention(self, start: int, end: int) -> Mention:
        """A `Mention` in input offsets for the clean-text span [start, end)."""
        source_start, source_end = self.source_span(start, end)
        return Mention(start=source_start, end=source_end)

    def grounded(self, start: int, end: int) -> dict[str, object]:
        """`text`, `start` and `end` of a mention, ready to splat into a record model."""
        source_start, source_end = self.source_span(start, end)
        return {"text": self.source_text(start, end), "start": source_start, "end": source_end}

    def to_record(self) -> ArticleRecord:
        """The findings as the record the library emits."""
        return ArticleRecord(
            id=self.doc_id,
            published=self.published,
            title=self.title,
            abbreviations=self.abbreviations,
            dates=self.dates,
            people=self.people,
            percentages=self.percentages,
            ratios=self.ratios,
            shortcomings=self.shortcomings,
            author=self.author,
        )
