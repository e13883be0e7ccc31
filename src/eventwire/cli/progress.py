"""What `eventwire run` tells while it works and when it ends (stderr).

On a terminal the files progress bar shows the run going; when stderr is not a terminal (a log, a
pipe, a batch job) :class:`ProgressLines` prints one line every ``progress_seconds`` instead, so
a long run is never silent. :func:`report_run` prints the errors, warnings, copies and skipped
files of a finished run: each by name, or one line per file type when there are many.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from pathlib import Path
from types import TracebackType

import click

from eventwire.ingest.files import file_type
from eventwire.runner import RunSummary

#: Up to this many copies, warnings or unsupported files are named one by one.
NAMED = 10


class ProgressLines:
    """A daemon thread printing ``progress: ...`` on stderr every ``interval`` seconds."""

    def __init__(self, summary: RunSummary, interval: float, *, enabled: bool) -> None:
        self.summary = summary
        self.interval = interval
        self.enabled = enabled
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="progress", daemon=True)
        self._started = time.monotonic()

    def __enter__(self) -> ProgressLines:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def line(self) -> str:
        s = self.summary
        elapsed = time.monotonic() - self._started
        rate = s.articles / s.seconds if s.seconds > 0 else 0.0
        return (
            f"progress: {s.articles} articles stored ({s.unchanged} unchanged, {s.copies} copies), "
            f"{s.files} files read, {len(s.errors)} errors, {rate:.1f} articles/s, "
            f"{elapsed:.0f} s"
        )

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            click.echo(self.line(), err=True)


def report_run(summary: RunSummary) -> None:
    """Errors, then warnings, copies and unsupported files of a finished run, on stderr."""
    for origin, message in summary.errors:
        click.echo(f"error: {origin}: {message}", err=True)
    for origin, message in summary.warnings[:NAMED]:
        click.echo(f"warning: {origin}: {message}", err=True)
    if len(summary.warnings) > NAMED:
        more = len(summary.warnings) - NAMED
        click.echo(f"warning: ... and {more} more (stored in articles.warnings)", err=True)
    for origin, copy_id, original, kind in summary.copy_list[:NAMED]:
        click.echo(f"copy: {origin} ({copy_id}) is a copy of {original} ({kind})", err=True)
    if len(summary.copy_list) > NAMED:
        more = len(summary.copy_list) - NAMED
        click.echo(f"copy: ... and {more} more (see the copies table)", err=True)
    _report_unsupported(summary.unsupported)


def _report_unsupported(files: list[tuple[str, str]]) -> None:
    if len(files) <= NAMED:
        for path, reason in files:
            click.echo(f"skipped: {path}: {reason}", err=True)
        return
    by_type: dict[str, list[str]] = defaultdict(list)
    for path, _ in files:
        by_type[file_type(Path(path)) or "(no extension)"].append(path)
    for kind, paths in sorted(by_type.items(), key=lambda item: (-len(item[1]), item[0])):
        label = f"'{kind}'" if kind.startswith(".") else kind
        noun = "file" if len(paths) == 1 else "files"
        click.echo(
            f"skipped: {len(paths)} {noun} of type {label} (unsupported), e.g. {paths[0]}",
            err=True,
        )
