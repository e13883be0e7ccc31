"""The same pipeline on Apache Spark: ``mapPartitions`` over articles, Parquet out.

Each Python worker builds the pipeline once (the model is loaded once per worker process) and
runs exactly the code of a local run, so the rows are the rows ``eventwire run`` would store.
Tables are written as Parquet under ``OUTPUT/<table>/``, partitioned by the article's
publication date (``partition_date``, ``unknown`` when there is none).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError, IngestError
from eventwire.ingest.files import input_files
from eventwire.ingest.jsonl import parse_line
from eventwire.ingest.text import read_text
from eventwire.model import Article
from eventwire.parallel import worker_pipeline
from eventwire.settings import Settings
from eventwire.store.database import Store, batch_rows
from eventwire.store.schema import CHILD_TABLES

#: Tables written by a Spark run, in the order they are loaded back.
SPARK_TABLES = ("articles", *CHILD_TABLES, "errors")

# An input record as it travels to the executors: (kind, origin file, line number, payload).
Record = tuple[str, str, int, str]


class SparkError(EventwireError):
    """Spark is not installed, or the Spark job failed."""


@dataclass(frozen=True, slots=True)
class SparkSummary:
    files: int
    rows: dict[str, int]


def run_spark(
    inputs: Iterable[Path | str],
    output: Path | str,
    settings: Settings,
    *,
    master: str | None = None,
) -> SparkSummary:
    """Process ``inputs`` on Spark; write Parquet to ``output``.

    Local paths: .txt and .jsonl files and directories of them. URIs (``hdfs://``, ``s3a://``,
    globs allowed) are read by Spark itself as JSONL; paths ending in ``.parquet`` (files or
    folders, local or URIs) as Parquet with columns text, id, title, date, url, source.
    """
    session = _session(master)
    try:
        context = session.sparkContext
        parquet = [str(p) for p in inputs if str(p).rstrip("/").endswith(".parquet")]
        remote = [str(p) for p in inputs if "://" in str(p) and str(p) not in parquet]
        local = [Path(p) for p in inputs if "://" not in str(p) and str(p) not in parquet]
        files = [p for p in input_files(local) if not isinstance(p, IngestError)]
        if not files and not remote and not parquet:
            raise SparkError("no .txt, .jsonl or .parquet input found")
        sources = [_records(context, path) for path in files]
        sources += [_lines(context, uri) for uri in remote]
        sources += [_parquet_records(session, path) for path in parquet]
        records = context.union(sources)
        rows = records.mapPartitions(lambda part: process_partition(part, settings)).cache()
        counts = {table: _write_table(session, rows, table, str(output)) for table in SPARK_TABLES}
        rows.unpersist()
        return SparkSummary(len(files), counts)
    finally:
        session.stop()


def _session(master: str | None) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkError(
            "pyspark is not installed; run `make spark` (pip install -r requirements-spark.txt)"
        ) from exc
    # Unless told otherwise, Python workers run this interpreter (and so find this eventwire).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf

    builder = SparkSession.builder.appName("eventwire").config("spark.ui.enabled", "false")
    if master is not None:
        builder = builder.master(master)
    elif not SparkConf().contains("spark.master"):  # not under spark-submit: use this machine
        builder = builder.master("local[*]")
    return builder.getOrCreate()


def _records(context: Any, path: Path) -> Any:
    if path.suffix.lower() == ".jsonl":
        return _lines(context, str(path))
    return context.parallelize([("txt", str(path), 0, "")], 1)


def _parquet_records(session: Any, origin: str) -> Any:
    """Rows of a Parquet file or folder (columns text, id, title, date, url, source) as JSONL."""
    frame = session.read.parquet(origin)
    wanted = [c for c in ("text", "id", "title", "date", "url", "source") if c in frame.columns]
    if "text" not in wanted:
        raise SparkError(f"{origin}: a Parquet input needs a 'text' column")
    frame = frame.select(*[frame[c].cast("string").alias(c) for c in wanted])
    lines = frame.rdd.map(lambda row: json.dumps(row.asDict()))
    return lines.zipWithIndex().map(lambda p: ("jsonl", origin, p[1] + 1, p[0]))


def _lines(context: Any, origin: str) -> Any:
    """JSONL lines of a file, or of a URI/glob Spark reads (``hdfs://…/*.jsonl``)."""
    lines = context.textFile(origin).zipWithIndex()
    return lines.map(lambda pair: ("jsonl", origin, pair[1] + 1, pair[0]))


def process_partition(records: Iterable[Record], settings: Settings) -> Iterator[tuple[str, str]]:
    """Run one partition through the pipeline; yields ``(table, row as JSON)``."""
    pipeline = worker_pipeline(settings)
    batch: list[Article] = []
    failed: list[tuple[str, str]] = []
    for item in _items(records, settings):
        if isinstance(item, IngestError):
            failed.append((item.origin, item.reason))
        else:
            batch.append(item)
        if len(batch) >= settings.batch_size:
            yield from _table_rows(pipeline.process_batch(batch), failed)
            batch, failed = [], []
    yield from _table_rows(pipeline.process_batch(batch), failed)


def _items(records: Iterable[Record], settings: Settings) -> Iterator[Article | IngestError]:
    for kind, origin, lineno, payload in records:
        if kind == "txt":
            yield read_text(Path(origin), settings=settings)
        elif payload.strip():
            raw = payload.encode("utf-8")
            yield parse_line(raw, lineno=lineno, origin=origin, settings=settings)


def _table_rows(
    articles: list[Article], failed: list[tuple[str, str]]
) -> Iterator[tuple[str, str]]:
    dates = {a.id: a.date.isoformat() if a.date else "unknown" for a in articles}
    for table, rows in batch_rows(articles, failed).items():
        for row in rows:
            partition = dates.get(row.get("id") or row.get("article_key") or "", "unknown")
            yield table, json.dumps({**row, "partition_date": partition}, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def _write_table(session: Any, rows: Any, table: str, output: str) -> int:
    lines = rows.filter(lambda pair: pair[0] == table).map(lambda pair: pair[1])
    count = int(lines.count())
    if count:
        frame = session.read.json(lines)
        target = f"{output.rstrip('/')}/{table}"
        frame.write.mode("overwrite").partitionBy("partition_date").parquet(target)
    return count


def load_parquet(store: Store, directory: Path) -> dict[str, int]:
    """Bring a Spark run's Parquet tables into the database, in one transaction.

    Articles already stored are replaced with everything derived from them, so loading the
    same output twice changes nothing.
    """
    present = {t: directory / t for t in SPARK_TABLES if (directory / t).is_dir()}
    if "articles" not in present:
        raise SparkError(f"{directory} holds no articles/ table written by `eventwire spark`")
    counts: dict[str, int] = {}
    store.con.execute("BEGIN TRANSACTION")
    try:
        incoming = f"SELECT id FROM {_parquet(present['articles'])}"
        for table in ("articles", *CHILD_TABLES, "errors"):
            column = "id" if table == "articles" else "article_key"
            store.con.execute(f"DELETE FROM {table} WHERE {column} IN ({incoming})")
        for table, path in present.items():
            counts[table] = _insert_parquet(store, table, path)
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
