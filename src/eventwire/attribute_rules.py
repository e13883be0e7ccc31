"""The attribute ruler's rules matched through an index: spaCy's answer, in less time.

spaCy's ``attribute_ruler`` (tag → part of speech and morphology, and exceptions) finds its
rules' matches with a general :class:`spacy.matcher.Matcher`: 179 one- and two-token patterns
in ``en_core_web_sm``, tried at every token. That was a tenth of the parse of a news story, more
than the parser itself. :class:`RuleIndex` files each pattern under the value its first token
needs (its lower-case form, else its tag, else its dependency label), so at a token only the
few patterns filed under its own values are tried, and returns the matches in the ruler's own
form and order; the ruler then sets the attributes as it always does.

Only patterns of the kinds the model uses are taken (``LOWER``, ``TAG``, ``DEP``, ``IS_SPACE``;
a value, ``IN``, ``NOT_IN`` or ``REGEX``; no operators). A ruler with any other pattern keeps
spaCy's matcher (:func:`index_attribute_ruler` says which).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

#: Token attributes the index reads (:meth:`RuleIndex.match` reads them in this order).
_KEYS: Final = ("LOWER", "TAG", "DEP", "IS_SPACE")
#: Attributes a pattern is filed under, in order of preference (the most selective first).
_FILED_BY: Final = ("LOWER", "TAG", "DEP")
#: Windows of token values the index remembers the matches of before it starts again.
MEMO_WINDOWS: Final = 500_000


class UnsupportedPattern(ValueError):
    """A pattern the index does not take (the ruler keeps spaCy's matcher)."""


@dataclass(frozen=True, slots=True)
class _Condition:
    key: int  # index into _KEYS
    kind: str  # eq | in | not_in | regex
    value: Any

    def holds(self, values: Sequence[object]) -> bool:
        found = values[self.key]
        if self.kind == "eq":
            return bool(found == self.value)
        if self.kind == "in":
            return found in self.value
        if self.kind == "not_in":
            return found not in self.value
        return isinstance(found, str) and self.value.search(found) is not None


@dataclass(frozen=True, slots=True)
class _Pattern:
    attr_id: int
    match_id: int
    tokens: tuple[tuple[_Condition, ...], ...]

    def matches_at(self, rows: Sequence[Sequence[object]], start: int) -> bool:
        if start + len(self.tokens) > len(rows):
            return False
        return all(
            condition.holds(rows[start + k])
            for k, conditions in enumerate(self.tokens)
            for condition in conditions
        )


def _condition(key: str, value: object) -> _Condition:
    if key not in _KEYS:
        raise UnsupportedPattern(f"attribute {key}")
    index = _KEYS.index(key)
    if isinstance(value, bool | str):
        return _Condition(index, "eq", value)
    if isinstance(value, dict) and len(value) == 1:
        ((operator, argument),) = value.items()
        if operator == "IN":
            return _Condition(index, "in", frozenset(argument))
        if operator == "NOT_IN":
            return _Condition(index, "not_in", frozenset(argument))
        if operator == "REGEX" and isinstance(argument, str):
            return _Condition(index, "regex", re.compile(argument))
    raise UnsupportedPattern(f"{key}: {value!r}")


class RuleIndex:
    """The patterns of an attribute ruler filed by their first token's values."""

    def __init__(self, patterns: Iterable[_Pattern]) -> None:
        self._filed: dict[tuple[int, object], list[_Pattern]] = {}
        self._anywhere: list[_Pattern] = []
        self._keys = [_KEYS.index(k) for k in _FILED_BY]
        self._memo: dict[tuple[tuple[int, ...], ...], tuple[tuple[int, int, int], ...]] = {}
        width = 1
        for pattern in patterns:
            width = max(width, len(pattern.tokens))
            first = {c.key: c for c in pattern.tokens[0]}
            filed = next(
                (
                    first[k]
                    for k in map(_KEYS.index, _FILED_BY)
                    if k in first and first[k].kind in ("eq", "in")
                ),
                None,
            )
            if filed is None:
                self._anywhere.append(pattern)
                continue
            values = [filed.value] if filed.kind == "eq" else sorted(filed.value)
            for value in values:
                self._filed.setdefault((filed.key, value), []).append(pattern)
        self._width = width  # tokens the longest pattern spans

    @classmethod
    def of(cls, ruler: Any) -> RuleIndex:
        """The index of a spaCy ``AttributeRuler`` (:class:`UnsupportedPattern` when one of its
        patterns is of a kind the index does not take)."""
        found: list[_Pattern] = []
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = ruler.vocab.strings[str(attr_id)]
            for tokens in entry["patterns"]:
                if not tokens or any("OP" in token for token in tokens):
                    raise UnsupportedPattern("an empty pattern or an operator")
                conditions = tuple(
                    tuple(_condition(key, value) for key, value in token.items())
                    for token in tokens
                )
                found.append(_Pattern(attr_id, match_id, conditions))
        return cls(found)

    def match(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """``(attr_id, match_id, start, end)`` of every match, sorted: what
        ``AttributeRuler.match`` returns.

        The matches at a token depend only on the values of the tokens a pattern can span from
        it: each such window is worked out once (:meth:`_window`) and remembered."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        rows = [tuple(row) for row in doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()]
        if len(self._memo) > MEMO_WINDOWS:
            self._memo.clear()
        memo, strings = self._memo, doc.vocab.strings
        # Each token's window: its values and those of the tokens after it (``()`` past the end).
        padded, n = rows + [()] * (self._width - 1), len(rows)
        windows = zip(*(padded[k : k + n] for k in range(self._width)), strict=True)
        found: list[tuple[int, int, int, int]] = []
        for start, window in enumerate(windows):
            matched = memo.get(window)
            if matched is None:
                matched = memo[window] = self._window(window, strings)
            for attr_id, match_id, length in matched:
                found.append((attr_id, match_id, start, start + length))
        found.sort()
        return found

    def _window(
        self, window: tuple[tuple[int, ...], ...], strings: Any
    ) -> tuple[tuple[int, int, int], ...]:
        """``(attr_id, match_id, length)`` of the patterns matching at the first token of a
        window of token values (hashes of the lower-case form, tag and dependency label, and
        whether it is a space)."""
        rows = [
            (strings[low], strings[tag], strings[dep], bool(space))
            for low, tag, dep, space in (values for values in window if values)
        ]
        first = rows[0]
        candidates = [
            pattern for key in self._keys for pattern in self._filed.get((key, first[key]), ())
        ]
        return tuple(
            (pattern.attr_id, pattern.match_id, len(pattern.tokens))
            for pattern in (*candidates, *self._anywhere)
            if pattern.matches_at(rows, 0)
        )


def index_attribute_ruler(nlp: Any) -> bool:
    """Let the pipeline's ``attribute_ruler`` find its matches through a :class:`RuleIndex`
    (its attributes are set as before); ``False`` when there is no ruler or the index does not
    take its patterns (spaCy's matcher stays)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        index = RuleIndex.of(ruler)
    except UnsupportedPattern:
        return False
    ruler.match = index.match
    ruler.set_annotations = functools.partial(_set_annotations, ruler, ruler.set_annotations)
    return True


def _set_annotations(
    ruler: Any, spacys: Any, doc: Any, matches: Sequence[tuple[int, int, int, int]]
) -> None:
    """The ruler's ``set_annotations``: each match's attributes set on its token, in order, as
    spaCy does, without the span spaCy makes for each; a match whose token index falls outside
    it goes to spaCy's own (``spacys``), which raises its error."""
    from spacy.tokens._retokenize import set_token_attrs

    indices, attrs = ruler.indices, ruler.attrs
    targets: list[int] = []
    for attr_id, _, start, end in matches:
        index = indices[attr_id]
        target = start + index if index >= 0 else end + index
        if not start <= target < end:
            spacys(doc, matches)
            return
        targets.append(target)
    for (attr_id, _, _, _), target in zip(matches, targets, strict=True):
        set_token_attrs(doc[target], attrs[attr_id])
