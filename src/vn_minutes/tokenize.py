"""Stage 3: word segmentation with underthesea's CRF model, every word grounded in `doc.clean`.

underthesea's `word_tokenize` returns strings and loses offsets. We find the syllables of its
own pattern with their spans (`syllable_spans`) and run its own CRF model on them, so the words
are the ones `word_tokenize` gives; a word spans its syllables.
Text goes to the model one line (or long sentence run) at a time: memory stays flat.
"""

from __future__ import annotations

import re
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
_BETWEEN_SPACES = re.compile(r"\S+")


def syllable_spans(text: str, syllables: re.Pattern[str]) -> list[Span]:
    """The spans of `syllables.finditer(text)` (underthesea's syllable pattern), found faster.

    No syllable holds a space, so the text is read between spaces. A run of letters there, or
    one with a comma after it, can only be a plain word (and that comma): the pattern is not
    asked, since it tries URLs, e-mails and abbreviations before it at every word. Runs that
    start with "Th" are asked: its abbreviations "Th.S", "Th.s" take any third letter.
    """
    spans: list[Span] = []
    for run in _BETWEEN_SPACES.finditer(text):
        start, end = run.span()
        word = run.group()
        if not word.startswith("Th"):
            if word.isalpha():
                spans.append((start, end))
                continue
            if word[-1] == "," and word[:-1].isalpha():
                spans += [(start, end - 1), (end - 1, end)]
                continue
        while start < end and (match := syllables.search(text, start)) and match.start() < end:
            spans.append(match.span())
            start = match.end()
    return spans


@cache
def underthesea_segmenter() -> Segmenter:
    """underthesea's syllable pattern and word-segmentation CRF, loaded on first use."""
    from underthesea import word_tokenize
    from underthesea.pipeline.word_tokenize import regex_tokenize

    word_tokenize("khởi động")  # loads the CRF model into underthesea's module
    model = word_tokenize.__globals__["word_tokenize_model"]
    syllables = regex_tokenize.patterns

    def segment(text: str) -> list[Span]:
        spans = syllable_spans(text, syllables)
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
