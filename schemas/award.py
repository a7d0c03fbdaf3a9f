"""Award: commendations handed out to collectives and individuals."""

from __future__ import annotations

from pydantic import Field

from schemas.base import Span


class Award(Span):
    collectives: int | None = Field(default=None, ge=0)
    individuals: int | None = Field(default=None, ge=0)
    recipients: int | None = Field(
        default=None, ge=0,
        description='total when the text does not split it: "20 tập thể cá nhân" gives 20',
    )
    form: str | None = Field(default=None, description='"Bằng khen", "Giấy khen"')
    issuer: str | None = None
