"""Where a group of people is: the country of "residents of Afrin", "Kurds in Qamishli".

The annotation guide's rule for non-state actors: civilians and protesters take the country
where they are. A group phrase with no country of its own (no nationality adjective, and for an
ethnic group no single home country: ``groups.tsv``) takes, in this order:

1. the place named in its own phrase after a locative preposition ("residents *of* Afrin",
   "villagers *near* Mosul", "Kurds *in* Syria": :meth:`Whereabouts.in_phrase`);
2. the one country of the places the sentence's verbs are located at ("Hundreds of Kurds
   marched *in* Qamishli": :meth:`Whereabouts.in_sentence`); several countries decide nothing;
3. the country of the article's dateline ("CARACAS —": :meth:`Whereabouts.dateline`).

A place is a country of the actor tables (the caller's ``country_of`` for a phrase), or a proper
noun the gazetteer knows in one country (:meth:`~eventwire.gazetteer.Gazetteer.place_country`).
The gazetteer is the one the ``places`` stage uses (:func:`~eventwire.gazetteer.
builtin_gazetteer`, loaded once per process), and is loaded only when a group phrase needs a
place the actor tables do not know.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from eventwire.actors.lexicon import GroupEntry, Lexicon
from eventwire.actors.sectors import sector_name
from eventwire.gazetteer import Gazetteer
from eventwire.model import Actor, Article

#: Prepositions that place a verb's event, for step 2 ("marched in", "rallied outside"); "of"
#: and "from" tie a noun to a place, not an event ("withdrew from Syria" is not where).
_EVENT_PLACE: Final = frozenset({"in", "near", "at", "outside", "inside", "around", "across"})
_VERBS: Final = frozenset({"VERB", "AUX"})
_PLACE: Final = frozenset({"GPE", "LOC"})  # entity types of a place name
#: Entity types that are no place (the small parser takes some cities for products or facilities,
#: never for dates or people).
_NOT_PLACE: Final = frozenset(
    {"PERSON", "ORG", "NORP", "DATE", "TIME", "EVENT", "LAW", "LANGUAGE", "MONEY", "PERCENT",
     "QUANTITY", "ORDINAL", "CARDINAL", "WORK_OF_ART"}
)  # fmt: skip
#: A proper noun the parser did not take for a place is one only when it names a town this big.
_UNTYPED_PLACE_MIN: Final = 50_000
#: A place name the parser tagged places people only when its biggest entry is this big: a
#: smaller one may be a foreign namesake of a region the gazetteer lacks ("in Borno" is an
#: Italian village to it); the sentence's or the dateline's country decides instead.
_TAGGED_PLACE_MIN: Final = 15_000
#: Country rows of the lexicon that name a place (capitals are where a dateline is written).
_PLACE_KINDS: Final = frozenset({"name", "official", "abbrev", "capital"})

#: The country of the actor phrase headed by a token, when it is a bare country ("Syria",
#: "northern Syria"), else ``None``.
CountryOf = Callable[[Any], str | None]


@dataclass(frozen=True, slots=True)
class Whereabouts:
    """Finds the country a group phrase is in (see the module docstring)."""

    lexicon: Lexicon
    gazetteer: Callable[[], Gazetteer]
    locative: frozenset[str]

    def in_phrase(self, head: Any, country_of: CountryOf) -> str | None:
        """The country of the place after a locative preposition on the phrase's head noun."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in self.locative:
                found = self._places(prep, country_of)
                if found:
                    return found[0]
        return None

    def in_sentence(self, sent: Any, country_of: CountryOf) -> str | None:
        """The one country of the places the sentence's verbs happen at."""
        found: set[str] = set()
        for prep in sent:
            first = _first_conjunct(prep)
            if prep.lower_ in _EVENT_PLACE and first.dep_ == "prep" and first.head.pos_ in _VERBS:
                found.update(self._places(prep, country_of))
        return found.pop() if len(found) == 1 else None

    def dateline(self, article: Article) -> str | None:
        """The country of the dateline's region ("SANTIAGO, Chile —"), else of its city."""
        dateline = article.dateline
        if dateline is None or dateline.city is None:
            return None
        names = [dateline.region] if dateline.region else []
        names.append(dateline.city.text_of(article.text))
        for name in names:
            found = self._named(name)
            if found is not None:
                return found
        return None

    def _named(self, name: str) -> str | None:
        """A country, capital or place name written in a dateline ("CARACAS", "Calif.")."""
        name = name.strip().rstrip(",")
        written = name.title() if name.isupper() else name
        entry = self.lexicon.country(written)
        if entry is not None and entry.kind in _PLACE_KINDS:
            return entry.iso3
        gazetteer = self.gazetteer()
        if gazetteer.state_abbreviation(name) is not None:
            return "USA"
        return gazetteer.place_country(written)

    def _places(self, prep: Any, country_of: CountryOf) -> list[str]:
        objects = (o for pobj in prep.children if pobj.dep_ == "pobj" for o in _conjuncts(pobj))
        return [country for pobj in objects if (country := self._of(pobj, country_of))]

    def _of(self, pobj: Any, country_of: CountryOf) -> str | None:
        known = country_of(pobj)
        if known is not None:
            return known
        name = _proper_name(pobj)
        if name is None:
            return None
        least = _TAGGED_PLACE_MIN if pobj.ent_type_ in _PLACE else _UNTYPED_PLACE_MIN
        return self.gazetteer().place_country(name, least=least)


def _first_conjunct(token: Any) -> Any:
    """The first of coordinated words ("in" of "in Jaffna and in Maracaibo")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _conjuncts(token: Any) -> Iterator[Any]:
    """A word and the words coordinated with it ("Jaffna and Batticaloa")."""
    yield token
    for child in token.children:
        if child.dep_ == "conj":
            yield from _conjuncts(child)


def _proper_name(token: Any) -> str | None:
    """The place name a token ends, with the proper nouns compounded before it ("Deir
    Ezzor"); ``None`` when the token is no proper noun ("the area") or the parser took it for
    something that is no place ("March", "Congress", "Smith")."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.ent_type_ in _NOT_PLACE:
        return None
    words = [*_compounds(token), token]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _compounds(token: Any) -> Iterator[Any]:
    for child in token.lefts:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            yield child


def group_actor(iso3: str | None, sector: str, entry: GroupEntry, country: str | None) -> Actor:
    """The actor of a group: country (``---`` when unknown), sector, the group's code
    ("SYRCVLKUR": Kurdish civilians in Syria)."""
    code = (iso3 or "---") + sector + entry.code
    label = f"{entry.phrase} ({sector_name(sector)})"
    return Actor(code, f"{label}, {country}" if country else label, country=iso3, sector=sector)
