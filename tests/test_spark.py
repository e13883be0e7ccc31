"""Spark in local mode gives the rows of a single-machine run (needs pyspark and Java)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.store.database import Store

pytestmark = pytest.mark.spark
pytest.importorskip("pyspark")

ARTICLES = [
    (
        "s1",
        "2024-03-01",
        "France criticised Italy on Monday. “We are worried,” French Foreign Minister Anne Roy said.",
    ),
    ("s2", "2024-03-02", "Kenyan police arrested protesters in Nairobi on Saturday."),
    ("s3", None, "Japan praised South Korea and China for their help."),
    ("s4", "2024-03-02", "Russia has accused Washington of backing a coup."),
]


def _inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"id": i, "date": d, "text": t}) for i, d, t in ARTICLES]
    lines.insert(2, "{broken json")
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "story.txt").write_text(
        "Talks end\n\nEgypt condemned Israel on Friday.\n", encoding="utf-8"
    )
    return folder


def _tables(db: Path) -> dict[str, list[dict[str, object]]]:
    with Store(db, read_only=True) as store:
        return {
            table: store.query(f"SELECT * FROM {table} ORDER BY ALL")
            for table in ("articles", "events", "quotes", "actors", "errors")
        }


def test_spark_output_equals_single_machine_output(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    runner = CliRunner()
    local_db, spark_db, out = tmp_path / "local.duckdb", tmp_path / "spark.duckdb", tmp_path / "pq"
    assert runner.invoke(main, ["run", str(folder), "--db", str(local_db)]).exit_code == 1
    result = runner.invoke(main, ["spark", "--input", str(folder), "--output", str(out),
                                  "--master", "local[2]"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (out / "events").is_dir() and any((out / "events").glob("partition_date=2024-03-0*"))
    loaded = runner.invoke(main, ["load-parquet", str(out), "--db", str(spark_db)])
    assert loaded.exit_code == 0, loaded.stderr
    local, distributed = _tables(local_db), _tables(spark_db)
    assert local["events"] and local["errors"]
    assert distributed == local
    # Loading the same output again changes nothing.
    assert runner.invoke(main, ["load-parquet", str(out), "--db", str(spark_db)]).exit_code == 0
    assert _tables(spark_db) == local


def test_load_parquet_needs_a_spark_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["load-parquet", str(tmp_path), "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 3 and "no articles/ table" in result.stderr


def test_spark_reads_uris_and_globs_itself(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    out = tmp_path / "pq"
    uri = f"file://{folder}/*.jsonl"
    result = CliRunner().invoke(main, ["spark", "--input", uri, "--output", str(out),
                                       "--master", "local[1]"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "4 articles" in result.stderr and "1 errors" in result.stderr


def test_missing_local_input_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["spark", "--input", str(tmp_path / "nope"), "--output", "x"])
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_spark_reads_parquet(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": i, "date": d, "text": t} for i, d, t in ARTICLES]
    source = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist(rows), source)
    out = tmp_path / "pq"
    result = CliRunner().invoke(main, ["spark", "--input", str(source), "--output", str(out),
                                       "--master", "local[1]"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "4 articles" in result.stderr and "0 errors" in result.stderr


def test_spark_writes_a_uri_output_with_the_schema_of_the_tables(tmp_path: Path) -> None:
    """An output URI goes through Spark, read with the explicit schema (no inference pass):
    loaded back, the rows are those of a single-machine run."""
    folder = _inputs(tmp_path)
    runner = CliRunner()
    local_db, spark_db, out = tmp_path / "local.duckdb", tmp_path / "spark.duckdb", tmp_path / "pq"
    assert runner.invoke(main, ["run", str(folder), "--db", str(local_db)]).exit_code == 1
    result = runner.invoke(main, ["spark", "--input", str(folder), "--output", f"file://{out}",
                                  "--master", "local[1]"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    loaded = runner.invoke(main, ["load-parquet", str(out), "--db", str(spark_db)])
    assert loaded.exit_code == 0, loaded.stderr
    assert _tables(spark_db) == _tables(local_db)


def test_every_column_type_has_a_spark_type(tmp_path: Path) -> None:
    from eventwire.store.parquet import PARQUET_TABLES, spark_schema

    with Store(tmp_path / "x.duckdb") as store:
        for table in PARQUET_TABLES:
            assert spark_schema(store, table).endswith("`partition_date` string")
