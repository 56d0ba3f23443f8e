"""The learned second reader of shortcomings: its features, its weights, and what it adds.

Example sentences are written for these tests (not taken from the corpus).
"""

from __future__ import annotations

import math

import pytest

from vn_minutes import deficiency_model
from vn_minutes.document import Document
from vn_minutes.normalize import normalize
from vn_minutes.shortcomings import (
    annotate,
    reading,
    rule_items,
    sentence_item,
    sentence_items,
    sentences,
)

MEETING = "Sáng 3/4, Huyện ủy A tổ chức hội nghị sơ kết công tác quý I. "


@pytest.mark.parametrize(
    ("clause", "lead", "expected"),
    [
        ("Việc thu ngân sách còn chậm", "Tuy nhiên, ", {"u:chậm", "b:còn_chậm", "lead:tuy"}),
        ("Hồ sơ bị thất lạc", "", {"u:hồ", "b:bị_thất", "f:verdict"}),
    ],
)
def test_features_hold_words_pairs_lead_and_signals(
    clause: str, lead: str, expected: set[str]
) -> None:
    found = deficiency_model.word_features(clause, lead) | deficiency_model.signal_features(
        {"verdict": True, "demand": False}
    )
    assert expected <= found
    assert "f:demand" not in found


def test_a_sentence_is_skipped_only_when_no_signal_could_lift_it() -> None:
    """`may_reach` is exact: a sentence it rules out stays below the threshold with every
    unknown signal that carries weight switched on."""
    unknown = ["verdict", "strong", "demand"]
    lifting = deficiency_model.signal_features(dict.fromkeys(unknown, True))
    table = deficiency_model.weights()
    lifting = {f for f in lifting if table.get(f, 0.0) > 0}
    for known in ({"u:chậm", "b:còn_chậm"}, {"u:chúc", "u:mừng"}, set()):
        best = deficiency_model.probability(known | lifting)
        assert deficiency_model.may_reach(known, unknown, 0.6) == (best >= 0.6)


def test_weights_have_a_bias_and_finite_values() -> None:
    table = deficiency_model.weights()
    assert deficiency_model.BIAS in table
    assert all(math.isfinite(value) for value in table.values())


def test_probability_follows_the_weights() -> None:
    table = deficiency_model.weights()
    strongest = max((f for f in table if f != deficiency_model.BIAS), key=table.__getitem__)
    weakest = min((f for f in table if f != deficiency_model.BIAS), key=table.__getitem__)
    neutral = deficiency_model.probability(set())
    assert (
        deficiency_model.probability({weakest})
        < neutral
        < deficiency_model.probability({strongest})
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Hiện vẫn còn 120 hộ dân chưa nhận được tiền bồi thường.",
            "vẫn còn 120 hộ dân chưa nhận được tiền bồi thường",
        ),
        (
            "Một số cán bộ xã còn né tránh, đùn đẩy trách nhiệm cho cấp trên.",
            "Một số cán bộ xã còn né tránh, đùn đẩy trách nhiệm cho cấp trên",
        ),
        (
            "Tình trạng vi phạm hành lang an toàn giao thông vẫn diễn biến phức tạp.",
            "Tình trạng vi phạm hành lang an toàn giao thông vẫn diễn biến phức tạp",
        ),
        (
            "Một số cơ sở đảng chưa chấp hành nghiêm chế độ báo cáo.",
            "Một số cơ sở đảng chưa chấp hành nghiêm chế độ báo cáo",
        ),
    ],
)
def test_model_adds_a_deficiency_the_rules_miss(sentence: str, expected: str) -> None:
    doc = annotate(normalize(Document(MEETING + sentence)))
    assert rule_items(doc.clean, *reading(doc.clean)) == []
    assert [(s.text, s.found_by) for s in doc.shortcomings] == [(expected, "model")]


def test_model_adds_nothing_outside_a_meeting_report() -> None:
    doc = annotate(normalize(Document("Hiện vẫn còn 120 hộ dân chưa nhận được tiền bồi thường.")))
    assert doc.shortcomings == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the clause up to a demand in the same sentence
        (
            "Nhiều xã còn chậm, đề nghị các xã khẩn trương khắc phục.",
            "Nhiều xã còn chậm",
        ),
        # a demand word late in the sentence, with no deficiency before it, is no demand
        (
            "Ngập nước, ùn tắc giao thông vẫn là những vấn đề cử tri phản ánh nhiều nhưng khắc "
            "phục chậm.",
            "Ngập nước, ùn tắc giao thông vẫn là những vấn đề cử tri phản ánh nhiều nhưng khắc "
            "phục chậm",
        ),
        # a concession is not admitted; what follows its "nhưng" is
        (
            "Mặc dù đã có nhiều cố gắng, nhưng việc giải ngân vốn vẫn còn chậm.",
            "việc giải ngân vốn vẫn còn chậm",
        ),
        ("Dù còn nhiều khó khăn, huyện vẫn hoàn thành kế hoạch thu ngân sách.", None),
        # a cause stated after a comma is not part of the item, nor an item on its own
        ("Tiến độ giải ngân còn chậm, nguyên nhân là thiếu vốn.", "Tiến độ giải ngân còn chậm"),
        ("Ông A, Chủ tịch UBND huyện, cho biết, nguyên nhân chủ yếu do địa bàn rộng.", None),
        # a demand at the head of the sentence is one, and so is a task
        ("Các xã cần khẩn trương hoàn thành việc thu hồi nợ đọng.", None),
        ("Huyện tiếp tục rà soát các dự án chậm tiến độ.", None),
        # ... but not a deficiency that goes on
        (
            "Số vụ vi phạm trật tự xây dựng tiếp tục tăng.",
            "Số vụ vi phạm trật tự xây dựng tiếp tục tăng",
        ),
        # never a question, a cause, a passage end or good news, whatever the model reads
        ("Vì sao nhiều xã còn chậm?", None),
        ("Kinh tế phục hồi, vậy thì tại sao tăng trưởng lại thấp hơn năm trước.", None),
        ("“Đã phát triển tốt các đô thị vệ tinh chưa?”, ông A hỏi và cho rằng còn chậm.", None),
        ("Nguyên nhân là do thiếu vốn.", None),
        ("Từ đầu năm đến nay chưa xảy ra sự cố nào.", None),
    ],
)
def test_what_a_sentence_gives_as_one_item(sentence: str, expected: str | None) -> None:
    text = normalize(Document(MEETING + sentence)).clean
    item = sentence_item(text, sentences(text)[-1])
    assert (text[item[0] : item[1]] if item else None) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the model reads a sentence; its items are cut where the rules cut them
        (
            "Nhiều hồ sơ bị thất lạc; việc giải quyết thủ tục còn chậm trễ.",
            ["Nhiều hồ sơ bị thất lạc", "việc giải quyết thủ tục còn chậm trễ"],
        ),
        (
            "Hồ sơ của 12 hộ dân bị thất lạc, gây bức xúc trong nhân dân.",
            ["Hồ sơ của 12 hộ dân bị thất lạc, gây bức xúc trong nhân dân"],
        ),
    ],
)
def test_items_of_a_sentence_the_model_reads(sentence: str, expected: list[str]) -> None:
    text = normalize(Document(MEETING + sentence)).clean
    assert [text[s:e] for s, e in sentence_items(text, sentences(text)[-1])] == expected
