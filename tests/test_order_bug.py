"""Regression (issue 14): a publication date found in the dateline must reach the actors stage.

Before, the date was set in the ``time`` stage, after ``actors`` had picked dated codes, so the
same story coded with and without a metadata date gave different actor codes (Bush: USAGOV, the
undated default, against USAELI in 2010) and different event ids.
"""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article
from eventwire.pipeline import Pipeline

DATELINE = "WASHINGTON, Jan. 5, 2010 — "
STORY = DATELINE + "Bush met Tony Blair in Texas on Monday and praised Britain for its support."


def _run(pipeline: Pipeline, article: Article) -> Article:
    (out,) = pipeline.process_batch([article])  # one at a time: the two share a content id
    return out


def _bush(article: Article) -> str | None:
    return next(m.code for m in article.mentions if m.text == "Bush")


def test_dateline_date_gives_the_same_actors_and_events_as_metadata(pipeline: Pipeline) -> None:
    from_dateline = _run(pipeline, Article(text=STORY))
    from_metadata = _run(pipeline, Article(text=STORY, date=dt.date(2010, 1, 5)))
    assert from_dateline.date == from_metadata.date == dt.date(2010, 1, 5)
    assert from_dateline.date_source == "dateline" and from_metadata.date_source == "metadata"
    assert _bush(from_dateline) == _bush(from_metadata) == "USAELI"  # out of office in 2010
    assert [m.code for m in from_dateline.mentions] == [m.code for m in from_metadata.mentions]
    ids = [e.event_id for e in from_dateline.events]
    assert ids and ids == [e.event_id for e in from_metadata.events]


def test_the_date_decides_the_code(pipeline: Pipeline) -> None:
    undated = _run(pipeline, Article(text=STORY.removeprefix(DATELINE)))
    assert undated.date is None
    assert _bush(undated) == "USAGOV"  # undated: the latest role
