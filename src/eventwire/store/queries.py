"""Read queries with filters, returning rows in the export field layout.

Every row that points into an article carries ``article_id`` (the external id when one was
given, else the content id) and offsets into the article text exactly as it was given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from eventwire.model import HYPOTHETICAL

EVENT_FIELDS = (
    "article_id", "event_id", "cameo", "cameo_root", "cameo_name", "quad_class", "goldstein",
    "plover_type", "plover_mode", "source_code", "source_name", "source_text", "target_code",
    "target_name", "target_text", "trigger_start", "trigger_end", "trigger_text",
    "sentence_start", "sentence_end", "date", "date_reason", "date_granularity", "date_start",
    "date_end", "place_name", "place_country", "lat", "lon", "place_reason", "negated", "modality",
    "rule", "confidence", "mention_of", "mentions",
)  # fmt: skip
QUOTE_FIELDS = (
    "article_id", "quote_id", "start", "end", "text", "speaker_start", "speaker_end",
    "speaker_text", "speaker_code", "speaker_name", "cue_start", "cue_end", "direct", "rule",
    "confidence", "partial", "kind",
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
PLACE_FIELDS = ("article_id", "start", "end", "text", "name", "country", "lat", "lon", "reason")
#: Extra event columns (``select(..., detail=True)``): evidence offsets and article metadata.
EVENT_DETAIL_FIELDS = (
    "sentence", "source_start", "source_end", "source_rule", "target_start", "target_end",
    "target_rule", "place_start", "place_end",
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
    since: dt.date | None = None  # events: the date interval ends on or after it (overlap)
    until: dt.date | None = None  # events: the date interval starts on or before it
    article: str | None = None  # external or content id
    speaker: str | None = None  # quotes: speaker code prefix or name substring
    #: Quotes of this kind only: "quote" (attributed words, the default) or "unattributed"
    #: (quoted text with no speaker: scare quotes, titles, fragments); ``None``: every kind.
    quote_kind: str | None = "quote"
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
    all_mentions: bool = False  # every mention of an event, not one row per event
    factual_only: bool = False  # leave out negated and hypothetical events


class Queryable(Protocol):
    """What the queries need: a :class:`~eventwire.store.database.Store` or a read cursor."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...


def select(
    table: str,
    filters: Filters = Filters(),
    *,
    sentence_text: bool = False,
    detail: bool = False,
    total: bool = False,
) -> tuple[str, list[Any]]:
    """SQL and parameters for ``table`` in export layout (sorted by article then offset; events
    of one trigger by id, so a listing comes out the same on every run).

    ``detail`` adds :data:`EVENT_DETAIL_FIELDS` and the article's metadata (``article_title``,
    ``article_url``, ``article_source``, ``article_date``) to event rows. ``total`` adds
    ``_total``: the row count without ``limit`` and ``offset`` (one query instead of two).
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
    if total:
        columns.append("count(*) OVER () AS _total")
    where, params = _where(table, alias, filters)
    join = "" if table == "articles" else f" JOIN articles a ON a.id = {alias}.article_key"
    order = {
        "events": "a.date, a.article_id, e.sentence_start, e.trigger_start, e.event_id",
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
        column = "date_start" if filters.sort == "date" else filters.sort
        order = f"e.{column} {direction} NULLS LAST, {order}"
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
    if filters.quote_kind and table == "quotes":
        clauses.append("q.kind = ?")
        params.append(filters.quote_kind)
    if filters.code and table == "events":
        clauses.append("starts_with(e.cameo, ?)")
        params.append(filters.code)
    if table == "events":
        _event_where(filters, clauses, params)
    # An event's date is an interval (a day, week, month, season or year): it passes when it
    # overlaps [since, until]. Other tables filter on the article's publication date.
    first, last = ("e.date_end", "e.date_start") if table == "events" else ("a.date", "a.date")
    if filters.since:
        clauses.append(f"{first} >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append(f"{last} <= ?")
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
    if not filters.all_mentions:  # one row per event: its first mention carries the count
        clauses.append("(e.mention_of IS NULL OR e.mention_of = e.event_id)")
    if filters.factual_only:
        marks = ", ".join("?" for _ in HYPOTHETICAL)
        clauses.append(f"NOT e.negated AND e.modality NOT IN ({marks})")
        params += list(HYPOTHETICAL)
    sentence = "lower(substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start))"
    for word in (filters.text or "").split():
        clauses.append(f"contains({sentence}, lower(?))")
        params.append(word)


def page(
    store: Queryable,
    table: str,
    filters: Filters,
    *,
    sentence_text: bool = False,
    detail: bool = False,
) -> tuple[list[dict[str, Any]], int]:
    """One page of rows (``filters.limit``/``offset``) and the count of all matching rows."""
    sql, params = select(table, filters, sentence_text=sentence_text, detail=detail, total=True)
    found = store.query(sql, params)
    # Past the last page (or when nothing matches) the window saw no row: count apart.
    matched = int(found[0]["_total"]) if found else count(store, table, filters)
    for row in found:
        del row["_total"]
    return found, matched


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


#: The evidence of one mention of an event (rows of :func:`mentions_of`).
MENTION_FIELDS = (
    "event_id", "sentence_index", "sentence_start", "sentence_end", "trigger_start", "trigger_end",
    "trigger_text", "source_start", "source_end", "source_text", "target_start", "target_end",
    "target_text", "date", "date_reason", "rule", "confidence",
)  # fmt: skip


def mentions_of(store: Queryable, filters: Filters = Filters()) -> dict[str, list[dict[str, Any]]]:
    """Every mention (in text order) of each event ``select("events", filters)`` gives, by the
    event's id. An event stored before mentions were recorded is its own one mention."""
    sql, params = select("events", dataclasses.replace(filters, all_mentions=False))
    columns = ", ".join(
        "m.sentence AS sentence_index" if f == "sentence_index" else f"m.{f}"
        for f in MENTION_FIELDS
    )
    found = store.query(
        f"SELECT coalesce(m.mention_of, m.event_id) AS of, {columns} FROM events m"
        f" WHERE coalesce(m.mention_of, m.event_id) IN (SELECT event_id FROM ({sql}) s)"
        " ORDER BY of, m.sentence_start, m.trigger_start",
        params,
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for row in found:
        out.setdefault(row.pop("of"), []).append(row)
    return out


#: An event row that is an event, not a repeat of one (see ``Filters.all_mentions``).
FIRST_MENTION = "(mention_of IS NULL OR mention_of = event_id)"


def summary(store: Queryable) -> dict[str, Any]:
    """Row counts (``events`` counts events, ``mentions`` every mention), events per PLOVER type
    and QuadClass, and the first and last day any event date covers: three queries."""
    tables = ("articles", "quotes", "actors", "places", "errors")
    counts = store.query(
        "SELECT "
        + ", ".join(f"(SELECT count(*) FROM {t}) AS {t}" for t in tables)
        + f", count(*) FILTER (WHERE {FIRST_MENTION}) AS events, count(*) AS mentions,"
        " min(date_start) AS first, max(date_end) AS last FROM events"
    )[0]
    groups = store.query(
        "SELECT 'plover' AS kind, plover_type AS key, count(*) AS n FROM events"
        f" WHERE {FIRST_MENTION} GROUP BY 2 UNION ALL"
        " SELECT 'quad', CAST(quad_class AS VARCHAR), count(*) FROM events"
        f" WHERE {FIRST_MENTION} GROUP BY 2"
    )
    by_plover = sorted(
        ({"key": g["key"], "n": g["n"]} for g in groups if g["kind"] == "plover"),
        key=lambda g: (-g["n"], g["key"]),
    )
    by_quad = sorted(
        ({"key": int(g["key"]), "n": g["n"]} for g in groups if g["kind"] == "quad"),
        key=lambda g: g["key"],
    )
    dates = {"first": counts.pop("first"), "last": counts.pop("last")}
    return {
        "counts": {k: int(v) for k, v in counts.items()},
        "by_plover": by_plover,
        "by_quad_class": by_quad,
        "dates": dates,
    }


def actor_counts(store: Queryable, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Actor codes by mentions, with the events they are source and target of; and how many."""
    found = store.query(
        "WITH m AS (SELECT code, mode(name) AS name, count(*) AS mentions FROM actors"
        " WHERE code IS NOT NULL GROUP BY code),"
        f" s AS (SELECT source_code AS code, count(*) AS n FROM events WHERE {FIRST_MENTION}"
        " GROUP BY 1),"
        f" t AS (SELECT target_code AS code, count(*) AS n FROM events WHERE {FIRST_MENTION}"
        " GROUP BY 1)"
        " SELECT m.code, m.name, m.mentions, coalesce(s.n, 0) AS as_source,"
        " coalesce(t.n, 0) AS as_target, count(*) OVER () AS total"
        " FROM m LEFT JOIN s USING (code) LEFT JOIN t USING (code)"
        " ORDER BY m.mentions DESC, m.code LIMIT ? OFFSET ?",
        [limit, offset],
    )
    if found:
        total = int(found[0]["total"])
    else:
        counted = store.query("SELECT count(DISTINCT code) AS n FROM actors WHERE code IS NOT NULL")
        total = int(counted[0]["n"])
    return [{k: v for k, v in row.items() if k != "total"} for row in found], total


def timeline(store: Queryable, filters: Filters, by: str) -> tuple[list[dict[str, Any]], int]:
    """Events per date value and group (``plover`` or ``quad_class``), and the undated count."""
    sql, params = select("events", filters)
    column = {"plover": "plover_type", "quad_class": "quad_class"}[by]
    found = store.query(
        f"SELECT date, CAST({column} AS VARCHAR) AS grp, count(*) AS n FROM ({sql})"
        " GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2",
        params,
    )
    series = [row for row in found if row["date"] is not None]
    undated = sum(int(row["n"]) for row in found if row["date"] is None)
    return series, undated


def network(
    store: Queryable, filters: Filters, min_weight: int, max_edges: int
) -> list[dict[str, Any]]:
    """Weighted source → target edges (events, mean Goldstein) of the filtered events."""
    sql, params = select("events", filters)
    return store.query(
        "SELECT source_code AS source, target_code AS target, count(*) AS weight,"
        " avg(goldstein) AS goldstein FROM (" + sql + ") WHERE source_code IS NOT NULL"
        " AND target_code IS NOT NULL GROUP BY 1, 2 HAVING count(*) >= ?"
        " ORDER BY weight DESC, 1, 2 LIMIT ?",
        [*params, min_weight, max_edges],
    )


def places_of(store: Queryable, article_key: str) -> list[dict[str, Any]]:
    """The toponyms of one article (by content id), in text order."""
    return store.query(
        "SELECT text, name, feature, country, lat, lon, rule FROM places WHERE article_key = ? "
        "ORDER BY start",
        [article_key],
    )
