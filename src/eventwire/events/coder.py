"""The rule coder: source → action → target from the dependency parse.

For every verb in the lexicon, the subject (or the ``by`` agent of a passive) gives the source and
the frame's target slots give the target; each must hold an actor mention. Negation and modality
are recorded on the event, never coded away.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from eventwire.context import MentionIndex, SentenceContext
from eventwire.errors import UnknownEventCodeError
from eventwire.events.build import EventBuilder, event_id
from eventwire.events.intent import refusal_code
from eventwire.events.membership import membership
from eventwire.events.nouns import EventNoun, NounLexicon, builtin_nouns, content_nouns
from eventwire.events.ontology import NO_PLOVER_TYPE, event_type
from eventwire.events.patterns import Match, VerbPatterns, Word, match_verb
from eventwire.events.verbs import VerbFrame, VerbLexicon
from eventwire.lang import LanguageData
from eventwire.model import Event, Mention

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
#: Dependents that give a coordinated verb a clause of its own (it shares no subject).
_OWN_ARGUMENTS = _SUBJECTS | _PASSIVE_SUBJECTS | {"dobj", "expl"}
#: Prepositions that name a partner or target rather than a topic ("share intelligence on X").
_PARTNER_PREPS = frozenset({"with", "to", "against", "from", "into"})
#: Confidence factors: built-in frames, dictionary patterns, a dictionary verb's default code.
_BUILTIN_WEIGHT = 0.8
_PATTERN_WEIGHT = 0.6
_DEFAULT_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class _Arguments:
    source: Mention | None  # None: an agentless passive ("two officers were shot dead")
    target: Mention | None
    passive: bool


class RuleCoder:
    """The rule-based coder: events of one parsed sentence from the verb lexicon and the parse.

    ``patterns`` (optional, a PETRARCH CAMEO verb dictionary) widens coverage: a verb the
    built-in lexicon does not code is coded by its best dictionary pattern (or the verb's default
    code), and a built-in code is refined when a dictionary pattern gives a more specific code of
    the same CAMEO root. Dictionary events use the same source/target logic, a ``cameo-dict:``
    rule id and a lower confidence. CAMEO 01 (public statement) codes, which PLOVER does not code,
    are not taken from the dictionary.

    ``nouns`` (default: the built-in table) codes events written as nouns that a light verb
    carries ("staged a rally against X") when no verb frame coded the verb.
    """

    name = "rule"

    def __init__(
        self,
        verbs: VerbLexicon,
        *,
        lang: LanguageData,
        patterns: VerbPatterns | None = None,
        nouns: NounLexicon | None = None,
    ) -> None:
        self.verbs = verbs
        self.patterns = patterns
        self.nouns = nouns if nouns is not None else builtin_nouns()
        self.lang = lang
        self.builder = EventBuilder(lang)

    def code(self, context: SentenceContext) -> list[Event]:
        """The events of one sentence (in trigger order)."""
        if not context.mentions.mentions:
            return []
        sent = context.sent
        by_token: dict[int, list[Event]] = {}
        for token in sent:
            if token.pos_ not in ("VERB", "AUX") or self._is_request_content(token):
                continue
            events = list(self._code_verb(context, token))
            if events:
                by_token[token.i] = events
        for i, events in list(by_token.items()):
            token = sent.doc[i]
            head = by_token.get(token.head.i) if _complement(token) else None
            if head and events[0].negated:
                by_token[token.head.i] = [
                    _what_was_refused(e, events[0], context.article_id) for e in head
                ]
        found: list[Event] = []
        for i, events in by_token.items():
            token = sent.doc[i]
            head = by_token.get(token.head.i) if _complement(token) else None
            if head and not events[0].negated and _same_plover(head[0], events[0]):
                continue  # "agreed to lift the embargo", "began a strike to protest": said once
            found.extend(events)
        for token in sent:
            if token.pos_ != "NOUN" or token.dep_ not in _NOUN_ARGUMENTS:
                continue  # no event noun argument (looked at before its governor: cheaper)
            if _governor(token).i not in by_token:
                found.extend(self._noun_argument_events(context, token))
        return found

    def _noun_argument_events(self, ctx: SentenceContext, noun: Any) -> Iterator[Event]:
        """An event noun that is an argument of a clause no frame coded ("the clashes between X
        and Y went on", "Russia's attack on Kyiv drew protests", "led to the arrest of five
        men"). The ``by`` phrase is the source; the possessor is the source too, unless the noun
        names an act done to a person and has no target ("Mhlanga's arrest": Mhlanga was
        arrested; ``EventWords.patient_possessor``); the noun's target prepositions give the
        target. At least one must be an actor."""
        if noun.pos_ != "NOUN" or noun.dep_ not in _NOUN_ARGUMENTS:
            return
        entry = self.nouns.entry(noun)
        if entry is None:
            return
        index = ctx.mentions
        possessor = next((index.in_subtree(c) for c in noun.children if c.dep_ == "poss"), None)
        agent = next((index.in_subtree(o) for o in _prep_objects(noun, "by")), None)
        target = next(
            (found for prep in entry.targets for o in _prep_objects(noun, prep)
             if (found := index.in_subtree(o)) is not None),
            None,
        )  # fmt: skip
        source = agent or possessor
        if target is None and possessor is not None and patient_possessor(noun, self.lang):
            source, target = agent, possessor
        if source is None and target is not None:
            source = _circumstance_subject(noun, index)
        target = _not_self(source, target)
        if source is None and target is None:
            return
        rule = f"{entry.rule} ({noun.dep_})"
        for expanded in _expand_conjuncts(_Arguments(source, target, False), ctx.sent, index):
            yield self._event(
                ctx, noun, expanded, code=entry.code, rule=rule, weight=_BUILTIN_WEIGHT
            )

    def _code_verb(self, ctx: SentenceContext, token: Any) -> Iterator[Event]:
        index, sent = ctx.mentions, ctx.sent
        match = self._dictionary_match(token, sent)
        for frame in self.verbs.for_lemma(token.lemma_.lower()):
            if not _frame_matches(frame, token):
                continue
            args = _arguments(frame, token, index)
            if args is None:
                continue
            code, rule = frame.code, frame.rule
            if match is not None and _refines(match, frame.code):
                code, rule = str(match.code.primary), f"{frame.rule} {match.rule}"
            code, rule = membership(token, code, rule, index, self.builder.lang)
            code, rule = self.builder.announced(token, code, rule)
            for expanded in _expand_conjuncts(args, sent, index):
                yield self._event(
                    ctx, token, expanded, code=code, rule=rule, weight=_BUILTIN_WEIGHT
                )
            return
        for noun in self.nouns.carried(token):
            entry = self.nouns.entry(noun)
            if entry is not None:
                yield from self._noun_events(ctx, token, noun, entry)
                return
        demands = list(self._demand_events(ctx, token))
        if demands:
            yield from demands
            return
        if match is not None and token.pos_ == "VERB":
            yield from self._dictionary_events(ctx, token, match)

    def _event(
        self, ctx: SentenceContext, verb: Any, args: _Arguments, *, code: str, rule: str,
        weight: float, last: Any = None,
    ) -> Event:  # fmt: skip
        rule = rule + (" (passive)" if args.passive else "")
        return self.builder.build(
            ctx.article_id, ctx, verb, args.source, args.target,
            code=code, rule=rule, weight=weight, last=last,
        )  # fmt: skip

    def _noun_events(
        self, ctx: SentenceContext, verb: Any, noun: Any, entry: EventNoun
    ) -> Iterator[Event]:
        """Events of an event noun carried by a light verb: the verb's subject (or passive agent) is
        the source; the target is the object of one of the noun's target prepositions, on the noun
        first ("an attack on X"), then on the verb, then the verb's indirect object."""
        index, sent = ctx.mentions, ctx.sent
        passive = bool(_passive_subjects(verb))
        source = _agent(verb, index) if passive else _subject(verb, index)
        if source is None and passive and noun.dep_ == "pobj":
            source = _passive_target(verb, index)  # "forces were engaged in ethnic cleansing"
            passive = False
        if source is None:
            return
        target = _not_self(source, _noun_target(entry, verb, noun, index))
        code, rule = self.builder.announced(verb, entry.code, entry.rule)
        end = noun if noun.i > verb.i else verb
        for expanded in _expand_conjuncts(_Arguments(source, target, passive), sent, index):
            yield self._event(
                ctx, verb, expanded, code=code, rule=rule, weight=_BUILTIN_WEIGHT, last=end
            )

    def _dictionary_events(self, ctx: SentenceContext, verb: Any, match: Match) -> Iterator[Event]:
        """Events of a verb coded by the CAMEO dictionary (the built-in lexicon did not code it).

        A reverse-only code (``[:110]``) is coded target → source."""
        index, sent = ctx.mentions, ctx.sent
        reverse = match.code.primary is None
        code = match.code.reverse if reverse else match.code.primary
        if code is None or not _codable(code):
            return
        passive = _is_passive(verb)
        if passive:
            source, target = _agent(verb, index), _passive_target(verb, index)
        else:
            source, target = _subject(verb, index), _any_target(verb, index)
        if reverse:
            source, target = target, source
        # Dictionary events need both actors: without a target, precision drops too far (measured on
        # the dev gold files: PLOVER-type precision 0.57 with the rule, 0.46 without).
        if source is None or target is None or target.span == source.span:
            return
        weight = _PATTERN_WEIGHT if match.pattern is not None else _DEFAULT_WEIGHT
        for expanded in _expand_conjuncts(_Arguments(source, target, passive), sent, index):
            yield self._event(ctx, verb, expanded, code=code, rule=match.rule, weight=weight)

    def _is_request_content(self, verb: Any) -> bool:
        """``recognise`` in "urge X to recognise Y" is what was asked for, not an event; ``ban`` in
        "threatened to ban X" is what was threatened (the threat is coded on ``threaten``); what a
        that-clause says someone must do is a demand, not an event."""
        control = self.lang.control
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in control.appeals | control.threats:
            return True
        noun = verb.head
        if (
            verb.dep_ in ("acl", "relcl")
            and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in (control.appeals | control.demands)
        ):
            return True  # "demanded a meeting of the Council to discuss…": what was asked for
        return in_obligation_clause(verb, self.lang)

    def _demand_events(self, ctx: SentenceContext, verb: Any) -> Iterator[Event]:
        """ "The US said China must open its markets": a demand from the speaker to the clause
        subject (skipped when the subject is the speaker itself: "Iran said it must defend
        itself")."""
        index, sent = ctx.mentions, ctx.sent
        for clause in verb.children:
            code = obligation_code(clause, self.lang)
            if code is None:
                continue
            source = _subject(verb, index)
            target = next(
                (index.in_subtree(c) for c in clause.children if c.dep_ in _SUBJECTS), None
            )
            if source is None or target is None or target.code == source.code:
                continue
            for expanded in _expand_conjuncts(_Arguments(source, target, False), sent, index):
                yield self._event(
                    ctx, verb, expanded, code=code, rule=f"demand:{clause.lower_}->{code}",
                    weight=_BUILTIN_WEIGHT,
                )  # fmt: skip

    def _dictionary_match(self, verb: Any, sent: Any) -> Match | None:
        if self.patterns is None or verb.pos_ != "VERB":
            return None
        words = [Word(t.lower_, t.lemma_.lower(), t.i) for t in sent]
        first = sent.start
        return match_verb(
            self.patterns,
            lemma=verb.lemma_.lower(),
            text=verb.lower_,
            before=words[: verb.i - first],
            after=[Word(t.lower_, t.lemma_.lower(), t.i) for t in verb.subtree if t.i > verb.i],
            following=words[verb.i - first + 1 :],
        )


#: Where an event noun can stand as an argument of a clause: subject, object, object of a
#: preposition, predicate noun, apposition.
_NOUN_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "pobj"})


def _governor(noun: Any) -> Any:
    """The word a noun is an argument of: its head, through a preposition ("led to the arrest")."""
    head = noun.head
    return head.head if head.dep_ in ("prep", "agent") else head


def _what_was_refused(refusal: Event, refused: Event, article_id: str) -> Event:
    """ "Pakistan refused to hand over the suspects": the generic rejection (120) takes the
    CAMEO code of refusing what its complement names (121 for judicial cooperation); see
    :func:`eventwire.events.intent.refusal_code`."""
    if refusal.type.cameo != "120":
        return refusal
    code = refusal_code(refused.type.cameo)
    if code == refusal.type.cameo:
        return refusal
    source = refusal.source.code if refusal.source and refusal.source.code else ""
    target = refusal.target.code if refusal.target and refusal.target.code else ""
    return replace(
        refusal,
        type=event_type(code),
        rule=f"{refusal.rule} refused->{code}",
        event_id=event_id(article_id, refusal.sentence, source, code, target),
    )


def _complement(verb: Any) -> bool:
    """An infinitive complement or purpose clause ("agreed to lift", "began a strike to protest");
    a participle clause ("…, killing two") reports an event of its own."""
    if verb.dep_ == "xcomp":
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _same_plover(a: Event, b: Event) -> bool:
    return a.type.plover_type == b.type.plover_type


def _noun_target(entry: EventNoun, verb: Any, noun: Any, index: MentionIndex) -> Mention | None:
    for head in (noun, verb):
        for prep in entry.targets:
            for pobj in _prep_objects(head, prep):
                if (found := index.in_subtree(pobj)) is not None:
                    return found
    for child in verb.children:
        if child.dep_ in ("dative", "iobj") and (found := index.in_subtree(child)) is not None:
            return found
    return None


def _refines(match: Match, code: str) -> bool:
    """A dictionary *pattern* code more specific than the built-in one, under the same root."""
    found = match.code.primary
    return (
        match.pattern is not None
        and found is not None
        and len(found) > len(code)
        and found[:2] == code[:2]
        and _codable(found)
    )


def _codable(code: str) -> bool:
    try:
        return event_type(code).plover_type != NO_PLOVER_TYPE
    except UnknownEventCodeError:
        return False


def _any_target(
    verb: Any, index: MentionIndex, *, preps: frozenset[str] | None = None
) -> Mention | None:
    """The first actor among the verb's objects, then its prepositional objects (in order; only
    ``preps`` when given), then prepositional objects on its direct object."""
    for slot in ("dobj", "dative", "iobj"):
        for token in slot_tokens(slot, verb):
            mention = index.in_subtree(token)
            if mention is not None:
                return mention
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for head in (verb, *objects):
        for prep in head.children:
            if prep.dep_ != "prep" or (preps is not None and prep.lower_ not in preps):
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (mention := index.in_subtree(pobj)) is not None:
                    return mention
    return None


def _expand_conjuncts(args: _Arguments, sent: Any, index: MentionIndex) -> list[_Arguments]:
    """One event per actor of a coordination ("Serbia and Kosovo" → two targets) or of a group
    phrase ("the two governments")."""
    sources = coordinated(args.source, sent, index)
    targets = coordinated(args.target, sent, index)
    return [
        _Arguments(source, target, args.passive)
        for source in sources
        for target in targets
        if target is None or source is None or not same_actor(source, target)
    ]


def same_actor(source: Mention, target: Mention) -> bool:
    """One mention, or one actor of a group phrase on both sides ("both leaders met X": X is
    not his own partner)."""
    if target.span == source.span:
        return True
    group = source.rule.startswith("group:") or target.rule.startswith("group:")
    return group and source.code == target.code


def coordinated(mention: Mention | None, sent: Any, index: MentionIndex) -> list[Mention | None]:
    """The actors a mention stands for: its own (each of a group phrase's) and those of the
    mentions coordinated with it ("France and Germany"); ``[None]`` for no mention."""
    if mention is None:
        return [None]
    found = [mention, *_conjunct_mentions(mention, sent, index)]
    return [member for one in found for member in one.members()]


def obligation_code(clause: Any, lang: LanguageData) -> str | None:
    """The demand code of a that-clause of obligation under a speech verb ("said China must
    open its markets": 100), else None."""
    stating = lang.speech_verbs("states_demand")
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in stating:
        return None
    obligation = lang.modals.obligation
    for child in clause.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in obligation:
            return obligation[child.lower_]
    return None


def in_obligation_clause(verb: Any, lang: LanguageData) -> bool:
    """Whether the verb says what someone must or should do under a speech verb (itself, or
    through its xcomp/acomp/conj chain): a demand of the speaker's, not an event."""
    clause = verb
    while clause.dep_ in ("xcomp", "acomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    return obligation_code(clause, lang) is not None


def _conjunct_mentions(mention: Mention, sent: Any, index: MentionIndex) -> list[Mention]:
    """Mentions coordinated with this one: conjuncts of its head ("France and Germany") or of a
    word inside it ("Hungarian and Romanian officials")."""
    inside = [t for t in sent if mention.span.start <= index.offset + t.idx < mention.span.end]
    found: list[Mention] = []
    stack = [c for t in inside for c in t.children if c.dep_ == "conj"]
    while stack:
        token = stack.pop(0)
        other = index.at(token)
        if other is not None and other.span != mention.span and other not in found:
            found.append(other)
        stack.extend(c for c in token.children if c.dep_ == "conj")
    return found


def _frame_matches(frame: VerbFrame, verb: Any) -> bool:
    if frame.particle is not None:
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "prep")}
        if frame.particle not in particles:
            return False
    if frame.objects:
        objects = {
            noun.lemma_.lower()
            for c in verb.children
            if c.dep_ in ("dobj", "nsubjpass")
            for noun in content_nouns(c)
        }
        if not objects & frame.objects:
            return False
    return True


def _arguments(frame: VerbFrame, verb: Any, index: MentionIndex) -> _Arguments | None:
    """Source and target of a frame's verb. Either may be unknown (PLOVER allows a missing
    actor), but not both, and not the target when the frame needs one, unless its slot holds a
    name the dictionaries do not know (:func:`_named_recipient`)."""
    passive = _is_passive(verb)
    if passive:
        source = _agent(verb, index)
        target = _passive_target(verb, index)
    else:
        source = _subject(verb, index)
        target = _target(frame, verb, index)
    target = _not_self(source, target)
    if target is None and (
        source is None or (frame.needs_target and not _named_recipient(frame, verb, passive))
    ):
        return None
    return _Arguments(source, target, passive)


#: Entity kinds that name a possible recipient of an event (a person, a group, a place).
_RECIPIENT_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _named_recipient(frame: VerbFrame, verb: Any, passive: bool) -> bool:
    """Whether a frame's recipient slot holds a name the dictionaries do not know ("accused
    YChina of …", "Iberdrola was accused"): the recipient is there, only its code is missing
    (PLOVER allows an empty actor), unlike "attacked the plan", whose object is no actor."""
    if passive:
        slots = _passive_subjects(verb)
    else:
        slots = [t for slot in frame.targets for t in slot_tokens(slot, verb)]
    return any(_is_name(token) for token in slots)


def _is_name(token: Any) -> bool:
    """A person, group or place entity, or a proper noun outside any entity; not a date."""
    kind = str(token.ent_type_)
    if kind:
        return kind in _RECIPIENT_ENTITIES
    return str(token.pos_) == "PROPN"


def _is_passive(verb: Any) -> bool:
    """A passive clause, or a past participle modifying a noun ("a journalist arrested by the
    police"); a present participle ("a statement condemning X") is active."""
    if _passive_subjects(verb):
        return True
    return bool(verb.dep_ == "acl" and verb.tag_ != "VBG")


def verb_actors(verb: Any, index: MentionIndex) -> tuple[Mention | None, Mention | None, bool]:
    """Source, target and voice of a verb outside any frame (the learned coder's events): the
    subject or passive agent, and the object, passive subject or first actor-bearing
    prepositional object."""
    passive = _is_passive(verb)
    if passive:
        source, target = _agent(verb, index), _passive_target(verb, index)
    else:
        source, target = _subject(verb, index), _any_target(verb, index)
    return source, _not_self(source, target), passive


def _not_self(source: Mention | None, target: Mention | None) -> Mention | None:
    """The target, unless it is the source again: the same span, or a pronoun resolved to the
    source's own code ("he said he would welcome him": a misread, not a self-directed event)."""
    if source is None or target is None:
        return target
    if target.span == source.span:
        return None
    if target.rule.startswith("pronoun") and target.code == source.code:
        return None
    return target


def _group_mention(token: Any, index: MentionIndex) -> Mention | None:
    """The actor of a noun phrase; for a phrase that counts or measures a group ("hundreds of
    Tamils", "dozens of Syrian Kurds", "a delegation of Chinese officials") the group's own
    actor, looked for below the counted noun."""
    found = index.in_subtree(token)
    if found is not None:
        return found
    for noun in content_nouns(token)[1:]:
        if noun.head.dep_ == "prep" and (found := index.in_subtree(noun)) is not None:
            return found
    return None


def _subject(verb: Any, index: MentionIndex) -> Mention | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return _group_mention(child, index)
    if verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and verb.head.i != verb.i:
        return _subject(verb.head, index)  # "Chile is willing to release": through "willing"
    if verb.dep_ == "relcl":
        return index.at(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return _participle_subject(verb, index)
    return None


#: Prepositions that set an event noun as the circumstance of the clause's own act ("said during
#: a visit to Beijing", "spoke at a meeting with", "in talks with"): the subject is its doer.
_CIRCUMSTANCE_PREPS = frozenset({"during", "on", "at", "in"})


def _circumstance_subject(noun: Any, index: MentionIndex) -> Mention | None:
    """The doer of an event noun in an adverbial phrase of circumstance: the subject of the
    verb the phrase hangs from ("Sanchez said during a visit to Beijing": Sanchez visited)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _CIRCUMSTANCE_PREPS:
        return None
    verb = prep.head
    return _subject(verb, index) if verb.pos_ in ("VERB", "AUX") else None


def _participle_subject(verb: Any, index: MentionIndex) -> Mention | None:
    """The doer of a present participle modifying a noun: the noun itself when it is an actor
    ("troops attacking the town"), else the subject of the verb whose object the noun is
    ("Iran released a statement condemning X": Iran condemns)."""
    noun = verb.head
    own = index.at(noun)
    if own is not None:
        return own
    if noun.dep_ == "dobj" and noun.head.i != noun.i:
        return _subject(noun.head, index)
    return None


def patient_possessor(noun: Any, lang: LanguageData) -> bool:
    """The noun names an act done to a person, so its possessor is that person ("Mhlanga's
    arrest"), not the doer ("Russia's invasion")."""
    return str(noun.lemma_).lower() in lang.events.patient_possessor


def _agent(verb: Any, index: MentionIndex) -> Mention | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                return _group_mention(pobj, index)
    if _shares_passive(verb):  # "were detained and questioned by police"
        return _agent(verb.head, index)
    return None


def _passive_subjects(verb: Any) -> list[Any]:
    """The verb's passive subjects; a past participle coordinated with a passive verb and with no
    subject or object of its own shares that verb's ("journalists were blocked or harassed")."""
    own = [c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS]
    if own or not _shares_passive(verb):
        return own
    return _passive_subjects(verb.head)


def _shares_passive(verb: Any) -> bool:
    """A bare past participle conjoined to another verb ("arrested and *charged*"): it takes that
    verb's voice and subject. Its own subject or object makes it a clause of its own."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and verb.head.i != verb.i
        and not any(c.dep_ in _OWN_ARGUMENTS for c in verb.children)
    )


def _passive_target(verb: Any, index: MentionIndex) -> Mention | None:
    subjects = _passive_subjects(verb)
    if subjects:
        return _group_mention(subjects[0], index)
    if verb.dep_ == "acl":  # "a journalist arrested by the police": the noun it modifies
        return index.at(verb.head)
    return None


def _target(frame: VerbFrame, verb: Any, index: MentionIndex) -> Mention | None:
    for slot in frame.targets:
        for token in slot_tokens(slot, verb):
            mention = _slot_mention(token, index)
            if mention is not None:
                return mention
    if frame.targets:
        # "threatened to strike Israel", "refused to allow UN planes to land": when the verb's
        # own slots hold no actor, the object of its infinitive complement is the target.
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                mention = _any_target(child, index, preps=_PARTNER_PREPS)
                if mention is not None:
                    return mention
    return None


#: Clauses inside a noun phrase: their actors belong to the clause's own verb ("released a
#: statement condemning X": X is what is condemned, not what is released).
_NOUN_CLAUSES = frozenset({"acl", "relcl"})


def _slot_mention(token: Any, index: MentionIndex) -> Mention | None:
    """The actor filling a slot, unless it is only reached through a clause inside it."""
    mention = _group_mention(token, index)
    if mention is None or index.at(token) is not None:
        return mention
    for sub in token.subtree:
        if index.at(sub) is mention:
            walk = sub
            while walk.i != token.i and walk.head.i != walk.i:
                if walk.dep_ in _NOUN_CLAUSES:
                    return None
                walk = walk.head
            return mention
    return mention


def slot_tokens(slot: str, verb: Any) -> Iterator[Any]:
    """Tokens filling one target slot of a frame (``dobj``, ``prep:with``, ``obj.prep:of``,
    ``ccomp.nsubj``: the subject of a that-clause, "demanded that Hamas renounce…")."""
    if slot in ("dobj", "iobj", "dative"):
        yield from (c for c in verb.children if c.dep_ == slot)
        return
    if slot == "ccomp.nsubj":
        for clause in verb.children:
            if clause.dep_ == "ccomp":
                yield from (c for c in clause.children if c.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS)
        return
    holder, _, prep = slot.partition("prep:")
    heads = [verb] if not holder else [c for c in verb.children if c.dep_ == "dobj"]
    for head in heads:
        yield from _prep_objects(head, prep)


def _prep_objects(head: Any, prep: str) -> Iterator[Any]:
    """Objects of the ``prep`` phrases on ``head`` ("talks *with* X", "aid *to* X")."""
    for child in head.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == prep:
            yield from (c for c in child.children if c.dep_ == "pobj")
