"""Temporal expressions found in whole articles (spaCy parse) and their TimeML values (issue 16)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from eventwire.model import Article

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
