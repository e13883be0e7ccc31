"""Paragraphing and boilerplate trimming (the ``normalise`` stage).

Character normalisation (:func:`eventwire.chars.normalise_chars`) happens once, when an
:class:`~eventwire.model.Article` is made (its content id hashes the normalised text); it
replaces characters one for one, so every offset into ``Article.norm_text`` is also an offset
into the original text: nothing has to be mapped back. Paragraphs are classified once per
article too: by the ingest screen when it fingerprints the body for duplicates, else by the
``normalise`` stage.
"""

from __future__ import annotations

import re
from dataclasses import replace

from eventwire.model import Article, Paragraph, ParagraphKind, Span

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")

# A paragraph that opens the comment section: it and everything after it is boilerplate.
_COMMENT_SECTION = re.compile(
    r"^(leave a (reply|comment)|post a comment|\d+\s+comments?|comments?( \(\d+\))?$)"
    r"|your email address will not be published",
    re.IGNORECASE,
)

# Paragraphs that are boilerplate when they trail the article.
_TRAILING_BOILERPLATE = re.compile(
    r"^(?:"
    r"[\W_]*"  # lone punctuation (or nothing but symbols)
    r"|(share|tweet|email|print|pin|save)( (this|the))?"
    r"( (article|story|post|page))?( on \w+)?[:.!]?"
    r"|(share|follow us) on .*"
    r"|.*\b(subscribe|sign up)\b.*\b(newsletter|updates|alerts)\b.*"
    r"|(related|more)( (articles|stories|coverage|news|on this))?:?"
    r"|(click|tap) here\b.*"
    r"|advertisement"
    r"|(copyright|©|\(c\))\b.*"
    r"|.*\ball rights reserved\b.*"
    r"|required fields are marked.*"
    r"|(posted|filed) (in|under)\b.*"
    r"|tags?:.*"
    r"|\(?(additional )?(reporting|writing|editing)( by)?\b.*"
    r")$",
    re.IGNORECASE | re.DOTALL,
)


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of the non-blank paragraphs of ``text[start:end]``, separated by blank lines."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    cursor = start
    for match in _BLANK_LINE.finditer(text, start, stop):
        _append_trimmed(text, cursor, match.start(), spans)
        cursor = match.end()
    _append_trimmed(text, cursor, stop, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def _headline_span(text: str, title: str | None) -> Span | None:
    """The first line of ``text`` when it is the article's title."""
    if not title:
        return None
    first = split_paragraphs(text, 0, text.find("\n") if "\n" in text else len(text))
    if first and first[0].text_of(text).strip() == title.strip():
        return first[0]
    return None


def is_boilerplate(paragraph: str) -> bool:
    """True when the paragraph is web furniture rather than article text."""
    return bool(_TRAILING_BOILERPLATE.match(paragraph.strip()))


def classify_paragraphs(text: str, title: str | None) -> tuple[Paragraph, ...]:
    """Headline, body and boilerplate paragraphs of an article text."""
    headline = _headline_span(text, title)
    body_start = headline.end if headline else 0
    spans = ([headline] if headline else []) + split_paragraphs(text, body_start)
    kinds: list[ParagraphKind] = ["headline" if span is headline else "body" for span in spans]
    _mark_boilerplate(text, spans, kinds)
    return tuple(
        Paragraph(index=i, span=span, kind=kind)
        for i, (span, kind) in enumerate(zip(spans, kinds, strict=True))
    )


def _mark_boilerplate(text: str, spans: list[Span], kinds: list[ParagraphKind]) -> None:
    first_body = next((i for i, kind in enumerate(kinds) if kind == "body"), len(kinds))
    for i in range(first_body + 1, len(spans)):
        if _COMMENT_SECTION.search(spans[i].text_of(text).strip()):
            kinds[i:] = ["boilerplate"] * (len(kinds) - i)
            break
    for i in range(len(spans) - 1, first_body, -1):
        if kinds[i] == "boilerplate":
            continue
        if not is_boilerplate(spans[i].text_of(text)):
            break
        kinds[i] = "boilerplate"


def with_paragraphs(article: Article) -> Article:
    """The ``normalise`` stage: the article with its paragraphs classified (headline, body,
    boilerplate). An article whose paragraphs are classified already (by the ingest screen) is
    returned as it is."""
    if article.paragraphs:
        return article
    return replace(article, paragraphs=classify_paragraphs(article.text, article.title))
