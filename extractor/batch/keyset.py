"""A set of strings held in a private temporary SQLite database, not in memory.

A batch run must know every input key it has finished and every article_id it
has written, to skip and to deduplicate: in Python sets that is ~100 bytes a
key, ~200 MB per million articles in the parent. SQLite keeps them on disk
behind a page cache of fixed size, at ~5 µs a lookup. The database is SQLite's
"private temporary" kind (opened with an empty name): it has no name in the
file system and is gone when closed or when the process dies, so a crash
leaves nothing behind. It is an index only: the journal and records files stay
the truth, and a run rebuilds it from them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

# SQLite's page cache for the set, in KiB (its negative form of cache_size).
CACHE_KIB = 4096


class DiskKeySet:
    """`in`, `add`, `update`, `len` and iteration, like a set of str."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        # A throwaway index: no rollback journal, no syncing to disk.
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE keys (key TEXT PRIMARY KEY) WITHOUT ROWID")
        self.update(keys)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        found = self._db.execute("SELECT 1 FROM keys WHERE key = ?", (key,)).fetchone()
        return found is not None

    def add(self, key: str) -> None:
        self._db.execute("INSERT OR IGNORE INTO keys VALUES (?)", (key,))

    def update(self, keys: Iterable[str]) -> None:
        self._db.execute("BEGIN")
        try:
            self._db.executemany("INSERT OR IGNORE INTO keys VALUES (?)", ((key,) for key in keys))
        finally:
            self._db.execute("COMMIT")

    def __len__(self) -> int:
        (count,) = self._db.execute("SELECT count(*) FROM keys").fetchone()
        return int(count)

    def __iter__(self) -> Iterator[str]:
        for (key,) in self._db.execute("SELECT key FROM keys ORDER BY key"):
            yield key

    def close(self) -> None:
        self._db.close()
