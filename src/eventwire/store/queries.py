"""Read queries with filters, returning rows in the export field layout.

Every row that points into an article carries ``article_id`` (the external id when one was
given, else the content id) and offsets into the article text exactly as it was given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

EVENT_FIELDS = (
    "article_id", "event_id", "cameo", "cameo_root", "cameo_name", "quad_class", "goldstein",
    "plover_type", "plover_mode", "source_code", "source_name", "source_text", "target_code",
    "target_name", "target_text", "trigger_start", "trigger_end", "trigger_text",
    "sentence_start", "sentence_end", "date", "date_reason", "place_name", "place_country", "lat",
    "lon", "place_reason", "negated", "modality", "rule", "confidence",
)  # fmt: skip
QUOTE_FIELDS = (
    "article_id", "quote_id", "start", "end", "text", "speaker_start", "speaker_end",
    "speaker_text", "speaker_code", "speaker_name", "cue_start", "cue_end", "direct", "rule",
    "confidence",
)  # fmt: skip
ACTOR_FIELDS = (
    "article_id", "start", "end", "text", "code", "name", "role", "rule", "confidence",
    "country", "sector", "person",
)  # fmt: skip
ARTICLE_FIELDS = (
    "article_id", "id", "external_id", "title", "date", "url", "source", "origin", "text",
    "n_sentences", "n_events", "n_quotes", "n_errors", "date_source", "warnings",
)  # fmt: skip
TIMEX_FIELDS = ("article_id", "start", "end", "text", "type", "value")
PLACE_FIELDS = ("article_id", "start", "end", "text", "name", "country", "lat", "lon")
#: Extra event columns (``select(..., detail=True)``): evidence offsets and article metadata.
EVENT_DETAIL_FIELDS = (
    "sentence", "source_start", "source_end", "source_rule", "target_start", "target_end",
    "target_rule", "date_granularity", "place_start", "place_end",
)  # fmt: skip
ARTICLE_DETAIL_FIELDS = ("title", "url", "source", "date")
#: Columns events can be sorted by (anything else is refused: they are spliced into SQL).
EVENT_SORTS = (
    "date", "cameo", "quad_class", "goldstein", "plover_type", "source_code", "target_code",
    "confidence", "place_country",
)  # fmt: skip
FIELDS = {
    "events": EVENT_FIELDS,
    "quotes": QUOTE_FIELDS,
    "actors": ACTOR_FIELDS,
    "articles": ARTICLE_FIELDS,
    "timexes": TIMEX_FIELDS,
    "places": PLACE_FIELDS,
}


@dataclass(frozen=True, kw_only=True)
class Filters:
    """Row filters shared by the read commands; ``None`` means no filter."""

    actor: str | None = None  # code prefix ("USA" matches USAGOV) on source, target or speaker
    code: str | None = None  # CAMEO code prefix ("02" matches 020 and 0231)
    since: dt.date | None = None
    until: dt.date | None = None
    article: str | None = None  # external or content id
    speaker: str | None = None  # quotes: speaker code prefix or name substring
    limit: int | None = None
    # Events only:
    actor_name: str | None = None  # substring of source/target name or text (any case)
    root: str | None = None  # CAMEO root code ("02")
    plover: str | None = None  # PLOVER type ("REQUEST")
    quad_class: int | None = None  # 1..4
    country: str | None = None  # event location country (ISO 3166 alpha-3)
    text: str | None = None  # every word occurs in the event's sentence (any case)
    offset: int = 0
    sort: str | None = None  # one of EVENT_SORTS; default: date, article, offset
    descending: bool = False


class Queryable(Protocol):
    """What the queries need: a :class:`~eventwire.store.database.Store` or a read cursor."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...


def select(
    table: str, filters: Filters = Filters(), *, sentence_text: bool = False, detail: bool = False
) -> tuple[str, list[Any]]:
    """SQL and parameters for ``table`` in export layout (sorted by article then offset).

    ``detail`` adds :data:`EVENT_DETAIL_FIELDS` and the article's metadata (``article_title``,
    ``article_url``, ``article_source``, ``article_date``) to event rows.
    """
    alias = {"events": "e", "quotes": "q", "actors": "m", "articles": "a", "timexes": "t",
             "places": "p"}[table]  # fmt: skip
    columns = ["a.article_id" if f == "article_id" else f'{alias}."{f}"' for f in FIELDS[table]]
    if sentence_text and table == "events":
        columns.append(
            "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence"
        )
    if detail and table == "events":
        columns += [f'e."{f}"' for f in EVENT_DETAIL_FIELDS if f != "sentence"]
        columns.append("e.sentence AS sentence_index")
        columns += [f"a.{f} AS article_{f}" for f in ARTICLE_DETAIL_FIELDS]
    where, params = _where(table, alias, filters)
    join = "" if table == "articles" else f" JOIN articles a ON a.id = {alias}.article_key"
    order = {
        "events": "a.date, a.article_id, e.sentence_start, e.trigger_start",
        "quotes": "a.article_id, q.start",
        "actors": "a.article_id, m.start",
        "articles": "a.date, a.article_id",
        "timexes": "a.article_id, t.start",
        "places": "a.article_id, p.start",
    }[table]
    if table == "events" and filters.sort is not None:
        if filters.sort not in EVENT_SORTS:
            raise ValueError(f"cannot sort events by {filters.sort!r}; use one of {EVENT_SORTS}")
        direction = "DESC" if filters.descending else "ASC"
        order = f"e.{filters.sort} {direction} NULLS LAST, {order}"
    sql = f"SELECT {', '.join(columns)} FROM {table} {alias}{join} {where} ORDER BY {order}"
    if filters.limit is not None:
        sql += f" LIMIT {int(filters.limit)}"
    if filters.offset:
        sql += f" OFFSET {int(filters.offset)}"
    return sql, params


def count(store: Queryable, table: str, filters: Filters = Filters()) -> int:
    """How many rows ``select`` would give without ``limit`` and ``offset``."""
    alias = {"events": "e", "quotes": "q", "actors": "m", "articles": "a", "timexes": "t",
             "places": "p"}[table]  # fmt: skip
    where, params = _where(table, alias, filters)
    join = "" if table == "articles" else f" JOIN articles a ON a.id = {alias}.article_key"
    found = store.query(f"SELECT count(*) AS n FROM {table} {alias}{join} {where}", params)
    return int(found[0]["n"])


def _where(table: str, alias: str, filters: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.article:
        clauses.append("(a.article_id = ? OR a.id = ?)")
        params += [filters.article, filters.article]
    if filters.actor and table == "events":
        clauses.append("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))")
        params += [filters.actor, filters.actor]
    elif filters.actor and table == "actors":
        clauses.append("starts_with(m.code, ?)")
        params.append(filters.actor)
    elif filters.actor and table == "quotes":
        clauses.append("starts_with(q.speaker_code, ?)")
        params.append(filters.actor)
    if filters.speaker and table == "quotes":
        clauses.append(
            "(starts_with(q.speaker_code, ?) OR contains(lower(q.speaker_name), lower(?))"
            " OR contains(lower(q.speaker_text), lower(?)))"
        )
        params += [filters.speaker] * 3
    if filters.code and table == "events":
        clauses.append("starts_with(e.cameo, ?)")
        params.append(filters.code)
    if table == "events":
        _event_where(filters, clauses, params)
    date_column = "e.date" if table == "events" else "a.date"
    if filters.since:
        clauses.append(f"CAST({date_column} AS DATE) >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append(f"CAST({date_column} AS DATE) <= ?")
        params.append(filters.until)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _event_where(filters: Filters, clauses: list[str], params: list[Any]) -> None:
    if filters.actor_name:
        names = ("e.source_name", "e.source_text", "e.target_name", "e.target_text")
        clauses.append("(" + " OR ".join(f"contains(lower({n}), lower(?))" for n in names) + ")")
        params += [filters.actor_name] * len(names)
    for clause, value in (
        ("e.cameo_root = ?", filters.root),
        ("e.plover_type = ?", filters.plover),
        ("e.quad_class = ?", filters.quad_class),
        ("e.place_country = ?", filters.country),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    sentence = "lower(substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start))"
    for word in (filters.text or "").split():
        clauses.append(f"contains({sentence}, lower(?))")
        params.append(word)


def rows(
    store: Queryable,
    table: str,
    filters: Filters = Filters(),
    *,
    sentence_text: bool = False,
    detail: bool = False,
) -> list[dict[str, Any]]:
    sql, params = select(table, filters, sentence_text=sentence_text, detail=detail)
    return store.query(sql, params)
