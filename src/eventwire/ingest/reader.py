"""``read_paths``: every input path to a stream of articles and per-item errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventwire.errors import IngestError
from eventwire.ingest.files import input_files
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.text import read_text
from eventwire.model import Article
from eventwire.settings import Settings


def read_paths(
    paths: Iterable[Path],
    *,
    settings: Settings,
    on_file: Callable[[Path], None] | None = None,
) -> Iterator[Article | IngestError]:
    """Articles from ``paths`` in order (directories walked in sorted order), streamed.

    Never raises for a bad input item: each problem is yielded as an :class:`IngestError`
    whose ``origin`` names the file (``file:LINE`` for JSONL). ``on_file`` is called after
    each file has been read (for progress reporting).
    """
    for item in input_files(paths):
        if isinstance(item, IngestError):
            yield item
        elif item.suffix.lower() == ".jsonl":
            yield from read_jsonl(item, settings=settings)
        else:
            yield read_text(item, settings=settings)
        if on_file is not None and not isinstance(item, IngestError):
            on_file(item)
