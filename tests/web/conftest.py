"""A small database built from invented wire stories, and the app and servers over it."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.runner import process_items
from eventwire.store.database import Store
from eventwire.web import ServeSettings, create_app

STORIES = [
    Article(
        external_id="web-1",
        title="Ruritania expels Freedonian diplomat",
        date=dt.date(2024, 6, 8),
        source="Test Wire",
        url="https://example.org/web-1",
        text=(
            "Ruritania expels Freedonian diplomat\n\n"
            "Serbia on Friday expelled a senior Croatian diplomat and accused Zagreb of spying, "
            "the foreign ministry said in Belgrade.\n\n"
            "“We will not tolerate this,” Foreign Minister Petar Ilic told reporters."
        ),
    ),
    Article(
        external_id="web-2",
        title="Leaders sign trade deal",
        date=dt.date(2024, 6, 12),
        source="Test Wire",
        text=(
            "Leaders sign trade deal\n\n"
            "Kenyan President Daniel Mwangi met Ethiopian Prime Minister Abebe Tadesse in Nairobi "
            "on Tuesday.\n\n"
            "The European Union called on Kenya and Ethiopia to open their markets."
        ),
    ),
    Article(
        external_id="web-evil",
        title="<script>window.__pwned = 1</script>",
        date=dt.date(2024, 6, 14),
        source="Test Wire",
        text=(
            "<script>window.__pwned = 1</script> Police arrest protesters\n\n"
            "Nigerian police on Saturday arrested dozens of protesters in Lagos "
            '<img src=x onerror="window.__pwned = 2">.\n\n'
            "Amnesty International urged the Nigerian government to release them."
        ),
    ),
]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        summary = process_items(STORIES, pipeline=pipeline, store=store)
    assert summary.errors == [] and summary.events > 0
    return path


@pytest.fixture()
def app(web_db: Path) -> Iterator[FastAPI]:
    yield create_app(ServeSettings(db_path=web_db))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """uvicorn on 127.0.0.1 and a free port, in a background thread."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def web_server(web_db: Path) -> Iterator[ServerThread]:
    with ServerThread(create_app(ServeSettings(db_path=web_db))) as server:
        yield server


@pytest.fixture(scope="session")
def server_thread() -> type[ServerThread]:
    """The class, for tests that serve an app of their own: ``with server_thread(app) as s``."""
    return ServerThread
