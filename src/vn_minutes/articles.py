"""Reading articles from disk: `.txt` files, JSONL files (plain or `.gz`), folders of them,
and `.zip` / `.tar.gz` archives of any of these.

Reading streams (one line or one archive member at a time) and never raises on bad content:
an undecodable file, a malformed JSON line, a truncated archive becomes an `Article` with an
`error`, so a batch writes one line per input article and loses none.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

import regex

from vn_minutes.record import ErrorInfo

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz", ".tar")
INPUT_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + ARCHIVE_SUFFIXES
# What a damaged file or archive raises while it is being read.
READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError)


@dataclass(frozen=True)
class Article:
    """One input article, or the error that kept it from being read."""

    id: str
    text: str = ""
    published: dt.date | None = None
    title: str | None = None
    error: ErrorInfo | None = None


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article]:
    """Articles from files, folders and archives, in the order given (folders sorted by name)."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and is_input(child.name):
                    yield from read_file(child)
        elif path.exists():
            yield from read_file(path)
        else:
            yield Article(id=str(path), error=ErrorInfo(type="FileNotFound", message=str(path)))


def is_input(name: str) -> bool:
    """Whether a file name is one the reader takes (`.txt`, `.jsonl[.gz]`, an archive)."""
    return name.lower().endswith(INPUT_SUFFIXES)


def read_file(path: Path) -> Iterator[Article]:
    """Articles of one file: one per `.txt`, one per JSONL line, all those in an archive."""
    name = path.name.lower()
    try:
        if name.endswith(".zip"):
            yield from read_zip(path)
        elif name.endswith(ARCHIVE_SUFFIXES):
            yield from read_tar(path)
        else:
            with path.open("rb") as stream:
                yield from read_stream(path.name, stream)
    except READ_ERRORS as error:  # an unreadable or truncated file: one error, then go on
        yield _read_error(str(path), error)


def read_zip(path: Path) -> Iterator[Article]:
    """Articles of the members of a `.zip` archive, in archive order, one member at a time."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            if member.is_dir() or not is_input(member.filename):
                continue
            try:
                with archive.open(member) as stream:
                    yield from read_stream(member.filename, stream)
            except READ_ERRORS as error:
                yield _read_error(f"{path.name}:{member.filename}", error)


def read_tar(path: Path) -> Iterator[Article]:
    """Articles of the members of a (gzipped) tar archive, streamed in one pass."""
    with tarfile.open(path, "r|*") as archive:
        for member in archive:
            if not member.isfile() or not is_input(member.name):
                continue
            stream = archive.extractfile(member)
            if stream is not None:
                yield from read_stream(member.name, stream)


def read_stream(name: str, stream: IO[bytes]) -> Iterator[Article]:
    """Articles of one file's bytes, by the file name's suffix (`.txt`, `.jsonl`, `.jsonl.gz`)."""
    base = PurePosixPath(name).name
    lower = base.lower()
    if lower.endswith(".jsonl.gz"):
        with gzip.open(stream) as lines:
            yield from parse_jsonl(lines, source=base[: -len(".jsonl.gz")])
    elif lower.endswith(".jsonl"):
        yield from parse_jsonl(stream, source=base[: -len(".jsonl")])
    elif lower.endswith(ARCHIVE_SUFFIXES):
        yield Article(
            id=name, error=ErrorInfo(type="NestedArchive", message="archives inside archives")
        )
    else:
        yield parse_text(stream.read(), article_id=PurePosixPath(base).stem)


def _read_error(source: str, error: BaseException) -> Article:
    """The error article for a file or archive that broke off while being read."""
    return Article(
        id=f"{source}:unreadable",
        error=ErrorInfo(type=type(error).__name__, message=str(error)[:500]),
    )


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
                id=_id_of(raw) or fallback_id,
                error=ErrorInfo(type="UnicodeDecodeError", message=str(error)),
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
