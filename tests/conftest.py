"""Shared test fixtures: the pipeline, and paths to `../shared` (skipped where it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The team's shared folder (gold records, news corpus); tests using it skip without it."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not present (only CI and the team's machines have it)")
    return SHARED


def gold_articles(gold_dir: Path, sources: list[Path]) -> list[dict]:
    """The articles of a folder of gold records, looked up by id in JSONL sources.

    A gold id `seed-NNN` names the seed article `seeds/NNN_*.txt` beside the gold folder.
    """
    import json

    wanted = {path.stem for path in gold_dir.glob("*.json")}
    articles: dict[str, dict] = {}
    for source in sources:
        with source.open(encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                if article["id"] in wanted:
                    articles[article["id"]] = article
    for seed_id in sorted(w for w in wanted if w.startswith("seed-")):
        number = seed_id.removeprefix("seed-")
        for path in (gold_dir.parent / "seeds").glob(f"{number}_*.txt"):
            articles[seed_id] = {"id": seed_id, "text": path.read_text(encoding="utf-8")}
    return [articles[i] for i in sorted(articles)]
