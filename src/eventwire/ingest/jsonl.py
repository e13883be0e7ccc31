"""JSON Lines files: one article per line, read and decoded one line at a time."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from eventwire.errors import IngestError
from eventwire.ingest.files import (
    BINARY_MESSAGE,
    BOM,
    EMPTY_MESSAGE,
    HEAD_BYTES,
    format_bytes,
    is_binary,
    read_failure,
    size_error,
    utf8_message,
)
from eventwire.ingest.gzfile import GzipProblem, is_gzip_name, open_gzip
from eventwire.ingest.records import RecordError, record_article
from eventwire.model import Article
from eventwire.settings import Settings

_SKIP_CHUNK = 1 << 16


def read_jsonl(path: Path, *, settings: Settings) -> Iterator[Article | IngestError]:
    """One article, or one error, per non-blank line of ``path``. Never raises for bad input."""
    origin = str(path)
    try:
        with path.open("rb") as handle:
            if is_gzip_name(path):
                stream = open_gzip(
                    handle,
                    limit=settings.max_decompressed_bytes,
                    limit_name="max_decompressed_bytes",
                )
                yield from _read_handle(stream, origin, settings)
            else:
                yield from _read_handle(handle, origin, settings)
    except GzipProblem as exc:
        yield IngestError(origin, exc.reason)
    except OSError as exc:
        yield IngestError(origin, read_failure(exc))


def _read_handle(
    handle: IO[bytes], origin: str, settings: Settings
) -> Iterator[Article | IngestError]:
    too_big = size_error(origin, os.fstat(handle.fileno()).st_size, settings)
    if too_big is not None:
        yield too_big
        return
    if is_binary(handle.read(HEAD_BYTES)):
        yield IngestError(origin, BINARY_MESSAGE)
        return
    handle.seek(0)
    records = 0
    for lineno, raw in bounded_lines(handle, settings.max_file_bytes):
        if raw is not None and not _strip_bom(raw, lineno).strip():
            continue  # blank lines are skipped silently
        records += 1
        yield parse_line(raw, lineno=lineno, origin=origin, settings=settings)
    if records == 0:
        yield IngestError(origin, EMPTY_MESSAGE)


def bounded_lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line without its newline)``; ``None`` for a line over ``limit`` bytes.

    A line is never read into memory beyond ``limit + 2`` bytes: the rest of a long line is
    skipped in small chunks.
    """
    lineno = 0
    while raw := handle.readline(limit + 2):
        lineno += 1
        ended = raw.endswith(b"\n")
        line = raw.removesuffix(b"\n").removesuffix(b"\r")
        if len(line) > limit:
            if not ended:
                _skip_rest_of_line(handle)
            yield lineno, None
        else:
            yield lineno, line


def _skip_rest_of_line(handle: IO[bytes]) -> None:
    while chunk := handle.readline(_SKIP_CHUNK):
        if chunk.endswith(b"\n"):
            return


def _strip_bom(raw: bytes, lineno: int) -> bytes:
    return raw.removeprefix(BOM) if lineno == 1 else raw


def parse_line(
    raw: bytes | None, *, lineno: int, origin: str, settings: Settings
) -> Article | IngestError:
    """The article on one line (``None``: the line was too long), or why it cannot be read."""
    line_origin = f"{origin}:{lineno}"
    try:
        record = _load_record(raw, lineno, settings)
        return record_article(record, origin=line_origin, settings=settings)
    except RecordError as exc:
        return IngestError(line_origin, f"line {lineno}: {exc}")


def _load_record(raw: bytes | None, lineno: int, settings: Settings) -> dict[str, Any]:
    if raw is None:
        limit = format_bytes(settings.max_file_bytes)
        raise RecordError(f"line is over the {limit} limit (max_file_bytes); split the file")
    body = _strip_bom(raw, lineno)
    try:
        line = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(utf8_message(exc, offset=len(raw) - len(body))) from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # e.g. too deeply nested, huge integers
        raise RecordError(f"not valid JSON: {exc}") from None
    if not isinstance(record, dict):
        raise RecordError(
            f'expected a JSON object like {{"text": "..."}}, got {_json_kind(record)}'
        )
    return record


def _json_kind(value: object) -> str:
    kinds = {list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    return kinds.get(type(value), "a number")
