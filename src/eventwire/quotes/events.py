"""Quotes whose cue is itself an action ("urged", "warned", "accused") yield the matching event.

The event has the speaker as source and the cue verb's object as target (found through the verb
lexicon's target slots, when it holds an actor mention); its CAMEO code is the lexicon's. When the
``events`` stage already coded an event on the same trigger (or with the same id), that event is
linked to the quote instead of adding a second one. The first quote of a cue wins the link.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from eventwire.events.coder import slot_tokens
from eventwire.events.ontology import event_type
from eventwire.events.verbs import VerbFrame, VerbLexicon
from eventwire.model import Article, Event, Mention, Modality, Quote, Span, content_id
from eventwire.quotes.speakers import SentenceView, subtree

#: Cue lemmas that are actions, not just speech.
ACTION_CUES = frozenset(
    {"urge", "warn", "accuse", "threaten", "promise", "pledge", "vow", "demand", "appeal",
     "condemn", "criticise", "criticize", "denounce", "blame", "reject", "praise", "charge"}
)  # fmt: skip
_FUTURE = frozenset({"will", "shall", "'ll"})
_POSSIBLE = frozenset({"would", "could", "might", "may", "can", "should", "must"})


@dataclass(frozen=True, slots=True)
class CuedQuote:
    """A quote with the parsed cue token that introduced it."""

    quote: Quote
    cue: Any  # spaCy token
    view: SentenceView


def link_events(article: Article, cued: list[CuedQuote], verbs: VerbLexicon) -> Article:
    """Link (or add) one event per quote whose cue is an action verb."""
    events = list(article.events)
    linked: set[tuple[int, int]] = set()
    for item in cued:
        trigger = item.view.span_of(item.cue)
        lemma = item.cue.lemma_.lower()
        if lemma not in ACTION_CUES or (trigger.start, trigger.end) in linked:
            continue
        event = next((e for e in events if e.trigger == trigger), None)
        if event is None:
            event = _new_event(article, item, trigger, verbs.for_lemma(lemma))
            same = next((e for e in events if event and e.event_id == event.event_id), None)
            event = same or event
            if event is not None and same is None:
                events.append(event)
        if event is None or event.quote_id is not None:
            continue
        linked.add((trigger.start, trigger.end))
        events[events.index(event)] = replace(event, quote_id=item.quote.quote_id)
    return replace(article, events=tuple(events))


def _new_event(
    article: Article, item: CuedQuote, trigger: Span, frames: tuple[VerbFrame, ...]
) -> Event | None:
    source = item.quote.speaker
    if source is None or source.actor is None:
        return None
    for frame in frames:
        target = _target(article, frame, item)
        if target is not None and target.span == source.span:
            target = None
        if target is None and frame.needs_target:
            continue
        return _event(article, item, trigger, frame, source, target)
    return None


def _event(
    article: Article,
    item: CuedQuote,
    trigger: Span,
    frame: VerbFrame,
    source: Mention,
    target: Mention | None,
) -> Event:
    etype = event_type(frame.code)
    sentence = item.view.record
    target_code = target.code if target and target.code else ""
    confidence = 0.7 * min(source.confidence, target.confidence if target else 1.0)
    return Event(
        event_id=content_id(
            article.id, str(sentence.index), source.code or "", etype.cameo, target_code
        ),
        sentence=sentence.index,
        sentence_span=sentence.span,
        trigger=trigger,
        type=etype,
        source=source,
        target=target,
        negated=any(c.dep_ == "neg" or c.lower_ == "never" for c in item.cue.children),
        modality=_modality(item.cue),
        rule=f"quote:{frame.rule}",
        confidence=round(confidence, 3),
    )


def _modality(cue: Any) -> Modality:
    auxes = {c.lower_ for c in cue.children if c.dep_ in ("aux", "auxpass")}
    if auxes & _FUTURE:
        return "future"
    if auxes & _POSSIBLE:
        return "possible"
    return "asserted"


def _target(article: Article, frame: VerbFrame, item: CuedQuote) -> Mention | None:
    for slot in frame.targets:
        for token in slot_tokens(slot, item.cue):
            mention = _mention_in(article, token, item.view)
            if mention is not None:
                return mention
    return None


def _mention_in(article: Article, token: Any, view: SentenceView) -> Mention | None:
    """The actor mention at ``token``, else the first one inside its phrase."""
    at = view.span_of(token)
    tokens = subtree(token)
    phrase = Span(view.span_of(tokens[0]).start, view.span_of(tokens[-1]).end)
    with_actor = [m for m in article.mentions if m.actor is not None]
    covering = next((m for m in with_actor if m.span.start <= at.start < m.span.end), None)
    return covering or next((m for m in with_actor if phrase.contains(m.span)), None)
