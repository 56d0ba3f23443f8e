"""Normalisation makes one clean text for the stages and keeps every offset into the input."""

import unicodedata

import pytest

from vn_minutes.document import Document
from vn_minutes.normalize import move_tone, normalize


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("hoà giải", "hòa giải"),
        ("thuỷ lợi", "thủy lợi"),
        ("Uỷ ban", "Ủy ban"),
        ("sức khoẻ", "sức khỏe"),
        ("quý II", "quý II"),  # qu- is a consonant: no tone moves
        ("hoàn thành", "hoàn thành"),  # closed syllable: both styles agree
        ("a&amp;b", "a&b"),
        ("x\u200by", "xy"),
        ("a\u00a0b", "a b"),
        ("ÐBSCL", "ĐBSCL"),  # Icelandic eth typed for Đ
    ],
)
def test_clean_text(written: str, clean: str) -> None:
    assert normalize(Document(written)).clean == clean


@pytest.mark.parametrize(("pair", "moved"), [("oá", "óa"), ("uỷ", "ủy"), ("Oẹ", "Ọe")])
def test_move_tone(pair: str, moved: str) -> None:
    assert move_tone(pair) == moved


ARTICLE = "Skip to main content\n\nChiều 5/7, UBND huyện hoà giải tranh chấp thuỷ lợi.\n<p>Hết</p>"


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE,
        unicodedata.normalize("NFD", ARTICLE),
        ARTICLE.replace(" ", "\u00a0"),
    ],
    ids=["nfc", "nfd", "nbsp"],
)
@pytest.mark.parametrize("word", ["UBND", "hòa giải", "thủy lợi", "Hết", "Chiều 5/7"])
def test_spans_of_the_clean_text_point_at_the_same_words_in_the_input(
    variant: str, word: str
) -> None:
    doc = normalize(Document(variant))
    start = doc.clean.index(word)
    source = doc.source_text(start, start + len(word))
    # The input's own wording: same letters, whatever the tone placement.
    assert unicodedata.normalize("NFC", source).replace("\u00a0", " ") in {
        word,
        word.replace("hòa", "hoà").replace("thủy", "thuỷ"),
    }


def test_web_chrome_and_html_tags_are_blanked_not_read() -> None:
    clean = normalize(Document(ARTICLE)).clean
    assert "Skip" not in clean
    assert "<p>" not in clean
    assert len(clean) == len(ARTICLE)  # blanking keeps every offset in place
