"""CampaignMention: a named model, movement or campaign."""

from __future__ import annotations

from pydantic import Field

from schemas.base import Span


class CampaignMention(Span):
    name: str = Field(min_length=1, description="without quotes")
