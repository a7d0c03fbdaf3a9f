"""People listed with a person: "xét xử A, B (đều 22 tuổi) và C", "A (trú xã X); B
(phường Y) và C", "D và E, đều 29 tuổi". Each listed name is a person of the same role."""

from __future__ import annotations

from functools import cache

import regex

from extractor.article import Article
from extractor.facts import evidence
from extractor.resources.loader import load_resource
from extractor.rules.person_details import age_after
from extractor.rules.person_names import (
    in_a_place_list,
    names_a_place,
    not_a_name,
    without_country,
)
from extractor.rules.person_patterns import expanded
from schemas import PersonMention

_RESOURCE = "people.yaml"


@cache
def _continuation() -> regex.Pattern[str]:
    return expanded(str(load_resource(_RESOURCE)["list_continuation"]),
                     f"{_RESOURCE}: list_continuation")


@cache
def _list_before() -> regex.Pattern[str]:
    # read backwards from a person: "Rahmat Hidayat và" before "Joko Susanto, đều 29 tuổi";
    # a comma only after a surname-led name ("với Thắng, Nguyễn Hữu Phước, Nguyễn Văn
    # Phương"): a comma also ends a clause before a person ("Chia sẻ với Lao Động, X")
    return expanded(r"(?r)(?<![\p{L}\p{N}])(?:(?P<name>{PersonName})\s(?:và|cùng)"
                    r"|(?P<name>{KnownName}),)\s$", f"{_RESOURCE}: list_continuation")


def _list_resumes(text: str, person: PersonMention) -> int:
    """Where the list goes on after a person: the mention's end, or the bracket it ends in
    ("Nguyễn Tấn Hải (nguyên Chủ tịch HĐTV, ...) và Huỳnh Minh Trung": the title is
    the bracket's first words, the list resumes after it)."""
    opened = text.rfind("(", person.start, person.end)
    if opened < 0 or text.find(")", opened, person.end) >= 0:
        return person.end
    return opened - 1 if text[opened - 1 : opened] == " " else opened


def _list_neighbours(text: str, person: PersonMention) -> list[regex.Match[str]]:
    """The names listed right after and right before a person."""
    after = _continuation().match(text, _list_resumes(text, person),
                                  min(len(text), person.end + 160))
    before = None
    if text.startswith(person.name, person.start):  # no rank or title before the name
        before = _list_before().search(text, max(0, person.start - 80), person.start)
    return [match for match in (after, before) if match is not None
            and not (not_a_name(match["name"]) or not without_country(match["name"])
                     or names_a_place(text, match.start("name")))
            and not (match is before and in_a_place_list(text, match.start("name")))]


def with_list_members(article: Article, people: list[PersonMention]) -> list[PersonMention]:
    """People listed with a person ("A, B (đều 22 tuổi) và C"), with that person's role."""
    text = article.text
    found = list(people)
    queue = list(people)
    taken = {(person.start, person.end) for person in people}
    while queue:
        person = queue.pop(0)
        for match in _list_neighbours(text, person):
            start, end = match.span("name")
            overlapping = [index for index, other in enumerate(found)
                           if start < other.end and other.start < end]
            if overlapping:
                # found by another rule: the list still tells its role, and goes on past it
                index = overlapping[0]
                if found[index].role is None and person.role is not None:
                    found[index] = found[index].model_copy(update={"role": person.role})
                    queue.append(found[index])
                continue
            age, birth_year = age_after(text, end)
            member = PersonMention(**evidence(article, start, end, "person.listed"),
                                   name=match["name"], role=person.role, age=age,
                                   birth_year=birth_year)
            if (start, end) not in taken:
                taken.add((start, end))
                found.append(member)
                queue.append(member)
    return sorted(found, key=lambda person: person.start)
