"""English month, weekday, number and season words, and the temporal-expression patterns.

:data:`TIMEX` is what :func:`eventwire.lang.language_data` gives the stages (``time`` through
:mod:`eventwire.timex`, ``metadata`` through :mod:`eventwire.dateline`).
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Final

from eventwire.lang import TimexWords

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_RE = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
)
WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBERS: Final[dict[str, int | str]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "forty-eight": 48, "fifty": 50, "hundred": 100,
    "a": 1, "an": 1, "a few": "X", "few": "X", "several": "X", "some": "X",
}  # fmt: skip
NUM = r"(?P<n>\d{1,3}|a few|several|some|forty-eight|" + "|".join(
    k for k in NUMBERS if " " not in k and k not in ("few", "some", "several", "forty-eight")
) + ")"  # fmt: skip
UNITS: Final = {
    "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M", "year": "Y",
    "decade": "DE", "weekend": "WE",
}  # fmt: skip
SEASONS: Final = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START: Final = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
DAY_PARTS: Final = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
DAY_WORDS: Final = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
DEADLINE_CUES: Final = frozenset({"by", "within", "until", "till", "before"})
YEAR_STOP: Final = frozenset(
    {"people", "percent", "troops", "soldiers", "votes", "dollars", "euros", "km", "miles",
     "metres", "meters", "tonnes", "tons", "barrels", "civilians"}
)  # fmt: skip
Y = r"(?P<year>(?:19|20)\d\d)"
D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
M = rf"(?P<mon>{MONTH_RE})"
CUE = r"(?:(?P<cue>[Oo]n|[Bb]y|[Ii]n|[Ss]ince|[Uu]ntil|[Bb]efore|[Aa]fter|[Ff]rom|[Dd]uring) )?"


def _p(pattern: str, *, ignore_case: bool = False) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


#: (kind, pattern), most specific first; an earlier kind wins a tie on the same span.
PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("iso", _p(rf"{CUE}\b{Y}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", _p(rf"{CUE}\b{M} {D}\b(?:,? {Y}\b)?")),
    ("dmy", _p(rf"{CUE}\b{D} (?:of )?{M}(?:,? {Y}\b)?")),
    ("month_year", _p(rf"{CUE}\b(?:(?P<mod>early|late|mid-?) ?)?{M},? {Y}\b")),
    (
        "month",
        _p(
            rf"\b(?P<cue>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate|"
            rf"[Mm]id-|[Ll]ast|[Nn]ext|[Tt]his) ?{M}(?! ?\d)"
        ),
    ),
    ("ordinal_day", _p(rf"{CUE}\bthe (?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?! (?:of|century))")),
    ("ago", _p(rf"\b{NUM}[ -](?P<unit>day|week|month|year|decade)s? ago\b", ignore_case=True)),
    (
        "rel_part",
        _p(
            r"\b(?P<rel>this|last|tomorrow|yesterday) (?P<part>morning|afternoon|evening"
            r"|night)\b",
            ignore_case=True,
        ),
    ),
    ("edge", _p(r"\b(?P<edge>earlier|later) this (?P<unit>week|month|year)\b", ignore_case=True)),
    (
        "rel_unit",
        _p(
            r"\b(?P<rel>last|next|this|past|coming) (?P<unit>week|month|year|weekend)\b",
            ignore_case=True,
        ),
    ),
    (
        "set",
        _p(
            rf"\b(?:every|each) (?P<unit>day|week|month|year|(?P<wd>{WEEKDAY_RE}))\b"
            r"|\b(?P<adv>daily|weekly|monthly|annually|yearly)\b",
            ignore_case=False,
        ),
    ),
    (
        "duration",
        _p(
            rf"\b(?:(?P<cue>[Ww]ithin|[Ff]or|[Oo]ver|[Ii]n|[Aa]fter) (?:the (?:next|past"
            rf"|last|coming) )?)?{NUM}[ -](?P<unit>minute|hour|day|week|month|year"
            r"|decade)s?\b(?! ago)",
            ignore_case=True,
        ),
    ),
    (
        "season",
        _p(
            r"\b(?:(?P<rel>last|next|this|the) )?(?P<season>spring|summer|autumn|fall"
            rf"|winter)(?:(?: of)? {Y})?\b",
            ignore_case=True,
        ),
    ),
    ("day_word", _p(r"\b(?P<word>yesterday|today|tonight|tomorrow)\b", ignore_case=True)),
    (
        "weekday",
        _p(
            rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n|[Bb]y|[Uu]ntil|[Ss]ince|[Bb]efore"
            rf"|[Aa]fter) )?(?P<wd>{WEEKDAY_RE})\b(?!s)"
        ),
    ),
    ("decade", _p(r"\bthe (?P<dec>(?:19|20)\d)0s\b")),
    (
        "clock",
        _p(
            r"\b(?P<h>[01]?\d)(?::(?P<min>[0-5]\d))? ?(?P<ampm>[ap])\.?m\b\.?"
            r"|\b(?P<named>noon|midnight)\b",
            ignore_case=True,
        ),
    ),
    (
        "ref",
        _p(
            r"\b(?P<ref>now|currently|at present|nowadays|these days|recently|in the past"
            r"|previously|soon|in the future|in the coming (?:days|weeks|months))\b",
            ignore_case=True,
        ),
    ),
    ("year", _p(rf"{CUE}(?<![\w$€£.,-]){Y}(?![\w%]|[.,]\d)")),
)
_MONTH_GATE: Final = re.compile(MONTH_RE)
_YEAR_GATE: Final = re.compile(r"(?:19|20)\d\d")
#: kind → a pattern every match of the kind contains (see TimexWords.gates; each is a mandatory
#: part of the kind's pattern above, with the same case rule). One object for kinds sharing it.
GATES: Final = MappingProxyType(
    {
        "iso": re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d"),
        "mdy": _MONTH_GATE,
        "dmy": _MONTH_GATE,
        "month_year": _MONTH_GATE,
        "month": _MONTH_GATE,
        "ordinal_day": re.compile(r"\d(?:st|nd|rd|th)"),
        "ago": re.compile(r"ago", re.IGNORECASE),
        "rel_part": re.compile(r"morning|afternoon|evening|night", re.IGNORECASE),
        "edge": re.compile(r"this (?:week|month|year)", re.IGNORECASE),
        "rel_unit": re.compile(r"week|month|year", re.IGNORECASE),
        "set": re.compile(r"(?:every|each) |daily|weekly|monthly|annually|yearly"),
        "duration": re.compile(r"minute|hour|day|week|month|year|decade", re.IGNORECASE),
        "season": re.compile(r"spring|summer|autumn|fall|winter", re.IGNORECASE),
        "weekday": re.compile(WEEKDAY_RE),
        "decade": re.compile(r"\d0s"),
        "clock": re.compile(r"[ap]\.?m|noon|midnight", re.IGNORECASE),
        "year": _YEAR_GATE,
    }
)
REFS: Final = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF",
    "in the past": "PAST_REF", "previously": "PAST_REF", "soon": "FUTURE_REF",
    "in the future": "FUTURE_REF",
}  # fmt: skip
FUTURE_HEADS: Final = frozenset(
    {"plan", "expect", "schedule", "due", "set", "prepare", "intend", "aim", "go", "hope", "want"}
)

#: A dateline's date: "Jan 25", "Jan. 25, 2019".
DATELINE_DATE: Final = rf"(?P<mon>{MONTH_RE})\s+(?P<day>[0-3]?\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?"

TIMEX: Final = TimexWords(
    months=MappingProxyType(MONTHS),
    weekdays=WEEKDAYS,
    numbers=MappingProxyType(NUMBERS),
    units=MappingProxyType(UNITS),
    seasons=MappingProxyType(SEASONS),
    season_start=MappingProxyType(SEASON_START),
    day_parts=MappingProxyType(DAY_PARTS),
    day_words=MappingProxyType(DAY_WORDS),
    refs=MappingProxyType(REFS),
    deadline_cues=DEADLINE_CUES,
    year_stop=YEAR_STOP,
    future_heads=FUTURE_HEADS,
    patterns=PATTERNS,
    bare_month=re.compile(MONTH_RE),
    dateline_date=DATELINE_DATE,
    gates=GATES,
)
