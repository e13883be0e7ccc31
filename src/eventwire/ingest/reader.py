"""``read_inputs``: every input (paths, URLs, feeds) to a stream of items; ``read_paths`` is the
articles-and-errors view of it that older callers use."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from eventwire.errors import IngestError
from eventwire.ingest.feeds import read_feed, read_url, read_url_list
from eventwire.ingest.fetch import Fetcher
from eventwire.ingest.files import file_kind, input_files
from eventwire.ingest.html import read_page_bytes
from eventwire.ingest.items import FileDone, Item, Skipped
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.pages import RawPage, extract_pages
from eventwire.ingest.tabular import read_csv, read_parquet
from eventwire.ingest.text import read_text
from eventwire.ingest.warc import warc_pages
from eventwire.model import Article
from eventwire.settings import Settings

#: How many articles a file with this stamp held when an earlier run read it; ``None``: not read.
KnownFile = Callable[[FileDone], int | None]


@dataclass(kw_only=True)
class Inputs:
    """What a run reads: paths (files, folders, ``http(s)://`` URLs) and feeds."""

    paths: Iterable[Path | str] = ()
    feeds: Iterable[str] = ()
    #: Files a folder walk passes over without a word (the run's own database and its WAL).
    quiet: Iterable[Path] = ()


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
    for item in read_inputs(Inputs(paths=paths), settings=settings, on_file=on_file):
        if isinstance(item, Article | IngestError):
            yield item


def read_inputs(
    inputs: Inputs,
    *,
    settings: Settings,
    on_file: Callable[[Path], None] | None = None,
    known: KnownFile | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Item]:
    """Every item of ``inputs``; a :class:`FileDone` follows each file read to its end."""
    yield from extract_pages(_raw_inputs(inputs, settings, on_file, known, fetcher), settings)


def _raw_inputs(
    inputs: Inputs,
    settings: Settings,
    on_file: Callable[[Path], None] | None,
    known: KnownFile | None,
    fetcher: Fetcher | None,
) -> Iterator[Item | RawPage]:
    own = fetcher or Fetcher(settings=settings)
    try:
        files = [Path(p) for p in inputs.paths if not _is_url(p)]
        yield from (read_url(str(p), own) for p in inputs.paths if _is_url(p))
        for feed in inputs.feeds:
            yield from read_feed(feed, own)
        quiet = {os.path.realpath(p) for p in inputs.quiet}
        for path in input_files(files):
            if isinstance(path, Skipped) and os.path.realpath(path.origin) in quiet:
                continue
            if isinstance(path, IngestError | Skipped):
                yield path
                continue
            yield from _read_file(path, settings, known, own)
            if on_file is not None:
                on_file(path)
    finally:
        if fetcher is None:
            own.close()


def _is_url(path: Path | str) -> bool:
    return str(path).startswith(("http://", "https://"))


def _read_file(
    path: Path, settings: Settings, known: KnownFile | None, fetcher: Fetcher
) -> Iterator[Item | RawPage]:
    """The file's items, then a :class:`FileDone` when it was read without any error."""
    stamp = _stamp(path)
    before = known(stamp) if stamp is not None and known is not None else None
    if before is not None:
        why = "read completely in an earlier run (same size and modification time)"
        yield Skipped(str(path), "file", why, articles=before)
        return
    articles = errors = 0
    for item in _reader(path, settings, fetcher):
        articles += isinstance(item, Article | RawPage)
        errors += isinstance(item, IngestError)
        yield item
    if stamp is not None and not errors:
        yield replace(stamp, articles=articles)


def _stamp(path: Path) -> FileDone | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return FileDone(os.path.abspath(path), info.st_size, info.st_mtime_ns)


def _reader(path: Path, settings: Settings, fetcher: Fetcher) -> Iterator[Item | RawPage]:
    kind = file_kind(path)
    if kind in (".jsonl", ".jsonl.gz"):
        return read_jsonl(path, settings=settings)
    if kind in (".html", ".htm", ".html.gz", ".htm.gz"):
        data = read_page_bytes(path, settings)
        return iter([data if isinstance(data, IngestError) else RawPage(data, str(path))])
    if kind in (".warc", ".warc.gz"):
        return warc_pages(path, settings=settings)
    if kind in (".csv", ".csv.gz"):
        return read_csv(path, settings=settings)
    if kind == ".parquet":
        return read_parquet(path, settings=settings)
    if kind == ".urls":
        return read_url_list(path, fetcher)
    if kind in (".rss", ".atom"):
        return read_feed(str(path), fetcher)
    return iter([read_text(path, settings=settings)])
