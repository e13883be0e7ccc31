"""Cue words and the speaker they introduce, resolved to the article's actor mentions.

The speaker of a cue verb is its subject ("Maduro said", inverted "said Maduro", even when the
parser takes an inverted speaker after a quote for an object), the object of
"quoted/cited X as saying", or the object of "according to X"; a participle ("..., adding that")
takes the subject of the verb it hangs from. The speaker phrase is resolved, in order, to
1. the actor mention covering its head word;
2. a person mention inside it ("the spokesman for the ministry, Gao Feng");
3. for he/she/it/they, the latest earlier mention of a person (or, for it/they, of an
   organisation or country) (``speaker:pronoun``);
4. the noun phrase itself, with the actor of any mention inside it ("a statement from the
   presidency", "Mayor Ines Carvalho") (``speaker:phrase``) — agencies and documents speak too.

"His remarks noted ...", "the ministry's statement said ...": a statement noun with a possessor
speaks for the possessor. A speaker that names nobody but a role ("the minister", "the
governor") is the person last named before it in that role: the mention stays the one the text
links to the quote, and its person is that person's fullest name (``+role``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from eventwire.context import ArticleMentions, MentionsWhere, SentenceContext, subtree
from eventwire.lang import LanguageData, QuoteWords
from eventwire.model import Article, Mention, Span

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_RELATIVE = frozenset({"who", "which", "that"})
_PERSONAL = frozenset({"he", "she", "his", "her"})
_COLLECTIVE = frozenset({"it", "they", "its", "their"})
#: Parts of a subject that are not the speaker's name ("X, who runs a shelter", "X, 62").
_NOT_NAME = frozenset({"appos", "relcl", "acl", "advcl", "punct", "cc", "conj", "npadvmod", "case"})


@dataclass(frozen=True, slots=True)
class CueWords:
    """The speech verbs the quote finder reads (from the language data)."""

    cues: frozenset[str]  # attribute a direct quote ("…", Ilic told reporters)
    reports: frozenset[str]  # introduce reported speech (X said that …)
    quote_words: QuoteWords  # titles, statement nouns, fragments, transcript labels
    names: frozenset[str] = frozenset()  # verbs of naming: "is called X" is no speech

    @classmethod
    def of(cls, lang: LanguageData) -> CueWords:
        return cls(
            lang.speech_verbs("cue"), lang.speech_verbs("reports"), lang.quotes,
            lang.speech_verbs("names"),
        )  # fmt: skip

    def is_cue(self, token: Any) -> bool:
        """A cue verb, or the "according" of "according to"; a verb of naming in the passive
        with no agent ("what is called “permanent residency”") is none."""
        if token.lower_ == "according":
            return any(c.lower_ == "to" for c in token.children)
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in self.cues:
            return False
        return lemma not in self.names or not _agentless_passive(token)

    def is_speech(self, token: Any) -> bool:
        """A verb that introduces reported speech, or "according to"."""
        if token.lower_ == "according":
            return self.is_cue(token)
        return token.pos_ == "VERB" and token.lemma_.lower() in self.reports


def _agentless_passive(verb: Any) -> bool:
    deps = {c.dep_ for c in verb.children}
    reduced = verb.tag_ == "VBN" and verb.dep_ == "acl" and "nsubj" not in deps  # "a law called"
    return (bool(deps & {"auxpass", "nsubjpass"}) or reduced) and "agent" not in deps


def cue_subject(cue: Any) -> Any | None:
    """The token that stands for the speaker of ``cue`` (see the module docstring)."""
    if cue.lower_ == "according":
        return next((c for t in cue.children if t.lower_ == "to" for c in t.children), None)
    if _is_quote_verb(cue):  # "X cited Y as saying": Y speaks
        return next((c for c in cue.children if c.dep_ == "dobj"), None)
    for child in cue.children:
        if child.dep_ in _SUBJECTS:
            return cue.head if child.lower_ in _RELATIVE and cue.dep_ == "relcl" else child
    inverted = _inverted_speaker(cue)
    if inverted is not None:
        return inverted
    head = cue.head
    if cue.dep_ == "pcomp" and head.lower_ == "as" and _is_quote_verb(head.head):
        return cue_subject(head.head)
    if cue.dep_ in ("advcl", "conj", "xcomp") and head.i != cue.i:
        return cue_subject(head)
    return None


def quoting_subject(cue: Any) -> Any | None:
    """Who quotes the speaker of ``cue`` in "X quoted/cited Y as saying" (X), else ``None``."""
    if not _is_quote_verb(cue):
        return None
    return next((c for c in cue.children if c.dep_ in _SUBJECTS), None)


def _inverted_speaker(cue: Any) -> Any | None:
    """An inverted speaker the parser took for an object: "“…?” asked one protester"."""
    if not any(c.dep_ == "ccomp" and c.i < cue.i for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)


def _is_quote_verb(token: Any) -> bool:
    return token.lemma_.lower() in ("quote", "cite")


@dataclass(frozen=True, slots=True)
class NamedByRole:
    """Mentions of a named person with a role, per set of role words, ordered by end.

    "The minister" takes the person last named before it whose role holds "minister": one
    bisection per set of role words the article uses, not a scan of every earlier mention.
    """

    by_role: dict[frozenset[str], tuple[Mention, ...]]

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> NamedByRole:
        grouped: dict[frozenset[str], list[Mention]] = {}
        for mention in mentions:
            if mention.person and mention.role:
                grouped.setdefault(role_words(mention.role), []).append(mention)
        return cls({role: tuple(sorted(found, key=_end)) for role, found in grouped.items()})

    def last_before(self, role: str, start: int) -> Mention | None:
        """The mention ending last at or before ``start`` whose role has every word of ``role``."""
        wanted = role_words(role)
        best: Mention | None = None
        for words, found in self.by_role.items():
            if not wanted <= words:
                continue
            index = bisect_right(found, start, key=_end) - 1
            if index >= 0 and (best is None or _later(found[index], best)):
                best = found[index]
        return best


def role_words(role: str) -> frozenset[str]:
    return frozenset(role.lower().split())


def _end(mention: Mention) -> int:
    return mention.span.end


def _later(one: Mention, other: Mention) -> bool:
    return (one.span.end, one.span.start) > (other.span.end, other.span.start)


@dataclass(frozen=True, slots=True)
class FullNames:
    """The people's names of an article, each under every word it has (longest first), so that
    the fullest name holding all the words of a shorter one is found among the names sharing
    one of its words, not by reading every name of the article for every speaker."""

    by_word: dict[str, tuple[tuple[str, frozenset[str]], ...]]

    @classmethod
    def of(cls, names: Iterable[str]) -> FullNames:
        grouped: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for name in sorted(set(names), key=lambda n: (-len(n), n)):
            words = _name_words(name)
            for word in words:
                grouped.setdefault(word, []).append((name, words))
        return cls({word: tuple(found) for word, found in grouped.items()})

    def fullest(self, person: str) -> str | None:
        """The longest name longer than ``person`` that has all its words ("Smith" → "John
        Smith"), or ``None``."""
        words = _name_words(person)
        if not words:
            return None
        rarest = min(words, key=lambda w: len(self.by_word.get(w, ())))
        for name, name_words in self.by_word.get(rarest, ()):  # longest first
            if len(name) <= len(person):
                return None
            if words <= name_words:
                return name
        return None


@dataclass(frozen=True, slots=True)
class ArticleSpeakers:
    """An article's mentions indexed once for the speaker look-ups (no scan per cue)."""

    mentions: ArticleMentions
    people: MentionsWhere  # mentions of a person
    groups: MentionsWhere  # coded mentions that are not of a person
    named: NamedByRole  # mentions of a named person with a role
    names: FullNames  # every person's name in the article, by word
    statement_nouns: frozenset[str] = frozenset()  # "his remarks", "the ministry's statement"

    @classmethod
    def of(cls, article: Article, statement_nouns: frozenset[str] = frozenset()) -> ArticleSpeakers:
        return cls(
            ArticleMentions(article.mentions),
            MentionsWhere(article.mentions, lambda m: m.person is not None),
            MentionsWhere(article.mentions, lambda m: m.person is None and m.actor is not None),
            NamedByRole.of(article.mentions),
            FullNames.of(m.person for m in article.mentions if m.person),
            statement_nouns,
        )


def speaker_mention(
    article: Article, cue: Any, view: SentenceContext, speakers: ArticleSpeakers | None = None
) -> Mention | None:
    """The speaker of ``cue`` as a mention (an existing one when the actors stage found it).

    ``speakers``: the article's mentions indexed (:meth:`ArticleSpeakers.of`), made once per
    article by a caller that asks about many cues."""
    speakers = speakers if speakers is not None else ArticleSpeakers.of(article)
    subject = cue_subject(cue)
    if subject is None:
        return None
    subject = _possessor(subject, speakers.statement_nouns)
    found = _speaker_of(article, subject, view, speakers)
    return _fullest(_with_role_person(found, speakers), speakers) if found is not None else None


def _fullest(mention: Mention, speakers: ArticleSpeakers) -> Mention:
    """The fullest name the article gives the speaker ("Smith" → "John Smith")."""
    if not mention.person:
        return mention
    fuller = speakers.names.fullest(mention.person)
    return replace(mention, person=fuller) if fuller is not None else mention


def _name_words(name: str) -> frozenset[str]:
    return frozenset("".join(c.lower() if c.isalnum() else " " for c in name).split())


def _possessor(subject: Any, nouns: frozenset[str]) -> Any:
    """ "His remarks", "the ministry's statement": the possessor speaks."""
    if subject.lemma_.lower() not in nouns:
        return subject
    return next((c for c in subject.children if c.dep_ == "poss"), subject)


def _with_role_person(mention: Mention, speakers: ArticleSpeakers) -> Mention:
    """A role with no name ("the minister") takes the person last named before it in that role."""
    if mention.person or not mention.role or mention.rule == "speaker:pronoun":
        return mention
    earlier = speakers.named.last_before(mention.role, mention.span.start)
    if earlier is None:
        return mention
    actor = mention.actor or earlier.actor
    return replace(mention, person=earlier.person, actor=actor, rule=f"{mention.rule}+role")


def _speaker_of(
    article: Article, subject: Any, view: SentenceContext, speakers: ArticleSpeakers
) -> Mention | None:
    head = view.span_of(subject)
    phrase = _name_span(subject, view)
    covering = view.mentions.covering(head.start, coded=False)
    if covering is not None:
        return covering
    person = _person_inside(speakers.mentions, _subtree_span(subject, view))
    if person is not None:
        return person
    if subject.lower_ in _PERSONAL | _COLLECTIVE:
        return _pronoun_speaker(article, speakers, subject, view)
    return _phrase_speaker(article, speakers.mentions, subject, phrase, view)


def _person_inside(mentions: ArticleMentions, span: Span) -> Mention | None:
    """The first named person inside the phrase ("Her opponent, businessman Dale Pike": Pike),
    else the first person a pronoun stands for ("Her statement": her)."""
    people = [m for m in mentions.inside(span) if m.person]
    return next((m for m in people if m.rule != "pronoun"), people[0] if people else None)


def _pronoun_speaker(
    article: Article, speakers: ArticleSpeakers, pronoun: Any, view: SentenceContext
) -> Mention | None:
    """The latest earlier mention of a person (he/she) or of a coded group (it/they)."""
    at = view.span_of(pronoun)
    pool = speakers.people if pronoun.lower_ in _PERSONAL else speakers.groups
    antecedent = pool.last_before(at.start)
    if antecedent is None:
        return None
    return Mention(
        at,
        at.text_of(article.text),
        view.record.index,
        antecedent.actor,
        "speaker:pronoun",
        0.5,
        antecedent.role,
        antecedent.person,
    )


def _phrase_speaker(
    article: Article, mentions: ArticleMentions, subject: Any, phrase: Span, view: SentenceContext
) -> Mention:
    inside = [m for m in mentions.inside(phrase) if m.actor is not None]
    actor = inside[0].actor if inside else None
    return Mention(
        phrase,
        phrase.text_of(article.text),
        view.record.index,
        actor,
        "speaker:phrase",
        0.6 if actor else 0.4,
        inside[0].role if inside else None,
        _proper_name(subject, inside, view),
    )


def _proper_name(head: Any, inside: list[Mention], view: SentenceContext) -> str | None:
    """The proper nouns of the head no mention holds: "Mayor Ines Carvalho" → "Ines Carvalho"."""
    if head.pos_ != "PROPN":
        return None
    names = [
        t
        for t in subtree(head)
        if t.pos_ == "PROPN"
        and t.dep_ in ("compound", "flat", *_SUBJECTS, "dobj", "pobj", "poss")
        and (t.i == head.i or t.head.i == head.i)
        and not any(m.span.contains(view.span_of(t)) for m in inside)
    ]
    return " ".join(t.text for t in names) or None


def _name_span(subject: Any, view: SentenceContext) -> Span:
    """The subject's noun phrase without appositions, relative clauses and trailing commas."""
    tokens = [subject]
    stack = [c for c in subject.children if c.dep_ not in _NOT_NAME]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _NOT_NAME)
    tokens.sort(key=lambda t: t.i)
    return Span(view.span_of(tokens[0]).start, view.span_of(tokens[-1]).end)


def _subtree_span(token: Any, view: SentenceContext) -> Span:
    tokens = [t for t in subtree(token) if not t.is_punct]
    if not tokens:
        return view.span_of(token)
    return Span(view.span_of(tokens[0]).start, view.span_of(tokens[-1]).end)
