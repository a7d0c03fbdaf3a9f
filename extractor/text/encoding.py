"""Bytes to text: UTF-8/16/32, Windows-1258, TCVN3, VNI, then charset-normalizer.

The order is from most to least certain: a byte-order mark; UTF-16/32 seen in
the pattern of NUL bytes; binary content refused; strict UTF-8 (then checked
for legacy-font mojibake inside it); the Vietnamese legacy encodings, judged by
how many words come out as Vietnamese syllables; charset-normalizer for the
rest. A result that is still not text is refused with the reason rather than
passed on as mojibake. Every guess or conversion is named in `warnings`.
"""

from __future__ import annotations

import codecs as stdlib_codecs
import contextlib
import unicodedata
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from extractor.errors import InputError
from extractor.text.legacy_fonts import codecs as legacy_codecs
from extractor.text.vietnamese_score import vietnamese_score

# Control bytes that no text file holds (tab, newlines, form feed and the DOS
# end-of-file mark 0x1A are left out). Past this share the input is binary.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
MAX_CONTROL_SHARE = 0.02
# Share of characters that are not text (controls, unassigned, private use,
# U+FFFD) past which a decoding is refused as "mostly non-text".
MAX_NON_TEXT_SHARE = 0.10
# A Vietnamese decoding is accepted when this share of its words with a
# diacritic are syllables, over at least this many such words.
MIN_SYLLABLE_SHARE = 0.8
MIN_JUDGED_WORDS = 3
# Text that already scores this well is not second-guessed.
GOOD_SYLLABLE_SHARE = 0.9
# Invalid UTF-8 tolerated (replaced, with a warning) in text that is otherwise
# clearly UTF-8: at most one bad sequence per this many valid non-ASCII chars.
VALID_PER_INVALID = 20
_BOMS = (
    (stdlib_codecs.BOM_UTF32_LE, "utf-32-le"),
    (stdlib_codecs.BOM_UTF32_BE, "utf-32-be"),
    (stdlib_codecs.BOM_UTF8, "utf-8"),
    (stdlib_codecs.BOM_UTF16_LE, "utf-16-le"),
    (stdlib_codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 8192  # bytes looked at to spot UTF-16/32 without a byte-order mark


@dataclass(frozen=True)
class Decoded:
    """The text of an input, the encoding it was read as, and what was guessed."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _non_text_share(text: str) -> float:
    if not text:
        return 0.0
    # Judge each distinct character once and count only the bad ones: a per-character
    # loop over the whole text cost ~3 ms an article, more than some taggers.
    bad = sum(text.count(char) for char in set(text) if _is_non_text(char))
    return bad / len(text)


def _is_non_text(char: str) -> bool:
    return char == "\ufffd" or (
        unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs") and not char.isspace()
    )


def _checked(decoded: Decoded, source: str) -> Decoded:
    share = _non_text_share(decoded.text)
    if share > MAX_NON_TEXT_SHARE:
        raise InputError(
            source, f"mostly non-text: {share:.0%} of characters read as {decoded.encoding} are "
            "control, unassigned or private-use characters")
    return decoded


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 without a byte-order mark, told by where the NUL bytes fall."""
    sample = data[:_SAMPLE - _SAMPLE % 4]
    if len(sample) < 4:
        return None
    lanes = [sample[lane::4].count(0) / len(sample[lane::4]) for lane in range(4)]
    if min(lanes[1:]) > 0.9 and lanes[0] < 0.2 and lanes[3] > 0.9:
        return "utf-32-le"
    if max(lanes[:3]) > 0.9 and min(lanes[:3]) > 0.9 and lanes[3] < 0.2:
        return "utf-32-be"
    even, odd = (lanes[0] + lanes[2]) / 2, (lanes[1] + lanes[3]) / 2
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes, source: str) -> None:
    nul = data.find(0)
    if nul >= 0:
        raise InputError(source, f"binary content: {data.count(0):,} NUL bytes, the first at "
                         f"byte {nul:,}")
    control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if control / len(data) > MAX_CONTROL_SHARE:
        raise InputError(source, f"binary content: {control / len(data):.0%} control bytes")


def _cp1252_view(text: str) -> bytes | None:
    """The bytes a Windows-1252 reader turned into `text`, if it could have."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:  # 0x81, 0x8D, ... are undefined in cp1252
                return None
            out.append(ord(char))
    return bytes(out)


def repair_text(text: str) -> tuple[str, list[str]]:
    """Undo legacy-font or double-encoding mojibake hidden in a Unicode text.

    Returns the text (unchanged unless a conversion makes clearly more of its
    words Vietnamese syllables) and the warnings naming what was done.
    """
    current = vietnamese_score(text)
    if current.judged < MIN_JUDGED_WORDS or current.share >= GOOD_SYLLABLE_SHARE:
        return text, []
    candidates: list[tuple[str, str]] = []
    if all(ord(char) < 0x100 for char in text):  # a Latin-1 view of a legacy page
        for codec in legacy_codecs().values():
            candidates.append((codec.decode(text), f"converted from {codec.name}"))
    view = _cp1252_view(text)
    if view is not None:
        # Not valid UTF-8 underneath means not double-encoded; other candidates stand.
        with contextlib.suppress(UnicodeDecodeError):
            candidates.append((view.decode("utf-8"),
                               "converted from UTF-8 misread as Windows-1252 (double encoding)"))
    best = _best(candidates)
    if best is None or best[1] - current.share < 0.2:
        return text, []
    return best[0][0], [best[0][1]]


def _best(candidates: list[tuple[str, str]]) -> tuple[tuple[str, str], float] | None:
    """The candidate with most Vietnamese syllables, if it has enough of them."""
    scored = [(candidate, vietnamese_score(candidate[0])) for candidate in candidates]
    scored = [(c, s) for c, s in scored
              if s.judged >= MIN_JUDGED_WORDS and s.share >= MIN_SYLLABLE_SHARE]
    if not scored:
        return None
    candidate, score = max(scored, key=lambda item: item[1].share)
    return candidate, score.share


def _from_unicode(text: str, encoding: str, warnings: list[str], source: str) -> Decoded:
    repaired, repairs = repair_text(text)
    return _checked(Decoded(repaired, encoding, [*warnings, *repairs]), source)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few corrupt bytes: keep it, replace them, and say so."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")
    if bad <= 0 or valid < VALID_PER_INVALID * bad:
        return None
    first = _first_invalid(data)
    return Decoded(text, "utf-8", [f"invalid UTF-8: {bad} byte sequence(s) replaced by U+FFFD, "
                                   f"the first at byte {first:,}"])


def _first_invalid(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return -1


def _legacy(data: bytes) -> Decoded | None:
    """Windows-1258, TCVN3 or VNI: whichever reads as the most Vietnamese."""
    candidates: list[tuple[str, str]] = []
    view = data.decode("latin-1")
    # TCVN3 and VNI use no byte in 0x80-0x9F; text full of them is something else.
    if sum(0x80 <= byte <= 0x9F for byte in data) <= len(data) * MAX_CONTROL_SHARE:
        candidates = [(codec.decode(view), f"converted from {codec.name}")
                      for codec in legacy_codecs().values()]
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
        candidates.append((cp1258, "decoded as Windows-1258 (tone marks composed to NFC)"))
    except UnicodeDecodeError:
        pass  # a byte undefined in cp1258: not that encoding
    best = _best(candidates)
    if best is None:
        return None
    (text, warning), _ = best
    encoding = warning.removeprefix("converted from ").removeprefix("decoded as ").split(" (")[0]
    return Decoded(text, encoding, [warning])


def _fallback(data: bytes, source: str) -> Decoded:
    matches = list(from_bytes(data))
    if not matches:
        raise InputError(source, f"undecodable: not UTF-8 (invalid byte at {_first_invalid(data):,}"
                         "), not Windows-1258, TCVN3 or VNI, and charset-normalizer found no "
                         "encoding")
    best = matches[0]
    # On short Latin texts several code pages tie; Windows-1252 is by far the
    # most common on the web, so a tie goes to it ("à" rather than cp1250's "ŕ").
    tied = [match for match in matches
            if (match.chaos, match.coherence) == (best.chaos, best.coherence)]
    chosen = next((match for match in tied if match.encoding == "cp1252"), best)
    return Decoded(str(chosen), str(chosen.encoding),
                   [f"decoded as {chosen.encoding} (guessed by charset-normalizer)"])


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode one input file's bytes, or raise InputError with the precise reason."""
    if not data:
        raise InputError(source, "empty: the input has no bytes")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(source, f"undecodable: {encoding} byte-order mark but invalid "
                                 f"{encoding} at byte {error.start + len(bom):,}") from error
            return _from_unicode(text, encoding, [], source)
    wide = _wide_encoding(data)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            pass  # the NULs fell that way by chance; judge it as bytes below
        else:
            return _from_unicode(text, wide, [f"decoded as {wide} (no byte-order mark)"], source)
    _refuse_binary(data, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass  # not clean UTF-8: the legacy encodings are tried next
    else:
        return _from_unicode(text, "utf-8", [], source)
    for attempt in (_mostly_utf8, _legacy):
        decoded = attempt(data)
        if decoded is not None:
            return _checked(decoded, source)
    return _checked(_fallback(data, source), source)
