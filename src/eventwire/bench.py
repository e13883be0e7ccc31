"""End-to-end throughput against the bare spaCy pipeline on the same text, and how the time of
one article grows with its length.

:func:`run_bench`: articles and words per second from the input file to DuckDB, against bare
spaCy (the same model, the same paragraphs, as many processes, the same batching). The default
corpus is the real-length news of the repository (:data:`DEFAULT_CORPUS`, 44 Voice of America
stories of about 700 words); the bundled examples are 83 words long, where every cost that grows
with length hides.

:func:`run_scaling`: one article of each length (10k, 100k, 1M characters), built from the
corpus's stories, through the pipeline in this process; seconds per stage, and per 10,000
characters, so that a stage whose time grows faster than the text shows at once.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.ingest import read_paths
from eventwire.model import Article
from eventwire.nlp import analysed_paragraphs, char_batches, load_model
from eventwire.parallel import ParallelPipeline, make_pipeline, worker_count
from eventwire.pipeline import Pipeline
from eventwire.runner import process_items
from eventwire.settings import Settings
from eventwire.store.database import Store
from eventwire.text import with_paragraphs

#: Real-length news in the repository: the labelled VOA stories (public domain).
DEFAULT_CORPUS = Path("data/labelled/voa/stories.jsonl")
#: The bundled examples, used when the VOA stories are not there (83 words an article).
FALLBACK_CORPUS = Path("examples")
#: Below this many words an article the figures say little about real news.
SHORT_WORDS = 300
#: Article lengths (characters) of the scaling benchmark.
SCALING_SIZES = (10_000, 100_000, 1_000_000)


@dataclass(frozen=True, slots=True)
class BenchResult:
    articles: int
    words: int
    seconds: float
    spacy_seconds: float
    stage_seconds: dict[str, float]
    peak_rss_mb: float
    workers: int = 1

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def spacy_articles_per_s(self) -> float:
        return self.articles / self.spacy_seconds

    @property
    def words_per_article(self) -> float:
        return self.words / self.articles if self.articles else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "words": self.words,
            "words_per_article": round(self.words_per_article, 1),
            "workers": self.workers,
            "articles_per_s": round(self.articles_per_s, 2),
            "words_per_s": round(self.words / self.seconds),
            "spacy_articles_per_s": round(self.spacy_articles_per_s, 2),
            "spacy_words_per_s": round(self.words / self.spacy_seconds),
            "ratio": round(self.articles_per_s / self.spacy_articles_per_s, 3),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
        }


@dataclass(frozen=True, slots=True)
class ScalingResult:
    """One long article through the pipeline: its length and the seconds of each stage."""

    chars: int
    words: int
    seconds: float
    stage_seconds: dict[str, float]
    errors: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        per = 10_000 / self.chars if self.chars else 0.0
        return {
            "chars": self.chars,
            "words": self.words,
            "seconds": round(self.seconds, 2),
            "words_per_s": round(self.words / self.seconds) if self.seconds else 0,
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
            "stage_seconds_per_10k_chars": {
                k: round(v * per, 4) for k, v in self.stage_seconds.items()
            },
            "errors": list(self.errors),
        }


def corpus(seed_texts: list[str], n: int) -> list[dict[str, str]]:
    """``n`` distinct wire-length records cycling through ``seed_texts``."""
    return [
        {
            "id": f"bench-{i}",
            "date": "2024-01-15",
            "text": seed_texts[i % len(seed_texts)] + f"\n\nThis is bulletin number {i}.",
        }
        for i in range(n)
    ]


def seed_texts(paths: list[Path], settings: Settings) -> list[str]:
    return [item.text for item in read_paths(paths, settings=settings) if isinstance(item, Article)]


def run_bench(texts: list[str], n: int, settings: Settings) -> BenchResult:
    records = corpus(texts, n)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bench.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        paragraphs = _paragraph_texts(records, settings)
        spacy_seconds = _time_spacy(paragraphs, settings)
        pipeline = make_pipeline(settings)
        try:
            _warm_up(pipeline, worker_count(settings.workers))
            started = time.perf_counter()
            with Store(Path(tmp) / "bench.duckdb") as store:
                process_items(
                    read_paths([source], settings=settings),
                    pipeline=pipeline,
                    store=store,
                    screen=False,  # the same stories again and again: not copies here
                )
            seconds = time.perf_counter() - started
        finally:
            pipeline.close()
    peak = _peak_rss_mb()
    words = sum(len(p.split()) for p in paragraphs)
    stages = dict(pipeline.timer.seconds)
    workers = worker_count(settings.workers)
    return BenchResult(n, words, seconds, spacy_seconds, stages, peak, workers)


def long_article(seed_texts: list[str], chars: int) -> str:
    """An article of about ``chars`` characters: the seed stories one after another as
    paragraphs (again from the first when they run out), the last one cut after a sentence."""
    paragraphs: list[str] = []
    size = 0
    i = 0
    while size < chars:
        text = seed_texts[i % len(seed_texts)].strip()
        room = chars - size - (2 if paragraphs else 0)
        if len(text) > room:
            cut = text.rfind(". ", 0, room)
            if cut <= 0 and paragraphs:  # no sentence fits: the article ends here
                break
            text = text[: cut + 1] if cut > 0 else text[:room]
        paragraphs.append(text)
        size += len(text) + (2 if len(paragraphs) > 1 else 0)
        i += 1
    return "\n\n".join(paragraphs)


def run_scaling(
    texts: list[str], sizes: tuple[int, ...], settings: Settings
) -> list[ScalingResult]:
    """Each size's article through one pipeline in this process (no time budget), in order."""
    pipeline = Pipeline(settings.with_(article_seconds=0.0))
    pipeline.process_batch([Article(text="Warm-up: France praised Germany.")])
    results: list[ScalingResult] = []
    for size in sizes:
        article = Article(text=long_article(texts, size), date=dt.date(2024, 1, 15))
        pipeline.timer.seconds.clear()
        started = time.perf_counter()
        [done] = pipeline.process_batch([article])
        seconds = time.perf_counter() - started
        errors = tuple(f"{e.stage}: {e.kind}: {e.message}" for e in done.errors)
        words = len(article.text.split())
        stages = dict(pipeline.timer.seconds)
        results.append(ScalingResult(len(article.text), words, seconds, stages, errors))
    return results


def _warm_up(pipeline: Pipeline | ParallelPipeline, workers: int) -> None:
    """Load the model in every worker before the clock starts."""
    batches = [[Article(text=f"Warm-up {i}: France praised Germany.")] for i in range(workers)]
    for _ in pipeline.map_batches(batches):
        pass
    pipeline.timer.seconds.clear()


def _paragraph_texts(records: list[dict[str, str]], settings: Settings) -> list[str]:
    texts: list[str] = []
    for record in records:
        article = with_paragraphs(Article(text=record["text"]))
        texts.extend(
            s.text_of(article.norm_text) for _, s in analysed_paragraphs(article, settings)
        )
    return texts


def _time_spacy(paragraphs: list[str], settings: Settings) -> float:
    """Bare spaCy on the same paragraphs, with as many processes as the pipeline has."""
    nlp = load_model(settings.model)
    workers = worker_count(settings.workers)
    for _ in nlp.pipe(paragraphs[: 4 * workers], n_process=workers):  # start the workers
        pass
    started = time.perf_counter()
    for _ in nlp.pipe(
        paragraphs, batch_size=spacy_batch_size(paragraphs, settings), n_process=workers
    ):
        pass
    return time.perf_counter() - started


def spacy_batch_size(paragraphs: list[str], settings: Settings) -> int:
    """The batch size of ``nlp.pipe`` that cuts the paragraphs into as many batches as the
    pipeline's parser does (:func:`eventwire.nlp.parse`: at most ``batch_size`` paragraphs and
    ``parse_chars`` characters a batch); ``nlp.pipe`` with several processes takes one size."""
    batches = sum(1 for _ in char_batches(paragraphs, settings.batch_size, settings.parse_chars))
    return max(1, round(len(paragraphs) / max(1, batches)))


def _peak_rss_mb() -> float:
    """Largest resident set of this process or any of its (finished) workers, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024
