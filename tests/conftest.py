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
