"""Feeds (RSS/Atom, via feedparser) and URL lists: each linked page is fetched and extracted.

A feed entry's title and date fill in what the page itself does not give.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import feedparser

from eventwire.errors import IngestError
from eventwire.ingest.encoding import charset_from_header
from eventwire.ingest.fetch import Fetcher
from eventwire.ingest.files import read_failure
from eventwire.ingest.html import article_from_html
from eventwire.model import Article

_MAX_LIST_BYTES = 10_000_000

FeedItem = Article | IngestError


def read_url(url: str, fetcher: Fetcher) -> FeedItem:
    """The article at ``url`` (fetched politely), or why there is none."""
    page = fetcher.fetch(url)
    if isinstance(page, IngestError):
        return page
    charset = charset_from_header(page.content_type)
    return article_from_html(
        page.body, origin=url, settings=fetcher.settings, url=page.url, charset=charset
    )


def read_url_list(path: Path, fetcher: Fetcher) -> Iterator[FeedItem]:
    """Every URL in a ``.urls`` file (one a line; blank lines and ``#`` comments skipped)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_LIST_BYTES)
    except OSError as exc:
        yield IngestError(str(path), read_failure(exc))
        return
    for line in data.decode("utf-8", errors="replace").splitlines():
        url = line.strip()
        if url and not url.startswith("#"):
            yield read_url(url, fetcher)


def read_feed(source: str, fetcher: Fetcher) -> Iterator[FeedItem]:
    """The articles linked from a feed given as a URL or a local file path."""
    body = _feed_bytes(source, fetcher)
    if isinstance(body, IngestError):
        yield body
        return
    parsed: Any = feedparser.parse(body)
    entries = list(parsed.entries)
    if not entries:
        why = parsed.get("bozo_exception") or "no entries"
        yield IngestError(source, f"not a readable RSS/Atom feed: {why}")
        return
    for entry in entries:
        yield _entry_article(entry, source, fetcher)


def _feed_bytes(source: str, fetcher: Fetcher) -> bytes | IngestError:
    if source.startswith(("http://", "https://")):
        page = fetcher.fetch(source)
        return page if isinstance(page, IngestError) else page.body
    try:
        with open(source, "rb") as handle:
            return handle.read(_MAX_LIST_BYTES)
    except OSError as exc:
        return IngestError(source, read_failure(exc))


def _entry_article(entry: Any, source: str, fetcher: Fetcher) -> FeedItem:
    link = entry.get("link")
    if not link:
        return IngestError(source, f"feed entry {entry.get('title', '?')!r} has no link")
    item = read_url(str(link), fetcher)
    if isinstance(item, IngestError):
        return item
    date = item.date or _entry_date(entry)
    return replace(
        item,
        title=item.title or entry.get("title") or None,
        date=date,
        date_source=item.date_source or ("metadata" if date else None),
        author=item.author or entry.get("author") or None,
    )


def _entry_date(entry: Any) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except (ValueError, AttributeError):
        return None
