"""Mutual acts are coded once in each direction, as the annotation guide has it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.errors import SettingsError
from eventwire.events.config import EventsConfig
from eventwire.model import Article, Event
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings

Process = Callable[..., Article]


def _pairs(article: Article, kind: str) -> set[tuple[str | None, str | None]]:
    return {(_code(e, "source"), _code(e, "target")) for e in article.events if _is(e, kind)}


def _is(event: Event, kind: str) -> bool:
    return event.type.plover_type == kind and not event.negated


def _code(event: Event, role: str) -> str | None:
    mention = event.source if role == "source" else event.target
    return mention.code if mention is not None else None


def test_a_meeting_is_coded_both_ways(process: Process) -> None:
    article = process("Kenyan President William Ruto met Ugandan President Yoweri Museveni.")
    assert _pairs(article, "CONSULT") == {("KENGOV", "UGAGOV"), ("UGAGOV", "KENGOV")}
    added = [e for e in article.events if e.rule.endswith(" mutual")]
    assert [(_code(e, "source"), _code(e, "target")) for e in added] == [("UGAGOV", "KENGOV")]


def test_talks_between_two_sides_pair_them(process: Process) -> None:
    article = process("Talks between Ethiopia and Sudan resumed in Khartoum on Tuesday.")
    assert _pairs(article, "CONSULT") == {("ETH", "SDN"), ("SDN", "ETH")}


def test_coordinated_signatories_of_a_pact_pair_up(process: Process) -> None:
    """ "X and Y signed a pact": X -> Y and Y -> X, not two pacts with nobody."""
    article = process("Chile and Peru signed a fishing pact on Friday.")
    assert _pairs(article, "SUPPORT") == {("CHL", "PER"), ("PER", "CHL")}


def test_a_visit_stays_one_way(process: Process) -> None:
    article = process("French President Emmanuel Macron visited Germany on Monday.")
    assert _pairs(article, "CONSULT") == {("FRAGOV", "DEU")}


def test_a_negated_meeting_is_not_mirrored(process: Process) -> None:
    article = process("Brazil did not meet Argentina at the summit.")
    assert not any(e.rule.endswith(" mutual") for e in article.events)


def test_mutual_can_be_switched_off() -> None:
    pipeline = Pipeline(Settings().with_stage("events", mutual=False))
    (article,) = pipeline.process_batch(
        [Article(text="Kenyan President William Ruto met Ugandan President Yoweri Museveni.")]
    )
    assert _pairs(article, "CONSULT") == {("KENGOV", "UGAGOV")}


def test_mutual_must_be_a_boolean() -> None:
    with pytest.raises(SettingsError, match="mutual must be true or false"):
        EventsConfig(mutual="yes")  # type: ignore[arg-type]
