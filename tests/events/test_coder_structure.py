"""Structure of rule events: unknown sources, participles, event-noun subjects, 'opposed to'."""

from __future__ import annotations

from collections.abc import Callable

from eventwire.model import Article, Event

Process = Callable[..., Article]


def _rule_events(process: Process, text: str) -> list[Event]:
    return [e for e in process(text).events if not e.rule.startswith("learned:")]


def _codes(events: list[Event]) -> list[tuple[str | None, str, str | None]]:
    return [
        (e.source.code if e.source else None, e.type.cameo, e.target.code if e.target else None)
        for e in events
    ]


def test_an_event_without_a_known_source_is_kept(process: Process) -> None:
    events = _rule_events(process, "Unidentified gunmen in a truck attacked Mali's army.")
    assert ("190", "MLIMIL") in [(c, t) for _, c, t in _codes(events)]


def test_present_participle_takes_the_subject_of_the_governing_verb(process: Process) -> None:
    events = _rule_events(process, "Russia released a statement condemning Ukraine.")
    assert _codes(events) == [("RUS", "111", "UKR")]  # not "Russia released Ukraine"


def test_present_participle_on_an_actor_noun(process: Process) -> None:
    found = _codes(_rule_events(process, "Kenyan police arresting two Somali traders were filmed."))
    assert ("KENCOP", "173", "SOM") in [(s, c, t[:3] if t else t) for s, c, t in found]


def test_past_participle_is_passive_on_the_noun_it_modifies(process: Process) -> None:
    events = _rule_events(process, "A journalist arrested by Zimbabwe police appeared in court.")
    assert [(s, c, t) for s, c, t in _codes(events) if c == "173"] == [("ZWECOP", "173", "ZWEMED")]


def test_opposed_to_is_a_rejection_of_its_object(process: Process) -> None:
    events = _rule_events(process, "Germany is opposed to Turkey.")
    assert _codes(events) == [("DEU", "120", "TUR")]


def test_event_noun_as_subject(process: Process) -> None:
    found = _codes(_rule_events(process, "Russia's attack on Ukraine drew wide protests."))
    assert ("RUS", "190", "UKR") in found


def test_event_noun_subject_with_between(process: Process) -> None:
    found = _codes(
        _rule_events(process, "Clashes between Indian troops and Pakistani troops went on.")
    )
    assert {(c, t) for _, c, t in found} >= {("190", "INDMIL"), ("190", "PAKMIL")}


def test_event_noun_subject_needs_an_actor(process: Process) -> None:
    assert _rule_events(process, "The talks went on for hours.") == []


def test_event_noun_as_object_of_a_preposition(process: Process) -> None:
    found = _codes(_rule_events(process, "The raid led to the arrest of five Somali men."))
    assert (None, "173", "SOM") in found


def test_possessor_of_a_noun_with_an_of_target_is_the_target(process: Process) -> None:
    found = _codes(_rule_events(process, "Kenya's arrest drew wide protests."))
    assert (None, "173", "KEN") in found  # Kenya was arrested, not the arrester


def test_event_noun_object_of_a_coded_verb_is_not_coded_again(process: Process) -> None:
    events = _rule_events(process, "Egypt condemned the attack on Israel.")
    assert [e.type.cameo for e in events] == ["111"]


def test_an_event_noun_of_circumstance_is_the_subjects_act(process: Process) -> None:
    """ "X said during a visit to Y": X visited Y (the noun hangs from X's own verb)."""
    text = "Chile's foreign minister said during a visit to Lima that trade would grow."
    found = [(s, c[:3], t) for s, c, t in _codes(_rule_events(process, text)) if c.startswith("04")]
    assert found == [("CHLGOV", "042", "PER")]


def test_a_named_recipient_the_dictionaries_do_not_know_keeps_the_event(
    process: Process,
) -> None:
    # "accuse" needs a recipient; "Kestrova Ltd" is one, only without a code (PLOVER allows an
    # empty actor), so the accusation stays beside the alleged act.
    events = _rule_events(process, "Rights groups accused Kestrova Ltd of supporting the army.")
    assert ("---HRI", "112", None) in _codes(events)


def test_a_named_passive_recipient_without_a_code_keeps_the_event(process: Process) -> None:
    events = _rule_events(process, "Kestrova Ltd was accused by rights groups of bribery.")
    assert ("---HRI", "112", None) in _codes(events)


def test_a_frame_needing_a_recipient_still_drops_an_object_that_is_no_actor(
    process: Process,
) -> None:
    # "on Monday" fills the "call on" slot with a date, not a recipient.
    events = _rule_events(process, "On Monday, the minister called the plan unworkable.")
    assert "020" not in [c for _, c, _ in _codes(events)]


def test_a_participle_coordinated_with_a_passive_shares_its_subject_and_voice(
    process: Process,
) -> None:
    found = _codes(
        _rule_events(process, "Two Kenyan activists were arrested and charged by police.")
    )
    assert ("KENCOP", "112", "KENOPP") in found  # "charged" is passive too: police charged them
    assert ("KENOPP", "112", "KENCOP") not in found


def test_a_coordinated_verb_with_its_own_object_keeps_its_own_voice(process: Process) -> None:
    found = _codes(
        _rule_events(process, "Two activists were freed and Kenyan police arrested a journalist.")
    )
    assert ("KENCOP", "173", "KENMED") in found


def test_the_possessor_of_an_act_done_to_someone_is_its_target(process: Process) -> None:
    assert ("173", "ZWEMED") in [
        (c, t)
        for _, c, t in _codes(
            _rule_events(process, "A Zimbabwean journalist's arrest drew criticism.")
        )
    ]


def test_the_possessor_of_an_invasion_is_its_doer(process: Process) -> None:
    found = _codes(_rule_events(process, "Russia's invasion drew condemnation from Poland."))
    assert ("RUS", "192", None) in found  # not an invasion of Russia
