"""One typed settings object for the pipeline, with its defaults explained."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Longest clean article accepted, in characters. The genre runs 2-10k; a page
    # 20 times that is a scrape gone wrong (or a whole site dump) and would hold a
    # worker for a long time.
    max_chars: int = Field(default=200_000, gt=0)
    # Largest input read, in bytes (an HTML page weighs far more than its text).
    # Checked before reading: a 50 MB dump would otherwise take a minute and a
    # gigabyte of memory only to be refused by max_chars.
    max_bytes: int = Field(default=10_000_000, gt=0)
    # Longest piece of a sentence given to underthesea at once: its word split grows
    # faster than linearly with length, so longer sentences are cut at spaces.
    max_sentence_chars: int = Field(default=1_000, ge=100)
    # Remove title, dateline, byline, captions and site furniture. Off for inputs
    # that are bodies already (the rule case files, JSONL with a clean `text`).
    strip_furniture: bool = True


DEFAULT_SETTINGS = Settings()
