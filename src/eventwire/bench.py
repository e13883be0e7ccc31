"""End-to-end throughput against the bare spaCy pipeline on the same text."""

from __future__ import annotations

import json
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.ingest import read_paths
from eventwire.model import Article
from eventwire.nlp import analysed_paragraphs, load_model
from eventwire.parallel import ParallelPipeline, make_pipeline, worker_count
from eventwire.pipeline import Pipeline
from eventwire.runner import process_items
from eventwire.settings import Settings
from eventwire.store.database import Store
from eventwire.text import with_paragraphs


@dataclass(frozen=True, slots=True)
class BenchResult:
    articles: int
    words: int
    seconds: float
    spacy_seconds: float
    stage_seconds: dict[str, float]
    peak_rss_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def spacy_articles_per_s(self) -> float:
        return self.articles / self.spacy_seconds

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "words": self.words,
            "articles_per_s": round(self.articles_per_s, 2),
            "spacy_articles_per_s": round(self.spacy_articles_per_s, 2),
            "ratio": round(self.articles_per_s / self.spacy_articles_per_s, 3),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
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
    return BenchResult(n, words, seconds, spacy_seconds, dict(pipeline.timer.seconds), peak)


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
    for _ in nlp.pipe(paragraphs, batch_size=settings.batch_size, n_process=workers):
        pass
    return time.perf_counter() - started


def _peak_rss_mb() -> float:
    """Largest resident set of this process or any of its (finished) workers, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024
