from __future__ import annotations

import datetime as dt
from dataclasses import replace

from eventwire.dateline import Datelines, url_date, with_publication_date
from eventwire.lang import language_data
from eventwire.model import Article
from eventwire.text import with_paragraphs

DATELINES = Datelines.of(language_data("en"))


def _article(text: str, url: str | None = None) -> Article:
    return with_paragraphs(Article(text=text, url=url))


def test_dateline_forms() -> None:
    reuters = DATELINES.find(_article("CARACAS, Jan 25 (Reuters) - Venezuela said."))
    assert reuters is not None and reuters.agency == "Reuters" and reuters.month_day == (1, 25)
    ap = DATELINES.find(_article("WASHINGTON (AP) — The US said."))
    assert ap is not None and ap.city is not None and ap.month_day is None
    bare = DATELINES.find(_article("Jan. 25, 2019 — The US said."))
    assert bare is not None and bare.city is None and bare.date(None) == dt.date(2019, 1, 25)
    assert DATELINES.find(_article("The US said - nothing.")) is None


def test_url_dates() -> None:
    assert url_date("https://a.b/2019/01/25/x") == (2019, 1, 25)
    assert url_date("https://a.b/2019/01/x") == (2019, 1, None)
    assert url_date("https://a.b/x-20190124/y") is None
    assert url_date("https://a.b/news/20190124/y") == (2019, 1, 24)
    assert url_date(None) is None


def test_month_day_without_a_year_stays_unresolved() -> None:
    article = with_publication_date(
        _article("CARACAS, Jan 25 (Reuters) - Venezuela said."), DATELINES
    )
    assert article.date is None and article.date_source is None
    assert "no year" in article.warnings[0]


def test_dateline_dates_are_read_in_the_language_of_the_settings() -> None:
    english = language_data("en")
    french_words = replace(
        english.timex,
        months={"jan": 1, "fev": 2},
        dateline_date=r"(?P<day>[0-3]?\d)\s+(?P<mon>janvier|fevrier)(?:\s+(?P<year>20\d\d))?",
    )
    french = Datelines.of(replace(english, code="fr", timex=french_words))
    found = french.find(_article("PARIS, 25 janvier 2019 (AFP) - La France a dit."))
    assert found is not None and found.month_day == (1, 25) and found.year == 2019
    assert DATELINES.find(_article("PARIS, 25 janvier 2019 (AFP) - La France a dit.")) is None
