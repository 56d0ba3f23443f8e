"""Integrity of `data/abbreviations.tsv`, the abbreviation lexicon."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path

import regex

from vn_minutes.abbreviations import explains, fold, key, letters, lexicon
from vn_minutes.data import data_table

COLUMNS = ["short", "long", "domain", "prior", "cues", "initialism", "source"]


def raw_text() -> str:
    return resources.files("vn_minutes.data").joinpath("abbreviations.tsv").read_text("utf-8")


def words(long: str) -> list[str]:
    return regex.findall(r"[\p{L}\p{M}]+|[-–&,]", long)


def folded(long: str) -> str:
    return " ".join(regex.findall(r"\p{L}+", fold(long)))


def test_header_and_source_line() -> None:
    lines = raw_text().splitlines()
    assert lines[0].startswith("# source:")
    header = next(line for line in lines if not line.startswith("#"))
    assert header.split("\t") == COLUMNS


def test_valid_nfc_and_well_formed_rows() -> None:
    text = raw_text()
    assert unicodedata.is_normalized("NFC", text)
    for row in data_table("abbreviations.tsv"):
        assert row["short"] and row["long"], row
        assert row["short"] == row["short"].strip() and row["long"] == row["long"].strip()
        assert not regex.search(r"\p{Ll}", row["short"]), row  # all capitals
        assert 0.0 <= float(row["prior"]) <= 1.0, row
        assert row["initialism"] in {"yes", "no"}, row
        assert row["source"], row
        assert all(cue.strip() for cue in row["cues"].split("|") if row["cues"]), row


def test_no_duplicate_senses() -> None:
    senses = Counter((key(r["short"]), folded(r["long"])) for r in data_table("abbreviations.tsv"))
    assert [sense for sense, count in senses.items() if count > 1] == []


def test_initialisms_spell_their_long_forms() -> None:
    wrong = [
        (r["short"], r["long"])
        for r in data_table("abbreviations.tsv")
        if r["initialism"] == "yes" and not explains(letters(r["short"]), words(r["long"]))
    ]
    assert wrong == []


def test_ambiguous_forms_have_cues_to_tell_senses_apart() -> None:
    for senses in lexicon().values():
        if len(senses) > 1:
            assert sum(1 for s in senses if s.cues) >= len(senses) - 1, senses


def test_the_genre_senses_come_first() -> None:
    for short, long in [
        ("ĐH", "Đại hội"),
        ("KH", "kế hoạch"),
        ("BTV", "Ban Thường vụ"),
        ("NK", "nhiệm kỳ"),
    ]:
        best = max(lexicon()[key(short)], key=lambda s: s.prior)
        assert best.long == long
        assert len(lexicon()[key(short)]) > 1


def test_at_least_500_short_forms() -> None:
    assert len({r["short"] for r in data_table("abbreviations.tsv")}) >= 500


def test_every_gold_abbreviation_is_covered(shared: Path) -> None:
    # A gold long form may leave out the head noun of the sense (`Hiệu quả ...` for
    # `Chỉ số hiệu quả ...`, as an article defined it): it is the same sense.
    missing = []
    for path in sorted((shared / "gold").glob("*.json")):
        for item in json.loads(path.read_text("utf-8"))["abbreviations"]:
            senses = lexicon().get(key(item["short"]), ())
            gold = folded(item["long"])
            if not any(
                folded(s.long) == gold or folded(s.long).endswith(" " + gold) for s in senses
            ):
                missing.append((path.stem, item["short"], item["long"]))
    assert missing == []
