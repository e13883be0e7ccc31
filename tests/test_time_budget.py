"""The per-article time budget (issue 17): a runaway article gets a clear error, the batch goes on.

A test stage stands in for a runaway: on an article containing ``RUNAWAY`` it sleeps (in the worker
test with the alarm signal blocked, as C code that never returns) far past the
budget; every other article passes through at once.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import replace

import pytest

from eventwire.model import Article
from eventwire.parallel import ParallelPipeline
from eventwire.pipeline import Pipeline, Stage, stage
from eventwire.settings import Settings

BUDGET = 0.5


def _runaway(article: Article) -> Article:
    if "RUNAWAY" in article.text:
        time.sleep(30)
    return article


def _spin(article: Article) -> Article:
    if "RUNAWAY" in article.text:  # as C code that never returns: the alarm cannot get in
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(120)
    return article


def _slow(article: Article) -> Article:
    if "SLOW" in article.text:
        time.sleep(BUDGET * 1.5)
    return article


def _tag(article: Article) -> Article:
    return replace(article, warnings=(*article.warnings, "tagged"))


def _runaway_factory(settings: Settings, config: None) -> Stage:
    return Stage("runaway", _runaway)


runaway_stage = stage("runaway", requires=("text",))(
    _runaway_factory
)  # the factory pickles by name


def _spin_factory(settings: Settings, config: None) -> Stage:
    return Stage("spin", _spin)


spin_stage = stage("spin", requires=("text",))(_spin_factory)  # the factory pickles by name


def _slow_factory(settings: Settings, config: None) -> Stage:
    return Stage("slow", _slow)


slow_stage = stage("slow", requires=("text",))(_slow_factory)  # the factory pickles by name


def _tag_factory(settings: Settings, config: None) -> Stage:
    return Stage("tag", _tag)


tag_stage = stage("tag", requires=("text",), assigns=("warnings",))(
    _tag_factory
)  # the factory pickles by name


EXTRA = (runaway_stage, spin_stage, slow_stage, tag_stage)


def batch() -> list[Article]:
    return [
        Article(text="Chile recalled its envoy."),
        Article(text="RUNAWAY SLOW text that never ends."),
        Article(text="Peru called for talks."),
    ]


def check(results: list[Article], stage_name: str) -> None:
    ok_1, bad, ok_2 = results
    assert not ok_1.errors and not ok_2.errors
    assert ok_1.warnings == ok_2.warnings == ("tagged",)  # later stages ran for the others
    (error,) = bad.errors
    assert error.stage == stage_name and error.kind == "ArticleTimeoutError"
    assert "article_seconds" in error.message and f"{BUDGET:g} s" in error.message
    assert "tagged" not in bad.warnings  # its remaining stages were skipped


def test_runaway_article_is_stopped_and_the_batch_goes_on() -> None:
    settings = Settings(stages=("normalise", "runaway", "tag"), article_seconds=BUDGET)
    pipeline = Pipeline(settings, extra=EXTRA)
    started = time.monotonic()
    results = pipeline.process_batch(batch())
    assert time.monotonic() - started < 10
    check(results, "runaway")


def test_budget_is_checked_between_stages_off_the_main_thread() -> None:
    """No alarm outside the main thread (the web server's workers): the check between stages."""
    settings = Settings(stages=("normalise", "slow", "tag"), article_seconds=BUDGET)
    pipeline = Pipeline(settings, extra=EXTRA)
    results: list[Article] = []
    worker = threading.Thread(target=lambda: results.extend(pipeline.process_batch(batch())))
    worker.start()
    worker.join(30)
    check(results, "slow")


def test_no_budget_means_no_limit() -> None:
    settings = Settings(stages=("normalise", "slow", "tag"), article_seconds=0)
    results = Pipeline(settings, extra=EXTRA).process_batch(batch())
    assert all(not a.errors for a in results)


@pytest.mark.slow
def test_stuck_worker_is_ended_and_the_rest_goes_on() -> None:
    """A stage stuck where the alarm cannot reach: the worker process is ended from outside, the
    batch is processed again one article at a time, the stuck article gets the error."""
    settings = Settings(
        stages=("normalise", "spin", "tag"), article_seconds=BUDGET, workers=2, batch_size=3
    )
    pipeline = ParallelPipeline(settings, settings.workers, extra=EXTRA)
    try:
        started = time.monotonic()
        batches = [batch(), [Article(text="Bolivia thanked Peru.")]]
        first, second = pipeline.map_batches(iter(batches))
        assert time.monotonic() - started < 60
    finally:
        pipeline.close()
    check(first, "pipeline")
    assert [a.errors for a in second] == [()]


def _runaway_batch(articles: Sequence[Article]) -> list[Article]:
    if any("RUNAWAY" in a.text for a in articles):
        time.sleep(30)
    return list(articles)


def _batched_factory(settings: Settings, config: None) -> Stage:
    return Stage("batched", _runaway, _runaway_batch)


batched_stage = stage("batched", requires=("text",))(_batched_factory)


def test_batched_stage_stopped_then_run_article_by_article() -> None:
    """A batched call that runs over is charged by text length and retried one by one: only the
    runaway gets the error."""
    settings = Settings(stages=("normalise", "batched", "tag"), article_seconds=BUDGET)
    started = time.monotonic()
    results = Pipeline(settings, extra=(*EXTRA, batched_stage)).process_batch(batch())
    assert time.monotonic() - started < 10
    check(results, "batched")


@pytest.mark.slow
def test_million_character_article_in_the_real_pipeline() -> None:
    """The issue's case: a 1,000,000-character article among wire stories, a 3 s budget."""
    paragraph = (
        "Chile recalled its ambassador from Peru on Monday after a dispute over fishing rights, "
        "the foreign ministry in Santiago said. Peru called for talks."
    )
    huge = "\n\n".join([paragraph] * (1_000_000 // (len(paragraph) + 2)))
    articles = [
        Article(text="Brazil praised Argentina for its help on Tuesday."),
        Article(text=huge),
        Article(text="Spain criticised Portugal over fishing quotas on Wednesday."),
    ]
    pipeline = Pipeline(Settings(article_seconds=3))
    started = time.monotonic()
    small_1, big, small_2 = pipeline.process_batch(articles)
    assert time.monotonic() - started < 30
    assert small_1.events and small_2.events and not small_1.errors and not small_2.errors
    assert [e.kind for e in big.errors] == ["ArticleTimeoutError"]
