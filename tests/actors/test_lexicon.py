"""The actor lexicon: country, organisation and role look-ups, user files, coverage."""

from __future__ import annotations

import re
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import pytest

from eventwire.actors.lexicon import Lexicon
from eventwire.actors.phrases import phrase_key
from eventwire.errors import DictionaryError


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.builtin()


def _rows(name: str) -> list[list[str]]:
    text = (files("eventwire") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _iso(lex: Lexicon, phrase: str) -> str | None:
    entry = lex.country(phrase)
    return entry.iso3 if entry else None


# -- countries -------------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", ["US", "U.S.", "USA", "U.S.A.", "the U.S.", "the United States"])
def test_united_states_spellings(lex: Lexicon, phrase: str) -> None:
    assert _iso(lex, phrase) == "USA"


@pytest.mark.parametrize("phrase", ["us", "Us", "u.s.", "uk", "usa"])
def test_short_all_caps_abbreviations_are_case_sensitive(lex: Lexicon, phrase: str) -> None:
    assert lex.country(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "iso3"),
    [
        ("Russia's", "RUS"),
        ("Russia’s", "RUS"),
        ("Venezuela‘s", "VEN"),
        ("U.S.'s", "USA"),
        ("U.S.’s", "USA"),
        ("Philippines'", "PHL"),
        ("the Kremlin’s", "RUS"),
    ],
)
def test_possessives_are_ignored(lex: Lexicon, phrase: str, iso3: str) -> None:
    assert _iso(lex, phrase) == iso3


@pytest.mark.parametrize("phrase", ["the Kremlin", "The Kremlin", "Kremlin"])
def test_kremlin_is_the_russian_government(lex: Lexicon, phrase: str) -> None:
    entry = lex.country(phrase)
    assert entry is not None
    assert (entry.iso3, entry.kind, entry.sector) == ("RUS", "metonym", "GOV")


def test_pentagon_is_the_us_military(lex: Lexicon) -> None:
    entry = lex.country("the Pentagon")
    assert entry is not None
    assert (entry.iso3, entry.kind, entry.sector) == ("USA", "metonym", "MIL")


@pytest.mark.parametrize(
    ("phrase", "iso3"),
    [
        ("Washington", "USA"),
        ("Caracas", "VEN"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Bogotá", "COL"),
    ],
)
def test_capitals_stand_for_the_government(lex: Lexicon, phrase: str, iso3: str) -> None:
    entry = lex.country(phrase)
    assert entry is not None
    assert (entry.iso3, entry.kind, entry.sector) == (iso3, "capital", "GOV")


@pytest.mark.parametrize("phrase", ["Venezuelan", "Venezuelans"])
def test_demonyms(lex: Lexicon, phrase: str) -> None:
    entry = lex.country(phrase)
    assert entry is not None
    assert (entry.iso3, entry.name, entry.kind, entry.sector) == (
        "VEN",
        "Venezuela",
        "demonym",
        None,
    )


@pytest.mark.parametrize(
    ("phrase", "iso3", "kind"),
    [
        ("Venezuela", "VEN", "name"),
        ("Venezuela, Bolivarian Republic of", "VEN", "name"),
        ("Bolivarian Republic of Venezuela", "VEN", "official"),
        ("Russian Federation", "RUS", "name"),
        ("South Korea", "KOR", "name"),
        ("south korea", "KOR", "name"),
        ("Britain", "GBR", "name"),
        ("Côte d'Ivoire", "CIV", "name"),
        ("Cote d’Ivoire", "CIV", "name"),
        ("Ivory Coast", "CIV", "name"),
        ("Kosovo", "XKX", "name"),
        ("the Netherlands", "NLD", "name"),
        ("Palestinian territories", "PSE", "name"),
        ("Guinea-Bissau", "GNB", "name"),
        ("VEN", "VEN", "iso"),
        ("DPRK", "PRK", "abbrev"),
    ],
)
def test_names_official_names_and_codes(lex: Lexicon, phrase: str, iso3: str, kind: str) -> None:
    entry = lex.country(phrase)
    assert entry is not None
    assert (entry.iso3, entry.kind) == (iso3, kind)


@pytest.mark.parametrize("phrase", ["china", "turkey", "chad", "jordan", "venezuelan", "kremlin"])
def test_one_word_capitalised_aliases_need_a_capital(lex: Lexicon, phrase: str) -> None:
    assert lex.country(phrase) is None
    assert lex.country(phrase.capitalize()) is not None
    assert lex.country(phrase.upper()) is not None


def test_iso_codes_that_are_english_words_are_not_aliases(lex: Lexicon) -> None:
    assert lex.country("CAN") is None
    assert lex.country("GBR") is not None
    assert lex.country_name("CAN") == "Canada"


def test_ambiguity_decisions(lex: Lexicon) -> None:
    assert _iso(lex, "Congo") == "COD"
    assert _iso(lex, "Congo-Brazzaville") == "COG"
    assert _iso(lex, "Congolese") == "COD"
    assert lex.country("Korea") is None
    assert lex.country("Korean") is None
    assert _iso(lex, "Georgia") == "GEO"
    assert _iso(lex, "New Mexico") == "USA"
    assert lex.country("Brussels") is None


@pytest.mark.parametrize(
    ("iso3", "name"),
    [
        ("VEN", "Venezuela"),
        ("USA", "United States"),
        ("RUS", "Russia"),
        ("GBR", "United Kingdom"),
        ("KOR", "South Korea"),
        ("PRK", "North Korea"),
        ("IRN", "Iran"),
        ("TWN", "Taiwan"),
        ("XKX", "Kosovo"),
        ("ven", "Venezuela"),
    ],
)
def test_country_name(lex: Lexicon, iso3: str, name: str) -> None:
    assert lex.country_name(iso3) == name


def test_entries_carry_the_canonical_name(lex: Lexicon) -> None:
    entry = lex.country("Russian")
    assert entry is not None
    assert entry.name == "Russia"


def test_canonical_names_have_no_pycountry_commas(lex: Lexicon) -> None:
    codes = {row[1] for row in _rows("countries_extra.tsv")}
    for iso3 in codes:
        assert "," not in lex.country_name(iso3), iso3


def test_unknown_country_code_raises(lex: Lexicon) -> None:
    with pytest.raises(DictionaryError, match="QQQ"):
        lex.country_name("QQQ")


# -- organisations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "code", "name"),
    [
        ("United Nations", "IGOUNO", "United Nations"),
        ("UN", "IGOUNO", "United Nations"),
        ("U.N.", "IGOUNO", "United Nations"),
        ("the U.N.'s", "IGOUNO", "United Nations"),
        ("Security Council", "IGOUNO", "UN Security Council"),
        ("UN Security Council", "IGOUNO", "UN Security Council"),
        ("UN human rights office", "IGOUNO", "UN human rights office"),
        ("OHCHR", "IGOUNO", "UN human rights office"),
        ("UNHCR", "IGOUNOHCR", "UN refugee agency"),
        ("WHO", "IGOUNOWHO", "World Health Organization"),
        ("NATO", "IGOWSTNAT", "NATO"),
        ("Nato", "IGOWSTNAT", "NATO"),
        ("EU", "IGOEUREEC", "European Union"),
        ("European Commission", "IGOEUREEC", "European Commission"),
        ("Brussels", "IGOEUREEC", "European Union"),
        ("African Union", "IGOAFRAU", "African Union"),
        ("Lima Group", "IGOLAMLIM", "Lima Group"),
    ],
)
def test_organisations(lex: Lexicon, phrase: str, code: str, name: str) -> None:
    entry = lex.organisation(phrase)
    assert entry is not None
    assert (entry.code, entry.name, entry.kind) == (code, name, "igo")


@pytest.mark.parametrize("phrase", ["un", "who", "Who", "eu", "nato"])
def test_organisation_abbreviations_respect_case(lex: Lexicon, phrase: str) -> None:
    assert lex.organisation(phrase) is None


def test_ngos(lex: Lexicon) -> None:
    for phrase, code in [
        ("Red Cross", "NGOIRC"),
        ("ICRC", "NGOIRC"),
        ("Amnesty International", "NGOAMN"),
        ("Human Rights Watch", "NGOHRW"),
        ("Médecins Sans Frontières", "NGOMSF"),
        ("Doctors Without Borders", "NGOMSF"),
    ]:
        entry = lex.organisation(phrase)
        assert entry is not None and (entry.code, entry.kind) == (code, "ngo"), phrase


def test_organisation_codes_follow_the_scheme(lex: Lexicon) -> None:
    for alias, code, _name, kind in _rows("organisations.tsv"):
        if kind in ("igo", "ngo"):
            assert re.fullmatch(r"(IGO|NGO)[A-Z0-9]{2,9}", code), alias
            assert code.startswith(kind.upper()), alias
        else:  # armed groups and parties: country (or IMG) + sector + group
            assert re.fullmatch(r"[A-Z]{3}[A-Z]{3}[A-Z0-9]{3}", code), alias
            assert code[:3] == "IMG" or lex.country_name(code[:3]), alias


# -- roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "sector", "title"),
    [
        ("Foreign Minister", "GOV", True),
        ("foreign minister", "GOV", True),
        ("President", "GOV", True),
        ("Secretary of State", "GOV", True),
        ("security forces", "COP", False),
        ("opposition leader", "OPP", True),
        ("rebel commander", "REB", True),
        ("protesters", "CVL", False),
        ("anti-government protesters", "OPP", False),
        ("the government", "GOV", False),
        ("Defence Minister", "MIL", True),
        ("Defense Secretary", "MIL", True),
        ("lawmakers", "LEG", False),
        ("Judge", "JUD", True),
        ("refugees", "REF", False),
        ("MP", "LEG", True),
    ],
)
def test_roles(lex: Lexicon, phrase: str, sector: str, title: bool) -> None:
    entry = lex.role(phrase)
    assert entry is not None
    assert (entry.sector, entry.person_title) == (sector, title)


def test_short_all_caps_roles_are_case_sensitive(lex: Lexicon) -> None:
    assert lex.role("mp") is None
    assert lex.role("ceo") is None


# -- user files ------------------------------------------------------------------------------


def _write(path: Path, *lines: str) -> Path:
    path.write_text("# user dictionary\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_user_files_add_and_override(tmp_path: Path) -> None:
    countries = _write(
        tmp_path / "countries.tsv",
        "Ruritania\tXRU\tname",
        "Strelsau\tXRU\tcapital\tGOV",
        "Georgia\tUSA\tname\t",
    )
    organisations = _write(tmp_path / "orgs.tsv", "ICC\tNGOICC\tInternational Cricket Council\tngo")
    roles = _write(tmp_path / "roles.tsv", "chavistas\tGOV\tno", "protesters\tOPP\tno")
    lex = Lexicon.from_files(countries, organisations, roles)

    assert _iso(lex, "Ruritania") == "XRU"
    assert lex.country_name("XRU") == "Ruritania"
    strelsau = lex.country("Strelsau")
    assert strelsau is not None and strelsau.sector == "GOV"
    assert _iso(lex, "Georgia") == "USA"
    icc = lex.organisation("ICC")
    assert icc is not None and icc.name == "International Cricket Council"
    chavistas, protesters = lex.role("chavistas"), lex.role("protesters")
    assert chavistas is not None and chavistas.sector == "GOV"
    assert protesters is not None and protesters.sector == "OPP"
    assert _iso(lex, "Kremlin") == "RUS"  # built-ins are still there

    builtin = Lexicon.builtin()  # and untouched
    assert _iso(builtin, "Georgia") == "GEO"
    assert builtin.country("Ruritania") is None


def test_from_files_with_one_file(tmp_path: Path) -> None:
    roles = _write(tmp_path / "roles.tsv", "chavistas\tGOV\tno")
    lex = Lexicon.from_files(roles=roles)
    assert lex.role("chavistas") is not None
    assert _iso(lex, "Venezuela") == "VEN"


@pytest.mark.parametrize(
    ("table", "bad_line"),
    [
        ("countries", "Ruritania\tXRU"),
        ("countries", "Ruritania\tRuritania\tname"),
        ("countries", "Ruritania\tXRU\tplanet"),
        ("countries", "Ruritania\tXRU\tcapital\tgovernment"),
        ("countries", "Ruritania XRU name"),
        ("organisations", "ICC\tNGOICC\tcricket"),
        ("organisations", "ICC\tNGOICC\tcricket\tclub"),
        ("organisations", "ICC\tngo icc\tcricket\tngo"),
        ("roles", "chavistas\tGOV\tmaybe"),
        ("roles", "chavistas\tgov\tno"),
        ("roles", "\tGOV\tno"),
    ],
)
def test_malformed_line_names_file_and_line(tmp_path: Path, table: str, bad_line: str) -> None:
    path = _write(tmp_path / f"{table}.tsv", "", bad_line)
    with pytest.raises(DictionaryError, match=re.escape(f"{path}:3:")):
        Lexicon.from_files(**{table: path})


def test_missing_user_file_raises(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read"):
        Lexicon.from_files(roles=tmp_path / "absent.tsv")


# -- the built-in tables ---------------------------------------------------------------------


def test_builtin_is_cached() -> None:
    assert Lexicon.builtin() is Lexicon.builtin()


def test_every_demonym_resolves_and_150_countries_have_one(lex: Lexicon) -> None:
    countries = set()
    for alias, iso3, kind, *_ in _rows("countries_extra.tsv"):
        if kind == "demonym":
            entry = lex.country(alias)
            assert entry is not None and (entry.iso3, entry.kind) == (iso3, "demonym"), alias
            countries.add(iso3)
    assert len(countries) >= 150


def test_every_role_resolves_and_there_are_150(lex: Lexicon) -> None:
    rows = _rows("roles.tsv")
    for phrase, sector, title in rows:
        entry = lex.role(phrase)
        assert entry is not None and entry.sector == sector, phrase
        assert entry.person_title == (title == "yes"), phrase
    assert len(rows) >= 150


@pytest.mark.parametrize("name", ["countries_extra.tsv", "organisations.tsv", "roles.tsv"])
def test_no_alias_has_two_meanings_in_one_file(name: str) -> None:
    meanings: dict[str, set[str]] = defaultdict(set)
    for alias, *rest in _rows(name):
        meanings[" ".join(phrase_key(alias, loose=True))].add(rest[0])
    assert {alias: codes for alias, codes in meanings.items() if len(codes) > 1} == {}


def test_the_longest_alias_is_found(lex: Lexicon) -> None:
    longest = "the International Federation of Red Cross and Red Crescent Societies's"
    assert lex.organisation(longest) is not None
    (organisations, *_) = lex.tables
    assert organisations.longest_from("International") >= len(longest.split()) - 1
