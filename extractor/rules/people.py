"""People: names with rank, title and organisation.

Three rules of `people.yaml` find a name with the cue that makes it a person: a
rank ("Thượng tá Nguyễn Đăng Hưng"), "đồng chí"/"ông"/"bà", or, for a name that
begins with a known surname, a title right after or before it. Where two rules
find the same name, the earlier rule (the stronger cue) wins. The title is read
by `person_titles` against the organisations already found, and the mention
covers rank, name and title: "Thượng tá Nguyễn Đăng Hưng - Phó trưởng Công an quận 6".
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import (
    Rule,
    compile_pattern,
    expand,
    load_lexicon,
    load_resource,
    load_rules,
)
from extractor.rules.leads import LeadIndex, LeadRule, family_index, lead_rule
from extractor.rules.person_titles import Title, Units, title_after, title_before
from schemas import PersonMention, PersonRole

_RESOURCE = "people.yaml"
# A surname-led name with no rank or "đồng chí" is a person only with a title.
_NEEDS_TITLE = "person.named"
_PREVIOUS_WORD = regex.compile(r"(?<![\p{L}])\p{L}+ $")


class _Candidate(NamedTuple):  # a tuple: built for every match, faster than a dataclass
    start: int  # the rank if there is one, else the name
    name_start: int
    name_end: int
    name: str
    rank: str | None
    rule: Rule
    priority: int
    cue: str | None  # the word before the name that says who the person is


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


@cache
def _rules() -> list[LeadRule]:
    # Case-sensitive on purpose: see the header of people.yaml.
    surname = _by_first_letter(load_lexicon(_RESOURCE, "surnames"))
    nouns = sorted(load_lexicon(_RESOURCE, "role_nouns"), key=len, reverse=True)
    # each noun also with its first letter capitalised, at a sentence's start
    role_noun = "(?:" + "|".join(
        f"[{regex.escape(noun[0])}{regex.escape(noun[0].upper())}]{regex.escape(noun[1:])}"
        for noun in nouns) + ")"
    verbs = sorted(load_lexicon(_RESOURCE, "role_before"), key=len, reverse=True)
    role_verb = "(?:" + "|".join(
        f"[{regex.escape(verb[0])}{regex.escape(verb[0].upper())}]{regex.escape(verb[1:])}"
        for verb in verbs) + ")"
    rules = load_rules(_RESOURCE, flags=0, extra_subpatterns={
        "Surname": surname, "RoleNoun": role_noun, "RoleVerb": role_verb})
    return [lead_rule(rule, _RESOURCE) for rule in rules]


@cache
def _role_nouns() -> dict[str, PersonRole | None]:
    """The words before a name that say who the person is, and the role each gives."""
    nouns = load_resource(_RESOURCE)["role_nouns"]
    roles = {str(noun): PersonRole(role) if role else None for noun, role in nouns.items()}
    # the same word capitalised at a sentence's start gives the same role
    return {**{noun[:1].upper() + noun[1:]: role for noun, role in roles.items()}, **roles}


@cache
def _never_names() -> tuple[frozenset[str], tuple[str, ...]]:
    """Whole names that are places, and first words that open a place or a body."""
    provinces = frozenset(load_lexicon("provinces.yaml", "provinces"))
    openers = [*load_lexicon(_RESOURCE, "name_never_starts"), *provinces]
    return provinces, tuple(word + " " for word in openers)


def _not_a_name(name: str) -> bool:
    places, openers = _never_names()
    if not name or name in places or name.startswith(openers):
        return True
    # a lone consonant is an initial: only a name's last word can be one; before that it
    # is a cut name running into the next sentence ("Nguyễn Sơn T Nhận"). A lone vowel is
    # a name's word in its own right: "Mùa A Vảng", "Y Moan".
    return any(len(word) == 1 and word not in "AEIOUY" for word in name.split()[:-1])


@cache
def _countries() -> tuple[str, ...]:
    return tuple(sorted(load_lexicon(_RESOURCE, "countries"), key=len, reverse=True))


def _without_country(name: str) -> str:
    """"Brazil Michel Temer" -> "Michel Temer": a country written between a title and a
    foreign name is not part of it; a name that is only a country gives ""."""
    for country in _countries():
        if name == country:
            return ""
        if name.startswith(country + " "):
            return name[len(country) + 1 :]
    return name


@cache
def _lead_index() -> LeadIndex:
    return family_index(_rules())


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    starts = _lead_index().starts(text)  # every rule's leads, in one pass
    for priority, (leaded, rule_starts) in enumerate(zip(_rules(), starts, strict=True)):
        rule = leaded.rule
        required = rule.data.get("requires")
        if required and not any(literal in text for literal in required):
            continue
        has_rank = "rank" in rule.pattern.groupindex
        has_cue = "cue" in rule.pattern.groupindex
        for match in leaded.finditer(text, rule_starts):
            name_start, name_end = match.span("name")
            name = _without_country(match.group("name"))
            if _not_a_name(name):
                continue
            name_start = name_end - len(name)
            rank_start = match.start("rank") if has_rank else -1
            rank = match.group("rank") if rank_start >= 0 else None
            found.append(
                _Candidate(
                    start=rank_start if rank_start >= 0 else name_start,
                    name_start=name_start,
                    name_end=name_end,
                    name=name,
                    rank=rank,
                    rule=rule,
                    priority=priority,
                    cue=match.group("cue") if has_cue else None,
                )
            )
    return found


@cache
def _speech() -> tuple[Rule, regex.Pattern[str], tuple[str, ...]]:
    """The rule of a name right before a verb of speech, read backwards from the verb."""
    data = load_resource(_RESOURCE)
    surname = _by_first_letter(load_lexicon(_RESOURCE, "surnames"))
    origin = f"{_RESOURCE}: speech_after"
    name = expand("{PersonName}", {**data["subpatterns"], "Surname": surname}, origin)
    pattern = compile_pattern(rf"(?r)(?<![\p{{L}}\p{{N}}])(?P<name>{name}),?\s$", origin, flags=0)
    verbs = tuple(f" {verb}" for verb in load_lexicon(_RESOURCE, "speech_after"))
    return Rule(id="person.before_speech", pattern=pattern), pattern, verbs


def _speech_candidates(text: str, priority: int) -> list[_Candidate]:
    rule, pattern, verbs = _speech()
    found: list[_Candidate] = []
    for verb in verbs:
        at = text.find(verb)
        while at >= 0:
            after = at + len(verb)
            if after == len(text) or not text[after].isalpha():
                match = pattern.search(text, max(0, at - 80), at + 1)
                if match is not None:
                    name = _without_country(match["name"])
                    if not _not_a_name(name):
                        end = match.end("name")
                        found.append(_Candidate(end - len(name), end - len(name), end, name,
                                                None, rule, priority, None))
            at = text.find(verb, after)
    return found


def _strongest_first(
    article: Article, candidates: list[_Candidate], units: Units
) -> list[PersonMention]:
    """One person per name: a rank beats "đồng chí", which beats a bare surname, and
    so on down the rules; a candidate its rule refuses (a bare surname-led name with
    no title) leaves the name to the next rule."""
    kept: list[tuple[_Candidate, PersonMention]] = []
    for candidate in sorted(candidates, key=lambda c: (c.priority, c.start)):
        if not all(candidate.name_end <= other.start or candidate.start >= other.name_end
                   for other, _ in kept):
            continue
        person = _person(article, candidate, units)
        if person is not None:
            kept.append((candidate, person))
    return [person for _, person in sorted(kept, key=lambda pair: pair[0].start)]


def _person(article: Article, candidate: _Candidate, units: Units) -> PersonMention | None:
    text = article.text
    after = title_after(text, candidate.name_end, units)
    before: Title | None = None
    if after is None:
        before = title_before(text, candidate.start, units)
    title = after or before
    if candidate.rule.id == _NEEDS_TITLE and (
        title is None or (before is None and _continues_a_name(text, candidate.start))
    ):
        return None
    start = before.start if before is not None else candidate.start
    end = after.end if after is not None else candidate.name_end
    age, birth_year = _age_after(text, candidate.name_end)
    return PersonMention(
        **evidence(article, start, end, candidate.rule.id),
        name=candidate.name,
        rank=_capitalised(candidate.rank),
        title=text[title.start : title.end] if title is not None else None,
        organization=title.organization if title is not None else None,
        role=_role(text, candidate, title),
        age=age,
        birth_year=birth_year,
    )


# "(31 tuổi", ", SN 1979", " (sinh năm 1990", ", 1985)": an age or a birth year after a name
_AGE_AFTER = regex.compile(
    r"\s?[(,]\s?(?:tức [^,()]{1,30}, )?"
    r"(?:(?P<age>\d{1,3})\s?tuổi|(?:SN|sinh năm|s\.n)\s?(?P<year>(?:19|20)\d\d)"
    r"|sinh ngày \d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?P<born>(?:19|20)\d\d)"
    r"|(?P<bare>(?:19|20)\d\d)(?=\s?[),]))")


def _age_after(text: str, name_end: int) -> tuple[int | None, int | None]:
    match = _AGE_AFTER.match(text, name_end, min(len(text), name_end + 40))
    if match is None:
        return None, None
    age = int(match["age"]) if match["age"] else None
    year = match["year"] or match["born"] or match["bare"]
    return age, int(year) if year else None


def _role(text: str, candidate: _Candidate, title: Title | None) -> PersonRole | None:
    """What the text says the person is: the cue word's role, else an official by
    rank or title, else the verb just before ("bắt giữ X"), else null."""
    if candidate.cue is not None:
        role = _role_nouns().get(candidate.cue) or _roles_before().get(candidate.cue.casefold())
        if role is not None:
            return role
    if candidate.rank is not None or title is not None:
        return PersonRole.OFFICIAL
    verb = _verb_before().search(text, max(0, candidate.start - 40), candidate.start)
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


def _continues_a_name(text: str, start: int) -> bool:
    """True when a capitalised word stands right before: "Nguyễn Du" in "Trường Nguyễn Du"."""
    previous = _PREVIOUS_WORD.search(text, max(0, start - 12), start)
    return previous is not None and previous.group(0)[:1].isupper()


def _capitalised(rank: str | None) -> str | None:
    """"thượng tá" -> "Thượng tá": the ladder's form, whatever the sentence position."""
    return rank[:1].upper() + rank[1:] if rank else None


def tag_people(article: Article, facts: Facts) -> list[PersonMention]:
    candidates = _candidates(article.text)
    units = [(org.start, org.end) for org in facts.organizations]
    candidates += [
        candidate for candidate in _speech_candidates(article.text, len(_rules()))
        if not any(candidate.name_start < end and start < candidate.name_end
                   for start, end in units)
    ]
    if not candidates:
        return []
    people = _with_list_members(article, _strongest_first(article, candidates,
                                                          Units(facts.organizations)))
    kept = [person for person in people if not _cut_off(article.text, person, facts)]
    return _full_names(kept)


def _full_names(people: list[PersonMention]) -> list[PersonMention]:
    """A person named again by the end of their name ("Việt Anh" after "Lê Hồ Việt Anh")
    carries the full name: the news shortens a name it has written once."""
    names = {person.name for person in people}
    resolved = []
    for person in people:
        words = person.name.split()
        longer = {name for name in names if len(name.split()) > len(words)
                  and name.split()[-len(words):] == words}
        if len(longer) == 1 and not person.name.endswith("."):
            person = person.model_copy(update={"name": longer.pop()})
        resolved.append(person)
    return resolved


@cache
def _continuation() -> regex.Pattern[str]:
    data = load_resource(_RESOURCE)
    surname = _by_first_letter(load_lexicon(_RESOURCE, "surnames"))
    subpatterns = {**data["subpatterns"], "Surname": surname}
    origin = f"{_RESOURCE}: list_continuation"
    return compile_pattern(expand(str(data["list_continuation"]), subpatterns, origin), origin,
                           flags=0)


def _with_list_members(article: Article, people: list[PersonMention]) -> list[PersonMention]:
    """People listed after a person ("A, B (đều 22 tuổi) và C"), with that person's role."""
    text = article.text
    found = list(people)
    queue = list(people)
    taken = {(person.start, person.end) for person in people}
    while queue:
        person = queue.pop(0)
        match = _continuation().match(text, person.end, min(len(text), person.end + 160))
        if match is None or _not_a_name(match["name"]):
            continue
        start, end = match.span("name")
        overlapping = [index for index, other in enumerate(found)
                       if start < other.end and other.start < end]
        if overlapping:
            # found by another rule: the list still tells its role, and goes on after it
            index = overlapping[0]
            if found[index].role is None and person.role is not None:
                found[index] = found[index].model_copy(update={"role": person.role})
                queue.append(found[index])
            continue
        age, birth_year = _age_after(text, end)
        member = PersonMention(**evidence(article, start, end, "person.listed"),
                               name=match["name"], role=person.role, age=age,
                               birth_year=birth_year)
        if (start, end) not in taken:
            taken.add((start, end))
            found.append(member)
            queue.append(member)
    return sorted(found, key=lambda person: person.start)


def _cut_off(text: str, person: PersonMention, facts: Facts) -> bool:
    """A name that runs into the end of a truncated text may be missing its end: a
    warning, not a person ("... bị cáo Nguyễn Văn" at the end of an excerpt)."""
    kept = text.rstrip()
    if person.end < len(kept) or kept.endswith((".", "!", "?", ")", '"', "…")):
        return False
    facts.warnings.append(f"people: a name cut off at the end of the text: {person.name!r}")
    return True
