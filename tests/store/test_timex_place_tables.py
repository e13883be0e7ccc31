from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import main
from eventwire.model import Article
from eventwire.show import render_article
from eventwire.store.database import Store
from eventwire.store.queries import FIELDS, rows


def test_timexes_places_and_event_locations_are_stored(
    tmp_path: Path, paper_story: Article
) -> None:
    db = tmp_path / "w.duckdb"
    with Store(db) as store:
        store.write([paper_story])
        timexes = rows(store, "timexes")
        places = rows(store, "places")
        events = rows(store, "events")
        shown = render_article(store, paper_story.id)
    assert [t["text"] for t in timexes][:3] == ["Friday", "Saturday", "Wednesday"]
    assert {"value": "PT72H", "type": "DURATION"}.items() <= timexes[-1].items()
    for row in (*timexes, *places):
        assert paper_story.text[row["start"] : row["end"]] == row["text"]
    moscow = next(p for p in places if p["text"] == "Moscow")
    assert moscow["country"] == "RUS" and round(moscow["lat"]) == 56
    assert tuple(places[0]) == FIELDS["places"]
    assert any(e["place_reason"] for e in events)
    assert "P1  " in shown and "Moscow → Moscow (city, RUS" in shown


def test_export_timexes_from_the_cli(tmp_path: Path, paper_story: Article) -> None:
    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        store.write([paper_story])
    result = CliRunner().invoke(main, ["export", "--table", "timexes", "--db", str(db)])
    assert result.exit_code == 0, result.output
    first = json.loads(result.output.splitlines()[0])
    assert tuple(first) == ("article_id", "start", "end", "text", "type", "value")


def test_an_unresolved_place_is_stored_and_exported_with_its_reason(
    tmp_path: Path, process: Callable[..., Article]
) -> None:
    article = process("Rebels attacked a convoy in Zakhmistan province on Tuesday, the army said.")
    db = tmp_path / "u.duckdb"
    with Store(db) as store:
        store.write([article])
    result = CliRunner().invoke(main, ["export", "--table", "places", "--db", str(db)])
    assert result.exit_code == 0, result.output
    exported = [json.loads(line) for line in result.output.splitlines()]
    unknown = [p for p in exported if "Zakhmistan" in p["text"]]
    assert unknown and unknown[0]["reason"] == "not in gazetteer"
    assert unknown[0]["lat"] is None and unknown[0]["lon"] is None
