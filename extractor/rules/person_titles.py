"""A person's title: the roles written right after (or before) the name.

A role is a position word and the unit it heads: "Phó Chủ tịch" + "Ủy ban
nhân dân quận 6". The unit is the organisation mention that starts right after
the position word (the organisations tagger has run), so the title ends where
the unit's name ends, not at the verb that follows ("... quận 6 ghi nhận").
A position with no unit after it is a title on its own ("Giám đốc").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

import regex

from extractor.resources.loader import ResourceError, compile_pattern, expand, load_resource
from schemas import OrgMention

_RESOURCE = "people.yaml"
_BARE_POSITION = "Phó"  # "Phó" alone only heads a unit: "Phó Ban Chỉ đạo 138 phường"


@dataclass(frozen=True)
class Title:
    start: int
    end: int
    organization: str | None


@dataclass(frozen=True)
class _Patterns:
    position: regex.Pattern[str]
    title_separator: regex.Pattern[str]
    role_separator: regex.Pattern[str]
    bare_unit: regex.Pattern[str]
    bare_unit_before: regex.Pattern[str]
    max_position_length: int
    longest_bare_unit: int


@cache
def _patterns() -> _Patterns:
    data = load_resource(_RESOURCE)
    subpatterns = data.get("subpatterns") or {}
    try:
        position = expand("{Position}", subpatterns, f"{_RESOURCE}: Position")
        names = sorted((str(unit) for unit in data["bare_units"]), key=len, reverse=True)
        units = "|".join(regex.escape(name) for name in names)
        return _Patterns(
            position=compile_pattern(position, f"{_RESOURCE}: Position", flags=0),
            title_separator=compile_pattern(
                str(data["title_separator"]), f"{_RESOURCE}: title_separator", flags=0
            ),
            role_separator=compile_pattern(
                str(data["role_separator"]), f"{_RESOURCE}: role_separator", flags=0
            ),
            bare_unit=compile_pattern(
                rf" (?:{units})(?![\p{{l}}\p{{n}}])", f"{_RESOURCE}: bare_units", flags=0
            ),
            bare_unit_before=compile_pattern(
                rf" (?:{units})\Z", f"{_RESOURCE}: bare_units", flags=0
            ),
            max_position_length=int(data["max_position_length"]),
            longest_bare_unit=len(names[0]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ResourceError(f"{_RESOURCE}: title settings: {error}") from error


class Units:
    """The article's organisation mentions, looked up by where they start or end."""

    def __init__(self, organizations: list[OrgMention]) -> None:
        self._items = sorted(organizations, key=lambda org: org.start)
        self._starts = [org.start for org in self._items]
        self._by_end = {org.end: org for org in self._items}

    def starting_in(self, low: int, high: int) -> list[OrgMention]:
        return self._items[bisect_left(self._starts, low) : bisect_right(self._starts, high)]

    def ending_at(self, end: int) -> OrgMention | None:
        return self._by_end.get(end)


def _role(text: str, pos: int, units: Units) -> Title | None:
    """One role starting at `pos`: a position word and, when there is one, its unit."""
    patterns = _patterns()
    for org in units.starting_in(pos + 1, pos + patterns.max_position_length):
        between = text[pos : org.start]
        if between.endswith(" ") and patterns.position.fullmatch(between[:-1]):
            return Title(pos, org.end, org.text)
    match = patterns.position.match(text, pos)
    if match is None:
        return None
    bare = patterns.bare_unit.match(text, match.end())
    if bare is not None:
        return Title(pos, bare.end(), bare.group(0).strip())
    if match.group(0) == _BARE_POSITION:
        return None
    return Title(pos, match.end(), None)


def title_after(text: str, name_end: int, units: Units) -> Title | None:
    """The roles after a name ("- Phó trưởng Công an quận 6"), chained by "," or "kiêm"."""
    patterns = _patterns()
    separator = patterns.title_separator.match(text, name_end)
    if separator is None:
        return None
    first = _role(text, separator.end(), units)
    if first is None:
        return None
    last = first
    organization = first.organization
    while (joint := patterns.role_separator.match(text, last.end)) is not None:
        following = _role(text, joint.end(), units)
        if following is None:
            break
        last = following
        organization = organization or following.organization
    return Title(first.start, last.end, organization)


def title_before(text: str, name_start: int, units: Units) -> Title | None:
    """A title written just before the name: "Giám đốc Công an tỉnh Nguyễn Văn An",
    "Bí thư Thành ủy Nguyễn Văn Nam" (a unit with no place, the article's own)."""
    patterns = _patterns()
    org = units.ending_at(name_start - 1)
    head_end = org.start - 1 if org is not None else name_start - 1
    unit = org.text if org is not None else None
    if org is None and head_end > 0:
        reach = patterns.longest_bare_unit + 1
        bare = patterns.bare_unit_before.search(text, max(0, head_end - reach), head_end)
        if bare is not None:
            head_end, unit = bare.start(), bare.group(0).strip()
    if head_end <= 0 or text[head_end] != " ":
        return None
    window_start = max(0, head_end - patterns.max_position_length)
    for match in patterns.position.finditer(text, window_start, head_end, overlapped=True):
        starts_word = match.start() == 0 or not text[match.start() - 1].isalpha()
        if match.end() == head_end and starts_word:
            if org is None and match.group(0) == _BARE_POSITION:
                return None
            return Title(match.start(), name_start - 1, unit)
    return None
