"""The actor lexicon: countries, organisations, role nouns, well-known people and groups.

Five tables, each a tab-separated file in ``eventwire/data`` (a leading ``#`` marks a comment):

* countries: ISO 3166 names, official names and alpha-3 codes from :mod:`pycountry`, merged
  with ``countries_extra.tsv`` (short names, abbreviations, demonyms, capitals, metonyms);
* organisations: ``organisations.tsv`` (IGO/NGO codes, CAMEO style, and non-state armed
  groups, movements and parties with country-based codes);
* roles: ``roles.tsv`` (role nouns and titles with their CAMEO sector);
* people: ``people.tsv`` (leaders and other notable people, each role a dated code; see
  :meth:`PersonEntry.code_on`);
* groups: ``groups.tsv`` (ethnic, religious and national groups: "Kurds", "Kurdish", "Rohingya",
  with a group code, a sector and the group's home country when it has one).

:meth:`Lexicon.from_files` merges user files in the same formats over the built-in tables;
a later row for the same alias replaces an earlier one.

Each table is read into a :class:`~eventwire.actors.phrases.PhraseTable` with the ``loose``
spelling, and matched by the one actor-phrase engine (:mod:`eventwire.actors.phrases`):

* accents, typographic apostrophes, runs of spaces, a leading "the" ("the Kremlin" =
  "Kremlin"), a trailing possessive ("Russia's", "Philippines'") and the periods of initialisms
  ("U.S." = "US") do not matter;
* an alias written in capitals with at most three letters ("US", "UK", "UN", "EU", "WHO",
  "MP") matches only text written in capitals: "us", "Us", "un" and "who" never match;
* a one-word alias written with a capital initial ("China", "Turkey", "Chad", "Jordan",
  "Georgia", "Venezuelan", "Kremlin", "NATO") matches only a phrase that starts with a
  capital: "china" and "turkey" do not match, "China" and "CHINA" do;
* every other alias (several words, or lower case: "South Korea", "security forces",
  "police") matches whatever the case.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, TypeVar

import pycountry

from eventwire.actors.phrases import (
    Case,
    DatedCode,
    DatedCodes,
    Pattern,
    PhraseTable,
    phrase_key,
    written_case,
)
from eventwire.errors import DictionaryError

COUNTRY_KINDS: Final = frozenset(
    {"name", "official", "abbrev", "demonym", "capital", "metonym", "iso"}
)
ORGANISATION_KINDS: Final = frozenset({"igo", "ngo", "armed", "party"})
GROUP_KINDS: Final = frozenset({"noun", "adjective", "both"})
_ISO_DATE: Final = re.compile(r"\d{4}-\d\d-\d\d")

# Short English names where pycountry's are awkward ("Korea, Republic of"), plus codes it lacks.
_NAME_OVERRIDES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "BES": "Caribbean Netherlands",
        "BOL": "Bolivia",
        "BRN": "Brunei",
        "CCK": "Cocos Islands",
        "CIV": "Ivory Coast",
        "COD": "Democratic Republic of the Congo",
        "COG": "Republic of the Congo",
        "CPV": "Cape Verde",
        "CZE": "Czech Republic",
        "FLK": "Falkland Islands",
        "FSM": "Micronesia",
        "IRN": "Iran",
        "KOR": "South Korea",
        "LAO": "Laos",
        "MAF": "Saint Martin",
        "MDA": "Moldova",
        "PRK": "North Korea",
        "PSE": "Palestine",
        "RUS": "Russia",
        "SHN": "Saint Helena",
        "SXM": "Sint Maarten",
        "SYR": "Syria",
        "TLS": "East Timor",
        "TUR": "Turkey",
        "TWN": "Taiwan",
        "TZA": "Tanzania",
        "VAT": "Vatican City",
        "VEN": "Venezuela",
        "VGB": "British Virgin Islands",
        "VIR": "US Virgin Islands",
        "VNM": "Vietnam",
        "XKX": "Kosovo",
    }
)

# Alpha-3 codes that are English words or common abbreviations in all-caps text: never aliases.
_ISO_NOT_ALIASES: Final = frozenset(
    (  # noqa: SIM905 (a word list reads better than 47 quoted strings)
        "AND ARE ARG ARM ATF BEN BLM BRA CAN COD COG COL COM CUB DOM ECU ESP EST ETH FIN FRO GAB"
        " GIN GUM GUY HUN IND IOT JAM KEN LIE MAC MAR MUS NAM NOR PAN PER PNG POL PRY SEN SUR TLS"
        " TON TUN VAT"
    ).split()
)

_ISO3: Final = re.compile(r"[A-Z]{3}")
_CODE: Final = re.compile(r"[A-Z0-9]{3,}")
_SECTOR: Final = re.compile(r"[A-Z]{3}")

_E = TypeVar("_E")


@dataclass(frozen=True, slots=True)
class CountryEntry:
    iso3: str
    name: str  # canonical short English name of the country
    kind: str  # name | official | abbrev | demonym | capital | metonym | iso
    sector: str | None


@dataclass(frozen=True, slots=True)
class OrganisationEntry:
    code: str
    name: str
    kind: str  # igo | ngo


@dataclass(frozen=True, slots=True)
class RoleEntry:
    phrase: str
    sector: str
    person_title: bool


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """An ethnic, religious or national group ("Kurds", "Kurdish"; see ``groups.tsv``)."""

    phrase: str
    code: str  # three-letter group code ("KUR")
    kind: str  # noun | adjective | both
    sector: str  # the sector of the group alone ("CVL", "REL", "RAD")
    home: str | None  # ISO-3 of the one country the group lives in, else None

    @property
    def noun(self) -> bool:
        """The word may name the people by itself ("Kurds", "the Rohingya")."""
        return self.kind != "adjective"

    @property
    def adjective(self) -> bool:
        """The word may modify a noun ("Kurdish residents", "Rohingya refugees")."""
        return self.kind != "noun"


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """A well-known person: every role a dated code (``end`` None: ongoing)."""

    name: str  # canonical name ("Bill Clinton")
    names: tuple[str, ...]  # every variant, the canonical name first
    roles: tuple[DatedCode, ...]  # in file order, each with a start

    @property
    def codes(self) -> DatedCodes:
        """The roles as dated codes that keep the country out of office (``former``)."""
        return DatedCodes(self.roles, former=True)

    def code_on(self, date: dt.date | None) -> str:
        """The code for an article of this date (:class:`~eventwire.actors.phrases.DatedCodes`):
        the role holding on the date; undated, the latest role. Outside every role the country
        stays: after the last role country + ``ELI`` (former officials), before the first the
        bare country; a code naming no country (``IGOUNO``) is kept as it is."""
        code = self.codes.on(date)
        assert code is not None  # a person has at least one role and no undated default
        return code

    def distance(self, date: dt.date | None) -> int:
        """Days from the date to the nearest role (0: a role holds; undated: 0)."""
        return self.codes.distance(date)


@dataclass(frozen=True, slots=True)
class Namesakes:
    """The people one name may stand for ("Bush": two presidents); the date decides."""

    people: tuple[PersonEntry, ...]


def pick_person(
    entries: Iterable[PersonEntry], date: dt.date | None
) -> tuple[PersonEntry, str] | None:
    """Of the people sharing a name, the one nearest to the date (a role holding on it first;
    undated, the one whose latest role started last), with that person's code."""
    ranked = sorted(
        entries,
        key=lambda e: (
            (e.distance(date), -e.codes.latest_start.toordinal())
            if date is not None
            else (-e.codes.latest_start.toordinal(), 0)
        ),
    )
    if not ranked:
        return None
    return ranked[0], ranked[0].code_on(date)


@dataclass(frozen=True, slots=True)
class _CountryRow:
    alias: str
    iso3: str
    kind: str
    sector: str | None


@dataclass(frozen=True, slots=True)
class _Sources:
    """Parsed rows of all the tables, in precedence order (later rows win)."""

    countries: tuple[_CountryRow, ...]
    names: Mapping[str, str]  # canonical names of the pycountry countries
    organisations: tuple[tuple[str, OrganisationEntry], ...]
    roles: tuple[tuple[str, RoleEntry], ...]
    people: tuple[PersonEntry, ...] = ()  # a later entry with the same name replaces one
    groups: tuple[tuple[str, GroupEntry], ...] = ()


def _table(name: str, pairs: Iterable[tuple[str, _E]]) -> PhraseTable[_E]:
    """Aliases of one table, each with the case rule of how it is written."""
    patterns = (Pattern(alias, v, written_case(alias, loose=True)) for alias, v in pairs)
    return PhraseTable(name, patterns, loose=True)


class Lexicon:
    """The built-in actor tables (and user files merged over them), read into the actor-phrase
    engine; see the module docstring for the matching rules.

    :attr:`tables` gives the engine the five tables in precedence order (organisations,
    countries, roles, people, groups); the methods look one table up.
    """

    __slots__ = (
        "_countries", "_groups", "_names", "_organisations", "_people", "_roles", "_sources"
    )  # fmt: skip

    def __init__(self, sources: _Sources) -> None:
        names = _canonical_names(sources)
        self._sources = sources
        self._names: Mapping[str, str] = MappingProxyType(names)
        self._countries = _table(
            "countries",
            (
                (r.alias, CountryEntry(r.iso3, names[r.iso3], r.kind, r.sector))
                for r in sources.countries
            ),
        )
        self._organisations = _table("organisations", sources.organisations)
        self._roles = _table("roles", sources.roles)
        self._people = PhraseTable("people", _people_patterns(sources.people), loose=True)
        self._groups = _table("groups", sources.groups)

    @property
    def tables(self) -> tuple[PhraseTable[Any], ...]:
        """The tables in the order they decide at one phrase length: an organisation before a
        country ("Georgia" stays a country unless an organisation is called so), a country
        before a role noun, a role before a person's name, a person before a group ("Tamil
        Tigers" is an organisation, "Palestinians" a country's people, both before a group)."""
        return (self._organisations, self._countries, self._roles, self._people, self._groups)

    def __repr__(self) -> str:
        sizes = (len(self._countries), len(self._organisations), len(self._roles))
        people = len(self._people)
        return "Lexicon(countries={}, organisations={}, roles={}, ".format(*sizes) + (
            f"people={people})"
        )

    @classmethod
    def builtin(cls) -> Lexicon:
        """The lexicon shipped with eventwire (built once per process)."""
        return _builtin_lexicon()

    @classmethod
    def from_files(
        cls,
        countries: Path | None = None,
        organisations: Path | None = None,
        roles: Path | None = None,
        people: Path | None = None,
        *,
        builtin: bool = True,
    ) -> Lexicon:
        """The built-in lexicon with user files (same TSV formats) merged over it; with
        ``builtin=False``, the user files alone."""
        base = (
            _builtin_lexicon()._sources if builtin else _Sources((), MappingProxyType({}), (), ())
        )
        return cls(
            _Sources(
                countries=base.countries + _user_rows(countries, _country_rows),
                names=base.names,
                organisations=base.organisations + _user_rows(organisations, _organisation_rows),
                roles=base.roles + _user_rows(roles, _role_rows),
                people=base.people + _user_rows(people, _person_entries),
                groups=base.groups,
            )
        )

    def country(self, phrase: str) -> CountryEntry | None:
        return _value(self._countries, phrase)

    def organisation(self, phrase: str) -> OrganisationEntry | None:
        return _value(self._organisations, phrase)

    def role(self, phrase: str) -> RoleEntry | None:
        return _value(self._roles, phrase)

    def group(self, phrase: str) -> GroupEntry | None:
        return _value(self._groups, phrase)

    def people(self, phrase: str) -> tuple[PersonEntry, ...]:
        """Every person one of whose names is this phrase (several may share a surname)."""
        found = _value(self._people, phrase)
        return found.people if found is not None else ()

    def person(self, phrase: str, date: dt.date | None = None) -> tuple[PersonEntry, str] | None:
        """The person this name stands for on the date, and the code (:func:`pick_person`)."""
        return pick_person(self.people(phrase), date)

    def country_names(self) -> tuple[tuple[str, str], ...]:
        """(name, ISO3) of every country name row (not demonyms, capitals or abbreviations)."""
        return tuple((r.alias, r.iso3) for r in self._sources.countries if r.kind == "name")

    def country_name(self, iso3: str) -> str:
        """The canonical short English name ("Venezuela", "United States", "Russia")."""
        name = self._names.get(iso3.upper())
        if name is None:
            raise DictionaryError(f"unknown country code {iso3!r}: not in the actor lexicon")
        return name


def _value(table: PhraseTable[_E], phrase: str) -> _E | None:
    found = table.find(phrase)
    return found.value if found is not None else None


# -- building ------------------------------------------------------------------------------


@functools.cache
def _builtin_lexicon() -> Lexicon:
    data = files("eventwire") / "data"
    rows, names = _pycountry_rows()
    return Lexicon(
        _Sources(
            countries=rows + tuple(_country_rows(data / "countries_extra.tsv")),
            names=MappingProxyType(names),
            organisations=tuple(_organisation_rows(data / "organisations.tsv")),
            roles=tuple(_role_rows(data / "roles.tsv")),
            people=tuple(_person_entries(data / "people.tsv")),
            groups=tuple(_group_rows(data / "groups.tsv")),
        )
    )


def _people_patterns(people: Iterable[PersonEntry]) -> Iterator[Pattern[Namesakes]]:
    """One pattern per name: the people it names; a later person with the same canonical name
    replaces one. Names equal as compared share a pattern, written as the first of them."""
    latest = {person.name: person for person in people}
    named: dict[tuple[tuple[str, ...], bool], tuple[str, list[PersonEntry]]] = {}
    for person in latest.values():
        for alias in person.names:
            case = written_case(alias, loose=True)
            kind = (phrase_key(alias, loose=True), case is Case.CAPITALS)
            first, bucket = named.setdefault(kind, (alias, []))
            if person not in bucket:
                bucket.append(person)
    for first, bucket in named.values():
        yield Pattern(first, Namesakes(tuple(bucket)), written_case(first, loose=True))


def _pycountry_rows() -> tuple[tuple[_CountryRow, ...], dict[str, str]]:
    rows: list[_CountryRow] = []
    names: dict[str, str] = {}
    for country in pycountry.countries:
        iso3: str = country.alpha_3
        common: str = getattr(country, "common_name", None) or country.name
        official: str | None = getattr(country, "official_name", None)
        names[iso3] = _NAME_OVERRIDES.get(iso3, common)
        rows += [_CountryRow(country.name, iso3, "name", None)]
        rows += [_CountryRow(common, iso3, "name", None)] if common != country.name else []
        rows += [_CountryRow(official, iso3, "official", None)] if official else []
        rows += [_CountryRow(iso3, iso3, "iso", None)] if iso3 not in _ISO_NOT_ALIASES else []
    return tuple(rows), names


def _canonical_names(sources: _Sources) -> dict[str, str]:
    """pycountry's (overridden) names, then the first name row of any other code."""
    names = dict(sources.names)
    for row in sources.countries:
        if row.iso3 not in names and row.kind in ("name", "official"):
            names[row.iso3] = _NAME_OVERRIDES.get(row.iso3, row.alias)
    for row in sources.countries:
        names.setdefault(row.iso3, _NAME_OVERRIDES.get(row.iso3, row.alias))
    return names


def _user_rows(path: Path | None, parse: Callable[[Traversable], Iterator[_E]]) -> tuple[_E, ...]:
    return tuple(parse(path)) if path is not None else ()


# -- parsing -------------------------------------------------------------------------------


def _fields(source: Traversable, widths: tuple[int, ...]) -> Iterator[tuple[str, int, list[str]]]:
    """(label, line number, stripped fields) of each data line; bad widths raise."""
    label = str(source)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{label}: cannot read the dictionary file: {exc}") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) not in widths or not all(cells[:3]):
            expected = " or ".join(str(w) for w in widths)
            raise DictionaryError(
                f"{label}:{number}: expected {expected} tab-separated columns with the first"
                f" three non-empty, got {line!r}"
            )
        yield label, number, cells


def _check(ok: bool, label: str, number: int, problem: str) -> None:
    if not ok:
        raise DictionaryError(f"{label}:{number}: {problem}")


def _country_rows(source: Traversable) -> Iterator[_CountryRow]:
    for label, number, cells in _fields(source, (3, 4)):
        alias, iso3, kind = cells[:3]
        sector = cells[3] if len(cells) == 4 and cells[3] else None
        _check(bool(_ISO3.fullmatch(iso3)), label, number, f"{iso3!r} is not an ISO-3 code")
        _check(kind in COUNTRY_KINDS, label, number, f"unknown kind {kind!r}")
        _check(sector is None or bool(_SECTOR.fullmatch(sector)), label, number, "bad sector")
        yield _CountryRow(alias, iso3, kind, sector)


def _organisation_rows(source: Traversable) -> Iterator[tuple[str, OrganisationEntry]]:
    for label, number, cells in _fields(source, (4,)):
        alias, code, name, kind = cells
        _check(bool(_CODE.fullmatch(code)), label, number, f"{code!r} is not an actor code")
        _check(kind in ORGANISATION_KINDS, label, number, f"kind {kind!r} is not igo or ngo")
        yield alias, OrganisationEntry(code, name, kind)


def _date(text: str, label: str, number: int) -> dt.date:
    _check(bool(_ISO_DATE.fullmatch(text)), label, number, f"{text!r} is not a YYYY-MM-DD date")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise DictionaryError(f"{label}:{number}: {text!r} is not a valid date") from exc


def _person_entries(source: Traversable) -> Iterator[PersonEntry]:
    """People in file order; rows with the same canonical name add roles and name variants."""
    names: dict[str, list[str]] = {}
    roles: dict[str, list[DatedCode]] = {}
    for label, number, cells in _fields(source, (3, 4)):
        variants = [v.strip() for v in cells[0].split(";") if v.strip()]
        code, start = cells[1], _date(cells[2], label, number)
        end = _date(cells[3], label, number) if len(cells) == 4 and cells[3] else None
        _check(bool(variants), label, number, "no name")
        _check(bool(_CODE.fullmatch(code)), label, number, f"{code!r} is not an actor code")
        _check(end is None or start <= end, label, number, "the role ends before it starts")
        known = names.setdefault(variants[0], [])
        known.extend(v for v in variants if v not in known)
        roles.setdefault(variants[0], []).append(DatedCode(code, start, end))
    for name, variants in names.items():
        yield PersonEntry(name, tuple(variants), tuple(roles[name]))


def _role_rows(source: Traversable) -> Iterator[tuple[str, RoleEntry]]:
    for label, number, cells in _fields(source, (3,)):
        phrase, sector, title = cells
        _check(bool(_SECTOR.fullmatch(sector)), label, number, f"{sector!r} is not a sector")
        _check(title in ("yes", "no"), label, number, f"person_title {title!r} is not yes/no")
        yield phrase, RoleEntry(phrase, sector, title == "yes")


def _group_rows(source: Traversable) -> Iterator[tuple[str, GroupEntry]]:
    for label, number, cells in _fields(source, (4, 5)):
        phrase, code, kind, sector = cells[:4]
        home = cells[4] if len(cells) == 5 and cells[4] else None
        _check(bool(_SECTOR.fullmatch(code)), label, number, f"{code!r} is not a group code")
        _check(kind in GROUP_KINDS, label, number, f"kind {kind!r} is not noun/adjective/both")
        _check(bool(_SECTOR.fullmatch(sector)), label, number, f"{sector!r} is not a sector")
        _check(home is None or bool(_ISO3.fullmatch(home)), label, number, f"{home!r} is no ISO-3")
        yield phrase, GroupEntry(phrase, code, kind, sector, home)
