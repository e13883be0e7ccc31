"""Flatten processed articles into table rows (column names as in :mod:`.schema`)."""

from __future__ import annotations

from typing import Any

from eventwire.dates import interval_of
from eventwire.events.mentions import Repeat, repeats_of
from eventwire.model import Article, Event, Mention, Place, Quote, Timex, content_id

Row = dict[str, Any]


def article_row(article: Article) -> Row:
    return {
        "id": article.id,
        "article_id": article.public_id,
        "external_id": article.external_id,
        "title": article.title,
        "date": article.date,
        "url": article.url,
        "source": article.source,
        "origin": article.origin,
        "text": article.text,
        "n_sentences": len(article.sentences),
        "n_events": len(article.events),
        "n_quotes": sum(q.kind == "quote" for q in article.quotes),
        "n_errors": len(article.errors),
        "date_source": article.date_source,
        "warnings": "; ".join(article.warnings) or None,
    }


def _actor_fields(prefix: str, mention: Mention | None) -> Row:
    actor = mention.actor if mention else None
    return {
        f"{prefix}_code": actor.code if actor else None,
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_text": mention.text if mention else None,
        f"{prefix}_start": mention.span.start if mention else None,
        f"{prefix}_end": mention.span.end if mention else None,
        f"{prefix}_rule": mention.rule if mention else None,
    }


def event_rows(article: Article) -> list[Row]:
    """The article's events, each mention marked with the event it repeats (if any)."""
    repeats = repeats_of(article.events)
    return [event_row(article, e, repeats.get(e.event_id)) for e in article.events]


def event_row(article: Article, event: Event, repeat: Repeat | None = None) -> Row:
    etype = event.type
    interval = interval_of(event.date.value) if event.date else None
    return {
        "event_id": event.event_id,
        "article_key": article.id,
        "sentence": event.sentence,
        "cameo": etype.cameo,
        "cameo_root": etype.root,
        "cameo_name": etype.name,
        "quad_class": etype.quad_class,
        "goldstein": etype.goldstein,
        "plover_type": etype.plover_type,
        "plover_mode": etype.plover_mode,
        **_actor_fields("source", event.source),
        **_actor_fields("target", event.target),
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "trigger_text": event.trigger.text_of(article.text),
        "sentence_start": event.sentence_span.start,
        "sentence_end": event.sentence_span.end,
        "date": event.date.value if event.date else None,
        "date_granularity": event.date.granularity if event.date else None,
        "date_reason": event.date.reason if event.date else None,
        "date_start": interval.start if interval else None,
        "date_end": interval.end if interval else None,
        **_place_fields(event),
        "negated": event.negated,
        "modality": event.modality,
        "rule": event.rule,
        "confidence": event.confidence,
        "mention_of": repeat.mention_of if repeat else event.event_id,
        "mentions": repeat.mentions if repeat else 1,
    }


def _place_fields(event: Event) -> Row:
    place = event.place
    return {
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_reason": place.reason if place else None,
        "place_start": place.span.start if place and place.span else None,
        "place_end": place.span.end if place and place.span else None,
    }


def timex_row(article: Article, timex: Timex) -> Row:
    return {
        "timex_id": content_id(article.id, "timex", str(timex.span.start), str(timex.span.end)),
        "article_key": article.id,
        "sentence": timex.sentence,
        "start": timex.span.start,
        "end": timex.span.end,
        "text": timex.text,
        "type": timex.type,
        "value": timex.value,
        "rule": timex.rule,
        "deadline": timex.deadline,
    }


def place_row(article: Article, place: Place) -> Row:
    return {
        "place_id": content_id(article.id, "place", str(place.span.start), str(place.span.end)),
        "article_key": article.id,
        "sentence": place.sentence,
        "start": place.span.start,
        "end": place.span.end,
        "text": place.text,
        "name": place.name,
        "feature": place.feature,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
        "rule": place.rule,
        "confidence": place.confidence,
        "reason": place.reason,
    }


def quote_row(article: Article, quote: Quote) -> Row:
    speaker = quote.speaker
    actor = speaker.actor if speaker else None
    return {
        "quote_id": quote.quote_id,
        "article_key": article.id,
        "sentence": quote.sentence,
        "start": quote.span.start,
        "end": quote.span.end,
        "text": quote.text,
        "speaker_start": speaker.span.start if speaker else None,
        "speaker_end": speaker.span.end if speaker else None,
        "speaker_text": speaker.text if speaker else None,
        "speaker_code": actor.code if actor else None,
        "speaker_name": (speaker.person if speaker else None) or (actor.name if actor else None),
        "cue_start": quote.cue.start if quote.cue else None,
        "cue_end": quote.cue.end if quote.cue else None,
        "direct": quote.direct,
        "rule": quote.rule,
        "confidence": quote.confidence,
        "partial": quote.partial,
        "kind": quote.kind,
    }


def actor_row(article: Article, mention: Mention) -> Row:
    actor = mention.actor
    return {
        "mention_id": content_id(article.id, str(mention.span.start), str(mention.span.end)),
        "article_key": article.id,
        "sentence": mention.sentence,
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.text,
        "code": actor.code if actor else None,
        "name": (mention.person or actor.name) if actor else mention.person,
        "country": actor.country if actor else None,
        "sector": actor.sector if actor else None,
        "role": mention.role,
        "person": mention.person,
        "rule": mention.rule,
        "confidence": mention.confidence,
    }


def error_rows(article: Article) -> list[Row]:
    return [
        {
            "error_id": content_id(article.id, error.stage, error.message),
            "origin": article.origin,
            "article_key": article.id,
            "stage": error.stage,
            "kind": error.kind,
            "message": error.message,
        }
        for error in article.errors
    ]


def ingest_error_row(origin: str, message: str) -> Row:
    return {
        "error_id": content_id("ingest", origin, message),
        "origin": origin,
        "article_key": None,
        "stage": "ingest",
        "kind": "IngestError",
        "message": message,
    }
