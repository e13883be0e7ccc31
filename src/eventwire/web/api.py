"""Read endpoints: articles, events, quotes, actors, stats, timeline, network."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from eventwire.store import queries
from eventwire.store.queries import Filters, actor_counts, page, rows, summary
from eventwire.web.database import Database, Reader
from eventwire.web.params import EventFilters, Limit, Offset, Order, Sort


class FastJSON(JSONResponse):
    """JSON without FastAPI's per-field encoding pass: rows hold only str, numbers, dates."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=_plain).encode("utf-8")


def _plain(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


router = APIRouter(default_response_class=FastJSON)


def reader(request: Request) -> Iterator[Reader]:
    database: Database = request.app.state.database
    with database.reader() as found:
        yield found


Db = Annotated[Reader, Depends(reader)]


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> FastJSON:
    return FastJSON({"total": total, "limit": limit, "offset": offset, "items": items})


@router.get("/articles", tags=["articles"], summary="Articles (without their text)")
def list_articles(db: Db, limit: Limit = 50, offset: Offset = 0) -> FastJSON:
    found, total = page(db, "articles", Filters(limit=limit, offset=offset))
    items = [{k: v for k, v in row.items() if k != "text"} for row in found]
    return _page(items, total, limit, offset)


@router.get(
    "/articles/{article_id:path}",
    tags=["articles"],
    summary="One article with its events (every mention) — ids may contain '/', also as %2F",
)
def get_article(article_id: str, db: Db) -> FastJSON:
    found = rows(db, "articles", Filters(article=article_id))
    if not found:
        raise HTTPException(404, detail=f"no article with id {article_id!r}")
    article = found[0]
    key = Filters(article=article["id"])
    article["events"] = rows(
        db, "events", dataclasses.replace(key, all_mentions=True), sentence_text=True, detail=True
    )
    article["quotes"] = rows(db, "quotes", key)
    article["places"] = rows(db, "places", key)
    return FastJSON(article)


@router.get("/events", tags=["events"], summary="Events, filtered, sorted and paged")
def list_events(
    db: Db,
    filters: EventFilters,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Sort = None,
    order: Order = "asc",
) -> FastJSON:
    paged = dataclasses.replace(
        filters, limit=limit, offset=offset, sort=sort, descending=order == "desc"
    )
    items, total = page(db, "events", paged, sentence_text=True, detail=True)
    return _page(items, total, limit, offset)


@router.get("/quotes", tags=["quotes"], summary="Quotes, by speaker code or name")
def list_quotes(
    db: Db,
    speaker: Annotated[str | None, Query(max_length=100)] = None,
    article: Annotated[str | None, Query(max_length=200)] = None,
    kind: Annotated[
        Literal["quote", "unattributed", "all"],
        Query(
            description="'quote': words with a speaker; 'unattributed': scare quotes, titles "
            "and fragments nobody is said to have spoken; 'all'"
        ),
    ] = "quote",
    limit: Limit = 50,
    offset: Offset = 0,
) -> FastJSON:
    chosen = None if kind == "all" else kind
    filters = Filters(speaker=speaker, article=article, quote_kind=chosen)
    found, total = page(db, "quotes", dataclasses.replace(filters, limit=limit, offset=offset))
    return _page(found, total, limit, offset)


@router.get("/actors", tags=["actors"], summary="Actor codes with mention and event counts")
def list_actors(db: Db, limit: Limit = 100, offset: Offset = 0) -> FastJSON:
    found, total = actor_counts(db, limit, offset)
    return _page(found, total, limit, offset)


@router.get("/stats", tags=["stats"], summary="Row counts and event breakdowns")
def stats(db: Db) -> FastJSON:
    return FastJSON(summary(db))


@router.get("/timeline", tags=["events"], summary="Event counts per date and group")
def timeline(
    db: Db, filters: EventFilters, by: Literal["plover", "quad_class"] = "plover"
) -> FastJSON:
    series, undated = queries.timeline(db, filters, by)
    return FastJSON({"by": by, "series": series, "undated": undated})


@router.get("/network", tags=["events"], summary="Who acts on whom: weighted source→target edges")
def network(
    db: Db,
    filters: EventFilters,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    max_edges: Annotated[int, Query(ge=1, le=2000)] = 200,
) -> FastJSON:
    edges = queries.network(db, filters, min_weight, max_edges)
    nodes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    return FastJSON({"nodes": nodes, "edges": edges})
