"""Ingest → pipeline → store, batch by batch. The CLI and the benchmark call this."""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from eventwire.errors import IngestError
from eventwire.ingest.files import input_files
from eventwire.model import Article
from eventwire.settings import Settings
from eventwire.store.database import Store


@dataclass(slots=True)
class RunSummary:
    """What a run did; ``errors`` lists ``(origin, message)`` for every failed item."""

    articles: int = 0
    unchanged: int = 0
    events: int = 0
    quotes: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, kw_only=True)
class Overrides:
    """Metadata forced on every article of a run (``--date``, ``--source``)."""

    date: dt.date | None = None
    source: str | None = None

    def apply(self, article: Article) -> Article:
        if self.date is not None:
            article = replace(article, date=self.date)
        if self.source is not None and article.source != self.source:
            article = replace(article, source=self.source, id="")  # the id depends on the source
        return article


def count_files(paths: Iterable[Path]) -> int:
    return sum(1 for item in input_files(paths) if not isinstance(item, IngestError))


class BatchProcessor(Protocol):
    """What the runner needs of a pipeline: :class:`Pipeline` or ``ParallelPipeline``."""

    settings: Settings

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Article]]: ...


@dataclass(slots=True)
class _Pending:
    """What the runner keeps of a batch while its articles are being processed."""

    failed: list[tuple[str, str]]
    unchanged: int


def run(
    items: Iterable[Article | IngestError],
    *,
    pipeline: BatchProcessor,
    store: Store,
    overrides: Overrides = Overrides(),
    reprocess: bool = False,
) -> RunSummary:
    """Process and store every article; bad items are recorded, never raised."""
    summary = RunSummary()
    started = time.perf_counter()
    pending: deque[_Pending] = deque()
    todo = _todo_batches(items, pipeline.settings.batch_size, store, overrides, reprocess, pending)
    for processed in pipeline.map_batches(todo):
        _store(processed, pending.popleft(), store, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _todo_batches(
    items: Iterable[Article | IngestError],
    size: int,
    store: Store,
    overrides: Overrides,
    reprocess: bool,
    pending: deque[_Pending],
) -> Iterator[list[Article]]:
    """Batches of articles not stored yet; each batch's errors wait in ``pending``."""
    batch: list[Article] = []
    failed: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, IngestError):
            failed.append((item.origin, item.reason))
        else:
            batch.append(overrides.apply(item))
        if len(batch) >= size:
            yield _new_work(batch, failed, store, reprocess, pending)
            batch, failed = [], []
    if batch or failed:
        yield _new_work(batch, failed, store, reprocess, pending)


def _new_work(
    batch: list[Article],
    failed: list[tuple[str, str]],
    store: Store,
    reprocess: bool,
    pending: deque[_Pending],
) -> list[Article]:
    unique = list({article.id: article for article in batch}.values())
    known = set() if reprocess else store.known_ids([a.id for a in unique])
    todo = [a for a in unique if a.id not in known]
    pending.append(_Pending(failed, len(batch) - len(todo)))
    return todo


def _store(processed: list[Article], pending: _Pending, store: Store, summary: RunSummary) -> None:
    store.write(processed, pending.failed)
    summary.unchanged += pending.unchanged
    summary.errors.extend(pending.failed)
    for article in processed:
        summary.articles += 1
        summary.events += len(article.events)
        summary.quotes += len(article.quotes)
        summary.errors.extend(
            (article.origin or article.public_id, f"{e.stage}: {e.kind}: {e.message}")
            for e in article.errors
        )
