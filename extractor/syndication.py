"""Syndicated copies: one story on several sites, found so totals count it once.

Two articles are copies when their clean texts share most of their 5-word
shingles (estimated Jaccard similarity >= SIMILARITY, by MinHash). Candidates
come from locality-sensitive hashing (BANDS bands of ROWS signature values), so
the cost is linear in the corpus, not quadratic. In each group of copies the
canonical article is the earliest published (unknown dates last, then the
smallest article_id); every other one gets `duplicate_of` = the canonical id.
The order records arrived in does not matter: the same corpus gives the same
links, whichever engine or resume produced it.

Memory: one signature (PERMUTATIONS uint32) per article, about 300 bytes.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import regex

SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS, ROWS = 16, 4  # BANDS * ROWS == PERMUTATIONS; a 0.8-similar pair meets with p > 0.999
SIMILARITY = 0.8

_PRIME = np.uint64(4_294_967_311)  # smallest prime above 2**32
_RANDOM = np.random.RandomState(20_240_501)  # fixed: signatures must match across runs
_A = _RANDOM.randint(1, 2**31, size=(PERMUTATIONS, 1)).astype(np.uint64)
_B = _RANDOM.randint(0, 2**31, size=(PERMUTATIONS, 1)).astype(np.uint64)
_MIX = np.array([0x9E3779B1 ** (k + 1) % 2**32 for k in range(SHINGLE_WORDS)], dtype=np.uint64)
_WORD = regex.compile(r"[\p{L}\p{N}]+")

Signature = npt.NDArray[np.uint32]


def signature(text: str) -> Signature | None:
    """MinHash signature of the text's word shingles; None for a text without words."""
    words = _WORD.findall(text.casefold())
    if not words:
        return None
    hashes = np.array([zlib.crc32(word.encode("utf-8")) for word in words], dtype=np.uint64)
    width = min(SHINGLE_WORDS, len(hashes))
    count = len(hashes) - width + 1
    shingles = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        shingles = (shingles + hashes[offset : offset + count] * _MIX[offset]) & np.uint64(
            0xFFFFFFFF
        )
    permuted = (_A * shingles[np.newaxis, :] + _B) % _PRIME
    minimum: Signature = (permuted.min(axis=1) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    return minimum


def similarity(left: Signature, right: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(left == right))


@dataclass(frozen=True)
class Copy:
    article_id: str
    duplicate_of: str
    similarity: float


@dataclass(frozen=True)
class _Entry:
    published: dt.date | None
    article_id: str
    signature: Signature

    def order(self) -> tuple[bool, dt.date, str]:
        return (self.published is None, self.published or dt.date.min, self.article_id)


def find_copies(articles: Iterable[tuple[str, dt.date | None, str]]) -> list[Copy]:
    """Links from each copy to its canonical article, for (article_id, published, text)."""
    entries = [
        _Entry(published, article_id, sig)
        for article_id, published, text in articles
        if (sig := signature(text)) is not None
    ]
    entries.sort(key=_Entry.order)
    buckets: dict[tuple[int, bytes], int] = {}  # band -> first entry seen there
    canonical: list[str] = []
    copies: list[Copy] = []
    for index, entry in enumerate(entries):
        bands = [(band, entry.signature[band * ROWS : (band + 1) * ROWS].tobytes())
                 for band in range(BANDS)]
        best, best_score = -1, 0.0
        for key in bands:
            other = buckets.get(key)
            if other is not None:
                score = similarity(entry.signature, entries[other].signature)
                if score > best_score:
                    best, best_score = other, score
        if best >= 0 and best_score >= SIMILARITY:
            canonical.append(canonical[best])
            copies.append(Copy(entry.article_id, canonical[best], best_score))
        else:
            canonical.append(entry.article_id)
        for key in bands:
            buckets.setdefault(key, index)
    return copies
