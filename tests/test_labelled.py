"""Loading and validating labelled stories (our gold format), and the tune/score split."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import EvaluationError
from eventwire.labelled import count_types, load_labelled, split_of, validate

TEXT = (
    "Police in Freetown arrested 12 protesters on Monday. "
    '"We will not be silenced," said union leader Mariama Kamara.'
)


def _event(**overrides: Any) -> dict[str, Any]:
    sentence = TEXT[: TEXT.index(".") + 1]
    event = {
        "sentence_start": 0,
        "sentence_end": len(sentence),
        "type": "COERCE",
        "trigger": "arrested",
        "trigger_start": TEXT.index("arrested"),
        "trigger_end": TEXT.index("arrested") + len("arrested"),
        "source": "Police in Freetown",
        "source_country": "SLE",
        "target": "12 protesters",
        "target_country": "SLE",
        "evidence": sentence,
    }
    return {**event, **overrides}


def _quote(**overrides: Any) -> dict[str, Any]:
    words = "We will not be silenced,"
    quote = {
        "start": TEXT.index(words),
        "end": TEXT.index(words) + len(words),
        "text": words,
        "partial": False,
        "speaker": "Mariama Kamara",
        "speaker_start": TEXT.index("Mariama"),
        "speaker_end": len(TEXT) - 1,
        "speaker_country": "SLE",
    }
    return {**quote, **overrides}


def _folder(tmp_path: Path, labels: list[dict[str, Any]], ids: tuple[str, ...] = ("s1",)) -> Path:
    stories = [{"id": i, "text": TEXT, "published": "2025-03-10 08:00:00Z"} for i in ids]
    (tmp_path / "stories.jsonl").write_text("".join(json.dumps(s) + "\n" for s in stories))
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(lb) + "\n" for lb in labels))
    return tmp_path


def test_split_is_sha1_of_the_id_mod_3() -> None:
    ids = [str(n) for n in range(300)]
    score = [i for i in ids if split_of(i) == "score"]
    assert score == [i for i in ids if int(hashlib.sha1(i.encode()).hexdigest(), 16) % 3 == 0]
    assert 70 < len(score) < 130  # about a third


def test_sound_labels_validate() -> None:
    assert validate(TEXT, {"quotes": [_quote()], "events": [_event()]}) == []


@pytest.mark.parametrize(
    ("labels", "problem"),
    [
        ({"events": [_event(type="FIGHT")]}, "not a PLOVER 2021 type"),
        ({"events": [_event(trigger="detained")]}, "is not its 'trigger'"),
        ({"events": [_event(sentence_end=5, evidence=TEXT[:5])]}, "trigger outside its sentence"),
        ({"events": [_event(evidence="Police")]}, "evidence is not"),
        ({"events": [_event(source_country="Sierra Leone")]}, "not ISO-3/IGO"),
        ({"events": [{"type": "COERCE"}]}, "missing"),
        ({"quotes": [_quote(text="We will")]}, "is not its 'text'"),
        ({"quotes": [_quote(speaker_start=10, speaker_end=5)]}, "bad speaker span"),
        ({"quotes": [_quote(speaker_end=None)]}, "bad speaker span"),
    ],
)
def test_each_kind_of_bad_label_is_named(labels: dict[str, Any], problem: str) -> None:
    problems = validate(TEXT, labels)
    assert len(problems) == 1 and problem in problems[0]


def test_load_reads_stories_and_labels(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [{"id": "s1", "quotes": [_quote()], "events": [_event()]}])
    (story,) = load_labelled(folder)
    assert story.published is not None and story.published.isoformat() == "2025-03-10"
    assert story.events[0].source_country == "SLE" and story.quotes[0].speaker == "Mariama Kamara"
    assert count_types([story]) == {"COERCE": 1}


def test_load_one_split(tmp_path: Path) -> None:
    ids = ("a", "b", "c", "d", "e", "f")
    folder = _folder(tmp_path, [{"id": i, "quotes": [], "events": []} for i in ids], ids)
    tune = [s.id for s in load_labelled(folder, "tune")]
    score = [s.id for s in load_labelled(folder, "score")]
    assert sorted(tune + score) == list(ids) and score and tune
    assert all(split_of(i) == "score" for i in score)


def test_bad_label_names_file_line_and_story(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [{"id": "s1", "quotes": [], "events": [_event(type="WAR")]}])
    with pytest.raises(EvaluationError, match=r"labels\.jsonl:1: story s1: event 0"):
        load_labelled(folder)


def test_unlabelled_story_and_missing_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"stories\.jsonl and labels\.jsonl"):
        load_labelled(tmp_path)
    folder = _folder(tmp_path, [], ("s1",))
    with pytest.raises(EvaluationError, match="story s1 has no labels"):
        load_labelled(folder)


def test_story_labelled_twice_is_an_error(tmp_path: Path) -> None:
    line = {"id": "s1", "quotes": [], "events": []}
    with pytest.raises(EvaluationError, match="labelled twice"):
        load_labelled(_folder(tmp_path, [line, line]))


def _place(**overrides: Any) -> dict[str, Any]:
    start = TEXT.index("Freetown")
    place = {
        "start": start, "end": start + 8, "text": "Freetown", "name": "Freetown",
        "geonameid": 2409306, "lat": 8.48, "lon": -13.23, "country": "SLE", "feature": "city",
        "metonymic": False,
    }  # fmt: skip
    return {**place, **overrides}


def _timex(**overrides: Any) -> dict[str, Any]:
    start = TEXT.index("Monday")
    timex = {"start": start, "end": start + 6, "text": "Monday", "type": "DATE",
             "value": "2025-03-10"}  # fmt: skip
    return {**timex, **overrides}


def test_places_and_timexes_validate_and_load(tmp_path: Path) -> None:
    labels = {"id": "s1", "quotes": [], "events": [], "places": [_place()], "timexes": [_timex()]}
    assert validate(TEXT, labels) == []
    (story,) = load_labelled(_folder(tmp_path, [labels]))
    assert story.places is not None and story.places[0].geonameid == 2409306
    assert story.timexes is not None and story.timexes[0].value == "2025-03-10"


def test_unlabelled_places_are_none_not_empty(tmp_path: Path) -> None:
    (story,) = load_labelled(_folder(tmp_path, [{"id": "s1", "quotes": [], "events": []}]))
    assert story.places is None and story.timexes is None


@pytest.mark.parametrize(
    ("labels", "problem"),
    [
        ({"places": [_place(feature="town")]}, "feature 'town'"),
        ({"places": [_place(country="Sierra Leone")]}, "not ISO-3"),
        ({"places": [_place(lat=None)]}, "both be given"),
        ({"places": [_place(lat=95.0)]}, "out of range"),
        ({"places": [_place(), _place()]}, "overlaps"),
        ({"places": [_place(text="Freetow")]}, "is not its 'text'"),
        ({"timexes": [_timex(type="EVENT")]}, "type 'EVENT'"),
        ({"timexes": [_timex(value="")]}, "non-empty TimeML value"),
        ({"timexes": [{"start": 0}]}, "missing"),
    ],
)
def test_each_kind_of_bad_place_or_timex_is_named(labels: dict[str, Any], problem: str) -> None:
    problems = validate(TEXT, labels)
    assert len(problems) == 1 and problem in problems[0]
