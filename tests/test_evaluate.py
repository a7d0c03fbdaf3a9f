"""Scoring against gold: the matching rules, the arithmetic, and the quality floors."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.research.evaluate import (
    Counts,
    GoldError,
    evaluate_dirs,
    load_gold,
    predicted_items,
    score_field,
)
from extractor.research.matching import match_items
from extractor.text.normalize import article_id
from schemas import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"
FLOORS = Path(__file__).with_name("quality_floors.json")

TEXT = ("UBND phường Ninh Khánh và Công an quận 6 phối hợp. Ngày 10/5 tiếp nhận 65 vụ, "
        "65 vụ khác, trên 15.000 vụ; khen thưởng 5 tập thể, 10 cá nhân.")


def ind(value: float, unit: str, qualifier: str = "exact") -> dict[str, Any]:
    return {"text": f"{value} {unit}", "value": value, "unit": unit, "qualifier": qualifier}


def orgs(*names: str) -> list[dict[str, Any]]:
    return [{"text": name} for name in names]


def test_one_to_one_multiset_matching() -> None:
    two, one = [ind(65, "vụ"), ind(65, "vụ")], [ind(65, "vụ")]
    missed = score_field("indicators", two, one).counts
    assert (missed.tp, missed.fn, missed.fp) == (1, 1, 0)
    doubled = score_field("indicators", one, two).counts
    assert (doubled.tp, doubled.fn, doubled.fp) == (1, 0, 1)


def test_indicator_value_and_unit_are_compared_loosely_only_where_harmless() -> None:
    assert score_field("indicators", [ind(5, "Vụ")], [ind(5.0, "vụ")]).counts.tp == 1
    assert score_field("indicators", [ind(99.5, "%")], [ind(99.4, "%")]).counts.tp == 0
    assert score_field("indicators", [ind(65, "vụ")], [ind(65, "tin")]).counts.tp == 0


def test_qualifier_accuracy_over_matched_pairs_prefers_agreeing_pairs() -> None:
    gold = [ind(15000, "vụ", "more_than"), ind(15000, "vụ", "exact"), ind(7, "tin", "about")]
    predicted = [ind(15000, "vụ", "exact"), ind(15000, "vụ", "more_than"), ind(7, "tin"),
                 ind(3, "tin")]
    counts = score_field("indicators", gold, predicted).counts
    assert (counts.tp, counts.fp, counts.fn) == (3, 1, 0)
    assert counts.qualifier_correct == 2
    assert counts.qualifier_accuracy == pytest.approx(2 / 3)


def test_organisations_match_by_containment_after_nfc_and_casefold() -> None:
    decomposed = unicodedata.normalize("NFD", "UBND phường Ninh Khánh")
    assert score_field("organizations", orgs(decomposed),
                       orgs("ubnd PHƯỜNG ninh khánh")).counts.tp == 1
    assert score_field("organizations", orgs("Công an quận 6"), orgs("Công an")).counts.tp == 1
    assert score_field("organizations", orgs("Công an"), orgs("Công an quận 6")).counts.tp == 1
    assert score_field("organizations", orgs("Bộ Công an"),
                       orgs("Công an quận 6")).counts.tp == 0


def test_organisation_matching_is_maximal_not_greedy() -> None:
    # Greedy would give "Công an" to the first gold and leave the second unmatched.
    gold = orgs("Công an quận 6", "Công an phường")
    predicted = orgs("Công an", "Công an quận 6 TP Hồ Chí Minh")
    result = score_field("organizations", gold, predicted)
    assert (result.counts.tp, result.misses, result.false_positives) == (2, [], [])


def test_organisations_and_campaigns_compare_distinct_strings() -> None:
    # Gold lists each distinct organisation once; a record has every mention.
    result = score_field("organizations", orgs("Công an phường"),
                         orgs("Công an phường", "công an phường", "Bộ Công an"))
    assert (result.counts.tp, result.counts.fp) == (1, 1)
    assert result.false_positives[0]["text"] == "Bộ Công an"
    names = [{"name": "sáng, sạch, bình an"}] * 3
    assert score_field("campaigns", names[:1], names).counts.fp == 0


def test_matcher_keeps_exact_pairs_and_reports_leftovers() -> None:
    matching = match_items(["a", "b", "c"], ["b", "x", "a"], lambda g, p: g == p)
    assert matching.pairs == [(0, 2), (1, 0)]
    assert (matching.missed, matching.spurious) == ([2], [1])


def test_awards_compare_recipients_only_when_both_have_them() -> None:
    split = {"collectives": 5, "individuals": 10}
    assert score_field("awards", [split], [{**split, "recipients": 15}]).counts.tp == 1
    total = {"collectives": None, "individuals": None, "recipients": 58}
    assert score_field("awards", [total], [total]).counts.tp == 1
    assert score_field("awards", [total], [{**total, "recipients": 20}]).counts.tp == 0
    assert score_field("awards", [split], [{"collectives": 5, "individuals": 9}]).counts.tp == 0


def test_documents_dates_people_campaigns_keys() -> None:
    code = {"code": "09/CTr-BCA-MTTQ", "kind": "Chương trình", "number": "09"}
    assert score_field("documents", [code], [{**code, "code": "09/CTr-BCA-MTTQ"}]).counts.tp == 1
    assert score_field("documents", [code], [{**code, "code": "09/CTr-BCA"}]).counts.tp == 0
    bare = {"code": None, "kind": "Chương trình", "number": "09"}
    assert score_field("documents", [bare], [{**bare, "kind": "chương trình"}]).counts.tp == 1
    assert score_field("dates", [{"value": "XXXX-05-10"}], [{"value": "2019-05-10"}]).counts.fn == 1
    assert score_field("people", [{"name": "Nguyễn Đăng Hưng"}],
                       [{"name": "nguyễn đăng hưng"}]).counts.tp == 1
    assert score_field("campaigns", [{"name": "Sáng, sạch, bình an"}],
                       [{"name": "sáng, sạch, bình an"}]).counts.tp == 1


def test_back_reference_takes_the_code_it_points_to() -> None:
    text = "Chương trình số 09/CTr-BCA-MTTQ ... Chương trình số 09"
    first, second = text.index("Chương trình số 09/"), text.rindex("Chương trình số 09")
    record = ArticleRecord.model_validate({
        "article_id": "0" * 16, "source": "s", "clean_text": text,
        "documents": [
            {"text": text[first:first + 31], "start": first, "end": first + 31, "sentence": 0,
             "kind": "Chương trình", "number": "09", "code": "09/CTr-BCA-MTTQ"},
            {"text": text[second:], "start": second, "end": len(text), "sentence": 0,
             "kind": "Chương trình", "number": "09", "refers_to": 0},
        ]})
    gold = [{"code": "09/CTr-BCA-MTTQ"}, {"code": "09/CTr-BCA-MTTQ"}]
    assert score_field("documents", gold, predicted_items(record, "documents")).counts.tp == 2


def test_precision_recall_f1_arithmetic() -> None:
    counts = Counts(tp=2, fp=1, fn=3)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == pytest.approx(2 / 5)
    harmonic = 2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5)
    assert counts.f1 == pytest.approx(harmonic)
    assert Counts(fn=4).f1 == 0.0 and Counts(fn=4).precision is None
    assert Counts().f1 is None


def _record(stem: str, **fields: list[dict[str, Any]]) -> ArticleRecord:
    data: dict[str, Any] = {"article_id": article_id(stem + TEXT), "source": stem,
                            "clean_text": TEXT}
    for name, items in fields.items():
        data[name] = []
        for item in items:
            start = TEXT.index(item["text"])
            data[name].append({**item, "start": start, "end": start + len(item["text"]),
                               "sentence": 0})
    return ArticleRecord.model_validate(data)


def _write(folder: Path, name: str, content: object) -> None:
    (folder / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")


def test_micro_average_over_articles_and_json_lists_errors(tmp_path: Path) -> None:
    gold_dir, articles = tmp_path / "gold", tmp_path / "articles"
    gold_dir.mkdir()
    articles.mkdir()
    for stem in ("a", "b", "c"):
        (articles / f"{stem}.txt").write_text(TEXT, encoding="utf-8")
    _write(gold_dir, "a.json", {"indicators": [ind(65, "vụ"), ind(15000, "vụ", "more_than")],
                                "organizations": ["UBND phường Ninh Khánh"]})
    _write(gold_dir, "b.json", {"indicators": [ind(65, "vụ")], "dates": [], "comment": "x"})
    predicted = {
        "a": _record("a", indicators=[{"text": "65 vụ", "value": 65, "unit": "vụ"},
                                      {"text": "10 cá nhân", "value": 10, "unit": "cá nhân"}],
                     campaigns=[{"text": "Ngày 10/5", "name": "Ngày 10/5"}]),
        "b": _record("b", indicators=[{"text": "65 vụ", "value": 65, "unit": "vụ"}],
                     dates=[{"text": "Ngày 10/5", "value": "XXXX-05-10"}]),
    }
    evaluation = evaluate_dirs(gold_dir, articles, lambda path: predicted[path.stem])
    totals = evaluation.totals()
    assert (totals["indicators"].tp, totals["indicators"].fp, totals["indicators"].fn) == (2, 1, 1)
    assert totals["dates"].fp == 1  # "dates": [] in gold means "there are none"
    assert totals["campaigns"].fp == 0  # absent from gold: not scored
    assert evaluation.skipped_articles == ["c"]
    report = evaluation.to_json()
    assert report["fields"]["indicators"]["precision"] == pytest.approx(2 / 3)
    first = report["per_article"][0]["fields"]
    assert first["indicators"]["misses"] == [
        {"text": "15000 vụ", "value": 15000, "unit": "vụ", "qualifier": "more_than"}]
    assert first["indicators"]["false_positives"][0]["text"] == "10 cá nhân"
    assert first["organizations"]["fn"] == 1
    assert report["per_article"][1]["unscored_keys"] == ["comment"]


@pytest.mark.parametrize(("content", "reason"), [
    ("{not json", "cannot be read as JSON"),
    ('["dates"]', "top level must be an object"),
    ('{"dates": {"value": "2019"}}', "dates must be a list"),
    ('{"indicators": [{"value": 5}]}', r"indicators\[0\] lacks unit"),
    ('{"people": [3]}', r"people\[0\] is int"),
])
def test_malformed_gold_is_refused_with_the_reason(tmp_path: Path, content: str,
                                                   reason: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=reason):
        load_gold(path)


def test_gold_without_article_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "lost.json", {"dates": []})
    with pytest.raises(GoldError, match="no article lost"):
        evaluate_dirs(tmp_path, tmp_path / "nowhere")


def test_cli_eval_json_on_a_real_article(tmp_path: Path) -> None:
    articles = sorted((ROOT / "corpus" / "articles").glob("*.txt"))
    _write(tmp_path, f"{articles[0].stem}.json", {"dates": [{"value": "XXXX-05-10"}]})
    result = CliRunner().invoke(app, ["eval", str(tmp_path), str(articles[0].parent), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles_scored"] == 1
    dates = report["fields"]["dates"]
    assert dates["gold"] == 1 and dates["tp"] + dates["fn"] == 1
    assert len(report["articles_without_gold"]) == len(articles) - 1


@pytest.mark.parametrize("gold_set", ["corpus/gold", "corpus/heldout/gold"])
def test_scores_stay_above_floors(gold_set: str) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))[gold_set]
    gold = ROOT / gold_set
    assert any(gold.glob("*.json")), f"{gold_set} has no annotations"
    evaluation = evaluate_dirs(gold, ROOT / floors["articles"])
    measured = {**evaluation.totals(), "overall": evaluation.overall()}
    below = {name: (measured[name].f1, floor) for name, floor in floors["f1"].items()
             if (measured[name].f1 or 0.0) < floor}
    assert below == {}, f"{gold_set}: F1 fell below its floor (measured, floor): {below}"
    qualifiers = measured["indicators"].qualifier_accuracy or 0.0
    assert qualifiers >= floors["qualifier_accuracy"], f"qualifier accuracy {qualifiers:.3f}"
