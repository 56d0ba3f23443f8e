"""Stage 7: shortcomings, the deficiencies an article admits ("còn một số hạn chế như: ...").

Five steps over `doc.clean`, all on character spans so every item is grounded exactly:

1. Cut the text into paragraphs and sentences (`sentences`).
2. Find passage openers (`opener`): an admitted deficiency noun ("còn một số tồn tại, hạn
   chế như:", "chỉ rõ những hạn chế"), a clause that starts with one ("Hạn chế vẫn là ..."),
   "vẫn tồn tại nhiều vấn đề ... như", a report heading ("II. TỒN TẠI, HẠN CHẾ"), and - only
   in an article that reports a meeting or an assessment - a contrast opener followed by a
   deficiency clause ("Tuy nhiên, việc X còn chậm"); in a meeting report also a plain
   assessment sentence without an announcing cue (`verdict`: "X vẫn là khâu yếu", "Y chỉ đạt
   khoảng 10%", "Hội nghị nhìn nhận, Z chưa kịp thời", "Theo ông A, ..."), unless it is a task,
   a cause, a concession or a question.
3. Extend the passage over the following sentences that state deficiencies (`passage`), until a
   cause, a task, a demand, a speech, a heading or the end of the paragraph (end of a list).
4. Cut each passage into items (after "như:", at ";", per sentence, per bullet), strip the
   introducing words and the final punctuation (`trim`), drop causes and demands, merge a
   deficiency stated twice, and give each item a topic from `data/shortcoming_topics.tsv`.
5. In a meeting report, ask `deficiency_model` about each sentence the rules left alone; a
   sentence it reads as a deficiency gives one more item, or several where step 4 would cut
   it (`learned`). A task, a demand or a cause is never such an item, whatever the model reads.

Cue words live in `data/shortcoming_cues.tsv`, passage ends in `data/shortcoming_ends.tsv`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

import regex

from vn_minutes import deficiency_model
from vn_minutes.data import data_table
from vn_minutes.document import Document
from vn_minutes.record import FoundBy, Shortcoming
from vn_minutes.text import phrase_regex

Span = tuple[int, int]

MAX_PASSAGE_SENTENCES = 12  # a passage of deficiencies is rarely longer; stops runaway lists
MIN_ITEM_WORDS = 3  # "vi phạm trật tự xây dựng" is the shortest kind of item annotators keep
DUPLICATE_OVERLAP = 0.6  # word-overlap F1 above which two items state one deficiency
CONTEXT_LEAD_CHARS = 800  # the lead of a meeting report says it is one
CONCESSION_CHARS = 60  # "dù chỉ chiếm 22% ... nhưng": a conceded point close before is no verdict
DUPLICATE_WINDOW = 30  # a lead and its body are close: compare with the last items only
DETERMINERS = r"(?:một\s+số|những|(?:rất\s+|khá\s+)?nhiều|không\s+ít|các|mặt|một\s+vài)"
# "như đã nêu trên", "như vậy" refer back; they introduce no list
NOT_A_LIST = r"(?!\s+(?:đã|trên|vậy|thế|sau\s+khi)(?!\w))"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or bullet, or heading line) of `doc.clean`, with its paragraph number."""

    start: int
    end: int
    paragraph: int
    heading: bool = False
    named: bool = True  # holds a deficiency noun ("hạn chế"); without one, fewer openers apply


@dataclass(frozen=True, slots=True)
class Opening:
    """Where a passage starts: the span of items inside the opener, and how it goes on."""

    items: tuple[Span, ...]
    list_mode: bool  # a heading or a trailing ':' - the list may run over several paragraphs
    extends: bool = True  # whether the following sentences may continue the passage
    plain: bool = False  # a plain assessment sentence: what follows needs a strong marker
    fallback: Span | None = None  # "X còn nhiều hạn chế.": the item when no list follows


@dataclass(frozen=True, slots=True)
class Setting:
    """What kind of article this is, which decides how weak an opener may be."""

    meeting: bool = False
    assessment: bool = False


Match = re.Match[str] | regex.Match[str]


@dataclass(frozen=True)
class NotAfter:
    """A pattern with a variable-width look-behind, searched as `full` only at the places where
    `plain` (the same pattern without it) matches: `regex` tries the look-behind at every
    position of the text, which made it the stage's slowest search. Same matches as `full`."""

    plain: Pattern
    full: regex.Pattern[str]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Match | None:
        endpos = len(text) if endpos is None else endpos
        while (hit := self.plain.search(text, pos, endpos)) is not None:
            if found := self.full.match(text, hit.start(), endpos):
                return found
            pos = hit.start() + 1
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
        while (found := self.search(text, pos, endpos)) is not None:
            yield found
            pos = max(found.end(), found.start() + 1)


Pattern = re.Pattern[str] | regex.Pattern[str] | NotAfter


@dataclass(frozen=True)
class Patterns:
    """All compiled patterns of the stage, built once from the data files."""

    admitted: Pattern
    intro_after: Pattern
    noun_clause: Pattern
    defined: Pattern
    verb_list: Pattern
    difficulty_list: Pattern
    contrast: Pattern
    strong_marker: Pattern
    any_marker: Pattern
    lead: Pattern
    reporting: Pattern
    split: Pattern
    clause_subject: Pattern
    end_start: Pattern
    demand: Pattern
    appended_demand: Pattern
    cause: Pattern
    context: Pattern
    finding: Pattern
    violation: Pattern
    situation: Pattern
    situation_end: Pattern
    body: Pattern
    noun: Pattern
    verdict: Pattern
    speaker: Pattern
    task: Pattern
    no_incident: Pattern
    question: Pattern
    poor_result: Pattern
    frame: Pattern
    roles: Pattern


# ---------------------------------------------------------------------------------------
# Patterns


def _phrases(table: str, kind: str) -> list[str]:
    """Phrases of one kind in a cue table, longest first so alternations prefer them."""
    rows = data_table(table)
    return sorted({r["phrase"] for r in rows if r["kind"] == kind}, key=len, reverse=True)


def _alternation(phrases: list[str]) -> str:
    """A regex alternation of phrases in the order given (callers put the stronger list first)."""
    return "|".join(phrase_regex(phrase) for phrase in phrases)


def _words(phrases: list[str]) -> str:
    """An alternation of whole words or phrases (not inside a longer word)."""
    return rf"(?<![\w-])(?:{_alternation(phrases)})(?![\w-])"


def compile_pattern(
    pattern: str, ignore_case: bool = True, not_after: str | None = None
) -> Pattern:
    """A compiled pattern: stdlib `re` where it can read it (two to five times faster on these
    long alternations), else `regex` (Unicode properties). A `not_after` look-behind of
    variable width is checked only where the pattern itself matches (`NotAfter`)."""
    flags = regex.VERSION1 | (regex.IGNORECASE if ignore_case else 0)
    if not_after is not None:
        full = regex.compile(rf"(?<!{not_after}){pattern}", flags)
        return NotAfter(compile_pattern(pattern, ignore_case), full)
    try:
        return re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error:
        return regex.compile(pattern, flags)


@cache
def patterns() -> Patterns:
    """The stage's named patterns, compiled once."""
    cues = "shortcoming_cues.tsv"
    ends = "shortcoming_ends.tsv"
    noun = _words(_phrases(cues, "noun"))
    nouns = rf"{noun}(?:\s*,?\s*(?:và\s+)?{noun})*"
    lead = _alternation(_phrases(cues, "lead"))
    weak = _phrases(cues, "weak_marker")
    return Patterns(
        # "còn một số tồn tại, hạn chế", "chỉ rõ các hạn chế tồn tại"
        admitted=compile_pattern(
            rf"{_words(_phrases(cues, 'admit'))}"
            rf"\s+(?:(?P<det>{DETERMINERS})\s+)?(?P<nouns>{nouns})",
            not_after=r"(?:chưa|không)(?:\s+\w+){0,2}\s+",
        ),
        # what introduces the list after the nouns: "như:", "kéo dài như", "là", "trong"
        intro_after=compile_pattern(
            r"\s*(?:[\w-]+\s+){0,4}?(?P<intro>như\s+sau\s*:|như\s*:|như|sau\s+đây\s*:|sau\s*:|:)(?!\w)"
            rf"{NOT_A_LIST}"
            r"|\s*(?P<near>vẫn\s+là|đó\s+là|là|gồm|trong)(?!\w)\s*:?"
        ),
        # "Hạn chế vẫn là ...", "Tồn tại: ..." at the start of a clause
        noun_clause=compile_pattern(
            rf"{nouns}\s*(?:lớn\s+nhất\s+|chủ\s+yếu\s+)?(?:vẫn\s+là|là|:|gồm)(?!\w)\s*:?"
        ),
        # "những tồn tại lớn trong đầu tư công là ...": what the deficiencies of a field are
        defined=compile_pattern(
            rf"(?<!\w){DETERMINERS}\s+{nouns}(?:\s+(?:lớn\s+nhất|lớn|chủ\s+yếu|cơ\s+bản))?"
            r"\s+(?:trong|của|ở)\s+[^,.;:!?]{1,80}?\s+(?:vẫn\s+là|là)(?!\w)\s*:?"
        ),
        # "vẫn tồn tại nhiều vấn đề gây bức xúc như ..."
        verb_list=compile_pattern(
            rf"{_words(_phrases(cues, 'verb'))}[^.;:!?]{{0,80}}?"
            rf"(?<!\w)(?P<intro>như\s*:|như|:)(?!\w){NOT_A_LIST}"
        ),
        # "còn rất nhiều khó khăn như: A, B": difficulties listed after a colon are deficiencies
        difficulty_list=compile_pattern(
            rf"{_words(_phrases(cues, 'admit'))}\s+(?:{DETERMINERS}\s+)?"
            rf"{_words(_phrases(cues, 'difficulty'))}(?:\s*,\s*\w+(?:\s+\w+)?)?"
            r"\s*(?:như\s+sau|như)\s*:"
        ),
        contrast=compile_pattern(
            rf"[\s“\"']*(?:{_alternation(_phrases(cues, 'contrast'))})(?!\w)", ignore_case=False
        ),
        # "chưa", "thiếu", or "còn"/"vẫn" close before a deficiency word ("còn chậm")
        strong_marker=compile_pattern(
            rf"{_words(_phrases(cues, 'marker'))}|{_words(_phrases(cues, 'still'))}"
            rf"\s+(?:[\w-]+\s+){{0,2}}?{_words(_phrases(cues, 'marker') + weak)}"
        ),
        any_marker=compile_pattern(
            _words(_phrases(cues, "marker") + weak + _phrases(cues, "still"))
        ),
        # "Tuy nhiên, ", "Bên cạnh đó là ", "Thứ hai, "
        lead=compile_pattern(rf"[\s“\"'(]*(?:(?:{lead})(?!\w)(?:\s+là(?!\w))?\s*[,:]?\s*)+"),
        # "các đại biểu còn băn khoăn, ...", "báo cáo cũng chỉ rõ ..." before the item itself
        reporting=compile_pattern(
            # not negated: "kiểm điểm nhưng chưa chỉ rõ khuyết điểm" is the deficiency itself
            rf"[^,:;“\"]{{0,80}}?(?<!chưa\s)(?<!không\s){_words(_phrases(cues, 'reporting'))}"
            r"(?:\s+(?:rằng|là))?\s*[,:]?\s*"
        ),
        split=compile_pattern(
            rf"\s*;\s*|,\s*(?:{_alternation(_phrases(cues, 'split'))})\s*,\s*"
            rf"|,\s*(?=(?:{_alternation(_phrases(cues, 'item_start'))})(?!\w))"
        ),
        # ", việc X còn chậm": a new clause with its own subject starts after the comma
        clause_subject=compile_pattern(rf"(?:{_alternation(_phrases(cues, 'clause_subject'))})\s"),
        end_start=compile_pattern(rf"[\s“\"'(-]*(?:{_alternation(_phrases(ends, 'start'))})(?!\w)"),
        demand=compile_pattern(
            # "nhấn mạnh: “X còn bất cập”" quotes an assessment; "cần thiết" is no demand
            rf"{_words(_phrases(ends, 'demand'))}(?!\s+thiết)(?!\s*:\s*[“\"])",
            not_after=rf"(?:{_alternation(_phrases(ends, 'not_demand_after'))})"
            r"(?:\s+\w+){0,2}\s+",
        ),
        # "X chưa quan tâm tới Y và đề nghị ...": a demand joined to the deficiency
        appended_demand=compile_pattern(
            rf",?\s+(?:và|đồng\s+thời)\s+(?:{_alternation(_phrases(ends, 'demand'))})(?![\w-])"
        ),
        cause=compile_pattern(rf"(?:{_alternation(_phrases(ends, 'cause'))})(?!\w)"),
        context=compile_pattern(_words(_phrases(cues, "context"))),
        # an inspection or disciplinary body's finding: "Ủy ban Kiểm tra ... kết luận: ..."
        finding=compile_pattern(
            rf"{_words(_phrases(cues, 'inspector'))}[^.;:!?]{{0,120}}?"
            rf"(?:{_words(_phrases(cues, 'finding'))}(?:\s+rằng)?\s*[:,]\s*"
            # "phát hiện nhiều bất thường về A, B; chỉ định sai C": the findings are the items
            rf"|{_words(_phrases(cues, 'finding_list'))}\s+(?=(?:{DETERMINERS}|hàng\s+loạt)\s))",
            ignore_case=False,
        ),
        violation=compile_pattern(_words(_phrases(cues, "violation"))),
        # "có tình trạng X" states a deficiency on its own; it ends before a purpose or demand
        situation=compile_pattern(
            rf"{_words(_phrases(cues, 'situation'))}(?=\s+[\w“\"])",
            not_after=r"(?:không|nếu|khi|nào)\s+",
        ),
        situation_end=compile_pattern(
            rf"\s+(?:để|nhằm|thì)\s|[”\"]|,\s*(?:dẫn\s+đến|nghĩa\s+là)(?!\w)"
            rf"|\s+(?:và|nên)\s+(?:{_alternation(_phrases(ends, 'demand'))})(?!\w)"
        ),
        body=compile_pattern(_words(_phrases(cues, "body")), ignore_case=False),
        noun=compile_pattern(noun),
        # a plain assessment: "X còn chậm", "Y rất khiêm tốn", "Z chưa kịp thời", "là khâu yếu"
        verdict=compile_pattern(
            rf"{_words(_phrases(cues, 'degree'))}\s+(?:[\w-]+\s+){{0,2}}?"
            rf"{_words(_phrases(cues, 'poor'))}"
            rf"|(?<![\w-])chưa(?:\s+(?:thật|thực|hẳn|thật\s+sự|thực\s+sự|được|kịp))?"
            rf"\s+{_words(_phrases(cues, 'lacking'))}"
            rf"|(?<![\w-])không\s+{_words(_phrases(cues, 'not_quality'))}"
            rf"|{_words(_phrases(cues, 'verdict'))}"
            # "chỉ đạt khoảng 10%", "mới giải ngân được 30%": a small share of what was due
            r"|(?<![\w-])(?:chỉ|mới|chỉ\s+mới)\s+(?:đạt|được|chiếm|giải\s+ngân\s+được)"
            r"\s+(?:khoảng\s+|hơn\s+|gần\s+|trên\s+|dưới\s+|chưa\s+đến\s+)?\d"
        ),
        task=compile_pattern(_words(_phrases(ends, "task"))),
        no_incident=compile_pattern(_words(_phrases(cues, "no_incident"))),
        question=compile_pattern(_words(_phrases(cues, "question"))),
        # inside a passage: a poor result without a cue ("không ổn định", "xảy ra 12 vụ, tăng 3 vụ")
        poor_result=compile_pattern(
            rf"{_words(_phrases(cues, 'poor_result'))}"
            r"|(?<![\w-])(?:xảy\s+ra|phát\s+hiện|ghi\s+nhận)\s+\d[^.;!?]{0,150}?(?<![\w-])tăng\s+\d"
        ),
        # framing before the item: "Đối với X, ...", "Trong khi X, nhưng ...", a report's lead
        frame=compile_pattern(
            rf"[\s“\"']*(?:(?:{_alternation(_phrases(cues, 'frame'))})(?!\w)[^,;:.]{{1,150}},\s*"
            rf"|(?:{_alternation(_phrases(cues, 'concede_frame'))})(?!\w)(?!\s+(?:nhiên|vậy)(?!\w))"
            r"[^;:.]{1,250}?,?\s+(?:nhưng|song|tuy\s+nhiên\s*,?)\s+"
            r"(?!(?:chưa|còn|vẫn|lại|không|đã|cũng|mới|chỉ|rất|bị)(?!\w))"
            r"|Tại\s+(?:các\s+)?(?:báo\s+cáo|tờ\s+trình)[^.;:]{0,300}?"
            r"(?<!\w)(?:trình\s+bày|báo\s+cáo|gửi|nêu)(?!\w)[^,.;:]{0,150},\s*)"
        ),
        # "ông A, nguyên Chủ tịch X, Bí thư Y, đã ...": the name and roles before a finding
        roles=compile_pattern(
            r"(?:ông|bà)\s+\p{Lu}\w*(?:\s+\p{Lu}\w*){0,4}\s*,\s*[^;:.]{10,300}?,\s*"
            r"(?=(?:đã|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|để\s+xảy\s+ra|không|chưa"
            r"|thiếu|vi\s+phạm)(?!\w))",
            ignore_case=False,
        ),
        # "Theo ông X, Phó Chủ tịch ...," before what the speaker assesses
        speaker=compile_pattern(
            rf"[\s“\"'(]*Theo\s+{_words(_phrases(cues, 'speaker'))}[^,:;“\"]{{0,120}}?[,:]\s*"
            rf"(?:(?-i:{_words(_phrases(cues, 'role'))})[^,:;“\"]{{0,120}}?,\s*)?"
        ),
    )


# ---------------------------------------------------------------------------------------
# Sentences

_PARAGRAPH = regex.compile(r"[^\n]+")
# A sentence ends at . ! ? … (and closing quotes) before a capital, a digit or an opening quote,
# or unpunctuated before a capitalised turn ("... MTTQ Việt Nam Tuy nhiên, ..." after a caption).
_SENTENCE_END = regex.compile(
    r"(?:[.!?]+|…)[”\"’»)]*(?=\s+[“\"«(]?[\p{Lu}\d])|(?:[.!?]+|…)[”\"’»)]*$"
    r"|(?<=[\p{L}\d])(?=\s+(?:Tuy\s+nhiên|Tuy\s+vậy|Bên\s+cạnh\s+đó),)"
)
_ABBREVIATION_DOT = regex.compile(r"(?:^|\s)(?:TP|Tp|tp|Q|P|TT|Th|ThS|TS|GS|PGS|St)\.$")
_HEADING = regex.compile(r"^\s*(?:[IVXLC]+|\d{1,2}|[a-zđ])[.)/]\s*\S|^[^\p{Ll}]{4,}$")
_BULLET = regex.compile(r"\s*[-+•*–]\s*")


def sentences(text: str) -> list[Sentence]:
    """Sentences of `text` in order; each paragraph line, bullet and heading starts a new one."""
    result: list[Sentence] = []
    for number, paragraph in enumerate(_PARAGRAPH.finditer(text)):
        line = paragraph.group()
        if not line.strip():
            continue
        if _is_heading(line):
            start, end = _strip_span(text, paragraph.start(), paragraph.end())
            result.append(Sentence(start, end, number, heading=True))
            continue
        start = paragraph.start()
        for end_match in _SENTENCE_END.finditer(line):
            if _ABBREVIATION_DOT.search(line, max(0, end_match.start() - 5), end_match.end()):
                continue
            end = paragraph.start() + end_match.end()
            result.append(Sentence(*_strip_span(text, start, end), number))
            start = end
        if text[start : paragraph.end()].strip():
            result.append(Sentence(*_strip_span(text, start, paragraph.end()), number))
    return result


def _is_heading(line: str) -> bool:
    """A short line without final punctuation, numbered ("II. ...") or in capitals."""
    stripped = line.strip()
    if not stripped or stripped[-1] in '.!?:;…,"”' or len(stripped.split()) > 12:
        return False
    return bool(_HEADING.search(stripped))


def _strip_span(text: str, start: int, end: int) -> Span:
    """The span without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------
# Passages


def opener(
    text: str, sentence: Sentence, setting: Setting, previous: Sentence | None = None
) -> Opening | None:
    """How `sentence` opens a passage of deficiencies, or None when it does not.

    The weaker openers count only in the right `setting`: a bare "Tuy nhiên, X còn chậm" in an
    assessment, "có tình trạng X" in a meeting report.
    """
    p = patterns()
    if sentence.heading:
        if p.noun.search(text, sentence.start, sentence.end):
            return Opening(items=(), list_mode=True)
        return None
    start, end = sentence.start, sentence.end
    clause_start = _after_lead(text, start, end)
    demand = p.demand.search(text, start, end)  # the whole sentence: "nhấn mạnh: “" quotes
    if demand and demand.start() < clause_start:
        return None
    if sentence.named:
        admitted = _admitted(text, start, end)
        if admitted is not None:
            return admitted
        clause = p.noun_clause.match(text, clause_start, end)
        if clause:
            return _opening_from_tail(text, clause.end(), end)
        defined = p.defined.search(text, start, end)
        if defined and not p.demand.search(text, start, defined.start()):
            # "... là giải ngân chậm, Thủ tướng yêu cầu ...": the items end before the demand
            cut = before_demand(text, defined.end(), end)
            return Opening(
                items=(_strip_span(text, defined.end(), cut or end),),
                list_mode=False,
                extends=cut is None,
            )
        listed = p.verb_list.search(text, start, end)
        if listed and not p.demand.search(text, start, listed.start()):
            return _opening_from_tail(text, listed.end(), end)
    difficulties = p.difficulty_list.search(text, start, end)
    if difficulties and not p.demand.search(text, start, difficulties.start()):
        return _opening_from_tail(text, difficulties.end(), end)
    if (
        setting.assessment
        and p.contrast.match(text, start, end)
        and _states_deficiency(text, start, end)
    ):
        return Opening(items=((clause_start, end),), list_mode=False)
    if setting.assessment and p.contrast.match(text, start, end):
        # "Tuy nhiên, việc giải ngân còn chậm, cần đẩy nhanh ...": the deficiency before the demand
        cut = before_demand(text, clause_start, end)
        if cut is not None:
            return Opening(items=((clause_start, cut),), list_mode=False, extends=False)
    turn = _INNER_CONTRAST.search(text, start, end) if setting.assessment else None
    if turn and _states_deficiency(text, turn.end(), end):
        # "Đề án là yêu cầu cấp bách, tuy nhiên, ở một số nơi X chưa phù hợp": what follows
        begins = clause_start if _no_subject(text, turn.end(), end) else turn.end()
        return Opening(items=((begins, end),), list_mode=False)
    # "... phải đưa vấn đề này vào trong tồn tại. Đó là X": X names the deficiency
    if (
        previous is not None
        and _THAT_IS.match(text, start, end)
        and p.noun.search(text, previous.start, previous.end)
    ):
        return Opening(items=((start, end),), list_mode=False)
    findings = list(p.finding.finditer(text, start, end))
    if findings and p.violation.search(text, findings[-1].end(), end):
        # "Ban Bí thư nhận thấy, ông X có trách nhiệm ...; ký văn bản ... không đúng quy định"
        return Opening(items=((findings[-1].end(), end),), list_mode=False, extends=False)
    situation = p.situation.search(text, start, end) if setting.meeting else None
    if situation:
        # "... cho rằng có tình trạng gửi văn bản còn chậm và đề nghị ...": the situation only
        return Opening(
            items=((situation.start(), _situation_end(text, situation.end(), end)),),
            list_mode=False,
            extends=False,
        )
    if setting.meeting and _assesses(text, start, clause_start, end):
        # "Hội nghị cũng nhìn nhận, việc X còn chậm; Y chưa kịp thời": a plain assessment
        return Opening(items=((clause_start, end),), list_mode=False, plain=True)
    cut = before_demand(text, clause_start, end) if setting.meeting else None
    if cut is not None and _assesses(text, start, clause_start, cut):
        # "X còn thiếu, thành phố sẽ chỉ đạo ...": the assessment before the demand
        return Opening(items=((clause_start, cut),), list_mode=False, extends=False)
    return None


def _situation_end(text: str, start: int, end: int) -> int:
    """Where "có tình trạng X" ends: before a purpose or a demand, but a "để" clause that still
    states the deficiency ("gửi văn bản để góp ý còn chậm") belongs to it."""
    p = patterns()
    for cut in p.situation_end.finditer(text, start, end):
        if cut.group() in {"”", '"'} and text.count("“", start, cut.start()) > text.count(
            "”", start, cut.start()
        ):
            continue  # "tình trạng “lạm phát” cán bộ": the quote is inside the situation
        if cut.group().split()[0] in {"để", "nhằm"}:
            following = p.situation_end.search(text, cut.end(), end)
            stop = following.start() if following else end
            comma = text.find(",", cut.end(), stop)
            stop = comma if comma >= 0 else stop  # within the "để" clause itself
            if p.strong_marker.search(text, cut.end(), stop):
                continue
        return cut.start()
    return end


# "X đạt kết quả tốt, tuy nhiên, Y còn chậm": the turn inside a sentence
_INNER_CONTRAST = regex.compile(
    r"[,;]\s*(?:tuy\s+nhiên|tuy\s+vậy|song)(?!\w)\s*,?\s*", regex.IGNORECASE
)


def _no_subject(text: str, start: int, end: int) -> bool:
    """The clause at `start` begins with its marker ("song chưa đạt mục tiêu"): its subject is
    before the turn, so the item keeps it."""
    joined = _JOINER.match(text, start, end)
    return bool(patterns().any_marker.match(text, joined.end() if joined else start, end))


_JOINER = regex.compile(r"(?:nhưng|song|mà)\s*,?\s+")


_CONCEDED = regex.compile(r"(?<![\w-])(?:mặc\s+dù|dù|dẫu)(?!\w)", regex.IGNORECASE)
_CONCESSIVE = regex.compile(r"[\s“\"']*(?:Mặc\s+dù|Dù|Dẫu|Tuy|Tuy\s+là)(?!\s+(?:nhiên|vậy))(?!\w)")


def _states_nothing(text: str, start: int, clause_start: int, end: int) -> bool:
    """A question (a "?" anywhere, or a question word: "tại sao X"), a concession ("Dù còn khó
    khăn, ..."), a passage end ("Nguyên nhân ...") or a cause: whatever its words, such a
    sentence states no deficiency."""
    p = patterns()
    return bool(
        "?" in text[clause_start:end]
        or p.question.search(text, clause_start, end)
        or _CONCESSIVE.match(text, start, end)
        or p.end_start.match(text, clause_start, end)
        or p.cause.match(text, clause_start, end)
    )


def _assesses(text: str, start: int, clause_start: int, end: int) -> bool:
    """A plain sentence that assesses the reported work as poor: a verdict, no demand or cause,
    not a question, a concession ("Dù còn khó khăn, ...") or a condition or purpose."""
    p = patterns()
    verdicts = [
        verdict
        for verdict in p.verdict.finditer(text, clause_start, end)
        if not _CONCEDED.search(
            text, max(clause_start, verdict.start() - CONCESSION_CHARS), verdict.start()
        )
    ]
    if not verdicts or _states_nothing(text, start, clause_start, end):
        return False
    return not (p.demand.search(text, start, end) or p.task.search(text, start, end))


def _admitted(text: str, start: int, end: int) -> Opening | None:
    """An opener with an admitted noun: "X còn một số hạn chế như: ..." or "chỉ rõ các tồn tại"."""
    p = patterns()
    for match in p.admitted.finditer(text, start, end):
        several = len(p.noun.findall(match.group("nouns"))) > 1
        intro = p.intro_after.match(text, match.end(), end)
        listed = intro is not None and (intro.group("near") or "").lower() in {"", "là"}
        if not (match.group("det") or several or listed):
            continue  # a bare "còn hạn chế" is an adjective inside an item, not an opener
        if p.demand.search(text, start, match.start()):
            return None  # "cần chỉ rõ những hạn chế" is a task
        # "còn hạn chế trong A; B; C" lists; "còn hạn chế trong công tác X" only announces
        near = intro.group("near") if intro else None
        if near and near.lower() == "trong" and text.count(";", intro.end(), end) == 0:
            return Opening(items=(), list_mode=False)
        if intro:
            return _opening_from_tail(text, intro.end(), end)
        rest = text[match.end() : end].strip(" .…!?")
        admit_word = match.group().split()[0].lower()
        if rest and admit_word in {"còn", "vẫn", "cũng"}:
            # "công tác quản lý còn những bất cập, sự phối hợp còn thiếu chặt chẽ": the clause
            # itself is the item.
            return Opening(items=((_after_lead(text, start, end), end),), list_mode=False)
        if not rest and admit_word in {"còn", "vẫn", "cũng", "bộc"}:
            # "Công tác giám sát vẫn còn nhiều hạn chế.": announces a list, or is the item
            return Opening(items=(), list_mode=False, fallback=(_after_lead(text, start, end), end))
        return Opening(items=(), list_mode=False)
    return None


def _opening_from_tail(text: str, tail_start: int, end: int) -> Opening:
    """An opening whose items are whatever follows the introducer in the sentence."""
    tail = _strip_span(text, tail_start, end)
    if not text[tail[0] : tail[1]].strip(" .…:;!?"):
        return Opening(items=(), list_mode=text[tail_start - 1 : end].rstrip().endswith(":"))
    return Opening(items=(tail,), list_mode=False)


# "Theo ông Phóng số người ...": a name with no comma after it, the clause starts right there
_BARE_SPEAKER = regex.compile(
    r"[\s“\"']*Theo\s+(?:ông|bà|anh|chị)\s+\p{Lu}\w*(?:\s+\p{Lu}\w*){0,3}\s+(?=\p{Ll})"
)


def _after_lead(text: str, start: int, end: int) -> int:
    """Where the clause begins after connectors ("Tuy nhiên,") and reporting words."""
    p = patterns()
    position = start
    while True:
        speaker = _BARE_SPEAKER.match(text, position, end) or p.speaker.match(text, position, end)
        if speaker and _no_subject(text, speaker.end(), end):
            speaker = None  # "Theo ông A số người ... thì nhiều, nhưng chưa mạnh": not a speaker
        match = (
            p.lead.match(text, position, end)
            or speaker
            or p.frame.match(text, position, end)
            or p.reporting.match(text, position, end)
        )
        if not match or match.end() == position:
            return position
        position = match.end()


def _states_deficiency(text: str, start: int, end: int) -> bool:
    """The sentence states a deficiency: a strong marker, and no demand or cause."""
    p = patterns()
    clause = _after_lead(text, start, end)
    return bool(
        p.strong_marker.search(text, clause, end)
        and not p.demand.search(text, start, end)
        and not p.cause.match(text, clause, end)
    )


_CLAUSE_END = regex.compile(r"[,;]\s|\s(?=(?:vì\s+vậy|vì\s+thế|do\s+đó|do\s+vậy)\s)")


def before_demand(text: str, start: int, end: int) -> int | None:
    """Where a deficiency clause ends when a demand follows it in the same sentence
    ("X còn chậm, đề nghị Y"), or None when no clause before the demand states one."""
    p = patterns()
    demand = p.demand.search(text, start, end)
    if demand is None:
        return None
    cut = None
    for boundary in _CLAUSE_END.finditer(text, start, demand.start()):
        cut = boundary.start()
    if cut is None or p.cause.match(text, start, cut) or p.end_start.match(text, start, cut):
        return None  # "Để khắc phục tình trạng X, cần ...": a purpose, not a deficiency
    if p.task.search(text, start, cut):
        return None
    return cut if p.strong_marker.search(text, start, cut) else None


_THAT_IS = regex.compile(r"[\s“\"]*Đó\s+là(?!\w)")


def continues(text: str, sentence: Sentence, strict: bool = False) -> bool:
    """Whether a sentence after an opener still lists deficiencies (`strict`: a strong marker)."""
    p = patterns()
    if sentence.heading or text[sentence.end - 1 : sentence.end] == "?":
        return False
    if p.end_start.match(text, sentence.start, sentence.end) and not (
        p.speaker.match(text, sentence.start, sentence.end)
        or p.lead.match(text, sentence.start, sentence.end)
    ):
        return False  # "Theo kế hoạch, ..." ends the passage; "Theo ông X", "Theo đó" go on
    clause = _after_lead(text, sentence.start, sentence.end)
    if p.demand.search(text, sentence.start, sentence.end) or p.cause.match(
        text, clause, sentence.end
    ):
        return False
    if _THAT_IS.match(text, sentence.start, sentence.end):
        return True
    if strict and p.task.search(text, sentence.start, sentence.end):
        return False
    if p.poor_result.search(text, clause, sentence.end):
        return True  # "số vụ tai nạn vẫn tăng": a poor result goes on with the passage
    if strict:
        return bool(p.verdict.search(text, clause, sentence.end))
    return bool(
        p.any_marker.search(text, clause, sentence.end)
        or p.verdict.search(text, clause, sentence.end)
    )


def setting_of(text: str) -> Setting:
    """What the article reports: a meeting of a Vietnamese body (its lead says so and a Party
    or state body is named), and an assessment (such a meeting, and a deficiency noun)."""
    p = patterns()
    meeting = bool(p.context.search(text, 0, CONTEXT_LEAD_CHARS) and p.body.search(text))
    return Setting(meeting=meeting, assessment=meeting and bool(p.noun.search(text)))


def _named(text: str, found: list[Sentence]) -> list[Sentence]:
    """The sentences, each marked with whether it holds a deficiency noun (one scan of the text)."""
    nouns = [match.start() for match in patterns().noun.finditer(text)]
    return [
        replace(s, named=bisect_left(nouns, s.start) < bisect_left(nouns, s.end)) for s in found
    ]


def reading(text: str) -> tuple[Setting, list[Sentence]]:
    """What the rules and the model both read of a text, once: its setting and its sentences."""
    return setting_of(text), _named(text, sentences(text))


def passages(text: str, setting: Setting, all_sentences: list[Sentence]) -> list[list[Span]]:
    """Passages of deficiencies: for each, the raw spans that hold its items."""
    found: list[list[Span]] = []
    index = 0
    while index < len(all_sentences):
        previous = all_sentences[index - 1] if index else None
        opening = opener(text, all_sentences[index], setting, previous)
        index += 1
        if opening is None:
            continue
        spans = list(opening.items)
        count = 0 if opening.extends else MAX_PASSAGE_SENTENCES
        while index < len(all_sentences) and count < MAX_PASSAGE_SENTENCES:
            following = all_sentences[index]
            new_paragraph = following.paragraph != all_sentences[index - 1].paragraph
            if new_paragraph and not opening.list_mode and spans:
                break  # an announcing opener ("còn một số hạn chế.") may list in the next one
            if following.heading or not continues(text, following, opening.plain):
                cut = (
                    None
                    if following.heading
                    else before_demand(text, following.start, following.end)
                )
                if cut is not None:
                    spans.append((following.start, cut))  # the deficiency, not the demand after
                break
            then = opener(text, following, setting, all_sentences[index - 1])
            if then is not None and not then.plain:
                break  # a new passage starts here (a plain assessment goes on in this one)
            spans.append((following.start, following.end))
            index += 1
            count += 1
        if not spans and opening.fallback is not None:
            spans.append(opening.fallback)
        if spans:
            found.append(spans)
    return found


# ---------------------------------------------------------------------------------------
# Items


def items(text: str, span: Span) -> list[Span]:
    """The deficiencies in one span: split at ';' and item splitters, each trimmed."""
    p = patterns()
    pieces: list[Span] = []
    start = span[0]
    for separator in p.split.finditer(text, span[0], span[1]):
        if text.count("(", start, separator.start()) > text.count(")", start, separator.start()):
            continue  # "(A; B)" explains the item, it does not list new ones
        pieces.append((start, separator.start()))
        start = separator.end()
    pieces.append((start, span[1]))
    listed = bool(_LIST_INTRO.search(text, max(0, span[0] - 8), span[0]))
    pieces = [clause for piece in pieces for clause in _clauses(text, piece, listed)]
    result = []
    for piece in pieces:
        trimmed = trim(text, piece)
        if trimmed and _is_deficiency(text, trimmed):
            result.append(trimmed)
    return result


_LIST_INTRO = regex.compile(r"(?<!\w)như\s*:?\s*$")
_COMMA = regex.compile(r",\s+")
_SUBJECT_WORDS = 2  # "nguồn nhân lực yếu kém": a clause has a subject before its marker


def _clauses(text: str, span: Span, listed: bool) -> list[Span]:
    """A span cut at commas between clauses that each state a deficiency ("cơ sở vật chất
    chưa đáp ứng, nguồn nhân lực yếu kém"), not inside one clause's subject. Outside a list
    after "như:" a clause must start with a subject word ("việc", "công tác") and may run
    on past further commas to its marker."""
    p = patterns()
    found: list[Span] = []
    start = span[0]
    commas = list(_COMMA.finditer(text, span[0], span[1]))
    for index, comma in enumerate(commas):
        after = comma.end()
        following = commas[index + 1].start() if listed and index + 1 < len(commas) else span[1]
        marker = p.strong_marker.search(text, after, following) or p.verdict.search(
            text, after, following
        )
        subject = text[after : marker.start()].split() if marker else []
        if (
            (listed or p.clause_subject.match(text, after, following))
            and len(subject) >= _SUBJECT_WORDS
            and not {"và", "hoặc"} & set(subject)  # "A, B và thiếu C": one object list
            and p.strong_marker.search(text, start, comma.start())
        ):
            found.append((start, comma.start()))
            start = after
    found.append((start, span[1]))
    return found


# a final bracket is dropped unless it explains the clause ("chưa đạt chỉ tiêu (90% trở lên)")
_TRAILING = regex.compile(
    r"(?:\s*(?:[.!?;:,…/]+|\((?!\d)[^()]{0,200}\)|[”\"’»]+\s*[,–-][^“”\"]{0,80}$))+$"
)
_OPEN_QUOTE = regex.compile(r"[\s“\"'«(]+")


# an introducer's colon; not a caption's ("Ảnh: ...") or a clock time's ("08:49")
_COLON = regex.compile(r"(?<!(?:Ảnh|Đồ\s+họa|Nguồn|Video|\d))\s*:(?!\d)\s*[“\"]?\s*")


def trim(text: str, span: Span) -> Span | None:
    """The item without introducing words, bullets, attributions and final punctuation."""
    start, end = span
    for inner in _INNER_CONTRAST.finditer(text, start, end):
        if not _no_subject(text, inner.end(), end):
            start = inner.end()  # "X đạt kết quả tốt, tuy nhiên, Y còn chậm": praise is not part
    introduced = _COLON.search(text, start, end)
    if (
        introduced
        and text.count("(", start, introduced.start()) == text.count(")", start, introduced.start())
        and not _states_deficiency(text, start, introduced.start())
        and _states_deficiency(text, introduced.end(), end)
    ):
        start = introduced.end()  # "... những vấn đề sau đây: X chưa đáp ứng": X
    appended = patterns().appended_demand.search(text, start, end)
    if appended:
        end = appended.start()  # "X chưa quan tâm tới Y và đề nghị: ...": the demand is not part
    bullet = _BULLET.match(text, start, end)
    if bullet:
        start = bullet.end()
    opening = _OPEN_QUOTE.match(text, start, end)
    if opening:
        start = opening.end()
    start = _after_lead(text, start, end)
    roles = patterns().roles.match(text, start, end)
    if roles:
        start = roles.end()  # the finding, not the name and offices of whom it is about
    trailing = _TRAILING.search(text, start, end)
    if trailing:
        end = trailing.start()
    start, end = _strip_span(text, start, end)
    if text[end - 1 : end] in '”"»' and text[start:end].count("“") < text[start:end].count("”"):
        end -= 1
    if len(text[start:end].split()) < MIN_ITEM_WORDS:
        return None
    return start, end


def _is_deficiency(text: str, span: Span) -> bool:
    """Not a cause, a task or a demand (whose verb comes early: "các xã cần ...")."""
    p = patterns()
    head = _HEAD_WORDS.match(text, *span)
    head_end = head.end() if head else span[1]
    return not (p.cause.match(text, *span) or p.demand.search(text, span[0], head_end))


_HEAD_WORDS = regex.compile(r"(?:\S+\s+){1,8}")
_SUBJECT_AND_VERB = regex.compile(r"(?:\S+\s+){1,3}\S+")  # "Huyện tiếp tục": a task's head


def _word_f1(a: str, b: str) -> float:
    """Word-overlap F1 of two texts (lower-cased bag of words)."""
    wa, wb = a.lower().split(), b.lower().split()
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    if not common:
        return 0.0
    precision, recall = common / len(wa), common / len(wb)
    return 2 * precision * recall / (precision + recall)


def deduplicated(text: str, spans: list[Span]) -> list[Span]:
    """One span per deficiency: of two that state the same one, the later (the body) wins."""
    kept: list[Span] = []
    for span in spans:
        recent = kept[-DUPLICATE_WINDOW:]
        wording = text[span[0] : span[1]]
        repeated = [k for k in recent if _word_f1(text[k[0] : k[1]], wording) >= DUPLICATE_OVERLAP]
        kept = [k for k in kept if k not in repeated]
        kept.append(span)
    return kept


@cache
def _topic_patterns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """(topic, cue pattern) pairs in file order."""
    return tuple(
        (row["topic"], regex.compile(_words([row["cue"]]), regex.IGNORECASE))
        for row in data_table("shortcoming_topics.tsv")
    )


def topic(item: str) -> str | None:
    """The topic of the first cue that occurs in the item, for analysts to aggregate."""
    for name, cue in _topic_patterns():
        if cue.search(item):
            return name
    return None


# ---------------------------------------------------------------------------------------
# The learned second reader

MODEL_THRESHOLD = 0.6  # chosen by cross-validation over the team's annotated articles
LONG_SENTENCE_WORDS = 40
SHORT_SENTENCE_WORDS = 6


def word_features(text: str, sentence: Sentence, clause: int) -> set[str]:
    """What `deficiency_model` reads of one sentence's words: its clause (from `clause`, where
    `_after_lead` puts it) and its lead."""
    return deficiency_model.word_features(
        text[clause : sentence.end], text[sentence.start : clause]
    )


def plain_signals(
    text: str,
    all_sentences: list[Sentence],
    index: int,
    clause: int,
    setting: Setting,
    ruled: list[int],
) -> dict[str, bool]:
    """The signals known without a pattern search: the setting, the sentence's place and length,
    and whether the rules found an item in it (`ruled`: the starts of their items)."""
    sentence = all_sentences[index]
    words = len(text[clause : sentence.end].split())
    return {
        "meeting": setting.meeting,
        "assess": setting.assessment,
        "named": sentence.named,
        "prev_named": index > 0 and all_sentences[index - 1].named,
        "heading": sentence.heading,
        "q": text[sentence.end - 1 : sentence.end] == "?",
        "in_rule": starts_within(ruled, sentence),
        "long": words > LONG_SENTENCE_WORDS,
        "short": words < SHORT_SENTENCE_WORDS,
    }


SEARCHED_SIGNALS = (
    "verdict",
    "strong",
    "any",
    "demand",
    "cause",
    "task",
    "contrast",
    "poor_result",
)


def searched_signals(text: str, sentence: Sentence, clause: int) -> dict[str, bool]:
    """The signals this stage's patterns find in a sentence (`SEARCHED_SIGNALS`)."""
    p = patterns()
    start, end = sentence.start, sentence.end
    return {
        "verdict": bool(p.verdict.search(text, clause, end)),
        "strong": bool(p.strong_marker.search(text, clause, end)),
        "any": bool(p.any_marker.search(text, clause, end)),
        "demand": bool(p.demand.search(text, start, end)),
        "cause": bool(p.cause.match(text, clause, end)),
        "task": bool(p.task.search(text, start, end)),
        "contrast": bool(p.contrast.match(text, start, end)),
        "poor_result": bool(p.poor_result.search(text, clause, end)),
    }


def known_features(
    text: str,
    all_sentences: list[Sentence],
    index: int,
    clause: int,
    setting: Setting,
    ruled: list[int],
) -> set[str]:
    """What `deficiency_model` reads of one sentence without a pattern search: its words and
    the plain signals."""
    words = word_features(text, all_sentences[index], clause)
    signals = plain_signals(text, all_sentences, index, clause, setting, ruled)
    return words | deficiency_model.signal_features(signals)


def sentence_features(
    text: str, all_sentences: list[Sentence], index: int, setting: Setting, ruled: list[int]
) -> set[str]:
    """Everything `deficiency_model` reads of one sentence: its words and the signals."""
    sentence = all_sentences[index]
    clause = _after_lead(text, sentence.start, sentence.end)
    known = known_features(text, all_sentences, index, clause, setting, ruled)
    return known | deficiency_model.signal_features(searched_signals(text, sentence, clause))


_CONCESSION_TURN = regex.compile(r",?\s+(?:nhưng|song)\s*,?\s+", regex.IGNORECASE)
_CAUSE_CLAUSE = regex.compile(r",\s*nguyên\s+nhân(?!\w)", regex.IGNORECASE)
_JOINER_BEFORE = regex.compile(r"(?:\s+(?:nên|và|thì|mà))*\s*$")


def sentence_item(text: str, sentence: Sentence) -> Span | None:
    """A whole sentence read as one deficiency: after its lead, before a demand, trimmed; None
    for a question, a concession, a cause, a passage end ("Nguyên nhân ..."), a demand, a task
    or good news ("chưa xảy ra sự cố"), whatever its words."""
    p = patterns()
    start, end = sentence.start, sentence.end
    bullet = _BULLET.match(text, start, end)
    clause = _after_lead(text, bullet.end() if bullet else start, end)
    turn = _CONCESSION_TURN.search(text, clause, end) if _CONCESSIVE.match(text, start) else None
    if turn:
        start = clause = turn.end()  # "Mặc dù X, nhưng Y chưa làm được": Y is what is admitted
    if _states_nothing(text, start, clause, end) or p.no_incident.search(text, clause, end):
        return None
    subject = _SUBJECT_AND_VERB.match(text, clause, end)
    if subject and p.task.search(text, clause, subject.end()):
        return None  # "Huyện tiếp tục rà soát ...", "Tỉnh quyết tâm ...": a task
    cut = before_demand(text, clause, end)
    demand = p.demand.search(text, start, end) if cut is None else None
    if demand:
        head = _HEAD_WORDS.match(text, clause, end)
        if demand.start() < (head.end() if head else end):
            return None  # "Đề nghị các xã ...", "Các xã cần ...": a demand
        if p.strong_marker.search(text, clause, demand.start()):
            # "X chưa lên tiếng nên cần ...": the deficiency before the demand
            cut = _JOINER_BEFORE.search(text, clause, demand.start()).start()
    cause = _CAUSE_CLAUSE.search(text, clause, cut or end)
    if cause:
        if not p.any_marker.search(text, clause, cause.start()):
            return None  # "ông A cho biết, nguyên nhân chủ yếu do ...": a cause
        cut = cause.start()  # "X còn chậm, nguyên nhân là thiếu vốn": not the cause
    return trim(text, (clause, cut or end))


def sentence_items(text: str, sentence: Sentence) -> list[Span]:
    """The items of a sentence the model reads as stating deficiencies, cut where the rules cut
    items (at ';', before ", việc ...")."""
    whole = sentence_item(text, sentence)
    return (items(text, whole) or [whole]) if whole else []


def starts_within(starts: list[int], sentence: Sentence) -> bool:
    """Whether one of the sorted `starts` (of rule items) falls inside `sentence`."""
    return bisect_left(starts, sentence.start) < bisect_left(starts, sentence.end)


def left_alone(
    text: str, all_sentences: list[Sentence], index: int, setting: Setting, ruled: list[int]
) -> bool:
    """Whether the model may read this sentence: it is in a meeting report and the rules have
    not read it already (no item of theirs starts in it, and it opens no passage)."""
    sentence = all_sentences[index]
    previous = all_sentences[index - 1] if index else None
    return (
        setting.meeting
        and not starts_within(ruled, sentence)
        and not (sentence.named and opener(text, sentence, setting, previous) is not None)
    )


def learned(
    text: str, setting: Setting, all_sentences: list[Sentence], ruled: list[Span]
) -> list[Span]:
    """In a meeting report, the items of the sentences the rules left alone that the model
    reads as a deficiency."""
    ruled_starts = sorted(start for start, _ in ruled)
    found = []
    for index, sentence in enumerate(all_sentences):
        if not left_alone(text, all_sentences, index, setting, ruled_starts):
            continue
        clause = _after_lead(text, sentence.start, sentence.end)
        known = known_features(text, all_sentences, index, clause, setting, ruled_starts)
        if not deficiency_model.may_reach(known, SEARCHED_SIGNALS, MODEL_THRESHOLD):
            continue  # no searched signal could lift it, so the searches are not run
        read = known | deficiency_model.signal_features(searched_signals(text, sentence, clause))
        if deficiency_model.probability(read) >= MODEL_THRESHOLD:
            found.extend(sentence_items(text, sentence))
    return found


def rule_items(text: str, setting: Setting, all_sentences: list[Sentence]) -> list[Span]:
    """The items the cue rules find, passage by passage."""
    found = passages(text, setting, all_sentences)
    return [item for passage in found for span in passage for item in items(text, span)]


def find(text: str) -> list[tuple[Span, FoundBy]]:
    """Spans of the deficiencies admitted in `text`, in order, each with its reader: the cue
    rules, or the learned model in sentences the rules left alone."""
    setting, all_sentences = reading(text)
    ruled = rule_items(text, setting, all_sentences)
    found_by: dict[Span, FoundBy] = dict.fromkeys(
        learned(text, setting, all_sentences, ruled), "model"
    )
    found_by.update(dict.fromkeys(ruled, "rules"))
    return [(span, found_by[span]) for span in deduplicated(text, sorted(found_by))]


def annotate(doc: Document) -> Document:
    """Pipeline stage: fill `doc.shortcomings` with one grounded entry per deficiency."""
    found = []
    for (start, end), found_by in find(doc.clean):
        grounded = doc.grounded(start, end)
        text = str(grounded["text"])
        found.append(Shortcoming(**grounded, topic=topic(text), found_by=found_by))
    return replace(doc, shortcomings=found)
