"""The ``quotes`` stage: direct and reported speech in each paragraph, attributed to a speaker.

Direct quotes come from the marks (:mod:`eventwire.quotes.marks`), each flagged ``partial`` when
it sits inside the reporter's sentence. Each takes a cue with a speaker in the sentences around
its marks (``cue:<lemma>``): the cue that governs the quoted words in the parse first, else the
nearest, never one inside a quote or (unless it governs) behind another quote; the sentence after
a quote ending in ? or ! counts when its cue reports nothing else ("“Why?” Smith asked.").
Without a cue, a quote after a colon is the words of the subject of the clause the colon ends
(``colon``); a quote continues the speaker before it in the paragraph (``continuation``); a
paragraph that opens with a quote continues the last speaker of the previous paragraph
(``continuation:open`` when that paragraph ended inside the quote, ``continuation:paragraph``
else, the cue's own rule plus ``:colon`` when that paragraph ended "Smith said:"), and a quote
left open with no speaker takes the one named where it carries on (``continuation:next``).
Fragments (a word or two) and titles never continue anybody: a fragment is a quote only with a
cue in its own sentence, a title never. A quote with no speaker is kept with
``kind="unattributed"``. Transcript paragraphs (``SMITH: ...``) are their speaker's words
(:mod:`eventwire.quotes.transcript`). Reported speech (``reported:<lemma>``) is a speech verb's
content clause (:mod:`eventwire.quotes.reported`) unless it is mostly a direct quote already
found.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from eventwire.context import SentenceContext, sentence_contexts
from eventwire.events.build import EventBuilder
from eventwire.events.verbs import VerbLexicon, builtin_verbs
from eventwire.lang import LanguageData
from eventwire.model import Article, Mention, Quote, Span, content_id
from eventwire.quotes.events import CuedQuote, link_events
from eventwire.quotes.first_person import speak_for_events
from eventwire.quotes.marks import (
    direct_quote_spans,
    embedded,
    ends_open,
    is_title,
    starts_with_quote,
    word_count,
)
from eventwire.quotes.reported import reported_content
from eventwire.quotes.speakers import ArticleSpeakers, CueWords, speaker_mention
from eventwire.quotes.transcript import transcript_turn

_ADJACENT = 3  # characters between a quote and its cue that still count as "next to it"
_MOSTLY_QUOTED = 0.8
_OPENING = 3  # a cue in the sentence after a quote stands within its first tokens ("Smith said")


@dataclass(frozen=True, slots=True)
class _Attribution:
    speaker: Mention
    cue: Any | None  # the spaCy token of the cue word
    view: SentenceContext | None
    rule: str
    confidence: float

    def continued(self, rule: str, confidence: float) -> _Attribution:
        return replace(self, rule=rule, confidence=min(confidence, self.confidence))


@dataclass(frozen=True, slots=True)
class _Carry:
    """What a paragraph hands to the next: its last speaker, and whether a quote was left open."""

    attribution: _Attribution
    open_quote: bool
    introduced: bool = False  # the paragraph ended in a colon after a cue ("Smith said:")


class QuoteFinder:
    """The ``quotes`` stage (built once per pipeline around a verb lexicon for quote events)."""

    def __init__(self, lang: LanguageData, verbs: VerbLexicon | None = None) -> None:
        self.verbs = verbs if verbs is not None else builtin_verbs()
        self.words = CueWords.of(lang)
        self.builder = EventBuilder(lang)
        self.actions = lang.speech_verbs("action")

    def run(self, article: Article) -> Article:
        views: dict[int, list[SentenceContext]] = {}  # by paragraph
        for view in sentence_contexts(article):
            views.setdefault(view.record.paragraph, []).append(view)
        found: list[tuple[Quote, _Attribution | None]] = []
        carry: _Carry | None = None
        pending: list[int] = []  # unattributed quotes left open, waiting for their speaker
        speakers = ArticleSpeakers.of(article, self.words.quote_words.statement_nouns)
        people = [m for m in article.mentions if m.person]
        labels = self.words.quote_words.transcript_labels
        for paragraph in article.paragraphs:
            if paragraph.kind == "boilerplate":
                carry = None
                continue
            turn = transcript_turn(article, paragraph.span, people, labels)
            if turn is not None:
                attribution = _Attribution(turn.speaker, None, None, "transcript", 0.7)
                found.append((_quote(article, turn.words, attribution, direct=True), attribution))
                carry = _Carry(attribution, open_quote=False)
                continue
            inside = views.get(paragraph.index, [])
            quotes = list(
                _paragraph_quotes(article, speakers, paragraph.span, inside, carry, self.words)
            )
            carry = (
                _carry(quotes, paragraph.span)
                or _introduction(article, speakers, paragraph.span, inside, self.words)
                or (carry if not inside else None)
            )
            pending = _backfill(article, found, pending, quotes, paragraph.span)
            found.extend(quotes)
        found.sort(key=lambda pair: pair[0].span.start)
        article = replace(article, quotes=tuple(q for q, _ in found))
        cued = [CuedQuote(q, a.cue, a.view) for q, a in found if a and a.cue is not None and a.view]
        article = link_events(article, cued, self.verbs, self.builder, self.actions)
        return speak_for_events(article, [v for inside in views.values() for v in inside])


def _paragraph_quotes(
    article: Article,
    speakers: ArticleSpeakers,
    paragraph: Span,
    views: list[SentenceContext],
    carry: _Carry | None,
    words: CueWords,
) -> Iterator[tuple[Quote, _Attribution | None]]:
    spans = direct_quote_spans(article.text, paragraph)
    current = _carried(carry) if spans and starts_with_quote(article.text, paragraph) else None
    before: Span | None = None
    for span in spans:
        partial = embedded(article.text, span, paragraph, before)
        before = span
        attribution = _direct_attribution(article, speakers, span, spans, views, words, partial)
        if attribution is None and current is not None and _continues(article, span, words):
            attribution = current if span is spans[0] else current.continued("continuation", 0.7)
        if attribution is None and not partial and current is None:
            attribution = _subject_before(article, speakers, span, views)
        if attribution is not None:
            current = attribution
        yield _quote(article, span, attribution, direct=True, partial=partial), attribution
    yield from _reported(article, speakers, views, spans, words)


def _direct_attribution(
    article: Article,
    speakers: ArticleSpeakers,
    span: Span,
    spans: list[Span],
    views: list[SentenceContext],
    words: CueWords,
    partial: bool,
) -> _Attribution | None:
    """The cue's attribution of a quote, if any; an embedded title or a fragment with no cue in
    its own sentence is nobody's words (``None``)."""
    text = span.text_of(article.text)
    if is_title(text, words.quote_words.title_small_words) and (partial or word_count(text) > 1):
        return None
    attribution = _attribute(article, speakers, span, spans, views, words)
    if attribution is None and not partial:
        attribution = _after_colon(article, speakers, span, views)
    if attribution is None or not partial or word_count(text) > words.quote_words.fragment_words:
        return attribution
    return attribution if _same_sentence(article, attribution, span) else None


def _after_colon(
    article: Article, speakers: ArticleSpeakers, span: Span, views: list[SentenceContext]
) -> _Attribution | None:
    """A quote after a colon with no cue ("Trump took to social media: “…”", "Smith's message
    was blunt: “…”") is the words of the subject of the clause the colon ends (``colon``), when
    that subject is a known actor or person."""
    at = span.start - 2
    while at >= 0 and article.text[at].isspace():
        at -= 1
    if at < 0 or article.text[at] != ":":
        return None
    for view in views:
        if not view.record.span.start <= at < view.record.span.end:
            continue
        colon = view.token_at(at)
        speaker = _clause_subject(article, speakers, colon, view) if colon is not None else None
        return _Attribution(speaker, None, None, "colon", 0.6) if speaker is not None else None
    return None


def _clause_subject(
    article: Article, speakers: ArticleSpeakers, colon: Any, view: SentenceContext
) -> Mention | None:
    """The subject of the clause a colon ends, when it is a known actor or a named person."""
    if colon.i == view.sent.start:
        return None
    clause = colon.doc[colon.i - 1]  # the word before the colon, up to its clause's head
    while clause.head.i != clause.i and clause.head.i < colon.i:
        clause = clause.head
    speaker = speaker_mention(article, clause, view, speakers)
    if speaker is not None and (speaker.actor is not None or speaker.person):
        return speaker
    return None


def _subject_before(
    article: Article, speakers: ArticleSpeakers, span: Span, views: list[SentenceContext]
) -> _Attribution | None:
    """A standing quote with no cue right after a sentence about a person ("Smith was defiant.
    “We will win.”") is that person's words (``subject``): the sentence must end just before the
    opening mark, hold no quote, and have a named person for the subject of its main verb."""
    before = [v for v in views if v.record.span.end <= span.start - 1]
    if not before or span.start - 1 - before[-1].record.span.end > _ADJACENT:
        return None
    view = before[-1]
    sentence = view.record.span.text_of(article.text)
    if any(mark in sentence for mark in ('"', "\u201c", "\u201d")):
        return None
    speaker = speaker_mention(article, view.sent.root, view, speakers)
    if speaker is None or speaker.person is None or speaker.rule == "speaker:phrase":
        return None
    return _Attribution(speaker, None, None, "subject", 0.5)


def _continues(article: Article, span: Span, words: CueWords) -> bool:
    """A quote with no cue continues the speaker before it unless it is a fragment or a title."""
    text = span.text_of(article.text)
    return word_count(text) > words.quote_words.fragment_words and not is_title(
        text, words.quote_words.title_small_words
    )


def _same_sentence(article: Article, attribution: _Attribution, span: Span) -> bool:
    if attribution.view is None or attribution.cue is None:
        return False
    sentence = attribution.view.record.span
    return sentence.start <= span.start < sentence.end


def _backfill(
    article: Article,
    found: list[tuple[Quote, _Attribution | None]],
    pending: list[int],
    quotes: list[tuple[Quote, _Attribution | None]],
    paragraph: Span,
) -> list[int]:
    """A quote running over several paragraphs is attributed once, often at its end: the open
    paragraphs before take the speaker of the paragraph that carries the quote on
    (``continuation:next``). Returns the quotes still waiting (indices into ``found``)."""
    direct = sorted((pair for pair in quotes if pair[0].direct), key=lambda p: p[0].span.start)
    opens = bool(direct) and starts_with_quote(article.text, paragraph)
    if pending and opens and direct[0][1] is not None:
        attribution = direct[0][1].continued("continuation:next", 0.65)
        for i in pending:
            quote = found[i][0]
            found[i] = (
                _quote(article, quote.span, attribution, direct=True, partial=quote.partial),
                attribution,
            )
        pending = []
    if not pending or not opens or direct[0][1] is not None:
        pending = []
    last = direct[-1] if direct else None
    if last is None or last[1] is not None or not ends_open(last[0].span, paragraph):
        return []
    if len(direct) > 1 or not opens:
        pending = []
    return [*pending, len(found) + quotes.index(last)]


def _carried(carry: _Carry | None) -> _Attribution | None:
    if carry is None:
        return None
    if carry.introduced:
        return carry.attribution
    if carry.open_quote:
        return carry.attribution.continued("continuation:open", 0.7)
    return carry.attribution.continued("continuation:paragraph", 0.55)


def _carry(quotes: list[tuple[Quote, _Attribution | None]], paragraph: Span) -> _Carry | None:
    attributed = [(q, a) for q, a in quotes if a is not None]
    if not attributed:
        return None
    quote, attribution = max(attributed, key=lambda pair: pair[0].span.start)
    return _Carry(attribution, quote.direct and ends_open(quote.span, paragraph))


def _introduction(
    article: Article,
    speakers: ArticleSpeakers,
    paragraph: Span,
    views: list[SentenceContext],
    words: CueWords,
) -> _Carry | None:
    """A paragraph that ends in a colon after a cue with a speaker introduces the quote that
    opens the next paragraph ("Smith told reporters:")."""
    if not views or not paragraph.text_of(article.text).rstrip().endswith(":"):
        return None
    view = views[-1]
    for token in reversed(list(view.sent)):
        if not words.is_cue(token):
            continue
        speaker = speaker_mention(article, token, view, speakers)
        if speaker is not None:
            attribution = _Attribution(speaker, token, view, f"{_cue_rule(token)}:colon", 0.8)
            return _Carry(attribution, open_quote=True, introduced=True)
    colon = view.token_at(paragraph.text_of(article.text).rstrip().rfind(":") + paragraph.start)
    subject = _clause_subject(article, speakers, colon, view) if colon is not None else None
    if subject is None:
        return None
    return _Carry(_Attribution(subject, None, None, "colon", 0.6), open_quote=True, introduced=True)


# -- direct quotes --------------------------------------------------------------------------
def _attribute(
    article: Article,
    speakers: ArticleSpeakers,
    span: Span,
    spans: list[Span],
    views: list[SentenceContext],
    words: CueWords,
) -> _Attribution | None:
    best: tuple[bool, int, bool, _Attribution] | None = None
    for view in views:
        after = _after(article, view, span)
        if not after and (
            view.record.span.end < span.start - 1 or view.record.span.start > span.end + 1
        ):
            continue
        low, high = span.start - view.offset, span.end - view.offset
        quoted = [t for t in view.sent if low <= t.idx < high]
        for token in view.sent:
            if not words.is_cue(token):
                continue
            at = view.span_of(token)
            if _inside(at, spans):
                continue
            if after and not _opens_after(token, view, words):
                continue
            governs = any(token.is_ancestor(t) for t in quoted)
            if not governs and _quote_between(at, span, spans):
                continue
            speaker = speaker_mention(article, token, view, speakers)
            if speaker is None or _overlaps(speaker.span, spans):
                continue  # a speaker inside quoted words ("an “unlikely event” said") is none
            distance = _gap(at, span)
            confidence = 0.85 if distance <= _ADJACENT else 0.75
            attribution = _Attribution(speaker, token, view, _cue_rule(token), confidence)
            key = (not governs, distance, at.start < span.start)
            if best is None or key < best[:3]:
                best = (*key, attribution)
    return best[3] if best else None


def _after(article: Article, view: SentenceContext, span: Span) -> bool:
    """The sentence right after a quote that ends in ?, ! or . ("“Why now?” Smith asked."): the
    parser ends the sentence inside the marks, and the cue opens the next one."""
    start = view.record.span.start
    words = span.text_of(article.text).rstrip()
    return bool(words) and words[-1] in "?!." and span.end < start <= span.end + _ADJACENT


def _opens_after(cue: Any, view: SentenceContext, words: CueWords) -> bool:
    """A cue in the sentence after a quote opens it ("Smith said.") and carries no words or name
    of its own: no clause, not "according to", not a verb of naming."""
    return (
        cue.i - view.sent.start <= _OPENING
        and cue.lower_ != "according"
        and cue.lemma_.lower() not in words.names
        and not any(c.dep_ in ("ccomp", "oprd", "xcomp") for c in cue.children)
    )


def _cue_rule(token: Any) -> str:
    return "cue:according" if token.lower_ == "according" else f"cue:{token.lemma_.lower()}"


def _inside(at: Span, spans: list[Span]) -> bool:
    return any(s.start <= at.start < s.end for s in spans)


def _overlaps(at: Span, spans: list[Span]) -> bool:
    return any(s.start < at.end and at.start < s.end for s in spans)


def _quote_between(at: Span, span: Span, spans: list[Span]) -> bool:
    low, high = (at.end, span.start) if at.end <= span.start else (span.end, at.start)
    return any(other != span and low <= other.start and other.end <= high for other in spans)


def _gap(a: Span, b: Span) -> int:
    return b.start - a.end if a.end <= b.start else max(0, a.start - b.end)


# -- reported speech ------------------------------------------------------------------------
def _reported(
    article: Article,
    speakers: ArticleSpeakers,
    views: list[SentenceContext],
    spans: list[Span],
    words: CueWords,
) -> Iterator[tuple[Quote, _Attribution | None]]:
    for view in views:
        for token in view.sent:
            if not words.is_speech(token) or _inside(view.span_of(token), spans):
                continue
            content = reported_content(
                token, view, words.reports, words.quote_words.statement_nouns
            )
            if content is None or _mostly_quoted(content, spans):
                continue
            speaker = speaker_mention(article, token, view, speakers)
            if speaker is None:
                continue
            rule = "reported:according" if token.lower_ == "according" else None
            rule = rule or f"reported:{token.lemma_.lower()}"
            attribution = _Attribution(speaker, token, view, rule, 0.65)
            yield _quote(article, content, attribution, direct=False), attribution


def _mostly_quoted(content: Span, spans: list[Span]) -> bool:
    if _inside(content, spans):
        return True
    quoted = sum(max(0, min(s.end, content.end) - max(s.start, content.start)) for s in spans)
    return quoted >= _MOSTLY_QUOTED * (content.end - content.start)


def _quote(
    article: Article,
    span: Span,
    attribution: _Attribution | None,
    *,
    direct: bool,
    partial: bool = False,
) -> Quote:
    sentence = article.sentence_at(span.start)
    return Quote(
        quote_id=content_id(article.id, str(span.start), str(span.end)),
        span=span,
        text=span.text_of(article.text),
        sentence=sentence.index if sentence else -1,
        speaker=attribution.speaker if attribution else None,
        cue=attribution.view.span_of(attribution.cue)
        if attribution and attribution.cue is not None and attribution.view
        else None,
        direct=direct,
        confidence=attribution.confidence if attribution else 0.3,
        rule=attribution.rule if attribution else "unattributed",
        partial=partial,
        kind="quote" if attribution else "unattributed",
    )
