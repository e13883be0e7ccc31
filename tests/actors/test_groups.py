"""Group actors resolved to a country (issue 15, item 4).

An ethnic group's phrase ("Kurds", "Kurdish residents", "hundreds of Rohingya") and a group
noun ("residents", "villagers") take their country from a nationality adjective, the group's
one home country (``groups.tsv``), the place named in their phrase, the place of their
sentence's verb, the dateline, else none. The rules are run on parses of sentences written for
these tests, with a small gazetteer made here (so each place's country is known to the test);
the last tests run whole stories through the pipeline and its real gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

import pytest

from eventwire.actors.lexicon import Lexicon, _group_rows
from eventwire.actors.resolve import ActorResolver
from eventwire.errors import DictionaryError
from eventwire.gazetteer import Entry, Gazetteer, fold
from eventwire.lang import language_data
from eventwire.model import Article, Mention
from eventwire.pipeline import Pipeline

Resolve = Callable[[str], tuple[Mention, ...]]


def _city(name: str, country: str, population: int) -> Entry:
    return Entry(name, "city", country, None, 0.0, 0.0, population, None)


#: Places of these tests: a name in one country, and one of two countries of like size.
_PLACES = (
    _city("Afrin", "SYR", 40_000),
    _city("Qamishli", "SYR", 180_000),
    _city("Mosul", "IRQ", 1_400_000),
    _city("Maracaibo", "VEN", 1_700_000),
    _city("Jaffna", "LKA", 90_000),
    _city("Hamilton", "CAN", 500_000),
    _city("Hamilton", "NZL", 170_000),
    _city("Borno", "ITA", 2_500),  # a village; the Nigerian state is no entry
)


def _gazetteer() -> Gazetteer:
    names: dict[str, tuple[Entry, ...]] = {}
    for entry in _PLACES:
        names[fold(entry.name)] = (*names.get(fold(entry.name), ()), entry)
    empty: MappingProxyType[str, Entry] = MappingProxyType({})
    return Gazetteer(MappingProxyType(names), MappingProxyType({}), empty, empty)


@pytest.fixture(scope="module")
def resolve(pipeline: Pipeline) -> Resolve:
    """The mentions of a story (title, blank line, body) with the test gazetteer."""
    resolver = ActorResolver(Lexicon.builtin(), lang=language_data("en"), gazetteer=_gazetteer)

    def run(text: str) -> tuple[Mention, ...]:
        article = Article(text=text, title=text.split("\n", 1)[0])
        for stage in pipeline.stages:
            if stage.name == "actors":
                break
            article = stage.run(article)
        return resolver.run(article).mentions

    return run


def _mention(mentions: tuple[Mention, ...], text: str) -> Mention:
    found = [m for m in mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[-1]


def _story(body: str) -> str:
    return "News\n\n" + body


# -- the group table -------------------------------------------------------------------------------
def test_group_table_reads_nouns_adjectives_and_home_countries() -> None:
    lexicon = Lexicon.builtin()
    kurds, kurdish, rohingya = (lexicon.group(w) for w in ("Kurds", "Kurdish", "Rohingya"))
    assert kurds is not None and kurds.noun and kurds.home is None
    assert kurdish is not None and kurdish.adjective and not kurdish.noun
    assert rohingya is not None and rohingya.home == "MMR" and rohingya.noun
    assert lexicon.group("kurds") is None  # a capitalised name matches only capitalised
    assert lexicon.group("Houthis") is None  # an armed group: organisations.tsv


# -- where the country comes from -------------------------------------------------------------------
def test_a_nationality_adjective_gives_the_group_its_country(resolve: Resolve) -> None:
    mentions = resolve(_story("Dozens of Syrian Kurds protested on Friday against the law."))
    kurds = _mention(mentions, "Syrian Kurds")
    assert kurds.code == "SYRCVLKUR"
    assert kurds.rule == "ethnic:country"


def test_a_group_with_one_home_country_takes_it(resolve: Resolve) -> None:
    mentions = resolve(_story("Hundreds of Rohingya marched on Friday against the army."))
    rohingya = _mention(mentions, "Rohingya")
    assert (rohingya.code, rohingya.rule) == ("MMRCVLROH", "ethnic:home")


def test_a_place_in_the_phrase_places_the_group(resolve: Resolve) -> None:
    mentions = resolve(_story("Kurdish residents of Afrin warned on Monday of a new offensive."))
    residents = _mention(mentions, "Kurdish residents")
    assert residents.actor is not None and residents.actor.country == "SYR"
    assert (residents.code, residents.rule) == ("SYRCVLKUR", "ethnic:place")


def test_a_group_of_no_place_has_no_country(resolve: Resolve) -> None:
    mentions = resolve(_story("Kurds accused the government of abuses on Monday."))
    kurds = _mention(mentions, "Kurds")
    assert kurds.actor is not None and kurds.actor.country is None
    assert (kurds.code, kurds.rule) == ("---CVLKUR", "ethnic:none")


def test_two_places_of_the_sentence_decide_nothing(resolve: Resolve) -> None:
    body = "Hundreds of Tamils marched in Jaffna and in Maracaibo on Sunday."
    tamils = _mention(resolve(_story(body)), "Tamils")
    assert tamils.actor is not None and tamils.actor.country is None


def test_a_role_noun_gives_its_sector_to_the_group(resolve: Resolve) -> None:
    mentions = resolve(_story("Syrian Kurdish fighters attacked a checkpoint on Monday."))
    fighters = _mention(mentions, "Syrian Kurdish fighters")
    assert fighters.code == "SYRREBKUR"


def test_a_group_adjective_modifying_no_actor_is_no_mention(resolve: Resolve) -> None:
    mentions = resolve(_story("The Kurdish town was quiet on Monday."))
    assert not [m for m in mentions if "Kurdish" in m.text]


def test_a_group_word_starting_a_name_is_no_group(resolve: Resolve) -> None:
    mentions = resolve(_story("Police in Tamil Nadu arrested three men on Monday."))
    assert not [m for m in mentions if m.rule.startswith("ethnic:")]


# -- group nouns (role table) placed by their phrase and sentence -------------------------------------
def test_villagers_near_a_city_take_its_country(resolve: Resolve) -> None:
    mentions = resolve(_story("Villagers near Mosul accused the army of shelling their homes."))
    villagers = _mention(mentions, "Villagers")
    assert (villagers.code, villagers.rule) == ("IRQCVL", "role:place")


def test_protesters_take_the_country_where_they_marched(resolve: Resolve) -> None:
    mentions = resolve(_story("Thousands of protesters marched in Maracaibo on Saturday."))
    protesters = _mention(mentions, "protesters")
    assert (protesters.code, protesters.rule) == ("VENCVL", "role:sentence-place")


def test_a_month_is_no_place(resolve: Resolve) -> None:
    mentions = resolve(_story("Hundreds of Kurds marched in March against the law."))
    kurds = _mention(mentions, "Kurds")
    assert kurds.rule == "ethnic:none"


# -- whole pipeline: regression of issue 15 item 4 -----------------------------------------------------
@pytest.mark.parametrize(
    ("body", "country"),
    [
        ("Hundreds of Tamils marched in Jaffna on Sunday.", "LKA"),
        ("Hundreds of Uighurs marched in Istanbul on Sunday.", "CHN"),
    ],
)
def test_hundreds_of_a_group_marched_in_a_city_is_a_protest_with_a_country(
    process: Callable[..., Article], body: str, country: str
) -> None:
    article = process(_story(body))
    protests = [e for e in article.events if e.type.plover_type == "PROTEST"]
    assert protests, [e.type.plover_type for e in article.events]
    source = protests[0].source
    assert source is not None and source.actor is not None
    assert source.actor.country == country


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("Kurds\tKURD\tnoun\tCVL\t", "not a group code"),
        ("Kurds\tKUR\tpeople\tCVL\t", "noun/adjective/both"),
        ("Kurds\tKUR\tnoun\tcvl\t", "not a sector"),
        ("Kurds\tKUR\tnoun\tCVL\tKurdistan", "no ISO-3"),
    ],
)
def test_a_bad_group_row_names_its_line_and_problem(tmp_path: Path, row: str, problem: str) -> None:
    path = tmp_path / "groups.tsv"
    path.write_text("# groups\nTamils\tTAM\tnoun\tCVL\t\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=f"{re.escape(str(path))}:3: .*{problem}"):
        list(_group_rows(path))


def test_every_built_in_group_row_reads() -> None:
    rows = list(_group_rows(files("eventwire") / "data" / "groups.tsv"))
    assert len(rows) > 40
    assert all(entry.home is None or len(entry.home) == 3 for _, entry in rows)


@pytest.mark.parametrize(
    "body",
    [
        "The Shiite-led government denied the report on Monday.",
        "The Baloch Liberation Army claimed the attack on Monday.",
    ],
)
def test_a_group_word_in_a_modifier_or_a_name_is_no_group(resolve: Resolve, body: str) -> None:
    assert not [m for m in resolve(_story(body)) if m.rule.startswith("ethnic:")]


def test_a_sect_of_muslims_is_one_group(resolve: Resolve) -> None:
    mentions = resolve(_story("Sunni Muslims marched in Mosul on Friday."))
    sunnis = _mention(mentions, "Sunni Muslims")
    assert (sunnis.code, sunnis.rule) == ("IRQRELSUN", "ethnic:sentence-place")


# (text, phrase, code, rule): "_story:" texts get a headline and dateline-free body from _story.
PLACED = [
    # the place of the sentence's verb places the group
    ("_story:Hundreds of Kurds marched in Qamishli on Sunday.", "Kurds", "SYRCVLKUR",
     "ethnic:sentence-place"),
    # the dateline places a group with no other place
    ("Kurds rally\n\nDAMASCUS — Thousands of Kurds rallied on Sunday against the new law.", "Kurds",
     "SYRCVLKUR", "ethnic:dateline"),
    # a group word with a role noun falls back on the role's country
    ("_story:Kurdish officials met Iraqi ministers on Monday.", "Kurdish officials", "IRQGOVKUR",
     "context:sentence"),
    # Islamist militants take the place of their attack
    ("_story:Islamist militants attacked the town in Mosul on Monday.", "Islamist militants",
     "IRQREBMOS", "ethnic:sentence-place"),
    # a dateline city the actor tables do not know is looked up in the gazetteer
    ("Kurds rally\n\nQAMISHLI — Thousands of Kurds rallied on Sunday against the new law.", "Kurds",
     "SYRCVLKUR", "ethnic:dateline"),
    # civilians of no place take the dateline's country
    ("Villages emptied\n\nQAMISHLI — Hundreds of villagers fled on Sunday.", "villagers", "SYRCVL",
     "context:dateline"),
    # a small foreign namesake of the place does not place them (Borno: an Italian village to
    # the gazetteer, a Nigerian state to the story): the sentence's country does
    ("_story:Protesters marched in Borno on Sunday, Nigerian police said.", "Protesters",
     "NGACVL", "context:sentence"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "code", "rule"), PLACED)
def test_a_group_is_placed_by_sentence_dateline_or_role(
    resolve: Resolve, text: str, phrase: str, code: str, rule: str
) -> None:
    if text.startswith("_story:"):
        text = _story(text.removeprefix("_story:"))
    found = _mention(resolve(text), phrase)
    assert (found.code, found.rule) == (code, rule)
