"""Demands through that-clauses: "demanded that X…", "said X must…"; pressure verbs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article


def _codes(article: Article) -> list[tuple[str | None, str, str | None]]:
    return [
        (e.source.code if e.source else None, e.type.cameo, e.target.code if e.target else None)
        for e in article.events
        if not e.negated
    ]


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
def test_demands(process: Callable[..., Article], text: str, expected: tuple[str, ...]) -> None:
    assert expected in _codes(process(text))


def test_what_must_be_done_is_not_an_event(process: Callable[..., Article]) -> None:
    coded = _codes(process("Egypt said Israel must release Palestinian prisoners."))
    assert ("EGY", "100", "ISR") in coded
    assert not [c for c in coded if c[1].startswith("08")]  # the release has not happened


def test_a_speaker_obliging_itself_is_no_demand(process: Callable[..., Article]) -> None:
    assert _codes(process("Norway said Norway must do more for refugees.")) == []


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
def test_added_verbs(process: Callable[..., Article], text: str, expected: tuple[str, ...]) -> None:
    coded = _codes(process(text))
    assert any(c[: len(expected)] == expected for c in coded), coded
