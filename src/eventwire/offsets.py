"""The text the stages work on, and the way back to the text as it was given.

:func:`working_copy` gives the article with invisible characters removed from its text and title
(:func:`eventwire.chars.compact_invisible`), so that spaCy sees ``Serbia`` in ``Ser\\u00adbia``;
:func:`restored` puts the original text back and moves every span the stages produced onto it
(paragraphs, sentences, mentions, events, quotes, time expressions, places, the dateline), and
takes each span's ``text`` from the original again. Articles without invisible characters (nearly
all of them) pass through both untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any

from eventwire.chars import OffsetMap, compact_invisible, normalise_chars, strip_invisible
from eventwire.model import Article, Span

#: Article fields that hold spans into the text.
SPAN_FIELDS = (
    "paragraphs", "sentences", "mentions", "events", "quotes", "timexes", "places", "dateline",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Original:
    """What :func:`restored` needs to undo :func:`working_copy`."""

    text: str
    title: str | None
    offsets: OffsetMap


def working_copy(article: Article) -> tuple[Article, Original | None]:
    """The article as the stages should see it, and how to restore it (``None``: unchanged)."""
    compact, offsets = compact_invisible(article.text)
    if offsets is None:
        return article, None
    title = strip_invisible(article.title) if article.title else article.title
    original = Original(article.text, article.title, offsets)
    return replace(article, text=compact, title=title, norm_text=""), original


def restored(article: Article, original: Original | None) -> Article:
    """The processed working copy with the original text, title and offsets."""
    if original is None:
        return article
    changes: dict[str, Any] = {
        name: _moved(getattr(article, name), original) for name in SPAN_FIELDS
    }
    return replace(
        article,
        text=original.text,
        title=original.title,
        norm_text=normalise_chars(original.text) if article.norm_text else "",
        **changes,
    )


def _moved(value: Any, original: Original) -> Any:
    if isinstance(value, Span):
        return Span(*original.offsets.bounds(value.start, value.end))
    if isinstance(value, tuple):
        return tuple(_moved(item, original) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _moved(getattr(value, f.name), original)
            for f in fields(value)
            if isinstance(getattr(value, f.name), Span | tuple)
            or is_dataclass(getattr(value, f.name))
        }
        span = changes.get("span")
        if isinstance(span, Span) and isinstance(getattr(value, "text", None), str):
            changes["text"] = span.text_of(original.text)
        return replace(value, **changes) if changes else value
    return value


def _may_hold_spans(value: Any) -> bool:
    return isinstance(value, Span | tuple) or (is_dataclass(value) and not isinstance(value, type))
