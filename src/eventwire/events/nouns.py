"""Events written as nouns: a light verb carrying an event noun ("staged a rally against X").

``data/nouns.tsv`` maps event nouns to CAMEO codes and the prepositions that introduce their
target; ``data/light_verbs.txt`` lists the verbs that carry them. The coder tries this after the
verb frames of ``verbs.tsv``, which stay the more specific rules.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventwire.errors import DictionaryError

_COLUMNS = ("noun", "targets", "code")
#: Dependency labels of the words that narrow a noun: "hunger strike", "martial law".
_MODIFIERS = frozenset({"compound", "amod", "nmod"})
#: Nouns that measure or count what their of-phrase names: "25,000 tons of aid", "ten days of
#: war games", "part of the stronghold", "$50,000 worth of goods".
_MEASURES = frozenset(
    {"ton", "tonne", "day", "week", "month", "year", "dozen", "hundred", "thousand", "million",
     "series", "number", "part", "round", "wave", "string", "lot", "kind", "form", "batch",
     "shipment", "consignment", "worth", "amount", "package", "load", "cargo", "supply", "piece",
     "barrel", "unit", "convoy", "mission", "team", "delegation", "group"}
)  # fmt: skip


def content_nouns(token: Any) -> list[Any]:
    """The nouns an object stands for: itself, what a measure word counts ("tons of aid"), and
    their conjuncts ("photographs and other intelligence")."""
    found = [token]
    if token.lemma_.lower() in _MEASURES or any(c.dep_ == "nummod" for c in token.children):
        found += [
            pobj
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
    return found + [c for t in found for c in t.children if c.dep_ == "conj"]


@dataclass(frozen=True, slots=True)
class EventNoun:
    """One event noun: its lemma, an optional required modifier, target prepositions, code."""

    noun: str
    modifier: str | None
    targets: tuple[str, ...]
    code: str

    @property
    def rule(self) -> str:
        words = f"{self.modifier} {self.noun}" if self.modifier else self.noun
        return f"noun:{words}->{self.code}"


@dataclass(frozen=True, slots=True)
class NounLexicon:
    """Event nouns by lemma (entries with a modifier first) and the light verbs that carry them."""

    nouns: dict[str, tuple[EventNoun, ...]]
    light_verbs: dict[str, frozenset[str | None]]

    def entry(self, noun: Any) -> EventNoun | None:
        """The event-noun entry for a noun token, if it names an event."""
        entries = self.nouns.get(noun.lemma_.lower()) or self.nouns.get(noun.lower_, ())
        modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in _MODIFIERS}
        modifiers |= {
            pobj.lemma_.lower()
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        }
        for item in entries:
            if item.modifier is None or item.modifier in modifiers:
                return item
        return None

    def carried(self, verb: Any) -> Iterator[Any]:
        """Noun tokens a light verb carries: its object, or the object of its particle
        preposition ("engaged in talks"); the subject of a passive ("a strike was called")."""
        particles = self.light_verbs.get(verb.lemma_.lower())
        if particles is None:
            return
        children = list(verb.children)
        own = {c.lower_ for c in children if c.dep_ in ("prt", "advmod")}
        for particle in particles:
            if particle is None or particle in own:
                for c in children:
                    if c.dep_ in ("dobj", "nsubjpass"):
                        yield from content_nouns(c)
            if particle is not None:
                for prep in children:
                    if prep.dep_ == "prep" and prep.lower_ == particle:
                        for c in prep.children:
                            if c.dep_ == "pobj":
                                yield from content_nouns(c)


@functools.cache
def builtin_nouns() -> NounLexicon:
    data = resources.files("eventwire") / "data"
    nouns = (data / "nouns.tsv").read_text(encoding="utf-8").splitlines()
    verbs = (data / "light_verbs.txt").read_text(encoding="utf-8").splitlines()
    return parse_nouns(nouns, verbs, origin="nouns.tsv")


def parse_nouns(nouns: Iterable[str], light_verbs: Iterable[str], *, origin: str) -> NounLexicon:
    entries: dict[str, list[EventNoun]] = {}
    for number, line in enumerate(nouns, start=1):
        cells = line.rstrip("\n").split("\t")
        if not line.strip() or line.startswith("#") or tuple(cells) == _COLUMNS:
            continue
        item = _entry(cells, f"{origin}:{number}")
        entries.setdefault(item.noun, []).append(item)
    ordered = {k: tuple(sorted(v, key=lambda e: e.modifier is None)) for k, v in entries.items()}
    return NounLexicon(ordered, _light_verbs(light_verbs))


def _entry(cells: list[str], where: str) -> EventNoun:
    if len(cells) != len(_COLUMNS):
        raise DictionaryError(f"{where}: expected {len(_COLUMNS)} tab-separated columns")
    words, targets, code = (c.strip() for c in cells)
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise DictionaryError(f"{where}: {code!r} is not a CAMEO code")
    head, _, tail = words.partition(" of ")
    parts = words.split()
    if tail:  # "state of emergency": the noun with an of-phrase
        noun, modifier = head, tail
    elif len(parts) == 2:  # "hunger strike": a modifier and the noun
        modifier, noun = parts
    elif len(parts) == 1:
        noun, modifier = parts[0], None
    else:
        raise DictionaryError(f"{where}: {words!r} must be 'noun', 'modifier noun' or 'x of y'")
    preps = tuple(t.strip() for t in targets.split(",") if t.strip() and t.strip() != "-")
    return EventNoun(noun.lower(), modifier.lower() if modifier else None, preps, code)


def _light_verbs(lines: Iterable[str]) -> dict[str, frozenset[str | None]]:
    found: dict[str, set[str | None]] = {}
    for line in lines:
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        found.setdefault(words[0].lower(), set()).add(words[1].lower() if len(words) > 1 else None)
    return {lemma: frozenset(particles) for lemma, particles in found.items()}
