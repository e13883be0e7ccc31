"""Language data: the words and patterns the stages read, one package per language.

``lang/en/`` holds English (as spaCy's ``lang/en``): speech and cue verbs with their roles
(``speech_verbs.tsv``), the quote finder's other words (``quotes.py``), modal and control words,
honorifics (``words.py``), month, weekday and number words, the temporal-expression grammar
and the date of a dateline (``timex.py``, one :class:`TimexWords`). :func:`language_data` loads
the package named by ``Settings.language``, and every stage that reads words takes them from
there (actors, events, quotes, metadata, time); a second language is a new folder with the
same names.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from types import MappingProxyType

from eventwire.errors import LanguageDataError
from eventwire.settings import Settings

#: The roles a speech verb can play (columns of ``speech_verbs.tsv``; see the file's header).
SPEECH_ROLES = (
    "cue", "reports", "speaker_pronoun", "frames_report", "states_demand", "times_report",
    "action", "names",
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
class QuoteWords:
    """Words the quote finder reads besides the speech verbs (``lang/<code>/quotes.py``)."""

    #: Words a title may leave in lower case ("Waiting for the Barbarians" is still a title).
    title_small_words: frozenset[str]
    #: Nouns of a speech act whose clause or colon carries the words ("in a statement that",
    #: "wrote in a post:").
    statement_nouns: frozenset[str]
    #: A quoted stretch of at most this many words inside the reporter's sentence is a fragment:
    #: a quote only when a cue in its own sentence attributes it.
    fragment_words: int
    #: Labels of a transcript paragraph's speaker that are no name ("Q", "A").
    transcript_labels: frozenset[str]


@dataclass(frozen=True, slots=True)
class ActorWords:
    """Words the actor resolver reads besides its tables."""

    #: Plural nouns that, counted and definite ("the two countries", "both sides"), stand for
    #: as many actors named before; role nouns ("the two governments") are read the same way.
    #: The value is the sector of each actor (``None``: the actor as named).
    group_nouns: Mapping[str, str | None]
    #: Group nouns whose actors may be of one country ("the two sides": the army and the rebels).
    party_nouns: frozenset[str]
    definite: frozenset[str]  # determiners of a counted phrase that refers back ("the two")
    both: frozenset[str]  # "both sides": two, and definite
    #: Prepositions tying a role noun to whom it serves ("a spokesman for the ministry",
    #: "an official at the embassy", "police in Kabul").
    affiliation: frozenset[str]
    #: Prepositions placing a group where it is ("residents of Afrin", "protesters in Caracas",
    #: "villagers near Mosul", "marched in Qamishli").
    locative: frozenset[str]
    #: A capitalised compass word standing for the one country named before whose name it
    #: begins ("the North" after "North Korea").
    compass: frozenset[str]


@dataclass(frozen=True, slots=True)
class EventWords:
    """Words the event coders read besides the verb and noun lexicons."""

    #: Nouns of a body one belongs to or is party to ("withdrew from the bloc", "expelled from
    #: the party", "pulled out of the treaty"): leaving or being put out of one is SANCTION.
    bodies: frozenset[str]
    #: Nouns of a negotiation ("withdrew from the talks": CAMEO 164, halt negotiations).
    negotiations: frozenset[str]
    #: Nouns of a mediation ("pulled out of the mediation": CAMEO 165, halt mediation).
    mediation: frozenset[str]
    #: Event nouns whose possessor is the one the act is done to, not its doer ("Mhlanga's
    #: arrest", "Khashoggi's killing"; but "Russia's invasion"): nouns of acts done to a person.
    patient_possessor: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class TimexWords:
    """Calendar words and the temporal-expression grammar of one language."""

    months: Mapping[str, int]  # the first three letters of a month name, lower case → 1-12
    weekdays: tuple[str, ...]  # lower case, Monday first
    numbers: Mapping[str, int | str]  # number words ("three" → 3; "several" → "X")
    units: Mapping[str, str]  # unit word → TimeML unit ("day" → "D", "hour" → "TH")
    plural_units: Mapping[str, str]  # "months" → "month" (vague durations: "for months")
    ordinals: Mapping[str, int]  # "nineteenth" → 19 (centuries)
    part_ordinals: Mapping[str, int]  # "third" → 3 (quarters and halves of a year)
    #: Words after "the past"/"the future" when that is the time itself ("the future of").
    ref_followers: frozenset[str]
    seasons: Mapping[str, str]  # season word → TimeML season ("summer" → "SU")
    season_start: Mapping[str, int]  # TimeML season → the month it starts in
    day_parts: Mapping[str, str]  # "morning" → "MO"
    day_words: Mapping[str, int]  # "yesterday" → -1, "tomorrow" → 1
    refs: Mapping[str, str]  # "recently" → "PAST_REF"
    deadline_cues: frozenset[str]  # "by Friday": a limit, never an event's date
    year_stop: frozenset[str]  # "2019 people": a number, not a year
    future_heads: frozenset[str]  # "plan to meet on Friday": Friday lies ahead
    #: (kind, pattern), most specific first; named groups as :mod:`eventwire.timex` reads them.
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    #: A month name or abbreviation alone, as a spaCy DATE entity may be ("a November report").
    bare_month: re.Pattern[str]
    #: A spaCy DATE entity that is one unit of time with an adjective: "a rocky decade" (P1DE).
    entity_duration: re.Pattern[str]
    #: The date of a dateline ("Jan 25", "Jan. 25, 2019"): groups ``mon``, ``day``, ``year``.
    dateline_date: str
    #: kind → a pattern found in every match of that kind: a sentence where it is not found is
    #: not scanned for the kind (the scan of every pattern over every sentence was most of the
    #: ``time`` stage). Kinds without one are always scanned.
    gates: Mapping[str, re.Pattern[str]] = field(default_factory=lambda: MappingProxyType({}))
    #: The kinds whose gate is searched in the lower-cased text (written in lower case).
    folded_gates: frozenset[str] = frozenset()

    def month(self, name: str) -> int:
        """The number of a month name or abbreviation ("January", "Jan.", "Sept" → 1, 1, 9)."""
        return self.months[name[:3].lower()]

    def weekday(self, name: str) -> int:
        """0 for Monday ... 6 for Sunday."""
        return self.weekdays.index(name.lower())


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
    reciprocal: frozenset[str]  # trigger lemmas of mutual acts ("met", "talks", "clashed")
    actors: ActorWords  # group nouns, affiliation prepositions, compass ellipses
    events: EventWords  # bodies, negotiations and mediation one leaves or is put out of
    timex: TimexWords  # month names, weekday and number words, temporal patterns
    quotes: QuoteWords  # titles, statement nouns, fragments, transcript labels

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
        quotes = importlib.import_module(f"eventwire.lang.{code}.quotes")
    except ModuleNotFoundError as exc:
        raise LanguageDataError(
            f"no language data for {code!r}: add src/eventwire/lang/{code}/ with words.py, "
            "timex.py, quotes.py and speech_verbs.tsv (see lang/en/)"
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
        reciprocal=words.RECIPROCAL,
        actors=words.ACTORS,
        events=words.EVENTS,
        timex=timex.TIMEX,
        quotes=quotes.QUOTES,
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
