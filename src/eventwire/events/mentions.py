"""Repeats of one event within an article: the headline, the lead and a later sentence telling
the same action are mentions of one event, not three events.

Two events of one article are mentions of the same event when they have the same source code,
target code, CAMEO code, polarity (negated or not) and kind of modality, and the same date. A
date the text does not state (the publication-date fallback, or no date at all) is no evidence
of a different time: such a mention joins the group of the stated date when there is exactly one
stated date for that actor-action-actor; otherwise it groups with the other unstated mentions.

The event of a group is its first mention with a stated date (else its first mention); every
mention keeps its own row and evidence and points to that event (``mention_of``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from eventwire.model import NO_PUBLICATION_DATE, PUBLICATION_DATE, Event

#: ``EventDate.reason`` of dates the text does not state (see :mod:`eventwire.when`).
UNSTATED_DATE_REASONS: Final = frozenset({PUBLICATION_DATE, NO_PUBLICATION_DATE})
#: Modalities that claim the action happened; others ("future", "possible"...) are other claims.
_FACTUAL: Final = frozenset({"asserted", "reported"})

Identity = tuple[str | None, str | None, str, bool, str]


@dataclass(frozen=True, slots=True)
class MentionKey:
    """What decides whether two events of one article are the same event."""

    event_id: str
    position: int  # order in the text (trigger offset)
    identity: Identity
    date: str | None
    stated: bool


@dataclass(frozen=True, slots=True)
class Repeat:
    """One mention's place in its group: the event it belongs to and how many mentions it has."""

    mention_of: str
    mentions: int


def identity(
    source: str | None, target: str | None, cameo: str, negated: bool, modality: str
) -> Identity:
    return (source, target, cameo, negated, "factual" if modality in _FACTUAL else modality)


def key_of(event: Event) -> MentionKey:
    date = event.date
    return MentionKey(
        event_id=event.event_id,
        position=event.trigger.start,
        identity=identity(
            event.source.code if event.source else None,
            event.target.code if event.target else None,
            event.type.cameo,
            event.negated,
            event.modality,
        ),
        date=date.value if date else None,
        stated=date is not None and is_stated(date.value, date.reason),
    )


def is_stated(value: str | None, reason: str | None) -> bool:
    """Does the text state this date (rather than the publication date standing in)?"""
    return value is not None and reason not in UNSTATED_DATE_REASONS


def group_mentions(keys: Iterable[MentionKey]) -> dict[str, Repeat]:
    """``event_id → Repeat`` for every key (all of one article)."""
    by_identity: dict[Identity, list[MentionKey]] = {}
    for key in sorted(keys, key=lambda k: (k.position, k.event_id)):
        by_identity.setdefault(key.identity, []).append(key)
    out: dict[str, Repeat] = {}
    for members in by_identity.values():
        for group in _split_by_date(members):
            head = next((k for k in group if k.stated), group[0])
            for key in group:
                out[key.event_id] = Repeat(head.event_id, len(group))
    return out


def _split_by_date(members: Sequence[MentionKey]) -> list[list[MentionKey]]:
    stated: dict[str | None, list[MentionKey]] = {}
    unstated: list[MentionKey] = []
    for key in members:
        if key.stated:
            stated.setdefault(key.date, []).append(key)
        else:
            unstated.append(key)
    groups = list(stated.values())
    if len(groups) == 1:
        groups[0] = sorted([*groups[0], *unstated], key=lambda k: (k.position, k.event_id))
    elif unstated:
        groups.append(unstated)
    return groups


def repeats_of(events: Sequence[Event]) -> dict[str, Repeat]:
    """The mention groups of one article's events."""
    return group_mentions(key_of(e) for e in events)
