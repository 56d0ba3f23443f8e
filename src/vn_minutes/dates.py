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
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from vn_minutes.data import data_table
from vn_minutes.document import Document
from vn_minutes.record import DateMention
from vn_minutes.text import alternation as phrase_alternation

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


# Syllables spelt with a final `i` or `y` alike (`kỳ`/`kì`, `quý`/`quí`, `lý`/`lí`): one
# consonant `h k l m s t` or `qu`, then the vowel with any tone, and nothing else.
I_OR_Y = {
    i: f"[{i}{y}]" for pair in ("iy", "íý", "ìỳ", "ỉỷ", "ĩỹ", "ịỵ") for i, y in (pair, pair[::-1])
}
I_Y_SYLLABLE = re.compile(r"(?<![^\W\d_])([hklmst]|qu)([iíìỉĩịyýỳỷỹỵ])(?![^\W\d_])")


def spelling(literal: str) -> str:
    """A regex for a literal phrase accepting both spellings of i/y syllables (`cùng kì`)."""
    escaped = re.escape(literal).replace(r"\ ", r"\s+")
    return I_Y_SYLLABLE.sub(lambda m: m[1] + I_OR_Y[m[2]], escaped)


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, either spelling of i/y."""
    return phrase_alternation(phrases, as_regex=spelling)


@dataclass(frozen=True)
class Relative:
    """A row of `date_relative.tsv`: `hôm qua` is one `day` before the `published` date."""

    expression: str
    unit: str
    offset: int
    anchor: str

    @property
    def compiled(self) -> re.Pattern[str]:
        return _compiled(self.pattern)

    @property
    def pattern(self) -> str:
        pod = alternation(words("part_of_day"))
        literal = re.escape(self.expression).replace(r"\ ", r"\s+")
        return literal.replace(re.escape("{pod}"), f"(?:{pod})")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


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
TIME = r"(?:[01]?\d|2[0-3])(?:\s?(?:h|giờ)(?:\s?[0-5]\d(?:\s?phút)?)?|:[0-5]\d)(?!\w)"
# A numeric part may not touch another number, a code (`10-NQ/TU`) or a decimal.
NUM_START = r"(?<![\w.,/])(?<![^\W\d_]-)"
NUM_END = r"(?![\w/]|[.,]\d)"
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
    """One named form of the grammar: the trigger every match contains, its compiled pattern
    and the function building a candidate from a match."""

    name: str
    trigger: str
    reach: tuple[int, int]  # how far a match may extend before and after its trigger
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str], str], Candidate | None]


@cache
def triggers() -> dict[str, re.Pattern[str]]:
    """The cheap patterns a form's match must contain; forms only run in windows around them.

    Each is a literal or starts with a digit, so the regex engine skips to it quickly; this
    is what keeps the stage fast (one short scan per trigger instead of every form everywhere).
    """
    last_words = {rel.expression.split()[-1] for rel in relatives()}
    return {
        "day_month": re.compile(r"\d[/.-]\d"),
        "year": re.compile(rf"{YEAR}"),
        "month_word": re.compile("tháng"),
        "quarter_word": re.compile(spelling("quý")),
        "half_word": re.compile("nửa"),
        "relative_word": re.compile(rf"(?:{alternation(last_words)})(?!\w)"),
    }


@cache
def forms() -> tuple[Form, ...]:
    """The date grammar: every form a mention can take, with its builder."""
    term = alternation(word.lower() for word in words("term"))
    number = alternation(words("number"))
    edge = alternation(words("period_edge"))
    year_cue = alternation(words("bare_year_cue"))
    relative = "|".join(rel.pattern for rel in relatives())
    grammar = {
        # Chiều 05/7/2018, ngày 5-7, 8h sáng ngày 30/6, 5.7.2018
        # Chiều 05/7/2018, ngày 5-7, 8h sáng ngày 30/6, 5.7.2018, ngày 26/5/ 2017
        "date_numeric": (
            ("day_month", 50, 20),
            rf"(?<!\w){lead()}{NUM_START}(?P<d>{DAY})(?P<sep>[/.-])(?P<m>{MONTH})"
            rf"(?:(?P=sep)\s?(?P<y>{YEAR}))?{NUM_END}",
            build_date,
        ),
        # 2017-05-17, 2017-05-13 09:44 (ISO dates, as in time stamps)
        "date_iso": (
            ("year", 5, 20),
            rf"{NUM_START}(?<![/-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
            rf"(?:[t\s](?P<clock>(?:[01]\d|2[0-3]):[0-5]\d)(?::[0-5]\d)?)?{NUM_END}(?!-)",
            build_iso_date,
        ),
        # ngày 5 tháng 7 năm 2018
        "date_written": (
            ("month_word", 50, 20),
            rf"(?<!\w){lead(day_word=True)}(?P<d>{DAY})\s+tháng\s+(?P<m>{MONTH})"
            rf"(?:{YEAR_LINK}(?P<y>{YEAR}))?{NUM_END}",
            build_date,
        ),
        # từ ngày 1 đến 5/7/2018, ngày 5 và 6/7, (24-25/6), ngày 24 - 25/6/2017
        "day_span": (
            ("day_month", 40, 20),
            rf"(?<!\w)(?:(?P<from>từ)\s+)?(?:(?P<dw>{alternation(words('day_word'))})\s+)?"
            rf"{NUM_START}(?<!\d[/.-])(?P<d1>{DAY})\s*(?P<link>[-–]|\s(?:đến|tới|và)\s)\s*"
            rf"(?:ngày\s+)?"
            rf"(?P<d>{DAY})(?P<sep>[/.-])(?P<m>{MONTH})(?:(?P=sep)\s?(?P<y>{YEAR}))?{NUM_END}",
            build_day_span,
        ),
        # tháng 7/2018, tháng 7 năm 2018, cuối tháng 12-2016, tháng 9
        "month": (
            ("month_word", 25, 30),
            rf"(?<!\w)(?:(?P<edge>{edge})\s+)?tháng\s+(?P<m>{MONTH})"
            rf"(?:{YEAR_LINK}(?P<y>{YEAR})|\s+(?P<rel>năm\s+(?:nay|ngoái|trước|qua|tới)))?"
            rf"(?:\s+này)?{NUM_END}",
            build_month,
        ),
        # từ 10/1990, hồi 5-2016 (a bare month and year after a cue word)
        "month_bare": (
            ("day_month", 5, 10),
            rf"{NUM_START}(?P<m>{MONTH})(?P<sep>[/-])(?P<y>{YEAR}){NUM_END}",
            build_bare_month,
        ),
        # tháng 6 - 7/2018, từ tháng 6 đến tháng 8 năm 2018
        "month_span": (
            ("month_word", 15, 30),
            rf"(?<!\w)(?:(?P<from>từ)\s+)?tháng\s+(?P<m1>{MONTH})\s*(?:[-–]|\s(?:đến|tới|và)\s)"
            rf"\s*(?:tháng\s+)?(?P<m>{MONTH})(?:{YEAR_LINK}(?P<y>{YEAR}))?{NUM_END}",
            build_month_span,
        ),
        # quý II/2018, quý 3 năm 2017, quý 3 này
        "quarter": (
            ("quarter_word", 5, 25),
            rf"(?<!\w){spelling('quý')}\s+(?P<q>iv|i{{1,3}}|[1-4])(?!\w)"
            rf"(?:(?:{YEAR_LINK}|\s)(?P<y>{YEAR}))?(?:\s+này)?{NUM_END}",
            build_quarter,
        ),
        # 6 tháng đầu năm 2018, sáu tháng cuối năm, 5 tháng đầu năm 2017 (a range)
        "months_of_year": (
            ("month_word", 15, 25),
            rf"(?<![\w,.])(?P<n>\d{{1,2}}|{number})\s+tháng\s+(?P<edge>đầu|cuối)\s+năm"
            rf"(?:\s+(?P<y>{YEAR}))?{NUM_END}",
            build_months_of_year,
        ),
        # nửa đầu năm 2025, nửa cuối 2025
        "half": (
            ("half_word", 5, 25),
            rf"(?<!\w)nửa\s+(?P<edge>đầu|cuối)\s+(?:năm(?:\s+(?P<y>{YEAR}))?|(?P<y2>{YEAR}))"
            rf"{NUM_END}",
            build_half,
        ),
        # năm 2018, đầu năm 2017
        "year": (
            ("year", 25, 5),
            rf"(?<!\w)(?:(?:đầu|cuối|giữa)\s+)?năm(?:\s+tài\s+chính)?\s+(?P<y>{YEAR}){NUM_END}",
            build_year,
        ),
        # đến 2030, đầu 2020 (a bare year after a cue word; the cue is kept only for edges)
        "year_cued": (
            ("year", 15, 5),
            rf"(?<!\w)(?:(?P<edge>đầu|cuối|giữa)|{year_cue})\s+(?P<y>{YEAR}){NUM_END}",
            build_cued_year,
        ),
        # (2014): a year standing alone in brackets
        "year_bracketed": (("year", 1, 1), rf"(?<=\()(?P<y>{YEAR})(?=\))", build_year),
        # tầm nhìn 2030, SN1960
        "year_named": (
            ("year", 20, 5),
            rf"(?<!\w)(?:tầm\s+nhìn(?:\s+đến)?\s+|sn\s?)(?P<y>{YEAR}){NUM_END}",
            build_year,
        ),
        # Năm Kỷ cương hành chính 2017 (a year named by a capitalised theme)
        "year_theme": (
            ("year", 60, 5),
            rf"(?<!\w)năm\s+(?P<theme>[^\W\d_]+(?:\s+[^\W\d_]+){{0,4}}?)\s+(?P<y>{YEAR})"
            rf"{NUM_END}",
            build_year,
        ),
        # nhiệm kỳ 2015-2020, nhiệm kỳ (NK) 2015 - 2020, giai đoạn 2016 – 2020, 2016-2020
        "year_span": (
            ("year", 40, 20),
            rf"(?<![\w/.,-])(?:(?P<from>từ)\s+)?(?:(?P<term>{term})(?:\s+\([^\W\d_]{{1,6}}\))?"
            rf"\s+(?:từ\s+)?(?:năm\s+)?)?(?P<y1>{YEAR}){SPAN_LINK}(?:năm\s+)?(?P<y>{YEAR})"
            rf"{NUM_END}",
            build_year_span,
        ),
        # hôm qua, sáng nay, năm ngoái, chiều cùng ngày
        # hôm qua, sáng nay, năm ngoái, chiều cùng ngày, 8h sáng mai (6/7), hôm qua 26-6
        "relative": (
            ("relative_word", 40, 25),
            rf"(?<!\w)(?:(?P<time>{TIME})\s+)?(?P<rel>{relative})(?!\w)"
            rf"(?:(?P<open>\s*\(\s*|\s+)(?P<d>{DAY})(?P<sep>[/.-])(?P<m>{MONTH})"
            rf"(?:(?P=sep)(?P<y>{YEAR}))?{NUM_END}(?P<close>\s*\))?)?",
            build_relative,
        ),
    }
    return tuple(
        Form(name, trigger, (before, after), re.compile(pattern), builder)
        for name, ((trigger, before, after), pattern, builder) in grammar.items()
    )


@cache
def context_patterns() -> dict[str, re.Pattern[str]]:
    """Patterns over the text just before a mention: cues, baselines, quantifiers."""

    def ending(category: str, extra: str = "") -> re.Pattern[str]:
        return re.compile(
            rf"(?:(?<!\w)(?:{alternation(words(category))}){extra})\s*$", re.IGNORECASE
        )

    counting = alternation({**words("quantifier"), **words("number"), **words("frequency")})
    return {
        # A bare `28/6` is a date after `từ`, `(`, `lễ`... or right after another date
        # (`24/6-25/6`, `5, 6/7`, `13-14/5 và 20-21/5`), but not in a ratio `3-4/10`.
        "bare_date_cue": re.compile(
            rf"(?:(?<!\w)(?:{alternation(words('bare_date_cue'))})|\(|\d[/.-]\d{{1,4}}\s*[-–]"
            rf"|\d\s*(?:,|và))\s*$",
            re.IGNORECASE,
        ),
        # `trong hai ngày làm việc 22-23/6`, `phiên 6-8/6`: a day noun, then its date.
        "day_noun": ending("day_noun"),
        # `thế hệ trẻ hôm nay`, `quê hương hôm nay`, `hôm nay và mai sau`, a title
        # `“Việt Nam hôm nay”`: today as the present age, not a day.
        "present_age": re.compile(
            rf"(?<!\w)(?:{alternation(words('present_age'))})(?:\s+[^\W\d_]+){{0,2}}\s+$",
            re.IGNORECASE,
        ),
        "with_future": re.compile(
            rf"\s*(?:,|và|lẫn)\s*(?:{alternation(words('future_age'))})(?!\w)", re.IGNORECASE
        ),
        "quote_open": re.compile(r"[“\"]((?:[^\W\d_]+\s+){1,4})$"),
        "quote_close": re.compile(r"\s*[”\"]"),
        # `Ngày Thương binh liệt sỹ 27/7`: a named day, then its date.
        "named_day": re.compile(r"(?-i:(?<!\w)Ngày(?:\s+[^\W\d_]+){1,6})\s*$"),
        "document": ending("document", r"(?:\s+số)?"),
        "baseline": ending("baseline", r"(?:\s+(?:đầu|cuối|giữa))?"),
        "festival": re.compile(rf"(?-i:(?<!\w)(?:{alternation(words('festival'))}))\s*$"),
        "biography": ending("biography"),
        "quantifier": re.compile(
            rf"(?:(?<!\w)(?:{counting})|\d)\s*$",
            re.IGNORECASE,
        ),
        "frequency": ending("frequency"),
        # The nearest head of a name before a year: `luật hợp tác xã năm 2012`, `Kế hoạch ...`.
        "name_head": re.compile(
            rf"(?s:.*)(?<!\w)(?P<head>{alternation(words('name_head'))}"
            rf"|(?-i:{alternation(words('name_head_titled'))}))(?!\w)[^,;.:()]{{0,40}}$",
            re.IGNORECASE,
        ),
        "not_name_head": re.compile(
            rf"(?<!\w)(?:{alternation(words('not_name_head'))})(?!\w)", re.IGNORECASE
        ),
    }


def before(text: str, start: int, name: str, width: int = 60) -> bool:
    """Whether the text just before `start` matches context pattern `name`."""
    return context_patterns()[name].search(text, max(0, start - width), start) is not None


def in_name(text: str, start: int) -> bool:
    """Whether a mention at `start` ends a name: `Luật Hợp tác xã năm 2012`, `hiến pháp 2013`."""
    patterns = context_patterns()
    found = patterns["name_head"].match(text, max(0, start - 60), start)
    if found is None:
        return False
    head_start, head_end = found.span("head")
    phrases = patterns["not_name_head"].finditer(text, max(0, head_start - 12), head_end + 12)
    return not any(p.start() <= head_start and head_end <= p.end() for p in phrases)  # `pháp luật`


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
    year_offset: int | None = None  # `năm ngoái`: years from publication, never inherited

    @property
    def stated_year(self) -> int | None:
        return next((p.year for p in self.points if p.year is not None), None)

    @property
    def needs_year(self) -> bool:
        return any(p.year is None for p in self.points) and self.relative is None


def valid_day(year: int | None, month: int, day: int) -> bool:
    """Whether the day exists (a yearless 29/2 is allowed)."""
    return day <= calendar.monthrange(year if year is not None else 2000, month)[1]


def clock(text: str | None, part_of_day: str | None = None) -> str | None:
    """`8h30`, `14 giờ`, `20 giờ 30 phút`, `8:30` -> `HH:MM`; `10h đêm` -> `22:00`."""
    if not text:
        return None
    numbers = re.findall(r"\d+", text)
    hour, minutes = int(numbers[0]), int(numbers[1]) if len(numbers) > 1 else 0
    afternoon = {"chiều": 1, "tối": 1, "đêm": 6, "trưa": 0}
    if part_of_day == "trưa" and hour < 6 or afternoon.get(part_of_day or "", 12) <= hour < 12:
        hour += 12
    return f"{hour:02d}:{minutes:02d}"


def lead_of(match: re.Match[str], tag: str = "") -> tuple[str | None, str | None, bool]:
    """Clock time, part of day, and whether any lead word stands before the day."""
    groups = match.groupdict()
    pod_text = groups.get(f"pod{tag}")
    pod = None
    if pod_text:
        pod = words("part_of_day")[" ".join(pod_text.lower().split())]
    time = clock(groups.get(f"time{tag}"), pod)
    has_lead = any(groups.get(f"{name}{tag}") for name in ("time", "pod", "dw", "from"))
    return time, pod, has_lead


def year_of(match: re.Match[str], group: str = "y") -> int | None:
    text = match.groupdict().get(group)
    return int(text) if text else None


def roman_or_arabic(text: str) -> int:
    return int(words("roman").get(text.upper(), text))


def number_value(text: str) -> int:
    return int(text) if text.isdigit() else int(words("number")[" ".join(text.lower().split())])


# ---------------------------------------------------------------------------------------------
# Builders: one per form, each returns a Candidate or None when the match is not a date.


def build_date(match: re.Match[str], text: str) -> Candidate | None:
    """A single day, numeric or written."""
    day, month, year = int(match["d"]), int(match["m"]), year_of(match)
    if not valid_day(year, month, day):
        return None
    time, pod, has_lead = lead_of(match)
    start = match.start()
    if not has_lead and year is None and not (match["sep"] == "/" and cued(text, start)):
        return None  # a bare `28/6` needs a cue; `5.7` and `5-7` never stand alone
    if not has_lead and before(text, start, "document"):
        return None
    point = Point("date", year, month, day, time=time)
    return Candidate(start, match.end(), "date", "date", (point,), pod, time)


def cued(text: str, start: int) -> bool:
    """Whether a bare `28/6` or `24-25/6` reads as a date: after a cue word, a named day or a
    day noun, and not in a document number."""
    if before(text, start, "document"):
        return False
    return any(before(text, start, name) for name in ("bare_date_cue", "named_day", "day_noun"))


LISTED = re.compile(r"\d\s*,\s*$")


def build_day_span(match: re.Match[str], text: str) -> Candidate | None:
    """`từ ngày 1 đến 5/7/2018`, `(24-25/6)`: the first day takes month and year of the second."""
    first, last, month, year = int(match["d1"]), int(match["d"]), int(match["m"]), year_of(match)
    if first >= last or not valid_day(year, month, last):
        return None
    start = match.start()
    if match["link"].strip() == "và" and (last != first + 1 or LISTED.search(text, 0, start)):
        return None  # `ngày 8, 12 và 21/4` lists days; `24 và 25/6` is a span
    bare = not (match["from"] or match["dw"])
    if bare and not ((match["sep"] == "/" or year) and cued(text, start)):
        return None  # a bare span reads like a bare date: after a cue (`(24-25/6)`, `phiên 6-8/6`)
    points = (Point("date", year, month, first), Point("date", year, month, last))
    return Candidate(match.start(), match.end(), "range", "day_span", points)


def build_iso_date(match: re.Match[str], text: str) -> Candidate | None:
    """`2017-05-17`, `2017-05-13 09:44`: a day in ISO order, with its clock time if any."""
    day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    if not valid_day(year, month, day):
        return None
    point = Point("date", year, month, day, time=match["clock"])
    return Candidate(match.start(), match.end(), "date", "date", (point,), None, match["clock"])


def build_month(match: re.Match[str], text: str) -> Candidate | None:
    """A month, possibly with an edge word (`cuối tháng 12-2016` is still the month)."""
    start = match.start()
    after = text[match.end() : match.end() + 6]
    if before(text, start, "frequency") or re.match(r"\s+lần", after):
        return None  # `mỗi tháng 1 lần`: a frequency
    if before(text, start, "quantifier") and not match["edge"]:
        return None  # `3 tháng 1 lần`, `hai tháng 7`
    point = Point("month", year_of(match), int(match["m"]))
    offset = None
    if match["rel"]:  # `tháng 8 năm ngoái`: the year is relative to publication
        said = " ".join(match["rel"].lower().split())
        offset = next(r.offset for r in relatives() if r.expression == said)
    return Candidate(start, match.end(), "month", "month", (point,), year_offset=offset)


def build_bare_month(match: re.Match[str], text: str) -> Candidate | None:
    """`từ 10/1990`: only after a cue word, since `10/2017` alone is often a number."""
    if before(text, match.start(), "document") or not before(text, match.start(), "bare_date_cue"):
        return None
    point = Point("month", year_of(match), int(match["m"]))
    return Candidate(match.start(), match.end(), "month", "month", (point,))


def build_month_span(match: re.Match[str], text: str) -> Candidate | None:
    """`tháng 6 - 7/2018`: two months of one year."""
    first, last, year = int(match["m1"]), int(match["m"]), year_of(match)
    if first >= last:
        return None
    points = (Point("month", year, first), Point("month", year, last))
    return Candidate(match.start(), match.end(), "range", "month_span", points)


def build_quarter(match: re.Match[str], text: str) -> Candidate | None:
    point = Point("quarter", year_of(match), part=roman_or_arabic(match["q"]))
    return Candidate(match.start(), match.end(), "quarter", "quarter", (point,))


def build_months_of_year(match: re.Match[str], text: str) -> Candidate | None:
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


def build_half(match: re.Match[str], text: str) -> Candidate | None:
    year = year_of(match) or year_of(match, "y2")
    point = Point("half", year, part=1 if match["edge"].lower() == "đầu" else 2)
    return Candidate(match.start(), match.end(), "half", "half", (point,))


def build_year(match: re.Match[str], text: str) -> Candidate | None:
    """A year: `năm 2018`, `đầu năm 2017`, `tầm nhìn 2030`, `SN1960`, `Năm Kỷ cương ... 2017`."""
    if before(text, match.start(), "festival"):
        return None  # `Tết năm 2016` names a festival
    theme = match.groupdict().get("theme")
    if theme and not (
        text.startswith("Năm", match.start()) and text[match.start("theme")].isupper()
    ):
        return None  # a theme year is capitalised: `Năm Kỷ cương hành chính 2017`
    if match[0].startswith("sn") and not text.startswith("SN", match.start()):
        return None
    form = "year_name" if theme else "year"
    point = Point("year", int(match["y"]))
    return Candidate(match.start(), match.end(), "year", form, (point,))


def build_cued_year(match: re.Match[str], text: str) -> Candidate | None:
    """A bare year after a cue: `đầu 2020` keeps its edge word, `đến 2030` is just `2030`."""
    start = match.start() if match["edge"] else match.start("y")
    return Candidate(start, match.end(), "year", "year", (Point("year", int(match["y"])),))


def build_year_span(match: re.Match[str], text: str) -> Candidate | None:
    """`nhiệm kỳ 2015-2020`, `(1907 - 1988)`: a span of years, at most a century long."""
    first, last = int(match["y1"]), int(match["y"])
    if not first < last <= first + 100:
        return None
    points = (Point("year", first), Point("year", last))
    return Candidate(match.start(), match.end(), "range", "year_span", points)


def build_relative(match: re.Match[str], text: str) -> Candidate | None:
    """`hôm qua`, `sáng nay`, `cùng ngày`: resolved later against publication or context."""
    start = match.start()
    if any(before(text, start, name) for name in ("quantifier", "baseline", "festival")):
        return None  # `5 năm qua`, `những năm trước`, `cùng kỳ năm trước`, `Tết năm nay`
    rel, pod = relative_of(" ".join(match["rel"].lower().split()))
    today = pod is None and (rel.unit, rel.offset, rel.anchor) == ("day", 0, "published")
    if today and not match["d"] and present_age(text, start, match.end("rel")):
        return None
    time = clock(match["time"], pod)
    explicit = match["d"] and ("(" in match["open"]) == bool(match["close"])
    if explicit and valid_day(year_of(match), int(match["m"]), int(match["d"])):
        # `sáng nay (28/6)`: the written date is the value.
        point = Point("date", year_of(match), int(match["m"]), int(match["d"]), time=time)
        return Candidate(start, match.end(), "date", "date", (point,), pod, time)
    return Candidate(start, match.end("rel"), "relative", "relative", (), pod, time, rel)


def present_age(text: str, start: int, end: int) -> bool:
    """`thế hệ trẻ hôm nay`, `hôm nay và mai sau`, `“Quê hương hôm nay”`: the present age."""
    if before(text, start, "present_age"):
        return True
    after = context_patterns()
    if after["with_future"].match(text, end):
        return True
    title = after["quote_open"].search(text, max(0, start - 40), start)  # `“Việt Nam hôm nay”`
    return bool(title and title[1].istitle() and after["quote_close"].match(text, end))


@cache
def relative_of(said: str) -> tuple[Relative, str | None]:
    """The row of `date_relative.tsv` a spoken form matches, and its part of day if any."""
    rel = next(r for r in relatives() if r.compiled.fullmatch(said))
    if "{pod}" not in rel.expression:
        return rel, None
    pod_words = words("part_of_day")
    pod = next(w for w in sorted(pod_words, key=len, reverse=True) if said.startswith(w))
    return rel, pod_words[pod]


# ---------------------------------------------------------------------------------------------
# Step 1 and 2: match, choose, combine.


def fold_case(text: str) -> str:
    """Lower case with the same length, so matches on it are offsets into `text`.

    The grammar is written in lower case and matched on this (three times faster than
    case-insensitive matching); builders read case-sensitive cues from the original text.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char if len(char.lower()) != 1 else char.lower() for char in text)


def windows(hits: list[tuple[int, int]], reach: tuple[int, int]) -> list[tuple[int, int]]:
    """Merged stretches of text reaching `reach` characters around each hit, in text order."""
    out: list[tuple[int, int]] = []
    for hit_start, hit_end in hits:
        start, end = max(0, hit_start - reach[0]), hit_end + reach[1]
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def candidates(text: str) -> list[Candidate]:
    """All matches of all forms, overlaps resolved to the longest, in text order."""
    found: list[Candidate] = []
    folded = fold_case(text)
    hits = {
        name: [m.span() for m in pattern.finditer(folded)] for name, pattern in triggers().items()
    }
    for form in forms():
        for start, end in windows(hits[form.trigger], form.reach):
            for match in form.pattern.finditer(folded, start, end):
                candidate = form.build(match, text)
                if candidate is not None:
                    found.append(candidate)
    # One sweep in text order: of two overlapping matches the longer one stays.
    found.sort(key=lambda c: (c.start, c.start - c.end))
    chosen: list[Candidate] = []
    for candidate in found:
        if chosen and candidate.start < chosen[-1].end:
            if candidate.end - candidate.start > chosen[-1].end - chosen[-1].start:
                chosen[-1] = candidate
            continue
        chosen.append(candidate)
    return chosen


RANGE_LINK = re.compile(r"\s*(?:[-–—]|(?:đến|tới)(?:\s+hết)?)\s*", re.IGNORECASE)
FROM = re.compile(r"(?<!\w)từ\s+$", re.IGNORECASE)
UNTIL_NOW = re.compile(r"\s+(?:đến|tới)\s+nay(?!\w)", re.IGNORECASE)
BRACKETED = re.compile(r"\s*\(\s*$")


LISTED_YEAR = re.compile(rf"\s*(?:,|và)\s*(?:năm\s+)?({YEAR}){NUM_END}")


def listed_years(text: str, found: list[Candidate]) -> list[Candidate]:
    """`các năm 2013, 2014 và 2015`: the years listed after a year mention are years too."""
    out: list[Candidate] = []
    for index, candidate in enumerate(found):
        out.append(candidate)
        limit = found[index + 1].start if index + 1 < len(found) else len(text)
        while candidate.kind == "year" and (listed := LISTED_YEAR.match(text, candidate.end)):
            if listed.end() > limit:
                break
            point = Point("year", int(listed[1]))
            candidate = Candidate(listed.start(1), listed.end(), "year", "year", (point,))
            out.append(candidate)
    return out


def combine(text: str, found: list[Candidate]) -> list[Candidate]:
    """Join `từ A đến B`, `A - B` and `từ A đến nay` into one range mention."""
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
            same = after is not None and after.kind == here.kind
            mixed = opened and after is not None and after.kind in ("date", "month", "year")
            if after is not None and (same or mixed) and len(after.points) == 1:
                link = RANGE_LINK.fullmatch(text, here.end, after.start)
                if link and (opened or "-" in link[0] or "–" in link[0] or here.kind != "year"):
                    out.append(join_range(here, after, span_start))
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
    elif b.year is None and a.year is not None and b.grain in ("date", "month"):
        later = (b.month, b.day or 0) >= (a.month or 1, a.day or 0)
        b = replace(b, year=a.year if later else a.year + 1)
    return Candidate(start, last.end, "range", "span", (a, b))


# ---------------------------------------------------------------------------------------------
# Step 3: resolve years and relative expressions.


SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")


def same_sentence(text: str, start: int, end: int) -> bool:
    """Whether no sentence ends (`.`, `!`, `?` + space, or a line break) between two offsets."""
    return SENTENCE_END.search(text, start, end) is None


def lends(text: str, candidate: Candidate) -> bool:
    """Whether a mention may lend its stated year to a later yearless one."""
    if candidate.stated_year is None or candidate.kind in ("range", "relative"):
        return False
    if candidate.form == "year_name":
        return False
    if before(text, candidate.start, "baseline") or before(text, candidate.start, "biography"):
        return False
    return not (candidate.kind == "year" and in_name(text, candidate.start))


def coordinated_year(text: str, found: list[Candidate], index: int) -> int | None:
    """`6 tháng đầu năm và 6 tháng cuối năm 2017`: a same-kind neighbour shares its year."""
    here = found[index]
    if index + 1 >= len(found):
        return None
    twin = found[index + 1]
    gap = text[here.end : twin.start]
    if twin.kind != here.kind or twin.stated_year is None or len(gap) > 40:
        return None
    return twin.stated_year if not re.search(r"[.!?;:()]", gap) else None


@dataclass
class Lenders:
    """The nearest earlier mentions that lend their year, kept while resolving in text order
    (so each mention is looked at once: linear time on long texts)."""

    mention: Candidate | None = None  # a date, month, half or quarter with its year
    bare_year: Candidate | None = None  # a bare year: lends only within its sentence
    clear_until: int = 0  # no sentence ends between `bare_year` and here

    def add(self, text: str, candidate: Candidate) -> None:
        if lends(text, candidate):
            if candidate.kind == "year":
                self.bare_year, self.clear_until = candidate, candidate.start
            else:
                self.mention = candidate

    def year_for(self, text: str, start: int) -> int | None:
        """The year of the nearest earlier mention that states one (bare years: same sentence)."""
        if self.bare_year is not None:
            if same_sentence(text, self.clear_until, start):
                self.clear_until = start
            else:
                self.bare_year = None
        nearest = [c for c in (self.mention, self.bare_year) if c is not None]
        return max(nearest, key=lambda c: c.start).stated_year if nearest else None


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
    lenders = Lenders()
    last_day: str | None = None  # value of the nearest earlier date, for `cùng ngày`
    for index, stated in enumerate(found):
        candidate = stated
        if candidate.relative is not None:
            value = relative_value(candidate, last_day, published)
        else:
            if candidate.needs_year:
                if candidate.year_offset is not None:
                    year = published.year + candidate.year_offset if published else None
                else:
                    year = coordinated_year(text, found, index) or lenders.year_for(
                        text, candidate.start
                    )
                    if year is None and published is not None:
                        year = published.year
                if year is not None:
                    points = tuple(
                        p if p.year is not None else replace(p, year=year) for p in candidate.points
                    )
                    candidate = replace(candidate, points=points)
            value = value_of(candidate, published)
        lenders.add(text, stated)  # a year filled in here is never lent on
        if candidate.kind == "date" and value:
            last_day = value
        yield candidate, value


def relative_value(
    candidate: Candidate, previous: str | None, published: dt.date | None
) -> str | None:
    """`hôm qua` against `published`; `cùng ngày` against the previous date mention."""
    rel = candidate.relative
    assert rel is not None
    if rel.anchor == "previous":
        if previous is None:
            return None
        day = previous[:10] if previous[0] != "-" else previous[:7]
        if rel.offset == 0:
            return day + (f"T{candidate.time}" if candidate.time else "")
        if day.startswith("--"):  # a yearless day: count in a leap year, keep it yearless
            return "--" + shift(dt.date.fromisoformat("2000" + day[1:]), rel.unit, rel.offset)[5:]
        return shift(dt.date.fromisoformat(day), rel.unit, rel.offset)
    if published is None:
        return None
    value = shift(published, rel.unit, rel.offset)
    return value + f"T{candidate.time}" if candidate.time and rel.unit == "day" else value


# ---------------------------------------------------------------------------------------------
# Stage


def find_dates(text: str, published: dt.date | None = None) -> list[tuple[Candidate, str | None]]:
    """Every date mention in `text` with its ISO value, in text order."""
    return list(resolve(text, combine(text, listed_years(text, candidates(text))), published))


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
