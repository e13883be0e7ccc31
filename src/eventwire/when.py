"""The ``time`` stage: temporal expressions, and each event's date.

1. The publication date is settled before (the ``metadata`` stage, :mod:`eventwire.dateline`).
2. Every temporal expression is found and normalised (:mod:`eventwire.timex`).
3. An event takes the date of a DATE (or dated TIME) expression in its verb's own clause — the
   finest one (day before week before month...), nearest the verb on a tie; a coordinated verb
   falls back to its head's clause. Deadlines ("by Friday", "within 72 hours"), durations and
   sets never date an event. Otherwise the event takes the publication date, and says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any, Final

from eventwire.context import sentence_contexts, trigger_of
from eventwire.lang import LanguageData, TimexWords
from eventwire.model import (
    NO_PUBLICATION_DATE,
    PUBLICATION_DATE,
    Article,
    Event,
    EventDate,
    Granularity,
    Span,
    Timex,
)
from eventwire.timex import find_timexes, resolve_weekday

_GRANULARITY: Final[tuple[tuple[re.Pattern[str], Granularity], ...]] = (
    (re.compile(r"^\d{4}-\d\d-\d\d(?:T.*)?$"), "day"),
    (re.compile(r"^\d{4}-W\d\d$"), "week"),
    (re.compile(r"^\d{4}-\d\d$"), "month"),
    (re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
)
_RANK: Final = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}
# Where the event's clause ends. A possessive ("last year's drought", "Monday's attack") names
# the time of the thing it owns, not of the event.
_CLAUSE_BOUNDARIES: Final = frozenset(
    {"ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "parataxis", "csubj", "dobj", "poss"}
)


def date_events(article: Article, lang: LanguageData) -> Article:
    """The ``time`` stage: the article's temporal expressions (in the words of ``lang``), and
    each event's date."""
    dateline = article.dateline
    contexts = sentence_contexts(article)  # the same after the timexes: made once
    timexes = find_timexes(article, lang, contexts)
    if dateline is not None:  # the filing date says when the story was written, not the event
        timexes = tuple(_mark_dateline(t, dateline.span) for t in timexes)
    article = replace(article, timexes=timexes)
    dating: dict[int, list[Timex]] = {}  # the expressions that can date an event, by sentence
    for timex in timexes:
        if _dates(timex):
            dating.setdefault(timex.sentence, []).append(timex)
    events = tuple(
        _dated(article, event, trigger_of(contexts, event), dating.get(event.sentence, []))
        for event in article.events
    )
    return replace(article, events=events)


def resolve_day(word: str, published: dt.date, *, future: bool, words: TimexWords) -> dt.date:
    """The date a weekday or day word (in the language of ``words``) refers to, seen from
    ``published``."""
    lower = word.lower()
    if lower in words.day_words:
        return published + dt.timedelta(days=words.day_words[lower])
    return resolve_weekday(words.weekday(lower), published, tense="future" if future else "past")


def granularity(value: str | None) -> Granularity | None:
    """day, week, month, season or year for a DATE value; ``None`` for anything else."""
    if value is None:
        return None
    for pattern, name in _GRANULARITY:
        if pattern.match(value):
            return name
    return None


def _dated(article: Article, event: Event, verb: Any, sentence: list[Timex]) -> Event:
    published = article.date
    chosen = _clause_timex(sentence, event, verb) if verb is not None else None
    if chosen is not None:
        return replace(event, date=_from_timex(chosen, published))
    if published is None:
        return replace(event, date=EventDate(None, None, NO_PUBLICATION_DATE))
    return replace(event, date=EventDate(published.isoformat(), "day", PUBLICATION_DATE))


def _from_timex(timex: Timex, published: dt.date | None) -> EventDate:
    if timex.value == "PRESENT_REF" and published is not None:
        return EventDate(published.isoformat(), "day", f"'{timex.text}' (present)")
    value = timex.value or ""
    grain = granularity(value)
    value = value[:10] if grain == "day" else value
    if timex.rule.startswith(("date:explicit", "month:explicit", "season:explicit", "year")):
        return EventDate(value, grain, f"'{timex.text}' (explicit {grain})")
    tense = timex.rule.rsplit(":", 1)[-1]
    anchor = published.isoformat() if published else "-"
    wording = f"{tense} tense" if tense in ("past", "future") else timex.rule
    return EventDate(value, grain, f"'{timex.text}' ({wording}) against publication date {anchor}")


def _clause_timex(sentence: list[Timex], event: Event, verb: Any) -> Timex | None:
    """The expression dating the event among those of its sentence that can (``sentence``)."""
    if not sentence:
        return None
    offset = event.trigger.start - verb.idx
    current = verb
    while True:
        positions = {offset + t.idx for t in clause_tokens(current)}
        inside = [t for t in sentence if any(t.span.start <= p < t.span.end for p in positions)]
        if inside:
            return min(inside, key=lambda t: (_rank(t), abs(t.span.start - event.trigger.start)))
        if current.dep_ != "conj" or current.head.i == current.i:
            return None
        current = current.head


def _mark_dateline(timex: Timex, dateline: Span) -> Timex:
    return replace(timex, rule="dateline") if dateline.contains(timex.span) else timex


def _dates(timex: Timex) -> bool:
    """Can this expression date an event? DATE/TIME with a calendar value, not a deadline."""
    if (
        timex.rule == "dateline"
        or timex.deadline
        or timex.type not in ("DATE", "TIME")
        or timex.value is None
    ):
        return False
    return timex.value == "PRESENT_REF" or granularity(timex.value) is not None


def _rank(timex: Timex) -> int:
    grain = granularity(timex.value)
    return _RANK[grain] if grain else 0


def clause_tokens(verb: Any, *, keep: frozenset[str] | set[str] = frozenset()) -> list[Any]:
    """Tokens of the verb's clause, not descending into other clauses or (unless ``keep`` names
    ``dobj``) the object."""
    stop = _CLAUSE_BOUNDARIES - keep
    found: list[Any] = []
    stack = [c for c in verb.children if c.dep_ not in stop]
    while stack:
        token = stack.pop(0)
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in stop)
    return found
