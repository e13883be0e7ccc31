"""Constructions the built-in coder handles: light verbs, infinitive complements, refusals."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan lodged a formal protest with China on Monday.", ("JPN", "111", "CHN")),
        ("France reached an agreement with Russia on gas prices.", ("FRA", "030", "RUS")),
        (
            "Uganda has granted political asylum to Kenya's former minister.",
            ("UGA", "075", "KENGOV"),
        ),
        ("Egypt launched a new mediation effort between Israel and Jordan.", ("EGY", "045", "ISR")),
        ("Serbia resumed talks with Albania on Tuesday.", ("SRB", "046", "ALB")),
    ],
)
def test_light_verbs(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
    text: str,
    expected: tuple[str, ...],
) -> None:
    assert expected in coded(text)


def test_target_of_an_infinitive_complement(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
) -> None:
    found = coded("Iran threatened to attack Israel.")
    assert ("IRN", "130", "ISR") in found
    assert not [c for c in found if c[1].startswith("19")]  # the attack is only threatened


def test_refused_and_failed_actions_are_negated(process: Callable[..., Article]) -> None:
    events = process("Israel refused to meet Jordan's king in Amman.").events
    meets = [e for e in events if e.type.cameo == "040"]
    assert meets and all(e.negated for e in meets)


def test_purpose_clause_of_the_same_type_is_coded_once(process: Callable[..., Article]) -> None:
    events = process("Greek farmers began a strike to protest against the tax.").events
    assert [e.type.plover_type for e in events if not e.negated] == ["PROTEST"]


def test_participle_clause_is_its_own_event(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
) -> None:
    found = coded("Turkish troops shelled Syrian villages, killing two Syrian soldiers.")
    assert [c for c in found if c[1] == "190"], found


def test_what_a_demand_asks_for_is_not_an_event(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
) -> None:
    found = coded("Peru demanded a meeting of the OAS to discuss Chile's claims.")
    assert ("PER", "100", "IGOAMSOAS") in found or any(c[1] == "100" for c in found)
    assert not [c for c in found if c[1].startswith("04")]


def test_a_pronoun_target_that_is_the_source_is_dropped(process: Callable[..., Article]) -> None:
    article = process("Kenyan President William Ruto said he would welcome him in Nairobi.")
    assert not [e for e in article.events if e.target and e.target.rule.startswith("pronoun")
                and e.source and e.target.code == e.source.code]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Canada imposed sanctions on Iranian officials.", ("CAN", "163", "IRNGOV")),
        ("Egyptian police seized weapons from Libyan smugglers.", ("EGYCOP", "1711", "LBY")),
        ("Turkey reimposed a blockade in Syria on Friday.", ("TUR", "191", "SYR")),
    ],
)
def test_targets_on_the_object_and_places(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
    text: str,
    expected: tuple[str, ...],
) -> None:
    found = coded(text)
    assert any(c[0] == expected[0] and c[1] == expected[1] and (c[2] or "")[:3] == expected[2][:3]
               for c in found), found  # fmt: skip
