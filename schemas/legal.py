"""LegalRef: an article of a law cited ("khoản 2 Điều 134 Bộ luật Hình sự")."""

from __future__ import annotations

from pydantic import Field

from schemas.base import Span


class LegalRef(Span):
    article: str = Field(min_length=1, description='"134"')
    clause: str | None = Field(default=None, description='"2" for "khoản 2"')
    point: str | None = Field(default=None, description='"a" for "điểm a"')
    law: str | None = Field(default=None, description='"Bộ luật Hình sự", abbreviations expanded')
