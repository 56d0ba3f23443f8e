"""The people stage: names, honorifics, roles, mentions and the byline author.

Each table row is a sentence written for these tests and what a reader takes from it.
Texts go through normalisation and word segmentation first, as in the pipeline.
"""

from __future__ import annotations

import json

import pytest

from vn_minutes.document import Document
from vn_minutes.normalize import normalize
from vn_minutes.people import annotate, author_in, find_author
from vn_minutes.tokenize import tokenize


def prepared(text: str) -> Document:
    """`text` as the people stage receives it: normalised and segmented."""
    return tokenize(normalize(Document(text)))


def people_of(text: str) -> dict[str, list[str]]:
    """Name -> roles, for the people of `text`."""
    doc = annotate(prepared(text))
    return {p.name: p.roles for p in doc.people}


NAMES_AND_ROLES = [
    # name after honorific, roles after the name, split at commas
    (
        "Đồng chí Trần Văn Hùng, Phó Chủ tịch thường trực HĐND huyện, Bí thư Đảng ủy xã "
        "chủ trì hội nghị.",
        {"Trần Văn Hùng": ["Phó Chủ tịch thường trực HĐND huyện", "Bí thư Đảng ủy xã"]},
    ),
    # role before the name, with a named place in between
    (
        "Bí thư Thành ủy Đà Nẵng Lê Minh Tâm phát biểu.",
        {"Lê Minh Tâm": ["Bí thư Thành ủy Đà Nẵng"]},
    ),
    ("Thủ tướng Phạm Quốc Bảo yêu cầu các bộ.", {"Phạm Quốc Bảo": ["Thủ tướng"]}),
    # several roles before the name
    (
        "Sáng 3/4, Ủy viên Bộ Chính trị, Bí thư Tỉnh ủy Nghệ An Hồ Đức Long dự lễ.",
        {"Hồ Đức Long": ["Ủy viên Bộ Chính trị", "Bí thư Tỉnh ủy Nghệ An"]},
    ),
    # a list of people separated by semicolons
    (
        "Dự có các đồng chí: Đặng Thị Mai, Ủy viên Dự khuyết Trung ương Đảng, Bí thư Tỉnh ủy; "
        "Ngô Văn Bình, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh.",
        {
            "Đặng Thị Mai": ["Ủy viên Dự khuyết Trung ương Đảng", "Bí thư Tỉnh ủy"],
            "Ngô Văn Bình": ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"],
        },
    ),
    # ` - ` and `kiêm` between roles of one person
    (
        "Ông Vũ Hải Nam - Giám đốc Sở Tài chính kiêm Trưởng ban Quản lý dự án cho biết.",
        {"Vũ Hải Nam": ["Giám đốc Sở Tài chính", "Trưởng ban Quản lý dự án"]},
    ),
    # an organisation that completes the office stays with it
    (
        "Ông Lý Văn Tú, Vụ trưởng Vụ Địa phương II, Ban Tổ chức Trung ương đọc quyết định.",
        {"Lý Văn Tú": ["Vụ trưởng Vụ Địa phương II, Ban Tổ chức Trung ương"]},
    ),
    # two people in one sentence: each keeps the role written next to them
    (
        "Bí thư Tỉnh ủy Đinh Công Sơn, Chủ tịch UBND tỉnh Trịnh Thu Hà cùng dự.",
        {"Đinh Công Sơn": ["Bí thư Tỉnh ủy"], "Trịnh Thu Hà": ["Chủ tịch UBND tỉnh"]},
    ),
    # `nguyên` is kept, `tân` dropped
    (
        "Ông Cao Minh Đức, nguyên Bí thư Huyện ủy, đã nghỉ hưu. Bà Tạ Thu Lan, tân Phó Giám "
        "đốc Sở Y tế phát biểu.",
        {"Cao Minh Đức": ["nguyên Bí thư Huyện ủy"], "Tạ Thu Lan": ["Phó Giám đốc Sở Y tế"]},
    ),
    # an office given in the article through a verb
    (
        "Ông Phan Anh Tuấn được bầu làm Chủ tịch UBND huyện với số phiếu tuyệt đối.",
        {"Phan Anh Tuấn": ["Chủ tịch UBND huyện"]},
    ),
    # a shortened repeat of a role is not a second role
    (
        "Giám đốc Sở Xây dựng Lâm Văn Hải cho biết. Sau đó, Giám đốc Lâm Văn Hải nói thêm.",
        {"Lâm Văn Hải": ["Giám đốc Sở Xây dựng"]},
    ),
    # honorifics and academic titles are neither name nor role
    ("GS.TS Nguyễn Hữu Thành trình bày tham luận.", {"Nguyễn Hữu Thành": []}),
    # a two-syllable family name
    ("Bà Tôn Nữ Thị Hạnh phát biểu.", {"Tôn Nữ Thị Hạnh": []}),
    # an ethnic-minority name after an honorific
    ("Ông Y Đhăm Niê chia sẻ kinh nghiệm.", {"Y Đhăm Niê": []}),
    # a cue word inside another word does not make the name a place
    (
        "Bộ trưởng Bộ Tài nguyên và Môi trường Trần Hồng Minh phát biểu.",
        {"Trần Hồng Minh": ["Bộ trưởng Bộ Tài nguyên và Môi trường"]},
    ),
    # a place word completing an office does not make the name a place
    (
        "Chủ tịch UBND tỉnh Nguyễn Văn Lộc chỉ đạo.",
        {"Nguyễn Văn Lộc": ["Chủ tịch UBND tỉnh"]},
    ),
    # an organisation continued in lower case, or by its bracketed parent, completes the role
    (
        "Bà Đinh Thu Hằng, Phó Cục trưởng Cục Quản lý dược (Bộ Y tế) trả lời báo chí.",
        {"Đinh Thu Hằng": ["Phó Cục trưởng Cục Quản lý dược (Bộ Y tế)"]},
    ),
    (
        "Ông Mạc Văn Kiên, Giám đốc bệnh viện Hữu Nghị cho biết.",
        {"Mạc Văn Kiên": ["Giám đốc bệnh viện Hữu Nghị"]},
    ),
    (
        "Ông Tạ Quang Huy, Giám đốc BV Việt Nam - Thụy Điển Uông Bí cho biết.",
        {"Tạ Quang Huy": ["Giám đốc BV Việt Nam - Thụy Điển Uông Bí"]},
    ),
    (
        "Ông Kiều Văn Lực, Chi cục trưởng Chi cục Thủy lợi và đê điều, báo cáo.",
        {"Kiều Văn Lực": ["Chi cục trưởng Chi cục Thủy lợi và đê điều"]},
    ),
    (
        "Ông Hà Minh Sơn, Cục trưởng Cục Quản lý thị trường tỉnh cho biết.",
        {"Hà Minh Sơn": ["Cục trưởng Cục Quản lý thị trường tỉnh"]},
    ),
    # a bracketed abbreviation is not part of the role
    (
        "Ông Lưu Đức Minh, Chủ tịch Hiệp hội Dệt May Việt Nam (VNTA) phát biểu.",
        {"Lưu Đức Minh": ["Chủ tịch Hiệp hội Dệt May Việt Nam"]},
    ),
    # a bracketed abbreviation ends the role when a name follows it
    (
        "Chất vấn Bộ trưởng Bộ Công Thương Lục Văn Đạt, đại biểu (ĐB) Ninh Thị Hà hỏi.",
        {"Lục Văn Đạt": ["Bộ trưởng Bộ Công Thương"], "Ninh Thị Hà": ["đại biểu"]},
    ),
    # titles written in lower case, kept as written
    (
        "Theo ông Đào Văn Thịnh, phó chủ tịch UBND tỉnh, dự án sẽ khởi công.",
        {"Đào Văn Thịnh": ["phó chủ tịch UBND tỉnh"]},
    ),
    ("Ông Lã Văn Hòa, bí thư huyện ủy, cho biết.", {"Lã Văn Hòa": ["bí thư huyện ủy"]}),
    (
        "Ông Tống Văn Phú, giám đốc sở Tài chính, cho biết.",
        {"Tống Văn Phú": ["giám đốc sở Tài chính"]},
    ),
    ("Phó thủ tướng Hoàng Văn Dũng chỉ đạo.", {"Hoàng Văn Dũng": ["Phó thủ tướng"]}),
    # a lower-case organisation word inside another word does not extend the role
    ("Giám đốc Sở Trịnh Văn Khải báo cáo tình hình.", {"Trịnh Văn Khải": ["Giám đốc Sở"]}),
    # a person after a full organisation name keeps it as the role
    (
        "Giám đốc Bệnh viện Bạch Mai Nguyễn Quốc Anh phát biểu.",
        {"Nguyễn Quốc Anh": ["Giám đốc Bệnh viện Bạch Mai"]},
    ),
    # historical figures in set phrases are people with no role
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.", {"Hồ Chí Minh": []}),
    ("Đảng bộ học tập tấm gương Chủ tịch Hồ Chí Minh.", {"Hồ Chí Minh": []}),
    ("Chi đoàn học tập phong cách Hồ Chí Minh.", {"Hồ Chí Minh": []}),
]

NOT_PEOPLE = [
    "Ban Thường vụ Tỉnh ủy đã họp để cho ý kiến.",
    "Đoàn công tác đến làm việc tại TP Hồ Chí Minh.",
    "Các trường trên địa bàn Thành phố Hồ Chí Minh đều tham gia.",
    "Học sinh trường Chu Văn An đạt giải cao.",
    "Công trình nằm trên đường Lê Văn Lương.",
    "Tỉnh Hà Tĩnh và tỉnh Cao Bằng ký kết hợp tác.",
    "Hà Nội là địa phương dẫn đầu.",
    "NQ của BTV Huyện ủy được quán triệt.",
    "Đón Tết Đinh Dậu an toàn.",
    "Lãnh đạo tỉnh tặng hoa chúc mừng. Ảnh: Trọng Toàn",
    "Đại biểu dự hội nghị (Ảnh: Minh Đức/TTXVN).",
    # an organisation whose head is also a family name
    "Đoàn Thanh niên xã ra quân dọn vệ sinh.",
    # a street named once with its cue is a street in later mentions too
    "Xe buýt chạy trên đường Lê Văn Lương. Đoạn qua Lê Văn Lương thường ùn tắc.",
    # two capitalised syllables with nothing showing a person: a place
    "Du khách đến Bạch Mã ngắm cảnh.",
    # towns and districts that look like personal names
    "Đoàn công tác làm việc tại Uông Bí, Cẩm Phả và Tam Kỳ.",
    "Nông dân Quỳ Hợp và Thanh Chương thu hoạch cam.",
    "Giá đất ở Bảo Lộc, Phan Thiết và Long Xuyên tăng.",
    # the town after an organisation's name is its place
    "Bệnh nhân được chuyển đến Bệnh viện Sản Nhi Hoàng Lạc điều trị.",
    # names inside organisation names
    "Đoàn TNCS Hồ Chí Minh tỉnh ra quân.",
    "Ban Chấp hành Đoàn Thanh niên Cộng sản Hồ Chí Minh nhiệm kỳ mới ra mắt.",
    "Cô ấy học cao học tại Học viện Chính trị quốc gia Hồ Chí Minh.",
    "Đội Thiếu niên Tiền phong Hồ Chí Minh tổ chức đại hội.",
    "Công trình được tặng giải thưởng Hồ Chí Minh.",
    "Bệnh nhân được chuyển lên Bệnh viện Chợ Rẫy.",
    "Học sinh Trường THPT Lê Quý Đôn đoạt giải nhất.",
    "Lễ hội được tổ chức trên đường Nguyễn Huệ.",
    "Xe lưu thông qua cầu Trần Thị Lý.",
    "Sinh viên Trường Đại học Tôn Đức Thắng nhập học.",
]


@pytest.mark.parametrize(("text", "expected"), NAMES_AND_ROLES)
def test_names_and_roles(text: str, expected: dict[str, list[str]]) -> None:
    assert people_of(text) == expected


@pytest.mark.parametrize("text", NOT_PEOPLE)
def test_not_people(text: str) -> None:
    assert people_of(text) == {}


def test_later_mentions_join_the_person_with_exact_offsets() -> None:
    text = (
        "Đồng chí Trần Văn Hùng, Bí thư Đảng ủy Khối cơ quan huyện chủ trì. "
        "Đồng chí Bí thư Đảng ủy Khối cơ quan huyện đề nghị các chi bộ cố gắng. "
        "Ông Hùng cho biết thêm."
    )
    doc = annotate(prepared(text))
    [person] = doc.people
    assert person.name == "Trần Văn Hùng"
    assert person.honorific == "đồng chí"
    spans = [text[m.start : m.end] for m in person.mentions]
    assert spans == [
        "Trần Văn Hùng",
        "Đồng chí Bí thư Đảng ủy Khối cơ quan huyện",
        "Hùng",
    ]


def test_given_name_links_to_the_nearest_person_before() -> None:
    text = "Ông Lê Văn Nam phát biểu. Bà Trần Thị Hoa, Giám đốc Sở, nói. Ông Nam đồng ý."
    doc = annotate(prepared(text))
    by_name = {p.name: p for p in doc.people}
    assert [text[m.start : m.end] for m in by_name["Lê Văn Nam"].mentions] == [
        "Lê Văn Nam",
        "Nam",
    ]


def test_offsets_are_in_the_callers_text() -> None:
    # Decomposed (NFD) input and new-style tone marks change the clean text, not the offsets.
    import unicodedata

    text = unicodedata.normalize("NFD", "Chiều nay, Phó Chủ tịch UBND tỉnh Đỗ Văn Thuỷ phát biểu.")
    doc = annotate(prepared(text))
    [person] = doc.people
    [mention] = person.mentions
    assert unicodedata.normalize("NFC", text[mention.start : mention.end]) == "Đỗ Văn Thuỷ"


BYLINES = [
    ("Hội nghị kết thúc tốt đẹp.\nVăn Thư", "Văn Thư"),
    ("Hội nghị kết thúc tốt đẹp.\nTin, ảnh: Quốc Đạt (TTXVN)", "Quốc Đạt"),
    ("Hội nghị kết thúc tốt đẹp. Minh Thu/TTXVN", "Minh Thu"),
    ("Hội nghị kết thúc tốt đẹp./. Hồng Nhung - Bảo Anh/VOV.VN", "Hồng Nhung"),
    ("Hội nghị kết thúc tốt đẹp. Theo TTXVN Ngọc Lan", "Ngọc Lan"),
    ("Hội nghị kết thúc tốt đẹp. (Nguồn: Báo Nhân Dân) Thanh Tùng", "Thanh Tùng"),
    ("“Chúng tôi sẽ làm tốt”, Bộ trưởng nói Hải Yến", "Hải Yến"),
    ("Hội nghị kết thúc tốt đẹp. Bài và ảnh: Trường Sơn", "Trường Sơn"),
    ("Hội nghị kết thúc tốt đẹp. Mai Lan (TTXVN)", "Mai Lan"),
    ("Hội nghị kết thúc tốt đẹp. Theo TTXVN", None),
    ("Hội nghị kết thúc tốt đẹp. PV", None),
    ("Hội nghị kết thúc tốt đẹp.\nVOV", None),
    ("Hội nghị kết thúc tốt đẹp. Theo Báo Chính phủ", None),
    ("Hội nghị kết thúc tốt đẹp tại Hà Nội.", None),
    ("Hội nghị đã diễn ra tại tỉnh Yên Bái./.", None),
]


@pytest.mark.parametrize(("text", "author"), BYLINES)
def test_byline_author(text: str, author: str | None) -> None:
    assert find_author(text)[0] == author


def test_author_is_not_a_person() -> None:
    doc = annotate(prepared("Ông Lê Văn Nam phát biểu.\nNguyễn Hòa"))
    assert doc.author == "Nguyễn Hòa"
    assert [p.name for p in doc.people] == ["Lê Văn Nam"]


@pytest.mark.parametrize(
    ("credit", "author"),
    [("Tin, ảnh: Quốc Đạt (TTXVN)", "Quốc Đạt"), ("Nhóm PV", None), ("H. Nguyên", "H. Nguyên")],
)
def test_author_in_credit(credit: str, author: str | None) -> None:
    assert author_in(credit) == author


def test_no_people_in_empty_text() -> None:
    doc = annotate(normalize(Document("")))
    assert doc.people == [] and doc.author is None


def test_long_article_keeps_every_mention() -> None:
    """About 140 KB: one person, every mention kept (time: benchmarks/long_article.py)."""
    sentence = "Đồng chí Trần Văn Hùng, Bí thư Đảng ủy xã, phát biểu tại hội nghị. "
    text = sentence * 2000
    doc = annotate(normalize(Document(text)))
    assert len(doc.people) == 1 and len(doc.people[0].mentions) == 2000


def test_seed_article(shared) -> None:
    """The seed article with the full pipeline (segmenter tokens included)."""
    import vn_minutes

    text = (shared / "seeds" / "000_cf8b822daab378bb.txt").read_text(encoding="utf-8")
    record = vn_minutes.extract(text)
    people = {p.name: p.roles for p in record.people}
    assert people == {
        "Nguyễn Văn Thanh": ["Phó Chủ tịch thường trực HĐND huyện", "Bí thư Đảng ủy CQCQ huyện"],
        "Hồ Chí Minh": [],
    }
    assert record.author == "Văn Thư"
    assert json.loads(record.model_dump_json())["author"] == "Văn Thư"
