from __future__ import annotations

from collections.abc import Callable

from eventwire.model import Article, Span
from eventwire.quotes import direct_quote_spans


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
