"""The evaluator scores fields as GUIDELINES.md defines, so its numbers can be trusted."""

import pytest

from vn_minutes.evaluate import evaluate, fold, fold_short, word_f1

GOLD = {
    "a": {
        "id": "a",
        "abbreviations": [{"short": "UBND", "long": "Ủy ban nhân dân"}],
        "dates": [{"text": "năm 2018", "value": "2018", "kind": "year"}],
        "people": [{"name": "Nguyễn Văn An", "roles": ["Bí thư Huyện ủy", "Chủ tịch HĐND huyện"]}],
        "percentages": [
            {"text": "hơn 5%", "value": 5.0, "qualifier": "more_than", "subject": "hộ nghèo"}
        ],
        "ratios": [{"text": "9/15 chỉ tiêu", "numerator": 9, "denominator": 15}],
        "shortcomings": [{"text": "Công tác tuyên truyền chưa được quan tâm đúng mức"}],
        "author": "Văn Thư",
    }
}


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Ủy ban nhân dân", "ủy ban nhân dân"),
        ("hoà giải", "hòa giải"),
        ("kinh tế-xã hội", "kinh tế - xã hội"),
        ("thuỷ lợi", "Thủy lợi"),
    ],
)
def test_fold_ignores_case_tone_placement_and_hyphen_spacing(left: str, right: str) -> None:
    assert fold(left) == fold(right)


@pytest.mark.parametrize("short", ["TP.HCM", "TP. HCM", "TP HCM"])
def test_short_forms_compare_without_spaces_and_dots(short: str) -> None:
    assert fold_short(short) == "TPHCM"


def test_a_perfect_prediction_scores_one_everywhere() -> None:
    report = evaluate(GOLD, GOLD)
    assert all(score.f1 == 1.0 for score in report.fields.values())
    assert report.means["author accuracy"].value == 1.0


def test_an_empty_prediction_scores_zero_recall() -> None:
    report = evaluate(GOLD, {"a": {"id": "a"}})
    assert report.fields["dates"].recall == 0.0
    assert report.fields["people"].recall == 0.0
    assert report.means["author accuracy"].value == 0.0


def test_a_missing_prediction_is_reported() -> None:
    assert evaluate(GOLD, {}).missing == ["a"]


def test_partial_matches_follow_the_overlap_thresholds() -> None:
    predicted = {
        "a": {
            "abbreviations": [
                {"short": "UBND", "long": "ủy ban nhân dân"},
                {"short": "XYZ", "long": None},
            ],
            "dates": [{"value": "2018"}, {"value": "2019"}],
            "people": [{"name": "Nguyễn Văn An", "roles": ["Bí thư Huyện ủy"]}],
            "percentages": [
                {"text": "5%", "value": 5.0, "qualifier": "exact", "subject": "tỷ lệ hộ nghèo"}
            ],
            "ratios": [{"numerator": 9, "denominator": 15}],
            "shortcomings": [{"text": "Công tác tuyên truyền chưa được quan tâm"}],
            "author": "Văn  Thư",
        }
    }
    report = evaluate(GOLD, predicted)
    assert report.fields["abbreviations"].f1 == 1.0  # an unknown (long: null) is not a claim
    assert report.fields["dates"].precision == 0.5
    assert report.fields["roles"].recall == 0.5
    assert report.fields["percentages"].f1 == 1.0
    assert report.means["percent qualifier accuracy"].value == 0.0
    assert 0.5 < report.means["percent subject overlap"].value < 1.0
    assert report.fields["shortcomings"].f1 == 1.0
    assert report.means["author accuracy"].value == 1.0


def test_each_reader_of_shortcomings_has_its_own_precision() -> None:
    predicted = {
        "a": {
            "shortcomings": [
                {"text": "Công tác tuyên truyền chưa được quan tâm", "found_by": "rules"},
                {"text": "Giá cả thị trường tăng cao", "found_by": "rules"},
                {"text": "Thời tiết diễn biến bất thường", "found_by": "model"},
                {"text": "Một số chi bộ sinh hoạt chưa đều"},  # an older record: no reader
            ]
        }
    }
    report = evaluate(GOLD, predicted)
    assert report.fields["shortcomings"].precision == 0.25
    assert report.means["shortcoming P (rules)"].value == 0.5
    assert report.means["shortcoming P (rules)"].count == 2
    assert report.means["shortcoming P (model)"].value == 0.0
    assert "shortcoming P (model)" in report.format()


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("chưa cao", "chưa cao", 1.0), ("chưa cao", "rất tốt", 0.0), ("a b", "a c", 0.5)],
)
def test_word_overlap_f1(a: str, b: str, expected: float) -> None:
    assert word_f1(a, b) == pytest.approx(expected)
