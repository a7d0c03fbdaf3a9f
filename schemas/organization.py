"""OrgMention: a unit or body (police, people's committee, Front, Party, ...)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from schemas.base import Span


class OrgKind(StrEnum):
    CONG_AN = "cong_an"
    UBND = "ubnd"
    HDND = "hdnd"
    MTTQ = "mttq"
    DANG = "dang"
    BAN_CHI_DAO = "ban_chi_dao"
    DOAN_THE = "doan_the"
    OTHER = "other"


class OrgLevel(StrEnum):
    TRUNG_UONG = "trung_uong"
    TINH = "tinh"
    HUYEN = "huyen"
    XA = "xa"


class OrgMention(Span):
    normalized: str = Field(description="abbreviations expanded")
    kind: OrgKind
    level: OrgLevel | None = None
    place: str | None = Field(default=None, description='"phường Ninh Khánh"')
