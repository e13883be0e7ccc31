"""First-person pronouns in a direct quote stand for its speaker (sentences written for these
tests)."""

from __future__ import annotations

from collections.abc import Callable

from eventwire.model import Article, Event
from eventwire.quotes.first_person import RULE

Process = Callable[..., Article]


def _events_with(article: Article, rule: str) -> list[Event]:
    return [
        e for e in article.events
        if (e.source and e.source.rule == rule) or (e.target and e.target.rule == rule)
    ]  # fmt: skip


def test_we_in_a_quote_is_the_speaker_when_the_actors_stage_could_not_know(
    process: Process,
) -> None:
    article = process(
        'Greek Foreign Minister Nikos Dendias spoke in Athens on Monday. "The talks have failed. '
        'We will impose sanctions on Turkey." Dendias later left for Brussels.'
    )
    (quote,) = [q for q in article.quotes if "sanctions" in q.text]
    assert quote.speaker is not None and quote.speaker.code == "GRCGOV"
    (event,) = _events_with(article, RULE)
    assert event.source is not None and event.source.code == "GRCGOV"
    assert event.source.text == "We" and event.type.plover_type in ("SANCTION", "THREATEN")
    assert any(m.rule == RULE and m.span == event.source.span for m in article.mentions)


def test_us_in_a_quote_is_the_speakers_side_as_target(process: Process) -> None:
    article = process(
        'Venezuelan President Luis Marin spoke on Friday. "This is a provocation. Colombia has '
        'attacked us again." Marin then left the palace.'
    )
    found = [e for e in article.events if e.target is not None and e.target.rule == RULE]
    assert [(e.source.code if e.source else None, e.target.code) for e in found if e.target] == [
        ("COL", "VENGOV")
    ]


def test_a_pronoun_outside_any_quote_is_left_alone(process: Process) -> None:
    article = process("We will impose sanctions on Turkey, a Greek minister wrote on Monday.")
    assert _events_with(article, RULE) == []
