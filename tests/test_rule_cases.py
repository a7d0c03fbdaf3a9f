"""Every rule family's case file: positives must be found, negatives must not.

A case file `extractor/resources/<family>.cases.yaml` names the record field it
checks and lists sentences:

    field: dates
    published: 2019-09-03            # optional reference date for the file
    positive:
      - text: "Ngày 10/5, ..."
        published: 2020-01-15        # optional, per case
        expect: [{text: "Ngày 10/5", value: "XXXX-05-10"}]
        exact: true                  # default: no other item may be found
    negative:
      - text: "15/17 khối"           # nothing of that field may be found
        not: [{value: "XXXX-17-15"}] # or: only these must not be found

Expected items match a found item when every key given has the same value.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any

import pytest
import yaml

from extractor import Metadata, Settings, extract

BODY_ONLY = Settings(strip_furniture=False)


def _case_files() -> list[tuple[str, dict[str, Any]]]:
    folder = resources.files("extractor.resources")
    files = sorted(p for p in folder.iterdir() if p.name.endswith(".cases.yaml"))
    loaded = [(p.name, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in files]
    return [(name, data) for name, data in loaded if "field" in data]


def _cases(kind: str) -> list[Any]:
    params = []
    for name, data in _case_files():
        for index, case in enumerate(data.get(kind) or []):
            params.append(pytest.param(data, case, id=f"{name}:{kind}:{index}"))
    return params


def _found(data: dict[str, Any], case: dict[str, Any]) -> list[dict[str, Any]]:
    published = case.get("published", data.get("published"))
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    record = extract(case["text"], source="case", metadata=Metadata(published=published),
                     settings=BODY_ONLY)
    value = getattr(record, data["field"])
    items = value if isinstance(value, list) else ([] if value is None else [value])
    return [item.model_dump(mode="json") for item in items]


def _matches(expected: dict[str, Any], found: dict[str, Any]) -> bool:
    for key, value in expected.items():
        have = found.get(key)
        if isinstance(value, dict) and isinstance(have, dict):
            if not _matches(value, have):
                return False
        elif have != value:
            return False
    return True


def test_every_family_has_cases() -> None:
    fields = {data["field"] for _, data in _case_files()}
    assert "campaigns" in fields
    for _, data in _case_files():
        assert data.get("positive"), f"{data['field']}: no positive examples"


@pytest.mark.parametrize(("data", "case"), _cases("positive"))
def test_positive_case(data: dict[str, Any], case: dict[str, Any]) -> None:
    found = _found(data, case)
    for expected in case["expect"]:
        assert any(_matches(expected, item) for item in found), (
            f"{expected} not found in {case['text']!r}; found {found}"
        )
    if case.get("exact", True):
        assert len(found) == len(case["expect"]), f"extra items found: {found}"


@pytest.mark.parametrize(("data", "case"), _cases("negative"))
def test_negative_case(data: dict[str, Any], case: dict[str, Any]) -> None:
    found = _found(data, case)
    if "not" in case:
        for unwanted in case["not"]:
            assert not any(_matches(unwanted, item) for item in found), f"found {unwanted}"
    else:
        assert found == [], f"nothing expected in {case['text']!r}, found {found}"
