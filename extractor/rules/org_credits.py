"""Photo credits, sources and bylines: a body named there is no mention.

ANNOTATION.md: "Bylines and photo credits do not" count. The credit is the
furniture around a caption or at the end of the article, not a sentence:

- right after "Ảnh:" or "Nguồn:" ("Ảnh: Công an Điện Biên", "(Nguồn: báo Dân trí)");
- in brackets opened by "Theo" or "Dịch từ" ("(Theo Dân trí)", "(Dịch từ SCMP)");
- right after "(Ảnh " ("(Ảnh CAND)") or a bracket's "ảnh:" ("(ảnh: Công an Ninh Bình)");
- a news agency alone in brackets closing its line ("Hải Bình (VNE)");
- a news agency before a slash ("EPA/TTXVN" after a caption, "TTXVN/Tin Tức" closing
  the article): who took the picture or gave the text, for whom; "Theo AFP/Reuters,
  ..." in a sentence cites them and stays;
- a news agency standing after the last sentence, closing the article ("CAND Online",
  "Theo VNE", "Theo Hoàng Việt/ Vnexpress");
- after "Ảnh" opening a caption's last line without a colon (". Ảnh Tuổi Trẻ"), or after
  the photographer's name or a first source and a dash or a spaced slash ("Ảnh: Minh
  Quyết - TTXVN", "Ảnh: Thành An/ Dân Việt", "(Nguồn: The Japan News/ TTXVN)");
- in a source list in brackets ("(Tổng hợp theo báo Dân trí, CAND)": any body; "(Theo
  AFP, Reuters)": the press).
The paper's own tagline ("Báo X cập nhật tin tức ...") is a sentence: setA's reader listed it.
A name after a slash ("Ảnh: Thanh Tân/TTXVN") is already dropped as part of a code.

"Theo báo Dân trí, ..." in a sentence cites the paper: it stays a mention.
Tried only on the few hits an article keeps, against a short window before each.
"""

from __future__ import annotations

import regex

# Reversed ((?r)) and tried with search() on the 12 characters before the hit:
# anchored at their end, one try.
_AFTER_MARKER = regex.compile(
    r"(?r)(?:(?<![\p{L}])(?:Ảnh|ẢNH|Nguồn|NGUỒN)\s*:\s*(?:[Bb]áo\s+)?|\((?:Ảnh|ảnh|ẢNH)\s+"
    r"|\((?:ảnh|nguồn)\s*:\s*"
    r"|[.!?\n][ \t]*(?:Ảnh|ẢNH)[ \t]+"
    r"|(?<![\p{L}])(?P<theo>[Tt]heo|[Dd]ịch (?:từ|theo))\s+)$"
)
# Reversed, on the 40 characters before the hit: a photographer's name (or a first
# source: "(Nguồn: The Japan News/ TTXVN)") and a dash or a spaced slash.
_PHOTOGRAPHER = regex.compile(
    r"(?r)(?<![\p{L}])(?:Ảnh|ẢNH|Nguồn|NGUỒN)\s*:\s*\p{Lu}[\p{L}.]*(?:[ \t]+\p{Lu}[\p{L}.]*){0,4}"
    r"(?:[ \t]+[-–][ \t]+|[ \t]*/[ \t]+)$")
# Reversed, on the 60 characters before the hit: a bracket of sources, the hit one of them.
_SOURCES = regex.compile(
    r"(?r)\((?P<compiled>[Tt]ổng hợp[ \t]+|[Tt]/[Hh][ \t]+)?[Tt]heo[ \t]+"
    r"(?:[^()\n,]{1,40},[ \t]*)*$")
_SOURCES_END = regex.compile(r"(?:[ \t]*,[^()\n]{1,60})?\)")
# What follows a body named in a credit: the credit's end, or its giver's verb.
_CREDIT_END = regex.compile(r"\s*(?:$|\n|[)/.]|cung cấp|\p{Lu})")
_LINE_END = regex.compile(r"[ \t]*(?:$|\n)")
# After an agency: a slash and another giver ("EPA/TTXVN", "TTXVN/Tin Tức"), then the
# credit's end: the text's or the line's, a bracket, or the next sentence's capital
# ("Reuters/Ipsos lấy mẫu ..." goes on: a poll's makers, named in the sentence).
_SLASH_NEXT = regex.compile(
    r"/\p{Lu}[\p{L}\p{N}.]*(?: \p{Lu}[\p{L}\p{N}.]*)*[ \t]*(?:$|\n|\)|\p{Lu})")
# Before an agency closing the article: the end of the last sentence,
# or a writer's name and a slash ("Theo Hoàng Việt/ Vnexpress").
_SENTENCE_END = regex.compile(r"(?r)[.!?\n\"”)/][ \t]*$")


def is_credit(text: str, start: int, end: int, press: bool) -> bool:
    """Whether the body at text[start:end] stands in a credit or a byline."""
    window = max(0, start - 12)
    marker = _AFTER_MARKER.search(text[window:start])
    theo = marker is not None
    if marker is not None:
        if marker.group("theo") is None:
            return _CREDIT_END.match(text, end) is not None
        # "Theo": a source in brackets "(Theo X)", one of a list, or closing the article
        at = window + marker.start()
        if text[at - 1 : at] == "(" and text[end : end + 1] == ")":
            return True
    window = max(0, start - 40)
    if _PHOTOGRAPHER.search(text[window:start]) is not None:
        return _CREDIT_END.match(text, end) is not None
    sources = _SOURCES.search(text[max(0, start - 60) : start])
    if (sources is not None and (press or sources.group("compiled") is not None)
            and _SOURCES_END.match(text, end) is not None):
        return True
    if not press:
        return False
    if not text[end:].strip():  # "... cuối cùng. CAND Online", "... Theo VNE": the source
        return theo or _SENTENCE_END.search(text[max(0, start - 4) : start]) is not None
    if theo:  # "Theo AFP/Reuters, ..." in a sentence cites them
        return False
    if _SLASH_NEXT.match(text, end) is not None:
        return True
    # "Hải Bình (VNE)" at the end of a line: an agency's byline
    return (text[start - 1 : start] == "(" and text[end : end + 1] == ")"
            and _LINE_END.match(text, end + 1) is not None)
