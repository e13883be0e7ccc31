"""One event builder for every coder: event id, trigger span, negation, modality, confidence.

The rule coder (:mod:`eventwire.events.coder`) and the quote-cue events
(:mod:`eventwire.quotes.events`) both build their events here, so an event means the same thing
whoever found it. Words come from the language data (modal and control words, speech verbs).
"""

from __future__ import annotations

from typing import Any

from eventwire.context import SentenceContext
from eventwire.events.intent import intent_code, refusal_code
from eventwire.events.ontology import event_type
from eventwire.lang import LanguageData
from eventwire.model import Event, Mention, Modality, Span, content_id


def event_id(article_id: str, sentence: int, source: str, cameo: str, target: str) -> str:
    """The content id of an event: the same actors and code in the same sentence, the same id."""
    return content_id(article_id, str(sentence), source, cameo, target)


class EventBuilder:
    """Builds :class:`Event` records and reads negation and modality off the trigger verb."""

    def __init__(self, lang: LanguageData) -> None:
        self.lang = lang
        self._reporting = lang.speech_verbs("frames_report")

    def negated(self, verb: Any) -> bool:
        """ "did not meet", "never met", and "refused/failed/declined to meet"."""
        control = self.lang.control
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in control.not_done:
            return True
        return any(c.dep_ == "neg" or c.lower_ in control.negations for c in verb.children)

    def modality(self, verb: Any) -> Modality:
        modals, control = self.lang.modals, self.lang.control
        auxes = _auxiliaries(verb)
        if any(c.dep_ == "mark" and c.lower_ in control.conditions for c in verb.children):
            return "conditional"
        if auxes & modals.future or (verb.dep_ == "ROOT" and verb.tag_ == "VB" and "to" in auxes):
            return "future"  # "will urge"; headline style "Pompeo to urge"
        if auxes & modals.possible:
            return "possible"
        head = verb.head
        if verb.dep_ == "xcomp" and (
            head.lemma_.lower() in control.intent or head.lower_ in control.willing
        ):
            return "intended"
        if verb.dep_ == "ccomp" and head.lemma_.lower() in self._reporting:
            return "reported"
        return "asserted"

    def refused(self, verb: Any) -> bool:
        """A negated action announced rather than reported: "will not tolerate", "would not
        hand over", "is not ready to release" (a refusal, which did happen)."""
        if not self.negated(verb) or verb.dep_ == "xcomp":  # "refused to X": the verb "refuse"
            return False
        modals = self.lang.modals
        auxes = _auxiliaries(verb)
        return self.modality(verb) in ("future", "intended") or bool(
            auxes & (modals.future | modals.announcing | _CANNOT)
        )

    def announced(self, verb: Any, code: str, rule: str) -> tuple[str, str]:
        """The intent or threat code when the action is announced, not done, and the reject code
        when it is refused that way (see :mod:`eventwire.events.intent`)."""
        if self.refused(verb):
            if event_type(code).plover_type == "REJECT":
                return code, rule  # "will not accept": a rejection already
            refusal = refusal_code(code)
            return refusal, f"{rule} refused->{refusal}"
        if self.negated(verb):
            return code, rule
        intent = intent_code(code)
        if intent is None:
            return code, rule
        auxes = _auxiliaries(verb)
        modals = self.lang.modals
        announced = self.modality(verb) in ("future", "intended") or bool(auxes & modals.announcing)
        threat = event_type(intent).plover_type == "THREATEN"
        if announced or (threat and auxes & modals.maybe):
            return intent, f"{rule} announced->{intent}"
        return code, rule

    def build(
        self,
        article_id: str,
        context: SentenceContext,
        verb: Any,
        source: Mention | None,
        target: Mention | None,
        *,
        code: str,
        rule: str,
        weight: float,
        last: Any = None,
    ) -> Event:
        """One event; its trigger runs from the verb to ``last`` ("staged a rally") when given.
        The confidence is ``weight`` times the weaker actor's (an absent actor counts as 1)."""
        etype = event_type(code)
        refusal = etype.plover_type == "REJECT" and self.refused(verb)
        end = last if last is not None else verb
        trigger = Span(context.offset + verb.idx, context.offset + end.idx + len(end.text))
        source_code = source.code if source and source.code else ""
        target_code = target.code if target and target.code else ""
        confidence = weight * min(
            source.confidence if source else 1.0, target.confidence if target else 1.0
        )
        sentence = context.record
        return Event(
            event_id=event_id(article_id, sentence.index, source_code, etype.cameo, target_code),
            sentence=sentence.index,
            sentence_span=sentence.span,
            trigger=trigger,
            type=etype,
            source=source,
            target=target,
            negated=self.negated(verb) and not refusal,
            modality="asserted" if refusal else self.modality(verb),
            rule=rule,
            confidence=round(confidence, 3),
            trigger_token=verb.i,
        )


#: "cannot accept" refuses; "could not reach the town" (past inability) does not.
_CANNOT = frozenset({"can", "ca"})


def _auxiliaries(verb: Any) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
