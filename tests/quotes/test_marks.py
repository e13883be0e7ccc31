"""Where quotation marks stand: embedded (partial) quotes and titles, from the text alone."""

from __future__ import annotations

import pytest

from eventwire.lang import language_data
from eventwire.model import Span
from eventwire.quotes.marks import direct_quote_spans, embedded, is_title, word_count

SMALL = language_data("en").quotes.title_small_words


def _embedded(text: str) -> list[bool]:
    paragraph = Span(0, len(text))
    spans = direct_quote_spans(text, paragraph)
    return [embedded(text, s, paragraph, spans[i - 1] if i else None) for i, s in enumerate(spans)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She called the vote "a sham."', [True]),
        ('He said the bill was "dead," and left.', [True]),
        ('The plan, "a giveaway," passed.', [True]),
        ('"We are done," she said.', [False]),
        ('She said: "We are done."', [False]),
        ('"We will," he said, "never give up."', [False, False]),
        ('"We will," he said. It was "never" an option.', [False, True]),
        ('He told reporters "The committee has done its job."', [False]),
        ('It is "worrying," she said, but "not fatal."', [True, True]),
    ],
)
def test_embedded(text: str, expected: list[bool]) -> None:
    assert _embedded(text) == expected


def test_titles() -> None:
    assert is_title("Meet the Press", SMALL)
    assert is_title("Keep Ohio Working", SMALL)
    assert is_title("Waiting for the Rain", SMALL)
    assert not is_title("We will win.", SMALL)  # a sentence
    assert not is_title("a disaster for farmers", SMALL)
    assert not is_title("the Senate is broken", SMALL)
    assert not is_title("Stop Now!", SMALL)  # sentence punctuation at the end


def test_word_count() -> None:
    assert word_count("shameful,") == 1
    assert word_count("dead on arrival.") == 3
    assert word_count("U.S.-made") == 1
