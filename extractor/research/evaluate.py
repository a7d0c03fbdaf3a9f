"""Scoring records against gold annotations (SPEC.md, "Gold annotations").

Each field is compared with its own matching rule (see `FIELDS`); matching is
one-to-one, so a gold item is used once however many predictions resemble it.
Counts are summed over articles (micro-average) before precision, recall and
F1 are computed. A field absent from a gold file is not scored for that
article: the annotator did not look at it, so its predictions are not errors.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.batch.inputs import read_file
from extractor.research.matching import FIELDS, Item, Matching, distinct_items, match_items
from schemas import ArticleRecord


class GoldError(ValueError):
    """A gold file cannot be read or does not follow SPEC's gold format."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class Counts:
    """Matched, missed and spurious items of one field, with qualifier agreement."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    qualifier_correct: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.qualifier_correct += other.qualifier_correct

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        # 2tp / (2tp + fp + fn) equals the harmonic mean of P and R when both
        # exist, and is 0 (not undefined) when only one side has items.
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    @property
    def qualifier_accuracy(self) -> float | None:
        return self.qualifier_correct / self.tp if self.tp else None

    def as_dict(self, with_qualifier: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "gold": self.tp + self.fn, "predicted": self.tp + self.fp,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
        }
        if with_qualifier:
            data["qualifier_accuracy"] = self.qualifier_accuracy
        return data


@dataclass
class FieldResult:
    counts: Counts
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ArticleResult:
    stem: str
    source: str
    fields: dict[str, FieldResult]
    unscored_keys: list[str]


def _shown(item: Item, keys: Sequence[str]) -> dict[str, Any]:
    return {"text": item.get("text"), **{key: item.get(key) for key in keys}}


def score_field(name: str, gold: Sequence[Item], predicted: Sequence[Item]) -> FieldResult:
    """Match one field's gold items against predictions and count the outcome."""
    rule = FIELDS[name]
    if rule.distinct is not None:
        gold, predicted = distinct_items(gold, rule.distinct), distinct_items(predicted,
                                                                              rule.distinct)
    matching: Matching = match_items(gold, predicted, rule.same, rule.strict)
    counts = Counts(tp=len(matching.pairs), fn=len(matching.missed),
                    fp=len(matching.spurious))
    if name == "indicators":
        counts.qualifier_correct = sum(
            gold[g].get("qualifier", "exact") == predicted[p].get("qualifier")
            for g, p in matching.pairs
        )
    return FieldResult(
        counts,
        misses=[_shown(gold[i], rule.shown) for i in matching.missed],
        false_positives=[
            {**_shown(predicted[i], rule.shown), "sentence": predicted[i].get("sentence"),
             "rule": predicted[i].get("rule")}
            for i in matching.spurious
        ],
    )


def predicted_items(record: ArticleRecord, name: str) -> list[dict[str, Any]]:
    """A record's mentions of one field as plain dicts (JSON mode).

    A bare back-reference to a document takes the code of the reference it
    points to, as gold writes it ("số 09" annotated with "09/CTr-BCA-MTTQ").
    """
    items = [item.model_dump(mode="json") for item in getattr(record, name)]
    if name == "documents":
        for item in items:
            target = item.get("refers_to")
            if item.get("code") is None and isinstance(target, int) and target < len(items):
                item["code"] = items[target].get("code")
    return items


def _gold_item(path: str, name: str, index: int, raw: object) -> dict[str, Any]:
    # Organisations and campaigns may be written as bare strings (SPEC's example).
    if isinstance(raw, str):
        raw = {"text": raw, "name": raw} if name == "campaigns" else {"text": raw}
    if not isinstance(raw, dict):
        raise GoldError(path, f"{name}[{index}] is {type(raw).__name__}, expected an object")
    item = dict(raw)
    if name == "campaigns" and "name" not in item and isinstance(item.get("text"), str):
        item["name"] = item["text"].strip('"')
    missing = [key for key in FIELDS[name].required if item.get(key) is None]
    if missing:
        raise GoldError(path, f"{name}[{index}] lacks {', '.join(missing)}")
    return item


def load_gold(path: Path) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """A gold file's scored fields, and the keys it has that are not scored."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(str(path), f"cannot be read as JSON: {error}") from error
    if not isinstance(data, dict):
        raise GoldError(str(path), "top level must be an object of field -> list")
    gold: dict[str, list[dict[str, Any]]] = {}
    for name, items in data.items():
        if name not in FIELDS:
            continue
        if not isinstance(items, list):
            raise GoldError(str(path), f"{name} must be a list, not {type(items).__name__}")
        gold[name] = [_gold_item(str(path), name, i, raw) for i, raw in enumerate(items)]
    return gold, sorted(set(data) - set(FIELDS))


def score_article(
    stem: str, record: ArticleRecord, gold: Mapping[str, Sequence[Item]],
    unscored_keys: Iterable[str] = (),
) -> ArticleResult:
    fields = {
        name: score_field(name, items, predicted_items(record, name))
        for name, items in gold.items()
    }
    return ArticleResult(stem, record.source, fields, list(unscored_keys))


@dataclass
class Evaluation:
    """The scores of a gold directory: per article, and summed per field."""

    articles: list[ArticleResult]
    skipped_articles: list[str]  # articles with no gold file

    def totals(self) -> dict[str, Counts]:
        totals = {name: Counts() for name in FIELDS}
        for article in self.articles:
            for name, result in article.fields.items():
                totals[name].add(result.counts)
        return totals

    def overall(self) -> Counts:
        """All fields pooled: one micro-averaged figure for the whole record."""
        pooled = Counts()
        for counts in self.totals().values():
            pooled.add(counts)
        pooled.qualifier_correct = 0  # qualifier accuracy belongs to indicators only
        return pooled

    def to_json(self) -> dict[str, Any]:
        return {
            "articles_scored": len(self.articles),
            "articles_without_gold": self.skipped_articles,
            "fields": {
                name: counts.as_dict(with_qualifier=name == "indicators")
                for name, counts in self.totals().items()
            },
            "overall": self.overall().as_dict(),
            "per_article": [
                {
                    "article": article.stem,
                    "source": article.source,
                    "unscored_keys": article.unscored_keys,
                    "fields": {
                        name: {
                            **result.counts.as_dict(with_qualifier=name == "indicators"),
                            "misses": result.misses,
                            "false_positives": result.false_positives,
                        }
                        for name, result in article.fields.items()
                    },
                }
                for article in self.articles
            ],
        }


def _article_for(stem: str, articles_dir: Path) -> Path:
    candidates = sorted(p for p in articles_dir.glob(f"{stem}.*") if p.is_file())
    if not candidates:
        raise GoldError(str(articles_dir / stem), f"gold file has no article {stem}.* "
                        f"in {articles_dir}")
    if len(candidates) > 1:
        names = ", ".join(p.name for p in candidates)
        raise GoldError(str(articles_dir / stem), f"several articles match the gold: {names}")
    return candidates[0]


def evaluate_dirs(
    gold_dir: Path,
    articles_dir: Path,
    extractor: Callable[[Path], ArticleRecord] | None = None,
) -> Evaluation:
    """Extract every article that has `<stem>.json` in `gold_dir` and score it.

    `extractor` turns an article file into a record; the default runs the
    pipeline, and a test can pass recorded outputs instead.
    """
    if not gold_dir.is_dir():
        raise GoldError(str(gold_dir), "is not a directory")
    from extractor.pipeline import extract  # here: the pipeline's models load on first use

    run = extractor or (lambda path: extract(read_file(path).text, source=str(path)))
    results = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold, unscored = load_gold(gold_path)
        record = run(_article_for(gold_path.stem, articles_dir))
        results.append(score_article(gold_path.stem, record, gold, unscored))
    scored = {result.stem for result in results}
    skipped = sorted(
        p.stem for p in articles_dir.iterdir() if p.is_file() and p.stem not in scored
        and not p.name.startswith(".")
    ) if articles_dir.is_dir() else []
    return Evaluation(results, skipped)
