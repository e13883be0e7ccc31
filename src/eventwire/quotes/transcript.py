"""Transcript-style paragraphs: ``SMITH: We will not back down.`` is Smith's words.

A paragraph opens with a speaker label in capitals (one to four words, letters, dots, hyphens and
apostrophes) and a colon; the rest of the paragraph is the quote. The label must name a person the
article mentions (its words among that person's name), or be a full name of two words or more;
labels that are no name ("Q:", "A:") and single words the article never names ("UPDATE:") are not
transcripts. The speaker mention is the label itself, carrying the actor and the fullest name of
the person it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.model import Article, Mention, Span

_LABEL = re.compile(r"([A-Z][A-Z.'\u2019-]*(?: [A-Z][A-Z.'\u2019-]*){0,3})\s*:\s+(?=\S)")
_MIN_WORDS = 2  # words of the quote after the label


@dataclass(frozen=True, slots=True)
class TranscriptTurn:
    """One transcript paragraph: who speaks (a mention of the label) and the words."""

    speaker: Mention
    words: Span


def transcript_turn(
    article: Article, paragraph: Span, people: list[Mention], labels: frozenset[str]
) -> TranscriptTurn | None:
    """The turn a paragraph holds, or ``None`` when it is no transcript paragraph.

    ``people``: the article's person mentions; ``labels``: lower-case labels that name nobody."""
    text = article.text
    found = _LABEL.match(text, paragraph.start, paragraph.end)
    if found is None:
        return None
    label = found.group(1)
    if label.lower().rstrip(".") in labels or not any(len(w) > 1 for w in label.split()):
        return None
    words = Span(found.end(), _trimmed_end(text, found.end(), paragraph.end))
    if len(text[words.start : words.end].split()) < _MIN_WORDS:
        return None
    named = _person_named(label, people)
    if named is None and len(label.split()) < 2:
        return None
    sentence = article.sentence_at(paragraph.start)
    speaker = Mention(
        Span(found.start(1), found.end(1)),
        label,
        sentence.index if sentence else -1,
        named.actor if named else None,
        "speaker:transcript",
        0.7 if named else 0.5,
        named.role if named else None,
        named.person if named else label.title(),
    )
    return TranscriptTurn(speaker, words)


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _person_named(label: str, people: list[Mention]) -> Mention | None:
    """The person mention whose name holds every word of the label (the fullest such name)."""
    wanted = _words(label)
    best: Mention | None = None
    for mention in people:
        name = mention.person or mention.text
        if wanted <= _words(name) and (best is None or len(name) > len(best.person or best.text)):
            best = mention
    return best


def _words(name: str) -> frozenset[str]:
    cleaned = "".join(c.lower() if c.isalnum() else " " for c in name)
    return frozenset(cleaned.split())
