"""Quotes whose cue is itself an action ("urged", "warned", "accused") yield the matching event.

The event has the speaker as source and the cue verb's object as target (found through the verb
lexicon's target slots, when it holds an actor mention); its CAMEO code is the lexicon's. When the
``events`` stage already coded an event on the same trigger (or with the same id), that event is
linked to the quote instead of adding a second one. The first quote of a cue wins the link.
Events are built by the same :class:`~eventwire.events.build.EventBuilder` as the coder's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from eventwire.context import SentenceContext, subtree
from eventwire.events.build import EventBuilder
from eventwire.events.coder import slot_tokens
from eventwire.events.verbs import VerbFrame, VerbLexicon
from eventwire.model import Article, Event, Mention, Quote, Span

#: Confidence factor of a quote-cue event (the coder's built-in frames have 0.8).
_QUOTE_WEIGHT = 0.7


@dataclass(frozen=True, slots=True)
class CuedQuote:
    """A quote with the parsed cue token that introduced it."""

    quote: Quote
    cue: Any  # spaCy token
    view: SentenceContext


def link_events(
    article: Article,
    cued: list[CuedQuote],
    verbs: VerbLexicon,
    builder: EventBuilder,
    actions: frozenset[str],
) -> Article:
    """Link (or add) one event per quote whose cue is an action verb (one of ``actions``)."""
    events = list(article.events)
    by_trigger: dict[Span, int] = {}  # the first event on each trigger, by position in events
    by_id: dict[str, int] = {}
    for i, event in enumerate(events):
        by_trigger.setdefault(event.trigger, i)
        by_id.setdefault(event.event_id, i)
    linked: set[tuple[int, int]] = set()
    for item in cued:
        trigger = item.view.span_of(item.cue)
        lemma = item.cue.lemma_.lower()
        if lemma not in actions or (trigger.start, trigger.end) in linked:
            continue
        at = by_trigger.get(trigger)
        if at is None:
            new = _new_event(builder, item, verbs.for_lemma(lemma))
            if new is None:
                continue
            at = by_id.get(new.event_id)
            if at is None:
                at = len(events)
                events.append(new)
                by_trigger.setdefault(new.trigger, at)
                by_id[new.event_id] = at
        event = events[at]
        if event.quote_id is not None:
            continue
        linked.add((trigger.start, trigger.end))
        events[at] = replace(event, quote_id=item.quote.quote_id)
    return replace(article, events=tuple(events))


def _new_event(
    builder: EventBuilder, item: CuedQuote, frames: tuple[VerbFrame, ...]
) -> Event | None:
    source = item.quote.speaker
    if source is None or source.actor is None:
        return None
    for frame in frames:
        target = _target(frame, item)
        if target is not None and (target.span == source.span or target.actor is None):
            target = None  # itself, or a group phrase (the events stage codes those per actor)
        if target is None and frame.needs_target:
            continue
        return builder.build(
            item.view.article_id, item.view, item.cue, source, target,
            code=frame.code, rule=f"quote:{frame.rule}", weight=_QUOTE_WEIGHT,
        )  # fmt: skip
    return None


def _target(frame: VerbFrame, item: CuedQuote) -> Mention | None:
    for slot in frame.targets:
        for token in slot_tokens(slot, item.cue):
            mention = _mention_in(token, item.view)
            if mention is not None:
                return mention
    return None


def _mention_in(token: Any, view: SentenceContext) -> Mention | None:
    """The actor mention at ``token``, else the first one inside its phrase."""
    tokens = subtree(token)
    phrase = Span(view.span_of(tokens[0]).start, view.span_of(tokens[-1]).end)
    return view.mentions.at(token) or view.mentions.inside(phrase)
