"""Stage 5: the people of an article, with their honorific, roles and every mention, and its byline.

Pipeline (all over `doc.clean`, word by word, linear time):

1. `words`: the text as words (syllables, abbreviations, numbers) with the gap before each.
2. `find_names`: runs of capitalised syllables that start with a family name (`surnames.tsv`)
   or follow an honorific (`honorifics.tsv`), minus places, schools, streets, photo credits
   and the byline; a lone capitalised syllable after an honorific is a given-name reference.
3. `find_roles`: a title (`titles.tsv`) that runs on over its organisation and place
   (`organisations.tsv`, `people_role_words.txt`) until a word that cannot be part of it.
4. `attach`: a role chain right before a name (`Bí thư Tỉnh ủy X`), after it (`X, Bí thư ...,
   Chủ tịch ...`), or linked by a verb (`X được bầu làm ...`) belongs to that name.
5. People are the distinct full names; partial names, given-name references and role
   references (`đồng chí Bí thư Đảng ủy huyện`) become mentions of them.

The byline (`find_author`) is read from the end of the article; its author is not a person here.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import regex

from vn_minutes.data import data_lines, data_table
from vn_minutes.document import Document, Token
from vn_minutes.record import Person

# --- patterns -------------------------------------------------------------------------------

# A word: letters/digits, possibly joined by & - . ' (KH-CN, NN&PTNT, TP.HCM, T.Ư, Al-Kuwari).
WORD = re.compile(r"[^\W_]+(?:[&\-.'’][^\W_]+)*")  # stdlib `re`: faster on this simple class
# The gap before a word (only non-word characters) and the word, for a single C-level scan.
GAP_AND_WORD = re.compile(r"([\W_]*)(" + WORD.pattern + ")")
# A capitalised syllable: one upper-case letter, then lower-case letters only.
CAPITALISED = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]*(?:['’-]\p{L}[\p{Ll}\p{M}]*)*")
# An abbreviation-like word: two or more capitals (UBND, KH-CN, TP.HCM, T.Ư, TP.Quy).
ABBREVIATION = regex.compile(r"(?=(?:[^\p{Lu}]*\p{Lu}){2})[\p{Lu}\p{Ll}\p{N}&\-.'’]+")
ROMAN = regex.compile(r"[IVXLC]+")
NUMBER = regex.compile(r"\d+(?:[.,/-]\d+)*")
# Gaps between words that separate the roles of one person.
ROLE_SEPARATOR = regex.compile(r"\s*[,;]\s+|\s+[-–]\s+|\s+kiêm\s+")
# Gaps between a name and the roles that follow it.
APPOSITION = regex.compile(r",\s+|\s*[-–]\s*|\s*\(\s*|:\s+")
# Photo credits right before a name: "Ảnh: Trọng Toàn", "(Ảnh: Thanh Vũ/TTXVN)", "Ảnh: VGP/X".
PHOTO_CREDIT = regex.compile(
    r"(?i)(?:ảnh|photo|clip|video|đồ họa)\s*(?:minh họa)?\s*:\s*(?:[\p{L}\p{N}.&+]+\s*/\s*)?$"
)
# Byline lead-ins and agency tails.
BYLINE_LEAD = regex.compile(
    r"(?i)^(?:(?:tin|bài|ảnh|video|clip|nhóm|thực hiện|nhóm pv)"
    r"(?:\s*(?:,|và|\+|-)\s*(?:tin|bài|ảnh|video|clip))*\s*:\s*|theo\s+)"
)
# A sentence end; the dot of an initial (`H. Nguyên`) is none.
SENTENCE_END = regex.compile(r"(?:\./\.|(?<!\b\p{Lu})[.!?…]+[\"”’»)]*|[\"”’»]|\))(?=\s|$)")
TRAILING_CREDIT = regex.compile(r"\s*(?:\([^()]{1,40}\)|[/|][^\s/]{1,30})$")

DASH = regex.compile(r"\s+[-–]\s+")
COMMA = regex.compile(r",\s+")
SPACES = regex.compile(r"\s+")
NEW_IN_OFFICE = regex.compile(r"(?i)^tân\s+")  # `tân Bí thư`: the new holder; `tân` is dropped

MAX_ROLE_WORDS = 30
PRONOUNS = frozenset({"ông", "bà", "Ông", "Bà"})
MAX_BYLINE = 80


# --- lexicons -------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower-case NFC form used to look words up in the lexicons."""
    return unicodedata.normalize("NFC", text).lower()


@dataclass(frozen=True)
class Phrases:
    """A set of multi-word phrases, looked up word by word (case-insensitively)."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Phrases:
        """Index phrases by their first folded word, longest first so `match` finds the longest."""
        table: dict[str, set[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(fold(phrase).split())
            if words:
                table.setdefault(words[0], set()).add(words)
        return cls({k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()})

    def match(self, words: Sequence[Word], i: int) -> int:
        """Number of words of the longest phrase starting at word `i` (0 if none)."""
        phrases = self.by_first.get(words[i].folded)
        if not phrases:
            return 0
        n = len(words)
        for phrase in phrases:
            size = len(phrase)
            if size == 1:
                return 1
            if i + size > n:
                continue
            for k in range(1, size):
                word = words[i + k]
                if word.folded != phrase[k] or word.gap != " ":
                    break
            else:
                return size
        return 0


@cache
def surnames() -> Phrases:
    """Family names (one or two syllables) from `surnames.tsv`."""
    return Phrases.of(row["surname"] for row in data_table("surnames.tsv"))


@cache
def honorifics() -> dict[str, str]:
    """Honorific (folded) -> kind, from `honorifics.tsv`."""
    return {fold(row["honorific"]): row["kind"] for row in data_table("honorifics.tsv")}


@cache
def honorific_phrases() -> Phrases:
    """Honorifics (`ông`, `bà`, `đồng chí`) as phrases, from `honorifics.tsv`."""
    return Phrases.of(row["honorific"] for row in data_table("honorifics.tsv"))


@cache
def titles() -> Phrases:
    """Offices and ranks from `titles.tsv`."""
    return Phrases.of(row["title"] for row in data_table("titles.tsv"))


@cache
def ranks() -> frozenset[str]:
    """Ranks (`Đại tướng`, `Thượng tá`), folded, from `titles.tsv`."""
    return frozenset(fold(r["title"]) for r in data_table("titles.tsv") if r["kind"] == "rank")


@cache
def organisations() -> Phrases:
    """Organisation heads (Tỉnh ủy, Sở, Ban ...) from `organisations.tsv`."""
    return Phrases.of(
        r["organisation"] for r in data_table("organisations.tsv") if r["kind"] == "org"
    )


@cache
def role_words() -> Phrases:
    """Lower-case words a role runs on over: connectors and place levels."""
    places = (r["organisation"] for r in data_table("organisations.tsv") if r["kind"] == "place")
    return Phrases.of([*data_lines("people_role_words.txt"), *places])


@cache
def role_verbs() -> Phrases:
    """Verbs and fillers linking a person to an office (`là`, `giữ chức`, `được bầu làm`)."""
    return Phrases.of(data_lines("people_role_verbs.txt"))


@cache
def role_starters() -> frozenset[str]:
    """First words of titles and organisations, and `nguyên`/`tân`: where a role may start."""
    return frozenset({*titles().by_first, *organisations().by_first, "nguyên", "tân"})


@cache
def role_stops() -> Phrases:
    """Verbs a role never runs on over (`phát biểu`, `mong muốn`)."""
    return Phrases.of(data_lines("people_role_stops.txt"))


@cache
def head_words() -> frozenset[str]:
    """One-word organisation heads (`ban`, `phòng`, `sở`) that a title may end with."""
    rows = data_table("organisations.tsv")
    return frozenset(fold(r["organisation"]) for r in rows if " " not in r["organisation"])


@cache
def places() -> Phrases:
    """Places and year names that look like personal names (`Hà Nội`, `Đinh Dậu`)."""
    return Phrases.of([*data_lines("people_places.txt"), *data_lines("people_year_names.txt")])


@cache
def org_words() -> Phrases:
    """Lower-case nouns that continue an organisation's name (`Cục Quản lý dược`)."""
    return Phrases.of(data_lines("people_org_words.txt"))


@cache
def historical() -> frozenset[str]:
    """Historical figures (folded) who are people even in set phrases (`tư tưởng Hồ Chí Minh`)."""
    return frozenset(fold(line) for line in data_lines("people_historical.txt"))


@cache
def name_cues() -> Phrases:
    """Words that make the following name a place, school, street or award."""
    return Phrases.of(row["cue"] for row in data_table("people_name_cues.tsv"))


@cache
def name_cue_kinds() -> dict[str, str]:
    """Name cue (folded) -> what it makes the following name (place, school, street ...)."""
    return {fold(row["cue"]): row["kind"] for row in data_table("people_name_cues.tsv")}


@cache
def stopwords() -> frozenset[str]:
    """Capitalised sentence openers (`Ngày`, `Sáng`) that are never part of a name."""
    return frozenset(data_lines("people_stopwords.txt"))


@cache
def agencies() -> frozenset[str]:
    """News agencies and outlets that are no author (`Theo TTXVN`, `PV`, `VOV`)."""
    return frozenset(fold(line) for line in data_lines("people_agencies.txt"))


# --- words ----------------------------------------------------------------------------------


class Word:
    """One word of `doc.clean`: its span, text, lower-cased form, shape and the gap before it."""

    __slots__ = ("abbreviation", "capitalised", "end", "folded", "gap", "start", "text", "token")

    def __init__(self, start: int, end: int, text: str, gap: str, token: int) -> None:
        self.start, self.end, self.text, self.gap, self.token = start, end, text, gap, token
        self.folded = folded = text.lower()
        self.capitalised = self.abbreviation = False
        if folded != text and text[0].isupper():  # work out the shape of a capitalised word
            self.capitalised = capitalised = CAPITALISED.fullmatch(text) is not None
            self.abbreviation = not capitalised and ABBREVIATION.fullmatch(text) is not None
            if len(text) <= 4 and ROMAN.fullmatch(text):
                self.abbreviation = True

    def __repr__(self) -> str:
        return f"Word({self.text!r}@{self.start})"


def words_of(text: str, tokens: Sequence[Token] = ()) -> list[Word]:
    """The words of `text`, each with the gap before it and the index of its segmenter token."""
    token_starts = [t.start for t in tokens]
    token_ends = [t.end for t in tokens]
    if any(a > b for a, b in zip(token_starts, token_starts[1:], strict=False)):
        pairs = sorted(zip(token_starts, token_ends, strict=True))
        token_starts, token_ends = [a for a, _ in pairs], [b for _, b in pairs]
    result: list[Word] = []
    append = result.append
    cursor = 0
    for gap, word in GAP_AND_WORD.findall(text):
        start = cursor + len(gap)
        cursor = start + len(word)
        token = bisect_right(token_starts, start) - 1
        if token < 0 or token_ends[token] <= start:
            token = -1 - len(result)
        append(Word(start, cursor, word, gap, token))
    return result


def same_token(words: Sequence[Word], i: int, j: int) -> bool:
    """Whether the segmenter put words `i` and `j` in one token."""
    return words[i].token >= 0 and words[i].token == words[j].token


def token_starts_at(words: Sequence[Word], i: int, has_tokens: bool) -> bool:
    """Whether word `i` begins a segmenter token (always true without tokens)."""
    return not has_tokens or i == 0 or not same_token(words, i - 1, i)


# --- names ----------------------------------------------------------------------------------


@dataclass
class NameSpan:
    """A name (or a lone given name after an honorific) found at words [first, last)."""

    first: int
    last: int
    text: str
    start: int
    end: int
    honorific: str | None = None
    short: bool = False
    place: bool = False  # also written as a place elsewhere (`đường Lê Văn Lương`)


def honorific_before(words: Sequence[Word], i: int) -> tuple[str, int] | None:
    """The honorific ending right before word `i` (text, index of its first word)."""
    for size in (3, 2, 1):
        j = i - size
        if j < 0 or words[i].gap != " ":
            continue
        if honorific_phrases().match(words, j) == size:
            return " ".join(w.text for w in words[j:i]), j
    return None


def is_honorific_word(words: Sequence[Word], i: int) -> bool:
    """Whether an honorific (`ông`, `đồng chí`) starts at word `i`."""
    return honorific_phrases().match(words, i) > 0


def capitalised_runs(words: Sequence[Word]) -> Iterable[tuple[int, int]]:
    """Maximal runs [i, j) of capitalised words joined by single spaces.

    A run stops before a stopword, before `Ông`/`Bà` + name, and before a title or
    organisation of two or more words (`Hồ Chủ tịch` -> `Hồ`).
    """
    i, n = 0, len(words)
    while i < n:
        if not words[i].capitalised or words[i].text in stopwords():
            i += 1
            continue
        j = i + 1
        while j < n and words[j].gap == " " and words[j].capitalised and not run_breaks(words, j):
            j += 1
        yield i, j
        i = j


def run_breaks(words: Sequence[Word], j: int) -> bool:
    """Whether a capitalised word `j` cannot continue the name before it."""
    if words[j].text in stopwords():
        return True
    if words[j].text in PRONOUNS and j + 1 < len(words) and words[j + 1].gap == " ":
        return words[j + 1].capitalised
    return titles().match(words, j) > 1 or organisations().match(words, j) > 1


def names_in_run(words: Sequence[Word], i: int, j: int, has_tokens: bool) -> list[tuple[int, int]]:
    """Person names inside the capitalised run [i, j): each a family name and 1-3 more syllables.

    Places before a name are skipped (`Hà Nội Hoàng Trung Hải`); a run too long for one name
    is cut where the segmenter ends a token (`Vũ Văn Tám Phạm Anh`).
    """
    spans: list[tuple[int, int]] = []
    k = i
    while k < j - 1:
        skip = places().match(words, k)
        if skip and k + skip <= j:
            k += skip
            continue
        family = surnames().match(words, k)
        rest = k + family
        org_like = organisations().match(words, k) > 0
        if family and org_like and rest < j and places().match(words, rest) == j - rest:
            family = 0  # `Đoàn Việt Nam`: an organisation of a country, not a person
        if family and token_starts_at(words, k, has_tokens):
            if family < j - k <= family + 3:
                if not glued_after(words, j):
                    spans.append((k, j))
                break
            end = k + 1
            while end < j and same_token(words, end - 1, end):
                end += 1
            if family < end - k <= family + 3 and j - end >= 2:
                spans.append((k, end))
                k = end
                continue
        k += 1
    return spans


def glued_after(words: Sequence[Word], j: int) -> bool:
    """Whether the segmenter makes word `j - 1` and the lower-case word `j` one word of their
    own (`Đoàn Thanh niên`, `Hồ Chủ tịch`), not a name that swallowed a verb (`Duy sinh`)."""
    if not 1 < j < len(words) or words[j].capitalised or not same_token(words, j - 1, j):
        return False
    return not same_token(words, j - 2, j - 1)


def is_place_context(words: Sequence[Word], i: int, historic: bool) -> bool:
    """Whether the name at word `i` names a place, school, street, award (`TP Hồ Chí Minh`).

    After a place word that completes an office (`Chủ tịch UBND tỉnh Nguyễn Văn A`) a name is
    a person, unless it is a historical figure's (`Sở Y tế TP Hồ Chí Minh`).
    """
    if i == 0 or words[i].gap not in (" ", ". "):
        return False
    for size in (4, 3, 2, 1):
        j = i - size
        if j < 0 or name_cues().match(words, j) != size:
            continue
        kind = name_cue_kinds().get(" ".join(w.folded for w in words[j:i]), "place")
        if j > 0 and same_token(words, j - 1, j):
            kind = "place"  # `Bộ trưởng ... Môi trường X`: the cue is part of another word
        return historic or kind != "place" or not title_before(words, j)
    return False


def title_before(words: Sequence[Word], i: int, limit: int = 10) -> bool:
    """Whether an office title starts among the few words before word `i`, in the same clause."""
    k = i
    while k > 0 and i - k < limit and words[k].gap in (" ", ". ", "."):
        k -= 1
        if titles().match(words, k):
            return True
    return False


def is_photo_credit(text: str, start: int) -> bool:
    """Whether a photo credit (`Ảnh: `) stands right before offset `start`: no person there."""
    return PHOTO_CREDIT.search(text[max(0, start - 40) : start]) is not None


def find_names(
    text: str, words: Sequence[Word], has_tokens: bool, skip: tuple[int, int] | None = None
) -> list[NameSpan]:
    """Person names and given-name references, in text order."""
    found: list[NameSpan] = []
    place_names: set[str] = set()
    for i, j in capitalised_runs(words):
        leading = honorific_phrases().match(words, i)
        if leading and i + leading < j:
            i += leading  # `Ông Hùng`: the run starts with the honorific
        hon = honorific_before(words, i)
        if hon and (titles().match(words, i) or organisations().match(words, i)):
            hon = None  # `đồng chí Bí thư ...`: a role, not a name
        spans = names_in_run(words, i, j, has_tokens)
        if not spans and hon and 2 <= j - i <= 5 and places().match(words, i) != j - i:
            spans = [(i, j)]  # a name without a known family name after an honorific
        if not spans and hon and j - i == 1:
            found.append(_name(words, i, j, hon[0], short=True))
            continue
        for a, b in spans:
            after_honorific = hon[0] if hon and a == i else None
            verdict = judge_name(text, words, a, b, after_honorific, skip)
            if verdict == "person":
                found.append(_name(words, a, b, after_honorific))
            elif verdict == "place":
                place_names.add(fold(" ".join(w.text for w in words[a:b])))
    for name in found:
        name.place = fold(name.text) in place_names
    return found


def judge_name(
    text: str, words: Sequence[Word], a: int, b: int, hon: str | None, skip: tuple[int, int] | None
) -> str:
    """`person` for words [a, b) naming a person, `place` for a place or thing named after one,
    `skip` in the byline or a photo credit."""
    start = words[a].start
    if skip and skip[0] <= start < skip[1] or is_photo_credit(text, start):
        return "skip"
    full = " ".join(w.text for w in words[a:b])
    is_historical = fold(full) in historical()
    if hon:
        return "person"
    if "-" in full:
        return "skip"
    if is_place_context(words, a, is_historical):
        return "place"
    head = organisation_before(words, a)
    if is_historical:
        return "place" if head >= 0 else "person"
    if places().match(words, a) == b - a:
        return "place"
    if head >= 0 and b - a == 2 and not title_before(words, head, limit=4):
        return "place"  # `Bệnh viện Việt Nam - Thụy Điển Uông Bí`: the organisation's town
    return "person"


def organisation_before(words: Sequence[Word], i: int, limit: int = 8) -> int:
    """Index of the organisation head whose name word `i` continues, else -1.

    Walks back over capitalised words, abbreviations, syllables the segmenter glues to a
    capitalised word (`Thanh niên`) and organisation-name nouns (`quốc gia`):
    `Đoàn TNCS Hồ Chí Minh`, `Học viện Chính trị quốc gia Hồ Chí Minh`. A title on the way
    (`Chủ tịch Hồ Chí Minh`) or any other lower-case word (`tư tưởng`) ends the search.
    """
    k = i - 1
    while k >= 0 and i - k <= limit and words[k + 1].gap == " ":
        word = words[k]
        if word.capitalised or word.abbreviation:
            if titles().match(words, k) > 0:
                return -1
            if organisations().match(words, k) > 0:
                return k
            k -= 1
            continue
        size = _org_word_ending_at(words, k)
        if size:
            k -= size
            continue
        glued = k > 0 and same_token(words, k - 1, k)
        if not glued or not words[k - 1].capitalised:
            return -1
        k -= 1
    return -1


def _org_word_ending_at(words: Sequence[Word], k: int) -> int:
    """Size of an organisation-name noun (`quốc gia`) ending at word `k`, else 0."""
    for size in (3, 2, 1):
        first = k - size + 1
        if first >= 0 and org_words().match(words, first) == size:
            return size
    return 0


def _name(words: Sequence[Word], i: int, j: int, hon: str | None, short: bool = False) -> NameSpan:
    """The `NameSpan` of words [i, j)."""
    text = " ".join(w.text for w in words[i:j])
    return NameSpan(i, j, text, words[i].start, words[j - 1].end, hon, short)


# --- roles ----------------------------------------------------------------------------------


@dataclass
class RoleSpan:
    """A role (title + organisation + place) at words [first, last) and clean offsets."""

    first: int
    last: int
    start: int
    end: int
    text: str


def extend_role(words: Sequence[Word], i: int, stops: set[int], given: frozenset[str]) -> int:
    """End (exclusive word index) of the role or organisation starting at word `i`.

    The role runs on over capitalised words, abbreviations, `(ABBR)`, the lower-case words of
    `people_role_words.txt`, syllables the segmenter joins to the word before (`Xây dựng`), and
    one lower-case word right after an organisation head (`Ban pháp chế`).
    """
    n = len(words)
    head = max(titles().match(words, i), organisations().match(words, i), 1)
    k = last_good = i + head
    after_head = in_org = is_head(words, i, head)
    while k < n and k - i < MAX_ROLE_WORDS and k not in stops:
        w = words[k]
        parent = parent_organisation(words, k, stops, given)
        if parent > k:
            return parent  # `Cục Quản lý dược (Bộ Y tế)`: the bracket closes the role
        if w.gap == " (" and w.abbreviation and k + 1 < n and words[k + 1].gap.startswith(")"):
            k += 1  # `Mặt trận Tổ quốc (MTTQ) Việt Nam`: the abbreviation stays in the role
            last_good = k
            if k in stops or words[k].gap != ") ":
                break  # `đại biểu (ĐB) Lê Văn A`: the name after the bracket is no part of it
            if not (words[k].capitalised or words[k].abbreviation):
                break
            w = words[k]
        elif w.gap != " ":
            break
        if w.capitalised:
            if w.text in stopwords() or is_honorific_word(words, k) and _name_follows(words, k):
                break
            if fold(w.text) in given and _lone_capital(words, k):
                break
            if titles().match(words, k) and words[k - 1].folded == "và":
                k -= 1
                break
            size = max(organisations().match(words, k), 1)
            after_head = is_head(words, k, size)
            in_org = in_org or after_head
            k = last_good = k + size
            continue
        after = after_head
        after_head = False
        if w.abbreviation or NUMBER.fullmatch(w.text) and words[k - 1].folded in ("số", "khóa"):
            k = last_good = k + 1
            continue
        size = lower_case_organisation(words, k)
        if size and size >= role_words().match(words, k):
            k = last_good = k + size  # `giám đốc bệnh viện Hùng Vương`, `bí thư huyện ủy`
            after_head = in_org = True
            continue
        size = org_words().match(words, k) if in_org else 0
        if size:
            k = last_good = k + size  # `Cục Quản lý dược`, `Chi cục Thủy lợi và đê điều`
            continue
        size = role_words().match(words, k)
        if size:
            k += size
            if words[k - 1].folded not in ("của", "và", "thuộc", "các", "số", "khóa"):
                last_good = k
            continue
        glued = same_token(words, k - 1, k)
        named = after and k + 1 < n and same_token(words, k, k + 1)
        if (glued or named) and not role_stops().match(words, k):
            k += 1
            while k < n and same_token(words, k - 1, k):
                k += 1
            last_good = k
            continue
        break
    return last_good


def lower_case_organisation(words: Sequence[Word], k: int) -> int:
    """Size of an organisation written in lower case at word `k` (`bệnh viện`, `sở`), if the
    segmenter keeps it a word of its own (not `báo cáo`, `hội nghị`), else 0."""
    size = organisations().match(words, k)
    if not size or same_token(words, k - 1, k) or role_stops().match(words, k):
        return 0
    end = k + size
    return 0 if end < len(words) and same_token(words, end - 1, end) else size


def parent_organisation(
    words: Sequence[Word], k: int, stops: set[int], given: frozenset[str]
) -> int:
    """End of a bracketed parent organisation opening at word `k` (`(Bộ Y tế)`), else -1.

    The role's end is the last word inside; the closing bracket is added by `role_text`.
    """
    word = words[k]
    if word.gap != " (" or not (word.capitalised or word.abbreviation):
        return -1
    if not organisations().match(words, k):
        return -1
    end = extend_role(words, k, stops, given)
    if end - k < 2 or end >= len(words) or not words[end].gap.startswith(")"):
        return -1
    return end


def is_head(words: Sequence[Word], i: int, size: int) -> bool:
    """Whether words [i, i+size) end in an organisation head (`Ban`, `Trưởng phòng`)."""
    return organisations().match(words, i) == size or fold(words[i + size - 1].text) in head_words()


def _name_follows(words: Sequence[Word], k: int) -> bool:
    """Whether a capitalised word follows the honorific (if any) at word `k`."""
    size = honorific_phrases().match(words, k)
    return k + size < len(words) and words[k + size].capitalised


def _lone_capital(words: Sequence[Word], k: int) -> bool:
    """Whether word `k` is a capitalised word standing alone (not part of a longer name)."""
    prev_cap = k > 0 and words[k - 1].capitalised and words[k].gap == " "
    nxt = (
        k + 1 < len(words)
        and words[k + 1].gap == " "
        and (words[k + 1].capitalised or same_token(words, k, k + 1))
    )
    return not prev_cap and not nxt


def find_roles(
    words: Sequence[Word], stops: set[int], given: frozenset[str]
) -> dict[int, RoleSpan]:
    """Roles keyed by their first word: each starts with a title (or `nguyên`/`tân` + title)."""
    roles: dict[int, RoleSpan] = {}
    starters = role_starters()
    i, n = 0, len(words)
    while i < n:
        if words[i].folded not in starters:
            i += 1
            continue
        org = organisations().match(words, i)
        title = titles().match(words, i)
        if org > title:
            i += org
            continue
        first = i
        prefixed = not title and words[i].folded in ("nguyên", "tân") and i + 1 < n
        if prefixed and words[i + 1].gap == " " and titles().match(words, i + 1):
            title = 1 + titles().match(words, i + 1)
        if not title or i in stops:
            i += 1
            continue
        end = extend_role(words, i + (1 if title > titles().match(words, i) else 0), stops, given)
        roles[first] = role_span(words, first, max(end, first + title))
        i = max(end, first + title)
    return roles


def role_span(words: Sequence[Word], i: int, j: int) -> RoleSpan:
    """The `RoleSpan` of words [i, j)."""
    return RoleSpan(i, j, words[i].start, words[j - 1].end, "")


# --- attaching roles to names ----------------------------------------------------------------


@dataclass
class Candidate:
    """Everything gathered about one name as written."""

    name: NameSpan
    roles: list[tuple[int, int]] = field(default_factory=list)  # clean spans of roles


def right_chain(
    text: str,
    words: Sequence[Word],
    k: int,
    roles: dict[int, RoleSpan],
    name_starts: set[int],
    stops: set[int],
    given: frozenset[str],
) -> tuple[list[tuple[int, int]], int]:
    """Roles written after a name (from word `k`): `, Bí thư ..., Chủ tịch ...`; and the end."""
    spans: list[tuple[int, int]] = []
    n = len(words)
    if k >= n or not APPOSITION.fullmatch(words[k].gap):
        return spans, k
    in_parens = "(" in words[k].gap
    while k < n and k in roles:
        role = roles[k]
        end = completed(words, role.last, roles, name_starts, stops, given, in_parens)
        spans.append((role.start, words[end - 1].end))
        k = end
        if k >= n:
            break
        gap = words[k].gap
        if in_parens and gap.startswith(")"):
            break
        if not ROLE_SEPARATOR.fullmatch(gap) or k not in roles:
            break
    return spans, k


def completed(
    words: Sequence[Word],
    end: int,
    roles: dict[int, RoleSpan],
    name_starts: set[int],
    stops: set[int],
    given: frozenset[str],
    in_parens: bool = False,
) -> int:
    """End of a role with the organisation parts that complete it after `,` or ` - `.

    `Vụ trưởng Vụ Địa phương I, Ban Tổ chức Trung ương`; `Trưởng phòng Tài chính - Kế hoạch`.
    A list of organisations (`..., Hội X, Hội Y`) is not merged.
    """
    n = len(words)
    while end < n and end not in roles and end not in name_starts:
        word, gap = words[end], words[end].gap
        if not word.capitalised or word.text in stopwords():
            break
        dash = DASH.fullmatch(gap) is not None
        comma = COMMA.fullmatch(gap) is not None
        if not (dash or comma and (organisations().match(words, end) or in_parens)):
            break
        after = extend_role(words, end, stops | name_starts, given)
        if after - end < 2:
            break  # a bare head (`, Sở`) completes nothing
        if comma and after < n and words[after].gap.startswith(",") and words[after].capitalised:
            break  # `Thủ tướng Chính phủ, Trung ương Hội X, Hội Y`: a list, not one office
        end = after
    return end


def predicate_chain(
    words: Sequence[Word],
    k: int,
    roles: dict[int, RoleSpan],
    name_starts: set[int],
    stops: set[int],
    given: frozenset[str],
) -> list[tuple[int, int]]:
    """Roles linked by a verb after word `k`: `được bầu làm Chủ tịch ...`, `là Bí thư ...`."""
    n = len(words)
    if k < n and words[k].gap.startswith(")"):
        return []  # a name closing a parenthesis (`(vợ ông X) được ...`) is not the subject
    j = skip_parenthesis(words, k)
    spans: list[tuple[int, int]] = []
    while j < n:
        hops = 0
        while j < n and hops < 6:
            size = role_verbs().match(words, j)
            if not size or words[j].gap not in (" ", ") ", ", "):
                break
            j += size
            hops += 1
        if hops == 0 or j >= n or j not in roles or words[j].gap not in (" ", ": "):
            break
        while j in roles:
            role = roles[j]
            last = completed(words, role.last, roles, name_starts, stops, given)
            spans.append((role.start, words[last - 1].end))
            j = skip_parenthesis(words, last)
            if j >= n or j in name_starts:
                return spans
            if words[j].folded == "rồi" and words[j].gap in (" ", ") ") and j + 1 in roles:
                j += 1
            elif not ROLE_SEPARATOR.fullmatch(words[j].gap):
                break
    return spans


def skip_parenthesis(words: Sequence[Word], k: int) -> int:
    """Word index after a short parenthesis opening at word `k` (`(TP.Quy Nhơn)`), else `k`."""
    n = len(words)
    if k >= n or not words[k].gap.startswith(" ("):
        return k
    for j in range(k + 1, min(n, k + 8)):
        if words[j].gap.startswith(")"):
            return j
        if words[j].gap not in (" ", ", ", "-", " - "):
            return k
    return k


def joined(words: Sequence[Word], k: int) -> bool:
    """Whether word `k` directly follows the role before it: a space, or the bracket of a
    one-word abbreviation (`đại biểu (ĐB) Lê Văn A`)."""
    gap = words[k].gap
    return gap == " " or gap == ") " and words[k - 1].gap == " (" and words[k - 1].abbreviation


def left_chain(
    words: Sequence[Word], first: int, roles_by_end: dict[int, RoleSpan], claimed: set[int]
) -> list[tuple[int, int]]:
    """Roles written right before a name at word `first`: `Ủy viên ..., Bí thư Thành ủy X`."""
    end = first
    hon = honorific_before(words, first)
    if hon:
        end = hon[1]
    if end >= 1 and words[end].gap == " " and words[end - 1].folded == "là":
        end -= 1  # `Bí thư Tỉnh ủy là ông X`
    role = roles_by_end.get(end)
    if role is None or not joined(words, end) or role.first in claimed:
        return []
    spans = [(role.start, role.end)]
    while role.first > 0 and ROLE_SEPARATOR.fullmatch(words[role.first].gap):
        previous = roles_by_end.get(role.first)
        if previous is None or previous.first in claimed:
            break
        role = previous
        spans.append((role.start, role.end))
    return spans[::-1]


# --- people ---------------------------------------------------------------------------------


def clean_role(text: str) -> str:
    """A role as reported: single spaces, `tân` dropped, no trailing punctuation."""
    text = SPACES.sub(" ", text).strip(" ,;:-–")
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")].rstrip()
    return NEW_IN_OFFICE.sub("", text)


def role_text(text: str, start: int, end: int) -> str:
    """The role at [start, end), with the bracket that closes its parent organisation
    (`Cục Quản lý dược (Bộ Y tế)`); a bracketed abbreviation is left for `clean_role` to drop."""
    opened = text.rfind("(", start, end)
    inside = text[opened:end] if opened >= 0 else ""
    if ")" not in inside and " " in inside.strip() and text[end : end + 1] == ")":
        end += 1
    return text[start:end]


def role_words_of(role: str) -> frozenset[str]:
    """Folded words of a role, `thành phố` written `tp` and `Trung ương` written `t.ư`."""
    text = fold(role).replace("thành phố", "tp").replace("trung ương", "t.ư")
    return frozenset(text.replace("(", " ").replace(")", " ").split())


def shortened(short: frozenset[str], full: frozenset[str]) -> bool:
    """Whether every word of `short` is in `full` or begins one of its words (`tp`, `tphcm`)."""
    return all(w in full or any(f.startswith(w) for f in full) for w in short)


def distinct_roles(roles: Iterable[str]) -> list[str]:
    """Roles in order, without shortened repeats (`Bí thư` beside `Bí thư Tỉnh ủy Yên Bái`)."""
    unique: list[str] = []
    for role in roles:
        if role and fold(role) not in (fold(r) for r in unique):
            unique.append(role)
    sets = [role_words_of(r) for r in unique]
    kept = []
    for i, role in enumerate(unique):
        shorter = any(
            shortened(sets[i], sets[j]) and (not shortened(sets[j], sets[i]) or j < i)
            for j in range(len(unique))
            if j != i
        )
        if not shorter:
            kept.append(role)
    return kept


def same_person(short: str, full: str) -> bool:
    """Whether name `short` is `full` or its tail (`Thanh Trà` of `Phạm Thị Thanh Trà`)."""
    a, b = fold(short).split(), fold(full).split()
    return len(a) <= len(b) and b[len(b) - len(a) :] == a


def normal_honorific(hon: str | None) -> str | None:
    """The honorific as output: forms of address and `đồng chí` lower-cased, others as written."""
    if hon is None:
        return None
    kind = honorifics().get(fold(hon))
    return fold(hon) if kind in ("address", "comrade") else hon


def people_of(doc: Document, byline: tuple[int, int] | None = None) -> list[Person]:
    """The people of a document, each with honorific, roles and mentions."""
    text = doc.clean
    words = words_of(text, doc.tokens)
    has_tokens = bool(doc.tokens)
    names = find_names(text, words, has_tokens, byline)
    full = [n for n in names if not n.short]
    given = frozenset(fold(n.text.split()[-1]) for n in full)
    name_starts = {n.first for n in names}
    stops = set(name_starts)
    roles = find_roles(words, stops, given)
    for role in roles.values():
        role.end = words[role.last - 1].end
    roles_by_end = {r.last: r for r in roles.values()}

    # Roles after each name first (they claim their roles), then roles before names.
    candidates = [Candidate(n) for n in names]
    claimed: set[int] = set()
    first_word = {r.start: r.first for r in roles.values()}
    for cand in candidates:
        spans, end = right_chain(text, words, cand.name.last, roles, name_starts, stops, given)
        if spans and end < len(words) and end in name_starts and joined(words, end):
            spans = spans[:-1]  # the last role before the next name is that name's
        cand.roles.extend(spans)
        claimed.update(first_word[start] for start, _ in spans if start in first_word)
        cand.roles.extend(predicate_chain(words, end, roles, name_starts, stops, given))
    for cand in candidates:
        cand.roles[:0] = left_chain(words, cand.name.first, roles_by_end, claimed)
    attach_pronoun_roles(words, candidates, roles, name_starts, stops, given)
    return assemble(doc, candidates, roles, words)


def attach_pronoun_roles(
    words: Sequence[Word],
    candidates: list[Candidate],
    roles: dict[int, RoleSpan],
    name_starts: set[int],
    stops: set[int],
    given: frozenset[str],
) -> None:
    """`ông từng giữ các chức vụ: ...`: roles of the person named last before the pronoun."""
    named = iter(c for c in candidates if not c.name.short)
    last: Candidate | None = None
    upcoming = next(named, None)
    pronouns = [i for i, word in enumerate(words[:-1]) if word.text in PRONOUNS]
    for i in pronouns:
        word = words[i]
        while upcoming is not None and upcoming.name.end <= word.start:
            last, upcoming = upcoming, next(named, None)
        if words[i + 1].capitalised or last is None:
            continue
        last.roles.extend(predicate_chain(words, i + 1, roles, name_starts, stops, given))


@dataclass
class Entry:
    """A person being assembled: fullest name span, honorific, role and mention spans."""

    span: tuple[int, int]
    name: str
    honorific: str | None = None
    roles: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    referred: bool = False  # mentioned by given name alone (`ông Thanh`)
    place: bool = False  # the name is also written as a place in the article

    @property
    def anchored(self) -> bool:
        """Whether the text shows this is a person: a full three-syllable name, an honorific,
        a role, a given-name reference, or a historical figure (`Bạch Đằng` alone is not)."""
        return bool(
            len(self.name.split()) >= 3
            and not self.place
            or self.honorific
            or self.roles
            or self.referred
            or fold(self.name) in historical()
        )

    def add(self, cand: Candidate, text: str) -> None:
        """Take one mention of this person, with its honorific and roles."""
        name = cand.name
        self.referred = self.referred or name.short
        self.place = self.place or name.place
        self.mentions.append((name.start, name.end))
        self.roles.extend(cand.roles)
        if self.honorific is None:
            self.honorific = name.honorific
        for start, end in cand.roles:
            if self.honorific is None and fold(text[start:end]) in ranks():
                self.honorific = text[start:end]


def assemble(
    doc: Document, candidates: list[Candidate], roles: dict[int, RoleSpan], words: Sequence[Word]
) -> list[Person]:
    """Group name mentions into people (by their fullest name) and ground everything."""
    text = doc.clean
    by_given: dict[str, list[Entry]] = {}  # last syllable -> people, for partial names
    owner: dict[int, Entry] = {}
    for cand in sorted(candidates, key=lambda c: -len(c.name.text.split())):
        if cand.name.short:
            continue
        given_name = fold(cand.name.text.split()[-1])
        options = by_given.setdefault(given_name, [])
        entry = next((e for e in options if same_person(cand.name.text, e.name)), None)
        if entry is None:
            entry = Entry((cand.name.start, cand.name.end), cand.name.text)
            options.append(entry)
        owner[id(cand)] = entry
    # In text order: full mentions, and given-name references to the person seen last.
    last_seen: dict[int, int] = {}
    for position, cand in enumerate(candidates):
        if cand.name.short:
            options = by_given.get(fold(cand.name.text), [])
            seen = [e for e in options if id(e) in last_seen]
            if not seen and not options:
                continue
            entry = max(seen, key=lambda e: last_seen[id(e)]) if seen else options[0]
        else:
            entry = owner[id(cand)]
        entry.add(cand, text)
        last_seen[id(entry)] = position
    entries = [e for es in by_given.values() for e in es if e.mentions and e.anchored]
    entries.sort(key=_first)
    _add_role_references(text, entries, roles, words)
    return [_person(doc, e) for e in entries]


def _first(entry: Entry) -> int:
    """Offset of an entry's first mention, to list people in text order."""
    return min(start for start, _ in entry.mentions)


def _person(doc: Document, entry: Entry) -> Person:
    """The `Person` record of an entry, grounded in the caller's text."""
    text = doc.clean
    role_texts = [clean_role(role_text(text, s, e)) for s, e in sorted(set(entry.roles))]
    return Person(
        name=doc.grounded(*entry.span)["text"],
        honorific=normal_honorific(entry.honorific),
        roles=[] if fold(entry.name) in historical() else distinct_roles(role_texts),
        mentions=[doc.mention(s, e) for s, e in sorted(set(entry.mentions))],
    )


def _add_role_references(
    text: str, entries: list[Entry], roles: dict[int, RoleSpan], words: Sequence[Word]
) -> None:
    """`đồng chí Bí thư Đảng ủy huyện` (no name): a mention of the one person with that role."""
    holders: dict[str, set[int]] = {}  # role word -> indices of the entries holding such a role
    for index, entry in enumerate(entries):
        for start, end in entry.roles:
            for word in role_words_of(clean_role(text[start:end])):
                holders.setdefault(word, set()).add(index)
    for role in roles.values():
        hon = honorific_before(words, role.first)
        named = role.last < len(words) and words[role.last].capitalised
        if hon is None or named and words[role.last].gap == " ":
            continue
        wanted = sorted(role_words_of(clean_role(text[role.start : role.end])))
        owners = set.intersection(*(holders.get(w, set()) for w in wanted)) if wanted else set()
        if len(owners) == 1:
            entries[owners.pop()].mentions.append((words[hon[1]].start, role.end))


# --- byline ---------------------------------------------------------------------------------


def find_author(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The first named author of the byline at the end of `text`, and the byline's span."""
    body = text.rstrip()
    if not body:
        return None, None
    tail_start = _byline_start(body)
    if tail_start is None:
        return None, None
    tail = body[tail_start:]
    author = author_in(tail)
    return author, (tail_start, len(body))


def _byline_start(body: str) -> int | None:
    """Start of the byline: a short last line, or the run-on tail after the last sentence."""
    line_start = body.rfind("\n") + 1
    last_line = body[line_start:]
    if line_start > 0 and len(last_line.strip()) <= MAX_BYLINE:
        return line_start + len(last_line) - len(last_line.lstrip())
    window_start = max(line_start, len(body) - MAX_BYLINE)
    credit = TRAILING_CREDIT.search(body, window_start)
    core = body[: credit.start()] if credit else body
    ends = [m.end() for m in SENTENCE_END.finditer(core, window_start)]
    if ends and ends[-1] < len(core):
        return ends[-1]
    if ends or credit:
        return None  # the article ends with its last sentence: no byline
    # No punctuation: `... Thủ tướng nói Minh Hạnh` -> the trailing capitalised words.
    words = [m.group(0) for m in WORD.finditer(body, window_start)]
    k = len(words)
    while k > 0 and CAPITALISED.fullmatch(words[k - 1]):
        k -= 1
    run_on = 0 < k < len(words) and len(words) - k <= 4 and words[k - 1][:1].islower()
    if not run_on or fold(words[k - 1]) == "theo":
        return None  # `... theo Trí Thức Trẻ` names a source, not an author
    starts = [m.start() for m in WORD.finditer(body, window_start)]
    return starts[k]


def author_in(tail: str) -> str | None:
    """The first author named in a byline (`Tin, ảnh: Quốc Đạt (TTXVN)` -> `Quốc Đạt`)."""
    tail = tail.strip()
    tail = regex.sub(r"^\(?Nguồn\s*:[^)]*\)?\s*", "", tail, flags=regex.I)
    for _ in range(3):
        lead = BYLINE_LEAD.match(tail)
        if lead:
            tail = tail[lead.end() :]
        first = WORD.match(tail)
        if first and fold(first.group(0)) in agencies():
            tail = tail[first.end() :].lstrip(" ,;:/-–")
            continue
        agency = _leading_agency(tail)
        if agency:
            tail = tail[agency:].lstrip(" ,;:/-–")
            continue
        if not lead:
            break
    separator = r"\s*(?:[,;/|(]|\s[-–]\s|\s-|-\s|(?<=\p{Ll})-(?=\p{Lu})|\svà\s|\s&\s)\s*"
    tail = regex.split(separator, tail, maxsplit=1)[0]
    tail = tail.strip(" .-–")
    parts = tail.split()
    if not 1 <= len(parts) <= 4 or fold(tail) in agencies():
        return None
    if not all(_name_like(p) for p in parts):
        return None
    if len(parts) == 1 and not ("." in parts[0] and len(parts[0]) > 2):
        # A single capitalised word is only an author with an initial (`N.Mạnh`).
        return None if fold(tail) in agencies() or parts[0].isupper() else tail
    return tail


def _leading_agency(tail: str) -> int:
    """Length of a news outlet named at the start of `tail` (`Báo Chính phủ`), else 0."""
    folded = fold(tail)
    best = 0
    for agency in agencies():
        if folded.startswith(agency) and (
            len(folded) == len(agency) or not folded[len(agency)].isalnum()
        ):
            best = max(best, len(agency))
    return best


def _name_like(word: str) -> bool:
    """A word of a byline name: `Quốc`, `NGUYÊN`, `N.Mạnh`, `H.`."""
    return bool(regex.fullmatch(r"(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}\p{M}]*\.?", word))


# --- stage ----------------------------------------------------------------------------------


def annotate(doc: Document) -> Document:
    """Pipeline stage: fill `doc.people` and `doc.author`."""
    author, byline = find_author(doc.clean)
    people = people_of(doc, byline if author else None)
    if author is not None and byline is not None:
        author = doc.grounded(*_author_span(doc.clean, byline, author))["text"]
    return replace(doc, people=people, author=author)


def _author_span(text: str, byline: tuple[int, int], author: str) -> tuple[int, int]:
    """Where the author's name stands in the byline (the whole byline if it is not found)."""
    at = text.find(author, byline[0], byline[1])
    return (at, at + len(author)) if at >= 0 else byline
