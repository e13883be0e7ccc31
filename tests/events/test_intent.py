"""Announced actions take CAMEO's express-intent (03) or threaten (13) codes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.events.intent import intent_code
from eventwire.model import Article


def _codes(article: Article) -> list[tuple[str | None, str, str | None]]:
    return [
        (e.source.code if e.source else None, e.type.cameo, e.target.code if e.target else None)
        for e in article.events
        if not e.negated
    ]


def test_intent_code_table() -> None:
    assert intent_code("0841") == "0353"  # release → intent to release
    assert intent_code("1723") == "1323"  # impose curfew → threaten curfew
    assert intent_code("070") == "033"
    assert intent_code("195") == "1384"
    assert intent_code("020") is None  # an appeal stays an appeal
    assert intent_code("111") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sweden will send aid to Malawi next month.", ("SWE", "033", "MWI")),
        ("Chile is willing to release Peruvian soldiers.", ("CHL", "0353", "PERMIL")),
        ("Italy would support Malta in the talks, officials said.", ("ITA", "032", "MLT")),
        ("Somali rebels will attack Kenya, a spokesman said.", ("SOMREB", "1384", "KEN")),
        ("Ukraine may expel Belarus's ambassador.", ("UKR", "132", "BLRGOV")),
    ],
)
def test_announced_actions(
    process: Callable[..., Article], text: str, expected: tuple[str, ...]
) -> None:
    assert expected in _codes(process(text))


def test_done_and_verbal_actions_keep_their_code(process: Callable[..., Article]) -> None:
    assert ("SWE", "070", "MWI") in _codes(process("Sweden sent aid to Malawi on Monday."))
    assert ("USA", "020", "VEN") in _codes(
        process("The United States will urge Venezuela to talk.")
    )
    # "may" is a possibility, not a promise: no intent code for a cooperative action
    assert not [c for c in _codes(process("Chile may help Peru.")) if c[1].startswith("03")]


def test_agreed_action_is_one_event(process: Callable[..., Article]) -> None:
    coded = _codes(process("Canada agreed to lift sanctions on Cuba."))
    assert [c for c in coded if c[0] == "CAN"] == [c for c in coded if c[1] == "030"]
