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
    """Opened read-only unless writing is enabled; reads and the writer each run on their own
    cursor, so a read never waits for a write (DuckDB's MVCC: it sees the last commit).

    ``generation`` counts committed writes: a response computed at one generation is still
    exact while the generation is unchanged (nothing else can write a database we hold open).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        # Many small concurrent queries: one thread each beats every query fanning out.
        store.con.execute("SET threads TO 1")
        self._lock = threading.Lock()  # guards the main connection (cursor creation, close)
        self._generation = 0

    @property
    def generation(self) -> int:
        return self._generation

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
        """A Store on its own cursor: hold it through a whole POST (pipeline included) without
        blocking reads; each ``Store.write`` is one transaction. One writer at a time is the
        caller's to ensure (the POST handler holds the pipeline's lock)."""
        with self._lock:
            store = self.store.cursor()
        try:
            yield store
        finally:
            store.close()
            with self._lock:
                self._generation += 1

    def close(self) -> None:
        with self._lock:
            self.store.close()
