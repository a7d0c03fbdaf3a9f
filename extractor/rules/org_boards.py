"""Boards before a body: "Ban Dân vận Quận ủy quận 6" is the board of the party
committee, one mention (`organizations.yaml`: `board_leads`, `board_prefix`)."""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

import regex

from extractor.resources.loader import ResourceError, compile_pattern, expand, load_resource
from extractor.rules.org_rules import RESOURCE as _RESOURCE


@cache
def board_leads() -> tuple[str, ...]:
    leads = load_resource(_RESOURCE).get("board_leads")
    if not isinstance(leads, list) or not leads or not all(
        isinstance(lead, str) and lead for lead in leads
    ):
        raise ResourceError(f"{_RESOURCE}: board_leads must list non-empty literals")
    return tuple(leads)


@cache
def _board_prefix() -> regex.Pattern[str]:
    data = load_resource(_RESOURCE)
    origin = f"{_RESOURCE}: board_prefix"
    source = expand(str(data.get("board_prefix", "")), data.get("subpatterns") or {}, origin)
    return compile_pattern(source, origin, flags=0)


def with_board(text: str, start: int, board_starts: list[int]) -> int:
    """Start of "Ban Dân vận Quận ủy ..." when a board stands right before the body.

    The leftmost board in the 40 characters before that ends at `start`: tried only
    where a board lead stands (`board_starts`), which is where every board begins.
    """
    window_start = max(0, start - 40)
    for board_start in board_starts[bisect_left(board_starts, window_start) :]:
        if board_start >= start:
            break
        match = _board_prefix().match(text, board_start, start)
        if match is not None:
            if (board_start > 0 and text[board_start - 1].isalpha()) or _in_title(
                text, board_start
            ):
                return start
            return board_start
    return start


# "Thường trực" after a title is the title's ("Phó Thủ tướng Thường trực Chính phủ",
# "Phó Chủ tịch Thường trực UBND tỉnh", "Ủy viên Thường trực Ủy ban ..."), not the board.
_TITLE_BEFORE = regex.compile(
    r"(?r)(?<![\p{L}])(?:Thủ tướng|Chủ tịch|Bí thư|Ủy viên|Chủ nhiệm|[Tt]rưởng ban|"
    r"Giám đốc|[Tt]ổng [Tt]hư ký) $"
)


def _in_title(text: str, board_start: int) -> bool:
    return text.startswith(("Thường trực", "thường trực"), board_start) and (
        _TITLE_BEFORE.match(text[max(0, board_start - 14) : board_start]) is not None
    )
