"""The DuckDB store: one transaction per batch, idempotent by content ids."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.errors import StoreError
from eventwire.model import Article
from eventwire.store import rows
from eventwire.store.schema import CHILD_TABLES, MIGRATABLE_FROM, SCHEMA_VERSION, TABLES


def outdated_message(path: str, version: int) -> str:
    """What to tell a user whose database has another schema version."""
    if version > SCHEMA_VERSION:
        return (
            f"{path} has schema version {version}, newer than this eventwire's {SCHEMA_VERSION}; "
            "upgrade eventwire"
        )
    if version in MIGRATABLE_FROM:
        return (
            f"{path} has schema version {version}, this eventwire needs {SCHEMA_VERSION}: "
            f"upgrade it in place with `eventwire migrate --db {path}` (one transaction; every "
            "stored row is kept)"
        )
    return (
        f"{path} has schema version {version}, this eventwire needs {SCHEMA_VERSION} and cannot "
        "migrate it; re-run the inputs into a new database file"
    )


class Store:
    """An open eventwire database. Use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        path: Path | str,
        *,
        read_only: bool = False,
        connection: duckdb.DuckDBPyConnection | None = None,
    ) -> None:
        self.path = str(path)
        if connection is not None:  # a cursor of an open, checked Store (see :meth:`cursor`)
            self.con = connection
            return
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"database {self.path} does not exist; create it with `eventwire run`")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(_open_failure(self.path, exc)) from exc
        if not read_only and self._stored_version() in (None, SCHEMA_VERSION):
            self._create_schema()  # a new database, or tables added since: never an old one
        self._check_version()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def cursor(self) -> Store:
        """A Store on a new cursor of this database: its own connection (and transactions) to
        the same data, for use by another thread. Close it when done."""
        return Store(self.path, connection=self.con.cursor())

    # -- schema -------------------------------------------------------------------------------
    def _create_schema(self) -> None:
        self.con.execute("BEGIN TRANSACTION")
        for name, columns in TABLES.items():
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
        if self.con.execute("SELECT count(*) FROM schema_version").fetchone() == (0,):
            self.con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
        self.con.execute("COMMIT")

    def _stored_version(self) -> int | None:
        """The database's schema version; ``None`` for a database without eventwire tables."""
        tables = self.con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version'"
            " AND database_name = current_database() AND schema_name = 'main'"
        ).fetchone()
        if not tables or not tables[0]:
            return None
        found = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(found[0]) if found and found[0] is not None else None

    def _check_version(self) -> None:
        try:
            version = self._stored_version()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not an eventwire database: {exc}") from exc
        if version == SCHEMA_VERSION:
            return
        if version is None:
            raise StoreError(f"{self.path} is not an eventwire database (no schema_version)")
        raise StoreError(outdated_message(self.path, version))

    # -- writing ------------------------------------------------------------------------------
    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article content ids are stored already (and so need no work)."""
        if not ids:
            return set()
        placeholders = ",".join("?" for _ in ids)
        result = self.con.execute(
            f"SELECT id FROM articles WHERE id IN ({placeholders})", list(ids)
        )
        return {row[0] for row in result.fetchall()}

    def write(
        self,
        articles: Sequence[Article],
        ingest_errors: Iterable[tuple[str, str]] = (),
        extra: Mapping[str, list[rows.Row]] | None = None,
    ) -> None:
        """Store a batch in one transaction: all of it, or (on any failure) none of it.

        ``extra`` holds rows for other tables (the ingest bookkeeping: files, copies...) that
        must be stored with this batch, never without it.
        """
        tables = batch_rows(articles, ingest_errors)
        for table, table_rows in (extra or {}).items():
            tables[table] = [*tables.get(table, []), *table_rows]
        keys = [a.id for a in articles]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if keys:
                placeholders = ",".join("?" for _ in keys)
                for table in ("articles", *CHILD_TABLES, "errors"):
                    column = "id" if table == "articles" else "article_key"
                    self.con.execute(
                        f"DELETE FROM {table} WHERE {column} IN ({placeholders})", keys
                    )
            for table, table_rows in tables.items():
                self._insert(table, table_rows)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, table_rows: list[rows.Row]) -> None:
        if not table_rows:
            return
        arrow = pa.Table.from_pylist(table_rows)
        columns = ", ".join(f'"{c}"' for c in arrow.column_names)
        self.con.register("_batch", arrow)
        try:
            self.con.execute(
                f"INSERT OR REPLACE INTO {table} ({columns}) SELECT {columns} FROM _batch"
            )
        finally:
            self.con.unregister("_batch")

    # -- reading ------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        result = self.con.execute(sql, list(params))
        names = [d[0] for d in result.description]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for table in ("articles", *CHILD_TABLES, "errors"):
            found = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(found[0]) if found else 0
        return out


def _open_failure(path: str, exc: duckdb.Error) -> str:
    """Why the database cannot be opened; a lock held by another process is said plainly."""
    if "Could not set lock" not in str(exc):
        return f"cannot open database {path}: {exc}"
    pid = re.search(r"PID (\d+)", str(exc))
    holder = f"pid {pid.group(1)}" if pid else "pid unknown"
    return (
        f"database {path} is in use by another process ({holder}), e.g. `eventwire run` or a "
        "read-write `eventwire serve`: DuckDB lets one process write a database file and no "
        "other process open it meanwhile, even to read; wait for that process to finish, or "
        "read a copy of the file"
    )


def batch_rows(
    articles: Sequence[Article], ingest_errors: Iterable[tuple[str, str]]
) -> dict[str, list[rows.Row]]:
    tables: dict[str, list[rows.Row]] = {
        "articles": [], "events": [], "quotes": [], "actors": [], "timexes": [], "places": [],
    }  # fmt: skip
    errors: list[rows.Row] = [rows.ingest_error_row(o, m) for o, m in ingest_errors]
    for article in articles:
        tables["articles"].append(rows.article_row(article))
        tables["events"].extend(rows.event_rows(article))
        tables["quotes"].extend(rows.quote_row(article, q) for q in article.quotes)
        tables["actors"].extend(rows.actor_row(article, m) for m in article.mentions)
        tables["timexes"].extend(rows.timex_row(article, t) for t in article.timexes)
        tables["places"].extend(rows.place_row(article, p) for p in article.places)
        errors.extend(rows.error_rows(article))
    tables["errors"] = errors
    return tables
