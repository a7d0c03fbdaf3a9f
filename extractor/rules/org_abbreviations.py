"""Expansion of the abbreviations written in unit names, from `abbreviations.yaml`.

"UBND TP Hà Nội" becomes "Ủy ban nhân dân thành phố Hà Nội". Only whole
abbreviations are expanded (the "TP" of "TPHCM" has its own entry), and the
longest one wins where one abbreviation starts another.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from extractor.resources.loader import ResourceError, load_resource

_RESOURCE = "abbreviations.yaml"
_SPACES = regex.compile(r" {2,}")


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviation -> expansion, validated: no empty side, no duplicate abbreviation."""
    entries = load_resource(_RESOURCE).get("abbreviations")
    if not isinstance(entries, list) or not entries:
        raise ResourceError(f"{_RESOURCE}: abbreviations must be a non-empty list")
    table: dict[str, str] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("short") or not entry.get("long"):
            raise ResourceError(f"{_RESOURCE}: entry #{index} needs a non-empty short and long")
        short, long = str(entry["short"]), str(entry["long"])
        if short in table:
            raise ResourceError(f"{_RESOURCE}: duplicate abbreviation {short!r}")
        table[short] = long
    return table


@cache
def _pattern() -> regex.Pattern[str]:
    alternatives = []
    for short in sorted(abbreviations(), key=len, reverse=True):
        # An abbreviation ending in a letter must end the word ("TP" is not the
        # start of "TPHCM"); one ending in "." may touch the next word ("TP.HCM").
        tail = r"(?![\p{L}\p{N}])" if short[-1].isalnum() else ""
        alternatives.append(regex.escape(short) + tail)
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(alternatives) + ")")


# Unit names repeat within and across articles ("UBND phường", "Công an quận 6"),
# and a fresh expansion (the choice of all abbreviations, tried at every
# character) costs 4-7 µs a name; bounded, as a batch sees many names.
@lru_cache(maxsize=4096)
def expand_abbreviations(text: str) -> str:
    """`text` with every listed abbreviation replaced by its expansion."""
    table = abbreviations()

    def replace(match: regex.Match[str]) -> str:
        expansion = table[match.group(0)]
        following = text[match.end() : match.end() + 1]
        # "TP.HCM" -> "thành phố Hồ Chí Minh": keep the words apart.
        return expansion + " " if following.isalnum() else expansion

    return _SPACES.sub(" ", _pattern().sub(replace, text))
