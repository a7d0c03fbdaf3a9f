"""Tables: the documented columns, one row per record or mention, syndication linked."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from extractor.batch.store import TABLES_QUARANTINED, TableBuild
from extractor.batch.syndication import Copy, CopyFinder, signature, similarity
from extractor.batch.tables import FACT_MODELS, table_schemas
from tests.batch_corpus import records, reference_run
from tests.conftest import ARTICLES, ROOT


def build_tables(out_dir: Path) -> dict[str, int]:
    """(Re)build parquet/ and corpus.duckdb from OUT_DIR's files alone; rows per table."""
    with TableBuild(out_dir) as build:
        return build.finish({})


def find_copies(articles: list[tuple[str, dt.date | None, str]]) -> list[Copy]:
    """Links from each copy to its canonical article, for (article_id, published, text)."""
    with CopyFinder() as finder:
        for article_id, published, text in articles:
            finder.add(article_id, published, signature(text))
        return finder.links()


def documented_columns() -> dict[str, list[str]]:
    """Tables and columns as listed in docs/batch.md (`### name` then `| column | ...`)."""
    tables: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in (ROOT / "docs" / "batch.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `(\w+)`", line)
        if heading:
            current = tables.setdefault(heading.group(1), [])
            continue
        cell = re.match(r"^\| `(\w+)` \|", line)
        if cell and current is not None:
            current.append(cell.group(1))
    return tables


def test_tables_have_the_documented_columns(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    documented = documented_columns()
    assert set(documented) == set(table_schemas())
    with duckdb.connect(str(out / "corpus.duckdb"), read_only=True) as connection:
        for name, columns in documented.items():
            in_parquet = pq.read_schema(out / "parquet" / f"{name}.parquet").names
            in_database = [row[0] for row in connection.execute(f'DESCRIBE "{name}"').fetchall()]
            assert in_parquet == in_database == columns, name


def test_row_counts_match_the_records(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, out, summary = reference_run(tmp_path_factory)
    stored = records(out)
    with duckdb.connect(str(out / "corpus.duckdb"), read_only=True) as connection:
        def count(sql: str) -> int:
            row = connection.execute(sql).fetchone()
            assert row is not None
            return int(row[0])

        assert count("SELECT count(*) FROM articles") == len(stored)
        assert count("SELECT count(DISTINCT article_id) FROM articles") == len(stored)
        for name in FACT_MODELS:
            expected = sum(len(record[name]) for record in stored)  # type: ignore[arg-type]
            assert count(f"SELECT count(*) FROM {name}") == expected, name
            orphans = count(f"SELECT count(*) FROM {name} WHERE article_id NOT IN "
                            "(SELECT article_id FROM articles)")
            assert orphans == 0
        inputs = len((out / "journal.jsonl").read_text().splitlines())
        assert count("SELECT count(*) FROM inputs") == inputs == summary.tables["inputs"]


def test_evidence_columns_cut_the_clean_text(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    with duckdb.connect(str(out / "corpus.duckdb"), read_only=True) as connection:
        for name in FACT_MODELS:
            bad = connection.execute(
                f'SELECT count(*) FROM {name} f JOIN articles a USING (article_id) '
                f'WHERE substr(a.clean_text, f.start + 1, f."end" - f.start) <> f.text'
            ).fetchone()
            assert bad == (0,), name


def test_same_body_under_other_titles_is_linked_as_copies(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    with duckdb.connect(str(out / "corpus.duckdb"), read_only=True) as connection:
        links = connection.execute(
            "SELECT s.article_id, s.duplicate_of, a.duplicate_of, s.similarity "
            "FROM syndication s JOIN articles a USING (article_id)").fetchall()
        canonical = connection.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NULL AND article_id IN "
            "(SELECT duplicate_of FROM syndication)").fetchone()
    # the first seed and its two title variants share a body (one canonical, two
    # copies), and the JSONL article carries the second seed's body (one copy)
    assert len(links) == 3
    assert all(own == linked and score >= 0.8 for _, own, linked, score in links)
    assert len({target for _, target, _, _ in links}) == 2 and canonical == (2,)


def test_copy_detection_ignores_order_and_keeps_distinct_texts_apart() -> None:
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES]
    articles = [(f"{index:016x}", None, text) for index, text in enumerate(texts)]
    assert find_copies(articles) == []
    copy = texts[2].replace("\n\n", "\n", 3) + "\nTin, ảnh: Người Khác"
    linked = find_copies([*articles, ("f" * 16, None, copy)])
    assert [(c.article_id, c.duplicate_of) for c in linked] == [("f" * 16, f"{2:016x}")]
    assert linked == find_copies([("f" * 16, None, copy), *reversed(articles)])
    first, second = signature(texts[0]), signature(texts[1])
    assert first is not None and second is not None
    assert similarity(first, first) == 1.0 and similarity(first, second) < 0.5


def test_copy_finder_keeps_ids_of_any_shape_and_links_again_after_more_articles() -> None:
    """The finder spills ids, dates and signatures to temporary files: ids with quotes,
    newlines or accents must come back as they went in, and reading the spill for
    `links` must not stop later additions from counting."""
    text = ARTICLES[0].read_text(encoding="utf-8")
    original, copy, later = 'id "một"\nhai', "bản sao", "later\tcopy"
    with CopyFinder() as finder:
        finder.add(copy, dt.date(2021, 5, 2), signature(text + " thêm"))
        finder.add(original, dt.date(2021, 5, 1), signature(text))
        finder.add("no words", None, None)  # nothing to compare: not kept
        assert len(finder) == 2
        assert [(c.article_id, c.duplicate_of) for c in finder.links()] == [(copy, original)]
        finder.add(later, None, signature(text))
        assert len(finder) == 3
        assert sorted((c.article_id, c.duplicate_of) for c in finder.links()) == [
            (copy, original), (later, original)]


def test_tables_built_during_the_run_equal_a_rebuild_from_its_files(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
) -> None:
    """The run builds its tables as it commits, with the signatures its workers sent;
    a rebuild from records.jsonl and journal.jsonl alone (as after a resume) must
    give the very same rows, syndication links included."""
    _, out, _ = reference_run(tmp_path_factory)
    rebuilt = tmp_path / "out"
    rebuilt.mkdir()
    for name in ("records.jsonl", "journal.jsonl"):
        shutil.copy(out / name, rebuilt / name)
    build_tables(rebuilt)
    for name in table_schemas():
        during, after = (pq.read_table(directory / "parquet" / f"{name}.parquet").to_pylist()
                         for directory in (out, rebuilt))
        assert during == after, name
    assert len(pq.read_table(out / "parquet" / "syndication.parquet")) == 3


def test_a_build_follows_records_as_they_are_appended(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
) -> None:
    _, out, _ = reference_run(tmp_path_factory)
    lines = (out / "records.jsonl").read_bytes().splitlines(keepends=True)
    records_file = tmp_path / "records.jsonl"
    records_file.write_bytes(b"".join(lines[:3]) + lines[3][:50])  # the 4th still being written
    with TableBuild(tmp_path) as build:
        build.catch_up({}, limit=2)
        assert build.records_read == 2  # a backlog is read a few records at a time
        build.catch_up({})
        assert build.records_read == 3  # never half a line
        with records_file.open("ab") as stream:
            stream.write(lines[3][50:] + b"".join(lines[4:]))
        counts = build.finish({})
    assert build.records_read == counts["articles"] == len(lines)
    assert not (tmp_path / "parquet" / "articles.draft.parquet").exists()


def test_an_unfinished_build_leaves_the_tables_in_place(tmp_path: Path) -> None:
    (tmp_path / "records.jsonl").write_text("", encoding="utf-8")
    build_tables(tmp_path)
    before = sorted(path.name for path in (tmp_path / "parquet").iterdir())
    with pytest.raises(KeyboardInterrupt), TableBuild(tmp_path) as build:
        build.catch_up({})
        raise KeyboardInterrupt
    assert sorted(path.name for path in (tmp_path / "parquet").iterdir()) == before
    assert not (tmp_path / "parquet.tmp").exists()


def test_rebuild_replaces_tables_whole(tmp_path: Path) -> None:
    out = tmp_path
    (out / "records.jsonl").write_text("", encoding="utf-8")
    (out / "parquet.tmp").mkdir()  # left by a crashed build
    (out / "parquet.tmp" / "junk.parquet").write_text("junk")
    counts = build_tables(out)
    assert set(counts) == {*table_schemas(), TABLES_QUARANTINED} and not any(counts.values())
    assert not (out / "parquet.tmp").exists()
    assert sorted(path.stem for path in (out / "parquet").iterdir()) == sorted(table_schemas())


def test_copies_link_to_the_earliest_published_like_a_pairwise_comparison() -> None:
    """LSH finds candidates; on copies that are clearly alike or clearly not, the links
    must be those of comparing every pair, canonical = earliest published."""

    texts = [path.read_text(encoding="utf-8") for path in ARTICLES]
    chooser = random.Random(7)
    articles: list[tuple[str, dt.date | None, str]] = []
    for number in range(60):
        words = texts[number % len(texts)].split()
        for _ in range(chooser.choice([0, 1, 2])):  # near copies: a word or two changed
            words[chooser.randrange(len(words))] = f"khác{number}"
        published = None if number % 7 == 0 else dt.date(2021, 1, 1) + dt.timedelta(
            days=chooser.randrange(300))
        articles.append((f"{chooser.getrandbits(64):016x}", published, " ".join(words)))
    signed = sorted(((published is None, published or dt.date.min, article_id),
                     signature(text)) for article_id, published, text in articles)
    expected: dict[str, str] = {}
    for index, (key, sig) in enumerate(signed):
        assert sig is not None
        scores = [similarity(sig, other) for _, other in signed[:index]]  # type: ignore[arg-type]
        if scores and max(scores) >= 0.8:
            best = signed[scores.index(max(scores))][0][2]
            expected[key[2]] = expected.get(best, best)
    linked = {copy.article_id: copy.duplicate_of for copy in find_copies(articles)}
    assert linked == expected
    assert len(set(linked.values())) == len(texts)  # one canonical article per story
