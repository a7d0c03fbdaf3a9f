"""Load rule data files, expand named sub-patterns and validate them on load.

A family file looks like:

    subpatterns:              # named pieces, usable as {Name} in patterns
      Day: '(?:0?[1-9]|[12]\\d|3[01])'
    rules:
      - id: date.day_month    # stable id, cited by records in `rule`
        pattern: '{Day}/{Month}'
        ...                   # any other keys are the rule's own data

Errors are raised at load time, naming the file and the rule: an article
should never be the first to find a broken pattern.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import regex
import yaml

# {Name} is a sub-pattern; \p{L} and \P{Lu} are Unicode classes, not references.
# libyaml's loader, where PyYAML was built with it: the rule files load several times
# faster (a worker's start-up); the pure-Python loader gives the same result.
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_REFERENCE = regex.compile(r"(?<!\\[pP])\{([A-Z][A-Za-z0-9_]*)\}")
_PROBES = ("", " ", "a b", "1 2", ".,")


class ResourceError(ValueError):
    """A rule data file is malformed: the message names the file and the entry."""


class Rule:
    """A rule: its stable id, its pattern and its own data from the family file.

    A rule read from a data file keeps its expanded source and is compiled on first
    use (`pattern`): compiling all ~200 patterns costs about 10 CPU seconds (the
    places' alternation is inside many), while a short text tries only the rules
    whose leads it holds. `compile_all` compiles what was loaded, for a warm-up and
    for the test that no pattern is broken.
    """

    __slots__ = ("_cell", "data", "flags", "id", "origin", "source")

    def __init__(
        self,
        id: str,
        pattern: regex.Pattern[str] | None = None,
        data: dict[str, Any] | None = None,
        *,
        source: str | None = None,
        flags: int = 0,
        origin: str = "",
    ) -> None:
        if pattern is None and source is None:
            raise ResourceError(f"{origin or id}: a rule needs a pattern or its source")
        self.id = id
        self.data: dict[str, Any] = data if data is not None else {}
        # One cell for a rule and its twins (`with_data`): compiled once for all of them.
        self._cell: list[regex.Pattern[str] | None] = [pattern]
        self.source: str = pattern.pattern if pattern is not None else str(source)
        self.flags: int = pattern.flags if pattern is not None else flags
        self.origin = origin or id

    @property
    def pattern(self) -> regex.Pattern[str]:
        """The compiled pattern (compiled and checked on first use)."""
        compiled = self._cell[0]
        if compiled is None:
            compiled = self._cell[0] = compile_pattern(self.source, self.origin, self.flags)
        return compiled

    @property
    def compiled(self) -> bool:
        return self._cell[0] is not None

    @property
    def group_names(self) -> frozenset[str]:
        """The pattern's named groups, read off the source without compiling it."""
        compiled = self._cell[0]
        if compiled is not None:
            return frozenset(compiled.groupindex)
        return frozenset(_GROUP_NAME.findall(self.source))

    def with_data(self, data: dict[str, Any]) -> Rule:
        """The same rule with other data, sharing its pattern: compiled once for both."""
        twin = Rule(self.id, None, data, source=self.source, flags=self.flags,
                    origin=self.origin)
        twin._cell = self._cell
        return twin

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rule):
            return NotImplemented
        return (self.id, self.source, self.flags) == (other.id, other.source, other.flags)

    def __hash__(self) -> int:
        return hash((self.id, self.source, self.flags))

    def __repr__(self) -> str:
        return f"Rule({self.id!r})"


# Every rule read from a data file, compiled or not (rules are loaded once per process).
_LOADED: list[Rule] = []
# "(?P<name>" not preceded by a backslash: a named group of an expanded source.
_GROUP_NAME = regex.compile(r"(?<!\\)\(\?P<([A-Za-z_]\w*)>")


def compile_all() -> int:
    """Compile every rule loaded so far (a worker's warm-up; the tests); how many."""
    for rule in _LOADED:
        _ = rule.pattern
    return len(_LOADED)


@cache
def load_resource(name: str) -> dict[str, Any]:
    """Parse `extractor/resources/<name>` (YAML); cached for the process."""
    path = resources.files("extractor.resources").joinpath(name)
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise ResourceError(f"{name}: cannot be read: {error}") from error
    if not isinstance(loaded, dict):
        raise ResourceError(f"{name}: top level must be a mapping")
    return loaded


def expand(pattern: str, subpatterns: dict[str, str], origin: str, depth: int = 0) -> str:
    """Replace every {Name} by its sub-pattern, recursively, in a non-capturing group."""
    if depth > 10:
        raise ResourceError(f"{origin}: sub-patterns nest too deep (a cycle?)")

    def replace(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name not in subpatterns:
            raise ResourceError(f"{origin}: unknown sub-pattern {{{name}}}")
        return "(?:" + expand(str(subpatterns[name]), subpatterns, origin, depth + 1) + ")"

    return _REFERENCE.sub(replace, pattern)


def compile_pattern(source: str, origin: str, flags: int = regex.IGNORECASE) -> regex.Pattern[str]:
    try:
        # VERSION0: with IGNORECASE, VERSION1 does full case folding, which made the
        # date rules 3.6 times slower; simple folding is exact for Vietnamese letters.
        compiled = regex.compile(source, flags | regex.VERSION0)
    except regex.error as error:
        raise ResourceError(f"{origin}: pattern does not compile: {error}") from error
    for probe in _PROBES:
        for match in compiled.finditer(probe):
            if match.start() == match.end():
                raise ResourceError(f"{origin}: pattern matches the empty string")
    return compiled


def load_rules(
    name: str,
    flags: int = regex.IGNORECASE,
    extra_subpatterns: dict[str, str] | None = None,
) -> list[Rule]:
    """The rules of a family file, expanded, compiled and checked for duplicate ids.

    `extra_subpatterns` adds pieces built in code (alternations from a lexicon).
    """
    data = load_resource(name)
    subpatterns = data.get("subpatterns") or {}
    if not isinstance(subpatterns, dict):
        raise ResourceError(f"{name}: subpatterns must be a mapping")
    subpatterns = {**subpatterns, **(extra_subpatterns or {})}
    return compile_rules(name, data.get("rules") or [], subpatterns, flags)


def compile_rules(
    name: str,
    entries: list[Any],
    subpatterns: dict[str, str],
    flags: int = regex.IGNORECASE,
) -> list[Rule]:
    """Rule entries ({id, pattern, ...}) of file `name`, expanded, compiled, ids unique."""
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or "id" not in entry or "pattern" not in entry:
            raise ResourceError(f"{name}: rule #{index} needs an id and a pattern")
        rule_id = str(entry["id"])
        if rule_id in seen:
            raise ResourceError(f"{name}: duplicate rule id {rule_id}")
        seen.add(rule_id)
        origin = f"{name}: rule {rule_id}"
        source = expand(str(entry["pattern"]), subpatterns, origin)
        extra = {key: value for key, value in entry.items() if key not in ("id", "pattern")}
        rule = Rule(rule_id, data=extra, source=source, flags=flags, origin=origin)
        _LOADED.append(rule)
        rules.append(rule)
    return rules


def load_lexicon(name: str, key: str) -> list[str]:
    """A list of surface strings from a data file, refused if empty or duplicated
    (a mapping gives its keys: surfaces with a value each)."""
    values = load_resource(name).get(key)
    if isinstance(values, dict):
        values = list(values)
    if not isinstance(values, list) or not values:
        raise ResourceError(f"{name}: {key} must be a non-empty list")
    surfaces = [str(value) for value in values]
    folded = [surface.casefold() for surface in surfaces]
    duplicates = sorted({s for s in folded if folded.count(s) > 1})
    if duplicates:
        raise ResourceError(f"{name}: {key} has duplicate entries {duplicates}")
    if any(not surface.strip() for surface in surfaces):
        raise ResourceError(f"{name}: {key} has an empty entry")
    return surfaces


def load_number_map(name: str, key: str) -> dict[str, float]:
    """A non-empty mapping of words to numbers from a data file, keys case folded
    ("nửa": 0.5 in numbers.yaml; a unit's largest plausible value in indicators.yaml)."""
    found = load_resource(name).get(key)
    if not isinstance(found, dict) or not found:
        raise ResourceError(f"{name}: {key} must be a non-empty mapping")
    try:
        return {str(word).casefold(): float(value) for word, value in found.items()}
    except (TypeError, ValueError) as error:
        raise ResourceError(f"{name}: {key} must map words to numbers") from error
