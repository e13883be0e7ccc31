"""The pipeline cross-validation (training/pipeline_cv.py) and the trainer's fold models."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from eventwire.events.triggers import TriggerModel
from eventwire.labelled import load_labelled, split_of
from eventwire.settings import Settings

LemmaModel = Callable[..., TriggerModel]
TEXT = "Villagers from Tarvos picked apples beside the river on Sunday."


@pytest.fixture(scope="module")
def pipeline_cv(training_module: Callable[[str], ModuleType]) -> ModuleType:
    return training_module("pipeline_cv")


def _tune_ids(count: int) -> list[str]:
    return [sid for sid in (f"cv-{i}" for i in range(200)) if split_of(sid) == "tune"][:count]


def _labelled(folder: Path, ids: list[str]) -> None:
    """Stories of one sentence, each labelled with an ASSAULT at "apples"."""
    start = TEXT.index("apples")
    event = {
        "sentence_start": 0, "sentence_end": len(TEXT), "type": "ASSAULT", "trigger": "apples",
        "trigger_start": start, "trigger_end": start + 6, "source": "", "source_country": "",
        "target": "", "target_country": "", "evidence": TEXT,
    }  # fmt: skip
    stories = [{"id": sid, "title": "Apples", "published": "2025-01-06 10:00:00Z", "text": TEXT}
               for sid in ids]  # fmt: skip
    labels = [{"id": sid, "quotes": [], "events": [event], "notes": ""} for sid in ids]
    for name, rows in (("stories.jsonl", stories), ("labels.jsonl", labels)):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_each_story_runs_with_the_model_of_its_own_fold(
    pipeline_cv: ModuleType, tmp_path: Path, lemma_model: LemmaModel
) -> None:
    ids = _tune_ids(2)
    _labelled(tmp_path, ids)
    folds = tmp_path / "folds"
    folds.mkdir()
    lemma_model({"apple": "ASSAULT"}, 12.0).save(folds / "fold0.npz")  # finds the labelled event
    lemma_model({}).save(folds / "fold1.npz")  # finds nothing
    (folds / "folds.json").write_text(json.dumps({ids[0]: 0, ids[1]: 1}), encoding="utf-8")
    settings = Settings().with_stage("events", coders=["learned"], merge="first")
    stories = load_labelled(tmp_path, "tune")
    scores = pipeline_cv.cross_validated(folds, stories, settings)
    found = scores.events.sentence_type
    assert (found.tp, found.gold, found.predicted) == (1, 2, 1)


def test_a_folder_without_what_the_trainer_writes_is_refused(
    pipeline_cv: ModuleType, tmp_path: Path
) -> None:
    ids = _tune_ids(2)
    _labelled(tmp_path, ids)
    stories = load_labelled(tmp_path, "tune")
    with pytest.raises(pipeline_cv.FoldError, match=r"folds\.json is missing"):
        pipeline_cv.read_folds(tmp_path, stories)
    (tmp_path / "folds.json").write_text(json.dumps({ids[0]: 0}), encoding="utf-8")
    with pytest.raises(
        pipeline_cv.FoldError, match=f"no fold for tune stories {re.escape(ids[1])}"
    ):
        pipeline_cv.read_folds(tmp_path, stories)
    (tmp_path / "folds.json").write_text(json.dumps({ids[0]: 0, ids[1]: 1}), encoding="utf-8")
    with pytest.raises(pipeline_cv.FoldError, match=r"fold0\.npz is missing"):
        pipeline_cv.read_folds(tmp_path, stories)


def test_fold_models_keep_their_weights_and_take_the_shipped_settings(
    tmp_path: Path, lemma_model: LemmaModel, training_module: Callable[[str], ModuleType]
) -> None:
    trainer = training_module("train_triggers")
    shipped = lemma_model({"apple": "ASSAULT"})
    shipped = TriggerModel(
        shipped.labels, shipped.weights, shipped.bias, shipped.calibration * 2,
        np.array([0.3, 0.7], dtype=np.float32), {"confident": 0.4},
    )  # fmt: skip
    folds = [lemma_model({"pear": "COERCE"}), lemma_model({"plum": "ASSAULT"})]
    trainer.save_fold_models(tmp_path, folds, {"a": 0, "b": 1}, shipped)
    for k, fold in enumerate(folds):
        saved = TriggerModel.load(tmp_path / f"fold{k}.npz")
        assert np.allclose(saved.weights, fold.weights)  # the fold's own learning
        assert np.allclose(saved.thresholds, shipped.thresholds)
        assert np.allclose(saved.calibration, shipped.calibration)
        assert saved.meta == {"confident": 0.4, "fold": k}
    assert json.loads((tmp_path / "folds.json").read_text(encoding="utf-8")) == {"a": 0, "b": 1}
