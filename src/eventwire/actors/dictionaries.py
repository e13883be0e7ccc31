"""Actor dictionaries: PETRARCH/TABARI ``.actors`` and ``.agents`` files, and our own CSV.

:func:`load_dictionaries` reads a directory (every ``*.actors.txt``, ``*.agents.txt`` and
``*.csv`` in it, in name order, CSV files last) or a list of files, and returns an
:class:`ActorDictionary`. A later file's phrase replaces an earlier file's identical phrase, so a
user's CSV overrides the Phoenix files.

PETRARCH/TABARI actor files (e.g. ``Phoenix.Countries.actors.txt``)
--------------------------------------------------------------------
* A line starting with a phrase opens an entry: ``NICOLAS_MADURO``, ``AFGHANISTAN_ [AFG]``.
  ``+MADURO`` lines add synonyms; indented ``[CODE]`` lines add codes. Codes may also follow the
  phrase on its line, several per line: ``[IGOUNO 000101-080801] [---]``.
* An entry with no code yet shares the codes of the lines that follow (PETRARCH's rule), so
  ``U.N._`` followed by ``UN_SECRETARY_GENERAL`` and ``[IGOUNO]`` gives both that code.
* ``_`` and spaces join words (both are read as "next word, adjacent"; TABARI's "words may
  intervene" meaning of a space is not supported). A phrase ending in ``_`` must match its last
  word whole; without the trailing ``_`` the last word is a stem (``ARGENTIN`` matches
  "Argentina" and "Argentinian"), as in TABARI.
* ``#`` starts a comment; ``<!-- ... -->`` blocks (also over several lines) are comments;
  ``---STOP---`` ends the file.
* Date restrictions, checked against the article's date: ``[VENGOV >060901]`` from that day
  on, ``[HOB <950601]`` before that day, ``[HNDGOV 020127-060127]`` between the two days (both
  included); ``[VEN]`` is the undated default. The first restriction (in file order) that holds
  on the date wins, else the default. Dates are ``YYMMDD`` or ``YYYYMMDD``; a two-digit year
  ``00``-``30`` is 20YY and ``31``-``99`` is 19YY (the KEDS/TABARI/PETRARCH rule, needed because
  CountryInfo has 1945 dates). Without an article date the restriction that runs latest is used
  (a leader's most recent office), else the default: in CountryInfo-derived entries the undated
  default is the catch-all for "outside every dated range" (often ``ELI``, out of office), and
  an undated article gives no evidence for that.
* A code that is not a plain actor code (``---``, ``+++``, ``ELR/GAL``) is kept but marked
  ``coded=False``: it means "no code" and callers should ignore the entry.

PETRARCH agent files (``Phoenix.agents.txt``)
---------------------------------------------
``PRESIDENT [~GOV]`` maps a noun to a sector combined with a country (``~`` marks where the
country goes). ``!PERSON! = MAN, MEN`` defines a marker expanded in later phrases
(``CONGRESS!PERSON!`` → CONGRESSMAN, CONGRESSMEN); ``{PLURAL}`` gives the plural, ``{}`` none,
otherwise the plural is formed by rule (-Y → -IES, -S/-SH/-CH/-X → -ES, else -S). Prefix agents
(``[IGO~]``) are read but :meth:`ActorDictionary.agent` only answers suffix sectors.

Our CSV format
--------------
A header ``name,aliases,code,valid_from,valid_to``; aliases separated by ``;``; ISO dates, an
empty date is open. Several rows with the same name give one entry with several dated codes.
Names and aliases match whole words. Case: a name written with a capital must start with one in
the text, an all-capital name of at most three letters ("UN") matches that spelling only.

For PETRARCH files (written in capitals) every phrase must start with a capital letter in the
text, after an optional "the"; a one-word phrase of at most three letters ("US") matches only
when written in capitals, so "us" is never the United States.

These are readers: the entries go into tables of the one actor-phrase engine
(:mod:`eventwire.actors.phrases`), which normalises, applies the case rules and stems, indexes
first words, finds the longest match and picks the dated code. Actor phrases and agent nouns are
two tables; both compare words and punctuation marks as written (no "loose" spelling: "U.N._"
and "UN_" are different phrases, and "the" is part of a phrase only where it is written).

Loading and caching: parsing the 1.5 MB Countries file takes well under a second; the parsed
form is cached as JSON under ``$XDG_CACHE_HOME/eventwire`` (or ``~/.cache/eventwire``), keyed by
the files' paths, sizes and modification times and :data:`FORMAT_VERSION`. A corrupt or stale
cache is ignored and rebuilt; failing to write one is not an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from eventwire.actors.phrases import (
    Case,
    DatedCode,
    DatedCodes,
    Pattern,
    PhraseEngine,
    PhraseTable,
    phrase_key,
)
from eventwire.errors import DictionaryError

#: Bump when the parsed (cached) form changes.
FORMAT_VERSION: Final = 2

CSV_HEADER: Final = ("name", "aliases", "code", "valid_from", "valid_to")

_BRACKET: Final = re.compile(r"\[([^\[\]]*)\]")
_ACTOR_CODE: Final = re.compile(r"[A-Z0-9]{3,}")
_RAW_CODE: Final = re.compile(r"[A-Za-z0-9~/+#\-]+")
_MARKER_DEF: Final = re.compile(r"!(\w+)!\s*=(.*)")
_MARKER: Final = re.compile(r"!(\w+)!")


@dataclass(frozen=True, slots=True)
class DictEntry:
    """What a phrase resolved to on a date: the code valid then, and where it was written."""

    name: str  # the entry's primary phrase as written, without a trailing "_"
    code: str
    file: str  # file name (no directory)
    line: int

    @property
    def rule(self) -> str:
        """``dict:<FILE>:<ENTRY>``, recorded on mentions this entry decided."""
        return f"dict:{self.file}:{self.name}"

    @property
    def label(self) -> str:
        """A readable name: ``NICOLAS_MADURO`` → "Nicolas Maduro"."""
        words = self.name.replace("_", " ").split()
        return " ".join(_label_word(w, first=i == 0) for i, w in enumerate(words))

    @property
    def coded(self) -> bool:
        """False for PETRARCH's "no code" markers (``---``) and compound codes (``A/B``)."""
        return bool(_ACTOR_CODE.fullmatch(self.code))


_SMALL_WORDS: Final = frozenset({"OF", "THE", "AND", "FOR", "IN", "ON", "TO", "AT", "DE", "AL"})


def _label_word(word: str, *, first: bool) -> str:
    """``NICOLAS`` → "Nicolas", ``US`` → "US", ``OF`` → "of"; mixed case stays as written."""
    if not word.isupper():
        return word
    if word in _SMALL_WORDS:
        return word.capitalize() if first else word.lower()
    return word if sum(c.isalpha() for c in word) <= 3 else word.capitalize()


@dataclass(frozen=True, slots=True)
class DictRecord:
    """One entry of a dictionary file: its name, where it was written and its dated codes."""

    name: str
    file: str
    line: int
    codes: DatedCodes

    def on(self, date: dt.date | None) -> DictEntry | None:
        """The entry with the code valid on the date (``None``: no code then)."""
        code = self.codes.on(date)
        return DictEntry(self.name, code, self.file, self.line) if code is not None else None


@dataclass(frozen=True, slots=True)
class Agent:
    """An agent noun's code: ``~GOV`` (a suffix sector: "president") or ``IGO~`` (a prefix)."""

    code: str

    @property
    def sector(self) -> str | None:
        """Everything after the ``~`` of a suffix agent; ``None`` for a prefix agent."""
        return (self.code[1:] or None) if self.code.startswith("~") else None


@dataclass(frozen=True, slots=True)
class _Phrase:
    text: str  # as written (with "_"), without a leading "+"
    record: int  # index into the records
    case: Case
    stem: bool  # the last word is a prefix of the text's last word


@dataclass(slots=True)
class _Parsed:
    """What the readers found, in file order: the form that is cached."""

    records: list[DictRecord] = field(default_factory=list)
    phrases: list[_Phrase] = field(default_factory=list)
    agents: list[tuple[str, str]] = field(default_factory=list)  # (noun as written, code)
    problems: list[str] = field(default_factory=list)  # "file:line: what", lines skipped


# -- the dictionary ---------------------------------------------------------------------------


class ActorDictionary:
    """Actor phrases → dated codes and agent nouns → sectors: two tables of the actor-phrase
    engine (:attr:`actors`, :attr:`agents`). Built by :func:`load_dictionaries`."""

    __slots__ = ("_records", "actors", "agents", "files", "problems")

    def __init__(self, parsed: _Parsed, files: Sequence[Path] = ()) -> None:
        self.files: tuple[Path, ...] = tuple(files)
        self._records = tuple(parsed.records)
        self.actors: PhraseTable[DictRecord] = PhraseTable(
            "dictionary",
            (Pattern(p.text, parsed.records[p.record], p.case, p.stem) for p in parsed.phrases),
        )
        self.agents: PhraseTable[Agent] = PhraseTable(
            "agents", (Pattern(noun, Agent(code)) for noun, code in parsed.agents)
        )
        #: Lines of PETRARCH files that were skipped, each ``file:line: what was wrong``.
        self.problems: tuple[str, ...] = tuple(parsed.problems)

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        return f"ActorDictionary(entries={len(self._records)}, agents={len(self.agents)})"

    def longest_from(self, word: str) -> int:
        """How many tokens the longest phrase starting with ``word`` may span (0: none does)."""
        return self.actors.longest_from(word)

    def lookup(self, phrase: str | Sequence[str], date: dt.date | None = None) -> DictEntry | None:
        """The entry for exactly this phrase (text, or tokens), with the code valid on ``date``.

        ``None`` when no phrase matches, or when the entry has no code for that date. A
        possessive ("Maduro's") is ignored.
        """
        found = self.actors.find(_as_text(phrase))
        return found.value.on(date) if found is not None else None

    def longest_match(
        self, tokens: Sequence[str], date: dt.date | None = None
    ) -> tuple[DictEntry, int] | None:
        """The longest phrase at the start of ``tokens`` with a code on the date: its entry and
        how many tokens it spans."""
        engine = PhraseEngine([[self.actors]])
        for match in engine.matches([f"{token} " for token in tokens]):
            entry = match.value.on(date)
            if entry is not None:
                return entry, match.length
        return None

    def agent(self, noun: str | Sequence[str]) -> str | None:
        """The sector an agent noun stands for (``president`` → ``GOV``), or ``None``.

        Only suffix agents (``[~GOV]``) answer; the sector is everything after the ``~``
        (``GOVFRM`` for a foreign minister: its first three letters are the CAMEO sector).
        """
        found = self.agents.find(_as_text(noun))
        return found.value.sector if found is not None else None

    def agent_longest_from(self, word: str) -> int:
        """Like :meth:`longest_from`, for agent nouns."""
        return self.agents.longest_from(word)


def _as_text(phrase: str | Sequence[str]) -> str:
    return phrase if isinstance(phrase, str) else " ".join(phrase)


# -- loading ----------------------------------------------------------------------------------


def load_dictionaries(
    source: Path | Sequence[Path],
    *,
    cache: bool = True,
    cache_dir: Path | None = None,
    strict: bool = False,
) -> ActorDictionary:
    """Load a directory of dictionaries, or the given files; see the module docstring.

    A line of a PETRARCH file that cannot be read is skipped, as PETRARCH does, and listed in
    :attr:`ActorDictionary.problems` (``file:line: what``); with ``strict=True`` it raises
    :class:`~eventwire.errors.DictionaryError` instead. Our CSV files are always strict. A
    missing or unreadable file always raises.

    ``cache_dir`` defaults to :func:`default_cache_dir`; ``cache=False`` neither reads nor
    writes a cache.
    """
    paths = _dictionary_files(source)
    if not cache:
        return ActorDictionary(_parse_all(paths, strict=strict), paths)
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    key = _cache_key(paths)
    cache_file = folder / f"dictionaries-{key[:24]}.json"
    parsed = None if strict else _read_cache(cache_file, key)
    if parsed is None:
        parsed = _parse_all(paths, strict=strict)
        _write_cache(cache_file, key, parsed)
    return ActorDictionary(parsed, paths)


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/eventwire``, or ``~/.cache/eventwire``."""
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "eventwire"


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".csv"):
        return "csv"
    return "agents" if "agents" in name else "actors"


def _dictionary_files(source: Path | Sequence[Path]) -> list[Path]:
    if isinstance(source, Path | str):
        path = Path(source)
        if path.is_dir():
            found = [
                p
                for p in sorted(path.iterdir())
                if p.is_file()
                and (p.name.endswith((".actors.txt", ".agents.txt")) or p.suffix.lower() == ".csv")
            ]
            # A folder may hold only other dictionaries (verbs): then no actor entries.
            return sorted(found, key=lambda p: _kind(p) == "csv")
        if not path.exists():
            raise DictionaryError(f"{path}: dictionary folder or file does not exist")
        paths = [path]
    else:
        paths = [Path(p) for p in source]
    for path in paths:
        if not path.is_file():
            raise DictionaryError(f"{path}: dictionary file does not exist")
    return paths


def _parse_all(paths: Iterable[Path], *, strict: bool) -> _Parsed:
    parsed = _Parsed()
    for path in paths:
        text = _read(path)
        kind = _kind(path)
        if kind == "csv":
            _parse_csv(text, path, parsed)
        elif kind == "agents":
            _parse_agents(text, path, parsed, strict=strict)
        else:
            _parse_actors(text, path, parsed, strict=strict)
    return parsed


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read the dictionary file: {exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # older TABARI files; every byte is a character


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, content without comments) of each line that has content."""
    in_comment = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("<"):
            in_comment = "-->" not in stripped
            continue
        if "---STOP---" in stripped:
            return
        content = line.split("#", 1)[0]
        if content.strip():
            yield number, content


# -- PETRARCH actors --------------------------------------------------------------------------


@dataclass(slots=True)
class _Block:
    """An entry being read: its phrases (with line numbers) and codes so far."""

    name: str
    line: int
    phrases: list[tuple[str, int]]
    codes: list[DatedCode]


def _parse_actors(text: str, path: Path, parsed: _Parsed, *, strict: bool) -> None:
    block: _Block | None = None

    def problem(message: str) -> None:
        _skip(DictionaryError(f"{path}:{number}: {message}"), parsed, strict=strict)

    for number, content in _lines(text):
        stripped = content.strip()
        phrase, codes = _split_codes(stripped, f"{path}:{number}", problem)
        if stripped.startswith(("[", "+")) and block is None:
            problem("a code or synonym line before any entry")
        elif stripped.startswith("["):
            assert block is not None  # for mypy: checked above
            block.codes.extend(codes)
        elif stripped.startswith("+"):
            assert block is not None
            block.phrases.append((phrase[1:], number))
            block.codes.extend(codes)
        else:
            if block is None or block.codes:
                if block is not None:
                    _store_block(block, path, parsed)
                block = _Block(_entry_name(phrase), number, [], [])
            block.phrases.append((phrase, number))
            block.codes.extend(codes)
    if block is not None and block.codes:
        _store_block(block, path, parsed)
    # An entry still without codes at the end of the file codes nothing (PETRARCH drops it).


def _entry_name(phrase: str) -> str:
    return "_".join(phrase.split()).rstrip("_") or phrase.strip()


def _split_codes(
    content: str, where: str, problem: Callable[[str], None]
) -> tuple[str, list[DatedCode]]:
    """The phrase before the first ``[`` and the readable codes in brackets after it.

    What cannot be read is reported to ``problem`` and left out; the rest of the line stays.
    """
    phrase, bracket, rest = content.partition("[")
    if not bracket:
        if "]" in content:
            problem("']' without '['")
        return phrase.strip(), []
    rest = bracket + rest
    leftover = _BRACKET.sub("", rest).strip()
    if leftover:
        problem(f"cannot read {leftover!r} after the codes: expected [CODE] or [CODE >YYMMDD],"
                " [CODE <YYMMDD], [CODE YYMMDD-YYMMDD]")  # fmt: skip
    codes = []
    for group in _BRACKET.findall(rest):
        try:
            codes.append(_dated_code(group, where))
        except DictionaryError as exc:
            problem(str(exc).removeprefix(f"{where}: "))
    return phrase.strip(), codes


_RESTRICTION: Final = re.compile(r"(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))")


def _dated_code(inner: str, where: str) -> DatedCode:
    code, _, restriction = inner.strip().partition(" ")
    code = code.upper()
    if not _RAW_CODE.fullmatch(code):
        raise DictionaryError(f"{where}: {inner.strip()!r} does not start with an actor code")
    restriction = restriction.strip()
    if not restriction:
        return DatedCode(code)
    match = _RESTRICTION.fullmatch(restriction)
    if match is None:
        raise DictionaryError(f"{where}: cannot read the date restriction {restriction!r}")
    sign, single, first, last = match.groups()
    if sign == ">":
        return DatedCode(code, start=_tabari_date(single, where))
    if sign == "<":
        return DatedCode(code, end=_tabari_date(single, where) - dt.timedelta(days=1))
    start, end = _tabari_date(first, where), _tabari_date(last, where)
    if end < start:
        raise DictionaryError(f"{where}: the date range {restriction!r} ends before it starts")
    return DatedCode(code, start=start, end=end)


def _tabari_date(digits: str, where: str) -> dt.date:
    """``YYMMDD`` (00-30 → 20YY, 31-99 → 19YY) or ``YYYYMMDD``."""
    try:
        if len(digits) == 6:
            year = int(digits[:2])
            year += 2000 if year <= 30 else 1900
            return dt.date(year, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise DictionaryError(f"{where}: {digits!r} is not a valid date: {exc}") from exc
    raise DictionaryError(f"{where}: {digits!r} is not a date (YYMMDD or YYYYMMDD)")


def _store_block(block: _Block, path: Path, parsed: _Parsed) -> None:
    index = len(parsed.records)
    codes = DatedCodes(tuple(block.codes))
    parsed.records.append(DictRecord(block.name, path.name, block.line, codes))
    for phrase, number in block.phrases:
        key = phrase_key(phrase)
        if not key:
            raise DictionaryError(f"{path}:{number}: an empty phrase")
        whole = phrase.rstrip().endswith("_") or not key[-1].isalnum()
        short = len(key) == 1 and sum(c.isalnum() for c in key[0]) <= 3
        case = Case.CAPITALS if short else Case.CAPITAL
        parsed.phrases.append(_Phrase(phrase, index, case, not whole))


# -- PETRARCH agents --------------------------------------------------------------------------


def _parse_agents(text: str, path: Path, parsed: _Parsed, *, strict: bool) -> None:
    markers: dict[str, list[str]] = {}
    for number, content in _lines(text):
        try:
            _agent_line(content, f"{path}:{number}", markers, parsed)
        except DictionaryError as exc:
            _skip(exc, parsed, strict=strict)


def _skip(exc: DictionaryError, parsed: _Parsed, *, strict: bool) -> None:
    """A bad line of a PETRARCH file: raised when strict, else skipped (as PETRARCH does)."""
    if strict:
        raise exc
    parsed.problems.append(str(exc))


def _agent_line(content: str, where: str, markers: dict[str, list[str]], parsed: _Parsed) -> None:
    definition = _MARKER_DEF.fullmatch(content.strip())
    if definition is not None:
        values = [v.strip() for v in definition.group(2).split(",") if v.strip()]
        markers[definition.group(1)] = values
        return
    phrase, bracket, rest = content.partition("[")
    code = rest.partition("]")[0].replace(" ", "").upper()
    if not bracket or "]" not in rest or "~" not in code:
        raise DictionaryError(f"{where}: expected an agent like 'PRESIDENT [~GOV]'")
    if not _RAW_CODE.fullmatch(code):
        raise DictionaryError(f"{where}: {code!r} is not an agent code")
    for noun in _agent_nouns(phrase.strip(), markers, where):
        if phrase_key(noun):
            parsed.agents.append((noun, code))


def _agent_nouns(phrase: str, markers: dict[str, list[str]], where: str) -> list[str]:
    marker = _MARKER.search(phrase)
    if marker is not None:
        values = markers.get(marker.group(1))
        if values is None:
            raise DictionaryError(f"{where}: marker !{marker.group(1)}! is not defined above")
        return [phrase[: marker.start()] + v + phrase[marker.end() :] for v in values]
    if "{" in phrase:
        noun, _, plural = phrase.partition("{")
        if "}" not in plural:
            raise DictionaryError(f"{where}: '{{' without '}}'")
        plural = plural.partition("}")[0].strip()
        return [noun.strip(), plural] if plural else [noun.strip()]
    return [phrase, _plural(phrase)]


def _plural(noun: str) -> str:
    noun = noun.rstrip("_ ")
    upper = noun.upper()
    if upper.endswith("Y") and len(noun) > 1 and upper[-2] not in "AEIOU":
        return noun[:-1] + "IES"
    if upper.endswith(("S", "SH", "CH", "X")):
        return noun + "ES"
    return noun + "S"


# -- our CSV ----------------------------------------------------------------------------------


def _parse_csv(text: str, path: Path, parsed: _Parsed) -> None:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip().lower() for h in header) != CSV_HEADER:
        raise DictionaryError(f"{path}:1: the header must be {','.join(CSV_HEADER)}")
    entries: dict[str, tuple[int, list[str], list[DatedCode]]] = {}
    for row in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_HEADER):
            raise DictionaryError(f"{path}:{number}: expected 5 columns, got {len(row)}")
        name, aliases, code, start, end = (cell.strip() for cell in row)
        code = code.upper()
        if not name or not _ACTOR_CODE.fullmatch(code):
            raise DictionaryError(
                f"{path}:{number}: a name and an actor code (like VENGOV) are required"
            )
        dated = DatedCode(code, _iso(start, path, number), _iso(end, path, number))
        if dated.start and dated.end and dated.end < dated.start:
            raise DictionaryError(f"{path}:{number}: valid_to is before valid_from")
        line, names, codes = entries.setdefault(name, (number, [name], []))
        names.extend(a.strip() for a in aliases.split(";") if a.strip())
        codes.append(dated)
    for name, (line, names, codes) in entries.items():
        index = len(parsed.records)
        parsed.records.append(DictRecord(name, path.name, line, DatedCodes(tuple(codes))))
        for alias in dict.fromkeys(names):
            if phrase_key(alias):
                parsed.phrases.append(_Phrase(alias, index, _csv_case(alias), False))


def _csv_case(alias: str) -> Case:
    letters = [c for c in alias if c.isalnum()]
    if " " not in alias.strip() and alias.isupper() and len(letters) <= 3:
        return Case.CAPITALS
    return Case.CAPITAL if alias.strip()[:1].isupper() else Case.ANY


def _iso(value: str, path: Path, number: int) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise DictionaryError(f"{path}:{number}: {value!r} is not a date like 2019-01-26") from exc


# -- cache ------------------------------------------------------------------------------------


def _cache_key(paths: Sequence[Path]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"eventwire-dictionaries-{FORMAT_VERSION}".encode())
    for path in paths:
        stat = path.stat()
        digest.update(f"\x1f{path.resolve()}\x1e{stat.st_size}\x1e{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _day(date: dt.date | None) -> int | None:
    return date.toordinal() if date is not None else None


def _undays(value: Any) -> dt.date | None:
    return dt.date.fromordinal(value) if value is not None else None


_CASES: Final = {case.value: case for case in Case}


def _to_json(key: str, parsed: _Parsed) -> dict[str, Any]:
    """Column by column, each a list of strings or numbers: few objects to load."""
    records, phrases = parsed.records, parsed.phrases
    return {
        "version": FORMAT_VERSION,
        "key": key,
        "names": [r.name for r in records],
        "files": [r.file for r in records],
        "lines": [r.line for r in records],
        "codes": [_codes_text(r.codes) for r in records],
        "phrases": [p.text for p in phrases],
        "records": [p.record for p in phrases],
        "cases": [p.case.value for p in phrases],
        "stems": [int(p.stem) for p in phrases],
        "agents": [noun for noun, _ in parsed.agents],
        "agent_codes": [code for _, code in parsed.agents],
        "problems": parsed.problems,
    }


def _codes_text(codes: DatedCodes) -> str:
    """``VENGOV 732312 733000|VEN  ``: code, first and last day numbers (empty: open)."""
    return "|".join(f"{c.code} {_day(c.start) or ''} {_day(c.end) or ''}" for c in codes.codes)


def _codes(text: str) -> DatedCodes:
    codes = []
    for part in text.split("|"):
        code, start, end = part.split(" ")
        codes.append(
            DatedCode(
                code, _undays(int(start) if start else None), _undays(int(end) if end else None)
            )
        )
    return DatedCodes(tuple(codes))


def _from_json(data: Any, key: str) -> _Parsed | None:
    """The cached parse, or ``None`` when it is from another version, other files, or damaged
    (a damaged one raises one of the errors :func:`_read_cache` catches)."""
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        return None
    if data.get("key") != key:
        return None
    records = [
        DictRecord(str(name), str(file), int(line), _codes(codes))
        for name, file, line, codes in zip(
            data["names"], data["files"], data["lines"], data["codes"], strict=True
        )
    ]
    count = len(records)
    phrases = [
        _Phrase(str(text), _index(record, count), _CASES[case], bool(stem))
        for text, record, case, stem in zip(
            data["phrases"], data["records"], data["cases"], data["stems"], strict=True
        )
    ]
    agents = [
        (str(noun), str(code))
        for noun, code in zip(data["agents"], data["agent_codes"], strict=True)
    ]
    return _Parsed(records, phrases, agents, [str(problem) for problem in data["problems"]])


def _index(value: Any, count: int) -> int:
    if not isinstance(value, int) or not 0 <= value < count:
        raise IndexError(f"record {value!r} is not one of {count}")
    return value


def _read_cache(path: Path, key: str) -> _Parsed | None:
    try:
        return _from_json(json.loads(path.read_text(encoding="utf-8")), key)
    except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None  # missing, unreadable or corrupt: rebuilt by the caller


def _write_cache(path: Path, key: str, parsed: _Parsed) -> None:
    """Write atomically (temporary file, then rename); failing costs the next run a parse."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".dict-", suffix=".tmp", delete=False
        ) as handle:
            temporary = Path(handle.name)
            json.dump(_to_json(key, parsed), handle, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
