"""The same run on Apache Spark: the pipeline in ``mapPartitions``, everything else as locally.

:func:`run_spark` is :func:`~eventwire.runner.process_items` with a :class:`SparkPipeline`: the
driver reads the inputs with the same readers as ``eventwire run`` (every format; URIs and
Parquet that only Spark can read are read by Spark and parsed as JSONL records), screens them
(language gate, duplicates) and stores the results; the executors run the pipeline, one model
per Python worker. So the rows are the rows ``eventwire run`` would store. The tables are then
written as Parquet under ``OUTPUT/<table>/``, partitioned by the article's publication date
(``partition_date``, ``unknown`` when there is none).

Trade-off (see docs/DESIGN_NOTES.md): screening and storing run on the driver (about 1,300
articles/s for the screen), the NLP (about 70 articles/s per core) on the cluster.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError
from eventwire.ingest import Inputs, Item, read_inputs
from eventwire.ingest.jsonl import parse_line
from eventwire.model import Article
from eventwire.parallel import worker_pipeline
from eventwire.runner import count_files, process_items
from eventwire.settings import Settings
from eventwire.store.database import Store
from eventwire.store.parquet import (
    PARQUET_TABLES,
    export_partitioned,
    load_partitioned,
    spark_schema,
)

#: Tables written by a Spark run, in the order they are loaded back.
SPARK_TABLES = PARQUET_TABLES


class SparkError(EventwireError):
    """Spark is not installed, the inputs hold nothing to read, or the Spark job failed."""


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
    """Process ``inputs`` with the pipeline on Spark; write Parquet to ``output``.

    Local paths: every format ``eventwire run`` reads. URIs (``hdfs://``, ``s3a://``, globs
    allowed) are read by Spark as JSONL; paths ending in ``.parquet`` (files or folders, local or
    URIs) as Parquet with columns text, id, title, date, url, source.
    """
    names = [str(p) for p in inputs]
    parquet = [p for p in names if p.rstrip("/").endswith(".parquet")]
    remote = [p for p in names if "://" in p and p not in parquet]
    local = [p for p in names if p not in parquet and p not in remote]
    if not remote and not parquet and not count_files(Path(p) for p in local):
        raise SparkError("no input found: give files, folders, URIs or .parquet paths")
    session = _session(master)
    files: list[str] = []
    try:
        items = _items(session, local, remote, parquet, settings, files)
        with (
            tempfile.TemporaryDirectory(prefix="eventwire-spark-") as tmp,
            Store(Path(tmp) / "run.duckdb") as store,
        ):
            process_items(
                items, pipeline=SparkPipeline(session.sparkContext, settings), store=store
            )
            rows = _write(session, store, str(output), Path(tmp))
        return SparkSummary(len(files), rows)
    finally:
        session.stop()


class SparkPipeline:
    """``map_batches`` on the cluster: batches go out ``in_flight`` at a time, results come back
    in order (the contract of :class:`~eventwire.pipeline.Pipeline.map_batches`)."""

    def __init__(self, context: Any, settings: Settings) -> None:
        self.context = context
        self.settings = settings
        self.in_flight = max(2, 2 * int(context.defaultParallelism))

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
        iterator = iter(batches)
        settings = self.settings
        while chunk := list(islice(iterator, self.in_flight)):
            rdd = self.context.parallelize(chunk, len(chunk))
            yield from rdd.map(lambda batch: process_batch(batch, settings)).collect()


def process_batch(batch: list[Article], settings: Settings) -> list[Article]:
    """What an executor runs: this worker's pipeline (built once) on one batch."""
    return worker_pipeline(settings).process_batch(batch)


def _items(
    session: Any,
    local: list[str],
    remote: list[str],
    parquet: list[str],
    settings: Settings,
    files: list[str],
) -> Iterator[Item]:
    yield from read_inputs(
        Inputs(paths=local), settings=settings, on_file=lambda path: files.append(str(path))
    )
    for origin in remote:
        yield from _parsed(
            origin, session.sparkContext.textFile(origin).toLocalIterator(), settings
        )
    for origin in parquet:
        yield from _parsed(origin, _parquet_lines(session, origin), settings)


def _parsed(origin: str, lines: Iterable[str], settings: Settings) -> Iterator[Item]:
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield parse_line(line.encode("utf-8"), lineno=number, origin=origin, settings=settings)


def _parquet_lines(session: Any, origin: str) -> Iterator[str]:
    """Rows of a Parquet file or folder (columns text, id, title, date, url, source) as JSON."""
    frame = session.read.parquet(origin)
    wanted = [c for c in ("text", "id", "title", "date", "url", "source") if c in frame.columns]
    if "text" not in wanted:
        raise SparkError(f"{origin}: a Parquet input needs a 'text' column")
    frame = frame.select(*[frame[c].cast("string").alias(c) for c in wanted])
    return iter(frame.rdd.map(lambda row: json.dumps(row.asDict())).toLocalIterator())


def _write(session: Any, store: Store, output: str, tmp: Path) -> dict[str, int]:
    """Parquet tables under ``output``: written by DuckDB, through Spark for a URI."""
    if "://" not in output:
        return export_partitioned(store, Path(output))
    staged = tmp / "parquet"
    counts = export_partitioned(store, staged)
    for table, count in counts.items():
        if count:  # read with the schema it was written with: no pass to infer it
            frame = session.read.schema(spark_schema(store, table)).parquet(
                f"file://{staged / table}"
            )
            target = f"{output.rstrip('/')}/{table}"
            frame.write.mode("overwrite").partitionBy("partition_date").parquet(target)
    shutil.rmtree(staged, ignore_errors=True)
    return counts


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


def load_parquet(store: Store, directory: Path) -> dict[str, int]:
    """Bring a Spark run's Parquet tables into the database (idempotent; see
    :func:`eventwire.store.parquet.load_partitioned`)."""
    counts = load_partitioned(store, directory)
    if counts is None:
        raise SparkError(f"{directory} holds no articles/ table written by `eventwire spark`")
    return counts
