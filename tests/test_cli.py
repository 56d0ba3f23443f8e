"""The `vn-minutes` command: one output line per input article, honest exit status."""

import json
from pathlib import Path

from click.testing import CliRunner

from vn_minutes.cli import EXIT_ARTICLE_ERRORS, main

ARTICLE = "Sáng 12/3/2019, Huyện ủy tổ chức hội nghị tổng kết công tác năm 2018."


def run(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, list(args))
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, lines


def test_extract_writes_one_record_per_txt_file(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    status, records = run("extract", str(tmp_path))
    assert status == 0
    assert [r["id"] for r in records] == ["a", "b"]
    assert {"abbreviations", "dates", "people", "percentages", "ratios"} <= records[0].keys()


def test_extract_names_a_single_article_with_id(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(ARTICLE, encoding="utf-8")
    _, records = run("extract", str(tmp_path / "x.txt"), "--id", "seed-1")
    assert records[0]["id"] == "seed-1"


def test_bad_articles_give_error_lines_and_a_failing_status(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        json.dumps({"id": "good", "text": ARTICLE}).encode()
        + b'\n{"id": "empty", "text": ""}\n{"id": "cut", "te\n'
    )
    status, records = run("extract", str(path))
    assert status == EXIT_ARTICLE_ERRORS
    assert [r["id"] for r in records] == ["good", "empty", "cut"]
    assert [r.get("error", {}).get("type") for r in records] == [
        None,
        "EmptyText",
        "JSONDecodeError",
    ]


def test_only_keeps_articles_with_a_gold_record(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "b.json").write_text(json.dumps({"id": "b"}), encoding="utf-8")
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(json.dumps({"id": i, "text": ARTICLE}) for i in "abc"), encoding="utf-8"
    )
    _, records = run("extract", str(path), "--only", str(gold))
    assert [r["id"] for r in records] == ["b"]


def test_evaluate_prints_a_score_per_field(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    record = {"id": "a", "dates": [{"text": "năm 2018", "value": "2018", "kind": "year"}]}
    (gold / "a.json").write_text(json.dumps(record), encoding="utf-8")
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold), str(predictions)])
    assert result.exit_code == 0
    dates_row = next(line for line in result.stdout.splitlines() if line.startswith("dates"))
    assert dates_row.split()[1:4] == ["1.000", "1.000", "1.000"]


def test_abbreviations_lists_definitions_and_unknown_forms(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    texts = [
        "Ban Chỉ đạo Chuyển đổi số (BCĐCĐS) họp. BCĐCĐS giao nhiệm vụ cho XYZQ.",
        "XYZQ báo cáo với Sở Nội vụ.",
    ]
    path.write_text(
        "\n".join(json.dumps({"id": str(i), "text": t}) for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["abbreviations", str(path)])
    assert result.exit_code == 0
    definitions, _, unknown = result.stdout.partition("Used but neither defined")
    rows = [line.split() for line in definitions.splitlines() if "\t" in line]
    assert rows == [["+", "1", "1", "BCĐCĐS", "Ban", "Chỉ", "đạo", "Chuyển", "đổi", "số"]]
    unknown_rows = [line.split() for line in unknown.splitlines() if line.strip()[:1].isdigit()]
    assert unknown_rows[0] == ["2", "2", "XYZQ"]  # used twice, in two articles
