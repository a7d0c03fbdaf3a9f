"""The records of every corpus article, and of each of its paragraphs alone, as committed.

tests/snapshot.json holds, for every article of corpus/articles and
corpus/heldout/articles and for each of its paragraphs taken alone, a hash of
the record extract() gives (without `source`; a refusal is hashed as its stage
and reason). Any change of any record fails this test, which names the texts
whose records changed: the guard behind "the same records" when a change is
meant to change nothing (a faster path, a refactoring). When the change is
deliberate (a rule that finds more), look at what changed
(`vnextract show FILE`), then regenerate the file and commit it with the change:

    .venv/bin/python -m tests.test_snapshot --write

`.venv/bin/python -m tests.test_snapshot` alone prints the differences and writes
nothing.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from extractor import ExtractionError, extract

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = Path(__file__).with_name("snapshot.json")
ARTICLE_DIRS = (ROOT / "corpus" / "articles", ROOT / "corpus" / "heldout" / "articles")
REGENERATE = ".venv/bin/python -m tests.test_snapshot --write"


def snapshot_texts() -> dict[str, str]:
    """Every corpus article by its path, and each paragraph (non-empty line) alone as
    'PATH ¶N', N counted from 1."""
    texts: dict[str, str] = {}
    for folder in ARTICLE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            name = path.relative_to(ROOT).as_posix()
            text = path.read_text(encoding="utf-8")
            texts[name] = text
            paragraphs = [line for line in text.splitlines() if line.strip()]
            for number, paragraph in enumerate(paragraphs, 1):
                texts[f"{name} ¶{number}"] = paragraph
    return texts


def fingerprint(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of the text's record, `source` left out."""
    try:
        record = extract(text, source="snapshot")
    except ExtractionError as error:
        content = f"refused at {error.stage}: {error.reason}"
    else:
        content = json.dumps(record.model_dump(mode="json", exclude={"source"}),
                             ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def current() -> dict[str, str]:
    return {name: fingerprint(text) for name, text in snapshot_texts().items()}


def committed() -> dict[str, str]:
    records: dict[str, str] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["records"]
    return records


def differences(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """One line per text whose record changed, appeared or went."""
    lines = [f"changed: {name}" for name in new if name in old and old[name] != new[name]]
    lines += [f"new:     {name}" for name in new if name not in old]
    lines += [f"gone:    {name}" for name in old if name not in new]
    return lines


def test_every_record_is_the_committed_one() -> None:
    changed = differences(committed(), current())
    assert not changed, (
        f"{len(changed)} texts give other records than tests/snapshot.json:\n"
        + "\n".join(changed)
        + f"\nIf the change is deliberate, regenerate it and commit it: {REGENERATE}")


def test_the_snapshot_covers_every_article_and_paragraph() -> None:
    names = set(committed())
    articles = [name for name in names if "¶" not in name]
    assert len(articles) == sum(len(list(folder.glob("*.txt"))) for folder in ARTICLE_DIRS)
    assert len(names) > 5 * len(articles)  # the paragraphs too


def main(arguments: list[str]) -> int:
    new = current()
    old = committed() if SNAPSHOT.exists() else {}
    changed = differences(old, new)
    print("\n".join(changed) or "no record changed", f"({len(new)} texts)")
    if "--write" in arguments:
        SNAPSHOT.write_text(json.dumps(
            {"about": "hashes of the records of the corpus texts: tests/test_snapshot.py; "
                      f"regenerate with {REGENERATE}",
             "records": new}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"written: {SNAPSHOT.relative_to(ROOT)}")
        return 0
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
