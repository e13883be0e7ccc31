from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from eventwire.model import Article, Span
from eventwire.pipeline import Pipeline
from eventwire.quotes import direct_quote_spans
from eventwire.settings import Settings


def test_direct_quotes_and_continuation(paper_story: Article) -> None:
    direct = [q for q in paper_story.quotes if q.direct]
    first = next(q for q in direct if q.text.startswith("I was about to ask"))
    second = next(q for q in direct if q.text.startswith("Thanks, Mary"))
    assert first.speaker is not None and first.speaker.person == "Luis Ortega"
    assert first.rule == "cue:say" and first.cue is not None
    assert paper_story.text[first.cue.start : first.cue.end] == "said"
    assert second.speaker is not None and second.speaker.person == "Luis Ortega"
    assert second.rule == "continuation"


def test_quote_open_at_paragraph_end_runs_to_the_end() -> None:
    text = "“First part of the quote.\n\n“Second part,” she said."
    first = direct_quote_spans(text, Span(0, 25))
    assert first == [Span(1, 25)]


def test_straight_quotes_pair_up() -> None:
    text = 'He said "yes" and "no".'
    assert [s.text_of(text) for s in direct_quote_spans(text, Span(0, len(text)))] == ["yes", "no"]


def test_speaker_before_the_quote_and_reported_speech(process: Callable[..., Article]) -> None:
    article = process(
        "Indian Prime Minister Ravi Rao said: “We are ready.”\n\n"
        "Pakistan’s foreign ministry said the talks had failed."
    )
    direct = next(q for q in article.quotes if q.direct)
    assert direct.text == "We are ready." and direct.speaker is not None
    assert direct.speaker.code == "INDGOV"
    reported = next(q for q in article.quotes if not q.direct)
    assert reported.text == "the talks had failed" and reported.speaker is not None
    assert reported.speaker.code == "PAKGOV"


def test_nested_single_quotes_stay_inside_the_outer_quote() -> None:
    text = "“When he said ‘never again,’ he meant it,” Brody said."
    assert [s.text_of(text) for s in direct_quote_spans(text, Span(0, len(text)))] == [
        "When he said ‘never again,’ he meant it,"
    ]


def test_inverted_cue_and_participle_reported_speech(process: Callable[..., Article]) -> None:
    article = process(
        "“We have no intention of leaving,” said General Tomas Reyes, adding that his troops "
        "would remain in the valley."
    )
    direct = next(q for q in article.quotes if q.direct)
    assert direct.speaker is not None and direct.speaker.person == "Tomas Reyes"
    assert direct.cue is not None and direct.cue.text_of(article.text) == "said"
    reported = next(q for q in article.quotes if not q.direct)
    assert reported.text == "his troops would remain in the valley"
    assert reported.rule == "reported:add" and reported.speaker == direct.speaker


def test_quote_paragraph_continues_the_previous_speaker(process: Callable[..., Article]) -> None:
    article = process(
        "“We came to talk, not to sign,” Deputy Minister Pavel Lukin said. “Nothing is agreed.\n\n"
        "“Our partners understand this.”\n\n"
        "Lukin said talks would resume.\n\n"
        "“We are ready.”"
    )
    by_text = {q.text.rstrip("”"): q for q in article.quotes if q.direct}
    assert by_text["Nothing is agreed."].rule == "continuation"
    carried = by_text["Our partners understand this."]
    assert carried.rule == "continuation:open" and carried.speaker is not None
    assert carried.speaker.person == "Pavel Lukin"
    after_reported = by_text["We are ready."]
    assert after_reported.rule == "continuation:paragraph"


def test_documents_and_agencies_speak(process: Callable[..., Article]) -> None:
    article = process(
        "A statement from the presidency said the talks had been “constructive.”\n\n"
        "The convoy carried 30 tonnes of flour, according to the World Food Programme."
    )
    direct = next(q for q in article.quotes if q.direct)
    assert direct.speaker is not None and direct.speaker.text == "A statement from the presidency"
    assert direct.speaker.rule == "speaker:phrase"
    according = next(q for q in article.quotes if q.rule == "reported:according")
    assert according.text == "The convoy carried 30 tonnes of flour"
    assert according.speaker is not None and "World Food Programme" in according.speaker.text


def test_quoted_as_saying_credits_the_person_quoted(process: Callable[..., Article]) -> None:
    article = process(
        "The state news agency quoted Defence Minister Arvid Kallas as saying the exercises "
        "were purely defensive."
    )
    (quote,) = article.quotes
    assert quote.text == "the exercises were purely defensive" and not quote.direct
    assert quote.speaker is not None and quote.speaker.person == "Arvid Kallas"


def test_pronoun_speaker_without_an_actor_code(process: Callable[..., Article]) -> None:
    article = process(
        "Writer Selma Varga was released on Friday.\n\n“I am not afraid,” she told supporters."
    )
    (quote,) = article.quotes
    assert quote.speaker is not None and quote.speaker.person == "Selma Varga"
    assert quote.speaker.text == "she"


def test_action_cue_links_the_coded_event(process: Callable[..., Article]) -> None:
    article = process(
        "French Foreign Minister Claire Dubois warned Iran that an attack would be “a grave "
        "mistake.”"
    )
    cued = [q for q in article.quotes if q.rule.endswith(":warn")]
    assert {q.direct for q in cued} == {True, False}  # the partial quote and the reported claim
    (event,) = [e for e in article.events if e.quote_id is not None]
    assert event.quote_id in {q.quote_id for q in cued}
    assert event.trigger == cued[0].cue and event.type.cameo == "130"
    assert event.source is not None and event.source.code == "FRAGOV"
    assert event.target is not None and event.target.code == "IRN"
    assert event.rule.startswith("verb:")  # coded by the events stage, linked, not duplicated


def test_action_cue_adds_the_event_when_none_was_coded(settings: Settings) -> None:
    without_events = replace(settings, stages=tuple(s for s in settings.stages if s != "events"))
    text = "“We will rebuild every school,” Kenyan President Daniel Mwangi promised."
    (article,) = Pipeline(without_events).process_batch([Article(text=text)])
    quote = next(q for q in article.quotes if q.direct)
    (event,) = article.events
    assert event.quote_id == quote.quote_id and event.trigger == quote.cue
    assert event.type.cameo == "030" and event.target is None
    assert event.source is not None and event.source.code == "KENGOV"
    assert event.rule == "quote:verb:promise->030"
