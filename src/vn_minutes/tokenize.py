"""Stage 3: word segmentation with underthesea, each word aligned to its offsets in `doc.clean`.

underthesea returns words as strings; we find each syllable again in the text so that every
`Token` is grounded. Text goes to the segmenter one line (or long sentence run) at a time,
which keeps memory flat on very long articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import Protocol

import regex

from vn_minutes.document import Document, Token

_MAX_CHUNK = 4000
_LINE = regex.compile(r"[^\n]+")
_SENTENCE_END = regex.compile(r"(?<=[.!?…;])\s+")


class Segmenter(Protocol):
    def __call__(self, text: str) -> list[str]: ...


@cache
def underthesea_segmenter() -> Segmenter:
    """underthesea's CRF word segmenter, imported on first use (it loads a model)."""
    from underthesea import word_tokenize

    def segment(text: str) -> list[str]:
        return word_tokenize(text, use_token_normalize=False)

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


def align(text: str, words: list[str], offset: int = 0) -> list[Token]:
    """Ground segmented `words` in `text`: each syllable is searched for after the last one."""
    tokens: list[Token] = []
    cursor = 0
    for word in words:
        start = end = None
        for syllable in word.split():
            found = text.find(syllable, cursor)
            if found < 0:
                break
            start = found if start is None else start
            end = cursor = found + len(syllable)
        if start is not None and end is not None:
            tokens.append(Token(text[start:end], start + offset, end + offset))
    return tokens


def tokenize(doc: Document, segmenter: Segmenter | None = None) -> Document:
    """Pipeline stage: fill `doc.tokens` from `doc.clean`."""
    segment = segmenter or underthesea_segmenter()
    tokens: list[Token] = []
    for start, piece in chunks(doc.clean):
        tokens.extend(align(piece, segment(piece), start))
    return replace(doc, tokens=tokens)
