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
    "decade": "DE", "weekend": "WE", "century": "CE",
}  # fmt: skip
#: A plural unit word → its unit ("in recent months", "for decades": a vague duration, PXM).
PLURAL_UNITS: Final = {
    "minutes": "minute", "hours": "hour", "days": "day", "weeks": "week", "months": "month",
    "years": "year", "decades": "decade", "centuries": "century",
}  # fmt: skip
#: Ordinal words of centuries ("the nineteenth century").
ORDINALS: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
}  # fmt: skip
#: Ordinals of quarters and halves ("the third quarter" → Q3).
PART_ORDINALS: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
#: Words that follow "the past"/"the future" when it is the time itself, not a modifier
#: ("the future of Afghanistan", "in the past, ..."), as against "the past president".
REF_FOLLOWERS: Final = frozenset(
    {"of", "and", "or", "is", "was", "will", "would", "as", "for", "to", "in", "that", "when",
     "but", "with", "has", "have", "had", "are", "were", "could", "can", "may", "might", "than",
     "at", "on", "by", "from", "which", "who", "it", "they", "he", "she", "we", "i", "you",
     "there", "this", "these", "those", "the", "a", "an", "seems", "looks", "holds", "lies"}
)  # fmt: skip
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
#: A modifier that is part of a duration's extent (TimeML ``mod``): "more than 800 days".
APPROX = (
    r"(?:(?P<approx>[Mm]ore than|[Ll]ess than|[Ff]ewer than|[Aa]lmost|[Nn]early|[Aa]bout"
    r"|[Aa]round|[Aa]t least|[Uu]p to|[Rr]oughly|[Aa]pproximately|[Oo]ver) )?"
)
#: An adjective between a number and its unit ("eight long years", "a single day").
#: Lower case, and the unit after it too ("50 militants Hours after" is no duration).
UNIT_ADJ = (
    r"(?:(?<=a |A )(?:single|full|whole|entire) |(?<!a |A )(?<!an |An )(?-i:[a-z]{3,} (?=[a-z])))?"
)
DAY_PART = r"(?P<part>morning|afternoon|evening|night)"
D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
M = rf"(?P<mon>{MONTH_RE})"
CUE = r"(?:(?P<cue>[Oo]n|[Bb]y|[Ii]n|[Ss]ince|[Uu]ntil|[Bb]efore|[Aa]fter|[Ff]rom|[Dd]uring) )?"
#: "the 19th century", "the nineteenth century", "the early 20th-century" (TimeML: ``18``).
CENTURY = (
    r"\b(?:the )?(?:(?P<mod>early|mid-?|late) ?)?(?:(?P<cent>[12]?\d)(?:st|nd|rd|th)|(?P<word>"
    + "|".join(sorted(ORDINALS, key=len, reverse=True))
    + r"))[ -][Cc]entury\b"
)


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
            rf"\b(?P<cue>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Tt]hrough|[Tt]hroughout|[Ff]rom"
            rf"|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-|[Ll]ast|[Nn]ext|[Tt]his) ?{M}(?! ?\d)"
        ),
    ),
    ("month_rel", _p(rf"\b{M},? (?:of )?(?P<rel>this|last|next) year\b")),
    ("ordinal_day", _p(rf"{CUE}\bthe (?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?! (?:of|century))")),
    (
        "ago",
        _p(rf"\b{APPROX}{NUM}[ -](?P<unit>day|week|month|year|decade)s? ago\b", ignore_case=True),
    ),
    (
        "rel_part",
        _p(
            r"\b(?P<rel>this|last|tomorrow|yesterday|a recent) (?P<part>morning|afternoon"
            r"|evening|night)\b",
            ignore_case=True,
        ),
    ),
    (
        "edge",
        _p(
            r"\b(?:(?P<edge>earlier|later|early|late) (?P<rel>this|last|next)|(?:the )?(?P<pos>end"
            r"|start|beginning|middle) of (?:the|(?P<rel2>this|last|next))) (?P<unit>week|month"
            r"|year|decade|century)\b",
            ignore_case=True,
        ),
    ),
    (
        "quarter",
        _p(
            r"\b(?:the )?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th) (?P<part>quarter|half)"
            rf"\b(?:(?: of)? {Y}| of (?P<rel>this|last|next) year)?",
            ignore_case=True,
        ),
    ),
    (
        "rel_unit",
        _p(
            r"\b(?P<the>the )?(?P<rel>last|next|this|past|coming|previous|following)"
            r" (?P<unit>week|month|year|weekend|decade|century)\b",
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
            rf"\b(?:(?P<cue>[Ww]ithin|[Ff]or|[Oo]ver|[Ii]n|[Aa]fter|[Dd]uring) )?(?P<the>[Tt]he"
            rf" (?:next|past|last|coming|first|previous|following) )?{APPROX}{NUM}[ -]{UNIT_ADJ}"
            r"(?P<unit>minute|hour|day|week|month|year|decade)s?\b(?! ago)",
            ignore_case=True,
        ),
    ),
    (
        "vague",
        _p(
            r"\b(?:(?P<the>[Tt]he )?(?P<rel>[Rr]ecent|[Pp]ast|[Cc]oming|[Nn]ext|[Ll]ast) (?:few )?"
            r"|(?P<cue>[Ff]or|[Oo]ver|[Ww]ithin) )?(?P<vunit>[Mm]inutes|[Hh]ours|[Dd]ays|[Ww]eeks"
            r"|[Mm]onths|[Yy]ears|[Dd]ecades|[Cc]enturies)\b(?: (?P<after>later|earlier|after"
            r"|before|ago)\b)?"
        ),
    ),
    ("century", _p(CENTURY)),
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
            rf"|[Aa]fter) )?(?:(?P<edge>[Ee]arly|[Ll]ate) )?(?P<wd>{WEEKDAY_RE})\b(?!s)"
            rf"(?: {DAY_PART}\b| at (?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)\b(?! ?[ap]\.?m)"
            r"(?: (?:GMT|UTC))?"
            r"| at (?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))? ?(?P<ampm>[ap])\.?m\b\.?)?"
        ),
    ),
    (
        "decade",
        _p(
            r"(?:\b[Tt]he )?(?:\b(?P<mod>early|mid-?|late) ?)?(?:\b(?P<dec>(?:19|20)\d)0s"
            r"|['’](?P<short>\d)0s)\b"
        ),
    ),
    (
        "clock24",
        _p(
            r"\b(?:(?P<cue>[Aa]t) )?(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)\b(?! ?[ap]\.?m)"
            r"(?P<zone> (?:GMT|UTC|local time))?"
        ),
    ),
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
            r"\b(?:(?P<cue>in) )?(?P<ref>now|currently|at present|nowadays|these days|recently"
            r"|the past|previously|soon|the future|not so long ago|not long ago|long ago)\b",
            ignore_case=True,
        ),
    ),
    (
        "year_end",
        _p(r"(?<=\b(?P<first>(?:19|20)\d\d)[-–])(?P<last>(?:19|20)\d\d|\d\d)\b(?![-–/]\d)"),
    ),
    ("year", _p(rf"{CUE}(?<![\w$€£.,-]){Y}(?![\w%]|[.,]\d)")),
)
_MONTH_GATE: Final = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_YEAR_GATE: Final = re.compile(r"(?:19|20)\d\d")
#: kind → a pattern every match of the kind contains (see TimexWords.gates; each is a mandatory
#: part of the kind's pattern above; those in FOLDED_GATES in lower case, for a kind matched in
#: any case). One object for kinds sharing it.
GATES: Final = MappingProxyType(
    {
        "iso": re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d"),
        "mdy": _MONTH_GATE,
        "dmy": _MONTH_GATE,
        "month_year": _MONTH_GATE,
        "month": _MONTH_GATE,
        "ordinal_day": re.compile(r"\d(?:st|nd|rd|th)"),
        "ago": re.compile(r"ago"),
        "rel_part": re.compile(r"morning|afternoon|evening|night"),
        "edge": re.compile(r"(?:earl|lat|end|start|beginning|middle)\w* (?:this|last|next|of)"),
        "quarter": re.compile(r" (?:quarter|half)"),
        "rel_unit": re.compile(r"week|month|year|decade|century"),
        "set": re.compile(r"(?:every|each) |daily|weekly|monthly|annually|yearly"),
        "duration": re.compile(r"minute|hour|day|week|month|year|decade"),
        "season": re.compile(r"spring|summer|autumn|fall|winter"),
        "weekday": re.compile(WEEKDAY_RE),
        "decade": re.compile(r"\d0s"),
        "month_rel": _MONTH_GATE,
        "vague": re.compile(r"(?:minute|hour|day|week|month|year|decade|centurie)s"),
        "century": re.compile(r"[Cc]entury"),
        "clock24": re.compile(r"\d:[0-5]\d"),
        "year_end": re.compile(r"(?:19|20)\d\d[-–]\d\d"),
        "clock": re.compile(r"\d ?[ap]\.?m|noon|midnight"),
        "ref": re.compile(r"now|current|present|days|recent|past|previous|soon|future|ago"),
        "year": _YEAR_GATE,
    }
)
#: The kinds whose gate is written in lower case and searched in the lower-cased sentence (a
#: case-sensitive search is several times faster than an IGNORECASE one).
FOLDED_GATES: Final = frozenset(
    {
        "ago",
        "rel_part",
        "edge",
        "quarter",
        "rel_unit",
        "duration",
        "season",
        "vague",
        "clock",
        "ref",
    }
)
REFS: Final = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF",
    "the past": "PAST_REF", "previously": "PAST_REF", "soon": "FUTURE_REF",
    "the future": "FUTURE_REF", "not so long ago": "PAST_REF", "not long ago": "PAST_REF",
    "long ago": "PAST_REF",
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
    plural_units=MappingProxyType(PLURAL_UNITS),
    ordinals=MappingProxyType(ORDINALS),
    part_ordinals=MappingProxyType(PART_ORDINALS),
    ref_followers=REF_FOLLOWERS,
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
    entity_duration=re.compile(
        r"(?:an?|one) (?:[a-z]+ )(?P<unit>minute|hour|day|week|month|year|decade)", re.IGNORECASE
    ),
    dateline_date=DATELINE_DATE,
    gates=GATES,
    folded_gates=FOLDED_GATES,
)
