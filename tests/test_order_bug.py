"""Regression (issue 14): a publication date found in the dateline must reach the actors stage.

Before, the date was set in the ``time`` stage, after ``actors`` had picked dated codes, so the
same story coded with and without a metadata date gave different actor codes and event ids.
"""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article
from eventwire.pipeline import Pipeline

STORY = (
    "Bush meets Blair\n\n"
    "WASHINGTON, Jan. 5, 2004 — President Bush met British Prime Minister Tony Blair at the "
    "White House on Monday and praised Britain for its support."
)


def _codes(article: Article) -> list[tuple[str, str | None]]:
    return [(m.text, m.code) for m in article.mentions]


def test_dateline_date_gives_the_same_actors_and_events_as_metadata(pipeline: Pipeline) -> None:
    from_dateline, from_metadata = pipeline.process_batch(
        [Article(text=STORY), Article(text=STORY, date=dt.date(2004, 1, 5))]
    )
    assert from_dateline.date == from_metadata.date == dt.date(2004, 1, 5)
    assert from_dateline.date_source == "dateline" and from_metadata.date_source == "metadata"
    bush = next(m for m in from_dateline.mentions if "Bush" in m.text)
    assert bush.code == "USAGOV"  # president in 2004 (undated, the latest role: USAELI)
    assert _codes(from_dateline) == _codes(from_metadata)
    assert from_dateline.events and [e.event_id for e in from_dateline.events] == [
        e.event_id for e in from_metadata.events
    ]


def test_without_any_date_the_latest_role_is_taken(pipeline: Pipeline) -> None:
    undated = STORY.replace("WASHINGTON, Jan. 5, 2004 — ", "")
    (article,) = pipeline.process_batch([Article(text=undated)])
    assert article.date is None
    bush = next(m for m in article.mentions if "Bush" in m.text)
    assert bush.code == "USAELI"
