"""The ``events`` stage: coders, how their events are merged, and the stage itself.

A coder is anything with ``name`` and ``code(context) -> events`` over one
:class:`~eventwire.context.SentenceContext` (see :class:`Coder`). The built-in coder is ``rule``
(:class:`~eventwire.events.coder.RuleCoder`); others register through the entry-point group
``eventwire.coders`` (each entry point names a :class:`CoderSpec`). Which coders run, and the
merge policy that combines their events per sentence, are settings::

    [eventwire.stage.events]
    coders = ["rule"]        # e.g. ["rule", "learned"] once a learned coder exists
    merge = "first"          # built in: the first coder's event wins an event id

Merge policies register the same way (group ``eventwire.merge_policies``, a :class:`MergeSpec`).
A policy gets the coders' events as a :class:`CoderResults`: a sequence whose items are coded on
first access (a policy that never looks at a coder's events never runs it), which also names the
sentence and the coders (a policy may ask a coder about the other coders' events).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TypeVar, overload

from eventwire.context import SentenceContext, sentence_contexts
from eventwire.errors import UnknownCoderError
from eventwire.events.config import EventsConfig
from eventwire.events.mutual import both_directions
from eventwire.lang import LanguageData, language_data
from eventwire.model import Article, Event
from eventwire.pipeline import registry
from eventwire.settings import Settings

S = TypeVar("S", "CoderSpec", "MergeSpec")

CODER_GROUP = "eventwire.coders"
MERGE_GROUP = "eventwire.merge_policies"


class Coder(Protocol):
    """Codes the events of one parsed sentence."""

    name: str

    def code(self, context: SentenceContext) -> list[Event]: ...


#: Combines the events each coder found in one sentence (one list per coder, in ``coders``
#: order) into the sentence's events.
MergePolicy = Callable[[Sequence[Sequence[Event]]], list[Event]]


class CoderResults(Sequence[list[Event]]):
    """The events each coder finds in one sentence, in ``coders`` order; a coder runs when its
    item is first read, and once."""

    def __init__(self, coders: Sequence[Coder], context: SentenceContext) -> None:
        self.coders = tuple(coders)
        self.context = context
        self._found: list[list[Event] | None] = [None] * len(self.coders)

    def _get(self, i: int) -> list[Event]:
        found = self._found[i]
        if found is None:
            found = self._found[i] = self.coders[i].code(self.context)
        return found

    @overload
    def __getitem__(self, index: int) -> list[Event]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[list[Event]]: ...
    def __getitem__(self, index: int | slice) -> list[Event] | Sequence[list[Event]]:
        if isinstance(index, slice):
            return [self._get(i) for i in range(len(self.coders))[index]]
        return self._get(range(len(self.coders))[index])

    def __len__(self) -> int:
        return len(self.coders)


@dataclass(frozen=True, slots=True)
class CoderSpec:
    """A registered coder: its name and how to build it from the settings."""

    name: str
    build: Callable[[Settings, LanguageData], Coder]


@dataclass(frozen=True, slots=True)
class MergeSpec:
    """A registered merge policy (it reads coders' results lazily: :class:`CoderResults`)."""

    name: str
    policy: MergePolicy


def _rule_coder(settings: Settings, lang: LanguageData) -> Coder:
    from eventwire.events.coder import RuleCoder
    from eventwire.events.patterns import patterns_for
    from eventwire.events.verbs import builtin_verbs

    return RuleCoder(builtin_verbs(), lang=lang, patterns=patterns_for(settings))


def _learned_coder(settings: Settings, lang: LanguageData) -> Coder:
    from eventwire.events.learned import LearnedCoder
    from eventwire.events.triggers import builtin_trigger_model, trigger_model_file

    path = EventsConfig(**settings.stage_section("events")).model
    model = trigger_model_file(Path(path)) if path else builtin_trigger_model()
    return LearnedCoder(model, lang=lang)


def _add_learned(found: Sequence[Sequence[Event]]) -> list[Event]:
    from eventwire.events.learned import add_learned

    return add_learned(found)


def _fill_with_learned(found: Sequence[Sequence[Event]]) -> list[Event]:
    from eventwire.events.learned import fill_with_learned

    return fill_with_learned(found)


def _fill_with_learned_veto(found: Sequence[Sequence[Event]]) -> list[Event]:
    from eventwire.events.learned import fill_with_learned

    return fill_with_learned(found, veto=True)


def _add_learned_types(found: Sequence[Sequence[Event]]) -> list[Event]:
    from eventwire.events.learned import add_learned_types

    return add_learned_types(found)


def _add_confident_types(found: Sequence[Sequence[Event]]) -> list[Event]:
    from eventwire.events.learned import add_confident_types

    return add_confident_types(found)


def _add_confident_free_types(found: Sequence[Sequence[Event]]) -> list[Event]:
    from eventwire.events.learned import add_confident_free_types

    return add_confident_free_types(found)


def _add_learned_types_veto(found: Sequence[Sequence[Event]]) -> list[Event]:
    from eventwire.events.learned import add_learned_types

    return add_learned_types(found, veto=True)


def first_wins(found: Sequence[Sequence[Event]]) -> list[Event]:
    """Every coder's events; of two with one event id, the earlier coder's (the rule coder's
    own duplicates included: the first of a sentence wins)."""
    merged: dict[str, Event] = {}
    for events in found:
        for event in events:
            merged.setdefault(event.event_id, event)
    return list(merged.values())


BUILTIN_CODERS: tuple[CoderSpec, ...] = (
    CoderSpec("rule", _rule_coder),
    CoderSpec("learned", _learned_coder),
)
BUILTIN_MERGES: tuple[MergeSpec, ...] = (
    MergeSpec("first", first_wins),
    MergeSpec("rule+learned", _fill_with_learned),
    MergeSpec("rule+learned:words", _add_learned),
    MergeSpec("rule+learned:types", _add_learned_types),
    MergeSpec("rule+learned:confident", _add_confident_types),
    MergeSpec("rule+learned:confident-free", _add_confident_free_types),
    MergeSpec("rule+learned:veto", _fill_with_learned_veto),
    MergeSpec("rule+learned:types+veto", _add_learned_types_veto),
)


def registered_coders() -> dict[str, CoderSpec]:
    return registry(BUILTIN_CODERS, CODER_GROUP, CoderSpec)


def registered_merges() -> dict[str, MergeSpec]:
    return registry(BUILTIN_MERGES, MERGE_GROUP, MergeSpec)


def _pick(available: Mapping[str, S], name: str, what: str) -> S:
    if name not in available:
        raise UnknownCoderError(
            f"unknown {what} {name!r} in [eventwire.stage.events]; "
            f"available: {', '.join(sorted(available))}"
        )
    return available[name]


class EventsStage:
    """Runs the configured coders on every sentence, merges their events, and drops headline
    events the body reports again."""

    def __init__(
        self, coders: Sequence[Coder], merge: MergePolicy, reciprocal: frozenset[str] = frozenset()
    ) -> None:
        self.coders = tuple(coders)
        self.merge = merge
        #: Trigger lemmas of mutual acts, coded in both directions (empty: not at all).
        self.reciprocal = reciprocal

    @classmethod
    def from_settings(cls, settings: Settings, config: EventsConfig) -> EventsStage:
        lang = language_data(settings)
        coders = registered_coders()
        chosen = [_pick(coders, name, "coder").build(settings, lang) for name in config.coders]
        merge = _pick(registered_merges(), config.merge, "merge policy")
        reciprocal = lang.reciprocal if config.mutual else frozenset()
        return cls(chosen, merge.policy, reciprocal)

    def run(self, article: Article) -> Article:
        events: dict[str, Event] = {}
        for context in sentence_contexts(article):
            found = self.merge(CoderResults(self.coders, context))
            if self.reciprocal:
                found = both_directions(context, found, self.reciprocal)
            for event in found:
                events.setdefault(event.event_id, event)
        return replace(article, events=without_headline_repeats(article, list(events.values())))


def without_headline_repeats(article: Article, events: list[Event]) -> tuple[Event, ...]:
    """A headline event the body reports again (same source, code, target) is dropped."""
    headlines = {p.index for p in article.paragraphs if p.kind == "headline"}
    in_headline = {s.index for s in article.sentences if s.paragraph in headlines}

    def key(event: Event) -> tuple[str | None, str, str | None]:
        target = event.target.code if event.target else None
        return (event.source.code if event.source else None, event.type.cameo, target)

    body = {key(e) for e in events if e.sentence not in in_headline}
    return tuple(e for e in events if e.sentence not in in_headline or key(e) not in body)
