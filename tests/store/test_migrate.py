"""Issue 17: schema 4 (event dates as intervals, mentions) and the way from a schema-3 database.

``tests/data/schema_v3.duckdb.gz`` was made by eventwire before issue 17 (commit 13260d5) with
``eventwire run examples/ year.jsonl`` (the examples and one story dated "since 2019")."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import StoreError
from eventwire.store.database import Store
from eventwire.store.migrate import migrate
from eventwire.store.schema import SCHEMA_VERSION

V3 = Path(__file__).resolve().parents[1] / "data" / "schema_v3.duckdb.gz"
TABLES = ("articles", "events", "quotes", "actors", "timexes", "places", "errors", "files",
          "copies", "fingerprints", "bands", "skipped", "bylines")  # fmt: skip


@pytest.fixture()
def old_db(tmp_path: Path) -> Path:
    path = tmp_path / "old.duckdb"
    with gzip.open(V3) as source, path.open("wb") as target:
        shutil.copyfileobj(source, target)
    return path


def _snapshot(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, Any]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        out: dict[str, Any] = {}
        for table in TABLES:
            names = (columns or {}).get(table) or [
                r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()
            ]
            quoted = ", ".join(f'"{n}"' for n in names)
            out[table] = (
                names,
                con.execute(f"SELECT {quoted} FROM {table} ORDER BY ALL").fetchall(),
            )
        return out
    finally:
        con.close()


def test_old_database_is_refused_with_what_to_do(old_db: Path) -> None:
    before = old_db.read_bytes()
    for read_only in (True, False):
        with pytest.raises(StoreError, match=r"schema version 3.*eventwire migrate --db"):
            Store(old_db, read_only=read_only)
    assert old_db.read_bytes() == before  # opening it changed nothing
    result = CliRunner().invoke(main, ["events", "--db", str(old_db)])
    assert result.exit_code == 3 and "eventwire migrate" in result.stderr


def test_migrate_keeps_every_row_and_fills_the_new_columns(old_db: Path) -> None:
    before = _snapshot(old_db)
    result = CliRunner().invoke(main, ["migrate", "--db", str(old_db)])
    assert result.exit_code == 0, result.output
    assert f"schema 3 → {SCHEMA_VERSION}" in result.stderr
    after = _snapshot(old_db, {t: names for t, (names, _) in before.items()})
    assert after == before  # every stored row and value is there, unchanged
    with Store(old_db, read_only=True) as store:
        events = store.query("SELECT * FROM events")
        assert all(e["mention_of"] is not None and e["mentions"] >= 1 for e in events)
        year = next(e for e in events if e["date"] == "2019")
        assert (str(year["date_start"]), str(year["date_end"])) == ("2019-01-01", "2019-12-31")
        assert all((e["date"] is None) == (e["date_start"] is None) for e in events)
    # The repeated expulsion of the year.jsonl story is one event with two mentions.
    repeats = [e for e in events if e["mentions"] > 1]
    assert len(repeats) == 2 and len({e["mention_of"] for e in repeats}) == 1
    found = CliRunner().invoke(
        main, ["events", "--db", str(old_db), "--since", "2019-06-01", "--format", "jsonl"]
    )
    assert found.exit_code == 0 and '"date": "2019"' in found.stdout
    again = CliRunner().invoke(main, ["migrate", "--db", str(old_db)])
    assert again.exit_code == 0 and "nothing to do" in again.stderr


def test_migration_is_one_transaction(old_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _snapshot(old_db)

    def broken(*args: Any) -> dict[str, Any]:
        raise RuntimeError("killed mid-migration")

    monkeypatch.setattr("eventwire.store.migrate.group_mentions", broken)
    with pytest.raises(RuntimeError):
        migrate(old_db)
    assert _snapshot(old_db) == before  # no new columns, version still 3
    with pytest.raises(StoreError, match="schema version 3"):
        Store(old_db, read_only=True)


def test_unknown_versions_are_refused(old_db: Path) -> None:
    con = duckdb.connect(str(old_db))
    con.execute("UPDATE schema_version SET version = 2")
    con.close()
    with pytest.raises(StoreError, match="cannot migrate it; re-run"):
        migrate(old_db)
    with pytest.raises(StoreError, match="cannot migrate it; re-run"):
        Store(old_db, read_only=True)


def test_parquet_output_of_an_older_version_gets_the_new_columns(tmp_path: Path) -> None:
    """`load-parquet` of a folder written before schema 4 (no interval or mention columns)
    computes them, instead of leaving events that no date filter would ever find."""
    from eventwire.store.parquet import export_partitioned, load_partitioned

    source = tmp_path / "v3.duckdb"
    with gzip.open(V3) as packed, source.open("wb") as target:
        shutil.copyfileobj(packed, target)
    assert migrate(source).changed
    with Store(source) as store:
        store.con.execute(
            "ALTER TABLE events DROP COLUMN date_start; ALTER TABLE events DROP COLUMN date_end;"
            " ALTER TABLE events DROP COLUMN mention_of; ALTER TABLE events DROP COLUMN mentions"
        )
        export_partitioned(store, tmp_path / "out")  # what an older Spark run wrote
    with Store(tmp_path / "new.duckdb") as store:
        assert load_partitioned(store, tmp_path / "out") is not None
        events = store.query("SELECT date, date_start, mention_of, mentions FROM events")
    assert events and all(e["mention_of"] and e["mentions"] >= 1 for e in events)
    assert all((e["date"] is None) == (e["date_start"] is None) for e in events)


def test_migrate_fills_the_schema_5_columns(old_db: Path) -> None:
    """Schema 5: quotes.partial/kind and places.reason; from 3 through 4, and from 4 alone."""
    assert migrate(old_db).to_version == SCHEMA_VERSION == 5
    con = duckdb.connect(str(old_db))
    quotes = con.execute("SELECT DISTINCT partial, kind FROM quotes").fetchall()
    assert quotes == [(False, "quote")]
    assert con.execute("SELECT count(*) FROM places WHERE reason IS NOT NULL").fetchone() == (0,)
    # The same database as schema 4 wrote it: without the three columns.
    con.execute("ALTER TABLE quotes DROP COLUMN partial; ALTER TABLE quotes DROP COLUMN kind")
    con.execute("ALTER TABLE places DROP COLUMN reason; UPDATE schema_version SET version = 4")
    con.close()
    before = _snapshot(old_db)
    step = migrate(old_db)
    assert (step.from_version, step.to_version) == (4, 5)
    assert _snapshot(old_db, {t: names for t, (names, _) in before.items()}) == before
    with Store(old_db, read_only=True) as store:
        assert store.query("SELECT DISTINCT partial, kind FROM quotes") == [
            {"partial": False, "kind": "quote"}
        ]
