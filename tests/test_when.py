from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

import pytest

from eventwire.errors import LanguageDataError
from eventwire.lang import language_data
from eventwire.model import Article
from eventwire.pipeline import StageSpec
from eventwire.settings import Settings
from eventwire.stages import metadata_stage, time_stage
from eventwire.timex import find_in_text, normalise
from eventwire.when import resolve_day

SATURDAY = dt.date(2019, 1, 26)
EN = language_data("en").timex


def test_weekday_resolution_is_tense_aware() -> None:
    assert resolve_day("friday", SATURDAY, future=False, words=EN) == dt.date(2019, 1, 25)
    assert resolve_day("wednesday", SATURDAY, future=False, words=EN) == dt.date(2019, 1, 23)
    assert resolve_day("saturday", SATURDAY, future=False, words=EN) == SATURDAY
    assert resolve_day("monday", SATURDAY, future=True, words=EN) == dt.date(2019, 1, 28)
    assert resolve_day("yesterday", SATURDAY, future=False, words=EN) == dt.date(2019, 1, 25)


def test_the_temporal_grammar_is_the_language_data() -> None:
    words = replace(
        EN,
        patterns=(("day_word", re.compile(r"\b(?P<word>hier|demain)\b", re.IGNORECASE)),),
        day_words={"hier": -1, "demain": 1},
    )
    (found,) = find_in_text("Il est venu hier.", words)
    assert normalise(found, SATURDAY, "past", words).value == "2019-01-25"
    assert find_in_text("He came yesterday.", words) == []
    assert [f.kind for f in find_in_text("He came yesterday.", EN)] == ["day_word"]


@pytest.mark.parametrize("spec", [metadata_stage, time_stage])
def test_metadata_and_time_stages_read_the_language_of_the_settings(spec: StageSpec) -> None:
    with pytest.raises(LanguageDataError, match="no language data for 'xx'"):
        spec.build(Settings(language="xx"))
    assert spec.build(Settings(language="en")).name == spec.name


def test_event_dates_with_reasons(paper_story: Article) -> None:
    broke = next(e for e in paper_story.events if e.type.cameo == "161")
    assert broke.date is not None and broke.date.value == "2019-01-23"
    assert "'Wednesday' (past tense)" in broke.date.reason
    urge = next(
        e
        for e in paper_story.events
        if e.type.cameo == "020" and e.modality == "future" and e.sentence > 0
    )
    assert urge.date is not None and urge.date.value == "2019-01-26"


def test_no_day_word_means_publication_date(process: Callable[..., Article]) -> None:
    (event,) = process("France criticised Italy.", date=SATURDAY).events
    assert event.date is not None and event.date.reason == "publication date"
    (undated,) = process("France criticised Italy.").events
    assert undated.date is not None and undated.date.value is None


def test_a_possessive_time_does_not_date_the_event(process: Callable[..., Article]) -> None:
    # Regression: "last year's drought" dated the praise to the previous year.
    (event,) = [
        e
        for e in process(
            "Kenya praised Ethiopia for its support during last year's drought.", date=SATURDAY
        ).events
        if e.type.cameo == "051"
    ]
    assert event.date is not None and event.date.value == "2019-01-26"
    assert event.date.reason == "publication date"
