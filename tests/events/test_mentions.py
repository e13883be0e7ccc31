"""Issue 17: one action told in several sentences of an article is one event with mentions."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from eventwire.events.mentions import MentionKey, Repeat, group_mentions, identity

EXPEL = identity("SRB", "HRVGOV", "174", False, "reported")


def key(
    event_id: str, position: int, date: str | None, stated: bool, who: object = EXPEL
) -> MentionKey:
    return MentionKey(event_id, position, who, date, stated)  # type: ignore[arg-type]


def test_unstated_dates_join_the_one_stated_date() -> None:
    found = group_mentions(
        [
            key("head", 0, "2024-06-15", stated=False),  # headline: publication date
            key("lead", 50, "2024-06-12", stated=True),  # "on Wednesday"
            key("later", 200, "2024-06-15", stated=False),
        ]
    )
    assert found == dict.fromkeys(("head", "lead", "later"), Repeat("lead", 3))


def test_different_stated_dates_are_different_events() -> None:
    found = group_mentions(
        [
            key("mon", 0, "2024-06-10", stated=True),
            key("wed", 50, "2024-06-12", stated=True),
            key("undated", 90, "2024-06-15", stated=False),  # which one? neither
        ]
    )
    assert found["mon"] == Repeat("mon", 1) and found["wed"] == Repeat("wed", 1)
    assert found["undated"] == Repeat("undated", 1)


def test_actors_code_polarity_and_modality_separate_events() -> None:
    others = [
        identity("HRV", "HRVGOV", "174", False, "reported"),
        identity("SRB", "HRV", "174", False, "reported"),
        identity("SRB", "HRVGOV", "173", False, "reported"),
        identity("SRB", "HRVGOV", "174", True, "reported"),
        identity("SRB", "HRVGOV", "174", False, "possible"),
    ]
    keys = [key("e0", 0, "2024-06-12", True)]
    keys += [key(f"e{n}", 10 * n, "2024-06-12", True, who) for n, who in enumerate(others, 1)]
    assert all(r.mentions == 1 for r in group_mentions(keys).values())
    # asserted and reported claims of the same action are one event
    said = identity("SRB", "HRVGOV", "174", False, "asserted")
    both = group_mentions([key("a", 0, "2024-06-12", True), key("b", 9, "2024-06-12", True, said)])
    assert both["b"] == Repeat("a", 2)


_KEYS = st.lists(
    st.tuples(
        st.sampled_from([EXPEL, identity("HRV", "SRB", "174", True, "asserted")]),
        st.sampled_from(["2024-06-10", "2024-06-12", "2024-06-15"]),
        st.booleans(),
    ),
    max_size=12,
)


@given(_KEYS)
def test_groups_are_consistent(drawn: list[tuple[object, str, bool]]) -> None:
    keys = [key(f"e{n}", n, date, stated, who) for n, (who, date, stated) in enumerate(drawn)]
    found = group_mentions(keys)
    assert set(found) == {k.event_id for k in keys}
    by_id = {k.event_id: k for k in keys}
    sizes = Counter(r.mention_of for r in found.values())
    for event_id, repeat in found.items():
        head = by_id[repeat.mention_of]
        assert found[head.event_id].mention_of == head.event_id  # the head is its own event
        assert repeat.mentions == sizes[repeat.mention_of]
        assert by_id[event_id].identity == head.identity
        if by_id[event_id].stated:  # stated dates are never merged across days
            assert head.stated and head.date == by_id[event_id].date
