"""The built-in stages, by name. Each factory builds its stage once per pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from eventwire.pipeline import Stage, StageFactory
from eventwire.settings import Settings


def _normalise(settings: Settings) -> Stage:
    from eventwire.text import normalise

    return Stage("normalise", normalise)


def _nlp(settings: Settings) -> Stage:
    from eventwire.nlp import Parser

    parser = Parser(settings)
    return Stage("nlp", parser.run, parser.run_batch)


def _actors(settings: Settings) -> Stage:
    from eventwire.actors.dictionaries import load_dictionaries
    from eventwire.actors.lexicon import Lexicon
    from eventwire.actors.resolve import ActorResolver

    paths = settings.dictionaries
    dictionary = load_dictionaries(paths) if paths is not None else None
    return Stage("actors", ActorResolver(Lexicon.builtin(), dictionary).run)


def _events(settings: Settings) -> Stage:
    from eventwire.events.coder import EventCoder
    from eventwire.events.patterns import patterns_for
    from eventwire.events.verbs import builtin_verbs

    return Stage("events", EventCoder(builtin_verbs(), patterns=patterns_for(settings)).run)


def _quotes(settings: Settings) -> Stage:
    from eventwire.quotes import QuoteFinder

    return Stage("quotes", QuoteFinder().run)


def _time(settings: Settings) -> Stage:
    from eventwire.when import date_events

    return Stage("time", date_events)


def _places(settings: Settings) -> Stage:
    from eventwire.actors.lexicon import Lexicon
    from eventwire.places import PlaceResolver, builtin_gazetteer

    return Stage("places", PlaceResolver(builtin_gazetteer(), Lexicon.builtin()).run)


BUILTIN_STAGES: Mapping[str, StageFactory] = MappingProxyType(
    {
        "normalise": _normalise,
        "nlp": _nlp,
        "actors": _actors,
        "events": _events,
        "quotes": _quotes,
        "time": _time,
        "places": _places,
    }
)
