"""People on the seeds: who is found, and what a name may not contain."""

from __future__ import annotations

import regex

from schemas import ArticleRecord

_TITLE_WORD = regex.compile(r"(?<![\p{L}])(?:Phó|Trưởng|Giám đốc|Chủ tịch|đồng chí|Đồng chí)"
                            r"(?![\p{L}])")
_RANK = regex.compile(r"(?:Thiếu|Trung|Thượng|Đại) (?:úy|tá|tướng)")


def test_seed_004_finds_the_five_guests_and_the_reporter(
    seed_records: dict[str, ArticleRecord],
) -> None:
    people = seed_records["004_cfd91834e9c0c6ae"].people
    assert [person.name for person in people] == [
        "Lê Thị Thanh Thảo", "Nguyễn Thị Kim Trang", "Nguyễn Văn Bình", "Phạm Văn Phố",
        "Nguyễn Đăng Hưng", "Tạ Vũ Hòa", "Lê Thị Thanh Thảo",
    ]
    by_name = {person.name: person for person in people}
    assert by_name["Nguyễn Đăng Hưng"].rank == "Thượng tá"
    assert by_name["Nguyễn Đăng Hưng"].organization == "Công an quận 6"
    assert by_name["Tạ Vũ Hòa"].rank == "Trung tá"
    assert by_name["Phạm Văn Phố"].title == "Phó Chủ tịch Ủy ban MTTQ Việt Nam quận 6"


def test_seeds_without_named_people_give_none(seed_records: dict[str, ArticleRecord]) -> None:
    # 000-003 name units and titles ("Giám đốc Công an Thành phố") but nobody;
    # their bylines are authors, removed before the taggers run.
    for stem, record in seed_records.items():
        if not stem.startswith("004"):
            assert record.people == [], f"{stem}: {record.people}"


def test_a_name_holds_no_rank_or_title_word_and_its_mention_covers_it(
    seed_records: dict[str, ArticleRecord],
) -> None:
    for record in seed_records.values():
        for person in record.people:
            assert not _TITLE_WORD.search(person.name), person.name
            assert not _RANK.search(person.name), person.name
            assert person.name in person.text
            if person.title is not None:
                assert person.text.endswith(person.title) or person.text.startswith(person.title)
            if person.rank is not None:
                assert person.text.startswith(person.rank)
