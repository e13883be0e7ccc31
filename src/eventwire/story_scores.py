"""Score eventwire on labelled news stories (:mod:`eventwire.labelled`): quotes, events, places.

Quotes. Only direct quotes are compared (the labels hold direct quotes only); every predicted
direct quote of kind ``quote`` counts, attributed or not, so a scare quote the code takes for a
quote is a false positive (quoted text the code itself set apart as ``unattributed`` is not a
predicted quote). A predicted quote matches a labelled one when their character spans overlap with
Jaccard >= 0.5 (one-to-one, best overlap first). Its speaker is right when the predicted speaker
mention overlaps the labelled speaker mention, or the two names agree (the words of one, less
articles, are a subset of the other's: "Pedersen" and "Geir Pedersen"). "Full quotes only"
scores the labelled quotes that are not partial; a prediction matching a partial one is then
left out of both counts. "Partial" scores the flag: a true positive is a matched pair where both
are partial, against every labelled and every predicted partial quote.

Events. A predicted event belongs to the labelled sentence that holds its trigger; one whose
trigger is in no labelled sentence forms a sentence of its own (all false positives). Negated
and conditional predictions are not scored, as in :mod:`eventwire.evaluate`.
- sentence-level type: per sentence, the set of PLOVER types labelled against the set predicted;
- sentence-level type+actors: per sentence, the set of (type, source country, target country);
  a country is ISO-3, ``IGO``, or empty (no actor, or an actor with no country);
- story-level type: per story, the set of types; micro sums the counts over stories, macro
  averages the per-type F1 over every type labelled or predicted in the set.

Places: :mod:`eventwire.place_scores`, over the stories whose places were labelled.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pycountry

from eventwire.errors import EvaluationError
from eventwire.evaluate import PRF, is_scored
from eventwire.labelled import LabelledEvent, LabelledQuote, LabelledStory
from eventwire.model import Article, Event, Mention, Quote, Span
from eventwire.place_scores import PlaceScores, score_places
from eventwire.span_match import jaccard, one_to_one
from eventwire.timex_scores import TimexScores, score_timexes

MIN_JACCARD: Final = 0.5
_COUNTRIES: Final = frozenset(c.alpha_3 for c in pycountry.countries) | {"IGO", "XKX"}
_ARTICLES: Final = frozenset({"the", "a", "an"})

EventKey = tuple[str, str, str]  # (type, source country, target country)
SentenceKey = tuple[str, int]  # ("gold", sentence start) or ("pred", sentence index)


@dataclass(frozen=True)
class QuoteScores:
    content: PRF
    speaker: PRF
    full_content: PRF
    full_speaker: PRF
    speaker_country: PRF
    partial: PRF

    def as_dict(self) -> dict[str, Any]:
        return {
            "content": self.content.as_dict(),
            "speaker_content": self.speaker.as_dict(),
            "full_content": self.full_content.as_dict(),
            "full_speaker_content": self.full_speaker.as_dict(),
            "speaker_country_content": self.speaker_country.as_dict(),
            "partial": self.partial.as_dict(),
        }


@dataclass(frozen=True)
class EventScores:
    sentence_type: PRF
    sentence_type_actors: PRF
    story_type_micro: PRF
    story_type_macro_f1: float
    per_type: dict[str, PRF]  # sentence level
    per_type_story: dict[str, PRF]

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentence_type": self.sentence_type.as_dict(),
            "sentence_type_actors": self.sentence_type_actors.as_dict(),
            "story_type_micro": self.story_type_micro.as_dict(),
            "story_type_macro": {"f1": round(self.story_type_macro_f1, 4)},
            "per_type": {t: p.as_dict() for t, p in sorted(self.per_type.items())},
            "per_type_story": {t: p.as_dict() for t, p in sorted(self.per_type_story.items())},
        }


@dataclass(frozen=True)
class StoryScores:
    stories: int
    quotes: QuoteScores
    events: EventScores
    places: PlaceScores
    timexes: TimexScores

    def as_dict(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "quotes": self.quotes.as_dict(),
            "events": self.events.as_dict(),
            "places": self.places.as_dict(),
            "timexes": self.timexes.as_dict(),
        }


# --- quotes --------------------------------------------------------------------------------------


def _words(name: str) -> frozenset[str]:
    cleaned = "".join(c.lower() if c.isalnum() else " " for c in name)
    return frozenset(w for w in cleaned.split() if w not in _ARTICLES)


def names_agree(labelled: str, predicted: str) -> bool:
    """The words of one name (less articles) are all in the other."""
    a, b = _words(labelled), _words(predicted)
    return bool(a) and bool(b) and (a <= b or b <= a)


def speaker_right(gold: LabelledQuote, speaker: Mention | None) -> bool:
    if speaker is None:
        return False
    if gold.speaker_start is not None and gold.speaker_end is not None:
        labelled = Span(gold.speaker_start, gold.speaker_end)
        if min(labelled.end, speaker.span.end) > max(labelled.start, speaker.span.start):
            return True
    return any(names_agree(gold.speaker, name) for name in (speaker.text, speaker.person) if name)


def _gold_span(q: LabelledQuote) -> Span:
    return Span(q.start, q.end)


def _match(
    gold: Sequence[LabelledQuote], predicted: Sequence[Quote]
) -> list[tuple[LabelledQuote, Quote]]:
    """One-to-one pairs with span Jaccard >= 0.5, the best overlaps first."""
    spans = [_gold_span(g) for g in gold]
    found = one_to_one(spans, [p.span for p in predicted], jaccard, MIN_JACCARD)
    return [(gold[i], predicted[j]) for i, j in found]


def _country(mention: Mention | None) -> str:
    if mention is None or mention.actor is None:
        return ""
    country = (mention.actor.country or mention.actor.code[:3]).upper()
    return country if country in _COUNTRIES else ""


@dataclass
class _Counts:
    tp: int = 0
    gold: int = 0
    predicted: int = 0

    def add(self, tp: int, gold: int, predicted: int) -> None:
        self.tp += tp
        self.gold += gold
        self.predicted += predicted

    def prf(self) -> PRF:
        return PRF(self.tp, self.gold, self.predicted)


def predicted_quotes(article: Article) -> list[Quote]:
    """The quotes scored against the labels: direct ones of kind ``quote``."""
    return [q for q in article.quotes if q.direct and q.kind == "quote"]


def score_quotes(stories: Sequence[LabelledStory], articles: Sequence[Article]) -> QuoteScores:
    content, speaker, full_c, full_s, country, partial = (_Counts() for _ in range(6))
    for story, article in zip(stories, articles, strict=True):
        gold = list(story.quotes)
        predicted = predicted_quotes(article)
        pairs = _match(gold, predicted)
        partial.add(
            sum(g.partial and p.partial for g, p in pairs),
            sum(g.partial for g in gold), sum(p.partial for p in predicted),
        )  # fmt: skip
        right = [(g, p) for g, p in pairs if speaker_right(g, p.speaker)]
        content.add(len(pairs), len(gold), len(predicted))
        speaker.add(len(right), len(gold), len(predicted))
        country.add(
            sum(g.speaker_country == _country(p.speaker) for g, p in right),
            len(gold), len(predicted),
        )  # fmt: skip
        on_partial = sum(g.partial for g, _ in pairs)
        full_gold = sum(not g.partial for g in gold)
        full_c.add(sum(not g.partial for g, _ in pairs), full_gold, len(predicted) - on_partial)
        full_s.add(sum(not g.partial for g, _ in right), full_gold, len(predicted) - on_partial)
    return QuoteScores(
        content.prf(), speaker.prf(), full_c.prf(), full_s.prf(), country.prf(), partial.prf()
    )


# --- events --------------------------------------------------------------------------------------


def _gold_key(e: LabelledEvent) -> EventKey:
    return (e.type, e.source_country, e.target_country)


def key_text(key: EventKey) -> str:
    """``ASSAULT IRQ -> -`` for (type, source country, target country); ``-`` for none."""
    kind, source, target = key
    return f"{kind} {source or '-'} -> {target or '-'}"


def _predicted_key(e: Event) -> EventKey:
    return (e.type.plover_type, _country(e.source), _country(e.target))


@dataclass(frozen=True)
class SentenceEvents:
    """What one sentence holds: labelled and predicted events, by key."""

    key: SentenceKey
    span: Span
    gold: Counter[EventKey]
    predicted: Counter[EventKey]
    events: tuple[Event, ...]


def sentences(story: LabelledStory, article: Article) -> Iterator[SentenceEvents]:
    """The labelled sentences of a story, then the sentences where only predictions fall."""
    spans = sorted({(e.sentence_start, e.sentence_end) for e in story.events})
    starts = [s for s, _ in spans]
    gold: dict[SentenceKey, Counter[EventKey]] = {}
    for e in story.events:
        gold.setdefault(("gold", e.sentence_start), Counter())[_gold_key(e)] += 1
    predicted: dict[SentenceKey, list[Event]] = {}
    where: dict[SentenceKey, Span] = {("gold", s): Span(s, end) for s, end in spans}
    for event in article.events:
        if not is_scored(event):
            continue
        i = bisect.bisect_right(starts, event.trigger.start) - 1
        if i >= 0 and event.trigger.start < spans[i][1]:
            key: SentenceKey = ("gold", spans[i][0])
        else:
            key = ("pred", event.sentence)
            where[key] = event.sentence_span
        predicted.setdefault(key, []).append(event)
    for key in sorted(where, key=lambda k: (where[k].start, k[0])):
        found = predicted.get(key, [])
        yield SentenceEvents(
            key, where[key], gold.get(key, Counter()),
            Counter(_predicted_key(e) for e in found), tuple(found),
        )  # fmt: skip


def _set_counts(gold: Iterable[str], predicted: Iterable[str]) -> tuple[int, int, int]:
    g, p = set(gold), set(predicted)
    return len(g & p), len(g), len(p)


def _types(keys: Counter[EventKey]) -> set[str]:
    return {k[0] for k in keys}


def score_events(stories: Sequence[LabelledStory], articles: Sequence[Article]) -> EventScores:
    sentence_type, sentence_actors, story_micro = _Counts(), _Counts(), _Counts()
    per_type: dict[str, _Counts] = {}
    per_type_story: dict[str, _Counts] = {}

    def tally(table: dict[str, _Counts], gold: set[str], predicted: set[str]) -> None:
        for t in gold | predicted:
            table.setdefault(t, _Counts()).add(int(t in gold and t in predicted),
                                               int(t in gold), int(t in predicted))  # fmt: skip

    for story, article in zip(stories, articles, strict=True):
        story_gold: set[str] = set()
        story_pred: set[str] = set()
        for sentence in sentences(story, article):
            g, p = _types(sentence.gold), _types(sentence.predicted)
            sentence_type.add(*_set_counts(g, p))
            tally(per_type, g, p)
            sentence_actors.add(*_set_counts(map(str, sentence.gold), map(str, sentence.predicted)))
            story_gold |= g
            story_pred |= p
        story_micro.add(*_set_counts(story_gold, story_pred))
        tally(per_type_story, story_gold, story_pred)
    story_types = {t: c.prf() for t, c in per_type_story.items()}
    macro = sum(p.f1 for p in story_types.values()) / len(story_types) if story_types else 0.0
    return EventScores(
        sentence_type.prf(), sentence_actors.prf(), story_micro.prf(), macro,
        {t: c.prf() for t, c in per_type.items()}, story_types,
    )  # fmt: skip


def score_stories(stories: Sequence[LabelledStory], articles: Sequence[Article]) -> StoryScores:
    """Quote, event, place and timex scores of predicted articles against their labelled
    stories (same order)."""
    if len(stories) != len(articles):
        raise EvaluationError(f"{len(stories)} labelled stories but {len(articles)} articles")
    return StoryScores(
        len(stories),
        score_quotes(stories, articles),
        score_events(stories, articles),
        score_places(stories, articles),
        score_timexes(stories, articles),
    )


def story_article(story: LabelledStory) -> Article:
    """The article eventwire reads for a labelled story (text, title, date and url as published)."""
    return Article(
        text=story.text, external_id=story.id, title=story.title, date=story.published,
        url=story.url,
    )  # fmt: skip


def event_errors(
    story: LabelledStory, article: Article, describe: Callable[[Event], str]
) -> Iterator[str]:
    """Readable lines for the sentences where labels and predictions disagree."""
    for sentence in sentences(story, article):
        if sentence.gold == sentence.predicted:
            continue
        missed = sentence.gold - sentence.predicted
        extra = sentence.predicted - sentence.gold
        yield f"{story.id} [{sentence.span.start}:{sentence.span.end}] " + " ".join(
            story.text[sentence.span.start : sentence.span.end].split()
        )
        yield from (f"    missed  {key_text(k)}" for k in sorted(missed))
        extra_events = [e for e in sentence.events if _predicted_key(e) in extra]
        yield from (f"    extra   {describe(e)}" for e in extra_events)


def quote_errors(story: LabelledStory, article: Article) -> Iterator[str]:
    """Readable lines for the labelled quotes missed, the predicted ones with no label, and the
    matched ones whose speaker or partial flag disagrees."""
    gold = list(story.quotes)
    predicted = predicted_quotes(article)
    pairs = _match(gold, predicted)
    matched_g = {id(g) for g, _ in pairs}
    matched_p = {id(p) for _, p in pairs}

    def shown(span: Span) -> str:
        return " ".join(story.text[span.start : span.end].split())[:100]

    head = f"{story.id} quote"
    for g in gold:
        if id(g) not in matched_g:
            yield f"{head} missed  {shown(_gold_span(g))!r} ({g.speaker})"
    for p in predicted:
        if id(p) not in matched_p:
            yield f"{head} extra   {shown(p.span)!r} ({p.rule})"
    for g, p in pairs:
        got = (p.speaker.person or p.speaker.text) if p.speaker else "-"
        if not speaker_right(g, p.speaker):
            yield f"{head} speaker {shown(p.span)!r}: labelled {g.speaker!r}, got {got!r}, {p.rule}"
        if g.partial != p.partial:
            yield f"{head} partial {shown(p.span)!r}: labelled {g.partial}, got {p.partial}"
