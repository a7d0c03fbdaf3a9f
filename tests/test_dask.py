"""The dask engine gives the same output as the local one (on a LocalCluster)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from extractor.batch import RunOptions, run
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
    assert records(tmp_path / "dask") == records(tmp_path / "local")
    assert len(records(tmp_path / "local")) == local.records > 0
    assert (remote.records, remote.duplicates, remote.quarantined) == (
        local.records, local.duplicates, local.quarantined)
    assert remote.tables == local.tables
