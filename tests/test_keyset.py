"""DiskKeySet behaves as a set of str, and keeps its keys out of the process's memory."""

from __future__ import annotations

import psutil
from hypothesis import given
from hypothesis import strategies as st

from extractor.batch.keyset import DiskKeySet


@given(st.lists(st.text(max_size=40), max_size=60), st.lists(st.text(max_size=40), max_size=20))
def test_disk_key_set_answers_as_a_python_set(first: list[str], then: list[str]) -> None:
    keys = DiskKeySet(first)
    expected = set(first)
    try:
        for key in then:
            keys.add(key)
            expected.add(key)
        assert len(keys) == len(expected)
        assert set(keys) == expected
        assert all(key in keys for key in expected)
        assert all((key + "\x00x" in keys) == (key + "\x00x" in expected) for key in first)
        assert 1 not in keys  # not a str: never a member
    finally:
        keys.close()


def test_disk_key_set_is_not_held_in_memory() -> None:
    """300,000 keys of 60 characters take ~40 MB in a Python set; here the process
    grows by about SQLite's page cache (4 MB) while the data (~20 MB) goes to disk."""
    process = psutil.Process()
    before = process.memory_info().rss
    keys = DiskKeySet(f"/data/scraped/{number:045d}" for number in range(300_000))
    try:
        grown = process.memory_info().rss - before
        assert len(keys) == 300_000 and f"/data/scraped/{7:045d}" in keys
        pages, size = (keys._db.execute(f"PRAGMA {name}").fetchone()[0]
                       for name in ("page_count", "page_size"))
        assert pages * size > 15 * 2**20  # the keys really are there, on disk
        assert grown < 10 * 2**20, f"grew {grown / 2**20:.1f} MB"
    finally:
        keys.close()
