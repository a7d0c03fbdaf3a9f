"""The indicator family's data, loaded, compiled and checked once per process.

`indicators.yaml` holds the rules that must follow a figure (percent sign,
money, measure, duration, counted noun); `indicator_words.yaml` the unit
lexicon, the words that make a figure part of a name and the number words that
are no figure. What is read around a counted figure (metric, period, category)
is loaded by `indicator_context_data.py`, the flags' data by `indicator_flags.py`.
Both files are refused at load when malformed.
"""

from __future__ import annotations

from functools import cache

import regex

from extractor.resources.loader import (
    ResourceError,
    Rule,
    compile_pattern,
    compile_rules,
    load_lexicon,
    load_resource,
)

RESOURCE = "indicators.yaml"
WORDS = "indicator_words.yaml"
_KINDS = ("count", "percent", "ratio", "duration", "money")


def words_pattern(words: list[str]) -> regex.Pattern[str]:
    """Any of `words` as whole words, longest first, case-insensitive."""
    alternatives = "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternatives})(?![\p{{L}}])", regex.IGNORECASE)


def compiled_entries(key: str, subpatterns: dict[str, str]) -> list[Rule]:
    entries = load_resource(RESOURCE).get(key)
    if not isinstance(entries, list) or not entries:
        raise ResourceError(f"{RESOURCE}: {key} must be a non-empty list of rules")
    return compile_rules(RESOURCE, entries, subpatterns)


def named_patterns(key: str) -> dict[str, str]:
    found = load_resource(RESOURCE).get(key) or {}
    if not isinstance(found, dict):
        raise ResourceError(f"{RESOURCE}: {key} must be a mapping")
    return {str(name): str(value) for name, value in found.items()}


@cache
def units() -> list[str]:
    return load_lexicon(WORDS, "units")


@cache
def tail_rules() -> list[Rule]:
    """What may follow a figure; `{Unit}` is the unit lexicon, longest first."""
    lexicon = sorted(units(), key=len, reverse=True)
    subpatterns = named_patterns("subpatterns")
    subpatterns["Unit"] = "|".join(regex.escape(unit) for unit in lexicon)
    rules = compiled_entries("rules", subpatterns)
    for rule in rules:
        if rule.data.get("kind") not in _KINDS:
            raise ResourceError(f"{RESOURCE}: rule {rule.id} needs a kind among {_KINDS}")
        if "unit" not in rule.pattern.groupindex:
            raise ResourceError(f"{RESOURCE}: rule {rule.id} needs a (?P<unit>...) group")
        readings = rule.data.get("readings")
        if readings is not None and not (
            isinstance(readings, list) and readings and all(isinstance(r, str) for r in readings)
        ):
            raise ResourceError(f"{RESOURCE}: rule {rule.id}: readings must list number rule ids")
        for key in ("lone", "lone_listed", "lone_qualified", "not_after", "only_after",
                    "duration_after", "half_after", "approximate", "length_after"):
            listed = rule.data.get(key, [])
            if not isinstance(listed, list) or not all(isinstance(w, str) for w in listed):
                raise ResourceError(f"{RESOURCE}: rule {rule.id}: {key} must list words")
    return rules


@cache
def not_after() -> dict[str, regex.Pattern[str]]:
    """Rule id -> the words that, right before a figure, keep that rule from
    applying ("lúc 8 giờ" is an hour of the day, not a length of time)."""
    return {
        rule.id: regex.compile(
            rf"(?r)(?<![\p{{L}}])(?:{'|'.join(map(regex.escape, rule.data['not_after']))})\s+$",
            regex.IGNORECASE,
        )
        for rule in tail_rules()
        if rule.data.get("not_after")
    }


@cache
def length_after(rule_id: str) -> regex.Pattern[str]:
    """The words right after a rule's unit that make it a length of time ("24 giờ
    tới", "1 giờ sau"); a pattern that never matches when the rule lists none."""
    listed = next(r.data.get("length_after", []) for r in tail_rules() if r.id == rule_id)
    if not listed:
        return regex.compile(r"(?!)")
    return regex.compile(
        rf"\s+(?:{'|'.join(map(regex.escape, listed))})(?![\p{{L}}])", regex.IGNORECASE)


@cache
def only_after() -> dict[str, regex.Pattern[str]]:
    """Rule id -> what must stand right before a figure for that rule to apply: a
    clause opening (punctuation, the start of the text, or one of the rule's
    `only_after` words), "cả" (all) aside."""
    return {
        rule.id: regex.compile(
            r'(?r)(?:^|[.,;:!?()"\n…-]|(?<![\p{L}])(?:'
            + "|".join(map(regex.escape, rule.data["only_after"]))
            + r"))\s*(?:cả\s+)?$",
            regex.IGNORECASE,
        )
        for rule in tail_rules()
        if rule.data.get("only_after")
    }


@cache
def spelled_refused_pairs() -> frozenset[str]:
    """A number word and the word after it that together are another word."""
    return frozenset(p.casefold() for p in load_lexicon(WORDS, "spelled_refused_pairs"))


@cache
def lone_refused() -> regex.Pattern[str]:
    """Tried at a lone number word: where it matches, the word is no figure."""
    patterns = load_lexicon(WORDS, "lone_refused")
    return compile_pattern("|".join(f"(?:{p})" for p in patterns), f"{WORDS}: lone_refused",
                           regex.IGNORECASE)


@cache
def one_counted() -> regex.Pattern[str]:
    """Tried at a "một": where it matches, "một" counts the noun after it."""
    patterns = load_lexicon(WORDS, "one_counted")
    return compile_pattern("|".join(f"(?:{p})" for p in patterns), f"{WORDS}: one_counted",
                           regex.IGNORECASE)


@cache
def counted_date_rules() -> frozenset[str]:
    """Date rules whose span does not keep a figure from counting ("6 tháng đầu năm")."""
    return frozenset(load_lexicon(RESOURCE, "counted_date_rules"))


@cache
def few_words() -> frozenset[str]:
    """The words that open a vague amount that is no figure ("vài chục")."""
    return frozenset(word.casefold() for word in load_lexicon(WORDS, "few_words"))


@cache
def head_exceptions() -> regex.Pattern[str]:
    """Words before a name head that make it no name ("trong vòng")."""
    words = sorted(load_lexicon(WORDS, "head_exceptions"), key=len, reverse=True)
    return regex.compile(rf"(?r)(?<![\p{{L}}])(?:{'|'.join(map(regex.escape, words))})\s+$",
                         regex.IGNORECASE)


@cache
def implied_money() -> tuple[Rule, frozenset[str]]:
    """The rule a scaled figure without a unit is money by (its pattern finds the
    money words of a clause), and the scale words it needs."""
    entry = load_resource(RESOURCE).get("implied_money")
    if not isinstance(entry, dict) or not entry.get("scales") or not entry.get("cues"):
        raise ResourceError(f"{RESOURCE}: implied_money needs scales and cues")
    rule = Rule("indicator.money_implied", words_pattern([str(w) for w in entry["cues"]]),
                {"kind": "money"})
    return rule, frozenset(str(word).casefold() for word in entry["scales"])


@cache
def age_before() -> Rule:
    """The rule that finds "độ tuổi" right before a figure without a unit."""
    source = load_resource(RESOURCE).get("age_before")
    if not isinstance(source, str):
        raise ResourceError(f"{RESOURCE}: age_before must be a pattern")
    pattern = compile_pattern(source, f"{RESOURCE}: age_before")
    return Rule("indicator.age_before", pattern, {"kind": "count"})


@cache
def open_stops() -> frozenset[str]:
    """Words indicator.count_open never takes as a unit (compared lowercase)."""
    return frozenset(word.casefold() for word in load_lexicon(WORDS, "open_stops"))


@cache
def name_head() -> regex.Pattern[str]:
    """A name word right before a figure: "quận 6", "Ban Chỉ đạo 138", "năm 2019"."""
    heads = sorted(load_lexicon(WORDS, "name_heads"), key=len, reverse=True)
    alternatives = "|".join(regex.escape(head) for head in heads)
    # (?r): searched from the end of the window, where the pattern is anchored, the
    # engine tries one place instead of every one (three times faster, same match).
    return regex.compile(rf"(?r)(?<![\p{{L}}])(?:{alternatives})\s+$", regex.IGNORECASE)


@cache
def area_name_head() -> regex.Pattern[str]:
    """An area's name word right before a figure: "tiểu khu 543", "Sài Gòn khu vực 1"."""
    plots = "|".join(regex.escape(head) for head in load_lexicon(WORDS, "area_name_heads"))
    named = "|".join(regex.escape(head) for head in load_lexicon(WORDS, "named_area_heads"))
    # Inside a name: a capitalised word right before ("Mỹ khu vực 9"), or the head
    # capitalised after a lowercase word or a comma ("liên bang Khu vực 9").
    return regex.compile(
        rf"(?r)(?<![\p{{L}}])(?i:{plots}|(?<=(?-i:\p{{Lu}})\p{{L}}*\s+)(?:{named})"
        rf"|(?<=(?-i:[\p{{Ll}},])\s+)(?-i:(?=\p{{Lu}}))(?:{named}))\s+$"
    )


@cache
def spelled_name_heads() -> frozenset[str]:
    """Name heads that a spelled number after them belongs to ("thứ hai")."""
    return frozenset(h.casefold() for h in load_lexicon(WORDS, "spelled_name_heads"))


