"""The patterns of `people.yaml` built from its word lists ({Surname}, {RoleNoun},
{RoleVerb}, {Country}) and the expansion of the file's other patterns with them."""

from __future__ import annotations

from functools import cache

import regex

from extractor.resources.loader import compile_pattern, expand, load_lexicon, load_resource

_RESOURCE = "people.yaml"


def _by_first_letter(words: list[str]) -> str:
    """A choice of whole `words`, factored by first letter: "N(?:guyễn|gô)|T(?:ô)".

    The engine tries a flat choice word by word; factored, a capital that begins
    no word costs one test. Longer tails first; {End} after it makes the order moot.
    """
    tails: dict[str, list[str]] = {}
    for word in words:
        tails.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rest in tails.items():
        choice = "|".join(regex.escape(tail) for tail in sorted(rest, key=len, reverse=True))
        branches.append(f"{regex.escape(first)}(?:{choice})")
    return "(?:" + "|".join(branches) + "){End}"


def any_case_choice(words: list[str]) -> str:
    """A choice of `words`, longest first, each word of them with its first letter in
    either case: at a sentence's start, and as papers write a title ("Phó Thủ tướng",
    "Phó thủ tướng")."""
    def either(word: str) -> str:
        first = word[0]
        if first.lower() == first.upper():
            return regex.escape(word)
        either_case = regex.escape(first.lower()) + regex.escape(first.upper())
        return f"[{either_case}]{regex.escape(word[1:])}"
    return "(?:" + "|".join(" ".join(either(part) for part in word.split(" "))
                            for word in sorted(words, key=len, reverse=True)) + ")"


def case_variants(word: str) -> set[str]:
    """Every spelling `any_case_choice` matches of `word` (its words' first letters in
    either case)."""
    variants = {""}
    for index, part in enumerate(word.split(" ")):
        forms = {part[:1].lower() + part[1:], part[:1].upper() + part[1:]}
        variants = {f"{done} {form}" if index else form for done in variants for form in forms}
    return variants


@cache
def built_subpatterns() -> dict[str, str]:
    """The sub-patterns built from the word lists: {Surname}, {RoleNoun}, {RoleVerb},
    {Country}."""
    countries = sorted(load_lexicon(_RESOURCE, "countries"), key=len, reverse=True)
    return {"Surname": _by_first_letter(load_lexicon(_RESOURCE, "surnames")),
            "RoleNoun": any_case_choice(load_lexicon(_RESOURCE, "role_nouns")),
            "RoleVerb": any_case_choice(load_lexicon(_RESOURCE, "role_before")),
            "Country": "|".join(regex.escape(country) for country in countries)}


def expanded(pattern: str, origin: str) -> regex.Pattern[str]:
    """A pattern of people.yaml outside `rules`, its sub-patterns expanded (case-sensitive)."""
    subpatterns = {**load_resource(_RESOURCE)["subpatterns"], **built_subpatterns()}
    return compile_pattern(expand(pattern, subpatterns, origin), origin, flags=0)
