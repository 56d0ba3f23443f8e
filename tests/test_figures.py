"""The figures stage: percentages (value, range, qualifier, subject, change) and count fractions.

Every example sentence here is written for these tests. Add a row to a table to pin down a
new case; each row says what a reader of the report would count.
"""

from __future__ import annotations

import pytest

from vn_minutes import figures
from vn_minutes.document import Document
from vn_minutes.normalize import normalize
from vn_minutes.record import Percentage, Ratio


def run(text: str) -> Document:
    """The document after the figures stage (figures need no tokens)."""
    return figures.annotate(normalize(Document(text)))


def only_percentage(text: str) -> Percentage:
    found = run(text).percentages
    assert len(found) == 1, found
    return found[0]


def only_ratio(text: str) -> Ratio:
    found = run(text).ratios
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "mention", "value"),
    [
        ("Doanh thu tăng 5,2% so với năm trước.", "5,2%", 5.2),
        ("Sản lượng đạt 1.250% kế hoạch.", "1.250%", 1250.0),
        ("Tỷ lệ đạt 1.250,5% sau ba năm.", "1.250,5%", 1250.5),
        ("Lãi suất giữ ở mức 2.5% trong quý.", "2.5%", 2.5),
        ("Xã đạt 98 % số hộ.", "98 %", 98.0),
        ("Có năm mươi phần trăm hộ dân đồng ý.", "năm mươi phần trăm", 50.0),
        ("Đạt một trăm phần trăm chỉ tiêu.", "một trăm phần trăm", 100.0),
        ("Giảm hai mươi lăm phần trăm chi phí.", "hai mươi lăm phần trăm", 25.0),
        ("Tăng 12 phần trăm so với cùng kỳ.", "12 phần trăm", 12.0),
        ("Lạm phát giảm 0,5 điểm phần trăm.", "0,5 điểm phần trăm", 0.5),
        ("Chỉ số chứng khoán giảm 3 điểm (-0,4%) trong phiên.", "-0,4%", -0.4),
    ],
)
def test_percentage_values(sentence: str, mention: str, value: float) -> None:
    found = only_percentage(sentence)
    assert (found.text, found.value) == (mention, value)


@pytest.mark.parametrize(
    ("sentence", "mention", "qualifier"),
    [
        ("Có hơn 83% cán bộ có trình độ đại học.", "hơn 83%", "more_than"),
        ("Tỷ lệ che phủ rừng đạt trên 45%.", "trên 45%", "more_than"),
        ("Thu ngân sách vượt 12% dự toán.", "vượt 12%", "more_than"),
        ("Tỷ lệ hộ nghèo còn dưới 3%.", "dưới 3%", "less_than"),
        ("Số hồ sơ trực tuyến chưa đến 5% tổng số.", "chưa đến 5%", "less_than"),
        ("Phấn đấu kết nạp ít nhất 10% đoàn viên ưu tú.", "ít nhất 10%", "at_least"),
        ("Vốn đối ứng tối thiểu 30% tổng mức đầu tư.", "tối thiểu 30%", "at_least"),
        ("Phấn đấu 80% trở lên số chi bộ đạt trong sạch.", "80% trở lên", "at_least"),
        ("Tăng trưởng đạt từ 10% trở lên.", "từ 10% trở lên", "at_least"),
        ("Chi thường xuyên không quá 20% tổng chi.", "không quá 20%", "at_most"),
        ("Mức hỗ trợ tối đa 50% chi phí.", "tối đa 50%", "at_most"),
        ("Tổng vốn tăng khoảng 10% so với kế hoạch.", "khoảng 10%", "about"),
        ("Tỷ lệ tham gia xấp xỉ 90%.", "xấp xỉ 90%", "about"),
        ("Sản lượng tăng chừng 7% mỗi năm.", "chừng 7%", "about"),
        ("Hàng hóa qua cảng tăng gần 14%.", "gần 14%", "nearly"),
        ("Có 95% hộ gia đình đạt gia đình văn hóa.", "95%", "exact"),
        ("Đơn vị hoàn thành và vượt kế hoạch 60% chỉ tiêu.", "60%", "exact"),
        ("Hơn 83% đảng viên có trình độ đại học trở lên.", "Hơn 83%", "more_than"),
    ],
)
def test_qualifiers(sentence: str, mention: str, qualifier: str) -> None:
    found = only_percentage(sentence)
    assert (found.text, found.qualifier) == (mention, qualifier)


@pytest.mark.parametrize(
    ("sentence", "mention", "low", "high"),
    [
        ("Tỷ lệ hộ nghèo giảm từ 5 - 7%.", "từ 5 - 7%", 5.0, 7.0),
        ("Doanh thu tăng 5-7% mỗi năm.", "5-7%", 5.0, 7.0),
        ("Mức tăng trưởng kế hoạch đặt ra là 12,5-13%.", "12,5-13%", 12.5, 13.0),
        ("Tỷ lệ đô thị hóa đạt 30% - 35%.", "30% - 35%", 30.0, 35.0),
        ("Kế hoạch tăng trưởng từ 8,5 đến 9%.", "từ 8,5 đến 9%", 8.5, 9.0),
        ("Chỉ số giá tăng từ 3,8 – 3,86%.", "từ 3,8 – 3,86%", 3.8, 3.86),
        ("Vốn đầu tư tăng khoảng 11 đến 12%.", "khoảng 11 đến 12%", 11.0, 12.0),
    ],
)
def test_ranges_are_one_entry(sentence: str, mention: str, low: float, high: float) -> None:
    found = only_percentage(sentence)
    assert (found.text, found.value, found.value_max) == (mention, low, high)


def test_from_to_levels_are_two_figures() -> None:
    found = run("Tỷ lệ hộ nghèo giảm từ 9,7% xuống còn 2,9%.").percentages
    assert [(p.text, p.value, p.value_max) for p in found] == [
        ("9,7%", 9.7, None),
        ("2,9%", 2.9, None),
    ]


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # tỷ lệ X chiếm N%  ->  X
        ("Tỷ lệ đảng viên trẻ chiếm hơn 20%.", "đảng viên trẻ"),
        # N% X  ->  X, a short head continuing over a comma
        (
            "Có hơn 83% cán bộ, đảng viên có trình độ đại học trở lên.",
            "cán bộ, đảng viên có trình độ đại học trở lên",
        ),
        (
            "Năm nay 95% hộ gia đình đạt gia đình văn hóa, 15% số hộ đạt danh hiệu tiêu biểu.",
            "hộ gia đình đạt gia đình văn hóa",
        ),
        # X đạt N%  ->  X
        ("Tốc độ tăng trưởng kinh tế ước đạt 7,5%.", "Tốc độ tăng trưởng kinh tế"),
        ("Mục tiêu tăng trưởng của tỉnh năm nay là 8%.", "Mục tiêu tăng trưởng của tỉnh năm nay"),
        # X tăng N% so với Z  ->  X tăng so với Z
        (
            "Thu ngân sách trên địa bàn tăng 16% so với cùng kỳ năm trước.",
            "Thu ngân sách trên địa bàn tăng so với cùng kỳ năm trước",
        ),
        ("Tỷ lệ hộ nghèo giảm 2%.", "Tỷ lệ hộ nghèo giảm"),
        # ", tăng N%": the clause before names what changed
        ("Khách du lịch đạt 3 triệu lượt, tăng 10%.", "Khách du lịch tăng"),
        (
            "Thu ngân sách ước thực hiện 1.200 tỷ đồng, đạt 80% dự toán.",
            "Thu ngân sách đạt dự toán",
        ),
        # "X, chiếm tỷ lệ N%": the counted phrase of the clause before
        ("Đã có 9/15 chỉ tiêu đạt kế hoạch (KH), chiếm tỷ lệ 60%.", "chỉ tiêu đạt kế hoạch"),
        ("Trong đó 300 đơn thư đã xử lý (chiếm 75%).", "đơn thư đã xử lý"),
        # X chiếm N% Y  ->  X trong Y; Y alone when X only points back
        (
            "Kinh tế tư nhân chiếm 50% cơ cấu kinh tế tỉnh.",
            "Kinh tế tư nhân trong cơ cấu kinh tế tỉnh",
        ),
        ("Số này chỉ chiếm 9% tổng số hợp tác xã.", "tổng số hợp tác xã"),
        # a bare (N%) measures the phrase before it
        ("Tăng trưởng kinh tế của huyện đạt khá (7,4%).", "Tăng trưởng kinh tế của huyện"),
        # the next figure is never part of a subject
        ("Có 46% diện tích là đô thị còn 54% là nông thôn.", "diện tích là đô thị"),
    ],
)
def test_subjects(sentence: str, subject: str) -> None:
    assert run(sentence).percentages[0].subject == subject


def test_a_figure_after_a_figure_keeps_the_same_subject() -> None:
    found = run(
        "Tổng mức bán lẻ đạt 900 tỷ đồng (tăng 6% so với tháng trước, tăng 9% so với cùng kỳ)."
    ).percentages
    assert [p.subject for p in found] == [
        "Tổng mức bán lẻ tăng so với tháng trước",
        "Tổng mức bán lẻ tăng so với cùng kỳ",
    ]


@pytest.mark.parametrize(
    ("sentence", "change"),
    [
        ("Kim ngạch xuất khẩu tăng 12%.", "increase"),
        ("Kinh tế tăng trưởng 7,8%.", "increase"),
        ("Chi phí giảm 5% so với năm trước.", "decrease"),
        ("Số vụ tai nạn (giảm 3%) trong năm.", "decrease"),
        ("Thu ngân sách đạt 102% kế hoạch.", None),
        ("Tỷ lệ hộ nghèo chiếm 4%.", None),
        ("Tỷ lệ hộ nghèo giảm xuống còn 2,9%.", None),
    ],
)
def test_change_is_set_for_increases_and_decreases(sentence: str, change: str | None) -> None:
    assert only_percentage(sentence).change == change


@pytest.mark.parametrize(
    "sentence",
    [
        "Tỷ lệ phần trăm được tính theo quy định.",
        "Đạt bao nhiêu phần trăm thì chưa rõ.",
        "Nghị quyết 35-NQ/TW được ban hành.",
        "Sáng 05/7/2018 hội nghị khai mạc.",
    ],
)
def test_no_percentage(sentence: str) -> None:
    assert run(sentence).percentages == []


@pytest.mark.parametrize(
    ("sentence", "mention", "numerator", "denominator"),
    [
        ("Đến nay đã có 9/15 chỉ tiêu đạt kế hoạch.", "9/15 chỉ tiêu", 9, 15),
        ("Có 21/25 đảng bộ hoàn thành tốt nhiệm vụ.", "21/25 đảng bộ", 21, 25),
        ("Có 4/4 làng giữ vững danh hiệu.", "4/4 làng", 4, 4),
        ("Có 12 trên 15 xã đạt chuẩn nông thôn mới.", "12 trên 15 xã", 12, 15),
        ("Có 8 trong tổng số 10 huyện hoàn thành.", "8 trong tổng số 10 huyện", 8, 10),
        ("Ông được bầu với 65/67 phiếu tán thành.", "65/67 phiếu", 65, 67),
        ("Với số phiếu tuyệt đối 57/57, ông trúng cử.", "57/57", 57, 57),
        ("Chỉ số năng lực cạnh tranh xếp thứ 14/63.", "14/63", 14, 63),
        ("Năm nay tỉnh đứng thứ 5/7 trong khu vực.", "5/7", 5, 7),
        ("Khu vực sẽ có tới 14/37 siêu đô thị của thế giới.", "14/37", 14, 37),
        (
            "Công đoàn quản lý 19.260 CĐ cơ sở/21.148 đơn vị trên địa bàn.",
            "19.260 CĐ cơ sở/21.148 đơn vị",
            19260,
            21148,
        ),
        ("Đã giải quyết 1.479/1.970 đơn thư.", "1.479/1.970 đơn thư", 1479, 1970),
    ],
)
def test_ratios(sentence: str, mention: str, numerator: int, denominator: int) -> None:
    found = only_ratio(sentence)
    assert (found.text, found.numerator, found.denominator) == (mention, numerator, denominator)


def test_ratio_subject_is_the_counted_noun() -> None:
    assert only_ratio("Xã đã đạt 15/19 tiêu chí nông thôn mới.").subject == "tiêu chí"


@pytest.mark.parametrize(
    "sentence",
    [
        "Sáng 05/7/2018, hội nghị khai mạc.",  # a date
        "Ngày 9/5, đoàn công tác làm việc tại xã.",  # a day and month
        "Chiều 8/2 tỉnh tổ chức hội nghị.",
        "Hội nghị diễn ra từ 10/3 đến 19/4.",
        "Hội nghị tổng kết tháng 7/2018 của huyện.",  # a month
        "Kỳ họp diễn ra từ ngày 27 đến ngày 30/62017, tại Hà Nội.",  # a mistyped date
        "Ông được bổ nhiệm từ tháng 4/20216 đến nay.",  # a mistyped month
        "Sản lượng khai thác của 4 tỉnh trong quý I/2017 là 50.000 tấn.",  # a quarter
        "Thực hiện Nghị định số 10/2020/NĐ-CP của Chính phủ.",  # document numbers
        "Căn cứ Nghị quyết 35-NQ/TW của Bộ Chính trị.",
        "Theo Quyết định 193/2013 của Thủ tướng.",
        "Đường dây nóng 0912/345678 luôn trực.",  # a phone number
        "Lực lượng chức năng trực 24/24 tại chốt.",  # round the clock
        "Bản đồ quy hoạch tỷ lệ 1/2000 đã được duyệt.",  # a scale
        "Khoảng 1/3 số hộ chưa có nước sạch.",  # a fraction, not a count
        "Đường dây 110/22 kV được đóng điện.",  # a voltage
    ],
)
def test_not_ratios(sentence: str) -> None:
    assert run(sentence).ratios == []


def test_mentions_are_grounded_in_the_input() -> None:
    # NFD input and a new-style tone mark: offsets still point into the caller's text.
    import unicodedata

    text = unicodedata.normalize("NFD", "Tỷ lệ hoá đơn điện tử đạt hơn 83%, có 9/15 chỉ tiêu đạt.")
    doc = run(text)
    for mention in [*doc.percentages, *doc.ratios]:
        assert unicodedata.normalize("NFC", text[mention.start : mention.end]) == mention.text


def test_long_text_keeps_every_figure() -> None:
    """About 700 KB: every figure is kept (time: benchmarks/long_article.py)."""
    sentence = "Tỷ lệ hộ nghèo giảm 2,5% so với cùng kỳ, có 9/15 chỉ tiêu đạt kế hoạch. "
    filler = "Hội nghị thảo luận nhiều nội dung quan trọng của địa phương trong năm. " * 40
    text = (sentence + filler) * 200
    doc = run(text)
    assert len(doc.percentages) == 200 and len(doc.ratios) == 200


def test_number_words() -> None:
    assert figures.parse_number_words("năm mươi") == 50
    assert figures.parse_number_words("mười lăm") == 15
    assert figures.parse_number_words("một trăm linh năm") == 105
    assert figures.parse_number_words("hai mươi mốt") == 21
    assert figures.parse_number_words("vài") is None


# Subjects of sentence structures the stage was not tuned on. Each row: a sentence, the
# index of the figure, and what a reader says that figure measures.
@pytest.mark.parametrize(
    ("sentence", "index", "subject"),
    [
        # a coordinated noun phrase goes on over its commas
        (
            "Có 100% cán bộ cấp sở, ngành, đảng bộ trực thuộc quản lý có trình độ đại học.",
            0,
            "cán bộ cấp sở, ngành, đảng bộ trực thuộc quản lý có trình độ đại học",
        ),
        (
            "Trên 50% Bí thư, Chủ tịch UBND cấp xã không phải là người địa phương.",
            0,
            "Bí thư, Chủ tịch UBND cấp xã không phải là người địa phương",
        ),
        (
            "Năm qua, 89,6% cán bộ quản lý hoàn thành xuất sắc chức trách, nhiệm vụ.",
            0,
            "cán bộ quản lý hoàn thành xuất sắc chức trách, nhiệm vụ",
        ),
        (
            "Số cán bộ hoàn thành xuất sắc chức trách, nhiệm vụ đạt 89,6%.",
            0,
            "Số cán bộ hoàn thành xuất sắc chức trách, nhiệm vụ",
        ),
        ("Tỷ lệ rác thải được thu gom, xử lý đạt 92%.", 0, "Tỷ lệ rác thải được thu gom, xử lý"),
        (
            "Hơn 70% xã, phường, thị trấn đã có nhà văn hóa.",
            0,
            "xã, phường, thị trấn đã có nhà văn hóa",
        ),
        # ... but not into a new clause
        ("Thu ngân sách đạt 102% dự toán, được tỉnh biểu dương.", 0, "Thu ngân sách đạt dự toán"),
        (
            "Có 95% hộ dân dùng nước sạch, trong đó nhiều hộ dùng nước máy.",
            0,
            "hộ dân dùng nước sạch",
        ),
        ("Có 90% thôn có đường bê tông, góp phần phát triển sản xuất.", 0, "thôn có đường bê tông"),
        # a verb of measurement before the figure: the noun phrase on its left
        ("Tỷ lệ giải quyết hồ sơ đúng hạn đạt 98%.", 0, "Tỷ lệ giải quyết hồ sơ đúng hạn"),
        ("Số doanh nghiệp thành lập mới tăng 12%.", 0, "Số doanh nghiệp thành lập mới tăng"),
        (
            "Khu vực dịch vụ chiếm 45% giá trị sản xuất.",
            0,
            "Khu vực dịch vụ trong giá trị sản xuất",
        ),
        ("Sau hai năm, sản lượng lúa của huyện giảm 4%.", 0, "sản lượng lúa của huyện giảm"),
        (
            "Nguồn nước sinh hoạt đáp ứng 85% nhu cầu của người dân.",
            0,
            "Nguồn nước sinh hoạt đáp ứng nhu cầu của người dân",
        ),
        ("Ứng viên này chỉ giành được 35% số phiếu bầu.", 0, "số phiếu bầu"),
        ("Tỉnh phấn đấu nâng tỷ lệ che phủ rừng lên 45%.", 0, "tỷ lệ che phủ rừng"),
        # the figure opens the phrase: the noun phrase on its right
        ("Có 60% học sinh đạt loại khá.", 0, "học sinh đạt loại khá"),
        ("Năm 2020, 98% hộ gia đình có điện lưới.", 0, "hộ gia đình có điện lưới"),
        ("Cả nước có 65% dân số sống ở nông thôn.", 0, "dân số sống ở nông thôn"),
        # clause words before the measured phrase are not part of it
        (
            "Báo cáo giải thích rõ tại sao lượng gạo xuất khẩu giảm 8%.",
            0,
            "lượng gạo xuất khẩu giảm",
        ),
        ("Giám đốc Sở cho biết tỷ lệ hộ dùng nước sạch đạt 90%.", 0, "tỷ lệ hộ dùng nước sạch"),
        ("Tội phạm hình sự giảm nhưng tội phạm ma túy tăng 15%.", 0, "tội phạm ma túy tăng"),
        ("Tỉnh đặt mục tiêu tỷ lệ đô thị hóa đạt 40%.", 0, "tỷ lệ đô thị hóa"),
        ("Nếu giá xăng tăng thì chi phí vận tải tăng 10%.", 0, "chi phí vận tải tăng"),
        ("Chúng tôi mong tỷ lệ tiêm chủng đạt 95%.", 0, "tỷ lệ tiêm chủng"),
        (
            "Ngân sách gặp khó vì thu từ dầu thô chiếm 12% tổng thu.",
            0,
            "thu từ dầu thô trong tổng thu",
        ),
        # a bare place or time takes the measured noun of the figure before
        (
            "Tỷ lệ sử dụng thuốc sản xuất trong nước tại tuyến tỉnh đạt 35%, tuyến huyện 60%.",
            1,
            "Tỷ lệ sử dụng thuốc sản xuất trong nước tuyến huyện",
        ),
        ("Tỷ lệ hộ nghèo năm 2015 là 12%, năm 2020 còn 4%.", 1, "Tỷ lệ hộ nghèo năm 2020"),
        (
            "Độ che phủ rừng cả nước đạt 42%, khu vực Tây Nguyên 46%.",
            1,
            "Độ che phủ rừng khu vực Tây Nguyên",
        ),
        (
            "Tỷ lệ bao phủ bảo hiểm y tế đạt 90%, riêng khu vực nông thôn đạt 85%.",
            1,
            "Tỷ lệ bao phủ bảo hiểm y tế khu vực nông thôn",
        ),
        (
            "Kim ngạch xuất khẩu tăng 10%. Riêng tháng 12 tăng 15%.",
            1,
            "Kim ngạch xuất khẩu tháng 12 tăng",
        ),
        # both spellings of tỷ lệ / tỷ trọng
        ("Tỉ lệ trẻ em suy dinh dưỡng giảm 1,5%.", 0, "Tỉ lệ trẻ em suy dinh dưỡng giảm"),
        ("Ngành dịch vụ chiếm tỉ trọng 40%.", 0, "Ngành dịch vụ"),
        ("Công nghiệp chiếm tỷ trọng 35% trong cơ cấu kinh tế.", 0, "Công nghiệp"),
        ("Tỉ lệ nữ chiếm đa số (75%) trong ngành giáo dục.", 0, "Tỉ lệ nữ"),
        ("Tội phạm trộm cắp vẫn chiếm tỷ lệ cao (70%).", 0, "Tội phạm trộm cắp"),
    ],
)
def test_subjects_of_unseen_structures(sentence: str, index: int, subject: str) -> None:
    assert run(sentence).percentages[index].subject == subject
