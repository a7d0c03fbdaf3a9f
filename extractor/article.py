"""The analysed article that flows through the taggers.

It holds the clean text, its metadata, its sentences as offsets, its words
(segmented a clause at a time when first asked for: `word_at`, `tokens`), and
a spaCy `Doc` built from those words so that matchers see Vietnamese words
("Công an", "Ủy ban") rather than syllables. `doc.text == text` always holds,
so a character offset means the same thing in both.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING

from extractor.text.segment import Offsets, Words

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab


@cache
def shared_vocab() -> Vocab:
    """The vocabulary every Doc and Matcher of the process must share.

    spaCy is imported here, on first use, not with the module: importing it costs
    a worker ~0.7 s of start-up and no tagger builds a Doc today.
    """
    import spacy

    return spacy.blank("xx").vocab  # tokenizer unused: Docs are built from our own words


@dataclass
class Article:
    text: str
    sentences: list[Offsets]
    words: Words
    published: dt.date | None = None
    title: str | None = None
    site: str | None = None
    warnings: list[str] = field(default_factory=list)
    body_start: int = 0  # the headline, when there is one, is the text's first paragraph

    @property
    def lead_sentence(self) -> int:
        """Index of the body's first sentence (the headline's is 0 when there is one)."""
        return self.sentence_of(self.body_start)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding `offset` (0 when before the first)."""
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def word_at(self, offset: int) -> Offsets | None:
        """The word holding `offset`, or None between words; segments only its sentence."""
        return self.words.at(offset)

    @cached_property
    def tokens(self) -> list[Offsets]:
        """Every word of the text as offsets (segments every sentence: prefer `word_at`)."""
        return self.words.all()

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]

    @cached_property
    def doc(self) -> Doc:
        """spaCy Doc of the words; gaps other than one space become space tokens."""
        words: list[str] = []
        spaces: list[bool] = []
        cursor = 0
        for start, end in self.tokens:
            if start > cursor:
                gap = self.text[cursor:start]
                if gap == " " and words:
                    spaces[-1] = True
                else:
                    words.append(gap)
                    spaces.append(False)
            words.append(self.text[start:end])
            spaces.append(False)
            cursor = end
        if cursor < len(self.text):
            words.append(self.text[cursor:])
            spaces.append(False)
        from spacy.tokens import Doc

        return Doc(shared_vocab(), words=words, spaces=spaces)
