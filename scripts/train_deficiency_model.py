"""Train the sentence model of `vn_minutes.deficiency_model` from gold records.

    python scripts/train_deficiency_model.py ARTICLES.jsonl [...] --gold DIR [...] \\
        [-o src/vn_minutes/data/deficiency_model.tsv] [--folds 5 [--train-share 0.5]]

A sentence of an annotated article is a positive example when a gold shortcoming starts in it.
The model is a class-balanced, L2-regularised logistic regression fitted by full-batch gradient
descent (numpy), so the same records give the same weights. With `--folds K` it first prints
the shortcoming scores of the rules alone and of rules plus model at several thresholds,
cross-validated by article.
"""

from __future__ import annotations

import argparse
import json
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vn_minutes import deficiency_model, shortcomings
from vn_minutes.document import Document
from vn_minutes.evaluate import Score, greedy_pairs, word_f1
from vn_minutes.normalize import normalize

EPOCHS, LEARNING_RATE, L2 = 300, 0.5, 1.0
KEEP_ABOVE = 0.02  # smaller weights change no decision; they are not written
MATCH = 0.5  # the scorer's word-overlap threshold for shortcomings
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)

Example = tuple[set[str], bool]


@dataclass
class Annotated:
    """One gold article as the trainer sees it."""

    examples: list[Example]  # (features, label) per sentence
    candidates: list[list[str]]  # the items the model may add per sentence
    ruled: list[str]  # the rules' items
    gold: list[str]


def annotated(text: str, gold: list[str]) -> Annotated:
    clean = normalize(Document(text)).clean
    setting, all_sentences = shortcomings.reading(clean)
    ruled = shortcomings.rule_items(clean, setting, all_sentences)
    ruled_starts = sorted(start for start, _ in ruled)
    gold_starts = [clean.find(unicodedata.normalize("NFC", item)) for item in gold]
    examples, candidates = [], []
    for index, sentence in enumerate(all_sentences):
        found = shortcomings.sentence_features(clean, all_sentences, index, setting, ruled_starts)
        label = any(sentence.start <= start < sentence.end for start in gold_starts)
        examples.append((found, label))
        pieces = (
            shortcomings.sentence_items(clean, sentence)
            if shortcomings.left_alone(clean, all_sentences, index, setting, ruled_starts)
            else []
        )
        candidates.append([clean[start:end] for start, end in pieces])
    return Annotated(examples, candidates, [clean[s:e] for s, e in ruled], gold)


def fit(examples: list[Example]) -> dict[str, float]:
    """Feature weights (and the bias) of the logistic regression."""
    vocabulary = sorted({feature for found, _ in examples for feature in found})
    column = {feature: index for index, feature in enumerate(vocabulary)}
    matrix = np.zeros((len(examples), len(vocabulary)), dtype=np.float32)
    for row, (found, _) in enumerate(examples):
        matrix[row, [column[feature] for feature in found]] = 1.0
    labels = np.array([label for _, label in examples], dtype=np.float32)
    share = labels.mean()
    balance = np.where(labels > 0, 0.5 / share, 0.5 / (1 - share))
    weight, bias = np.zeros(len(vocabulary), dtype=np.float32), 0.0
    for _ in range(EPOCHS):
        gradient = (1 / (1 + np.exp(-(matrix @ weight + bias))) - labels) * balance
        weight -= LEARNING_RATE * (matrix.T @ gradient + L2 * weight) / len(examples)
        bias -= LEARNING_RATE * float(gradient.mean())
    fitted = {f: float(w) for f, w in zip(vocabulary, weight, strict=True) if abs(w) > KEEP_ABOVE}
    fitted[deficiency_model.BIAS] = bias
    return fitted


def counts(weights: dict[str, float], threshold: float, article: Annotated) -> np.ndarray:
    """(matched, predicted, expected) shortcomings of rules plus the model on one article."""
    added = []
    for (found, _), pieces in zip(article.examples, article.candidates, strict=True):
        if pieces and deficiency_model.probability(found, weights) >= threshold:
            added.extend(pieces)
    predicted = article.ruled + added
    matched = len(greedy_pairs(predicted, article.gold, word_f1, MATCH))
    return np.array([matched, len(predicted), len(article.gold)])


def cross_validate(
    articles: dict[str, Annotated], sources: dict[str, str], folds: int, train_share: float = 1.0
) -> None:
    """Shortcoming scores of held-out folds, over all articles and per gold folder (a folder
    the cue rules were never developed on measures how they and the model meet new text).
    A `train_share` below 1 fits each fold on that share of the other articles only: a
    learning curve, which tells whether more annotation would help."""
    ids = sorted(articles)
    random.Random(1).shuffle(ids)
    sampler = random.Random(2)
    trained = {i for i in ids if sampler.random() < train_share}
    names = ["all", *sorted(set(sources.values()))]
    totals = {(t, n): np.zeros(3) for t in (1.01, *THRESHOLDS) for n in names}  # 1.01: rules
    for fold in range(folds):
        held = set(ids[fold::folds])
        weights = fit([e for i in trained - held for e in articles[i].examples])
        for threshold in (1.01, *THRESHOLDS):
            for i in held:
                found = counts(weights, threshold, articles[i])
                totals[threshold, "all"] += found
                totals[threshold, sources[i]] += found
    for name in names:
        print(name)
        for threshold in (1.01, *THRESHOLDS):
            label = "rules only" if threshold > 1 else f"threshold {threshold}"
            score = Score(*totals[threshold, name])
            print(f"  {label:>14}: P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("articles", nargs="+", type=Path, help="JSONL files with id and text")
    parser.add_argument("--gold", nargs="+", type=Path, required=True, help="gold record folders")
    parser.add_argument("-o", "--output", type=Path, help="where to write the weights table")
    parser.add_argument("--folds", type=int, default=0, help="cross-validate first")
    parser.add_argument(
        "--train-share", type=float, default=1.0, help="fit folds on this share of articles"
    )
    args = parser.parse_args()
    gold, sources = {}, {}
    for folder in args.gold:
        for path in sorted(folder.glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            gold[record["id"]] = [item["text"] for item in record["shortcomings"]]
            sources[record["id"]] = str(folder)
    articles = {}
    for path in args.articles:
        for line in path.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            if article["id"] in gold:
                articles[article["id"]] = annotated(article["text"], gold[article["id"]])
    print(f"{len(articles)} articles, {sum(len(a.examples) for a in articles.values())} sentences")
    if args.folds:
        cross_validate(articles, sources, args.folds, args.train_share)
    if args.output:
        weights = fit([example for article in articles.values() for example in article.examples])
        header = (
            "# source: scripts/train_deficiency_model.py over the vn_minutes team's gold\n"
            f"# records of {len(articles)} meeting reports, kept outside the repository because\n"
            "# they quote third-party articles. feature<TAB>weight; 'bias' is the intercept.\n"
        )
        rows = "".join(f"{feature}\t{weight:.4f}\n" for feature, weight in sorted(weights.items()))
        args.output.write_text(header + rows, encoding="utf-8")
        print(f"wrote {len(weights)} weights to {args.output}")


if __name__ == "__main__":
    main()
