"""One parsed sentence as every stage sees it: tokens, offsets, and the actor mentions in it.

The parser (:mod:`eventwire.nlp`) makes one :class:`SentenceContext` per sentence, holding the
spaCy span, the offset of its paragraph, a char → token map and the sentence's named entities;
:func:`sentence_contexts` adds the :class:`MentionIndex` of the sentence once the ``actors`` stage
has run. Stages look tokens, entities and mentions up here instead of scanning the sentence (or
the whole document: spaCy's ``Span.ents`` walks every entity of the doc) again.

Article-wide look-ups go through indexes built once per article (:class:`ArticleMentions`, and
:func:`sentence_contexts` itself, which hands each sentence its mentions by bisection), so that no
stage scans the whole article once per mention, sentence or event: every stage stays linear (up
to a logarithm) in the length of the article.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from eventwire.model import Article, Event, Mention, Sentence, Span

#: Confidence of a pronoun's mention standing for a speaker (:meth:`SentenceContext.stand_in`).
STAND_IN_CONFIDENCE = 0.5


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
    ents: tuple[Any, ...] | None = None  # the sentence's entities (None: asked of spaCy)

    @classmethod
    def of(
        cls, record: Sentence, sent: Any, offset: int, ents: Sequence[Any] | None = None
    ) -> SentenceContext:
        starts = MappingProxyType({offset + t.idx: t.i for t in sent})
        kept = None if ents is None else tuple(ents)
        return cls(record, sent, offset, starts, MentionIndex((), offset), ents=kept)

    @property
    def entities(self) -> tuple[Any, ...]:
        """The named entities inside the sentence, in order (spaCy spans)."""
        return self.ents if self.ents is not None else tuple(self.sent.ents)

    def span_of(self, token: Any) -> Span:
        start = self.offset + token.idx
        return Span(start, start + len(token.text))

    def stand_in(
        self, token: Any, speaker: Mention, rule: str, person: str | None = None
    ) -> Mention:
        """A pronoun's mention standing for the speaker's actor ("we" in the minister's words);
        ``person`` only when the pronoun is the speaker alone ("I", "me")."""
        return Mention(
            self.span_of(token), token.text, self.record.index, speaker.actor, rule,
            STAND_IN_CONFIDENCE, speaker.role, person,
        )  # fmt: skip

    def token_at(self, position: int) -> Any | None:
        """The token starting at this character of the article, if any."""
        i = self.tokens_by_start.get(position)
        return None if i is None else self.sent.doc[i]

    def with_mentions(self, mentions: Iterable[Mention]) -> SentenceContext:
        return replace(self, mentions=MentionIndex(mentions, self.offset))


def sentence_contexts(article: Article) -> list[SentenceContext]:
    """Every parsed sentence of the article with its mention index filled in (the mentions each
    sentence's span contains, in the article's order)."""
    mentions = ArticleMentions(article.mentions)
    return [
        replace(c.with_mentions(mentions.inside(c.record.span)), article_id=article.id)
        for paragraph in article.parsed
        for c in paragraph.sentences
    ]


def entities_by_sentence(doc: Any, sentences: Sequence[Any]) -> list[list[Any]]:
    """The entities of each sentence (spaCy spans of ``doc``, in text order), from one pass over
    ``doc.ents``: spaCy's ``Span.ents`` lists every entity of the doc again for each sentence."""
    found: list[list[Any]] = [[] for _ in sentences]
    starts = [sent.start for sent in sentences]
    for ent in doc.ents:
        k = bisect_left(starts, ent.start + 1) - 1  # the last sentence starting at or before it
        if k >= 0 and ent.end <= sentences[k].end:
            found[k].append(ent)
    return found


class ArticleMentions:
    """An article's mentions indexed once by position, for article-wide look-ups by bisection.

    The order is the article's (the ``actors`` stage stores its mentions by start, then end);
    :meth:`inside` and :meth:`last_before` answer as a scan of ``article.mentions`` in that order
    would, without the scan.
    """

    __slots__ = ("_longest", "_mentions", "_starts")

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self._mentions = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
        self._starts = [m.span.start for m in self._mentions]
        self._longest = max((m.span.end - m.span.start for m in self._mentions), default=0)

    def __len__(self) -> int:
        return len(self._mentions)

    def inside(self, span: Span) -> list[Mention]:
        """The mentions ``span`` contains, in order."""
        low = bisect_left(self._starts, span.start)
        high = bisect_left(self._starts, span.end, lo=low)
        return [m for m in self._mentions[low:high] if m.span.end <= span.end]

    def overlapping(self, span: Span) -> Iterator[Mention]:
        """The mentions sharing a character with ``span``, in order."""
        low = bisect_left(self._starts, span.start - self._longest)
        high = bisect_left(self._starts, span.end, lo=low)
        return (m for m in self._mentions[low:high] if m.span.end > span.start)

    def last_before(self, position: int, keep: Callable[[Mention], bool]) -> Mention | None:
        """The last mention (in order) that ends at or before ``position`` and that ``keep``
        accepts (see :class:`MentionsWhere` for a look-up that skips the others at once)."""
        i = bisect_left(self._starts, position)
        while i > 0:
            i -= 1
            mention = self._mentions[i]
            if mention.span.end <= position and keep(mention):
                return mention
        return None


class MentionsWhere:
    """The mentions of an article that one predicate accepts, indexed for :meth:`last_before`
    (built once per article and predicate, so a look-up passes over no rejected mention)."""

    __slots__ = ("_index",)

    def __init__(self, mentions: Iterable[Mention], keep: Callable[[Mention], bool]) -> None:
        self._index = ArticleMentions(m for m in mentions if keep(m))

    def last_before(self, position: int) -> Mention | None:
        """The last kept mention (in order) ending at or before ``position``."""
        return self._index.last_before(position, lambda _: True)


def trigger_of(contexts: list[SentenceContext], event: Event) -> Any | None:
    """The parsed token of an event's trigger: the token the coder kept, else the token at the
    trigger's first character (``None`` without a parse)."""
    if not 0 <= event.sentence < len(contexts):
        return None
    context = contexts[event.sentence]
    if event.trigger_token is not None:
        return context.sent.doc[event.trigger_token]
    return context.token_at(event.trigger.start)
