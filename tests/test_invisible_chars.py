"""Invisible characters (issue 17): the NLP reads the text without them, every stored offset still
points into the text as it was given.

For each class of character the same story is coded with and without it: the events and quotes
must be the same, and each span of the story with the characters must be the span of the plain
story moved over the inserted characters (so it covers the same visible characters).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.ingest import read_paths
from eventwire.model import Article, Span
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings
from eventwire.store.database import Store

STORY = (
    "Serbia expels Kosovo envoy\n\n"
    "Serbia on Friday expelled a senior Kosovo envoy, the foreign ministry said.\n\n"
    "“We will not tolerate provocations on our border,” Foreign Minister Petar Ilic told "
    "reporters in Belgrade. The European Union urged both sides to show restraint."
)
TITLE = "Serbia expels Kosovo envoy"

#: Where the character goes: inside the actor, inside the trigger, inside the target, at the
#: start of a word, inside the quote and inside the speaker's name (positions in STORY).
_AT = ("Ser|bia on", "expel|led", "Kos|ovo envoy,", "|senior", "tol|erate", "Il|ic", "|Belgrade")
PLACES = sorted(STORY.index(m.replace("|", "")) + m.index("|") for m in _AT)

CLASSES = {
    "soft hyphen": "\u00ad",
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "bidi embedding": "\u202b",
    "bidi isolate": "\u2067",
    "byte-order mark": "\ufeff",
    "NUL": "\x00",
}


def insert(text: str, char: str, places: list[int]) -> str:
    out, cursor = [], 0
    for place in places:
        out += [text[cursor:place], char]
        cursor = place
    return "".join([*out, text[cursor:]])


def moved(span: Span | None, places: list[int], width: int = 1) -> Span | None:
    """The plain story's span in the story with ``width`` characters before each place."""
    if span is None:
        return None

    def at(i: int) -> int:
        return i + width * sum(1 for p in places if p <= i)

    return Span(at(span.start), at(span.end - 1) + 1) if span.end > span.start else span


def shape(article: Article, fix: Callable[[Span | None], Span | None]) -> list[object]:
    """Everything coded, with spans passed through ``fix``."""
    events = [
        (e.type.cameo, e.source.code if e.source else None, e.target.code if e.target else None,
         fix(e.trigger), fix(e.sentence_span), fix(e.source.span if e.source else None),
         fix(e.target.span if e.target else None), e.negated, e.modality,
         e.date.value if e.date else None)
        for e in article.events
    ]  # fmt: skip
    quotes = [
        (fix(q.span), fix(q.cue), fix(q.speaker.span if q.speaker else None), q.direct, q.rule)
        for q in article.quotes
    ]
    mentions = [(fix(m.span), m.code) for m in article.mentions]
    places = [(fix(p.span), p.name) for p in article.places]
    return [events, quotes, mentions, places, [fix(s.span) for s in article.sentences]]


@pytest.fixture(scope="module")
def plain(pipeline: Pipeline) -> Article:
    (article,) = pipeline.process_batch([Article(text=STORY, title=TITLE)])
    assert article.events and article.quotes and not article.errors
    return article


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_same_events_and_quotes_with_and_without_the_character(
    pipeline: Pipeline, plain: Article, name: str
) -> None:
    char = CLASSES[name]
    text = insert(STORY, char, PLACES)
    (article,) = pipeline.process_batch([Article(text=text, title=TITLE)])
    assert not article.errors
    assert article.text == text  # stored exactly as given
    assert shape(article, lambda s: s) == shape(plain, lambda s: moved(s, PLACES))
    # a trigger covers the visible word and what is inside it
    triggers = sorted(e.trigger.text_of(text).replace(char, "") for e in article.events)
    assert triggers == sorted(e.trigger.text_of(plain.text) for e in plain.events)
    assert "expelled" in triggers
    for mention in article.mentions:
        assert mention.text == mention.span.text_of(text)
    for quote in article.quotes:
        assert quote.text == quote.span.text_of(text)


def test_several_characters_in_a_row(pipeline: Pipeline, plain: Article) -> None:
    text = insert(STORY, "\u200e\u00ad\u200b", PLACES)
    (article,) = pipeline.process_batch([Article(text=text, title=TITLE)])
    assert shape(article, lambda s: s) == shape(plain, lambda s: moved(s, PLACES, 3))


def test_nul_in_a_jsonl_text_is_read_coded_and_stored(
    tmp_path: Path, pipeline: Pipeline, plain: Article
) -> None:
    text = insert(STORY, "\x00", PLACES)
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "n1", "text": text, "title": TITLE}) + "\n")
    (item,) = read_paths([path], settings=Settings())
    assert isinstance(item, Article) and item.text == text
    (article,) = pipeline.process_batch([item])
    assert shape(article, lambda s: s) == shape(plain, lambda s: moved(s, PLACES))
    with Store(tmp_path / "e.duckdb") as store:
        store.write([article])
        (row,) = store.query("SELECT text FROM articles")
        events = store.query("SELECT trigger_start, trigger_end FROM events")
    assert row["text"] == text
    assert sorted((e["trigger_start"], e["trigger_end"]) for e in events) == sorted(
        (e.trigger.start, e.trigger.end) for e in article.events
    )


def test_compact_invisible_maps_back_to_the_original() -> None:
    from eventwire.chars import compact_invisible

    text = "a\u00adb\u200b\u200bc\x00 d\u200e"
    compact, offsets = compact_invisible(text)
    assert compact == "abc d"
    assert [offsets.original(i) for i in range(len(compact))] == [0, 2, 5, 7, 8]
    assert offsets is not None
    assert offsets.bounds(0, 3) == (0, 6)  # "a­b​​c": inside characters kept
    assert offsets.bounds(1, 2) == (2, 3)  # "b" alone
    assert offsets.bounds(4, 5) == (8, 9)  # "d", without the mark after it
    assert compact_invisible("plain text") == ("plain text", None)


def test_visible_text_is_untouched() -> None:
    """Ordinary text (typographic quotes, no-break spaces, tabs, newlines) is not compacted."""
    from eventwire.chars import compact_invisible

    text = "“Quote” — it’s\u00a0here.\tTab\r\nline\f"
    assert compact_invisible(text) == (text, None)
