"""Word-vector features of the trigger model: what a word means, for words it never saw.

The hashed parse features of :mod:`eventwire.events.triggers` know a word only if the training
data had it ("barred" says nothing when only "banned" was seen). Static word vectors place
similar words near each other, so the model also scores three words of each candidate by their
vectors: the candidate itself, its syntactic head, and its direct object (or passive subject).

The vectors are those of spaCy's ``en_core_web_md`` (MIT; 20,000 rows shared by about 250,000
lower-case words). The model never stores them: ``make train`` learns a linear layer on them and
keeps only its product with every row (a few numbers per row and type), with the words' keys.
So a candidate's vector score is three table look-ups, and the vectors' package is needed only
to train.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from eventwire.events.triggers import DocTable

#: The words of a candidate that are looked up, in the order of the table's first axis.
PARTS: Final = ("word", "head", "object")
#: Dependents that count as a candidate's object.
_OBJECT_DEPS: Final = frozenset({"dobj", "nsubjpass"})

IntArray = npt.NDArray[np.int64]
KeyArray = npt.NDArray[np.uint64]
RowArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]


def vector_parts(head: Sequence[int], dep: Sequence[str]) -> IntArray:
    """(tokens, parts) token indices of every token's parts: itself, its head (-1 for a root)
    and its first direct object or passive subject (-1: none)."""
    n = len(head)
    own = np.arange(n, dtype=np.int64)
    heads = np.asarray(head, dtype=np.int64).reshape(n)
    parts: IntArray = np.stack([own, np.where(heads == own, -1, heads), np.full(n, -1)], axis=1)
    for i in reversed([i for i, d in enumerate(dep) if d in _OBJECT_DEPS]):
        if heads[i] != i:  # the first object of a head wins: it is written last
            parts[heads[i], 2] = i
    return parts


@dataclass(frozen=True)
class WordRows:
    """Which vector row a word has: ``keys`` are the sorted string hashes (spaCy's) of the
    lower-case words, ``rows`` their row; a word with no row gets ``missing``."""

    keys: KeyArray
    rows: RowArray
    missing: int

    def lookup(self, lower: KeyArray, lemma: KeyArray) -> RowArray:
        """The row of each word: by its lower-case form, else by its lemma, else ``missing``."""
        out = np.full(len(lower), self.missing, dtype=np.int32)
        for keys in (lemma, lower):  # the lower-case form wins: it is written last
            if not len(self.keys):
                break
            at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
            found = self.keys[at] == keys
            out[found] = self.rows[at[found]]
        return out

    def token_rows(self, table: DocTable) -> RowArray:
        """The row of every token of the table's doc, and ``missing`` once more at the end
        (where a part of -1, no such word, points)."""
        rows = self.lookup(table.lower_key, table.lemma_key)
        return np.append(rows, np.int32(self.missing))

    def candidate_rows(
        self, table: DocTable, indices: Sequence[int], token_rows: RowArray | None = None
    ) -> RowArray:
        """(candidates, parts) rows of every candidate's word, head and object; ``token_rows``:
        :meth:`token_rows` of the table, if already looked up."""
        rows = self.token_rows(table) if token_rows is None else token_rows
        found: RowArray = rows[table.parts[np.asarray(indices, dtype=np.int64)]]
        return found


@dataclass(frozen=True)
class VectorScores:
    """The vector layer of a trained model: ``table[p, r]`` is the score vector (one value per
    type) that row ``r`` adds in part ``p``; the last row is the missing word's."""

    words: WordRows
    table: FloatArray  # (parts, rows + 1, labels)

    def scores(
        self, table: DocTable, indices: Sequence[int], token_rows: RowArray | None = None
    ) -> FloatArray:
        """(candidates, labels) scores added by the candidates' word vectors (``token_rows``:
        :meth:`WordRows.token_rows` of the table, if already looked up)."""
        return self.row_scores(self.words.candidate_rows(table, indices, token_rows))

    def row_scores(self, rows: RowArray) -> FloatArray:
        """(candidates, labels) scores of candidates given as their (candidates, parts) rows."""
        out: FloatArray = self.table[0, rows[:, 0]].copy()
        for part in range(1, len(PARTS)):
            out += self.table[part, rows[:, part]]
        return out
