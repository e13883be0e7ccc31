"""First-person pronouns in a direct quote stand for its speaker.

In '"We will retaliate if they attack us," the minister said', the actors stage already reads
"we" as the minister (the speech verb is in the same sentence). A quote that runs over several
sentences, or whose speaker is named in another paragraph, leaves "we" and "us" of the other
sentences unresolved, and the events coded on them without a source or target. Once the quotes
stage knows each quote's speaker, an event inside the quote whose source slot is "I"/"we" takes
the speaker as source, and one whose target slot is "me"/"us" takes the speaker as target, each
through a stand-in mention of the pronoun (rule ``pronoun:quote-speaker``). The event's id and
confidence are recomputed; an event that would then repeat another's id is left out (the other
already states it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, Final

from eventwire.context import STAND_IN_CONFIDENCE, SentenceContext
from eventwire.events.build import event_id
from eventwire.model import Article, Event, Mention, Quote

RULE: Final = "pronoun:quote-speaker"
_SUBJECT_PRONOUNS: Final = frozenset({"i", "we"})
_OBJECT_PRONOUNS: Final = frozenset({"me", "us"})
#: A subject is looked for on the verb, then up through these links ("we will try to help").
_SHARED_SUBJECT: Final = frozenset({"xcomp", "conj"})
#: Prepositions whose object is the other party of an act ("talk to us", "fight against us").
_PARTNER_PREPS: Final = frozenset({"to", "with", "against", "on", "at", "toward", "towards"})


def speak_for_events(article: Article, views: Sequence[SentenceContext]) -> Article:
    """The article with events inside attributed direct quotes given their speaker for an
    unresolved first-person source or target."""
    quotes = [q for q in article.quotes if q.direct and _speaker_actor(q) is not None]
    if not quotes or not article.events:
        return article
    by_sentence = {view.record.index: view for view in views}
    taken = {e.event_id for e in article.events}
    events: list[Event] = []
    added: list[Mention] = []
    for event in article.events:
        quote = _quote_of(event, quotes)
        view = by_sentence.get(event.sentence)
        changed = _with_speaker(event, quote, view) if quote and view else None
        if changed is None:
            events.append(event)
            continue
        new, mentions = changed
        if new.event_id in taken:
            continue  # another event of the sentence already says this
        taken.add(new.event_id)
        events.append(new)
        added.extend(mentions)
    if not added:
        return article
    mentions = sorted({*article.mentions, *added}, key=lambda m: (m.span.start, m.span.end))
    return replace(article, events=tuple(events), mentions=tuple(mentions))


def _speaker_actor(quote: Quote) -> Any:
    return quote.speaker.actor if quote.speaker is not None else None


def _quote_of(event: Event, quotes: Iterable[Quote]) -> Quote | None:
    trigger = event.trigger
    return next(
        (q for q in quotes if q.span.start <= trigger.start and trigger.end <= q.span.end), None
    )


def _with_speaker(
    event: Event, quote: Quote, view: SentenceContext
) -> tuple[Event, list[Mention]] | None:
    verb = view.token_at(event.trigger.start)
    speaker = quote.speaker
    if verb is None or speaker is None:
        return None
    source, target = event.source, event.target
    mentions: list[Mention] = []
    if source is None and (token := _subject(verb)) is not None:
        source = _stand_in(token, view, speaker)
        mentions.append(source)
    if target is None and (token := _object(verb)) is not None:
        target = _stand_in(token, view, speaker)
        mentions.append(target)
    if not mentions or (source is not None and target is not None and source.code == target.code):
        return None
    new_id = event_id(
        view.article_id, event.sentence, (source.code if source else "") or "",
        event.type.cameo, (target.code if target else "") or "",
    )  # fmt: skip
    confidence = round(event.confidence * STAND_IN_CONFIDENCE, 3)
    changed = replace(
        event, source=source, target=target, event_id=new_id, confidence=confidence
    )  # fmt: skip
    return changed, mentions


def _subject(verb: Any) -> Any | None:
    """The verb's own subject, else its governor's through xcomp/conj, when it is I or we."""
    token = verb
    for _ in range(3):
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0] if subjects[0].lower_ in _SUBJECT_PRONOUNS else None
        if token.dep_ not in _SHARED_SUBJECT or token.head.i == token.i:
            return None
        token = token.head
    return None


def _object(verb: Any) -> Any | None:
    """Me/us as the verb's object, passive subject or partner ("attacked us", "we were
    attacked" is not: "we" is the object only of a passive verb)."""
    for child in _objects(verb):
        if child.lower_ in _OBJECT_PRONOUNS or (
            child.dep_ == "nsubjpass" and child.lower_ in _SUBJECT_PRONOUNS
        ):
            return child
    return None


def _objects(verb: Any) -> Iterator[Any]:
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass"):
            yield child
        elif child.dep_ == "prep" and child.lower_ in _PARTNER_PREPS:
            yield from (c for c in child.children if c.dep_ == "pobj")


def _stand_in(token: Any, view: SentenceContext, speaker: Mention) -> Mention:
    person = speaker.person if token.lower_ in ("i", "me") else None
    return view.stand_in(token, speaker, RULE, person)
