"""Syndicated copies: one story on several sites, found so totals count it once.

Two articles are copies when their clean texts share most of their 5-word
shingles (estimated Jaccard similarity >= SIMILARITY, by MinHash). Candidates
come from locality-sensitive hashing (BANDS bands of ROWS signature values), so
the cost is linear in the corpus, not quadratic. In each group of copies the
canonical article is the earliest published (unknown dates last, then the
smallest article_id); every other one gets `duplicate_of` = the canonical id.
The order records arrived in does not matter: the same corpus gives the same
links, whichever engine or resume produced it.

Memory: `CopyFinder` writes each article's id, date and signature (64 uint32,
~350 bytes in all) to temporary files as it goes, so a run holds none of them.
Linking reads the signatures memory-mapped, one band at a time, and holds about
250 bytes an article while it does (ids, order, first match per band): some
5 MB per 20,000 articles, 250 MB per million.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
import zlib
from dataclasses import dataclass
from typing import IO

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
    return int(np.count_nonzero(left == right)) / PERMUTATIONS


@dataclass(frozen=True)
class Copy:
    article_id: str
    duplicate_of: str
    similarity: float


class CopyFinder:
    """Collects (article_id, published, signature) one article at a time; `links` then
    links each copy to its canonical article.

    What it collects goes to unnamed temporary files (removed when closed, or by the
    system if the process dies), not to memory, so a run's memory does not grow with
    its corpus: ~350 bytes an article, some 350 MB per million articles, would.
    """

    def __init__(self) -> None:
        self._count = 0
        self._ids = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self._days = tempfile.TemporaryFile()  # noqa: SIM115
        self._signatures = tempfile.TemporaryFile()  # noqa: SIM115

    def __len__(self) -> int:
        return self._count

    def __enter__(self) -> CopyFinder:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        for spill in (self._ids, self._days, self._signatures):
            spill.close()

    def add(self, article_id: str, published: dt.date | None, found: Signature | None) -> None:
        if found is None:
            return  # a text without words has no copies to find
        self._ids.write(json.dumps(article_id).encode() + b"\n")  # one line, whatever the id
        day = published.toordinal() if published else 0  # 0: date unknown
        self._days.write(day.to_bytes(8, "little", signed=True))
        self._signatures.write(np.asarray(found, dtype=np.uint32).tobytes())
        self._count += 1

    def links(self) -> list[Copy]:
        """Every copy with its canonical article and their estimated similarity."""
        if not self._count:
            return []
        ids = np.array([json.loads(line) for line in self._spilled(self._ids).splitlines()])
        days = np.frombuffer(self._spilled(self._days), dtype="<i8")
        # Canonical order: dated articles first, earliest first, then by article_id.
        order = np.lexsort((ids, days, days == 0))
        self._signatures.flush()
        # Read in place (memory-mapped): only one band at a time is copied into memory.
        unordered = np.memmap(self._signatures, dtype=np.uint32, mode="r",
                              shape=(self._count, PERMUTATIONS))
        # first[i, band]: the earliest article (in canonical order) whose band equals i's.
        first = np.stack([_first_with_same(unordered[:, band * ROWS : (band + 1) * ROWS][order])
                          for band in range(BANDS)], axis=1)
        canonical = np.arange(len(order))
        copies: list[Copy] = []
        for index in np.flatnonzero((first < canonical[:, np.newaxis]).any(axis=1)):
            # A copy usually meets its original in most bands: each candidate once, in
            # canonical order, so on a tie the earlier article wins.
            others = np.unique(first[index][first[index] < index])
            scores = np.count_nonzero(unordered[order[others]] == unordered[order[index]],
                                      axis=1)
            best = int(np.argmax(scores))
            score = int(scores[best]) / PERMUTATIONS
            if score >= SIMILARITY:
                canonical[index] = canonical[others[best]]
                copies.append(Copy(str(ids[order[index]]), str(ids[order[canonical[index]]]),
                                   score))
        del unordered  # the map must go before its file is closed
        return copies

    @staticmethod
    def _spilled(spill: IO[bytes]) -> bytes:
        spill.flush()
        spill.seek(0)
        data = spill.read()
        spill.seek(0, 2)  # back to the end: more may be added
        return data


def _first_with_same(bands: npt.NDArray[np.uint32]) -> npt.NDArray[np.int64]:
    """For each row, the index of the first row with the same values (itself if none)."""
    keys = np.ascontiguousarray(bands).view(f"V{bands.shape[1] * 4}").ravel()
    _, first_index, inverse = np.unique(keys, return_index=True, return_inverse=True)
    found: npt.NDArray[np.int64] = first_index[inverse.ravel()]
    return found
