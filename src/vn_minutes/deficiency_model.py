"""A learned second reader for shortcomings: a logistic model that scores one sentence of a
meeting report as stating a deficiency or not.

The cue rules in `shortcomings` are precise but miss deficiencies stated without the cue words
they know ("398 nhiệm vụ hoàn thành trễ hạn", "hồ sơ bị thất lạc"). The model reads a sentence's
syllables and syllable pairs together with the rule stage's own signals (a verdict, a demand, a
cause, ...), so it learns which words state a deficiency in this genre. Its weights live in
`data/deficiency_model.tsv`, written by `scripts/train_deficiency_model.py`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

import regex

_WORD = regex.compile(r"[\p{L}\p{N}]+")
LEAD_WORDS = 4  # "Tuy nhiên", "Theo ông": the first words before the clause say how it is framed
BIAS = "bias"
SIGNAL = "f:"


def word_features(clause: str, lead: str) -> set[str]:
    """The word features of one sentence: its clause's syllables (`u:`) and syllable pairs
    (`b:`), and the first words of its lead (`lead:`)."""
    words = _WORD.findall(clause.lower())
    found = {f"u:{word}" for word in words}
    found |= {f"b:{first}_{second}" for first, second in zip(words, words[1:], strict=False)}
    found |= {f"lead:{word}" for word in _WORD.findall(lead.lower())[:LEAD_WORDS]}
    return found


def signal_features(signals: Mapping[str, bool]) -> set[str]:
    """The rule signals that hold for a sentence (`f:`)."""
    return {f"{SIGNAL}{name}" for name, holds in signals.items() if holds}


@cache
def weights() -> dict[str, float]:
    """Feature weights (and the bias) from the packaged table, loaded once."""
    table = resources.files("vn_minutes.data").joinpath("deficiency_model.tsv")
    loaded: dict[str, float] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            feature, weight = line.rsplit("\t", 1)
            loaded[feature] = float(weight)
    return loaded


def _score(found: Iterable[str], table: Mapping[str, float]) -> float:
    """The log-odds of a sentence with these features: the bias plus their weights."""
    return table.get(BIAS, 0.0) + sum(table.get(feature, 0.0) for feature in found)


def probability(found: Iterable[str], table: Mapping[str, float] | None = None) -> float:
    """The probability that a sentence with these features states a deficiency, under the
    packaged weights or a `table` being trained."""
    return 1.0 / (1.0 + math.exp(-_score(found, weights() if table is None else table)))


def may_reach(known: Iterable[str], unknown: Iterable[str], threshold: float) -> bool:
    """Whether a sentence with the `known` features could reach `threshold` under the packaged
    weights, whichever of the `unknown` signals hold: those cost a search to read."""
    table = weights()
    headroom = sum(max(0.0, table.get(f"{SIGNAL}{name}", 0.0)) for name in unknown)
    return _score(known, table) + headroom >= math.log(threshold / (1 - threshold))
