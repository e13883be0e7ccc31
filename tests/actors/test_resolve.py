"""Actor resolution on a story shaped like a real wire (names invented)."""

from __future__ import annotations

from eventwire.model import Article, Mention


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
