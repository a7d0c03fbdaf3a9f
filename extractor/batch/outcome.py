"""What a worker sends back for one task: a record line or a quarantine entry.

Kept apart from `extractor.batch.worker` so that the parent process (journal, batch,
engines) can handle outcomes without importing the pipeline and its models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["record", "quarantined"]

@dataclass(frozen=True)
class Outcome:
    """The result of one task, small enough to send between processes."""

    key: str
    source: str
    status: Status
    article_id: str | None = None
    record_json: str | None = None  # the ArticleRecord as one JSON line (no newline)
    stage: str | None = None
    reason: str | None = None
    line: int | None = None
    # The record's MinHash signature, for linking syndicated copies: computed by
    # the worker, so that the parent, which builds the tables, does not hash again.
    signature: bytes | None = None

    def quarantine_entry(self) -> dict[str, object]:
        entry: dict[str, object] = {"key": self.key, "source": self.source,
                                    "stage": self.stage, "reason": self.reason}
        if self.line is not None:
            entry["line"] = self.line
        return entry
