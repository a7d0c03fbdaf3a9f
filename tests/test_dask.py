"""The dask engine writes what the local one writes, byte for byte (on a LocalCluster).

The same records in the same order with the same `source`, the same journal and
quarantine: both engines yield outcomes in the inputs' order, so when one text
comes twice (the corpus has one) the same input is stored and the same one is
its duplicate. Run with 3 articles per dask task, so that a run spans several
tasks that finish out of order, and with the default.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from extractor.batch import engine_dask
from extractor.batch.run import RunOptions, run
from tests.batch_corpus import build_corpus

OUTPUT_FILES = ("records.jsonl", "journal.jsonl", "quarantine.jsonl")


def test_local_cluster_output_equals_local_output(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    corpus = build_corpus(tmp_path)
    # All runs back to back: the taggers are edited while tests run, and two runs
    # far apart in time could load different versions of them.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None,
                                  silence_logs=logging.WARNING) as cluster:
        dask_options = RunOptions(engine="dask", scheduler=cluster.scheduler_address)
        default = run([str(corpus)], tmp_path / "dask", dask_options)
        monkeypatch.setattr(engine_dask, "TASKS_PER_DASK_TASK", 3)
        small = run([str(corpus)], tmp_path / "dask-by-3", dask_options)
    local = run([str(corpus)], tmp_path / "local", RunOptions(workers=2))

    assert local.records > 0 and local.duplicates > 0 and local.quarantined > 0
    for name, remote in (("dask", default), ("dask-by-3", small)):
        for file in OUTPUT_FILES:
            assert _read(tmp_path / name / file) == _read(tmp_path / "local" / file), (name, file)
        assert (remote.records, remote.duplicates, remote.quarantined) == (
            local.records, local.duplicates, local.quarantined)
        assert remote.tables == local.tables


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()
