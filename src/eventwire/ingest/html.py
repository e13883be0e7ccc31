"""HTML pages: trafilatura's main text and metadata, paragraphs separated by blank lines.

The text keeps the page's title as its first paragraph, so the pipeline's boilerplate trimmer
(:func:`eventwire.text.classify_paragraphs`) sees one paragraph per block, as in a .txt file.
htmldate returns ``YYYY-01-01`` from a copyright line when a page carries no date; a 1 January
date is kept only when the page's own markup (not the whole text) gives it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import htmldate
import trafilatura

from eventwire.errors import IngestError
from eventwire.ingest.encoding import decode_page
from eventwire.ingest.files import format_bytes, read_failure, too_long_message
from eventwire.ingest.gzfile import is_gzip_name, read_whole
from eventwire.ingest.records import parse_date
from eventwire.model import Article
from eventwire.settings import Settings

NO_TEXT = "no article text found in the HTML (no body, or nothing but navigation)"
SUSPECT_DATE = (
    "htmldate gave {date}, a 1 January date not in the page's metadata "
    "(usually a copyright year); publication date left unknown"
)


def read_html(path: Path, *, settings: Settings) -> Article | IngestError:
    """The article in an .html/.htm file, or why there is none. Never raises for a bad file."""
    data = read_page_bytes(path, settings)
    if isinstance(data, IngestError):
        return data
    return article_from_html(data, origin=str(path), settings=settings)


def read_page_bytes(path: Path, settings: Settings) -> bytes | IngestError:
    """A page file's bytes; its size is checked before anything is read (a gzip file's size
    as it decompresses)."""
    origin = str(path)
    if is_gzip_name(path):
        return read_whole(path, limit=settings.max_page_bytes, limit_name="max_page_bytes")
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > settings.max_page_bytes:
                return page_too_big(origin, size, settings)
            return handle.read(settings.max_page_bytes + 1)
    except OSError as exc:
        return IngestError(origin, read_failure(exc))


def page_too_big(origin: str, size: int, settings: Settings) -> IngestError:
    return IngestError(
        origin,
        f"page is {format_bytes(size)}, over the {format_bytes(settings.max_page_bytes)} "
        "limit (max_page_bytes); skipped",
    )


def article_from_html(
    data: bytes,
    *,
    origin: str,
    settings: Settings,
    url: str | None = None,
    charset: str | None = None,
) -> Article | IngestError:
    """Main text, title, date, author and URL of one page (``url`` when the page has none)."""
    if len(data) > settings.max_page_bytes:
        return page_too_big(origin, len(data), settings)
    decoded = decode_page(data, charset)
    if not decoded.text.strip():
        return IngestError(origin, "empty page")
    document = _extract(decoded.text, url)
    if document is None or not (document.text or "").strip():
        return IngestError(origin, NO_TEXT)
    text = paragraphs(document.title, document.text)
    if len(text) > settings.max_article_chars:
        return IngestError(origin, too_long_message(len(text), settings))
    date, date_note = _trusted_date(document.date, decoded.text)
    return Article(
        text=text,
        title=document.title or None,
        date=date,
        url=document.url or url,
        source=document.sitename or None,
        author=document.author or None,
        origin=origin,
        date_source="metadata" if date else None,
        warnings=tuple(note for note in (decoded.note, date_note) if note),
    )


def _extract(html: str, url: str | None) -> Any:
    """trafilatura's ``Document`` (or ``None``); its parser errors become ``None`` too."""
    try:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError, AttributeError, RecursionError):  # malformed markup
        return None


def paragraphs(title: str | None, body: str) -> str:
    """Title and body as blank-line-separated paragraphs (trafilatura gives one per line)."""
    blocks = [line.strip() for line in body.splitlines() if line.strip()]
    if title and (not blocks or blocks[0] != title.strip()):
        blocks.insert(0, title.strip())
    return "\n\n".join(blocks)


def _trusted_date(found: str | None, html: str) -> tuple[dt.date | None, str | None]:
    """The publication date, and a note when htmldate's 1 January was not trusted."""
    date = parse_date(found) if found else None
    if date is None or (date.month, date.day) != (1, 1):
        return date, None
    try:
        markup = htmldate.find_date(html, extensive_search=False)
    except (ValueError, TypeError):
        markup = None
    if markup is not None and parse_date(markup) == date:
        return date, None
    return None, SUSPECT_DATE.format(date=date.isoformat())
