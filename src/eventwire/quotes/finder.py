"""The ``quotes`` stage: direct and reported speech, attributed to a speaker.

Direct quotes are found in the original text (typographic marks say which side opens), paired
within a paragraph; a quote left open at a paragraph's end runs to that end (wire style reopens it
in the next paragraph). The speaker is the subject of a cue verb ("said", "told", "added") in the
sentence holding the quote's closing (or opening) mark; a quote with no cue continues the previous
speaker of the paragraph, or of the previous paragraph when that one ended in a quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from eventwire.model import Article, Mention, Quote, Sentence, Span, content_id
from eventwire.nlp import parsed_sentences

_CUES = frozenset(
    {"say", "tell", "add", "ask", "write", "tweet", "declare", "state", "insist", "warn",
     "note", "explain", "reply", "respond", "argue", "claim", "announce", "comment", "stress",
     "urge", "accuse", "promise", "vow", "threaten", "quote", "cite", "post", "confirm"}
)  # fmt: skip
#: Verbs that introduce reported speech ("X said (that) ..."); a narrower set than _CUES.
_SPEECH = frozenset(
    {"say", "tell", "add", "write", "tweet", "declare", "state", "insist", "warn", "note",
     "explain", "reply", "argue", "claim", "announce", "stress", "cite", "quote", "confirm"}
)  # fmt: skip
_OPENERS = frozenset({"\u201c", "\u201e"})
_CLOSERS = frozenset({"\u201d"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class _Attribution:
    speaker: Mention | None
    cue: Span | None
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class _SentenceView:
    record: Sentence
    sent: Any
    offset: int


class QuoteFinder:
    """The ``quotes`` stage."""

    def run(self, article: Article) -> Article:
        views = [_SentenceView(s, sent, off) for s, sent, off in parsed_sentences(article)]
        quotes: list[Quote] = []
        previous: _Attribution | None = None
        for paragraph in article.paragraphs:
            if paragraph.kind == "boilerplate":
                continue
            found = list(self._paragraph_quotes(article, paragraph.span, views, previous))
            quotes.extend(found)
            previous = _last_attribution(found, article.text, paragraph.span)
        quotes.extend(self._reported(article, views, quotes))
        quotes.sort(key=lambda q: q.span.start)
        return replace(article, quotes=tuple(quotes))

    def _paragraph_quotes(
        self,
        article: Article,
        paragraph: Span,
        views: list[_SentenceView],
        carried: _Attribution | None,
    ) -> Iterator[Quote]:
        current = carried if _starts_with_quote(article.text, paragraph) else None
        for span in direct_quote_spans(article.text, paragraph):
            attribution = _attribute(article, span, views) or _continued(current)
            if attribution is not None:
                current = attribution
            yield _quote(article, span, attribution, direct=True)

    def _reported(
        self, article: Article, views: list[_SentenceView], direct: list[Quote]
    ) -> Iterator[Quote]:
        for view in views:
            for token in view.sent:
                if token.lemma_.lower() not in _SPEECH or token.pos_ != "VERB":
                    continue
                content = _reported_content(token, view.offset)
                if content is None or any(
                    q.span.start <= content.start < q.span.end for q in direct
                ):
                    continue
                speaker = _speaker(article, token, view)
                if speaker is None:
                    continue
                cue = _token_span(token, view.offset)
                attribution = _Attribution(speaker, cue, f"reported:{token.lemma_.lower()}", 0.6)
                yield _quote(article, content, attribution, direct=False)


def direct_quote_spans(text: str, paragraph: Span) -> list[Span]:
    """Content spans of the direct quotes in one paragraph (marks excluded)."""
    spans: list[Span] = []
    open_at: int | None = None
    for i in range(paragraph.start, paragraph.end):
        char = text[i]
        if char not in _OPENERS and char not in _CLOSERS and char != '"':
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


def _opens(text: str, i: int, paragraph: Span) -> bool:
    if text[i] in _OPENERS:
        return True
    if text[i] in _CLOSERS:
        return False
    return i == paragraph.start or not text[i - 1].isalnum()


def _closes(text: str, i: int, paragraph: Span) -> bool:
    if text[i] in _CLOSERS:
        return True
    if text[i] in _OPENERS:
        return False
    return i + 1 >= paragraph.end or not text[i + 1].isalnum()


def _starts_with_quote(text: str, paragraph: Span) -> bool:
    return text[paragraph.start] in _OPENERS or text[paragraph.start] == '"'


def _attribute(article: Article, span: Span, views: list[_SentenceView]) -> _Attribution | None:
    for offset in (span.end, span.start - 1):
        view = _view_at(views, offset)
        if view is None:
            continue
        for token in view.sent:
            start = view.offset + token.idx
            if span.start <= start < span.end or token.lemma_.lower() not in _CUES:
                continue
            if token.pos_ != "VERB":
                continue
            speaker = _speaker(article, token, view)
            if speaker is not None:
                rule = f"cue:{token.lemma_.lower()}"
                return _Attribution(speaker, _token_span(token, view.offset), rule, 0.85)
    return None


def _continued(previous: _Attribution | None) -> _Attribution | None:
    if previous is None:
        return None
    return _Attribution(previous.speaker, previous.cue, "continuation", 0.65)


def _last_attribution(quotes: list[Quote], text: str, paragraph: Span) -> _Attribution | None:
    """The attribution carried into the next paragraph, if this one ends inside a quote."""
    if not quotes or quotes[-1].span.end < paragraph.end - 2:
        return None
    last = quotes[-1]
    return _Attribution(last.speaker, last.cue, last.rule, last.confidence)


def _view_at(views: list[_SentenceView], offset: int) -> _SentenceView | None:
    for view in views:
        if view.record.span.start <= offset <= view.record.span.end:
            return view
    return None


def _speaker(article: Article, cue: Any, view: _SentenceView) -> Mention | None:
    subject = _cue_subject(cue)
    if subject is None:
        return None
    span = _subtree_span(subject, view.offset)
    for mention in article.mentions:
        if span.contains(mention.span):
            return mention
    text = article.text[span.start : span.end]
    return Mention(span, text, view.record.index, None, "speaker:unresolved", 0.4)


def _cue_subject(cue: Any) -> Any | None:
    if cue.lemma_.lower() in ("quote", "cite"):  # "X cited Y as saying": Y speaks
        for child in cue.children:
            if child.dep_ == "dobj":
                return child
    for child in cue.children:
        if child.dep_ in _SUBJECTS:
            return child
        if child.dep_ == "prep" and child.lower_ == "according":
            return next((c for c in child.subtree if c.dep_ == "pobj"), None)
    if cue.dep_ in ("advcl", "conj", "xcomp") and cue.head.i != cue.i:
        return _cue_subject(cue.head)
    return None


def _reported_content(cue: Any, offset: int) -> Span | None:
    for child in cue.children:
        if child.dep_ == "ccomp":
            span = _subtree_span(child, offset)
            return span if span.end - span.start > 10 else None
    return None


def _subtree_span(token: Any, offset: int) -> Span:
    tokens = [t for t in token.subtree if not t.is_punct or t.i != token.i]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens:
        return _token_span(token, offset)
    return Span(offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1].text))


def _token_span(token: Any, offset: int) -> Span:
    return Span(offset + token.idx, offset + token.idx + len(token.text))


def _quote(
    article: Article, span: Span, attribution: _Attribution | None, *, direct: bool
) -> Quote:
    sentence = article.sentence_at(span.start)
    return Quote(
        quote_id=content_id(article.id, str(span.start), str(span.end)),
        span=span,
        text=article.text[span.start : span.end],
        sentence=sentence.index if sentence else -1,
        speaker=attribution.speaker if attribution else None,
        cue=attribution.cue if attribution else None,
        direct=direct,
        confidence=attribution.confidence if attribution else 0.3,
        rule=attribution.rule if attribution else "unattributed",
    )
