"""``eventwire export --format gdelt|plover`` (and the older formats) over the small database."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.export import export_table
from eventwire.export_formats import GDELT_COLUMNS, POLECAT_FIELDS
from eventwire.store.database import Store
from eventwire.store.queries import Filters


def _export(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--table", "events", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_gdelt_layout_and_values(web_db: Path) -> None:
    lines = _export(web_db, "--format", "gdelt", "--code", "174", "--article", "web-1").splitlines()
    # the headline's expulsion has no known source ("Ruritania"); the body's is Serbia's
    (row,) = [r.split("\t") for r in lines[1:] if r.split("\t")[5]]
    header = lines[0].split("\t")
    assert len(GDELT_COLUMNS) == 61 and header == list(GDELT_COLUMNS)
    assert len(row) == 61
    value = dict(zip(header, row, strict=True))
    assert value["Day"] == "20240607" and value["MonthYear"] == "202406"
    assert value["Year"] == "2024" and value["FractionDate"] == "2024.4329"
    assert value["Actor1Code"] == "SRB" and value["Actor1CountryCode"] == "SRB"
    assert value["Actor1Name"] == "SERBIA"
    assert value["EventCode"] == "174" and value["EventBaseCode"] == "174"
    assert value["EventRootCode"] == "17" and value["QuadClass"] == "4"
    assert value["GoldsteinScale"] == "-5.0" and value["NumArticles"] == "1"
    assert value["SOURCEURL"] == "https://example.org/web-1"
    assert value["AvgTone"] == "" and value["Actor1Geo_Type"] == ""


def test_gdelt_splits_igo_codes(web_db: Path) -> None:
    lines = _export(web_db, "--format", "gdelt", "--actor", "IGO").splitlines()
    value = dict(zip(lines[0].split("\t"), lines[1].split("\t"), strict=True))
    assert value["Actor1Type1Code"] == "IGO" and value["Actor1CountryCode"] == ""
    assert value["Actor1KnownGroupCode"] == value["Actor1Code"][3:6]


def test_plover_records(web_db: Path) -> None:
    records = [json.loads(line) for line in _export(web_db, "--format", "plover").splitlines()]
    assert records and all(list(r) == list(POLECAT_FIELDS) for r in records)
    expel = next(
        r
        for r in records
        if r["event_type"] == "COERCE" and r["story_id"] == "web-1" and r["actor_country"]
    )  # the headline's expulsion has no known source ("Ruritania")
    assert expel["event_date"] == "2024-06-07" and expel["event_mode"] == "deport"
    assert expel["actor_country"] == "SRB" and expel["actor_name_raw"] == "Serbia"
    assert expel["quad_code"] == 4 and expel["event_intensity"] == -5.0
    assert expel["publication_date"] == "2024-06-08" and expel["source"] == "Test Wire"


def test_event_only_formats_refuse_other_tables(web_db: Path) -> None:
    result = CliRunner().invoke(
        main, ["export", "--db", str(web_db), "--table", "quotes", "--format", "gdelt"]
    )
    assert result.exit_code == 2 and "--table events" in result.output


def test_filters_apply_to_every_format(web_db: Path, tmp_path: Path) -> None:
    with Store(web_db, read_only=True) as store:
        out = io.StringIO()
        n = export_table(store, "events", "csv", None, Filters(plover="COERCE"), out)
        assert n >= 1 and out.getvalue().count("\n") == n + 1
        target = tmp_path / "e.parquet"
        assert export_table(store, "events", "parquet", target, Filters(root="17"), out) == n
    assert pq.read_table(target).num_rows == n
    assert len(_export(web_db, "--format", "jsonl", "--actor", "SRB").splitlines()) >= 1
