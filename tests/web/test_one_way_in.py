"""The same input through the command line and the web API gives the same tables (the ingest
screen applies to both: a French story is skipped, a copy is recorded, not processed)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.cli import main
from eventwire.pipeline import Pipeline
from eventwire.store.database import Store
from eventwire.web import ServeSettings, create_app

STORIES = [
    {"id": "w1", "date": "2024-03-01", "text": "France criticised Italy on Monday over migrants, "
     "and the Italian government said it would summon the French ambassador in Rome."},
    {"id": "w2", "date": "2024-03-02", "text": "Kenyan police arrested dozens of protesters in "
     "Nairobi on Saturday, and Amnesty International urged the government to free them."},
    {"id": "w3", "date": "2024-03-02", "text": "Kenyan police arrested dozens of protesters in "
     "Nairobi on Saturday, and Amnesty International urged the government to free them!"},
    {"id": "w4", "date": "2024-03-03", "text": "Le ministre des affaires étrangères a déclaré "
     "lundi que la France ne reconnaîtrait pas le résultat des élections."},
]  # fmt: skip
TABLES = ("articles", "events", "quotes", "actors", "copies", "skipped", "errors")


#: Columns that say where an item came from (a file line, or the POST), not what it holds.
WHERE_FROM = {"articles": "origin", "copies": "origin", "skipped": "origin, skip_id"}


def _tables(db: Path) -> dict[str, list[dict[str, object]]]:
    with Store(db, read_only=True) as store:
        return {
            t: store.query(
                f"SELECT * {f'EXCLUDE ({WHERE_FROM[t]})' if t in WHERE_FROM else ''} "
                f"FROM {t} ORDER BY ALL"
            )
            for t in TABLES
        }


def test_cli_and_web_give_equal_tables(tmp_path: Path, pipeline: Pipeline) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in STORIES), encoding="utf-8")
    cli_db, web_db = tmp_path / "cli.duckdb", tmp_path / "web.duckdb"
    result = CliRunner().invoke(main, ["run", str(source), "--db", str(cli_db)])
    assert result.exit_code == 0, result.stderr
    with Store(web_db):
        pass
    app = create_app(ServeSettings(db_path=web_db, token="t"), pipeline=pipeline)
    with TestClient(app) as client:
        response = client.post(
            "/articles", json={"articles": STORIES}, headers={"Authorization": "Bearer t"}
        )
    assert response.status_code == 200, response.text
    by_cli, by_web = _tables(cli_db), _tables(web_db)
    assert len(by_cli["articles"]) == 2 and by_cli["events"]
    assert len(by_cli["copies"]) == 1 and len(by_cli["skipped"]) == 1
    assert by_web == by_cli
