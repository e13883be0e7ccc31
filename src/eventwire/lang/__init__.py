"""Language data: the words and patterns the stages read, one package per language.

``lang/en/`` holds English (as spaCy's ``lang/en``): speech and cue verbs with their roles
(``speech_verbs.tsv``), modal and control words, honorifics (``words.py``), month names and the
temporal-expression grammar (``timex.py``). :func:`language_data` loads the package named by
``Settings.language``; a second language is a new folder with the same names.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType, ModuleType

from eventwire.errors import LanguageDataError
from eventwire.settings import Settings

#: The roles a speech verb can play (columns of ``speech_verbs.tsv``; see the file's header).
SPEECH_ROLES = (
    "cue", "reports", "speaker_pronoun", "frames_report", "states_demand", "times_report",
    "action",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Modals:
    """Auxiliaries and what they say about an action."""

    future: frozenset[str]  # "will urge": modality future
    possible: frozenset[str]  # "could meet": modality possible
    announcing: frozenset[str]  # "said it would allow": an announced action
    maybe: frozenset[str]  # "may halt": announces a threat, not a promise
    obligation: Mapping[str, str]  # "must" → CAMEO demand code of the that-clause
    future_time: frozenset[str]  # a time word under these points forward ("will meet Friday")


@dataclass(frozen=True, slots=True)
class Control:
    """Words that govern another verb and say how its action stands."""

    intent: frozenset[str]  # "vowed to retaliate": intended
    willing: frozenset[str]  # "is willing to withdraw": intended
    not_done: frozenset[str]  # "refused to meet": negated
    conditions: frozenset[str]  # "if", "unless": conditional
    appeals: frozenset[str]  # "urged X to recognise Y": Y is asked for, not done
    demands: frozenset[str]  # "demanded a meeting to discuss": asked for
    threats: frozenset[str]  # "threatened to ban": threatened, not done
    negations: frozenset[str]  # words that negate their head besides dep "neg"


@dataclass(frozen=True, slots=True)
class LanguageData:
    """Everything language-specific the stages use, for one language."""

    code: str
    speech: Mapping[str, frozenset[str]]  # role → lemmas
    modals: Modals
    control: Control
    honorifics: frozenset[str]
    person_pronouns: frozenset[str]
    expletive_verbs: frozenset[str]
    expletive_predicates: frozenset[str]
    timex: ModuleType  # month names, weekday and number words, temporal patterns

    def speech_verbs(self, role: str) -> frozenset[str]:
        if role not in self.speech:
            raise LanguageDataError(
                f"no speech-verb role {role!r}; roles: {', '.join(self.speech)}"
            )
        return self.speech[role]


def language_data(settings: Settings | str) -> LanguageData:
    """The language data of ``settings.language`` (or of a language code)."""
    code = settings if isinstance(settings, str) else settings.language
    return _load(code)


@functools.cache
def _load(code: str) -> LanguageData:
    try:
        words = importlib.import_module(f"eventwire.lang.{code}.words")
        timex = importlib.import_module(f"eventwire.lang.{code}.timex")
    except ModuleNotFoundError as exc:
        raise LanguageDataError(
            f"no language data for {code!r}: add src/eventwire/lang/{code}/ with words.py, "
            "timex.py and speech_verbs.tsv (see lang/en/)"
        ) from exc
    return LanguageData(
        code=code,
        speech=_speech_table(code),
        modals=words.MODALS,
        control=words.CONTROL,
        honorifics=words.HONORIFICS,
        person_pronouns=words.PERSON_PRONOUNS,
        expletive_verbs=words.EXPLETIVE_VERBS,
        expletive_predicates=words.EXPLETIVE_PREDICATES,
        timex=timex,
    )


def _speech_table(code: str) -> Mapping[str, frozenset[str]]:
    source = files(f"eventwire.lang.{code}") / "speech_verbs.tsv"
    roles: dict[str, set[str]] = {role: set() for role in SPEECH_ROLES}
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        lemma, _, named = line.partition("\t")
        for role in filter(None, named.split(",")):
            if role not in roles:
                raise LanguageDataError(
                    f"lang/{code}/speech_verbs.tsv:{number}: unknown role {role!r}; "
                    f"roles: {', '.join(SPEECH_ROLES)}"
                )
            roles[role].add(lemma.strip())
    return MappingProxyType({role: frozenset(lemmas) for role, lemmas in roles.items()})
