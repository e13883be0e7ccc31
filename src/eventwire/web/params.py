"""Query parameters shared by the event endpoints, validated before any SQL is built."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query

from eventwire.dates import parse_bound
from eventwire.events.ontology import NO_PLOVER_TYPE, PLOVER_TYPES
from eventwire.store.queries import EVENT_SORTS, Filters

PLOVER_PATTERN = "^(" + "|".join((*PLOVER_TYPES, NO_PLOVER_TYPE)) + ")$"
SORT_PATTERN = "^(" + "|".join(EVENT_SORTS) + ")$"
MAX_LIMIT = 500
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def event_filters(
    actor: Annotated[
        str | None,
        Query(pattern="^[A-Z0-9]{1,20}$", description="Actor code prefix (source or target): USA"),
    ] = None,
    actor_name: Annotated[
        str | None,
        Query(min_length=1, max_length=100, description="Part of a source or target name or text"),
    ] = None,
    code: Annotated[
        str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO code prefix: 02, 112, 0231")
    ] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{2}$", description="CAMEO root: 01..20")] = None,
    plover: Annotated[str | None, Query(pattern=PLOVER_PATTERN, description="PLOVER type")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="CAMEO QuadClass")] = None,
    since: Annotated[
        str | None,
        Query(
            pattern=DATE_PATTERN,
            description="First date: YYYY-MM-DD, YYYY-MM or YYYY. Event dates are intervals"
            " (a day, week, month, season or year): one overlapping the range is kept.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        Query(pattern=DATE_PATTERN, description="Last date: YYYY-MM-DD, YYYY-MM or YYYY"),
    ] = None,
    country: Annotated[
        str | None, Query(pattern="^[A-Z]{3}$", description="Event location, ISO alpha-3: SRB")
    ] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Words that all occur in the sentence"),
    ] = None,
    article: Annotated[str | None, Query(max_length=2000, description="Article id")] = None,
    all_mentions: Annotated[
        bool, Query(description="One row per mention of an event, not one per event")
    ] = False,
) -> Filters:
    first = _bound("since", since, end=False)
    last = _bound("until", until, end=True)
    if first is not None and last is not None and first > last:
        raise HTTPException(422, detail=f"since ({since}) is after until ({until})")
    return Filters(
        actor=actor, actor_name=actor_name, code=code, root=root, plover=plover,
        quad_class=quad_class, since=first, until=last, country=country, text=q, article=article,
        all_mentions=all_mentions,
    )  # fmt: skip


def _bound(name: str, value: str | None, *, end: bool) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_bound(value, end=end)
    except ValueError as exc:  # the pattern passed, the calendar did not: 2019-02-30
        raise HTTPException(422, detail=f"{name}: {exc}") from exc


EventFilters = Annotated[Filters, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]
Sort = Annotated[str | None, Query(pattern=SORT_PATTERN, description="Sort column")]
Order = Annotated[Literal["asc", "desc"], Query(description="Sort direction")]
