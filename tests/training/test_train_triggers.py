"""The trigger-model trainer (training/train_triggers.py): labels, learning, calibration, scoring."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from eventwire.events.triggers import feature_ids
from eventwire.settings import Settings


@pytest.fixture(scope="module")
def trainer(training_module: Callable[[str], ModuleType]) -> ModuleType:
    return training_module("train_triggers")


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


def test_the_l2_penalty_shrinks_the_weights(trainer: ModuleType) -> None:
    examples = [
        _example(trainer, ["l=shell", "bias"], {"ASSAULT"}),
        _example(trainer, ["l=town", "bias"], set()),
    ] * 20
    loose = trainer.train(examples, epochs=5, l2=0.0)
    tight = trainer.train(examples, epochs=5, l2=0.5)
    j = loose.labels.index("ASSAULT")
    loose_scores = loose.scores([examples[0].ids])[0, j]
    tight_scores = tight.scores([examples[0].ids])[0, j]
    assert 0 < tight_scores < loose_scores  # still a positive, with a smaller weight


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


def test_platt_scaling_stays_finite_on_large_scores(trainer: ModuleType) -> None:
    """Regression (issue 15): Newton steps from (1, 0) diverged (a ~ 1e7) on raw scores of
    magnitude ~20, so probabilities were 0/1 steps and every threshold fell to the floor."""
    rng = np.random.default_rng(3)
    negatives = rng.normal(-20.0, 4.0, size=(2000, 1))
    positives = rng.normal(-8.0, 4.0, size=(40, 1))
    scores = np.vstack([negatives, positives]).astype(np.float32)
    y = np.vstack([np.zeros((2000, 1)), np.ones((40, 1))]).astype(np.float32)
    ((a, b),) = trainer.fit_platt(scores, y)
    assert 0 < a < 5 and abs(b) < 50
    p = 1 / (1 + np.exp(-(a * scores[:, 0] + b)))
    assert 0.005 < p.mean() < 0.05  # about the base rate (40 in 2,040)
    assert p[-40:].mean() > p[:2000].mean()


def test_thresholds_share_one_level_and_stay_above_the_floor(trainer: ModuleType) -> None:
    gold = {("g", (i, i + 1)): {"ASSAULT"} for i in range(0, 40, 2)}
    corpus = trainer.Corpus(gold=gold)
    examples, rows = [], []
    n = len(trainer.LABELS)
    j = trainer.LABELS.index("ASSAULT")
    for i in range(40):
        ex = trainer.Example(feature_ids(["bias"], 16), frozenset(), "g", (i, i + 1), i, "x")
        examples.append(ex)
        row = np.zeros(n, dtype=np.float32)
        row[j] = 0.6 if i % 2 == 0 else 0.3  # events score 0.6, the rest 0.3
        rows.append(row)
    thresholds = trainer.choose_thresholds(examples, np.array(rows), corpus, policy="best")
    assert thresholds.min() >= trainer.MIN_THRESHOLD
    assert 0.3 < thresholds[j] <= 0.6
    assert trainer.sentence_prf(examples, np.array(rows), thresholds, corpus) == (20, 20, 20)


def test_vector_layer_scores_alike_in_training_and_at_run_time(trainer: ModuleType) -> None:
    from spacy.strings import hash_string

    from eventwire.events.trigger_vectors import WordRows
    from eventwire.events.triggers import DocTable

    text = "Officials barred imports from Chad on Monday."
    (article,) = trainer.parse([text], Settings())
    start = text.index("barred")
    corpus = trainer.Corpus()
    labelled = trainer.label_tokens(article, [(start, start + len("barred"), "SANCTION")])
    trainer._add_article(corpus, "g", labelled)
    vocab = ["barred", "imports", "officials", "chad", "monday"]
    keys = np.array(sorted(hash_string(w) for w in vocab), dtype=np.uint64)
    words = WordRows(keys, np.arange(len(vocab), dtype=np.int32), len(vocab))
    matrix = np.vstack([np.eye(len(vocab)), np.zeros((1, len(vocab)))]).astype(np.float32)
    trainer.featurise(corpus, words)
    vectors = trainer.word_vectors(corpus.examples, words, matrix)
    model = trainer.train(corpus.examples * 20, epochs=3, vectors=vectors)
    assert model.vectors is not None
    trained = trainer.example_scores(model, corpus.examples)
    parse_only = model.scores([ex.ids for ex in corpus.examples])
    doc = corpus.docs[0]
    at_run_time = model.vectors.scores(DocTable.of(doc), [c.token for c in corpus.candidates])
    assert np.allclose(trained - parse_only, at_run_time, atol=1e-4)
    j = model.labels.index("SANCTION")
    barred = [i for i, c in enumerate(corpus.candidates) if doc[c.token].text == "barred"]
    assert at_run_time[barred[0], j] > at_run_time[:, j].min()  # the vector layer learned it


def test_averaged_training_scores_like_the_mean_of_its_runs(trainer: ModuleType) -> None:
    examples = [
        _example(trainer, ["l=shell", "bias"], {"ASSAULT"}),
        _example(trainer, ["l=town", "bias"], set()),
        _example(trainer, ["l=arrest", "bias"], {"COERCE"}),
    ] * 5
    runs = [trainer.train(examples, epochs=2, seed=s, batch=2) for s in (7, 8)]
    averaged = trainer.train_averaged(examples, seed=7, runs=2, epochs=2, batch=2)
    ids = [ex.ids for ex in examples[:3]]
    expected = (runs[0].scores(ids) + runs[1].scores(ids)) / 2
    assert np.allclose(averaged.scores(ids), expected, atol=1e-5)
    assert not np.allclose(runs[0].scores(ids), runs[1].scores(ids))  # the seeds differ


def test_written_stories_train_but_never_join_a_fold(trainer: ModuleType, tmp_path: Path) -> None:
    """Our own labelled stories (``--written``) add examples in their own group, with the
    labelled trigger positive and the other words of the sentence negative; cross-validation
    folds hold only the VOA tune stories, so every fold trains on them."""
    import json

    text = "Chad held talks with Niger on the border dispute."
    start = text.index("held talks")
    event = {
        "sentence_start": 0, "sentence_end": len(text), "type": "CONSULT",
        "trigger": "held talks", "trigger_start": start, "trigger_end": start + 10,
        "source": "Chad", "source_country": "TCD", "target": "Niger", "target_country": "NER",
        "evidence": text,
    }  # fmt: skip
    story = {"id": "w-t-01", "title": "Talks", "published": "2025-01-06 10:00:00Z", "text": text}
    (tmp_path / "stories.jsonl").write_text(json.dumps(story) + "\n", encoding="utf-8")
    labels = {"id": "w-t-01", "quotes": [], "events": [event], "notes": ""}
    (tmp_path / "labels.jsonl").write_text(json.dumps(labels) + "\n", encoding="utf-8")
    corpus = trainer.Corpus()
    trainer.load_written(corpus, tmp_path, Settings())
    trainer.featurise(corpus)
    by_word = {ex.lemma: ex for ex in corpus.examples}
    assert by_word["talk"].types == frozenset({"CONSULT"}) and by_word["dispute"].types == set()
    assert {ex.group for ex in corpus.examples} == {"written:w-t-01"}
    rows, folds = trainer._folds(corpus, ["v1", "v2"], 13)
    assert rows == [] and "written:w-t-01" not in folds


def test_nested_scores_choose_each_folds_thresholds_without_it(trainer: ModuleType) -> None:
    """Every fold is scored once, with a calibration and thresholds fitted on the other folds,
    and the counts add up over the folds."""
    corpus = trainer.Corpus()
    examples = []
    for story in range(5):
        group = f"s{story}"
        for sentence, (word, kinds) in enumerate((("shell", {"ASSAULT"}), ("town", set()))):
            ex = _example(trainer, [f"l={word}", "bias"], kinds)
            ex.group, ex.sentence = group, (sentence * 10, sentence * 10 + 10)
            examples.append(ex)
        corpus.gold[(group, (0, 10))] = {"ASSAULT"}
    folds = {f"s{k}": k for k in range(5)}
    j = trainer.LABELS.index("ASSAULT")
    scores = np.full((10, len(trainer.LABELS)), -4.0, dtype=np.float32)
    scores[0::2, j] = 4.0  # every story's positive scores high, its negative low
    assert trainer.nested_counts(examples, scores, folds, corpus, "best") == (5, 5, 5)
    scores[8, j] = -4.0  # story 4's positive scores like the negatives
    assert trainer.nested_counts(examples, scores, folds, corpus, "best") == (4, 5, 4)


def test_pooled_calibration_lifts_a_type_with_few_positives(trainer: ModuleType) -> None:
    """A type seen three times gets an intercept that silences it; pooling shrinks its (a, b)
    towards the fit of all types together, and leaves a well-sampled type almost as it was."""
    rng = np.random.default_rng(5)
    n = 3000
    scores = rng.normal(-6.0, 2.0, size=(n, 2)).astype(np.float32)
    y = np.zeros((n, 2), dtype=np.float32)
    y[:300, 0] = 1.0  # type 0: 300 positives
    y[:3, 1] = 1.0  # type 1: three
    scores[:300, 0] += 6.0
    scores[:3, 1] += 6.0
    alone = trainer.fit_platt(scores, y)
    pooled = trainer.fit_platt(scores, y, pooling=3.0)
    probe = np.array([[0.0, 0.0]], dtype=np.float32)  # a raw score typical of positives

    def prob(cal: np.ndarray, j: int) -> float:
        return float(1 / (1 + np.exp(-(cal[j, 0] * probe[0, j] + cal[j, 1]))))

    assert prob(pooled, 1) > prob(alone, 1) + 0.05
    assert abs(prob(pooled, 0) - prob(alone, 0)) < 0.02


def test_rare_types_keep_the_shared_threshold(trainer: ModuleType) -> None:
    """With ``min_positives`` a type with fewer positive words than that gets no threshold of
    its own, however well one would fit its few examples."""
    gold = {("g", (i, i + 1)): {"ASSAULT"} for i in range(0, 40, 2)}
    gold[("g", (1, 2))] = {"RETREAT"}
    corpus = trainer.Corpus(gold=gold)
    n = len(trainer.LABELS)
    a, r = trainer.LABELS.index("ASSAULT"), trainer.LABELS.index("RETREAT")
    examples, rows = [], []
    for i in range(40):
        kinds = frozenset({"ASSAULT"} if i % 2 == 0 else ({"RETREAT"} if i == 1 else set()))
        examples.append(trainer.Example(feature_ids(["bias"], 16), kinds, "g", (i, i + 1), i, "x"))
        row = np.zeros(n, dtype=np.float32)
        row[a] = 0.6 if i % 2 == 0 else 0.3
        row[r] = 0.95 if i == 1 else (0.5 if i % 4 == 3 else 0.1)  # RETREAT: one right, 9 wrong
        rows.append(row)
    probs = np.array(rows)
    own = trainer.choose_thresholds(examples, probs, corpus, policy="best")
    shared = trainer.choose_thresholds(examples, probs, corpus, policy="best", min_positives=2)
    assert own[r] > 0.5  # fitted to the one RETREAT
    assert shared[r] == shared[trainer.LABELS.index("AID")]  # the shared level


def test_nested_fold_models_carry_their_own_settings(trainer: ModuleType, tmp_path: Path) -> None:
    n = len(trainer.LABELS)
    model = trainer.TriggerModel(
        trainer.LABELS, np.zeros((8, n), dtype=np.float32), np.zeros(n, dtype=np.float32),
        np.tile(np.array([1.0, 0.0], dtype=np.float32), (n, 1)),
        np.full(n, 0.5, dtype=np.float32), {"confident": 0.4},
    )  # fmt: skip
    own = [
        trainer.FoldSettings(
            np.tile(np.array([2.0, float(k)], dtype=np.float32), (n, 1)),
            np.full(n, 0.1 * (k + 1), dtype=np.float32),
            0.3 + 0.1 * k,
        )
        for k in range(2)
    ]
    trainer.save_fold_models(tmp_path, [model, model], {"a": 0, "b": 1}, model, own)
    for k in range(2):
        saved = trainer.TriggerModel.load(tmp_path / f"fold{k}.npz")
        assert saved.calibration[0, 1] == float(k)
        assert saved.thresholds[0] == pytest.approx(0.1 * (k + 1))
        assert saved.meta["confident"] == pytest.approx(0.3 + 0.1 * k)
        assert saved.meta["fold"] == k and saved.meta["nested"] is True


@pytest.mark.parametrize(
    "argv",
    [
        ["--nested-folds"],
        ["--calibration-pooling", "-1"],
        ["--threshold-min-positives", "-2"],
        ["--l2", "-0.001"],
    ],
)
def test_bad_options_stop_before_any_work(
    trainer: ModuleType, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        trainer.main(argv)
    assert stopped.value.code == 2
    assert "--" in capsys.readouterr().err
