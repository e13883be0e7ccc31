"""Stages, their contracts, the stage registry and the runner.

A stage is a pure function of an article (and the settings it was built with). Stages that gain
from batching (the parser) also offer ``run_batch``. The runner turns any exception a stage raises
on one article into an :class:`~eventwire.model.ArticleError` on that article; the batch goes on.

Every stage is declared with :func:`stage`, which records its name, the :class:`Article` fields
it *requires* and those it *assigns* (as spaCy's ``Language.factory(requires=, assigns=)``), and
optionally a frozen dataclass for its own settings section (``[eventwire.stage.<name>]``). When a
:class:`Pipeline` is built, :func:`check_order` proves that every field a stage reads was assigned
by an earlier stage (or comes with the input), and says which stage to move otherwise.

Built-in stages live in :mod:`eventwire.stages`; other packages add theirs through the Python
entry-point group ``eventwire.stages`` (each entry point names a :class:`StageSpec`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from importlib.metadata import entry_points
from itertools import islice
from typing import Any, Protocol, TypeVar

from eventwire.deadline import Expired, deadline
from eventwire.errors import (
    ArticleTimeoutError,
    SettingsError,
    StageError,
    StageOrderError,
    StageRegistrationError,
    UnknownStageError,
)
from eventwire.model import Article
from eventwire.offsets import restored, working_copy
from eventwire.settings import Settings

ArticleFn = Callable[[Article], Article]
BatchFn = Callable[[Sequence[Article]], list[Article]]

#: Entry-point group under which other packages register stages (each a :class:`StageSpec`).
ENTRY_POINT_GROUP = "eventwire.stages"

#: Article fields the readers fill (and ``norm_text``, which the article makes once from its
#: text); every other field is assigned by a stage. ``date`` is not among them: the input's date
#: is only a candidate until the ``metadata`` stage has settled the publication date (metadata,
#: dateline or URL), so a stage that reads it must run after that.
INPUT_FIELDS: frozenset[str] = frozenset(
    {
        "text", "norm_text", "id", "external_id", "title", "url", "source", "origin", "author",
        "language",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step: ``run`` on one article, or ``run_batch`` on several at once."""

    name: str
    run: ArticleFn
    run_batch: BatchFn | None = None


#: Builds a stage from the settings and the stage's own config (``None`` when it has none).
StageFactory = Callable[[Settings, Any], Stage]


@dataclass(frozen=True, slots=True)
class StageSpec:
    """A registered stage: how to build it and what it reads and writes on the article."""

    name: str
    factory: StageFactory
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    config: type | None = None  # a frozen dataclass with defaults for every field
    reads: tuple[str, ...] = ()  # used when present: a stage assigning it must run earlier

    def build(self, settings: Settings) -> Stage:
        return self.factory(settings, self.make_config(settings))

    def make_config(self, settings: Settings) -> Any:
        section = settings.stage_section(self.name)
        if self.config is None:
            if section:
                raise SettingsError(
                    f"stage {self.name!r} takes no settings, but [eventwire.stage.{self.name}] "
                    f"sets {', '.join(sorted(section))}"
                )
            return None
        known = {f.name for f in fields(self.config)}
        unknown = sorted(set(section) - known)
        if unknown:
            raise SettingsError(
                f"unknown setting(s) {', '.join(unknown)} for stage {self.name!r}; "
                f"known: {', '.join(sorted(known))}"
            )
        try:
            return self.config(**section)
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"invalid settings for stage {self.name!r}: {exc}") from exc


def stage(
    name: str,
    *,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    config: type | None = None,
    reads: Iterable[str] = (),
) -> Callable[[StageFactory], StageSpec]:
    """Declare a stage factory: ``@stage("actors", requires=("parsed", "date"), assigns=...)``.

    ``requires``: fields that must be assigned before the stage runs; ``reads``: fields it uses
    when there are any (no stage assigning them is needed, but one that does must run earlier);
    ``assigns``: fields it sets or changes.
    """
    article_fields = {f.name for f in fields(Article)}
    declared = (*requires, *assigns, *reads)
    unknown = [f for f in declared if f not in article_fields]
    if unknown:
        raise StageRegistrationError(
            f"stage {name!r} declares unknown Article field(s) {', '.join(unknown)}"
        )
    if config is not None and not is_dataclass(config):
        raise StageRegistrationError(f"stage {name!r}: config must be a dataclass type")

    def decorate(factory: StageFactory) -> StageSpec:
        return StageSpec(name, factory, tuple(requires), tuple(assigns), config, tuple(reads))

    return decorate


def registered_stages(extra: Iterable[StageSpec] = ()) -> dict[str, StageSpec]:
    """Built-in stages, then those of installed packages (entry points), then ``extra``."""
    from eventwire.stages import BUILTIN_STAGES

    found = registry(BUILTIN_STAGES, ENTRY_POINT_GROUP, StageSpec)
    found.update({spec.name: spec for spec in extra})
    return found


class _Named(Protocol):
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=_Named)


def registry(builtin: Iterable[N], group: str, kind: type[N]) -> dict[str, N]:
    """Built-in specs by name, then those installed packages declare under entry-point ``group``
    (each entry point must name an instance of ``kind``; stages: a :func:`stage` factory)."""
    found = {spec.name: spec for spec in builtin}
    for point in entry_points(group=group):
        spec = point.load()
        if not isinstance(spec, kind):
            raise StageRegistrationError(
                f"entry point {point.name!r} ({point.value}) in group {group!r} must name a "
                f"{kind.__name__}"
            )
        found[spec.name] = spec
    return found


def stage_specs(settings: Settings, extra: Iterable[StageSpec] = ()) -> tuple[StageSpec, ...]:
    """The specs of ``settings.stages`` in order, checked (:func:`check_order`)."""
    available = registered_stages(extra)
    missing = [name for name in settings.stages if name not in available]
    if missing:
        raise UnknownStageError(
            f"unknown stage(s) {', '.join(missing)}; available: {', '.join(sorted(available))}"
        )
    chosen = tuple(available[name] for name in settings.stages)
    check_order(chosen, available)
    return chosen


def check_order(chosen: Sequence[StageSpec], available: Mapping[str, StageSpec]) -> None:
    """Raise :class:`StageOrderError` unless each stage's inputs are assigned before it runs."""
    assigned: dict[str, str] = {name: "the input" for name in INPUT_FIELDS}
    positions = {spec.name: i for i, spec in enumerate(chosen)}
    for spec in chosen:
        for needed in spec.requires:
            if needed not in assigned:
                raise StageOrderError(_order_problem(spec, needed, chosen, positions, available))
        for used in spec.reads:
            later = _producers(chosen[positions[spec.name] + 1 :], used)
            if later and used not in assigned:
                raise StageOrderError(
                    f"stage {spec.name!r} reads {used!r}, assigned by {later[0]!r}, which runs "
                    f"later; put {later[0]!r} before {spec.name!r} in the stages setting"
                )
        assigned.update((name, spec.name) for name in spec.assigns)


def _producers(specs: Sequence[StageSpec], name: str) -> list[str]:
    """Stages that assign ``name`` without needing it first (they can make it from nothing)."""
    return [s.name for s in specs if name in s.assigns and name not in (*s.requires, *s.reads)]


def _order_problem(
    spec: StageSpec,
    needed: str,
    chosen: Sequence[StageSpec],
    positions: Mapping[str, int],
    available: Mapping[str, StageSpec],
) -> str:
    head = f"stage {spec.name!r} requires {needed!r}"
    later = _producers(chosen[positions[spec.name] + 1 :], needed)
    if later:
        return (
            f"{head}, assigned by {later[0]!r}, which runs later; "
            f"put {later[0]!r} before {spec.name!r} in the stages setting"
        )
    elsewhere = sorted(_producers(list(available.values()), needed))
    if elsewhere:
        return (
            f"{head}, assigned by {' or '.join(map(repr, elsewhere))}, which is not in the "
            f"pipeline; add it before {spec.name!r} in the stages setting"
        )
    return f"{head}, which no registered stage assigns"


@dataclass(slots=True)
class StageTimer:
    """Seconds spent per stage (owned by one pipeline; used by the benchmark)."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, elapsed: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + elapsed


class Pipeline:
    """Stages assembled from the settings; ``process`` streams articles through them."""

    def __init__(self, settings: Settings, *, extra: Iterable[StageSpec] = ()) -> None:
        self.settings = settings
        self.specs = stage_specs(settings, extra)
        self.stages = tuple(spec.build(settings) for spec in self.specs)
        self.timer = StageTimer()

    def analyze(self) -> list[dict[str, Any]]:
        """What each stage requires and assigns, in order (as spaCy's ``analyze_pipes``)."""
        return [
            {"stage": s.name, "requires": list(s.requires), "assigns": list(s.assigns)}
            for s in self.specs
        ]

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
        """Every stage over the batch; an article over its time budget stops where it is.

        The stages see each article's working copy (invisible characters removed,
        :mod:`eventwire.offsets`); what comes out has every offset in the original text.
        """
        copies = [working_copy(article) for article in batch]
        results = [article for article, _ in copies]
        clock = _Clock(self.settings.article_seconds, [0.0] * len(results))
        for stage_ in self.stages:
            started = time.perf_counter()
            results = _apply(stage_, results, clock)
            self.timer.add(stage_.name, time.perf_counter() - started)
            results = clock.check(stage_.name, results)
        return [
            restored(replace(article, parsed=()), original)
            for article, (_, original) in zip(results, copies, strict=True)
        ]


@dataclass(slots=True)
class _Clock:
    """Seconds each article of a batch has used, against the budget (``<= 0``: none)."""

    budget: float
    spent: list[float]

    def remaining(self, index: int) -> float:
        return self.budget - self.spent[index] if self.budget > 0 else 0.0

    def share(self, indices: Sequence[int], articles: Sequence[Article], elapsed: float) -> None:
        """Time of a batched call, split by the length of each article's text."""
        sizes = [len(articles[i].text) + 1 for i in indices]
        total = sum(sizes)
        for i, size in zip(indices, sizes, strict=True):
            self.spent[i] += elapsed * size / total

    def check(self, stage_name: str, articles: list[Article]) -> list[Article]:
        """The articles, those over the budget failed (so no later stage runs on them)."""
        if self.budget <= 0:
            return articles
        return [
            article.with_error(stage_name, self.timeout(stage_name, i, stopped=False))
            if not article.failed and self.spent[i] > self.budget
            else article
            for i, article in enumerate(articles)
        ]

    def over(self, index: int) -> bool:
        return self.budget > 0 and self.spent[index] >= self.budget

    def timeout(self, stage_name: str, index: int, *, stopped: bool) -> ArticleTimeoutError:
        spent = self.spent[index]
        when = (
            f"stopped after {spent:.1f} s in stage {stage_name!r}"
            if stopped
            else f"{spent:.1f} s by the end of stage {stage_name!r}"
        )
        return ArticleTimeoutError(
            f"over the {self.budget:g} s time budget per article (article_seconds): {when}; its "
            "remaining stages were skipped; split the article or raise article_seconds"
        )


def _apply(stage_: Stage, articles: list[Article], clock: _Clock) -> list[Article]:
    pending = [i for i, article in enumerate(articles) if not article.failed]
    if stage_.run_batch is not None and len(pending) > 1:
        started = time.perf_counter()
        try:
            with deadline(clock.budget):
                outputs = stage_.run_batch([articles[i] for i in pending])
            _check_batch(stage_, [articles[i] for i in pending], outputs)
        except Expired:  # over the budget: charged by text length, the others retried one by one
            clock.share(pending, articles, time.perf_counter() - started)
        except Exception:  # retried one by one below, so the failure lands on its article
            pass
        else:
            clock.share(pending, articles, time.perf_counter() - started)
            merged = list(articles)
            for i, output in zip(pending, outputs, strict=True):
                merged[i] = output
            return merged
    return [
        article if article.failed else _run_one(stage_, article, clock, i)
        for i, article in enumerate(articles)
    ]


def _run_one(stage_: Stage, article: Article, clock: _Clock, index: int) -> Article:
    if clock.over(index):  # its share of a batched call that was stopped used the budget up
        return article.with_error(stage_.name, clock.timeout(stage_.name, index, stopped=True))
    started = time.perf_counter()
    try:
        with deadline(clock.remaining(index)):
            output = _call(stage_, article)
    except Expired:
        clock.spent[index] += time.perf_counter() - started
        return article.with_error(stage_.name, clock.timeout(stage_.name, index, stopped=True))
    except Exception as exc:
        return article.with_error(stage_.name, exc)
    clock.spent[index] += time.perf_counter() - started
    return output


def _call(stage_: Stage, article: Article) -> Article:
    if stage_.run_batch is not None:
        outputs = stage_.run_batch([article])
        _check_batch(stage_, [article], outputs)
        return outputs[0]
    output = stage_.run(article)
    _check_batch(stage_, [article], [output])
    return output


def _check_batch(stage_: Stage, inputs: Sequence[Article], outputs: Sequence[Article]) -> None:
    if len(outputs) != len(inputs):
        raise StageError(f"stage {stage_.name!r} returned {len(outputs)} of {len(inputs)} articles")
    for before, after in zip(inputs, outputs, strict=True):
        if not isinstance(after, Article) or after.id != before.id:
            raise StageError(f"stage {stage_.name!r} did not return the article it was given")
