"""Where a rule led by a cue word before a name can match: found from the name.

"bị cáo Nguyễn Văn T.", "ông Phạm Văn Phố", "Thượng tá Lê Hưng", "bắt giữ Hà Thị Mơ": a
rule of `people.yaml` with `cue_before_name` (a word list, or the key of one) matches a
word of the list, an optional ":" (and, after a role noun, "người"), a space and a name,
which begins with a capital. Found as `leads`, those lower-case words (ông inside
"không", anh inside "thanh", bị, do, là ...) stand at nearly every syllable: searching
for them cost more than all the people rules together. Capitals after a space are few
(80 in an article of 2,700 characters), so such a rule is tried only where a word of its
list ends right before one. The starts are a superset of the rule's matches' starts (its
pattern refuses the others), so `finditer_from` gives exactly what a full scan gives;
tests/test_people_cue_starts.py checks it on every case sentence and corpus article.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extractor.resources.loader import Rule, load_lexicon
from extractor.rules.person_patterns import case_variants

# A capital with a space before it: where a name after a cue begins.
_NAME_START = regex.compile(r"(?<= )\p{Lu}")
_PERSON_WORD = " người "  # "bị cáo người Trung Quốc X"


def name_starts(text: str) -> list[int]:
    """Every capital with a space before it."""
    return [match.start() for match in _NAME_START.finditer(text)]


def _ends(text: str, capital: int) -> list[int]:
    """Where a cue may end before the name at `capital`: before " ", ": ", " người " or
    ": người " (a superset for a rule that reads no "người")."""
    ends = [capital - 1]
    if text.startswith(_PERSON_WORD, capital - len(_PERSON_WORD)):
        ends.append(capital - len(_PERSON_WORD))
    return ends + [end - 1 for end in ends if text[end - 1 : end] == ":"]


def _tails(chunk: str) -> list[str]:
    """The ends of `chunk` a cue word may end with: the chunk, and each part after a
    character that is no letter ("(anh" -> "anh", "PGS.TS" -> "TS"), where a word may
    begin (the rules open with (?<![\\p{l}]))."""
    return [chunk, *(chunk[index + 1 :] for index, char in enumerate(chunk)
                     if not char.isalpha())]


class CueIndex:
    """For each of some word lists, where one of its words ends right before a name."""

    def __init__(self, word_lists: Sequence[Sequence[str]]) -> None:
        # each word with its words' first letters in either case, as the rules read it
        self._by_tail: dict[str, list[tuple[str, int]]] = {}
        for index, words in enumerate(word_lists):
            surfaces = {variant for word in words for variant in case_variants(word)}
            for surface in surfaces:
                tail = surface.rsplit(" ", 1)[-1]
                self._by_tail.setdefault(tail, []).append((surface, index))
        self._lists = len(word_lists)
        self._longest = max(len(tail) for tail in self._by_tail)
        # the characters no letter that end a word ("TS."): a chunk ending with another
        # ("Nam," "đó.") holds no cue before the name
        self._odd_ends = frozenset(tail[-1] for tail in self._by_tail if not tail[-1].isalpha())

    def starts(self, text: str, capitals: list[int]) -> list[list[int]]:
        """For each list, the sorted offsets where one of its words begins and ends
        before a name."""
        found: list[set[int]] = [set() for _ in range(self._lists)]
        by_tail, reach = self._by_tail, self._longest + 1
        for capital in capitals:
            # inlined: this loop runs at every capital of every article
            for end in (_ends(text, capital) if text[capital - 2 : capital - 1] == ":"
                        or text.startswith(_PERSON_WORD, capital - len(_PERSON_WORD))
                        else (capital - 1,)):
                window = end - reach if end > reach else 0
                space = text.rfind(" ", window, end)
                chunk = text[space + 1 if space >= 0 else window : end]
                if chunk.isalpha():
                    tails: list[str] | tuple[str] = (chunk,)
                elif chunk[-1:].isalpha() or chunk[-1:] in self._odd_ends:
                    tails = _tails(chunk)
                else:
                    continue
                for tail in tails:
                    for surface, index in by_tail.get(tail, ()):
                        start = end - len(surface)
                        if start >= 0 and text.startswith(surface, start):
                            found[index].add(start)
        return [sorted(starts) for starts in found]


def cue_index(rules: Sequence[Rule], origin: str) -> CueIndex:
    """The cue words of each rule (none for a rule led by `leads`): the words listed under
    `cue_before_name`, or the word list of `origin` it names."""
    lists = []
    for rule in rules:
        words = rule.data.get("cue_before_name") or []
        lists.append(load_lexicon(origin, words) if isinstance(words, str)
                     else [str(word) for word in words])
    return CueIndex(lists)
