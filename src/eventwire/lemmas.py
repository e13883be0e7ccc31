"""spaCy's rule lemmatizer with each lemma remembered by what it depends on: its answer, faster.

spaCy's ``lemmatizer`` (mode ``rule``) works token by token in Python: for each token it builds
the token object, reads its text, part of speech and morphology, asks its cache (which keeps
only lemmas found through the rule tables, not the many base forms) and sets the lemma as a
string. That was about 5% of the parse of a news story. A lemma depends on nothing but the
token's spelling (``ORTH``), part of speech (``POS``) and morphology (``MORPH``), the key of
spaCy's own cache; :class:`LemmaMemo` reads those three of every token at once
(``Doc.to_array``), asks the lemmatizer only about a key it has not seen, and writes the lemmas
back at once (``Doc.from_array``). Tokens that already have a lemma (an attribute-ruler
exception) keep it, as with spaCy's ``overwrite = False``.
"""

from __future__ import annotations

import functools
from typing import Any, Final

#: Keys the memo holds before it starts again (a few tens of MB).
MEMO_KEYS: Final = 500_000


class LemmaMemo:
    """A rule lemmatizer's lemmas by (spelling, part of speech, morphology); call it on a doc."""

    def __init__(self, lemmatizer: Any) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        self.lemmatizer = lemmatizer
        self._attrs = [ORTH, POS, MORPH, LEMMA]
        self._lemma = [LEMMA]
        self._known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        if len(doc) == 0:
            return doc
        rows = doc.to_array(self._attrs)
        known = self._known
        if len(known) > MEMO_KEYS:
            known.clear()
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma != 0:
                continue
            found = known.get((orth, pos, morph))
            if found is None:
                text = self.lemmatizer.lemmatize(doc[i])[0]
                found = known[orth, pos, morph] = doc.vocab.strings.add(text)
            lemmas[i] = found
        doc.from_array(self._lemma, lemmas.reshape(-1, 1))
        return doc


def memoise_lemmatizer(nlp: Any) -> bool:
    """Let the pipeline's ``lemmatizer`` set its lemmas through a :class:`LemmaMemo` (it stays
    in its place, as the same object); ``False`` (spaCy's own stays) unless it is a rule
    lemmatizer that keeps lemmas already set."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return False
    lemmatizer.eventwire_memo = LemmaMemo(lemmatizer)
    kind: Any = type(lemmatizer)
    lemmatizer.__class__ = _memoised(kind)
    return True


@functools.cache
def _memoised(cls: type) -> type:
    """``cls`` whose call on a doc goes through the instance's :class:`LemmaMemo` (``pipe``
    calls it doc by doc)."""

    def __call__(self: Any, doc: Any) -> Any:
        return self.eventwire_memo(doc)

    return type(f"Memoised{cls.__name__}", (cls,), {"__call__": __call__})
