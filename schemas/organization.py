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
    TOA_AN = "toa_an"  # courts
    VIEN_KIEM_SAT = "vien_kiem_sat"  # procuracies
    QUOC_HOI = "quoc_hoi"  # the National Assembly and its bodies
    CHINH_PHU = "chinh_phu"  # the Government, ministries and central agencies
    BAO_CHI = "bao_chi"  # newspapers, radio, television
    Y_TE = "y_te"  # hospitals and health centres
    GIAO_DUC = "giao_duc"  # schools and universities
    DOANH_NGHIEP = "doanh_nghiep"  # companies
    NUOC_NGOAI = "nuoc_ngoai"  # foreign bodies
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
    code: str | None = Field(default=None, description='unit code as written: "C02", "PC03"')
