"""Run the pipeline in worker processes (one model per worker), results in input order."""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from eventwire.model import Article
from eventwire.orphans import exit_with_parent
from eventwire.pipeline import Pipeline, StageTimer, stage_specs
from eventwire.settings import Settings


def worker_count(requested: int) -> int:
    """``0`` means one worker per CPU core."""
    return requested if requested > 0 else max(1, os.cpu_count() or 1)


@functools.cache
def worker_pipeline(settings: Settings) -> Pipeline:
    """The pipeline of this worker process, built on its first batch."""
    return Pipeline(settings)


def _process(settings: Settings, batch: list[Article]) -> tuple[list[Article], dict[str, float]]:
    pipeline = worker_pipeline(settings)
    before = dict(pipeline.timer.seconds)
    processed = pipeline.process_batch(batch)
    spent = {k: v - before.get(k, 0.0) for k, v in pipeline.timer.seconds.items()}
    return processed, spent


class ParallelPipeline:
    """Same contract as :class:`Pipeline.map_batches`, spread over ``workers`` processes."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = worker_count(workers)
        self.timer = StageTimer()
        stage_specs(settings)  # fail here, not in a worker, on an unknown or misplaced stage
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=exit_with_parent,
            initargs=(os.getpid(),),
        )

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
        pending: deque[Future[tuple[list[Article], dict[str, float]]]] = deque()
        for batch in batches:
            pending.append(self._executor.submit(_process, self.settings, batch))
            if len(pending) >= 2 * self.workers:
                yield self._collect(pending.popleft())
        while pending:
            yield self._collect(pending.popleft())

    def _collect(self, future: Future[tuple[list[Article], dict[str, float]]]) -> list[Article]:
        processed, spent = future.result()
        for name, seconds in spent.items():
            self.timer.add(name, seconds)
        return processed

    def close(self) -> None:
        self._executor.shutdown(cancel_futures=True)


def make_pipeline(settings: Settings) -> Pipeline | ParallelPipeline:
    """A serial pipeline for one worker, worker processes for more (close it when done)."""
    if worker_count(settings.workers) == 1:
        return Pipeline(settings)
    return ParallelPipeline(settings, settings.workers)
