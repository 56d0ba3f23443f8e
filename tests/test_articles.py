"""Reading input never loses an article: bad content becomes an error article."""

import json
from pathlib import Path

import pytest

from vn_minutes.articles import read_articles


def write_jsonl(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_txt_files_and_folders_are_read_with_their_stem_as_id(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Bài hai", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Bài một", encoding="utf-8")
    articles = list(read_articles([tmp_path]))
    assert [(a.id, a.text) for a in articles] == [("a", "Bài một"), ("b", "Bài hai")]


@pytest.mark.parametrize(
    ("line", "error_type"),
    [
        (b'{"id": "x", "text": "t\xff\xfe"}', "UnicodeDecodeError"),
        (b'{"id": "cut", "text": "H\xe1\xbb\x99i ngh', "JSONDecodeError"),
        (b'["not", "an", "object"]', "TypeError"),
        (b'{"id": "n", "text": 5}', "TypeError"),
        (b'{"id": "d", "text": "t", "published": "31/2/2018"}', "ValueError"),
    ],
)
def test_bad_jsonl_lines_become_error_articles(
    tmp_path: Path, line: bytes, error_type: str
) -> None:
    good = json.dumps({"id": "ok", "text": "t"}).encode()
    path = write_jsonl(tmp_path / "in.jsonl", [good, line])
    articles = list(read_articles([path]))
    assert len(articles) == 2
    assert articles[0].error is None
    assert articles[1].error is not None and articles[1].error.type == error_type


def test_a_damaged_line_keeps_its_id_when_it_can_be_read(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [b'{"id": "cut", "text": "H\xe1\xbb\x99i ngh'])
    assert next(read_articles([path])).id == "cut"


def test_jsonl_fields_are_parsed(tmp_path: Path) -> None:
    record = {"id": "a1", "text": "Hội nghị", "published": "2018-07-06", "title": "Tin"}
    path = write_jsonl(tmp_path / "in.jsonl", [json.dumps(record).encode()])
    article = next(read_articles([path]))
    assert (article.id, article.published.isoformat(), article.title) == (
        "a1",
        "2018-07-06",
        "Tin",
    )


def test_a_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    article = next(read_articles([tmp_path / "nowhere.txt"]))
    assert article.error is not None
