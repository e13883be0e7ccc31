"""Mutual acts, coded once in each direction.

The annotation guide (and PLOVER's interactions) codes an act both sides do to each other once
per direction: "X met Y" is X -> Y and Y -> X; "X and Y signed a pact" (a coordinated subject,
no object) likewise. A coder reads one direction off the parse; :func:`both_directions` adds
the other; "talks between X and Y" gives every pair both ways. Only triggers whose lemma (or
whose object's: "signed a pact") the language data lists as reciprocal
(``LanguageData.reciprocal``: met, talks, negotiations, cooperation, pact, clashes …) and only
types of interaction (:data:`MUTUAL_TYPES`) are mirrored; negated and conditional acts are not.
The added event keeps the trigger, code and confidence and says how it was made:
``<rule> mutual``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Final

from eventwire.context import SentenceContext
from eventwire.events.build import event_id
from eventwire.events.coder import same_actor
from eventwire.model import Event, Mention

#: PLOVER types whose acts can be mutual (meeting, cooperating, agreeing, backing, fighting).
MUTUAL_TYPES: Final = frozenset({"CONSULT", "COOPERATE", "AGREE", "SUPPORT", "ASSAULT"})


def both_directions(
    context: SentenceContext, events: Sequence[Event], reciprocal: frozenset[str]
) -> list[Event]:
    """The events, with the other direction of each mutual act among them added; a doer of a
    coordination ("X and Y signed a pact", read as X -> none and Y -> none) is paired with each
    other doer instead (X -> Y, Y -> X)."""
    added, paired = _mutual(context, events, reciprocal)
    out = [e for e in events if e.event_id not in paired]
    have = {e.event_id for e in out}
    for event in added:
        if event.event_id not in have:
            have.add(event.event_id)
            out.append(event)
    return out


def _mutual(
    context: SentenceContext, events: Sequence[Event], reciprocal: frozenset[str]
) -> tuple[list[Event], set[str]]:
    """The events to add, and the ids of the target-less events the pairs replace."""
    doc = context.sent.doc
    found: list[Event] = []
    partners: dict[tuple[int, str], list[Event]] = {}  # coordinated doers with no recipient
    paired: set[str] = set()
    for event in events:
        word = _mutual_word(event, doc, reciprocal)
        if word is None:
            continue
        sides = _between(word, context)
        if len(sides) > 1:  # "talks between X and Y": every pair, both ways
            found.extend(_turned(context, event, a, b) for a in sides for b in sides if a is not b)
            paired.add(event.event_id)
        elif event.source is not None and event.target is not None:
            if not same_actor(event.source, event.target):
                found.append(_turned(context, event, event.target, event.source))
        elif event.source is not None:
            partners.setdefault((word.i, event.type.cameo), []).append(event)
    for group in partners.values():
        for event in group:
            for other in group:
                doer, partner = event.source, other.source
                if doer is None or partner is None or same_actor(doer, partner):
                    continue
                if doer.code == partner.code:
                    continue
                found.append(_turned(context, event, doer, partner))
                paired.add(event.event_id)
    return found, paired


def _between(trigger: Any, context: SentenceContext) -> list[Mention]:
    """The actors of the trigger's between/among phrase ("talks between X and Y"), one per
    actor code, in text order."""
    sides: dict[str, Mention] = {}
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("between", "among"):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for head in (pobj, *pobj.conjuncts):
                mention = context.mentions.in_subtree(head, max_depth=1)
                if mention is not None and mention.code:
                    sides.setdefault(mention.code, mention)
    return list(sides.values())


def _mutual_word(event: Event, doc: Any, reciprocal: frozenset[str]) -> Any:
    """The event's trigger word when the event is a mutual act, else None."""
    if event.type.plover_type not in MUTUAL_TYPES or event.trigger_token is None:
        return None
    if event.negated or event.modality == "conditional":
        return None
    word = doc[event.trigger_token]  # "met", or "signed" a "pact"
    objects = [c for c in word.children if c.dep_ == "dobj"]
    return word if any(str(w.lemma_).lower() in reciprocal for w in (word, *objects)) else None


def _turned(context: SentenceContext, event: Event, source: Mention, target: Mention) -> Event:
    """``event`` with the given source and target (a new id), marked ``mutual``."""
    new_id = event_id(
        context.article_id, event.sentence, source.code or "", event.type.cameo, target.code or ""
    )
    rule = f"{event.rule} mutual"
    return replace(event, event_id=new_id, source=source, target=target, rule=rule)
