"""Actor dictionaries: PETRARCH/TABARI actors and agents files, our CSV, dates and the cache.

Every dictionary here is a tiny file written for the test (invented names) in the same formats.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventwire.actors.dictionaries import ActorDictionary, default_cache_dir, load_dictionaries
from eventwire.actors.phrases import phrase_key
from eventwire.errors import DictionaryError

ACTORS = """\
<!-- A test dictionary
# spanning several lines -->
RURITANIA_  [RUR]
+RURITANIAN_
+STRELSAU_   # the capital
ARGENTIN [ARG]

# A leader with dated offices
RUDOLF_ELPHBERG
+ELPHBERG
+KING_RUDOLF
\t[RURELI 640101-020127]
\t[RURGOV 020127-060127]
\t[RUROPP]
MICHAEL_STRELSAU
\t[RURGOV >190101]
OLD_GUARD [RURMIL <991231]
UNION_OF_STATES_ [IGOUOS] [--- >300101]
U.S._
+US_
\t[USA]
NO_CODE_HERE
---STOP---
AFTER_THE_STOP [XXX]
"""

AGENTS = """\
!PERSON! = MAN, MEN
PRESIDENT [~GOV]
ARMED_FORCES {} [~MIL]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
CONGRESS!PERSON! [~LEG]
POLICE {} [ ~COP]
ARMY [~MIL]
PEACEKEEPER [IGO~]
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def dictionary(tmp_path: Path) -> ActorDictionary:
    _write(tmp_path, "Test.actors.txt", ACTORS)
    _write(tmp_path, "Test.agents.txt", AGENTS)
    return load_dictionaries(tmp_path, cache=False, strict=True)


def _code(d: ActorDictionary, phrase: str, date: dt.date | None = None) -> str | None:
    entry = d.lookup(phrase, date)
    return entry.code if entry else None


def test_names_synonyms_and_rule(dictionary: ActorDictionary) -> None:
    entry = dictionary.lookup("Strelsau")
    assert entry is not None and entry.code == "RUR" and entry.name == "RURITANIA"
    assert entry.rule == "dict:Test.actors.txt:RURITANIA" and entry.line == 3
    assert _code(dictionary, "Ruritanian") == "RUR"
    assert _code(dictionary, "the Ruritanian") is None  # "the" is only part of phrases with it


def test_trailing_underscore_is_a_whole_word_else_a_stem(dictionary: ActorDictionary) -> None:
    assert _code(dictionary, "Ruritanians") is None  # RURITANIAN_ is whole
    assert _code(dictionary, "Argentina") == "ARG"  # ARGENTIN is a stem
    assert _code(dictionary, "Argentinian") == "ARG"
    assert dictionary.longest_from("Argentina") >= 1


def test_dated_codes(dictionary: ActorDictionary) -> None:
    assert _code(dictionary, "Elphberg", dt.date(1990, 5, 1)) == "RURELI"
    assert _code(dictionary, "Elphberg", dt.date(2002, 1, 27)) == "RURELI"  # first that holds
    assert _code(dictionary, "Elphberg", dt.date(2004, 1, 1)) == "RURGOV"
    assert _code(dictionary, "King Rudolf", dt.date(2019, 1, 26)) == "RUROPP"  # the default
    # No article date: the latest-running office, not the catch-all default.
    assert _code(dictionary, "Elphberg", None) == "RURGOV"
    # ">d" from d on; "<d" before d; no default: nothing outside the dates.
    assert _code(dictionary, "Michael Strelsau", dt.date(2019, 1, 1)) == "RURGOV"
    assert _code(dictionary, "Michael Strelsau", dt.date(2018, 12, 31)) is None
    assert _code(dictionary, "Michael Strelsau", None) == "RURGOV"  # the latest restriction
    assert _code(dictionary, "Old Guard", dt.date(1999, 12, 30)) == "RURMIL"
    assert _code(dictionary, "Old Guard", dt.date(1999, 12, 31)) is None


def test_two_digit_years(tmp_path: Path) -> None:
    path = _write(tmp_path, "Y.actors.txt", "A_MAN\n\t[AAAGOV 451024-300101]\n")
    d = load_dictionaries(path, cache=False, strict=True)
    assert _code(d, "A Man", dt.date(1945, 10, 24)) == "AAAGOV"  # 45 → 1945
    assert _code(d, "A Man", dt.date(2030, 1, 1)) == "AAAGOV"  # 30 → 2030
    assert _code(d, "A Man", dt.date(2030, 1, 2)) is None


def test_no_code_markers_and_codeless_entries(dictionary: ActorDictionary) -> None:
    union = dictionary.lookup("Union of States", dt.date(2031, 1, 1))
    assert union is not None and union.code == "---" and not union.coded
    assert dictionary.lookup("Union of States", dt.date(2020, 1, 1)).coded  # type: ignore[union-attr]
    # A codeless entry shares the codes that follow it (PETRARCH's rule).
    assert _code(dictionary, "U.S.") == "USA"
    assert _code(dictionary, "No code here") is None
    assert _code(dictionary, "After the stop") is None


def test_case_rules(dictionary: ActorDictionary) -> None:
    assert _code(dictionary, "US") == "USA"
    assert _code(dictionary, "us") is None and _code(dictionary, "Us") is None
    assert _code(dictionary, "strelsau") is None  # names need a capital
    assert _code(dictionary, "Ruritania’s") == "RUR"  # possessive, odd apostrophe


def test_tokens_and_longest_match(dictionary: ActorDictionary) -> None:
    assert _code(dictionary, ["King", "Rudolf"], dt.date(2004, 1, 1)) == "RURGOV"
    found = dictionary.longest_match(["King", "Rudolf", "said"], dt.date(2004, 1, 1))
    assert found is not None and found[1] == 2
    assert dictionary.longest_from("King") >= 2
    assert dictionary.longest_from("said") == 0
    assert phrase_key("U.N._Secretary-General") == ("u", ".", "n", ".", "secretary", "-", "general")


def test_agents(dictionary: ActorDictionary) -> None:
    assert dictionary.agent("president") == "GOV"
    assert dictionary.agent("Presidents") == "GOV"  # plural by rule
    assert dictionary.agent("armies") == "MIL"
    assert dictionary.agent("armed forces") == "MIL"
    assert dictionary.agent("attorneys general") == "JUD"
    assert dictionary.agent("congressmen") == "LEG"
    assert dictionary.agent("police") == "COP" and dictionary.agent("polices") is None
    assert dictionary.agent("peacekeeper") is None  # a prefix agent
    assert dictionary.agent_longest_from("armed") >= 2


CSV_TEXT = """\
name,aliases,code,valid_from,valid_to
Rosa Díaz,Díaz;President Díaz,PERGOV,2018-03-01,
Rosa Díaz,,PEROPP,,2018-02-28
Andean Pact,AP,IGOAND,,
"""


def test_csv_format(tmp_path: Path) -> None:
    d = load_dictionaries(_write(tmp_path, "people.csv", CSV_TEXT), cache=False)
    assert _code(d, "Diaz", dt.date(2019, 1, 26)) == "PERGOV"
    assert _code(d, "Rosa Diaz", dt.date(2018, 2, 28)) == "PEROPP"
    assert _code(d, "President Díaz", dt.date(2018, 3, 1)) == "PERGOV"
    entry = d.lookup("AP")
    assert entry is not None and entry.rule == "dict:people.csv:Andean Pact"
    assert d.lookup("ap") is None


def test_csv_overrides_petrarch_files_in_a_directory(tmp_path: Path) -> None:
    _write(tmp_path, "Test.actors.txt", ACTORS)
    _write(tmp_path, "mine.csv", "name,aliases,code,valid_from,valid_to\nStrelsau,,RURGOV,,\n")
    _write(tmp_path, "notes.txt", "not a dictionary")
    d = load_dictionaries(tmp_path, cache=False)
    assert _code(d, "Strelsau") == "RURGOV"
    assert _code(d, "Ruritania") == "RUR"


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("Bad.actors.txt", "A_MAN\n\t[AAAGOV 20101-200101]\n", 2),
        ("Bad.actors.txt", "A_MAN\n\t[AAAGOV 200102-200101]\n", 2),
        ("Bad.actors.txt", "A_MAN\n\t[AAAGOV 201345]\n", 2),
        ("Bad.actors.txt", "\n+SYNONYM_FIRST\n", 2),
        ("Bad.actors.txt", "A_MAN [AAA] junk\n", 1),
        ("Bad.agents.txt", "PRESIDENT\nMINISTER [~GOV]\n", 1),
        ("Bad.agents.txt", "PRESIDENT [~GOV]\n!NOPE!_MAN [~GOV]\n", 2),
        ("bad.csv", "name,code\n", 1),
        ("bad.csv", "name,aliases,code,valid_from,valid_to\nA,,lower case,,\n", 2),
        ("bad.csv", "name,aliases,code,valid_from,valid_to\n\nA,,AAA,2019-13-01,\n", 3),
        ("bad.csv", "name,aliases,code,valid_from,valid_to\nA,,AAA,2019-02-01,2019-01-01\n", 2),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(DictionaryError, match=f"{name}:{line}: "):
        load_dictionaries(path, cache=False, strict=True)


def test_petrarch_files_skip_bad_lines_unless_strict(tmp_path: Path) -> None:
    path = _write(tmp_path, "Some.actors.txt", "A_MAN\n\t[AAAGOV 9008223-911221]\n\t[AAA]\n")
    d = load_dictionaries(path, cache=False)
    assert _code(d, "A Man", dt.date(1991, 1, 1)) == "AAA"
    assert len(d.problems) == 1 and "Some.actors.txt:2: " in d.problems[0]


def test_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="does not exist"):
        load_dictionaries(tmp_path / "nope.actors.txt", cache=False)
    with pytest.raises(DictionaryError, match="does not exist"):
        load_dictionaries(tmp_path / "nowhere", cache=False)
    _write(tmp_path, "CAMEO.2.0.txt", "verbs, read elsewhere")
    assert len(load_dictionaries(tmp_path, cache=False)) == 0


def test_cache_is_used_rebuilt_when_stale_and_ignored_when_corrupt(tmp_path: Path) -> None:
    source = _write(tmp_path, "Test.actors.txt", ACTORS)
    cache = tmp_path / "cache"
    first = load_dictionaries(source, cache_dir=cache)
    (cached,) = cache.glob("dictionaries-*.json")
    data = json.loads(cached.read_text(encoding="utf-8"))
    assert data["version"] >= 1 and _code(first, "Strelsau") == "RUR"

    # A cache for these files is what the next load reads.
    strelsau = data["phrases"].index("STRELSAU_")
    data["cases"][strelsau] = "any"  # the case rule, so that "strelsau" matches too
    cached.write_text(json.dumps(data), encoding="utf-8")
    assert _code(load_dictionaries(source, cache_dir=cache), "strelsau") == "RUR"

    # Corrupt: ignored and rebuilt.
    cached.write_text("{not json", encoding="utf-8")
    assert _code(load_dictionaries(source, cache_dir=cache), "Strelsau") == "RUR"
    assert json.loads(cached.read_text(encoding="utf-8"))["version"] >= 1

    # Stale: the file changed (size and mtime), so it is parsed again.
    source.write_text(ACTORS.replace("[RUR]", "[RUX]"), encoding="utf-8")
    assert _code(load_dictionaries(source, cache_dir=cache), "Strelsau") == "RUX"


def test_cache_structure_damage_is_ignored(tmp_path: Path) -> None:
    source = _write(tmp_path, "Test.actors.txt", ACTORS)
    cache = tmp_path / "cache"
    load_dictionaries(source, cache_dir=cache)
    (cached,) = cache.glob("dictionaries-*.json")
    data = json.loads(cached.read_text(encoding="utf-8"))
    data["records"][data["phrases"].index("STRELSAU_")] = 10_000  # a record that is not there
    cached.write_text(json.dumps(data), encoding="utf-8")
    assert _code(load_dictionaries(source, cache_dir=cache), "Strelsau") == "RUR"


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "eventwire"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "eventwire"


@pytest.mark.shared
def test_phoenix_dictionaries(shared_dir: Path, tmp_path: Path) -> None:
    phoenix = shared_dir / "dictionaries" / "phoenix"
    countries = load_dictionaries(phoenix / "Phoenix.Countries.actors.txt", cache=False)
    assert len(countries) > 10_000

    first = load_dictionaries(phoenix, cache_dir=tmp_path)
    assert list(tmp_path.iterdir())  # the parsed form was cached
    d = load_dictionaries(phoenix, cache_dir=tmp_path)  # read back from the cache
    assert len(d) == len(first)
    maduro = d.lookup("Maduro", dt.date(2019, 1, 26))
    assert maduro is not None and maduro.code == "VENGOV"
    assert maduro.rule == "dict:Phoenix.Countries.actors.txt:NICOLAS_MADURO"
    assert d.lookup("Maduro", dt.date(2005, 1, 1)) is None
    assert _code(d, "Venezuelan") == "VEN" and _code(d, "us") is None
    assert d.agent("foreign minister") == "GOV"
    assert all(":" in problem for problem in d.problems)
