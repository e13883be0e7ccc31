"""Rendering rows as a text table, JSON lines or CSV (used by the CLI's read commands)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMATS = ("table", "jsonl", "csv")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")


def write_csv(rows: Sequence[dict[str, Any]], out: TextIO, fields: Sequence[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _plain(v) for k, v in row.items()})


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, int]]) -> str:
    """A fixed-width table; ``columns`` are (field, heading, max width)."""
    if not rows:
        return "(no rows)\n"
    cells = [[_cell(row.get(name), width) for name, _, width in columns] for row in rows]
    widths = [
        max(len(heading), *(len(line[i]) for line in cells))
        for i, (_, heading, _) in enumerate(columns)
    ]
    buffer = io.StringIO()
    header = "  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths, strict=True))
    buffer.write(header.rstrip() + "\n")
    buffer.write("  ".join("-" * w for w in widths) + "\n")
    for line in cells:
        buffer.write("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        buffer.write("\n")
    return buffer.getvalue()


def _cell(value: Any, width: int) -> str:
    if value is None:
        return "-"
    text = " ".join(str(_plain(value)).split())
    return text if len(text) <= width else text[: width - 1] + "…"
