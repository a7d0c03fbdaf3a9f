"""What the indicator family reads around a figure, once it is counted: the metric
boundaries and the period patterns of `indicators.yaml`, and the category taxonomy
of `categories.yaml` (`indicator_context.py` uses them). Loaded, compiled and
checked once per process; a malformed entry is refused at load with its file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from extractor.resources.loader import ResourceError, Rule, load_lexicon, load_resource
from extractor.rules.anchored import searchable
from extractor.rules.indicator_resources import (
    RESOURCE,
    compiled_entries,
    named_patterns,
    words_pattern,
)

CATEGORIES = "categories.yaml"


@dataclass(frozen=True)
class Category:
    label: str
    units: frozenset[str]
    metric: regex.Pattern[str] | None
    triggers: regex.Pattern[str] | None
    default: bool
    # The words of `triggers` when each is `searchable`: then found by string search.
    trigger_words: tuple[str, ...] | None = None


@cache
def period_rules() -> list[Rule]:
    subpatterns = {**named_patterns("subpatterns"), **named_patterns("period_subpatterns")}
    rules = compiled_entries("periods", subpatterns)
    for rule in rules:
        required = rule.data.get("requires", [])
        # each a word of the pattern, sought in the lowered text (`indicator_context`)
        if not isinstance(required, list) or not all(
            isinstance(word, str) and searchable(word) and word in rule.pattern.pattern
            for word in required
        ):
            raise ResourceError(f"{RESOURCE}: rule {rule.id}: requires must list its words")
    return rules


@cache
def metric_stop() -> regex.Pattern[str]:
    """Where a metric ends: clause punctuation, a quote, a digit or a stop word."""
    stops = sorted(load_lexicon(RESOURCE, "metric_stops"), key=len, reverse=True)
    alternatives = "|".join(regex.escape(stop) for stop in stops)
    # ", chống" is the fixed pair "phòng, chống" (prevent and combat), not a clause break.
    return regex.compile(
        rf'(?:,(?!\s*chống(?![\p{{L}}]))|[;:.!?()"\n…\[\]]|\s-\s|\d'
        rf"|(?<![\p{{L}}])(?:{alternatives})(?![\p{{L}}]))",
        regex.IGNORECASE,
    )


@cache
def metric_tails() -> frozenset[str]:
    return frozenset(word.casefold() for word in load_lexicon(RESOURCE, "metric_tails"))


@cache
def metric_max_words() -> int:
    value = load_resource(RESOURCE).get("metric_max_words")
    if not isinstance(value, int) or value < 1:
        raise ResourceError(f"{RESOURCE}: metric_max_words must be a positive integer")
    return value


def _words_or_none(entry: dict[str, Any], key: str, label: str) -> regex.Pattern[str] | None:
    words = entry.get(key)
    if words is None:
        return None
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ResourceError(f"{CATEGORIES}: {label}.{key} must be a list of words")
    return words_pattern(words)


@cache
def categories() -> list[Category]:
    entries = load_resource(CATEGORIES).get("categories")
    if not isinstance(entries, list) or not entries:
        raise ResourceError(f"{CATEGORIES}: categories must be a non-empty list")
    found: list[Category] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("label") or not entry.get("units"):
            raise ResourceError(f"{CATEGORIES}: category #{index} needs a label and units")
        label = str(entry["label"])
        if not regex.fullmatch(r"[a-z][a-z_]*", label) or any(c.label == label for c in found):
            raise ResourceError(f"{CATEGORIES}: label {label!r} is malformed or duplicated")
        triggers = _words_or_none(entry, "triggers", label)
        words = tuple(str(word) for word in entry.get("triggers") or ())
        found.append(Category(
            label=label,
            units=frozenset(str(unit).casefold() for unit in entry["units"]),
            metric=_words_or_none(entry, "metric", label),
            triggers=triggers,
            default=bool(entry.get("default", False)),
            trigger_words=words if triggers and all(map(searchable, words)) else None,
        ))
    return found


@cache
def categories_by_unit() -> dict[str, tuple[Category, ...]]:
    """Unit (case folded) -> the categories counting it, in file order."""
    by_unit: dict[str, list[Category]] = {}
    for entry in categories():
        for unit in sorted(entry.units):
            by_unit.setdefault(unit, []).append(entry)
    return {unit: tuple(entries) for unit, entries in by_unit.items()}
