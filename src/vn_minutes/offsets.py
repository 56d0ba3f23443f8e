"""Two-way character offset maps between a source text and a text derived from it.

Normalisation and abbreviation expansion rewrite text; every later stage finds spans in the
rewritten text, and the record must point into the user's input. An `OffsetMap` is built
from the edits made while rewriting and translates offsets in both directions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of target text [target_start, target_end) made from source [source_start, source_end).

    An unchanged run (`identical`) maps character by character; a replaced run maps as a whole.
    """

    target_start: int
    target_end: int
    source_start: int
    source_end: int
    identical: bool


class OffsetMap:
    """Maps offsets of a derived (target) text to its source text and back."""

    def __init__(self, segments: list[Segment], source_length: int, target_length: int) -> None:
        self.segments = segments
        self.source_length = source_length
        self.target_length = target_length
        self._target_starts = [s.target_start for s in segments]
        self._source_starts = [s.source_start for s in segments]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([Segment(0, length, 0, length, True)], length, length)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span that target span [start, end) was made from."""
        if start >= end:
            point = self._point_to_source(start)
            return point, point
        first = self._segment_at(self._target_starts, start)
        last = self._segment_at(self._target_starts, end - 1)
        if first.identical:
            source_start = first.source_start + (start - first.target_start)
        else:
            source_start = first.source_start
        source_end = (
            last.source_start + (end - last.target_start) if last.identical else last.source_end
        )
        return source_start, source_end

    def to_target(self, start: int, end: int) -> tuple[int, int]:
        """The target span that source span [start, end) became."""
        if start >= end:
            return self._point_to_target(start), self._point_to_target(start)
        first = self._segment_at(self._source_starts, start, by_source=True)
        last = self._segment_at(self._source_starts, end - 1, by_source=True)
        target_start = (
            first.target_start + (start - first.source_start)
            if first.identical
            else first.target_start
        )
        target_end = (
            last.target_start + (end - last.source_start) if last.identical else last.target_end
        )
        return target_start, target_end

    def then(self, later: OffsetMap) -> OffsetMap:
        """Compose: `self` maps B->A, `later` maps C->B; the result maps C->A."""
        return _ComposedMap(self, later)

    def _point_to_source(self, offset: int) -> int:
        if offset >= self.target_length:
            return self.source_length
        segment = self._segment_at(self._target_starts, offset)
        if segment.identical:
            return segment.source_start + (offset - segment.target_start)
        return segment.source_start

    def _point_to_target(self, offset: int) -> int:
        if offset >= self.source_length:
            return self.target_length
        segment = self._segment_at(self._source_starts, offset, by_source=True)
        if segment.identical:
            return segment.target_start + (offset - segment.source_start)
        return segment.target_start

    def _segment_at(self, starts: list[int], offset: int, by_source: bool = False) -> Segment:
        index = max(bisect_right(starts, offset) - 1, 0)
        # Skip empty segments (deletions) so that an offset lands on the run that holds it.
        segments = self.segments
        while index + 1 < len(segments):
            segment = segments[index]
            end = segment.source_end if by_source else segment.target_end
            if offset < end:
                break
            index += 1
        return segments[index]


class _ComposedMap(OffsetMap):
    """Two maps applied in turn; built by `OffsetMap.then`."""

    def __init__(self, inner: OffsetMap, outer: OffsetMap) -> None:
        self.inner = inner
        self.outer = outer
        self.source_length = inner.source_length
        self.target_length = outer.target_length

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.inner.to_source(*self.outer.to_source(start, end))

    def to_target(self, start: int, end: int) -> tuple[int, int]:
        return self.outer.to_target(*self.inner.to_target(start, end))


def rewrite(source: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits `(start, end, replacement)` to `source`.

    Returns the new text and the map from it back to `source`. An edit that keeps the length
    maps character by character, so offsets inside it stay exact.
    """
    pieces: list[str] = []
    segments: list[Segment] = []
    source_cursor = target_cursor = 0

    def keep(until: int) -> None:
        nonlocal source_cursor, target_cursor
        if until > source_cursor:
            length = until - source_cursor
            pieces.append(source[source_cursor:until])
            segments.append(
                Segment(target_cursor, target_cursor + length, source_cursor, until, True)
            )
            source_cursor, target_cursor = until, target_cursor + length

    for start, end, replacement in sorted(edits):
        if start < source_cursor:
            raise ValueError(f"overlapping edit at {start}")
        keep(start)
        pieces.append(replacement)
        new_end = target_cursor + len(replacement)
        same_length = len(replacement) == end - start
        segments.append(Segment(target_cursor, new_end, start, end, same_length))
        source_cursor, target_cursor = end, new_end
    keep(len(source))
    if not segments:
        segments.append(Segment(0, 0, 0, 0, True))
    return "".join(pieces), OffsetMap(segments, len(source), target_cursor)
