"""Photo credits, sources and bylines: a body named there is no mention.

ANNOTATION.md: "Bylines and photo credits do not" count. The credit is the
furniture around a caption or at the end of the article, not a sentence:

- right after "Ảnh:" or "Nguồn:" ("Ảnh: Công an Điện Biên", "(Nguồn: báo Dân trí)");
- in brackets opened by "Theo" ("(Theo Dân trí)");
- a news agency alone in brackets closing its line ("Hải Bình (VNE)").
A name after a slash ("Ảnh: Thanh Tân/TTXVN") is already dropped as part of a code.

"Theo báo Dân trí, ..." in a sentence cites the paper: it stays a mention.
Tried only on the few hits an article keeps, against a short window before each.
"""

from __future__ import annotations

import regex

# Reversed ((?r)) and tried with search() on the 12 characters before the hit:
# anchored at their end, one try.
_AFTER_MARKER = regex.compile(
    r"(?r)(?:(?<![\p{L}])(?:Ảnh|ẢNH|Nguồn|NGUỒN)\s*:\s*|(?<![\p{L}])(?P<theo>Theo)\s+)$"
)
# What follows a body named in a credit: the credit's end, or its giver's verb.
_CREDIT_END = regex.compile(r"\s*(?:$|\n|[)/.]|cung cấp|\p{Lu})")
_LINE_END = regex.compile(r"[ \t]*(?:$|\n)")


def is_credit(text: str, start: int, end: int, press: bool) -> bool:
    """Whether the body at text[start:end] stands in a credit or a byline."""
    window = max(0, start - 12)
    marker = _AFTER_MARKER.search(text[window:start])
    if marker is not None:
        if marker.group("theo") is None:
            return _CREDIT_END.match(text, end) is not None
        # "Theo": a source in brackets "(Theo X)"
        at = window + marker.start()
        return text[at - 1 : at] == "(" and text[end : end + 1] == ")"
    # "Hải Bình (VNE)" at the end of a line: an agency's byline
    return (press and text[start - 1 : start] == "(" and text[end : end + 1] == ")"
            and _LINE_END.match(text, end + 1) is not None)
