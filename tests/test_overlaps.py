"""The span helpers shared by the taggers, against brute force."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.rules.overlaps import QuoteParity, SpanIndex, longest_first

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(spans, st.integers(0, 80), st.integers(1, 10))
def test_span_index_agrees_with_a_scan(claimed: list[tuple[int, int]], start: int,
                                       width: int) -> None:
    end = start + width
    expected = any(start < other_end and other_start < end for other_start, other_end in claimed)
    assert SpanIndex(claimed).overlaps(start, end) == expected


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet='ab"\n', max_size=30), st.integers(0, 30))
def test_quote_parity_agrees_with_counting(text: str, position: int) -> None:
    position = min(position, len(text))
    line_start = text.rfind("\n", 0, position) + 1
    assert QuoteParity(text).inside(position) == (text.count('"', line_start, position) % 2 == 1)


class _Hit:
    def __init__(self, start: int, end: int, order: int) -> None:
        self.start, self.end, self.order = start, end, order


def test_longest_first_keeps_the_longer_then_the_earlier_rule() -> None:
    hits = [_Hit(0, 4, 1), _Hit(0, 9, 2), _Hit(5, 9, 0), _Hit(10, 12, 1), _Hit(10, 12, 0)]
    kept = longest_first(hits)
    assert [(hit.start, hit.end, hit.order) for hit in kept] == [(0, 9, 2), (10, 12, 0)]
