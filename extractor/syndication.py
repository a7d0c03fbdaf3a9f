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
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS, ROWS = 16, 4  # BANDS * ROWS == PERMUTATIONS; a 0.8-similar pair meets with p > 0.999
SIMILARITY = 0.8

# Multiply-shift hashing (Dietzfelbinger): h(x) = (a*x + b mod 2**64) >> 32 with odd a.
# A 2-universal family like the classic (a*x + b) mod prime, without the modulo,
# which made signatures twice as slow.
_RANDOM = np.random.RandomState(20_240_501)  # fixed: signatures must match across runs
_A = (_RANDOM.randint(0, 2**62, size=(PERMUTATIONS, 1), dtype=np.int64).astype(np.uint64)
      * np.uint64(2) + np.uint64(1))
_B = _RANDOM.randint(0, 2**62, size=(PERMUTATIONS, 1), dtype=np.int64).astype(np.uint64)
_MIX = np.array([0x9E3779B1 ** (k + 1) % 2**32 for k in range(SHINGLE_WORDS)], dtype=np.uint64)
_LOW32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
# Words as Python's `re` sees them (\w: letters, digits, "_"); `regex` with \p{L}
# classes read them three times slower, for shingles that serve only to compare.
_WORD = re.compile(r"\w+")

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
        shingles = (shingles + hashes[offset : offset + count] * _MIX[offset]) & _LOW32
    # uint64 products wrap around: that is the "mod 2**64" of the hash family.
    permuted = (_A * shingles[np.newaxis, :] + _B) >> _SHIFT
    minimum: Signature = permuted.min(axis=1).astype(np.uint32)
    return minimum


def signature_bytes(text: str) -> bytes | None:
    """The signature as bytes, small to send between processes (see `from_bytes`)."""
    found = signature(text)
    return None if found is None else found.tobytes()


def from_bytes(data: bytes) -> Signature:
    return np.frombuffer(data, dtype=np.uint32)


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


SignedText = tuple[str, dt.date | None, Signature | None]  # (article_id, published, signature)


def find_copies(articles: Iterable[tuple[str, dt.date | None, str]]) -> list[Copy]:
    """Links from each copy to its canonical article, for (article_id, published, text)."""
    return link_copies((article_id, published, signature(text))
                       for article_id, published, text in articles)


def link_copies(articles: Iterable[SignedText]) -> list[Copy]:
    """Links from each copy to its canonical article, for signatures already computed."""
    entries = [_Entry(published, article_id, sig)
               for article_id, published, sig in articles if sig is not None]
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
