"""The organisation rules, read from their data files and checked once.

Six rule files share one set of sub-patterns: `organizations.yaml` (the Front,
committees, the Party, courts, the state), `org_police.yaml` (the police's units),
`org_bodies.yaml` (press, hospitals, schools, companies, foreign and international
bodies), `org_state.yaml` (the Party, national agencies, ministries' departments,
agencies by domain, inspectorates, courts' divisions, border guards, foreign forces),
`org_military.yaml` (the army) and `org_named.yaml` (a paper's desks, foreign
services and forces by country). The closed name lists of `org_names*.yaml` and the
provinces of `provinces.yaml` become sub-patterns of the same name ({Ministry},
{Country}, {Province}, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extractor.resources.loader import (
    ResourceError,
    Rule,
    compile_rules,
    load_lexicon,
    load_resource,
)
from extractor.rules.leads import LeadRule, lead_rule
from extractor.rules.org_places import CITY
from schemas import OrgKind, OrgLevel

RESOURCE = "organizations.yaml"
_FILES = (RESOURCE, "org_police.yaml", "org_bodies.yaml", "org_state.yaml", "org_military.yaml",
          "org_named.yaml")
# The closed name lists, split by what they name: the state and its police, the world,
# the press, firms by brand, the words where a name stops, and the districts of the
# official map (generated: extractor/places/build_districts.py). One list name is in one
# file only.
_NAME_FILES = ("org_names.yaml", "org_names_world.yaml", "org_names_press.yaml",
               "org_names_firms.yaml", "org_name_stops.yaml", "org_districts.yaml")
_RULE_LEVELS = {*(level.value for level in OrgLevel), CITY}
# Lists matched in any case (the police's branch names are written either way).
_FOLDED_LISTS = ("PoliceBranch", "SecurityBranch", "PoliceQualifier", "CrimeDomain", "Ministry",
                 "Newspaper")


@dataclass(frozen=True)
class Entry:
    """A rule and what is read of it for every match, looked up once."""

    rule: LeadRule
    requires: tuple[str, ...]
    board: bool
    groups: frozenset[str]
    kind: OrgKind
    level: str | None
    # A rule of named bodies only: a match whose name part is empty is generic.
    named: tuple[str, ...]
    # A body this rule finds is named by its place: with a level word alone
    # ("Công an huyện", "UBND xã") it is any such body, generic, not a mention.
    by_place: bool
    # A name in sentence case: it goes on over a compound its last capital begins
    # ("Bệnh viện Nhân dân Gia Định"; org_compounds.py).
    compound: bool


def _literal(word: str) -> str:
    """A name as a pattern: " - " in it is any dash, spaced or not ("Lao động -
    Thương binh" is also written "Lao động-Thương binh", "Lao động – Thương binh")."""
    return r"\s?[-–]\s?".join(regex.escape(part) for part in word.split(" - "))


def _alternation(words: list[str], folded: bool) -> str:
    body = "|".join(_literal(word) for word in sorted(words, key=len, reverse=True))
    return f"(?i:{body})" if folded else f"(?:{body})"


@cache
def _name_lists() -> dict[str, tuple[str, object]]:
    """Every list of the org_names*.yaml files, with the file that holds it."""
    lists: dict[str, tuple[str, object]] = {}
    for name_file in _NAME_FILES:
        for key, values in load_resource(name_file).items():
            if key in lists:
                raise ResourceError(f"{name_file}: list {key} is also in {lists[key][0]}")
            lists[str(key)] = (name_file, values)
    return lists


@cache
def names(key: str) -> list[str]:
    """A list of the org_names*.yaml files: non-empty strings, none twice
    (case-sensitive lists hold the casings the press uses: "VnExpress", "Vnexpress")."""
    name_file, values = _name_lists().get(key, (_NAME_FILES[0], None))
    if not isinstance(values, list) or not values or not all(
        isinstance(value, str) and value.strip() for value in values
    ):
        raise ResourceError(f"{name_file}: {key} must be a non-empty list of names")
    folded = key in _FOLDED_LISTS
    seen = [value.casefold() if folded else value for value in values]
    twice = sorted({value for value in seen if seen.count(value) > 1})
    if twice:
        raise ResourceError(f"{name_file}: {key} has duplicate entries {twice}")
    return [str(value) for value in values]


@cache
def name_subpatterns() -> dict[str, str]:
    """{List} -> an alternation of its names, longest first, ending at a word's end."""
    pieces: dict[str, str] = {}
    for key in _name_lists():
        pieces[key] = _alternation(names(key), key in _FOLDED_LISTS) + r"(?![\p{L}\p{N}])"
    provinces = load_lexicon("provinces.yaml", "provinces")
    pieces["Province"] = _alternation(provinces, False) + r"(?![\p{L}\p{N}])"
    return pieces


def _entry(rule_file: str, rule: Rule) -> Entry:
    try:
        kind = OrgKind(str(rule.data.get("kind")))
    except ValueError as error:
        raise ResourceError(f"{rule_file}: rule {rule.id}: bad kind: {error}") from error
    level = rule.data.get("level")
    if level is not None and level not in _RULE_LEVELS:
        raise ResourceError(f"{rule_file}: rule {rule.id}: bad level {level!r}")
    required = rule.data.get("requires", [])
    named = rule.data.get("named", [])
    for key, value in (("requires", required), ("named", named)):
        if not isinstance(value, list) or not all(isinstance(item, str) and item
                                                  for item in value):
            raise ResourceError(f"{rule_file}: rule {rule.id}: {key} must list literals")
    groups = rule.group_names
    if not set(named) <= groups:
        raise ResourceError(f"{rule_file}: rule {rule.id}: named lists unknown groups")
    leads = rule.data.get("leads")
    if isinstance(leads, str):  # the name of a list of the org_names*.yaml files
        rule = rule.with_data({**rule.data, "leads": names(leads)})
    leaded = lead_rule(rule, rule_file)
    if not leaded.leads:  # the family is found through its leads only
        raise ResourceError(f"{rule_file}: rule {rule.id} needs leads")
    by_place = rule.data.get("by_place", False)
    if not isinstance(by_place, bool) or (by_place and "level_word" not in groups):
        raise ResourceError(f"{rule_file}: rule {rule.id}: by_place must be a boolean, "
                            "and true only for a rule with a level_word group")
    compound = rule.data.get("compound", False)
    if not isinstance(compound, bool):
        raise ResourceError(f"{rule_file}: rule {rule.id}: compound must be a boolean")
    return Entry(leaded, tuple(required), bool(rule.data.get("board")), groups, kind,
                 None if level is None else str(level), tuple(named), by_place, compound)


def _own_subpatterns(rule_file: str) -> dict[str, str]:
    own = load_resource(rule_file).get("subpatterns") or {}
    if not isinstance(own, dict):
        raise ResourceError(f"{rule_file}: subpatterns must be a mapping")
    return {str(key): str(value) for key, value in own.items()}


@cache
def all_subpatterns() -> dict[str, str]:
    """The name lists' and every rule file's sub-patterns together."""
    subpatterns = {**name_subpatterns()}
    for rule_file in _FILES:
        subpatterns.update(_own_subpatterns(rule_file))
    return subpatterns


@cache
def entries() -> list[Entry]:
    # Case-sensitive on purpose: see the header of organizations.yaml.
    subpatterns = {**name_subpatterns()}
    found: list[Entry] = []
    seen: set[str] = set()
    for rule_file in _FILES:  # each file's sub-patterns add to those before it
        data = load_resource(rule_file)
        subpatterns.update(_own_subpatterns(rule_file))
        for rule in compile_rules(rule_file, data.get("rules") or [], subpatterns, flags=0):
            if rule.id in seen:
                raise ResourceError(f"{rule_file}: rule id {rule.id} is used twice")
            seen.add(rule.id)
            found.append(_entry(rule_file, rule))
    return found
