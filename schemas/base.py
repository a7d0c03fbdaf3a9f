"""The evidence every extracted fact carries: where it stands in `clean_text`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.2"  # 1.2: real text, headline in clean_text (CHANGELOG.md)


class Strict(BaseModel):
    """Base of every contract model: unknown fields are refused, not dropped."""

    model_config = ConfigDict(extra="forbid")


class Span(Strict):
    """A piece of `clean_text`: `text == clean_text[start:end]` (checked by ArticleRecord)."""

    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: int = Field(ge=0, description="index of the sentence holding the span")
    rule: str | None = Field(default=None, description="id of the rule that found it")

    @model_validator(mode="after")
    def _offsets_fit_text(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} must be after start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"span {self.start}:{self.end} has length {self.end - self.start} "
                f"but text {self.text!r} has {len(self.text)}"
            )
        return self
