"""What surrounds a figure: its metric phrase, its category and its period.

All three read the figure's own sentence only, through a few anchored regex
searches: the indicator stage must stay cheap next to segmentation.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import regex

from extractor.rules import indicator_context_data as data
from extractor.rules.anchored import lowered, word_starts
from extractor.text.search import finditer_from

_WORD = regex.compile(r"[\p{L}\p{N}%]+(?:[.,/][\p{L}\p{N}]+)*")
_CLAUSE_BREAKS = (";", ":", "\n")
_RATE_HEAD = regex.compile(r"(?<![\p{L}])tỷ lệ(?![\p{L}])", regex.IGNORECASE)
_RATE_VERB = regex.compile(
    r"\s*(?:(?<![\p{L}])(?:lên|đạt|là|ở mức|chiếm|tăng lên|giảm xuống|còn)\s*)+$",
    regex.IGNORECASE,
)
_WITHIN = regex.compile(r"trong\s", regex.IGNORECASE)
_WINDOW = 200  # characters of clause, each side, where category triggers are sought
# A metric phrase is at most `metric_max_words` words: reading further than this
# many characters after the figure is wasted (and quadratic on unpunctuated text).
_METRIC_REACH = 400


def _trim(text: str) -> str:
    """Cut a phrase to the word limit and drop dangling function words and punctuation."""
    words = list(islice(_WORD.finditer(text), data.metric_max_words()))
    tails = data.metric_tails()
    while words and words[-1].group().casefold() in tails:
        words.pop()
    return text[: words[-1].end()] if words else ""


def metric(text: str, start: int, limit: int) -> str | None:
    """The noun phrase starting at `start`, up to the first stop before `limit`."""
    limit = min(limit, start + _METRIC_REACH)
    stop = data.metric_stop().search(text, start, limit)
    # A stop word at the very start is part of the phrase only if nothing else is.
    end = stop.start() if stop is not None else limit
    phrase = _trim(text[start:end].strip())
    return phrase or None


def rate_metric(text: str, clause_start: int, figure_start: int) -> str | None:
    """For "tỷ lệ X lên 80,4%": the "tỷ lệ X" phrase standing before the figure."""
    heads = list(_RATE_HEAD.finditer(text, clause_start, figure_start))
    if not heads:
        return None
    phrase = text[heads[-1].start() : figure_start]
    verb = _RATE_VERB.search(phrase)
    phrase = phrase[: verb.start()] if verb else phrase
    return _trim(phrase.strip()) or None


def clause_bounds(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): sentence cut at ";", ":" and line breaks.

    Plain string searches for the three breaks: a regex call costs more than they do.
    """
    sentence_start, sentence_end = sentence
    left = max(sentence_start, start - _WINDOW)
    cut = max(text.rfind(";", left, start), text.rfind(":", left, start),
              text.rfind("\n", left, start))
    clause_end = min(sentence_end, end + _WINDOW)
    for mark in _CLAUSE_BREAKS:  # each search stops at the nearest break found so far
        found = text.find(mark, end, clause_end)
        if found >= 0:
            clause_end = found
    return (cut + 1 if cut >= 0 else left), clause_end


def category(
    text: str,
    unit: str,
    metric_text: str | None,
    span: tuple[int, int],
    clause: tuple[int, int],
) -> str | None:
    """The taxonomy label for a figure, or None when nothing says it (no guess)."""
    candidates = data.categories_by_unit().get(unit.casefold(), ())
    if not candidates:
        return None
    if metric_text:
        for entry in candidates:
            if entry.metric is not None and entry.metric.search(metric_text):
                return entry.label
    best: tuple[int, str] | None = None
    for entry in candidates:
        for hit in _trigger_hits(entry, text, clause):
            if hit.end() <= span[0]:
                distance = span[0] - hit.end()
            elif hit.start() >= span[1]:
                distance = hit.start() - span[1]
            else:
                continue  # a trigger inside the figure's own span says nothing
            if best is None or distance < best[0]:
                best = (distance, entry.label)
    if best is not None:
        return best[1]
    defaults = [entry.label for entry in candidates if entry.default]
    return defaults[0] if len(defaults) == 1 else None


def _trigger_hits(
    entry: data.Category, text: str, clause: tuple[int, int]
) -> Iterator[regex.Match[str]]:
    """`entry.triggers.finditer(text, *clause)`, the words found by string search first
    (the engine tried their alternation at every position of the clause)."""
    if entry.triggers is None:
        return iter(())
    low = lowered(text) if entry.trigger_words is not None else None
    if entry.trigger_words is None or low is None:
        return entry.triggers.finditer(text, *clause)
    starts = word_starts(low, entry.trigger_words, *clause)
    return finditer_from(entry.triggers, text, starts, clause[1])


def periods(text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """Spans of every period phrase in a sentence, in order, without overlaps."""
    found: list[tuple[int, int]] = []
    low = lowered(text)
    for rule in data.period_rules():
        required: list[str] = rule.data.get("requires", [])
        if required and low is not None and all(low.find(w, *sentence) < 0 for w in required):
            continue  # a word every match holds is missing
        for hit in rule.pattern.finditer(text, *sentence):
            if not any(hit.start() < end and start < hit.end() for start, end in found):
                found.append(hit.span())
    return sorted(found)


def period_for(
    text: str, spans: list[tuple[int, int]], figure: tuple[int, int], duration: bool
) -> tuple[int, int] | None:
    """The nearest period before the figure, else one after it that fits (see the
    comment in indicators.yaml); never the figure's own span."""
    before = [span for span in spans if span[1] <= figure[0]]
    if before:
        return before[-1]
    for span in spans:
        if span[0] >= figure[1] and (duration or _WITHIN.match(text, span[0])):
            return span
    return None
