"""One typed settings object for the pipeline, with its defaults explained."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Longest clean article accepted, in characters. The genre runs 2-10k; a page
    # 100 times that is a scrape gone wrong and would hold a worker for minutes.
    max_chars: int = Field(default=1_000_000, gt=0)
    # Remove title, dateline, byline, captions and site furniture. Off for inputs
    # that are bodies already (the rule case files, JSONL with a clean `text`).
    strip_furniture: bool = True


DEFAULT_SETTINGS = Settings()
