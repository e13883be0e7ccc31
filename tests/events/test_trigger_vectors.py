"""The trigger model's word-vector layer: which row a word takes, and what the layer adds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from spacy.strings import hash_string

from eventwire.events.learned import LearnedCoder, LexiconCodes
from eventwire.events.nouns import parse_nouns
from eventwire.events.trigger_vectors import PARTS, VectorScores, WordRows, vector_parts
from eventwire.events.triggers import DocTable, TriggerModel
from eventwire.events.verbs import parse_verbs
from eventwire.lang import language_data

LABELS = ("ASSAULT", "SANCTION")
HandDoc = Callable[[list[tuple[str, int, str, str, str, str]]], Any]
HandContext = Callable[..., Any]
NO_CODES = LexiconCodes(parse_verbs([], origin="none"), parse_nouns([], [], origin="none"))

BARRED = [
    ("Officials", 1, "nsubj", "NOUN", "NNS", "official"),
    ("barred", 1, "ROOT", "VERB", "VBD", "bar"),
    ("imports", 1, "dobj", "NOUN", "NNS", "import"),
]


def _words(rows: dict[str, int], missing: int = 3) -> WordRows:
    keys = sorted(np.uint64(hash_string(w)) for w in rows)
    by_key = {np.uint64(hash_string(w)): r for w, r in rows.items()}
    return WordRows(
        np.array(keys, dtype=np.uint64),
        np.array([by_key[k] for k in keys], dtype=np.int32),
        missing,
    )


def test_a_word_takes_its_own_row_else_its_lemmas_else_the_missing_one() -> None:
    words = _words({"barred": 0, "bar": 1, "imports": 2})
    lower = np.array([hash_string(w) for w in ("barred", "bars", "tea")], dtype=np.uint64)
    lemma = np.array([hash_string(w) for w in ("bar", "bar", "tea")], dtype=np.uint64)
    assert words.lookup(lower, lemma).tolist() == [0, 1, 3]
    empty = WordRows(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32), 7)
    assert empty.lookup(lower, lemma).tolist() == [7, 7, 7]


def test_parts_are_the_word_its_head_and_its_object(hand_doc: HandDoc) -> None:
    table = DocTable.of(hand_doc(BARRED))
    assert table.parts[1].tolist() == [1, -1, 2]  # the root has no head
    assert table.parts[0].tolist() == [0, 1, -1]
    rows = _words({"barred": 0, "imports": 2, "official": 1}).candidate_rows(table, [1, 0])
    assert rows.tolist() == [[0, 3, 2], [1, 0, 3]]  # "officials" by its lemma


def _vector_model(words: WordRows) -> TriggerModel:
    """No parse-feature weights: only the word row 0 ("barred") in the word part scores
    SANCTION."""
    n = len(LABELS)
    table = np.zeros((len(PARTS), words.missing + 1, n), dtype=np.float32)
    table[0, 0, LABELS.index("SANCTION")] = 6.0
    return TriggerModel(
        labels=LABELS,
        weights=np.zeros((1 << 10, n), dtype=np.float32),
        bias=np.full(n, -3.0, dtype=np.float32),
        calibration=np.tile(np.array([1.0, 0.0], dtype=np.float32), (n, 1)),
        thresholds=np.full(n, 0.5, dtype=np.float32),
        meta={},
        vectors=VectorScores(words, table),
    )


def test_the_vector_layer_adds_its_rows_scores(hand_doc: HandDoc) -> None:
    table = DocTable.of(hand_doc(BARRED))
    model = _vector_model(_words({"barred": 0}))
    assert model.vectors is not None
    scores = model.vectors.scores(table, [1, 2])
    assert scores[0].tolist() == [0.0, 6.0] and scores[1].tolist() == [0.0, 0.0]


def test_the_coder_finds_a_word_by_its_vector(hand_doc: HandDoc, hand_context: HandContext) -> None:
    context = hand_context(hand_doc(BARRED), [])
    model = _vector_model(_words({"barred": 0}))
    coder = LearnedCoder(model, lang=language_data("en"), codes=NO_CODES)
    assert [(t.text, kind) for t, kind, _ in coder.detect(context)] == [("barred", "SANCTION")]
    plain = LearnedCoder(
        TriggerModel(LABELS, model.weights, model.bias, model.calibration, model.thresholds, {}),
        lang=language_data("en"),
        codes=NO_CODES,
    )
    assert plain.detect(context) == []  # without the layer, nothing


def test_a_model_with_vectors_round_trips(tmp_path: Path) -> None:
    model = _vector_model(_words({"barred": 0, "bar": 1}))
    model.save(tmp_path / "m.npz")
    loaded = TriggerModel.load(tmp_path / "m.npz")
    assert loaded.vectors is not None and model.vectors is not None
    assert np.array_equal(loaded.vectors.words.keys, model.vectors.words.keys)
    assert np.array_equal(loaded.vectors.words.rows, model.vectors.words.rows)
    assert loaded.vectors.words.missing == 3
    assert np.allclose(loaded.vectors.table, model.vectors.table)


def test_a_model_without_vectors_loads_without_them(tmp_path: Path) -> None:
    model = _vector_model(_words({"barred": 0}))
    bare = TriggerModel(LABELS, model.weights, model.bias, model.calibration, model.thresholds, {})
    bare.save(tmp_path / "bare.npz")
    assert TriggerModel.load(tmp_path / "bare.npz").vectors is None


def test_the_shipped_model_has_a_vector_layer() -> None:
    from eventwire.events.triggers import builtin_trigger_model

    model = builtin_trigger_model()
    assert model.vectors is not None
    assert model.vectors.table.shape == (len(PARTS), model.vectors.words.missing + 1, 16)
    assert len(model.vectors.words.keys) > 100_000


def test_a_heads_first_object_is_its_object_part() -> None:
    parts = vector_parts([1, 1, 1, 1, 3], ["nsubj", "ROOT", "dobj", "dobj", "nsubjpass"])
    assert parts[:, 1].tolist() == [1, -1, 1, 1, 3]
    assert parts[:, 2].tolist() == [-1, 2, -1, 4, -1]
