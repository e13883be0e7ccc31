"""``eventwire spark`` and ``eventwire load-parquet``: the distributed runner and its loader."""

from __future__ import annotations

from pathlib import Path

import click

from eventwire.cli.app import config_option, db_option, fatal, main
from eventwire.errors import EventwireError
from eventwire.settings import load_settings


@main.command()
@click.option("--input", "inputs", multiple=True, required=True,
              help="A .txt/.jsonl file or directory, or a URI Spark reads as JSONL "
                   "(hdfs://…, s3a://…; globs allowed). Repeatable.")  # fmt: skip
@click.option("--output", required=True,
              help="Folder or URI for the Parquet tables (one sub-folder per table).")  # fmt: skip
@click.option("--master", default=None,
              help="Spark master URL (default: spark-submit's, else local[*]).")  # fmt: skip
@config_option
def spark(inputs: tuple[str, ...], output: str, master: str | None, config: Path | None) -> None:
    """Process articles on Apache Spark (same pipeline), writing Parquet by date."""
    from eventwire.spark import run_spark

    missing = [p for p in inputs if "://" not in p and not Path(p).exists()]
    if missing:
        raise click.BadParameter(f"{', '.join(missing)} does not exist", param_hint="--input")
    try:
        summary = run_spark(inputs, output, load_settings(config), master=master)
    except EventwireError as exc:
        fatal(exc)
    rows = ", ".join(f"{count} {table}" for table, count in summary.rows.items())
    click.echo(f"{summary.files} files → {output}: {rows}", err=True)


@main.command(name="load-parquet")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@config_option
def load_parquet_command(directory: Path, db: Path | None, config: Path | None) -> None:
    """Load the Parquet tables of an `eventwire spark` run into the database."""
    from eventwire.spark import load_parquet
    from eventwire.store.database import Store

    try:
        settings = load_settings(config, db_path=db)
        with Store(settings.db_path) as store:
            counts = load_parquet(store, directory)
    except EventwireError as exc:
        fatal(exc)
    rows = ", ".join(f"{count} {table}" for table, count in counts.items())
    click.echo(f"loaded {rows} → {settings.db_path}", err=True)
