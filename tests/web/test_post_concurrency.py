"""Issue 17: a POST runs its pipeline outside any lock the reads need, and stores its articles
in one transaction; reads go on meanwhile (they used to wait for the whole pipeline)."""

from __future__ import annotations

import dataclasses
import shutil
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings
from eventwire.store.database import Store
from eventwire.web import ServeSettings, create_app

STORIES = [
    {"id": f"slow-{n}", "date": "2024-07-01",
     "text": f"Talks {n}\n\nJapan on Monday accused North Korea of firing missile number {n}."}
    for n in range(3)
]  # fmt: skip


class HeldPipeline:
    """The real pipeline, held before its first batch until the test releases it."""

    def __init__(self, real: Pipeline) -> None:
        self.real = real
        # Batches of one article: the POST must still store its articles in one transaction.
        self.settings: Settings = dataclasses.replace(real.settings, batch_size=1)
        self.entered = threading.Event()
        self.release = threading.Event()

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Article]]:
        for batch in batches:
            self.entered.set()
            assert self.release.wait(60), "the test never released the pipeline"
            yield self.real.process_batch(batch)


def test_reads_do_not_wait_for_a_post(
    tmp_path: Path,
    web_db: Path,
    pipeline: Pipeline,
    server_thread: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(web_db, db)
    held = HeldPipeline(pipeline)
    writes: list[int] = []
    real_write = Store.write

    def counted(self: Store, articles: Any, *args: Any, **kwargs: Any) -> None:
        writes.append(len(articles))
        real_write(self, articles, *args, **kwargs)

    monkeypatch.setattr(Store, "write", counted)
    app = create_app(ServeSettings(db_path=db, token="t"), pipeline=held)  # type: ignore[arg-type]
    with server_thread(app) as server:
        before = httpx.get(server.url + "/stats").json()["counts"]["articles"]
        posted: dict[str, Any] = {}

        def post() -> None:
            posted["response"] = httpx.post(
                server.url + "/articles", json={"articles": STORIES},
                headers={"Authorization": "Bearer t"}, timeout=120,
            )  # fmt: skip

        thread = threading.Thread(target=post)
        thread.start()
        try:
            assert held.entered.wait(60), "the POST never reached the pipeline"
            # The pipeline is running (held): reads answer now, and see the data as it was.
            for path in ("/stats", "/events?limit=5", "/articles/web-1"):
                response = httpx.get(server.url + path, timeout=10)
                assert response.status_code == 200, path
            assert httpx.get(server.url + "/stats").json()["counts"]["articles"] == before
        finally:
            held.release.set()
            thread.join(timeout=120)
        assert posted["response"].status_code == 200, posted["response"].text
        assert posted["response"].json()["articles"] == len(STORIES)
        after = httpx.get(server.url + "/stats").json()["counts"]["articles"]
        assert after == before + len(STORIES)
    assert writes == [len(STORIES)]  # one transaction for the whole POST


def test_repeated_reads_are_answered_from_memory_until_a_post(
    tmp_path: Path, web_db: Path, pipeline: Pipeline
) -> None:
    """What dominated a GET was DuckDB planning its 2-9 queries: a repeated read is now
    answered without touching the database, and never with data older than the last POST."""
    from fastapi.testclient import TestClient

    db = tmp_path / "copy.duckdb"
    shutil.copy(web_db, db)
    app = create_app(ServeSettings(db_path=db, token="t"), pipeline=pipeline)
    with TestClient(app) as client:
        first = client.get("/stats")
        again = client.get("/stats")
        assert first.headers["x-eventwire-cache"] == "miss"
        assert again.headers["x-eventwire-cache"] == "hit" and again.json() == first.json()
        assert "frame-ancestors" in again.headers["content-security-policy"]
        assert client.get("/events?limit=3").headers["x-eventwire-cache"] == "miss"
        assert client.get("/events?limit=4").headers["x-eventwire-cache"] == "miss"
        assert client.get("/events?since=nope").status_code == 422
        assert client.get("/events?since=nope").headers.get("x-eventwire-cache") == "miss"
        response = client.post(
            "/articles", json={"articles": STORIES[:1]}, headers={"Authorization": "Bearer t"}
        )
        assert response.status_code == 200
        after = client.get("/stats")
        assert after.headers["x-eventwire-cache"] == "miss"
        assert after.json()["counts"]["articles"] == first.json()["counts"]["articles"] + 1
