"""Score predicted records against gold records, field by field, as GUIDELINES.md defines.

Micro precision / recall / F1 over all articles: abbreviations as (short, long) pairs, dates
as multisets of values, people by name (and their roles by word overlap), percentages by
value (then qualifier accuracy and subject overlap), ratios as (numerator, denominator),
shortcomings by word overlap (then the precision of each reader), author by exact match.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from vn_minutes.normalize import traditional_tones

Record = Mapping[str, Any]

_WORD = regex.compile(r"[\p{L}\p{N}]+")


@dataclass
class Score:
    """Counts of one field, and precision / recall / F1 from them."""

    true_positives: float = 0
    predicted: float = 0
    expected: float = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, matched: float, predicted: float, expected: float) -> None:
        self.true_positives += matched
        self.predicted += predicted
        self.expected += expected


@dataclass
class Mean:
    """A running mean (qualifier accuracy, subject overlap, author accuracy)."""

    total: float = 0
    count: int = 0

    @property
    def value(self) -> float:
        return self.total / self.count if self.count else 1.0

    def add(self, value: float) -> None:
        self.total += value
        self.count += 1


@dataclass
class Report:
    """Scores of a whole evaluation run."""

    articles: int = 0
    missing: list[str] = field(default_factory=list)
    fields: dict[str, Score] = field(default_factory=dict)
    means: dict[str, Mean] = field(default_factory=dict)

    def score(self, name: str) -> Score:
        return self.fields.setdefault(name, Score())

    def mean(self, name: str) -> Mean:
        return self.means.setdefault(name, Mean())

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "missing_predictions": self.missing,
            "fields": {
                name: {
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                    "matched": s.true_positives,
                    "predicted": s.predicted,
                    "gold": s.expected,
                }
                for name, s in self.fields.items()
            },
            "measures": {name: round(m.value, 4) for name, m in self.means.items()},
        }

    def format(self) -> str:
        lines = [f"articles: {self.articles}"]
        if self.missing:
            lines.append(f"no prediction for {len(self.missing)}: {', '.join(self.missing[:10])}")
        lines.append(f"{'field':<14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}")
        for name, s in self.fields.items():
            lines.append(
                f"{name:<14}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
                f"{s.expected:>7.0f}{s.predicted:>7.0f}"
            )
        for name, m in self.means.items():
            lines.append(f"{name:<26}{m.value:>8.3f}  (over {m.count})")
        return "\n".join(lines)


def fold(text: str | None) -> str:
    """Case-, tone-placement- and spacing-insensitive form of a text value."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", text).lower()
    text = traditional_tones(text)
    text = regex.sub(r"\s*-\s*", " - ", text)
    return " ".join(text.split())


def fold_short(short: str) -> str:
    """Short forms compare without spaces and dots: `TP.HCM` = `TP HCM`."""
    return regex.sub(r"[\s.]", "", unicodedata.normalize("NFC", short))


def word_f1(a: str | None, b: str | None) -> float:
    """F1 of the word multisets of two texts (folded)."""
    words_a, words_b = Counter(_WORD.findall(fold(a))), Counter(_WORD.findall(fold(b)))
    common = sum((words_a & words_b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(words_a.values()), common / sum(words_b.values())
    return 2 * precision * recall / (precision + recall)


def greedy_pairs(
    predicted: Sequence[Any],
    expected: Sequence[Any],
    similarity: Callable[[Any, Any], float],
    threshold: float,
) -> list[tuple[int, int]]:
    """Pairs (i, j) chosen best-first among those with similarity >= threshold."""
    candidates = sorted(
        ((similarity(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(expected)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for value, i, j in candidates:
        if value < threshold or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def _multiset_match(predicted: Iterable[Any], expected: Iterable[Any]) -> tuple[int, int, int]:
    p, g = Counter(predicted), Counter(expected)
    return sum((p & g).values()), sum(p.values()), sum(g.values())


def _date_value(value: str | None) -> str | None:
    return value.split("T")[0] if value else value


def score_article(report: Report, predicted: Record, gold: Record) -> None:
    """Add one article's comparison to `report`."""
    known = [a for a in predicted.get("abbreviations", []) if a.get("long")]
    report.score("abbreviations").add(
        *_multiset_match(
            {(fold_short(a["short"]), fold(a["long"])) for a in known},
            {(fold_short(a["short"]), fold(a["long"])) for a in gold.get("abbreviations", [])},
        )
    )
    report.score("dates").add(
        *_multiset_match(
            (_date_value(d["value"]) for d in predicted.get("dates", [])),
            (_date_value(d["value"]) for d in gold.get("dates", [])),
        )
    )
    _score_people(report, predicted.get("people", []), gold.get("people", []))
    _score_percentages(report, predicted.get("percentages", []), gold.get("percentages", []))
    report.score("ratios").add(
        *_multiset_match(
            ((r["numerator"], r["denominator"]) for r in predicted.get("ratios", [])),
            ((r["numerator"], r["denominator"]) for r in gold.get("ratios", [])),
        )
    )
    _score_shortcomings(report, predicted.get("shortcomings", []), gold.get("shortcomings", []))
    if gold.get("author"):
        report.mean("author accuracy").add(
            float(fold(predicted.get("author")) == fold(gold["author"]))
        )


def _score_shortcomings(report: Report, predicted: list[Record], gold: list[Record]) -> None:
    """Paired by word overlap; the precision of each reader (`found_by`) is measured apart,
    so that analysts know what the rules' items and the model's are worth."""
    texts_p = [s["text"] for s in predicted]
    pairs = greedy_pairs(texts_p, [s["text"] for s in gold], word_f1, 0.5)
    report.score("shortcomings").add(len(pairs), len(predicted), len(gold))
    matched = {i for i, _ in pairs}
    for i, item in enumerate(predicted):
        if item.get("found_by"):
            report.mean(f"shortcoming P ({item['found_by']})").add(float(i in matched))


def _score_people(report: Report, predicted: list[Record], gold: list[Record]) -> None:
    by_name_p = {fold(p["name"]): p for p in predicted}
    by_name_g = {fold(p["name"]): p for p in gold}
    matched = by_name_p.keys() & by_name_g.keys()
    report.score("people").add(len(matched), len(by_name_p), len(by_name_g))
    roles = report.score("roles")
    for name in matched:
        roles_p, roles_g = by_name_p[name].get("roles", []), by_name_g[name].get("roles", [])
        pairs = greedy_pairs(roles_p, roles_g, word_f1, 0.6)
        roles.add(len(pairs), len(roles_p), len(roles_g))


def _score_percentages(report: Report, predicted: list[Record], gold: list[Record]) -> None:
    def same_value(p: Record, g: Record) -> float:
        if abs(float(p["value"]) - float(g["value"])) > 1e-9:
            return 0.0
        return 1.0 + word_f1(p.get("text"), g.get("text"))  # texts break ties

    pairs = greedy_pairs(predicted, gold, same_value, 1.0)
    report.score("percentages").add(len(pairs), len(predicted), len(gold))
    for i, j in pairs:
        p, g = predicted[i], gold[j]
        report.mean("percent qualifier accuracy").add(
            float(p.get("qualifier", "exact") == g.get("qualifier", "exact"))
        )
        report.mean("percent subject overlap").add(word_f1(p.get("subject"), g.get("subject")))


def load_gold(folder: Path) -> dict[str, Record]:
    """Gold records of a folder, by article id (every `*.json` file)."""
    records = {}
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        records[record.get("id") or path.stem] = record
    return records


def load_predictions(path: Path) -> dict[str, Record]:
    """Records of a JSONL file by id; error records and blank lines are skipped."""
    records = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                if "error" not in record:
                    records[record.get("id")] = record
    return records


def evaluate(gold: Mapping[str, Record], predictions: Mapping[str, Record]) -> Report:
    """Score `predictions` against every gold record; a missing prediction counts as empty."""
    report = Report()
    for doc_id, gold_record in gold.items():
        report.articles += 1
        predicted = predictions.get(doc_id)
        if predicted is None:
            report.missing.append(doc_id)
            predicted = {}
        score_article(report, predicted, gold_record)
    return report
