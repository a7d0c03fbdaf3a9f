"""Names in sentence case: "Bệnh viện Nhân dân Gia Định", "bệnh viện Thể thao VN".

The press often capitalises only the first syllable of a compound word in a body's
name ("Nhân dân", "Thể thao", "Đa khoa", "Xây dựng"). A rule that reads capitals
stops at "Bệnh viện Nhân". The name goes on over the lower-case syllables of the
word its last capital begins (underthesea's word: "Nhân dân" is one word, "Anh
cho" in "Công ty Minh Anh cho biết" is two), then over the capitalised words that
follow ("Gia Định"), as long as the name keeps ending that way.

Only the sentence holding such an ending is segmented (`Article.word_at`), and only
for rules marked `compound: true`.
"""

from __future__ import annotations

from functools import cache

import regex

from extractor.article import Article
from extractor.resources.loader import ResourceError, compile_pattern, expand, load_resource
from extractor.rules.org_rules import all_subpatterns

_RESOURCE = "org_bodies.yaml"


@cache
def _pattern(key: str) -> regex.Pattern[str]:
    """`compound_open`, `compound_word` and `compound_continuation` of org_bodies.yaml."""
    source = load_resource(_RESOURCE).get(key)
    if not isinstance(source, str) or not source:
        raise ResourceError(f"{_RESOURCE}: {key} must be a pattern")
    origin = f"{_RESOURCE}: {key}"
    return compile_pattern(expand(source, all_subpatterns(), origin), origin, flags=0)


def load_patterns() -> None:
    """Compile (and check) the three patterns now: the family's first article, or the
    workers' warm-up, builds them for every later article."""
    for key in ("compound_open", "compound_word", "compound_continuation"):
        _pattern(key)


def compound_end(article: Article, start: int, end: int) -> int:
    """Where a name that ends in the first syllable of a compound word really ends."""
    text = article.text
    fallback = end  # the end before the last run of capitalised words
    while _pattern("compound_open").match(text, end) is not None:
        syllable = max(start, text.rfind(" ", start, end) + 1)
        after_name = _after_proper_name(text, start, syllable)
        if after_name and fallback == end:
            return end  # the name as matched, whatever the word: no need to segment
        word = article.word_at(end - 1)
        if word is None or word[0] != syllable or word[1] <= end:
            return end
        if after_name or _pattern("compound_word").fullmatch(text, *word) is None:
            # "Nội vụ Hà Nội Nhan| sắc": the run went into the next sentence's words
            return fallback
        end = word[1]
        more = _pattern("compound_continuation").match(text, end)
        if more is None:
            return end
        fallback, end = end, more.end()
    return end


def _after_proper_name(text: str, start: int, syllable: int) -> bool:
    """The syllable before `syllable` is a proper name's ("Việt Nam Thủ tướng", "Đắk
    Nông tích cực"): a compound starts a new word after the head, a lower-case word or
    an acronym ("Bệnh viện Nhân dân", "Công ty CP Đầu tư"), never inside a proper name,
    whose every syllable is capitalised. The name's first word is its head ("Báo
    Nhân dân")."""
    before = text.rfind(" ", start, syllable - 1) + 1
    if before <= start:
        return False
    previous = text[before : syllable - 1]
    return previous[:1].isupper() and previous[1:].islower() and previous not in _HEADS


# Heads written as one capitalised word, no proper name: "Tổng Cty Đầu tư ...", and a
# paper's head after its desk ("Ban Biên tập Báo An ninh Thủ đô": org_named.yaml).
_HEADS = frozenset(("Cty", "TCty", "Báo", "Đài"))
