"""Event coding on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article


def _coded(article: Article) -> list[tuple[str | None, str, str | None]]:
    return [
        (e.source.code if e.source else None, e.type.cameo, e.target.code if e.target else None)
        for e in article.events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia has accused Washington of backing a coup.", ("RUS", "112", "USA")),
        ("France condemned Iran on Monday.", ("FRA", "111", "IRN")),
        ("Bolivia broke off diplomatic relations with Washington.", ("BOL", "161", "USA")),
        ("Chile expelled the Peruvian ambassador.", ("CHL", "174", "PERGOV")),
        ("Germany will urge members of the UN Security Council to act.", ("DEU", "020", "IGOUNO")),
        ("Turkish police arrested Kurdish protesters.", ("TURCOP", "173", None)),
    ],
)
def test_frames(process: Callable[..., Article], text: str, expected: tuple[str, ...]) -> None:
    coded = _coded(process(text))
    source, code, target = expected
    assert any(
        c[0] == source and c[1] == code and (target is None or c[2] == target) for c in coded
    ), coded


def test_passive_takes_the_agent_as_source(process: Callable[..., Article]) -> None:
    coded = _coded(process("Iran was condemned by France on Monday."))
    assert ("FRA", "111", "IRN") in coded


def test_coordinated_actors_give_one_event_each(process: Callable[..., Article]) -> None:
    coded = _coded(process("France and Germany condemned Iran and Syria."))
    assert {c for c in coded if c[1] == "111"} == {
        ("FRA", "111", "IRN"),
        ("FRA", "111", "SYR"),
        ("DEU", "111", "IRN"),
        ("DEU", "111", "SYR"),
    }


def test_coordinated_verbs_share_the_subject(process: Callable[..., Article]) -> None:
    coded = _coded(process("Russia opposes the plan and has accused Britain of meddling."))
    assert ("RUS", "112", "GBR") in coded


def test_negation_and_modality_are_recorded(process: Callable[..., Article]) -> None:
    (negated,) = process("Egypt did not criticise Israel.").events
    assert negated.negated and negated.modality == "asserted"
    (future,) = process("Japan will visit China next month.").events
    assert future.modality == "future" and not future.negated
    intended = process("Russia vowed to back Syria.").events
    assert intended and intended[0].modality == "intended"


def test_request_content_is_not_coded_as_fact(process: Callable[..., Article]) -> None:
    coded = _coded(process("Spain urged Morocco to recognise Algeria."))
    assert ("ESP", "020", "MAR") in coded
    assert not any(c[1] == "054" for c in coded)


def test_event_carries_evidence(process: Callable[..., Article]) -> None:
    text = "Kenya praised Uganda on Friday."
    (event,) = process(text).events
    assert text[event.trigger.start : event.trigger.end] == "praised"
    assert event.sentence_span.start == 0 and event.sentence_span.end == len(text)
    assert event.rule.startswith("verb:praise") and 0 < event.confidence <= 1
    assert (event.type.quad_class, event.type.plover_type) == (1, "SUPPORT")


def test_headline_event_repeated_in_the_body_is_kept_once(process: Callable[..., Article]) -> None:
    text = "Serbia expels Kosovo envoy\n\nSerbia on Friday expelled a Kosovo envoy.\n\nItaly praised Spain."
    article = process(text, title="Serbia expels Kosovo envoy")
    expels = [e for e in article.events if e.type.cameo == "174"]
    assert len(expels) == 1 and text[expels[0].trigger.start : expels[0].trigger.end] == "expelled"


def test_headline_only_event_is_kept(process: Callable[..., Article]) -> None:
    text = "Serbia expels Kosovo envoy\n\nItaly praised Spain on Monday."
    article = process(text, title="Serbia expels Kosovo envoy")
    assert [e.type.cameo for e in article.events] == ["174", "051"]


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Rebels ambushed a Nigerian army convoy on Monday.", "190"),
        ("Gunmen kidnapped two Italian engineers in Libya.", "181"),
        ("Kenyan police beat up protesters in Nairobi.", "182"),
        ("Chilean protesters blocked roads to the airport.", "144"),
    ],
)
def test_assault_and_protest_verbs(process: Callable[..., Article], text: str, cameo: str) -> None:
    assert cameo in [e.type.cameo for e in process(text).events]


def test_coordinated_adjectives_share_the_role(process: Callable[..., Article]) -> None:
    article = process("Hungarian and Romanian officials criticised Russia on Monday.")
    assert {c for c in _coded(article) if c[1] == "111"} == {
        ("HUNGOV", "111", "RUS"),
        ("ROUGOV", "111", "RUS"),
    }
    romanian = next(m for m in article.mentions if m.text == "Romanian")
    assert romanian.code == "ROUGOV"
