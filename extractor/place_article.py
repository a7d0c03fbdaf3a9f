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
from dataclasses import dataclass

import regex

from extractor.place_describe import describe
from extractor.place_gazetteer import DEPTH, Match, Unit, fold, gazetteer
from extractor.place_resolve import Hint, PlaceContext, choose_map, inside, resolve_with_unit
from extractor.place_text import bare_type_word, find_mentions, site_province, years_in
from schemas.place import ArticlePlaces, Place, PlaceStatus

_SENTENCE_END = regex.compile(r"(?<=[.!?…])\s+|\n+")


@dataclass(frozen=True)
class _Seen:
    text: str
    where: str  # "title", "lead", "text", "organisation", "site"
    place: Place
    unit: Unit | None


def lead_sentence(clean_text: str) -> str:
    for chunk in _SENTENCE_END.split(clean_text.strip()):
        if chunk.strip():
            return chunk.strip()
    return ""


def article_context(
    org_places: Sequence[str], title: str | None, site: str | None,
    published: dt.date | None, clean_text: str,
) -> tuple[PlaceContext, list[_Seen]]:
    """The article's map, and every place it names read on its own (the hints)."""
    map_, reason = choose_map(published, years_in(f"{title or ''}\n{clean_text}"))
    bare = PlaceContext(map=map_, map_reason=reason)
    named: list[tuple[str, str]] = []
    province = site_province(site)
    if province is not None:
        named.append((province, "site"))
    lead = lead_sentence(clean_text)
    named += [(m.text, "title") for m in find_mentions(title or "")]
    named += [(m.text, "lead") for m in find_mentions(lead)]
    named += [(m.text, "text") for m in find_mentions(clean_text)]
    named += [(text, "organisation") for text in org_places]
    seen = [_Seen(text, where, *resolve_with_unit(text, bare)) for text, where in named]
    hints: dict[str, Hint] = {}
    for item in seen:
        if item.unit is not None:
            label = f'site "{site}"' if item.where == "site" else f'{item.where} "{item.text}"'
            hints.setdefault(item.unit.key, Hint(item.unit, label))
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
        words = bare_type_word(text)
        if place.status != PlaceStatus.UNKNOWN or words is None:
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
    """Every place of one article resolved in the article's context, and its main place."""
    context, seen = article_context(org_places, title, site, published, clean_text)
    warnings: list[str] = []
    if published is None:
        warnings.append(f"places: {context.map_reason}")
    by_text: dict[str, Place] = {}
    for item in seen:
        if item.where != "site" and item.text not in by_text:
            by_text[item.text] = resolve_with_unit(item.text, context)[0]
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
