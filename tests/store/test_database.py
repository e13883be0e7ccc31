from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.store.database import Store
from eventwire.store.queries import rows


def _counts(path: Path) -> dict[str, int]:
    with Store(path, read_only=True) as store:
        return store.counts()


def test_writing_the_same_articles_twice_stores_nothing_new(
    tmp_path: Path, paper_story: Article
) -> None:
    db = tmp_path / "a.duckdb"
    with Store(db) as store:
        store.write([paper_story])
        first = store.counts()
        store.write([paper_story])
        assert store.counts() == first
        assert store.known_ids([paper_story.id, "nope"]) == {paper_story.id}
    assert first["articles"] == 1 and first["events"] >= 1 and first["quotes"] >= 1


def test_a_failed_batch_leaves_the_database_as_it_was(
    tmp_path: Path, paper_story: Article, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "b.duckdb"
    (other,) = pipeline.process_batch([Article(text="Germany praised France on Monday.")])
    with Store(db) as store:
        store.write([other])
        before = store.counts()
        original = Store._insert

        def failing(self: Store, table: str, rows: list[dict[str, Any]]) -> None:
            if table == "quotes":
                raise RuntimeError("disk full")
            original(self, table, rows)

        monkeypatch.setattr(Store, "_insert", failing)
        with pytest.raises(RuntimeError, match="disk full"):
            store.write([paper_story])
        assert store.counts() == before


def test_schema_version_mismatch_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE schema_version SET version = 999")
    con.close()
    with pytest.raises(StoreError, match="schema version 999"):
        Store(db)


def test_not_an_eventwire_database(tmp_path: Path) -> None:
    db = tmp_path / "d.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE x (a INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not an eventwire database"):
        Store(db, read_only=True)


def test_read_only_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_events_of_one_trigger_are_listed_in_a_fixed_order(
    tmp_path: Path, process: Callable[..., Article]
) -> None:
    # Coordinated doers give one event each on the same word: without a last sort key DuckDB
    # listed them in either order from run to run.
    article = process("Chile, Peru and Bolivia condemned the attack on Monday.")
    with Store(tmp_path / "o.duckdb") as store:
        store.write([article])
        listed = rows(store, "events")
    same_word = [e["event_id"] for e in listed if e["trigger_text"] == "condemned"]
    assert len(same_word) == 3
    assert same_word == sorted(same_word)
