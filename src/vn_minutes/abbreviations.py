"""Stage 2: abbreviations (`UBND`, `KT-XH`, `NQ`), each resolved to its long form.

Runs on `doc.clean` before tokenisation, with regexes only. For every abbreviation the
article uses we decide its long form in this order:

1. a definition in the article itself, in any of the forms `Long Form (SF)`,
   `SF (Long Form)`, `Long Form, viết tắt là SF`, `(sau đây gọi tắt là SF)`, `(gọi tắt: SF)`;
   the long form is the SHORTEST run of words before the bracket whose syllable initials
   spell the letters (diacritics folded, function words like `và` skippable), which avoids
   the greedy errors of Schwartz & Hearst / scispaCy;
2. else the lexicon `data/abbreviations.tsv`: the sense whose cue words best fit the words
   around the mentions, else the sense with the highest genre prior;
3. else the token is reported with `long=None`.

Roman numerals, units, codes inside document numbers (`09-NQ/TW`), tokens fused with
digits (`TW4`) and news-agency tags (`TTXVN`) are not abbreviations
(`data/abbreviation_words.tsv` holds those lists).
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache

import regex

from vn_minutes.data import data_table
from vn_minutes.document import Document
from vn_minutes.offsets import OffsetMap, rewrite
from vn_minutes.record import Abbreviation

# ---------------------------------------------------------------------------------------
# Named patterns: the whole grammar of this stage.

_CAP = "A-ZĐƯ"
# One all-caps part (`UBND`) and a compound joined by `-`, `&`, `/` or `.` (`KT-XH`, `T.Ư`).
_PART = rf"[{_CAP}]+"
_COMPOUND = rf"{_PART}(?:[-&/.]{_PART})*"
# In running text a hyphen or `&` may carry spaces: `GD- ĐT`, `NN & PTNT`, `PT -TH`.
_SPACED = rf"{_PART}(?:(?:[-&/.]|\s?[-–&]\s?){_PART})*"
# Not glued to letters or digits on either side (`TW4`, `MTTQViệt`), nor to `-19` or `-Huế`.
_LEFT = r"(?<![\p{L}\p{M}\p{N}_&])"
_RIGHT = r"(?![\p{L}\p{M}\p{N}_&])(?![-–](?:\d|\p{Lu}?\p{Ll}))"
TOKEN = rf"{_LEFT}{_COMPOUND}{_RIGHT}"
SPACED_TOKEN = rf"{_LEFT}{_SPACED}{_RIGHT}"
# A document number's code: `09-NQ/TW`, `193/2013/NĐ-CP`, `439 – QĐNS/TW`, `13/HD -MTTQ - BTT`.
_CODE_SEP = r"\s?[-–/]\s?"
DOC_CODE = (
    rf"\d+(?:[/.]\d+)*(?:[-–/]{_COMPOUND}|{_CODE_SEP}{_COMPOUND}(?:{_CODE_SEP}{_COMPOUND})+)"
    rf"(?:{_CODE_SEP}{_COMPOUND})*{_RIGHT}"
)
# A photo or source credit: the initials after `Ảnh:` name a photographer (`Ảnh: C.T`).
CREDIT = rf"(?i:ảnh(?:\s+minh\s+họa)?|nguồn|đồ\s+họa)\s*:?\s*{_COMPOUND}(?:\s*[-/]\s*{_COMPOUND})*"
# `Long Form (SF)` and the `viết tắt là SF` family; the long form is read leftwards from here.
BRACKETED_SHORT = rf"\(\s*(?P<short>{TOKEN})\s*\)"
CALLED_SHORT = (
    rf"(?:\(\s*|,\s*|\s)(?:sau\s+đây\s+)?(?:được\s+)?(?:gọi|viết)\s+tắt\s*(?:là|:)\s*"
    rf"(?P<short>{TOKEN})\s*\)?"
)
# `SF (Long Form)`: a short form right before a bracket of plain words.
SHORT_BRACKETED = (
    rf"(?P<short>{TOKEN})\s*\((?P<long>[\p{{L}}\p{{M}}][\p{{L}}\p{{M}} ,&–-]{{1,120}})\)"
)
# Where a long form cannot start further left: sentence and bracket punctuation.
_STOP = r"\.(?!\S)|[;:!?()\[\]\"“”\n…]"
_PHRASE_STOP = r"\.(?!\S)|[;:!?()\[\]\"“”\n…,\d]"
_WORD = r"[\p{L}\p{M}]+|[-–&,]"
_ROMAN = r"(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})"
_SEPARATORS = regex.compile(r"[-&/.\s]")
_MAX_LONG_WORDS = 16
_MAX_FOREIGN_WORDS = 10
_EXTRA_WORDS = 2  # words a `SF (Long Form)` bracket may add after the spelled part
_SIMILAR = 0.6  # share of common words for an article's wording of a lexicon sense
_CONTEXT = 80  # characters either side of a mention in which cue words count
_NEAR = 25  # ... and count double


@cache
def _pattern(source: str) -> regex.Pattern[str]:
    """A compiled pattern, built once."""
    return regex.compile(source)


# ---------------------------------------------------------------------------------------
# Data: the lexicon and the word lists.


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of a short form, as listed in `data/abbreviations.tsv`."""

    short: str
    long: str
    domain: str
    prior: float
    cues: tuple[str, ...]
    initialism: bool
    source: str


def fold(text: str) -> str:
    """Lower case without diacritics, Đ as d: 'Ủy ban' -> 'uy ban' (scispaCy lacks this)."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def key(short: str) -> str:
    """Lookup key of a short form: no separators, so KT-XH, KTXH and KT&XH meet."""
    return _SEPARATORS.sub("", short).upper()


def written_key(short: str) -> str:
    """Identity of a short form in the output: without spaces and dots (GUIDELINES)."""
    return _pattern(r"[.\s]").sub("", short)


@cache
def lexicon() -> dict[str, tuple[Sense, ...]]:
    """Senses by lookup key, from `data/abbreviations.tsv`."""
    senses: dict[str, list[Sense]] = defaultdict(list)
    for row in data_table("abbreviations.tsv"):
        sense = Sense(
            short=row["short"],
            long=row["long"],
            domain=row["domain"],
            prior=float(row["prior"] or 0.5),
            cues=tuple(c.strip().lower() for c in row["cues"].split("|") if c.strip()),
            initialism=row["initialism"] != "no",
            source=row["source"],
        )
        senses[key(sense.short)].append(sense)
    return {k: tuple(v) for k, v in senses.items()}


@cache
def word_list(kind: str) -> frozenset[str]:
    """Words of one kind in `data/abbreviation_words.tsv` (agency, unit, skip, boundary...)."""
    return frozenset(
        row["word"] for row in data_table("abbreviation_words.tsv") if row["kind"] == kind
    )


@cache
def _special_shorts() -> regex.Pattern[str]:
    """Lexicon short forms written with spaces or dots (`TP.HCM`), found as one token."""
    variants = []
    for senses in lexicon().values():
        for sense in senses:
            parts = _pattern(r"[.\s]+").split(sense.short)
            if len(parts) > 1:
                variants.append(r"(?:\.\s?|\s)".join(regex.escape(p) for p in parts))
    variants.sort(key=len, reverse=True)
    return regex.compile(rf"{_LEFT}(?:{'|'.join(variants)}){_RIGHT}")


# ---------------------------------------------------------------------------------------
# Matching letters to syllable initials.


@dataclass(frozen=True, slots=True)
class Word:
    """A word (or `-`, `&`, `,`) of the text before a definition, in clean offsets."""

    text: str
    start: int
    end: int


def letters(short: str) -> list[str]:
    """The letters a long form must explain, folded: 'KT-XH' -> k t x h; W stands for ư."""
    return [c if c == "W" else fold(c) for c in short if c.isalpha()]


def _skippable(word: str) -> bool:
    """Words a short form may leave out (`và`, `của`) and joining punctuation."""
    return not word[0].isalpha() or word.lower() in word_list("skip")


def _letter_fits(letter: str, word: str) -> bool:
    """Does `word` start with `letter` (W matches ư, as in TW = Trung ương)?"""
    if letter == "W":
        return word[0] in "ưƯwW"
    return fold(word[0]) == letter


def explains(short_letters: list[str], words: list[str]) -> bool:
    """Do `words`, left to right, spell `short_letters` with their initials?

    Every content word gives exactly one letter; skippable words may give one or none.
    """
    if not words or not short_letters or not _letter_fits(short_letters[0], words[0]):
        return False
    # reachable[j]: the words so far can have spelled exactly the first j letters.
    reachable = {0}
    for word in words:
        fits = {
            j + 1
            for j in reachable
            if j < len(short_letters) and _letter_fits(short_letters[j], word)
        }
        reachable = fits | reachable if _skippable(word) else fits
        if not reachable:
            return False
    return len(short_letters) in reachable


def shortest_long_form(short: str, words: list[Word]) -> tuple[int, int] | None:
    """Index range of the shortest final run of `words` that spells `short`, if any."""
    wanted = letters(short)
    if len(wanted) < 2:
        return None
    while words and _skippable(words[-1].text) and not words[-1].text[0].isalpha():
        words = words[:-1]
    for first in range(len(words) - 1, -1, -1):
        if len(words) - first > len(wanted) + 4:
            break
        if explains(wanted, [w.text for w in words[first:]]):
            return first, len(words)
    return None


def words_before(text: str, end: int, *, stop: str = _STOP) -> list[Word]:
    """Words of the clause that ends at `end`, back to sentence punctuation."""
    window_start = max(0, end - 240)
    window = text[window_start:end]
    cut = 0
    for match in _pattern(stop).finditer(window):
        cut = match.end()
    words = [
        Word(m.group(0), window_start + m.start(), window_start + m.end())
        for m in _pattern(_WORD).finditer(window, cut)
    ]
    return words[-_MAX_LONG_WORDS:]


# ---------------------------------------------------------------------------------------
# Definitions in the article.


@dataclass(frozen=True, slots=True)
class Definition:
    """A short form the article defines: `long` is clean span [long_start, long_end)."""

    short: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int
    form: str


def _foreign_senses(short: str) -> tuple[Sense, ...]:
    """Lexicon senses that are not initialisms of their Vietnamese long form (GDP, BOT)."""
    return tuple(s for s in lexicon().get(key(short), ()) if not s.initialism)


def _content_words(text: str) -> list[str]:
    """Folded words of `text`, punctuation dropped: 'châu Á-Thái' -> chau, a, thai."""
    return [w for w in _pattern(_WORD).findall(fold(text)) if w[0].isalpha()]


def _similarity(words: list[str], sense: Sense) -> float:
    """Share of words that `words` and a sense's long form have in common (0..1)."""
    wanted = _content_words(sense.long)
    common = sum((Counter(words) & Counter(wanted)).values())
    return common / max(len(words), len(wanted))


def _foreign_long_form(text: str, short: str, end: int) -> tuple[int, int] | None:
    """Long form of a known foreign acronym (GDP, PAPI) written before `end`.

    The article's own wording of a lexicon sense counts (`Tổ chức Y tế thế giới (WHO)`),
    found by its first word and at least 60% of words in common; failing that, the phrase
    back to a natural boundary: punctuation, a digit, or a word that starts a clause
    (`là`, `thuộc`, `đạt`).
    """
    senses = _foreign_senses(short)
    if not senses:
        return None
    words = [w for w in words_before(text, end) if w.text[0].isalpha()]
    folded = [fold(w.text) for w in words]
    best: tuple[float, int] | None = None
    for sense in senses:
        first_word = _content_words(sense.long)[0]
        for start, word in enumerate(folded):
            if word == first_word:
                score = _similarity(folded[start:], sense)
                if score >= _SIMILAR and (best is None or score > best[0]):
                    best = (score, start)
    if best is not None:
        return words[best[1]].start, words[-1].end
    words = [w for w in words_before(text, end, stop=_PHRASE_STOP) if w.text[0].isalpha()]
    start = len(words)
    boundary = word_list("boundary")
    while start > 0 and len(words) - start < _MAX_FOREIGN_WORDS:
        if words[start - 1].text.lower() in boundary:
            break
        start -= 1
    if start == len(words):
        return None
    return words[start].start, words[-1].end


def find_definitions(text: str) -> list[Definition]:
    """Every definition in `text`, in order of position."""
    found: list[Definition] = []
    for form, source in (("long (short)", BRACKETED_SHORT), ("called", CALLED_SHORT)):
        for match in _pattern(source).finditer(text):
            short = match.group("short")
            if _excluded(short):
                continue
            words = words_before(text, match.start())
            span = shortest_long_form(short, words)
            if span is not None:
                long_start, long_end = words[span[0]].start, words[span[1] - 1].end
            else:
                foreign = _foreign_long_form(text, short, match.start())
                if foreign is None:
                    continue
                long_start, long_end = foreign
            found.append(
                Definition(
                    short, match.start("short"), match.end("short"), long_start, long_end, form
                )
            )
    for match in _pattern(SHORT_BRACKETED).finditer(text):
        short, inside = match.group("short"), match.group("long").strip()
        if _excluded(short):
            continue
        words = _pattern(_WORD).findall(inside)
        # The bracket may add a word or two after the spelled part: `TCCS (tổ chức cơ sở đảng)`.
        spelled = any(
            explains(letters(short), words[:end])
            for end in range(len(words), max(0, len(words) - 1 - _EXTRA_WORDS), -1)
        )
        if not spelled and not any(
            _similarity(_content_words(inside), s) >= _SIMILAR for s in _foreign_senses(short)
        ):
            continue
        start = match.start("long") + match.group("long").index(inside)
        found.append(
            Definition(
                short,
                match.start("short"),
                match.end("short"),
                start,
                start + len(inside),
                "short (long)",
            )
        )
    return sorted(found, key=lambda d: d.short_start)


# ---------------------------------------------------------------------------------------
# Finding the abbreviations an article uses.


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One all-caps abbreviation in clean text [start, end)."""

    short: str
    start: int
    end: int


def _roman(part: str) -> bool:
    """Roman numerals (`XII`, `IV`) of party congresses and sections are not abbreviations."""
    return bool(_pattern(rf"{_ROMAN}").fullmatch(part))


def _excluded(short: str) -> bool:
    """Roman numerals, units and news-agency or byline tags."""
    k = key(short)
    return _roman(k) or k in word_list("unit") or k in word_list("agency")


def _looks_like_word(short: str) -> bool:
    """An all-caps Vietnamese syllable or listed word (`MINH`, `VIDEO`): not an acronym."""
    return bool(_pattern(_SYLLABLE).fullmatch(short)) or short in word_list("word")


# An all-caps word that only a heading writes: it has a capital outside A-Z, Đ, Ư (`CƯỜNG`).
_HEADING_WORD = rf"(?<!\p{{L}})\p{{Lu}}*[^\P{{Lu}}{_CAP}]\p{{Lu}}*(?!\p{{L}})"
_SYLLABLE = (
    r"(?:NGH|NG|NH|CH|TR|TH|PH|KH|GH|GI|QU|[BCDĐGHKLMNPRSTVX])?"
    r"(?:[AEIOUYƯ]{1,3})(?:NG|NH|CH|[CMNPTIOUY])?"
)


def _in_heading(text: str, start: int, end: int) -> bool:
    """Is [start, end) next to an all-caps word with Vietnamese diacritics (`TĂNG CƯỜNG AN`)?"""
    before = _pattern(rf"{_HEADING_WORD}\s+$").search(text, max(0, start - 12), start)
    after = _pattern(rf"\s+{_HEADING_WORD}").match(text, end, end + 12)
    return before is not None or after is not None


def _parts(short: str, known: set[str]) -> list[tuple[str, int]]:
    """Split a compound that is not itself known: `PGS.TS` -> PGS, TS; `HĐND-UBND` -> both.

    Parts joined by `.` or `/` always split; `-` and `&` only when every part is known.
    Returns (part, offset within `short`) pairs.
    """
    if _single_letters(short):
        # `T.Ư`, `R&D` are abbreviations as the lexicon spells them; `N.V.Đ`, `T&T` are names.
        return [(short, 0)] if short in _spelled_with_separators() else []
    if key(short) in known or len(_SEPARATORS.sub("", short)) == len(short):
        return [(short, 0)]
    if " " in short and key(short) not in known:
        return [(m.group(0), m.start()) for m in _pattern(_COMPOUND).finditer(short)]
    pieces = [(m.group(0), m.start()) for m in _pattern(r"[^./]+").finditer(short)]
    result: list[tuple[str, int]] = []
    for piece, offset in pieces:
        if key(piece) in known:
            result.append((piece, offset))
            continue
        sub = [(m.group(0), m.start()) for m in _pattern(_PART).finditer(piece)]
        if len(sub) > 1 and all(key(p) in known and len(p) > 1 for p, _ in sub):
            result.extend((p, offset + o) for p, o in sub)
        else:
            result.append((piece, offset))
    return result


def _single_letters(short: str) -> bool:
    """Is `short` single letters joined by separators (`N.V.Đ`, `T&T`, `T.Ư`)?"""
    pieces = _pattern(r"[-&/.]").split(short)
    return len(pieces) > 1 and all(len(p) == 1 for p in pieces)


@cache
def _spelled_with_separators() -> frozenset[str]:
    """Lexicon short forms made of single letters (`T.Ư`, `R&D`, `M&A`)."""
    return frozenset(
        s.short for senses in lexicon().values() for s in senses if _single_letters(s.short)
    )


def find_occurrences(text: str, known: set[str]) -> list[Occurrence]:
    """All-caps abbreviations of `text`, outside document codes, chains split into parts."""
    blocked = [(m.start(), m.end()) for p in (DOC_CODE, CREDIT) for m in _pattern(p).finditer(text)]
    found: list[Occurrence] = []
    special = _special_shorts()
    for match in special.finditer(text):
        blocked.append((match.start(), match.end()))
        found.append(Occurrence(match.group(0), match.start(), match.end()))
    blocked.sort()
    for match in _pattern(SPACED_TOKEN).finditer(text):
        if _inside(blocked, match.start()):
            continue
        token = match.group(0)
        if any(key(p) in word_list("agency") for p in _pattern(r"[./]").split(token)):
            continue  # `AFP/TTXVN`, `VOV.VN`: a credit, whatever it is glued to
        for part, offset in _parts(token, known):
            k = key(part)
            if len(_SEPARATORS.sub("", part)) < 2 or _excluded(part):
                continue
            start = match.start() + offset
            if (k not in known or _in_heading(text, start, start + len(part))) and _looks_like_word(
                k
            ):
                continue
            found.append(Occurrence(part, start, start + len(part)))
    return sorted(found, key=lambda o: o.start)


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Is `offset` inside one of the sorted `spans`?"""
    from bisect import bisect_right

    index = bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


# ---------------------------------------------------------------------------------------
# Resolution.


def choose_sense(senses: tuple[Sense, ...], contexts: list[tuple[str, str]]) -> Sense:
    """The sense whose cue words occur most around the mentions; ties go to the prior.

    `contexts` are (near, wide) windows around each mention, in lower case; a cue in the
    near window (the words right next to the mention) counts twice.
    """

    def score(sense: Sense) -> tuple[int, float]:
        hits = 0
        for near, wide in contexts:
            for cue in sense.cues:
                if _has_word(wide, cue):
                    hits += 2 if _has_word(near, cue) else 1
        return hits, sense.prior

    return max(senses, key=score)


def _has_word(text: str, phrase: str) -> bool:
    """Does `text` contain `phrase` as whole words?"""
    return _pattern(rf"(?<!\w){regex.escape(phrase)}(?!\w)").search(text) is not None


def _contexts(text: str, occurrences: list[Occurrence]) -> list[tuple[str, str]]:
    """(near, wide) lower-case windows around each occurrence, for cue words."""
    return [
        (
            text[max(0, o.start - _NEAR) : o.end + _NEAR].lower(),
            text[max(0, o.start - _CONTEXT) : o.end + _CONTEXT].lower(),
        )
        for o in occurrences
    ]


@dataclass(frozen=True, slots=True)
class Resolved:
    """An abbreviation of one article with its long form (clean offsets)."""

    short: str
    long: str | None
    source: str | None
    occurrences: tuple[Occurrence, ...]
    definition: Definition | None = None


def resolve(text: str) -> list[Resolved]:
    """Abbreviations of clean `text`, one per distinct short form, by first occurrence."""
    definitions: dict[str, Definition] = {}
    for definition in find_definitions(text):
        definitions.setdefault(key(definition.short), definition)
    known = set(lexicon()) | set(definitions)
    groups: dict[str, list[Occurrence]] = {}
    for occurrence in find_occurrences(text, known):
        groups.setdefault(written_key(occurrence.short), []).append(occurrence)
    resolved = []
    for occurrences in groups.values():
        first = occurrences[0]
        k = key(first.short)
        definition = definitions.get(k)
        if definition is not None:
            long = text[definition.long_start : definition.long_end]
            resolved.append(Resolved(first.short, long, "document", tuple(occurrences), definition))
        elif k in lexicon():
            sense = choose_sense(lexicon()[k], _contexts(text, occurrences))
            resolved.append(Resolved(first.short, sense.long, "lexicon", tuple(occurrences)))
        else:
            resolved.append(Resolved(first.short, None, None, tuple(occurrences)))
    return resolved


def annotate(doc: Document) -> Document:
    """Pipeline stage: fill `doc.abbreviations` from `doc.clean`."""
    abbreviations = []
    for item in resolve(doc.clean):
        first = item.occurrences[0]
        long = item.long
        if item.definition is not None:
            long = doc.source_text(item.definition.long_start, item.definition.long_end)
        abbreviations.append(
            Abbreviation(
                short=doc.source_text(first.start, first.end),
                long=long,
                source=item.source,
                mentions=[doc.mention(o.start, o.end) for o in item.occurrences],
            )
        )
    return replace(doc, abbreviations=abbreviations)


# ---------------------------------------------------------------------------------------
# Expansion.


@dataclass(frozen=True)
class Expansion:
    """`text` with abbreviations spelled out; `offsets` maps its spans back to the input."""

    text: str
    offsets: OffsetMap


def expand(text: str) -> Expansion:
    """Spell out every resolved abbreviation of `text` (definitions stay as written)."""
    from vn_minutes.normalize import normalize

    doc = normalize(Document(text))
    edits = []
    for item in resolve(doc.clean):
        if item.long is None:
            continue
        long = item.long
        for occurrence in item.occurrences:
            if item.definition is not None and occurrence.start == item.definition.short_start:
                continue
            start, end = doc.source_span(occurrence.start, occurrence.end)
            edits.append((start, end, long))
    new_text, offsets = rewrite(text, edits)
    return Expansion(new_text, offsets)


# ---------------------------------------------------------------------------------------
# Archive mining: what a lexicon curator should look at.


@dataclass
class Finding:
    """A (short, long) pair or an unknown short form, how often, and a few contexts."""

    short: str
    long: str | None
    count: int = 0
    articles: int = 0
    examples: list[str] = field(default_factory=list)
    in_lexicon: bool = False


@dataclass
class MiningReport:
    """Definitions found in an archive, and abbreviations used but neither defined nor known."""

    articles: int
    definitions: list[Finding]
    unknown: list[Finding]


def _snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """A one-line context of [start, end) for a report."""
    return " ".join(text[max(0, start - width) : end + width].split())


def mine(articles: Iterable[dict | str], *, examples: int = 3) -> MiningReport:
    """Scan texts (`{"text": ...}` dicts or strings) for definitions and unknown abbreviations."""
    from vn_minutes.normalize import normalize

    definitions: dict[tuple[str, str], Finding] = {}
    unknown: dict[str, Finding] = {}
    count = 0
    for article in articles:
        count += 1
        text = article if isinstance(article, str) else article.get("text") or ""
        clean = normalize(Document(text)).clean
        seen: set[tuple[str, str | None]] = set()
        for item in resolve(clean):
            if item.source == "document":
                assert item.long is not None and item.definition is not None
                pair = (key(item.short), " ".join(_content_words(item.long)))
                finding = definitions.setdefault(pair, Finding(item.short, item.long))
                span = (item.definition.long_start, item.definition.short_end)
                _tally(finding, clean, span, seen, examples)
                finding.in_lexicon = any(
                    _content_words(s.long) == _content_words(item.long)
                    for s in lexicon().get(pair[0], ())
                )
            elif item.source is None:
                finding = unknown.setdefault(key(item.short), Finding(item.short, None))
                for occurrence in item.occurrences:
                    _tally(finding, clean, (occurrence.start, occurrence.end), seen, examples)
    order = lambda f: (-f.count, f.short)  # noqa: E731
    return MiningReport(
        count, sorted(definitions.values(), key=order), sorted(unknown.values(), key=order)
    )


def _tally(finding: Finding, text: str, span: tuple[int, int], seen: set, examples: int) -> None:
    """Count one occurrence of `finding` (and its article once) and keep an example."""
    finding.count += 1
    if (finding.short, finding.long) not in seen:
        seen.add((finding.short, finding.long))
        finding.articles += 1
        if len(finding.examples) < examples:
            finding.examples.append(_snippet(text, *span))


def format_report(report: MiningReport, *, limit: int = 200) -> str:
    """The mining report as plain text: definitions first, then unknown short forms."""
    lines = [f"{report.articles} articles", "", f"Definitions ({len(report.definitions)}):"]
    for f in report.definitions[:limit]:
        mark = " " if f.in_lexicon else "+"
        lines.append(f"{mark} {f.count:5d} {f.articles:5d}  {f.short}\t{f.long}")
        lines.extend(f"{'':15}{example}" for example in f.examples)
    lines += ["", f"Used but neither defined nor in the lexicon ({len(report.unknown)}):"]
    for f in report.unknown[:limit]:
        lines.append(f"  {f.count:5d} {f.articles:5d}  {f.short}")
        lines.extend(f"{'':15}{example}" for example in f.examples)
    return "\n".join(lines)


def iter_definitions(text: str) -> Iterator[tuple[str, str]]:
    """(short, long) pairs that `text` defines, in order: a small helper for curators."""
    for definition in find_definitions(text):
        yield definition.short, text[definition.long_start : definition.long_end]
