"""Stage 6: percentages (`hơn 83%`, `từ 5-7%`, `năm mươi phần trăm`) and count fractions
(`9/15 chỉ tiêu`, `xếp thứ 14/63`, `12 trên 15 xã`).

A percentage gets its value (Vietnamese `5,2` and `1.250`), a qualifier from the words next to
it, an optional upper bound for ranges, a `change` when it is an increase or a decrease, and
the subject it measures, read off the clause around it:

    tỷ lệ X chiếm N%   ->  X           X tăng N% so với Z  ->  X tăng so với Z
    N% X               ->  X           X, chiếm N%         ->  X (the clause before)
    X đạt N%           ->  X           X chiếm N% Y        ->  X trong Y

A fraction `a/b` is a date (`ngày 9/5`), a document number (`số 10/2020`), a scale or a rate
unless its context makes it a count: a larger denominator than any month, a counted noun after
it (`4/4 làng`) or a cue before it (`đạt`, `thứ`). All word lists live in `data/figure_*.tsv`;
the grammar is the named patterns below.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

import regex

from vn_minutes.data import data_table
from vn_minutes.document import Document
from vn_minutes.record import Percentage, Ratio
from vn_minutes.text import alternation

# --- numbers -------------------------------------------------------------------------------

# Vietnamese writes `1.250,5`: dots group thousands, the comma is the decimal mark. A dot
# followed by anything but exactly three digits is an English decimal (`2.5%`).
NUMBER = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
INTEGER = r"(?:\d{1,3}(?:\.\d{3})+|\d+)"
_NO_NUMBER_BEFORE = r"(?<![\w.,/%-])"
_NO_NUMBER_AFTER = r"(?![\w%]|[.,]\d)"
_DASH = r"[-–—]"
_PERCENT_SIGN = r"(?:,?\s?%|\s+điểm\s?%|\s+(?:điểm\s+)?phần\s+trăm(?!\w))"

_PERCENT_ANCHOR = regex.compile(r"%|phần\s+trăm", regex.IGNORECASE)
_WINDOW = 100  # characters around a percent sign that can belong to its figure
_CONTEXT = 320  # characters looked at on each side of a figure: keeps the stage linear
_MAX_SUBJECT_WORDS = 20
_MAX_OBJECT_WORDS = 16
_SHORT_HEAD = 4  # `cán bộ cấp sở, ngành`: an item this short continues over a comma
_SHORT_TAIL = 3  # `chức trách, nhiệm vụ.`: an item this short closing the clause is listed too


def parse_number(text: str) -> float:
    """The value of a written number: `5,2` -> 5.2, `1.250` -> 1250, `2.5` -> 2.5."""
    if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", "."))


def parse_integer(text: str) -> int:
    """The value of a written count: `19.260` -> 19260."""
    return int(text.replace(".", ""))


def parse_number_words(text: str) -> float | None:
    """The value of Vietnamese number words: `năm mươi` -> 50, `một trăm linh năm` -> 105."""
    kinds = numerals()
    total = current = 0
    for word in text.lower().split():
        if word not in kinds:
            return None
        value, kind = kinds[word]
        if kind == "digit":
            current += value
        elif kind == "ten":
            current += 10
        elif kind == "tens":
            current = (current or 1) * 10
        elif kind == "hundred":
            total += (current or 1) * 100
            current = 0
    return float(total + current)


# --- data ----------------------------------------------------------------------------------


@cache
def numerals() -> dict[str, tuple[int, str]]:
    """Vietnamese number words -> (value, kind) from `figure_numerals.tsv`."""
    return {
        row["word"]: (int(row["value"]), row["kind"]) for row in data_table("figure_numerals.tsv")
    }


@cache
def qualifiers() -> dict[tuple[str, str], str]:
    """(phrase, position) -> qualifier, from `figure_qualifiers.tsv`."""
    rows = data_table("figure_qualifiers.tsv")
    return {(row["phrase"].lower(), row["position"]): row["qualifier"] for row in rows}


@cache
def verbs() -> dict[str, str]:
    """Verbs linking a subject to its figure -> role, from `figure_verbs.tsv`."""
    return {row["phrase"].lower(): row["role"] for row in data_table("figure_verbs.tsv")}


@cache
def verbs_kept() -> frozenset[str]:
    """Verbs that stay in the subject (`tỷ lệ hộ nghèo giảm`), from `figure_verbs.tsv`."""
    rows = data_table("figure_verbs.tsv")
    return frozenset(row["phrase"].lower() for row in rows if row["in_subject"] == "yes")


@cache
def subject_words(role: str) -> frozenset[str]:
    """Function words of one role in `figure_subject_words.tsv` (lead, trail, stop, ...)."""
    rows = data_table("figure_subject_words.tsv")
    return frozenset(row["word"].lower() for row in rows if row["role"] == role)


@cache
def ratio_cues(role: str) -> frozenset[str]:
    """Context words of one role in `figure_ratio_cues.tsv` (date, day, doc, rank, count, unit)."""
    rows = data_table("figure_ratio_cues.tsv")
    return frozenset(row["word"].lower() for row in rows if row["role"] == role)


@cache
def count_nouns() -> frozenset[str]:
    """Nouns counted in fractions (`chỉ tiêu`, `xã`), from `figure_count_nouns.tsv`."""
    return frozenset(row["noun"].lower() for row in data_table("figure_count_nouns.tsv"))


# --- patterns ------------------------------------------------------------------------------


def any_word_of(phrases: Iterable[str]) -> regex.Pattern[str]:
    """Any of `phrases` as a whole word (not inside a longer one), in any case."""
    return regex.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)", regex.IGNORECASE)


@cache
def percent_pattern() -> regex.Pattern[str]:
    """`[qualifier] [từ] N[%] [- M] % [trở lên]`, or number words before `phần trăm`."""
    before = alternation(p for p, position in qualifiers() if position == "before")
    after = alternation(p for p, position in qualifiers() if position == "after")
    words = alternation(numerals())
    number_words = rf"(?:(?:{words})\s+)*(?:{words})"
    return regex.compile(
        rf"""(?:(?<!\w)(?P<qualifier>{before})\s+)?
        (?:(?<!\w)(?P<from>từ)\s+)?
        (?:
            (?P<sign>(?<![\w/-])-)?(?<![\d.,/])(?P<low>{NUMBER})
            (?:(?P<low_percent>\s?%)?\s*(?:{_DASH}|đến|tới)\s*(?P<high>{NUMBER}))?
            {_PERCENT_SIGN}
          | (?<!\w)(?P<words>{number_words})\s+phần\s+trăm(?!\w)
        )
        (?:\s+(?P<after>{after})(?!\w))?
        """,
        regex.IGNORECASE | regex.VERBOSE,
    )


@cache
def fraction_pattern() -> regex.Pattern[str]:
    """`a/b`, `a noun/b noun` (`19.260 CĐ cơ sở/21.148 đơn vị`) and `a trên (tổng số) b`."""
    noun_words = r"[^\W\d]+(?:\s+[^\W\d]+){0,3}"
    return regex.compile(
        rf"""{_NO_NUMBER_BEFORE}
        (?:
            (?P<a>{INTEGER})\s?/\s?(?P<b>{INTEGER})(?![\w/]|[.,]\d|-\w)
          | (?P<la>{INTEGER})\s+(?P<anoun>{noun_words})\s?/\s?(?P<lb>{INTEGER})(?![\w/]|[.,]\d)
          | (?P<wa>{INTEGER})\s+(?:trên(?:\s+tổng)?(?:\s+số)?|trong\s+(?:tổng\s+)?số)\s+
            (?P<wb>{INTEGER})(?!\w|[.,]\d)
        )""",
        regex.IGNORECASE | regex.VERBOSE,
    )


@cache
def phrase_at_start(role: str, source: str = "subject") -> regex.Pattern[str]:
    """A phrase of `role` at the start of a text, as a whole word."""
    words = subject_words(role) if source == "subject" else ratio_cues(role)
    return regex.compile(rf"^\s*(?:{alternation(words)})(?!\w)\s*", regex.IGNORECASE)


@cache
def phrase_at_end(role: str, source: str = "subject") -> regex.Pattern[str]:
    """A phrase of `role` at the end of a text, as a whole word."""
    words = subject_words(role) if source == "subject" else ratio_cues(role)
    return regex.compile(rf"(?<!\w)(?:{alternation(words)})\s*$", regex.IGNORECASE)


@cache
def qualifier_at_end() -> regex.Pattern[str]:
    """A qualifier word (`khoảng`, `hơn`) closing a text."""
    return regex.compile(rf"(?<!\w)(?:{alternation(p for p, _ in qualifiers())})\s*$", regex.I)


@cache
def qualifier_or_number() -> regex.Pattern[str]:
    """A qualifier or a number opening a phrase: `tức khoảng 3.193 tỷ` is no noun phrase."""
    words = alternation(p for p, _ in qualifiers())
    return regex.compile(rf"^\s*(?:(?:{words})(?!\w)|\d)", regex.IGNORECASE)


@cache
def verb_at_end() -> regex.Pattern[str]:
    """A linking verb (`chiếm`, `đạt`, `tăng`) closing the clause before a figure."""
    return regex.compile(rf"(?<!\w)(?P<verb>{alternation(verbs())})\s*$", regex.IGNORECASE)


@cache
def verb_anywhere() -> regex.Pattern[str]:
    """A linking verb anywhere in a clause, as a whole word."""
    return any_word_of(verbs())


@cache
def reporting_verb() -> regex.Pattern[str]:
    """A verb of saying (`cho biết`, `gợi ý`): what it reports starts after it."""
    return any_word_of(subject_words("report"))


@cache
def clause_word() -> regex.Pattern[str]:
    """A verb of saying or a clause word (`tại sao`, `nhưng`, `thì`): the measured phrase of
    the clause before a figure starts after its last one."""
    return any_word_of(subject_words("report") | subject_words("clause"))


@cache
def place_time_word() -> regex.Pattern[str]:
    """A word opening a place or time modifier (`tuyến`, `năm`, `khu vực`), as a whole word."""
    return any_word_of(subject_words("place_time"))


@cache
def stop_word() -> regex.Pattern[str]:
    """A word ending the phrase after a figure (`và`, `so với`, `nhằm`)."""
    return any_word_of(subject_words("stop"))


@cache
def quantity() -> regex.Pattern[str]:
    """Where a clause starts giving a quantity: `đạt hơn 188.000`, `11,85` (not `6 tháng`)."""
    periods = alternation(subject_words("period"))
    return regex.compile(
        rf"""(?:(?<!\w)(?:{alternation(verbs())})\s+)?
        (?:(?<!\w)(?:{alternation(p for p, _ in qualifiers())})\s+)?
        {_NO_NUMBER_BEFORE}\d(?=[\d.,]*\s+\w)(?![\d.,]*\s+(?:{periods})(?!\w))""",
        regex.IGNORECASE | regex.VERBOSE,
    )


@cache
def count_noun_after() -> regex.Pattern[str]:
    """A counted noun right after a fraction (`chỉ tiêu`, `xã`)."""
    return regex.compile(rf"\s+(?P<noun>{alternation(count_nouns())})(?!\w)", regex.IGNORECASE)


_LEADING_COUNT = regex.compile(rf"^\s*{NUMBER}(?:\s?/\s?{NUMBER})?\s+")
_FRACTION_IN = regex.compile(rf"{_NO_NUMBER_BEFORE}{INTEGER}\s?/\s?{INTEGER}(?!\w)")
_TRAILING_FRACTION = regex.compile(rf"\s+{INTEGER}\s?/\s?{INTEGER}\s*$")
_TRAILING_PARENTHESIS = regex.compile(r"\s*\([^()]{0,40}\)\s*$")
_EDGE_PUNCTUATION = regex.compile(r"^[\s,;:.()“”\"'\-–—]+|[\s,;:.(“”\"'\-–—]+$")
_SPACES = regex.compile(r"\s+")
_CAPITAL_WORD = regex.compile(r"(?<=\s)\p{Lu}\p{Ll}+(?!\w)")
_CLAUSE_MARKS = frozenset(";:!?\n[]…")  # not quotes: `Quỹ "Vì người nghèo"` is one name

# --- clauses -------------------------------------------------------------------------------


def is_boundary(text: str, i: int) -> bool:
    """Whether `text[i]` ends a clause (`,` and `.` only before a space, not inside `5,2`)."""
    char = text[i]
    if char in _CLAUSE_MARKS:
        return True
    if char in ",.":
        return i + 1 >= len(text) or text[i + 1].isspace()
    if char in "-–—" and 1 < i < len(text) - 2:
        spaced = text[i - 1] == " " and text[i + 1] == " "
        return spaced and not (text[i - 2].isdigit() and text[i + 2].isdigit())
    return False


def clause_start(text: str, end: int, floor: int) -> tuple[int, str]:
    """Start of the clause ending at `end` and the mark before it (`""` at `floor`).

    Parentheses closed inside the clause (`kế hoạch (KH)`) are part of it; an unclosed
    `(` is a boundary, so a figure in parentheses looks at its own words first.
    """
    depth = 0
    floor = max(floor, end - _CONTEXT)
    for i in range(end - 1, floor - 1, -1):
        char = text[i]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                return i + 1, "("
            depth -= 1
        elif depth == 0 and is_boundary(text, i):
            return i + 1, char
    return floor, ""


def clause_end(text: str, start: int, ceiling: int) -> tuple[int, str]:
    """End of the clause starting at `start` and the mark that ends it (`""` at `ceiling`)."""
    ceiling = min(ceiling, start + _CONTEXT, len(text))
    for i in range(start, ceiling):
        if text[i] in "()" or is_boundary(text, i):
            return i, text[i]
    return ceiling, ""


def words_of(text: str) -> list[str]:
    """Whitespace-separated words (syllables) of a phrase."""
    return text.split()


def squeeze(text: str) -> str:
    """A phrase with single spaces and no edge punctuation."""
    return _EDGE_PUNCTUATION.sub("", _SPACES.sub(" ", text)).strip()


def clean_phrase(text: str, *, drop_share_head: bool = False, cut_clauses: bool = False) -> str:
    """A subject phrase without the function words, counts and asides at its edges.

    With `cut_clauses` (a phrase before its figure), it starts after the last clause word
    that leaves a phrase: `giải thích tại sao lượng heo ...` -> `lượng heo ...`.
    """
    text = squeeze(text)
    cuts = reporting_verb() if not cut_clauses else clause_word()
    for said in reversed([found.end() for found in cuts.finditer(text)]):
        rest = clean_phrase(text[said:])
        if rest and not is_place_or_time(rest):
            text = squeeze(text[said:])
            break
    previous = None
    while text != previous:
        previous = text
        text = phrase_at_start("lead").sub("", text)
        if drop_share_head:
            text = phrase_at_start("share_head").sub("", text)
        text = phrase_at_end("trail").sub("", text)
        if not regex.match(rf"^\s*{NUMBER}\s+(?:{alternation(subject_words('period'))})", text):
            text = _LEADING_COUNT.sub("", text)
        text = squeeze(text)
    return "" if text.lower() in subject_words("anaphor") else text


# --- percentages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A percentage found in `doc.clean`, before its subject is read."""

    start: int  # the mention: qualifier .. % (.. trở lên)
    end: int
    match_start: int  # where the pattern began (may include a dropped `từ`)
    value: float
    value_max: float | None
    qualifier: str


def find_figures(text: str) -> Iterator[Figure]:
    """Every percentage in `text` with its value, range and qualifier.

    The full pattern only runs in windows around a `%` or `phần trăm`: that keeps the stage
    fast on long articles, which mostly hold no figure at all.
    """
    for start, end in percent_windows(text):
        for match in percent_pattern().finditer(text, start, end):
            yield from figures_of(match)


def percent_windows(text: str) -> Iterator[tuple[int, int]]:
    """Merged spans of `text` around each percent sign, wide enough for a whole figure."""
    window: tuple[int, int] | None = None
    for sign in _PERCENT_ANCHOR.finditer(text):
        start, end = max(0, sign.start() - _WINDOW), min(len(text), sign.end() + _WINDOW)
        if window is not None and start <= window[1]:
            window = (window[0], end)
            continue
        if window is not None:
            yield window
        window = (start, end)
    if window is not None:
        yield window


def figures_of(match: regex.Match[str]) -> list[Figure]:
    """The figures of a percent match: one, or two for a `49%-49%` that is no range."""
    if match.group("words"):
        value = parse_number_words(match.group("words"))
        return (
            []
            if value is None
            else [Figure(match.start(), match.end(), match.start(), value, None, "exact")]
        )
    low = parse_number(match.group("low")) * (-1 if match.group("sign") else 1)
    high = parse_number(match.group("high")) if match.group("high") else None
    start = match.start()
    qualifier = "exact"
    if match.group("qualifier"):
        qualifier = qualifiers()[(squeeze(match.group("qualifier")).lower(), "before")]
    if match.group("after"):
        qualifier = qualifiers()[(squeeze(match.group("after")).lower(), "after")]
    if high is not None and high <= low:  # not a range: `49%-49%`, `10 - 5%`
        second = Figure(match.start("high"), match.end(), match.start("high"), high, None, "exact")
        if not match.group("low_percent"):
            return [second]
        first_end = match.end("low_percent")
        return [Figure(start, first_end, match.start(), low, None, qualifier), second]
    if match.group("from") and high is None and not match.group("after"):
        start = match.end("from") if not match.group("qualifier") else start
        while text_at(match, start).isspace():
            start += 1
    return [Figure(start, match.end(), match.start(), low, high, qualifier)]


def text_at(match: regex.Match[str], position: int) -> str:
    """The character of the matched string at an absolute position."""
    return match.string[position : position + 1]


@dataclass(frozen=True)
class Reading:
    """The subject of a figure and the base phrase later figures may refer back to."""

    subject: str | None
    base: str
    change: str | None


def read_subject(
    text: str, figure: Figure, floor: int, ceiling: int, previous: Reading | None
) -> Reading:
    """What a figure measures, from the clause before it and the phrase after it.

    `floor` is the end of the figure before and `ceiling` the start of the one after: a
    subject never reaches over another figure.
    """
    left_start, mark = clause_start(text, figure.match_start, floor)
    left = text[left_start : figure.match_start]
    left = phrase_at_end("prenumber").sub("", left.rstrip()).rstrip()
    verb_match = verb_at_end().search(left)
    verb = squeeze(verb_match.group("verb")) if verb_match else ""
    role = verbs().get(verb.lower()) if verb else None
    x = clean_phrase(
        left[: verb_match.start()] if verb_match else left,
        drop_share_head=role == "share",  # not `raise`: `nâng tỷ lệ X lên N%` keeps `tỷ lệ`
        cut_clauses=True,
    )
    if x and mark == ",":
        x = extend_measure(text, left_start, floor, x)
    y, compare = read_after(text, figure.end, ceiling, listing=role is None)
    is_target = bool(y) and bool(phrase_at_start("target").match(y))
    if not x and (not y or is_target) and role is not None:
        x = read_before(text, left_start, mark, floor, previous)
    if x and previous is not None and is_place_or_time(x) and near(text, floor, figure.start):
        x = carry_measure(previous.base, x)
    if not x and not y and role is None and mark == "(":
        x = read_parenthesised(text, left_start - 1, floor)
    change = role if role in ("increase", "decrease") else None
    if figure.value < 0:
        change = "decrease"
    return Reading(compose(x, verb, role, y, compare, is_target), x or y, change)


def read_after(text: str, end: int, ceiling: int, *, listing: bool) -> tuple[str, str]:
    """The noun phrase right after a figure (`N% X`) and a `so với ...` baseline.

    With `listing`, a short head continues over commas: `hơn 83% cán bộ, đảng viên ...`.
    """
    stop, mark = clause_end(text, end, ceiling)
    phrase = text[end:stop]
    if phrase.startswith("/"):
        return "", ""  # `5%/năm`: a rate, not a phrase
    capitals = phrase.strip()[:1].isupper()  # `Bí thư, Chủ tịch UBND cấp xã`
    item = phrase
    while listing and mark == "," and item.strip():
        next_stop, next_mark = clause_end(text, stop + 1, ceiling)
        following = text[stop + 1 : next_stop]
        short = len(words_of(item)) <= _SHORT_HEAD or (
            len(words_of(following)) <= _SHORT_TAIL and next_mark in ".;"
        )
        if not short or not continues_list(following, next_mark, capitals=capitals):
            break
        stop, mark, item = next_stop, next_mark, following
        phrase = text[end:stop]
    phrase = run_on_cut(squeeze(phrase))
    if phrase_at_start("compare").match(phrase):
        return "", phrase
    if phrase_at_start("adverbial").match(phrase) or qualifier_or_number().match(phrase):
        return "", ""
    compare = ""
    cut = stop_word().search(phrase)
    if cut:
        rest = phrase[cut.start() :]
        compare = rest if phrase_at_start("compare").match(rest) else ""
        phrase = phrase[: cut.start()]
    return clean_phrase(phrase), compare


def run_on_cut(phrase: str) -> str:
    """A phrase up to a capitalised opener (`40% GDP Về đầu tư`): a sentence whose period fell."""
    openers = subject_words("lead") | subject_words("adverbial") | subject_words("clause")
    for found in _CAPITAL_WORD.finditer(phrase):
        if found.start() > 0 and found.group(0).lower() in openers:
            return phrase[: found.start()].rstrip()
    return phrase


def continues_list(segment: str, mark: str, *, capitals: bool = False) -> bool:
    """Whether the words after a comma go on listing heads (`cán bộ, đảng viên có ...`).

    Not when they start a clause of their own: a digit, a capital (unless the list is of
    capitalised offices), a clause opener (`được`, `góp phần`), a stop word, or a run that
    reaches the next figure (`đóng góp 40% GDP, thu hút 50% lao động`), unless by `và`.
    """
    segment = segment.strip()
    if not segment or not (segment[0].islower() or (capitals and segment[0].isupper())):
        return False
    if phrase_at_start("opener").match(segment):
        return False
    cut = stop_word().search(segment)
    if mark == "":
        return cut is not None and segment[cut.start() :].lower().startswith("và")
    return cut is None


def read_before(text: str, start: int, mark: str, floor: int, previous: Reading | None) -> str:
    """The subject of `, tăng 8%` or `(chiếm 72%)`: the clause before, or the last figure's."""
    if mark == "" and start == floor and previous is not None:
        return previous.base
    if mark not in (",", "("):
        return ""
    before_start, _ = clause_start(text, start - 1, floor)
    if before_start == floor and previous is not None and floor > 0:
        return previous.base
    phrase = clean_phrase(_TRAILING_PARENTHESIS.sub("", text[before_start : start - 1]))
    counted = _FRACTION_IN.search(phrase)
    if counted and clean_phrase(phrase[counted.end() :]):
        return clean_phrase(phrase[counted.end() :])  # `triển khai 46/48 nhiệm vụ, đạt 95,8%`
    found = quantity().search(phrase)
    return clean_phrase(phrase[: found.start()]) if found else phrase


def extend_measure(text: str, start: int, floor: int, x: str) -> str:
    """`tỷ lệ rác thải được thu gom, xử lý đạt 48%`: the measure began before the comma.

    It does when the part before the comma opens with `tỷ lệ`, or when the part after it is
    a short lowercase item (`chức trách, nhiệm vụ`) after a longer head that is no adverbial.
    """
    before_start, before_mark = clause_start(text, start - 1, floor)
    before = clean_phrase(text[before_start : start - 1], cut_clauses=True)
    if not before or regex.search(r"\d", before):
        return x
    if phrase_at_start("share_head").match(before):
        return f"{before}, {x}"
    short_item = x[:1].islower() and len(words_of(x)) <= _SHORT_TAIL
    # the head is a longer phrase, or a short one opening its clause (`; hộ khá, giàu`)
    head_words = len(words_of(before))
    opens_clause = before_mark != "," or before_start - 1 <= floor  # right after a figure
    head = head_words <= _MAX_SUBJECT_WORDS // 2 and (head_words > _SHORT_TAIL or opens_clause)
    statement = any(word.lower() in subject_words("predicate") for word in words_of(before))
    statement = statement or before != clean_phrase(text[before_start : start - 1])  # `khi ...`
    if short_item and head and not statement and not phrase_at_start("adverbial").match(before):
        return f"{before}, {x}"
    return x


def is_place_or_time(phrase: str) -> bool:
    """Whether a phrase only says where or when (`tuyến huyện`, `năm 2020`, `khu vực này`)."""
    return bool(phrase_at_start("place_time").match(phrase)) and len(words_of(phrase)) <= 5


def near(text: str, floor: int, start: int) -> bool:
    """Whether the figure before ends in this sentence or the one before it."""
    return len(regex.findall(r"[.!?]\s", text[floor:start])) <= 1


def carry_measure(base: str, modifier: str) -> str:
    """The measured noun of the figure before with this figure's place or time:
    `tỷ lệ dùng thuốc nội tại tuyến tỉnh` + `tuyến huyện` -> `tỷ lệ dùng thuốc nội tuyến huyện`.
    """
    if not base or is_place_or_time(base):
        return modifier
    found = next((m for m in place_time_word().finditer(base) if m.start() > 0), None)
    measure = squeeze(base[: found.start()]) if found else base
    return f"{measure} {modifier}"


def read_parenthesised(text: str, paren: int, floor: int) -> str:
    """The subject of a bare `(N%)`: the noun phrase before the parenthesis."""
    start, _ = clause_start(text, paren, floor)
    phrase = _TRAILING_FRACTION.sub("", squeeze(text[start:paren]))
    last = None
    for found in verb_anywhere().finditer(phrase):
        if verbs()[squeeze(found.group(0)).lower()] in ("share", "level"):
            last = found
    if last is None:
        return clean_phrase(phrase, cut_clauses=True)
    after = clean_phrase(phrase[last.end() :])
    if after and after.lower() not in subject_words("evaluative"):
        return after
    return clean_phrase(phrase[: last.start()], cut_clauses=True)


def compose(
    x: str, verb: str, role: str | None, y: str, compare: str, is_target: bool
) -> str | None:
    """The subject in the gold's style: `X tăng so với Z`, `X trong Y`, `X đạt kế hoạch`."""
    x = " ".join(words_of(x)[-_MAX_SUBJECT_WORDS:])
    y = " ".join(words_of(y)[:_MAX_OBJECT_WORDS])
    kept = verb.lower() if verb.lower() in verbs_kept() else ""
    if not (x or y):
        parts = []
    elif kept:
        parts = [x or y, kept, compare]
    elif x and y and (is_target and role is not None or role == "meet"):
        parts = [x, verb.lower(), y, compare]  # `thu ngân sách đạt 8% dự toán`
    elif role == "level" and y:
        parts = [y, compare]  # `giành được 35% số phiếu`: the whole is after the figure
    elif role == "meet" and x:
        parts = [x, verb.lower(), compare]  # `kinh tế tư nhân đóng góp 63%`
    elif role is None and x and is_target and len(words_of(y)) <= 2:
        parts = [x, y, compare]  # `công tác tuyển quân hoàn thành 100% chỉ tiêu`
    elif role is None:
        parts = [y or x, compare]
    elif x and y:
        parts = [x, "trong", y, compare]  # `kinh tế tư nhân chiếm 59% cơ cấu kinh tế`
    else:
        parts = [x or y, compare]
    subject = " ".join(part for part in parts if part)
    return subject or None


def percentages(doc: Document) -> list[Percentage]:
    """Every percentage of the document, in text order."""
    text = doc.clean
    found: list[Percentage] = []
    figures = list(find_figures(text))
    floor, previous = 0, None
    for index, figure in enumerate(figures):
        ceiling = figures[index + 1].match_start if index + 1 < len(figures) else len(text)
        reading = read_subject(text, figure, floor, ceiling, previous)
        found.append(
            Percentage(
                **doc.grounded(figure.start, figure.end),
                value=figure.value,
                qualifier=figure.qualifier,
                subject=reading.subject,
                value_max=figure.value_max,
                change=reading.change,
            )
        )
        floor, previous = figure.end, reading
    return found


# --- ratios --------------------------------------------------------------------------------


def word_before(text: str, start: int, role: str) -> bool:
    """Whether a cue word of `role` (figure_ratio_cues.tsv) ends right before `start`."""
    window = text[max(0, start - 40) : start].rstrip(" (")
    return bool(phrase_at_end(role, "ratio").search(window))


def noun_after(text: str, end: int) -> regex.Match[str] | None:
    """A counted noun right after `end` (`chỉ tiêu`, `xã`)."""
    return count_noun_after().match(text, end, min(len(text), end + 60))


def unit_after(text: str, end: int) -> bool:
    """Whether a measure word (`km`, `giờ`) follows: `60/80 km` is not a count."""
    return bool(phrase_at_start("unit", "ratio").match(text[end : end + 30]))


def is_count_fraction(text: str, a_text: str, b_text: str, start: int, end: int) -> bool:
    """Whether `a/b` at [start, end) counts things rather than naming a date, law or scale."""
    a, b = parse_integer(a_text), parse_integer(b_text)
    has_noun = noun_after(text, end) is not None
    if b == 0 or a > b or unit_after(text, end) or word_before(text, start, "doc"):
        return False
    if word_before(text, start, "day") and not has_noun:
        return False  # "đến ngày 30/62017", "tháng 4/20216": a mistyped date, counting nothing
    if any(len(part) > 1 and part.startswith("0") for part in (a_text, b_text)):
        return False  # `05/7`, phone numbers
    if any(len(part) > 7 and "." not in part for part in (a_text, b_text)):
        return False  # long undotted digit runs are phone or record numbers
    if names_a_year(b_text):
        return a > 12 and has_noun  # `7/2018` is a month, `193/2013` a law number
    if (a == 1 and b >= 100) or (b == 24 and not has_noun):
        return False  # a map scale `1/2000`, round the clock `24/24`
    if b <= 4:  # `2/3 số` is a fraction; `4/4 làng` a count
        return has_noun and a > 1 and not approximated(text, start)
    if a <= 31 and b <= 12:
        if word_before(text, start, "date") and not word_before(text, start, "rank"):
            return False
        return has_noun or word_before(text, start, "rank") or word_before(text, start, "count")
    return True


def names_a_year(digits: str) -> bool:
    """Whether an undotted number reads as a year (`2017`), not a count (`2.017`)."""
    return "." not in digits and 1900 <= parse_integer(digits) <= 2100


def approximated(text: str, start: int) -> bool:
    """Whether a qualifier (`khoảng`, `gần`) stands before `start`: `khoảng 1/3` is a fraction."""
    window = text[max(0, start - 30) : start]
    return bool(qualifier_at_end().search(window))


def ratio_of(doc: Document, match: regex.Match[str]) -> Ratio | None:
    """The `Ratio` of a fraction match, or None when context says it is not a count."""
    text = doc.clean
    if match.group("a"):
        a_text, b_text, end = match.group("a"), match.group("b"), match.end()
        if not is_count_fraction(text, a_text, b_text, match.start(), end):
            return None
    elif match.group("la"):
        a_text, b_text, end = match.group("la"), match.group("lb"), match.end()
        noun_words = words_of(match.group("anoun"))
        if phrase_at_start("unit", "ratio").match(match.group("anoun")) or len(noun_words) > 4:
            return None
        if not 1 < parse_integer(a_text) <= parse_integer(b_text) or names_a_year(b_text):
            return None  # `1 chỗ đỗ/8 phòng` is a rate, `4 tỉnh trong quý I/2017` a date
        following = regex.match(r"\s+[^\W\d]+(?:\s+[^\W\d]+)?", text[end : end + 40])
        if following is None or phrase_at_start("unit", "ratio").match(following.group(0)):
            return None
    else:
        a_text, b_text, end = match.group("wa"), match.group("wb"), match.end()
        if noun_after(text, end) is None or parse_integer(a_text) > parse_integer(b_text):
            return None
        if parse_integer(a_text) == 1:
            return None
    noun = noun_after(text, end)
    if match.group("la"):
        following = regex.match(r"\s+[^\W\d]+(?:\s+[^\W\d]+)?", text[end : end + 40])
        end += following.end() if following else 0
        subject = squeeze(match.group("anoun"))
    elif noun is not None:
        end = noun.end()
        subject = squeeze(noun.group("noun"))
    else:
        subject = ratio_subject(text, match.start())
    return Ratio(
        **doc.grounded(match.start(), end),
        numerator=parse_integer(a_text),
        denominator=parse_integer(b_text),
        subject=subject or None,
    )


def ratio_subject(text: str, start: int) -> str:
    """The phrase before a bare fraction (`số phiếu tuyệt đối 57/57`, `đứng thứ 15/63`)."""
    clause, _ = clause_start(text, start, 0)
    phrase = squeeze(text[clause:start])
    phrase = phrase_at_end("rank", "ratio").sub("", phrase)
    return clean_phrase(phrase)


def ratios(doc: Document) -> list[Ratio]:
    """Every count fraction of the document, in text order."""
    found = (ratio_of(doc, match) for match in fraction_pattern().finditer(doc.clean))
    return [ratio for ratio in found if ratio is not None]


def annotate(doc: Document) -> Document:
    """Pipeline stage: fill `doc.percentages` and `doc.ratios`."""
    return replace(doc, percentages=percentages(doc), ratios=ratios(doc))
