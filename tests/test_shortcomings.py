"""Shortcomings: passages that admit deficiencies, cut into one grounded item per deficiency.

The example sentences are written for these tests (not taken from the corpus). Each table row
is a passage and the items a reader expects; a linguist can add rows.
"""

from __future__ import annotations

import pytest
import regex

from vn_minutes.document import Document
from vn_minutes.normalize import normalize
from vn_minutes.shortcomings import annotate, compile_pattern, sentences, topic, trim

MEETING = "Sáng 3/4, Huyện ủy A tổ chức hội nghị sơ kết kết quả và hạn chế của công tác quý I. "


def shortcomings_of(text: str) -> list[str]:
    """The texts of the shortcomings found in `text`."""
    return [s.text for s in annotate(normalize(Document(text))).shortcomings]


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        # a list after "như:", one item per sentence, final "…" stripped
        (
            "Tuy nhiên, công tác của xã còn một số hạn chế như: việc thu ngân sách còn chậm. "
            "Công tác vệ sinh môi trường có nơi chưa được quan tâm đúng mức…",
            [
                "việc thu ngân sách còn chậm",
                "Công tác vệ sinh môi trường có nơi chưa được quan tâm đúng mức",
            ],
        ),
        # items separated by ";"
        (
            "Đảng bộ còn những tồn tại, hạn chế như: sinh hoạt chi bộ còn hình thức; "
            "việc kết nạp đảng viên mới chưa đạt chỉ tiêu; hồ sơ đảng viên lưu trữ chưa khoa học.",
            [
                "sinh hoạt chi bộ còn hình thức",
                "việc kết nạp đảng viên mới chưa đạt chỉ tiêu",
                "hồ sơ đảng viên lưu trữ chưa khoa học",
            ],
        ),
        # the announcing sentence has no items; the following sentences are the items
        (
            "Bên cạnh đó, huyện còn nhiều bất cập, hạn chế. Hạ tầng giao thông nông thôn "
            "xuống cấp. Việc giải quyết thủ tục hành chính cho người dân còn chậm.",
            [
                "Hạ tầng giao thông nông thôn xuống cấp",
                "Việc giải quyết thủ tục hành chính cho người dân còn chậm",
            ],
        ),
        # "Hạn chế vẫn là ..." and a speaker who points out the deficiencies
        (
            "Tuy nhiên, hạn chế vẫn là công tác cải cách hành chính chưa đáp ứng yêu cầu.",
            ["công tác cải cách hành chính chưa đáp ứng yêu cầu"],
        ),
        (
            "Đồng chí Bí thư chỉ rõ những tồn tại như: việc kiểm điểm còn nể nang, né tránh. "
            "Những tồn tại này cần được khắc phục ngay.",
            ["việc kiểm điểm còn nể nang, né tránh"],
        ),
        # "có trường hợp" starts a second item inside one clause
        (
            "Tuy nhiên, việc bổ nhiệm cán bộ ở một số đơn vị còn vội vàng, có trường hợp "
            "bổ nhiệm khi chưa đủ thời gian công tác.",
            [
                "việc bổ nhiệm cán bộ ở một số đơn vị còn vội vàng",
                "có trường hợp bổ nhiệm khi chưa đủ thời gian công tác",
            ],
        ),
        # "tồn tại" as a verb before a list
        (
            "Phó Bí thư cho biết huyện tồn tại một số hạn chế như: việc cấp phép xây dựng "
            "còn chậm; tỷ lệ hồ sơ trễ hạn chưa giảm.",
            ["việc cấp phép xây dựng còn chậm", "tỷ lệ hồ sơ trễ hạn chưa giảm"],
        ),
        # a bare noun before "là" or "như:" still announces the list
        (
            "Kết luận hội nghị, đồng chí Chủ tịch chỉ rõ hạn chế là tiến độ cấp giấy chứng nhận "
            "chưa đạt kế hoạch; việc thu hồi nợ đọng còn chậm.",
            ["tiến độ cấp giấy chứng nhận chưa đạt kế hoạch", "việc thu hồi nợ đọng còn chậm"],
        ),
        # difficulties listed after "như:", cut at commas between clauses, not inside a subject
        (
            "Tuy nhiên, ngành giáo dục huyện còn rất nhiều khó khăn như: phòng học, thiết bị "
            "chưa đáp ứng yêu cầu, đội ngũ giáo viên còn thiếu, việc sáp nhập điểm trường "
            "còn chậm.",
            [
                "phòng học, thiết bị chưa đáp ứng yêu cầu",
                "đội ngũ giáo viên còn thiếu",
                "việc sáp nhập điểm trường còn chậm",
            ],
        ),
        # "A, B và thiếu C" is one object list of one clause
        (
            "Tuy nhiên, xã vẫn còn những hạn chế như: còn quá ít cán bộ chuyên trách, các "
            "phương tiện kiểm tra và thiếu kinh phí.",
            ["còn quá ít cán bộ chuyên trách, các phương tiện kiểm tra và thiếu kinh phí"],
        ),
        # outside a list, a comma cuts only before a clause with its own subject and marker
        (
            "Tuy nhiên, việc xử lý đơn thư còn chậm, việc đối thoại với công dân, nhất là ở cấp "
            "xã, chưa được quan tâm.",
            [
                "việc xử lý đơn thư còn chậm",
                "việc đối thoại với công dân, nhất là ở cấp xã, chưa được quan tâm",
            ],
        ),
        # a demand may qualify the announcing nouns before "như"
        (
            "Bộ trưởng chỉ ra những hạn chế cần phải lưu ý như việc cấp phép còn chậm; số hồ sơ "
            "trả lại còn nhiều.",
            ["việc cấp phép còn chậm", "số hồ sơ trả lại còn nhiều"],
        ),
        # "chưa đạt yêu cầu" is a verdict: "yêu cầu" is a noun there, no demand
        (
            "Tuy nhiên, việc giải ngân còn chậm, việc thu nợ thuế chưa đạt yêu cầu.",
            ["việc giải ngân còn chậm", "việc thu nợ thuế chưa đạt yêu cầu"],
        ),
        (
            "Tuy nhiên, việc xử lý đơn thư còn chậm, kéo dài, chưa được giải quyết dứt điểm.",
            ["việc xử lý đơn thư còn chậm, kéo dài, chưa được giải quyết dứt điểm"],
        ),
        # a turn inside the sentence: the praise before it is not part of the item
        (
            "Việc sắp xếp bộ máy là yêu cầu cấp bách, tuy nhiên, ở một số xã việc bố trí cán bộ "
            "chưa phù hợp.",
            ["ở một số xã việc bố trí cán bộ chưa phù hợp"],
        ),
        # ... unless what follows has no subject of its own
        (
            "Tuy nhiên, thu ngân sách của huyện đạt khá, song chưa đạt dự toán.",
            ["thu ngân sách của huyện đạt khá, song chưa đạt dự toán"],
        ),
        # "bộc lộ nhiều hạn chế" with no list after it is the item itself
        (
            "Đến nay, quy chế phối hợp cũng bộc lộ nhiều hạn chế, bất cập.",
            ["quy chế phối hợp cũng bộc lộ nhiều hạn chế, bất cập"],
        ),
        # a report heading and bulleted lines, ended by the causes
        (
            "\nII. TỒN TẠI, HẠN CHẾ\n- Công tác tuyên truyền chưa sâu rộng.\n"
            "- Một số chi bộ sinh hoạt chưa đều đặn.\n"
            "III. NGUYÊN NHÂN\n- Do nhận thức chưa đầy đủ.",
            ["Công tác tuyên truyền chưa sâu rộng", "Một số chi bộ sinh hoạt chưa đều đặn"],
        ),
    ],
)
def test_passage_is_cut_into_items(passage: str, expected: list[str]) -> None:
    assert shortcomings_of(MEETING + passage) == expected


@pytest.mark.parametrize(
    "passage",
    [
        # a cause is not a shortcoming
        "Nguyên nhân của những hạn chế trên là do nhận thức của một số cán bộ chưa đầy đủ.",
        # tasks, demands and solutions are not shortcomings
        "Đồng chí đề nghị Đảng bộ thẳng thắn nhìn nhận những khuyết điểm, tồn tại để khắc phục.",
        "Thời gian tới, cần khắc phục những hạn chế, tồn tại trong công tác cán bộ.",
        "Tuy nhiên, các xã cần chủ động hơn nữa trong việc thu ngân sách còn chậm.",
        # "Đây là một trong những nguyên nhân ..." states a cause
        "Tuy nhiên, đây cũng là một trong những nguyên nhân dẫn đến khiếu nại kéo dài.",
        # "như đã nêu" refers back, it introduces no list
        "Để khắc phục những tồn tại như đã nêu trên, huyện tập trung rà soát quy hoạch.",
        # praise, and "hạn chế" as a verb ("to limit")
        "Công tác tuyên truyền được thực hiện tốt, đạt nhiều kết quả tích cực.",
        "Thành phố sẽ hạn chế xe cá nhân vào trung tâm trong giờ cao điểm.",
        # an ordinary "chưa" or "còn" outside a passage of assessment
        "Đến nay, cơ quan chức năng chưa xác định được nguyên nhân vụ cháy.",
        "Ông còn giữ chức Chủ tịch Hội Nông dân tỉnh.",
    ],
)
def test_no_shortcoming(passage: str) -> None:
    assert shortcomings_of(MEETING + passage) == []


def test_contrast_without_a_meeting_does_not_fire() -> None:
    """'Tuy nhiên ... chưa' in an article that reports no meeting or assessment is not taken."""
    assert shortcomings_of("Tuy nhiên, đội bóng vẫn chưa tìm được chiến thắng.") == []


def test_contrast_in_a_meeting_report_fires() -> None:
    text = MEETING + "Tuy nhiên, tiến độ giải ngân vốn đầu tư công còn chậm."
    assert shortcomings_of(text) == ["tiến độ giải ngân vốn đầu tư công còn chậm"]


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        # a disciplinary body's finding: each violation after "nhận thấy," is an item
        (
            "Ủy ban Kiểm tra Tỉnh ủy nhận thấy, ông B đã ký hợp đồng không đúng quy định; "
            "để cấp dưới chi tiêu sai mục đích.",
            ["ông B đã ký hợp đồng không đúng quy định", "để cấp dưới chi tiêu sai mục đích"],
        ),
        # an inspection's findings without the inspector's name: "Qua giám định, phát hiện ..."
        (
            "Qua giám định, phát hiện nhiều sai phạm trong thanh toán chi phí khám bệnh; "
            "chỉ định sai quy trình kỹ thuật ở một số phòng khám.",
            [
                "nhiều sai phạm trong thanh toán chi phí khám bệnh",
                "chỉ định sai quy trình kỹ thuật ở một số phòng khám",
            ],
        ),
        # a report that points out a situation
        (
            "Báo cáo còn chỉ ra tình trạng bổ nhiệm vượt số lượng phó giám đốc ở một số sở.",
            ["tình trạng bổ nhiệm vượt số lượng phó giám đốc ở một số sở"],
        ),
        # "có tình trạng X" in a meeting report, without the demand that follows it
        (
            "Đại biểu cho rằng có tình trạng hồ sơ bị trả lại nhiều lần và đề nghị sở xem xét.",
            ["có tình trạng hồ sơ bị trả lại nhiều lần"],
        ),
        # a quoted word inside the situation does not end it
        (
            "Báo cáo còn chỉ ra tình trạng “lạm phát” cấp phó ở một số sở, ngành.",
            ["tình trạng “lạm phát” cấp phó ở một số sở, ngành"],
        ),
        # a "để" clause that still states the deficiency belongs to the situation
        (
            "Đại biểu cho rằng có tình trạng gửi hồ sơ để các sở thẩm định còn chậm và đề nghị "
            "tỉnh chấn chỉnh.",
            ["có tình trạng gửi hồ sơ để các sở thẩm định còn chậm"],
        ),
    ],
)
def test_findings_and_situations(passage: str, expected: list[str]) -> None:
    assert shortcomings_of(MEETING + passage) == expected


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        # a plain assessment sentence in a meeting report, without an announcing cue word
        (
            "Việc giải quyết đơn thư của công dân vẫn là khâu yếu của huyện.",
            ["Việc giải quyết đơn thư của công dân vẫn là khâu yếu của huyện"],
        ),
        (
            "Số hộ tham gia bảo hiểm y tế tự nguyện chỉ đạt khoảng 12% và có xu hướng giảm.",
            ["Số hộ tham gia bảo hiểm y tế tự nguyện chỉ đạt khoảng 12% và có xu hướng giảm"],
        ),
        (
            "Kết quả thu hút đầu tư vào cụm công nghiệp lại rất khiêm tốn.",
            ["Kết quả thu hút đầu tư vào cụm công nghiệp lại rất khiêm tốn"],
        ),
        # the meeting's own verdict after a reporting verb, a list cut at ";"
        (
            "Hội nghị cũng nhìn nhận, việc cấp giấy chứng nhận quyền sử dụng đất còn chậm; "
            "công tác tiếp dân ở một số xã chưa kịp thời.",
            [
                "việc cấp giấy chứng nhận quyền sử dụng đất còn chậm",
                "công tác tiếp dân ở một số xã chưa kịp thời",
            ],
        ),
        # an inspection's finding goes on in the next sentence
        (
            "Qua kiểm tra, đoàn nhận thấy việc quản lý quỹ đất công ích còn lỏng lẻo. "
            "Hồ sơ giao đất ở một số xã chưa đầy đủ.",
            [
                "việc quản lý quỹ đất công ích còn lỏng lẻo",
                "Hồ sơ giao đất ở một số xã chưa đầy đủ",
            ],
        ),
        # a speaker clause, with the speaker's office, is not part of the item
        (
            "Theo bà Lê Thị B, Trưởng ban Dân vận, nhiều tổ hòa giải ở cơ sở hoạt động "
            "còn hình thức.",
            ["nhiều tổ hòa giải ở cơ sở hoạt động còn hình thức"],
        ),
        # ... and so is the document or body it comes from
        (
            "Theo kết luận thanh tra của Sở Tài chính, việc quản lý quỹ đất công ích còn lỏng lẻo.",
            ["việc quản lý quỹ đất công ích còn lỏng lẻo"],
        ),
        (
            "Theo ĐB Lê Văn C, việc xử lý đơn thư ở một số xã còn chậm.",
            ["việc xử lý đơn thư ở một số xã còn chậm"],
        ),
        # a quoted assessment by an official at the meeting
        (
            "“Công tác kiểm tra sau cấp phép còn buông lỏng”, ông C nói.",
            ["Công tác kiểm tra sau cấp phép còn buông lỏng"],
        ),
        # "kiến nghị" after "trả lời" is a noun, not a demand
        (
            "Việc trả lời kiến nghị của cử tri ở một số xã vẫn là khâu yếu.",
            ["Việc trả lời kiến nghị của cử tri ở một số xã vẫn là khâu yếu"],
        ),
        # an assessment quoted after "nhấn mạnh:"; "cũng chậm"; "chưa được kiểm soát chặt chẽ"
        (
            "Trưởng ban Kinh tế nhấn mạnh: “Công tác quản lý đất đai ở một số xã còn bất cập”.",
            ["Công tác quản lý đất đai ở một số xã còn bất cập"],
        ),
        (
            "Việc bàn giao hồ sơ địa chính cho các xã cũng chậm.",
            ["Việc bàn giao hồ sơ địa chính cho các xã cũng chậm"],
        ),
        (
            "Việc khai thác cát trên sông chưa được kiểm soát chặt chẽ.",
            ["Việc khai thác cát trên sông chưa được kiểm soát chặt chẽ"],
        ),
        # a speaker named without a comma after the name; a demand after "vì vậy" is cut off
        (
            "Theo ông Tâm số cán bộ không chuyên trách ở xã thì nhiều, nhưng chưa mạnh.",
            ["số cán bộ không chuyên trách ở xã thì nhiều, nhưng chưa mạnh"],
        ),
        # words that introduce the deficiency with a colon, and a demand appended to it
        (
            "Đoàn giám sát nêu những vấn đề sau đây: hệ thống y tế cơ sở chưa đáp ứng nhu cầu.",
            ["hệ thống y tế cơ sở chưa đáp ứng nhu cầu"],
        ),
        # a target missed, a duty not fulfilled, a quality lacking: verdicts by themselves
        (
            "Thu ngân sách trên địa bàn thấp hơn kế hoạch đề ra.",
            ["Thu ngân sách trên địa bàn thấp hơn kế hoạch đề ra"],
        ),
        (
            "Một số cán bộ địa chính chưa làm tròn trách nhiệm trong quản lý đất đai.",
            ["Một số cán bộ địa chính chưa làm tròn trách nhiệm trong quản lý đất đai"],
        ),
        (
            "Sự phối hợp giữa các phòng, ban chưa sát sao.",
            ["Sự phối hợp giữa các phòng, ban chưa sát sao"],
        ),
        # after a cue, later sentences carry the deficiency without a cue word
        (
            "Tuy nhiên, công tác phát triển hợp tác xã còn nhiều khó khăn. Doanh thu bình quân "
            "của các hợp tác xã chỉ đạt khoảng 30% so với cùng kỳ. Số thành viên tham gia lại "
            "rất khiêm tốn.",
            [
                "công tác phát triển hợp tác xã còn nhiều khó khăn",
                "Doanh thu bình quân của các hợp tác xã chỉ đạt khoảng 30% so với cùng kỳ",
                "Số thành viên tham gia lại rất khiêm tốn",
            ],
        ),
    ],
)
def test_plain_assessment_in_a_meeting_report(passage: str, expected: list[str]) -> None:
    assert shortcomings_of(MEETING + passage) == expected


@pytest.mark.parametrize(
    "passage",
    [
        # a task, a concession, a question, a cause after a speaker: not assessments
        "Huyện tiếp tục rà soát các dự án chậm tiến độ, không để kéo dài.",
        "Mặc dù nguồn thu còn thấp, xã vẫn hoàn thành kế hoạch chi.",
        "Dù chỉ chiếm 10% diện tích, vùng này đóng góp phần lớn sản lượng.",
        "Vì sao tiến độ giải ngân còn chậm?",
        "Đại biểu cho biết, nguyên nhân chủ yếu do nguồn vốn bố trí còn chậm.",
        # a falling rate is no verdict by itself; "nông thôn mới đạt" is praise
        "Lãi suất cho vay có xu hướng giảm trong quý vừa qua.",
        "Xây dựng nông thôn mới đạt nhiều kết quả tích cực.",
        # "cũng như" joins, it grades nothing
        "Hội nghị đúc rút kinh nghiệm từ thành tựu cũng như hạn chế của nhiệm kỳ trước.",
        # "Theo kế hoạch" is no speaker
        "Theo kế hoạch, dự án sẽ hoàn thành vào cuối năm nay.",
    ],
)
def test_plain_sentence_that_is_no_assessment(passage: str) -> None:
    assert shortcomings_of(MEETING + passage) == []


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        # a topic frame, a concession and a report's lead are not part of the item
        (
            "Đối với chi thường xuyên, việc quản lý tài sản công còn bất cập.",
            ["việc quản lý tài sản công còn bất cập"],
        ),
        (
            "Trong khi nguồn lực được bố trí đủ, nhưng công tác quản lý đất đai còn hạn chế.",
            ["công tác quản lý đất đai còn hạn chế"],
        ),
        (
            "Tại báo cáo về kinh tế - xã hội, Chính phủ do Bộ trưởng Bộ Tài chính trình bày "
            "trước Quốc hội, việc giải ngân vốn đầu tư công còn chậm.",
            ["việc giải ngân vốn đầu tư công còn chậm"],
        ),
        # "Kiểm điểm nhưng chưa ..." has no subject after "nhưng": nothing is stripped
        (
            "Tuy nhiên, một số chi bộ tổ chức kiểm điểm nhưng chưa chỉ rõ khuyết điểm.",
            ["một số chi bộ tổ chức kiểm điểm nhưng chưa chỉ rõ khuyết điểm"],
        ),
        # a person with a list of offices: the finding is the item
        (
            "Ủy ban Kiểm tra Tỉnh ủy kết luận, ông Trần Văn B, Tỉnh ủy viên, Bí thư Huyện ủy, "
            "đã thiếu trách nhiệm trong lãnh đạo; để xảy ra sai phạm trong quản lý đất đai.",
            ["đã thiếu trách nhiệm trong lãnh đạo", "để xảy ra sai phạm trong quản lý đất đai"],
        ),
        # a finding followed directly by its list: one item per ";" clause
        (
            "Qua thanh tra, đoàn thanh tra phát hiện nhiều bất thường về hồ sơ, giá thầu; "
            "chỉ định sai nhà thầu, sai hình thức lựa chọn.",
            [
                "nhiều bất thường về hồ sơ, giá thầu",
                "chỉ định sai nhà thầu, sai hình thức lựa chọn",
            ],
        ),
    ],
)
def test_framing_before_the_item_is_stripped(passage: str, expected: list[str]) -> None:
    assert shortcomings_of(MEETING + passage) == expected


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        # once a passage is open, poor results without a cue word go on with it
        (
            "Bên cạnh kết quả đạt được, công tác bảo đảm an toàn giao thông còn yếu kém. "
            "Trên địa bàn xảy ra 14 vụ tai nạn giao thông, tăng 3 vụ so với cùng kỳ. "
            "Tình hình an ninh nông thôn không ổn định. Thu ngân sách thấp hơn so với kế hoạch "
            "đề ra. Nguyên nhân là do ý thức người dân chưa cao.",
            [
                "công tác bảo đảm an toàn giao thông còn yếu kém",
                "xảy ra 14 vụ tai nạn giao thông, tăng 3 vụ so với cùng kỳ",
                "Tình hình an ninh nông thôn không ổn định",
                "Thu ngân sách thấp hơn so với kế hoạch đề ra",
            ],
        ),
        # a bracket that belongs to the clause is kept
        (
            "Tuy nhiên, công tác quản lý còn nhiều hạn chế. Tỷ lệ thu gom rác chưa đạt chỉ tiêu "
            "đề ra (90% trở lên). Số vụ vi phạm dù đã giảm nhưng vẫn còn nhiều. Việc xử phạt "
            "còn nhẹ. Tình trạng ùn tắc thường xuyên xảy ra tại các nút giao.",
            [
                "Tỷ lệ thu gom rác chưa đạt chỉ tiêu đề ra (90% trở lên)",
                "Số vụ vi phạm dù đã giảm nhưng vẫn còn nhiều",
                "Việc xử phạt còn nhẹ",
                "Tình trạng ùn tắc thường xuyên xảy ra tại các nút giao",
            ],
        ),
    ],
)
def test_poor_results_continue_a_passage(passage: str, expected: list[str]) -> None:
    assert shortcomings_of(MEETING + passage) == expected


def test_passage_goes_on_after_theo_do() -> None:
    """ "Theo đó," spells out what was announced; "Theo kế hoạch," would end the passage."""
    text = MEETING + (
        "Chủ tịch huyện chỉ ra một số tồn tại, hạn chế trong quý. Theo đó, tỷ lệ giải ngân "
        "vốn đầu tư công còn thấp. Đáng chú ý là tình trạng lấn chiếm đất công vẫn phức tạp."
    )
    assert shortcomings_of(text) == [
        "tỷ lệ giải ngân vốn đầu tư công còn thấp",
        "tình trạng lấn chiếm đất công vẫn phức tạp",
    ]


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        # a deficiency clause followed by a demand in the same sentence: the clause is kept
        (
            "Tuy nhiên, việc giải ngân vốn còn chậm, cần đẩy nhanh tiến độ trong thời gian tới.",
            ["việc giải ngân vốn còn chậm"],
        ),
        (
            "Tuy nhiên, huyện còn một số hạn chế. Việc thu ngân sách còn chậm. Công tác quy "
            "hoạch chưa đồng bộ, đề nghị các xã khắc phục.",
            ["Việc thu ngân sách còn chậm", "Công tác quy hoạch chưa đồng bộ"],
        ),
        (
            "Tuy nhiên, chất lượng đội ngũ ở cơ sở chưa cao vì vậy cần một giải pháp lâu dài.",
            ["chất lượng đội ngũ ở cơ sở chưa cao"],
        ),
        # "những tồn tại lớn trong X là Y": Y is the deficiency, up to the demand
        (
            "Nhắc lại những tồn tại lớn trong xây dựng cơ bản là giải ngân vốn chậm và hồ sơ "
            "quyết toán còn tồn đọng, Chủ tịch yêu cầu các phòng khắc phục.",
            ["giải ngân vốn chậm và hồ sơ quyết toán còn tồn đọng"],
        ),
        # a plain assessment before the chair's answer: the assessment only
        (
            "Nhà trẻ tại các khu công nghiệp còn thiếu, ông Chủ tịch cho biết thành phố sẽ "
            "chỉ đạo các sở khẩn trương khắc phục.",
            ["Nhà trẻ tại các khu công nghiệp còn thiếu"],
        ),
        # a purpose before the demand is no deficiency
        ("Tuy nhiên, để khắc phục tình trạng còn chậm, cần đẩy nhanh tiến độ.", []),
    ],
)
def test_deficiency_before_a_demand(passage: str, expected: list[str]) -> None:
    assert shortcomings_of(MEETING + passage) == expected


def test_admission_without_a_following_list_is_the_item() -> None:
    """ "X vẫn còn nhiều hạn chế." announces a list; when none follows, it is the deficiency."""
    text = MEETING + (
        "Tuy vậy, công tác giám sát ở cơ sở vẫn còn nhiều hạn chế. "
        "Huyện sẽ tổ chức tập huấn trong năm tới."
    )
    assert shortcomings_of(text) == ["công tác giám sát ở cơ sở vẫn còn nhiều hạn chế"]


def test_announced_list_may_start_in_the_next_paragraph() -> None:
    text = MEETING + (
        "Tuy nhiên, huyện còn một số hạn chế, tồn tại.\nViệc thu ngân sách còn chậm. "
        "Công tác quy hoạch chưa đồng bộ.\nThời gian tới, huyện tập trung khắc phục."
    )
    assert shortcomings_of(text) == [
        "Việc thu ngân sách còn chậm",
        "Công tác quy hoạch chưa đồng bộ",
    ]


def test_poor_result_opens_no_passage() -> None:
    """Without an opener, "không ổn định" or a rise in accidents is news, not an admission."""
    text = (
        MEETING
        + "Trên địa bàn xảy ra 14 vụ tai nạn, tăng 3 vụ so với cùng kỳ. Giá vàng không ổn định."
    )
    assert shortcomings_of(text) == []


@pytest.mark.parametrize(
    "lead",
    [
        "Chiều 5/6, tại phiên thảo luận tại tổ, các đại biểu Quốc hội cho ý kiến về dự án luật. ",
        "Sáng 9/3, Bộ Y tế tổ chức hội nghị tổng kết công tác năm. ",
        "Sáng 22/5, UBND TP tiến hành buổi họp nghe báo cáo về sự cố mạng. ",
        "Sáng 4/7, UBND tỉnh cho biết đã có kết quả kiểm tra việc bổ nhiệm tại bệnh viện. ",
        "Sáng nay, UB Thường vụ QH cho ý kiến về báo cáo kinh tế - xã hội năm 2016. ",
        "Sáng 12/6, phát biểu thảo luận về quyết toán ngân sách, Bộ trưởng Bộ Tài chính nói. ",
        "Trưa 4-7, ông A đã thay mặt UBND TP giải trình trước HĐND về việc quản lý biệt thự. ",
        "Kiểm toán Nhà nước vừa công bố kết quả kiểm toán chi khám chữa bệnh năm 2015. ",
        "Đảng ủy Khối các cơ quan tỉnh vừa quyết định thi hành kỷ luật đối với ông A. ",
        "Thứ trưởng Bộ TT&TT phát biểu khai mạc hội nghị về tên miền. ",
        "Báo cáo với đoàn, Phó Chủ tịch UBND tỉnh cho biết tỉnh có 2 cửa khẩu quốc tế. ",
        "Ngày 8/6, Thứ trưởng Bộ Nông nghiệp và Phát triển nông thôn thị sát cảng cá Đề Gi. ",
        "Ngày 17/6, Bộ Chính trị đã họp về các dự án thua lỗ ngành Công Thương. ",
    ],
)
def test_debates_and_ministries_are_meeting_reports(lead: str) -> None:
    verdict = "Việc giải ngân vốn cho các dự án y tế chưa đạt kế hoạch."
    assert shortcomings_of(lead + verdict) == [verdict.rstrip(".")]


def test_plain_assessment_needs_a_meeting_report() -> None:
    """Outside a report of a meeting or an assessment, 'còn thấp' is news, not an admission."""
    assert shortcomings_of("Giá rau ở chợ đầu mối còn thấp, nhiều nông dân lo lắng.") == []


def test_finding_without_violation_is_not_taken() -> None:
    text = MEETING + "Ban Bí thư kết luận, ông B đã có nhiều đóng góp cho địa phương."
    assert shortcomings_of(text) == []


def test_deficiency_stated_twice_is_one_entry_in_the_body_wording() -> None:
    text = MEETING + (
        "Tuy nhiên, việc thu ngân sách còn chậm. Ngoài ra, huyện còn một số hạn chế như: "
        "việc thu ngân sách của các xã còn rất chậm; công tác quy hoạch chưa đồng bộ."
    )
    assert shortcomings_of(text) == [
        "việc thu ngân sách của các xã còn rất chậm",
        "công tác quy hoạch chưa đồng bộ",
    ]


def test_offsets_point_into_the_input_even_when_it_is_decomposed() -> None:
    import unicodedata

    passage = "Tuy nhiên, huyện còn một số hạn chế như: việc thu thuế còn chậm."
    text = unicodedata.normalize("NFD", MEETING + passage)
    assert annotate(normalize(Document(text))).shortcomings
    for item in annotate(normalize(Document(text))).shortcomings:
        assert unicodedata.normalize("NFC", text[item.start : item.end]) == item.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Công tác quản lý đất đai còn lỏng lẻo.",  # "còn" before a poor word
        "Thu ngân sách chỉ đạt 40% dự toán.",  # a small share of what was due
    ],
)
def test_an_item_of_the_cue_rules_says_so(sentence: str) -> None:
    (item,) = annotate(normalize(Document(MEETING + sentence))).shortcomings
    assert item.text == sentence.rstrip(".")
    assert item.found_by == "rules"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("Công tác tuyên truyền có nơi chưa sâu rộng", "công tác tuyên truyền"),
        ("Sinh hoạt chi bộ còn hình thức", "xây dựng Đảng"),
        ("Thủ tục hành chính còn rườm rà", "cải cách hành chính"),
        ("Thời tiết năm nay rất thất thường", None),
    ],
)
def test_topic(item: str, expected: str | None) -> None:
    assert topic(item) == expected


@pytest.mark.parametrize(
    ("span", "item"),
    [
        # a demand appended to the deficiency is not part of the item
        (
            "huyện chưa quan tâm tới giao thông nông thôn và đề nghị: “Huyện cần bố trí vốn”.",
            "huyện chưa quan tâm tới giao thông nông thôn",
        ),
        # an ordinal lead ("Thứ hai là") and a quote's attribution after a dash are not part
        ("Thứ hai là việc cấp phép còn chậm.", "việc cấp phép còn chậm"),
        ("Trước hết, hồ sơ địa chính chưa đầy đủ” - ông Nam nói.", "hồ sơ địa chính chưa đầy đủ"),
        # a caption's or a clock's colon introduces nothing
        (
            "Ảnh: Minh Anh. Công tác quy hoạch còn chậm.",
            "Ảnh: Minh Anh. Công tác quy hoạch còn chậm",
        ),
        ("Lúc 08:30, việc tiếp dân còn chậm.", "Lúc 08:30, việc tiếp dân còn chậm"),
    ],
)
def test_item_boundaries(span: str, item: str) -> None:
    start, end = trim(span, (0, len(span))) or (0, 0)
    assert span[start:end] == item


def test_sentences_keep_abbreviations_and_split_bullets() -> None:
    text = "Đoàn đến TP. Hồ Chí Minh. Sau đó họp.\n- Một ý.\n- Ý khác"
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "Đoàn đến TP. Hồ Chí Minh.",
        "Sau đó họp.",
        "- Một ý.",
        "- Ý khác",
    ]


def test_long_article_keeps_every_passage() -> None:
    """A ~1 MB article of repeated reports: each report's deficiency is found, where it is.
    (Its time is measured in benchmarks/long_article.py, not here.)"""
    items = [
        "việc thu thuế còn chậm",
        "công tác tuyên truyền chưa sâu rộng",
        "hồ sơ đảng viên lưu trữ chưa khoa học",
    ]
    passages = "".join(f"Tuy nhiên, xã còn một số hạn chế như: {item}. " for item in items)
    text = MEETING + passages * 5000
    found = annotate(normalize(Document(text))).shortcomings
    assert {text[s.start : s.end] for s in found} == set(items)
    assert found[-1].end > len(text) - 100  # the last passage too


@pytest.mark.parametrize(
    ("pattern", "not_after", "text"),
    [
        # the look-behind refuses the first place the pattern matches, not a later one
        (r"cần", r"(?:không)(?:\s+\w+){0,2}\s+", "không thật sự cần làm, nhưng cần sửa ngay"),
        (r"cần", r"(?:không)(?:\s+\w+){0,2}\s+", "không cần"),
        # overlapping places: a refused match must not hide one that starts inside it
        (r"a\s+a", r"x\s+", "x a a a"),
        (r"tồn\s+tại", r"(?:chưa|không)\s+", "Không tồn tại. Còn tồn tại, TỒN TẠI"),
    ],
)
def test_look_behind_checked_only_where_the_pattern_matches(
    pattern: str, not_after: str, text: str
) -> None:
    full = regex.compile(rf"(?<!{not_after}){pattern}", regex.IGNORECASE | regex.VERSION1)
    searched = compile_pattern(pattern, not_after=not_after)
    for start in range(len(text) + 1):
        expected, found = full.search(text, start), searched.search(text, start)
        assert (found and found.span()) == (expected and expected.span())
    assert [m.span() for m in searched.finditer(text)] == [m.span() for m in full.finditer(text)]
