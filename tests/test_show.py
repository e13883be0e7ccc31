from __future__ import annotations

from eventwire.show import mark_text


def test_one_marker_per_trigger_even_with_several_events() -> None:
    text = "The EU called on Serbia and Kosovo to talk."
    events = [{"trigger_start": 7, "trigger_end": 13}, {"trigger_start": 7, "trigger_end": 13}]
    assert mark_text(text, events, []) == "The EU ⟦called⟧[E1,E2] on Serbia and Kosovo to talk."


def test_quotes_and_triggers_nest() -> None:
    text = 'He said "we attacked them" today.'
    events = [{"trigger_start": 12, "trigger_end": 20}]
    quotes = [{"start": 9, "end": 25}]
    assert mark_text(text, events, quotes) == 'He said "«we ⟦attacked⟧[E1] them»[Q1]" today.'
