"""``eventwire migrate``: bring an older database to the current schema, in place.

Every step runs in one transaction: a failure (or a kill) leaves the database as it was. No row
is deleted or rewritten beyond the columns a step adds and fills.

Version 3 → 4: events get ``date_start``/``date_end`` (the date value as an interval, see
:mod:`eventwire.dates`) and ``mention_of``/``mentions`` (repeats of one event within an article,
see :mod:`eventwire.events.mentions`), computed from the stored columns with the same code a run
uses.

Version 4 → 5: quotes get ``partial`` (false) and ``kind`` ("quote"): every quote stored before
was an attributed quote of its own. Places get ``reason`` (null: every stored place was resolved).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from eventwire.dates import interval_of
from eventwire.errors import StoreError
from eventwire.events.mentions import MentionKey, group_mentions, identity, is_stated
from eventwire.store.database import outdated_message
from eventwire.store.schema import MIGRATABLE_FROM, SCHEMA_VERSION

_V5_COLUMNS = (
    ("quotes", "partial", "BOOLEAN NOT NULL DEFAULT false"),
    ("quotes", "kind", "VARCHAR NOT NULL DEFAULT 'quote'"),
    ("places", "reason", "VARCHAR"),
)
_V4_COLUMNS = (
    ("date_start", "DATE"), ("date_end", "DATE"), ("mention_of", "VARCHAR"),
    ("mentions", "INTEGER"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Migration:
    """What a migration did: from and to which version, and how many event rows it filled."""

    path: str
    from_version: int
    to_version: int
    events: int

    @property
    def changed(self) -> bool:
        return self.from_version != self.to_version


def migrate(path: Path | str) -> Migration:
    """Upgrade the database at ``path`` to :data:`SCHEMA_VERSION` (nothing to do when current)."""
    name = str(path)
    if not Path(name).exists():
        raise StoreError(f"database {name} does not exist")
    try:
        con = duckdb.connect(name)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open database {name}: {exc}") from exc
    try:
        version = _version(con, name)
        if version == SCHEMA_VERSION:
            return Migration(name, version, version, 0)
        if version not in MIGRATABLE_FROM:
            raise StoreError(outdated_message(name, version))
        con.execute("BEGIN TRANSACTION")
        try:
            events = _v3_to_v4(con) if version == 3 else 0
            _v4_to_v5(con)
            con.execute("DELETE FROM schema_version")
            con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("CHECKPOINT")
        return Migration(name, version, SCHEMA_VERSION, events)
    finally:
        con.close()


def _version(con: duckdb.DuckDBPyConnection, name: str) -> int:
    try:
        found = con.execute("SELECT max(version) FROM schema_version").fetchone()
    except duckdb.Error as exc:
        raise StoreError(f"{name} is not an eventwire database: {exc}") from exc
    if not found or found[0] is None:
        raise StoreError(f"{name} is not an eventwire database (empty schema_version)")
    return int(found[0])


def _v3_to_v4(con: duckdb.DuckDBPyConnection) -> int:
    for column, kind in _V4_COLUMNS:
        con.execute(f"ALTER TABLE events ADD COLUMN {column} {kind}")
    return fill_event_columns(con)


def _v4_to_v5(con: duckdb.DuckDBPyConnection) -> None:
    for table, column, kind in _V5_COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def fill_event_columns(con: duckdb.DuckDBPyConnection, *, only_missing: bool = False) -> int:
    """Compute ``date_start``/``date_end``/``mention_of``/``mentions`` from the stored columns
    (inside the caller's transaction); ``only_missing``: just for the articles with an event
    lacking them (rows loaded from an older Parquet output). Returns the event rows updated."""
    where = ""
    if only_missing:
        where = (
            " WHERE article_key IN (SELECT article_key FROM events WHERE mention_of IS NULL"
            " OR (date IS NOT NULL AND date_start IS NULL))"
        )
    found = con.execute(
        "SELECT event_id, article_key, trigger_start, source_code, target_code, cameo, negated,"
        " modality, date, date_reason FROM events" + where
    ).fetchall()
    if not found:
        return 0
    intervals = {value: interval_of(value) for value in {row[8] for row in found}}
    by_article: dict[str, list[MentionKey]] = defaultdict(list)
    for event_id, article, start, source, target, cameo, negated, modality, date, reason in found:
        by_article[article].append(
            MentionKey(
                event_id=event_id,
                position=start,
                identity=identity(source, target, cameo, negated, modality),
                date=date,
                stated=is_stated(date, reason),
            )
        )
    update: dict[str, list[object]] = {
        "event_id": [], "date_start": [], "date_end": [], "mention_of": [], "mentions": [],
    }  # fmt: skip
    by_id = {row[0]: row[8] for row in found}
    for keys in by_article.values():
        for event_id, repeat in group_mentions(keys).items():
            interval = intervals[by_id[event_id]]
            update["event_id"].append(event_id)
            update["date_start"].append(interval.start if interval else None)
            update["date_end"].append(interval.end if interval else None)
            update["mention_of"].append(repeat.mention_of)
            update["mentions"].append(repeat.mentions)
    table = pa.table(
        {
            "event_id": pa.array(update["event_id"], pa.string()),
            "date_start": pa.array(update["date_start"], pa.date32()),
            "date_end": pa.array(update["date_end"], pa.date32()),
            "mention_of": pa.array(update["mention_of"], pa.string()),
            "mentions": pa.array(update["mentions"], pa.int32()),
        }
    )
    con.register("_migrated", table)
    try:
        con.execute(
            "UPDATE events SET date_start = m.date_start, date_end = m.date_end,"
            " mention_of = m.mention_of, mentions = m.mentions FROM _migrated m"
            " WHERE events.event_id = m.event_id"
        )
    finally:
        con.unregister("_migrated")
    return len(found)
