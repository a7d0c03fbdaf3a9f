"""Rule data is validated on load: broken files fail here, not on article 40,000."""

from __future__ import annotations

from importlib import resources

import pytest
import regex
import yaml

from extractor import extract
from extractor.resources import loader
from extractor.resources.loader import (
    ResourceError,
    Rule,
    compile_all,
    compile_pattern,
    expand,
    load_resource,
)

RULE_FILES = sorted(
    path.name
    for path in resources.files("extractor.resources").iterdir()
    if path.name.endswith(".yaml") and not path.name.endswith(".cases.yaml")
)


def test_subpatterns_expand_recursively_and_leave_unicode_classes() -> None:
    pattern = expand(r"{Date}\p{L}", {"Date": "{Day}/{Month}", "Day": r"\d+", "Month": r"\d+"}, "t")
    assert pattern == r"(?:(?:\d+)/(?:\d+))\p{L}"
    assert regex.fullmatch(pattern, "10/5a")


def test_unknown_subpattern_is_refused() -> None:
    with pytest.raises(ResourceError, match="unknown sub-pattern"):
        expand("{Missing}", {}, "t")


def test_cyclic_subpatterns_are_refused() -> None:
    with pytest.raises(ResourceError, match="too deep"):
        expand("{A}", {"A": "{B}", "B": "{A}"}, "t")


@pytest.mark.parametrize("source", [r"\d*", "a?", "(?:x|)"])
def test_pattern_matching_the_empty_string_is_refused(source: str) -> None:
    with pytest.raises(ResourceError, match="empty string"):
        compile_pattern(source, "t")


def test_broken_pattern_names_its_origin() -> None:
    with pytest.raises(ResourceError, match=r"rule x\.y"):
        compile_pattern("(unclosed", "rule x.y")


def test_every_rule_file_compiles_when_the_pipeline_runs() -> None:
    # Families fill some sub-patterns from lexicons in code, so the family's own
    # loader is the one to exercise: one extraction touches every family.
    extract("Ngày 10/5, UBND phường 1 trao 5 Giấy khen theo Kế hoạch 12/KH-UBND.", source="t")
    # Rules compile on first use: a short text leaves most uncompiled; all must compile.
    assert compile_all() > 150
    assert all(rule.compiled for rule in loader._LOADED)


def test_a_rule_read_from_a_file_compiles_on_first_use_and_fails_there_with_its_origin() -> None:
    rule = Rule("x.y", source="(unclosed", origin="family.yaml: rule x.y")
    assert not rule.compiled
    with pytest.raises(ResourceError, match=r"family\.yaml: rule x\.y"):
        _ = rule.pattern


def test_group_names_read_off_the_source_are_those_of_the_compiled_pattern() -> None:
    extract("Ngày 10/5, Công an quận 6 bắt Nguyễn Văn An (31 tuổi).", source="t")
    rules = list(loader._LOADED)
    assert len(rules) > 150
    for rule in rules:
        fresh = Rule(rule.id, source=rule.source, flags=rule.flags)
        assert fresh.group_names == frozenset(rule.pattern.groupindex), rule.id


@pytest.mark.parametrize("name", RULE_FILES)
def test_rule_ids_are_unique_and_named_by_family(name: str) -> None:
    ids = [str(rule["id"]) for rule in load_resource(name).get("rules") or []]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        assert regex.fullmatch(r"[a-z_]+\.[a-z_.0-9]+", rule_id), f"{name}: rule id {rule_id!r}"


@pytest.mark.parametrize("name", sorted(
    path.name for path in resources.files("extractor.resources").iterdir()
    if path.name.endswith(".yaml")))
def test_fast_yaml_loader_reads_every_resource_as_the_pure_python_one_does(name: str) -> None:
    text = resources.files("extractor.resources").joinpath(name).read_text(encoding="utf-8")
    assert load_resource(name) == yaml.safe_load(text)


def test_a_rule_and_its_twin_with_other_data_compile_once() -> None:
    rule = Rule("x.y", source="a+b", origin="t")
    twin = rule.with_data({"leads": ["a"]})
    assert not twin.compiled
    assert rule.pattern is twin.pattern
    assert twin.data == {"leads": ["a"]} and rule.data == {}
