"""The ``places`` stage: toponyms resolved to GeoNames entries, and each event's location.

Toponyms (:func:`toponyms`) are spaCy GPE/LOC entities, country and capital mentions from the
actor lexicon (when their whole text names a country), the dateline city and the state or
country after it, AP state abbreviations after a comma ("Lebanon, Pa."), the place heading a
local institution ("Carroll County Jail", "Oakland Police Department", "Tulsa City Council"), a
country, US state, continent or big city opening or closing an organisation's name ("Houston
Asian American Archive"), and a one-word name spaCy took for a person or organisation that the
gazetteer knows as one sizeable place and nothing near its size.

Resolution (:class:`PlaceResolver`), gazetteer in :mod:`eventwire.gazetteer`:

1. A qualifier right after the name (", Ill.", ", Illinois", ", SPAIN") keeps only candidates in
   that state or country; later bare mentions of the same name take the same place.
2. A country name is that country, unless the article names US states, does not otherwise name
   that country, and the gazetteer has a same-named US state or a same-named place in one of
   the states it names ("Georgia" in a story about Alabama and Florida).
3. Otherwise, by rank: a continent ("Asia") over same-named towns; candidates in a US state the
   article names; candidates in a country the article is about (its actor mentions and its
   unambiguous toponyms), unless a city of 100,000 or more of the same name lies elsewhere
   ("Geneva"); a US state over same-named towns unless one is a capital or has a million people
   ("Washington"); a capital; a larger population. Mentions of one name never vote for each
   other: the context a toponym sees leaves out every vote its own name gave.

A toponym that cannot be resolved is still a place: no coordinates, and ``reason`` says why.

An event is located at a resolved toponym in its own clause introduced by "in", "at", "near",
"outside" or "inside"; else at the dateline city; else in the target actor's country; else
nowhere.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from eventwire.actors.lexicon import Lexicon
from eventwire.context import ArticleMentions, SentenceContext, sentence_contexts, trigger_of
from eventwire.gazetteer import Entry, Gazetteer, builtin_gazetteer, fold
from eventwire.model import Article, Event, EventPlace, Mention, Place, Span
from eventwire.when import clause_tokens

__all__ = ["Entry", "Gazetteer", "PlaceResolver", "Toponym", "builtin_gazetteer", "fold",
           "toponyms"]  # fmt: skip

_LOCATIVE: Final = frozenset({"in", "at", "near", "outside", "inside"})
_COUNTRY_KINDS: Final = frozenset({"name", "official", "abbrev", "iso"})
_NOT_PLACES: Final = frozenset(
    {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART"}
)
_BIG_CITY: Final = 200_000
#: A single PERSON/ORG proper noun is taken for a place when it names exactly one gazetteer
#: entry of at least this many people.
_LONE_NAME_MIN: Final = 50_000
#: A one-word PERSON/ORG name is a place only when no other entry is within this factor.
_CONTEXT_RATIO: Final = 20
#: Country context does not pull a name away from a same-named city this big elsewhere
#: ("Geneva" stays in Switzerland in a story about the US).
_CONTEXT_MAX_ELSEWHERE: Final = 100_000
#: A place named inside an organisation's name ("Houston Asian American Archive") is a
#: toponym when it is a country, a US state, a continent or a city this big.
_ORG_PLACE_MIN: Final = 100_000
#: A city beats a same-named US state when it is a capital or this big ("Washington").
_CITY_OVER_STATE: Final = 1_000_000
#: A populated place smaller than this (GeoNames' own cut for its larger-cities file) resolves
#: only where the article names its country elsewhere (:func:`_stray`).
_SMALL_PLACE: Final = 15_000
_NOT_IN_GAZETTEER: Final = "not in gazetteer"
_MENTION_RULES: Final = frozenset({"country:name", "country:capital", "country:abbrev"})
#: Local institutions named after their place: the place is the capitalised words before.
_INSTITUTION: Final = re.compile(
    r"\b(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}?)(?P<county> County)?"
    r" (?:Police Department|Police|Sheriff's Office|Sheriff's Department|Fire Department|"
    r"Jail|Detention Center|City Council|City Hall|School District|Public Schools|"
    r"Board of Education|Board of Supervisors|Commission|Courthouse|District Court|"
    r"Circuit Court|Superior Court|Municipal Court|Health Department|Airport)\b"
)
_QUALIFIER: Final = re.compile(r",\s+(?P<q>[A-Z][A-Za-z]*\.?(?:\s?[A-Z][A-Za-z]*\.?)?)")


# -- toponyms in an article ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Toponym:
    span: Span
    text: str
    sentence: int | None
    source: str  # dateline | lexicon | ner | abbreviation | institution | gazetteer | name


def toponyms(
    article: Article,
    gazetteer: Gazetteer,
    lexicon: Lexicon | None = None,
    contexts: Sequence[SentenceContext] | None = None,
) -> list[Toponym]:
    """Candidate place names, one per span (the longest wins an overlap). ``contexts``: the
    article's :func:`~eventwire.context.sentence_contexts`, if already made."""
    found: list[Toponym] = []
    people = _SpanIndex.of(m.span for m in article.mentions if m.person)
    for context in sentence_contexts(article) if contexts is None else contexts:
        sentence, sent, offset = context.record, context.sent, context.offset
        for ent in context.entities:
            span = Span(offset + ent.start_char, offset + ent.end_char)
            if ent.label_ in ("GPE", "LOC") and not _INSTITUTION.search(ent.text):
                # "the Carroll County Jail" tagged as a whole: the pattern below takes the place
                found.append(Toponym(span, span.text_of(article.text), sentence.index, "ner"))
            elif _lone_place_name(ent, gazetteer) and not people.overlaps(span):
                found.append(Toponym(span, ent.text, sentence.index, "name"))
            elif ent.label_ in ("ORG", "FAC") and len(ent) > 1:
                found.extend(_places_in_name(ent, offset, sentence.index, gazetteer, lexicon))
        found.extend(_big_cities(article, sent, offset, sentence.index, gazetteer))
    found.extend(_pattern_toponyms(article, gazetteer))
    for mention in article.mentions:
        if mention.rule in _MENTION_RULES and _names_country(mention.text, lexicon):
            found.append(Toponym(mention.span, mention.text, mention.sentence, "lexicon"))
    found.extend(_dateline_toponyms(article))
    return _non_overlapping(found)


def _names_country(text: str, lexicon: Lexicon | None) -> bool:
    """A lexicon mention is a toponym only when its whole text names a country (a mention
    spanning more, "Taiwan, U.S. support for ..., China's", would hide the names inside)."""
    return lexicon is None or country_code(lexicon, text) is not None


def country_code(lexicon: Lexicon, text: str) -> str | None:
    """The ISO-3 code of a country name ("Russia", "the U.S.", "CHINA", "Vietnam's")."""
    bare = text.replace("’", "'").removesuffix("'s").removesuffix("'")
    entry = lexicon.country(bare)
    if entry is None and bare.isupper():
        entry = lexicon.country(bare.title())
    return entry.iso3 if entry is not None and entry.kind in _COUNTRY_KINDS else None


def _sentence_of(article: Article, start: int) -> int | None:
    where = article.sentence_at(start)
    return where.index if where else None


@dataclass(frozen=True, slots=True)
class _SpanIndex:
    """Spans sorted by start, asked for overlaps by bisection (the stage stays linear)."""

    spans: list[Span]
    starts: list[int]
    longest: int

    @classmethod
    def of(cls, spans: Iterable[Span]) -> _SpanIndex:
        ordered = sorted(spans, key=lambda s: s.start)
        longest = max((s.end - s.start for s in ordered), default=0)
        return cls(ordered, [s.start for s in ordered], longest)

    def overlaps(self, span: Span) -> bool:
        low = bisect_left(self.starts, span.start - self.longest)
        high = bisect_left(self.starts, span.end, lo=low)
        return any(s.end > span.start for s in self.spans[low:high])


def _lone_place_name(ent: Any, gazetteer: Gazetteer) -> bool:
    """A one-word PERSON/ORG entity naming one sizeable place and nothing near its size."""
    if ent.label_ not in ("PERSON", "ORG") or len(ent) != 1:
        return False
    token = ent[0]
    if token.tag_ != "NNP" or not token.is_title:
        return False
    sizes = sorted((e.population for e in gazetteer.names.get(fold(token.text), ())), reverse=True)
    if not sizes or sizes[0] < _LONE_NAME_MIN:
        return False
    return len(sizes) == 1 or sizes[0] >= _CONTEXT_RATIO * sizes[1]


def _places_in_name(
    ent: Any, offset: int, sentence: int, gazetteer: Gazetteer, lexicon: Lexicon | None
) -> Iterator[Toponym]:
    """The first or last word of an organisation's name when it names a country, a US state,
    a continent or a big city ("Houston Asian American Archive", "Asia Society Texas")."""
    for token in {ent[0], ent[-1]}:
        if token.tag_ != "NNP" or not token.text[:1].isupper():
            continue
        known = lexicon is not None and lexicon.country(token.text) is not None
        known = known or any(
            e.feature in ("admin1", "continent") or e.population >= _ORG_PLACE_MIN
            for e in gazetteer.names.get(fold(token.text), ())
        )
        if known:
            span = Span(offset + token.idx, offset + token.idx + len(token.text))
            yield Toponym(span, token.text, sentence, "organisation")


def _pattern_toponyms(article: Article, gazetteer: Gazetteer) -> Iterator[Toponym]:
    """AP state abbreviations after a comma, and the place heading a local institution."""
    text = article.text
    for match in _QUALIFIER.finditer(text):
        if gazetteer.state_abbreviation(match["q"]) is not None:
            span = Span(match.start("q"), match.end("q"))
            yield Toponym(span, match["q"], _sentence_of(article, span.start), "abbreviation")
    for match in _INSTITUTION.finditer(text):
        start = match.start("place")
        words = match["place"]
        if words.startswith("The "):
            words, start = words[4:], start + 4
        if not match["county"] and not gazetteer.candidates(words):
            continue
        end = match.end("county") if match["county"] else match.end("place")
        span = Span(start, end)
        yield Toponym(span, text[start:end], _sentence_of(article, start), "institution")


def _dateline_toponyms(article: Article) -> Iterator[Toponym]:
    """The dateline city, and the state or country after it ("MARANCHON, SPAIN —")."""
    dateline = article.dateline
    if dateline is None or dateline.city is None:
        return
    city = dateline.city
    sentence = _sentence_of(article, city.start)
    yield Toponym(city, city.text_of(article.text), sentence, "dateline")
    if dateline.region:
        at = article.text.find(dateline.region, city.end, dateline.span.end)
        if at >= 0:
            span = Span(at, at + len(dateline.region))
            yield Toponym(span, dateline.region, sentence, "dateline-region")


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


_SOURCE_ORDER: Final = {
    "dateline": 0, "dateline-region": 0, "abbreviation": 1, "lexicon": 1, "ner": 2,
    "institution": 3, "gazetteer": 3, "name": 4, "organisation": 4,
}  # fmt: skip


def _non_overlapping(found: list[Toponym]) -> list[Toponym]:
    """The longest toponym wins an overlap (then the better source, then the earlier found).

    ``chosen`` stays sorted by start and never overlaps itself, so a candidate only has to be
    checked against its two neighbours there.
    """
    chosen: list[Toponym] = []
    starts: list[int] = []
    ranked = sorted(found, key=lambda t: (-(t.span.end - t.span.start), _SOURCE_ORDER[t.source]))
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


# -- context -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Context:
    """Countries and US states the article is about, with the votes each name gave, so that
    a toponym can leave out the votes of its own name."""

    countries: Counter[str]
    states: Counter[str]
    by_name: Mapping[str, tuple[Counter[str], Counter[str]]]

    def without(self, key: str) -> tuple[Counter[str], Counter[str]]:
        own = self.by_name.get(key)
        if own is None:
            return self.countries, self.states
        return self.countries - own[0], self.states - own[1]


@dataclass
class _Votes:
    by_name: dict[str, tuple[Counter[str], Counter[str]]]

    def add(self, key: str, country: str | None, state: str | None = None) -> None:
        countries, states = self.by_name.setdefault(key, (Counter(), Counter()))
        if country:
            countries[country] += 1
        if state:
            states[state] += 1

    def context(self) -> _Context:
        countries: Counter[str] = Counter()
        states: Counter[str] = Counter()
        for c, s in self.by_name.values():
            countries.update(c)
            states.update(s)
        return _Context(countries, states, self.by_name)


class PlaceResolver:
    """Resolves an article's toponyms and locates its events."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon

    def run(self, article: Article) -> Article:
        contexts = sentence_contexts(article)  # made once for the three passes below
        names = toponyms(article, self.gazetteer, self.lexicon, contexts)
        context = self._context(article, names)
        mentions = ArticleMentions(article.mentions)
        qualified: dict[str, Place] = {}
        places: list[Place] = []
        named = _person_org_words(article, contexts)
        for toponym in names:
            place = self.resolve(toponym, context, article, mentions, qualified)
            if place.reason == _NOT_IN_GAZETTEER and fold(toponym.text) in named:
                continue  # a person's or organisation's name the tagger took for a place
            if place.rule.startswith("gazetteer:qualifier"):
                qualified.setdefault(fold(_title(toponym)), place)
            places.append(place)
        located = _Located.of(contexts, tuple(places))
        events = tuple(self._locate(located, e) for e in article.events)
        return replace(article, places=tuple(places), events=events)

    # -- resolving ------------------------------------------------------------------------------
    def _country_code(self, text: str) -> str | None:
        return country_code(self.lexicon, text)

    def _context(self, article: Article, names: list[Toponym]) -> _Context:
        """Countries and states the article is about: its actor mentions and its toponyms that
        name one country or one state."""
        votes = _Votes({})
        for m in article.mentions:
            if m.actor and m.actor.country and not m.rule.startswith("context:"):
                votes.add(fold(m.text), m.actor.country)
        for toponym in names:
            key = fold(_title(toponym))
            state = self.gazetteer.state_abbreviation(toponym.text)
            if state is not None:
                votes.add(key, "USA", state.admin1)
                continue
            code = self._country_code(toponym.text)
            candidates = self.gazetteer.candidates(_title(toponym))
            states = [e for e in candidates if e.feature == "admin1"]
            if code is None and len(states) == 1 and not _big_city_among(candidates):
                votes.add(key, "USA", states[0].admin1)
                continue
            if code is None and len({e.country for e in candidates}) == 1:
                code = candidates[0].country
            votes.add(key, code)
        return votes.context()

    def resolve(
        self,
        toponym: Toponym,
        context: _Context,
        article: Article,
        mentions: ArticleMentions | None = None,
        qualified: Mapping[str, Place] | None = None,
    ) -> Place:
        """The place a toponym names; unresolved (with a reason) when the gazetteer has none."""
        key = fold(_title(toponym))
        state = self.gazetteer.state_abbreviation(toponym.text)
        if state is not None:
            return _place(toponym, state, "gazetteer:abbreviation", 0.95)
        candidates = self.gazetteer.candidates(_title(toponym))
        narrowed = self._qualified(candidates, article.text, toponym.span)
        if narrowed:
            best = max(narrowed, key=lambda e: (e.capital, e.population))
            return _place(toponym, best, "gazetteer:qualifier", 0.95)
        if qualified and key in qualified:
            return replace(qualified[key], span=toponym.span, text=toponym.text,
                           sentence=toponym.sentence, rule="gazetteer:same-name")  # fmt: skip
        index = mentions if mentions is not None else ArticleMentions(article.mentions)
        countries, states = context.without(key)
        countries = countries - _own_countries(index.overlapping(toponym.span), toponym.span)
        code = self._country_code(toponym.text)
        country = self.gazetteer.country(code)
        if country is not None:
            local = _state_namesake(candidates, states) if not countries[code or ""] else None
            if local is None:
                return _place(toponym, country, "gazetteer:country", 0.95)
            return _place(toponym, local, "gazetteer:state-context", 0.8)
        if not candidates:
            return _unresolved(toponym, _NOT_IN_GAZETTEER)
        ranking = _Ranking.of(candidates, countries, states)
        best = max(candidates, key=ranking.score)
        if _stray(best, countries):
            return _unresolved(toponym, "only a small place in a country the article never names")
        return _place(toponym, best, *_why(best, candidates, ranking))

    def _qualified(self, candidates: tuple[Entry, ...], text: str, span: Span) -> tuple[Entry, ...]:
        """The candidates inside the state or country named right after the toponym."""
        match = _QUALIFIER.match(text, span.end)
        if match is None or not candidates:
            return ()
        words = match["q"]
        state = self.gazetteer.state_abbreviation(words)
        if state is None:
            named = self.gazetteer.candidates(words.title() if words.isupper() else words)
            state = next((e for e in named if e.feature == "admin1"), None)
        if state is not None:
            return tuple(e for e in candidates if e.country == "USA" and e.admin1 == state.admin1
                         and e.feature != "admin1")  # fmt: skip
        code = self._country_code(words)
        return tuple(e for e in candidates if code and e.country == code) if code else ()

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


def _person_org_words(article: Article, contexts: Sequence[SentenceContext]) -> frozenset[str]:
    """Words of the article's PERSON and ORG entities and person mentions: an unresolved
    one-word "place" among them is a name spaCy mislabelled ("Gachagua")."""
    words: set[str] = set()
    for context in contexts:
        for ent in context.entities:
            if ent.label_ in ("PERSON", "ORG"):
                words.update(fold(t.text) for t in ent)
    for mention in article.mentions:
        if mention.person:
            words.update(fold(w) for w in mention.text.split())
    return frozenset(words)


def _title(toponym: Toponym) -> str:
    return toponym.text.title() if toponym.text.isupper() else toponym.text


def _own_countries(mentions: Iterable[Mention], span: Span) -> Counter[str]:
    """Countries contributed by the toponym's own mention (it must not vote for itself)."""
    return Counter(
        m.actor.country
        for m in mentions
        if m.actor and m.actor.country and m.span.start < span.end and span.start < m.span.end
    )


def _state_namesake(candidates: tuple[Entry, ...], states: Counter[str]) -> Entry | None:
    """A US state, or a place in a state the article names, sharing a country's name."""
    if not states:
        return None
    local = [e for e in candidates if e.country == "USA"
             and (e.feature == "admin1" or states[e.admin1 or ""] > 0)]  # fmt: skip
    return max(local, key=lambda e: (e.feature == "admin1", e.population), default=None)


def _big_city_among(candidates: tuple[Entry, ...]) -> bool:
    return any(
        e.feature == "city" and (e.capital or e.population >= _CITY_OVER_STATE) for e in candidates
    )


@dataclass(frozen=True, slots=True)
class _Ranking:
    """What ranks the candidates of one name: the article's context and, computed once per
    name, the biggest city among them and whether one outranks a same-named state."""

    countries: Counter[str]
    states: Counter[str]
    biggest_city: int
    big_city: bool

    @classmethod
    def of(
        cls, candidates: tuple[Entry, ...], countries: Counter[str], states: Counter[str]
    ) -> _Ranking:
        biggest = max((e.population for e in candidates if e.feature == "city"), default=0)
        return cls(countries, states, biggest, _big_city_among(candidates))

    def score(self, entry: Entry) -> tuple[bool, bool, bool, bool, bool, int]:
        in_state = (
            entry.country == "USA"
            and entry.feature != "admin1"
            and self.states[entry.admin1 or ""] > 0
        )
        in_country = self.countries[entry.country or ""] > 0 and (
            entry.feature != "city"
            or entry.population == self.biggest_city
            or self.biggest_city < _CONTEXT_MAX_ELSEWHERE
        )
        state_first = entry.feature == "admin1" and not self.big_city
        return (
            entry.feature == "continent", in_state, in_country, state_first, entry.capital,
            entry.population,
        )  # fmt: skip


def _stray(best: Entry, countries: Counter[str]) -> bool:
    """The best entry is a small populated place in a country no other name or actor of the
    article names: a word that happens to be some village's name ("Korea", a hamlet in Côte
    d'Ivoire; "the Middle East", one in Pennsylvania), or a region the gazetteer lacks
    (Nigeria's Borno state, not the Italian village). Left unresolved rather than misplaced."""
    return (
        best.feature == "city"
        and best.population < _SMALL_PLACE
        and not best.capital
        and not countries[best.country or ""]
    )


def _why(best: Entry, candidates: tuple[Entry, ...], ranking: _Ranking) -> tuple[str, float]:
    if len(candidates) == 1:
        return "gazetteer:only", 0.9
    continent, in_state, in_country, state_first, *_ = ranking.score(best)
    if continent or state_first:
        return f"gazetteer:{best.feature}", 0.8
    if in_state:
        return "gazetteer:state-context", 0.85
    if in_country:
        return "gazetteer:context", 0.85
    if best.capital:
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


def _unresolved(toponym: Toponym, reason: str) -> Place:
    return Place(
        span=toponym.span, text=toponym.text, sentence=toponym.sentence, name=toponym.text,
        feature="unknown", country=None, admin1=None, lat=None, lon=None, geonameid=None,
        rule=f"unresolved:{toponym.source}", confidence=0.0, reason=reason,
    )  # fmt: skip


def _event_place(place: Place, reason: str) -> EventPlace:
    return EventPlace(place.name, place.country, place.lat, place.lon, reason, place.span)


@dataclass(frozen=True, slots=True)
class _Located:
    """An article's resolved places indexed once for locating its events (an unresolved
    toponym has no point, so it never locates an event)."""

    contexts: list[SentenceContext]
    by_sentence: Mapping[int | None, list[Place]]
    dateline: Place | None

    @classmethod
    def of(cls, contexts: list[SentenceContext], places: tuple[Place, ...]) -> _Located:
        resolved = [p for p in places if p.reason is None and p.lat is not None]
        by_sentence: dict[int | None, list[Place]] = {}
        for place in resolved:
            by_sentence.setdefault(place.sentence, []).append(place)
        dateline = next((p for p in resolved if p.rule.endswith(":dateline")), None)
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
