"""The runner streams: memory stays flat however many articles go through (slow)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.runner import process_items
from eventwire.settings import Settings
from eventwire.store.database import Store

pytestmark = pytest.mark.slow


def _rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def test_memory_is_flat_over_a_long_run(tmp_path: Path) -> None:
    n = 40_000
    seen: dict[int, int] = {}

    def articles() -> Iterator[Article]:
        for i in range(n):
            if i in (n // 4, n - 1):
                seen[i] = _rss_mb()
            text = f"France criticised Italy on Monday over tariff {i}. " * 4
            yield Article(text=text, external_id=f"m{i}")

    pipeline = Pipeline(Settings(stages=("normalise",), batch_size=256))
    with Store(tmp_path / "m.duckdb") as store:
        summary = process_items(articles(), pipeline=pipeline, store=store, screen=False)
    assert summary.articles == n
    # Three times the articles after the first quarter: no more than 60 MB more.
    assert seen[n - 1] - seen[n // 4] < 60, seen
