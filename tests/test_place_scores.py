"""Scoring predicted places against labelled toponyms: span overlap, 161 km, country."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.labelled import LabelledPlace, LabelledStory
from eventwire.model import Article, Place, Span
from eventwire.place_scores import distance_km, match_places, place_errors, score_places

TEXT = "Flooding hit Cork on Monday, and Ireland asked Brussels for help. Lyon was spared."


def _at(word: str) -> Span:
    start = TEXT.index(word)
    return Span(start, start + len(word))


def _gold(word: str, lat: float | None, lon: float | None, country: str,
          metonymic: bool = False) -> LabelledPlace:  # fmt: skip
    s = _at(word)
    return LabelledPlace(s.start, s.end, word, word, 1, lat, lon, country, "city", metonymic)


def _pred(word: str, lat: float | None, lon: float | None, country: str | None,
          reason: str | None = None) -> Place:  # fmt: skip
    return Place(_at(word), word, 0, word, "city", country, None, lat, lon,
                 None if reason else 1, "test", 0.9, reason)  # fmt: skip


def _story(places: tuple[LabelledPlace, ...] | None) -> LabelledStory:
    return LabelledStory("s1", TEXT, None, None, dt.date(2024, 1, 1), (), (), places)


GOLD = (
    _gold("Cork", 51.9, -8.47, "IRL"),
    _gold("Ireland", 53.0, -8.0, "IRL"),
    _gold("Brussels", 50.85, 4.35, "BEL", metonymic=True),
    _gold("Lyon", 45.75, 4.85, "FRA"),
)


def test_distance_km_is_the_great_circle_distance() -> None:
    assert distance_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.2)
    assert distance_km(51.9, -8.47, 51.9, -8.47) == 0.0


def test_overlapping_spans_match_one_to_one() -> None:
    cork = _pred("Cork", 51.9, -8.47, "IRL")
    wider = Place(Span(_at("Cork").start, _at("Cork").end + 3), "Cork on", 0, "Cork", "city",
                  "IRL", None, 51.9, -8.47, 1, "test", 0.9)  # fmt: skip
    pairs = match_places(GOLD, [wider, cork])
    assert [(g.text, p.text) for g, p in pairs] == [("Cork", "Cork")]


def test_scores_count_distance_country_and_unresolved() -> None:
    predicted = (
        _pred("Cork", 51.9, -8.47, "IRL"),  # right
        _pred("Ireland", 53.4, -8.2, "IRL"),  # within 161 km
        _pred("Brussels", None, None, None, reason="not in gazetteer"),  # matched, unresolved
        _pred("Monday", 10.0, 10.0, "NGA"),  # not a toponym
    )
    article = Article(text=TEXT, places=predicted)
    scores = score_places([_story(GOLD)], [article])
    assert (scores.toponyms.tp, scores.toponyms.gold, scores.toponyms.predicted) == (3, 4, 4)
    assert (scores.within_161km.right, scores.within_161km.total) == (2, 3)
    assert (scores.country_accuracy.right, scores.country_accuracy.total) == (2, 2)
    assert (scores.resolved.right, scores.resolved.total) == (2, 3)
    # the metonymic Brussels is left out of the literal counts, on both sides
    assert (scores.literal.tp, scores.literal.gold, scores.literal.predicted) == (2, 3, 3)
    data = scores.as_dict()
    assert data["recall"] == 0.75 and data["within_161km"] == pytest.approx(0.6667)


def test_a_far_point_and_a_wrong_country_are_errors() -> None:
    predicted = (_pred("Cork", 42.0, -77.0, "USA"),)
    story = _story(GOLD)
    scores = score_places([story], [Article(text=TEXT, places=predicted)])
    assert scores.within_161km.right == 0 and scores.country_accuracy.right == 0
    lines = place_errors(story, Article(text=TEXT, places=predicted))
    assert any(line.startswith("s1 far") and "Cork" in line for line in lines)
    assert sum(" missed " in line for line in lines) == 3


def test_stories_without_place_labels_are_not_scored() -> None:
    scores = score_places([_story(None)], [Article(text=TEXT, places=(_pred("Cork", 1, 1, "X"),))])
    assert scores.stories == 0 and scores.toponyms.predicted == 0
