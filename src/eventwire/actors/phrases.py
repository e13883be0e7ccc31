"""The actor-phrase engine: how a phrase of the text meets the phrases of the actor tables.

Every actor table is read into :class:`PhraseTable` objects by a reader that knows its file
format — our TSV tables (:mod:`eventwire.actors.lexicon`), PETRARCH/TABARI ``.actors`` and
``.agents`` files and our CSV (:mod:`eventwire.actors.dictionaries`). A reader only says what
its format means for each phrase (its :class:`Case` rule, whether its last word is a stem, and
whether the table's spelling is ``loose``); normalising, comparing, the first-word index, the
longest match, dated codes and the precedence between tables are done here, once.

Normalisation (:func:`variants`, :func:`phrase_key`)
  Typographic apostrophes become ``'``, accents are dropped ("Bogotá" = "Bogota"), ``_`` is a
  space (PETRARCH's ``NICOLAS_MADURO``), runs of white space are one. A phrase is compared as its
  words and punctuation marks, case folded: "U.N." is ``u . n .``, "Al-Qaeda" ``al - qaeda``.
  A possessive is ignored: a phrase is looked up as written, then without a trailing ``'s`` or
  ``'`` ("Russia's", "Philippines'", "MADURO'S"). A ``loose`` table (our TSV tables) also
  ignores a leading "the" ("the Kremlin" = "Kremlin") and the periods of an initialism ("U.S."
  = "US"); PETRARCH phrases are written with "the" where they want it, and "U.N._" and "UN_"
  are different phrases there.

Case (:class:`Case`)
  The phrase's own rule, checked on the text as compared (folded, and for a ``loose`` table
  without "the" and initialism periods): ``ANY`` (whatever the case: "security forces"),
  ``CAPITAL`` (the first letter, after a leading "the", is a capital or it is a digit:
  "China", "NICOLAS_MADURO" — "china" and "turkey" are not countries) or ``CAPITALS`` (every
  letter a capital: "US", "UN", "WHO" — "us", "Us", "who" never match). One key can hold two
  patterns, one ``CAPITALS`` and one of the other rules ("WHO" and "who"); the ``CAPITALS`` one
  is tried first, and a later pattern replaces an earlier one of the same key and kind.

Stems (``Pattern.stem``)
  TABARI's rule: the last word of a stem pattern may continue in the text (``ARGENTIN`` matches
  "Argentina" and "Argentinian"). Whole-word patterns are tried before stems, longer stems
  before shorter ones.

First-word index and longest match (:meth:`PhraseTable.longest_from`, :meth:`PhraseEngine.matches`)
  A table knows, for the first word of its phrases, how many tokens the longest of them may
  span (its words and punctuation marks, plus one for a possessive token), so a scanner skips
  the many words that start no phrase and tries at most that many tokens, longest first.

Dated codes (:class:`DatedCodes`)
  An entry's codes, each holding between two days (either end open). On a date the first code
  in table order that holds wins, else the undated default. Without a date, the code that runs
  latest (an open end runs latest; the first written on a tie), else the default: an undated
  article gives no evidence for the catch-all default. An entry without a default that keeps
  its country out of office (``former``: our people table) takes, outside every dated code,
  the nearest one's country — plus ``ELI`` (CAMEO's former officials and elites) after it, bare
  before it; a code naming no country (``IGOUNO``) is kept as it is.

Precedence (:class:`PhraseEngine`)
  The engine holds tables in ranks. At a position in the text a match of an earlier rank comes
  before any match of a later rank; within a rank a longer match comes first, and on equal
  length the earlier table. :meth:`PhraseEngine.matches` lists a position's matches in that
  order, at most one per table and length, and the caller takes the first it accepts (a
  dictionary entry with no code on the article's date is passed over).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final, Generic, TypeVar

V = TypeVar("V")

#: A phrase as compared: its words and punctuation marks, case folded.
Key = tuple[str, ...]

_APOSTROPHES: Final = MappingProxyType(str.maketrans(dict.fromkeys("’‘ʼ´′`", "'")))
_WORDS: Final = re.compile(r"[^\W_]+|[^\w\s]")
_INITIALISM: Final = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\.?")
_POSSESSIVE: Final = re.compile(r"'[sS]?$")
#: Code prefixes that name no country: an entry holding such a code keeps it out of office.
_NO_COUNTRY: Final = frozenset({"IGO", "NGO", "IMG"})


# -- normalisation ----------------------------------------------------------------------------
def fold(text: str) -> str:
    """Typographic apostrophes to ``'``, accents dropped, ``_`` read as a space."""
    text = text.translate(_APOSTROPHES).replace("_", " ")
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def variants(text: str, *, loose: bool = False) -> tuple[str, ...]:
    """The forms a phrase is looked up in, case kept: as written, then without a possessive.

    ``loose``: without a leading "the" (when more words follow) and with the periods of
    initialisms dropped (``the U.S.'s`` → ``U.S.'s``, ``US``).
    """
    words = _words(text, loose=loose)
    forms = [words]
    if words:
        last = _POSSESSIVE.sub("", words[-1])
        if last != words[-1] and (last or len(words) > 1):
            forms.append([*words[:-1], last] if last else words[:-1])
    return tuple(_joined(form, loose=loose) for form in forms)


def spelled(text: str, *, loose: bool = False) -> str:
    """The phrase as written, normalised (:func:`variants`' first form)."""
    return _joined(_words(text, loose=loose), loose=loose)


def phrase_key(text: str, *, loose: bool = False) -> Key:
    """The words and punctuation marks of a phrase as written, case folded."""
    return _key(spelled(text, loose=loose))


def _words(text: str, *, loose: bool) -> list[str]:
    words = fold(text).split()
    if loose and len(words) > 1 and words[0].casefold() == "the":
        return words[1:]
    return words


def _joined(words: list[str], *, loose: bool) -> str:
    if loose:
        return " ".join(w.replace(".", "") if _INITIALISM.fullmatch(w) else w for w in words)
    return " ".join(words)


def _key(form: str) -> Key:
    return tuple(_WORDS.findall(form.casefold()))


# -- case rules -------------------------------------------------------------------------------
class Case(enum.Enum):
    """How the case of the text must agree with a pattern (see the module docstring)."""

    ANY = "any"
    CAPITAL = "capital"
    CAPITALS = "capitals"

    def admits(self, form: str) -> bool:
        """Does the text, normalised (:func:`variants`), meet this rule?"""
        if self is Case.ANY:
            return True
        if self is Case.CAPITALS:
            letters = [c for c in form if c.isalpha()]
            return bool(letters) and all(c.isupper() for c in letters)
        words = form.split()
        if len(words) > 1 and words[0].casefold() == "the":
            words = words[1:]
        first = next((c for c in " ".join(words) if c.isalnum()), "")
        return first.isupper() or first.isdigit()


def written_case(alias: str, *, loose: bool = False) -> Case:
    """The rule of a table phrase from how it is written: ``CAPITALS`` for one word of at most
    three letters in capitals ("US", "UN", "G7"), ``CAPITAL`` for one word with a capital
    initial ("China", "Kremlin"), ``ANY`` for the rest ("South Korea", "police")."""
    form = spelled(alias, loose=loose)
    if " " not in form and form.isupper() and sum(c.isalpha() for c in form) <= 3:
        return Case.CAPITALS
    if " " not in form and form[:1].isupper():
        return Case.CAPITAL
    return Case.ANY


# -- dated codes ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DatedCode:
    """A code and the days it holds on (both ends included; ``None`` is open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def default(self) -> bool:
        return self.start is None and self.end is None

    def holds_on(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class DatedCodes:
    """An entry's codes in table order; see the module docstring for which holds on a date."""

    codes: tuple[DatedCode, ...]
    former: bool = False  # outside every dated code: the nearest one's country (ELI after it)

    def on(self, date: dt.date | None) -> str | None:
        """The code for an article of this date (``None``: the entry codes nothing then)."""
        return self.placed(date)[1]

    def distance(self, date: dt.date | None) -> int:
        """Days from the date to the nearest dated code (0: one holds, or no date)."""
        return self.placed(date)[0]

    def placed(self, date: dt.date | None) -> tuple[int, str | None]:
        """(days to the nearest dated code, the code on the date)."""
        dated = [c for c in self.codes if not c.default]
        default = next((c.code for c in self.codes if c.default), None)
        if date is None:
            if not dated:
                return 0, default
            return 0, max(dated, key=lambda c: c.end or dt.date.max).code
        holding = next((c for c in dated if c.holds_on(date)), None)
        if holding is not None:
            return 0, holding.code
        if default is not None or not self.former or not dated:
            return 0, default
        return min((_out_of_range(c, date) for c in dated), key=lambda found: found[0])

    @property
    def latest_start(self) -> dt.date:
        """The day the last code to begin began (``date.min`` when none has a start)."""
        return max((c.start for c in self.codes if c.start is not None), default=dt.date.min)


def _out_of_range(code: DatedCode, date: dt.date) -> tuple[int, str]:
    """(days, code) of a dated code that does not hold on the date, for a ``former`` entry."""
    if code.start is not None and code.start > date:
        gap, derived = (code.start - date).days, code.code[:3]
    else:
        assert code.end is not None  # it does not hold, so it has ended
        gap, derived = (date - code.end).days, code.code[:3] + "ELI"
    return gap, code.code if code.code[:3] in _NO_COUNTRY else derived


# -- tables -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pattern(Generic[V]):
    """One phrase of a table as written, what it stands for, and how it must be matched."""

    phrase: str
    value: V
    case: Case = Case.ANY
    stem: bool = False


class PhraseTable(Generic[V]):
    """The phrases of one table, indexed by key (whole words and stems) and first word.

    ``loose`` is the table's spelling (see the module docstring); a later pattern replaces an
    earlier one with the same key and kind of case rule. Patterns with an empty key (nothing
    but spaces) are left out: readers report them.
    """

    __slots__ = ("_starts", "_stems", "_whole", "loose", "name")

    def __init__(self, name: str, patterns: Iterable[Pattern[V]], *, loose: bool = False) -> None:
        self.name = name
        self.loose = loose
        whole: dict[tuple[Key, bool], Pattern[V]] = {}
        stems: dict[tuple[Key, bool], Pattern[V]] = {}
        starts: dict[str, int] = {}
        for pattern in patterns:
            key = phrase_key(pattern.phrase, loose=loose)
            if not key:
                continue
            (stems if pattern.stem else whole)[key, pattern.case is Case.CAPITALS] = pattern
            starts[key[0]] = max(starts.get(key[0], 0), len(key) + 1)
        self._whole: Mapping[Key, tuple[Pattern[V], ...]] = _ordered(whole)
        self._stems: Mapping[Key, tuple[Pattern[V], ...]] = _ordered(stems)
        self._starts: Mapping[str, int] = MappingProxyType(starts)

    def __len__(self) -> int:
        return sum(map(len, self._whole.values())) + sum(map(len, self._stems.values()))

    def __repr__(self) -> str:
        return f"PhraseTable({self.name!r}, patterns={len(self)})"

    def longest_from(self, word: str) -> int:
        """How many tokens the longest phrase starting with ``word`` may span (0: none does)."""
        return self.longest_from_key(phrase_key(word, loose=self.loose))

    def longest_from_key(self, key: Key) -> int:
        """:meth:`longest_from` for a word already turned into its key (:func:`phrase_key` with
        this table's ``loose``)."""
        if not key:
            return 0
        longest = self._starts.get(key[0], 0)
        if len(key) == 1 and self._stems:
            for end in range(len(key[0]) - 1, 0, -1):
                if (key[0][:end],) in self._stems:
                    return max(longest, 2)
        return longest

    def find(self, text: str) -> Pattern[V] | None:
        """The pattern this text is, or ``None``."""
        return self.find_forms(variants(text, loose=self.loose))

    def find_forms(self, forms: Sequence[str]) -> Pattern[V] | None:
        """The first pattern, in this order, whose case rule a form meets: each form in turn
        (:func:`variants`), its whole-word patterns, then its stems, longest first."""
        for form in forms:
            key = _key(form)
            if not key:
                continue
            found = _admitted(self._whole.get(key, ()), form)
            if found is None and self._stems:
                head, last = key[:-1], key[-1]
                for end in range(len(last), 0, -1):
                    found = _admitted(self._stems.get((*head, last[:end]), ()), form)
                    if found is not None:
                        break
            if found is not None:
                return found
        return None


def _ordered(index: dict[tuple[Key, bool], Pattern[V]]) -> Mapping[Key, tuple[Pattern[V], ...]]:
    """Per key the ``CAPITALS`` pattern first, then the other one."""
    ordered: dict[Key, tuple[Pattern[V], ...]] = {}
    for (key, capitals), pattern in index.items():
        known = ordered.get(key)
        if known is None:
            ordered[key] = (pattern,)
        else:
            ordered[key] = (pattern, *known) if capitals else (*known, pattern)
    return MappingProxyType(ordered)


def _admitted(patterns: Iterable[Pattern[V]], form: str) -> Pattern[V] | None:
    return next((p for p in patterns if p.case.admits(form)), None)


# -- the engine -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Match:
    """A table's pattern matching ``length`` tokens at a position."""

    table: str
    value: Any
    length: int


@dataclass(slots=True)
class MatchMemo:
    """What :meth:`PhraseEngine.matches` has worked out, kept between calls by a scanner (one
    memo for all the tokens of an article): per rank, how many tokens a phrase starting with a
    token may span, and the patterns a phrase text is. Each depends only on the text looked up
    (and the engine's tables: a memo serves one engine), so the same words ("the", "President")
    are normalised and looked up once."""

    longest: dict[tuple[int, str], int] = field(default_factory=dict)
    found: dict[tuple[int, str], tuple[tuple[str, Any], ...]] = field(default_factory=dict)

    def bounded(self, most: int) -> MatchMemo:
        """This memo, emptied first when it holds more than ``most`` entries (a scanner that
        keeps one memo over many articles keeps its memory bounded)."""
        if len(self.longest) + len(self.found) > most:
            self.longest.clear()
            self.found.clear()
        return self


class PhraseEngine:
    """Tables in ranks of precedence; :meth:`matches` lists a position's matches in order."""

    __slots__ = ("ranks",)

    def __init__(self, ranks: Iterable[Iterable[PhraseTable[Any]]]) -> None:
        self.ranks: tuple[tuple[PhraseTable[Any], ...], ...] = tuple(
            tables for rank in ranks if (tables := tuple(rank))
        )

    def __repr__(self) -> str:
        return "PhraseEngine(" + " > ".join("+".join(t.name for t in r) for r in self.ranks) + ")"

    def may_start(self, first: str, memo: MatchMemo) -> bool:
        """Whether a phrase of some table may start with the token ``first`` (text with its
        white space); ``False``: :meth:`matches` finds nothing there."""
        for rank, tables in enumerate(self.ranks):
            longest = memo.longest.get((rank, first))
            if longest is None:
                longest = memo.longest[rank, first] = _longest(tables, first)
            if longest:
                return True
        return False

    def matches(
        self,
        tokens: Sequence[str],
        start: int = 0,
        stop: int | None = None,
        memo: MatchMemo | None = None,
    ) -> Iterator[Match]:
        """The matches starting at ``tokens[start]``, best first: earlier rank, then longer,
        then earlier table. ``tokens`` are token texts with their trailing white space (spaCy's
        ``text_with_ws``, or words each followed by a space); a match ends before ``stop``.

        ``memo`` remembers first words and phrase texts between calls (:class:`MatchMemo`)."""
        end = len(tokens) if stop is None else min(stop, len(tokens))
        if start >= end:
            return
        first = tokens[start]
        memo = memo if memo is not None else MatchMemo()
        for rank, tables in enumerate(self.ranks):
            longest = memo.longest.get((rank, first))
            if longest is None:
                longest = memo.longest[rank, first] = _longest(tables, first)
            for n in range(min(longest, end - start), 0, -1):
                text = "".join(tokens[start : start + n])
                found = memo.found.get((rank, text))
                if found is None:
                    found = memo.found[rank, text] = _found(tables, text)
                for table, value in found:
                    yield Match(table, value, n)


def _longest(tables: Sequence[PhraseTable[Any]], first: str) -> int:
    """How many tokens the longest phrase of the tables starting with ``first`` may span."""
    keys = {loose: phrase_key(first, loose=loose) for loose in {t.loose for t in tables}}
    return max(table.longest_from_key(keys[table.loose]) for table in tables)


def _found(tables: Sequence[PhraseTable[Any]], text: str) -> tuple[tuple[str, Any], ...]:
    """``(table name, value)`` of the pattern each table has for ``text``, in table order."""
    forms = {loose: variants(text, loose=loose) for loose in {t.loose for t in tables}}
    return tuple(
        (table.name, pattern.value)
        for table in tables
        if (pattern := table.find_forms(forms[table.loose])) is not None
    )
