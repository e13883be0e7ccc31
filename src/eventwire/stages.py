"""The built-in stages, with what each requires and assigns on the article.

Each factory builds its stage once per pipeline; the imports inside keep start-up light.
``Pipeline(settings).analyze()`` lists the contracts in pipeline order.
"""

from __future__ import annotations

import functools

from eventwire.events.config import EventsConfig
from eventwire.pipeline import Stage, StageSpec, stage
from eventwire.settings import Settings


@stage("normalise", requires=("text", "title"), assigns=("paragraphs",))
def normalise_stage(settings: Settings, config: None) -> Stage:
    from eventwire.text import with_paragraphs

    return Stage("normalise", with_paragraphs)


@stage(
    "metadata",
    requires=("norm_text", "paragraphs", "url"),
    assigns=("date", "date_source", "dateline", "warnings"),
)
def metadata_stage(settings: Settings, config: None) -> Stage:
    from eventwire.dateline import Datelines, with_publication_date
    from eventwire.lang import language_data

    datelines = Datelines.of(language_data(settings))
    return Stage("metadata", functools.partial(with_publication_date, datelines=datelines))


@stage(
    "nlp",
    requires=("norm_text", "paragraphs"),
    reads=("dateline",),  # the dateline is left out of the parse
    assigns=("sentences", "parsed"),
)
def nlp_stage(settings: Settings, config: None) -> Stage:
    from eventwire.nlp import Parser

    parser = Parser(settings)
    return Stage("nlp", parser.run, parser.run_batch)


@stage("actors", requires=("parsed", "date"), reads=("dateline",), assigns=("mentions",))
def actors_stage(settings: Settings, config: None) -> Stage:
    from eventwire.actors.resolve import ActorResolver
    from eventwire.lang import language_data

    return Stage("actors", ActorResolver.from_settings(settings, language_data(settings)).run)


@stage(
    "events",
    requires=("parsed", "mentions", "paragraphs", "sentences"),
    assigns=("events",),
    config=EventsConfig,
)
def events_stage(settings: Settings, config: EventsConfig) -> Stage:
    from eventwire.events.coding import EventsStage

    return Stage("events", EventsStage.from_settings(settings, config).run)


@stage(
    "quotes",
    requires=("parsed", "mentions", "paragraphs"),
    reads=("events",),
    assigns=("quotes", "events"),
)
def quotes_stage(settings: Settings, config: None) -> Stage:
    from eventwire.lang import language_data
    from eventwire.quotes import QuoteFinder

    return Stage("quotes", QuoteFinder(language_data(settings)).run)


@stage("time", requires=("parsed", "events", "date", "dateline"), assigns=("timexes", "events"))
def time_stage(settings: Settings, config: None) -> Stage:
    from eventwire.lang import language_data
    from eventwire.when import date_events

    return Stage("time", functools.partial(date_events, lang=language_data(settings)))


@stage(
    "places",
    requires=("parsed", "mentions", "dateline"),
    reads=("events",),
    assigns=("places", "events"),
)
def places_stage(settings: Settings, config: None) -> Stage:
    from eventwire.actors.resolve import configured_lexicon
    from eventwire.places import PlaceResolver, builtin_gazetteer

    return Stage("places", PlaceResolver(builtin_gazetteer(), configured_lexicon(settings)).run)


BUILTIN_STAGES: tuple[StageSpec, ...] = (
    normalise_stage,
    metadata_stage,
    nlp_stage,
    actors_stage,
    events_stage,
    quotes_stage,
    time_stage,
    places_stage,
)
