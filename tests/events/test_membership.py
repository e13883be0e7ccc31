"""Leaving a body or being expelled from one is SANCTION (PLOVER manual, SANCTION modes
``withdraw`` and ``expel``); leaving a territory stays RETREAT, deporting people stays COERCE."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article

Process = Callable[..., Article]


def _rule_codes(process: Process, text: str) -> list[tuple[str, str]]:
    return [
        (e.type.plover_type, e.type.cameo)
        for e in process(text).events
        if not e.rule.startswith("learned:")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mali withdrew from the African Union on Tuesday.", ("SANCTION", "160")),
        ("Hungary pulled out of the arms treaty last year.", ("SANCTION", "160")),
        ("The government withdrew from the peace talks with the rebels.", ("SANCTION", "164")),
        ("Qatar withdrew from the mediation between the two factions.", ("SANCTION", "165")),
        ("The ruling party expelled two lawmakers from the party.", ("SANCTION", "166")),
        ("Senator Ana Ruiz was expelled from the Liberal Party.", ("SANCTION", "166")),
    ],
)
def test_leaving_or_expelling_from_a_body_is_sanction(
    process: Process, text: str, expected: tuple[str, str]
) -> None:
    assert expected in _rule_codes(process, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops withdrew from the border town of Kupiansk.", ("RETREAT", "087")),
        ("Kenya expelled two Somali journalists from the country.", ("COERCE", "174")),
    ],
)
def test_leaving_a_territory_or_deporting_keeps_its_code(
    process: Process, text: str, expected: tuple[str, str]
) -> None:
    codes = _rule_codes(process, text)
    assert expected in codes
    assert all(kind != "SANCTION" for kind, _ in codes)


def test_the_rule_says_why(process: Process) -> None:
    events = process("Burundi withdrew from the regional bloc in March.").events
    assert any("leaves a body->160" in e.rule for e in events)


def test_an_announced_withdrawal_from_a_body_is_a_threat(process: Process) -> None:
    assert ("THREATEN", "131") in _rule_codes(process, "Niger said it would pull out of the bloc.")
