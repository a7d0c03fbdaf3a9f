"""The higher units written after a unit's place: "phường 2, quận 8", "huyện Quế Sơn,
tỉnh Quảng Nam", "thị xã Kinh Môn - Hải Dương".

The rules take every ", place" or " - place" after a unit's place (the `chain` group);
a link belongs to the name only when it names a higher level than the one before it.
"Công an huyện Yên Thành, huyện Diễn Châu" lists two units: the name stops after the
first. After a comma the higher units say where the unit is, whatever its level:
"Công an huyện Bắc Quang, tỉnh Hà Giang", "Công an phường 2, quận 8" end before it
(the readers of setA-J ended a commune's unit there 11 times of 13; the place a rule
reads, "phường 2", is the `place` group, the chain's links aside). A dash joins:
"Công an thị xã Kinh Môn - Hải Dương".
"""

from __future__ import annotations

from functools import cache

import regex

from extractor.rules.org_places import city_level, tables
from schemas import OrgLevel

_RANK = {OrgLevel.XA: 1, OrgLevel.HUYEN: 2, OrgLevel.TINH: 3, OrgLevel.TRUNG_UONG: 4}
_LINK = regex.compile(r"(?:, | - )")


@cache
def _words_longest_first() -> tuple[str, ...]:
    return tuple(sorted((*tables().levels, *tables().city_words), key=len, reverse=True))


def _rank(place: str) -> int:
    """The rank of a place as written; a name without a level word is a province."""
    folded = place.casefold()
    for word in _words_longest_first():
        if folded.startswith(word) and not place[len(word) : len(word) + 1].isalpha():
            if word in tables().city_words:
                return _RANK[city_level(place[len(word) :].strip(" ."), None)]
            return _RANK[tables().levels[word]]
    return _RANK[OrgLevel.TINH]


def chain_end(match: regex.Match[str], end: int) -> int:
    """Where the name ends: after the last link of the chain that goes up a level."""
    chain_start, chain_stop = match.span("chain")
    if chain_stop != end or chain_start < 0:
        return end  # the chain is inside the name, closed by what follows it
    text = match.string
    rank = _rank(match.group("place") or "")
    kept = chain_start
    links = _LINK.split(text[chain_start:chain_stop])[1:]
    position = chain_start
    for link in links:
        position = text.index(link, position)
        link_rank = _rank(link)
        if link_rank <= rank or text[position - 2] == ",":
            break
        rank = link_rank
        position += len(link)
        kept = position
    return kept
