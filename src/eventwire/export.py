"""Exports of stored tables as JSON lines, CSV or Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.output import write_csv, write_jsonl
from eventwire.store.database import Store
from eventwire.store.queries import FIELDS, Filters, rows


def export_table(
    store: Store,
    table: str,
    fmt: str,
    output: Path | None,
    filters: Filters,
    stdout: TextIO,
) -> int:
    """Write ``table`` (filtered) to ``output`` or ``stdout``; returns the row count."""
    found = rows(store, table, filters)
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


def _write_text(found: list[dict[str, object]], fmt: str, table: str, out: TextIO) -> None:
    if fmt == "csv":
        write_csv(found, out, FIELDS[table])
    else:
        write_jsonl(found, out)


def _empty(table: str) -> pa.Table:
    return pa.table({name: pa.array([], pa.string()) for name in FIELDS[table]})
