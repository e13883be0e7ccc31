"""The events stage runs no coder whose events the merge policy would drop (issue 18)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from eventwire.events.coding import EventsStage, first_wins, registered_merges
from eventwire.events.learned import fill_with_learned


@dataclass
class _Counting:
    """A coder that returns what it is given and counts its calls."""

    name: str
    events: list[Any]
    calls: int = field(default=0)

    def code(self, context: Any) -> list[Any]:
        self.calls += 1
        return list(self.events)


@pytest.mark.parametrize(("rules_found", "model_calls"), [(["e1"], 0), ([], 1)])
def test_a_first_found_merge_skips_the_model_where_the_rules_found_events(
    rules_found: list[Any], model_calls: int
) -> None:
    rules, model = _Counting("rule", rules_found), _Counting("learned", ["e2"])
    stage = EventsStage([rules, model], fill_with_learned, first_found=True)
    found = stage._found(object())  # type: ignore[arg-type]
    assert model.calls == model_calls and rules.calls == 1
    assert found == ([rules_found] if rules_found else [[], ["e2"]])


def test_other_merges_run_every_coder() -> None:
    rules, model = _Counting("rule", ["e1"]), _Counting("learned", ["e2"])
    stage = EventsStage([rules, model], first_wins)
    assert stage._found(object()) == [["e1"], ["e2"]]  # type: ignore[arg-type]
    merges = registered_merges()
    assert merges["rule+learned"].first_found
    assert not merges["first"].first_found and not merges["rule+learned:words"].first_found
