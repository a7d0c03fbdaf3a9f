"""DocumentRef: a programme, plan, decision or resolution cited by number."""

from __future__ import annotations

from pydantic import Field

from schemas.base import Span


class DocumentRef(Span):
    kind: str = Field(description='"Chương trình", "Kế hoạch", "Quyết định", ...')
    number: str | None = Field(default=None, description='"09"')
    code: str | None = Field(default=None, description='normalised: "09/CTr-BCA-MTTQ"')
    issuers: list[str] = Field(default_factory=list, description="issuer names, expanded")
    title: str | None = Field(default=None, description="quoted name that follows")
    refers_to: int | None = Field(
        default=None, ge=0, description="index of the full reference a bare one points to"
    )
