"""Shared fixtures: the seed corpus and its records, extracted once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract
from schemas import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "corpus" / "articles").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_records() -> dict[str, ArticleRecord]:
    """Every seed article's record, by file stem."""
    return {
        path.stem: extract(path.read_text(encoding="utf-8"), source=str(path))
        for path in ARTICLES
    }
