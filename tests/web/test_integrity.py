"""Issue 17 (part B): ids with '/', negation and modality in the exports, mentions of one event.

Over the small web database (``conftest.WEB_STORIES``): the story with a URL-style id tells one
expulsion three times (lead, later, later), and has a negated and a hypothetical event."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

from conftest import SLASH_ID
from eventwire.cli import main


@pytest.fixture()
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def _gdelt(db: Path, *args: str) -> list[dict[str, str]]:
    lines = _cli("export", "--db", str(db), "--table", "events", "--format", "gdelt",
                 "--article", SLASH_ID, *args).splitlines()  # fmt: skip
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def _plover(db: Path) -> list[dict[str, object]]:
    out = _cli("export", "--db", str(db), "--table", "events", "--format", "plover",
               "--article", SLASH_ID)  # fmt: skip
    return [json.loads(line) for line in out.splitlines()]


# -- ids with '/' ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [quote(SLASH_ID, safe=""), quote(SLASH_ID, safe="/:")],
    ids=["percent-encoded", "raw-slashes"],
)
def test_article_id_with_slashes_opens(client: TestClient, path: str) -> None:
    response = client.get("/articles/" + path)
    assert response.status_code == 200, response.text
    article = response.json()
    assert article["article_id"] == SLASH_ID and article["events"]
    assert client.get("/events", params={"article": SLASH_ID}).json()["total"] >= 1
    assert client.get("/articles/" + quote("nope/not/here", safe="")).status_code == 404


# -- negation and modality ----------------------------------------------------------------------
def test_gdelt_leaves_out_negated_and_hypothetical_events(web_db: Path) -> None:
    kept = _gdelt(web_db)
    assert {(r["Actor1Code"], r["EventCode"]) for r in kept} == {("SRB", "174")}
    everything = _gdelt(web_db, "--keep-nonfactual")
    codes = {(r["Actor1Code"], r["EventCode"]) for r in everything}
    assert {("HRV", "174"), ("HRV", "1312")} <= codes  # "did not expel", "might sanction"


def test_plover_export_carries_negation_and_modality(web_db: Path) -> None:
    records = {(r["actor_country"], r["event_type"]): r for r in _plover(web_db)}
    negated = records[("HRV", "COERCE")]
    assert negated["negated"] is True and negated["modality"] == "asserted"
    assert records[("HRV", "THREATEN")]["modality"] == "possible"
    assert records[("SRB", "COERCE")]["negated"] is False


def test_events_command_shows_negation(web_db: Path) -> None:
    table = _cli("events", "--db", str(web_db), "--article", SLASH_ID).splitlines()
    assert "negated" in table[0].split()
    croatia = next(line for line in table if "did not expel" in line)
    assert " True " in croatia
    rows = [
        json.loads(line)
        for line in _cli(
            "events", "--db", str(web_db), "--article", SLASH_ID, "--format", "jsonl"
        ).splitlines()
    ]
    assert [r["negated"] for r in rows].count(True) == 1 and all("modality" in r for r in rows)


# -- mentions of one event ---------------------------------------------------------------------
def test_repeats_are_mentions_of_one_event(web_db: Path, client: TestClient) -> None:
    events = client.get("/events", params={"article": SLASH_ID, "code": "174"}).json()["items"]
    serbia = [e for e in events if e["source_code"] == "SRB"]
    assert len(serbia) == 1 and serbia[0]["mentions"] == 3
    assert serbia[0]["date"] == "2024-06-12"  # the stated date, not the publication date
    every = client.get(
        "/events", params={"article": SLASH_ID, "code": "174", "all_mentions": "true"}
    ).json()["items"]
    mentions = [e for e in every if e["source_code"] == "SRB"]
    assert len(mentions) == 3 and {e["mention_of"] for e in mentions} == {serbia[0]["event_id"]}
    # the article view keeps every mention's evidence
    article = client.get("/articles/" + quote(SLASH_ID, safe="")).json()
    assert len([e for e in article["events"] if e["mention_of"] == serbia[0]["event_id"]]) == 3
    stats = client.get("/stats").json()["counts"]
    assert stats["mentions"] == stats["events"] + 2


def test_exports_give_one_event_with_its_mentions(web_db: Path) -> None:
    (expel,) = [r for r in _gdelt(web_db) if r["Actor1Code"] == "SRB"]
    assert expel["NumMentions"] == "3" and expel["NumArticles"] == "1"
    assert expel["IsRootEvent"] == "1" and expel["Day"] == "20240612"
    plover = [r for r in _plover(web_db) if r["actor_country"] == "SRB"]
    assert len(plover) == 1 and plover[0]["mentions"] == 3
    evidence = plover[0]["mention_evidence"]
    assert isinstance(evidence, list) and len(evidence) == 3
    assert [m["trigger_text"] for m in evidence] == ["expelled"] * 3
    assert len({m["sentence_start"] for m in evidence}) == 3
    rows = [
        json.loads(line)
        for line in _cli(
            "export", "--db", str(web_db), "--table", "events", "--article", SLASH_ID
        ).splitlines()
    ]
    assert [r["mentions"] for r in rows if r["source_code"] == "SRB"] == [3]
    every = _cli("export", "--db", str(web_db), "--table", "events", "--article", SLASH_ID,
                 "--all-mentions").splitlines()  # fmt: skip
    assert len(every) == len(rows) + 2


def test_show_marks_repeated_mentions(web_db: Path) -> None:
    out = _cli("show", "--db", str(web_db), SLASH_ID)
    assert out.count("mention of E1") == 2 and "3 mentions" in out


# -- security headers ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/static/app.js", "/events", "/stats", "/articles/nope"])
def test_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_api_docs_still_load_under_their_policy(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "cdn.jsdelivr.net" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
