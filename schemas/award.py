"""Award: commendations handed out to collectives and individuals."""

from __future__ import annotations

from pydantic import Field

from schemas.base import Span


class Award(Span):
    collectives: int | None = Field(default=None, ge=0)
    individuals: int | None = Field(default=None, ge=0)
    form: str | None = Field(default=None, description='"Bằng khen", "Giấy khen"')
    issuer: str | None = None
