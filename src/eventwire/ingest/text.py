"""Plain-text files: one article per file, the first non-empty line is its title."""

from __future__ import annotations

import os
from pathlib import Path

from eventwire.errors import IngestError
from eventwire.ingest.files import (
    BINARY_MESSAGE,
    EMPTY_MESSAGE,
    HEAD_BYTES,
    is_binary,
    read_failure,
    size_error,
    split_bom,
    too_long_message,
    utf8_message,
)
from eventwire.ingest.gzfile import is_gzip_name, read_whole
from eventwire.model import Article
from eventwire.settings import Settings


def read_text(path: Path, *, settings: Settings) -> Article | IngestError:
    """The article in ``path``, or why it cannot be read. Never raises for a bad file."""
    origin = str(path)
    if is_gzip_name(path):
        whole = read_whole(path, limit=settings.max_file_bytes, limit_name="max_file_bytes")
        if isinstance(whole, IngestError):
            return whole
        return article_from_bytes(whole, origin=origin, settings=settings)
    try:
        data = _read_bytes(path, origin, settings)
    except OSError as exc:
        return IngestError(origin, read_failure(exc))
    if isinstance(data, IngestError):
        return data
    return article_from_bytes(data, origin=origin, settings=settings)


def _read_bytes(path: Path, origin: str, settings: Settings) -> bytes | IngestError:
    """The file's bytes; the size is checked with ``fstat`` before anything is read."""
    with path.open("rb") as handle:
        error = size_error(origin, os.fstat(handle.fileno()).st_size, settings)
        if error is not None:
            return error
        data = handle.read(settings.max_file_bytes + 1)  # bounded, in case the file grew
    grown = size_error(origin, len(data), settings)
    return data if grown is None else grown


def article_from_bytes(data: bytes, *, origin: str, settings: Settings) -> Article | IngestError:
    """Decode a whole .txt file's bytes into an article, keeping every newline as it is."""
    if is_binary(data[:HEAD_BYTES]):
        return IngestError(origin, BINARY_MESSAGE)
    body, skipped = split_bom(data)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return IngestError(origin, utf8_message(exc, offset=skipped))
    if not text.strip():
        return IngestError(origin, EMPTY_MESSAGE)
    if len(text) > settings.max_article_chars:
        return IngestError(origin, too_long_message(len(text), settings))
    return Article(text=text, title=first_line(text), origin=origin)


def first_line(text: str) -> str | None:
    """The first line with anything but whitespace on it, stripped."""
    return next((line.strip() for line in text.splitlines() if line.strip()), None)
