from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire import model
from eventwire import text as text_module
from eventwire.chars import normalise_chars
from eventwire.model import Article
from eventwire.text import classify_paragraphs, is_boilerplate, split_paragraphs, with_paragraphs


@given(st.text())
def test_normalise_keeps_every_offset(text: str) -> None:
    assert len(normalise_chars(text)) == len(text)


def test_odd_apostrophes_and_quotes_become_ascii() -> None:
    assert (
        normalise_chars("Venezuela‘s “truth” Russia’s ′x″") == "Venezuela's \"truth\" Russia's 'x\""
    )


@given(st.text(alphabet=st.sampled_from("ab \n\t\r.")))
def test_paragraph_spans_are_trimmed_and_ordered(text: str) -> None:
    spans = split_paragraphs(text)
    for span in spans:
        chunk = span.text_of(text)
        assert chunk and chunk == chunk.strip()
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_headline_and_paragraphs() -> None:
    text = "Headline here\nFirst paragraph.\n\nSecond paragraph.\r\n\r\nThird."
    paragraphs = classify_paragraphs(text, "Headline here")
    assert [p.kind for p in paragraphs] == ["headline", "body", "body", "body"]
    assert [p.span.text_of(text) for p in paragraphs][1:] == [
        "First paragraph.",
        "Second paragraph.",
        "Third.",
    ]


def test_trailing_comment_form_is_boilerplate() -> None:
    text = (
        "Title\n\nBody one.\n\nBody two.\n\n.\n\nLeave a Reply\n\n"
        "Your email address will not be published. Required fields are marked *\n\n"
        "Great article, thanks!"
    )
    kinds = [p.kind for p in classify_paragraphs(text, "Title")]
    assert kinds == [
        "headline",
        "body",
        "body",
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "boilerplate",
    ]


def test_boilerplate_only_at_the_end() -> None:
    text = "Title\n\nShare this article\n\nA real paragraph in the middle.\n\nEnd."
    kinds = [p.kind for p in classify_paragraphs(text, "Title")]
    assert kinds == ["headline", "body", "body", "body"]


def test_boilerplate_patterns() -> None:
    for line in [
        "Share this article",
        ".",
        "* * *",
        "Reporting by Jane Doe; Editing by Bob",
        "© 2024 Example News. All rights reserved.",
        "Subscribe to our newsletter",
    ]:
        assert is_boilerplate(line), line
    for line in ["Russia opposes the request.", "Share prices fell on Friday."]:
        assert not is_boilerplate(line), line


def test_text_is_normalised_once_when_the_article_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = model.normalise_chars
    monkeypatch.setattr(model, "normalise_chars", lambda text: calls.append(text) or real(text))
    article = Article(text="A “quote” here", title=None)
    assert article.text == "A “quote” here" and article.norm_text == 'A "quote" here'
    moved = replace(article, source="elsewhere", id="")  # a new content id, the same text
    with_paragraphs(moved)
    assert calls == ["A “quote” here"]
    assert moved.id == Article(text='A "quote" here', source="elsewhere").id  # id of the norm


def test_a_copy_with_another_text_must_make_its_norm_text_again() -> None:
    article = Article(text="Short text.")
    with pytest.raises(ValueError, match="norm_text"):
        replace(article, text="Another, longer text.")
    again = replace(article, text="Another “text”.", norm_text="")
    assert again.norm_text == 'Another "text".'


def test_paragraphs_already_classified_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = text_module.classify_paragraphs
    monkeypatch.setattr(
        text_module, "classify_paragraphs", lambda t, title: calls.append(t) or real(t, title)
    )
    article = with_paragraphs(Article(text="Title\n\nBody one.\n\nBody two.", title="Title"))
    assert [p.kind for p in article.paragraphs] == ["headline", "body", "body"]
    assert with_paragraphs(article) is article
    assert len(calls) == 1
