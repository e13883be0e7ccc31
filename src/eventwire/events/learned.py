"""The learned coder: events the trigger model (:mod:`eventwire.events.triggers`) finds, with
their actors read off the parse by the same rules the rule coder uses.

Detection is the model's; structure stays with rules. A verb trigger takes its subject (or the
passive agent) as source and its object, passive subject or first actor-bearing prepositional
object as target. A noun trigger ("the withdrawal of troops", "U.S. airstrikes", "launched an
offensive against X") takes its possessor or actor modifier, else the subject of the verb that
governs it, as source, and the actor in its on/against/of/with/to phrase as target. An event
without a source is kept (PLOVER allows a missing actor). Negation, modality and the announced
intent/threat codes come from the shared :class:`~eventwire.events.build.EventBuilder`.

The event's CAMEO code is the generic code of its PLOVER type (:data:`TYPE_CODES`); its
``rule`` is ``learned:<TYPE> p=<probability>`` and its confidence the calibrated probability
times the weaker actor's confidence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import MappingProxyType
from typing import Any, Final

import numpy as np

from eventwire.context import MentionIndex, SentenceContext
from eventwire.events.build import EventBuilder
from eventwire.events.coder import same_actor, verb_actors
from eventwire.events.triggers import TriggerModel, feature_ids, is_candidate, token_features
from eventwire.lang import LanguageData
from eventwire.model import Event, Mention

#: The generic CAMEO code of each PLOVER type (its root's "not specified below" code).
TYPE_CODES: Final = MappingProxyType(
    {
        "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
        "CONCEDE": "080", "RETREAT": "084", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
        "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160",
        "COERCE": "170", "ASSAULT": "190",
    }
)  # fmt: skip
_NOUN_TARGET_PREPS: Final = frozenset({"on", "against", "of", "with", "to", "for", "at", "into"})
_NOUN_SOURCE_DEPS: Final = frozenset({"poss", "compound", "amod", "nmod"})


class LearnedCoder:
    """The ``learned`` coder: one event per trigger token and type the model accepts."""

    name = "learned"

    def __init__(self, model: TriggerModel, *, lang: LanguageData) -> None:
        self.model = model
        self.builder = EventBuilder(lang)

    def detect(self, context: SentenceContext) -> list[tuple[Any, str, float]]:
        """(token, PLOVER type, probability) of every accepted trigger in the sentence."""
        tokens = [t for t in context.sent if is_candidate(t)]
        if not tokens:
            return []
        ids = [feature_ids(token_features(t), self.model.buckets) for t in tokens]
        probs = self.model.probabilities(ids)
        found: list[tuple[Any, str, float]] = []
        margins = probs - self.model.thresholds
        for token, row, margin in zip(tokens, probs, margins, strict=True):
            best = int(np.argmax(margin))
            if margin[best] >= 0:  # one type per word: the one furthest over its threshold
                found.append((token, self.model.labels[best], float(row[best])))
        return found

    def code(self, context: SentenceContext) -> list[Event]:
        events: list[Event] = []
        for token, kind, probability in self.detect(context):
            source, target = self._actors(token, context.mentions)
            code, rule = self.builder.announced(
                token, TYPE_CODES[kind], f"learned:{kind} p={probability:.2f}"
            )
            # A group phrase ("the two governments") is one event per actor it stands for.
            for one_source in source.members() if source is not None else (None,):
                for one_target in target.members() if target is not None else (None,):
                    grouped = bool(source and source.group) or bool(target and target.group)
                    if grouped and one_source and one_target and same_actor(one_source, one_target):
                        continue  # "both leaders met X": X is not his own partner
                    event = self.builder.build(
                        context.article_id, context, token, one_source, one_target,
                        code=code, rule=rule, weight=probability,
                    )  # fmt: skip
                    events.append(event)
        return events

    def _actors(self, token: Any, index: MentionIndex) -> tuple[Mention | None, Mention | None]:
        if token.pos_ == "VERB":
            source, target, _ = verb_actors(token, index)
            return source, target
        return _noun_source(token, index), _noun_target(token, index)


def _noun_source(noun: Any, index: MentionIndex) -> Mention | None:
    """Who did what the noun names: its possessor or actor modifier ("Russia's withdrawal",
    "U.S. airstrikes"), else the subject of the verb governing it ("X launched an offensive")."""
    for child in noun.children:
        if child.dep_ in _NOUN_SOURCE_DEPS and (mention := index.in_subtree(child)) is not None:
            return mention
    for child in noun.children:  # "attacks by rebels"
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                if (mention := index.in_subtree(pobj)) is not None:
                    return mention
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "pobj") and head.pos_ in ("VERB", "AUX", "ADP"):
        verb = head.head if noun.dep_ == "pobj" else head
        source, _, _ = verb_actors(verb, index)
        return source
    return None


def _noun_target(noun: Any, index: MentionIndex) -> Mention | None:
    """The actor in the noun's on/against/of/with/to phrase ("sanctions on Iran")."""
    for prep in _preps(noun):
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and (mention := index.in_subtree(pobj)) is not None:
                return mention
    return None


def _preps(noun: Any) -> Iterator[Any]:
    return (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _NOUN_TARGET_PREPS)


def fill_with_learned(found: Sequence[Sequence[Event]]) -> list[Event]:
    """The ``rule+learned`` merge policy: the first coder's events (the rules) where it found
    any; the later coders' (the model's) only in sentences where it found none.

    Rules decide where they fire, since their lexicon names the CAMEO code and their frames the
    actors; the model codes the sentences the rules could not read. (The found lists are per
    sentence, so "none" means none in this sentence.) Of two events with one id, the first wins.
    """
    for events in found:
        if events:
            merged: dict[str, Event] = {}
            for event in events:
                merged.setdefault(event.event_id, event)
            return list(merged.values())
    return []


def add_learned(found: Sequence[Sequence[Event]]) -> list[Event]:
    """The ``rule+learned:words`` merge policy: every event of the first coder (the rules), then
    each event of the later coders (the model) whose trigger word no earlier event has coded.

    Rules decide where they fire, since their lexicon names the CAMEO code and their frames the
    actors; the model adds the events the rules miss. Of two events with one id, the first wins.
    """
    merged: dict[str, Event] = {}
    covered: set[tuple[int, int | None]] = set()
    for i, events in enumerate(found):
        added: set[tuple[int, int | None]] = set()
        for event in events:
            where = (event.sentence, event.trigger_token)
            if i > 0 and where in covered:
                continue
            merged.setdefault(event.event_id, event)
            added.add(where)
        covered |= added
    return list(merged.values())
