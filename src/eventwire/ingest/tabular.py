"""CSV and Parquet files: one article per row, fields named by the settings' mapping.

CSV is read row by row; Parquet one row group at a time (in record batches), so neither file is
ever held in memory whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.errors import IngestError
from eventwire.ingest.files import read_failure
from eventwire.ingest.gzfile import GzipProblem, is_gzip_name, open_gzip
from eventwire.ingest.records import RecordError, record_article
from eventwire.model import Article
from eventwire.settings import Settings

_BATCH_ROWS = 1024

TableItem = Article | IngestError


def read_csv(path: Path, *, settings: Settings) -> Iterator[TableItem]:
    """One article (or error) per data row of a CSV file with a header row."""
    origin = str(path)
    try:
        with path.open("rb") as raw:
            binary: IO[bytes] = raw
            if is_gzip_name(path):
                binary = open_gzip(
                    raw, limit=settings.max_decompressed_bytes, limit_name="max_decompressed_bytes"
                )
            text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
            yield from _csv_rows(text, origin, settings)
    except GzipProblem as exc:
        yield IngestError(origin, exc.reason)
    except OSError as exc:
        yield IngestError(origin, read_failure(exc))


def _csv_rows(handle: io.TextIOWrapper, origin: str, settings: Settings) -> Iterator[TableItem]:
    row = 1
    try:
        reader = csv.DictReader(handle, strict=True)
        missing = _missing_text_column(reader, settings)
        if missing is not None:
            yield IngestError(origin, missing)
            return
        for row, record in enumerate(_bounded(reader, settings), start=2):
            yield _row_article(record, f"{origin}:{row}", settings)
    except UnicodeDecodeError as exc:
        yield IngestError(origin, f"not valid UTF-8 near row {row + 1}: {exc.reason}")
    except csv.Error as exc:
        yield IngestError(origin, f"not valid CSV at row {row + 1}: {exc}; the rest is skipped")
    else:
        if row == 1:
            yield IngestError(origin, "no data rows (a CSV file needs a header row and rows)")


def _missing_text_column(reader: csv.DictReader[str], settings: Settings) -> str | None:
    """Why no row can have a text (the header lacks the text column), or ``None``."""
    columns = reader.fieldnames
    if not columns or settings.text_field in columns:
        return None  # no header at all is reported as "no data rows"
    found = ", ".join(columns[:20]) + (", ..." if len(columns) > 20 else "")
    return (
        f"no '{settings.text_field}' column for the article text; the header has: {found}; "
        "name the text column with --text-field (or text_field in the settings)"
    )


def _bounded(reader: csv.DictReader[str], settings: Settings) -> Iterator[dict[str, Any]]:
    """Rows, with a field-size limit so one runaway quoted field cannot fill memory."""
    previous = csv.field_size_limit(settings.max_article_chars + 1)
    try:
        yield from reader
    finally:
        csv.field_size_limit(previous)


def read_parquet(path: Path, *, settings: Settings) -> Iterator[TableItem]:
    """One article (or error) per row of a Parquet file, streamed by row group."""
    origin = str(path)
    try:
        parquet = pq.ParquetFile(path)
        columns = _columns(parquet.schema_arrow, settings)
        row = 0
        for group in range(parquet.num_row_groups):
            for batch in parquet.iter_batches(_BATCH_ROWS, row_groups=[group], columns=columns):
                for record in batch.to_pylist():
                    row += 1
                    yield _row_article(record, f"{origin}:{row}", settings)
    except OSError as exc:
        yield IngestError(origin, read_failure(exc))
    except (pa.ArrowException, ValueError) as exc:
        yield IngestError(origin, f"not a readable Parquet file: {exc}")


def _columns(schema: Any, settings: Settings) -> list[str]:
    wanted = (settings.text_field, settings.date_field, settings.id_field, settings.url_field,
              settings.title_field, "source")  # fmt: skip
    present = set(schema.names)
    if settings.text_field not in present:
        raise ValueError(f"no '{settings.text_field}' column (set --text-field)")
    return list(dict.fromkeys(name for name in wanted if name in present))


def _row_article(record: dict[str, Any], origin: str, settings: Settings) -> TableItem:
    try:
        return record_article(record, origin=origin, settings=settings)
    except RecordError as exc:
        return IngestError(origin, str(exc))
