"""Names that are no one's: places, regions, countries and the words that open the
name of a place or a body (data in `people.yaml`: `name_never_starts`, `countries`,
`place_words_before`; provinces from `provinces.yaml`).
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from extractor.resources.loader import load_lexicon, load_resource
from extractor.text.letters import without_marks

_RESOURCE = "people.yaml"
_PLACES = "place_words_before"


@cache
def _never_names() -> tuple[frozenset[str], tuple[str, ...]]:
    """Whole names that are places or peoples, and first words that open a place or a
    body."""
    provinces = frozenset(load_lexicon("provinces.yaml", "provinces"))
    openers = [*load_lexicon(_RESOURCE, "name_never_starts"), *provinces]
    peoples = frozenset(load_lexicon(_RESOURCE, "ethnic_groups"))
    return provinces | peoples, tuple(word + " " for word in openers)


@cache
def _word_before(key: str) -> regex.Pattern[str]:
    """One of the words of list `key` right before a name."""
    words = sorted(load_lexicon(_RESOURCE, key), key=len, reverse=True)
    # capitalised only where a sentence opens ("Cảnh sát Quảng Tây cho biết"): inside
    # one, "Bản" ends "Nhật Bản", a name; a phrase of two words or more is no name's end
    # ("Trường Tiểu học Chu Văn An"), nor are the words of `place_words_any_case`
    any_case = set(load_lexicon(_RESOURCE, "place_words_any_case")) if key == _PLACES else set()
    phrases = [word[:1].upper() + word[1:] for word in words if " " in word or word in any_case]
    choice = "|".join(regex.escape(word) for word in [*words, *phrases])
    opening = "|".join(regex.escape(word[:1].upper() + word[1:]) for word in words)
    inside = rf"(?<![\p{{L}}\p{{N}}])(?:{choice})"
    return regex.compile(rf"(?:{inside}|(?<=^|[.!?:;\n\"“]\s?)(?:{opening}))\s$")


def names_a_place(text: str, name_start: int) -> bool:
    """"phường Thái Học", "đường Nguyễn Trãi", "số 318 Nguyễn Hữu Cầu": the word or the
    house number before makes it a place's."""
    pattern = _word_before(_PLACES)
    window = max(0, name_start - 16)
    return (pattern.search(text, window, name_start) is not None
            or _street_number().search(text, window, name_start) is not None)


@cache
def _province_after() -> regex.Pattern[str]:
    provinces = sorted(load_lexicon("provinces.yaml", "provinces"), key=len, reverse=True)
    choice = "|".join(regex.escape(province) for province in provinces)
    return regex.compile(rf"\s?[-–]\s?(?:TP\.?\s?|tỉnh\s)?(?:{choice})(?![\p{{L}}])")


def before_a_province(text: str, end: int) -> bool:
    """"Nguyễn Văn Cừ - Cần Thơ": a dash and a province after a name make it an
    address's street (a person's home is written "(Cần Thơ)" or ", trú tại ...")."""
    return _province_after().match(text, end) is not None


def after_place_word(text: str, start: int) -> bool:
    """"cầu ông Hóa", "chợ Bà Chiểu": a place word right before (no house number: "1
    phụ nữ" counts a person)."""
    return _word_before(_PLACES).search(text, max(0, start - 16), start) is not None


@cache
def _street_number() -> regex.Pattern[str]:
    return regex.compile(str(load_resource(_RESOURCE)["street_number_before"]))


@cache
def _place_list() -> regex.Pattern[str]:
    """A place word, then names or numbers joined by ",", "và", "-" or ";", up to here."""
    words = sorted(load_lexicon(_RESOURCE, _PLACES), key=len, reverse=True)
    choice = "|".join(regex.escape(word) for word in words)
    item = r"[\p{Lu}\d][\p{L}\d/.]*(?: [\p{Lu}\d][\p{L}\d/.]*){0,4}"
    joint = r"\s?(?:,|;|và|-|–)\s?"
    # "các tuyến đường trung tâm như Pasteur, Nguyễn Đình Chiểu, ...": up to two words
    # before "như" (not before "gồm": "đường dây gồm" is a ring of people)
    return regex.compile(rf"(?<![\p{{L}}])(?:{choice})(?:(?: \p{{Ll}}+){{0,2}} như| gồm|:)*"
                         rf" {item}(?:{joint}{item})*{joint}$")


def in_a_place_list(text: str, name_start: int) -> bool:
    """"đường Nguyễn Kiệm và Phạm Văn Đồng", "các trường THPT Nguyễn Thị Minh Khai,
    Nguyễn Văn Trỗi": a name further on in a list of places is a place's too."""
    return _place_list().search(text, max(0, name_start - 120), name_start) is not None


@cache
def _level_words() -> tuple[str, ...]:
    # in lower case only: "TP Nguyễn Đức Chung" after a unit and "Nhật Bản Shinzo Abe"
    # name people after a capitalised word
    return (*load_lexicon(_RESOURCE, "place_words_any_case"), "thôn", "xóm", "ấp")


@cache
def surnames() -> frozenset[str]:
    return frozenset(load_lexicon(_RESOURCE, "surnames"))


_SPOUSE = ("bà ", "Bà ", "ông ", "Ông ")  # "bà xã"/"ông xã" is a spouse, no commune


def named_as_place(text: str, name: str) -> bool:
    """Whether the article gives `name` a level word somewhere ("huyện Cẩm Xuyên"): the
    same name elsewhere without it ("nữ sinh Cẩm Xuyên") is still the place's. Not a
    longer name that opens with a surname: "Chủ tịch UBND tỉnh Nguyễn Văn An" is a
    person. A string search per level word, for the few names an article has."""
    if name.count(" ") >= 2 and name.split(" ", 1)[0] in surnames():
        return False
    for word in _level_words():
        needle = f"{word} {name}"
        at = text.find(needle)
        while at >= 0:
            end = at + len(needle)
            if ((at == 0 or not text[at - 1].isalpha())
                    and (end == len(text) or not text[end].isalpha())
                    and not text[max(0, at - 4):at].endswith(_SPOUSE)):
                return True
            at = text.find(needle, at + 1)
    return False


def is_an_alias(text: str, name_start: int) -> bool:
    """"(tức Tư Lùn, ...)": another name of the person just named."""
    pattern = _word_before("alias_words_before")
    return pattern.search(text, max(0, name_start - 16), name_start) is not None


@cache
def foreign_org_words() -> frozenset[str]:
    """Words that make a foreign name a body's ("Enterprise", "Institute")."""
    return frozenset(load_lexicon("people_foreign.yaml", "foreign_org_words"))


def not_a_name(name: str) -> bool:
    places, openers = _never_names()
    if not name or name in places or f"{name} ".startswith(openers):
        return True
    # a foreign name with a body's word after the first is a body's: "Shulaya Enterprise",
    # "Life Institute" (not "Viettel Post Trần Trung Hưng", cut after its unit later)
    words = name.split()
    if (any(word in foreign_org_words() for word in words[1:])
            and all(is_foreign(word) for word in words)):
        return True
    # a lone consonant is an initial: only a name's last word can be one; before that it
    # is a cut name running into the next sentence ("Nguyễn Sơn T Nhận"). A lone vowel is
    # a name's word in its own right: "Mùa A Vảng", "Y Moan".
    if any(len(word) == 1 and word not in "AEIOUY" for word in name.split()[:-1]):
        return True
    return any(_glued(part) for word in words for part in word.split("-"))


# the five tone marks, and the marks only Vietnamese writes (horn, breve, hook, dot below)
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VIETNAMESE_ONLY = frozenset("\u031b\u0306\u0309\u0323đĐ")


def _glued(word: str) -> bool:
    """True for two Vietnamese syllables written without their space ("Trưởngphòng
    Tham mưu"): a syllable carries one tone mark; a foreign name with two accents
    ("Ségolène") has none of the marks only Vietnamese writes."""
    marks = unicodedata.normalize("NFD", word)
    return (sum(mark in _TONE_MARKS for mark in marks) >= 2
            and any(mark in _VIETNAMESE_ONLY for mark in marks))


# the tone marks, which the press now and then gets wrong in one of two mentions
# ("Phạm Thị Thuần ... chị Thuận"); not the marks that make another vowel ("Hưng", "Hùng")
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def toneless(word: str) -> str:
    """The word without its tone mark: "Thuận" and "Thuần" are one spelling."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).translate(_TONES))


@cache
def _syllable() -> regex.Pattern[str]:
    return regex.compile(str(load_resource(_RESOURCE)["foreign_vietnamese_syllable"]))


def is_foreign(name: str) -> bool:
    """True when a word of `name` is no Vietnamese syllable ("Setty", "Chi-hsin")."""
    pattern = _syllable()
    return any(pattern.fullmatch(without_marks(part).lower()) is None
               for word in name.split() for part in word.split("-") if part)


@cache
def _countries() -> tuple[frozenset[str], int]:
    countries = frozenset(load_lexicon(_RESOURCE, "countries"))
    return countries, max(country.count(" ") + 1 for country in countries)


def countries() -> frozenset[str]:
    """The names of countries that stand before a person's name ("Mỹ", "Hàn Quốc")."""
    return _countries()[0]


@cache
def _given_countries() -> frozenset[str]:
    return frozenset(load_lexicon(_RESOURCE, "countries_given_names"))


def without_country(name: str) -> str:
    """"Brazil Michel Temer" -> "Michel Temer": a country written between a title and a
    foreign name is not part of it; a name that is only a country gives "". The longest
    country its first words make, looked up in a set."""
    countries, longest = _countries()
    words = name.split(" ")
    for count in range(min(longest, len(words)), 0, -1):
        if " ".join(words[:count]) in countries:
            if (len(words) == 2 and words[0] in _given_countries()
                    and not is_foreign(words[1])):
                return name  # "NSƯT Đức Hải": a given name, no country
            return " ".join(words[count:])
    return name


@cache
def _openers_not_names() -> tuple[str, ...]:
    words = load_lexicon(_RESOURCE, "name_openers_not_names")
    return tuple(f"{word} " for word in sorted(words, key=len, reverse=True))


def without_opener(name: str) -> str:
    """"Ông Omerdic" -> "Omerdic": a capitalised honorific or rank read into a name
    (at a sentence's start, where every word is capitalised) is not part of it."""
    for opener in _openers_not_names():
        if name.startswith(opener):
            return name[len(opener):]
    return name


_CAPITALISED_BEFORE = regex.compile(r"(?:\p{Lu}\p{Ll}*\s){1,2}$")


def after_place_name(text: str, name_start: int, name: str) -> str:
    """The name without the words that end a province's name begun before it or that
    make one: "tỉnh Lai Châu Đèo Văn Siêng" names Đèo Văn Siêng, not "Châu Đèo ..."."""
    places, _ = _never_names()
    before = _CAPITALISED_BEFORE.search(text, max(0, name_start - 24), name_start)
    earlier = before.group(0).split() if before else []
    words = name.split()
    for taken in range(min(3, len(words) - 2), 0, -1):
        for first in range(len(earlier) + 1):
            if " ".join([*earlier[first:], *words[:taken]]) in places:
                return " ".join(words[taken:])
    return name


def second_name_at(text: str, name: str) -> int:
    """Where a second name begins in two names written with no comma between ("bị cáo
    Mai Chiếm Thắng Đậu Đình Long"): at a surname after two words or more, with two or
    more after it, when the article writes that second name elsewhere on its own. 0
    when `name` is one name ("Nguyễn Thị Lan Hương" is written nowhere else in parts)."""
    words = name.split(" ")
    if len(words) < 4:
        return 0
    for index in range(2, len(words) - 1):
        if words[index] in surnames():
            first, second = " ".join(words[:index]), " ".join(words[index:])
            if _on_its_own(text, first) and _on_its_own(text, second):
                return len(" ".join(words[:index])) + 1
    return 0


def _on_its_own(text: str, name: str) -> bool:
    """Whether `name` stands somewhere with no capitalised word right before or after it
    ("Võ Thị Mỹ" is not on its own in "Võ Thị Mỹ Xuân")."""
    alone = regex.compile(rf"(?<!\p{{Lu}}\p{{Ll}}* )(?<![\p{{L}}]){regex.escape(name)}"
                          r"(?![\p{L}])(?! \p{Lu})")
    return alone.search(text) is not None
