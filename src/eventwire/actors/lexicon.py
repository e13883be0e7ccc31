"""The actor lexicon: countries, organisations, role nouns and well-known people.

Four tables, each a tab-separated file in ``eventwire/data`` (a leading ``#`` marks a comment):

* countries: ISO 3166 names, official names and alpha-3 codes from :mod:`pycountry`, merged
  with ``countries_extra.tsv`` (short names, abbreviations, demonyms, capitals, metonyms);
* organisations: ``organisations.tsv`` (IGO/NGO codes, CAMEO style, and non-state armed
  groups, movements and parties with country-based codes);
* roles: ``roles.tsv`` (role nouns and titles with their CAMEO sector);
* people: ``people.tsv`` (leaders and other notable people, each role a dated code; see
  :meth:`PersonEntry.code_on`).

:meth:`Lexicon.from_files` merges user files in the same formats over the built-in tables;
a later row for the same alias replaces an earlier one.

Matching rules, the same for every table:

* Phrases are compared after normalisation: accents are dropped ("Bogotá" = "Bogota"),
  typographic apostrophes become ``'``, runs of spaces collapse, a leading "the" is optional
  ("the Kremlin" = "Kremlin"), a trailing possessive is ignored ("Russia's", "Russia’s",
  "Venezuela‘s", "Philippines'") and initialisms lose their periods ("U.S." = "US").
* An alias written in capitals with at most three letters ("US", "UK", "UN", "EU", "WHO",
  "MP") matches that exact spelling only: "us", "Us", "un" and "who" never match.
* A one-word alias written with a capital initial ("China", "Turkey", "Chad", "Jordan",
  "Georgia", "Venezuelan", "Kremlin", "NATO") matches only a phrase that starts with a
  capital: "china" and "turkey" do not match, "China" and "CHINA" do.
* Every other alias (several words, or lower case: "South Korea", "security forces",
  "police") matches whatever the case.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Final, Generic, TypeVar

import pycountry

from eventwire.errors import DictionaryError

COUNTRY_KINDS: Final = frozenset(
    {"name", "official", "abbrev", "demonym", "capital", "metonym", "iso"}
)
ORGANISATION_KINDS: Final = frozenset({"igo", "ngo", "armed", "party"})
# Code prefixes that name no country: a person holding such a role keeps the code out of office.
_NO_COUNTRY: Final = frozenset({"IGO", "NGO", "IMG"})
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

_APOSTROPHES: Final = MappingProxyType(str.maketrans(dict.fromkeys("’‘ʼ´′", "'")))
_POSSESSIVE: Final = re.compile(r"'s?$")
_INITIALISM: Final = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\.?")
_TOKEN: Final = re.compile(r"\w+|[^\w\s]")
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
class PersonRole:
    """One role of a person: its actor code and the days it was held (``end`` None: ongoing)."""

    code: str
    start: dt.date
    end: dt.date | None = None

    def holds_on(self, date: dt.date) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class PersonEntry:
    name: str  # canonical name ("Bill Clinton")
    names: tuple[str, ...]  # every variant, the canonical name first
    roles: tuple[PersonRole, ...]  # in file order

    def code_on(self, date: dt.date | None) -> str:
        """The code for an article of this date.

        The role holding on the date; undated, the role that started last. Outside every role
        the country stays: after the last role country + ``ELI`` (former officials), before the
        first the bare country; a code naming no country (``IGOUNO``) is kept as it is.
        """
        return self._placed(date)[1]

    def distance(self, date: dt.date | None) -> int:
        """Days from the date to the nearest role (0: a role holds; undated: 0)."""
        return self._placed(date)[0]

    def _placed(self, date: dt.date | None) -> tuple[int, str]:
        if date is None:
            return 0, max(self.roles, key=lambda r: r.start).code
        holding = next((r for r in self.roles if r.holds_on(date)), None)
        if holding is not None:
            return 0, holding.code
        best: tuple[int, str] | None = None
        for role in self.roles:
            if role.start > date:
                gap, code = (role.start - date).days, role.code[:3]
            else:
                assert role.end is not None  # the role does not hold, so it has ended
                gap, code = (date - role.end).days, role.code[:3] + "ELI"
            if role.code[:3] in _NO_COUNTRY:
                code = role.code
            if best is None or gap < best[0]:
                best = (gap, code)
        assert best is not None
        return best


def pick_person(
    entries: Iterable[PersonEntry], date: dt.date | None
) -> tuple[PersonEntry, str] | None:
    """Of the people sharing a name, the one nearest to the date (a role holding on it first;
    undated, the one whose latest role started last), with that person's code."""
    ranked = sorted(
        entries,
        key=lambda e: (
            (e.distance(date), -max(r.start for r in e.roles).toordinal())
            if date is not None
            else (-max(r.start for r in e.roles).toordinal(), 0)
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
    """Parsed rows of all three tables, in precedence order (later rows win)."""

    countries: tuple[_CountryRow, ...]
    names: Mapping[str, str]  # canonical names of the pycountry countries
    organisations: tuple[tuple[str, OrganisationEntry], ...]
    roles: tuple[tuple[str, RoleEntry], ...]
    people: tuple[PersonEntry, ...] = ()  # a later entry with the same name replaces one


def normalise(phrase: str) -> str:
    """The form aliases and phrases are compared in (case still as written)."""
    text = phrase if phrase.isascii() else _fold(phrase)
    words = text.split()
    if len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
        words = [w for w in words if w]
    return " ".join(w.replace(".", "") if _INITIALISM.fullmatch(w) else w for w in words)


def _first_key(word: str) -> str:
    return normalise(word).casefold()


def _first_words(aliases: Iterable[str]) -> dict[str, int]:
    """First word of every alias (as compared) → the most tokens an alias from it spans."""
    starts: dict[str, int] = {}
    for alias in aliases:
        words = normalise(alias).split()
        if words:
            key = words[0].casefold()
            span = len(_TOKEN.findall(alias)) + 1  # room for a possessive token
            starts[key] = max(starts.get(key, 0), span)
    return starts


def _fold(phrase: str) -> str:
    """Typographic apostrophes to ``'``, accents dropped."""
    text = unicodedata.normalize("NFKD", phrase.translate(_APOSTROPHES))
    return "".join(c for c in text if not unicodedata.combining(c))


def _is_initialism(key: str) -> bool:
    return key.isupper() and " " not in key and sum(c.isalpha() for c in key) <= 3


class _Table(Generic[_E]):
    """Aliases of one kind of entry, split by how strictly case must match."""

    __slots__ = ("_exact", "_folded")

    def __init__(self, pairs: Iterable[tuple[str, _E]]) -> None:
        exact: dict[str, _E] = {}
        folded: dict[str, tuple[_E, bool]] = {}
        for alias, entry in pairs:
            key = normalise(alias)
            if _is_initialism(key):
                exact[key] = entry
            else:
                folded[key.casefold()] = (entry, " " not in key and key[:1].isupper())
        self._exact: Mapping[str, _E] = MappingProxyType(exact)
        self._folded: Mapping[str, tuple[_E, bool]] = MappingProxyType(folded)

    def __len__(self) -> int:
        return len(self._exact) + len(self._folded)

    def get(self, phrase: str) -> _E | None:
        key = normalise(phrase)
        if not key:
            return None
        if key in self._exact:
            return self._exact[key]
        found = self._folded.get(key.casefold())
        if found is None:
            return None
        entry, needs_capital = found
        return entry if not needs_capital or key[0].isupper() else None


class Lexicon:
    """Look-up tables for actor phrases; see the module docstring for the matching rules.

    ``max_words`` bounds the number of tokens (words and punctuation marks, counted
    generously, plus an optional leading "the" and a possessive) an alias can span, so a
    scanner knows how far ahead to look.
    """

    __slots__ = (
        "_countries",
        "_names",
        "_organisations",
        "_people",
        "_roles",
        "_sources",
        "_starts",
        "max_words",
    )

    def __init__(self, sources: _Sources) -> None:
        names = _canonical_names(sources)
        self._sources = sources
        self._names: Mapping[str, str] = MappingProxyType(names)
        self._countries = _Table(
            (r.alias, CountryEntry(r.iso3, names[r.iso3], r.kind, r.sector))
            for r in sources.countries
        )
        self._organisations = _Table(sources.organisations)
        self._roles = _Table(sources.roles)
        self._people = _Table(_people_aliases(sources.people))
        aliases = [r.alias for r in sources.countries]
        aliases += [alias for alias, _ in (*sources.organisations, *sources.roles)]
        aliases += [alias for person in sources.people for alias in person.names]
        self.max_words: int = max(len(_TOKEN.findall(a)) for a in aliases) + 2
        self._starts: Mapping[str, int] = MappingProxyType(_first_words(aliases))

    def longest_from(self, word: str) -> int:
        """How many tokens the longest alias starting with ``word`` may span (0: none does).

        Lets a scanner skip the many words that start no alias, and stop looking early.
        """
        return self._starts.get(_first_key(word), 0)

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
    ) -> Lexicon:
        """The built-in lexicon with user files (same TSV formats) merged over it."""
        base = _builtin_lexicon()._sources
        return cls(
            _Sources(
                countries=base.countries + _user_rows(countries, _country_rows),
                names=base.names,
                organisations=base.organisations + _user_rows(organisations, _organisation_rows),
                roles=base.roles + _user_rows(roles, _role_rows),
                people=base.people + _user_rows(people, _person_entries),
            )
        )

    def country(self, phrase: str) -> CountryEntry | None:
        return self._countries.get(phrase)

    def organisation(self, phrase: str) -> OrganisationEntry | None:
        return self._organisations.get(phrase)

    def role(self, phrase: str) -> RoleEntry | None:
        return self._roles.get(phrase)

    def people(self, phrase: str) -> tuple[PersonEntry, ...]:
        """Every person one of whose names is this phrase (several may share a surname)."""
        return self._people.get(phrase) or ()

    def person(self, phrase: str, date: dt.date | None = None) -> tuple[PersonEntry, str] | None:
        """The person this name stands for on the date, and the code (:func:`pick_person`)."""
        return pick_person(self.people(phrase), date)

    def country_name(self, iso3: str) -> str:
        """The canonical short English name ("Venezuela", "United States", "Russia")."""
        name = self._names.get(iso3.upper())
        if name is None:
            raise DictionaryError(f"unknown country code {iso3!r}: not in the actor lexicon")
        return name


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
        )
    )


def _people_aliases(people: Iterable[PersonEntry]) -> list[tuple[str, tuple[PersonEntry, ...]]]:
    """Alias → the people it names; a later person with the same canonical name replaces one."""
    latest = {person.name: person for person in people}
    named: dict[str, list[PersonEntry]] = {}
    for person in latest.values():
        for alias in person.names:
            key = normalise(alias)
            bucket = named.setdefault(key if _is_initialism(key) else key.casefold(), [])
            if person not in bucket:
                bucket.append(person)
    firsts: dict[str, str] = {}
    for person in latest.values():
        for alias in person.names:
            key = normalise(alias)
            firsts.setdefault(key if _is_initialism(key) else key.casefold(), alias)
    return [(firsts[key], tuple(bucket)) for key, bucket in named.items()]


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
    roles: dict[str, list[PersonRole]] = {}
    for label, number, cells in _fields(source, (3, 4)):
        variants = [v.strip() for v in cells[0].split(";") if v.strip()]
        code, start = cells[1], _date(cells[2], label, number)
        end = _date(cells[3], label, number) if len(cells) == 4 and cells[3] else None
        _check(bool(variants), label, number, "no name")
        _check(bool(_CODE.fullmatch(code)), label, number, f"{code!r} is not an actor code")
        _check(end is None or start <= end, label, number, "the role ends before it starts")
        known = names.setdefault(variants[0], [])
        known.extend(v for v in variants if v not in known)
        roles.setdefault(variants[0], []).append(PersonRole(code, start, end))
    for name, variants in names.items():
        yield PersonEntry(name, tuple(variants), tuple(roles[name]))


def _role_rows(source: Traversable) -> Iterator[tuple[str, RoleEntry]]:
    for label, number, cells in _fields(source, (3,)):
        phrase, sector, title = cells
        _check(bool(_SECTOR.fullmatch(sector)), label, number, f"{sector!r} is not a sector")
        _check(title in ("yes", "no"), label, number, f"person_title {title!r} is not yes/no")
        yield phrase, RoleEntry(phrase, sector, title == "yes")
