"""Temporal expressions: found by patterns (plus spaCy DATE/TIME entities) and normalised.

Values follow TimeML's TIMEX3: ``DATE`` (``2019-01-25``, ``2019-01``, ``2019-W04``, ``2019-SU``,
``2019-Q3``, ``2019``, ``201`` for the 2010s, ``18`` for the 19th century,
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``), ``TIME`` (``2019-01-26T15:00``, ``2019-01-25TNI``,
``2019-01-22TEV`` for "Tuesday evening"), ``DURATION`` (``P3D``, ``PT72H``, ``PXM`` for "in
recent months") and ``SET`` (``XXXX-WXX-5`` for "every Friday", ``P1W`` for "weekly").

Every timex of a dated article has a value: a spaCy DATE/TIME entity no rule resolves (an age,
a bare number) is not one.

Relative expressions are resolved against the publication date and the tense of the verb that
governs them: in a past-tense clause "Friday", "Jan. 23", "the 23rd" and "in March" take the
latest such day or month on or before publication; in a future clause the next on or after it.
Without a publication date, relative expressions stay unresolved (``value`` is ``None``).

The words and patterns are the language's (:class:`~eventwire.lang.TimexWords`, from
``Settings.language``); the calendar arithmetic and TimeML values are the same for every language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from eventwire.context import SentenceContext, sentence_contexts
from eventwire.lang import LanguageData, TimexWords
from eventwire.model import Article, Span, Timex, TimexType

Tense = Literal["past", "future"]


@dataclass(frozen=True, slots=True)
class Found:
    """A pattern match inside one sentence (offsets into the article text)."""

    start: int
    end: int
    kind: str
    groups: dict[str, str]
    cue: str | None


@dataclass(frozen=True, slots=True)
class Normalised:
    type: TimexType
    value: str | None
    rule: str


# -- finding -------------------------------------------------------------------------------------
#: Gate groups: (gate or ``None``, searched in the lower-cased text, the kinds it gates).
GatePlan = tuple[tuple[re.Pattern[str] | None, bool, tuple[str, ...]], ...]


def find_in_text(
    text: str, words: TimexWords, offset: int = 0, plan: GatePlan | None = None
) -> list[Found]:
    """Non-overlapping matches in ``text`` (earliest first; the longest wins an overlap).

    ``plan``: the gates to search (:func:`gate_plan`; by default every kind's), so that a
    sentence is not scanned for a kind whose gate the whole article does not hold.
    """
    candidates: list[tuple[int, int, int, Found]] = []
    live = _live_kinds(text, plan if plan is not None else gate_plan(words))
    for rank, (kind, pattern) in enumerate(words.patterns):
        if kind not in live:  # every match of a kind contains its gate: none here
            continue
        for match in pattern.finditer(text):
            found = _found(kind, match, offset, words)
            if found is not None:
                candidates.append((found.start, -(found.end - found.start), rank, found))
    chosen: list[Found] = []
    for _, _, _, found in sorted(candidates, key=lambda c: c[:3]):
        if all(found.end <= c.start or found.start >= c.end for c in chosen):
            chosen.append(found)
    return sorted(chosen, key=lambda f: f.start)


def gate_plan(words: TimexWords, text: str | None = None) -> GatePlan:
    """The kinds grouped by gate (several kinds share one); with ``text``, only the groups whose
    gate ``text`` holds (one search a gate over the whole article)."""
    groups: dict[tuple[re.Pattern[str] | None, bool], list[str]] = {}
    for kind, _ in words.patterns:
        gate = words.gates.get(kind)
        groups.setdefault((gate, kind in words.folded_gates), []).append(kind)
    plan = tuple((gate, folded, tuple(kinds)) for (gate, folded), kinds in groups.items())
    return plan if text is None else _present(text, plan)


def _present(text: str, plan: GatePlan) -> GatePlan:
    lowered = text.lower()
    return tuple(
        group
        for group in plan
        if group[0] is None or group[0].search(lowered if group[1] else text) is not None
    )


def _live_kinds(text: str, plan: GatePlan) -> set[str]:
    live: set[str] = set()
    for _, _, kinds in _present(text, plan):
        live.update(kinds)
    return live


def _found(kind: str, match: re.Match[str], offset: int, words: TimexWords) -> Found | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    cue = groups.pop("cue", None)
    start, end = match.start(), match.end()
    if cue is not None and kind not in ("month", "duration"):
        start = match.start("cue") + len(cue) + 1  # the cue word is context, not the expression
    if kind == "weekday" and groups.get("rel", "").lower() in (
        "on",
        "by",
        "until",
        "since",
        "before",
        "after",
    ):
        cue = groups.pop("rel")
        start = match.start("edge") if "edge" in groups else match.start("wd")
    if kind == "duration":  # "for the past six months": from "the", "more than" or the number
        start = min(match.start(g) for g in ("the", "approx", "n") if g in groups)
    if kind == "vague":
        if cue is None and "rel" not in groups and "after" not in groups:
            return None  # a bare "days" is no expression of time; "for days", "days later" are
        if groups.get("after", "").lower() != "ago":
            end = match.end("vunit")  # "decades later": "later" relates it to another time
    if kind == "clock24" and cue is None and "zone" not in groups:
        return None  # "3:16" alone may be a verse or a score; "at 14:30", "14:30 GMT" is a time
    if kind == "month":
        if cue is not None and cue.lower() in (
            "in", "since", "by", "until", "till", "through", "throughout", "from", "during"
        ):  # fmt: skip
            start = match.start("mon")
        else:
            groups["mod"] = (cue or "").lower()
            cue = None
    if not _plausible(kind, groups, match.string, end, words):
        return None
    return Found(offset + start, offset + end, kind, groups, cue.lower() if cue else None)


_AGE_AFTER: Final = ("-old", " old", " older", " younger", "-olds")


def _plausible(kind: str, groups: dict[str, str], text: str, end: int, words: TimexWords) -> bool:
    if kind == "season" and groups.get("rel", "").lower() == "the":
        groups.pop("rel")
        if groups["season"].lower() == "fall" and "year" not in groups:
            return text[: end - len("the fall")].lower().endswith("in ")
    if kind == "season" and groups.get("season", "").lower() == "fall":
        return "rel" in groups or "year" in groups
    if kind == "duration":  # "a 45-year-old man", "11 years old": an age, not a time
        return not text[end:].lower().startswith(_AGE_AFTER)
    if kind == "ref" and groups["ref"].lower() in ("the past", "the future"):
        return _ref_alone(text[end:], words)
    if kind == "quarter" and groups["part"].lower() == "half":
        return words.part_ordinals[groups["q"].lower()] <= 2
    if kind == "year_end":
        return _range_end(groups["first"], groups["last"]) is not None
    if kind == "year":
        following = text[end:].split(maxsplit=1)
        return not (following and following[0].lower().strip(".,;") in words.year_stop)
    if kind in ("mdy", "dmy", "ordinal_day"):
        return 1 <= int(groups["day"]) <= 31
    if kind == "clock" and "h" in groups:
        return 1 <= int(groups["h"]) <= 12
    return True


def _ref_alone(after: str, words: TimexWords) -> bool:
    """ "the future" is a time before punctuation or a function word ("the future of"), not
    before a noun it modifies ("the future king")."""
    if not after[:1].isspace():
        return True
    following = after.split(maxsplit=1)
    return not following or following[0].lower() in words.ref_followers


def _range_end(first: str, last: str) -> int | None:
    """The last year of a range ("2011-2013", "2011-12", "1999-00"); ``None`` for what is no
    range ("2011-05" as a month, "2013-2011")."""
    start = int(first)
    end = int(last) if len(last) == 4 else start // 100 * 100 + int(last)
    if len(last) == 2 and end <= start:
        end += 100
    return end if 0 < end - start <= 30 else None


# -- tense ---------------------------------------------------------------------------------------
def governing_verb(token: Any) -> Any | None:
    """The nearest verb above ``token`` in the parse (``None`` at the root)."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return current if current.pos_ in ("VERB", "AUX") and current.i != token.i else None


def verb_tense(verb: Any | None, lang: LanguageData) -> Tense | None:
    """``future`` for will/shall/would, planned and scheduled actions, headline infinitives and
    present-tense non-reporting verbs; ``past`` for other past and reporting verbs."""
    if verb is None:
        return None
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & lang.modals.future_time:
        return "future"
    passive_infinitive = verb.tag_ == "VBN" and "to" in auxes and "be" in auxes
    if (verb.tag_ == "VB" or passive_infinitive) and (verb.dep_ == "ROOT" or "to" in auxes):
        head = verb.head
        if verb.dep_ in ("ROOT", "acl", "relcl") or head.lemma_ in lang.timex.future_heads:
            return "future"
        return governing_tense(head, lang)
    if (
        verb.tag_ in ("VBZ", "VBP")
        and verb.lemma_ not in lang.speech_verbs("times_report")
        and "have" not in {c.lemma_ for c in verb.children if c.dep_ == "aux"}
    ):
        return "future" if verb.lemma_ != "be" or verb.dep_ == "ROOT" else None
    if verb.tag_ == "VBN" and verb.lemma_ in lang.timex.future_heads and "auxpass" in deps(verb):
        return "future"  # "is scheduled for", "is expected on", "is set for"
    if verb.tag_ in ("VBD", "VBN") or verb.lemma_ in lang.speech_verbs("times_report"):
        return "past"
    return None


def deps(verb: Any) -> set[str]:
    return {c.dep_ for c in verb.children}


def governing_tense(token: Any, lang: LanguageData) -> Tense | None:
    verb = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
    if verb is None:
        return None
    tense = verb_tense(verb, lang)
    if tense is None and verb.dep_ == "conj" and verb.head.i != verb.i:
        return verb_tense(verb.head, lang)
    return tense


# -- normalising ---------------------------------------------------------------------------------
def normalise(
    found: Found, anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    """The TimeML type and value of ``found`` against ``anchor`` (the publication date)."""
    return _NORMALISERS[found.kind](found.groups, anchor, tense, words)


def _iso(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    value = _date_or_none(int(g["year"]), int(g["m"]), int(g["d"]))
    return Normalised("DATE", value.isoformat() if value else None, "date:explicit")


def _month_day(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    month, day = words.month(g["mon"]), int(g["day"])
    if "year" in g:
        value = _date_or_none(int(g["year"]), month, day)
        return Normalised("DATE", value.isoformat() if value else None, "date:explicit")
    if anchor is None:
        return Normalised("DATE", None, "date:month-day, no anchor")
    options = [_date_or_none(anchor.year + k, month, day) for k in (-1, 0, 1)]
    chosen = _pick([d for d in options if d], anchor, tense)
    return Normalised(
        "DATE", chosen.isoformat() if chosen else None, _rule("date:month-day", tense)
    )


def _month_year(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    return Normalised("DATE", f"{g['year']}-{words.month(g['mon']):02d}", "month:explicit")


def _month(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    month = words.month(g["mon"])
    if anchor is None:
        return Normalised("DATE", None, "month, no anchor")
    mod = g.get("mod", "")
    shift = {"last": -1, "next": 1, "this": 0}.get(mod)
    if shift is not None:
        year = anchor.year + shift if mod != "this" else anchor.year
        if mod == "last" and month < anchor.month:
            year = anchor.year
        if mod == "next" and month > anchor.month:
            year = anchor.year
        return Normalised("DATE", f"{year}-{month:02d}", f"month:{mod}")
    options = [dt.date(anchor.year + k, month, 1) for k in (-1, 0, 1)]
    first = dt.date(anchor.year, anchor.month, 1)
    chosen = _pick(options, first, tense) or dt.date(anchor.year, month, 1)
    return Normalised("DATE", f"{chosen.year}-{month:02d}", _rule("month", tense))


def _ordinal_day(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    if anchor is None:
        return Normalised("DATE", None, "ordinal day, no anchor")
    day = int(g["day"])
    options = [_add_months(anchor, k, day) for k in (-1, 0, 1)]
    chosen = _pick([d for d in options if d], anchor, tense)
    return Normalised("DATE", chosen.isoformat() if chosen else None, _rule("ordinal day", tense))


def _ago(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    n, unit = _number(g["n"], words), g["unit"].lower()
    if anchor is None or n == "X":
        return Normalised("DATE", "PAST_REF" if n == "X" else None, "ago")
    count = int(n)
    if unit == "day":
        return Normalised("DATE", (anchor - dt.timedelta(days=count)).isoformat(), "ago")
    if unit == "week":
        return Normalised("DATE", _week(anchor - dt.timedelta(weeks=count)), "ago")
    if unit == "month":
        back = _add_months(anchor, -count, 1)
        return Normalised("DATE", f"{back.year}-{back.month:02d}" if back else None, "ago")
    years = count * (10 if unit == "decade" else 1)
    return Normalised("DATE", str(anchor.year - years), "ago")


def _rel_part(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    rel, part = g["rel"].lower(), words.day_parts[g["part"].lower()]
    if rel == "a recent":  # some recent afternoon: the day is not known
        return Normalised("TIME", f"XXXX-XX-XXT{part}", "day part, day unknown")
    if anchor is None:
        return Normalised("TIME", None, "day part, no anchor")
    shift = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and part != "NI":
        shift = -1
    day = anchor + dt.timedelta(days=shift)
    return Normalised("TIME", f"{day.isoformat()}T{part}", "day part")


def _edge(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    """ "earlier this month", "late last year", "the end of the decade": the unit's value (the
    part of it, TimeML's ``mod``, is not in the value)."""
    if anchor is None:
        return Normalised("DATE", None, "part of a unit, no anchor")
    shift = {"last": -1, "next": 1}.get((g.get("rel") or g.get("rel2") or "").lower(), 0)
    rule = (g.get("edge") or g.get("pos") or "").lower()
    return Normalised("DATE", _unit_value(g["unit"].lower(), anchor, shift), rule)


def _quarter(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    """ "the third quarter" → ``2024-Q3``, "the first half of 2023" → ``2023-H1``; without a
    year, the one the tense points to (as for a month)."""
    n = words.part_ordinals[g["q"].lower()]
    half = g["part"].lower() == "half"
    code, months = ("H", 6) if half else ("Q", 3)
    if "year" in g:
        return Normalised("DATE", f"{g['year']}-{code}{n}", "quarter:explicit")
    if anchor is None:
        return Normalised("DATE", None, "quarter, no anchor")
    if "rel" in g:
        year = anchor.year + {"last": -1, "next": 1, "this": 0}[g["rel"].lower()]
        return Normalised("DATE", f"{year}-{code}{n}", "quarter of a relative year")
    options = [dt.date(anchor.year + k, (n - 1) * months + 1, 1) for k in (-1, 0, 1)]
    chosen = _pick(options, dt.date(anchor.year, anchor.month, 1), tense)
    year = chosen.year if chosen else anchor.year
    return Normalised("DATE", f"{year}-{code}{n}", _rule("quarter", tense))


def _rel_unit(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    """ "last year" is a date; "the past year", "the last year", "the coming decade" a period."""
    rel, unit = g["rel"].lower(), g["unit"].lower()
    if rel in ("past", "coming") or ("the" in g and rel in ("last", "next")):
        return Normalised("DURATION", f"P1{words.units[unit]}", f"{rel} unit")
    if anchor is None:
        return Normalised("DATE", None, "relative unit, no anchor")
    shift = {"last": -1, "previous": -1, "next": 1, "following": 1, "this": 0}[rel]
    return Normalised("DATE", _unit_value(unit, anchor, shift), f"relative {unit}")


def _vague(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    """ "in recent months", "for decades": a duration of unstated length (PXM, PXDE, PTXH);
    "years ago": some time before (PAST_REF)."""
    if g.get("after", "").lower() == "ago":
        return Normalised("DATE", "PAST_REF", "vague ago")
    unit = words.units[words.plural_units[g["vunit"].lower()]]
    value = f"PTX{unit[1]}" if unit.startswith("T") else f"PX{unit}"
    return Normalised("DURATION", value, "vague duration")


def _century(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    """TimeML names a century by its first two digits: the 19th century is ``18``."""
    number = int(g["cent"]) if "cent" in g else words.ordinals[g["word"].lower()]
    return Normalised("DATE", f"{number - 1:02d}", "century")


def _month_rel(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    """ "July this year", "March of last year"."""
    if anchor is None:
        return Normalised("DATE", None, "month of a relative year, no anchor")
    year = anchor.year + {"last": -1, "next": 1, "this": 0}[g["rel"].lower()]
    return Normalised("DATE", f"{year}-{words.month(g['mon']):02d}", "month of a relative year")


def _year_end(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    """The second year of a range ("2011-2013", "2011-12"); the first is a year of its own."""
    end = _range_end(g["first"], g["last"])
    return Normalised("DATE", str(end) if end else None, "year range end")


def _clock24(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return Normalised("TIME", f"{day}T{int(g['hh']):02d}:{g['mm']}", "24-hour clock")


def _set(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    if "wd" in g:
        return Normalised("SET", f"XXXX-WXX-{words.weekday(g['wd']) + 1}", "set")
    unit = g.get("unit") or {"daily": "day", "weekly": "week", "monthly": "month"}.get(
        g.get("adv", "").lower(), "year"
    )
    return Normalised("SET", f"P1{words.units[unit.lower()]}", "set")


def _duration(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    n, unit = _number(g["n"], words), words.units[g["unit"].lower()]
    if unit.startswith("T"):
        return Normalised("DURATION", f"PT{n}{unit[1]}", "duration")
    return Normalised("DURATION", f"P{n}{unit}", "duration")


def _season(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    """A season is named by the year it starts in (winter 2018 = December 2018 to February)."""
    code = words.seasons[g["season"].lower()]
    if "year" in g:
        return Normalised("DATE", f"{g['year']}-{code}", "season:explicit")
    if anchor is None:
        return Normalised("DATE", None, "season, no anchor")
    starts = [dt.date(anchor.year + k, words.season_start[code], 1) for k in (-2, -1, 0, 1)]
    ends = {start: _add_months(start, 3, 1) or start for start in starts}
    rel = g.get("rel", "").lower()
    this = anchor.year - (1 if code == "WI" and anchor.month < 3 else 0)
    if rel == "last":
        year = max(s for s in starts if ends[s] <= anchor).year
    elif rel == "next":
        year = min(s for s in starts if s > anchor).year
    elif not rel and tense == "past":
        year = max(s for s in starts if s <= anchor).year
    elif not rel and tense == "future":
        year = min(s for s in starts if ends[s] > anchor).year
    else:
        year = this
    return Normalised("DATE", f"{year}-{code}", f"season:{rel or tense or 'this'}")


def _day_word(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    word = g["word"].lower()
    if anchor is None:
        return Normalised("DATE", None, "day word, no anchor")
    day = anchor + dt.timedelta(days=words.day_words[word])
    if word == "tonight":
        return Normalised("TIME", f"{day.isoformat()}TNI", "day word")
    return Normalised("DATE", day.isoformat(), "day word")


def _weekday(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    rel = g.get("rel", "").lower()
    if anchor is None:
        return Normalised("DATE", None, "weekday, no anchor")
    day = resolve_weekday(words.weekday(g["wd"]), anchor, rel=rel, tense=tense)
    rule = f"weekday:{rel}" if rel in ("last", "next") else _rule("weekday", tense or "past")
    time = _time_of_day(g, words)
    if time is not None:  # "Tuesday evening" → 2024-03-05TEV; "Tuesday at 14:30"
        return Normalised("TIME", f"{day.isoformat()}T{time}", rule)
    return Normalised("DATE", day.isoformat(), rule)


def _time_of_day(g: dict[str, str], words: TimexWords) -> str | None:
    if "part" in g:
        return words.day_parts[g["part"].lower()]
    if "hh" in g:
        return f"{int(g['hh']):02d}:{g['mm']}"
    if "h" in g:
        hour = int(g["h"]) % 12 + (12 if g["ampm"].lower() == "p" else 0)
        return f"{hour:02d}:{g.get('min', '00')}"
    return None


def _decade(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    """ "the 1960s" → ``196``; "the '70s" → ``197`` (the latest such decade begun by the
    publication year: "the '10s" of 2024 → ``201``)."""
    if "dec" in g:
        return Normalised("DATE", g["dec"], "decade")
    digit = int(g["short"])
    this_century = anchor is not None and 2000 + 10 * digit <= anchor.year
    return Normalised("DATE", f"{20 if this_century else 19}{digit}", "decade")


def _clock(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    if "named" in g:
        hour, minute = (12 if g["named"].lower() == "noon" else 0), 0
    else:
        hour = int(g["h"]) % 12 + (12 if g["ampm"].lower() == "p" else 0)
        minute = int(g.get("min", "0"))
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return Normalised("TIME", f"{day}T{hour:02d}:{minute:02d}", "clock")


def _ref(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    return Normalised("DATE", words.refs.get(g["ref"].lower(), "FUTURE_REF"), "reference")


def _year(
    g: dict[str, str], anchor: dt.date | None, tense: Tense | None, words: TimexWords
) -> Normalised:
    return Normalised("DATE", g["year"], "year")


_NORMALISERS: Final[
    dict[str, Callable[[dict[str, str], dt.date | None, Tense | None, TimexWords], Normalised]]
] = {
    "iso": _iso, "mdy": _month_day, "dmy": _month_day, "month_year": _month_year,
    "month": _month, "ordinal_day": _ordinal_day, "ago": _ago, "rel_part": _rel_part,
    "edge": _edge, "rel_unit": _rel_unit, "set": _set, "duration": _duration,
    "season": _season, "day_word": _day_word, "weekday": _weekday, "decade": _decade,
    "clock": _clock, "ref": _ref, "year": _year, "vague": _vague, "century": _century,
    "month_rel": _month_rel, "year_end": _year_end, "clock24": _clock24, "quarter": _quarter,
}  # fmt: skip


# -- calendar helpers ----------------------------------------------------------------------------
def resolve_weekday(
    weekday: int, anchor: dt.date, *, rel: str = "", tense: Tense | None
) -> dt.date:
    """The day of the ``weekday`` (0: Monday) meant, seen from ``anchor``. "last Friday"
    (``rel="last"``): strictly before; "next Friday": strictly after; otherwise by tense:
    future → on or after ``anchor``, past (or unknown) → on or before it."""
    if rel == "last":
        return anchor - dt.timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)
    if rel == "next":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
    if tense == "future":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _pick(options: list[dt.date], anchor: dt.date, tense: Tense | None) -> dt.date | None:
    if tense == "past":
        before = [d for d in options if d <= anchor]
        return max(before) if before else None
    if tense == "future":
        after = [d for d in options if d >= anchor]
        return min(after) if after else None
    return min(options, key=lambda d: abs((d - anchor).days), default=None)


def _rule(name: str, tense: Tense | None) -> str:
    return f"{name}:{tense}" if tense else f"{name}:nearest"


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _unit_value(unit: str, anchor: dt.date, shift: int) -> str:
    if unit in ("week", "weekend"):
        week = _week(anchor + dt.timedelta(weeks=shift))
        return week + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        moved = _add_months(anchor, shift, 1)
        return f"{moved.year}-{moved.month:02d}" if moved else ""
    if unit == "decade":
        return str(anchor.year // 10 + shift)
    if unit == "century":
        return f"{anchor.year // 100 + shift:02d}"
    return str(anchor.year + shift)


def _add_months(anchor: dt.date, months: int, day: int) -> dt.date | None:
    index = anchor.year * 12 + anchor.month - 1 + months
    return _date_or_none(index // 12, index % 12 + 1, day)


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _number(word: str, words: TimexWords) -> int | str:
    lower = word.lower()
    if lower.isdigit():
        return int(lower)
    number = words.numbers.get(lower, "X")
    return number if isinstance(number, int | str) else "X"


# -- the article ---------------------------------------------------------------------------------
def find_timexes(
    article: Article, lang: LanguageData, contexts: Sequence[SentenceContext] | None = None
) -> tuple[Timex, ...]:
    """Every temporal expression in the analysed sentences, normalised against ``date``.
    ``contexts``: the article's :func:`~eventwire.context.sentence_contexts`, if already made."""
    text = article.norm_text or article.text
    found: list[Timex] = []
    plan = gate_plan(lang.timex, text)
    for context in sentence_contexts(article) if contexts is None else contexts:
        sentence, sent, offset = context.record, context.sent, context.offset
        span = sentence.span
        matches = find_in_text(text[span.start : span.end], lang.timex, span.start, plan)
        tokens = {offset + t.idx: t for t in sent} if matches else {}
        for match in matches:
            token = _token_at(tokens, match.start)
            found.append(_timex(article, match, sentence.index, token, lang))
        found.extend(_entities(article, context, sentence.index, matches, lang))
    return tuple(sorted(found, key=lambda t: t.span.start))


def _timex(
    article: Article, match: Found, sentence: int, token: Any | None, lang: LanguageData
) -> Timex:
    tense = governing_tense(token, lang) if token is not None else None
    if tense is None and match.cue in ("by", "until", "before"):
        tense = "future"  # an open deadline lies ahead
    result = normalise(match, article.date, tense, lang.timex)
    today = match.kind == "day_word" and match.groups["word"].lower() == "today"
    if today and token is not None and generic_present(token, lang):
        result = Normalised("DATE", "PRESENT_REF", "today: generic present")
    deadline = match.cue in lang.timex.deadline_cues or (
        match.kind == "duration" and match.cue == "within"
    )
    span = Span(match.start, match.end)
    text = span.text_of(article.text)
    return Timex(span, text, sentence, result.type, result.value, result.rule, deadline)


def generic_present(token: Any, lang: LanguageData) -> bool:
    """ "Today it faces competition": "today" in a simple-present clause means nowadays
    (TimeML ``PRESENT_REF``), not the day of publication. A reporting verb ("says today"), an
    auxiliary (will, is -ing, has) or a past verb keeps the day."""
    verb = governing_verb(token)
    if verb is None or verb.tag_ not in ("VBZ", "VBP"):
        return False
    if verb.lemma_ in lang.speech_verbs("times_report"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _token_at(tokens: dict[int, Any], start: int) -> Any | None:
    if start in tokens:
        return tokens[start]
    earlier = [i for i in tokens if i <= start]
    return tokens[max(earlier)] if earlier else None


def _entities(
    article: Article,
    context: SentenceContext,
    sentence: int,
    matches: list[Found],
    lang: LanguageData,
) -> Iterator[Timex]:
    """spaCy DATE/TIME entities no pattern covered, kept only where a rule resolves them.

    TimeML gives every TIMEX3 a value; a span no rule can normalise (an age such as "the mayor,
    62, said", a bare number, "annual") is not exported as a timex. A bare month name ("a
    November report") is a month, resolved like "in November".
    """
    offset = context.offset
    for ent in context.entities:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start, end = offset + ent.start_char, offset + ent.end_char
        if any(m.start < end and start < m.end for m in matches):
            continue
        found = _entity_found(ent.text, start, end, lang.timex)
        if found is not None:
            yield _timex(article, found, sentence, ent[0], lang)


def _entity_found(text: str, start: int, end: int, words: TimexWords) -> Found | None:
    if words.bare_month.fullmatch(text):
        return Found(start, end, "month", {"mon": text}, None)
    unit = words.entity_duration.fullmatch(text)
    if unit is not None:  # "a rocky decade": spaCy's DATE, one unit long
        return Found(start, end, "duration", {"n": "1", "unit": unit["unit"]}, None)
    return None
