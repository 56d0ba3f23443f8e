"""Stage 1: normalise the input (NFC, one tone-mark placement, web chrome) keeping offsets.

Normalisation only ever rewrites `doc.clean`; `doc.offsets` maps every position back to the
input, so an NFD article or one with new-style tone marks is grounded exactly.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import replace
from functools import cache

import regex

from vn_minutes.data import data_lines
from vn_minutes.document import Document
from vn_minutes.offsets import rewrite

Edit = tuple[int, int, str]

# A base letter with the combining marks that follow it (NFD spelling of one character).
_DECOMPOSED = regex.compile(r"\P{M}\p{M}+")
_HTML_TAG = regex.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
_HTML_ENTITY = regex.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});")
_INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_ODD_SPACES = regex.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\r\f\v]")
# Letters typed in place of Vietnamese ones (Icelandic eth for đ), as underthesea maps them.
_LOOKALIKES = {"Ð": "Đ", "ð": "đ"}
_LOOKALIKE = regex.compile("|".join(_LOOKALIKES))

# New-style tone placement ("hoá", "thuỷ") becomes the traditional one ("hóa", "thủy") that
# dictionaries and underthesea's models use. Only open syllables ending in oa/oe/uy differ.
NEW_STYLE_TONE = regex.compile(r"(?<![qQ])(?:[oO][áàảãạéèẻẽẹÁÀẢÃẠÉÈẺẼẸ]|[uU][ýỳỷỹỵÝỲỶỸỴ])(?!\p{L})")
_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"


@cache
def boilerplate_lines() -> regex.Pattern[str]:
    """Lines of web chrome (menus, share bars) from `data/boilerplate.txt`."""
    alternatives = "|".join(f"(?:{line})" for line in data_lines("boilerplate.txt"))
    return regex.compile(rf"(?im)^[ \t]*(?:{alternatives})[ \t]*$")


def move_tone(pair: str) -> str:
    """Move the tone of 'oá'/'uý' to the first vowel: 'oá' -> 'óa', 'uỷ' -> 'ủy'."""
    first, second = pair
    decomposed = unicodedata.normalize("NFD", second)
    tone = "".join(mark for mark in decomposed if mark in _TONE_MARKS)
    base = "".join(mark for mark in decomposed if mark not in _TONE_MARKS)
    return unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", base)


def traditional_tones(text: str) -> str:
    """`text` with every new-style tone placement made traditional: 'hoá' -> 'hóa'."""
    return NEW_STYLE_TONE.sub(lambda match: move_tone(match.group(0)), text)


def cleaning_edits(text: str) -> list[Edit]:
    """Edits `(start, end, replacement)` that compose NFD letters and blank out web chrome."""
    edits: list[Edit] = []
    if not unicodedata.is_normalized("NFC", text):
        for match in _DECOMPOSED.finditer(text):
            composed = unicodedata.normalize("NFC", match.group(0))
            if composed != match.group(0):
                edits.append((match.start(), match.end(), composed))
    # Blanking with spaces keeps lengths, so offsets around chrome stay character-exact.
    for pattern in (_HTML_TAG, boilerplate_lines()):
        edits.extend(
            (m.start(), m.end(), " " * (m.end() - m.start())) for m in pattern.finditer(text)
        )
    edits.extend((m.start(), m.end(), "") for m in _INVISIBLE.finditer(text))
    edits.extend((m.start(), m.end(), " ") for m in _ODD_SPACES.finditer(text))
    edits.extend((m.start(), m.end(), _LOOKALIKES[m.group()]) for m in _LOOKALIKE.finditer(text))
    for match in _HTML_ENTITY.finditer(text):
        unescaped = html.unescape(match.group(0)).replace("\u00a0", " ")
        if unescaped != match.group(0):
            edits.append((match.start(), match.end(), unescaped))
    return _without_overlaps(edits)


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    """Keep the widest of overlapping edits (a chrome line wins over a tag inside it)."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e[0], -(e[1] - e[0]))):
        if kept and edit[0] < kept[-1][1]:
            continue
        kept.append(edit)
    return kept


def normalize(doc: Document) -> Document:
    """Pipeline stage: fill `doc.clean` and `doc.offsets` from `doc.text`."""
    composed, to_input = rewrite(doc.text, cleaning_edits(doc.text))
    tone_edits = [
        (m.start(), m.end(), move_tone(m.group(0))) for m in NEW_STYLE_TONE.finditer(composed)
    ]
    if not tone_edits:
        return replace(doc, clean=composed, offsets=to_input)
    # Moving a tone keeps the length, so the composed map stays character-exact.
    clean, to_composed = rewrite(composed, tone_edits)
    return replace(doc, clean=clean, offsets=to_input.then(to_composed))
