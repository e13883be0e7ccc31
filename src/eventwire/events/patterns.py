"""PETRARCH's CAMEO verb-pattern dictionary (``CAMEO.2.0.txt`` format), parsed and matched.

The file has two sections we read (a third, ``TRANSFORMATIONS``, is skipped):

* **Synsets** — ``&NAME`` followed by ``+WORD`` or ``+TWO_WORDS`` lines. Regular plurals are
  generated unless the label or the phrase ends with ``_``.
* **Verb blocks** — a header ``---  NAME  [CODE]  ---`` (``[---]``: the bare verb codes nothing),
  verb lines ``WORD {IRREGULAR FORMS} [CODE]`` or ``+MULTI_WORD {+FORMS} [CODE]`` and pattern
  lines ``- BEFORE * AFTER  [CODE]  # comment``. A code may be paired, ``[042:043]``: the first
  part is coded source → target, the second the reverse event. Pattern elements: ``*`` the verb,
  ``$`` source, ``+`` target, ``%`` compound actor, ``^`` skip, ``(…)`` a prepositional phrase,
  ``{…}`` a multi-word phrase, ``&NAME`` a synset, ``A/B`` alternative words, ``A_B`` words that
  must be adjacent.

What matching supports (on our spaCy parses, not PETRARCH's Treebank trees): the verb is found by
lemma (or one of its listed forms); multi-word verbs (``+CALL_OFF``) need their other words right
after the verb. Pattern words after ``*`` must occur in order among the tokens of the verb's
subtree to its right; words before ``*`` in order among the sentence's tokens to its left. Words
of one ``{…}`` phrase or synset entry must be adjacent (one intervening modifier is allowed in a
``{…}`` phrase). A word matches a token's lower-cased text or lemma. Ignored: the actor slots
``$ + % ^`` (source and target come from the coder's own frame logic), the structure of
``(…)`` beyond its words, the reverse half of a paired code (used only when the first half is
empty), and transformations (``~`` lines).
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from eventwire.errors import DictionaryError

if TYPE_CHECKING:
    from eventwire.settings import Settings

#: The file name looked for in ``Settings.dictionaries``.
VERB_FILE = "CAMEO.2.0.txt"
NULL_CODE = "---"

_BLOCK = re.compile(r"^-{3}\s+(?P<name>[^\s\[\]]+(?:\s+[^\s\[\]]+)*)\s*\[(?P<code>[^\]]*)\][\s-]*$")
_CODE = re.compile(r"\[(?P<code>[^\]]*)\]")
_CODE_PART = re.compile(r"\d{2,4}|-{3}|")
_FORMS = re.compile(r"\{(?P<forms>[^}]*)\}")

ItemKind = Literal["words", "source", "target", "compound", "skip"]
_SLOTS: Mapping[str, ItemKind] = {"$": "source", "+": "target", "%": "compound", "^": "skip"}


@dataclass(frozen=True, slots=True)
class Code:
    """A pattern's code: ``primary`` for source → target, ``reverse`` for target → source."""

    primary: str | None
    reverse: str | None = None

    @property
    def null(self) -> bool:
        return self.primary is None and self.reverse is None


@dataclass(frozen=True, slots=True)
class PatternItem:
    """One element of a pattern: alternative word sequences, or an actor slot."""

    kind: ItemKind
    alternatives: tuple[tuple[str, ...], ...] = ()
    in_prep: bool = False
    loose: bool = False  # a {…} phrase: one intervening token allowed between its words

    @property
    def weight(self) -> int:
        """How many words the item asks for (its shortest alternative)."""
        return min((len(a) for a in self.alternatives), default=0)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    block: str
    before: tuple[PatternItem, ...]
    after: tuple[PatternItem, ...]
    code: Code
    text: str
    line: int

    @property
    def specificity(self) -> int:
        return sum(item.weight for item in (*self.before, *self.after))


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One verb of a block: its words (``("call", "off")``), its forms and its default code."""

    words: tuple[str, ...]
    forms: frozenset[str]
    code: Code
    block: str
    line: int

    @property
    def name(self) -> str:
        return "_".join(self.words).upper()


@dataclass(frozen=True)
class VerbPatterns:
    """A parsed verb dictionary: verbs by first word, patterns by block."""

    origin: str
    verbs: Mapping[str, tuple[VerbEntry, ...]]
    forms: Mapping[str, tuple[VerbEntry, ...]]  # inflected form → entries, for bad lemmas
    patterns: Mapping[str, tuple[VerbPattern, ...]]
    synsets: Mapping[str, tuple[tuple[str, ...], ...]]
    skipped: int  # patterns ignored (undefined synset)
    problems: tuple[str, ...]  # "file:line: message" of bad lines skipped (strict=False only)
    seconds: float  # load time

    def entries(self, lemma: str, text: str) -> tuple[VerbEntry, ...]:
        """Verb entries for a token with this lemma (or, failing that, this surface form)."""
        return self.verbs.get(lemma) or self.forms.get(text, ())

    @property
    def pattern_count(self) -> int:
        return sum(len(p) for p in self.patterns.values())


@dataclass(frozen=True, slots=True)
class Match:
    """The result of matching one verb token: the entry, the pattern (None: default) and code."""

    entry: VerbEntry
    pattern: VerbPattern | None
    code: Code

    @property
    def rule(self) -> str:
        shown = self.pattern.text if self.pattern is not None else "*"
        return f"cameo-dict:{self.entry.name}:{shown}"


# --- loading -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int, strict: bool) -> VerbPatterns:
    return load_verb_patterns(path, strict=strict)


def cached_verb_patterns(path: Path, *, strict: bool = False) -> VerbPatterns:
    """:func:`load_verb_patterns`, once per file version per process. Not strict by default:
    the published ``CAMEO.2.0.txt`` has a few malformed patterns, which PETRARCH skips too."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise DictionaryError(f"cannot read verb dictionary {path}: {exc}") from exc
    return _load_cached(path.resolve(), mtime, strict)


def patterns_for(settings: Settings) -> VerbPatterns | None:
    """The verb dictionary a run uses: ``verb_patterns``, else ``CAMEO.2.0.txt`` in
    ``dictionaries`` when that folder holds one, else None (built-in lexicon only)."""
    if settings.verb_patterns is not None:
        if not settings.verb_patterns.is_file():
            raise DictionaryError(f"verb dictionary {settings.verb_patterns} is not a file")
        return cached_verb_patterns(settings.verb_patterns)
    if settings.dictionaries is not None and (settings.dictionaries / VERB_FILE).is_file():
        return cached_verb_patterns(settings.dictionaries / VERB_FILE)
    return None


def load_verb_patterns(path: Path, *, strict: bool = True) -> VerbPatterns:
    """Parse a ``CAMEO.2.0.txt``-format file; a bad line raises DictionaryError naming file:line
    (with ``strict=False``, bad verb and pattern lines are skipped and listed in ``problems``)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"cannot read verb dictionary {path}: {exc}") from exc
    return parse_verb_patterns(text.splitlines(), origin=str(path), strict=strict)


def parse_verb_patterns(lines: Iterable[str], *, origin: str, strict: bool = True) -> VerbPatterns:
    """Parse dictionary lines. ``strict``: a bad line raises DictionaryError naming origin:line;
    otherwise bad verb and pattern lines are skipped and listed in ``problems`` (a bad block
    header or code on one still raises, since what follows it would be misread)."""
    started = time.perf_counter()
    parser = _Parser(origin, strict=strict)
    for number, raw in enumerate(lines, start=1):
        if raw.lstrip().startswith("-") and not raw.startswith("---"):
            parser.guarded_feed(raw, number)
        elif raw.startswith("---") or raw.startswith("&"):
            parser.feed(raw, number)
        else:
            parser.guarded_feed(raw, number)
    return parser.result(time.perf_counter() - started)


class _Parser:
    def __init__(self, origin: str, *, strict: bool) -> None:
        self.origin = origin
        self.strict = strict
        self.problems: list[str] = []
        self.synsets: dict[str, list[tuple[str, ...]]] = {}
        self.synset: str | None = None
        self.block: str | None = None
        self.block_code = Code(None)
        self.verbs: dict[str, list[VerbEntry]] = {}
        self.forms: dict[str, list[VerbEntry]] = {}
        self.patterns: dict[str, list[VerbPattern]] = {}
        self.pending: list[tuple[str, int, str]] = []  # patterns, parsed once all synsets are known
        self.skipped = 0
        self.done = False

    def error(self, number: int, message: str) -> DictionaryError:
        return DictionaryError(f"{self.origin}:{number}: {message}")

    def guarded_feed(self, raw: str, number: int) -> None:
        try:
            self.feed(raw, number)
        except DictionaryError as exc:
            if self.strict:
                raise
            self.problems.append(str(exc))

    def feed(self, raw: str, number: int) -> None:
        if self.done:
            return
        if raw.startswith("#"):
            if "TRANSFORMATIONS" in raw:
                self.done = True
            return
        line = re.split(r"[#;]", raw, maxsplit=1)[0].strip()  # ";": the legacy TABARI comment
        if not line:
            self.synset = None
            return
        if line.startswith("&"):
            self._synset(line, number)
        elif line.startswith("---"):
            self._block(line, number)
        elif line.startswith("-"):
            if self.block is None:
                raise self.error(number, "pattern line outside a verb block")
            self.pending.append((line, number, self.block))
        elif line.startswith("+") and self.synset is not None:
            phrase = line[1:].strip()
            if not phrase:
                raise self.error(number, "empty synset entry")
            self._synset_entry(phrase)
        elif line.startswith("~"):
            return
        else:
            self._verb(line, number)

    def _synset(self, line: str, number: int) -> None:
        name = line.split()[0]
        if len(name) < 2:
            raise self.error(number, f"bad synset label {line!r}")
        self.synset = name
        self.synsets.setdefault(name.rstrip("_").upper(), [])

    def _synset_entry(self, phrase: str) -> None:
        assert self.synset is not None
        entries = self.synsets[self.synset.rstrip("_").upper()]
        no_plural = phrase.endswith(("_", "s", "S")) or self.synset.endswith("_")
        words = tuple(w.lower() for w in re.split(r"[\s_]+", phrase.strip("_")) if w)
        if not words:
            return
        entries.append(words)
        if not no_plural:
            entries.append((*words[:-1], _plural(words[-1])))

    def _block(self, line: str, number: int) -> None:
        found = _BLOCK.match(line)
        if found is None:
            raise self.error(
                number, f"bad verb block header {line!r} (want '---  NAME  [CODE]  ---')"
            )
        self.synset = None
        self.block = f"{found['name'].strip()}@{number}"
        self.block_code = self._code(found["code"], number)

    def _code(self, text: str, number: int) -> Code:
        primary, _, reverse = text.strip().partition(":")
        parts = []
        for part in (primary.strip(), reverse.strip()):
            if _CODE_PART.fullmatch(part) is None:
                raise self.error(number, f"bad CAMEO code [{text}]")
            parts.append(part if part and part != NULL_CODE else None)
        return Code(parts[0], parts[1])

    def _verb(self, line: str, number: int) -> None:
        if self.block is None:
            raise self.error(number, f"verb {line!r} outside a verb block")
        self.synset = None
        code = self.block_code
        codes = _CODE.findall(line)
        if len(codes) > 1:
            raise self.error(number, "more than one code on a verb line")
        if codes:
            code = self._code(codes[0], number)
            line = _CODE.sub(" ", line)
        forms: list[str] = []
        found = _FORMS.search(line)
        if found is not None:
            forms = [f.lstrip("+").replace("_", " ").lower() for f in found["forms"].split()]
            line = line[: found.start()] + line[found.end() :]
        if "{" in line or "}" in line or "[" in line or "]" in line:
            raise self.error(number, f"unbalanced brackets in verb line {line.strip()!r}")
        head = line.split()
        if len(head) != 1:
            raise self.error(number, f"a verb line holds one verb, got {line.strip()!r}")
        words = tuple(w.lower() for w in head[0].lstrip("+").split("_") if w)
        if not words or not all(re.fullmatch(r"[a-z][a-z'.-]*", w) for w in words):
            raise self.error(number, f"bad verb {head[0]!r}")
        all_forms = {" ".join(words), *forms, *_regular_forms(words)}
        entry = VerbEntry(words, frozenset(all_forms), code, self.block, number)
        self.verbs.setdefault(words[0], []).append(entry)
        for form in all_forms:
            first = form.split()[0]
            if first != words[0]:
                self.forms.setdefault(first, []).append(entry)

    def result(self, seconds: float) -> VerbPatterns:
        synsets = {k: tuple(v) for k, v in self.synsets.items()}
        for line, number, block in self.pending:
            try:
                pattern = self._pattern(line, number, block, synsets)
            except DictionaryError as exc:
                if self.strict:
                    raise
                self.problems.append(str(exc))
                continue
            if pattern is None:
                self.skipped += 1
            else:
                self.patterns.setdefault(pattern.block, []).append(pattern)
        ordered = {
            block: tuple(sorted(found, key=lambda p: -p.specificity))
            for block, found in self.patterns.items()
        }
        return VerbPatterns(
            origin=self.origin,
            verbs=MappingProxyType({k: tuple(v) for k, v in self.verbs.items()}),
            forms=MappingProxyType({k: tuple(v) for k, v in self.forms.items()}),
            patterns=MappingProxyType(ordered),
            synsets=MappingProxyType(synsets),
            skipped=self.skipped,
            problems=tuple(self.problems),
            seconds=seconds,
        )

    def _pattern(
        self,
        line: str,
        number: int,
        block: str,
        synsets: Mapping[str, tuple[tuple[str, ...], ...]],
    ) -> VerbPattern | None:
        codes = _CODE.findall(line)
        if len(codes) != 1:
            raise self.error(number, "a pattern line needs exactly one [CODE]")
        code = self._code(codes[0], number)
        body = _CODE.sub(" ", line)[1:].strip()
        text = " ".join(body.split())
        # "SPY_*_DEAL", "*_LAWS", "*SCEPTICAL": the verb marker glued to its neighbours.
        spaced = re.sub(r"_?\*_?", " * ", body)
        if spaced.count("*") != 1:
            raise self.error(number, f"a pattern needs exactly one '*' (the verb): {text!r}")
        before_text, _, after_text = spaced.partition("*")
        try:
            before = _items(before_text, synsets)
            after = _items(after_text, synsets)
        except _UndefinedSynsetError:
            return None  # as PETRARCH does: a pattern using an undefined synset is ignored
        except ValueError as exc:
            raise self.error(number, f"{exc} in pattern {text!r}") from exc
        return VerbPattern(block, before, after, code, text, number)


class _UndefinedSynsetError(Exception):
    pass


def _items(
    text: str, synsets: Mapping[str, tuple[tuple[str, ...], ...]]
) -> tuple[PatternItem, ...]:
    """Tokenise one side of a pattern into items."""
    items: list[PatternItem] = []
    depth_paren = 0
    phrase: list[str] | None = None
    for token in re.findall(r"[(){}]|[^\s(){}]+", text):
        if token == "(":
            if depth_paren or phrase is not None:
                raise ValueError("nested '('")
            depth_paren = 1
        elif token == ")":
            if not depth_paren or phrase is not None:
                raise ValueError("unbalanced ')'")
            depth_paren = 0
        elif token == "{":
            if phrase is not None:
                raise ValueError("nested '{'")
            phrase = []
        elif token == "}":
            if phrase is None:
                raise ValueError("unbalanced '}'")
            if phrase:
                items.append(PatternItem("words", (tuple(phrase),), bool(depth_paren), True))
            phrase = None
        elif phrase is not None:
            if token.startswith("&") or token in _SLOTS:
                # A synset inside a phrase ({&MILITARY AID}): the phrase becomes loose items.
                items.append(PatternItem("words", (tuple(phrase),), bool(depth_paren), True))
                phrase = []
                items.append(_item(token, synsets, bool(depth_paren)))
            else:
                phrase.extend(w.lower() for w in token.split("_") if w)
        else:
            items.append(_item(token, synsets, bool(depth_paren)))
    if depth_paren or phrase is not None:
        raise ValueError("unbalanced brackets")
    return tuple(i for i in items if i.kind != "words" or all(i.alternatives))


def _item(
    token: str, synsets: Mapping[str, tuple[tuple[str, ...], ...]], in_prep: bool
) -> PatternItem:
    if token in _SLOTS:
        return PatternItem(_SLOTS[token], (), in_prep)
    if token.startswith("&"):
        name = token.rstrip("_").upper()[1:]
        entries = synsets.get("&" + name)
        if entries is None:
            raise _UndefinedSynsetError(token)
        return PatternItem("words", entries, in_prep)
    alternatives = tuple(
        tuple(w.lower() for w in alt.split("_") if w) for alt in token.split("/") if alt
    )
    if not alternatives or not all(alternatives):
        raise ValueError(f"bad word {token!r}")
    return PatternItem("words", alternatives, in_prep)


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ss", "s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _regular_forms(words: tuple[str, ...]) -> set[str]:
    """-s, -ed and -ing forms of the verb word (the rest of a multi-word verb kept)."""
    verb, rest = words[0], words[1:]
    stem = verb[:-1] if verb.endswith("e") else verb
    past = verb + "d" if verb.endswith("e") else verb + "ed"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        past, third = verb[:-1] + "ied", verb[:-1] + "ies"
    else:
        third = _plural(verb)
    return {" ".join((form, *rest)) for form in (third, past, stem + "ing")}


# --- matching ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Word:
    """What matching needs of a token: lower-cased text and lemma, and its position."""

    text: str
    lemma: str
    i: int


def _item_at(item: PatternItem, words: Sequence[Word], start: int) -> int | None:
    """Index after the first occurrence of ``item`` at or after ``start``, or None."""
    best: int | None = None
    for alternative in item.alternatives:
        end = _find(alternative, words, start, 1 if item.loose else 0)
        if end is not None and (best is None or end < best):
            best = end
    return best


def _find(sequence: tuple[str, ...], words: Sequence[Word], start: int, gap: int) -> int | None:
    for first in range(start, len(words)):
        if not _same(sequence[0], words[first]):
            continue
        position, ok = first + 1, True
        for wanted in sequence[1:]:
            limit = min(len(words), position + gap + 1)
            hit = next((j for j in range(position, limit) if _same(wanted, words[j])), None)
            if hit is None:
                ok = False
                break
            position = hit + 1
        if ok:
            return position
    return None


def _same(wanted: str, word: Word) -> bool:
    return wanted == word.text or wanted == word.lemma


def _matches(items: tuple[PatternItem, ...], words: Sequence[Word]) -> bool:
    position = 0
    for item in items:
        if item.kind != "words":
            continue
        end = _item_at(item, words, position)
        if end is None:
            return False
        position = end
    return True


def match_verb(
    patterns: VerbPatterns,
    *,
    lemma: str,
    text: str,
    before: Sequence[Word],
    after: Sequence[Word],
    following: Sequence[Word],
) -> Match | None:
    """The best dictionary reading of a verb token.

    ``before``: the sentence's tokens left of the verb; ``after``: the verb's subtree right of
    the verb; ``following``: the sentence's tokens right after the verb (for multi-word verbs).
    The longest matching pattern wins, else the verb's default code; None when neither codes.
    """
    best: Match | None = None
    best_rank = (-1, -1)
    for entry in patterns.entries(lemma, text):
        rest = entry.words[1:]
        if rest and not all(
            i < len(following) and _same(w, following[i]) for i, w in enumerate(rest)
        ):
            continue
        remaining = after[len(rest) :] if rest else after
        for pattern in patterns.patterns.get(entry.block, ()):
            rank = (pattern.specificity, len(rest))
            if rank <= best_rank:
                continue
            if _matches(pattern.after, remaining) and _matches(pattern.before, before):
                best, best_rank = Match(entry, pattern, pattern.code), rank
                break  # patterns are sorted by specificity: the first hit is this entry's best
        if best_rank < (0, len(rest)) and (entry.code.primary or entry.code.reverse):
            best, best_rank = Match(entry, None, entry.code), (0, len(rest))
    if best is None or best.code.null:
        return None
    return best
