"""Indicators: every quantity of something, with its unit, qualifier and context.

A figure (read by `numbers.py`) is an indicator when a counted noun, a percent
sign, a money unit, a measure or a length of time follows it (`indicators.yaml`,
`indicator_tails.py`): a noun of the closed list first, else any lowercase word
that is not a stop word (the open rule, `indicator_words.py`); a scaled figure
where money is spoken of is in dong. Figures inside names, dates, codes, plates,
phone numbers and quoted names (`indicator_names.py`) are refused. A bare figure
borrows the noun (and the scale) of the next one in "từ 5 lên 17 tổ", "3 đến 4 ngày",
in lists ("96, 71 và 58 mô hình") and ranges ("25-35 tuổi", "40-50 triệu đồng":
`indicator_ranges.py`). Then each indicator gets its
metric, category and period (`indicator_context.py`), its flags (implausible
values, targets: `indicator_flags.py`), and two links: the second figure of "từ 5
... lên 17 ..." points to the first (`change_from`), and the figures after
"trong đó" point to their total (`part_of`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import regex

from extractor.article import Article
from extractor.facts import Facts, evidence
from extractor.resources.loader import Rule
from extractor.rules import indicator_context as context
from extractor.rules import indicator_flags as flags
from extractor.rules import indicator_lists as lists
from extractor.rules import indicator_names as names
from extractor.rules import indicator_ranges as ranges
from extractor.rules import indicator_resources as data
from extractor.rules import indicator_tails as tails
from extractor.rules import indicator_words as words
from extractor.rules.number_pairs import pair_second, with_some
from extractor.rules.number_words import start_words
from extractor.rules.numbers import NumberReading, find_numbers
from extractor.rules.overlaps import SpanIndex
from schemas import Indicator

_BREAKDOWN = regex.compile(r"(?<![\p{L}])trong đó(?![\p{L}])", regex.IGNORECASE)


# "7 năm 6 tháng", "một năm 7 tháng tù": a unit of time after a figure heads no name, the
# next figure counts; after a spelled one, not "ngày" ("hai ngày 12 và 13 âm lịch").
_AFTER_FIGURE = regex.compile(
    r"(?r)(?:\d\s+(?:năm|tháng|tuần|ngày)|(?<![\p{L}])(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín"
    r"|mười|mươi|lăm|rưỡi)\s+(?:năm|tháng|tuần))\s+$", regex.IGNORECASE)
# A prison term after a capitalised head is a person's: "tuyên phạt Mã 6 năm tù", "bị
# cáo Trang 20 năm tù" (a surname or given name that is also "mã", "trang").
_PRISON_TERM = regex.compile(
    r"\s+(?:năm|tháng)(?:\s+\d+\s+tháng)?\s+tù(?![\p{L}])", regex.IGNORECASE
)


_AREA_SIZES = frozenset({"indicator.percent", "indicator.measure"})
# Counts whose dashed range is one estimate ("3-4 người"); ages, degrees, revolutions and
# distances are intervals and keep both bounds ("25-35 tuổi", "13-16 độ", "1.800-3.500
# vòng", "6-7 hải lý"), as decimals do ("2,5 - 4,8 lần").
_COUNTS = frozenset({"indicator.count", "indicator.count_open"})
_NOT_ESTIMATES = frozenset({"tuổi", "độ", "vòng", "hải lý", "dặm", "inch"})
# A house's storeys, not its number: "căn nhà 4 tầng", "tòa nhà 20 tầng" (setK; realnews
# 125 "nhà N tầng", all storeys); "nhà 12 tầng 3" would be a number and a floor.
_STOREYS = regex.compile(r"\s+tầng(?![\p{L}])(?!\s*\d)", regex.IGNORECASE)


class _Figure(NamedTuple):
    """A figure that passed the filters, before it becomes an Indicator (a named
    tuple: a frozen dataclass took eight times longer to build)."""

    reading: NumberReading
    rule: Rule
    unit: str
    unit_start: int
    end: int
    qualifier: str
    start: int  # qualifier included


def _refused(
    text: str, word_at: words.WordLookup, reading: NumberReading, claimed: SpanIndex,
    quotes: names.QuotedNames,
) -> bool:
    if claimed.overlaps(reading.span_start, reading.end) or tails.refused_shape(text, reading):
        return True
    if reading.rule == "number.vague" and text[reading.start : reading.end].split(
            " ", 1)[0].casefold() in data.few_words():
        return True  # "vài chục phút": a few tens, no figure
    head = data.name_head().search(text, max(0, reading.start - 20), reading.start)
    if reading.rule == "number.words" and pair_second(text, reading.start):
        head = None  # "năm sáu người": five or six, no year
    if head is not None and words.opens_word(word_at, head.start()) and not (
        data.head_exceptions().search(text, max(0, head.start() - 12), head.end())
        or _AFTER_FIGURE.search(text, max(0, head.start() - 16), head.end())
        or (head.group()[:1].isupper() and _PRISON_TERM.match(text, reading.end))
        or (head.group().split()[-1].casefold() == "nhà" and _STOREYS.match(text, reading.end))
    ) and (
        reading.rule not in tails.SPELLED
        or head.group().split()[0].casefold() in data.spelled_name_heads()
        or " ".join(head.group().split()).casefold() in data.spelled_name_heads()
    ):
        return True  # "quận 6"; not the "số" that ends the word "tổng số"
    if reading.rule == "number.lone" and text[reading.end : reading.end + 1] in ",;)" and (
            tails.name(text, reading)):
        return True  # "tự Thu Ba, 49 tuổi": a name, no figure to share the next one's noun
    # Inside a quoted name ("Chương trình mục tiêu 3 giảm") on the same line.
    return quotes.inside(reading.start)


def _number_unit(unit: str) -> bool:
    """An open rule's unit that is a number word ("bốn" of "ba bốn người"), not a noun it
    opens ("hai ba lô": a compound of indicator_compounds.yaml)."""
    head = unit.split(" ", 1)[0].casefold()
    return head in start_words() and unit.casefold() not in words.compounds().get(head, ())


def _figures(
    text: str, word_at: words.WordLookup, claimed: list[tuple[int, int]],
    sentence_start: Callable[[int], int],
) -> list[_Figure]:
    spans, quotes = SpanIndex(claimed), names.QuotedNames(text)
    readings = [
        with_some(text, r) for r in find_numbers(text, lone=True)
        if not _refused(text, word_at, r, spans, quotes)
    ]
    found = [
        tails.tail(text, word_at, reading) or tails.age_before(text, reading)
        for reading in readings
    ]
    for index, after in enumerate(found):
        if after is not None and (
                (index + 1 < len(readings) and after.unit_start == readings[index + 1].start
                 and pair_second(text, readings[index + 1].start))
                or (after.rule.data.get("open") and _number_unit(after.unit))):
            found[index] = None  # "ba bốn người": the next figure is no noun of this one
    borrowed = [False] * len(readings)
    for index in range(len(readings) - 1, -1, -1):  # right to left: lists chain
        money = None if found[index] is not None else tails.implied_money(
            text, readings[index], sentence_start(readings[index].start))
        if found[index] is None and index < len(readings) - 1 and not names.year_shaped(
                text, readings[index]) and ranges.shares_next_noun(
                text, readings, index) and (money is None or tails.same_scale(
                text, readings[index], readings[index + 1], found[index + 1])):
            # "bán 76,6 triệu và 69,2 triệu máy"; not "chiếm đoạt 15 tỉ, 2 nhân viên"
            found[index], borrowed[index] = found[index + 1], found[index + 1] is not None
            if borrowed[index]:
                readings[index] = ranges.borrow_scale(text, readings[index], readings[index + 1])
        found[index] = found[index] or money
    figures: list[_Figure] = []
    units = [tail.unit if tail is not None else None for tail in found]
    for index, (reading, tail, bare) in enumerate(zip(readings, found, borrowed, strict=True)):
        if tail is None and reading.rule == "number.lone":
            tail = _listed_tail(text, word_at, figures, readings, index, units)
        if tail is None or (figures and reading.span_start < figures[-1].end):
            continue  # nothing counted, or inside the last figure's unit ("một năm")
        if reading.rule == "number.lone" and figures and not text[
                figures[-1].end : reading.span_start].strip() and not pair_second(
                text, reading.start):
            continue  # "3 lần một ngày", "16% một năm": a rate, per day, per year
        if tail.rule.id not in _AREA_SIZES and data.area_name_head().search(
                text, max(0, reading.start - 12), reading.start):
            continue  # "khu vực 1 phối hợp": an area's number; "khu vực 21 ha" a size
        if tail.rule.data["kind"] == "duration" and reading.denominator is not None:
            continue  # "3/5 năm" is no length of time
        qualifier = "ratio" if reading.denominator is not None else reading.qualifier
        if not bare:
            tail, at_least, half = tails.after_unit(text, tail)
            qualifier = "at_least" if at_least else qualifier
            reading = reading._replace(value=reading.value + 0.5) if half else reading
        start = reading.span_start
        if qualifier == "more_than" and tails.aboard(text, reading, tail.unit):
            qualifier, start = "exact", reading.start  # "đi trên 4 xe máy": on board
        # A borrowed noun stays with its own figure: the bare figure's text is the number;
        # an estimate of a count ("3-4 người") is one figure, its low bound, about.
        unit_start, end = (reading.end, reading.end) if bare else (tail.unit_start, tail.end)
        if bare and tail.rule.id in _COUNTS and tail.unit.casefold() not in _NOT_ESTIMATES and (
                ranges.estimate(text, reading, readings[index + 1])):
            unit_start, end = tail.unit_start, tail.end
            qualifier = "about" if qualifier == "exact" else qualifier
        figures.append(
            _Figure(reading, tail.rule, tail.unit, unit_start, end, qualifier, start)
        )
    return figures


def _listed_tail(
    text: str, word_at: words.WordLookup, figures: list[_Figure], readings: list[NumberReading],
    index: int, units: list[str | None],
) -> tails.Tail | None:
    """The noun a lone "một" counts in a list of counts (`indicator_lists.py`), or None."""
    reading = readings[index]
    if lists.one_of_many(text, readings, index, units) or lists.counted_one(text, reading):
        return tails.tail(text, word_at, reading, listed=True)
    last = figures[-1] if figures else None
    if not lists.after_count(text, last.rule.data["kind"] if last else None,
                             last.end if last else 0, reading):
        return None
    tail = tails.tail(text, word_at, reading, listed=True)
    if tail is not None and tail.rule.data.get("open") and lists.parallel(
            [(f.unit, f.end) for f in figures], reading, tail.unit) and lists.contrasted(
            text, reading, tail.unit):
        return None  # "hai khu, một khu để ..., một khu là ...": one and the other
    if tail is not None and tail.rule.data.get("open") and not lists.parallel(
            [(f.unit, f.end) for f in figures], reading, tail.unit) and not (
            lists.seized_list(text, reading, figures[-1].start)):
        return None  # "26 tuổi, một diễn viên": an apposition, no count
    return tail


def _link_changes(text: str, figures: list[_Figure], sentences: list[int]) -> dict[int, int]:
    """Index of each "lên 17" figure -> index of its "từ 5" figure, same sentence."""
    links: dict[int, int] = {}
    for index in range(1, len(figures)):
        first, second = figures[index - 1], figures[index]
        if sentences[index] != sentences[index - 1]:
            continue
        if not ranges.FROM.search(text, max(0, first.start - 10), first.start):
            continue
        if ranges.TO.fullmatch(text, first.end, second.reading.start):
            links[index] = index - 1
            if second.start < second.reading.start:  # "tới" here means "to", not "about"
                figures[index] = second._replace(qualifier="exact", start=second.reading.start)
    return links


def _link_parts(text: str, figures: list[_Figure], sentences: list[int]) -> dict[int, int]:
    """Figures after "trong đó" with the unit of the figure before it -> that total."""
    links: dict[int, int] = {}
    for marker in _BREAKDOWN.finditer(text):
        total = max((i for i, f in enumerate(figures) if f.end <= marker.start()), default=None)
        if total is None:
            continue
        for index in range(total + 1, len(figures)):
            if sentences[index] != sentences[total]:
                break
            if figures[index].unit.casefold() == figures[total].unit.casefold():
                links[index] = total
    return links


def _metric(text: str, figure: _Figure, sentence_end: int, clause_start: int) -> str | None:
    kind = figure.rule.data["kind"]
    if kind == "duration":
        return None  # "10 năm thực hiện ..." is a length of time, nothing is counted
    start = figure.end if kind == "percent" else figure.unit_start
    found = context.metric(text, start, sentence_end)
    if found is None and kind == "percent":
        found = context.rate_metric(text, clause_start, figure.start)
    return found


def _sentence_start(article: Article, offset: int) -> int:
    return article.sentences[article.sentence_of(offset)][0] if article.sentences else 0


def tag_indicators(article: Article, facts: Facts) -> list[Indicator]:
    text = article.text
    counted = {(d.start, d.end) for d in facts.dates if d.rule in data.counted_date_rules()}
    claimed = [span for span in facts.claimed() if span not in counted]
    figures = _figures(text, article.word_at, claimed,
                       lambda offset: _sentence_start(article, offset))
    sentences = [article.sentence_of(figure.reading.start) for figure in figures]
    changes = _link_changes(text, figures, sentences)
    parts = _link_parts(text, figures, sentences)
    period_cache: dict[int, list[tuple[int, int]]] = {}
    found: list[Indicator] = []
    for index, figure in enumerate(figures):
        sentence = article.sentences[sentences[index]] if article.sentences else (0, len(text))
        if sentences[index] not in period_cache:
            period_cache[sentences[index]] = context.periods(text, sentence)
        kind = figure.rule.data["kind"]
        period = context.period_for(
            text, period_cache[sentences[index]], (figure.start, figure.end), kind == "duration"
        )
        clause = context.clause_bounds(text, sentence, figure.start, figure.end)
        metric = _metric(text, figure, sentence[1], clause[0])
        if kind == "count" and figure.reading.denominator is not None:
            kind = "ratio"
        label = None if kind in ("duration", "money") else context.category(
            text, figure.unit, metric, (figure.start, figure.end), clause,
        )
        warning, marks = figure.reading.warning, list(figure.reading.flags)
        if flags.implausible(figure.reading.value, figure.unit):
            marks.append(flags.IMPLAUSIBLE)
            warning = flags.implausible_warning(
                text[figure.start : figure.end], figure.reading.value, figure.unit)
        if flags.is_target(text, clause[0], figure.start, article.published, figure.unit):
            marks.append(flags.TARGET)
        if warning:
            facts.warnings.append(f"indicators: sentence {sentences[index]}: {warning}")
        found.append(Indicator(
            **evidence(article, figure.start, figure.end, figure.rule.id),
            value=figure.reading.value,
            unit=figure.unit,
            qualifier=figure.qualifier,
            denominator=figure.reading.denominator,
            kind=kind,
            metric=metric,
            category=label,
            period=text[period[0] : period[1]] if period else None,
            flags=marks,
            part_of=parts.get(index),
            change_from=changes.get(index),
        ))
    return found
