"""The Vietnamese font encodings of old pages: TCVN3 (ABC) and VNI-Windows.

Both put Vietnamese letters on the upper half of an 8-bit code page, so a
browser or scraper that read such a page as Latin-1 / Windows-1252 shows
mojibake ("Céng hoµ" for TCVN3, "Coäng hoøa" for VNI). A codec here works on
that Latin-1 *view* (one character per byte, U+0000-U+00FF), which is what both
a raw byte string and an already mis-decoded text give us.

The tables are data (`resources/legacy_encodings.json`); this module builds
the encode and decode maps from them and checks on load that every Vietnamese
letter the encoding can represent decodes back to itself.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import regex

_RESOURCE = "legacy_encodings.json"
_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0309": "hook", "\u0303": "tilde",
          "\u0323": "dot"}
_SHAPES = {"\u0302": "circumflex", "\u0306": "breve", "\u031b": "horn"}
_BASES = "aăâeêioôơuưy"
# A capital VNI modifier byte is the small one minus 0x20 (ù F9 -> Ù D9).
_CAPITAL_OFFSET = 0x20


class LegacyTableError(ValueError):
    """The legacy encoding tables are inconsistent (found when they load)."""


def vietnamese_letters() -> list[str]:
    """Every letter with a Vietnamese diacritic, and đ, small and capital (134)."""
    small = [unicodedata.normalize("NFC", base + tone) for base in _BASES
             for tone in ("", *_TONES)]
    letters = [letter for letter in small if not letter.isascii()] + ["đ"]
    return letters + [letter.upper() for letter in letters]


@dataclass(frozen=True)
class LegacyCodec:
    """One legacy encoding: Unicode <-> its Latin-1 view."""

    name: str
    encode_map: dict[str, str]  # Vietnamese letter -> one or two Latin-1 chars
    decode_map: dict[str, str]  # one or two Latin-1 chars -> Vietnamese letter
    pattern: regex.Pattern[str]  # every key of decode_map, longest first
    restore_capitals: bool  # TCVN3 loses capitals with a tone; guess them back

    def encode(self, text: str) -> bytes:
        """Bytes of `text` in this encoding; ValueError names a char it cannot hold."""
        out: list[str] = []
        for index, char in enumerate(text):
            if char.isascii():
                out.append(char)
            elif char in self.encode_map:
                out.append(self.encode_map[char])
            else:
                raise ValueError(f"{self.name} cannot encode {char!r} at {index}")
        return "".join(out).encode("latin-1")

    def decode(self, view: str) -> str:
        """Unicode text from a Latin-1 view (text or `bytes.decode('latin-1')`)."""
        text = self.translate(view)
        return _restore_capitals(text) if self.restore_capitals else text

    def translate(self, view: str) -> str:
        """Replace every code by its letter, without guessing lost capitals."""
        return self.pattern.sub(lambda match: self.decode_map[match.group(0)], view)


def _byte(hex_code: str, where: str) -> str:
    try:
        value = int(hex_code, 16)
    except ValueError as error:
        raise LegacyTableError(f"{where}: {hex_code!r} is not a hex byte") from error
    if not 0xA0 <= value <= 0xFF:
        raise LegacyTableError(f"{where}: byte {hex_code} is outside A0-FF")
    return chr(value)


def _build(name: str, encode_map: dict[str, str], extra_decode: dict[str, str],
           restore: bool) -> LegacyCodec:
    decode_map: dict[str, str] = dict(extra_decode)
    for letter, code in encode_map.items():
        if decode_map.get(code, letter) != letter and letter.islower():
            raise LegacyTableError(f"{name}: code {code!r} is used for two letters")
        decode_map.setdefault(code, letter)
    keys = sorted(decode_map, key=len, reverse=True)
    pattern = regex.compile("|".join(regex.escape(key) for key in keys))
    codec = LegacyCodec(name, encode_map, decode_map, pattern, restore)
    for letter in vietnamese_letters():  # fail at import, never on an article
        decoded = codec.translate(codec.encode(letter).decode("latin-1"))
        if decoded not in (letter, letter.lower()):
            raise LegacyTableError(f"{name}: {letter!r} decodes back as {decoded!r}")
    return codec


def _tcvn3(table: dict[str, Any]) -> LegacyCodec:
    codes = {letter: _byte(code, f"tcvn3 {letter}") for letter, code in table["letters"].items()}
    encode_map = dict(codes)
    for letter in vietnamese_letters():
        # Capitals with a tone have no code: plain text keeps the small letter.
        if letter not in encode_map and letter.lower() in codes:
            encode_map[letter] = codes[letter.lower()]
    return _build(str(table["name"]), encode_map, {}, restore=True)


def _vni_letter(letter: str, singles: dict[str, str], modifiers: dict[str, str]) -> str:
    if letter in singles:
        return singles[letter]
    decomposed = unicodedata.normalize("NFD", letter)
    base, marks = decomposed[0], decomposed[1:]
    shape = next((_SHAPES[mark] for mark in marks if mark in _SHAPES), None)
    tone = next((_TONES[mark] for mark in marks if mark in _TONES), None)
    if shape == "horn":  # ơ and ư are single bytes that then take a tone byte
        base = singles[unicodedata.normalize("NFC", base + "\u031b")]
        shape = None
    key = " ".join(part for part in (shape, tone) if part)
    modifier = modifiers[key]
    if letter.isupper():
        modifier = chr(ord(modifier) - _CAPITAL_OFFSET)
    return base + modifier


def _vni(table: dict[str, Any]) -> LegacyCodec:
    singles = {letter: _byte(code, f"vni {letter}") for letter, code in table["letters"].items()}
    modifiers = {key: _byte(code, f"vni {key}") for key, code in table["modifiers"].items()}
    encode_map = {letter: _vni_letter(letter, singles, modifiers)
                  for letter in vietnamese_letters()}
    # Pages mix cases ("Uû" for "Ủ" typed with caps lock off): the base letter
    # decides the case, so accept the modifier byte of either case.
    extra: dict[str, str] = {}
    for letter, code in encode_map.items():
        if len(code) == 2:
            other = chr(ord(code[1]) ^ _CAPITAL_OFFSET)
            extra[code[0] + other] = letter
    return _build(str(table["name"]), encode_map, extra, restore=False)


# A small letter opening a sentence or a line: in TCVN3 text every non-ASCII
# letter came from a code, and capitals with a tone have none. The gap after the
# full stop is bounded so that a run of spaces cannot make the look-behind slow;
# an ellipsis ("...") does not end a sentence.
_SENTENCE_START = regex.compile(r"(?:^|(?<=[^.][.!?][ \t]{1,4}))([\"'(\[]?)([^\x00-\x7f\P{Ll}])",
                                regex.M)
_WORD = regex.compile(r"\p{L}+")
_LINE = regex.compile(r"[^\n]+")


def _reliable(text: str) -> list[tuple[int, str]]:
    """Letters whose case TCVN3 keeps: ASCII ones and the few coded capitals."""
    return [(index, char) for index, char in enumerate(text)
            if char.isalpha() and (char.isascii() or char.isupper())]


def _caps_line(line: str) -> bool:
    letters = _reliable(line)
    return len(letters) >= 6 and all(char.isupper() for _, char in letters)


def _caps_word(word: str) -> bool:
    letters = _reliable(word)
    if not letters or not all(char.isupper() for _, char in letters):
        return False
    # "Tổ" (one capital, first) is an ordinary word; "ĐộI", "ốNG" are capitals.
    return len(letters) >= 2 or letters[0][0] > 0


def _restore_capitals(text: str) -> str:
    """Guess TCVN3's lost capitals: in all-caps lines and words, at sentence starts."""
    text = _LINE.sub(lambda m: m.group(0).upper() if _caps_line(m.group(0)) else m.group(0), text)
    text = _WORD.sub(lambda m: m.group(0).upper() if _caps_word(m.group(0)) else m.group(0), text)
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


@cache
def codecs() -> dict[str, LegacyCodec]:
    """The legacy codecs by key ("tcvn3", "vni"), built and checked once."""
    path = resources.files("extractor.resources").joinpath(_RESOURCE)
    try:
        tables = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise LegacyTableError(f"{_RESOURCE}: cannot be read: {error}") from error
    return {"tcvn3": _tcvn3(tables["tcvn3"]), "vni": _vni(tables["vni"])}
