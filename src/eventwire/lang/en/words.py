"""English function and control words (read through :func:`eventwire.lang.language_data`)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from eventwire.lang import ActorWords, Control, EventWords, Modals

MODALS: Final = Modals(
    future=frozenset({"will", "shall", "'ll", "wo"}),  # "wo" is spaCy's "won't"
    possible=frozenset({"would", "could", "might", "may", "can", "should", "must", "ca"}),
    announcing=frozenset({"would", "'d"}),
    maybe=frozenset({"may", "might", "could"}),
    obligation=MappingProxyType({"must": "100", "should": "020"}),
    future_time=frozenset({"will", "shall", "'ll", "wo", "would", "must", "should"}),
)

CONTROL: Final = Control(
    intent=frozenset(
        {
            "vow",
            "pledge",
            "promise",
            "plan",
            "intend",
            "threaten",
            "want",
            "seek",
            "aim",
            "try",
            "prepare",
            "decide",
            "hope",
            "offer",
            "expect",
            "agree",
            "move",
        }
    ),
    willing=frozenset({"willing", "ready", "prepared", "determined", "poised", "eager"}),
    not_done=frozenset({"refuse", "fail", "decline"}),
    conditions=frozenset({"if", "unless"}),
    appeals=frozenset({"urge", "call", "ask", "appeal", "demand", "request", "press", "tell"}),
    demands=frozenset({"demand", "seek", "want", "propose", "suggest"}),
    threats=frozenset({"threaten", "warn"}),
    negations=frozenset({"never"}),
)

# Words written before a surname that are not a given name ("Mr Putin", "Sheikh Hasina" aside:
# that one is a listed name). Titles in the role table are hits of their own.
HONORIFICS: Final = frozenset(
    (  # noqa: SIM905 (a word list reads better than quoted strings)
        "mr mrs ms miss mister dr sir dame lord lady baroness sheikh sheik shaikh mullah imam"
        " prince princess emir sultan gen marshal comrade madame mme monsieur rev reverend"
        " father archbishop cardinal rabbi grand field brother hajji haji ex former late"
    ).split()
)
PERSON_PRONOUNS: Final = frozenset({"he", "she", "him", "her"})
# An "it" that stands for nothing: "said it was time to act", "said it seemed unlikely".
EXPLETIVE_VERBS: Final = frozenset({"seem", "appear", "happen", "take", "rain"})
EXPLETIVE_PREDICATES: Final = frozenset(
    (  # noqa: SIM905
        "important necessary possible impossible likely unlikely clear unclear time essential"
        " vital crucial difficult easy hard unacceptable premature early late imperative urgent"
        " appropriate worth true false obvious evident right wrong enough regrettable"
    ).split()
)
# Trigger lemmas of acts both sides do to each other, which the annotation guide codes once in
# each direction ("X met Y", "talks between X and Y", "X and Y signed a pact", "clashes"). A
# visit is not among them (visitor -> host), nor one-sided acts ("hosted", "called on").
RECIPROCAL: Final = frozenset(
    (  # noqa: SIM905
        "meet meeting talk talks negotiate negotiation negotiations discuss discussion"
        " discussions summit confer consult consultation consultations cooperate cooperation"
        " collaborate collaboration partnership alliance ally tie ties relation relations"
        " pact treaty accord agreement deal clash clashes"
    ).split()
)

ACTORS: Final = ActorWords(
    group_nouns=MappingProxyType(
        dict.fromkeys(
            ("country", "nation", "state", "side", "party", "neighbour", "neighbor", "ally")
        )
        | {"capital": "GOV"}
    ),
    party_nouns=frozenset({"side", "party"}),
    definite=frozenset({"the", "these", "those"}),
    both=frozenset({"both"}),
    affiliation=frozenset({"for", "of", "at", "from", "in"}),
    locative=frozenset({"of", "in", "near", "from", "at", "around", "outside", "inside", "across"}),
    compass=frozenset({"North", "South"}),
)

# Leaving a body or being expelled from one is SANCTION in the PLOVER manual (modes "withdraw"
# and "expel"), not a military retreat or a deportation: the nouns that name such a body.
EVENTS: Final = EventWords(
    bodies=frozenset(
        (  # noqa: SIM905
            "organisation organization party bloc alliance union coalition league federation"
            " community commonwealth association group body council committee assembly"
            " parliament government cabinet treaty pact accord agreement deal convention"
            " protocol framework initiative programme program mission membership court"
        ).split()
    ),
    negotiations=frozenset(["talk", "talks", "negotiation", "negotiations", "dialogue", "process"]),
    mediation=frozenset({"mediation"}),
    patient_possessor=frozenset(
        (  # noqa: SIM905
            "arrest detention release killing murder assassination execution kidnapping"
            " abduction capture deportation expulsion extradition imprisonment jailing"
            " conviction sentencing ouster removal dismissal impeachment torture disappearance"
        ).split()
    ),
)
