"""Bytes to text: every encoding an old Vietnamese page may use, and what is refused."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

import pytest

from extractor.errors import InputError
from extractor.text.encoding import decode_bytes, repair_text
from extractor.text.legacy_fonts import codecs, vietnamese_letters
from extractor.text.vietnamese_score import is_syllable, vietnamese_score
from tests.conftest import ARTICLES

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Characters the legacy code pages cannot hold, as an old page would have typed them.
_PLAIN = str.maketrans({"“": '"', "”": '"', "–": "-", "…": "...", "\xa0": " "})


def seed_text(index: int) -> str:
    return unicodedata.normalize("NFC", ARTICLES[index].read_text(encoding="utf-8"))


def legacy_text(index: int) -> str:
    """A seed as a legacy page would hold it: no curly quotes or en dashes."""
    return seed_text(index).translate(_PLAIN)


def paragraphs() -> list[str]:
    return [p for index in range(len(ARTICLES)) for p in legacy_text(index).split("\n") if p]


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 has few precomposed letters: the tone goes as a combining mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = "".join(mark for mark in decomposed if mark in _TONES)
            base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
            out += (base + tone).encode("cp1258")
    return bytes(out)


def double_encoded(text: str) -> bytes:
    """UTF-8 bytes read as Windows-1252 (undefined bytes kept as is) and saved as UTF-8."""
    undefined = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
    return "".join(chr(b) if b in undefined else bytes([b]).decode("cp1252")
                   for b in text.encode("utf-8")).encode("utf-8")


TCVN3 = codecs()["tcvn3"]
VNI = codecs()["vni"]

# encoding name -> (encoder, expected Decoded.encoding, expected warnings)
ENCODINGS: dict[str, tuple[Callable[[str], bytes], str, list[str]]] = {
    "utf-8": (lambda t: t.encode("utf-8"), "utf-8", []),
    "utf-8 with BOM": (lambda t: t.encode("utf-8-sig"), "utf-8", []),
    "utf-16 with BOM": (lambda t: t.encode("utf-16"), "utf-16-le", []),
    "utf-16-le": (lambda t: t.encode("utf-16-le"), "utf-16-le",
                  ["decoded as utf-16-le (no byte-order mark)"]),
    "utf-16-be": (lambda t: t.encode("utf-16-be"), "utf-16-be",
                  ["decoded as utf-16-be (no byte-order mark)"]),
    "utf-32 with BOM": (lambda t: t.encode("utf-32"), "utf-32-le", []),
    "windows-1258": (encode_cp1258, "Windows-1258",
                     ["decoded as Windows-1258 (tone marks composed to NFC)"]),
    "vni": (VNI.encode, "VNI-Windows", ["converted from VNI-Windows"]),
    "vni mojibake inside utf-8": (lambda t: VNI.encode(t).decode("latin-1").encode("utf-8"),
                                  "utf-8", ["converted from VNI-Windows"]),
    "utf-8 double-encoded": (double_encoded, "utf-8",
                             ["converted from UTF-8 misread as Windows-1252 (double encoding)"]),
}


def test_famous_mojibake_lines_are_read() -> None:
    assert TCVN3.decode("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == (
        "Cộng hoà xã hội chủ nghĩa Việt Nam")
    assert TCVN3.decode("§éc lËp - Tù do - H¹nh phóc") == "Độc lập - Tự do - Hạnh phúc"
    assert VNI.decode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam")
    assert VNI.decode("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"


def test_every_letter_round_trips() -> None:
    letters = vietnamese_letters()
    assert len(letters) == 134  # 66 vowels with a diacritic and đ, in two cases
    for letter in letters:
        assert VNI.translate(VNI.encode(letter).decode("latin-1")) == letter
        # TCVN3 keeps the small letter of a capital with a tone (it has no code).
        assert TCVN3.translate(TCVN3.encode(letter).decode("latin-1")) in (letter, letter.lower())
    assert TCVN3.encode("ĂÂÊÔƠƯĐ") == bytes(range(0xA1, 0xA8))


def test_vni_round_trips_every_seed_paragraph() -> None:
    for paragraph in paragraphs():
        assert VNI.decode(VNI.encode(paragraph).decode("latin-1")) == paragraph


def test_tcvn3_round_trips_but_for_capitals_with_a_tone_inside_a_sentence() -> None:
    exact = 0
    for paragraph in paragraphs():
        decoded = TCVN3.decode(TCVN3.encode(paragraph).decode("latin-1"))
        assert len(decoded) == len(paragraph)
        for original, got in zip(paragraph, decoded, strict=True):
            if original != got:  # the only loss: "Ủy ban" mid-sentence reads "ủy ban"
                assert got == original.lower() and not original.isascii(), paragraph
        exact += decoded == paragraph
    assert exact >= len(paragraphs()) - 10
    # Capitals are guessed back at sentence starts, in all-caps lines and in
    # all-caps words with a second sure letter; "BỘ" (only "B" is sure) is lost.
    line = "Ủy ban họp. Ở đây có BỘ CÔNG AN, TỔNG KẾT và ĐỘI."
    assert TCVN3.decode(TCVN3.encode(line).decode("latin-1")) == line.replace("BỘ", "Bộ")
    title = "BỘ CÔNG AN TỔNG KẾT"
    assert TCVN3.decode(TCVN3.encode(title).decode("latin-1")) == title
    assert TCVN3.decode(TCVN3.encode('trộm"... đã').decode("latin-1")) == 'trộm"... đã'


@pytest.mark.parametrize("name", list(ENCODINGS))
@pytest.mark.parametrize("index", range(len(ARTICLES)))
def test_each_encoding_of_each_seed_decodes_to_the_text(name: str, index: int) -> None:
    encode, encoding, warnings = ENCODINGS[name]
    text = legacy_text(index)
    decoded = decode_bytes(encode(text), ARTICLES[index].name)
    assert (decoded.text, decoded.encoding, decoded.warnings) == (text, encoding, warnings)


@pytest.mark.parametrize("index", range(len(ARTICLES)))
def test_tcvn3_file_is_converted_with_a_warning(index: int) -> None:
    text = legacy_text(index)
    for data in (TCVN3.encode(text), TCVN3.encode(text).decode("latin-1").encode("utf-8")):
        decoded = decode_bytes(data, "old.txt")
        assert decoded.warnings == ["converted from TCVN3 (ABC)"]
        assert decoded.text.casefold() == text.casefold()


def test_genuine_unicode_is_never_second_guessed() -> None:
    for index in range(len(ARTICLES)):
        text = seed_text(index)
        assert repair_text(text) == (text, [])
        assert vietnamese_score(text).share > 0.99
    assert repair_text("Hello, world: café crème") == ("Hello, world: café crème", [])


def test_syllables() -> None:
    for word in ("người", "Quốc", "nghiêng", "khuya", "chuyện", "hòa", "hoà", "thuở", "Đắk"):
        assert is_syllable(word), word
    for word in ("héi", "hoøa", "Vieät", "ph¸t", "Müller", "hộià"):
        assert not is_syllable(word), word


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty: the input has no bytes"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
         "binary content: 203 NUL bytes, the first at byte 8"),
        (bytes(range(1, 9)) * 50 + "Công an".encode(), "binary content: 98% control bytes"),
        ("\ue000".encode() * 300 + b"abc", "mostly non-text: 99% of characters"),
        (b"\xff\xfe" + b"\x00\xd8" * 4, "undecodable: utf-16-le byte-order mark but invalid"),
    ],
    ids=["empty", "png", "control-soup", "private-use", "bad-utf16"],
)
def test_non_text_is_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        decode_bytes(data, "in.bin")
    assert caught.value.stage == "read" and caught.value.source == "in.bin"


def test_random_bytes_are_refused_not_decoded() -> None:
    generator = random.Random(7)
    for _ in range(20):
        data = bytes(generator.randrange(256) for _ in range(2048))
        with pytest.raises(InputError, match="binary content"):
            decode_bytes(data, "noise.bin")


def test_other_legacy_encodings_go_to_charset_normalizer() -> None:
    russian = "Привет, как дела? Это тестовый текст на русском языке, достаточно длинный."
    french = "L'été dernier, nous sommes allés à la plage près de Nice; c'était très agréable."
    japanese = "これは日本語のテキストです。文字コードの判定をテストします。"
    for text, encoding in ((russian, "cp1251"), (french, "cp1252"), (japanese, "shift_jis")):
        decoded = decode_bytes(text.encode(encoding), "other.txt")
        assert decoded.text == text
        assert decoded.warnings[0].endswith("(guessed by charset-normalizer)")


def test_a_few_corrupt_bytes_in_utf8_are_replaced_and_reported() -> None:
    data = seed_text(0).encode("utf-8")
    decoded = decode_bytes(data[:500] + b"\xff" + data[500:], "torn.txt")
    assert decoded.text.count("\ufffd") == 1
    assert decoded.warnings == [
        "invalid UTF-8: 1 byte sequence(s) replaced by U+FFFD, the first at byte 500"]


def test_decoded_legacy_file_gives_the_same_record() -> None:
    from extractor import extract

    text = legacy_text(3)
    decoded = decode_bytes(VNI.encode(text), "old.txt")
    assert extract(decoded.text, "old.txt") == extract(text, "old.txt")
