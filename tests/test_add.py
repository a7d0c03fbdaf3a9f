"""Adding to a corpus: --add extends a finished OUT_DIR; --resume refuses other inputs.

A first run stores four seed articles and a JSONL feed. `--add` then brings a
new article, an exact copy of a stored one under another name, a retitled copy
of a stored story (a syndicated copy), and the feed again. Each new article must
be stored once, the exact copy journaled `duplicate`, the syndicated copy linked
to the stored story, the feed's lines skipped as done, nothing already written
rewritten; the corpus must then equal one run over all the inputs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from extractor.batch import interrupts, store
from extractor.batch.journal import OutputDirError
from extractor.batch.run import RunInterrupted, RunOptions, run
from tests.batch_corpus import records, variant
from tests.conftest import ARTICLES, ROOT


def _corpora(root: Path) -> tuple[Path, Path, Path]:
    """(first directory, feed, added directory)."""
    first, added = root / "first", root / "added"
    first.mkdir()
    added.mkdir()
    for path in ARTICLES[:4]:
        (first / path.name).write_bytes(path.read_bytes())
    feed = root / "feed.jsonl"
    lines = [{"url": f"https://example.vn/{number}",
              "text": variant(ARTICLES[number].read_text(encoding="utf-8"), 10 + number)}
             for number in (2, 3)]
    feed.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines),
                    encoding="utf-8")
    (added / "new.txt").write_bytes(ARTICLES[4].read_bytes())
    (added / "copy_of_first.txt").write_bytes(ARTICLES[0].read_bytes())
    (added / "retitled.txt").write_text(variant(ARTICLES[1].read_text(encoding="utf-8"), 7),
                                        encoding="utf-8")
    return first, feed, added


def _table(out: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(out / "corpus.duckdb"), read_only=True) as connection:
        return sorted(connection.execute(sql).fetchall(), key=repr)


def _statuses(out: Path) -> dict[str, str]:
    lines = (out / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    return {entry["key"]: entry["status"] for entry in map(json.loads, lines)}


def test_add_stores_new_articles_once_links_copies_and_redoes_nothing(tmp_path: Path) -> None:
    first, feed, added = _corpora(tmp_path)
    out = tmp_path / "out"
    before = run([str(first), str(feed)], out, RunOptions(workers=2))
    assert (before.records, before.duplicates) == (6, 0)
    written = (out / "records.jsonl").read_bytes()
    summary = run([str(added), str(feed)], out, RunOptions(workers=2, add=True))
    # new.txt and retitled.txt are new; the copy is a duplicate; the feed was done.
    assert (summary.records, summary.duplicates, summary.skipped) == (2, 1, 2)
    assert (out / "records.jsonl").read_bytes().startswith(written)  # appended, not redone
    statuses = _statuses(out)
    assert statuses[str((added / "copy_of_first.txt").resolve())] == "duplicate"
    assert list(statuses.values()).count("record") == 8
    retitled = next(record["article_id"] for record in records(out)
                    if str(record["source"]).endswith("retitled.txt"))
    original = next(record["article_id"] for record in records(out)
                    if str(record["source"]).endswith(ARTICLES[1].name))
    links = _table(out, "SELECT article_id, duplicate_of FROM syndication")
    assert {retitled, original} in [set(link) for link in links]  # the canonical: either
    batches = json.loads((out / "run.json").read_text(encoding="utf-8"))["batches"]
    assert [batch["finished"] for batch in batches] == [True, True]
    # The same corpus as one run over every input.
    together = tmp_path / "together"
    run([str(first), str(feed), str(added)], together, RunOptions(workers=2))
    assert records(out) == records(together)
    assert _statuses(out) == _statuses(together)
    for sql in ("SELECT article_id, duplicate_of FROM syndication",
                "SELECT article_id, duplicate_of FROM articles",
                "SELECT key, status, article_id FROM inputs",
                "SELECT count(*) FROM indicators"):
        assert _table(out, sql) == _table(together, sql), sql


def test_resume_with_other_inputs_is_refused(tmp_path: Path) -> None:
    first, _feed, added = _corpora(tmp_path)
    out = tmp_path / "out"
    run([str(first)], out, RunOptions(workers=1))
    with pytest.raises(OutputDirError, match=r"finished corpus of other inputs .*use --add"):
        run([str(added)], out, RunOptions(workers=1, resume=True))
    with pytest.raises(OutputDirError, match="already holds a run"):
        run([str(added)], out, RunOptions(workers=1))
    (first / "later.txt").write_bytes(ARTICLES[4].read_bytes())  # the directory grew
    with pytest.raises(OutputDirError, match=r"files under its inputs changed \(4 files then, "
                                             r"5 now"):
        run([str(first)], out, RunOptions(workers=1, resume=True))
    # On the command line: one line, exit code 2.
    refused = subprocess.run(
        [str(Path(sys.executable).parent / "vnextract"), "extract", str(added), "-o", str(out),
         "--resume"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.count("\n") == 1 and "use --add instead of --resume" in refused.stderr


def test_an_interrupted_add_is_finished_before_other_inputs_are_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, feed, added = _corpora(tmp_path)
    out = tmp_path / "out"
    run([str(first)], out, RunOptions(workers=1))

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_write_database", interrupted)  # Ctrl-C at the tables
    with interrupts.installed(), pytest.raises(RunInterrupted):
        run([str(added)], out, RunOptions(workers=1, add=True))
    monkeypatch.undo()
    with pytest.raises(OutputDirError, match="unfinished run of other inputs"):
        run([str(feed)], out, RunOptions(workers=1, add=True))
    finished = run([str(added)], out, RunOptions(workers=1, resume=True))
    assert (finished.skipped, finished.records) == (3, 0)
    more = run([str(feed)], out, RunOptions(workers=1, add=True))
    assert more.records == 2
    assert len(records(out)) == 4 + 2 + 2
