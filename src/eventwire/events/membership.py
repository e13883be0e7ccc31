"""Leaving a body or being put out of one: PLOVER codes both as SANCTION, not RETREAT or COERCE.

The PLOVER manual's SANCTION modes ``withdraw`` ("withdraw oneself or one's non-military
resources … from a group, mediation activity, organization, or country") and ``expel``
("permanently or temporarily expel an entity from a group, organization, political party")
take two readings away from verbs the lexicon codes otherwise: "Mali withdrew from the African
Union" is not a military retreat (RETREAT ``withdraw`` is "retreat from territory or withdraw
forces from an area"), and "the party expelled two lawmakers" is not a deportation of
individuals (COERCE ``deport``, CAMEO 174). The body is the object of the verb's *from* (or, for
"pull out of", *of*) phrase: an organisation the actor resolver knows (an IGO or NGO code) or a
noun naming a body or a negotiation (``LanguageData.events``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from eventwire.context import MentionIndex
from eventwire.lang import LanguageData

#: Codes a verb takes when its actor leaves a territory (CAMEO 087x, RETREAT).
_RETREAT_PREFIX: Final = "087"
#: CAMEO 174 "expel or deport individuals" (COERCE).
_DEPORT: Final = "174"
#: Reduce relations, not specified (160); halt negotiations (164); halt mediation (165); expel or
#: withdraw (166).
REDUCE_RELATIONS: Final = "160"
HALT_NEGOTIATIONS: Final = "164"
HALT_MEDIATION: Final = "165"
EXPEL: Final = "166"
_BODY_CODES: Final = ("IGO", "NGO")
_FROM_PREPS: Final = frozenset({"from", "of"})
_OUT: Final = "out"


def membership(
    verb: Any, code: str, rule: str, index: MentionIndex, lang: LanguageData
) -> tuple[str, str]:
    """``(code, rule)``, changed to the SANCTION code (the rule saying why) when the verb leaves
    or expels from a body."""
    found = membership_code(verb, code, index, lang)
    if found is None:
        return code, rule
    return found[0], f"{rule} {found[1]}->{found[0]}"


def membership_code(
    verb: Any, code: str, index: MentionIndex, lang: LanguageData
) -> tuple[str, str] | None:
    """(SANCTION code, why) when ``verb`` coded as ``code`` leaves or expels from a body; None
    when the reading stands."""
    if code.startswith(_RETREAT_PREFIX):
        for body in _bodies(verb, index, lang):
            if body.lemma_.lower() in lang.events.mediation:
                return HALT_MEDIATION, "leaves mediation"
            if body.lemma_.lower() in lang.events.negotiations:
                return HALT_NEGOTIATIONS, "leaves negotiations"
            return REDUCE_RELATIONS, "leaves a body"
    elif code == _DEPORT:
        for _ in _bodies(verb, index, lang):
            return EXPEL, "expelled from a body"
    return None


def _bodies(verb: Any, index: MentionIndex, lang: LanguageData) -> Iterator[Any]:
    """Heads of the verb's *from*/*of* phrases that name a body (an organisation or a noun of
    ``lang.events``)."""
    words = lang.events.bodies | lang.events.negotiations | lang.events.mediation
    for prep in _from_phrases(verb):
        for head in prep.children:
            if head.dep_ != "pobj":
                continue
            mention = index.in_subtree(head)
            code = mention.code if mention is not None else None
            if head.lemma_.lower() in words or (code or "").startswith(_BODY_CODES):
                yield head


def _from_phrases(verb: Any) -> Iterator[Any]:
    """The verb's *from*/*of* prepositions, also under its "out" ("pulled out of the pact")."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _FROM_PREPS:
            yield child
        elif child.lower_ == _OUT and child.dep_ in ("prep", "prt", "advmod"):
            yield from (c for c in child.children if c.dep_ == "prep" and c.lower_ in _FROM_PREPS)
