"""The built-in table of well-known people and the armed groups and parties (sentences written
for these tests)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest

from eventwire.actors.lexicon import Lexicon, PersonEntry, pick_person
from eventwire.actors.phrases import DatedCode
from eventwire.errors import DictionaryError
from eventwire.model import Article, Mention

Process = Callable[..., Article]


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.builtin()


def _rows() -> list[list[str]]:
    text = (files("eventwire") / "data" / "people.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _mention(article: Article, text: str) -> Mention:
    return next(m for m in article.mentions if m.text == text)


# -- the table -------------------------------------------------------------------------------


def test_table_has_250_people_and_every_name_finds_its_person(lex: Lexicon) -> None:
    names = {row[0].split(";")[0] for row in _rows()}
    assert len(names) >= 250
    for row in _rows():
        canonical, *variants = row[0].split(";")
        for variant in [canonical, *variants]:
            assert canonical in {p.name for p in lex.people(variant)}, variant


def test_codes_start_with_a_country_or_an_organisation(lex: Lexicon) -> None:
    for row in _rows():
        code = row[1]
        assert re.fullmatch(r"[A-Z]{6}[A-Z0-9]{0,3}|[A-Z]{3}", code), row
        assert code[:3] in ("IGO", "NGO", "IMG") or lex.country_name(code[:3]), row


def test_surnames_that_are_common_words_are_not_aliases(lex: Lexicon) -> None:
    for word in ["Major", "May", "Brown", "Khan", "Singh", "Kim", "Johnson", "bush", "Ortega"]:
        assert lex.people(word) == (), word


@pytest.mark.parametrize(
    ("name", "date", "person", "code"),
    [
        ("Bush", dt.date(1991, 1, 16), "George H. W. Bush", "USAGOV"),
        ("Bush", dt.date(2003, 3, 20), "George W. Bush", "USAGOV"),
        ("Bush", None, "George W. Bush", "USAGOV"),  # undated: the latest role
        ("Bush", dt.date(1995, 6, 1), "George H. W. Bush", "USAELI"),  # out of office
        ("Mandela", dt.date(1985, 1, 1), "Nelson Mandela", "ZAF"),  # before any role
        ("Mandela", dt.date(1992, 1, 1), "Nelson Mandela", "ZAFOPP"),
        ("Mandela", dt.date(1996, 1, 1), "Nelson Mandela", "ZAFGOV"),
        ("Gandhi", dt.date(1987, 5, 1), "Rajiv Gandhi", "INDGOV"),
        ("Guaido", None, "Juan Guaido", "VENOPP"),
        ("Yasser Arafat", dt.date(1990, 1, 1), "Yasser Arafat", "PSEGOV"),
        ("bin Laden", dt.date(2001, 9, 12), "Osama bin Laden", "IMGMOSALQ"),
        ("Kofi Annan", dt.date(2015, 1, 1), "Kofi Annan", "IGOUNO"),  # no country: kept
        ("Stoltenberg", dt.date(2020, 1, 1), "Jens Stoltenberg", "IGOWSTNAT"),
        ("Netanyahu", dt.date(2022, 1, 1), "Benjamin Netanyahu", "ISROPP"),
    ],
)
def test_code_of_the_article_date(
    lex: Lexicon, name: str, date: dt.date | None, person: str, code: str
) -> None:
    found = lex.person(name, date)
    assert found is not None and (found[0].name, found[1]) == (person, code)


def test_pick_person_prefers_the_one_in_office() -> None:
    early = PersonEntry(
        "Ann Early",
        ("Ann Early",),
        (DatedCode("RURGOV", dt.date(1990, 1, 1), dt.date(1995, 1, 1)),),
    )
    late = PersonEntry("Bob Late", ("Bob Late",), (DatedCode("RUROPP", dt.date(2010, 1, 1)),))
    assert pick_person([early, late], dt.date(1993, 1, 1)) == (early, "RURGOV")
    assert pick_person([early, late], dt.date(2020, 1, 1)) == (late, "RUROPP")
    assert pick_person([early, late], None) == (late, "RUROPP")
    assert pick_person([], None) is None


def test_user_people_file_adds_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text(
        "# mine\nRudolf Elphberg;Elphberg\tRURGOV\t2001-01-01\t\n"
        "Bill Clinton;Clinton\tUSALEG\t2020-01-01\t2020-12-31\n",
        encoding="utf-8",
    )
    lex = Lexicon.from_files(people=path)
    assert lex.person("Elphberg") == (lex.people("Elphberg")[0], "RURGOV")
    (bill,) = [p for p in lex.people("Clinton") if p.name == "Bill Clinton"]
    assert [r.code for r in bill.roles] == ["USALEG"]


@pytest.mark.parametrize(
    "bad_line",
    [
        "Rudolf Elphberg\tRURGOV\t2001-13-01\t",
        "Rudolf Elphberg\tRURGOV\t2001\t",
        "Rudolf Elphberg\trur gov\t2001-01-01\t",
        "Rudolf Elphberg\tRURGOV\t2001-01-01\t2000-01-01",
    ],
)
def test_malformed_people_line_names_file_and_line(tmp_path: Path, bad_line: str) -> None:
    path = tmp_path / "people.tsv"
    path.write_text("# header\n\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=re.escape(f"{path}:3:")):
        Lexicon.from_files(people=path)


# -- resolution in sentences -----------------------------------------------------------------


def test_title_and_known_name_take_the_persons_country(process: Process) -> None:
    article = process("President Clinton announced new sanctions against Iraq on Tuesday.")
    clinton = _mention(article, "President Clinton")
    assert clinton.code == "USAGOV" and clinton.rule.startswith("people:")
    article = process("Prime Minister Thatcher told Soviet officials in Moscow she was firm.")
    assert _mention(article, "Prime Minister Thatcher").code == "GBRGOV"


def test_the_article_date_picks_the_person(process: Process) -> None:
    text = "President Bush telephoned the emir of Kuwait on Monday."
    first = _mention(process(text, date=dt.date(1990, 9, 3)), "President Bush")
    second = _mention(process(text, date=dt.date(2003, 9, 1)), "President Bush")
    assert (first.person, second.person) == ("George H. W. Bush", "George W. Bush")
    assert first.code == second.code == "USAGOV"


def test_surname_of_someone_else_is_not_the_famous_person(process: Process) -> None:
    article = process("Local farmer Ahmed Mubarak said his crops had failed in the drought.")
    assert not any(m.rule.startswith("people:") for m in article.mentions)
    article = process(
        "Texas rancher Walter Bush sold his herd to Mexican buyers. Bush said prices were low."
    )
    assert not any(m.rule.startswith("people:") for m in article.mentions)


def test_later_surname_is_the_same_person(process: Process) -> None:
    article = process(
        "Egyptian President Hosni Mubarak met Israeli officials in Cairo. "
        "Mubarak said he was hopeful."
    )
    later = _mention(article, "Mubarak")
    assert later.code == "EGYGOV" and later.person == "Hosni Mubarak"
    assert _mention(article, "he").code == "EGYGOV"


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        (
            "Hezbollah fighters fired rockets into northern Israel.",
            "Hezbollah fighters",
            "LBNREBHEZ",
        ),
        ("Tamil Tigers attacked an army camp near Jaffna.", "Tamil Tigers", "LKAREBLTT"),
        (
            "The Moro Islamic Liberation Front signed a truce with Manila.",
            "Moro Islamic Liberation Front",
            "PHLREBMIL",
        ),
        ("Al-Qaeda claimed the bombing in Yemen.", "Al-Qaeda", "IMGMOSALQ"),
        (
            "Pakistani Taliban fighters ambushed a convoy.",
            "Pakistani Taliban fighters",
            "PAKREBTTP",
        ),
        (
            "EC agriculture ministers met Polish officials in Luxembourg.",
            "EC agriculture ministers",
            "IGOEUREEC",
        ),
        (
            "European Community foreign ministers condemned Serbia on Monday.",
            "European Community foreign ministers",
            "IGOEUREEC",
        ),
        (
            "The Organization of African Unity urged Chad to talk to Libya.",
            "Organization of African Unity",
            "IGOAFRAU",
        ),
    ],
)
def test_groups_and_their_officials_take_the_groups_code(
    process: Process, text: str, phrase: str, code: str
) -> None:
    assert _mention(process(text), phrase).code == code


def test_armed_group_codes_carry_their_country(process: Process) -> None:
    hamas = _mention(process("Hamas rejected the Egyptian proposal."), "Hamas")
    assert hamas.actor is not None and (hamas.actor.country, hamas.actor.sector) == ("PSE", "REB")
