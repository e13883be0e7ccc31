"""Temporal expressions found in whole articles (spaCy parse) and their TimeML values (issue 16)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from eventwire.lang import language_data
from eventwire.model import Article
from eventwire.timex import Tense, find_in_text, normalise

#: Thursday 7 March 2024, the publication date of every sentence below.
PUBLISHED = dt.date(2024, 3, 7)


def _timexes(process: Callable[..., Article], text: str) -> dict[str, tuple[str, str | None]]:
    article = process(text, date=PUBLISHED)
    return {t.text: (t.type, t.value) for t in article.timexes}


def test_every_exported_timex_has_a_value(process: Callable[..., Article]) -> None:
    article = process(
        "The mayor, 62, said the annual budget would rise. Officials met on Tuesday and "
        "the council approved it after a long debate.",
        date=PUBLISHED,
    )
    assert article.timexes
    assert all(t.value is not None for t in article.timexes)


def test_an_age_between_commas_is_not_a_date(process: Callable[..., Article]) -> None:
    found = _timexes(process, "The farmer, 62, said the river rose overnight.")
    assert "62" not in found


def test_a_bare_month_name_is_resolved(process: Callable[..., Article]) -> None:
    found = _timexes(process, "The agency said in a November report that exports fell.")
    assert found.get("November") == ("DATE", "2023-11")


# -- patterns, without a parse (find_in_text + normalise) ---------------------------------------

EN = language_data("en").timex


def _found(text: str, tense: Tense | None = None) -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for found in find_in_text(text, EN):
        result = normalise(found, PUBLISHED, tense, EN)
        out[text[found.start : found.end]] = (result.type, result.value)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weekday plus part of day, 24-hour and 12-hour clock with a weekday
        (
            "Rebels shelled the town on Tuesday evening.",
            {"Tuesday evening": ("TIME", "2024-03-05TEV")},
        ),
        ("The convoy left Monday night.", {"Monday night": ("TIME", "2024-03-04TNI")}),
        (
            "Polls closed Tuesday at 19:30 GMT.",
            {"Tuesday at 19:30 GMT": ("TIME", "2024-03-05T19:30")},
        ),
        (
            "The vote ended Wednesday at 7 p.m.",
            {"Wednesday at 7 p.m.": ("TIME", "2024-03-06T19:00")},
        ),
        ("Officials met early Wednesday.", {"early Wednesday": ("DATE", "2024-03-06")}),
        (
            "The curfew starts at 22:00 local time.",
            {"22:00 local time": ("TIME", "2024-03-07T22:00")},
        ),
        ("Read John 3:16 again.", {}),
        # vague plural durations
        ("Prices rose in recent months.", {"recent months": ("DURATION", "PXM")}),
        ("The two clans have feuded for decades.", {"decades": ("DURATION", "PXDE")}),
        ("Talks stalled over the past few weeks.", {"the past few weeks": ("DURATION", "PXW")}),
        ("Hours later, the army withdrew.", {"Hours": ("DURATION", "PTXH")}),
        # regression: a noun between a number and a capitalised unit is no adjective
        ("Jets killed 50 fighters Hours after the raid.", {"Hours": ("DURATION", "PTXH")}),
        ("The town was founded centuries ago.", {"centuries ago": ("DATE", "PAST_REF")}),
        ("Aid will arrive in the coming days.", {"the coming days": ("DURATION", "PXD")}),
        # centuries and decades
        ("The bridge dates from the 19th century.", {"the 19th century": ("DATE", "18")}),
        (
            "It was built in the early twentieth century.",
            {"the early twentieth century": ("DATE", "19")},
        ),
        ("Jazz clubs thrived in the late 1950s.", {"the late 1950s": ("DATE", "195")}),
        ("The band toured in the '80s.", {"the '80s": ("DATE", "198")}),
        ("Phones changed in the mid-2010s.", {"the mid-2010s": ("DATE", "201")}),
        # the coming decade, the past year (periods) against last year (a date)
        ("Demand will double over the coming decade.", {"the coming decade": ("DURATION", "P1DE")}),
        ("Exports fell in the last year.", {"the last year": ("DURATION", "P1Y")}),
        ("Exports fell last year.", {"last year": ("DATE", "2023")}),
        ("Growth slowed in the last decade.", {"the last decade": ("DURATION", "P1DE")}),
        ("Growth slowed last decade.", {"last decade": ("DATE", "201")}),
        # through/until a month; a month of a relative year
        ("The ban runs through March.", {"March": ("DATE", "2024-03")}),
        ("Sales rose through June last year.", {"June last year": ("DATE", "2023-06")}),
        # year ranges
        (
            "The drought of 2011-2013 killed cattle.",
            {"2011": ("DATE", "2011"), "2013": ("DATE", "2013")},
        ),
        ("The 2011-12 budget was cut.", {"2011": ("DATE", "2011"), "12": ("DATE", "2012")}),
        ("The 1999-00 season was short.", {"1999": ("DATE", "1999"), "00": ("DATE", "2000")}),
        # duration extents: no preposition, with "the past", a modifier or an adjective
        (
            "He has been jailed for more than 800 days.",
            {"more than 800 days": ("DURATION", "P800D")},
        ),
        ("She waited for over a year.", {"over a year": ("DURATION", "P1Y")}),
        ("Output grew in the past six months.", {"the past six months": ("DURATION", "P6M")}),
        ("They endured eight hard years of war.", {"eight hard years": ("DURATION", "P8Y")}),
        ("He never spent a single day in jail.", {"a single day": ("DURATION", "P1D")}),
        ("The mill closed almost a decade ago.", {"almost a decade ago": ("DATE", "2014")}),
        # references
        ("Elders hope to keep a window to the past.", {"the past": ("DATE", "PAST_REF")}),
        ("They discussed the future of the port.", {"the future": ("DATE", "FUTURE_REF")}),
        ("Not so long ago, the valley was a lake.", {"Not so long ago": ("DATE", "PAST_REF")}),
        ("Guests met the past president.", {}),
        (
            "Reporters arrived on a recent afternoon.",
            {"a recent afternoon": ("TIME", "XXXX-XX-XXTAF")},
        ),
    ],
)
def test_pattern_values(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old man was arrested.",
        "The boy, who is 11 years old, fled.",
        "Her brother is four years older.",
        "Police detained 62 people.",
        "The pact has 30 articles.",
    ],
)
def test_ages_and_bare_numbers_are_not_timexes(text: str) -> None:
    assert _found(text) == {}


def test_every_new_kind_has_a_gate() -> None:
    for kind in ("vague", "century", "clock24", "year_end", "month_rel"):
        assert kind in EN.gates


# -- tense, through the parse ---------------------------------------------------------------------


def test_expected_to_be_signed_in_a_month_is_future(process: Callable[..., Article]) -> None:
    found = _timexes(process, "The agreement is expected to be signed in February.")
    assert found.get("February") == ("DATE", "2025-02")


def test_a_month_in_a_past_clause_is_behind(process: Callable[..., Article]) -> None:
    found = _timexes(process, "The agreement was signed in February.")
    assert found.get("February") == ("DATE", "2024-02")


def test_the_mayor_62_is_no_timex_in_a_story(process: Callable[..., Article]) -> None:
    found = _timexes(process, "The mayor, 62, said on Tuesday evening that a 45-year-old man fled.")
    assert found == {"Tuesday evening": ("TIME", "2024-03-05TEV")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Profits rose in the third quarter of 2023.",
            {"the third quarter of 2023": ("DATE", "2023-Q3")},
        ),
        (
            "Profits rose in the first half of last year.",
            {"the first half of last year": ("DATE", "2023-H1")},
        ),
        ("Sales fell late last year.", {"late last year": ("DATE", "2023")}),
        ("The plant opens early next month.", {"early next month": ("DATE", "2024-04")}),
        ("Troops will leave by the end of the year.", {"the end of the year": ("DATE", "2024")}),
        ("Rates rose at the start of this decade.", {"the start of this decade": ("DATE", "202")}),
        ("He retired in a later year.", {}),
        ("A third half is no time.", {}),
    ],
)
def test_parts_of_years(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_a_quarter_without_a_year_follows_the_tense() -> None:
    assert _found("Sales fell in the fourth quarter.", "past") == {
        "the fourth quarter": ("DATE", "2023-Q4")
    }
    assert _found("Sales will rise in the second quarter.", "future") == {
        "the second quarter": ("DATE", "2024-Q2")
    }


def test_today_in_a_generic_present_clause_is_present_ref(process: Callable[..., Article]) -> None:
    assert _timexes(process, "Today, the valley grows more rice than ever.").get("Today") == (
        "DATE",
        "PRESENT_REF",
    )
    assert _timexes(process, "The minister resigned today.").get("today") == ("DATE", "2024-03-07")
    assert _timexes(process, "Talks will resume today.").get("today") == ("DATE", "2024-03-07")


def test_timexes_from_given_contexts_are_the_same(parsed: Callable[..., Article]) -> None:
    """The time stage hands :func:`find_timexes` the sentence contexts it made (issue 18)."""
    from eventwire.context import sentence_contexts
    from eventwire.settings import Settings
    from eventwire.timex import find_timexes

    article = parsed(
        "Talks began on Monday in Geneva. Officials said on Tuesday they would meet again "
        "next week, two days after the vote.",
        date=dt.date(2024, 3, 6),
    )
    lang = language_data(Settings())
    found = find_timexes(article, lang)
    assert len(found) >= 3
    assert find_timexes(article, lang, sentence_contexts(article)) == found
