"""Demands through that-clauses: "demanded that X…", "said X must…"; pressure verbs."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya demanded that Uganda withdraw its troops.", ("KEN", "100", "UGA")),
        ("Chile insisted that Bolivia pay the debt.", ("CHL", "100", "BOL")),
        ("Japan declared on Monday that China must lift the ban.", ("JPN", "100", "CHN")),
        ("Ghana said Togo should reopen the border.", ("GHA", "020", "TGO")),
        ("Austria pressed Hungary to accept the refugees.", ("AUT", "020", "HUN")),
    ],
)
def test_demands(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
    text: str,
    expected: tuple[str, ...],
) -> None:
    assert expected in coded(text)


def test_what_must_be_done_is_not_an_event(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
) -> None:
    found = coded("Egypt said Israel must release Palestinian prisoners.")
    assert ("EGY", "100", "ISR") in found
    assert not [c for c in found if c[1].startswith("08")]  # the release has not happened


def test_a_speaker_obliging_itself_is_no_demand(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
) -> None:
    assert coded("Norway said Norway must do more for refugees.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zambia extradited two suspects to Britain.", ("ZMB", "063", "GBR")),
        ("France cancelled a planned visit to Algeria.", ("FRA", "160", "DZA")),
        ("Sweden cut aid to Zimbabwe after the vote.", ("SWE", "162", "ZWE")),
        ("Nigerian teachers called off their strike.", ("NGAEDU", "082")),
        ("Israeli forces demolished Palestinian homes.", ("ISRMIL", "1712", "PSE")),
    ],
)
def test_added_verbs(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
    text: str,
    expected: tuple[str, ...],
) -> None:
    found = coded(text)
    assert any(c[: len(expected)] == expected for c in found), found
