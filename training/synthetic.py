"""Deterministic generator of synthetic, labelled news-style sentences for the trigger/type model.

Every sentence is written here from the tables in ``training/lexicon`` (verbs by CAMEO code,
actors, themes, non-event sentences), written from the PLOVER/CAMEO codebooks and general English.
No sentence comes from an evaluation file.

    python training/synthetic.py --seed 13 --count 20000 --out FILE.jsonl

One JSON object per line::

    {"text": ..., "events": [{"start", "end", "trigger", "type", "cameo", "source", "target",
                              "negated", "modality"}], "template": "<template id>"}

``start``/``end`` are character offsets of the trigger in ``text`` (end exclusive); ``source`` and
``target`` are the actor texts as they appear in ``text`` ("" when absent). The same seed and count
always give a byte-identical file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

T = TypeVar("T")
LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODALITIES = ("asserted", "future", "intended", "possible", "reported", "conditional")

#: Cooperative types whose announcement is AGREE (PLOVER manual, AGREE).
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
#: Conflictual material types whose announcement is a THREATEN.
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
#: Types an actor can refuse to carry out (a refusal is a REJECT).
REFUSABLE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})

NEGATIVE_SHARE = 0.3
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
NUMBERS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "10", "11", "12", "14", "15",
    "17", "20", "23", "25", "30", "40", "dozens of", "more than 50", "at least 12", "about 100",
)  # fmt: skip
BIG = ("200", "500", "1,000", "2,000", "3,000", "5,000", "10,000", "20,000")
MONEY = ("$50 million", "$1.2 billion", "$300 million", "20 million euros", "$75 million")
TEAM_SUFFIX = ("United", "Rovers", "City", "Athletic", "Wanderers", "FC")
NO_SPACE_BEFORE = (",", ".", ";", ":", "'s", "?", "!", "”", "’s")
NO_SPACE_AFTER = ("“", "(")
#: Event nouns that name something with a duration ("the clashes went on for hours").
DURATIVE = frozenset({
    "talks", "clashes", "fighting", "protests", "protest", "strike", "negotiations", "siege",
    "occupation", "crackdown", "demonstration", "rally", "march", "hunger strike", "shelling",
    "offensive", "bombardment", "airstrikes", "air raids", "exercises", "sit-in", "blockade",
    "riots", "boycott", "discussions", "consultations", "meeting", "visit", "walkout", "looting",
    "pounding", "artillery fire", "gathering", "curfew", "parade", "mediation", "airlift",
    "withdrawal", "pullout", "pullback", "deployment", "build-up", "demobilisation", "disarmament",
})  # fmt: skip
#: Event nouns that take "a" ("announced a freeze on flights").
COUNTABLE = frozenset({
    "freeze", "ban", "suspension", "halt", "cut", "embargo", "curfew", "ceasefire", "blockade",
    "crackdown", "raid", "attack", "strike", "offensive", "deployment", "withdrawal", "pullout",
    "visit", "meeting", "call", "phone call", "video call", "investigation", "probe", "inquiry",
    "lawsuit", "complaint", "rally", "march", "boycott", "state of emergency", "downgrade",
    "recall", "expulsion", "pledge", "promise", "offer", "loan", "grant", "donation", "delivery",
    "shipment", "airlift", "release", "swap", "exchange", "handover", "pardon", "amnesty",
    "reversal", "rollback", "invitation", "agreement", "airstrike", "drone strike", "threat",
    "warning", "ultimatum", "demand", "appeal", "request", "veto", "rejection", "refusal",
    "round-up", "seizure", "takeover", "build-up", "mobilisation", "mobilization", "call-up",
    "parade", "test", "walkout", "sit-in", "hunger strike", "demonstration", "protest",
})  # fmt: skip
SLOT = re.compile(r"\{(@?[A-Za-z_0-9]+)\}")
#: "a" before a vowel sound ("a Iraqi" -> "an Iraqi"; not "a European", "a U.S.", "a Ugandan").
A_AN = re.compile(r"\b([Aa]) (?=[AEIOaeio]|U(?!\.S\.|gan|krain|ni|zbek)|u(?!ni|s))(?!Eu|eu|one)")
#: Codes of verbs that a statement can carry as a participle ("a statement condemning ...").
SPEECH_CODES = ("02", "10", "110", "111", "112", "051", "052", "054", "120", "127", "130", "138")
VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"})


# --------------------------------------------------------------------------------------------
# Lexicon


@dataclass(frozen=True)
class Verb:
    """One row of verbs.tsv: an event verb or verbal phrase for one CAMEO code."""

    code: str
    base: str
    third: str
    past: str
    participle: str
    ing: str
    frame: tuple[str, ...]
    span: str
    themes: tuple[str, ...]
    src: tuple[str, ...]
    tgt: tuple[str, ...]
    nouns: tuple[str, ...]
    noun_frame: tuple[str, ...]
    passive: bool


@dataclass(frozen=True)
class Country:
    name: str
    adj: str
    capital: str
    cities: tuple[str, ...]
    culture: str
    groups: tuple[str, ...]
    demonym: str


@dataclass(frozen=True)
class ActorTemplate:
    cls: str
    plural: bool
    pronoun: str
    template: str


@dataclass(frozen=True)
class Lexicon:
    """All tables, read once and never changed."""

    types: Mapping[str, str]
    verbs: tuple[Verb, ...]
    themes: Mapping[str, tuple[str, ...]]
    countries: tuple[Country, ...]
    names: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]
    titles: tuple[str, ...]
    actors: Mapping[str, tuple[ActorTemplate, ...]]
    nonevents: tuple[tuple[str, str], ...]
    announce: Mapping[str, tuple[str, str]]
    index: Mapping[tuple[str, str], tuple[Verb, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def type_of(self, code: str) -> str:
        """The PLOVER type of a verb code ('-' is the PLOVER-only RETREAT 'resign')."""
        return "RETREAT" if code == "-" else self.types[code]

    def announced(self, code: str) -> str:
        """The code of announcing the action (longest prefix of announce.tsv); itself when none."""
        found = _longest(self.announce, code)
        return code if found is None or found[0] == "=" else found[0]

    def refusal(self, code: str) -> str:
        """The REJECT code of refusing the action, or "" when it is not refused."""
        found = _longest(self.announce, code)
        return "" if found is None else found[1]


def _longest(table: Mapping[str, tuple[str, str]], code: str) -> tuple[str, str] | None:
    if code in table:
        return table[code]
    for length in range(len(code) - 1, 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def read_rows(path: Path) -> list[list[str]]:
    """Tab-separated rows of a lexicon table, without comments, blank lines and the header."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "code":
            continue
        rows.append(cells)
    return rows


def _split(cell: str, sep: str = ",") -> tuple[str, ...]:
    return () if cell in ("", "-") else tuple(part for part in cell.split(sep) if part)


def _verb(cells: list[str]) -> Verb:
    code, base, third, past, participle, ing, frame, span, themes = cells[:9]
    src, tgt, nouns, noun_frame, passive = cells[9:14]
    return Verb(
        code=code, base=base, third=third, past=past, participle=participle, ing=ing,
        frame=tuple(frame.split()) if frame != "-" else (), span=span,
        themes=_split(themes, "|"), src=_split(src), tgt=_split(tgt), nouns=_split(nouns, "|"),
        noun_frame=tuple(noun_frame.split()) if noun_frame != "-" else (), passive=passive == "yes",
    )  # fmt: skip


def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read every table of ``directory``."""
    types = {row[0]: row[1] for row in read_rows(directory / "cameo_plover.tsv")}
    themes: dict[str, list[str]] = {}
    for name, value in read_rows(directory / "themes.tsv"):
        themes.setdefault(name, []).append(value)
    names: dict[str, dict[str, tuple[str, ...]]] = {}
    for culture, kind, values in read_rows(directory / "names.tsv"):
        names.setdefault(culture, {})[kind] = tuple(values.split("|"))
    actors: dict[str, list[ActorTemplate]] = {}
    for cls, number, pronoun, template in read_rows(directory / "actors.tsv"):
        actors.setdefault(cls, []).append(ActorTemplate(cls, number == "pl", pronoun, template))
    countries = tuple(
        Country(row[0], row[1], row[2], tuple(row[3].split("|")), row[4],
                tuple(row[5].split("|")), row[6])
        for row in read_rows(directory / "countries.tsv")
    )  # fmt: skip
    lex = Lexicon(
        types=MappingProxyType(types),
        verbs=tuple(_verb(row) for row in read_rows(directory / "verbs.tsv")),
        themes=MappingProxyType({k: tuple(v) for k, v in themes.items()}),
        countries=countries,
        names=MappingProxyType({k: (v["given"], v["family"]) for k, v in names.items()}),
        titles=tuple(row[0] for row in read_rows(directory / "titles.tsv")),
        actors=MappingProxyType({k: tuple(v) for k, v in actors.items()}),
        nonevents=tuple((row[0], row[1]) for row in read_rows(directory / "nonevents.tsv")),
        announce=MappingProxyType(
            {row[0]: (row[1], row[2] if len(row) > 2 else "") for row in
             read_rows(directory / "announce.tsv")}
        ),
    )  # fmt: skip
    index = {
        (kind, want): _rows_for(lex, kind, want)
        for kind in ("done", "announced", "refused")
        for want in PLOVER_TYPES
    }
    return replace(lex, index=MappingProxyType(index))


# --------------------------------------------------------------------------------------------
# Building a sentence with marked spans


class Builder:
    """Appends pieces with single spaces and remembers the span of each mark."""

    def __init__(self) -> None:
        self.text = ""
        self.marks: dict[str, tuple[int, int]] = {}

    def add(self, piece: str, mark: str = "", *, cap: bool = False, glue: bool = False) -> None:
        if not piece:
            return
        if cap:
            piece = piece[0].upper() + piece[1:]
        spaced = not (
            glue or piece.startswith(NO_SPACE_BEFORE) or self.text.endswith(NO_SPACE_AFTER)
        )
        if self.text and spaced:
            self.text += " "
        start = len(self.text)
        self.text += piece
        if mark:
            old = self.marks.get(mark)
            self.marks[mark] = (
                (min(old[0], start), len(self.text)) if old else (start, len(self.text))
            )


@dataclass(frozen=True)
class Event:
    """An event whose trigger, source and target are marks of a Builder."""

    trigger: str
    type: str
    cameo: str
    source: str = ""
    target: str = ""
    negated: bool = False
    modality: str = "asserted"


@dataclass(frozen=True)
class Sentence:
    builder: Builder
    events: tuple[Event, ...]
    template: str


def render(sentence: Sentence) -> dict[str, object]:
    """The JSON record of a sentence: offsets computed from the marks, and checked."""
    text = sentence.builder.text
    text = text[0].upper() + text[1:]
    marks = sentence.builder.marks
    events = []
    for event in sentence.events:
        start, end = marks[event.trigger]
        trigger = text[start:end]
        assert trigger and trigger == trigger.strip(), (text, event)
        assert event.type in PLOVER_TYPES and event.modality in MODALITIES, event
        events.append({
            "start": start, "end": end, "trigger": trigger, "type": event.type,
            "cameo": event.cameo, "source": _span_text(text, marks, event.source),
            "target": _span_text(text, marks, event.target), "negated": event.negated,
            "modality": event.modality,
        })  # fmt: skip
    events.sort(key=lambda e: (e["start"], e["end"]))
    return {"text": text, "events": events, "template": sentence.template}


def _span_text(text: str, marks: Mapping[str, tuple[int, int]], mark: str) -> str:
    if not mark:
        return ""
    start, end = marks[mark]
    return text[start:end]


# --------------------------------------------------------------------------------------------
# Context: random choices, slots, actors


@dataclass(frozen=True)
class Actor:
    text: str
    plural: bool
    pronoun: str
    cls: str


@dataclass
class Ctx:
    """The random source and the two countries of one sentence."""

    rng: random.Random
    lex: Lexicon
    home: Country
    away: Country
    counter: list[int] = field(default_factory=lambda: [0])

    def pick(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def mark(self, prefix: str) -> str:
        self.counter[0] += 1
        return f"{prefix}{self.counter[0]}"


def person_name(ctx: Ctx, country: Country) -> str:
    given, family = ctx.lex.names[country.culture]
    return f"{ctx.pick(given)} {ctx.pick(family)}"


def fill(ctx: Ctx, template: str, country: Country | None = None, plural: bool = False) -> str:
    """Fill the {SLOT}s of a template from the country (default: the home country)."""
    where = country or ctx.home

    def one(match: re.Match[str]) -> str:
        return _slot(ctx, match.group(1), where, plural)

    text = A_AN.sub(lambda m: m.group(1) + "n ", SLOT.sub(one, template))
    return text.replace("States's", "States'").replace("Philippines's", "Philippines'")


def _slot(ctx: Ctx, name: str, country: Country, plural: bool) -> str:
    if name.startswith("@"):
        return fill(ctx, ctx.pick(ctx.lex.themes[name[1:]]), country, plural)
    simple: dict[str, Callable[[], str]] = {
        "COUNTRY": lambda: country.name,
        "COUNTRY2": lambda: (ctx.away if country is ctx.home else ctx.home).name,
        "ADJ": lambda: country.adj,
        "ADJ2": lambda: (ctx.away if country is ctx.home else ctx.home).adj,
        "CAPITAL": lambda: country.capital,
        "CITY": lambda: ctx.pick(country.cities),
        "ETHNIC": lambda: ctx.pick(country.groups),
        "DEMONYM": lambda: country.demonym,
        "NAME": lambda: person_name(ctx, country),
        "GOVTITLE": lambda: ctx.pick(ctx.lex.titles),
        "govtitle": lambda: ctx.pick(ctx.lex.titles).lower(),
        "NUM": lambda: ctx.pick(NUMBERS),
        "BIG": lambda: ctx.pick(BIG),
        "MONEY": lambda: ctx.pick(MONEY),
        "PCT": lambda: f"{ctx.rng.randint(1, 9)}.{ctx.rng.randint(0, 9)}",
        "DAY": lambda: ctx.pick(DAYS),
        "MONTH": lambda: ctx.pick(MONTHS),
        "DATE": lambda: str(ctx.rng.randint(1, 28)),
        "YEAR": lambda: str(ctx.rng.randint(1962, 2021)),
        "TEAM": lambda: f"{ctx.pick(country.cities)} {ctx.pick(TEAM_SUFFIX)}",
        "TEAM2": lambda: f"{ctx.pick(ctx.away.cities)} {ctx.pick(TEAM_SUFFIX)}",
        "SPEAKER": lambda: actor(ctx, ctx.pick(("gov", "gov", "gov", "igo"))).text,
        "BE": lambda: "were" if plural else "was",
        "IS": lambda: "are" if plural else "is",
    }
    return simple[name]()


def actor(ctx: Ctx, cls: str, country: Country | None = None) -> Actor:
    """A random actor noun phrase of class ``cls``."""
    template = ctx.rng.choice(ctx.lex.actors[cls])
    return Actor(fill(ctx, template.template, country), template.plural, template.pronoun, cls)


DOMESTIC_TARGETS = frozenset({"civ", "per", "opp", "ngo", "court", "per_opp", "per_gov", "pol"})


def target_country(ctx: Ctx, cls: str) -> Country:
    if cls in DOMESTIC_TARGETS:
        return ctx.home if ctx.chance(0.8) else ctx.away
    if cls == "loc":
        return ctx.home if ctx.chance(0.5) else ctx.away
    if cls == "area":
        return ctx.home if ctx.chance(0.7) else ctx.away
    return ctx.away


def theme_text(ctx: Ctx, verb: Verb) -> str:
    if not verb.themes:
        return ""
    value = ctx.pick(verb.themes)
    if value.startswith("@"):
        value = ctx.pick(ctx.lex.themes[value[1:]])
    return fill(ctx, value, ctx.home)


# --------------------------------------------------------------------------------------------
# Plans: a verb row with its actors and theme


@dataclass(frozen=True)
class Plan:
    verb: Verb
    source: Actor
    target: Actor | None
    theme: str


def make_plan(ctx: Ctx, verb: Verb, source: Actor | None = None) -> Plan:
    if source is None:
        source = actor(ctx, ctx.pick(verb.src) if verb.src else "gov")
    target = None
    if verb.tgt and ("T" in verb.frame or "T" in verb.noun_frame):
        cls = ctx.pick(verb.tgt)
        target = actor(ctx, cls, target_country(ctx, cls))
        if target.text == source.text:
            target = actor(ctx, cls, ctx.away if target_country(ctx, cls) is ctx.home else ctx.home)
    return Plan(verb, source, target, theme_text(ctx, verb))


def verbs_of(lex: Lexicon, kind: str, want: str) -> tuple[Verb, ...]:
    """Rows usable for a realisation kind ("done", "announced", "refused") yielding ``want``."""
    return lex.index[(kind, want)]


def _rows_for(lex: Lexicon, kind: str, want: str) -> tuple[Verb, ...]:
    return tuple(verb for verb in lex.verbs if _usable(lex, verb, kind, want))


def _usable(lex: Lexicon, verb: Verb, kind: str, want: str) -> bool:
    done = lex.type_of(verb.code)
    if kind == "done":
        return done == want
    if kind == "announced":
        return _announced_type(lex, verb) == want and _announceable(lex, verb)
    return want == "REJECT" and done in REFUSABLE and bool(lex.refusal(verb.code))


def _announceable(lex: Lexicon, verb: Verb) -> bool:
    done = lex.type_of(verb.code)
    if done in COOPERATIVE or done in CONFLICTUAL or done == "RETREAT":
        return lex.announced(verb.code) != verb.code
    return done in ("CONCEDE", "MOBILIZE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE")


def _announced_type(lex: Lexicon, verb: Verb) -> str:
    return lex.type_of(lex.announced(verb.code) if verb.code != "-" else "080")


def announced_code(lex: Lexicon, verb: Verb) -> str:
    return "080" if verb.code == "-" else lex.announced(verb.code)


def done_code(verb: Verb) -> str:
    return "" if verb.code == "-" else verb.code


# --------------------------------------------------------------------------------------------
# Realising clauses


def add_actor(b: Builder, who: Actor, mark: str, *, cap: bool = False) -> None:
    b.add(who.text, mark, cap=cap)


def add_rest(b: Builder, plan: Plan, frame: Sequence[str], trig: str, tgt: str) -> None:
    """The words after the verb: target (marked), theme (inside the trigger for VX rows)."""
    seen_target = False
    for token in frame:
        if token == "T" and plan.target is not None:
            add_actor(b, plan.target, tgt)
            seen_target = True
        elif token == "T":
            b.add("them")
        elif token == "X":
            light = plan.verb.span == "VX" and not seen_target
            b.add(plan.theme, trig if light else "")
        else:
            b.add(token)


def verb_phrase(b: Builder, plan: Plan, aux: Sequence[str], form: str, trig: str, tgt: str) -> None:
    for word in aux:
        b.add(word)
    b.add(form, trig)
    add_rest(b, plan, plan.verb.frame, trig, tgt)


def form_of(verb: Verb, name: str) -> str:
    return {"base": verb.base, "third": verb.third, "past": verb.past,
            "participle": verb.participle, "ing": verb.ing}[name]  # fmt: skip


def finite(plan: Plan, subject_plural: bool, tense: str) -> tuple[list[str], str]:
    """Auxiliaries and main verb form of an active clause in ``tense``."""
    verb = plan.verb
    has = "have" if subject_plural else "has"
    be = "are" if subject_plural else "is"
    table: dict[str, tuple[list[str], str]] = {
        "past": ([], verb.past),
        "perfect": ([has], verb.participle),
        "progressive": ([be], verb.ing),
        "present": ([], verb.base if subject_plural else verb.third),
    }
    return table[tense]


def passive_subject(ctx: Ctx, plan: Plan) -> tuple[Actor, tuple[str, ...]] | None:
    """The passive subject (the frame's first slot) and the rest of the frame, if any."""
    verb = plan.verb
    if not verb.passive or not verb.frame:
        return None
    first, rest = verb.frame[0], verb.frame[1:]
    if first == "T" and plan.target is not None:
        return plan.target, rest
    if first == "X" and plan.theme:
        return Actor(plan.theme, _plural_np(plan.theme), "-", "theme"), rest
    return None


HEAD_END = frozenset({"of", "to", "for", "on", "with", "from", "in", "into", "against", "by", "at"})


def _plural_np(text: str) -> bool:
    """Whether a theme noun phrase is plural, judged by its head ("calls to resign": plural)."""
    words = text.split()
    cut = next((i for i, w in enumerate(words) if i and w.lower() in HEAD_END), len(words))
    last = words[cut - 1].lower()
    if last in ("aid", "news", "assistance", "law", "fire", "custody", "control"):
        return False
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def time_adjunct(ctx: Ctx, future: bool = False) -> str:
    return fill(ctx, ctx.pick(ctx.lex.themes["time_future" if future else "time_past"]))


def theme_pick(ctx: Ctx, name: str, plural: bool = False) -> str:
    return fill(ctx, ctx.pick(ctx.lex.themes[name]), plural=plural)


def adjuncts(ctx: Ctx, b: Builder, future: bool = False, timeless: bool = False) -> None:
    """A time, place or reason adjunct, or none; ``timeless`` for the perfect and progressive."""
    roll = ctx.rng.random()
    if timeless:
        if roll < 0.3:
            b.add(theme_pick(ctx, "place" if roll < 0.15 else "reason"))
        return
    if roll < 0.35:
        b.add(time_adjunct(ctx, future))
    elif roll < 0.5 and not future:
        b.add(theme_pick(ctx, "place"))
        b.add(time_adjunct(ctx))
    elif roll < 0.6:
        b.add(theme_pick(ctx, "reason"))


def dateline(ctx: Ctx, b: Builder) -> bool:
    """Sometimes open with a dateline; True when one was written."""
    if not ctx.chance(0.12):
        return False
    city = ctx.pick((*ctx.home.cities, ctx.home.capital))
    style = ctx.rng.randrange(3)
    if style == 0:
        b.add(f"{city.upper()} —")
    elif style == 1:
        b.add(f"{city.upper()}, {ctx.home.name.removeprefix('the ')} —")
    else:
        b.add(f"{city.upper()}, {ctx.pick(MONTHS)} {ctx.rng.randint(1, 28)} —")
    return True


# --------------------------------------------------------------------------------------------
# Templates. Each takes the context and the wanted PLOVER type and returns a Sentence or None.


def _choose(
    ctx: Ctx, kind: str, want: str, test: Callable[[Verb], bool] | None = None
) -> Verb | None:
    rows = [v for v in verbs_of(ctx.lex, kind, want) if test is None or test(v)]
    return ctx.rng.choice(rows) if rows else None


def _done_event(
    ctx: Ctx,
    plan: Plan,
    trig: str,
    src: str,
    tgt: str,
    *,
    negated: bool = False,
    modality: str = "asserted",
) -> Event:
    target = tgt if plan.target is not None else ""
    return Event(trig, ctx.lex.type_of(plan.verb.code), done_code(plan.verb), src, target,
                 negated, modality)  # fmt: skip


def t_active(ctx: Ctx, want: str) -> Sentence | None:
    """Active clause in past, perfect or progressive, with adjuncts and maybe a dateline."""
    verb = _choose(ctx, "done", want)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    b = Builder()
    dateline(ctx, b)
    tense = ctx.pick(("past", "past", "past", "perfect", "progressive"))
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    front_time = tense == "past" and ctx.chance(0.15)
    if front_time:
        b.add(time_adjunct(ctx) + ",", cap=True)
    elif ctx.chance(0.12):
        verbal = ctx.lex.type_of(verb.code) in VERBAL_TYPES and ctx.chance(0.5)
        b.add(theme_pick(ctx, "opener_verbal" if verbal else "opener"), cap=True)
        front_time = True  # the subject is no longer sentence-initial
    add_actor(b, plan.source, src, cap=not front_time)
    if tense == "past" and not front_time and ctx.chance(0.2):
        b.add(time_adjunct(ctx))
        aux, form = finite(plan, plan.source.plural, tense)
        verb_phrase(b, plan, aux, form, trig, tgt)
    else:
        aux, form = finite(plan, plan.source.plural, tense)
        verb_phrase(b, plan, aux, form, trig, tgt)
        if not front_time:
            adjuncts(ctx, b, timeless=tense != "past")
    b.add(".")
    return Sentence(b, (_done_event(ctx, plan, trig, src, tgt),), f"act.{tense}")


def t_passive(ctx: Ctx, want: str) -> Sentence | None:
    """Passive with an agent ('by police') or agentless ('two officers were shot dead')."""
    verb = _choose(ctx, "done", want, lambda v: v.passive)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    found = passive_subject(ctx, plan)
    if found is None:
        return None
    subject, rest = found
    agent = ctx.chance(0.45)
    b = Builder()
    dateline(ctx, b)
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    subj_mark = tgt if subject.cls != "theme" else ""
    add_actor(b, subject, subj_mark, cap=True)
    perfect = ctx.chance(0.25)
    if perfect:
        b.add("have been" if subject.plural else "has been")
    else:
        b.add("were" if subject.plural else "was")
    b.add(verb.participle, trig)
    add_rest(b, plan, rest, trig, tgt)
    if agent:
        b.add("by")
        add_actor(b, plan.source, src)
    adjuncts(ctx, b)
    said = not agent and ctx.chance(0.35)
    if said:
        b.add(",")
        b.add(actor(ctx, "speaker").text)
        b.add("said")
    b.add(".")
    target = tgt if (plan.target is not None) else ""
    event = Event(
        trig,
        ctx.lex.type_of(verb.code),
        done_code(verb),
        src if agent else "",
        target,
        modality="reported" if said else "asserted",
    )
    return Sentence(b, (event,), "pass.agent" if agent else "pass.agentless")


def t_headline(ctx: Ctx, want: str) -> Sentence | None:
    """Headline style: present tense, agentless passive without auxiliary, or 'X to V' (future)."""
    style = ctx.rng.randrange(3)
    if style == 2:
        return _headline_future(ctx, want)
    if style == 1 and want not in HEADLINE_PASSIVE:
        return None
    verb = _choose(ctx, "done", want, (lambda v: v.passive) if style == 1 else None)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    b = Builder()
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    if style == 1:
        found = passive_subject(ctx, plan)
        if found is None or found[0].cls in ("state", "gov", "igo", "loc", "area", "cty"):
            return None
        subject, rest = found
        add_actor(b, subject, tgt if subject.cls != "theme" else "", cap=True)
        b.add(verb.participle, trig)
        add_rest(b, plan, rest, trig, tgt)
        if not rest:
            b.add(f"in {ctx.pick(ctx.home.cities)}")
        event = Event(trig, ctx.lex.type_of(verb.code), done_code(verb), "",
                      tgt if plan.target is not None else "")  # fmt: skip
        return Sentence(b, (event,), "head.passive")
    add_actor(b, plan.source, src, cap=True)
    aux, form = finite(plan, plan.source.plural, "present")
    verb_phrase(b, plan, aux, form, trig, tgt)
    return Sentence(b, (_done_event(ctx, plan, trig, src, tgt),), "head.present")


#: Types whose agentless headline passive reads naturally ("Three soldiers killed in Gao").
HEADLINE_PASSIVE = frozenset(
    {"ASSAULT", "COERCE", "SANCTION", "RETREAT", "AID", "MOBILIZE", "ACCUSE"}
)


def _headline_future(ctx: Ctx, want: str) -> Sentence | None:
    verb = _announced_verb(ctx, want)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    b = Builder()
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, plan.source, src, cap=True)
    verb_phrase(b, plan, ["to"], verb.base, trig, tgt)
    return Sentence(b, (_announced_event(ctx, plan, trig, src, tgt, "future"),), "head.future")


def _announced_verb(ctx: Ctx, want: str) -> Verb | None:
    rows = verbs_of(ctx.lex, "announced", want)
    return ctx.rng.choice(rows) if rows else None


def _announced_event(
    ctx: Ctx, plan: Plan, trig: str, src: str, tgt: str, modality: str, negated: bool = False
) -> Event:
    code = announced_code(ctx.lex, plan.verb)
    return Event(trig, ctx.lex.type_of(code), code, src, tgt if plan.target is not None else "",
                 negated, modality)  # fmt: skip


def t_reported(ctx: Ctx, want: str) -> Sentence | None:
    """Reported speech: 'X said Y had ...', 'According to X, Y ...', 'Y ..., X said.'"""
    verb = _choose(ctx, "done", want)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    speaker = actor(ctx, "speaker")
    b = Builder()
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    style = ctx.rng.randrange(5)
    if style == 4:
        add_actor(b, plan.source, src, cap=True)
        verb_phrase(
            b, plan, [ctx.pick(("reportedly", "allegedly", "apparently"))], verb.past, trig, tgt
        )
        adjuncts(ctx, b)
    elif style == 0:
        b.add(speaker.text, cap=True)
        b.add(ctx.pick(("said", "said", "told reporters", "reported", "claimed")))
        if ctx.chance(0.5):
            b.add("that")
        add_actor(b, plan.source, src)
        verb_phrase(b, plan, ["had"], verb.participle, trig, tgt)
        adjuncts(ctx, b)
    elif style == 1:
        b.add(f"According to {speaker.text},", cap=True)
        add_actor(b, plan.source, src)
        verb_phrase(b, plan, [], verb.past, trig, tgt)
        adjuncts(ctx, b)
    elif style == 2:
        add_actor(b, plan.source, src, cap=True)
        verb_phrase(b, plan, [], verb.past, trig, tgt)
        adjuncts(ctx, b)
        b.add(",")
        b.add(speaker.text)
        b.add(ctx.pick(("said", "said", "reported", "said in a statement")))
    else:
        add_actor(b, plan.source, src, cap=True)
        verb_phrase(b, plan, [], verb.past, trig, tgt)
        adjuncts(ctx, b)
        b.add(",")
        b.add(f"according to {speaker.text}")
    b.add(".")
    event = _done_event(ctx, plan, trig, src, tgt, modality="reported")
    return Sentence(
        b,
        (event,),
        f"rep.{('said_had', 'according', 'trailing', 'according_end', 'adverb')[style]}",
    )


def t_nominal(ctx: Ctx, want: str) -> Sentence | None:
    """An event noun as subject ('The withdrawal of troops from X began on Monday')."""
    durative = ctx.chance(0.35)
    verb = _choose(ctx, "done", want, lambda v: _has_noun(v, durative))
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    b = Builder()
    dateline(ctx, b)
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    noun, plural = _noun(ctx, verb)
    future = (
        ctx.chance(0.2)
        and _announceable(ctx.lex, verb)
        and ctx.lex.type_of(verb.code) in COOPERATIVE | {"RETREAT", "CONCEDE"}
    )
    has_source = _nominal_np(ctx, b, plan, (noun, plural), (trig, src, tgt), cap=True)
    if ctx.lex.type_of(verb.code) in VERBAL_TYPES:
        then = "nominal_verbal"
    else:
        then = "nominal_during" if noun in DURATIVE and ctx.chance(0.7) else "nominal_then"
    b.add(theme_pick(ctx, "nominal_future" if future else then, plural))
    b.add(".")
    if future:
        event = _announced_event(ctx, plan, trig, src if has_source else "", tgt, "future")
    else:
        event = _done_event(ctx, plan, trig, src if has_source else "", tgt)
    used_target = "T" in verb.noun_frame or has_source == "between"
    if not used_target:
        event = Event(event.trigger, event.type, event.cameo, event.source, "", event.negated,
                      event.modality)  # fmt: skip
    return Sentence(b, (event,), "nom.future" if future else "nom.subject")


def _has_noun(verb: Verb, durative: bool) -> bool:
    """Rows with an event noun; with ``durative``, one naming something that lasts ("clashes")."""
    if not durative:
        return bool(verb.nouns)
    return any(noun.removesuffix(":pl") in DURATIVE for noun in verb.nouns)


def _noun(ctx: Ctx, verb: Verb) -> tuple[str, bool]:
    raw = ctx.pick(verb.nouns)
    if raw.endswith(":pl"):
        return raw[:-3], True
    return raw, False


def _nominal_np(
    ctx: Ctx,
    b: Builder,
    plan: Plan,
    noun: tuple[str, bool],
    marks: tuple[str, str, str],
    *,
    cap: bool,
    article: str = "the",
) -> str:
    """Write 'the N of T', 'X's N on T' or 'N between S and T'; returns how the source was given."""
    (noun_text, plural), (trig, src, tgt) = noun, marks
    frame = plan.verb.noun_frame
    between = bool(frame) and frame[0] == "with" and plan.target is not None and ctx.chance(0.4)
    if plural and article != "the":
        article = ""
    if between:
        b.add("" if plural else article, cap=cap)
        b.add(noun_text, trig, cap=cap and plural)
        b.add("between")
        add_actor(b, plan.source, src)
        b.add("and")
        add_actor(b, plan.target, tgt)  # type: ignore[arg-type]
        return "between"
    style = ctx.rng.randrange(3)
    if style == 0 and article == "the" and "'" not in plan.source.text:
        add_actor(b, plan.source, src, cap=cap)
        b.add("'s" if not plan.source.text.endswith("s") else "'", glue=True)
        b.add(noun_text, trig)
        add_rest(b, plan, frame, trig, tgt)
        return "possessive"
    if article:
        b.add(A_AN.sub(lambda m: m.group(1) + "n ", f"{article} {noun_text}").split()[0], cap=cap)
    b.add(noun_text, trig, cap=cap and not article)
    add_rest(b, plan, frame, trig, tgt)
    if style == 1 and "by" not in frame:
        b.add("by")
        add_actor(b, plan.source, src)
        return "by"
    return ""


def _reaction(ctx: Ctx, kind: str) -> tuple[str, str, str]:
    """A reaction verb fitting the event: condemn conflict, welcome cooperation, or announce."""
    if ctx.chance(0.25):
        return ctx.pick(("announced", "confirmed", "reported")), "", ""
    if kind in AFFINITY[0]:
        return ctx.pick(("welcomed", "praised", "hailed")), "SUPPORT", "051"
    word = ctx.pick(("condemned", "denounced", "criticised", "deplored"))
    return word, "ACCUSE", "111" if word in ("condemned", "denounced") else "110"


def t_nominal_object(ctx: Ctx, want: str) -> Sentence | None:
    """'X condemned/welcomed/announced the N of Y': ACCUSE or SUPPORT plus the nominal event."""
    verb = _choose(ctx, "done", want, lambda v: bool(v.nouns))
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    commenter = actor(ctx, ctx.pick(("gov", "igo", "ngo", "opp")), ctx.away)
    b = Builder()
    t1, c1 = ctx.mark("t"), ctx.mark("s")
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, commenter, c1, cap=True)
    words = _reaction(ctx, ctx.lex.type_of(verb.code))
    b.add(words[0], t1 if words[1] else "")
    noun = _noun(ctx, verb)
    countable = noun[0] in COUNTABLE and not words[1]
    article = "a" if countable and ctx.chance(0.6) else "the"
    how = _nominal_np(ctx, b, plan, noun, (trig, src, tgt), cap=False, article=article)
    adjuncts(ctx, b)
    b.add(".")
    used_target = "T" in verb.noun_frame or how == "between"
    event = _done_event(ctx, plan, trig, src if how else "", tgt if used_target else "")
    events = [event]
    if words[1]:
        events.append(Event(t1, words[1], words[2], c1, src if how else ""))
    else:
        # "X announced the N": X is the nominal's actor
        if not how:
            event = Event(trig, event.type, event.cameo, c1, event.target)
            events = [event]
    return Sentence(b, tuple(events), f"nom.object.{words[0]}")


def t_negated(ctx: Ctx, want: str) -> Sentence | None:
    """'X did not V', 'X has not V-ed', 'X never V-ed', 'X denied V-ing': negated events."""
    verb = _choose(ctx, "done", want)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    b = Builder()
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, plan.source, src, cap=True)
    style = ctx.rng.randrange(4)
    has = "have" if plan.source.plural else "has"
    modality = "asserted"
    if style == 0:
        verb_phrase(b, plan, [ctx.pick(("did not", "didn't"))], verb.base, trig, tgt)
    elif style == 1:
        verb_phrase(b, plan, [has, ctx.pick(("not", "not yet"))], verb.participle, trig, tgt)
    elif style == 2:
        verb_phrase(b, plan, ["never"], verb.past, trig, tgt)
    else:
        b.add(ctx.pick(("denied", "denied", "rejected claims of")))
        verb_phrase(b, plan, [], verb.ing, trig, tgt)
        modality = "reported"
    adjuncts(ctx, b)
    if style < 3 and ctx.chance(0.3):
        b.add(",")
        b.add(actor(ctx, "speaker").text)
        b.add("said")
        modality = "reported"
    b.add(".")
    event = _done_event(ctx, plan, trig, src, tgt, negated=True, modality=modality)
    return Sentence(b, (event,), f"neg.{('did_not', 'has_not', 'never', 'denied')[style]}")


def t_hypothetical(ctx: Ctx, want: str) -> Sentence | None:
    """'If X were to V Y, ...': a conditional, hypothetical event."""
    verb = _choose(ctx, "done", want)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    b = Builder()
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    b.add("If", cap=True)
    add_actor(b, plan.source, src)
    if ctx.chance(0.5):
        verb_phrase(b, plan, ["were to"], verb.base, trig, tgt)
    else:
        aux, form = finite(plan, plan.source.plural, "present")
        verb_phrase(b, plan, aux, form, trig, tgt)
    b.add(",")
    b.add(theme_pick(ctx, "hyp_consequence"))
    b.add(".")
    event = _done_event(ctx, plan, trig, src, tgt, modality="conditional")
    return Sentence(b, (event,), "hyp.if")


#: (singular, plural subject) auxiliaries of intent: cooperative and conflictual actions.
INTENT_COOP = (
    ("plans to", "plan to"), ("intends to", "intend to"), ("has pledged to", "have pledged to"),
    ("has agreed to", "have agreed to"), ("has promised to", "have promised to"),
    ("is ready to", "are ready to"), ("has offered to", "have offered to"),
    ("is preparing to", "are preparing to"), ("wants to", "want to"),
)  # fmt: skip
INTENT_CONFLICT = (
    ("plans to", "plan to"), ("intends to", "intend to"), ("has vowed to", "have vowed to"),
    ("is preparing to", "are preparing to"), ("is ready to", "are ready to"),
    ("vowed to", "vowed to"),
)  # fmt: skip
FUTURE_AUX = (("will", "will"), ("will", "will"), ("is set to", "are set to"),
              ("is expected to", "are expected to"), ("is due to", "are due to"),
              ("is going to", "are going to"))  # fmt: skip
POSSIBLE_AUX = ("could", "may", "might")


def t_announced(ctx: Ctx, want: str) -> Sentence | None:
    """Future, intended or possible actions: AGREE, CONCEDE, THREATEN (or the same verbal type)."""
    verb = _announced_verb(ctx, want)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    done = ctx.lex.type_of(verb.code)
    b = Builder()
    dateline(ctx, b)
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    number = 1 if plan.source.plural else 0
    style = ctx.rng.randrange(5)
    if style in (0, 1):
        aux, modality = ctx.pick(FUTURE_AUX)[number], "future"
    elif style == 2:
        pool = INTENT_CONFLICT if done in CONFLICTUAL else INTENT_COOP
        aux, modality = ctx.pick(pool)[number], "intended"
    elif style == 3:
        aux, modality = ctx.pick(POSSIBLE_AUX), "possible"
    else:
        return _said_would(ctx, plan, b, trig, src, tgt)
    add_actor(b, plan.source, src, cap=True)
    verb_phrase(b, plan, aux.split(), verb.base, trig, tgt)
    if ctx.chance(0.5):
        b.add(time_adjunct(ctx, future=True))
    if modality == "possible" and ctx.chance(0.5):
        b.add(",")
        b.add(actor(ctx, "speaker").text)
        b.add(ctx.pick(("said", "warned", "suggested")))
    b.add(".")
    event = _announced_event(ctx, plan, trig, src, tgt, modality)
    return Sentence(b, (event,), f"ann.{modality}")


def _said_would(ctx: Ctx, plan: Plan, b: Builder, trig: str, src: str, tgt: str) -> Sentence:
    """'X said it would V' (pronoun) or 'Minister Y said Turkey would V' (named source)."""
    if plan.source.pronoun != "-":
        add_actor(b, plan.source, src, cap=True)
        b.add(ctx.pick(("said", "said", "announced", "said on " + ctx.pick(DAYS))))
        b.add(plan.source.pronoun)
    else:
        b.add(plan.source.text, cap=True)
        b.add("said")
        state = actor(ctx, "gov")
        while state.pronoun == "-":
            state = actor(ctx, "gov")
        add_actor(b, state, src)
    verb_phrase(b, plan, ["would"], plan.verb.base, trig, tgt)
    if ctx.chance(0.4):
        b.add(time_adjunct(ctx, future=True))
    b.add(".")
    return Sentence(b, (_announced_event(ctx, plan, trig, src, tgt, "future"),), "ann.said_would")


def t_quote(ctx: Ctx, want: str) -> Sentence | None:
    """A quoted pledge, threat or refusal: '"We will not hand over ...," X said.'"""
    refuse = want == "REJECT"
    verb = _choose(ctx, "refused", want) if refuse else _announced_verb(ctx, want)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    b = Builder()
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    straight = ctx.chance(0.5)
    b.add('"' if straight else "“")
    b.add("We", glue=True)
    aux = (
        ctx.pick((["will", "not"], ["won't"], ["are", "not", "going", "to"]))
        if refuse
        else [ctx.pick(("will", "are ready to", "are going to"))]
    )
    verb_phrase(b, plan, aux, verb.base, trig, tgt)
    b.add(",")
    b.add('"' if straight else "”", glue=True)
    add_actor(b, plan.source, src)
    b.add(ctx.pick(("said", "told reporters", "said in a statement")))
    b.add(".")
    if refuse:
        code = ctx.lex.refusal(verb.code)
        event = Event(trig, "REJECT", code, src, tgt if plan.target is not None else "")
    else:
        event = _announced_event(ctx, plan, trig, src, tgt, "future")
    return Sentence(b, (event,), "quote.refuse" if refuse else "quote.announce")


def t_refusal(ctx: Ctx, want: str) -> Sentence | None:
    """REJECT: 'refused to V', 'will not V', 'would not V', 'declined to V', 'will not tolerate'."""
    if want != "REJECT":
        return None
    if ctx.chance(0.12):
        return _tolerate(ctx)
    verb = _choose(ctx, "refused", want)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    code = ctx.lex.refusal(verb.code)
    b = Builder()
    dateline(ctx, b)
    trig, vtrig, src, tgt = ctx.mark("t"), ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, plan.source, src, cap=True)
    style = ctx.rng.randrange(5)
    has = "have" if plan.source.plural else "has"
    if style == 0:
        b.add(ctx.pick(("refused", "refused", f"{has} refused", "declined")), trig)
        verb_phrase(b, plan, ["to"], verb.base, vtrig, tgt)
        on = trig
    elif style == 1:
        verb_phrase(b, plan, ctx.pick((["will", "not"], ["would", "not"], ["won't"])), verb.base,
                    vtrig, tgt)  # fmt: skip
        on = vtrig
    elif style == 2:
        b.add(ctx.pick(("said", "insisted", "made clear")))
        b.add(plan.source.pronoun if plan.source.pronoun != "-" else "the government")
        verb_phrase(b, plan, ["would", "not"], verb.base, vtrig, tgt)
        on = vtrig
    elif style == 3:
        b.add("are refusing" if plan.source.plural else "is refusing", trig)
        verb_phrase(b, plan, ["to"], verb.base, vtrig, tgt)
        on = trig
    else:
        b.add(ctx.pick(("rejected calls", "rejected demands", "turned down a request")), trig)
        verb_phrase(b, plan, ["to"], verb.base, vtrig, tgt)
        on = trig
    adjuncts(ctx, b, future=style in (1, 2))
    b.add(".")
    event = Event(on, "REJECT", code, src, tgt if plan.target is not None else "")
    names = ("refused", "will_not", "said_not", "refusing", "rejected_calls")
    return Sentence(b, (event,), f"rej.{names[style]}")


def _tolerate(ctx: Ctx) -> Sentence:
    source = actor(ctx, ctx.pick(("gov", "gov", "mil")))
    b = Builder()
    trig, src = ctx.mark("t"), ctx.mark("s")
    add_actor(b, source, src, cap=True)
    if ctx.chance(0.5) and source.pronoun != "-":
        b.add("said")
        b.add(source.pronoun)
        b.add("would not")
    else:
        b.add(ctx.pick(("will not", "would not", "won't")))
    b.add("tolerate", trig)
    b.add(theme_pick(ctx, "tolerate_obj"))
    b.add(".")
    return Sentence(b, (Event(trig, "REJECT", "120", src),), "rej.tolerate")


def t_threat(ctx: Ctx, want: str) -> Sentence | None:
    """THREATEN: 'threatened to V', 'warned it would V', 'will V ... if ...', 'vowed to V'."""
    if want != "THREATEN":
        return None
    verb = _announced_verb(ctx, want)
    if verb is None or ctx.lex.type_of(verb.code) == "THREATEN":
        return None
    plan = make_plan(ctx, verb)
    code = announced_code(ctx.lex, verb)
    b = Builder()
    dateline(ctx, b)
    trig, vtrig, src, tgt = ctx.mark("t"), ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, plan.source, src, cap=True)
    style = ctx.rng.randrange(3)
    events: list[Event] = []
    if style == 0:
        b.add(ctx.pick(("threatened", "threatened", "has threatened", "is threatening")), trig)
        verb_phrase(b, plan, ["to"], verb.base, vtrig, tgt)
        on, modality = trig, "asserted"
    elif style == 1:
        b.add("warned", trig)
        b.add(ctx.pick(("that", "")))
        b.add(plan.source.pronoun if plan.source.pronoun != "-" else "the government")
        verb_phrase(b, plan, ["would"], verb.base, vtrig, tgt)
        on, modality = trig, "asserted"
    else:
        verb_phrase(b, plan, ["will"], verb.base, vtrig, tgt)
        on, modality = vtrig, "future"
    if style > 0 or ctx.chance(0.3):
        events.extend(_condition(ctx, b))
    b.add(".")
    events.append(Event(on, "THREATEN", code, src, tgt if plan.target is not None else "",
                        modality=modality))  # fmt: skip
    return Sentence(b, tuple(events), f"thr.{('threatened', 'warned_would', 'will_if')[style]}")


def _condition(ctx: Ctx, b: Builder) -> list[Event]:
    """An 'if'/'unless' clause; an event in it is labelled conditional."""
    unless = ctx.chance(0.25)
    b.add("unless" if unless else "if")
    other = actor(ctx, "state", ctx.away)
    if unless or ctx.chance(0.5):
        b.add(other.text)
        b.add(theme_pick(ctx, "condition_unless" if unless else "condition_noevent"))
        return []
    want = ctx.pick(("ASSAULT", "MOBILIZE", "COERCE", "SANCTION"))
    verb = _choose(ctx, "done", want, lambda v: "state" in v.src or "gov" in v.src)
    if verb is None:
        b.add(other.text)
        b.add(theme_pick(ctx, "condition_noevent"))
        return []
    plan = make_plan(ctx, verb, other)
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, other, src)
    aux, form = finite(plan, other.plural, "present")
    verb_phrase(b, plan, aux, form, trig, tgt)
    return [_done_event(ctx, plan, trig, src, tgt, modality="conditional")]


#: What an accusation's second event is, when the accusation is the wanted type.
ALLEGED = ("ASSAULT", "COERCE", "ASSAULT", "MOBILIZE", "SANCTION", "PROTEST", "THREATEN")
#: Actor classes that can be the accused.
ACCUSABLE = frozenset({"gov", "state", "mil", "arm", "pol", "opp", "civ", "union"})


def t_accuse(ctx: Ctx, want: str) -> Sentence | None:
    """ACCUSE with a second event: 'X accused Y of shelling Z', 'X blamed Y for the attack on Z'."""
    if want not in ("ACCUSE", "ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST", "THREATEN"):
        return None
    inner_type = want if want != "ACCUSE" else ctx.pick(ALLEGED)
    verb = _choose(ctx, "done", inner_type, lambda v: bool(set(v.src) & ACCUSABLE))
    if verb is None:
        return None
    accused_cls = ctx.pick(sorted(set(verb.src) & ACCUSABLE))
    accused = actor(ctx, accused_cls, ctx.away if accused_cls in ("state", "mil") else ctx.home)
    plan = make_plan(ctx, verb, accused)
    accuser = actor(ctx, ctx.pick(("gov", "gov", "igo", "ngo", "opp", "mil")))
    b = Builder()
    dateline(ctx, b)
    t1, s1 = ctx.mark("t"), ctx.mark("s")
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, accuser, s1, cap=True)
    nominal = bool(verb.nouns) and ctx.chance(0.35)
    if nominal:
        held = ctx.chance(0.3)
        b.add("held" if held else "blamed", t1)
        add_actor(b, accused, src)
        b.add("responsible for" if held else "for")
        noun, _ = _noun(ctx, verb)
        b.add("the")
        b.add(noun, trig)
        add_rest(b, plan, verb.noun_frame, trig, tgt)
        used_target = "T" in verb.noun_frame
        code, name = "112", "acc.blamed"
    elif ctx.chance(0.25):
        b.add(ctx.pick(("alleged", "claimed", "charged")), t1)
        b.add("that")
        add_actor(b, accused, src)
        verb_phrase(b, plan, ["had"], verb.participle, trig, tgt)
        used_target = "T" in verb.frame
        code, name = "112", "acc.alleged_that"
    else:
        has = "have" if accuser.plural else "has"
        b.add(ctx.pick(("accused", "accused", f"{has} accused", "publicly accused")), t1)
        add_actor(b, accused, src)
        b.add("of")
        verb_phrase(b, plan, [], verb.ing, trig, tgt)
        used_target = "T" in verb.frame
        code, name = "112", "acc.of_ing"
    adjuncts(ctx, b)
    b.add(".")
    inner = _done_event(ctx, plan, trig, src, tgt if used_target else "", modality="reported")
    outer = Event(t1, "ACCUSE", code, s1, src)
    return Sentence(b, (outer, inner), name)


#: Who evaluates and what: a judgment of another actor's act is CAMEO 111 criticise or
#: denounce (ACCUSE) when it condemns, 051 praise or endorse (SUPPORT) when it approves.
EVALUATION: Mapping[str, tuple[str, str, str]] = MappingProxyType({
    "ACCUSE": ("111", "eval_neg", "eval.neg"),
    "SUPPORT": ("051", "eval_pos", "eval.pos"),
})  # fmt: skip
EVALUATORS = ("gov", "gov", "per_gov", "opp", "ngo", "igo", "speaker")


def t_evaluation(ctx: Ctx, want: str) -> Sentence | None:
    """A judgment in the evaluator's words, the evaluative word as trigger: '"This is
    unacceptable," X said', 'X called Y's decision arbitrary', 'X said the ruling was a violation
    of ...', 'X described the deal as historic'."""
    if want not in EVALUATION:
        return None
    code, theme, name = EVALUATION[want]
    judge = actor(ctx, ctx.pick(EVALUATORS))
    judged = actor(ctx, ctx.pick(("gov", "state", "court", "mil", "igo")), ctx.away)
    before, word, after = _starred(theme_pick(ctx, theme))
    b = Builder()
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    own = ctx.chance(0.4)  # the judged act is an actor's: "Israel's decision"
    thing = theme_pick(ctx, "eval_thing")
    style = ctx.rng.randrange(4)
    if style == 0:
        quote = ctx.chance(0.5)
        b.add('"' if quote else "“")
        b.add(ctx.pick(("This", "It", "That", "The decision", "The move")), glue=True)
        b.add(ctx.pick(("is", "was")))
        _evaluative(b, before, word, after, trig)
        b.add(",")
        b.add('"' if quote else "”", glue=True)
        add_actor(b, judge, src)
        b.add(ctx.pick(("said", "told reporters", "said in a statement", "wrote on X")))
        own = False
    else:
        add_actor(b, judge, src, cap=True)
        verb = ("called", "said", "described")[style - 1]
        b.add(verb)
        if own:
            add_actor(b, judged, tgt)
            b.add("'s" if not judged.text.endswith("s") else "'", glue=True)
            b.add(thing.removeprefix("the "))
        else:
            b.add(thing)
        if style == 2:
            b.add(ctx.pick(("was", "is")))
        elif style == 3:
            b.add("as")
        _evaluative(b, before, word, after, trig)
    b.add(".")
    event = Event(trig, want, code, src, tgt if own else "")
    return Sentence(b, (event,), name)


def _starred(value: str) -> tuple[str, str, str]:
    """A theme value with its trigger word between asterisks: (before, word, after)."""
    before, _, rest = value.partition("*")
    word, _, after = rest.partition("*")
    return before.strip(), word, after.strip()


def _evaluative(b: Builder, before: str, word: str, after: str, trig: str) -> None:
    b.add(before)
    b.add(word, trig)
    b.add(after)


def t_statement_participle(ctx: Ctx, want: str) -> Sentence | None:
    """'X issued a statement condemning/praising/urging Y' (participle as trigger)."""
    if want not in ("ACCUSE", "SUPPORT", "REQUEST", "REJECT", "THREATEN"):
        return None
    verb = _choose(ctx, "done", want, lambda v: v.code.startswith(SPEECH_CODES))
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    b = Builder()
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, plan.source, src, cap=True)
    b.add(ctx.pick(("issued a statement", "released a statement", "put out a statement",
                    "posted a message on social media")))  # fmt: skip
    verb_phrase(b, plan, [], verb.ing, trig, tgt)
    adjuncts(ctx, b)
    b.add(".")
    return Sentence(b, (_done_event(ctx, plan, trig, src, tgt),), "part.statement")


def t_coordinated_actors(ctx: Ctx, want: str) -> Sentence | None:
    """'X and Y V ...': one event with a compound source."""
    verb = _choose(ctx, "done", want)
    if verb is None:
        return None
    cls = ctx.pick(verb.src) if verb.src else "gov"
    cls = "state" if cls == "gov" else cls
    first = actor(ctx, cls)
    second = actor(ctx, cls, ctx.away)
    if first.text == second.text:
        return None
    both = Actor(f"{first.text} and {second.text}", True, "they", cls)
    plan = make_plan(ctx, verb, both)
    if plan.target is not None and plan.target.text in both.text:
        return None
    b = Builder()
    dateline(ctx, b)
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, both, src, cap=True)
    tense = ctx.pick(("past", "past", "perfect"))
    aux, form = finite(plan, True, tense)
    verb_phrase(b, plan, aux, form, trig, tgt)
    adjuncts(ctx, b, timeless=tense != "past")
    b.add(".")
    return Sentence(b, (_done_event(ctx, plan, trig, src, tgt),), "coord.actors")


#: Types that a participle clause can follow, and what it then reports ("..., killing two").
CONSEQUENCES = {
    "ASSAULT": ("ASSAULT", "ASSAULT", "COERCE"),
    "COERCE": ("COERCE", "ASSAULT"),
    "PROTEST": ("PROTEST", "ASSAULT"),
    "MOBILIZE": ("MOBILIZE", "COERCE"),
    "SANCTION": ("SANCTION",),
}
AFFINITY = (
    frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}),
    frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"}),
    frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}),
)


def _second_type(ctx: Ctx, first: str, style: int) -> str:
    """The type of the second event: a consequence, or often one of the same family."""
    if style == 3:
        return ctx.pick(CONSEQUENCES[first])
    if ctx.chance(0.6):
        family = next(group for group in AFFINITY if first in group)
        return ctx.pick(sorted(family))
    return ctx.pick(PLOVER_TYPES)


def t_two_events(ctx: Ctx, want: str) -> Sentence | None:
    """Two events: coordinated verbs, 'after', 'as', or a participle clause ('..., killing two')."""
    first = _choose(ctx, "done", want)
    if first is None:
        return None
    plan = make_plan(ctx, first)
    style = ctx.rng.randrange(4)
    first_type = ctx.lex.type_of(first.code)
    if style == 3 and first_type not in CONSEQUENCES:
        style = 0
    second_type = _second_type(ctx, first_type, style)
    same_source = style in (0, 3)
    cls = plan.source.cls

    def fits(v: Verb) -> bool:
        return (cls in v.src) if same_source else True

    second = _choose(ctx, "done", second_type, fits)
    if second is None or second is first:
        return None
    plan2 = make_plan(ctx, second, plan.source if same_source else None)
    b = Builder()
    dateline(ctx, b)
    t1, s1, g1 = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    t2, s2, g2 = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, plan.source, s1, cap=True)
    verb_phrase(b, plan, [], first.past, t1, g1)
    if style == 0:
        if ctx.chance(0.4):
            b.add(time_adjunct(ctx))
        b.add("and")
        verb_phrase(b, plan2, [], second.past, t2, g2)
        src2 = s1
    elif style == 3:
        b.add(",")
        verb_phrase(b, plan2, [], second.ing, t2, g2)
        src2 = s1
    else:
        b.add(ctx.pick(("after", "a day after", "hours after")) if style == 1 else
              ctx.pick(("as", "while")))  # fmt: skip
        add_actor(b, plan2.source, s2)
        if style == 1:
            verb_phrase(b, plan2, [], second.past, t2, g2)
        else:
            verb_phrase(b, plan2, ["were" if plan2.source.plural else "was"], second.ing, t2, g2)
        src2 = s2
    adjuncts(ctx, b)
    b.add(".")
    events = (_done_event(ctx, plan, t1, s1, g1), _done_event(ctx, plan2, t2, src2, g2))
    return Sentence(b, events, f"two.{('and', 'after', 'as', 'participle')[style]}")


def t_long(ctx: Ctx, want: str) -> Sentence | None:
    """A longer sentence: appositive or relative clause on the source, then a comment."""
    verb = _choose(ctx, "done", want)
    if verb is None:
        return None
    plan = make_plan(ctx, verb)
    b = Builder()
    dateline(ctx, b)
    trig, src, tgt = ctx.mark("t"), ctx.mark("s"), ctx.mark("g")
    add_actor(b, plan.source, src, cap=True)
    kind = {"it": "descr_it", "they": "descr_they"}.get(plan.source.pronoun, "descr_person")
    b.add(",")
    b.add(theme_pick(ctx, kind))
    b.add(",")
    tense = ctx.pick(("past", "past", "perfect"))
    aux, form = finite(plan, plan.source.plural, tense)
    verb_phrase(b, plan, aux, form, trig, tgt)
    if tense == "past":
        b.add(time_adjunct(ctx))
    b.add(",")
    b.add(theme_pick(ctx, "comment"))
    b.add(".")
    return Sentence(b, (_done_event(ctx, plan, trig, src, tgt),), "long.relative")


def t_negative(ctx: Ctx) -> Sentence:
    """A sentence without any event (near misses, statements, descriptions ...)."""
    kind, template = ctx.lex.nonevents[ctx.rng.randrange(len(ctx.lex.nonevents))]
    b = Builder()
    b.add(fill(ctx, template), cap=True)
    if ctx.chance(0.08):
        b.text = b.text.rstrip(".")  # headline-like fragment
    return Sentence(b, (), f"none.{kind}")


#: (template id prefix, weight, function)
TEMPLATES: tuple[tuple[str, float, Callable[[Ctx, str], Sentence | None]], ...] = (
    ("active", 4.5, t_active),
    ("passive", 2.5, t_passive),
    ("headline", 1.5, t_headline),
    ("reported", 2.0, t_reported),
    ("nominal", 1.6, t_nominal),
    ("nominal_object", 1.2, t_nominal_object),
    ("negated", 1.0, t_negated),
    ("hypothetical", 0.4, t_hypothetical),
    ("announced", 2.2, t_announced),
    ("quote", 0.6, t_quote),
    ("refusal", 2.5, t_refusal),
    ("threat", 2.5, t_threat),
    ("accuse", 1.6, t_accuse),
    ("statement", 0.6, t_statement_participle),
    ("evaluation", 0.8, t_evaluation),
    ("coordinated", 0.8, t_coordinated_actors),
    ("two", 1.5, t_two_events),
    ("long", 0.8, t_long),
)


#: Constructions the issue singles out, used more often for their type: refusals in future or
#: negated form (REJECT), conditional announcements (THREATEN), accusations carrying a second
#: event (ACCUSE), announced cooperation and retreats (AGREE, CONCEDE).
SPECIAL: Mapping[str, Callable[[Ctx, str], Sentence | None]] = MappingProxyType({
    "REJECT": t_refusal,
    "THREATEN": t_threat,
    "ACCUSE": t_accuse,
    "AGREE": t_announced,
    "CONCEDE": t_announced,
})  # fmt: skip

# --------------------------------------------------------------------------------------------
# Driver


def one_sentence(rng: random.Random, lex: Lexicon, negative: bool) -> Sentence:
    """One sentence: a no-event sentence, or a template realising a randomly chosen type."""
    home, away = rng.sample(lex.countries, 2)
    ctx = Ctx(rng, lex, home, away)
    if negative:
        return t_negative(ctx)
    want = rng.choice(PLOVER_TYPES)
    special = SPECIAL.get(want)
    if special is not None and rng.random() < 0.4:
        sentence = special(ctx, want)
        if sentence is not None:
            return sentence
    weights = [w for _, w, _ in TEMPLATES]
    for _ in range(50):
        _, _, func = rng.choices(TEMPLATES, weights=weights)[0]
        sentence = func(ctx, want)
        if sentence is not None:
            return sentence
    raise RuntimeError(f"no template produced {want}")


def generate(seed: int, count: int, lex: Lexicon | None = None) -> Iterator[dict[str, object]]:
    """``count`` distinct records, deterministically from ``seed``."""
    lex = lex or load_lexicon()
    rng = random.Random(seed)
    seen: set[str] = set()
    for _ in range(count):
        negative = rng.random() < NEGATIVE_SHARE
        for attempt in range(100):
            record = render(one_sentence(rng, lex, negative and attempt < 50))
            if record["text"] not in seen:
                break
        seen.add(str(record["text"]))
        yield record


def statistics(records: Sequence[Mapping[str, object]]) -> dict[str, object]:
    """Counts of a generated set: sentences, events per type, negatives, templates, modality."""
    types: Counter[str] = Counter()
    templates: Counter[str] = Counter()
    modality: Counter[str] = Counter()
    codes: set[str] = set()
    negated = empty = 0
    for record in records:
        templates[str(record["template"]).split(".")[0]] += 1
        events = record["events"]
        assert isinstance(events, list)
        empty += not events
        for event in events:
            types[event["type"]] += 1
            modality[event["modality"]] += 1
            negated += bool(event["negated"])
            if event["cameo"]:
                codes.add(event["cameo"])
    total = sum(types.values())
    return {
        "sentences": len(records),
        "events": total,
        "sentences_without_event": empty,
        "negative_share": round(empty / max(len(records), 1), 3),
        "negated_events": negated,
        "cameo_codes": len(codes),
        "types": {t: types[t] for t in PLOVER_TYPES},
        "type_share": {t: round(types[t] / max(total, 1), 3) for t in PLOVER_TYPES},
        "modality": dict(sorted(modality.items())),
        "template_families": dict(sorted(templates.items())),
        "templates": len({str(r["template"]) for r in records}),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--stats", action="store_true", help="print counts of the set as JSON")
    args = parser.parse_args(argv)
    records = list(generate(args.seed, args.count))
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.stats:
        sys.stdout.write(json.dumps(statistics(records), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
