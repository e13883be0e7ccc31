"""JSON Lines files: one article per line, read and decoded one line at a time."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
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
    too_long_message,
    utf8_message,
)
from eventwire.model import Article
from eventwire.settings import Settings

_DATE_PREFIX = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SKIP_CHUNK = 1 << 16
_SHOWN_CHARS = 40


class _RecordError(ValueError):
    """One line cannot become an article; caught in this module, never raised past it."""


def read_jsonl(path: Path, *, settings: Settings) -> Iterator[Article | IngestError]:
    """One article, or one error, per non-blank line of ``path``. Never raises for bad input."""
    origin = str(path)
    try:
        with path.open("rb") as handle:
            yield from _read_handle(handle, origin, settings)
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
        return _article(record, origin=line_origin, settings=settings)
    except _RecordError as exc:
        return IngestError(line_origin, f"line {lineno}: {exc}")


def _load_record(raw: bytes | None, lineno: int, settings: Settings) -> dict[str, Any]:
    if raw is None:
        limit = format_bytes(settings.max_file_bytes)
        raise _RecordError(f"line is over the {limit} limit (max_file_bytes); split the file")
    body = _strip_bom(raw, lineno)
    try:
        line = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _RecordError(utf8_message(exc, offset=len(raw) - len(body))) from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _RecordError(f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # e.g. too deeply nested, huge integers
        raise _RecordError(f"not valid JSON: {exc}") from None
    if not isinstance(record, dict):
        raise _RecordError(
            f'expected a JSON object like {{"text": "..."}}, got {_json_kind(record)}'
        )
    return record


def _article(record: dict[str, Any], *, origin: str, settings: Settings) -> Article:
    return Article(
        text=_text_field(record, settings),
        external_id=_id_field(record),
        title=_string_field(record, "title"),
        date=_date_field(record),
        url=_string_field(record, "url"),
        source=_string_field(record, "source"),
        origin=origin,
    )


def _text_field(record: dict[str, Any], settings: Settings) -> str:
    text = record.get("text")
    if text is None:
        raise _RecordError("record has no 'text' field; every line needs the article text")
    if not isinstance(text, str):
        raise _RecordError(f"'text' must be a string, got {_shown(text)}")
    if not text.strip():
        raise _RecordError("record has no 'text' field (it is empty)")
    if len(text) > settings.max_article_chars:
        raise _RecordError(too_long_message(len(text), settings))
    return _check_encodable(text, "text")


def _id_field(record: dict[str, Any]) -> str | None:
    value = record.get("id")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if value is None or isinstance(value, str):
        return _check_encodable(value, "id") if value else None
    raise _RecordError(f"'id' must be a string or a number, got {_shown(value)}")


def _string_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return _check_encodable(value, name) if value else None
    raise _RecordError(f"'{name}' must be a string, got {_shown(value)}")


def _date_field(record: dict[str, Any]) -> dt.date | None:
    value = record.get("date")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _RecordError(f"'date' must be a string like 2019-01-26, got {_shown(value)}")
    parsed = parse_date(value)
    if parsed is None:
        raise _RecordError(
            f"'date' must be a date like 2019-01-26 (or an ISO datetime), got {_shown(value)}"
        )
    return parsed


def parse_date(value: str) -> dt.date | None:
    """``YYYY-MM-DD``, or the date part of an ISO datetime; ``None`` for anything else."""
    text = value.strip()
    if not _DATE_PREFIX.match(text):
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _shown(value: object) -> str:
    """A JSON value as the user wrote it, cut short; containers only by their kind."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    shown = json.dumps(value, ensure_ascii=False)
    if not shown.isascii() and _has_surrogate(shown):
        shown = json.dumps(value)
    return shown if len(shown) <= _SHOWN_CHARS else shown[: _SHOWN_CHARS - 3] + "..."


def _json_kind(value: object) -> str:
    kinds = {list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    return kinds.get(type(value), "a number")


def _has_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_encodable(value: str, name: str) -> str:
    """``value``, unless it holds a lone surrogate (``"\\ud800"``), which is not valid text."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _RecordError(
            f"'{name}' has an unpaired surrogate escape at character {exc.start}; "
            "fix the \\u escape in the JSON"
        ) from None
    return value
