"""Scoring predicted timexes against labelled ones (TempEval-3 style: overlap, strict, type, value)."""

from __future__ import annotations

import datetime as dt

from eventwire.labelled import LabelledStory, LabelledTimex
from eventwire.model import Article, Span, Timex, TimexType
from eventwire.story_scores import score_stories
from eventwire.timex_scores import match_timexes, score_timexes, timex_errors

TEXT = "Talks resumed on Tuesday evening after two weeks, officials said last month."


def _gold(words: str, kind: str, value: str) -> LabelledTimex:
    start = TEXT.index(words)
    return LabelledTimex(start, start + len(words), words, kind, value)


def _pred(words: str, kind: TimexType, value: str | None) -> Timex:
    start = TEXT.index(words)
    return Timex(Span(start, start + len(words)), words, 0, kind, value, "test")


GOLD = (
    _gold("Tuesday evening", "TIME", "2024-03-05TEV"),
    _gold("two weeks", "DURATION", "P2W"),
    _gold("last month", "DATE", "2024-02"),
)


def _story(timexes: tuple[LabelledTimex, ...] | None) -> LabelledStory:
    return LabelledStory("s1", TEXT, None, None, dt.date(2024, 3, 7), (), (), None, timexes)


def _article(*timexes: Timex) -> Article:
    return Article(text=TEXT, date=dt.date(2024, 3, 7), timexes=timexes)


def test_overlap_strict_type_and_value_are_counted_apart() -> None:
    article = _article(
        _pred("Tuesday", "DATE", "2024-03-05"),  # overlaps, not strict, wrong type and value
        _pred("two weeks", "DURATION", "P2W"),  # all right
        _pred("last month", "DATE", None),  # span and type right, no value
        _pred("officials", "DATE", "2024"),  # spurious
    )
    scores = score_timexes([_story(GOLD)], [article])
    assert (scores.span.tp, scores.span.gold, scores.span.predicted) == (3, 3, 4)
    assert scores.strict.tp == 2
    assert scores.type.tp == 2
    assert scores.value.tp == 1
    assert round(scores.value.f1, 4) == round(2 / 7, 4)


def test_pairs_are_one_to_one_largest_overlap_first() -> None:
    pairs = match_timexes(
        GOLD, [_pred("Tuesday", "DATE", None), _pred("Tuesday evening", "TIME", "2024-03-05TEV")]
    )
    assert [(p.gold.text, p.predicted.text) for p in pairs] == [
        ("Tuesday evening", "Tuesday evening")
    ]


def test_stories_without_timex_labels_are_left_out() -> None:
    scores = score_timexes([_story(None)], [_article(_pred("two weeks", "DURATION", "P2W"))])
    assert scores.stories == 0 and scores.span.predicted == 0


def test_story_scores_carry_timexes_for_the_gate() -> None:
    scores = score_stories(
        [_story(GOLD)],
        [
            _article(
                *(
                    _pred(g.text, g.type, g.value)  # type: ignore[arg-type]
                    for g in GOLD
                )
            )
        ],
    )
    data = scores.as_dict()["timexes"]
    assert data["span"]["f1"] == data["type"]["f1"] == data["value"]["f1"] == 1.0


def test_errors_name_missed_extra_and_different() -> None:
    lines = timex_errors(
        _story(GOLD),
        _article(_pred("Tuesday", "DATE", "2024-03-05"), _pred("officials", "DATE", "2024")),
    )
    text = "\n".join(lines)
    assert "differs 'Tuesday evening'" in text
    assert "missed  'two weeks'" in text
    assert "extra   'officials'" in text
