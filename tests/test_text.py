from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventwire.chars import normalise_chars
from eventwire.model import Article
from eventwire.text import classify_paragraphs, is_boilerplate, normalise, split_paragraphs


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


def test_normalise_stage_keeps_original_text() -> None:
    article = normalise(Article(text="A “quote” here", title=None))
    assert article.text == "A “quote” here"
    assert article.norm_text == 'A "quote" here'
