"""The ``time`` stage: each event's date, resolved against the publication date.

A weekday or a relative day word ("yesterday") attached to the event's verb decides the date,
by the verb's tense: past tense takes the latest such day on or before publication, future tense
the next on or after it. Otherwise the event takes the publication date, and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from eventwire.model import Article, Event, EventDate
from eventwire.nlp import parsed_sentences

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})


def date_events(article: Article) -> Article:
    tokens = _trigger_tokens(article)
    events = tuple(
        _dated(event, tokens.get(event.trigger.start), article.date) for event in article.events
    )
    return replace(article, events=events)


def _trigger_tokens(article: Article) -> dict[int, Any]:
    wanted = {event.trigger.start for event in article.events}
    found: dict[int, Any] = {}
    for _, sent, offset in parsed_sentences(article):
        for token in sent:
            if offset + token.idx in wanted:
                found[offset + token.idx] = token
    return found


def _dated(event: Event, verb: Any, published: dt.date | None) -> Event:
    if published is None:
        return replace(event, date=EventDate(None, None, "no publication date"))
    expression = _day_expression(verb) if verb is not None else None
    if expression is None:
        return replace(event, date=EventDate(published.isoformat(), "day", "publication date"))
    word, token = expression
    value = resolve_day(word, published, future=_is_future(verb))
    tense = "future" if _is_future(verb) else "past"
    reason = f"'{token.text}' ({tense} tense) against publication date {published.isoformat()}"
    return replace(event, date=EventDate(value.isoformat(), "day", reason))


def resolve_day(word: str, published: dt.date, *, future: bool) -> dt.date:
    """The date a weekday or day word refers to, seen from ``published``."""
    lower = word.lower()
    if lower in _RELATIVE_DAYS:
        return published + dt.timedelta(days=_RELATIVE_DAYS[lower])
    weekday = _WEEKDAYS.index(lower)
    if future:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


_CLAUSE_BOUNDARIES = frozenset(
    {"ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "parataxis", "csubj", "dobj"}
)


def _day_expression(verb: Any) -> tuple[str, Any] | None:
    """A day word in the verb's own clause; a coordinated verb falls back to its head's."""
    for token in _clause_tokens(verb):
        lower = token.lower_
        if lower in _WEEKDAYS or lower in _RELATIVE_DAYS:
            return lower, token
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _day_expression(verb.head)
    return None


def _clause_tokens(verb: Any) -> list[Any]:
    """Tokens of the verb's clause, not descending into other clauses or the object."""
    found: list[Any] = []
    stack = [c for c in verb.children if c.dep_ not in _CLAUSE_BOUNDARIES]
    while stack:
        token = stack.pop(0)
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _CLAUSE_BOUNDARIES)
    return found


def _is_future(verb: Any) -> bool:
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & _FUTURE_AUX) or (verb.tag_ in ("VB",) and verb.dep_ == "ROOT")
