"""Data files shipped with the package (lexicons, cue words), each headed by its source."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text data file."""
    return tuple(line.strip() for line in _content_lines(name))


@cache
def data_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file with a header line; `#` lines are comments."""
    rows = csv.DictReader(_content_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({key: (value or "").strip() for key, value in row.items()} for row in rows)


def _content_lines(name: str) -> list[str]:
    """The lines of a data file that are neither blank nor `#` comments."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
