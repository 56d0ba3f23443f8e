"""Offset maps translate spans between a rewritten text and its source, both ways."""

import pytest

from vn_minutes.offsets import rewrite


@pytest.mark.parametrize(
    ("source", "edits", "expected_text"),
    [
        ("abc def", [], "abc def"),
        ("a&amp;b", [(1, 6, "&")], "a&b"),
        ("UBND huyện", [(0, 4, "Ủy ban nhân dân")], "Ủy ban nhân dân huyện"),
        ("x\u200by", [(1, 2, "")], "xy"),
    ],
)
def test_rewrite_applies_edits(source: str, edits: list, expected_text: str) -> None:
    text, _ = rewrite(source, edits)
    assert text == expected_text


def test_spans_after_an_expansion_map_back_exactly() -> None:
    source = "HĐND huyện và UBND tỉnh"
    text, mapping = rewrite(source, [(0, 4, "Hội đồng nhân dân"), (14, 18, "Ủy ban nhân dân")])
    start = text.index("tỉnh")
    assert mapping.to_source(start, start + 4) == (source.index("tỉnh"), len(source))
    # A span covering an expansion maps to the short form it came from.
    assert mapping.to_source(0, len("Hội đồng nhân dân")) == (0, 4)
    # And forward: the source span of "huyện" is found in the expanded text.
    forward = mapping.to_target(5, 10)
    assert text[forward[0] : forward[1]] == "huyện"


def test_composed_maps_chain_to_the_first_source() -> None:
    source = "a&amp;b UBND"
    middle, first = rewrite(source, [(1, 6, "&")])
    final, second = rewrite(middle, [(4, 8, "Ủy ban nhân dân")])
    mapping = first.then(second)
    start = final.index("Ủy")
    assert mapping.to_source(start, len(final)) == (8, 12)
    assert mapping.to_source(1, 2) == (1, 6)


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError):
        rewrite("abcdef", [(0, 3, "x"), (2, 4, "y")])
