"""What a promise, threat, appeal or refusal is about: its content, which has not happened.

The annotation guide codes only events that happened or are happening, except the verbal acts
AGREE, THREATEN, REQUEST and REJECT, which are events themselves: "X threatened to impose
sanctions" is one THREATEN, not also a SANCTION; "Y agreed to set up a centre" is one AGREE;
"Z called for talks" one REQUEST; "W refused to hand over the suspects" one REJECT. (An
accusation differs: "X accused Y of killing civilians" reports a killing that happened, and the
guide codes both.) The content is the verb complement of the act ("to impose", "that Y
withdraw"), its direct object ("demanded the release ..."), the object of a preposition hanging
from it ("called for talks", "agreed on a truce"), and words coordinated within those; a noun
further down ("an inquiry into the killing") names something else, which may well have happened.
"""

from __future__ import annotations

from typing import Any, Final

#: PLOVER types whose event is a verbal act about something that has not happened.
INTENT_TYPES: Final = frozenset({"AGREE", "THREATEN", "REQUEST", "REJECT"})
#: Dependencies that lead from a word to the verb or noun it is the content of.
_CLAUSE: Final = frozenset({"xcomp", "ccomp"})
_OBJECT: Final = frozenset({"dobj"})
#: Prepositions that introduce what an act is about ("called for", "agreed on", "threatened
#: with", "warned of"); "over", "after", "against" introduce a reason, which happened.
_ABOUT: Final = frozenset({"for", "on", "with", "to", "of"})


def is_content(token: Any, act: Any) -> bool:
    """Whether ``token`` is part of what the verbal act at ``act`` is about (see the module)."""
    if token.i == act.i:
        return False
    word = token
    for _ in range(8):  # a complement chain is short; a parse cycle must not loop
        if word.i == act.i:
            return True
        head = word.head
        dep = word.dep_
        if head.i == word.i:
            return False
        if dep == "conj":
            if head.i == act.i:
                return False  # "agreed to X and attacked Y": a second act of the same doer
        elif dep == "pobj":
            prep = head
            if prep.dep_ != "prep" or prep.lower_ not in _ABOUT or prep.head.pos_ != "VERB":
                return False
            head = prep.head
        elif dep not in _CLAUSE and not (dep in _OBJECT and word.pos_ in ("NOUN", "PROPN")):
            return False
        word = head
    return False


def content_of_any(token: Any, acts: list[Any]) -> bool:
    """Whether ``token`` is the content of one of the verbal acts at ``acts``."""
    return any(is_content(token, act) for act in acts)
