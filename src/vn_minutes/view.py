"""HTML view of a record: the article text with every extracted span marked at its offsets.

One self-contained page per article (inline CSS and a little inline script, no network
access: a Content-Security-Policy forbids it), a colour per field with a legend, the
normalised value of a mark on hover (its `title`) and on click (the details panel), and the
record's tables beside the text. `render_index` lists a batch with its counts per field.

Overlapping spans nest: a span that lies inside another is rendered inside it; a span that
crosses another's boundary is split into fragments that share its `data-span` key, of which
only the first (the head, with the `id` and `data-start`/`data-end`) counts as its mark.
"""

from __future__ import annotations

import html
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import regex

from vn_minutes.record import (
    Abbreviation,
    ArticleRecord,
    DateMention,
    ErrorRecord,
    Percentage,
    Person,
    Ratio,
    Shortcoming,
)

FONT_STACK = '"Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif'


@dataclass(frozen=True)
class Field:
    """A record field as the view shows it: its name, its label and its colour."""

    name: str
    label: str
    plural: str
    colour: str


# Outermost first: at equal offsets, a field earlier here is rendered around a later one.
FIELDS: tuple[Field, ...] = (
    Field("shortcomings", "Shortcoming", "Shortcomings", "#d62728"),
    Field("people", "Person", "People", "#9467bd"),
    Field("dates", "Date", "Dates", "#1f77b4"),
    Field("ratios", "Ratio", "Ratios", "#2ca02c"),
    Field("percentages", "Percentage", "Percentages", "#ff7f0e"),
    Field("abbreviations", "Abbreviation", "Abbreviations", "#17becf"),
)
FIELD_RANK = {field.name: rank for rank, field in enumerate(FIELDS)}
FIELD_LABEL = {field.name: field.label for field in FIELDS}


@dataclass(frozen=True)
class Span:
    """One mark to draw: `text[start:end]` of a field, with the description shown for it."""

    key: str
    field: str
    start: int
    end: int
    info: str
    wording: str | None = None


# --- spans of a record --------------------------------------------------------------------


def _join(*parts: str | None) -> str:
    """The non-empty parts joined by ' · '."""
    return " · ".join(part for part in parts if part)


def _number(value: float) -> str:
    """A percentage value without a useless '.0'."""
    return f"{value:g}"


def describe_date(date: DateMention) -> str:
    """ISO value, kind, part of day and clock time of a date."""
    return _join(date.value or "no value", date.kind, date.part_of_day, date.time)


def describe_percentage(figure: Percentage) -> str:
    """Value (or range), qualifier, change and subject of a percentage."""
    value = _number(figure.value) + (
        f"–{_number(figure.value_max)}" if figure.value_max is not None else ""
    )
    subject = f"subject: {figure.subject}" if figure.subject else None
    return _join(f"{value}%", figure.qualifier.replace("_", " "), figure.change, subject)


def describe_ratio(ratio: Ratio) -> str:
    """Numerator/denominator and subject of a ratio."""
    subject = f"subject: {ratio.subject}" if ratio.subject else None
    return _join(f"{ratio.numerator}/{ratio.denominator}", subject)


def describe_shortcoming(shortcoming: Shortcoming) -> str:
    """Topic of a shortcoming, and which reader found it."""
    topic = f"topic: {shortcoming.topic}" if shortcoming.topic else "shortcoming"
    found_by = f"found by the {shortcoming.found_by}" if shortcoming.found_by else None
    return _join(topic, found_by)


def describe_person(person: Person) -> str:
    """Name, honorific and roles of a person."""
    roles = "roles: " + "; ".join(person.roles) if person.roles else "no role"
    return _join(person.name, person.honorific, roles)


def describe_abbreviation(abbreviation: Abbreviation) -> str:
    """Short form, expansion and where the expansion comes from."""
    source = {"document": "defined in the article", "lexicon": "from the lexicon"}
    long = abbreviation.long or "unknown expansion"
    return _join(f"{abbreviation.short} = {long}", source.get(abbreviation.source or ""))


def spans_of(record: ArticleRecord) -> list[Span]:
    """Every span of a record: one per date, figure and shortcoming, one per mention."""
    spans: list[Span] = []
    located: list[tuple[str, list, Callable]] = [
        ("dates", record.dates, describe_date),
        ("percentages", record.percentages, describe_percentage),
        ("ratios", record.ratios, describe_ratio),
        ("shortcomings", record.shortcomings, describe_shortcoming),
    ]
    for field, items, describe in located:
        for i, item in enumerate(items):
            spans.append(
                Span(f"{field}-{i}", field, item.start, item.end, describe(item), item.text)
            )
    mentioned: list[tuple[str, list, Callable]] = [
        ("people", record.people, describe_person),
        ("abbreviations", record.abbreviations, describe_abbreviation),
    ]
    for field, items, describe in mentioned:
        for i, item in enumerate(items):
            for j, mention in enumerate(item.mentions):
                spans.append(
                    Span(f"{field}-{i}-{j}", field, mention.start, mention.end, describe(item))
                )
    return spans


def placeable(span: Span, length: int) -> bool:
    """Whether a span has offsets that can be drawn in a text of `length` characters."""
    return 0 <= span.start < span.end <= length


# --- marking the text -----------------------------------------------------------------------


def escape_text(text: str) -> str:
    """Text as HTML character data; CR as a reference, since HTML parsing folds it into LF."""
    return html.escape(text, quote=False).replace("\r", "&#13;")


def _title(span: Span, text: str) -> str:
    """The hover text of a mark: field label, description and any wording mismatch."""
    title = f"{FIELD_LABEL[span.field]}: {span.info}"
    written = unicodedata.normalize("NFC", text[span.start : span.end])
    if span.wording is not None and unicodedata.normalize("NFC", span.wording) != written:
        title += f"\n(the record's text differs: {span.wording!r})"
    return title


def _open(span: Span, text: str, *, head: bool) -> str:
    """The opening tag of a span's mark (`head`) or of a continuation fragment."""
    attributes = {
        "class": f"m f-{span.field}" + ("" if head else " cont"),
        "data-span": span.key,
        "data-field": span.field,
        "title": _title(span, text),
    }
    if head:
        attributes |= {"id": f"m-{span.key}", "data-start": span.start, "data-end": span.end}
        attributes["tabindex"] = 0
    else:
        attributes["data-part"] = "cont"
    rendered = " ".join(f'{name}="{html.escape(str(value))}"' for name, value in attributes.items())
    return f"<mark {rendered}>"


def mark_text(text: str, spans: Iterable[Span]) -> str:
    """`text` as HTML with each span marked once at its offsets, nested where spans overlap."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, FIELD_RANK[s.field], s.key))
    starting: dict[int, list[Span]] = defaultdict(list)
    for span in ordered:
        starting[span.start].append(span)
    boundaries = sorted({s.start for s in ordered} | {s.end for s in ordered})
    out: list[str] = []
    stack: list[Span] = []
    position = 0
    for boundary in boundaries:
        out.append(escape_text(text[position:boundary]))
        position = boundary
        ending = {span.key for span in stack if span.end == boundary}
        reopen: list[Span] = []
        while ending:
            top = stack.pop()
            out.append("</mark>")
            if top.key in ending:
                ending.discard(top.key)
            else:
                reopen.append(top)
        for span in reversed(reopen):
            out.append(_open(span, text, head=False))
            stack.append(span)
        for span in starting.get(boundary, ()):
            out.append(_open(span, text, head=True))
            stack.append(span)
    out.append(escape_text(text[position:]))
    return "".join(out)


# --- tables ---------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """A table cell of any value; None is blank."""
    return f"<td>{html.escape('' if value is None else str(value))}</td>"


def _links(keys: list[str], text: str = "↗") -> str:
    """Links to marks by key, numbered when there are several."""
    if len(keys) == 1:
        return f'<a href="#m-{keys[0]}" data-goto="{keys[0]}">{text}</a>'
    return " ".join(f'<a href="#m-{k}" data-goto="{k}">{n}</a>' for n, k in enumerate(keys, 1))


def _table(header: list[str], rows: list[str]) -> str:
    """A table with a header row and pre-rendered rows."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def field_table(record: ArticleRecord, field: str) -> str:
    """The table of one field of a record, each row linking to its marks."""
    rows: list[str] = []
    if field == "dates":
        header = ["text", "value", "kind", "part of day", "time", ""]
        for i, d in enumerate(record.dates):
            cells = [d.text, d.value, d.kind, d.part_of_day, d.time]
            rows.append(_row(cells, [f"dates-{i}"]))
    elif field == "percentages":
        header = ["text", "value", "max", "qualifier", "change", "subject", ""]
        for i, p in enumerate(record.percentages):
            cells = [p.text, _number(p.value), p.value_max, p.qualifier, p.change, p.subject]
            rows.append(_row(cells, [f"percentages-{i}"]))
    elif field == "ratios":
        header = ["text", "numerator", "denominator", "subject", ""]
        for i, r in enumerate(record.ratios):
            cells = [r.text, r.numerator, r.denominator, r.subject]
            rows.append(_row(cells, [f"ratios-{i}"]))
    elif field == "shortcomings":
        header = ["text", "topic", "found by", ""]
        for i, s in enumerate(record.shortcomings):
            rows.append(_row([s.text, s.topic, s.found_by], [f"shortcomings-{i}"]))
    elif field == "people":
        header = ["name", "honorific", "roles", "mentions"]
        for i, p in enumerate(record.people):
            keys = [f"people-{i}-{j}" for j in range(len(p.mentions))]
            rows.append(_row([p.name, p.honorific, "; ".join(p.roles)], keys))
    elif field == "abbreviations":
        header = ["short", "long", "source", "mentions"]
        for i, a in enumerate(record.abbreviations):
            keys = [f"abbreviations-{i}-{j}" for j in range(len(a.mentions))]
            rows.append(_row([a.short, a.long, a.source], keys))
    else:
        raise ValueError(f"unknown field {field!r}")
    return _table(header, rows)


def _row(cells: list[object], keys: list[str]) -> str:
    """A table row: the cells and a last cell linking to the marks."""
    return f"<tr>{''.join(_cell(c) for c in cells)}<td>{_links(keys) if keys else ''}</td></tr>"


def counts(record: ArticleRecord) -> dict[str, int]:
    """Number of entries per field of a record."""
    return {field.name: len(getattr(record, field.name)) for field in FIELDS}


# --- pages ----------------------------------------------------------------------------------

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

STYLE = """
body { font-family: FONTS; margin: 0; color: #222; background: #fafafa; line-height: 1.6; }
header { padding: .8rem 1.5rem; background: #fff; border-bottom: 1px solid #ddd; }
header h1 { font-size: 1.25rem; margin: 0 0 .2rem; }
header p { margin: 0; color: #555; font-size: .9rem; }
main { display: flex; gap: 1.5rem; padding: 1rem 1.5rem; align-items: flex-start; }
#text { flex: 3 1 0; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere;
  background: #fff; padding: 1rem 1.25rem; border: 1px solid #ddd; border-radius: 6px;
  font-size: 1.02rem; }
aside { flex: 2 1 0; min-width: 0; font-size: .85rem; position: sticky; top: 0;
  max-height: 100vh; overflow: auto; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem .9rem; margin-bottom: .6rem; }
.legend label { cursor: pointer; white-space: nowrap; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px;
  vertical-align: -.1em; margin-right: .25em; }
#details { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .5rem .75rem;
  margin-bottom: .6rem; white-space: pre-wrap; min-height: 1.6em; }
details { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin-bottom: .5rem;
  padding: .3rem .6rem; }
summary { cursor: pointer; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
th, td { text-align: left; vertical-align: top; padding: .15rem .35rem;
  border-bottom: 1px solid #eee; }
th { color: #555; font-weight: 600; }
td.n, th.n { text-align: right; }
mark.m { color: inherit; border-radius: 3px; padding: 0 1px; cursor: pointer; }
mark.m.selected { outline: 2px solid #222; }
.unplaced { color: #a00; }
a { color: #1f5fa0; }
"""


def _field_css() -> str:
    """Colour rules for the marks of each field, and for hiding a field."""
    rules = []
    for field in FIELDS:
        colour = field.colour
        if field.name == "shortcomings":
            look = f"background: {colour}14; border-bottom: 2px solid {colour};"
        else:
            look = f"background: {colour}33; box-shadow: inset 0 -2px 0 {colour};"
        rules.append(f"mark.f-{field.name} {{ {look} }}")
        rules.append(
            f"body.hide-{field.name} mark.f-{field.name} "
            "{ background: none; box-shadow: none; border: 0; }"
        )
        rules.append(f".sw-{field.name} {{ background: {colour}; }}")
    return "\n".join(rules)


SCRIPT = """
(function () {
  var details = document.getElementById('details');
  var selected = [];
  function select(key) {
    selected.forEach(function (m) { m.classList.remove('selected'); });
    var marks = document.querySelectorAll('mark[data-span="' + key + '"]');
    selected = Array.prototype.slice.call(marks);
    selected.forEach(function (m) { m.classList.add('selected'); });
    var head = document.getElementById('m-' + key);
    if (head) {
      var text = Array.prototype.map.call(selected, function (m) { return m.textContent; });
      details.textContent = head.title + '\\n\\u201c' + text.join('') + '\\u201d  [' +
        head.dataset.start + ', ' + head.dataset.end + ')';
    }
    return head;
  }
  document.addEventListener('click', function (event) {
    var mark = event.target.closest('mark.m');
    if (mark) { select(mark.dataset.span); return; }
    var link = event.target.closest('a[data-goto]');
    if (link) { var head = select(link.dataset.goto); if (head) head.focus(); }
  });
  document.addEventListener('keydown', function (event) {
    var mark = event.target.closest && event.target.closest('mark.m');
    if (mark && event.key === 'Enter') select(mark.dataset.span);
  });
  document.querySelectorAll('.legend input').forEach(function (box) {
    box.addEventListener('change', function () {
      document.body.classList.toggle('hide-' + box.value, !box.checked);
    });
  });
  function fromHash() {
    if (location.hash.indexOf('#m-') === 0) select(decodeURIComponent(location.hash.slice(3)));
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
  document.documentElement.setAttribute('data-view', 'ready');
})();
"""


def _page(title: str, body: str, *, script: bool) -> str:
    """A complete self-contained HTML page."""
    style = STYLE.replace("FONTS", FONT_STACK) + _field_css()
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{style}</style>\n</head>\n"
        f"<body>\n{body}\n"
        + (f"<script>{SCRIPT}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


def _legend(record: ArticleRecord, spans: list[Span]) -> str:
    """The legend: one toggle per field with its colour, entry count and mark count."""
    marks = defaultdict(int)
    for span in spans:
        marks[span.field] += 1
    items = []
    for field in FIELDS:
        entries = len(getattr(record, field.name))
        items.append(
            f'<label><input type="checkbox" value="{field.name}" checked>'
            f'<span class="swatch sw-{field.name}"></span>{field.label} '
            f"<small>({entries}; {marks[field.name]} marks)</small></label>"
        )
    return f'<div class="legend">{"".join(items)}</div>'


def _unplaced(spans: list[Span]) -> str:
    """A note listing spans whose offsets lie outside the text, if any."""
    if not spans:
        return ""
    items = "".join(
        f"<li>{html.escape(s.key)} [{s.start}, {s.end}): {html.escape(s.info)}</li>" for s in spans
    )
    note = "<b>Not shown (offsets outside the text)</b>"
    return f'<div class="unplaced">{note}<ul>{items}</ul></div>'


def render_article(record: ArticleRecord, text: str, *, index_href: str | None = None) -> str:
    """A self-contained HTML page of `text` with every span of `record` marked."""
    spans = spans_of(record)
    placed = [span for span in spans if placeable(span, len(text))]
    unplaced = [span for span in spans if not placeable(span, len(text))]
    title = record.title or record.id or "Article"
    facts = [
        f"id {record.id}" if record.id else None,
        f"published {record.published.isoformat()}" if record.published else None,
        f"author {record.author}" if record.author else None,
    ]
    back = f'<a href="{html.escape(index_href)}">← all articles</a> · ' if index_href else ""
    tables = "".join(
        f"<details open><summary>{field.plural} ({len(getattr(record, field.name))})</summary>"
        f"{field_table(record, field.name)}</details>"
        for field in FIELDS
    )
    body = (
        f"<header><h1>{html.escape(title)}</h1>"
        f"<p>{back}{html.escape(' · '.join(f for f in facts if f))}</p></header>\n"
        f'<main>\n<article id="text" lang="vi">{mark_text(text, placed)}</article>\n'
        f"<aside>{_legend(record, placed)}"
        '<div id="details">Hover over a mark for its value; click it to keep it here.</div>'
        f"{_unplaced(unplaced)}{tables}</aside>\n</main>"
    )
    return _page(title, body, script=True)


@dataclass(frozen=True)
class IndexEntry:
    """One line of the index: a record (or error record) and the file name of its page."""

    record: ArticleRecord | ErrorRecord
    href: str | None


def render_index(entries: Iterable[IndexEntry], *, title: str = "vn_minutes records") -> str:
    """An index page linking every article's page, with its counts per field."""
    header = ["article", "published"] + [field.plural for field in FIELDS]
    rows: list[str] = []
    totals: dict[str, int] = defaultdict(int)
    number = 0
    for entry in entries:
        number += 1
        record = entry.record
        if isinstance(record, ErrorRecord):
            message = f"{record.error.type}: {record.error.message}"
            rows.append(
                f'<tr>{_cell(record.id)}<td colspan="{len(FIELDS) + 1}" class="unplaced">'
                f"{html.escape(message)}</td></tr>"
            )
            continue
        name = html.escape(record.title or record.id or "article")
        link = f'<a href="{html.escape(entry.href)}">{name}</a>' if entry.href else name
        ident = f"<br><small>{html.escape(record.id)}</small>" if record.id and record.title else ""
        per_field = counts(record)
        for field, count in per_field.items():
            totals[field] += count
        published = record.published.isoformat() if record.published else None
        rows.append(
            f"<tr><td>{link}{ident}</td>{_cell(published)}"
            + "".join(f'<td class="n">{per_field[f.name]}</td>' for f in FIELDS)
            + "</tr>"
        )
    total_row = (
        f"<tr><th>{number} articles</th><th></th>"
        + "".join(f'<th class="n">{totals[f.name]}</th>' for f in FIELDS)
        + "</tr>"
    )
    legend = "".join(
        f'<span><span class="swatch sw-{f.name}"></span>{f.label}</span> ' for f in FIELDS
    )
    body = (
        f"<header><h1>{html.escape(title)}</h1><p>{legend}</p></header>\n"
        f'<main><div id="index">{_table(header, rows + [total_row])}</div></main>'
    )
    return _page(title, body, script=False)


# --- writing a batch ------------------------------------------------------------------------

UNSAFE_NAME = regex.compile(r"[^\w.-]+")


def page_name(article_id: str | None, taken: set[str]) -> str:
    """A file name for an article's page, safe on every file system and unique in `taken`."""
    stem = UNSAFE_NAME.sub("_", article_id or "article").strip("._")[:100] or "article"
    name, n = f"{stem}.html", 1
    while name.lower() in taken or name == "index.html":
        n += 1
        name = f"{stem}-{n}.html"
    taken.add(name.lower())
    return name


def write_pages(
    items: Iterable[tuple[ArticleRecord | ErrorRecord, str]], folder: str | Path
) -> Path:
    """Write one page per `(record, text)` and an `index.html` into `folder`; return the index."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    entries: list[IndexEntry] = []
    for record, text in items:
        if isinstance(record, ErrorRecord):
            entries.append(IndexEntry(record, None))
            continue
        name = page_name(record.id, taken)
        page = render_article(record, text, index_href="index.html")
        (folder / name).write_text(page, encoding="utf-8")
        entries.append(IndexEntry(record, name))
    index = folder / "index.html"
    index.write_text(render_index(entries), encoding="utf-8")
    return index


def iframe(page: str, height: int = 600) -> str:
    """A page wrapped in an `<iframe srcdoc>`, to show it inline (e.g. in a notebook)."""
    return (
        f'<div class="vn-minutes-view"><iframe srcdoc="{html.escape(page)}" '
        f'style="width:100%;height:{height}px;border:1px solid #ddd" sandbox="allow-scripts">'
        "</iframe></div>"
    )
