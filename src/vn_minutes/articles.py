"""Reading articles from disk: `.txt` files, folders of them, and JSONL files.

Reading never raises on bad content: an undecodable file or a malformed JSON line becomes an
`Article` with an `error`, so a batch writes one line per input article and loses none.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from vn_minutes.record import ErrorInfo

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)


@dataclass(frozen=True)
class Article:
    """One input article, or the error that kept it from being read."""

    id: str
    text: str = ""
    published: dt.date | None = None
    title: str | None = None
    error: ErrorInfo | None = None


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article]:
    """Articles from files and folders, in the order given (folders sorted by name)."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES):
                    yield from read_file(child)
        elif path.exists():
            yield from read_file(path)
        else:
            yield Article(id=str(path), error=ErrorInfo(type="FileNotFound", message=str(path)))


def read_file(path: Path) -> Iterator[Article]:
    """Articles of one file: one per `.txt`, one per line of a `.jsonl`."""
    if path.name.endswith(JSONL_SUFFIXES):
        with path.open("rb") as lines:
            yield from parse_jsonl(lines, source=path.stem)
    else:
        yield parse_text(path.read_bytes(), article_id=path.stem)


def parse_text(data: bytes, article_id: str) -> Article:
    """An article from the bytes of a text file; bad UTF-8 gives an error article."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Article(
            id=article_id, error=ErrorInfo(type="UnicodeDecodeError", message=str(error))
        )
    return Article(id=article_id, text=text)


def parse_jsonl(lines: Iterable[bytes], source: str) -> Iterator[Article]:
    """Articles of JSONL lines `{"id", "text", "published"?, "title"?}`; bad lines give errors."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        fallback_id = f"{source}:{number}"
        try:
            record = json.loads(raw.decode("utf-8"))
            yield article_from_json(record, fallback_id)
        except UnicodeDecodeError as error:
            yield Article(
                id=fallback_id, error=ErrorInfo(type="UnicodeDecodeError", message=str(error))
            )
        except (json.JSONDecodeError, TypeError, ValueError) as error:
            yield Article(
                id=_id_of(raw) or fallback_id,
                error=ErrorInfo(type=type(error).__name__, message=str(error)[:500]),
            )


def article_from_json(record: object, fallback_id: str) -> Article:
    """Validate one JSON object as an article (raises ValueError/TypeError when it is not)."""
    if not isinstance(record, dict):
        raise TypeError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise TypeError("'text' must be a string")
    published = record.get("published")
    return Article(
        id=str(record.get("id") or fallback_id),
        text=text,
        published=dt.date.fromisoformat(published) if published else None,
        title=record.get("title"),
    )


def _id_of(raw: bytes) -> str | None:
    """The id of a damaged JSON line, when it can still be read from its start."""
    match = regex.search(rb'"id"\s*:\s*"([^"\\]{1,200})"', raw[:1000])
    return match.group(1).decode("utf-8", "replace") if match else None
