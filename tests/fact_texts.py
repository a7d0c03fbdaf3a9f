"""Hypothesis strategies for text that yields facts: real sentences, mutated.

A property test over arbitrary Unicode checks spans that are never there: no
fact is found in noise. These strategies start from what the rules are meant
to read, the sentences of the corpus articles (corpus/articles and the held-out
ones) and the positive examples of the rule case files, and mutate them: other
figures in the Vietnamese formats (1.234, 12,5, 30%), other dates, another
unit of count, a fact of another sentence spliced in (a name with its rank, a
document number, a unit), sentences joined into paragraphs under a title, and
the edits of scrapers (`scraper_edit`). Most of what they generate still holds
facts, so the span and round-trip checks have something to check (the tests
assert the share).
"""

from __future__ import annotations

import re
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_DIRS = (ROOT / "corpus" / "articles", ROOT / "corpus" / "heldout" / "articles")

QUOTES = {'"': "“", "“": "”", "”": '"', "'": "’", "’": "'"}
WHITESPACE = st.sampled_from([" ", "  ", "\n", "\n\n\n", "\t", "\u00a0", "\u200b", "\r\n"])
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZĐÀ-Ỹ\"“])")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b")


def _case_files() -> list[dict[str, Any]]:
    folder = resources.files("extractor.resources")
    loaded = [yaml.safe_load(path.read_text(encoding="utf-8"))
              for path in sorted(folder.iterdir(), key=lambda p: p.name)
              if path.name.endswith(".cases.yaml")]
    return [data for data in loaded if isinstance(data, dict) and "field" in data]


def _article_sentences() -> list[str]:
    sentences = []
    for folder in ARTICLE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            for paragraph in path.read_text(encoding="utf-8").splitlines():
                sentences += [part.strip() for part in _SENTENCE_END.split(paragraph)]
    # Short lines are captions and furniture; the rules read sentences.
    return [sentence for sentence in sentences if len(sentence) >= 40]


_CASES = _case_files()
_POSITIVES = [case for data in _CASES for case in data.get("positive") or []]
_EXPECTED = [item for case in _POSITIVES for item in case.get("expect") or []
             if isinstance(item, dict)]
# What the generator draws from: real sentences, the surfaces of facts the rules
# must find (names with ranks, document numbers, units, amounts) and their units.
SENTENCES = sorted(set(_article_sentences()) | {str(case["text"]) for case in _POSITIVES})
FRAGMENTS = sorted({str(item["text"]) for item in _EXPECTED if item.get("text")})
UNITS = sorted({str(item["unit"]) for item in _EXPECTED if item.get("unit")}, key=len,
               reverse=True)


def _grouped(value: int) -> str:
    """An integer with dots between thousands, as Vietnamese text writes it."""
    return f"{value:,}".replace(",", ".")


figures = st.one_of(
    st.integers(0, 999).map(str),
    st.integers(1_000, 10**9).map(_grouped),
    st.tuples(st.integers(0, 999), st.integers(1, 99)).map(lambda p: f"{p[0]},{p[1]}"),
    st.integers(0, 100).map(lambda value: f"{value}%"),
    st.sampled_from(["0", "00", "1.000.000.000.000", "99,99", "2^63", "10.000.000.000.000.000"]),
)
dates = st.one_of(
    st.tuples(st.integers(1, 31), st.integers(1, 12), st.integers(1945, 2030)).map(
        lambda d: f"{d[0]}/{d[1]}/{d[2]}"),
    st.tuples(st.integers(1, 31), st.integers(1, 12)).map(lambda d: f"{d[0]}/{d[1]}"),
    st.tuples(st.integers(0, 99), st.integers(0, 99)).map(lambda d: f"{d[0]}/{d[1]}"),
)


def _replace_one(draw: st.DrawFn, pattern: re.Pattern[str], text: str,
                 replacement: st.SearchStrategy[str]) -> str:
    found = list(pattern.finditer(text))
    if not found:
        return text
    match = draw(st.sampled_from(found))
    return text[:match.start()] + draw(replacement) + text[match.end():]


@st.composite
def mutated_sentence(draw: st.DrawFn) -> str:
    """A real sentence with up to three edits of its facts."""
    text = draw(st.sampled_from(SENTENCES))
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["figure", "date", "unit", "splice"]))
        if kind == "figure":
            text = _replace_one(draw, _FIGURE, text, figures)
        elif kind == "date":
            text = _replace_one(draw, _DATE, text, dates)
        elif kind == "unit":
            present = [unit for unit in UNITS if f" {unit}" in text]
            if present:
                text = text.replace(f" {draw(st.sampled_from(present))}",
                                    f" {draw(st.sampled_from(UNITS))}", 1)
        else:
            spaces = [match.start() for match in re.finditer(" ", text)] or [len(text)]
            at = draw(st.sampled_from(spaces))
            text = f"{text[:at]} {draw(st.sampled_from(FRAGMENTS))}{text[at:]}"
    return text


def scraper_edit(draw: st.DrawFn, text: str) -> str:
    """One random edit of the kinds scrapers make."""
    kind = draw(st.sampled_from(
        ["insert", "delete", "duplicate", "swap quotes", "nfd", "whitespace", "truncate"]))
    at = draw(st.integers(0, len(text)))
    if kind == "insert":
        return text[:at] + draw(st.characters(exclude_categories=("Cs",))) + text[at:]
    if kind == "delete":
        return text[:at] + text[at + draw(st.integers(1, 20)):]
    if kind == "duplicate":
        return text[:at] + text[at:at + draw(st.integers(1, 200))] * 2 + text[at + 1:]
    if kind == "swap quotes":
        return "".join(QUOTES.get(char, char) for char in text)
    if kind == "nfd":
        return unicodedata.normalize("NFD", text)
    if kind == "whitespace":
        return text[:at] + draw(WHITESPACE) + text[at:]
    return text[:at]


@st.composite
def fact_text(draw: st.DrawFn) -> str:
    """A short article of mutated real sentences, maybe under a title, maybe edited."""
    sentences = draw(st.lists(mutated_sentence(), min_size=1, max_size=4))
    separators = draw(st.lists(st.sampled_from([" ", "\n", "\n\n"]),
                               min_size=len(sentences), max_size=len(sentences)))
    body = "".join(sentence + separator for sentence, separator in zip(
        sentences, separators, strict=True)).strip()
    if draw(st.booleans()):
        body = f"{draw(mutated_sentence())[:120]}\n\n{body}"
    for _ in range(draw(st.integers(0, 2))):
        body = scraper_edit(draw, body)
    return body
