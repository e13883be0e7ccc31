"""The labelled VOA stories shipped in data/labelled/voa are complete and sound (no ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.labelled import PLOVER_TYPES, count_types, load_labelled, split_of, validate

VOA = Path(__file__).resolve().parents[1] / "data" / "labelled" / "voa"


def test_every_story_is_labelled_and_valid() -> None:
    stories = load_labelled(VOA)  # raises on any bad label
    assert len(stories) == 44
    assert all(s.url and s.url.startswith("https://www.voanews.com/") for s in stories)
    assert sum(len(s.events) for s in stories) > 1000
    assert sum(len(s.quotes) for s in stories) > 350
    assert set(count_types(stories)) == PLOVER_TYPES


def test_split_is_about_two_thirds_tune() -> None:
    assert len(load_labelled(VOA, "tune")) == 30
    assert len(load_labelled(VOA, "score")) == 14


def test_first_pass_labels_are_valid_too() -> None:
    texts = {s.id: s.text for s in load_labelled(VOA)}
    lines = (VOA / "first_pass.jsonl").read_text(encoding="utf-8").splitlines()
    first = [json.loads(line) for line in lines]
    assert {d["id"] for d in first} == set(texts)
    assert all(validate(texts[d["id"]], d) == [] for d in first)
    assert {split_of(d["id"]) for d in first} == {"tune", "score"}


def test_sixteen_stories_carry_places_and_timexes() -> None:
    with_geo = [s for s in load_labelled(VOA) if s.places is not None]
    assert len(with_geo) == 16
    assert sorted(s.split for s in with_geo).count("score") == 6
    assert sum(len(s.places or ()) for s in with_geo) > 400
    assert sum(len(s.timexes or ()) for s in with_geo) > 200


WRITTEN = VOA.parents[1] / "written"


def test_our_written_stories_are_labelled_valid_and_apart_from_voa() -> None:
    """data/written: 40 stories of our own, training data only; none shares text with VOA."""
    stories = load_labelled(WRITTEN)  # raises on any bad label
    assert len(stories) == 40 and all(s.id.startswith("w-") for s in stories)
    assert sum(len(s.events) for s in stories) > 800
    assert len(count_types(stories)) >= 15
    voa_sentences = {
        s.text[e.sentence_start : e.sentence_end] for s in load_labelled(VOA) for e in s.events
    }
    ours = {s.text[e.sentence_start : e.sentence_end] for s in stories for e in s.events}
    assert not ours & voa_sentences


GENRES = VOA.parents[1] / "written-genres"


def test_our_second_round_of_stories_is_labelled_valid_and_new() -> None:
    """data/written-genres: 40 more stories of our own (explainers, features, interviews,
    courts and trade); none shares a labelled sentence with VOA or the first round."""
    stories = load_labelled(GENRES)
    assert len(stories) == 40 and {s.id[:4] for s in stories} == {"w-e-", "w-f-", "w-g-", "w-h-"}
    assert sum(len(s.events) for s in stories) > 600
    assert len(count_types(stories)) == 16
    ours = {s.text[e.sentence_start : e.sentence_end] for s in stories for e in s.events}
    for other in (VOA, WRITTEN):
        theirs = {
            s.text[e.sentence_start : e.sentence_end]
            for s in load_labelled(other)
            for e in s.events
        }
        assert not ours & theirs


def test_the_second_reading_of_our_stories_is_valid() -> None:
    texts = {s.id: s.text for s in load_labelled(WRITTEN)}
    lines = (WRITTEN / "reviewed.jsonl").read_text(encoding="utf-8").splitlines()
    reviewed = [json.loads(line) for line in lines]
    assert [d["id"] for d in reviewed] == list(texts)
    assert all(validate(texts[d["id"]], d) == [] for d in reviewed)
    assert all("Review:" in d["notes"] for d in reviewed)
