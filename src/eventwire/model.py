"""Typed records that flow through the pipeline.

Every offset is a character offset into ``Article.text`` exactly as it was given (end exclusive).
Inside the pipeline the stages see a working copy without invisible characters (soft hyphens,
zero-width and bidi marks, NUL: :mod:`eventwire.offsets`), whose spans are moved back onto the
original text when the pipeline hands the article out. Normalisation
(:func:`eventwire.chars.normalise_chars`: typographic quotes, odd spaces) only ever replaces one
character by one character, so the normalised copy ``Article.norm_text`` shares every offset with
the text it was made from. It is made once, when the article is made (the content id hashes it),
and travels with the article; a copy with another text passes ``norm_text=""``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from eventwire.chars import normalise_chars

ParagraphKind = Literal["headline", "body", "boilerplate"]
Modality = Literal["asserted", "future", "intended", "possible", "reported", "conditional"]


def content_id(*parts: str) -> str:
    """A stable 16-hex-digit id from the given parts (order matters)."""
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in the article text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Dateline:
    """A parsed dateline ("CARACAS, Jan 25 (Reuters) -"): offsets are into the article text."""

    span: Span
    city: Span | None
    region: str | None
    agency: str | None
    month_day: tuple[int, int] | None
    year: int | None

    def date(self, fallback_year: int | None) -> dt.date | None:
        year = self.year or fallback_year
        if self.month_day is None or year is None:
            return None
        try:
            return dt.date(year, *self.month_day)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    span: Span
    kind: ParagraphKind


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    span: Span
    paragraph: int


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: a CAMEO-style code and a canonical name."""

    code: str
    name: str
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names an actor, with the rule that resolved it."""

    span: Span
    text: str
    sentence: int
    actor: Actor | None
    rule: str
    confidence: float
    role: str | None = None
    person: str | None = None  # canonical person name when the mention is a person
    #: The actors a group phrase stands for ("the two governments": Japan's and South Korea's);
    #: such a mention has no actor of its own, and each of these is an actor of an event.
    group: tuple[Actor, ...] = ()

    @property
    def code(self) -> str | None:
        return self.actor.code if self.actor else None

    def members(self) -> tuple[Mention, ...]:
        """The mention once per actor it stands for: itself, or one per group member."""
        if not self.group:
            return (self,)
        return tuple(replace(self, actor=actor, group=()) for actor in self.group)


@dataclass(frozen=True, slots=True)
class EventType:
    """CAMEO code with what it implies: root, QuadClass, Goldstein score, PLOVER type and mode."""

    cameo: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str
    plover_mode: str | None


Granularity = Literal["day", "week", "month", "season", "year"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


#: ``EventDate.reason`` when the text states no date for the event (see :mod:`eventwire.when`).
PUBLICATION_DATE: Final = "publication date"
NO_PUBLICATION_DATE: Final = "no publication date"
#: Modalities of events that may not happen: left out of the GDELT export by default.
HYPOTHETICAL: Final = ("possible", "conditional")


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None  # ISO date, or a coarser TimeML value such as 2019-01
    granularity: Granularity | None
    reason: str


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalised TimeML-style against the publication date.

    ``value`` is e.g. ``2019-01-25``, ``2019-01``, ``2019-W04``, ``2019-SU``, ``P3D``, ``PT72H``,
    ``PRESENT_REF`` or ``XXXX-WXX-5``; ``None`` when it cannot be resolved (no anchor date).
    ``deadline`` marks a limit ("by Friday", "within 72 hours"), which never dates an event.
    """

    span: Span
    text: str
    sentence: int
    type: TimexType
    value: str | None
    rule: str
    deadline: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym and the gazetteer entry it names (GeoNames id and point); an unresolved one
    keeps its text as ``name``, feature ``unknown``, no id or point, and a ``reason``."""

    span: Span
    text: str
    sentence: int | None
    name: str
    feature: str  # continent | country | admin1 | city | unknown
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    rule: str
    confidence: float
    #: Why a toponym has no gazetteer entry (``None`` when resolved; then lat/lon are set).
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Where an event happened, and why eventwire thinks so."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    reason: str
    span: Span | None = None  # the toponym in the text, when there is one


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    sentence: int
    sentence_span: Span
    trigger: Span
    type: EventType
    source: Mention | None
    target: Mention | None
    negated: bool
    modality: Modality
    rule: str
    confidence: float
    date: EventDate | None = None
    quote_id: str | None = None
    place: EventPlace | None = None
    # The trigger's token in its paragraph's parse (``Doc`` index), so that later stages find it
    # without scanning; meaningful only while the parse is attached, hence not compared.
    trigger_token: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Quote:
    quote_id: str
    span: Span
    text: str
    sentence: int
    speaker: Mention | None
    cue: Span | None
    direct: bool
    confidence: float
    rule: str
    #: Quoted words inside the reporter's own sentence (`called it "a disgrace"`): the span is the
    #: words inside the marks, as the annotation guide has it; the reported clause around them
    #: is a quote of its own (``direct=False``) with the same speaker.
    partial: bool = False
    #: ``quote`` (attributed words) or ``unattributed`` (quoted text with no speaker: scare
    #: quotes, titles, slogans, fragments with no cue), kept out of read paths by default.
    kind: str = "quote"


@dataclass(frozen=True, slots=True)
class ArticleError:
    """Why an article (or one stage of it) failed; stored, never raised past the runner."""

    stage: str
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class Article:
    """One news article and everything the stages attach to it."""

    text: str
    id: str = ""
    external_id: str | None = None
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # file (and line) the article was read from
    author: str | None = None  # byline from the page's metadata (HTML, feeds)
    # ``text`` normalised, made once with the article (``""``: made from ``text``). A copy made
    # with ``replace(article, text=...)`` must pass ``norm_text=""`` so that it is made again.
    norm_text: str = ""
    paragraphs: tuple[Paragraph, ...] = ()  # classified once: ingest screen or normalise stage
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    errors: tuple[ArticleError, ...] = ()
    timexes: tuple[Timex, ...] = ()
    places: tuple[Place, ...] = ()
    date_source: str | None = None  # metadata | dateline | url; None when no date was found
    warnings: tuple[str, ...] = ()  # notes that are not errors (e.g. "no publication date")
    dateline: Dateline | None = None  # found by the ``metadata`` stage
    language: str | None = None  # ISO 639-1 code detected by the ingest screen (None: not run)
    # Parser output for the stages of this process; never stored or compared.
    parsed: tuple[Any, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.norm_text:
            object.__setattr__(self, "norm_text", normalise_chars(self.text))
        elif len(self.norm_text) != len(self.text):
            raise ValueError(
                "norm_text is not the normalised text of this article (a copy with another "
                "text must pass norm_text='')"
            )
        if not self.id:
            parts = [self.source or "", self.norm_text]
            if self.external_id:  # two records with their own ids are two articles
                parts.append(f"id:{self.external_id}")
            object.__setattr__(self, "id", content_id(*parts))

    @property
    def public_id(self) -> str:
        """The id users see: the external id when one was given, else the content id."""
        return self.external_id or self.id

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def with_error(self, stage: str, exc: BaseException) -> Article:
        error = ArticleError(stage=stage, kind=type(exc).__name__, message=str(exc))
        return replace(self, errors=(*self.errors, error))

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding the character at ``offset`` (sentences are in text order)."""
        at = bisect_right(self.sentences, offset, key=_sentence_start) - 1
        if at >= 0 and offset < self.sentences[at].span.end:
            return self.sentences[at]
        return None


def _sentence_start(sentence: Sentence) -> int:
    return sentence.span.start
