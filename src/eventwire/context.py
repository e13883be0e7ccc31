"""One parsed sentence as every stage sees it: tokens, offsets, and the actor mentions in it.

The parser (:mod:`eventwire.nlp`) makes one :class:`SentenceContext` per sentence, holding the
spaCy span, the offset of its paragraph and a char → token map; :func:`sentence_contexts` adds
the :class:`MentionIndex` of the sentence once the ``actors`` stage has run. Stages look tokens
and mentions up here instead of scanning the sentence again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from eventwire.model import Article, Event, Mention, Sentence, Span


class MentionIndex:
    """Finds the actor mention standing for a token or a character position.

    Look-ups consider mentions with a resolved actor or a group of them (``mentions``; see
    :meth:`~eventwire.model.Mention.members`) unless ``coded=False`` asks for every mention (a
    person without a code is still a speaker); the narrowest mention covering a position wins
    ("Romanian" inside "Hungarian and Romanian officials").
    """

    def __init__(self, mentions: Iterable[Mention], offset: int = 0) -> None:
        self.all = list(mentions)
        self.mentions = [m for m in self.all if m.actor is not None or m.group]
        self.offset = offset

    def covering(self, position: int, *, coded: bool = True) -> Mention | None:
        """The narrowest mention whose span holds the character position."""
        pool = self.mentions if coded else self.all
        found = [m for m in pool if m.span.start <= position < m.span.end]
        return min(found, key=lambda m: m.span.end - m.span.start, default=None)

    def at(self, token: Any) -> Mention | None:
        """The narrowest mention covering the token's first character."""
        return self.covering(self.offset + token.idx)

    def in_subtree(self, token: Any, max_depth: int = 2) -> Mention | None:
        """The token's own mention, else the one on the shallowest (then leftmost) token of its
        subtree, at most ``max_depth`` arcs below it."""
        own = self.at(token)
        if own is not None:
            return own
        best: tuple[int, int, Mention] | None = None
        for sub in token.subtree:
            mention = self.at(sub)
            if mention is None:
                continue
            depth = depth_below(sub, token)
            if depth > max_depth:
                continue
            if best is None or (depth, sub.i) < best[:2]:
                best = (depth, sub.i, mention)
        return best[2] if best else None

    def inside(self, span: Span) -> Mention | None:
        """The first mention (in text order) lying inside ``span``."""
        return next((m for m in self.mentions if span.contains(m.span)), None)


def depth_below(token: Any, ancestor: Any) -> int:
    """Arcs from ``token`` up to ``ancestor`` (to the root when it is not above)."""
    depth = 0
    while token.i != ancestor.i and token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def subtree(token: Any) -> list[Any]:
    """The token and its descendants in text order (spaCy's order breaks on crossing arcs)."""
    return sorted(token.subtree, key=lambda t: t.i)


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """One parsed sentence: our record, its spaCy span, its paragraph's offset, the char → token
    map and (after the ``actors`` stage) the index of its actor mentions."""

    record: Sentence
    sent: Any  # spacy.tokens.Span
    offset: int  # token offsets in the article are offset + token.idx
    tokens_by_start: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))
    mentions: MentionIndex = field(default_factory=lambda: MentionIndex(()))
    article_id: str = ""  # the content id of the article (event ids derive from it)

    @classmethod
    def of(cls, record: Sentence, sent: Any, offset: int) -> SentenceContext:
        starts = MappingProxyType({offset + t.idx: t.i for t in sent})
        return cls(record, sent, offset, starts, MentionIndex((), offset))

    def span_of(self, token: Any) -> Span:
        start = self.offset + token.idx
        return Span(start, start + len(token.text))

    def token_at(self, position: int) -> Any | None:
        """The token starting at this character of the article, if any."""
        i = self.tokens_by_start.get(position)
        return None if i is None else self.sent.doc[i]

    def with_mentions(self, mentions: Iterable[Mention]) -> SentenceContext:
        return replace(self, mentions=MentionIndex(mentions, self.offset))


def sentence_contexts(article: Article) -> list[SentenceContext]:
    """Every parsed sentence of the article with its mention index filled in."""
    return [
        replace(
            c.with_mentions(m for m in article.mentions if c.record.span.contains(m.span)),
            article_id=article.id,
        )
        for paragraph in article.parsed
        for c in paragraph.sentences
    ]


def trigger_of(contexts: list[SentenceContext], event: Event) -> Any | None:
    """The parsed token of an event's trigger: the token the coder kept, else the token at the
    trigger's first character (``None`` without a parse)."""
    if not 0 <= event.sentence < len(contexts):
        return None
    context = contexts[event.sentence]
    if event.trigger_token is not None:
        return context.sent.doc[event.trigger_token]
    return context.token_at(event.trigger.start)
