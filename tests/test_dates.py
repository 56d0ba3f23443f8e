"""Tests of the dates stage: written forms and their ISO values, negatives, year inheritance.

The tables are meant to be extended by a linguist: one row per written form, the sentence
(written for these tests), the mention the stage must find in it, its value and kind.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn_minutes import dates
from vn_minutes.document import Document
from vn_minutes.record import DateMention

PUBLISHED = dt.date(2025, 6, 28)


def find(text: str, published: dt.date | None = None) -> list[DateMention]:
    """The date mentions of `text`, through the stage's public entry point."""
    return dates.annotate(Document(text, published=published)).dates


# sentence, mention text, value, kind -- without a publication date
SINGLE_FORMS = [
    # dates: numeric with / - . and written
    ("Chiều 05/7/2018, hội nghị khai mạc.", "Chiều 05/7/2018", "2018-07-05", "date"),
    ("Sáng 5-7-2018 đoàn đến thăm xã.", "Sáng 5-7-2018", "2018-07-05", "date"),
    ("Tối 5.7.2018 trời mưa to.", "Tối 5.7.2018", "2018-07-05", "date"),
    ("Văn bản ký ngày 5/7/2018 tại Hà Nội.", "ngày 5/7/2018", "2018-07-05", "date"),
    ("Văn bản ký ngày 05-07-2018 tại huyện.", "ngày 05-07-2018", "2018-07-05", "date"),
    ("Luật có hiệu lực từ 1/7/2016.", "1/7/2016", "2016-07-01", "date"),
    ("Hạn chót là 31-12-2019 theo kế hoạch.", "31-12-2019", "2019-12-31", "date"),
    ("Kết quả công bố ngày 29/2/2020.", "ngày 29/2/2020", "2020-02-29", "date"),
    ("Kỳ họp bế mạc ngày 5 tháng 7 năm 2018.", "ngày 5 tháng 7 năm 2018", "2018-07-05", "date"),
    (
        "Hội thảo diễn ra ngày 12 tháng 10 năm 2021.",
        "ngày 12 tháng 10 năm 2021",
        "2021-10-12",
        "date",
    ),
    (
        "Lễ khởi công tổ chức mùng 2 tháng 9 năm 2019.",
        "mùng 2 tháng 9 năm 2019",
        "2019-09-02",
        "date",
    ),
    ("Trưa 12/3/2017 xảy ra sự cố.", "Trưa 12/3/2017", "2017-03-12", "date"),
    ("Đêm 30/4/2015 pháo hoa được bắn.", "Đêm 30/4/2015", "2015-04-30", "date"),
    ("Rạng sáng 1/1/2020 mưa nhỏ.", "Rạng sáng 1/1/2020", "2020-01-01", "date"),
    ("Họp báo hôm 4/5/2016 tại trụ sở.", "hôm 4/5/2016", "2016-05-04", "date"),
    ("Hội nghị họp sáng ngày 9/9/2019.", "sáng ngày 9/9/2019", "2019-09-09", "date"),
    # yearless dates stay partial without context
    ("Sáng 6-2, Thành ủy họp phiên thường kỳ.", "Sáng 6-2", "--02-06", "date"),
    ("Chiều 8/2, tỉnh tổ chức lễ công bố.", "Chiều 8/2", "--02-08", "date"),
    ("Ngày 25.5, đoàn công tác làm việc tại tỉnh.", "Ngày 25.5", "--05-25", "date"),
    ("Tối 14/6 đội tuyển về nước.", "Tối 14/6", "--06-14", "date"),
    ("Ngày 5 tháng 7, xã ra quân làm đường.", "Ngày 5 tháng 7", "--07-05", "date"),
    ("Cuộc thi kéo dài đến 15/8 mới kết thúc.", "15/8", "--08-15", "date"),
    ("Phường ra quân dịp lễ 2/9 vừa qua.", "2/9", "--09-02", "date"),
    # clock times
    (
        "Đúng 8h sáng ngày 30/6/2025, buổi lễ bắt đầu.",
        "8h sáng ngày 30/6/2025",
        "2025-06-30T08:00",
        "date",
    ),
    (
        "Lúc 14 giờ ngày 5/7/2018, đoàn rời tỉnh.",
        "14 giờ ngày 5/7/2018",
        "2018-07-05T14:00",
        "date",
    ),
    ("Khoảng 8h30 ngày 2/3/2017 xe bị lật.", "8h30 ngày 2/3/2017", "2017-03-02T08:30", "date"),
    (
        "Vào 20 giờ 15 phút ngày 1/10/2018 đám cháy được dập tắt.",
        "20 giờ 15 phút ngày 1/10/2018",
        "2018-10-01T20:15",
        "date",
    ),
    (
        "Khoảng 9h tối 3/4/2019, người dân phát hiện vụ việc.",
        "9h tối 3/4/2019",
        "2019-04-03T21:00",
        "date",
    ),
    ("Trận đấu bắt đầu 19:30 ngày 7/7/2022.", "19:30 ngày 7/7/2022", "2022-07-07T19:30", "date"),
    # months
    ("Trong tháng 7/2018 huyện hoàn thành kế hoạch.", "tháng 7/2018", "2018-07", "month"),
    ("Báo cáo tháng 1-2017 cho thấy tăng trưởng.", "tháng 1-2017", "2017-01", "month"),
    ("Từ tháng 6.2012 thì khác.", "tháng 6.2012", "2012-06", "month"),
    (
        "Chương trình công tác tháng 7 năm 2025 được thông qua.",
        "tháng 7 năm 2025",
        "2025-07",
        "month",
    ),
    ("Dự án chậm đến cuối tháng 12-2016 mới xong.", "cuối tháng 12-2016", "2016-12", "month"),
    ("Đầu tháng 3/2017, xã khởi công.", "Đầu tháng 3/2017", "2017-03", "month"),
    ("Nửa đầu tháng 5/2017 trời nắng nóng.", "Nửa đầu tháng 5/2017", "2017-05", "month"),
    ("Tháng 9 tới trường sẽ khai giảng.", "Tháng 9", "--09", "month"),
    ("Quy định áp dụng từ 10/1990 ở cấp tỉnh.", "10/1990", "1990-10", "month"),
    # quarters
    ("Trong quý II/2018 doanh thu tăng.", "quý II/2018", "2018-Q2", "quarter"),
    ("Kế hoạch quý 3/2017 đã hoàn thành.", "quý 3/2017", "2017-Q3", "quarter"),
    ("Lợi nhuận quý IV năm 2020 giảm nhẹ.", "quý IV năm 2020", "2020-Q4", "quarter"),
    ("Doanh thu quý I-2019 vượt kế hoạch.", "quý I-2019", "2019-Q1", "quarter"),
    ("Đến quý III, dự án vẫn chưa khởi công.", "quý III", None, "quarter"),
    # halves and months of the year
    ("Kết quả 6 tháng đầu năm 2018 rất khả quan.", "6 tháng đầu năm 2018", "2018-H1", "half"),
    ("Nhiệm vụ 6 tháng cuối năm 2017 rất nặng.", "6 tháng cuối năm 2017", "2017-H2", "half"),
    ("Sơ kết sáu tháng đầu năm 2019 tại xã.", "sáu tháng đầu năm 2019", "2019-H1", "half"),
    ("Nửa đầu năm 2025 kinh tế phục hồi.", "Nửa đầu năm 2025", "2025-H1", "half"),
    ("Tăng trưởng nửa cuối 2024 chậm lại.", "nửa cuối 2024", "2024-H2", "half"),
    ("Trong 6 tháng đầu năm, xã kết nạp 5 đảng viên.", "6 tháng đầu năm", None, "half"),
    (
        "Tính chung 5 tháng đầu năm 2017 thu ngân sách tăng.",
        "5 tháng đầu năm 2017",
        "2017-01/2017-05",
        "range",
    ),
    (
        "Xuất khẩu 9 tháng đầu năm 2016 tăng mạnh.",
        "9 tháng đầu năm 2016",
        "2016-01/2016-09",
        "range",
    ),
    (
        "Trong 3 tháng cuối năm 2018 cần tăng tốc.",
        "3 tháng cuối năm 2018",
        "2018-10/2018-12",
        "range",
    ),
    # years
    ("Trong năm 2018 huyện xây 3 trường học.", "năm 2018", "2018", "year"),
    ("Đầu năm 2017, tỉnh ban hành kế hoạch.", "Đầu năm 2017", "2017", "year"),
    ("Cuối năm 2016 dự án hoàn thành.", "Cuối năm 2016", "2016", "year"),
    ("Sơ kết Luật Hợp tác xã năm 2012 tại tỉnh.", "năm 2012", "2012", "year"),
    ("Ông sinh năm 1970 tại Thái Bình.", "năm 1970", "1970", "year"),
    ("Bị can Nguyễn Văn A (SN 1985) bị bắt.", "SN 1985", "1985", "year"),
    ("Quy hoạch có tầm nhìn 2030 và được duyệt.", "tầm nhìn 2030", "2030", "year"),
    ("Mục tiêu phấn đấu đến 2030 hoàn thành.", "2030", "2030", "year"),
    ("Sản lượng giảm so với năm 2015 do hạn hán.", "năm 2015", "2015", "year"),
    (
        "Thành phố phát động Năm Văn minh đô thị 2019 tại quảng trường.",
        "Năm Văn minh đô thị 2019",
        "2019",
        "year",
    ),
    # ranges: terms and spans
    ("Nghị quyết nhiệm kỳ 2015-2020 đã hoàn thành.", "nhiệm kỳ 2015-2020", "2015/2020", "range"),
    (
        "Đại hội Đảng các cấp nhiệm kỳ (NK) 2015-2020 thành công.",
        "nhiệm kỳ (NK) 2015-2020",
        "2015/2020",
        "range",
    ),
    ("Chỉ tiêu NK 2015-2020 đạt 90%.", "NK 2015-2020", "2015/2020", "range"),
    (
        "Kế hoạch giai đoạn 2016 - 2020 được phê duyệt.",
        "giai đoạn 2016 - 2020",
        "2016/2020",
        "range",
    ),
    ("Uỷ ban nhiệm kỳ 2015 – 2020 đã họp.", "nhiệm kỳ 2015 – 2020", "2015/2020", "range"),
    ("Đầu tư giai đoạn 2015- 2020 tăng.", "giai đoạn 2015- 2020", "2015/2020", "range"),
    ("Chủ tịch tỉnh nhiệm kỳ 2016 -2021 được bầu.", "nhiệm kỳ 2016 -2021", "2016/2021", "range"),
    ("Năm học 2017 - 2018 có nhiều đổi mới.", "Năm học 2017 - 2018", "2017/2018", "range"),
    ("Quy hoạch tầm nhìn 2025-2030 đang lập.", "tầm nhìn 2025-2030", "2025/2030", "range"),
    ("Quốc hội khóa XIII (2011-2016) đã họp 11 kỳ.", "2011-2016", "2011/2016", "range"),
    ("Từ năm 2016 đến năm 2020 xã xây 5 trường.", "Từ năm 2016 đến năm 2020", "2016/2020", "range"),
    (
        "Hội chợ diễn ra từ ngày 1 đến 5/7/2018 tại tỉnh.",
        "từ ngày 1 đến 5/7/2018",
        "2018-07-01/2018-07-05",
        "range",
    ),
    (
        "Hội nghị họp trong hai ngày 5 và 6/7/2018.",
        "ngày 5 và 6/7/2018",
        "2018-07-05/2018-07-06",
        "range",
    ),
    (
        "Đoàn thăm tỉnh từ ngày 11-15/5/2017 theo lịch.",
        "từ ngày 11-15/5/2017",
        "2017-05-11/2017-05-15",
        "range",
    ),
    (
        "Số liệu tính từ 10/3/2021 đến 19/4/2021.",
        "từ 10/3/2021 đến 19/4/2021",
        "2021-03-10/2021-04-19",
        "range",
    ),
    (
        "Từ tháng 3.2013 đến tháng 2.2016, bà được bổ nhiệm ba lần.",
        "Từ tháng 3.2013 đến tháng 2.2016",
        "2013-03/2016-02",
        "range",
    ),
    (
        "Từ tháng 5 - 9/2015, Cục phối hợp kiểm tra.",
        "Từ tháng 5 - 9/2015",
        "2015-05/2015-09",
        "range",
    ),
    ("Ông giữ chức vụ từ tháng 9-2016 đến nay.", "từ tháng 9-2016 đến nay", None, "range"),
    ("Xã duy trì mô hình từ năm 2016 đến nay.", "từ năm 2016 đến nay", None, "range"),
    # relative words: null without a publication date
    ("Hôm qua, đoàn đã về đến tỉnh.", "Hôm qua", None, "relative"),
    ("Trong năm qua, xã có nhiều đổi mới.", "năm qua", None, "relative"),
    ("Sáng nay, hội nghị khai mạc.", "Sáng nay", None, "relative"),
]


@pytest.mark.parametrize(("sentence", "mention", "value", "kind"), SINGLE_FORMS)
def test_written_forms(sentence: str, mention: str, value: str | None, kind: str) -> None:
    found = find(sentence)
    assert [(m.text, m.value, m.kind) for m in found] == [(mention, value, kind)]
    assert sentence[found[0].start : found[0].end] == mention


# sentence, mention text, value -- published on 28 June 2025
RELATIVE_FORMS = [
    ("Hôm nay, phường ra quân dọn vệ sinh.", "Hôm nay", "2025-06-28"),
    ("Hôm qua, đoàn đã về đến tỉnh.", "Hôm qua", "2025-06-27"),
    ("Ngày mai, kỳ họp sẽ bế mạc.", "Ngày mai", "2025-06-29"),
    ("Chiều qua, trời có mưa dông.", "Chiều qua", "2025-06-27"),
    ("Sáng nay, hội nghị khai mạc.", "Sáng nay", "2025-06-28"),
    ("Năm nay, xã phấn đấu về đích nông thôn mới.", "Năm nay", "2025"),
    ("Năm ngoái, huyện thu ngân sách vượt dự toán.", "Năm ngoái", "2024"),
    ("Trong năm qua, xã có nhiều đổi mới.", "năm qua", "2024"),
    ("Tuần trước, đoàn kiểm tra đã làm việc.", "Tuần trước", "2025-W25"),
    ("Tháng tới, thành phố sẽ khởi công cầu.", "Tháng tới", "2025-07"),
    ("Sáng nay (28/6), hội nghị khai mạc.", "Sáng nay (28/6)", "2025-06-28"),
    ("Chiều 26/6, Thành ủy họp.", "Chiều 26/6", "2025-06-26"),
    ("Tháng 8 năm ngoái, tàu được hạ thủy.", "Tháng 8 năm ngoái", "2024-08"),
    ("Xã duy trì mô hình từ năm 2016 đến nay.", "từ năm 2016 đến nay", "2016/2025"),
]


@pytest.mark.parametrize(("sentence", "mention", "value"), RELATIVE_FORMS)
def test_relative_forms_resolve_against_publication(
    sentence: str, mention: str, value: str
) -> None:
    found = find(sentence, PUBLISHED)
    assert [(m.text, m.value) for m in found] == [(mention, value)]


NOT_DATES = [
    "Xã hoàn thành 60% chỉ tiêu đề ra.",
    "Đã đạt 9/15 chỉ tiêu của Nghị quyết.",
    "Tỷ lệ đạt 12,5-13% so với kế hoạch.",
    "Thực hiện Nghị quyết số 10-NQ/TU của Tỉnh ủy.",
    "Theo Nghị định 30/2020/NĐ-CP của Chính phủ.",
    "Căn cứ Quyết định 439 – QĐNS/TW của Ban Bí thư.",
    "Sau 5 năm thực hiện, kết quả rất rõ.",
    "Trong 6 tháng qua, xã kết nạp 12 đảng viên.",
    "Những năm qua, huyện luôn đi đầu.",
    "Doanh thu tăng 8% so với cùng kỳ năm trước.",
    "Giá tăng nhẹ so với tháng trước.",
    "Thời gian qua, hiện nay và cách đây 15 năm đều vậy.",
    "Hai ngày nữa đoàn sẽ đến.",
    "Tết Đinh Dậu đã đến gần.",
    "Đại biểu Quốc hội Khóa XIII đã họp.",
    "Ngày 31/2/2018 không có trong lịch.",
    "Liên hệ số 0912.345.678 để được hỗ trợ.",
    "Đội nhà thắng 2-1 trong trận chung kết.",
    "Cứ 3 tháng 1 lần, tổ họp một lần.",
    "Xếp thứ 14/63 tỉnh, thành phố.",
    "Hội nghị trúng cử với 57/57 phiếu.",
    "Giá cao hơn năm trước khá nhiều.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence: str) -> None:
    assert [(m.text, m.value) for m in find(sentence, PUBLISHED)] == []


def test_age_sentence_keeps_only_the_relative_year() -> None:
    # `năm nay` is this year; `65 tuổi` is an age, never a date.
    assert [(m.text, m.value) for m in find("Ông năm nay 65 tuổi.", PUBLISHED)] == [
        ("năm nay", "2025")
    ]


def test_date_after_document_number_is_a_date() -> None:
    found = find("Theo Nghị định 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ.")
    assert [(m.text, m.value) for m in found] == [("ngày 5/3/2020", "2020-03-05")]


# text, values in order -- the year-inheritance rule of GUIDELINES.md
INHERITANCE = [
    # a full date lends its year to a later yearless date
    (
        "Hội nghị tháng 1-2017 đã họp. Đến ngày 20-2, các sở báo cáo.",
        None,
        ["2017-01", "2017-02-20"],
    ),
    # a bare year lends only within its sentence
    ("Hội nghị năm 2017 sơ kết 6 tháng đầu năm.", None, ["2017", "2017-H1"]),
    ("Năm 2017 có nhiều đổi mới. Trong tháng 9, xã khởi công.", None, ["2017", "--09"]),
    # coordinated expressions share the stated year
    ("Bàn nhiệm vụ 6 tháng đầu năm và 6 tháng cuối năm 2017.", None, ["2017-H1", "2017-H2"]),
    # comparison baselines, birth years and ranges do not lend
    ("Tăng 5% so với cùng kỳ năm 2016. Sáu tháng cuối năm cần cố gắng.", None, ["2016", None]),
    ("Ông sinh ngày 2/3/1970. Chiều 5/7, ông nhận nhiệm vụ.", None, ["1970-03-02", "--07-05"]),
    ("Nhiệm kỳ 2015-2020 sắp kết thúc. Chiều 5/7, Đảng ủy họp.", None, ["2015/2020", "--07-05"]),
    # a year-less date takes the publication year when nothing earlier states one
    ("Chiều 26/4, Phó Chủ tịch chủ trì cuộc họp.", dt.date(2021, 4, 26), ["2021-04-26"]),
    # the nearest earlier mention wins over the publication year
    (
        "Ngày 6/2/2017 có quyết định. Sáng 8/2, tỉnh công bố.",
        dt.date(2021, 4, 26),
        ["2017-02-06", "2017-02-08"],
    ),
    # `cùng ngày` takes the date it refers back to
    (
        "Chiều 3/7, kỳ họp khai mạc. Chiều cùng ngày, đại biểu thảo luận.",
        None,
        ["--07-03", "--07-03"],
    ),
    ("Quý 3/2017 sẽ họp. Ngay trong quý 3 này sẽ triển khai.", None, ["2017-Q3", "2017-Q3"]),
    # a range end takes the other end's year
    ("Giám sát từ tháng 6-2016 đến tháng 3.", None, ["2016-06/2017-03"]),
]


# text, mentions -- sentences holding several mentions
SEVERAL = [
    (
        "Xã xây trường trong các năm 2013, 2014 và 2015.",
        [("năm 2013", "2013"), ("2014", "2014"), ("2015", "2015")],
    ),
    (
        "Lễ kỷ niệm quan hệ ngoại giao (24/6/1967-24/6/2017) diễn ra trọng thể.",
        [("24/6/1967-24/6/2017", "1967-06-24/2017-06-24")],
    ),
    ("Nhà thơ sống 81 năm (1907 - 1988) và để lại nhiều tác phẩm.", [("1907 - 1988", "1907/1988")]),
    (
        "Cửa hàng nghỉ từ 30/4/2021 - 1/5/2021.",
        [("từ 30/4/2021 - 1/5/2021", "2021-04-30/2021-05-01")],
    ),
    ("Từ hai cán bộ đầu tiên (2014), nay đã có 20 người.", [("2014", "2014")]),
    ("Doanh thu tăng so với 2016 và cùng kỳ 2019.", [("2016", "2016"), ("2019", "2019")]),
]


@pytest.mark.parametrize(("text", "mentions"), SEVERAL)
def test_several_mentions(text: str, mentions: list[tuple[str, str]]) -> None:
    assert [(m.text, m.value) for m in find(text)] == mentions


@pytest.mark.parametrize(("text", "published", "values"), INHERITANCE)
def test_year_inheritance(text: str, published: dt.date | None, values: list[str | None]) -> None:
    assert [m.value for m in find(text, published)] == values


def test_part_of_day_and_time_are_recorded() -> None:
    (mention,) = find("Vào 8h sáng ngày 30/6/2025, lễ khai mạc bắt đầu.")
    assert (mention.part_of_day, mention.time) == ("sáng", "08:00")


def test_mentions_are_in_text_order_with_exact_offsets() -> None:
    text = "Chiều 05/7/2018, Đảng bộ sơ kết 6 tháng đầu năm 2018 và nhiệm kỳ 2015-2020."
    found = find(text)
    assert [m.value for m in found] == ["2018-07-05", "2018-H1", "2015/2020"]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_offsets_point_into_the_input_when_normalisation_changed_it() -> None:
    from vn_minutes.pipeline import Pipeline

    text = "Nhiệm vụ của xã trong quý II/2018 và năm 2019."
    record = Pipeline.default().only("normalize", "dates")(text)
    assert [(text[m.start : m.end], m.value) for m in record.dates] == [
        ("quý II/2018", "2018-Q2"),
        ("năm 2019", "2019"),
    ]


def test_a_long_text_is_handled_in_linear_time() -> None:
    text = "Chiều 05/7/2018, hội nghị họp; tăng 9/15 chỉ tiêu, nhiệm kỳ 2015-2020. " * 5_000
    assert len(find(text)) == 10_000


def test_a_long_text_of_yearless_dates_inherits_in_linear_time() -> None:
    # each yearless date looks back once, not over every earlier mention
    text = (
        "Quý II/2017 có nhiều việc. " + "Chiều 5/7, hội nghị họp; cùng ngày, xã ra quân. " * 5_000
    )
    found = find(text)
    assert len(found) == 10_001
    assert {m.value for m in found[1:]} == {"2017-07-05"}


# ---------------------------------------------------------------------------------------------
# Spelling variants: a syllable with final i or y is the same word (`kỳ`/`kì`, `quý`/`quí`).

# sentence, mentions (text, value) -- published on 28 June 2025
SPELLINGS = [
    ("Đại hội Đảng bộ nhiệm kì 2020-2025 thành công.", [("nhiệm kì 2020-2025", "2020/2025")]),
    ("Kế hoạch thời kì 2021 - 2030 được duyệt.", [("thời kì 2021 - 2030", "2021/2030")]),
    ("Lợi nhuận quí III/2024 tăng mạnh.", [("quí III/2024", "2024-Q3")]),
    ("Doanh thu quí 2-2023 giảm nhẹ.", [("quí 2-2023", "2023-Q2")]),
    # baselines: `cùng kì năm ngoái` is no date, as `cùng kỳ năm ngoái`
    ("Thu ngân sách tăng 7% so với cùng kì năm ngoái.", []),
    ("Số vụ việc tăng so với cùng kì năm trước.", []),
    ("Sản lượng cùng kì năm ngoái đạt 3 triệu tấn.", []),
    ("Tăng 5% so với cùng kỳ năm ngoái.", []),
    ("Giá tăng so với cùng kì năm 2023.", [("năm 2023", "2023")]),
    # school terms and periodic meetings are no dates
    ("Học sinh đang ôn thi học kì I.", []),
    ("Chi bộ họp định kì hằng tháng.", []),
    ("Kết quả học kỳ II khá tốt.", []),
]


@pytest.mark.parametrize(("sentence", "mentions"), SPELLINGS)
def test_i_and_y_spellings_are_one_word(sentence: str, mentions: list[tuple[str, str]]) -> None:
    assert [(m.text, m.value) for m in find(sentence, PUBLISHED)] == mentions


# ---------------------------------------------------------------------------------------------
# Years inside names (laws, decrees, constitutions) never lend their year, in any case.

# text, values in order -- without a publication date
NAMED_YEARS = [
    (
        "Hội nghị sơ kết luật hợp tác xã năm 2012, chiều 28-6 đại biểu thảo luận.",
        ["2012", "--06-28"],
    ),
    ("Thi hành hiến pháp năm 2013 tốt, sáng 3/4 tỉnh họp.", ["2013", "--04-03"]),
    ("Theo nghị định năm 2019 về xử phạt, ngày 5/8 đoàn kiểm tra.", ["2019", "--08-05"]),
    ("Áp dụng bộ luật Hình sự năm 2015, chiều 2/7 tòa xét xử.", ["2015", "--07-02"]),
    ("Triển khai Luật Đất đai năm 2024 trong tuần, chiều 9/1 xã họp.", ["2024", "--01-09"]),
    ("Thực hiện quyết định năm 2020 của tỉnh, sáng 6/6 huyện họp.", ["2020", "--06-06"]),
    # not names: `pháp luật`, `kỷ luật` are common nouns, their year lends in the sentence
    ("Tuyên truyền pháp luật năm 2022 đạt kết quả, chiều 3/5 tổng kết.", ["2022", "2022-05-03"]),
    ("Công tác kỷ luật đảng năm 2021 nghiêm, sáng 9/9 sơ kết.", ["2021", "2021-09-09"]),
    # a lower-case `kế hoạch` is a plan of the year, not a name
    ("Thực hiện kế hoạch năm 2023 tốt, chiều 8/8 xã sơ kết.", ["2023", "2023-08-08"]),
]


@pytest.mark.parametrize(("text", "values"), NAMED_YEARS)
def test_years_in_names_do_not_lend(text: str, values: list[str | None]) -> None:
    assert [m.value for m in find(text)] == values


# ---------------------------------------------------------------------------------------------
# Day ranges inside one month; ratios and scores are not dates.

# sentence, mention, value -- without a publication date
DAY_RANGES = [
    ("Hội nghị diễn ra 24-25/6 tại Hà Nội.", "24-25/6", "--06-24/--06-25"),
    ("Hội nghị Trung ương (24-25/6) thành công.", "24-25/6", "--06-24/--06-25"),
    ("Kỳ họp ngày 24 - 25/6/2017 bế mạc.", "ngày 24 - 25/6/2017", "2017-06-24/2017-06-25"),
    ("Đoàn làm việc từ 24 đến 25/6 tại tỉnh.", "từ 24 đến 25/6", "--06-24/--06-25"),
    ("Hội nghị họp trong hai ngày 24 và 25/6.", "ngày 24 và 25/6", "--06-24/--06-25"),
    ("Trong hai ngày làm việc 3-4/9, đoàn thăm ba xã.", "3-4/9", "--09-03/--09-04"),
    ("Giá tăng mạnh trong phiên 6-8/6 vừa qua.", "6-8/6", "--06-06/--06-08"),
    ("Hội nghị được tổ chức vào 13-14/6 tới.", "13-14/6", "--06-13/--06-14"),
    ("Diễn đàn (11-12/5/2017) kết thúc tốt đẹp.", "11-12/5/2017", "2017-05-11/2017-05-12"),
    ("Lễ hội (13-14/5 và 20-21/5) thu hút du khách.", "13-14/5", "--05-13/--05-14"),
]


@pytest.mark.parametrize(("sentence", "mention", "value"), DAY_RANGES)
def test_day_ranges_in_one_month(sentence: str, mention: str, value: str) -> None:
    found = find(sentence)
    assert (found[0].text, found[0].value, found[0].kind) == (mention, value, "range")


# sentence, mentions -- listed days and figures that look like day ranges
NOT_DAY_RANGES = [
    ("Tỷ lệ 3-4/10 hộ dân đồng tình.", []),
    ("Đội khách thắng 2-1/2 hiệp đầu.", []),
    ("Hàng năm khoảng 5-6/10 học sinh đỗ.", []),
    # days listed with `và` that do not follow each other are separate days, no range
    ("Bầu cử diễn ra ngày 11 và 18/6 tới.", [("18/6", "--06-18")]),
    ("Xét nghiệm vào các ngày 8, 12 và 21/4.", [("21/4", "--04-21")]),
]


@pytest.mark.parametrize(("sentence", "mentions"), NOT_DAY_RANGES)
def test_not_day_ranges(sentence: str, mentions: list[tuple[str, str]]) -> None:
    assert [(m.text, m.value) for m in find(sentence)] == mentions


# ---------------------------------------------------------------------------------------------
# `hôm nay`: today, unless it names the present age.

# sentence, mentions (text, value) -- published on 28 June 2025
TODAY = [
    ("Hôm nay, hội nghị khai mạc.", [("Hôm nay", "2025-06-28")]),
    ("Cuộc họp hôm nay bàn ba nội dung.", [("hôm nay", "2025-06-28")]),
    ("Ông nói: “Chúng ta họp hôm nay”.", [("hôm nay", "2025-06-28")]),
    ("Hôm nay (28/6), tỉnh tổ chức lễ.", [("Hôm nay (28/6)", "2025-06-28")]),
    # figurative: the present age
    ("Quê hương hôm nay đã đổi thay nhiều.", []),
    ("Bài học cho thế hệ trẻ hôm nay rất quý.", []),
    ("Truyền thống được tiếp nối hôm nay và mai sau.", []),
    ("Cuốn sách “Việt Nam hôm nay” được giới thiệu.", []),
    ("Đời sống hôm nay khác xa ngày trước.", []),
    # `mấy hôm nay` is a span of days, no date
    ("Mấy hôm nay trời mưa to.", []),
]


@pytest.mark.parametrize(("sentence", "mentions"), TODAY)
def test_today_and_the_present_age(sentence: str, mentions: list[tuple[str, str]]) -> None:
    assert [(m.text, m.value) for m in find(sentence, PUBLISHED)] == mentions


# ---------------------------------------------------------------------------------------------
# Written forms with stray spaces and ISO dates.

# sentence, mention, value -- without a publication date
MORE_FORMS = [
    ("Lễ kỷ niệm tổ chức ngày 26/5/ 2017 tại Hà Nội.", "ngày 26/5/ 2017", "2017-05-26"),
    ("Ông sinh ngày 7/7/ 1950 ở Nam Định.", "ngày 7/7/ 1950", "1950-07-07"),
    ("Văn bản ban hành 2017-05-17 theo quy định.", "2017-05-17", "2017-05-17"),
    ("Cập nhật lúc 2024-11-03 09:44 từ hội trường.", "2024-11-03 09:44", "2024-11-03T09:44"),
]


@pytest.mark.parametrize(("sentence", "mention", "value"), MORE_FORMS)
def test_spaced_and_iso_dates(sentence: str, mention: str, value: str) -> None:
    found = find(sentence)
    assert [(m.text, m.value) for m in found] == [(mention, value)]
    assert sentence[found[0].start : found[0].end] == mention


NOT_ISO_DATES = [
    "Mã hồ sơ 2017-05-17-01 đã được cấp.",
    "Ngày 2017-13-05 không tồn tại.",
    "Số hiệu 12017-05-17 là mã lô hàng.",
]


@pytest.mark.parametrize("sentence", NOT_ISO_DATES)
def test_not_iso_dates(sentence: str) -> None:
    assert find(sentence) == []


# ---------------------------------------------------------------------------------------------
# Property: every supported written form of a random calendar date parses back to it.

RENDERINGS = {
    "slash": ("ngày {d}/{m}/{y}", "date"),
    "slash_padded": ("ngày {d:02d}/{m:02d}/{y}", "date"),
    "dash": ("ngày {d}-{m}-{y}", "date"),
    "dot": ("ngày {d}.{m}.{y}", "date"),
    "written": ("ngày {d} tháng {m} năm {y}", "date"),
    "part_of_day": ("chiều {d}/{m}/{y}", "date"),
    "clock": ("14 giờ ngày {d}/{m}/{y}", "date"),
    "bare": ("{d}/{m}/{y}", "date"),
    "month_slash": ("tháng {m}/{y}", "month"),
    "month_dash": ("tháng {m}-{y}", "month"),
    "month_written": ("tháng {m} năm {y}", "month"),
    "quarter": ("quý {q}/{y}", "quarter"),
    "quarter_roman": ("quý {qr}/{y}", "quarter"),
    "half": ("6 tháng {edge} năm {y}", "half"),
    "year": ("năm {y}", "year"),
    "term": ("nhiệm kỳ {y}-{y5}", "range"),
}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def expected_value(form: str, day: dt.date) -> str:
    """The ISO value the rendering `form` of `day` must parse to."""
    quarter, half = (day.month - 1) // 3 + 1, 1 if day.month <= 6 else 2
    kind = RENDERINGS[form][1]
    return {
        "date": day.isoformat() + ("T14:00" if form == "clock" else ""),
        "month": day.isoformat()[:7],
        "quarter": f"{day.year}-Q{quarter}",
        "half": f"{day.year}-H{half}",
        "year": str(day.year),
        "range": f"{day.year}/{day.year + 5}",
    }[kind]


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2094, 12, 31)),
    form=st.sampled_from(sorted(RENDERINGS)),
    prefix=st.sampled_from(["", "Theo kế hoạch, ", "Hội nghị họp ", "(Ảnh) "]),
    suffix=st.sampled_from(["", ".", ", tại Hà Nội.", " và tiếp tục."]),
)
def test_rendered_dates_parse_back(day: dt.date, form: str, prefix: str, suffix: str) -> None:
    quarter, half = (day.month - 1) // 3 + 1, 1 if day.month <= 6 else 2
    written = RENDERINGS[form][0].format(
        d=day.day,
        m=day.month,
        y=day.year,
        y5=day.year + 5,
        q=quarter,
        qr=ROMAN[quarter],
        edge="đầu" if half == 1 else "cuối",
    )
    text = prefix + written + suffix
    found = find(text)
    assert [(m.text, m.start, m.end, m.value, m.kind) for m in found] == [
        (
            written,
            len(prefix),
            len(prefix) + len(written),
            expected_value(form, day),
            RENDERINGS[form][1],
        )
    ]
