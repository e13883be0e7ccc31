"""Exports of stored tables as JSON lines, CSV, Parquet, GDELT 2.0 TSV or POLECAT JSON lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.errors import StoreError
from eventwire.export_formats import GDELT_COLUMNS, gdelt_row, polecat_record
from eventwire.output import write_csv, write_jsonl
from eventwire.store.database import Store
from eventwire.store.queries import FIELDS, Filters, mentions_of, rows

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")
EVENT_ONLY_FORMATS = ("gdelt", "plover")


def export_table(
    store: Store,
    table: str,
    fmt: str,
    output: Path | None,
    filters: Filters,
    stdout: TextIO,
) -> int:
    """Write ``table`` (filtered) to ``output`` or ``stdout``; returns the row count."""
    if fmt in EVENT_ONLY_FORMATS and table != "events":
        raise StoreError(f"--format {fmt} exports events only, not {table}")
    if fmt in EVENT_ONLY_FORMATS and filters.all_mentions:
        raise StoreError(
            f"--format {fmt} writes one record per event with its mentions; "
            "leave out --all-mentions"
        )
    found = rows(store, table, filters, detail=fmt in EVENT_ONLY_FORMATS)
    if fmt in EVENT_ONLY_FORMATS:
        mentions = mentions_of(store, filters)
        found = [{**row, "mention_rows": mentions.get(row["event_id"], [])} for row in found]
    if fmt == "parquet":
        if output is None:
            raise ValueError("parquet export needs an output file")
        pq.write_table(pa.Table.from_pylist(found) if found else _empty(table), output)
        return len(found)
    if output is None:
        _write_text(found, fmt, table, stdout)
        return len(found)
    with output.open("w", encoding="utf-8", newline="") as handle:
        _write_text(found, fmt, table, handle)
    return len(found)


def _write_text(found: list[dict[str, Any]], fmt: str, table: str, out: TextIO) -> None:
    if fmt == "csv":
        write_csv(found, out, FIELDS[table])
    elif fmt == "gdelt":
        write_gdelt(found, out)
    elif fmt == "plover":
        write_jsonl((polecat_record(row) for row in found), out)
    else:
        write_jsonl(found, out)


def write_gdelt(events: list[dict[str, Any]], out: TextIO) -> None:
    """Tab-separated, one header line of GDELT 2.0 column names, then one line per event."""
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    for event in events:
        out.write("\t".join(gdelt_row(event)) + "\n")


def _empty(table: str) -> pa.Table:
    return pa.table({name: pa.array([], pa.string()) for name in FIELDS[table]})
