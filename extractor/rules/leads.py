"""A rule's matches, tried only where one of its lead literals stands.

The regex engine finds a pattern that opens with one literal ("Bộ Công an")
by a fast string search, but tries a pattern that opens with a choice
("UBND|Ủy ban", "[Tt]hiếu|[Tt]rung"), a class or a lookbehind at every
character of the article: 5 to 20 times slower. When every match of a rule
begins with one of a few literals (the rule's `leads`), finding those and
trying the pattern only there yields exactly what `pattern.finditer(text)`
yields, at a fraction of the cost.

The leads of all the rules of a family are found in one pass (`LeadIndex`).
The organisations, the people, the event and the named cities use it. A wrong lead would lose
matches silently: tests/test_leads.py checks every rule with leads against plain
finditer on every case sentence and corpus article. (`extractor.rules.anchored`
does the same for rules whose opening words are read off the pattern.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import regex

from extractor.resources.loader import ResourceError, Rule, load_lexicon
from extractor.text.search import finditer_from, occurrences


@dataclass(frozen=True)
class LeadRule:
    """A rule with its `leads` (none: plain finditer) and its case folding, read once."""

    rule: Rule
    leads: tuple[str, ...]
    ignore_case: bool

    def finditer(self, text: str, starts: list[int] | None = None) -> Iterator[regex.Match[str]]:
        """The rule's matches over `text`; `starts`: its entry of the family's LeadIndex."""
        if not self.leads:
            return self.rule.pattern.finditer(text)
        if starts is None:
            starts = self._own_starts(text)
        return finditer_from(self.rule.pattern, text, starts)

    def _own_starts(self, text: str) -> list[int]:
        if not self.ignore_case:
            return self._own_index.starts(text)[0]
        return sorted({start for lead in self.leads for start in _folded(text, lead)})

    @cached_property
    def _own_index(self) -> LeadIndex:
        return LeadIndex([self.leads])


def lead_rule(rule: Rule, origin: str) -> LeadRule:
    """The rule with its `leads`: a list of literals, or the key of a word list of `origin`."""
    leads = rule.data.get("leads", [])
    ignore_case = bool(rule.flags & regex.IGNORECASE)
    if isinstance(leads, str):
        words = load_lexicon(origin, leads)
        # A word list leads a case-sensitive rule at a sentence's start too: "Anh".
        leads = words if ignore_case else list(dict.fromkeys(
            variant for word in words for variant in (word, word[:1].upper() + word[1:])))
    if not isinstance(leads, list) or not all(isinstance(lead, str) and lead for lead in leads):
        raise ResourceError(f"{origin}: rule {rule.id}: leads must list non-empty literals")
    return LeadRule(rule, tuple(leads), ignore_case)


def family_index(rules: Sequence[LeadRule]) -> LeadIndex:
    """One pass for the leads of all of a family's rules, in their order (case-sensitive)."""
    for rule in rules:
        if rule.ignore_case and rule.leads:  # its leads are found in any case, one by one
            raise ResourceError(f"rule {rule.rule.id}: a family index holds case-sensitive leads")
    return LeadIndex([rule.leads for rule in rules])


class LeadIndex:
    """Where the literals of each of some sets stand in a text (case-sensitive), per set."""

    # Up to this many literals, a `str.find` each is cheaper than one search for
    # the choice (which stops at every character that begins one).
    _FEW = 6

    def __init__(self, sets: Sequence[Sequence[str]]) -> None:
        self._sets = [tuple(leads) for leads in sets]
        # Longest first: where several literals start, the search names the longest,
        # and the others are its prefixes.
        literals = sorted({lead for leads in self._sets for lead in leads}, key=len, reverse=True)
        self._literals = literals
        # The standard `re`: for a choice of plain literals it skips the characters
        # that begin none, where `regex` tries every branch at every character;
        # factored as a trie, a character that begins several tries one branch.
        many = len(literals) > self._FEW
        self._pattern = re.compile(_trie(literals)) if many else None
        # Literals inside which another may start ("Nông " holds "ông "): after one
        # of these, the search looks again from the next character.
        self._overlapped = {
            literal for literal in literals
            if any(literal[k:].startswith(other) or other.startswith(literal[k:])
                   for k in range(1, len(literal)) for other in literals)
        }
        # The sets that stand where a literal does: those holding it (found one by
        # one) or, for the search that names only the longest, one of its prefixes.
        self._owners = {
            literal: [index for index, leads in enumerate(self._sets)
                      if any(literal.startswith(lead) if many else literal == lead
                             for lead in leads)]
            for literal in literals
        }

    def starts(self, text: str) -> list[list[int]]:
        """For each set, the sorted offsets where one of its literals stands."""
        found: list[list[int]] = [[] for _ in self._sets]
        if self._pattern is None:
            for literal in self._literals:
                for index in occurrences(text, literal):
                    for owner in self._owners[literal]:
                        found[owner].append(index)
            # Found literal by literal: a set of several needs its offsets merged.
            return [sorted(set(offsets)) if len(self._sets[i]) > 1 else offsets
                    for i, offsets in enumerate(found)]
        owners, overlapped, pattern = self._owners, self._overlapped, self._pattern
        for match in pattern.finditer(text):
            literal, start = match.group(), match.start()
            for owner in owners[literal]:
                found[owner].append(start)
            if literal in overlapped:
                # finditer goes on from the end: look inside this one first.
                inner = pattern.search(text, start + 1)
                while inner is not None and inner.start() < match.end():
                    for owner in owners[inner.group()]:
                        found[owner].append(inner.start())
                    inner = pattern.search(text, inner.start() + 1)
        return found


def _trie(words: list[str]) -> str:
    """A `re` choice of the literal `words`, by common prefix, the longest match first.

    "UB", "UBND" give "UB(?:ND)?": the greedy "?" prefers the longer word.
    """
    tails: dict[str, list[str]] = {}
    for word in words:
        if word:
            tails.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + _trie(rest) for first, rest in sorted(tails.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in words else body


@cache
def _folded_literal(lead: str) -> regex.Pattern[str]:
    # Same flags as an IGNORECASE rule from the loader, so the same letters match.
    return regex.compile(regex.escape(lead), regex.IGNORECASE | regex.VERSION0)


def _folded(text: str, lead: str) -> list[int]:
    return [match.start() for match in _folded_literal(lead).finditer(text, overlapped=True)]
