"""Stage 3: word segmentation with underthesea's CRF model, every word grounded in `doc.clean`.

underthesea's `word_tokenize` returns strings and loses offsets. We run its own syllable
pattern with `finditer`, so each syllable keeps its span, and its own CRF model on those
syllables, so the words are the ones `word_tokenize` gives; a word spans its syllables.
Text goes to the model one line (or long sentence run) at a time: memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache

import regex

from vn_minutes.document import Document, Token

Span = tuple[int, int]
Segmenter = Callable[[str], list[Span]]
"""Words of a text as (start, end) spans."""

_MAX_CHUNK = 4000
_LINE = regex.compile(r"[^\n]+")
_SENTENCE_END = regex.compile(r"(?<=[.!?…;])\s+")


@cache
def underthesea_segmenter() -> Segmenter:
    """underthesea's syllable pattern and word-segmentation CRF, loaded on first use."""
    from underthesea import word_tokenize
    from underthesea.pipeline.word_tokenize import regex_tokenize

    word_tokenize("khởi động")  # loads the CRF model into underthesea's module
    model = word_tokenize.__globals__["word_tokenize_model"]
    syllables = regex_tokenize.patterns

    def segment(text: str) -> list[Span]:
        spans = [match.span() for match in syllables.finditer(text)]
        if not spans:
            return []
        tags = model.predict([[text[start:end]] for start, end in spans])
        words: list[Span] = []
        for tag, (start, end) in zip(tags, spans, strict=True):
            if tag == "I-W" and words:
                words[-1] = (words[-1][0], end)
            else:
                words.append((start, end))
        return words

    return segment


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """Lines of `text` with their offsets; a very long line is cut after sentence ends."""
    for line in _LINE.finditer(text):
        start, piece = line.start(), line.group(0)
        while len(piece) > _MAX_CHUNK:
            cut = _MAX_CHUNK
            for boundary in _SENTENCE_END.finditer(piece, 0, _MAX_CHUNK):
                cut = boundary.end()
            yield start, piece[:cut]
            start, piece = start + cut, piece[cut:]
        if piece.strip():
            yield start, piece


def tokenize(doc: Document, segmenter: Segmenter | None = None) -> Document:
    """Pipeline stage: fill `doc.tokens` from `doc.clean`."""
    segment = segmenter or underthesea_segmenter()
    tokens = [
        Token(piece[start:end], offset + start, offset + end)
        for offset, piece in chunks(doc.clean)
        for start, end in segment(piece)
    ]
    return replace(doc, tokens=tokens)
