"""Ingest → pipeline → store, batch by batch. The CLI and the benchmark call this."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from eventwire.errors import IngestError
from eventwire.ingest.files import input_files
from eventwire.model import Article
from eventwire.pipeline import Pipeline
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


def run(
    items: Iterable[Article | IngestError],
    *,
    pipeline: Pipeline,
    store: Store,
    overrides: Overrides = Overrides(),
    reprocess: bool = False,
) -> RunSummary:
    """Process and store every article; bad items are recorded, never raised."""
    summary = RunSummary()
    started = time.perf_counter()
    batch: list[Article] = []
    failed: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, IngestError):
            failed.append((item.origin, item.reason))
            continue
        batch.append(overrides.apply(item))
        if len(batch) >= pipeline.settings.batch_size:
            _flush(batch, failed, pipeline, store, summary, reprocess)
            batch, failed = [], []
    _flush(batch, failed, pipeline, store, summary, reprocess)
    summary.seconds = time.perf_counter() - started
    return summary


def _flush(
    batch: list[Article],
    failed: list[tuple[str, str]],
    pipeline: Pipeline,
    store: Store,
    summary: RunSummary,
    reprocess: bool,
) -> None:
    unique = list({article.id: article for article in batch}.values())
    known = set() if reprocess else store.known_ids([a.id for a in unique])
    todo = [a for a in unique if a.id not in known]
    summary.unchanged += len(batch) - len(todo)
    processed = pipeline.process_batch(todo) if todo else []
    store.write(processed, failed)
    summary.errors.extend(failed)
    for article in processed:
        summary.articles += 1
        summary.events += len(article.events)
        summary.quotes += len(article.quotes)
        summary.errors.extend(
            (article.origin or article.public_id, f"{e.stage}: {e.kind}: {e.message}")
            for e in article.errors
        )
