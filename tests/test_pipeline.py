"""The pipeline runs named stages in order; users can run a subset or add their own."""

import datetime as dt
import unicodedata

import pytest

import vn_minutes
from vn_minutes.articles import Article
from vn_minutes.document import Document
from vn_minutes.pipeline import Pipeline, extract_article
from vn_minutes.record import ArticleRecord, ErrorRecord

SAMPLE = (
    "Sáng 12/3/2019, Huyện ủy tổ chức hội nghị. Đồng chí Trần Văn Bình, Bí thư Huyện ủy "
    "chủ trì. Đã có 7/10 chỉ tiêu đạt kế hoạch, tỷ lệ hộ nghèo giảm còn 4,5%.\nHoàng Lan"
)


def test_default_pipeline_lists_its_stages_in_order() -> None:
    assert Pipeline.default().names == [
        "normalize",
        "abbreviations",
        "tokenize",
        "dates",
        "people",
        "figures",
        "shortcomings",
    ]


def test_a_subset_runs_only_the_named_stages() -> None:
    doc = Pipeline.default().only("normalize").run(Document("thuỷ lợi"))
    assert doc.clean == "thủy lợi"
    assert doc.tokens == []


def test_unknown_stage_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown stages"):
        Pipeline.default().only("normalise")


def test_a_user_stage_runs_where_it_is_added() -> None:
    seen: list[int] = []

    def count_tokens(doc: Document) -> Document:
        seen.append(len(doc.tokens))
        return doc

    pipeline = Pipeline.default().with_stage("count", count_tokens, after="tokenize")
    assert pipeline.names.index("count") == pipeline.names.index("tokenize") + 1
    pipeline(SAMPLE)
    assert seen and seen[0] > 10


def test_extract_returns_a_record_with_the_given_metadata() -> None:
    record = vn_minutes.extract(SAMPLE, published=dt.date(2019, 3, 13), doc_id="x", title="T")
    assert isinstance(record, ArticleRecord)
    assert (record.id, record.published, record.title) == ("x", dt.date(2019, 3, 13), "T")


def test_extract_many_accepts_texts_and_article_dicts() -> None:
    records = list(
        vn_minutes.extract_many([SAMPLE, {"id": "b", "text": SAMPLE, "published": "2019-03-13"}])
    )
    assert [r.id for r in records] == [None, "b"]
    assert records[1].published == dt.date(2019, 3, 13)


def test_bytes_are_refused_with_a_clear_error() -> None:
    with pytest.raises(TypeError, match="decode"):
        vn_minutes.extract(SAMPLE.encode())


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_articles_give_error_records(text: str) -> None:
    record = extract_article(Article(id="e", text=text))
    assert isinstance(record, ErrorRecord) and record.error.type == "EmptyText"


def test_a_failing_stage_gives_an_error_record_not_a_crash() -> None:
    def broken(doc: Document) -> Document:
        raise RuntimeError("boom")

    pipeline = Pipeline.default().with_stage("broken", broken)
    record = extract_article(Article(id="b", text=SAMPLE), pipeline)
    assert isinstance(record, ErrorRecord)
    assert (record.id, record.error.type, record.error.message) == ("b", "RuntimeError", "boom")


def every_mention(record: ArticleRecord) -> list[tuple[int, int, str | None]]:
    """(start, end, text) of every grounded mention in a record."""
    spans: list[tuple[int, int, str | None]] = []
    for field in (record.dates, record.percentages, record.ratios, record.shortcomings):
        spans.extend((m.start, m.end, m.text) for m in field)
    for abbreviation in record.abbreviations:
        spans.extend((m.start, m.end, abbreviation.short) for m in abbreviation.mentions)
    for person in record.people:
        spans.extend((m.start, m.end, None) for m in person.mentions)
    return spans


@pytest.mark.parametrize(
    "variant",
    [
        SAMPLE,
        unicodedata.normalize("NFD", SAMPLE),
        "Skip to main content\n\n" + SAMPLE,
        "<div>" + SAMPLE.replace("\n", "</div>\n<div>") + "</div>",
    ],
    ids=["nfc", "nfd", "chrome", "html"],
)
def test_every_mention_slices_the_input_exactly(variant: str) -> None:
    record = vn_minutes.extract(variant)
    for start, end, text in every_mention(record):
        sliced = unicodedata.normalize("NFC", variant[start:end])
        if text is not None:
            assert sliced == text
        assert sliced.strip() == sliced and sliced
