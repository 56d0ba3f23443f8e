"""The HTML view marks every extracted span exactly once, at its offsets, and escapes the text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import vn_minutes
from vn_minutes.cli import main
from vn_minutes.record import (
    Abbreviation,
    ArticleRecord,
    DateMention,
    ErrorInfo,
    ErrorRecord,
    Mention,
    Percentage,
    Person,
    Ratio,
    Shortcoming,
)
from vn_minutes.view import (
    IndexEntry,
    Span,
    mark_text,
    page_name,
    render_article,
    render_index,
    spans_of,
    write_pages,
)

TEXT = (
    "Chiều 14/5/2021, Ban Thường vụ Tỉnh ủy họp. Đồng chí Lê Minh Khoa, Bí thư Tỉnh ủy, "
    "Chủ tịch HĐND tỉnh chủ trì.\n"
    "Hội đồng nhân dân (HĐND) đánh giá: tỷ lệ giải ngân còn thấp, chỉ đạt gần 38,5% kế hoạch; "
    "mới có 6/11 chỉ tiêu đạt.\r\n"
    "Ông Khoa đề nghị khắc phục trong quý III/2021."
)


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """The offsets of the nth occurrence of `part` in `text`."""
    starts = [m.start() for m in re.finditer(re.escape(part), text)]
    return starts[nth], starts[nth] + len(part)


def span(part: str, nth: int = 0, text: str = TEXT) -> dict:
    """`text`, `start`, `end` of a part of the text, to splat into a model."""
    start, end = at(text, part, nth)
    return {"text": part, "start": start, "end": end}


def mention(part: str, nth: int = 0, text: str = TEXT) -> Mention:
    start, end = at(text, part, nth)
    return Mention(start=start, end=end)


def full_record() -> ArticleRecord:
    """A record with every field, nested spans and a span crossing another's boundary."""
    return ArticleRecord(
        id="t-1",
        title="Họp Ban Thường vụ",
        author="Minh An",
        abbreviations=[
            Abbreviation(
                short="HĐND",
                long="Hội đồng nhân dân",
                source="document",
                mentions=[mention("HĐND", 0), mention("HĐND", 1)],
            )
        ],
        dates=[
            DateMention(**span("Chiều 14/5/2021"), value="2021-05-14", kind="date"),
            DateMention(**span("quý III/2021"), value="2021-Q3", kind="quarter"),
        ],
        people=[
            Person(
                name="Lê Minh Khoa",
                honorific="đồng chí",
                roles=["Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"],
                mentions=[mention("Lê Minh Khoa"), mention("Khoa", 1)],
            )
        ],
        percentages=[
            Percentage(
                **span("gần 38,5%"), value=38.5, qualifier="nearly", subject="tỷ lệ giải ngân"
            )
        ],
        ratios=[Ratio(**span("6/11 chỉ tiêu"), numerator=6, denominator=11, subject="chỉ tiêu")],
        shortcomings=[
            Shortcoming(**span("tỷ lệ giải ngân còn thấp, chỉ đạt gần 38,5% kế hoạch")),
            # crosses the ratio's start: must be split, not dropped
            Shortcoming(**span("kế hoạch; mới có 6/11"), topic="kế hoạch", found_by="model"),
        ],
    )


class MarkedText(HTMLParser):
    """The text of `<article id="text">` and each `<mark>` in it with its character range."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.parts: list[str] = []
        self.position = 0
        self.open: list[dict] = []
        self.marks: list[dict] = []
        self.other_tags: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "article" and attributes.get("id") == "text":
            self.inside = True
        elif self.inside and tag == "mark":
            self.open.append({**attributes, "from": self.position})
        elif self.inside:
            self.other_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside = False
        elif self.inside and tag == "mark":
            mark = self.open.pop()
            self.marks.append({**mark, "to": self.position})

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.parts.append(data)
            self.position += len(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def parse(page: str) -> MarkedText:
    parser = MarkedText()
    parser.feed(page)
    parser.close()
    return parser


def assert_marked_exactly_once(page: str, text: str, spans: list[Span]) -> None:
    """Each span has one head mark at its offsets, and its fragments cover exactly its range."""
    parsed = parse(page)
    assert parsed.text == text
    assert parsed.other_tags == []
    assert not parsed.open
    by_key: dict[str, list[dict]] = {}
    for mark in parsed.marks:
        by_key.setdefault(mark["data-span"], []).append(mark)
    assert sorted(by_key) == sorted(s.key for s in spans)
    for s in spans:
        fragments = sorted(by_key[s.key], key=lambda m: m["from"])
        heads = [m for m in fragments if m.get("data-part") != "cont"]
        assert len(heads) == 1, s.key
        (head,) = heads
        assert head is fragments[0]
        assert (int(head["data-start"]), int(head["data-end"])) == (s.start, s.end)
        assert head["from"] == s.start
        assert fragments[-1]["to"] == s.end
        for before, after in zip(fragments, fragments[1:], strict=False):
            assert before["to"] == after["from"], s.key
        assert all(m["data-field"] == s.field for m in fragments)


def test_every_span_of_a_full_record_is_marked_once_at_its_offsets() -> None:
    record = full_record()
    page = record.to_html(TEXT)
    spans = spans_of(record)
    assert len(spans) == 10
    assert_marked_exactly_once(page, TEXT, spans)


@pytest.mark.parametrize(
    ("outer", "inner"),
    [
        ("shortcomings-0", "percentages-0"),  # a percentage inside a shortcoming
        ("people-0-0", "people-0-0"),  # trivially itself
    ],
)
def test_contained_spans_nest_inside_the_container(outer: str, inner: str) -> None:
    parsed = parse(full_record().to_html(TEXT))
    heads = {m["data-span"]: m for m in parsed.marks if m.get("data-part") != "cont"}
    assert heads[outer]["from"] <= heads[inner]["from"] <= heads[inner]["to"] <= heads[outer]["to"]


def test_a_span_crossing_another_is_split_into_fragments_with_one_head() -> None:
    parsed = parse(full_record().to_html(TEXT))
    fragments = [m for m in parsed.marks if m["data-span"] == "shortcomings-1"]
    assert len(fragments) == 2
    assert sum(m.get("data-part") == "cont" for m in fragments) == 1


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("dates-0", "2021-05-14"),
        ("dates-1", "2021-Q3 · quarter"),
        ("percentages-0", "38.5% · nearly · subject: tỷ lệ giải ngân"),
        ("ratios-0", "6/11 · subject: chỉ tiêu"),
        ("abbreviations-0-1", "HĐND = Hội đồng nhân dân · defined in the article"),
        ("people-0-1", "Lê Minh Khoa · đồng chí · roles: Bí thư Tỉnh ủy; Chủ tịch HĐND tỉnh"),
        ("shortcomings-1", "topic: kế hoạch · found by the model"),
    ],
)
def test_a_mark_shows_its_normalised_value_on_hover(key: str, shown: str) -> None:
    parsed = parse(full_record().to_html(TEXT))
    (head,) = [m for m in parsed.marks if m["data-span"] == key and "id" in m]
    assert shown in head["title"]
    assert head["id"] == f"m-{key}"


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('x')</script>",
        '"><img src=x onerror=alert(1)>',
        "&lt;b&gt; & <!-- comment -->",
        "]]></mark></article><script>",
    ],
)
def test_article_text_and_values_are_escaped(hostile: str) -> None:
    text = f"Hội nghị {hostile} đạt 50% kế hoạch."
    record = ArticleRecord(
        title=hostile,
        percentages=[
            Percentage(**span("50%", text=text), value=50, subject=hostile),
        ],
        shortcomings=[Shortcoming(**span(hostile, text=text), topic=hostile)],
    )
    page = render_article(record, text)
    parsed = parse(page)
    assert parsed.text == text
    assert parsed.scripts == 1  # the view's own script only
    assert "<img" not in page
    assert_marked_exactly_once(page, text, spans_of(record))


def test_the_page_is_self_contained_utf8_with_vietnamese_fonts() -> None:
    page = full_record().to_html(TEXT)
    assert '<meta charset="utf-8">' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert '"Noto Sans", "DejaVu Sans"' in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page


def test_spans_outside_the_text_are_listed_not_marked() -> None:
    text = "Năm 2020 và năm 2021."
    record = ArticleRecord(
        dates=[
            DateMention(text="Năm 2020", value="2020", kind="year", start=0, end=8),
            DateMention(text="năm 2030", value="2030", kind="year", start=30, end=38),
            DateMention(text="", value=None, kind="year", start=5, end=5),
        ]
    )
    page = render_article(record, text)
    parsed = parse(page)
    assert [m["data-span"] for m in parsed.marks] == ["dates-0"]
    assert "Not shown" in page and "dates-1" in page and "dates-2" in page


def test_identical_spans_of_two_fields_both_appear() -> None:
    text = "Ông Hà dự họp."
    record = ArticleRecord(
        people=[Person(name="Hà", mentions=[Mention(start=4, end=6)])],
        abbreviations=[Abbreviation(short="Hà", long=None, mentions=[Mention(start=4, end=6)])],
    )
    assert_marked_exactly_once(render_article(record, text), text, spans_of(record))


def test_an_empty_record_renders_the_plain_text() -> None:
    parsed = parse(ArticleRecord().to_html("Không có gì.\n"))
    assert parsed.text == "Không có gì.\n" and parsed.marks == []


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    """A text with random (overlapping, crossing, identical) spans in it."""
    text = draw(st.text(alphabet="ab <>&\"'\r\nđệ", min_size=1, max_size=40))
    fields = ["dates", "people", "shortcomings", "percentages", "ratios", "abbreviations"]
    spans = []
    for i in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(Span(f"s-{i}", draw(st.sampled_from(fields)), start, end, "info"))
    return text, spans


@settings(max_examples=200, deadline=None)
@given(text_and_spans())
def test_any_set_of_spans_is_marked_once_each(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    page = f'<article id="text">{mark_text(text, spans)}</article>'
    assert_marked_exactly_once(page, text, spans)


def test_real_extraction_marks_every_span() -> None:
    record = vn_minutes.extract(TEXT, doc_id="real")
    assert_marked_exactly_once(record.to_html(TEXT), TEXT, spans_of(record))


@pytest.mark.parametrize(
    ("article_id", "taken", "name"),
    [
        ("abc", set(), "abc.html"),
        ("articles:12", set(), "articles_12.html"),
        ("../../etc/passwd", set(), "etc_passwd.html"),
        ("abc", {"abc.html"}, "abc-2.html"),
        ("index", set(), "index-2.html"),
        (None, set(), "article.html"),
    ],
)
def test_page_names_are_safe_and_unique(article_id: str | None, taken: set, name: str) -> None:
    assert page_name(article_id, taken) == name


def test_index_links_every_article_with_counts_and_lists_errors(tmp_path: Path) -> None:
    error = ErrorRecord(id="bad", error=ErrorInfo(type="ValueError", message="empty <text>"))
    index = write_pages([(full_record(), TEXT), (error, "")], tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "t-1.html"]
    page = index.read_text(encoding="utf-8")
    assert 'href="t-1.html"' in page
    assert "empty &lt;text&gt;" in page
    row = re.search(r'href="t-1\.html".*?</tr>', page, re.S).group(0)
    assert re.findall(r'<td class="n">(\d+)</td>', row) == ["2", "1", "2", "1", "1", "1"]
    assert 'href="index.html"' in (tmp_path / "t-1.html").read_text(encoding="utf-8")


def test_render_index_of_nothing_is_a_page() -> None:
    assert "0 articles" in render_index([IndexEntry(ArticleRecord(), None)][:0])


def test_show_command_writes_a_page_per_article_and_an_index(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(TEXT, encoding="utf-8")
    (inputs / "b.txt").write_text("Sáng 2/9/2020, <b>họp</b>.", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["show", str(inputs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "b.html", "index.html"]
    assert parse((out / "b.html").read_text(encoding="utf-8")).text.startswith("Sáng 2/9/2020, <b>")


def test_show_command_reports_unreadable_articles(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    result = CliRunner().invoke(
        main, ["show", str(tmp_path / "bad.txt"), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 3
    assert "UnicodeDecodeError" in (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
