"""Gold annotations of real articles whose text may not be committed.

A real-gold file (`corpus/realgold/<set>/<id>.json`) names its article by `id` in a
JSON Lines corpus (`../shared/realnews/articles-dev.jsonl.gz`) and each fact by
character offsets into that article's text as stored, with its values and a short
hash of the words it covers; no word of the corpus is in the file. Loading it reads
the words back from the corpus, checks every hash (the text must be the one that was
annotated) and gives the SPEC gold items `evaluate.score_field` compares.

Conventions of these sets (../shared/ANNOTATION.md): dates once per value, people
once per person, documents once per code, articles of law once per (article, clause),
organisations and campaigns once per surface, indicators at every mention. Records
list every mention, so dates, people, documents and articles of law are reduced to
distinct values before matching, as organisations and campaigns already are. A
document is "a reference with a number and a code": a record's reference with a
number only ("Quyết định số 333", no code written nor linked) is not scored.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from extractor.research.evaluate import (
    ArticleResult,
    Evaluation,
    GoldError,
    predicted_items,
    score_field,
)
from extractor.research.matching import FIELDS, canon, code_key, distinct_items
from schemas import ArticleRecord

# Fields whose gold items are rebuilt from offsets: field -> the key the words go to.
_SPAN_KEYS = {"organizations": "text", "people": "name", "campaigns": "name"}
# Values kept in the committed file, per field (besides start, end and the hash).
_VALUES = {
    "dates": ("value", "end_value", "birth_year"),
    "documents": ("kind", "number", "code"),
    "legal_refs": ("article", "clause", "law"),
    "organizations": (),
    "organizations_generic": (),
    "people": ("rank", "role", "age", "birth_year"),
    "indicators": ("value", "unit", "qualifier", "denominator"),
    "awards": ("collectives", "individuals"),
    "campaigns": (),
}
# Gold holds one item per value for these; records hold every mention.
_ONCE_PER_VALUE: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "dates": lambda item: str(item.get("value")),
    "people": lambda item: canon(str(item.get("name") or "")),
    "documents": lambda item: code_key(str(item.get("code"))),
    "legal_refs": lambda item: f"{canon(str(item.get('article')))}/{item.get('clause') or ''}",
}


def span_hash(words: str) -> str:
    """Eight hex digits of the SHA-256 of a span's words: proves the text, reveals nothing."""
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:8]


def strip_words(annotation: dict[str, Any], text: str) -> dict[str, Any]:
    """An annotator's file (with words) as the committed form (offsets, values, hashes)."""
    stripped: dict[str, Any] = {"id": annotation["id"]}
    for name, keys in _VALUES.items():
        items = []
        for index, item in enumerate(annotation.get(name) or []):
            start, end = int(item["start"]), int(item["end"])
            if text[start:end] != item["text"]:
                raise GoldError(f"{annotation['id']}:{name}[{index}]",
                                f"offsets {start}:{end} do not cut {item['text']!r}")
            kept = {"start": start, "end": end, "hash": span_hash(text[start:end])}
            kept.update({key: item.get(key) for key in keys if key in item})
            items.append(kept)
        stripped[name] = items
    return stripped


def read_corpus(path: Path, wanted: set[str]) -> dict[str, str]:
    """The texts of the wanted ids from a JSON Lines corpus (gzipped or not)."""
    opener = gzip.open if path.suffix == ".gz" else open
    texts: dict[str, str] = {}
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if str(row.get("id")) in wanted:
                texts[str(row["id"])] = row["text"]
    return texts


def _unquoted(words: str) -> str:
    """A span without the pair of quotes around it ('"Dân vận khéo"' -> 'Dân vận khéo');
    a quote that closes a name inside the span stays ('trường mầm non "Sáng tạo"')."""
    if len(words) > 1 and words[0] in '"“' and words[-1] in '"”':
        return words[1:-1]
    return words


def gold_items(path: Path, data: dict[str, Any], text: str) -> dict[str, list[dict[str, Any]]]:
    """The SPEC gold items of one real-gold file, words read back from `text`."""
    gold: dict[str, list[dict[str, Any]]] = {}
    for name in _VALUES:
        items = []
        for index, raw in enumerate(data.get(name, [])):
            start, end = raw["start"], raw["end"]
            words = text[start:end]
            if not 0 <= start < end <= len(text) or span_hash(words) != raw["hash"]:
                raise GoldError(str(path), f"{name}[{index}] {start}:{end} no longer cuts the "
                                "annotated words: the corpus text changed")
            item = {key: value for key, value in raw.items() if key != "hash"}
            item["text"] = words
            if name in _SPAN_KEYS:
                item[_SPAN_KEYS[name]] = _unquoted(words)
            items.append(item)
        gold[name] = items
    return gold


def _gold_files(gold_dir: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    if not gold_dir.is_dir():
        raise GoldError(str(gold_dir), "is not a directory")
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise GoldError(str(path), f"cannot be read as JSON: {error}") from error
        if not isinstance(data, dict) or "id" not in data:
            raise GoldError(str(path), "a real-gold file is an object with an `id`")
        yield path, data


def predicted(record: ArticleRecord, name: str) -> list[Mapping[str, Any]]:
    """A record's items of one field, reduced as the gold is (see the module's doc)."""
    items: list[Mapping[str, Any]] = []
    if hasattr(record, name):
        items.extend(predicted_items(record, name))
    if name == "documents":
        items = [item for item in items if item.get("code")]
    once = _ONCE_PER_VALUE.get(name)
    return distinct_items(items, once) if once else items


def evaluate_real(
    gold_dir: Path, corpus: Path,
    extractor: Callable[[str, str], ArticleRecord] | None = None,
) -> Evaluation:
    """Extract every article named in `gold_dir` from `corpus` and score it."""
    files = list(_gold_files(gold_dir))
    texts = read_corpus(corpus, {str(data["id"]) for _, data in files})
    if extractor is None:
        from extractor.pipeline import extract

        def extractor(text: str, source: str) -> ArticleRecord:
            return extract(text, source=source)

    results = []
    for path, data in files:
        key = str(data["id"])
        if key not in texts:
            raise GoldError(str(path), f"article {key} is not in {corpus}")
        gold = gold_items(path, data, texts[key])
        record = extractor(texts[key], key)
        fields = {name: score_field(name, items, predicted(record, name))
                  for name, items in gold.items() if name in FIELDS}
        results.append(ArticleResult(path.stem, key, fields, []))
    return Evaluation(results, [])


def agreement(first: Path, second: Path, corpus: Path) -> Evaluation:
    """Two readers' real-gold files of the same articles scored against each other
    (the first as gold): F1 per field is their agreement. Articles only the first
    annotated are left out."""
    seconds = {str(data["id"]): (path, data) for path, data in _gold_files(second)}
    firsts = [(path, data) for path, data in _gold_files(first) if str(data["id"]) in seconds]
    texts = read_corpus(corpus, set(seconds))
    results = []
    for path, data in firsts:
        key = str(data["id"])
        gold = gold_items(path, data, texts[key])
        other = gold_items(*seconds[key], texts[key])
        fields = {name: score_field(name, items, other.get(name, []))
                  for name, items in gold.items() if name in FIELDS}
        results.append(ArticleResult(path.stem, key, fields, []))
    return Evaluation(results, [])
