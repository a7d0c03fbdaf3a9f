"""Precise exceptions: each names the article, the stage and the reason."""

from __future__ import annotations


class ExtractionError(Exception):
    """An article could not be turned into a record."""

    def __init__(self, source: str, stage: str, reason: str) -> None:
        super().__init__(f"{source}: {stage}: {reason}")
        self.source = source
        self.stage = stage
        self.reason = reason


class InputError(ExtractionError):
    """The input could not be read or decoded (goes to quarantine, not to records)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, "read", reason)
