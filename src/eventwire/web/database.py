"""The server's one DuckDB connection: a cursor per read, one writer at a time."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb

from eventwire.store.database import Store


class Reader:
    """A read cursor with the ``query`` method the store queries expect."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self.cursor = cursor

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        result = self.cursor.execute(sql, list(params))
        names = [d[0] for d in result.description]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


class Database:
    """Opened read-only unless writing is enabled; reads run on cursors in parallel."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # Many small concurrent queries: one thread each beats every query fanning out.
        store.con.execute("SET threads TO 1")
        self._lock = threading.Lock()  # guards the main connection (cursor creation, writes)

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        with self._lock:
            cursor = self.store.con.cursor()
        try:
            yield Reader(cursor)
        finally:
            cursor.close()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        with self._lock:
            yield self.store

    def close(self) -> None:
        with self._lock:
            self.store.close()
