"""PersonMention: a named person with rank, title and organisation."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from schemas.base import Span


class PersonRole(StrEnum):
    OFFICIAL = "official"
    SUSPECT = "suspect"  # also the accused, defendants and the wanted
    VICTIM = "victim"
    WITNESS = "witness"
    OTHER = "other"


class PersonMention(Span):
    name: str = Field(min_length=1)
    rank: str | None = Field(default=None, description='"Thượng tá"')
    title: str | None = Field(default=None, description='"Phó trưởng Công an quận 6"')
    organization: str | None = None
    role: PersonRole | None = Field(default=None, description="null when the text does not say")
    age: int | None = Field(default=None, ge=0, description='"(31 tuổi)"')
    birth_year: int | None = Field(default=None, description='"(SN 1979)"')
