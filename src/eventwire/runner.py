"""Ingest screen → pipeline → store, batch by batch: :func:`process_items`, the one way in.

The CLI (``eventwire run``), the web API (``POST /articles``) and the Spark runner all call
:func:`process_items`, so the same input gives the same rows whichever way it came in: the
language gate and duplicate detection (:class:`~eventwire.ingest.screen.Screen`) apply to each.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from eventwire.errors import IngestError
from eventwire.ingest.files import input_files
from eventwire.ingest.items import FileDone, Item, Skipped
from eventwire.ingest.screen import Screen, Sifted, byline_rows, file_row, skipped_row
from eventwire.model import Article
from eventwire.settings import Settings
from eventwire.store.database import Store
from eventwire.store.rows import Row


@dataclass(slots=True)
class RunSummary:
    """What a run did; ``errors`` lists ``(origin, message)`` for every failed item.

    ``copies`` counts duplicates recorded instead of processed; ``skipped`` counts items not
    processed by kind (``language``, ``warc-record``, ``file`` read in an earlier run).
    """

    articles: int = 0
    unchanged: int = 0
    events: int = 0
    quotes: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    copies: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, kw_only=True)
class Overrides:
    """Metadata forced on every article of a run (``--date``, ``--source``)."""

    date: dt.date | None = None
    source: str | None = None

    @property
    def variant(self) -> str:
        """What files read under these overrides are recorded with (see the ``files`` table)."""
        if self.source is None and self.date is None:
            return ""
        return f"{self.source or ''}|{self.date or ''}"

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
    sifted: Sifted = field(default_factory=Sifted)


def process_items(
    items: Iterable[Item],
    *,
    pipeline: BatchProcessor,
    store: Store,
    overrides: Overrides = Overrides(),
    reprocess: bool = False,
    screen: bool = True,
    batch_size: int | None = None,
) -> RunSummary:
    """Screen, process and store every article; bad items are recorded, never raised.

    With ``screen`` (the default), languages not in ``settings.languages`` are skipped and
    duplicates recorded as copies (``settings.dedup``), and each article's language is recorded;
    ``screen=False`` is for measurements that feed the same text again (the benchmark). A
    :class:`FileDone` item marks its file as read once the batch holding it is stored.
    ``batch_size`` (default ``settings.batch_size``) is how many articles go into one batch, and
    so into one transaction (the web API stores a whole POST at once).
    """
    screen_ = Screen(store, pipeline.settings) if screen else None
    summary = RunSummary()
    started = time.perf_counter()
    pending: deque[_Pending] = deque()
    work = _Work(store, overrides, reprocess, pending, screen_)
    size = batch_size or pipeline.settings.batch_size
    for processed in pipeline.map_batches(work.batches(items, size)):
        _store(processed, pending.popleft(), store, summary)
        if screen_ is not None:
            screen_.stored(a.id for a in processed)
    summary.seconds = time.perf_counter() - started
    return summary


@dataclass(slots=True)
class _Work:
    """Turns items into batches of articles not stored yet; the rest waits in ``pending``."""

    store: Store
    overrides: Overrides
    reprocess: bool
    pending: deque[_Pending]
    screen: Screen | None

    def batches(self, items: Iterable[Item], size: int) -> Iterator[list[Article]]:
        batch: list[Article] = []
        marks: list[Item] = []  # errors, skips and finished files of this batch
        for item in items:
            if isinstance(item, Article):
                batch.append(self.overrides.apply(item))
            else:
                marks.append(item)
            if len(batch) >= size:
                yield self._new_work(batch, marks)
                batch, marks = [], []
        if batch or marks:
            yield self._new_work(batch, marks)

    def _new_work(self, batch: list[Article], marks: list[Item]) -> list[Article]:
        unique = list({article.id: article for article in batch}.values())
        known = set() if self.reprocess else self.store.known_ids([a.id for a in unique])
        todo = [a for a in unique if a.id not in known]
        sifted = self.screen.sift(todo) if self.screen is not None else Sifted(todo=todo)
        _add_marks(sifted, marks, self.overrides.variant)
        failed = [(m.origin, m.reason) for m in marks if isinstance(m, IngestError)]
        unchanged = len(batch) - len(todo) + sifted.unchanged
        self.pending.append(_Pending(failed, unchanged, sifted))
        return sifted.todo


def _add_marks(sifted: Sifted, marks: list[Item], variant: str) -> None:
    for mark in marks:
        if isinstance(mark, FileDone):
            sifted.add("files", file_row(mark, variant))
        elif isinstance(mark, Skipped):
            sifted.skipped[mark.kind] += 1
            sifted.unchanged += mark.articles  # a file read before: its articles are stored
            if mark.kind not in ("warc-record", "file"):  # counted only: there can be millions
                sifted.add("skipped", skipped_row(mark))


def _store(processed: list[Article], pending: _Pending, store: Store, summary: RunSummary) -> None:
    extra: dict[str, list[Row]] = dict(pending.sifted.rows)
    if any(a.author for a in processed):
        extra["bylines"] = byline_rows(processed)
    store.write(processed, pending.failed, extra)
    summary.unchanged += pending.unchanged
    summary.copies += pending.sifted.copies
    summary.skipped.update(pending.sifted.skipped)
    summary.errors.extend(pending.failed)
    for article in processed:
        summary.articles += 1
        summary.events += len(article.events)
        summary.quotes += len(article.quotes)
        summary.errors.extend(
            (article.origin or article.public_id, f"{e.stage}: {e.kind}: {e.message}")
            for e in article.errors
        )
