"""Announced actions take CAMEO's express-intent (03) or threaten (13) codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from eventwire.events.intent import intent_code


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
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
    text: str,
    expected: tuple[str, ...],
) -> None:
    assert expected in coded(text)


def test_done_and_verbal_actions_keep_their_code(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
) -> None:
    assert ("SWE", "070", "MWI") in coded("Sweden sent aid to Malawi on Monday.")
    assert ("USA", "020", "VEN") in coded("The United States will urge Venezuela to talk.")
    # "may" is a possibility, not a promise: no intent code for a cooperative action
    assert not [c for c in coded("Chile may help Peru.") if c[1].startswith("03")]


def test_agreed_action_is_one_event(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
) -> None:
    found = coded("Canada agreed to lift sanctions on Cuba.")
    assert [c for c in found if c[0] == "CAN"] == [c for c in found if c[1] == "030"]


def test_refusal_code_table() -> None:
    from eventwire.events.intent import refusal_code

    assert refusal_code("0841") == "1243"  # release → refuse to release
    assert refusal_code("036") == "120"
    assert refusal_code("043") == "125"  # host a visit → reject a proposal to meet
    assert refusal_code("057") == "127"
    assert refusal_code("0331") == "120"
    assert refusal_code("073") == "1223"
    assert refusal_code("190") == "120"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # refusals said in the future or conditional are REJECT, and they happened
        ("Morocco said it would not hand over the suspects to Spain.", ("MAR", "121", "ESP")),
        ("Peru will not release the Chilean soldiers.", ("PER", "1243", "CHLMIL")),
        # announced withdrawals of personnel or aid are threats, not agreements
        ("Canada will withdraw its ambassador from Riyadh.", ("CAN", "1313", "SAU")),
        ("Norway said it would stop military aid to Mali.", ("NOR", "1311", "MLI")),
    ],
)
def test_refusals_and_announced_withdrawals(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
    text: str,
    expected: tuple[str, str, str],
) -> None:
    assert expected in coded(text)


def test_past_inability_is_not_a_refusal(process: Callable[..., Any]) -> None:
    article = process("Jordanian trucks could not deliver aid to Gaza on Monday.")
    assert all(e.type.plover_type != "REJECT" for e in article.events)
    delivered = [e for e in article.events if e.type.plover_type == "AID"]
    assert delivered and all(e.negated for e in delivered)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "will not tolerate X": CAMEO's ALLOW block (080) refused → 124
        ("Ghana will not tolerate Togolese incursions.", ("GHA", "124", "TGO")),
        # a conditional announcement of a cut is a threat to stop aid (1311)
        ("Algeria will cut gas supplies to Morocco if the talks fail.", ("DZA", "1311", "MAR")),
        # withdrawing peacekeepers or inspectors is CAMEO 166; announced, a 136 threat
        ("Chad will withdraw its peacekeepers from Sudan.", ("TCD", "136", "SDN")),
        ("Austria said it would pull out its observers from Georgia.", ("AUT", "136", "GEO")),
    ],
)
def test_refusals_conditional_cuts_and_withdrawn_personnel(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
    text: str,
    expected: tuple[str, str, str],
) -> None:
    assert expected in coded(text)


def test_withdrawing_inspectors_done_is_a_sanction(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
) -> None:
    assert ("FRA", "166", "IRN") in coded("France withdrew its inspectors from Iran.")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Morocco refused to hand over the suspects to Spain.", "121"),  # judicial cooperation
        ("Peru refused to release the Chilean soldiers.", "1243"),  # release persons
        ("Israel refused to meet Jordan's king in Amman.", "125"),  # meet
        ("Iran refused to attack Iraq.", "120"),  # nothing more specific
    ],
)
def test_refused_to_takes_the_code_of_what_was_refused(
    process: Callable[..., Any], text: str, code: str
) -> None:
    refusals = [e for e in process(text).events if e.type.plover_type == "REJECT"]
    assert [e.type.cameo for e in refusals] == [code]
    assert not refusals[0].negated
