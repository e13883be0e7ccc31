"""The trigger-model trainer (training/train_triggers.py): labels, learning, calibration, scoring."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from eventwire.events.triggers import feature_ids
from eventwire.settings import Settings

TRAINING = Path(__file__).resolve().parents[2] / "training"


@pytest.fixture(scope="module")
def trainer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eventwire_training_triggers", TRAINING / "train_triggers.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_verb_and_noun_of_a_trigger_phrase_is_labelled(trainer: ModuleType) -> None:
    text = "Chad held talks with Niger on Monday."
    (article,) = trainer.parse([text], Settings())
    start = text.index("held talks")
    tokens = trainer.label_tokens(article, [(start, start + len("held talks"), "CONSULT")])
    labelled = {lt.token.text: lt.types for lt in tokens}
    assert labelled["held"] == labelled["talks"] == frozenset({"CONSULT"})
    assert labelled["Monday"] == frozenset()  # a negative
    ignored = trainer.label_tokens(article, [], ignored=[(start, start + 4)])
    assert {lt.token.text: lt.types for lt in ignored}["held"] is None  # neither


def _example(trainer: ModuleType, features: list[str], types: set[str]) -> object:
    ids = feature_ids(features, trainer.BUCKETS)
    return trainer.Example(ids, frozenset(types), "g", (0, 10), 0, features[0])


def test_training_separates_positives_from_negatives(trainer: ModuleType) -> None:
    examples = [
        _example(trainer, ["l=shell", "bias"], {"ASSAULT"}),
        _example(trainer, ["l=town", "bias"], set()),
    ] * 20
    model = trainer.train(examples, epochs=5)
    scores = model.scores([examples[0].ids, examples[1].ids])
    j = model.labels.index("ASSAULT")
    assert scores[0, j] > 0 > scores[1, j]
    calibration = trainer.fit_platt(scores, trainer._targets(examples[:2]))
    assert calibration[j, 0] > 0  # higher score, higher probability


def test_sentence_scores_count_types_once_per_sentence(trainer: ModuleType) -> None:
    corpus = trainer.Corpus(gold={("g", (0, 10)): {"ASSAULT"}})
    examples = [
        _example(trainer, ["l=shell"], {"ASSAULT"}),
        _example(trainer, ["l=bomb"], {"ASSAULT"}),
    ]
    n = len(trainer.LABELS)
    probs = np.zeros((2, n), dtype=np.float32)
    probs[:, trainer.LABELS.index("ASSAULT")] = 0.9
    assert trainer.sentence_prf(examples, probs, np.full(n, 0.5), corpus) == (1, 1, 1)
    assert trainer.sentence_prf(examples, probs, np.full(n, 0.95), corpus) == (0, 1, 0)


def test_the_base_the_model_adds_to_is_the_rule_coder_alone(
    trainer: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: the default pipeline runs the shipped model, which has seen the tune stories;
    counting its events as the rules' leaked them into the cross-validation."""
    seen: list[Settings] = []

    class Recorder:
        def __init__(self, settings: Settings) -> None:
            seen.append(settings)

        def process(self, articles: object) -> list[object]:
            return []

    monkeypatch.setattr(trainer, "Pipeline", Recorder)
    trainer.rule_types(trainer.Corpus(), [], Settings())
    assert seen == [Settings().with_stage("events", coders=["rule"], merge="first")]
