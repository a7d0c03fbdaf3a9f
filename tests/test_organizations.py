"""Organisations beyond the case file: the seeds, the resources and their guards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from importlib import resources
from itertools import pairwise
from typing import Any

import pytest
import yaml

from extractor import Settings, extract
from extractor.resources.loader import ResourceError
from extractor.rules import org_abbreviations, org_rules
from extractor.rules.org_abbreviations import canonical_name, expand_abbreviations
from extractor.rules.org_boards import _board_prefix, board_leads
from extractor.rules.org_places import article_city_level, city_level
from extractor.rules.organizations import _rules
from schemas import ArticleRecord, OrgKind, OrgLevel

NameFiles = dict[str, dict[str, list[str]]]


def _orgs(record: ArticleRecord) -> list[str]:
    return [org.text for org in record.organizations]


def test_seed_002_names_every_unit_of_the_hanoi_report(
    seed_records: dict[str, ArticleRecord],
) -> None:
    record = seed_records["002_4b12d34416c25f2a"]
    found = _orgs(record)
    for name in ("Ủy ban MTTQ Việt Nam TP Hà Nội", "Bộ Tư lệnh Thủ đô Hà Nội",
                 "Ủy ban MTTQ TP Hà Nội"):
        assert name in found, f"{name} missing from {found}"
    # a level word alone is any unit of that level: generic (ANNOTATION.md)
    for name in ("Công an TP", "UBND TP", "Công an Thành phố"):
        assert name not in found
    # "Các BCĐ" is a generic plural, like "các ban, ngành"
    assert "BCĐ" not in found


def test_a_bare_level_word_is_no_mention_but_still_a_titles_unit() -> None:
    record = extract("Đại tá Nguyễn Văn Hùng, Giám đốc Công an tỉnh, trao Bằng khen cho "
                     "Công an huyện Kỳ Anh; UBND xã cũng được biểu dương.",
                     settings=Settings(strip_furniture=False))
    assert _orgs(record) == ["Công an huyện Kỳ Anh"]
    assert [(person.name, person.title) for person in record.people] == [
        ("Nguyễn Văn Hùng", "Giám đốc Công an tỉnh")]


def test_seed_004_keeps_the_team_whole_and_the_joint_organisers_apart(
    seed_records: dict[str, ArticleRecord],
) -> None:
    found = _orgs(seed_records["004_cfd91834e9c0c6ae"])
    team = "Đội Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc - Công an quận 6"
    assert found.count(team) == 1
    assert "Ủy ban mặt trận Tổ quốc Việt Nam" in found
    assert "Ủy ban mặt trận Tổ quốc Việt Nam - Công an quận 6" not in found
    assert "Ban Chỉ đạo 138/Quận" in found


def test_seed_000_takes_no_issuer_out_of_the_programme_code(
    seed_records: dict[str, ArticleRecord],
) -> None:
    record = seed_records["000_6c945006f4a0331c"]
    code_at = record.clean_text.index("BCA -MTTQ")
    assert all(not org.start <= code_at + 5 < org.end for org in record.organizations)
    assert "MTTQ phường Ninh Khánh" in _orgs(record)


def test_no_two_organisations_overlap(seed_records: dict[str, ArticleRecord]) -> None:
    for stem, record in seed_records.items():
        spans = sorted((org.start, org.end) for org in record.organizations)
        for (_, end), (start, _) in pairwise(spans):
            assert end <= start, f"{stem}: overlapping organisations at {start}"


def _texts() -> list[str]:
    """Every sentence of the case files, positive and negative."""
    texts: list[str] = []
    for name in ("organizations.cases.yaml", "org_bodies.cases.yaml", "org_state.cases.yaml"):
        path = resources.files("extractor.resources").joinpath(name)
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [case["text"] for kind in ("positive", "negative") for case in data[kind]]
    return texts


@pytest.mark.parametrize("text", _texts())
def test_a_rule_matches_only_where_one_of_its_leads_begins(text: str) -> None:
    # The rules are tried at their leads only: a match anywhere else would be lost.
    for entry in _rules():
        rule = entry.rule.rule
        for start in range(len(text)):
            if rule.pattern.match(text, start):
                assert text.startswith(entry.rule.leads, start), (rule.id, text[start:])
        if entry.requires and rule.pattern.search(text):
            assert any(literal in text for literal in entry.requires), rule.id
    # Boards too: the one taken before a body (the leftmost) begins with a board lead.
    for body_start in range(1, len(text)):
        board = _board_prefix().search(text, max(0, body_start - 40), body_start)
        if board is not None:
            assert text.startswith(board_leads(), board.start()), text[board.start():]


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("UBND TP Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
        ("Ủy ban MTTQ Việt Nam TP Hà Nội", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội"),
        ("Công an TP.HCM", "Công an thành phố Hồ Chí Minh"),
        ("UBMTTQ phường 12", "Ủy ban Mặt trận Tổ quốc phường 12"),
        ("BCĐ 138/Quận", "Ban Chỉ đạo 138/Quận"),
        ("HĐND quận", "Hội đồng nhân dân quận"),
        ("Công an quận 6", "Công an quận 6"),
    ],
)
def test_abbreviations_expand_as_whole_words(short: str, long: str) -> None:
    assert expand_abbreviations(short) == long


def test_a_duplicate_abbreviation_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    duplicated = {"abbreviations": [{"short": "TP", "long": "thành phố"},
                                    {"short": "TP", "long": "tỉnh"}]}
    monkeypatch.setattr(org_abbreviations, "load_resource", lambda name: duplicated)
    org_abbreviations.abbreviations.cache_clear()
    try:
        with pytest.raises(ResourceError, match="duplicate abbreviation 'TP'"):
            org_abbreviations.abbreviations()
    finally:
        org_abbreviations.abbreviations.cache_clear()


def test_city_rank_follows_the_map_of_the_article_date() -> None:
    assert city_level("Hà Nội", None) is OrgLevel.TINH
    assert city_level("Vinh", None) is OrgLevel.HUYEN
    assert city_level("Huế", dt.date(2020, 1, 1)) is OrgLevel.HUYEN
    assert city_level("Huế", dt.date(2025, 6, 1)) is OrgLevel.TINH


def test_an_article_naming_both_kinds_of_city_leaves_the_bare_city_unranked() -> None:
    assert article_city_level("trên địa bàn TP Hà Nội", None) is OrgLevel.TINH
    assert article_city_level("Công an TP Vinh khởi tố", None) is OrgLevel.HUYEN
    assert article_city_level("TP Hà Nội và thành phố Vinh", None) is None
    assert article_city_level("không có thành phố nào", None) is None


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ủy ban MTTQ Việt Nam quận 6", "Ủy ban Mặt trận tổ quốc Việt Nam quận 6"),
        ("UBMTTQ phường 12", "Ủy ban Mặt trận Tổ quốc phường 12"),
        ("Phòng CSGT (PC67), Công an TP.HCM",
         "phòng Cảnh sát giao thông - Công an thành phố Hồ Chí Minh"),
        ("Cơ quan CSĐT (PC45) Công an tỉnh Đồng Nai",
         "Cơ quan Cảnh sát điều tra Công an tỉnh Đồng Nai"),
        ("TAND TP.HCM", "Tòa án nhân dân thành phố Hồ Chí Minh"),
        ("Viện KSND tỉnh Bình Định", "VKSND tỉnh Bình Định"),
        ("Công an Q.Bình Tân", "Công an quận Bình Tân"),
        ("Cục Cảnh sát hình sự (C02, Bộ Công an)", "cục Cảnh sát Hình sự"),
        ("Bộ Công An", "Bộ Công an"),
        ("Bộ Công an Việt Nam", "Bộ Công an"),
    ],
)
def test_one_body_written_two_ways_has_one_normalized_name(one: str, other: str) -> None:
    assert canonical_name(one) == canonical_name(other)


def test_normalized_keeps_what_tells_bodies_apart() -> None:
    assert canonical_name("Cục V05") == "Cục V05"  # a body named by its code keeps it
    assert canonical_name("Quận ủy quận 6") == "Quận ủy quận 6"
    assert canonical_name("Công an quận 6") != canonical_name("Công an quận 8")
    # only a ministry is the country's already: a body of the country's keeps its name
    assert canonical_name("Hội Luật gia Việt Nam") == "Hội Luật gia Việt Nam"


def test_the_unit_code_is_kept_without_its_space() -> None:
    record = extract("Cơ quan cảnh sát điều tra PC 45 và Cục C50 đã vào cuộc.",
                     settings=Settings(strip_furniture=False))
    assert [(org.text, org.code) for org in record.organizations] == [
        ("Cơ quan cảnh sát điều tra PC 45", "PC45"), ("Cục C50", "C50")]


def _clear_name_caches() -> None:
    org_rules.names.cache_clear()
    org_rules._name_lists.cache_clear()


@pytest.fixture
def name_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[NameFiles], None]]:
    """Replaces the org_names*.yaml files (any file not given is empty); the real
    lists are read again after the test."""
    def use(files: NameFiles) -> None:
        monkeypatch.setattr(org_rules, "load_resource", lambda name: files.get(name, {}))
        _clear_name_caches()
    yield use
    _clear_name_caches()


def test_a_name_list_with_a_repeated_name_is_refused(
        name_files: Callable[[NameFiles], None]) -> None:
    name_files({"org_names_world.yaml": {"Country": ["Mỹ", "Pháp", "Mỹ"]}})
    with pytest.raises(ResourceError, match=r"org_names_world\.yaml: Country has duplicate"):
        org_rules.names("Country")


def test_a_name_list_in_two_files_is_refused(name_files: Callable[[NameFiles], None]) -> None:
    name_files({"org_names.yaml": {"Country": ["Mỹ"]},
                "org_names_world.yaml": {"Country": ["Pháp"]}})
    with pytest.raises(ResourceError, match=r"list Country is also in org_names\.yaml"):
        org_rules.names("Country")


def test_every_rule_file_is_read_and_every_kind_is_found() -> None:
    ids = [entry.rule.rule.id for entry in _rules()]
    assert len(ids) == len(set(ids))
    kinds = {entry.kind for entry in _rules()}
    assert {OrgKind.TOA_AN, OrgKind.VIEN_KIEM_SAT, OrgKind.QUOC_HOI, OrgKind.CHINH_PHU,
            OrgKind.BAO_CHI, OrgKind.Y_TE, OrgKind.GIAO_DUC, OrgKind.DOANH_NGHIEP,
            OrgKind.NUOC_NGOAI} <= kinds
