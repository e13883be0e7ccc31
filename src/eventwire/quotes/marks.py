"""Direct quotes from quotation marks alone (no parse needed).

Typographic marks say which side opens (“ „ open, ” closes); a straight ``"`` opens after a space
or at a paragraph start and closes before a space, punctuation or the paragraph end. Single marks
(‘…’) are never quote boundaries: inside “…” they are a nested quote, part of the outer one, and
elsewhere they are far more often apostrophes. A quote left open at a paragraph's end runs to that
end (wire style reopens it in the next paragraph).
"""

from __future__ import annotations

from eventwire.model import Span

OPENERS = frozenset({"\u201c", "\u201e"})
CLOSERS = frozenset({"\u201d"})
STRAIGHT = '"'


def direct_quote_spans(text: str, paragraph: Span) -> list[Span]:
    """Content spans of the direct quotes in one paragraph (marks excluded)."""
    spans: list[Span] = []
    open_at: int | None = None
    for i in range(paragraph.start, paragraph.end):
        char = text[i]
        if char not in OPENERS and char not in CLOSERS and char != STRAIGHT:
            continue
        if open_at is None and _opens(text, i, paragraph):
            open_at = i + 1
        elif open_at is not None and _closes(text, i, paragraph):
            if i > open_at:
                spans.append(Span(open_at, i))
            open_at = None
    if open_at is not None and paragraph.end > open_at:
        spans.append(Span(open_at, paragraph.end))
    return spans


def starts_with_quote(text: str, paragraph: Span) -> bool:
    """True when the paragraph opens with a quotation mark (a quote paragraph)."""
    return text[paragraph.start] in OPENERS or text[paragraph.start] == STRAIGHT


def ends_open(quote: Span, paragraph: Span) -> bool:
    """True when ``quote`` was left open at the paragraph's end (no closing mark)."""
    return quote.end == paragraph.end


def _opens(text: str, i: int, paragraph: Span) -> bool:
    if text[i] in OPENERS:
        return True
    if text[i] in CLOSERS:
        return False
    return i == paragraph.start or not text[i - 1].isalnum()


def _closes(text: str, i: int, paragraph: Span) -> bool:
    if text[i] in CLOSERS:
        return True
    if text[i] in OPENERS:
        return False
    return i + 1 >= paragraph.end or not text[i + 1].isalnum()
