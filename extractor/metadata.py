"""What the input itself says about an article (light: no models imported)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Metadata:
    """What the input itself says about the article; it beats what the text suggests."""

    title: str | None = None
    published: dt.date | None = None
    site: str | None = None
    # What reading the input had to doubt or convert ("converted from TCVN3 (ABC)").
    warnings: tuple[str, ...] = ()
