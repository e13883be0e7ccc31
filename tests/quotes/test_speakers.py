"""Speaker names: the fullest name the article gives a person."""

from __future__ import annotations

from eventwire.model import Article, Mention, Span
from eventwire.quotes.speakers import ArticleSpeakers, FullNames, NamedByRole, _fullest

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


ROLES = (
    "Foreign Minister Ana Ruiz met Health Minister Omar Vell. Interior Minister Lia Kent left. "
    "The minister said no. The foreign minister said yes. Trade Minister Ben Ode spoke."
)


def _role(text: str, person: str | None, role: str) -> Mention:
    start = ROLES.index(text)
    return Mention(Span(start, start + len(text)), text, 0, None, "test", 1.0, role, person)


def test_a_role_takes_the_person_last_named_before_it_in_that_role() -> None:
    named = (
        _role("Foreign Minister Ana Ruiz", "Ana Ruiz", "Foreign Minister"),
        _role("Health Minister Omar Vell", "Omar Vell", "Health Minister"),
        _role("Interior Minister Lia Kent", "Lia Kent", "Interior Minister"),
        _role("Trade Minister Ben Ode", "Ben Ode", "Trade Minister"),  # after both roles
    )
    index = NamedByRole.of(named)
    minister = ROLES.index("The minister said")
    foreign = ROLES.index("The foreign minister")
    assert index.last_before("minister", minister).person == "Lia Kent"  # type: ignore[union-attr]
    assert index.last_before("foreign minister", foreign).person == "Ana Ruiz"  # type: ignore[union-attr]
    assert index.last_before("minister", 0) is None  # nobody named before the text starts
    assert index.last_before("governor", len(ROLES)) is None  # a role nobody holds


def test_the_fullest_name_is_found_among_the_names_sharing_a_word() -> None:
    names = FullNames.of(["Dana Whitfield", "Whitfield", "Dana Maria Whitfield", "Omar Vell"])
    assert names.fullest("Whitfield") == "Dana Maria Whitfield"  # the longest holding every word
    assert names.fullest("Dana Whitfield") == "Dana Maria Whitfield"
    assert names.fullest("Dana Maria Whitfield") is None  # nothing fuller
    assert names.fullest("Vell") == "Omar Vell"
    assert names.fullest("Kent") is None and names.fullest("") is None
