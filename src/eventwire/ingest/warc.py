"""WARC and WARC.gz archives, streamed record by record with warcio (never read whole).

HTML responses become articles; every other record is skipped and counted. A damaged archive
(truncated gzip, not a WARC) ends that archive with one error; what was read before it stands.
"""

from __future__ import annotations

import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire.errors import IngestError
from eventwire.ingest.encoding import charset_from_header
from eventwire.ingest.files import format_bytes, read_failure
from eventwire.ingest.gzwatch import GzipWatch
from eventwire.ingest.html import page_too_big
from eventwire.ingest.items import Skipped
from eventwire.ingest.pages import RawPage
from eventwire.model import Article
from eventwire.settings import Settings

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# warcio raises AttributeError/KeyError/IndexError/TypeError on some malformed headers.
_DAMAGED = (
    ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError,
    AttributeError, KeyError, IndexError, TypeError,
)  # fmt: skip

WarcItem = Article | IngestError | Skipped
RawItem = RawPage | IngestError | Skipped


def read_warc(path: Path, *, settings: Settings) -> Iterator[WarcItem]:
    """One article, error or skip per record of ``path``. Never raises for a bad archive."""
    for item in warc_pages(path, settings=settings):
        yield item.extract(settings) if isinstance(item, RawPage) else item


def warc_pages(path: Path, *, settings: Settings) -> Iterator[RawItem]:
    """Like :func:`read_warc`, with HTML records left as raw pages (extracted by the caller)."""
    origin = str(path)
    try:
        with path.open("rb") as handle:
            yield from _stream_pages(handle, origin=origin, settings=settings)
    except OSError as exc:
        yield IngestError(origin, read_failure(exc))


def read_warc_stream(stream: IO[bytes], *, origin: str, settings: Settings) -> Iterator[WarcItem]:
    """Items of an open archive (gzip members are checked for truncation on the side)."""
    for item in _stream_pages(stream, origin=origin, settings=settings):
        yield item.extract(settings) if isinstance(item, RawPage) else item


def _stream_pages(stream: IO[bytes], *, origin: str, settings: Settings) -> Iterator[RawItem]:
    watch = GzipWatch(stream)
    finished = yield from _records(watch, origin, settings)
    if finished and not watch.complete:
        why = f"corrupt gzip ({watch.broken})" if watch.broken else "truncated gzip"
        yield IngestError(origin, f"{why}: the archive ends inside a compressed member")


def _records(stream: GzipWatch, origin: str, settings: Settings) -> Generator[RawItem, None, bool]:
    """The records' items; returns False when it stopped early (limit or damage)."""
    read = 0  # bytes of pages read (for an uncompressed archive)
    records = 0
    last: Any = None
    try:
        for record in ArchiveIterator(stream):
            if _cut_short(last):
                break
            if not str(record.format).startswith("warc"):
                raise ArchiveLoadFailed(f"not a WARC record ({record.format} format)")
            last = record
            records += 1
            item, used = _record_item(record, f"{origin}#{records}", settings)
            read += used
            yield item
            if max(read, stream.inflated) > settings.max_decompressed_bytes:
                yield IngestError(origin, _bomb_message(settings))
                return False
    except _DAMAGED as exc:
        yield IngestError(origin, f"damaged archive after {records} records: {_why(exc)}")
        return False
    if _cut_short(last):
        yield IngestError(origin, f"truncated archive: record {records} is cut short")
        return False
    if records == 0:
        yield IngestError(origin, "no WARC records found (empty or not a WARC file)")
    return True


def _cut_short(record: Any) -> bool:
    """True when the archive ended inside ``record`` (its block is shorter than declared)."""
    raw = getattr(record, "raw_stream", None)
    return raw is not None and getattr(raw, "limit", 0) > 0


def _record_item(record: Any, origin: str, settings: Settings) -> tuple[RawItem, int]:
    """The record as an item, and how many decompressed bytes were read for it."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{origin} {url}" if url else origin
    kind = record.rec_type
    content_type = _content_type(record)
    if kind != "response" or not content_type.startswith(_HTML_TYPES):
        return Skipped(where, "warc-record", f"{kind} record ({content_type or 'no type'})"), 0
    declared = record.length or 0
    if declared > settings.max_page_bytes:
        return page_too_big(where, declared, settings), 0
    data = record.content_stream().read(settings.max_page_bytes + 1)
    if len(data) > settings.max_page_bytes:
        return page_too_big(where, len(data), settings), len(data)
    page = RawPage(data, where, url, charset_from_header(content_type))
    return page, len(data)


def _content_type(record: Any) -> str:
    headers = record.http_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return str(value or "").strip().lower()


def _bomb_message(settings: Settings) -> str:
    limit = format_bytes(settings.max_decompressed_bytes)
    return f"archive decompresses to over {limit} (max_decompressed_bytes); rest skipped"


def _why(exc: BaseException) -> str:
    if isinstance(exc, EOFError | zlib.error):
        return f"truncated or corrupt gzip ({exc or type(exc).__name__})"
    return str(exc) or type(exc).__name__
