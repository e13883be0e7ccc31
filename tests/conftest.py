"""Shared fixtures. Articles here are short wire-style stories written for these tests."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

PAPER_STORY = """Envoy to urge council to back ceasefire, a plan already rejected by Ruritania

The United States on Friday stepped up pressure on Russia, as US diplomats left the embassy in Moscow and Germany vowed to support its allies.

US Secretary of State Mary Lane on Saturday will urge members of the United Nations Security Council to recognise opposition leader Ana Torres as Bolivia’s interim president.

Russia has accused Washington of backing a coup. Bolivian President Luis Ortega thanked Lane for raising the issue.

“I was about to ask for a debate myself,” Ortega said. “Thanks, Mary … We will tell the truth.”

In a speech on Wednesday, Ortega broke off diplomatic relations with Washington and ordered the US personnel out within 72 hours.

.

Leave a Reply

Your email address will not be published. Required fields are marked *
"""


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(batch_size=8)


@pytest.fixture(scope="session")
def pipeline(settings: Settings) -> Pipeline:
    """The full pipeline, built once per test session (loading spaCy takes a second)."""
    return Pipeline(settings)


@pytest.fixture(scope="session")
def process(pipeline: Pipeline) -> Callable[..., Article]:
    """Run one text through the pipeline: ``process(text, date=..., title=...)``."""

    def run(text: str, *, date: dt.date | None = None, title: str | None = None) -> Article:
        article = Article(text=text, date=date, title=title)
        (result,) = pipeline.process_batch([article])
        return result

    return run


#: (source code, CAMEO code, target code) of each event that is not negated.
Coded = list[tuple[str | None, str, str | None]]


@pytest.fixture(scope="session")
def coded(process: Callable[..., Article]) -> Callable[[str], Coded]:
    """Code one text and list its non-negated events as (source, CAMEO, target) codes."""

    def run(text: str) -> Coded:
        return [
            (e.source.code if e.source else None, e.type.cameo, e.target.code if e.target else None)
            for e in process(text).events
            if not e.negated
        ]

    return run


@pytest.fixture(scope="session")
def paper_story(process: Callable[..., Article]) -> Article:
    """A processed story in the shape of the Venezuela wire (invented names)."""
    title = PAPER_STORY.split("\n", 1)[0]
    return process(PAPER_STORY, date=dt.date(2019, 1, 26), title=title)


@pytest.fixture()
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


def _stored_bytes(db: Path) -> int:
    wal = db.with_name(db.name + ".wal")
    return sum(p.stat().st_size for p in (db, wal) if p.exists())


def _kill_mid_run(process: subprocess.Popen[bytes], db: Path) -> None:
    """Wait until some batches of a run are stored in ``db``, then SIGKILL the run (only it,
    as a user would) and reap it; its worker processes must end by themselves."""
    deadline = time.monotonic() + 120
    baseline = None
    while time.monotonic() < deadline and process.poll() is None:
        size = _stored_bytes(db)
        baseline = baseline or (size or None)
        if baseline and size > baseline + 50_000:  # some batches are in
            break
        time.sleep(0.1)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)


@pytest.fixture()
def kill_mid_run() -> Callable[[subprocess.Popen[bytes], Path], None]:
    """``kill_mid_run(process, db)``: SIGKILL an `eventwire run` once it has stored something."""
    return _kill_mid_run
