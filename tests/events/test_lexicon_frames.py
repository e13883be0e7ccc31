"""The verb lexicon's object-restricted frames follow the CAMEO codebook (issue 15, item 6)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.events.ontology import event_type
from eventwire.events.verbs import builtin_verbs

Coded = Callable[[str], list[tuple[str | None, str, str | None]]]


def test_every_frame_code_is_in_the_ontology() -> None:
    for frames in builtin_verbs().frames.values():
        for frame in frames:
            assert event_type(frame.code).plover_type != "NONE", frame.rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "ease" alone: easing restrictions of any kind is CAMEO 081
        ("Kenya eased restrictions on Somali traders.", ("KEN", "081", "SOMBUS")),
        # CAMEO verb dictionary: LIFT SANCTIONS [085], LIFT BLOCKADE [0872]; 0813 "Ease curfew"
        ("France lifted sanctions on Belarus.", ("FRA", "085", "BLR")),
        ("Egypt eased the curfew on Sinai residents.", ("EGY", "0813", "EGYCVL")),
        # CAMEO verb dictionary: LIFT BLOCKADE [0872]
        ("Egypt lifted its blockade on Gaza.", ("EGY", "0872", "PSE")),
        # weapons provided are military aid (072), food humanitarian aid (073)
        ("Iran provided weapons to Yemeni rebels.", ("IRN", "072", "YEMREB")),
        ("Turkey provided food to Syria.", ("TUR", "073", "SYR")),
    ],
)
def test_frames_by_the_codebook(coded: Coded, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in coded(text)


def test_sending_troops_is_not_aid(coded: Coded) -> None:
    assert not [c for c in coded("Chad sent troops to Niger.") if c[1].startswith("07")]
