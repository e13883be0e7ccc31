"""Stages, the stage registry and the runner.

A stage is a pure function of an article (and the settings it was built with). Stages that gain
from batching (the parser) also offer ``run_batch``. The runner turns any exception a stage raises
on one article into an :class:`~eventwire.model.ArticleError` on that article; the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

from eventwire.errors import StageError, UnknownStageError
from eventwire.model import Article
from eventwire.settings import Settings

ArticleFn = Callable[[Article], Article]
BatchFn = Callable[[Sequence[Article]], list[Article]]


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step: ``run`` on one article, or ``run_batch`` on several at once."""

    name: str
    run: ArticleFn
    run_batch: BatchFn | None = None


StageFactory = Callable[[Settings], Stage]


@dataclass(slots=True)
class StageTimer:
    """Seconds spent per stage (owned by one pipeline; used by the benchmark)."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, elapsed: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + elapsed


def builtin_factories() -> Mapping[str, StageFactory]:
    """The stages eventwire ships, by name (imported lazily to keep start-up light)."""
    from eventwire.stages import BUILTIN_STAGES

    return BUILTIN_STAGES


def stage_factories(
    settings: Settings, extra: Mapping[str, StageFactory] | None = None
) -> dict[str, StageFactory]:
    """Built-in and extra factories; raises if a stage named in the settings has none."""
    available = dict(builtin_factories())
    available.update(extra or {})
    missing = [name for name in settings.stages if name not in available]
    if missing:
        raise UnknownStageError(
            f"unknown stage(s) {', '.join(missing)}; available: {', '.join(sorted(available))}"
        )
    return available


class Pipeline:
    """Stages assembled from the settings; ``process`` streams articles through them."""

    def __init__(
        self, settings: Settings, *, factories: Mapping[str, StageFactory] | None = None
    ) -> None:
        available = stage_factories(settings, factories)
        self.settings = settings
        self.stages = tuple(available[name](settings) for name in settings.stages)
        self.timer = StageTimer()

    def process(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Run every article through every stage, ``batch_size`` at a time."""
        iterator = iter(articles)
        while batch := list(islice(iterator, self.settings.batch_size)):
            yield from self.process_batch(batch)

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
        """Each batch processed, in order (the serial twin of ``ParallelPipeline``)."""
        for batch in batches:
            yield self.process_batch(batch)

    def close(self) -> None:
        """Nothing to release; here so both pipelines can be used alike."""

    def process_batch(self, batch: Sequence[Article]) -> list[Article]:
        results = list(batch)
        for stage in self.stages:
            started = time.perf_counter()
            results = _apply(stage, results)
            self.timer.add(stage.name, time.perf_counter() - started)
        return [replace(article, parsed=()) for article in results]


def _apply(stage: Stage, articles: list[Article]) -> list[Article]:
    pending = [i for i, article in enumerate(articles) if not article.failed]
    if stage.run_batch is not None and len(pending) > 1:
        try:
            outputs = stage.run_batch([articles[i] for i in pending])
            _check_batch(stage, [articles[i] for i in pending], outputs)
        except Exception:
            pass
        else:
            merged = list(articles)
            for i, output in zip(pending, outputs, strict=True):
                merged[i] = output
            return merged
    return [article if article.failed else _run_one(stage, article) for article in articles]


def _run_one(stage: Stage, article: Article) -> Article:
    try:
        if stage.run_batch is not None:
            outputs = stage.run_batch([article])
            _check_batch(stage, [article], outputs)
            return outputs[0]
        output = stage.run(article)
        _check_batch(stage, [article], [output])
        return output
    except Exception as exc:
        return article.with_error(stage.name, exc)


def _check_batch(stage: Stage, inputs: Sequence[Article], outputs: Sequence[Article]) -> None:
    if len(outputs) != len(inputs):
        raise StageError(f"stage {stage.name!r} returned {len(outputs)} of {len(inputs)} articles")
    for before, after in zip(inputs, outputs, strict=True):
        if not isinstance(after, Article) or after.id != before.id:
            raise StageError(f"stage {stage.name!r} did not return the article it was given")
