"""Progress lines on a stderr that is not a terminal, and a database held by another process."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire import parallel
from eventwire.cli import main
from eventwire.errors import StoreError
from eventwire.model import Article
from eventwire.settings import Settings
from eventwire.store.database import Store

STORY = (
    "Chile recalls envoy\n\n"
    "Chile recalled its ambassador from Peru on Monday after a dispute over fishing rights.\n"
)


class _Slow:
    """A pipeline that takes its time: each batch 0.5 s, articles passed through unchanged."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
        for batch in batches:
            time.sleep(0.5)
            yield batch

    def close(self) -> None:
        pass


def test_progress_lines_when_stderr_is_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "make_pipeline", _Slow)
    for i in range(3):
        (tmp_path / f"s{i}.txt").write_text(STORY.replace("Monday", f"Monday {i}"))
    config = tmp_path / "c.toml"
    config.write_text("progress_seconds = 0.2\nbatch_size = 1\n")
    db = str(tmp_path / "e.duckdb")  # in the folder read: passed over without a word
    result = CliRunner().invoke(
        main, ["run", str(tmp_path), "--db", db, "--config", str(config)], catch_exceptions=False
    )
    assert "e.duckdb" not in result.stderr.replace(f"→ {db}", "")
    assert result.exit_code == 1, result.stderr  # c.toml is not an input
    assert f"skipped: {config}: unsupported file type '.toml'" in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("progress:")]
    assert len(lines) >= 2, result.stderr  # the run takes 1.5 s: a line every 0.2 s
    shape = re.compile(
        r"progress: (\d+) articles stored \(0 unchanged, 0 copies\), \d+ files read, 0 errors, "
        r"[\d.]+ articles/s, \d+ s"
    )
    stored = [int(m.group(1)) for m in map(shape.fullmatch, lines) if m]
    assert len(stored) == len(lines) and stored == sorted(stored) and stored[-1] >= 1, lines


@pytest.fixture()
def held_db(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A database opened for writing by another process (as `eventwire run` holds it)."""
    db = tmp_path / "e.duckdb"
    Store(db).close()
    script = textwrap.dedent(
        f"""
        import sys, time
        from eventwire.store.database import Store
        with Store({str(db)!r}):
            print("open", flush=True)
            sys.stdin.read()
        """
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    yield db
    holder.communicate("", timeout=30)


def test_reading_a_database_another_process_writes_says_so(held_db: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store(held_db, read_only=True)
    message = str(caught.value)
    assert "in use by another process" in message and "pid" in message
    result = CliRunner().invoke(main, ["events", "--db", str(held_db)])
    assert result.exit_code == 3
    assert "in use by another process" in result.stderr
