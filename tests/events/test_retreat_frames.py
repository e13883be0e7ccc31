"""RETREAT frames from the PLOVER manual: releasing captives needs no recipient actor, and
pulling back from a place is a withdrawal."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article

Process = Callable[..., Article]


def _rule_codes(process: Process, text: str) -> list[str]:
    return [e.type.cameo for e in process(text).events if not e.rule.startswith("learned:")]


@pytest.mark.parametrize(
    "text",
    [
        "The junta released 20 political prisoners on Monday.",
        "Rebels freed five hostages near the border.",
    ],
)
def test_releasing_captives_is_retreat_without_a_recipient(process: Process, text: str) -> None:
    assert "0841" in _rule_codes(process, text)


def test_releasing_a_statement_is_no_event(process: Process) -> None:
    assert _rule_codes(process, "The ministry released a statement on Friday.") == []


def test_pulling_back_from_a_place_is_a_withdrawal(process: Process) -> None:
    assert "087" in _rule_codes(process, "Israeli troops pulled back from the Netzarim corridor.")
