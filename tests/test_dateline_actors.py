"""Regression (issue 17): a dateline word is never an actor mention, nor an event's actor.

Before, the first body paragraph was parsed with its dateline, so "SANTIAGO" (a capital in the
actor tables) became a mention of Chile and, glued to the lead by the parser, the source of the
march. The dateline is found by the ``metadata`` stage; the parser now leaves it out, and the
``places`` stage still reads its city. Stories written for this test.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.dateline import Datelines, with_publication_date
from eventwire.lang import language_data
from eventwire.model import Article, Span
from eventwire.nlp import analysed_paragraphs
from eventwire.settings import Settings
from eventwire.text import with_paragraphs

MARCH = (
    "Students march in Chile\n\n"
    "SANTIAGO, Chile — Thousands of students marched on Thursday against the government.\n\n"
    "Police used water cannon."
)
RALLY = (
    "Students rally in Santiago\n\n"
    "SANTIAGO (Reuters) - Thousands of students rallied against tuition fees on Thursday, "
    "police said."
)


def _metadata(text: str) -> Article:
    """The article after the ``normalise`` and ``metadata`` stages (no parser needed)."""
    article = with_paragraphs(Article(text=text, title=text.split("\n", 1)[0]))
    return with_publication_date(article, Datelines.of(language_data("en")))


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _text(article: Article, span: Span) -> str:
    return span.text_of(article.text)


def test_the_parser_is_given_the_lead_without_its_dateline() -> None:
    article = _metadata(MARCH)
    assert article.dateline is not None
    assert _text(article, article.dateline.span) == "SANTIAGO, Chile — "
    spans = [_text(article, span) for _, span in analysed_paragraphs(article, Settings())]
    assert spans == [
        "Students march in Chile",
        "Thousands of students marched on Thursday against the government.",
        "Police used water cannon.",
    ]


def test_a_paragraph_that_is_only_a_dateline_is_not_parsed() -> None:
    article = _metadata("Headline\n\nWASHINGTON (AP) — ")
    assert article.dateline is not None
    assert [_text(article, s) for _, s in analysed_paragraphs(article, Settings())] == ["Headline"]


@pytest.fixture(scope="module")
def run(process: Callable[..., Article]) -> Callable[[str], Article]:
    def code(text: str) -> Article:
        return process(text, title=text.split("\n", 1)[0])

    return code


@pytest.mark.parametrize("text", [MARCH, RALLY], ids=["city-region", "city-agency"])
def test_no_mention_or_event_actor_comes_from_the_dateline(
    run: Callable[[str], Article], text: str
) -> None:
    article = run(text)
    assert article.dateline is not None
    dateline = article.dateline.span
    inside = [m.text for m in article.mentions if _overlap(m.span, dateline)]
    assert inside == []
    assert not [s for s in article.sentences if _overlap(s.span, dateline)]
    verbs = {"marched", "rallied"}
    (protest,) = [e for e in article.events if e.trigger.text_of(article.text) in verbs]
    assert protest.source is not None and protest.source.text == "students"
    assert protest.source.span.start >= dateline.end
    # The dateline city is still where the story was filed.
    city = [p for p in article.places if p.rule.endswith(":dateline")]
    assert [p.name for p in city] == ["Santiago"]


def test_reported_speech_does_not_start_with_the_dateline(run: Callable[[str], Article]) -> None:
    article = run(RALLY)
    (quote,) = article.quotes
    assert quote.text == "Thousands of students rallied against tuition fees on Thursday"
