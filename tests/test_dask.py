"""The dask engine gives the same output as the local one (on a LocalCluster)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from extractor.batch.run import RunOptions, run
from tests.batch_corpus import build_corpus, records


def test_local_cluster_output_equals_local_output(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    corpus = build_corpus(tmp_path)
    # Both runs back to back: the taggers are edited while tests run, and two runs
    # far apart in time could load different versions of them.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None,
                                  silence_logs=logging.WARNING) as cluster:
        remote = run([str(corpus)], tmp_path / "dask",
                     RunOptions(engine="dask", scheduler=cluster.scheduler_address))
    local = run([str(corpus)], tmp_path / "local", RunOptions(workers=2))
    # The same text under two names is stored once, with the source of whichever
    # finished first (completion order differs between engines): compare the records
    # without `source`, and the sources each article_id was read from, journal-wide.
    assert _without_source(tmp_path / "dask") == _without_source(tmp_path / "local")
    assert _sources_by_id(tmp_path / "dask") == _sources_by_id(tmp_path / "local")
    assert len(records(tmp_path / "local")) == local.records > 0
    assert (remote.records, remote.duplicates, remote.quarantined) == (
        local.records, local.duplicates, local.quarantined)
    assert remote.tables == local.tables


def _without_source(out: Path) -> list[dict[str, object]]:
    return [{key: value for key, value in record.items() if key != "source"}
            for record in records(out)]


def _sources_by_id(out: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for line in (out / "journal.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry.get("article_id"):
            found.setdefault(str(entry["article_id"]), set()).add(str(entry["source"]))
    return found
