"""Issue 17: coarse event dates ("since 2019" → ``2019``) are intervals; every date filter of
the read commands, the exports and the API compares them by overlap instead of crashing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from eventwire.cli import main
from eventwire.dates import DateInterval, interval_of, parse_bound
from eventwire.store.database import Store
from eventwire.web import ServeSettings, create_app

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-12", DateInterval(D(2024, 6, 12), D(2024, 6, 12), "day")),
        ("2024-06-12TNI", DateInterval(D(2024, 6, 12), D(2024, 6, 12), "day")),
        ("2024-W23", DateInterval(D(2024, 6, 3), D(2024, 6, 9), "week")),
        ("2024-02", DateInterval(D(2024, 2, 1), D(2024, 2, 29), "month")),
        ("2023-SU", DateInterval(D(2023, 6, 1), D(2023, 8, 31), "season")),
        ("2023-WI", DateInterval(D(2023, 12, 1), D(2024, 2, 29), "season")),
        ("2019", DateInterval(D(2019, 1, 1), D(2019, 12, 31), "year")),
        ("199", None),  # a decade does not date an event
        ("P3D", None),
        ("2019-02-30", None),
        (None, None),
    ],
)
def test_interval_of_each_granularity(value: str | None, expected: DateInterval | None) -> None:
    assert interval_of(value) == expected


def test_filter_bounds_take_coarse_values() -> None:
    assert parse_bound("2019", end=False) == D(2019, 1, 1)
    assert parse_bound("2019", end=True) == D(2019, 12, 31)
    assert parse_bound("2024-02", end=True) == D(2024, 2, 29)
    with pytest.raises(ValueError, match="2019-01-26"):
        parse_bound("yesterday", end=False)


def _granularities(db: Path) -> dict[str, tuple[str, dt.date, dt.date]]:
    with Store(db, read_only=True) as store:
        found = store.query(
            "SELECT date, date_granularity, date_start, date_end FROM events WHERE date IS NOT NULL"
        )
    return {r["date"]: (r["date_granularity"], r["date_start"], r["date_end"]) for r in found}


def test_events_store_their_date_interval(web_db: Path) -> None:
    stored = _granularities(web_db)
    assert stored["2019"] == ("year", D(2019, 1, 1), D(2019, 12, 31))
    assert stored["2023-03"] == ("month", D(2023, 3, 1), D(2023, 3, 31))
    assert stored["2023-SU"] == ("season", D(2023, 6, 1), D(2023, 8, 31))
    assert stored["2024-W23"] == ("week", D(2024, 6, 3), D(2024, 6, 9))
    assert stored["2024-06-07"] == ("day", D(2024, 6, 7), D(2024, 6, 7))


def _cli(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _dates(found: list[dict[str, object]], key: str = "date") -> set[object]:
    return {row[key] for row in found}


def test_cli_events_since_until_overlap(web_db: Path) -> None:
    base = ("events", "--db", str(web_db), "--format", "jsonl")
    # 2019 overlaps "since 2019-06-01"; the month 2023-03 and the summer of 2023 do not overlap
    # April–May 2023; the June 2024 week 23 overlaps 2024-06-05.
    assert "2019" in _dates(_cli(*base, "--since", "2019-06-01"))
    assert _dates(_cli(*base, "--until", "2019-12-31")) == {"2019"}
    assert _dates(_cli(*base, "--since", "2023-04-01", "--until", "2023-05-31")) == set()
    assert _dates(_cli(*base, "--since", "2023-03-31", "--until", "2023-06-01")) == {
        "2023-03",
        "2023-SU",
    }
    assert "2024-W23" in _dates(_cli(*base, "--since", "2024-06-05", "--until", "2024-06-05"))
    # Coarse bounds: --since 2023 --until 2023 is the whole year.
    assert _dates(_cli(*base, "--since", "2023", "--until", "2023")) == {"2023-03", "2023-SU"}


def test_cli_export_since_with_coarse_dates(web_db: Path) -> None:
    base = ("export", "--db", str(web_db), "--table", "events", "--since", "2019-06-01")
    assert "2019" in _dates(_cli(*base, "--format", "jsonl"))
    assert "2019" in _dates(_cli(*base, "--format", "plover"), "event_date")
    result = CliRunner().invoke(main, [*base, "--format", "gdelt"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    header = rows[0]
    years = {dict(zip(header, row, strict=True))["Year"] for row in rows[1:]}
    assert "2019" in years  # a year-dated event has a Year, though no Day


def test_api_date_filters_with_coarse_dates(web_db: Path) -> None:
    with TestClient(create_app(ServeSettings(db_path=web_db))) as client:
        for path in ("/events", "/timeline", "/network"):
            response = client.get(path, params={"since": "2019-06-01", "until": "2024-12-31"})
            assert response.status_code == 200, (path, response.text)
        events = client.get("/events", params={"until": "2019-12-31"}).json()["items"]
        assert {e["date"] for e in events} == {"2019"}
        assert events[0]["date_start"] == "2019-01-01" and events[0]["date_end"] == "2019-12-31"
        series = client.get("/timeline", params={"since": "2023-01-01", "until": "2023-12-31"})
        assert {row["date"] for row in series.json()["series"]} == {"2023-03", "2023-SU"}
        coarse = client.get("/events", params={"since": "2023", "until": "2023"}).json()
        assert {e["date"] for e in coarse["items"]} == {"2023-03", "2023-SU"}
        assert client.get("/events", params={"since": "last year"}).status_code == 422


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_every_granularity_covers_its_day(day: dt.date) -> None:
    iso_year, iso_week, _ = day.isocalendar()
    season = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}
    code = season.get(day.month, "FA")
    season_year = day.year - 1 if day.month in (1, 2) else day.year
    for value in (
        day.isoformat(), f"{iso_year}-W{iso_week:02d}", f"{day.year}-{day.month:02d}",
        f"{season_year}-{code}", f"{day.year}",
    ):  # fmt: skip
        found = interval_of(value)
        assert found is not None and found.start <= day <= found.end, value
        assert found.overlaps(day, day) and not found.overlaps(found.end + dt.timedelta(1), None)
