"""Places: the case file, the five seeds, the map choice, the offline map data."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor.places import (
    ArticlePlaces,
    PlaceMap,
    PlaceStatus,
    article_context,
    choose_map,
    render_province_map,
    resolve_article_places,
    resolve_place,
)
from extractor.places.build_points import FILE_NAME, build_points, render_points
from extractor.places.gazetteer import LEGACY, Y2025, gazetteer
from extractor.places.province_map import MapDataError
from extractor.text.furniture import split_furniture
from extractor.text.normalize import normalize

ARTICLES = Path(__file__).resolve().parent.parent / "corpus" / "articles"
CASES = yaml.safe_load(
    resources.files("extractor.resources").joinpath("places.cases.yaml").read_text("utf-8")
)["cases"]


@pytest.fixture(scope="session", autouse=True)
def _gazetteer_once() -> None:
    gazetteer()  # built once for the whole session; every test below reuses it


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['text']}:{c['expect']['status']}")
def test_place_cases(case: dict[str, Any]) -> None:
    context, _ = article_context(case.get("context", []), None, case.get("site"),
                                 _date(case.get("published")), case.get("clean_text", ""))
    place = resolve_place(case["text"], context).model_dump(mode="json")
    for key, expected in case["expect"].items():
        if isinstance(expected, dict):
            assert place[key] is not None, f"{key} missing in {place}"
            assert {k: place[key][k] for k in expected} == expected, place
        else:
            assert place[key] == expected, f"{key}: {place[key]!r} != {expected!r} in {place}"


def test_every_status_has_a_case() -> None:
    assert {c["expect"]["status"] for c in CASES} == {s.value for s in PlaceStatus}


def test_ambiguous_place_lists_candidates_and_says_where_they_all_are() -> None:
    context, _ = article_context(["TP.HCM"], None, None, dt.date(2018, 10, 30), "")
    place = resolve_place("phường 12", context)
    assert place.status == PlaceStatus.AMBIGUOUS
    assert all(c.endswith("Thành phố Hồ Chí Minh") for c in place.candidates)
    assert "all of them are in Thành phố Hồ Chí Minh" in place.notes


@pytest.mark.parametrize(("published", "years", "expected"), [
    (dt.date(2019, 9, 3), [], LEGACY),
    (dt.date(2025, 6, 30), [], LEGACY),
    (dt.date(2025, 7, 1), [], Y2025),
    (None, [2013, 2019], LEGACY),
    (None, [2024, 2026], Y2025),
    (None, [], LEGACY),
])
def test_map_follows_the_publication_date(
        published: dt.date | None, years: list[int], expected: PlaceMap) -> None:
    assert choose_map(published, years)[0] == expected


# The five seeds, with the place strings the organisation tagger should give.
SEEDS: dict[str, tuple[list[str], dict[str, Any]]] = {
    "000": (["phường Ninh Khánh", "phường"],
            {"status": "legacy", "level": "ward", "ward_code": "14344", "province_code": "37"}),
    "001": (["thành phố Ninh Bình", "TP", "tỉnh"],
            {"status": "merged", "level": "district", "province_code": "37"}),
    "002": (["TP Hà Nội", "TP"], {"status": "unique", "level": "province", "province_code": "01"}),
    "003": (["phường Trường Thi", "TP Vinh", "phường"],
            {"status": "legacy", "level": "ward", "ward_code": "16690", "province_code": "40"}),
    "004": (["quận 6", "quận 6", "Quận 6"],
            {"status": "legacy", "level": "district", "district_code": "775",
             "province_code": "79"}),
}


def _seed(stem: str) -> ArticlePlaces:
    path = next(ARTICLES.glob(f"{stem}_*.txt"))
    parts = split_furniture(normalize(path.read_text(encoding="utf-8")).text)
    return resolve_article_places(SEEDS[stem][0], parts.title, parts.site, parts.published,
                                  parts.clean_text[parts.body_start:])


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_seed_main_place(stem: str) -> None:
    places = _seed(stem)
    assert places.map == PlaceMap.LEGACY
    assert places.main is not None and places.main_evidence
    main = places.main.model_dump(mode="json")
    for key, expected in SEEDS[stem][1].items():
        assert main[key] == expected, f"{key}: {main[key]!r} in {main}"
    for text in SEEDS[stem][0]:  # every organisation place is resolved, bare words too
        assert places.by_text[text].status not in (PlaceStatus.AMBIGUOUS, PlaceStatus.UNKNOWN)


def test_2019_ward_keeps_its_province_and_names_its_successor() -> None:
    main = _seed("003").main
    assert main is not None and main.successor is not None
    assert (main.province, main.district) == ("Tỉnh Nghệ An", "Thành phố Vinh")
    assert (main.successor.name, main.successor.province_code) == ("Phường Trường Vinh", "40")


def test_bare_type_word_is_the_main_places_own_unit() -> None:
    places = _seed("001")
    assert places.by_text["tỉnh"].name == "Tỉnh Ninh Bình"
    assert places.by_text["TP"].district_code == places.main.district_code  # type: ignore[union-attr]
    assert "main place" in (places.by_text["TP"].evidence or "")


def test_undated_article_says_which_map_it_assumed() -> None:
    places = _seed("000")
    assert any("no publication date" in w for w in places.warnings)


def test_hcmc_footer_and_sibling_place_locate_a_bare_ward() -> None:
    text = ("Ngày 25/10/2018, Công an quận 6 tổ chức hội nghị. Công an phường 12 báo cáo.\n"
            "Chuyên mục An ninh thành phố Hồ Chí Minh")
    places = resolve_article_places(["phường 12"], None, None, dt.date(2018, 10, 30), text)
    ward = places.by_text["phường 12"]
    assert (ward.status, ward.district, ward.ward_code) == (PlaceStatus.LEGACY, "Quận 6", "27358")
    assert ward.evidence is not None and "quận 6" in ward.evidence


def test_ambiguous_place_warns_and_guesses_nothing() -> None:
    places = resolve_article_places(["phường 12"], None, None, dt.date(2018, 10, 30),
                                    "Công an phường 12 tổ chức hội nghị.")
    assert places.by_text["phường 12"].province_code is None
    assert any('"phường 12" is ambiguous' in w for w in places.warnings)


def test_agrees_with_the_packages_own_parser_on_full_addresses() -> None:
    from vietnamadminunits import parse_address

    for text in ("phường Trường Thi, TP Vinh, tỉnh Nghệ An", "phường 12, quận 6, TP Hồ Chí Minh"):
        ours = resolve_place(text)
        theirs = parse_address(text, mode="LEGACY")
        assert (ours.province_code, ours.ward_code) == (theirs.province_code, theirs.ward_code)


def test_points_file_is_what_the_builder_makes() -> None:
    committed = resources.files("extractor.resources").joinpath(FILE_NAME).read_text("utf-8")
    assert committed == render_points(build_points()), "run python -m extractor.places.build_points"


def test_svg_map_sizes_circles_by_count() -> None:
    svg = render_province_map({"01": 8, "40": 2}, PlaceMap.LEGACY)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<title>Thành phố Hà Nội: 8</title>" in svg
    radius = {name: float(svg.split(f"<title>{name}")[0].rsplit('r="', 1)[1].split('"')[0])
              for name in ("Thành phố Hà Nội: 8", "Tỉnh Nghệ An: 2")}
    assert radius["Thành phố Hà Nội: 8"] > radius["Tỉnh Nghệ An: 2"]
    with pytest.raises(MapDataError, match="no 2025 province"):
        render_province_map({"36": 1}, PlaceMap.Y2025)  # Nam Định is not a 2025 province
