"""Stage 2, furniture: split a normalised scraped text into metadata and body.

Finds the title, the dateline (published date), the site tag, the byline and
the photo captions, and removes them and the site's own furniture (menus,
comment forms, "To Top") from the body. The body lines kept are joined by a
blank line into `clean_text`; `runs` maps its characters back to the normalised
text.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import regex

from extractor.resources.loader import load_lexicon, load_resource
from extractor.text.article_parts import ArticleParts
from extractor.text.lines import WORD, Line, ends_sentence_text, fold, lines_of

_RESOURCE = "furniture.yaml"
_DATE = r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})"
# "Thứ Ba, 03/09/2019, 08:13 [GMT+7]", "30/10/2018", "08:13 03/09/2019"
_DATELINE = regex.compile(
    rf"^(?:(?:Thứ\s+\w+|Chủ\s+nhật)\s*,?\s*)?(?:\d{{1,2}}:\d{{2}}\s*,?\s*)?{_DATE}"
    r"(?:\s*,?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:\[?\s*GMT\s*[+-]\s*\d{1,2}\s*\]?)?$",
    regex.IGNORECASE,
)
# "(15:18 15/01/2020)" closing a title line
_TRAILING_STAMP = regex.compile(rf"\s*\(\s*(?:\d{{1,2}}:\d{{2}}\s+)?{_DATE}\s*\)\s*$")
# "(Congannghean.vn)-" or "(Congannghean.vn) -" opening the body
_SITE_IN_BRACKETS = regex.compile(r"^\(\s*(?P<site>[\w.-]+\.(?:vn|com|net|org|info))\s*\)\s*-\s*")
# "HNP - " : a short capitalised tag, then a spaced dash
_SITE_TAG = regex.compile(r"^(?P<site>[A-ZĐ]{2,6}(?:\.vn)?)\s+-\s+(?=\p{Lu})")
# "Ngày 24-9, ...", "Sáng 25/5, ...", "Chiều ngày 3.6, ...": how a body's lead opens
_LEAD_OPENING = regex.compile(
    r"(?:rạng sáng|sáng|trưa|chiều|tối|đêm|ngày|hôm|khoảng)\s+(?:ngày\s+)?\d{1,2}\s*[/.-]\s*"
    r"\d{1,2}(?:\s*[/.-]\s*\d{2,4})?\s*,", regex.IGNORECASE)
_AUTHOR_SEPARATOR = regex.compile(r"\s+-\s+|\s*,\s*|\s+và\s+|\s*/\s*")


@cache
def _lexicon(key: str) -> tuple[str, ...]:
    return tuple(surface.casefold() for surface in load_lexicon(_RESOURCE, key))


@cache
def _longest(key: str) -> int:
    return max(map(len, _lexicon(key)))


def _in_lexicon(text: str, key: str) -> bool:
    """Whether `text`, casefolded, is a surface of the lexicon. Casefolding never
    shortens a text, so one longer than every surface is out without folding it."""
    return len(text) <= _longest(key) and text.casefold() in _lexicon(key)


@cache
def _limit(key: str) -> int:
    return int(load_resource(_RESOURCE)[key])


def _parse_date(match: regex.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _is_title_echo(line: Line, folded_title: str) -> bool:
    """A caption or footer that repeats (a prefix of) the title."""
    if not folded_title or len(line.text) > 2 * len(folded_title):
        return False
    if not line.has_words(4):
        return False
    # The folded line starts with its first word: checking that one first spares
    # folding every paragraph about as long as the title.
    first = WORD.search(line.text.casefold())
    if first is not None and not folded_title.startswith(first[0]):
        return False
    return folded_title.startswith(line.folded)


def _is_caption(line: Line, folded_title: str, seen: dict[str, int]) -> bool:
    if _is_title_echo(line, folded_title):
        return True
    # A line shown twice, not a sentence, is a caption repeated by the page layout.
    if not line.ends_sentence and seen.get(line.folded, 0) > 1:
        return True
    if line.has_words(_limit("max_caption_words") + 1):
        return False
    # A short line standing alone without closing punctuation is a photo caption:
    # the genre ends every body paragraph with a full stop.
    if not line.ends_sentence:
        return True
    folded = line.text.casefold()
    if any(credit in folded for credit in _lexicon("caption_credits")):
        return True
    return any(folded.startswith(opener) for opener in _lexicon("caption_openers"))


def _split_authors(line: str) -> list[str]:
    text = line.strip()
    folded = text.casefold()
    for prefix in _lexicon("byline_prefixes"):
        if folded.startswith(prefix):
            text = text[len(prefix):].strip()
            break
    names = _AUTHOR_SEPARATOR.split(text)
    return [name.strip(" .") for name in names if name.strip(" .")]


def _is_byline(line: Line) -> bool:
    text = line.text.strip()
    if not line.has_words(1) or line.has_words(_limit("max_byline_words") + 1):
        return False
    folded = text.casefold()
    if any(folded.startswith(prefix) for prefix in _lexicon("byline_prefixes")):
        return True
    return not ends_sentence_text(text) and text[0].isupper()


def _cut_tail(lines: list[Line]) -> list[Line]:
    for index, line in enumerate(lines):
        if index > 0 and _in_lexicon(line.text.strip().rstrip(": "), "tail_markers"):
            return lines[:index]
    return lines


def _opens_with_site_tag(line: Line) -> bool:
    text = line.text.strip()
    return bool(_SITE_IN_BRACKETS.match(text) or _SITE_TAG.match(text))


def _is_headline(line: Line) -> bool:
    """Whether a first line can be a headline: a body paragraph never is. A headline
    is short, does not end like a sentence with a full stop, and does not open with
    a dateline lead ("Ngày 24-9, tại Đà Nẵng, ...")."""
    text = line.text.strip()
    if _opens_with_site_tag(line) or line.has_words(_limit("max_title_words") + 1):
        return False
    if text.endswith((".", ";", ":")) and not text.endswith("..."):
        return False
    return not _LEAD_OPENING.match(text)


_EVERY_WORD_CAPITALISED = regex.compile(r"[\p{Lu}\d][^\s]*(?:[\s,.-]+[\p{Lu}\d][^\s]*)*[\s,.]*")


def _title_line(header: list[Line]) -> Line:
    """The headline among the lines above the body: the first of five words or more that
    is not a kicker naming a place ("Phường Trường Thi, TP Vinh": every word capitalised);
    a longer standfirst after it is the body's. Else the longest line."""
    if len(header) > 1:
        for line in header:
            if line.has_words(5) and not _EVERY_WORD_CAPITALISED.fullmatch(line.text.strip()):
                return line
    return max(header, key=lambda candidate: candidate.words)


def _is_body_line(line: Line) -> bool:
    if _opens_with_site_tag(line):
        return True
    # stripped, as always here: str.strip also takes \x1c-\x1f, which \s does not
    ends = ends_sentence_text(line.text.strip())
    return (ends and line.has_words(8)) or line.has_words(60)


def split_furniture(text: str) -> ArticleParts:
    """Find the metadata of a normalised scraped text and cut its clean body."""
    lines = [line for line in _cut_tail(lines_of(text))
             if not _in_lexicon(line.text.strip(), "noise_lines")]
    published: dt.date | None = None
    header: list[Line] = []
    # The first line that is not a dateline is the title when it reads like one
    # (`_is_headline`); short lines after it, until the first body paragraph, are
    # kickers. Text that starts with its body has no title and loses nothing.
    while lines and (not header or not _is_body_line(lines[0])):
        if not header and not _DATELINE.match(lines[0].text.strip()) and not _is_headline(
                lines[0]):
            break
        line = lines.pop(0)
        dateline = _DATELINE.match(line.text.strip())
        if dateline:
            published = published or _parse_date(dateline)
        else:
            header.append(line)
    title: str | None = None
    title_start = 0
    if header:
        title_line = _title_line(header)
        stamp = _TRAILING_STAMP.search(title_line.text)
        if stamp:
            published = published or _parse_date(stamp)
            title = title_line.text[: stamp.start()].strip()
        else:
            title = title_line.text.strip()
        title_start = title_line.start + len(title_line.text) - len(title_line.text.lstrip())
    authors: list[str] = []
    if len(lines) > 1 and _is_byline(lines[-1]):
        authors = _split_authors(lines.pop().text)
    seen: dict[str, int] = {}
    for line in lines:
        if not line.ends_sentence:  # only such lines can be repeated captions
            seen[line.folded] = seen.get(line.folded, 0) + 1
    folded_title = fold(title) if title else ""
    body = [line for line in lines if not _is_caption(line, folded_title, seen)]
    first_body_line = body[0] if body else None
    if header:
        # the header's other lines (a kicker, a standfirst) open the body: they hold
        # facts ("Khởi tố hai đối tượng" above a longer standfirst), and nothing is lost
        body = [line for line in header if line is not title_line] + body
    site: str | None = None
    pieces: list[str] = [title] if title else []
    runs: list[tuple[int, int, int]] = [(0, title_start, len(title))] if title else []
    cursor = len(title) if title else 0
    body_start = cursor + 2 if title and body else cursor
    for line in body:
        start, content = line.start, line.text
        if line is first_body_line:
            tag = _SITE_IN_BRACKETS.match(content) or _SITE_TAG.match(content)
            if tag:
                site = tag["site"]
                start, content = start + tag.end(), content[tag.end():]
        if pieces:
            pieces.append("\n\n")
            cursor += 2
        pieces.append(content)
        runs.append((cursor, start, len(content)))
        cursor += len(content)
    warnings = [] if body else ["no article body found after removing furniture"]
    return ArticleParts(title, published, site, authors, "".join(pieces), runs, warnings,
                        body_start)
