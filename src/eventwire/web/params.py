"""Query parameters shared by the event endpoints, validated before any SQL is built."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query

from eventwire.events.ontology import NO_PLOVER_TYPE, PLOVER_TYPES
from eventwire.store.queries import EVENT_SORTS, Filters

PLOVER_PATTERN = "^(" + "|".join((*PLOVER_TYPES, NO_PLOVER_TYPE)) + ")$"
SORT_PATTERN = "^(" + "|".join(EVENT_SORTS) + ")$"
MAX_LIMIT = 500


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
    since: Annotated[dt.date | None, Query(description="First event date (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Query(description="Last event date (YYYY-MM-DD)")] = None,
    country: Annotated[
        str | None, Query(pattern="^[A-Z]{3}$", description="Event location, ISO alpha-3: SRB")
    ] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Words that all occur in the sentence"),
    ] = None,
    article: Annotated[str | None, Query(max_length=200, description="Article id")] = None,
) -> Filters:
    if since is not None and until is not None and since > until:
        raise HTTPException(422, detail=f"since ({since}) is after until ({until})")
    return Filters(
        actor=actor, actor_name=actor_name, code=code, root=root, plover=plover,
        quad_class=quad_class, since=since, until=until, country=country, text=q, article=article,
    )  # fmt: skip


EventFilters = Annotated[Filters, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]
Sort = Annotated[str | None, Query(pattern=SORT_PATTERN, description="Sort column")]
Order = Annotated[Literal["asc", "desc"], Query(description="Sort direction")]
