"""HTML extraction off the reading thread: raw pages become articles in worker processes.

trafilatura costs 10-30 ms a page (metadata and date search included), more than the NLP's
~14 ms an article, so with ``html_workers`` other than 1 pages are extracted in a process pool
while the reader goes on. Order is kept, and at most a few pages per worker are in flight, so an
archive is never held in memory.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from eventwire.errors import IngestError
from eventwire.ingest.html import article_from_html
from eventwire.ingest.items import Item
from eventwire.model import Article
from eventwire.orphans import exit_with_parent
from eventwire.settings import Settings

IN_FLIGHT_PER_WORKER = 4
#: Pages extracted in this process before a pool is worth starting (a pool takes ~1 s to start).
INLINE_PAGES = 16


@dataclass(frozen=True, slots=True)
class RawPage:
    """A page read but not yet extracted."""

    data: bytes
    origin: str
    url: str | None = None
    charset: str | None = None

    def extract(self, settings: Settings) -> Article | IngestError:
        return article_from_html(
            self.data, origin=self.origin, settings=settings, url=self.url, charset=self.charset
        )


def html_workers(settings: Settings) -> int:
    return settings.html_workers or (os.cpu_count() or 1)


def extract_pages(items: Iterable[Item | RawPage], settings: Settings) -> Iterator[Item]:
    """``items`` with every :class:`RawPage` replaced by its article (or error), in order."""
    workers = html_workers(settings)
    if workers <= 1:
        yield from (i.extract(settings) if isinstance(i, RawPage) else i for i in items)
        return
    yield from _pooled(iter(items), settings, workers)


Pending = tuple["Future[Article | tuple[str, str]]", RawPage]


def _pooled(items: Iterator[Item | RawPage], settings: Settings, workers: int) -> Iterator[Item]:
    pool = _Pool(workers, settings)
    window: deque[Pending | Item] = deque()
    pages = 0
    try:
        for item in items:
            if not isinstance(item, RawPage):
                window.append(item)
            elif pages < INLINE_PAGES:
                pages += 1
                window.append(item.extract(settings))
            else:
                window.append(pool.submit(item))
            while window and (
                len(window) > workers * IN_FLIGHT_PER_WORKER or not isinstance(window[0], tuple)
            ):
                yield pool.result(window.popleft())  # items other than pages pass straight on
        while window:
            yield pool.result(window.popleft())
    finally:
        pool.close()


class _Pool:
    """A process pool that is replaced when a worker dies (the page it held becomes an error)."""

    def __init__(self, workers: int, settings: Settings) -> None:
        self.workers = workers
        self.settings = settings
        self._executor: ProcessPoolExecutor | None = None

    def submit(self, page: RawPage) -> Pending:
        if self._executor is None:
            self._executor = _pool(self.workers)
        return self._executor.submit(_extract, page, self.settings), page

    def result(self, entry: Pending | Item) -> Item:
        if not isinstance(entry, tuple):
            return entry
        future, page = entry
        try:
            found = future.result()
        except BrokenProcessPool:
            self.close()  # pages still in flight fail the same way: each gets its own error
            return IngestError(page.origin, "HTML extraction crashed its worker process")
        return IngestError(*found) if isinstance(found, tuple) else found

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    )


def _extract(page: RawPage, settings: Settings) -> Article | tuple[str, str]:
    """Runs in a worker; an error crosses back as ``(origin, reason)`` (exceptions with custom
    constructors do not unpickle)."""
    item = page.extract(settings)
    return (item.origin, item.reason) if isinstance(item, IngestError) else item
