"""Run the pipeline in worker processes (one model per worker), results in input order."""

from __future__ import annotations

import functools
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from eventwire.errors import ArticleTimeoutError
from eventwire.model import Article
from eventwire.orphans import exit_with_parent
from eventwire.pipeline import Pipeline, StageSpec, StageTimer, stage_specs
from eventwire.settings import Settings


def worker_count(requested: int) -> int:
    """``0`` means one worker per CPU core."""
    return requested if requested > 0 else max(1, os.cpu_count() or 1)


@functools.cache
def worker_pipeline(settings: Settings, extra: tuple[StageSpec, ...] = ()) -> Pipeline:
    """The pipeline of this worker process, built on its first batch."""
    return Pipeline(settings, extra=extra)


Result = tuple[list[Article], dict[str, float]]


def _process(settings: Settings, batch: list[Article], extra: tuple[StageSpec, ...]) -> Result:
    pipeline = worker_pipeline(settings, extra)
    before = dict(pipeline.timer.seconds)
    processed = pipeline.process_batch(batch)
    spent = {k: v - before.get(k, 0.0) for k, v in pipeline.timer.seconds.items()}
    return processed, spent


@dataclass(slots=True)
class _Job:
    batch: list[Article]
    future: Future[Result]
    submitted: float
    last: bool = True  # the last part of its batch


def parts(batch: list[Article], settings: Settings) -> list[list[Article]]:
    """The batch in parts of at most ``parse_chars`` characters of text (an article longer than
    that alone), in order; an empty batch is one empty part."""
    chunks: list[list[Article]] = []
    size = 0
    for article in batch:
        if not chunks or (chunks[-1] and size + len(article.text) > settings.parse_chars):
            chunks.append([])
            size = 0
        chunks[-1].append(article)
        size += len(article.text)
    return chunks or [[]]


class ParallelPipeline:
    """Same contract as :class:`Pipeline.map_batches`, spread over ``workers`` processes.

    The time budget (``article_seconds``) holds inside each worker (:mod:`eventwire.deadline`);
    a worker that does not answer within :meth:`hard_limit` (a stage stuck in C code) is ended
    from here: the workers are restarted, the stuck batch is processed again one article at a
    time (the article that is stuck again gets an ``ArticleTimeoutError``), and the batches that
    were queued behind it are submitted again. Results stay in input order.
    """

    def __init__(
        self, settings: Settings, workers: int, *, extra: Iterable[StageSpec] = ()
    ) -> None:
        self.settings = settings
        self.workers = worker_count(workers)
        self.extra = tuple(extra)
        self.timer = StageTimer()
        stage_specs(settings, self.extra)  # fail here, not in a worker, on a bad stage list
        self._executor = self._start()
        self._free_since = time.monotonic()  # when the head of the queue could start at last

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=exit_with_parent,
            initargs=(os.getpid(),),
        )

    def hard_limit(self) -> float | None:
        """Seconds a worker may take for one batch before it is ended (``None``: no budget)."""
        budget = self.settings.article_seconds
        return 3 * budget + HARD_LIMIT_GRACE if budget > 0 else None

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
        """Each batch processed, in order. A batch goes to the workers in parts of at most
        ``parse_chars`` characters (:func:`parts`), so that the workers share it: whole batches
        of 64 long articles left one worker idle for most of a batch at the end of a run."""
        pending: deque[_Job] = deque()
        done: list[Article] = []  # the parts of the batch at the head of the queue
        for batch in batches:
            chunks = parts(batch, self.settings)
            for i, chunk in enumerate(chunks):
                pending.append(self._submit(chunk, last=i == len(chunks) - 1))
            yield from self._drain(pending, done, keep=2 * self.workers)
        yield from self._drain(pending, done, keep=0)

    def _drain(
        self, pending: deque[_Job], done: list[Article], keep: int
    ) -> Iterator[list[Article]]:
        """Collect parts until ``keep`` are in flight; every batch completed on the way."""
        while len(pending) > keep:
            last = pending[0].last
            done.extend(self._collect(pending))
            if last:
                yield list(done)
                done.clear()

    def _submit(self, batch: list[Article], *, last: bool = True) -> _Job:
        future = self._executor.submit(_process, self.settings, batch, self.extra)
        return _Job(batch, future, time.monotonic(), last)

    def _collect(self, pending: deque[_Job]) -> list[Article]:
        job = pending.popleft()
        try:
            processed, spent = job.future.result(timeout=self._wait(job))
        except FutureTimeout:
            self._restart()
            processed = self._one_by_one(job.batch)
            for queued in pending:  # lost with the old workers: submit them again
                queued.future = self._executor.submit(
                    _process, self.settings, queued.batch, self.extra
                )
                queued.submitted = time.monotonic()
            spent = {}
        self._free_since = time.monotonic()
        for name, seconds in spent.items():
            self.timer.add(name, seconds)
        return processed

    def _wait(self, job: _Job) -> float | None:
        limit = self.hard_limit()
        if limit is None:
            return None
        started = max(job.submitted, self._free_since)
        return max(0.0, limit - (time.monotonic() - started))

    def _one_by_one(self, batch: list[Article]) -> list[Article]:
        out: list[Article] = []
        for article in batch:
            job = self._submit([article])
            self._free_since = job.submitted
            try:
                processed, _ = job.future.result(timeout=self._wait(job))
            except FutureTimeout:
                self._restart()
                processed = [article.with_error("pipeline", self._stuck())]
            out.extend(processed)
        return out

    def _stuck(self) -> ArticleTimeoutError:
        return ArticleTimeoutError(
            f"over the {self.settings.article_seconds:g} s time budget per article "
            f"(article_seconds): its worker process did not answer within {self.hard_limit():g} s "
            "and was ended; split the article or raise article_seconds"
        )

    def _restart(self) -> None:
        """End every worker process now (one is stuck) and start fresh ones."""
        for process in list(self._executor._processes.values()):
            process.kill()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._start()

    def close(self) -> None:
        self._executor.shutdown(cancel_futures=True)


def make_pipeline(settings: Settings) -> Pipeline | ParallelPipeline:
    """A serial pipeline for one worker, worker processes for more (close it when done)."""
    if worker_count(settings.workers) == 1:
        return Pipeline(settings)
    return ParallelPipeline(settings, settings.workers)


#: Seconds added to three budgets before a worker that does not answer is ended (start-up:
#: the first batch of a worker loads the spaCy model).
HARD_LIMIT_GRACE = 10.0
