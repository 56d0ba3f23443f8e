"""Abbreviations stage: definitions in both orders, the lexicon, exclusions, expansion, mining.

Every example sentence is written for these tests. Tables are meant to be extended by a
linguist: add a row, run `pytest tests/test_abbreviations.py`.
"""

from __future__ import annotations

import pytest

from vn_minutes import expand
from vn_minutes.abbreviations import (
    annotate,
    explains,
    format_report,
    iter_definitions,
    letters,
    mine,
)
from vn_minutes.document import Document
from vn_minutes.normalize import normalize


def abbreviations(text: str) -> dict[str, str | None]:
    """{short: long} that the stage finds in `text`."""
    doc = annotate(normalize(Document(text)))
    return {a.short: a.long for a in doc.abbreviations}


# --- Definitions ------------------------------------------------------------------------

DEFINED = [
    # Long Form (SF): the shortest run of words before the bracket that spells the letters.
    (
        "Hội nghị của Đảng bộ Cơ quan Chính quyền (CQCQ) huyện diễn ra sáng nay.",
        "CQCQ",
        "Cơ quan Chính quyền",
    ),
    ("Các chỉ tiêu đều vượt kế hoạch (KH) đề ra.", "KH", "kế hoạch"),
    ("Triển khai nghị quyết (NQ) Đại hội (ĐH) Đảng bộ nhiệm kỳ (NK) 2020-2025.", "ĐH", "Đại hội"),
    ("Triển khai nghị quyết (NQ) Đại hội (ĐH) Đảng bộ nhiệm kỳ (NK) 2020-2025.", "NK", "nhiệm kỳ"),
    ("Ông là Chủ tịch Ủy ban nhân dân (UBND) xã.", "UBND", "Ủy ban nhân dân"),
    ("Phát triển kinh tế - xã hội (KT-XH) bền vững.", "KT-XH", "kinh tế - xã hội"),
    ("Giữ vững quốc phòng - an ninh (QP-AN) trên địa bàn.", "QP-AN", "quốc phòng - an ninh"),
    (
        "Sở Nông nghiệp và Phát triển nông thôn (NN&PTNT) báo cáo.",
        "NN&PTNT",
        "Nông nghiệp và Phát triển nông thôn",
    ),
    (
        "Sở Lao động - Thương binh và Xã hội (LĐ-TB-XH) tỉnh cho biết.",
        "LĐ-TB-XH",
        "Lao động - Thương binh và Xã hội",
    ),
    ("Ban Chấp hành Trung ương (BCHTW) họp phiên bế mạc.", "BCHTW", "Ban Chấp hành Trung ương"),
    ("Đảng ủy Khối cơ quan tỉnh (ĐUK) tổ chức hội nghị.", "ĐUK", None),
    ("Hội Liên hiệp Phụ nữ (HLHPN) huyện tặng quà.", "HLHPN", "Hội Liên hiệp Phụ nữ"),
    ("Đồng chí Ủy viên Trung ương (UVTW) dự họp.", "UVTW", "Ủy viên Trung ương"),
    (
        "Tổ chức ứng dụng thử quản lý văn bản điều hành (QLVBĐH) mới.",
        "QLVBĐH",
        "quản lý văn bản điều hành",
    ),
    # SF (Long Form)
    ("Sở KH-ĐT (Kế hoạch và Đầu tư) đã trình phương án.", "KH-ĐT", "Kế hoạch và Đầu tư"),
    ("Tỷ lệ tham gia BHYT (bảo hiểm y tế) đạt cao.", "BHYT", "bảo hiểm y tế"),
    ("Dự án theo hợp đồng BT (xây dựng - chuyển giao) được duyệt.", "BT", "xây dựng - chuyển giao"),
    # viết tắt là / gọi tắt là / gọi tắt:
    (
        "Quỹ hỗ trợ nông dân, viết tắt là QHTND, được thành lập năm ngoái.",
        "QHTND",
        "Quỹ hỗ trợ nông dân",
    ),
    (
        "Ban chỉ đạo phòng chống dịch (sau đây gọi tắt là BCĐPCD) họp khẩn.",
        "BCĐPCD",
        "Ban chỉ đạo phòng chống dịch",
    ),
    (
        "Chương trình mục tiêu quốc gia (gọi tắt: CTMTQG) đã hoàn thành.",
        "CTMTQG",
        "Chương trình mục tiêu quốc gia",
    ),
    ("Tổ công tác liên ngành (viết tắt là TCTLN) đã kiểm tra.", "TCTLN", "Tổ công tác liên ngành"),
    # Foreign acronyms the lexicon knows: defined by the phrase before them.
    ("Trong quý, chỉ số giá tiêu dùng (CPI) tăng nhẹ.", "CPI", "chỉ số giá tiêu dùng"),
    (
        "Đạt được nhiều kết quả, tổng sản phẩm trên địa bàn (GRDP) tăng 7%.",
        "GRDP",
        "tổng sản phẩm trên địa bàn",
    ),
    (
        "Năm nay cải thiện mạnh. Hiệu quả Quản trị công cấp tỉnh (PAPI) tăng bậc.",
        "PAPI",
        "Hiệu quả Quản trị công cấp tỉnh",
    ),
    (
        "Tỉnh tụt hạng thuộc chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm qua.",
        "PAPI",
        "chỉ số hiệu quả quản trị và hành chính công cấp tỉnh",
    ),
]


@pytest.mark.parametrize(("text", "short", "long"), DEFINED)
def test_definitions_give_the_long_form_the_article_gives(
    text: str, short: str, long: str | None
) -> None:
    found = abbreviations(text)
    if long is None:  # the letters do not spell the words before: not a definition
        assert dict(iter_definitions(text)).get(short) is None
    else:
        assert found[short] == long


NOT_DEFINITIONS = [
    "Lãnh đạo tỉnh thăm hỏi gia đình chính sách (Ảnh: TL).",
    "Đề án được phê duyệt (2018) và triển khai ngay.",
    "Hội nghị diễn ra tại thủ đô (TTXVN) trong hai ngày.",
    "Ông Trần Văn Bình (UBND) không có mặt.",
    "Ông Lê Văn Hải (TP) phát biểu.",
    "Các hợp đồng CPI (chưa ký kết) bị hủy.",
]


@pytest.mark.parametrize("text", NOT_DEFINITIONS)
def test_brackets_that_are_not_definitions(text: str) -> None:
    assert list(iter_definitions(text)) == []


@pytest.mark.parametrize(
    ("short", "words", "spelled"),
    [
        ("UBND", "Ủy ban nhân dân", True),  # 'Ủ' folds to 'u' (scispaCy's trap)
        ("ĐH", "Đại hội", True),
        ("DH", "Đại học", True),  # Đ and D meet
        ("TW", "Trung ương", True),  # W stands for ư
        ("KH&ĐT", "Kế hoạch và Đầu tư", True),  # `và` skipped
        ("TNMT", "Tài nguyên và Môi trường", True),
        ("KH", "khoa", False),  # one word gives one letter
        ("NQ", "nghị quyết Trung ương", False),  # every content word gives a letter
    ],
)
def test_letters_match_syllable_initials(short: str, words: str, spelled: bool) -> None:
    assert explains(letters(short), words.split()) is spelled


# --- Lexicon senses ---------------------------------------------------------------------

SENSES = [
    ("Đoàn đại biểu dự ĐH Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2020-2025.", "ĐH", "Đại hội"),
    ("Em thi đỗ vào trường ĐH Bách khoa, ngành đào tạo kỹ sư.", "ĐH", "Đại học"),
    ("Xã hoàn thành vượt KH năm, nhiều chỉ tiêu đạt cao.", "KH", "kế hoạch"),
    ("Viện đầu tư cho nghiên cứu KH và công nghệ, nhiều đề tài được nghiệm thu.", "KH", "khoa học"),
    ("Hội nghị BTV Huyện ủy thống nhất chủ trương.", "BTV", "Ban Thường vụ"),
    ("Anh là BTV của đài truyền hình tỉnh, dẫn chương trình thời sự.", "BTV", "biên tập viên"),
    ("Đại hội Đảng bộ NK 2020-2025 bầu ban chấp hành mới.", "NK", "nhiệm kỳ"),
    ("Kim ngạch NK hàng hóa qua cửa khẩu tăng, thuế nhập khẩu thu đạt.", "NK", "nhập khẩu"),
    ("Chủ tịch UBND tỉnh tiếp công dân.", "UBND", "Ủy ban nhân dân"),
    ("Sở GD-ĐT tổ chức kỳ thi.", "GD-ĐT", "Giáo dục và Đào tạo"),
]


@pytest.mark.parametrize(("text", "short", "long"), SENSES)
def test_the_sense_that_fits_the_context(text: str, short: str, long: str) -> None:
    assert abbreviations(text)[short] == long


def test_a_definition_in_the_article_wins_over_the_lexicon() -> None:
    text = "Công ty thuê kho hàng (KH) mới. KH rộng gấp đôi."
    assert abbreviations(text)["KH"] == "kho hàng"


def test_unknown_abbreviation_is_reported_without_a_guess() -> None:
    doc = annotate(normalize(Document("Công ty XYZQ ký hợp đồng mới.")))
    (item,) = doc.abbreviations
    assert (item.short, item.long, item.source) == ("XYZQ", None, None)


# --- What counts as an abbreviation ---------------------------------------------------

EXCLUDED = [
    ("Hội nghị Trung ương 4 khóa XII bàn về công tác cán bộ.", "XII"),  # Roman numeral
    ("Phần II. Nhiệm vụ năm tới.", "II"),
    ("Thực hiện Nghị quyết số 09-NQ/TW của Bộ Chính trị.", "NQ"),  # code of a document number
    ("Theo Nghị định 15/2020/NĐ-CP của Chính phủ.", "NĐ-CP"),
    ("Theo Kế hoạch số 12-KH/TU của Tỉnh ủy.", "KH"),
    ("Hướng dẫn số 7/HD -MTTQ - BTT của Ban Thường trực.", "MTTQ"),
    ("Các đại biểu dự Hội nghị TW4 đã thống nhất.", "TW"),  # fused with a digit
    ("Giá trị xuất khẩu đạt 5 triệu USD.", "USD"),  # unit
    ("Hội nghị kết thúc tốt đẹp. (Ảnh: Minh Anh/TTXVN)", "TTXVN"),  # agency tag
    ("Thủ tướng phát biểu. Ảnh: VGP/Hải Nam", "VGP"),
    ("Nguồn: VOV.VN", "VOV.VN"),
    ("BẢN TIN MINH HÒA", "MINH"),  # an all-caps word, not an acronym
    ("Lời khai của bị cáo N.V.Đ tại tòa.", "N.V.Đ"),  # initials of a name
    ("Công ty T&T ký hợp đồng.", "T&T"),
    ("Trụ sở xã mới xây. Ảnh: C.T", "C.T"),  # a photographer's initials
    ("Trụ sở xã mới xây. Ảnh: TL", "TL"),
    ("Lãnh đạo tỉnh TT-Huế dự họp.", "TT"),  # glued to a word
]


@pytest.mark.parametrize(("text", "short"), EXCLUDED)
def test_what_is_not_an_abbreviation(text: str, short: str) -> None:
    assert short not in abbreviations(text)


@pytest.mark.parametrize(
    ("text", "shorts"),
    [
        ("Bí thư Thành ủy TP.HCM dự họp.", ["TP.HCM"]),
        ("Bí thư Thành ủy TP. HCM dự họp.", ["TP. HCM"]),
        ("Bí thư Thành ủy TP HCM dự họp.", ["TP HCM"]),
        ("Người dân TP Hà Nội và TPHCM.", ["TP", "TPHCM"]),
        ("PGS.TS Nguyễn Văn Nam phát biểu.", ["PGS", "TS"]),  # a chain: one entry per part
        ("Nguyên Ủy viên BCH T.Ư Đảng.", ["BCH", "T.Ư"]),
        ("Lãnh đạo HĐND-UBND xã dự.", ["HĐND", "UBND"]),
        ("Phát triển KT-XH của huyện và KTXH của tỉnh.", ["KT-XH", "KTXH"]),
        ("Sở TN & MT và Bộ GD- ĐT phối hợp.", ["TN & MT", "GD- ĐT"]),  # spaced joins
        ("Phát triển KT - XH, giữ vững KT-XH.", ["KT - XH"]),  # one short form
        ("Các nhóm R&D và M&A.", ["R&D", "M&A"]),
    ],
)
def test_chains_and_spellings(text: str, shorts: list[str]) -> None:
    assert list(abbreviations(text)) == shorts


def test_one_entry_per_short_form_with_every_mention_in_input_offsets() -> None:
    # NFD input and new-style tone marks: offsets must still point into the caller's text.
    text = "UBND huyện họp.\nChủ tịch UBND xã và Ủy ban nhân dân (UBND) tỉnh."
    import unicodedata

    text = unicodedata.normalize("NFD", text)
    doc = annotate(normalize(Document(text)))
    (item,) = doc.abbreviations
    assert item.short == "UBND" and item.source == "document"
    assert [text[m.start : m.end] for m in item.mentions] == ["UBND"] * 3


def test_entries_are_ordered_by_first_occurrence() -> None:
    assert list(abbreviations("HĐND và UBND cùng MTTQ, rồi HĐND.")) == ["HĐND", "UBND", "MTTQ"]


# --- Expansion --------------------------------------------------------------------------


def test_expand_spells_out_and_maps_back_to_the_input() -> None:
    text = "Chủ tịch UBND xã báo cáo KT-XH."
    expansion = expand(text)
    assert expansion.text == "Chủ tịch Ủy ban nhân dân xã báo cáo kinh tế - xã hội."
    start = expansion.text.index("Ủy ban")
    end = start + len("Ủy ban nhân dân")
    source_start, source_end = expansion.offsets.to_source(start, end)
    assert text[source_start:source_end] == "UBND"
    xa = expansion.text.index(" xã")
    assert expansion.offsets.to_source(xa, xa + 3) == (text.index(" xã"), text.index(" xã") + 3)


def test_expand_keeps_the_definition_as_written() -> None:
    text = "Thực hiện nghị quyết (NQ) của Đảng, các NQ được quán triệt."
    assert (
        expand(text).text == "Thực hiện nghị quyết (NQ) của Đảng, các nghị quyết được quán triệt."
    )


# --- Mining -----------------------------------------------------------------------------


def test_mine_counts_definitions_and_unknown_forms() -> None:
    articles = [
        {"text": "Ban quản lý chợ (BQLC) họp. BQLC thống nhất. Công ty QWXZ dự."},
        {"text": "Ban quản lý chợ (BQLC) báo cáo. QWXZ vắng mặt."},
        "Chủ tịch UBND tỉnh phát biểu.",
    ]
    report = mine(articles)
    assert report.articles == 3
    (definition,) = report.definitions
    assert (definition.short, definition.long, definition.articles) == (
        "BQLC",
        "Ban quản lý chợ",
        2,
    )
    assert not definition.in_lexicon
    (unknown,) = report.unknown
    assert (unknown.short, unknown.count, unknown.articles) == ("QWXZ", 2, 2)
    assert "BQLC" in format_report(report)


# --- Long input -----------------------------------------------------------------------------


def test_long_article_keeps_every_mention() -> None:
    """About 1.5 MB: every mention is kept (time: benchmarks/long_article.py)."""
    sentence = "Chủ tịch UBND xã (UBND) và Sở KH-ĐT họp về KT-XH, (Ảnh: TL) năm (2018). "
    text = sentence * 20000
    doc = annotate(normalize(Document(text)))
    assert len(doc.abbreviations[0].mentions) == 40000
