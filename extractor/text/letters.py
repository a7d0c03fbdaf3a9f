"""Letters without their marks: "Nguyễn" -> "Nguyen", "Đắk" -> "Dak".

Vietnamese writes tones and vowel shapes as marks over Latin letters; a key that
ignores them lets "Ha Noi" find "Hà Nội" and a syllable pattern written in plain
letters read any spelling. "đ" is a letter of its own in Unicode (no mark to drop),
so it becomes "d" here.
"""

from __future__ import annotations

import unicodedata


def without_marks(text: str) -> str:
    """`text` with every combining mark dropped and "đ"/"Đ" read as "d"/"D"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
