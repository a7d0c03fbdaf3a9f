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


@cache
def _canonical_words() -> tuple[regex.Pattern[str], dict[str, str]]:
    entries = load_resource(_RESOURCE).get("canonical")
    if not isinstance(entries, list) or not entries or not all(
        isinstance(entry, str) and entry.strip() for entry in entries
    ):
        raise ResourceError(f"{_RESOURCE}: canonical must list non-empty phrases")
    table = {str(entry).casefold(): str(entry) for entry in entries}
    if len(table) != len(entries):
        raise ResourceError(f"{_RESOURCE}: canonical has a duplicate phrase")
    alternatives = "|".join(regex.escape(entry) for entry in sorted(table, key=len, reverse=True))
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{N}}])",
                            regex.IGNORECASE | regex.VERSION0)
    return pattern, table


# A unit's code in its name, with the parent it may name: "(PC03, Công an tỉnh Nghệ An)",
# "(C02, Bộ Công an)", " PC 45"; and the words that join a department to its parent.
_CODE = regex.compile(
    r" ?\((?:P[ACKVX]|[ABCHKTVX]) ?\d{2}(?:, (?P<parent>[^()]+))?\)"
    r"|(?<=\p{L}) (?:P[ACKVX]|[ABCHKTVX]) ?\d{2}(?![\p{L}\p{N}])"
)
_JOINT = regex.compile(r"(?: ?[-,] ?| (?:của|thuộc) )(?=Công an )")


def _without_code(name: str) -> str:
    def replace(match: regex.Match[str]) -> str:
        parent = match.group("parent")
        return f" {parent}" if parent and parent != "Bộ Công an" else ""

    stripped = _CODE.sub(replace, name).strip()
    return stripped if " " in stripped else name  # "Cục V05" is named by its code


@lru_cache(maxsize=4096)
def canonical_name(text: str) -> str:
    """One name for one body however written: abbreviations expanded, the unit code
    and the joint to the parent dropped, words in their official case, a capital first.

    "Ủy ban MTTQ Việt Nam quận 6" and "Ủy ban Mặt trận tổ quốc Việt Nam quận 6" give
    "Ủy ban Mặt trận Tổ quốc Việt Nam quận 6"; "Phòng CSGT (PC67), Công an TP.HCM" and
    "phòng Cảnh sát giao thông - Công an thành phố Hồ Chí Minh" give the same name.
    """
    name = _JOINT.sub(" ", _without_code(expand_abbreviations(text)))
    pattern, table = _canonical_words()
    name = pattern.sub(lambda match: table[match.group(0).casefold()], name)
    name = _MINISTRY_OF_THE_COUNTRY.sub(r"\1", name)
    return name[:1].upper() + name[1:]


# "Bộ Công an Việt Nam" is the ministry "Bộ Công an": a ministry is the country's already
_MINISTRY_OF_THE_COUNTRY = regex.compile(r"^([Bb]ộ \p{Lu}.*?) Việt Nam$")
