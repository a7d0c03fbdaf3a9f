"""When "một" (one) counts: it is an article before a noun ("một người đàn ông"),
except in a list of counts.

- after a count, in the same enumeration: "2 khẩu súng, 3 viên đạn và một tép ma túy"
  (`after_count`); a noun of the open rule then counts only when a figure just
  before counted it too ("hai nam sinh 17 tuổi và một nam sinh": `parallel`);
- before a count of the same noun in the same enumeration: "khiến một người chết
  và hai người bị thương", "một ống lớn ở giữa và 2 ống phụ" (`one_of_many`);
- in a list of items each opened by "một" after a verb that seizes, finds, takes
  or holds them (`list_verbs` of indicator_words.yaml): "thu giữ một bộ máy vi
  tính, một máy in, một máy scan", "lấy một con dao rựa và một con dao"; prose
  lists stay articles ("một lĩnh vực, một quốc gia"); not after "trong" ("Trong
  một diễn biến khác, một người ...") nor with "hoặc" ("một balo hoặc một chiếc áo");
- where what it counts is what a seizure took or a casualty toll ("thu giữ một con
  dao", "khiến một người chết": `one_counted` of indicator_words.yaml, `counted_one`).
"""

from __future__ import annotations

import regex

from extractor.rules import indicator_resources as data
from extractor.rules import indicator_words as words
from extractor.rules.numbers import NumberReading

# After a count and its noun, the separator of a list: "..., 3 viên đạn và "
_ENUMERATION = regex.compile(r"[^.;:!?()\n]*?(?:,|\svà)\s*", regex.IGNORECASE)
# Between one "một" and the next figure of its list: a short lowercase noun phrase
# and a comma or "và" ("một máy in màu, ", "một con dao rựa và ").
_ITEM = regex.compile(r"\s+\p{Ll}+(?:\s+\p{Ll}+){0,5}\s*(?:,|\svà)\s+")
_IN = regex.compile(r"(?r)(?<![\p{L}])trong\s+$", regex.IGNORECASE)
# How far before the first "một" of a list its verb may stand ("thu giữ tại nhà ...").
_VERB_REACH = 40
# How far before a "một" after a count its list's verb may stand, in the same clause:
# "thu giữ tại chỗ ba gói heroin, 300.000 đồng, một con dao" (setK).
_LIST_REACH = 160
# A clause ends at these; a dot between digits groups a figure ("300.000 đồng").
_CLAUSE_END = regex.compile(r"(?<!\d)\.|\.(?!\d)|[;:!?\n]")
_ONE = "một"
# How far back (characters) a figure counting the same noun makes "một" count.
_PARALLEL_SPAN = 120


def after_count(text: str, last_kind: str | None, last_end: int, reading: NumberReading) -> bool:
    """"2 khẩu súng, 3 viên đạn và một tép ma túy": in a list of counts, "một" counts;
    after a sum of money too when the list is what was seized ("..., 300.000 đồng, một
    con dao": `seized_list`)."""
    if last_kind != "count" and not (last_kind == "money" and seized_list(
            text, reading, last_end)):
        return False
    between = text[last_end : reading.span_start]
    return len(between) <= 40 and _ENUMERATION.fullmatch(between) is not None


def parallel(previous: list[tuple[str, int]], reading: NumberReading, unit: str) -> bool:
    """"hai nam sinh 17 tuổi và một nam sinh", "2 nam và một nữ": a noun of the open
    rule counts after "một" when a figure just before (unit, end) counted it too (or
    its gender pair): the list contrasts counts of one thing."""
    head = _gender_free(unit)
    return any(_gender_free(other) == head for other, end in previous[-3:]
               if reading.start - end <= _PARALLEL_SPAN)


def _gender_free(unit: str) -> str:
    first, _, rest = unit.casefold().partition(" ")
    return rest if first in words.gender_words() else unit.casefold()


def counted_one(text: str, reading: NumberReading) -> bool:
    """"thu giữ một con dao", "khiến một người chết": what a seizure took and a
    casualty toll are counts, "một" too."""
    return _is_one(text, reading) and data.one_counted().match(text, reading.start) is not None


def _is_one(text: str, reading: NumberReading) -> bool:
    return reading.rule == "number.lone" and text[reading.start : reading.end].casefold() == _ONE


def _joined(text: str, first: NumberReading, second: NumberReading) -> bool:
    """`first` ("một ...") and `second` are items of one enumeration."""
    if second.span_start - first.end > 48:
        return False
    return _ITEM.fullmatch(text, first.end, second.span_start) is not None


def one_of_many(
    text: str, readings: list[NumberReading], index: int, units: list[str | None]
) -> bool:
    """Whether the "một" at `index` is an item of a list of "một ..." items or stands
    before a count of the same noun in the same enumeration (`units`: each reading's
    counted noun, or None)."""
    reading = readings[index]
    if not _is_one(text, reading) or _IN.search(text, max(0, reading.start - 8), reading.start):
        return False
    if index + 1 < len(readings) and _joined(text, reading, readings[index + 1]):
        following, unit = readings[index + 1], units[index + 1]
        if unit is not None and not _is_one(text, following) and (text[
                reading.end + 1 : reading.end + 1 + len(unit)].casefold() == unit.casefold()
                or _after_verb(text, reading)):
            return True  # "gồm một khẩu súng ... và 6 viên đạn": a seized list
        if _is_one(text, following):
            return _after_verb(text, reading)
    if index > 0 and _is_one(text, readings[index - 1]):
        previous = readings[index - 1]
        return _joined(text, previous, reading) and not _IN.search(
            text, max(0, previous.start - 8), previous.start) and (
            _after_verb(text, previous) or one_of_many(text, readings, index - 1, units)
            or (index > 1 and seized_list(text, previous)
                and units[index - 2] is not None))
    return False


def seized_list(text: str, reading: NumberReading, first: int | None = None) -> bool:
    """The enumeration "một" stands in follows a verb that seizes, finds, takes or holds,
    in the same clause: "thu giữ ... 2 con gà đá, một chiếu bạc", "gồm một khẩu súng";
    before the list's `first` item when given ("2 người để sử dụng chiếc kéo, một biểu
    tượng": the verb comes after the count, no list of what was used)."""
    return _after_verb(text, reading, _LIST_REACH, first)


def _after_verb(text: str, reading: NumberReading, reach: int = _VERB_REACH,
                first: int | None = None) -> bool:
    """A verb that seizes, finds, takes or holds stands shortly before, same clause."""
    window = text[max(0, reading.start - reach) : reading.start]
    clause = _CLAUSE_END.split(window)[-1]
    head = len(clause) if first is None else len(clause) - (reading.start - first)
    return head > 0 and words.list_verbs().search(clause, 0, head) is not None


def contrasted(text: str, reading: NumberReading, unit: str) -> bool:
    """"chia làm hai khu, một khu để lắc tài xỉu, một khu là trường gà": "một" twice
    before the same noun, after a count of it, splits the whole (one ... the other):
    no count of its own."""
    pattern = regex.compile(rf"(?<![\p{{L}}])một\s+{regex.escape(unit)}(?![\p{{L}}])",
                            regex.IGNORECASE)
    window = text[max(0, reading.start - _PARALLEL_SPAN) : reading.end + _PARALLEL_SPAN]
    return len(pattern.findall(window)) > 1
