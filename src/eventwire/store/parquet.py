"""Tables to and from Parquet folders partitioned by publication date (the Spark runner's format).

``DIR/<table>/partition_date=YYYY-MM-DD/*.parquet`` (``unknown`` when the article has no date).
"""

from __future__ import annotations

from pathlib import Path

from eventwire.store.database import Store
from eventwire.store.migrate import fill_event_columns
from eventwire.store.schema import CHILD_TABLES

#: Tables a distributed run writes, in the order they are loaded back.
PARQUET_TABLES = (
    "articles", *CHILD_TABLES, "errors", "copies", "skipped", "bylines", "fingerprints", "bands",
)  # fmt: skip
#: The column naming each table's article (its partition follows that article's date).
_ARTICLE_COLUMN = {"articles": "id", "skipped": None}


def export_partitioned(store: Store, directory: Path) -> dict[str, int]:
    """Write every table with rows under ``directory/<table>/partition_date=…/``, each in one
    pass (``COPY`` says how many rows it wrote; a table without rows leaves no folder)."""
    counts: dict[str, int] = {}
    directory.mkdir(parents=True, exist_ok=True)
    for table in PARQUET_TABLES:
        key = _ARTICLE_COLUMN.get(table, "article_key")
        date = "'unknown'" if key is None else "coalesce(strftime(a.date, '%Y-%m-%d'), 'unknown')"
        join = "" if key is None else f" LEFT JOIN articles a ON a.id = t.{key}"
        target = directory / table
        quoted = str(target).replace("'", "''")
        found = store.con.execute(
            f"COPY (SELECT t.*, {date} AS partition_date FROM {table} t{join}) TO '{quoted}' "
            "(FORMAT PARQUET, PARTITION_BY (partition_date), OVERWRITE_OR_IGNORE)"
        ).fetchone()
        counts[table] = int(found[0]) if found else 0
        if not counts[table] and target.is_dir() and not any(target.iterdir()):
            target.rmdir()
    return counts


#: DuckDB column types and the Spark SQL types their Parquet columns are read as.
_SPARK_TYPES = {
    "VARCHAR": "string", "INTEGER": "int", "BIGINT": "bigint", "DOUBLE": "double",
    "BOOLEAN": "boolean", "DATE": "date", "TIMESTAMP": "timestamp_ntz", "BLOB": "binary",
}  # fmt: skip


def spark_schema(store: Store, table: str) -> str:
    """The Spark schema (a DDL string) of a table as :func:`export_partitioned` writes it, so
    that Spark reads it without a pass to infer one."""
    columns = store.con.execute(f"DESCRIBE {table}").fetchall()
    fields = [f"`{name}` {_SPARK_TYPES[str(kind)]}" for name, kind, *_ in columns]
    return ", ".join([*fields, "`partition_date` string"])


def load_partitioned(store: Store, directory: Path) -> dict[str, int] | None:
    """Bring the tables under ``directory`` into the database, in one transaction (``None`` when
    there is no ``articles`` table). Articles already stored are replaced with everything derived
    from them, so loading the same output twice changes nothing."""
    present = {t: directory / t for t in PARQUET_TABLES if (directory / t).is_dir()}
    if "articles" not in present:
        return None
    counts: dict[str, int] = {}
    store.con.execute("BEGIN TRANSACTION")
    try:
        incoming = f"SELECT id FROM {_parquet(present['articles'])}"
        for table in ("articles", *CHILD_TABLES, "errors"):
            column = "id" if table == "articles" else "article_key"
            store.con.execute(f"DELETE FROM {table} WHERE {column} IN ({incoming})")
        for table, path in present.items():
            counts[table] = _insert_parquet(store, table, path)
        # Output of an eventwire before schema 4 has no date intervals or mentions: compute them.
        fill_event_columns(store.con, only_missing=True)
        store.con.execute("COMMIT")
    except BaseException:
        store.con.execute("ROLLBACK")
        raise
    return counts


def _parquet(path: Path) -> str:
    pattern = str(path / "**" / "*.parquet").replace("'", "''")
    return f"read_parquet('{pattern}', hive_partitioning = true)"


def _insert_parquet(store: Store, table: str, path: Path) -> int:
    source = _parquet(path)
    available = {row[0] for row in store.con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    wanted = [row[0] for row in store.con.execute(f"DESCRIBE {table}").fetchall()]
    columns = [c for c in wanted if c in available]
    names = ", ".join(f'"{c}"' for c in columns)
    store.con.execute(f"INSERT OR REPLACE INTO {table} ({names}) SELECT {names} FROM {source}")
    found = store.con.execute(f"SELECT count(*) FROM {source}").fetchone()
    return int(found[0]) if found else 0
