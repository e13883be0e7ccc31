"""The learned coder: events the trigger model (:mod:`eventwire.events.triggers`) finds, with
their actors read off the parse by the same rules the rule coder uses.

Detection is the model's; structure stays with rules. A verb trigger takes its subject (or the
passive agent) as source and its object, passive subject or first actor-bearing prepositional
object as target. A noun trigger ("the withdrawal of troops", "U.S. airstrikes", "launched an
offensive against X") takes its possessor or actor modifier, else the subject of the verb that
governs it, as source, and the actor in its on/against/of/with/to phrase as target. A trigger
still without a source (an evaluation in the speaker's own words, a noun inside a clause) takes
the actor subject of the nearest verb above it that has one, unless it is an agentless passive
("the town was shelled, the minister said": no source). An event without a source is kept
(PLOVER allows a missing actor). Negation, modality and the announced
intent/threat codes come from the shared :class:`~eventwire.events.build.EventBuilder`.

The event's CAMEO code is the one the rule lexicon (``verbs.tsv``, ``nouns.tsv``) gives the
trigger lemma for that PLOVER type (:class:`LexiconCodes`), else the generic code of the type
(:data:`TYPE_CODES`), so it carries that code's Goldstein score and QuadClass. Its ``rule`` is
``learned:<TYPE> p=<probability>`` (plus `` cameo<-<lexicon entry>`` when the lexicon chose the
code) and its confidence the calibrated probability times the weaker actor's confidence.

The merge policies (:func:`fill_with_learned`, :func:`add_learned`, :func:`add_learned_types`)
also let the model review the rules' events: a rule event's confidence becomes its own times
``(1 + p) / 2``, ``p`` the model's probability of the event's type at its trigger (the rule keeps
its ``rule`` id: the rules produced it), and with ``veto`` a rule event whose trigger the model
gives no type a probability of at least the model's veto level is dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from eventwire.context import MentionIndex, SentenceContext
from eventwire.errors import UnknownEventCodeError
from eventwire.events.build import EventBuilder
from eventwire.events.coder import (
    coordinated,
    in_obligation_clause,
    patient_possessor,
    same_actor,
    verb_actors,
)
from eventwire.events.intent import intent_code
from eventwire.events.membership import membership
from eventwire.events.nouns import NounLexicon, builtin_nouns
from eventwire.events.ontology import event_type
from eventwire.events.triggers import DocTable, FloatArray, TriggerModel, table_rows
from eventwire.events.verbs import VerbLexicon, builtin_verbs
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
_GOVERNING_SUBJECTS: Final = frozenset({"nsubj", "csubj"})
_GOVERNING_DEPTH: Final = 3


class LexiconCodes:
    """The CAMEO code the rule lexicon gives a trigger lemma for a PLOVER type.

    From the verb frames (a frame whose particle the trigger has first, then frames without an
    object restriction, then the rest, in the lexicon's order) and the event nouns. A type the
    lemma reaches only by announcing its act ("will visit": AGREE) takes the act's intent code
    (CAMEO 03x/13x), so the code's type is always the model's type.
    """

    def __init__(self, verbs: VerbLexicon, nouns: NounLexicon) -> None:
        table: dict[tuple[str, str], list[tuple[int, str | None, str, str]]] = {}
        for lemma, frames in verbs.frames.items():
            for rank, frame in enumerate(frames):
                general = 0 if not frame.objects else 1
                self._add(table, lemma, frame.code, (general, rank), frame.particle, frame.rule)
        for noun, entries in nouns.nouns.items():
            for rank, entry in enumerate(entries):
                general = 0 if entry.modifier is None else 1
                self._add(table, noun, entry.code, (general + 2, rank), None, entry.rule)
        self.table = {key: [c[1:] for c in sorted(found)] for key, found in table.items()}

    @staticmethod
    def _add(
        table: dict[tuple[str, str], list[tuple[int, str | None, str, str]]],
        lemma: str, code: str, rank: tuple[int, int], particle: str | None, rule: str,
    ) -> None:  # fmt: skip
        try:
            kind = event_type(code).plover_type
        except UnknownEventCodeError:  # a lexicon code the ontology lacks: no candidate
            return
        order = rank[0] * 10_000 + rank[1]
        table.setdefault((lemma, kind), []).append((order, particle, code, rule))
        intent = intent_code(code)
        if intent is not None:
            announced = event_type(intent).plover_type
            if announced != kind:
                table.setdefault((lemma, announced), []).append(
                    (order + 50_000, particle, intent, rule)
                )

    def code(self, token: Any, kind: str) -> tuple[str, str] | None:
        """(code, lexicon rule) for the trigger token and type, or None."""
        found = self.table.get((str(token.lemma_).lower(), kind))
        if not found:
            return None
        particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
        for particle, code, rule in found:
            if particle is not None and particle in particles:
                return code, rule
        for particle, code, rule in found:
            if particle is None:
                return code, rule
        return None


class LearnedCoder:
    """The ``learned`` coder: one event per trigger token and type the model accepts."""

    name = "learned"

    def __init__(
        self, model: TriggerModel, *, lang: LanguageData, codes: LexiconCodes | None = None
    ) -> None:
        self.model = model
        self.builder = EventBuilder(lang)
        self.codes = codes if codes is not None else LexiconCodes(builtin_verbs(), builtin_nouns())
        self.veto_level = float(model.meta.get("veto", 0.0) or 0.0)
        #: How probable a type must be for ``rule+learned:confident`` to add it to a sentence
        #: the rules coded (0: never; chosen by ``make train`` on the tune split).
        self.confident_level = float(model.meta.get("confident", 0.0) or 0.0)
        self._label_index = {label: j for j, label in enumerate(model.labels)}
        self._table: DocTable | None = None  # the last doc's token table (one doc at a time)
        self._rows: npt.NDArray[np.int32] | None = None  # its word-vector rows, if any

    def table(self, doc: Any) -> DocTable:
        """The doc's token table, built once per doc (its sentences come one after another)."""
        table = self._table
        if table is None or table.doc is not doc:
            table = self._table = DocTable.of(doc)
            vectors = self.model.vectors
            self._rows = None if vectors is None else vectors.words.token_rows(table)
        return table

    def probabilities(self, context: SentenceContext, tokens: Sequence[Any]) -> FloatArray:
        """The calibrated probability of each type for each token of the sentence."""
        return self._probabilities(context, [t.i for t in tokens])

    def _probabilities(self, context: SentenceContext, indices: Sequence[int]) -> FloatArray:
        if not indices:
            return np.zeros((0, len(self.model.labels)), dtype=np.float32)
        sent = context.sent
        table = self.table(sent.doc)
        ids, starts = table_rows(table, indices, self.model.buckets, sent.start, sent.end)
        raw = self.model.table_scores(table, indices, ids, starts, self._rows)
        return self.model.calibrated(raw)

    def detect(self, context: SentenceContext) -> list[tuple[Any, str, float]]:
        """(token, PLOVER type, probability) of every accepted trigger in the sentence."""
        sent = context.sent
        table = self.table(sent.doc)
        indices = [i for i in range(sent.start, sent.end) if table.candidate(i)]
        if not indices:
            return []
        probs = self._probabilities(context, indices)
        found: list[tuple[Any, str, float]] = []
        margins = probs - self.model.thresholds
        best = np.argmax(margins, axis=1)
        doc = sent.doc
        for i, row, margin, j in zip(indices, probs, margins, best, strict=True):
            if margin[j] >= 0:  # one type per word: the one furthest over its threshold
                found.append((doc[i], self.model.labels[j], float(row[j])))
        return found

    def code(self, context: SentenceContext) -> list[Event]:
        events: list[Event] = []
        sent, index = context.sent, context.mentions
        for token, kind, probability in self.detect(context):
            if token.pos_ == "VERB" and in_obligation_clause(token, self.builder.lang):
                continue  # "X said Y must do more": the rules code the demand, if any
            source, target = self._actors(token, context.mentions)
            base, rule = TYPE_CODES[kind], f"learned:{kind} p={probability:.2f}"
            if (lexicon := self.codes.code(token, kind)) is not None:
                base, rule = lexicon[0], f"{rule} cameo<-{lexicon[1]}"
            base, rule = membership(token, base, rule, context.mentions, self.builder.lang)
            code, rule = self.builder.announced(token, base, rule)
            # A coordination ("Chile and Peru") or a group phrase ("the two governments") is
            # one event per actor it stands for.
            for one_source in coordinated(source, sent, index):
                for one_target in coordinated(target, sent, index):
                    grouped = bool(source and source.group) or bool(target and target.group)
                    if grouped and one_source and one_target and same_actor(one_source, one_target):
                        continue  # "both leaders met X": X is not his own partner
                    event = self.builder.build(
                        context.article_id, context, token, one_source, one_target,
                        code=code, rule=rule, weight=probability,
                    )  # fmt: skip
                    events.append(event)
        return events

    def type_probabilities(self, context: SentenceContext, events: Sequence[Event]) -> list[float]:
        """The model's probability of each event's PLOVER type at its trigger word (0 for an
        event with no trigger word or of a type the model does not know), in one pass."""
        rows = self._trigger_rows(context, events)
        return [self._type_probability(event, rows.get(event.trigger_token)) for event in events]

    def review(
        self, context: SentenceContext, events: Sequence[Event], *, veto: bool = False
    ) -> list[Event]:
        """Another coder's events with the model's opinion folded into their confidence (times
        ``(1 + p) / 2``); with ``veto``, less those whose trigger the model gives no type a
        probability of at least its veto level."""
        rows = self._trigger_rows(context, events)
        kept: list[Event] = []
        for event in events:
            row = rows.get(event.trigger_token)
            if row is None:
                kept.append(event)
                continue
            if veto and self.veto_level > 0 and float(row.max()) < self.veto_level:
                continue
            p = self._type_probability(event, row)
            kept.append(replace(event, confidence=round(event.confidence * (1 + p) / 2, 3)))
        return kept

    def _trigger_rows(
        self, context: SentenceContext, events: Sequence[Event]
    ) -> dict[int | None, FloatArray]:
        """The calibrated probabilities of every type at each event's trigger word, by token
        index (events without a trigger word have none)."""
        tokens = sorted({e.trigger_token for e in events if e.trigger_token is not None})
        return dict(zip(tokens, self._probabilities(context, tokens), strict=True))

    def _type_probability(self, event: Event, row: FloatArray | None) -> float:
        """The probability of the event's PLOVER type in its trigger word's row (0 without a
        row or for a type the model does not know)."""
        j = self._label_index.get(event.type.plover_type)
        return float(row[j]) if row is not None and j is not None else 0.0

    def _actors(self, token: Any, index: MentionIndex) -> tuple[Mention | None, Mention | None]:
        passive = False
        if token.pos_ == "VERB":
            source, target, passive = verb_actors(token, index)
        else:
            source, target = _noun_source(token, index), _noun_target(token, index)
            if target is None and patient_possessor(token, self.builder.lang):
                done_to = _possessor_as_target(token, index)
                if done_to is not None:
                    return done_to
        if source is None and not passive:  # an agentless passive keeps no source
            source = _governing_subject(token, index)
        return source, target


def _possessor_as_target(noun: Any, index: MentionIndex) -> tuple[Mention | None, Mention] | None:
    """(source, target) of a noun of an act done to a person, with no target of its own: its
    possessor is the target ("Mhlanga's arrest"), and the source only a "by" phrase; None when
    the possessor is no actor."""
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    found = index.in_subtree(possessor) if possessor is not None else None
    return None if found is None else (_by_agent(noun, index), found)


def _by_agent(noun: Any, index: MentionIndex) -> Mention | None:
    """The actor of the noun's "by" phrase ("attacks by rebels")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                if (mention := index.in_subtree(pobj)) is not None:
                    return mention
    return None


def _governing_subject(token: Any, index: MentionIndex) -> Mention | None:
    """The actor subject of the nearest of the (at most three) verbs above the trigger that has
    one: the speaker of words that name an act without a doer ('"This is unacceptable," Ali
    said'), the subject of the clause a noun or complement sits in ("X said the move was a
    violation")."""
    for above in list(token.ancestors)[:_GOVERNING_DEPTH]:
        if above.pos_ not in ("VERB", "AUX"):
            continue
        for child in above.children:
            if child.dep_ in _GOVERNING_SUBJECTS and (found := index.in_subtree(child)) is not None:
                return found
    return None


def _noun_source(noun: Any, index: MentionIndex) -> Mention | None:
    """Who did what the noun names: its possessor or actor modifier ("Russia's withdrawal",
    "U.S. airstrikes"), else the subject of the verb governing it ("X launched an offensive")."""
    for child in noun.children:
        if child.dep_ in _NOUN_SOURCE_DEPS and (mention := index.in_subtree(child)) is not None:
            return mention
    if (agent := _by_agent(noun, index)) is not None:  # "attacks by rebels"
        return agent
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


def _reviewer(found: Sequence[Sequence[Event]]) -> tuple[LearnedCoder, SentenceContext] | None:
    """The learned coder among the coders of a :class:`~eventwire.events.coding.CoderResults`
    (plain lists, as in tests, have none) and the sentence."""
    coders = getattr(found, "coders", ())
    context = getattr(found, "context", None)
    for coder in coders:
        if isinstance(coder, LearnedCoder) and context is not None:
            return coder, context
    return None


def _reviewed(found: Sequence[Sequence[Event]], veto: bool) -> list[Event]:
    """The first coder's (the rules') events, reviewed by the model when it runs, one per id."""
    merged: dict[str, Event] = {}
    for event in found[0]:
        merged.setdefault(event.event_id, event)
    events = list(merged.values())
    reviewer = _reviewer(found)
    if reviewer is None or not events:
        return events
    coder, context = reviewer
    return coder.review(context, events, veto=veto)


def fill_with_learned(found: Sequence[Sequence[Event]], *, veto: bool = False) -> list[Event]:
    """The ``rule+learned`` merge policy: the first coder's events (the rules) where it found
    any; the later coders' (the model's) only in sentences where it found none.

    Rules decide where they fire, since their lexicon names the CAMEO code and their frames the
    actors; the model codes the sentences the rules could not read. (The found lists are per
    sentence, so "none" means none in this sentence.) Of two events with one id, the first wins.
    The later coders do not run in a sentence the rules coded (see ``CoderResults``).
    """
    if not found:
        return []
    if found[0]:
        return _reviewed(found, veto)
    merged: dict[str, Event] = {}
    for events in found[1:]:
        if events:
            for event in events:
                merged.setdefault(event.event_id, event)
            return list(merged.values())
    return []


def add_learned_types(found: Sequence[Sequence[Event]], *, veto: bool = False) -> list[Event]:
    """The ``rule+learned:types`` merge policy: every event of the first coder (the rules), then
    each event of the later coders (the model) of a PLOVER type the rules' events of the sentence
    do not have. Of two events with one id, the first wins."""
    if not found:
        return []
    rules = _reviewed(found, veto)
    merged = {e.event_id: e for e in rules}
    kinds = {e.type.plover_type for e in rules}
    for events in found[1:]:
        added: set[str] = set()
        for event in events:
            if event.type.plover_type not in kinds:
                merged.setdefault(event.event_id, event)
                added.add(event.type.plover_type)
        kinds |= added
    return list(merged.values())


def add_confident_free_types(found: Sequence[Sequence[Event]]) -> list[Event]:
    """``rule+learned:confident`` less the model's events on a word a rule event is on or in the
    content of a rule event (below its trigger in the parse, not as a coordinated verb)."""
    return add_confident_types(found, free=True)


def add_confident_types(found: Sequence[Sequence[Event]], *, free: bool = False) -> list[Event]:
    """The ``rule+learned:confident`` merge policy: ``rule+learned`` (the model codes the
    sentences the rules found nothing in), and in a sentence the rules coded, the model's events
    of a PLOVER type the rules did not find there when the model gives that type at least its
    ``confident`` probability (chosen on the tune split: "X accused Y of shelling Z", where the
    rules read the accusation and miss the shelling). Of two events with one id, the first wins."""
    if not found:
        return []
    if not found[0]:
        return fill_with_learned(found)
    rules = _reviewed(found, False)
    reviewer = _reviewer(found)
    if reviewer is None or reviewer[0].confident_level <= 0:
        return rules
    coder, context = reviewer
    merged = {e.event_id: e for e in rules}
    kinds = {e.type.plover_type for e in rules}
    coded = [e.trigger_token for e in rules if e.trigger_token is not None]
    for events in found[1:]:
        new = [e for e in events if e.type.plover_type not in kinds]
        if free:
            new = [
                e for e in new if not _under_rule_event(context.sent.doc, e.trigger_token, coded)
            ]
        probabilities = coder.type_probabilities(context, new)
        sure = [e for e, p in zip(new, probabilities, strict=True) if p >= coder.confident_level]
        for event in sure:
            merged.setdefault(event.event_id, event)
        kinds |= {e.type.plover_type for e in sure}
    return list(merged.values())


def add_learned(found: Sequence[Sequence[Event]]) -> list[Event]:
    """The ``rule+learned:words`` merge policy: every event of the first coder (the rules), then
    each event of the later coders (the model) whose trigger word no earlier event has coded.

    Rules decide where they fire, since their lexicon names the CAMEO code and their frames the
    actors; the model adds the events the rules miss. Of two events with one id, the first wins.
    """
    if not found:
        return []
    merged: dict[str, Event] = {e.event_id: e for e in _reviewed(found, False)}
    covered = {(e.sentence, e.trigger_token) for e in found[0]}
    for i, events in enumerate(found):
        if i == 0:
            continue
        added: set[tuple[int, int | None]] = set()
        for event in events:
            where = (event.sentence, event.trigger_token)
            if i > 0 and where in covered:
                continue
            merged.setdefault(event.event_id, event)
            added.add(where)
        covered |= added
    return list(merged.values())


def _under_rule_event(doc: Any, token: int | None, coded: Sequence[int]) -> bool:
    """Whether the word is one a rule event is on, or lies below one in the parse other than
    through a coordination ("accused X of shelling": yes; "met … and signed": no)."""
    if token is None:
        return False
    if token in coded:
        return True
    walk = doc[token]
    while walk.head.i != walk.i:
        if walk.head.i in coded:
            return walk.dep_ not in ("conj", "cc")
        walk = walk.head
    return False
