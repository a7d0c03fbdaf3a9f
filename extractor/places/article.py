"""An article's places: its map, the context each place is read in, and its main place.

    resolve_article_places(org_places, title, site, published, clean_text) -> ArticlePlaces

The main place is where the conference was held or whose results are reported:
the first place the title names, else the first the lead sentence names (a
more specific place inside it, named there too, wins: "phường Trường Thi, TP
Vinh" over "TP Vinh"), else the organisations' most frequent place, else the
outlet's province.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

import regex

from extractor.places.describe import describe
from extractor.places.gazetteer import DEPTH, Match, Unit, fold, gazetteer
from extractor.places.resolve import (
    Hint,
    PlaceContext,
    choose_map,
    inside,
    needs_hints,
    resolve_with_unit,
)
from extractor.places.scan import TextMention, find_mentions, find_mentions_each, latest_year
from extractor.places.words import bare_type_word, site_province
from schemas.place import ArticlePlaces, Place, PlaceStatus

# A sentence ends at whitespace after [.!?…], or at a line break. The punctuation is
# matched rather than looked behind for: a pattern that begins with a character class
# lets the regex engine skip to the candidates, several times faster.
_SENTENCE_END = regex.compile(r"[.!?…]\s+|\n+")


class _Seen(NamedTuple):  # a tuple: an article makes dozens, a dataclass is slower to build
    text: str
    where: str  # "title", "lead", "text", "organisation", "site"
    place: Place
    unit: Unit | None


def lead_sentence(clean_text: str) -> str:
    """The text up to its first sentence end (only that one is looked for, not every end)."""
    text = clean_text.strip()
    end = _SENTENCE_END.search(text)
    if end is None:
        return text
    # keep the punctuation; the lead is never empty (`text` starts with a non-space)
    return text[:end.start() + (text[end.start()] != "\n")].strip()


def _lead_mentions(clean_text: str, in_text: list[TextMention]) -> list[str]:
    """The lead sentence's mentions: those of the whole text that end within it.

    The lead is the start of the text, followed there by a space: the pattern reads the
    same up to its end, unless a mention of the text runs on past it (a lead ending with
    "TP." when the text goes on "TP. Vinh"); then the lead is scanned on its own.
    """
    lead = lead_sentence(clean_text)
    start = len(clean_text) - len(clean_text.lstrip())
    end = start + len(lead)
    if not clean_text.startswith(lead, start) or any(m.start < end < m.end for m in in_text):
        return [m.text for m in find_mentions(lead)]
    return [m.text for m in in_text if m.end <= end]


def article_context(
    org_places: Sequence[str], title: str | None, site: str | None,
    published: dt.date | None, clean_text: str,
) -> tuple[PlaceContext, list[_Seen]]:
    """The article's map, and every place it names read on its own (the hints)."""
    # The years only matter without a date, and then only the latest (choose_map looks
    # at no other): do not scan the text for them otherwise.
    latest = latest_year(f"{title or ''}\n{clean_text}") if published is None else None
    map_, reason = choose_map(published, [] if latest is None else [latest])
    bare = PlaceContext(map=map_, map_reason=reason)
    named: list[tuple[str, str]] = []
    province = site_province(site)
    if province is not None:
        named.append((province, "site"))
    in_title, in_text = find_mentions_each([title or "", clean_text])
    named += [(m.text, "title") for m in in_title]
    named += [(text, "lead") for text in _lead_mentions(clean_text, in_text)]
    named += [(m.text, "text") for m in in_text]
    named += [(text, "organisation") for text in org_places]
    # the title, lead and text name the same places again and again: resolve each once
    resolved: dict[str, tuple[Place, Unit | None]] = {}
    for text, _ in named:
        if text not in resolved:
            resolved[text] = resolve_with_unit(text, bare)
    seen = [_Seen(text, where, *resolved[text]) for text, where in named]
    hints: dict[str, Hint] = {}
    for item in seen:
        if item.unit is not None and item.unit.key not in hints:  # the first naming is cited
            label = f'site "{site}"' if item.where == "site" else f'{item.where} "{item.text}"'
            hints[item.unit.key] = Hint(item.unit, label)
    return PlaceContext(map=map_, map_reason=reason, hints=tuple(hints.values())), seen


def _main(seen: list[_Seen]) -> tuple[_Seen | None, str | None]:
    headline = [s for s in seen if s.where in ("title", "lead") and s.unit is not None]
    if headline:
        first = headline[0]
        assert first.unit is not None  # filtered above; mypy cannot see it
        deeper = [s for s in headline if s.unit is not None and inside(s.unit, first.unit)]
        best = max(deeper, key=lambda s: DEPTH[s.unit.level] if s.unit else 0)
        return best, f'{best.where}: "{best.text}"'
    orgs = [s for s in seen if s.where == "organisation" and s.unit is not None]
    if orgs:
        counts = Counter(s.unit.key for s in orgs if s.unit is not None)
        key, count = counts.most_common(1)[0]
        best = next(s for s in orgs if s.unit is not None and s.unit.key == key)
        return best, f'most frequent organisation place: "{best.text}" ({count} of {len(orgs)})'
    site = [s for s in seen if s.where == "site" and s.unit is not None]
    if site:
        return site[0], f"the outlet's province: {site[0].text}"
    return None, None


def _own_units(by_text: dict[str, Place], main: _Seen, context: PlaceContext) -> None:
    """A bare type word ("Công an phường", "UBND tỉnh") is the main place's own unit."""
    if main.unit is None:
        return
    chain = gazetteer().parents(main.unit)
    for text, place in by_text.items():
        words = bare_type_word(text) if place.status == PlaceStatus.UNKNOWN else None
        if words is None:
            continue
        fits = [u for u in chain if u.level in words[1] and fold(u.name).startswith(words[0])]
        if fits:
            evidence = f'the article\'s main place, {main.where} "{main.text}"'
            by_text[text] = describe(text, Match(fits[0], former=False), context.map,
                                     fits[0].map, evidence)


def resolve_article_places(
    org_places: Sequence[str], title: str | None, site: str | None,
    published: dt.date | None, clean_text: str,
) -> ArticlePlaces:
    """Every place of one article resolved in the article's context, and its main place.

    `clean_text` is the body, without the headline (given as `title`): its first
    sentence is the lead the main place is looked for in.
    """
    context, seen = article_context(org_places, title, site, published, clean_text)
    warnings: list[str] = []
    if published is None:
        warnings.append(f"places: {context.map_reason}")
    by_text: dict[str, Place] = {}
    for item in seen:
        if item.where != "site" and item.text not in by_text:
            by_text[item.text] = (resolve_with_unit(item.text, context)[0]
                                  if needs_hints(item.place) else item.place)
    for text, place in by_text.items():
        if place.status == PlaceStatus.AMBIGUOUS:
            warnings.append(f'place "{text}" is ambiguous: {"; ".join(place.notes)}; '
                            f"no unit chosen (e.g. {' | '.join(place.candidates[:3])})")
    chosen, why = _main(seen)
    main = None
    if chosen is not None:
        main = chosen.place if chosen.where == "site" else by_text[chosen.text]
        _own_units(by_text, chosen, context)
    else:
        warnings.append("places: the article names no place that could be resolved")
    unknown = [t for t, p in by_text.items() if p.status == PlaceStatus.UNKNOWN]
    if unknown:
        warnings.append("places not found on either map: " + ", ".join(f'"{t}"' for t in unknown))
    return ArticlePlaces(map=context.map, map_reason=context.map_reason, main=main,
                         main_evidence=why, by_text=by_text, warnings=warnings)
