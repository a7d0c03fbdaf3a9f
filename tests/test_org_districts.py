"""The districts' names the organisation rules read are the official map's, as built."""

from __future__ import annotations

from importlib import resources

from extractor.places.build_districts import FILE_NAME, build_districts, render_districts


def test_districts_file_is_what_the_builder_makes() -> None:
    committed = resources.files("extractor.resources").joinpath(FILE_NAME).read_text("utf-8")
    assert committed == render_districts(build_districts()), (
        "run python -m extractor.places.build_districts")


def test_districts_leave_out_numbers_and_provinces() -> None:
    names = build_districts()
    assert "Bình Thạnh" in names and "Ninh Kiều" in names
    assert not any(name[:1].isdigit() for name in names)
    assert "Huế" not in names and "Nghệ An" not in names
