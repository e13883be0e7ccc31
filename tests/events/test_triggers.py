"""The trigger features read from the doc's token table are the per-token features (issue 18)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from eventwire.events.triggers import (
    DocTable,
    feature_ids,
    is_candidate,
    sentence_features,
    sentence_rows,
    table_features,
    token_features,
)
from eventwire.nlp import load_model

TEXT = (
    "Rebels shelled the town of Marib on Monday, officials said. "
    '"We will not withdraw our troops from Ukraine," the Russian minister told reporters. '
    "If talks fail, Iran could impose sanctions on British firms. "
    "The government did not refuse to resume the U.S.-brokered negotiations. "
    "Protesters in Paris called the police crackdown unacceptable."
)
BUCKETS = 1 << 12


@pytest.fixture(scope="module")
def doc() -> Any:
    return load_model("auto")(TEXT)


def test_table_features_are_token_features(doc: Any) -> None:
    """Every token (not only candidates), with and without the sentence's own features, and
    the neighbouring words across sentence boundaries."""
    table = DocTable.of(doc)
    assert table.doc is doc and len(table.lemma) == len(doc)
    for sent in doc.sents:
        shared = sentence_features(sent)
        for token in sent:
            assert table.candidate(token.i) == is_candidate(token)
            assert table_features(table, token.i, shared) == token_features(token, shared)
            assert table_features(table, token.i) == token_features(token)
    assert any(sentence_features(s) for s in doc.sents)  # the quotation is there


def test_sentence_rows_are_feature_ids(doc: Any) -> None:
    for sent in doc.sents:
        shared = sentence_features(sent)
        tokens = [t for t in sent if is_candidate(t)]
        ids, starts = sentence_rows(tokens, BUCKETS, sent)
        bounds = [*starts.tolist(), len(ids)]
        for k, token in enumerate(tokens):
            expected = feature_ids(token_features(token, shared), BUCKETS)
            assert np.array_equal(ids[bounds[k] : bounds[k + 1]], expected)
