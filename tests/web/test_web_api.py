"""The HTTP API over a small database, through FastAPI's test client."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from conftest import WEB_STORIES
from eventwire.pipeline import Pipeline
from eventwire.web import ServeSettings, create_app


@pytest.fixture()
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def test_events_page_and_total(client: TestClient) -> None:
    body = client.get("/events", params={"limit": 2}).json()
    assert body["limit"] == 2 and body["offset"] == 0
    assert len(body["items"]) == 2 and body["total"] >= 4
    second = client.get("/events", params={"limit": 2, "offset": 2}).json()
    assert {e["event_id"] for e in body["items"]}.isdisjoint(e["event_id"] for e in second["items"])


def test_event_rows_carry_evidence_offsets(client: TestClient) -> None:
    items = client.get("/events", params={"code": "174"}).json()["items"]
    # the headline's expulsion has no known source ("Ruritania"); the body's is Serbia's
    event = next(e for e in items if e["source_code"])
    assert event["source_code"] == "SRB" and event["trigger_text"] == "expelled"
    text = client.get("/articles/web-1").json()["text"]
    assert text[event["trigger_start"] : event["trigger_end"]] == "expelled"
    assert text[event["source_start"] : event["source_end"]] == "Serbia"
    assert event["sentence"].startswith("Serbia on Friday expelled")
    assert event["date"] == "2024-06-07" and "Friday" in event["date_reason"]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"actor": "SRB"}, lambda e: "SRB" in (e["source_code"] or "") + (e["target_code"] or "")),
        (
            {"actor_name": "serbia"},
            lambda e: (
                "serbia"
                in " ".join(
                    str(e[k] or "")
                    for k in ("source_name", "source_text", "target_name", "target_text")
                ).lower()
            ),
        ),
        ({"root": "17"}, lambda e: e["cameo_root"] == "17"),
        ({"plover": "COERCE"}, lambda e: e["plover_type"] == "COERCE"),
        ({"quad_class": 4}, lambda e: e["quad_class"] == 4),
        ({"q": "DIPLOMAT spying"}, lambda e: "diplomat" in e["sentence"]),
        ({"since": "2024-06-12", "until": "2024-06-30"}, lambda e: e["date"] >= "2024-06-12"),
        ({"country": "KEN"}, lambda e: e["place_country"] == "KEN"),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, object], check: object) -> None:
    body = client.get("/events", params=params).json()
    assert body["items"], params
    assert all(check(e) for e in body["items"])  # type: ignore[operator]
    assert body["total"] < client.get("/events").json()["total"]


def test_sorting(client: TestClient) -> None:
    items = client.get("/events", params={"sort": "goldstein", "order": "desc"}).json()["items"]
    scores = [e["goldstein"] for e in items]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"quad_class": 7}, "quad_class"),
        ({"plover": "DANCE"}, "plover"),
        ({"since": "yesterday"}, "since"),
        ({"sort": "goldstein; DROP TABLE events"}, "sort"),
        ({"limit": 0}, "limit"),
        ({"code": "abc"}, "code"),
        ({"since": "2024-07-01", "until": "2024-06-01"}, "after"),
    ],
)
def test_invalid_parameters_are_422(
    client: TestClient, params: dict[str, object], word: str
) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 422
    assert word in response.text


def test_article_quotes_actors_stats(client: TestClient) -> None:
    assert client.get("/articles/nope").status_code == 404
    article = client.get("/articles/web-1").json()
    assert article["title"].startswith("Ruritania") and article["events"]
    listing = client.get("/articles").json()
    assert listing["total"] == len(WEB_STORIES) and "text" not in listing["items"][0]
    quotes = client.get("/quotes", params={"speaker": "ilic"}).json()["items"]
    assert quotes and quotes[0]["speaker_code"] == "SRBGOV"
    assert all(q["kind"] == "quote" and "partial" in q for q in quotes)
    every = client.get("/quotes", params={"kind": "all"}).json()["total"]
    kept = client.get("/quotes").json()["total"]
    apart = client.get("/quotes", params={"kind": "unattributed"}).json()["total"]
    assert every == kept + apart
    assert client.get("/quotes", params={"kind": "scare"}).status_code == 422
    actors = client.get("/actors").json()["items"]
    assert any(a["code"] == "SRB" and a["as_source"] >= 1 for a in actors)
    stats = client.get("/stats").json()
    assert stats["counts"]["articles"] == len(WEB_STORIES) and stats["by_plover"]


def test_timeline_and_network(client: TestClient) -> None:
    timeline = client.get("/timeline", params={"by": "quad_class"}).json()
    assert {"date": "2024-06-07", "grp": "4", "n": 1} in timeline["series"]
    network = client.get("/network").json()
    assert any(e["source"] == "SRB" and e["weight"] >= 1 for e in network["edges"])
    assert client.get("/network", params={"min_weight": 99}).json()["edges"] == []


def test_ui_and_openapi(client: TestClient) -> None:
    assert '<table id="event-table"' in client.get("/").text
    assert client.get("/static/app.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/events", "/quotes", "/actors", "/stats", "/articles"} <= set(paths)


def test_post_is_off_without_a_token(client: TestClient) -> None:
    response = client.post("/articles", json={"articles": [{"text": "Serbia expelled envoy."}]})
    assert response.status_code == 404


def test_post_with_token(tmp_path: Path, web_db: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(web_db, db)
    app = create_app(ServeSettings(db_path=db, token="s3cret"), pipeline=pipeline)
    story = {
        "id": "posted-1", "date": dt.date(2024, 7, 1).isoformat(), "title": "Talks",
        "text": "Talks\n\nJapan on Monday accused North Korea of firing a missile.",
    }  # fmt: skip
    with TestClient(app) as client:
        assert client.post("/articles", json={"articles": [story]}).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert (
            client.post("/articles", json={"articles": [story]}, headers=wrong).status_code == 403
        )
        good = {"Authorization": "Bearer s3cret"}
        assert client.post("/articles", json={"articles": []}, headers=good).status_code == 422
        response = client.post("/articles", json={"articles": [story]}, headers=good)
        assert response.status_code == 200, response.text
        assert response.json()["articles"] == 1 and response.json()["events"] >= 1
        assert client.get("/articles/posted-1").json()["events"][0]["source_code"] == "JPN"
