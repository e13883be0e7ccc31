"""HTML extraction in a process pool keeps order and laziness; the throughput script runs."""

from __future__ import annotations

import os

from eventwire.errors import IngestError
from eventwire.ingest.items import Skipped
from eventwire.ingest.pages import INLINE_PAGES, RawPage, extract_pages
from eventwire.ingest.throughput import html_page, run_all
from eventwire.model import Article
from eventwire.settings import Settings


def test_pool_keeps_input_order_and_passes_other_items() -> None:
    n = INLINE_PAGES + 6
    items: list[object] = []
    for i in range(n):
        items.append(RawPage(html_page(i), f"p{i}"))
        items.append(Skipped(f"s{i}", "warc-record", "request"))
    items.append(RawPage(b"<html></html>", "empty"))
    got = list(extract_pages(items, Settings(html_workers=2)))  # type: ignore[arg-type]
    assert [getattr(g, "origin", None) for g in got] == [
        *(x for i in range(n) for x in (f"p{i}", f"s{i}")), "empty",
    ]  # fmt: skip
    assert all(isinstance(g, Article) for g in got[:-1:2])
    assert isinstance(got[-1], IngestError)


def test_throughput_script_reports_every_reader() -> None:
    lines: list[str] = []
    run_all(n_records=40, n_pages=3, out=lines.append)
    readers = [line.split()[0] for line in lines]
    assert readers == ["txt", "jsonl", "csv", "parquet", "html", "warc.gz", "screen"]
    assert all("MB/s" in line for line in lines)


class CrashPage(RawPage):
    """A page whose extraction kills the worker process (as a crash in lxml would)."""

    __slots__ = ()

    def extract(self, settings: Settings) -> Article | IngestError:
        if self.origin == "crash":
            os._exit(1)
        return super().extract(settings)


def test_a_crashed_worker_costs_its_pages_not_the_run() -> None:
    pages = [CrashPage(html_page(i), f"p{i}") for i in range(INLINE_PAGES)]
    pages += [CrashPage(b"", "crash"), *(CrashPage(html_page(i), f"q{i}") for i in range(12))]
    got = list(extract_pages(pages, Settings(html_workers=2)))  # type: ignore[arg-type]
    assert len(got) == len(pages)
    crash = got[INLINE_PAGES]
    assert isinstance(crash, IngestError) and "crashed" in crash.reason
    assert isinstance(got[-1], Article)  # a new pool took over
