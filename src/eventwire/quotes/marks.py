"""Direct quotes from quotation marks alone (no parse needed).

Typographic marks say which side opens (“ „ open, ” closes); a straight ``"`` opens after a space
or at a paragraph start and closes before a space, punctuation or the paragraph end. Single marks
(‘…’) are never quote boundaries: inside “…” they are a nested quote, part of the outer one, and
elsewhere they are far more often apostrophes. A quote left open at a paragraph's end runs to that
end (wire style reopens it in the next paragraph).

A quote is *embedded* (a partial quote, in the annotation guide's words) when its words sit inside
the reporter's own sentence: the mark follows a word (`called the death a "significant
achievement"`), or follows a comma, dash or bracket and the words begin in lower case. After a
sentence end, a colon or the paragraph start, or when it carries on a quote its sentence
interrupted (`"We will," he said, "never give up."`), it stands as the speaker's sentence.
A *title* is a stretch in title case with no ? or ! at its end ("Meet the Press", "Waziristan: The
Last Stand", "the Stop the Steal Act."): a name, not anybody's words.
"""

from __future__ import annotations

import re

from eventwire.model import Span

OPENERS = frozenset({"\u201c", "\u201e"})
CLOSERS = frozenset({"\u201d"})
STRAIGHT = '"'
_SENTENCE_END = frozenset(".!?:;")
_INTERRUPTED = 60  # characters of "he said," between the two halves of one quoted sentence
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")


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


def embedded(text: str, quote: Span, paragraph: Span, before: Span | None = None) -> bool:
    """True when ``quote`` sits inside the reporter's sentence (see the module docstring).

    ``before``: the quote before it in the paragraph, if any."""
    at = quote.start - 2  # the character before the opening mark
    while at >= paragraph.start and text[at].isspace():
        at -= 1
    if at < paragraph.start:
        return False
    previous = text[at]
    if previous in CLOSERS or previous == STRAIGHT:  # right after another quote
        at -= 1
        previous = text[at] if at >= paragraph.start else "."
    if previous in _SENTENCE_END:
        return False
    first = next((c for c in text[quote.start : quote.end] if c.isalpha()), "")
    if previous.isalnum() or previous in "%$":
        return not _standalone_after_word(text, quote)
    if previous == "," and before is not None and _interrupted(text, before, quote):
        return False
    return first.islower() or not first


def _interrupted(text: str, before: Span, quote: Span) -> bool:
    """The second half of a quoted sentence broken by its attribution."""
    words = text[before.start : before.end].rstrip()
    between = text[before.end + 1 : quote.start - 1]
    return (
        words.endswith(",")
        and len(between) <= _INTERRUPTED
        and not any(c in ".!?" for c in between)
    )


def _standalone_after_word(text: str, quote: Span) -> bool:
    """`He told reporters "We will not resign."`: a full sentence after a word, no comma (a sentence
    of four words or more, capitalised, ending in a sentence mark or the comma before "he said")."""
    words = text[quote.start : quote.end].strip()
    return bool(words) and words[0].isupper() and words[-1] in ".!?," and len(words.split()) >= 4


def is_title(words: str, small_words: frozenset[str]) -> bool:
    """Title case with no sentence punctuation at the end: "Meet the Press", "Heavenly Oracle"."""
    stripped = words.strip()
    if not stripped or stripped[-1] in "!?":
        return False
    tokens = _WORD.findall(stripped)
    if stripped[-1] == "." and len(tokens) < 2:  # "Stop the Steal Act." (a full stop outside)
        return False
    capitals = [t for t in tokens if t[0].isupper()]
    if not capitals or tokens[0][0].islower():
        return False
    return all(t[0].isupper() or t.lower() in small_words for t in tokens)


def word_count(words: str) -> int:
    """The words of a quoted stretch (letters, not punctuation)."""
    return len(_WORD.findall(words))
