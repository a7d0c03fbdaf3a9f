"""The dask engine gives the same output as the local one (on a LocalCluster)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from extractor.batch import RunOptions, run
from tests.batch_corpus import records, reference_run


def test_local_cluster_output_equals_local_output(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    corpus, local_out, local = reference_run(tmp_path_factory)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None,
                                  silence_logs=logging.WARNING) as cluster:
        summary = run([str(corpus)], tmp_path / "dask",
                      RunOptions(engine="dask", scheduler=cluster.scheduler_address))
    assert records(tmp_path / "dask") == records(local_out)
    assert (summary.records, summary.duplicates, summary.quarantined) == (
        local.records, local.duplicates, local.quarantined)
    assert summary.tables == local.tables
