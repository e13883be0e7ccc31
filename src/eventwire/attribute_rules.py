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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

#: Token attributes the index reads (:meth:`RuleIndex.match` reads them in this order).
_KEYS: Final = ("LOWER", "TAG", "DEP", "IS_SPACE")
#: Attributes a pattern is filed under, in order of preference (the most selective first).
_FILED_BY: Final = ("LOWER", "TAG", "DEP")


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
        for pattern in patterns:
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
        ``AttributeRuler.match`` returns."""
        rows = [(t.lower_, t.tag_, t.dep_, t.is_space) for t in doc]  # in the order of _KEYS
        found: list[tuple[int, int, int, int]] = []
        filed = self._filed
        keys = [_KEYS.index(k) for k in _FILED_BY]
        for start, row in enumerate(rows):
            for key in keys:
                for pattern in filed.get((key, row[key]), ()):
                    if pattern.matches_at(rows, start):
                        found.append(
                            (pattern.attr_id, pattern.match_id, start, start + len(pattern.tokens))
                        )
            for pattern in self._anywhere:
                if pattern.matches_at(rows, start):
                    found.append(
                        (pattern.attr_id, pattern.match_id, start, start + len(pattern.tokens))
                    )
        found.sort()
        return found


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
    return True
