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
from eventwire.ingest.files import UNSUPPORTED, input_files
from eventwire.ingest.items import FileDone, Item, Skipped
from eventwire.ingest.screen import Screen, Sifted, byline_rows, file_row, skipped_row
from eventwire.model import Article
from eventwire.settings import Settings
from eventwire.store.database import Store
from eventwire.store.rows import Row
from eventwire.store.screening import public_ids


@dataclass(slots=True)
class RunSummary:
    """What a run did; ``errors`` lists ``(origin, message)`` for every failed item.

    ``copies`` counts duplicates recorded instead of processed, ``copy_list`` names them
    (origin, id, id of the original, exact/near); ``skipped`` counts items not processed by kind
    (``language``, ``warc-record``, ``file`` read in an earlier run, ``unsupported``);
    ``unsupported`` lists ``(path, reason)`` of the files in folders that no reader takes;
    ``warnings`` the readers' notes on articles that were kept (e.g. a date that is not one).
    A run is *partial* (exit code 1) when there are errors or unsupported files.
    """

    articles: int = 0
    unchanged: int = 0
    events: int = 0
    quotes: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    copies: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    copy_list: list[tuple[str, str, str, str]] = field(default_factory=list)
    unsupported: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0  # files read to their end (progress)

    @property
    def partial(self) -> bool:
        return bool(self.errors or self.unsupported)

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
    return sum(1 for item in input_files(paths) if isinstance(item, Path))


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
    unsupported: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0


def process_items(
    items: Iterable[Item],
    *,
    pipeline: BatchProcessor,
    store: Store,
    overrides: Overrides = Overrides(),
    reprocess: bool = False,
    screen: bool = True,
    summary: RunSummary | None = None,
    batch_size: int | None = None,
) -> RunSummary:
    """Screen, process and store every article; bad items are recorded, never raised.

    With ``screen`` (the default), languages not in ``settings.languages`` are skipped and
    duplicates recorded as copies (``settings.dedup``), and each article's language is recorded;
    ``screen=False`` is for measurements that feed the same text again (the benchmark). A
    :class:`FileDone` item marks its file as read once the batch holding it is stored. Pass a
    ``summary`` to watch it grow batch by batch (progress reports); it is also returned.
    ``batch_size`` (default ``settings.batch_size``) is how many articles go into one batch, and
    so into one transaction (the web API stores a whole POST at once).
    """
    screen_ = Screen(store, pipeline.settings) if screen else None
    summary = summary if summary is not None else RunSummary()
    started = time.perf_counter()
    pending: deque[_Pending] = deque()
    work = _Work(store, overrides, reprocess, pending, screen_)
    size = batch_size or pipeline.settings.batch_size
    for processed in pipeline.map_batches(work.batches(items, size)):
        _store(processed, pending.popleft(), store, summary)
        summary.seconds = time.perf_counter() - started
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
        marks: list[Item | _Note] = []  # errors, skips, notes and finished files of this batch
        for item in items:
            if isinstance(item, Article):
                batch.append(self.overrides.apply(item))
                marks.extend(_Note(item.origin or item.public_id, w) for w in item.warnings)
            else:
                marks.append(item)
            if len(batch) >= size:
                yield self._new_work(batch, marks)
                batch, marks = [], []
        if batch or marks:
            yield self._new_work(batch, marks)

    def _new_work(self, batch: list[Article], marks: list[Item | _Note]) -> list[Article]:
        unique = list({article.id: article for article in batch}.values())
        known = set() if self.reprocess else self.store.known_ids([a.id for a in unique])
        todo = [a for a in unique if a.id not in known]
        sifted = self.screen.sift(todo) if self.screen is not None else Sifted(todo=todo)
        _add_marks(sifted, marks, self.overrides.variant)
        failed = [(m.origin, m.reason) for m in marks if isinstance(m, IngestError)]
        unsupported = [
            (m.origin, m.reason) for m in marks if isinstance(m, Skipped) and m.kind == UNSUPPORTED
        ]
        notes = [(m.origin, m.message) for m in marks if isinstance(m, _Note)]
        files = sum(isinstance(m, FileDone | Skipped) and _is_file(m) for m in marks)
        unchanged = len(batch) - len(todo) + sifted.unchanged
        self.pending.append(_Pending(failed, unchanged, sifted, unsupported, notes, files))
        return sifted.todo


@dataclass(frozen=True, slots=True)
class _Note:
    """A reader's warning on an article of the batch (reported with the batch)."""

    origin: str
    message: str


def _is_file(mark: object) -> bool:
    return isinstance(mark, FileDone) or (isinstance(mark, Skipped) and mark.kind == "file")


def _add_marks(sifted: Sifted, marks: list[Item | _Note], variant: str) -> None:
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
    summary.unsupported.extend(pending.unsupported)
    summary.warnings.extend(pending.warnings)
    summary.files += pending.files
    if pending.sifted.copy_of:
        known = public_ids(store, [original for _, original, _ in pending.sifted.copy_of])
        summary.copy_list.extend(
            (copy.origin or copy.public_id, copy.public_id, known.get(original, original), kind)
            for copy, original, kind in pending.sifted.copy_of
        )
    summary.skipped.update(pending.sifted.skipped)
    summary.errors.extend(pending.failed)
    for article in processed:
        summary.articles += 1
        summary.events += len(article.events)
        summary.quotes += sum(q.kind == "quote" for q in article.quotes)
        summary.errors.extend(
            (article.origin or article.public_id, f"{e.stage}: {e.kind}: {e.message}")
            for e in article.errors
        )
