"""Word segmentation: underthesea's words, each grounded at its offsets in the clean text."""

import pytest

from vn_minutes.document import Document
from vn_minutes.tokenize import chunks, syllable_spans, tokenize


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Đồng chí Nguyễn Văn Thanh chủ trì hội nghị",
            ["Đồng chí", "Nguyễn Văn Thanh", "chủ trì", "hội nghị"],
        ),
        (
            "Chiều 05/7/2018, UBND huyện họp.",
            ["Chiều", "05/7/2018", ",", "UBND", "huyện", "họp", "."],
        ),
        ("đạt 9/15 chỉ tiêu, chiếm 60%", ["đạt", "9/15", "chỉ tiêu", ",", "chiếm", "60", "%"]),
    ],
)
def test_words_are_underthesea_words(text: str, words: list[str]) -> None:
    assert [t.text for t in tokenize(Document(text)).tokens] == words


def test_every_token_slices_the_clean_text() -> None:
    text = "Dòng một có  hai   khoảng trắng.\n\nDòng hai: KT-XH, QP-AN.\n"
    doc = tokenize(Document(text))
    assert doc.tokens
    assert all(doc.clean[t.start : t.end] == t.text for t in doc.tokens)


def test_a_custom_segmenter_can_replace_underthesea() -> None:
    def syllables(text: str) -> list[tuple[int, int]]:
        spans, start = [], None
        for i, char in enumerate(text + " "):
            if char.isspace() and start is not None:
                spans.append((start, i))
                start = None
            elif not char.isspace() and start is None:
                start = i
        return spans

    doc = tokenize(Document("hội nghị sơ kết"), segmenter=syllables)
    assert [t.text for t in doc.tokens] == ["hội", "nghị", "sơ", "kết"]


def test_long_lines_are_cut_after_sentence_ends_into_bounded_chunks() -> None:
    line = "Hội nghị diễn ra tốt đẹp. " * 400
    pieces = list(chunks(line))
    assert len(pieces) > 1
    assert all(len(piece) <= 4000 for _, piece in pieces)
    assert all(line[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert sum(len(piece) for _, piece in pieces) == len(line)


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị diễn ra sáng nay, các đại biểu thảo luận.",
        "UBND, HĐND và Tp. Hồ Chí Minh; TP.HCM, v.v... e-mail KT-XH",
        "Thesis Thus ThS. Th.S Nguyễn Thị Thùy, Thêm",
        "Xem tại https://baochinhphu.vn/tin-tuc hoặc gửi a.b@gov.vn, số 0912-345-678",
        "ngày 5/6, tăng 5,2% (1.250 tỷ đồng), 3x4 -> 9/15; “trích dẫn”, H'Mông",
        "  khoảng   trắng\tvà\ndòng mới,  ",
    ],
)
def test_syllables_are_those_of_underthesea_pattern(text: str) -> None:
    from underthesea.pipeline.word_tokenize import regex_tokenize

    pattern = regex_tokenize.patterns
    assert syllable_spans(text, pattern) == [m.span() for m in pattern.finditer(text)]
