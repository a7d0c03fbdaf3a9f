"""Which refusals of extract() are the input's doing, and which are bugs of ours.

`pipeline._run_stage` turns any exception of a tagger into an ExtractionError
with stage `tag:<name>`, so that a batch can quarantine the article and go on.
For a test that hunts crashes that error is the crash, not "a precise refusal":
only a text too long (`limits`), one that is no article (`not_article`) or one
that cannot be read (`read`) may be refused. `validate` (the record breaks the
schema), `places` (the gazetteer failed) and `tag:*` are failures of our code.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extractor import ExtractionError, pipeline
from extractor.article import Article
from extractor.facts import Facts

Tagger = Callable[[Article, Facts], list[object]]

INPUT_STAGES = frozenset({"limits", "not_article", "read"})


def check_refusal(error: ExtractionError) -> None:
    """Fail unless `error` is a refusal of the input, with its reason."""
    assert error.stage in INPUT_STAGES, (
        f"our own code failed, not the input: stage {error.stage}: {error.reason}")
    assert error.reason, f"refused at {error.stage} without a reason"


def plant_crash_on_digits(monkeypatch: pytest.MonkeyPatch, name: str = "indicators") -> None:
    """Make the tagger `name` raise IndexError on any text with a digit (the bug that
    the crash-hunting tests must catch; undone by `monkeypatch` after the test)."""

    def broken(tagger: Tagger) -> Tagger:
        def tag(article: Article, facts: Facts) -> list[object]:
            if any(char.isdigit() for char in article.text):
                raise IndexError("planted: a tagger that fails on any digit")
            return tagger(article, facts)
        return tag

    taggers = tuple((field, broken(tagger) if field == name else tagger)
                    for field, tagger in pipeline.TAGGERS)
    assert any(field == name for field, _ in taggers), f"no tagger named {name}"
    monkeypatch.setattr(pipeline, "TAGGERS", taggers)
