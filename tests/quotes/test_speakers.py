"""Speaker names: the fullest name the article gives a person."""

from __future__ import annotations

from eventwire.model import Article, Mention, Span
from eventwire.quotes.speakers import ArticleSpeakers, _fullest

TEXT = "Governor Dana Whitfield spoke. Whitfield said no."


def _mention(word: str, person: str | None, rule: str = "test") -> Mention:
    start = TEXT.rindex(word)
    return Mention(Span(start, start + len(word)), word, 0, None, rule, 1.0, None, person)


def test_fullest_name_of_a_surname() -> None:
    full = _mention("Dana Whitfield", "Dana Whitfield")
    article = Article(text=TEXT, mentions=(full,))
    speakers = ArticleSpeakers.of(article)
    surname = _mention("Whitfield", "Whitfield", "speaker:phrase")
    assert _fullest(surname, speakers).person == "Dana Whitfield"
    assert _fullest(surname, speakers).span == surname.span  # the mention linked stays
    other = _mention("Whitfield", "Whitfield", "speaker:phrase")
    alone = ArticleSpeakers.of(Article(text=TEXT, mentions=()))
    assert _fullest(other, alone).person == "Whitfield"
