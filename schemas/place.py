"""Place: a place string resolved to an official administrative unit.

Vietnam has two maps in the records: the "legacy" one (63 provinces, districts,
wards; in force until 2025-06-30) and the "2025" one (34 provinces and wards,
no districts; from 2025-07-01). A `Place` describes the unit on the map the
article's date calls for, and gives the unit's successor on the 2025 map when
the two differ. See docs/places.md for how each status is reached.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from schemas.base import Strict


class PlaceLevel(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    WARD = "ward"


class PlaceMap(StrEnum):
    LEGACY = "legacy"
    Y2025 = "2025"


class PlaceStatus(StrEnum):
    UNIQUE = "unique"        # one unit, still the same unit on the 2025 map
    LEGACY = "legacy"        # one unit of the legacy map; `successor` is its 2025 unit
    MERGED = "merged"        # the text names a unit that had been merged into another
    AMBIGUOUS = "ambiguous"  # several units fit even with the article's context: no guess
    UNKNOWN = "unknown"      # no unit of either map fits


class Successor(Strict):
    """The unit on the 2025 map that took over a legacy unit (a ward, or the province)."""

    level: PlaceLevel
    name: str = Field(description='"Phường Trường Vinh" or "Tỉnh Ninh Bình"')
    province: str
    province_code: str
    ward: str | None = None
    ward_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None


class Place(Strict):
    text: str = Field(min_length=1, description="the place string as given")
    status: PlaceStatus
    map: PlaceMap | None = Field(default=None, description="the map the unit fields below are on")
    level: PlaceLevel | None = None
    name: str | None = Field(default=None, description='official name: "Phường Trường Thi"')
    province: str | None = None
    province_code: str | None = None
    district: str | None = None
    district_code: str | None = None
    ward: str | None = None
    ward_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    successor: Successor | None = Field(default=None, description="its unit on the 2025 map")
    evidence: str | None = Field(
        default=None, description="the context that decided between candidates, if any"
    )
    candidates: list[str] = Field(
        default_factory=list, description="for ambiguous places: the units that fit"
    )
    notes: list[str] = Field(default_factory=list, description="what the resolver doubted")

    @model_validator(mode="after")
    def _status_fits_fields(self) -> Place:
        resolved = self.status not in (PlaceStatus.AMBIGUOUS, PlaceStatus.UNKNOWN)
        if resolved and (self.level is None or self.province_code is None or self.map is None):
            raise ValueError(f"a {self.status} place needs map, level and province_code")
        if not resolved and self.province_code is not None:
            raise ValueError(f"an {self.status} place must not carry a guess")
        if self.status == PlaceStatus.AMBIGUOUS and len(self.candidates) < 2:
            raise ValueError("an ambiguous place lists at least two candidates")
        return self


class ArticlePlaces(Strict):
    """Every place string of an article resolved, and the article's main place."""

    map: PlaceMap = Field(description="the map the article's date calls for")
    map_reason: str = Field(description='"published 2019-09-03, before 2025-07-01"')
    main: Place | None = None
    main_evidence: str | None = Field(default=None, description="why `main` was chosen")
    by_text: dict[str, Place] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
