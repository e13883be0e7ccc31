"""Events written as nouns carried by light verbs (``data/nouns.tsv``, ``light_verbs.txt``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.errors import DictionaryError
from eventwire.events.nouns import builtin_nouns, parse_nouns
from eventwire.model import Article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chilean miners organised a general strike against the government.", ("CHLLAB", "143")),
        ("Turkish prisoners went on a hunger strike on Monday.", ("TUR", "142")),
        ("Ghana engaged in talks with Togo over the border.", ("GHA", "040", "TGO")),
        (
            "Peru mounted an offensive against Ecuador in the disputed valley.",
            ("PER", "190", "ECU"),
        ),
        ("Thailand imposed a curfew on Bangkok after the unrest.", ("THA", "1723", "THA")),
        ("Norway gave a warm welcome to Iceland's president.", ("NOR", "043", "ISLGOV")),
    ],
)
def test_noun_events(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
    text: str,
    expected: tuple[str, ...],
) -> None:
    found = coded(text)
    assert any(c[: len(expected)] == expected for c in found), found


def test_trigger_spans_verb_and_noun(process: Callable[..., Article]) -> None:
    article = process("Farmers in Greece organised a rally against the new tax.")
    (event,) = [e for e in article.events if e.type.cameo == "141"]
    assert article.text[event.trigger.start : event.trigger.end] == "organised a rally"
    assert event.rule == "noun:rally->141"


def test_a_verb_frame_wins_over_the_noun_table(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
) -> None:
    found = coded("Estonia lodged a protest with Latvia.")
    assert ("EST", "111", "LVA") in found and not [c for c in found if c[1] == "140"]


def test_plain_nouns_are_not_events(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
) -> None:
    assert coded("Brazil held a rally of its car industry in Sao Paulo.") != []
    assert coded("Brazil sold its strike fighters to Chile.") == []


def test_modifier_entries_and_lookup() -> None:
    lexicon = builtin_nouns()
    assert "hunger" in {e.modifier for e in lexicon.nouns["strike"]}
    assert lexicon.nouns["strike"][-1].modifier is None  # the bare noun is tried last
    assert lexicon.light_verbs["engage"] == frozenset({"in"})
    assert None in lexicon.light_verbs["stage"]


def test_bad_rows_name_the_line() -> None:
    with pytest.raises(DictionaryError, match=r"x\.tsv:2"):
        parse_nouns(["noun\ttargets\tcode", "rally\tagainst\tABC"], [], origin="x.tsv")
    with pytest.raises(DictionaryError, match=r"x\.tsv:1"):
        parse_nouns(["rally\tagainst"], [], origin="x.tsv")
    with pytest.raises(DictionaryError, match="modifier noun"):
        parse_nouns(["a b c\tagainst\t141"], [], origin="x.tsv")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a measure word counts what its of-phrase names
        ("Japan will provide 9,000 tons of food aid to Nepal.", ("JPN", "033", "NPL")),
        ("Greek and Turkish warships began ten days of war games.", ("GRC", "062")),
        # the object's conjuncts: "photographs and other intelligence"
        ("Canada provided maps and intelligence to Ukraine.", ("CAN", "070", "UKR")),
        # a passive light verb keeps its subject: "were engaged in"
        ("Sudanese forces were engaged in ethnic cleansing.", ("SDNMIL", "203")),
    ],
)
def test_objects_through_measures_conjuncts_and_passives(
    coded: Callable[[str], list[tuple[str | None, str, str | None]]],
    text: str,
    expected: tuple[str, ...],
) -> None:
    found = coded(text)
    assert any(c[: len(expected)] == expected for c in found), found
