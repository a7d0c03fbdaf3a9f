"""PersonMention: a named person with rank, title and organisation."""

from __future__ import annotations

from pydantic import Field

from schemas.base import Span


class PersonMention(Span):
    name: str = Field(min_length=1)
    rank: str | None = Field(default=None, description='"Thượng tá"')
    title: str | None = Field(default=None, description='"Phó trưởng Công an quận 6"')
    organization: str | None = None
