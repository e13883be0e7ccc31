"""Actor resolution on a story shaped like a real wire (names invented)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from eventwire.model import Article, Mention
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings


def _mention(article: Article, text: str) -> Mention:
    return next(m for m in article.mentions if m.text == text)


def test_titles_and_countries_in_one_phrase(paper_story: Article) -> None:
    lane = _mention(paper_story, "US Secretary of State Mary Lane")
    assert lane.code == "USAGOV" and lane.person == "Mary Lane"
    assert lane.rule == "country:abbrev+role"
    assert _mention(paper_story, "US diplomats").code == "USAGOV"
    assert _mention(paper_story, "Bolivian President Luis Ortega").code == "BOLGOV"


def test_role_without_country_takes_it_from_the_sentence(paper_story: Article) -> None:
    torres = _mention(paper_story, "opposition leader Ana Torres")
    assert torres.code == "BOLOPP" and torres.rule == "context:sentence"


def test_later_surname_is_the_person_introduced_earlier(paper_story: Article) -> None:
    later = [m for m in paper_story.mentions if m.text == "Ortega"]
    assert later and all(m.code == "BOLGOV" and m.rule == "person:coref" for m in later)
    assert all(m.person == "Luis Ortega" for m in later)


def test_capitals_stand_for_their_country(paper_story: Article) -> None:
    assert {m.code for m in paper_story.mentions if m.text == "Washington"} == {"USA"}


def test_organisations(paper_story: Article) -> None:
    council = [m for m in paper_story.mentions if "Security Council" in m.text]
    assert council and all(m.code == "IGOUNO" for m in council)


def test_pronoun_resolves_to_the_last_person_named_before_it(process) -> None:  # type: ignore[no-untyped-def]
    article = process(
        "Peruvian President Rosa Diaz met Chilean Foreign Minister Tomas Vera. "
        "Diaz said she welcomed the talks."
    )
    she = next(m for m in article.mentions if m.text == "she")
    assert she.code == "PERGOV" and she.rule == "pronoun"


def test_mention_text_is_the_text_as_given(process) -> None:  # type: ignore[no-untyped-def]
    text = "Russia’s army shelled Ukraine."
    article = process(text)
    for mention in article.mentions:
        assert text[mention.span.start : mention.span.end] == mention.text
    assert any(m.text == "Russia’s army" for m in article.mentions)


# -- with actor dictionaries (tiny files written here, invented names) ------------------------

_ACTORS_TXT = """\
RURITANIA_ [RUR]
+RURITANIAN_
RUDOLF_ELPHBERG_
+ELPHBERG_
\t[RURGOV 020127-060127]
\t[RUROPP]
"""
_PEOPLE_CSV = """\
name,aliases,code,valid_from,valid_to
Flavia Rassendyll,Rassendyll,RURLEG,2010-01-01,
"""
_STORY = (
    "Ruritanian President Rudolf Elphberg met Flavia Rassendyll in Strelsau. "
    "Ruritanian security forces stood by. Elphberg said he was pleased."
)


@pytest.fixture(scope="module")
def dictionary_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    folder = tmp_path_factory.mktemp("dictionaries")
    (folder / "Test.actors.txt").write_text(_ACTORS_TXT, encoding="utf-8")
    (folder / "people.csv").write_text(_PEOPLE_CSV, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:  # the cache goes to a temporary folder
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield Pipeline(
            Settings(dictionaries=folder, stages=("normalise", "metadata", "nlp", "actors"))
        )


def _run(pipeline: Pipeline, date: dt.date | None) -> Article:
    (article,) = pipeline.process_batch([Article(text=_STORY, date=date)])
    return article


def test_dictionary_entry_decides_with_the_code_of_the_article_date(
    dictionary_pipeline: Pipeline,
) -> None:
    article = _run(dictionary_pipeline, dt.date(2004, 1, 1))
    first = _mention(article, "Ruritanian President Rudolf Elphberg")
    assert first.code == "RURGOV" and first.rule == "dict:Test.actors.txt:RUDOLF_ELPHBERG"
    assert first.person == "Rudolf Elphberg"
    later = _mention(article, "Elphberg")
    assert later.code == "RURGOV" and later.rule == "dict:Test.actors.txt:RUDOLF_ELPHBERG"
    he = _mention(article, "he")
    assert he.code == "RURGOV" and he.rule == "pronoun"
    assert not any(m.rule.startswith("dict:people.csv") for m in article.mentions)  # not yet
    forces = _mention(article, "Ruritanian security forces")
    assert forces.code == "RURCOP" and forces.rule == "dict:Test.actors.txt:RURITANIA+role"


def test_dictionary_dates_and_the_default_code(dictionary_pipeline: Pipeline) -> None:
    later = _run(dictionary_pipeline, dt.date(2019, 1, 26))
    assert _mention(later, "Elphberg").code == "RUROPP"
    rassendyll = _mention(later, "Flavia Rassendyll")
    assert rassendyll.code == "RURLEG" and rassendyll.rule == "dict:people.csv:Flavia Rassendyll"
    undated = _run(dictionary_pipeline, None)
    assert _mention(undated, "Elphberg").code == "RURGOV"  # no date: the latest office


# -- "it"/"they" after a speech verb (sentences written for these tests) ---------------------


@pytest.mark.parametrize(
    ("text", "pronoun", "code"),
    [
        ("Austria said on Monday it had recalled its ambassador from Minsk.", "it", "AUT"),
        ("Portugal has said it will back the Spanish plan.", "it", "PRT"),
        ("Chile says it is ready to resume talks with Bolivia.", "it", "CHL"),
        ("The Kenyan government announced that it would close the border.", "it", "KENGOV"),
        ("Ugandan rebels warned they would attack the capital.", "they", "UGAREB"),
    ],
)
def test_pronoun_subject_of_what_an_actor_said_is_that_actor(  # type: ignore[no-untyped-def]
    process, text: str, pronoun: str, code: str
) -> None:
    article = process(text)
    mention = _mention(article, pronoun)
    assert mention.code == code and mention.rule == "pronoun:speaker"


@pytest.mark.parametrize(
    "text",
    [
        "Austria said it was time to act on Belarus.",  # "it" stands for nothing
        "Austrian officials said it would take months.",  # officials are not "it"
        "Austria and Hungary said they would close the border.",  # coordinated subject
        "It rained in Vienna, Austria said.",  # not the subject of the said clause
        "Austria sent troops because it feared unrest.",  # no speech verb
    ],
)
def test_pronoun_rule_stays_in_its_construction(process, text: str) -> None:  # type: ignore[no-untyped-def]
    article = process(text)
    assert not any(m.rule == "pronoun:speaker" for m in article.mentions)


@pytest.mark.parametrize(
    ("text", "pronoun", "code"),
    [
        ('"We will not reopen the border," the Austrian interior minister said.', "We", "AUTGOV"),
        ('Chile\'s foreign minister said: "We are ready to resume talks."', "We", "CHLGOV"),
        (
            '"I will travel to Lima next week," the Bolivian president told reporters.',
            "I",
            "BOLGOV",
        ),
    ],
)
def test_first_person_subject_of_quoted_words_is_the_speaker(  # type: ignore[no-untyped-def]
    process, text: str, pronoun: str, code: str
) -> None:
    article = process(text)
    mention = _mention(article, pronoun)
    assert mention.code == code and mention.rule == "pronoun:quote"


@pytest.mark.parametrize(
    "text",
    [
        "The Austrian minister said we should expect more rain.",  # no quotation: the reporter's we
        '"We will win," a fan shouted outside the stadium.',  # the speaker is no actor
        '"I am tired," she said, and we left.',  # not the subject of the quoted clause
    ],
)
def test_first_person_rule_needs_a_quoted_clause_of_an_actor(  # type: ignore[no-untyped-def]
    process, text: str
) -> None:
    article = process(text)
    assert not any(m.rule == "pronoun:quote" for m in article.mentions)


# -- a titled person not in the people table ------------------------------------------------


def test_titled_person_does_not_take_the_counterparts_country(process) -> None:  # type: ignore[no-untyped-def]
    article = process(
        "Austrian officials met in Vienna on Monday. "
        "President Rudolf Elphberg threatened Russia with sanctions."
    )
    elphberg = _mention(article, "President Rudolf Elphberg")
    assert elphberg.code == "AUTGOV" and elphberg.rule == "context:article"


def test_titled_person_keeps_a_country_that_qualifies_a_role(process) -> None:  # type: ignore[no-untyped-def]
    article = process(
        "Austrian officials met in Vienna on Monday. "
        "President Rudolf Elphberg threatened the Russian opposition."
    )
    assert _mention(article, "President Rudolf Elphberg").code == "RUSGOV"
    alone = process("President Rudolf Elphberg threatened Russia with sanctions.")
    assert _mention(alone, "President Rudolf Elphberg").code == "RUSGOV"  # nothing better


@pytest.mark.parametrize(
    ("text", "later"),
    [
        ("Vietnamese Prime Minister Pham Minh Chinh arrived on Monday. Pham met traders.", "Pham"),
        ("Iraqi Prime Minister Ahmed Kamal al-Rawi spoke on Friday. Rawi met the envoy.", "Rawi"),
    ],
)
def test_a_person_is_found_again_by_family_name_first_or_surname_without_al(
    process,
    text: str,
    later: str,  # type: ignore[no-untyped-def]
) -> None:
    article = process(text)
    first = article.mentions[0]
    again = [m for m in article.mentions if m.text == later]
    assert again and again[0].code == first.code and again[0].rule == "person:coref"


def test_a_first_name_that_is_someone_elses_surname_stays_theirs(process) -> None:  # type: ignore[no-untyped-def]
    article = process(
        "Kenyan President Samuel Ruto spoke on Monday. Ugandan minister Ruto Okello met "
        "Tanzanian officials. Ruto said trade would grow."
    )
    last = [m for m in article.mentions if m.text == "Ruto"][-1]
    assert last.code == "KENGOV"
