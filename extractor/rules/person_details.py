"""What the text says of a person beyond the name: role, age, birth year; and the
clean-up of a tagger's people (a shortened name carries the full one; a name cut off
at the end of a text is a warning). Data in `people.yaml` (`role_nouns`, `role_before`).
"""

from __future__ import annotations

from functools import cache

import regex

from extractor.facts import Facts
from extractor.resources.loader import load_resource
from extractor.rules.person_names import toneless
from schemas import PersonMention, PersonRole

_RESOURCE = "people.yaml"


@cache
def role_nouns() -> dict[str, PersonRole | None]:
    """The words before a name that say who the person is, and the role each gives,
    by their case-folded form (a word capitalised at a sentence's start, "Phó thủ tướng"
    written for "Phó Thủ tướng", gives the same role)."""
    nouns = load_resource(_RESOURCE)["role_nouns"]
    return {str(noun).casefold(): PersonRole(role) if role else None
            for noun, role in nouns.items()}


# "(31 tuổi", "(đều 22 tuổi", ", SN 1979", " (sinh năm 1990", ", 1985)": an age or a birth
# year after a name
_AGE_AFTER = regex.compile(
    r"\s?[(,]\s?(?:(?:tức|tự|còn gọi là) [^,()]{1,30}, )?"
    r"(?:(?:đều |cùng )?(?P<age>\d{1,3})\s?tuổi|(?:SN|sinh năm|sinh|s\.n)\s?(?P<year>(?:19|20)\d\d)"
    r"|sinh ngày \d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?P<born>(?:19|20)\d\d)"
    r"|(?P<bare>(?:19|20)\d\d)(?=\s?[),]))")


def age_after(text: str, name_end: int) -> tuple[int | None, int | None]:
    match = _AGE_AFTER.match(text, name_end, min(len(text), name_end + 40))
    if match is None:
        return None, None
    age = int(match["age"]) if match["age"] else None
    year = match["year"] or match["born"] or match["bare"]
    return age, int(year) if year else None


# " Trong (SN 1987", " Trưởng (26 tuổi)": one capitalised word, then an age or a birth year
_LAST_WORD = regex.compile(r" \p{Lu}\p{Ll}+(?![\p{L}\p{N}])")


def last_word_before_age(text: str, name: str, name_end: int) -> int:
    """The end of a name whose last word is also a word that stops names ("Nguyễn Thành
    Trong (SN 1987)", "Giang Đông Trưởng (26 tuổi)"): an age or a birth year right after
    that word says it is the name's. `name_end` when nothing follows so."""
    word = _LAST_WORD.match(text, name_end)
    if word is None or len(name.split()) > 3:
        return name_end
    age, year = age_after(text, word.end())
    return word.end() if age is not None or year is not None else name_end


def role_of(text: str, start: int, cue: str | None, ranked_or_titled: bool
            ) -> PersonRole | None:
    """What the text says the person is: the cue word's role, else an official by
    rank or title, else the verb just before ("bắt giữ X"), else null."""
    if cue is not None:
        role = role_nouns().get(cue.casefold()) or _roles_before().get(cue.casefold())
        if role is not None:
            return role
    if ranked_or_titled:
        return PersonRole.OFFICIAL
    verb = _verb_before().search(text, max(0, start - 40), start)
    return _roles_before()[verb.group(1).casefold()] if verb else None


@cache
def _roles_before() -> dict[str, PersonRole]:
    verbs = load_resource(_RESOURCE)["role_before"]
    return {str(verb).casefold(): PersonRole(role) for verb, role in verbs.items() if role}


@cache
def _verb_before() -> regex.Pattern[str]:
    """One of `role_before`, then at most a role noun, right before the name."""
    verbs = "|".join(regex.escape(verb) for verb in sorted(_roles_before(), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])({verbs})(?: (?:\p{{Ll}}+ ){{0,2}})?\s*$",
                         regex.IGNORECASE)


def full_names(people: list[PersonMention]) -> list[PersonMention]:
    """A person named again by the end of their name ("Việt Anh" after "Lê Hồ Việt Anh")
    carries the full name: the news shortens a name it has written once. With two such
    names ("Hồ Mai Phương", "Nguyễn Mai Phương" before "nhân chứng Mai Phương"), the one
    written last before it; a tone mark written wrong in one of the two ("bà Mai Phượng")
    still shortens the name. Initials written with and without a last dot are one name."""
    names = {person.name for person in people}
    resolved = []
    for person in people:
        words = [toneless(word) for word in person.name.split()]
        longer = {name for name in names if len(name.split()) > len(words)
                  and [toneless(word) for word in name.split()[-len(words):]] == words}
        if longer and not person.name.endswith("."):
            person = person.model_copy(update={"name": _nearest(people, longer, person.start)})
        elif not person.name.endswith(".") and f"{person.name}." in names:
            # "Ng.T.A." and "Ng.T.A": one person, written in full with its last dot
            person = person.model_copy(update={"name": f"{person.name}."})
        resolved.append(person)
    return resolved


def _nearest(people: list[PersonMention], names: set[str], start: int) -> str:
    """Of `names`, the one mentioned last before `start`, else the first after it."""
    before = [person for person in people if person.name in names and person.start < start]
    if before:
        return max(before, key=lambda person: person.start).name
    return min((person for person in people if person.name in names),
               key=lambda person: person.start).name


def cut_off(text: str, person: PersonMention, facts: Facts) -> bool:
    """A name that runs into the end of a truncated text may be missing its end: a
    warning, not a person ("... bị cáo Nguyễn Văn" at the end of an excerpt)."""
    kept = text.rstrip()
    if person.end < len(kept) or kept.endswith((".", "!", "?", ")", '"', "…")):
        return False
    facts.warnings.append(f"people: a name cut off at the end of the text: {person.name!r}")
    return True
