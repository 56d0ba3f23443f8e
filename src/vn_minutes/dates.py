"""Stage 4: dates and periods (`Chiều 05/7/2018`, `quý II/2018`, `nhiệm kỳ 2015-2020`, `hôm qua`).

The stage searches `doc.clean` in three steps:

1. **Match** every named form of the grammar (`forms()`: numeric and written dates, months,
   quarters, halves, years, year spans, day and month spans, relative words). Each match
   becomes a `Candidate` holding one `Point` (or two for a range) whose year may be missing.
   Where forms overlap the longest match wins.
2. **Combine** neighbouring candidates: `từ A đến B` / `A - B` become one range, `từ A đến nay`
   a range ending at publication, `sáng nay (28/6)` one date.
3. **Resolve** years and relative words in text order, following GUIDELINES.md: a point
   without a year takes the year shared by a coordinated twin (`6 tháng đầu năm và 6 tháng
   cuối năm 2017`), else of the nearest earlier mention that states one (a bare year only
   within its sentence; ranges, birth years, comparison baselines and names never lend),
   else of `published`, else stays partial (`--06-26`).

Word lists (parts of day, term words, cue words, number words) live in
`data/date_words.tsv`; relative expressions and their offsets in `data/date_relative.tsv`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

import regex

from vn_minutes.data import data_table
from vn_minutes.document import Document
from vn_minutes.record import DateMention

# ---------------------------------------------------------------------------------------------
# Lexicon


@cache
def words(category: str) -> dict[str, str]:
    """Words of one category of `date_words.tsv`, mapped to their value."""
    return {
        row["word"]: row["value"]
        for row in data_table("date_words.tsv")
        if row["category"] == category
    }


def alternation(items: object) -> str:
    """A regex alternation of literal phrases, longest first, any run of spaces inside."""
    phrases = sorted(set(items), key=len, reverse=True)  # type: ignore[arg-type]
    return "|".join(regex.escape(phrase).replace(r"\ ", r"\s+") for phrase in phrases)


@dataclass(frozen=True)
class Relative:
    """A row of `date_relative.tsv`: `hôm qua` is one `day` before the `published` date."""

    expression: str
    unit: str
    offset: int
    anchor: str

    @property
    def pattern(self) -> str:
        pod = alternation(words("part_of_day"))
        literal = regex.escape(self.expression).replace(r"\ ", r"\s+")
        return literal.replace(regex.escape("{pod}"), f"(?:{pod})")


@cache
def relatives() -> tuple[Relative, ...]:
    """The relative expressions, longest first."""
    rows = (
        Relative(row["expression"], row["unit"], int(row["offset"]), row["anchor"])
        for row in data_table("date_relative.tsv")
    )
    return tuple(sorted(rows, key=lambda rel: len(rel.expression), reverse=True))


# ---------------------------------------------------------------------------------------------
# Grammar: named building blocks, then the named forms built from them.

DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
MONTH = r"(?:0?[1-9]|1[0-2])(?!\d)"
YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
TIME = r"(?:[01]?\d|2[0-3])\s?(?:h|giờ|:)(?:\s?[0-5]\d(?:\s?phút)?)?(?!\w)"
# A numeric part may not touch another number, a code (`10-NQ/TU`) or a decimal.
NUM_START = r"(?<![\w.,/-])"
NUM_END = r"(?![\w/]|[.,-]\d)"
# What may sit between a month or quarter and its year: `7/2018`, `7-2018`, `7.2018`, `7 năm 2018`.
YEAR_LINK = r"\s?(?:[/.-]|\snăm\s)\s?"
SPAN_LINK = r"\s*(?:[-–—]|\s(?:đến|tới)(?:\s+hết)?\s)\s*"


def lead(tag: str = "", *, day_word: bool = False) -> str:
    """What may precede a day: clock time, part of day, `ngày` (`8h sáng ngày ...`)."""
    pod = alternation(words("part_of_day"))
    day = alternation(words("day_word"))
    day_part = rf"(?P<dw{tag}>{day})\s+" if day_word else rf"(?:(?P<dw{tag}>{day})\s+)?"
    return rf"(?:(?P<time{tag}>{TIME})\s*,?\s+)?(?:(?P<pod{tag}>{pod})\s+)?{day_part}"


@dataclass(frozen=True)
class Form:
    """One named form of the grammar: its compiled pattern and the function building it."""

    name: str
    pattern: regex.Pattern[str]
    build: Callable[[regex.Match[str], str], Candidate | None]


@cache
def forms() -> tuple[Form, ...]:
    """The date grammar: every form a mention can take, with its builder."""
    term = alternation(words("term"))
    number = alternation(words("number"))
    edge = alternation(words("period_edge"))
    year_cue = alternation(words("bare_year_cue"))
    relative = "|".join(rel.pattern for rel in relatives())
    grammar = {
        # Chiều 05/7/2018, ngày 5-7, 8h sáng ngày 30/6, 5.7.2018
        "date_numeric": (
            rf"(?<!\w){lead()}{NUM_START}(?P<d>{DAY})(?P<sep>[/.-])(?P<m>{MONTH})"
            rf"(?:(?P=sep)(?P<y>{YEAR}))?{NUM_END}",
            build_date,
        ),
        # ngày 5 tháng 7 năm 2018
        "date_written": (
            rf"(?<!\w){lead(day_word=True)}(?P<d>{DAY})\s+tháng\s+(?P<m>{MONTH})"
            rf"(?:{YEAR_LINK}(?P<y>{YEAR}))?{NUM_END}",
            build_date,
        ),
        # từ ngày 1 đến 5/7/2018, ngày 5 và 6/7
        "day_span": (
            rf"(?<!\w)(?:(?P<from>từ)\s+)?(?:(?P<dw>{alternation(words('day_word'))})\s+)?"
            rf"(?P<d1>{DAY})\s*(?:[-–]|\s(?:đến|tới|và)\s)\s*(?:ngày\s+)?"
            rf"(?P<d>{DAY})(?P<sep>[/.-])(?P<m>{MONTH})(?:(?P=sep)(?P<y>{YEAR}))?{NUM_END}",
            build_day_span,
        ),
        # tháng 7/2018, tháng 7 năm 2018, cuối tháng 12-2016, tháng 9
        "month": (
            rf"(?<!\w)(?:(?P<edge>{edge})\s+)?tháng\s+(?P<m>{MONTH})"
            rf"(?:{YEAR_LINK}(?P<y>{YEAR}))?(?:\s+này)?{NUM_END}",
            build_month,
        ),
        # tháng 6 - 7/2018, từ tháng 6 đến tháng 8 năm 2018
        "month_span": (
            rf"(?<!\w)(?:(?P<from>từ)\s+)?tháng\s+(?P<m1>{MONTH})\s*(?:[-–]|\s(?:đến|tới|và)\s)"
            rf"\s*(?:tháng\s+)?(?P<m>{MONTH})(?:{YEAR_LINK}(?P<y>{YEAR}))?{NUM_END}",
            build_month_span,
        ),
        # quý II/2018, quý 3 năm 2017, quý 3 này
        "quarter": (
            rf"(?<!\w)quý\s+(?P<q>IV|I{{1,3}}|[1-4])(?!\w)"
            rf"(?:(?:{YEAR_LINK}|\s)(?P<y>{YEAR}))?(?:\s+này)?{NUM_END}",
            build_quarter,
        ),
        # 6 tháng đầu năm 2018, sáu tháng cuối năm, 5 tháng đầu năm 2017 (a range)
        "months_of_year": (
            rf"(?<![\w,.])(?P<n>\d{{1,2}}|{number})\s+tháng\s+(?P<edge>đầu|cuối)\s+năm"
            rf"(?:\s+(?P<y>{YEAR}))?{NUM_END}",
            build_months_of_year,
        ),
        # nửa đầu năm 2025, nửa cuối 2025
        "half": (
            rf"(?<!\w)nửa\s+(?P<edge>đầu|cuối)\s+(?:năm(?:\s+(?P<y>{YEAR}))?|(?P<y2>{YEAR}))"
            rf"{NUM_END}",
            build_half,
        ),
        # năm 2018, đầu năm 2017
        "year": (
            rf"(?<!\w)(?:(?:đầu|cuối|giữa)\s+)?năm\s+(?P<y>{YEAR}){NUM_END}",
            build_year,
        ),
        # đến 2030, đầu 2020 (a bare year after a cue word; the cue is kept only for edges)
        "year_cued": (
            rf"(?<!\w)(?:(?P<edge>đầu|cuối|giữa)|{year_cue})\s+(?P<y>{YEAR}){NUM_END}",
            build_cued_year,
        ),
        # tầm nhìn 2030, SN1960
        "year_named": (
            rf"(?<!\w)(?:tầm\s+nhìn(?:\s+đến)?\s+|(?-i:SN)\s?)(?P<y>{YEAR}){NUM_END}",
            build_year,
        ),
        # Năm Kỷ cương hành chính 2017 (a year named by a capitalised theme)
        "year_theme": (
            rf"(?-i:(?<!\w)Năm\s+(?P<theme>\p{{Lu}}\p{{L}}*(?:\s+\p{{L}}+){{0,4}}?)\s+(?P<y>{YEAR}))"
            rf"{NUM_END}",
            build_year,
        ),
        # nhiệm kỳ 2015-2020, nhiệm kỳ (NK) 2015 - 2020, giai đoạn 2016 – 2020, 2016-2020
        "year_span": (
            rf"(?<![\w/.,-])(?:(?P<from>từ)\s+)?(?:(?P<term>{term})(?:\s+\(\p{{Lu}}{{1,6}}\))?"
            rf"\s+(?:từ\s+)?(?:năm\s+)?)?(?P<y1>{YEAR}){SPAN_LINK}(?:năm\s+)?(?P<y>{YEAR})"
            rf"{NUM_END}",
            build_year_span,
        ),
        # hôm qua, sáng nay, năm ngoái, chiều cùng ngày
        "relative": (rf"(?<!\w)(?:{relative})(?!\w)", build_relative),
    }
    return tuple(
        Form(name, regex.compile(pattern, regex.IGNORECASE), builder)
        for name, (pattern, builder) in grammar.items()
    )


@cache
def context_patterns() -> dict[str, regex.Pattern[str]]:
    """Patterns over the text just before a mention: cues, baselines, quantifiers."""

    def ending(category: str, extra: str = "") -> regex.Pattern[str]:
        return regex.compile(
            rf"(?:(?<!\w)(?:{alternation(words(category))}){extra})\s*$", regex.IGNORECASE
        )

    counting = alternation({**words("quantifier"), **words("number"), **words("frequency")})
    return {
        # A bare `28/6` is a date after `từ`, `(`, `lễ`... or right after another date.
        "bare_date_cue": regex.compile(
            rf"(?:(?<!\w)(?:{alternation(words('bare_date_cue'))})|\(|\d\s*(?:[-–,]|và))\s*$",
            regex.IGNORECASE,
        ),
        # `Ngày Thương binh liệt sỹ 27/7`: a named day, then its date.
        "named_day": regex.compile(r"(?-i:(?<!\w)Ngày(?:\s+\p{L}+){1,6})\s*$"),
        "document": ending("document", r"(?:\s+số)?"),
        "baseline": ending("baseline"),
        "festival": regex.compile(rf"(?-i:(?<!\w)(?:{alternation(words('festival'))}))\s*$"),
        "biography": ending("biography"),
        "quantifier": regex.compile(
            rf"(?:(?<!\w)(?:{counting})|\d)\s*$",
            regex.IGNORECASE,
        ),
        "frequency": ending("frequency"),
        "name_head": regex.compile(
            rf"(?-i:(?<!\w)(?:{alternation(words('name_head'))}))[^,;.:()]{{0,40}}$"
        ),
    }


def before(text: str, start: int, name: str, width: int = 60) -> bool:
    """Whether the text just before `start` matches context pattern `name`."""
    return context_patterns()[name].search(text, max(0, start - width), start) is not None


# ---------------------------------------------------------------------------------------------
# Points and candidates


@dataclass(frozen=True)
class Point:
    """A calendar point or period at one grain; `year` None until resolved."""

    grain: str  # date, month, year, quarter, half
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: int | None = None  # quarter 1-4 or half 1-2
    time: str | None = None

    def iso(self) -> str | None:
        """ISO 8601 text; partial (`--06-30`) for a yearless date or month, None otherwise."""
        year = f"{self.year:04d}" if self.year is not None else None
        if self.grain == "date":
            stamp = f"{year or '-'}-{self.month:02d}-{self.day:02d}"
            return stamp + (f"T{self.time}" if self.time else "")
        if self.grain == "month":
            return f"{year or '-'}-{self.month:02d}"
        if year is None:
            return None
        if self.grain == "quarter":
            return f"{year}-Q{self.part}"
        if self.grain == "half":
            return f"{year}-H{self.part}"
        return year


@dataclass(frozen=True)
class Candidate:
    """A matched mention before year resolution."""

    start: int
    end: int
    kind: str
    form: str
    points: tuple[Point, ...] = ()
    part_of_day: str | None = None
    time: str | None = None
    relative: Relative | None = None
    until_published: bool = False

    @property
    def stated_year(self) -> int | None:
        return next((p.year for p in self.points if p.year is not None), None)

    @property
    def needs_year(self) -> bool:
        return any(p.year is None for p in self.points) and self.relative is None


def valid_day(year: int | None, month: int, day: int) -> bool:
    """Whether the day exists (a yearless 29/2 is allowed)."""
    return day <= calendar.monthrange(year if year is not None else 2000, month)[1]


def clock(text: str | None) -> str | None:
    """`8h30`, `14 giờ`, `20 giờ 30 phút`, `8:30` -> `HH:MM`."""
    if not text:
        return None
    numbers = regex.findall(r"\d+", text)
    minutes = int(numbers[1]) if len(numbers) > 1 else 0
    return f"{int(numbers[0]):02d}:{minutes:02d}"


def lead_of(match: regex.Match[str], tag: str = "") -> tuple[str | None, str | None, bool]:
    """Clock time, part of day, and whether any lead word stands before the day."""
    groups = match.groupdict()
    time = clock(groups.get(f"time{tag}"))
    pod_text = groups.get(f"pod{tag}")
    pod = None
    if pod_text:
        pod = words("part_of_day")[" ".join(pod_text.lower().split())]
    has_lead = any(groups.get(f"{name}{tag}") for name in ("time", "pod", "dw", "from"))
    return time, pod, has_lead


def year_of(match: regex.Match[str], group: str = "y") -> int | None:
    text = match.groupdict().get(group)
    return int(text) if text else None


def roman_or_arabic(text: str) -> int:
    return int(words("roman").get(text.upper(), text))


def number_value(text: str) -> int:
    return int(text) if text.isdigit() else int(words("number")[" ".join(text.lower().split())])


# ---------------------------------------------------------------------------------------------
# Builders: one per form, each returns a Candidate or None when the match is not a date.


def build_date(match: regex.Match[str], text: str) -> Candidate | None:
    """A single day, numeric or written."""
    day, month, year = int(match["d"]), int(match["m"]), year_of(match)
    if not valid_day(year, month, day):
        return None
    time, pod, has_lead = lead_of(match)
    start = match.start()
    if not has_lead and year is None:
        # A bare `28/6` needs a cue; `5.7` and `5-7` never stand alone (decimals, scores).
        if match["sep"] != "/" or before(text, start, "document"):
            return None
        if not (before(text, start, "bare_date_cue") or before(text, start, "named_day")):
            return None
    if not has_lead and before(text, start, "document"):
        return None
    point = Point("date", year, month, day, time=time)
    return Candidate(start, match.end(), "date", "date", (point,), pod, time)


def build_day_span(match: regex.Match[str], text: str) -> Candidate | None:
    """`từ ngày 1 đến 5/7/2018`: the first day borrows month and year from the second."""
    if not (match["from"] or match["dw"]):
        return None
    first, last, month, year = int(match["d1"]), int(match["d"]), int(match["m"]), year_of(match)
    if first >= last or not valid_day(year, month, last):
        return None
    points = (Point("date", year, month, first), Point("date", year, month, last))
    return Candidate(match.start(), match.end(), "range", "day_span", points)


def build_month(match: regex.Match[str], text: str) -> Candidate | None:
    """A month, possibly with an edge word (`cuối tháng 12-2016` is still the month)."""
    start = match.start()
    after = text[match.end() : match.end() + 6]
    if before(text, start, "frequency") or regex.match(r"\s+lần", after):
        return None  # `mỗi tháng 1 lần`: a frequency
    if before(text, start, "quantifier") and not match["edge"]:
        return None  # `3 tháng 1 lần`, `hai tháng 7`
    point = Point("month", year_of(match), int(match["m"]))
    return Candidate(start, match.end(), "month", "month", (point,))


def build_month_span(match: regex.Match[str], text: str) -> Candidate | None:
    """`tháng 6 - 7/2018`: two months of one year."""
    first, last, year = int(match["m1"]), int(match["m"]), year_of(match)
    if first >= last:
        return None
    points = (Point("month", year, first), Point("month", year, last))
    return Candidate(match.start(), match.end(), "range", "month_span", points)


def build_quarter(match: regex.Match[str], text: str) -> Candidate | None:
    point = Point("quarter", year_of(match), part=roman_or_arabic(match["q"]))
    return Candidate(match.start(), match.end(), "quarter", "quarter", (point,))


def build_months_of_year(match: regex.Match[str], text: str) -> Candidate | None:
    """`6 tháng đầu năm` is a half; `5 tháng đầu năm` the range of its first five months."""
    count, year, first = number_value(match["n"]), year_of(match), match["edge"].lower() == "đầu"
    if not 1 <= count <= 11:
        return None
    if count == 6:
        point = Point("half", year, part=1 if first else 2)
        return Candidate(match.start(), match.end(), "half", "half", (point,))
    months = (1, count) if first else (13 - count, 12)
    points = (Point("month", year, months[0]), Point("month", year, months[1]))
    return Candidate(match.start(), match.end(), "range", "months_of_year", points)


def build_half(match: regex.Match[str], text: str) -> Candidate | None:
    year = year_of(match) or year_of(match, "y2")
    point = Point("half", year, part=1 if match["edge"].lower() == "đầu" else 2)
    return Candidate(match.start(), match.end(), "half", "half", (point,))


def build_year(match: regex.Match[str], text: str) -> Candidate | None:
    """A year: `năm 2018`, `đầu năm 2017`, `tầm nhìn 2030`, `SN1960`, `Năm Kỷ cương ... 2017`."""
    if before(text, match.start(), "festival"):
        return None  # `Tết năm 2016` names a festival
    form = "year_name" if match.groupdict().get("theme") else "year"
    point = Point("year", int(match["y"]))
    return Candidate(match.start(), match.end(), "year", form, (point,))


def build_cued_year(match: regex.Match[str], text: str) -> Candidate | None:
    """A bare year after a cue: `đầu 2020` keeps its edge word, `đến 2030` is just `2030`."""
    start = match.start() if match["edge"] else match.start("y")
    return Candidate(start, match.end(), "year", "year", (Point("year", int(match["y"])),))


def build_year_span(match: regex.Match[str], text: str) -> Candidate | None:
    """`nhiệm kỳ 2015-2020`: a span of years, at most thirty long."""
    first, last = int(match["y1"]), int(match["y"])
    if not first < last <= first + 30:
        return None
    points = (Point("year", first), Point("year", last))
    return Candidate(match.start(), match.end(), "range", "year_span", points)


def build_relative(match: regex.Match[str], text: str) -> Candidate | None:
    """`hôm qua`, `sáng nay`, `cùng ngày`: resolved later against publication or context."""
    start = match.start()
    if any(before(text, start, name) for name in ("quantifier", "baseline", "festival")):
        return None  # `5 năm qua`, `những năm trước`, `cùng kỳ năm trước`, `Tết năm nay`
    said = " ".join(match[0].lower().split())
    rel = next(r for r in relatives() if regex.fullmatch(r.pattern, said, regex.IGNORECASE))
    pod_words = words("part_of_day")
    pod = next(
        (pod_words[w] for w in sorted(pod_words, key=len, reverse=True) if said.startswith(w)), None
    )
    if "{pod}" not in rel.expression:
        pod = None
    return Candidate(start, match.end(), "relative", "relative", (), pod, relative=rel)


# ---------------------------------------------------------------------------------------------
# Step 1 and 2: match, choose, combine.


def candidates(text: str) -> list[Candidate]:
    """All matches of all forms, overlaps resolved to the longest, in text order."""
    found: list[Candidate] = []
    for form in forms():
        for match in form.pattern.finditer(text):
            candidate = form.build(match, text)
            if candidate is not None:
                found.append(candidate)
    found.sort(key=lambda c: (c.start - c.end, c.start))
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for candidate in found:
        if all(candidate.end <= s or candidate.start >= e for s, e in taken):
            chosen.append(candidate)
            taken.append((candidate.start, candidate.end))
    return sorted(chosen, key=lambda c: c.start)


RANGE_LINK = regex.compile(r"\s*(?:[-–—]|(?:đến|tới)(?:\s+hết)?)\s*", regex.IGNORECASE)
FROM = regex.compile(r"(?<!\w)từ\s+$", regex.IGNORECASE)
UNTIL_NOW = regex.compile(r"\s+(?:đến|tới)\s+nay(?!\w)", regex.IGNORECASE)
BRACKETED = regex.compile(r"\s*\(\s*$")


def combine(text: str, found: list[Candidate]) -> list[Candidate]:
    """Join `từ A đến B`, `A - B`, `từ A đến nay` and `sáng nay (28/6)` into one mention."""
    out: list[Candidate] = []
    index = 0
    while index < len(found):
        here = found[index]
        after = found[index + 1] if index + 1 < len(found) else None
        span_start = here.start
        opened = FROM.search(text, max(0, here.start - 10), here.start)
        if opened:
            span_start = opened.start()
        if here.kind in ("date", "month", "year", "quarter") and len(here.points) == 1:
            now = UNTIL_NOW.match(text, here.end)
            if opened and now:
                out.append(
                    replace(
                        here,
                        start=span_start,
                        end=now.end(),
                        kind="range",
                        form="until_now",
                        until_published=True,
                    )
                )
                index += 1
                continue
            if after is not None and after.kind == here.kind and len(after.points) == 1:
                link = RANGE_LINK.fullmatch(text, here.end, after.start)
                if link and (opened or "-" in link[0] or "–" in link[0] or here.kind != "year"):
                    out.append(join_range(here, after, span_start))
                    index += 2
                    continue
        if here.kind == "relative" and after is not None and after.kind == "date":
            gap = text[here.end : after.start]
            if regex.fullmatch(r"\s*\(\s*", gap) and text.startswith(")", after.end):
                merged = replace(
                    after,
                    start=here.start,
                    end=after.end + 1,
                    part_of_day=here.part_of_day or after.part_of_day,
                )
                out.append(merged)
                index += 2
                continue
        out.append(here)
        index += 1
    return out


def join_range(first: Candidate, last: Candidate, start: int) -> Candidate:
    """Range of two mentions; a yearless first end takes the second's year."""
    a, b = first.points[0], last.points[0]
    if a.year is None and b.year is not None:
        a = replace(a, year=b.year)
    return Candidate(start, last.end, "range", "span", (a, b))


# ---------------------------------------------------------------------------------------------
# Step 3: resolve years and relative expressions.


def sentence_starts(text: str) -> list[int]:
    """Start offsets of sentences (after `.`, `!`, `?` + space, or a line break)."""
    return [0] + [m.end() for m in regex.finditer(r"[.!?…](?=\s)|\n", text)]


def lends(text: str, candidate: Candidate) -> bool:
    """Whether a mention may lend its stated year to a later yearless one."""
    if candidate.stated_year is None or candidate.kind in ("range", "relative"):
        return False
    if candidate.form == "year_name":
        return False
    if before(text, candidate.start, "baseline") or before(text, candidate.start, "biography"):
        return False
    return not (candidate.kind == "year" and before(text, candidate.start, "name_head"))


def coordinated_year(text: str, found: list[Candidate], index: int) -> int | None:
    """`6 tháng đầu năm và 6 tháng cuối năm 2017`: a same-kind neighbour shares its year."""
    here = found[index]
    if index + 1 >= len(found):
        return None
    twin = found[index + 1]
    gap = text[here.end : twin.start]
    if twin.kind != here.kind or twin.stated_year is None or len(gap) > 40:
        return None
    return twin.stated_year if not regex.search(r"[.!?;:()]", gap) else None


def inherited_year(text: str, found: list[Candidate], index: int, starts: list[int]) -> int | None:
    """The year of the nearest earlier mention that states one (bare years: same sentence)."""
    sentence = bisect_right(starts, found[index].start)
    for earlier in reversed(found[:index]):
        if not lends(text, earlier):
            continue
        if earlier.kind == "year" and bisect_right(starts, earlier.start) != sentence:
            continue
        return earlier.stated_year
    return None


def shift(day: dt.date, unit: str, offset: int) -> str:
    """ISO value `offset` units from `day` at the unit's grain."""
    if unit == "day":
        return (day + dt.timedelta(days=offset)).isoformat()
    if unit == "week":
        year, week, _ = (day + dt.timedelta(weeks=offset)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        months = day.year * 12 + day.month - 1 + offset
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{day.year + offset:04d}"


def until(point: Point, published: dt.date) -> Point:
    """The publication date at the grain of `point` (end of `từ ... đến nay`)."""
    return Point(
        point.grain if point.grain in ("date", "month") else "year",
        published.year,
        published.month if point.grain in ("date", "month") else None,
        published.day if point.grain == "date" else None,
    )


def value_of(candidate: Candidate, published: dt.date | None) -> str | None:
    """ISO value of a resolved candidate (not relative)."""
    points = candidate.points
    if candidate.until_published:
        if published is None:
            return None
        points = (points[0], until(points[0], published))
    values = [point.iso() for point in points]
    if any(value is None for value in values):
        return None
    return "/".join(values)  # type: ignore[arg-type]


def resolve(
    text: str, found: list[Candidate], published: dt.date | None
) -> Iterator[tuple[Candidate, str | None]]:
    """Each candidate with its value, years filled in by the guideline rule."""
    starts = sentence_starts(text)
    resolved: list[tuple[Candidate, str | None]] = []
    for index, candidate in enumerate(found):
        if candidate.relative is not None:
            value = relative_value(candidate, resolved, published)
        else:
            if candidate.needs_year:
                year = coordinated_year(text, found, index) or inherited_year(
                    text, found, index, starts
                )
                if year is None and published is not None:
                    year = published.year
                if year is not None:
                    points = tuple(
                        p if p.year is not None else replace(p, year=year) for p in candidate.points
                    )
                    candidate = replace(candidate, points=points)
            value = value_of(candidate, published)
        resolved.append((candidate, value))
    yield from resolved


def relative_value(
    candidate: Candidate, done: list[tuple[Candidate, str | None]], published: dt.date | None
) -> str | None:
    """`hôm qua` against `published`; `cùng ngày` against the previous date mention."""
    rel = candidate.relative
    assert rel is not None
    if rel.anchor == "previous":
        previous = next((v for c, v in reversed(done) if c.kind == "date" and v), None)
        if previous is None:
            return None
        day = previous[:10] if previous[0] != "-" else previous[:7]
        if rel.offset == 0 or day.startswith("-"):
            return day if rel.offset == 0 else None
        return shift(dt.date.fromisoformat(day), rel.unit, rel.offset)
    if published is None:
        return None
    return shift(published, rel.unit, rel.offset)


# ---------------------------------------------------------------------------------------------
# Stage


def find_dates(text: str, published: dt.date | None = None) -> list[tuple[Candidate, str | None]]:
    """Every date mention in `text` with its ISO value, in text order."""
    return list(resolve(text, combine(text, candidates(text)), published))


def annotate(doc: Document) -> Document:
    """Pipeline stage: fill `doc.dates` with one `DateMention` per temporal expression."""
    mentions = [
        DateMention(
            **doc.grounded(candidate.start, candidate.end),
            value=value,
            kind=candidate.kind,
            part_of_day=candidate.part_of_day,
            time=candidate.time,
        )
        for candidate, value in find_dates(doc.clean, doc.published)
    ]
    return replace(doc, dates=mentions)
