"""The learned trigger model and coder on hand-built parses and a hand-made model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from eventwire.errors import ModelNotFoundError
from eventwire.events.learned import (
    TYPE_CODES,
    LearnedCoder,
    LexiconCodes,
    add_confident_free_types,
    add_confident_types,
    add_learned,
    add_learned_types,
    fill_with_learned,
)
from eventwire.events.nouns import parse_nouns
from eventwire.events.ontology import event_type
from eventwire.events.triggers import TriggerModel, feature_ids, is_candidate, token_features
from eventwire.events.verbs import parse_verbs
from eventwire.lang import language_data
from eventwire.model import Event, Span

LANG = language_data("en")
#: No lexicon: model events take their type's generic code.
NO_CODES = LexiconCodes(parse_verbs([], origin="none"), parse_nouns([], [], origin="none"))
LABELS = ("ASSAULT", "COERCE")
BUCKETS = 1 << 12
HandDoc = Callable[[list[tuple[str, int, str, str, str, str]]], Any]
HandContext = Callable[..., Any]
LemmaModel = Callable[..., TriggerModel]

SHELLED = [
    ("Rebels", 1, "nsubj", "NOUN", "NNS", "rebel"),
    ("shelled", 1, "ROOT", "VERB", "VBD", "shell"),
    ("the", 3, "det", "DET", "DT", "the"),
    ("town", 1, "dobj", "NOUN", "NN", "town"),
    ("of", 3, "prep", "ADP", "IN", "of"),
    ("Marib", 4, "pobj", "PROPN", "NNP", "Marib"),
]
ARRESTS = [
    ("Police", 1, "compound", "NOUN", "NN", "police"),
    ("arrests", 1, "ROOT", "NOUN", "NNS", "arrest"),
    ("of", 1, "prep", "ADP", "IN", "of"),
    ("journalists", 2, "pobj", "NOUN", "NNS", "journalist"),
]


def test_features_are_stable_and_read_the_parse(hand_doc: HandDoc) -> None:
    doc = hand_doc(SHELLED)
    features = token_features(doc[1])
    assert {"l=shell", "p=VERB", "c=nsubj|rebel", "lc=shell|dobj|town"} <= set(features)
    assert {"lppo=town|of|marib"} <= set(token_features(doc[3]))
    first = feature_ids(features, BUCKETS)
    assert np.array_equal(first, feature_ids(list(reversed(features)), BUCKETS))
    assert first.dtype == np.int64 and (first < BUCKETS).all()
    assert is_candidate(doc[1]) and not is_candidate(doc[2]) and not is_candidate(doc[5])


def test_probabilities_are_calibrated_scores(lemma_model: LemmaModel) -> None:
    model = lemma_model({"shell": "ASSAULT"})
    ids = [feature_ids(["l=shell"], BUCKETS), feature_ids(["l=town"], BUCKETS)]
    probs = model.probabilities(ids)
    assert probs.shape == (2, 2)
    assert probs[0, 0] == pytest.approx(1 / (1 + np.exp(-3.0)), rel=1e-5)
    assert probs[1, 0] == pytest.approx(1 / (1 + np.exp(3.0)), rel=1e-5)


def test_model_round_trip(tmp_path: Path, lemma_model: LemmaModel) -> None:
    model = lemma_model({"shell": "ASSAULT", "arrest": "COERCE"})
    model.save(tmp_path / "m.npz")
    loaded = TriggerModel.load(tmp_path / "m.npz")
    assert loaded.labels == LABELS and loaded.meta == {"test": True}
    assert np.allclose(loaded.weights, model.weights) and loaded.buckets == BUCKETS
    with pytest.raises(ModelNotFoundError, match="make train"):
        TriggerModel.load(tmp_path / "missing.npz")


def test_learned_coder_codes_a_verb_with_its_actors(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    doc = hand_doc(SHELLED)
    context = hand_context(doc, [(0, 1, "YEMREB"), (5, 6, "YEM")])
    (event,) = LearnedCoder(lemma_model({"shell": "ASSAULT"}), lang=LANG, codes=NO_CODES).code(
        context
    )
    assert event.type.plover_type == "ASSAULT" and event.type.cameo == TYPE_CODES["ASSAULT"]
    assert event.source is not None and event.source.code == "YEMREB"
    assert event.target is not None and event.target.code == "YEM"
    assert event.rule.startswith("learned:ASSAULT p=0.95") and event.trigger_token == 1
    assert event.trigger.text_of(doc.text) == "shelled"


def test_an_event_without_a_known_source_is_kept(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    doc = hand_doc(SHELLED)
    (event,) = LearnedCoder(lemma_model({"shell": "ASSAULT"}), lang=LANG).code(
        hand_context(doc, [(5, 6, "YEM")])
    )
    assert event.source is None and event.target is not None and event.target.code == "YEM"


def test_noun_trigger_takes_modifier_as_source_and_of_phrase_as_target(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    doc = hand_doc(ARRESTS)
    context = hand_context(doc, [(0, 1, "KENCOP"), (3, 4, "KENMED")])
    (event,) = LearnedCoder(lemma_model({"arrest": "COERCE"}), lang=LANG).code(context)
    assert event.type.plover_type == "COERCE"
    assert (event.source and event.source.code, event.target and event.target.code) == (
        "KENCOP",
        "KENMED",
    )


# "Mhlanga's arrest angered editors."
POSSESSED_ARREST = [
    ("Mhlanga", 2, "poss", "PROPN", "NNP", "Mhlanga"),
    ("'s", 0, "case", "PART", "POS", "'s"),
    ("arrest", 3, "nsubj", "NOUN", "NN", "arrest"),
    ("angered", 3, "ROOT", "VERB", "VBD", "anger"),
    ("editors", 3, "dobj", "NOUN", "NNS", "editor"),
]


def test_a_model_event_on_an_act_done_to_someone_targets_the_possessor(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    """ "Mhlanga's arrest": Mhlanga was arrested, as the rule coder reads it."""
    doc = hand_doc(POSSESSED_ARREST)
    context = hand_context(doc, [(0, 1, "ZWEMED")])
    (event,) = LearnedCoder(lemma_model({"arrest": "COERCE"}), lang=LANG).code(context)
    assert event.source is None and event.target is not None and event.target.code == "ZWEMED"


def test_nothing_below_threshold(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    doc = hand_doc(SHELLED)
    coder = LearnedCoder(lemma_model({"bomb": "ASSAULT"}), lang=LANG)
    assert coder.code(hand_context(doc, [(0, 1, "YEMREB")])) == []
    assert coder.detect(hand_context(doc, [])) == []


def _event(token: int, cameo: str, rule: str) -> Event:
    return Event(
        f"{rule}-{token}-{cameo}", 0, Span(0, 9), Span(token, token + 1), event_type(cameo),
        None, None, False, "asserted", rule, 0.5, trigger_token=token,
    )  # fmt: skip


def test_merge_policy_keeps_rules_and_adds_what_they_missed() -> None:
    rule = [_event(1, "173", "verb")]
    learned = [_event(1, "190", "learned"), _event(4, "111", "learned")]
    merged = add_learned([rule, learned])
    assert [e.rule for e in merged] == ["verb", "learned"]
    assert [e.trigger_token for e in merged] == [1, 4]
    assert add_learned([[], learned]) == learned


def test_fill_policy_codes_only_sentences_the_rules_left_empty() -> None:
    from eventwire.events.learned import fill_with_learned

    rule = [_event(1, "173", "verb")]
    learned = [_event(4, "111", "learned")]
    assert fill_with_learned([rule, learned]) == rule
    assert fill_with_learned([[], learned]) == learned
    assert fill_with_learned([[], []]) == []


def test_one_type_per_word(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    doc = hand_doc(SHELLED)
    both = lemma_model({"shell": "ASSAULT"})
    (bucket,) = feature_ids(["l=shell"], BUCKETS)
    both.weights[bucket, LABELS.index("COERCE")] = 5.0  # over its threshold, less than ASSAULT
    found = LearnedCoder(both, lang=LANG).detect(hand_context(doc, []))
    assert [(t.text, kind) for t, kind, _ in found] == [("shelled", "ASSAULT")]


def _codes(verb_rows: list[str], noun_rows: list[str] = ()) -> LexiconCodes:  # type: ignore[assignment]
    return LexiconCodes(
        parse_verbs(verb_rows, origin="t"), parse_nouns(list(noun_rows), [], origin="t")
    )


def test_model_events_take_the_lexicon_code_of_their_type(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    """Regression (issue 15): model events carried their type's root code (190, Goldstein -10)
    even when the rule lexicon names the lemma's code (194, shelling)."""
    doc = hand_doc(SHELLED)
    codes = _codes(["shell\t-\t-\tdobj\tyes\t194", "shell\t-\tfire\tdobj\tyes\t195"])
    coder = LearnedCoder(lemma_model({"shell": "ASSAULT"}), lang=LANG, codes=codes)
    (event,) = coder.code(hand_context(doc, [(0, 1, "YEMREB")]))
    assert event.type.cameo == "194" and event.type.plover_type == "ASSAULT"
    assert event.type.goldstein == event_type("194").goldstein
    assert event.rule.startswith("learned:ASSAULT p=0.95 cameo<-verb:shell->194")


def test_a_lexicon_code_of_another_type_is_not_used(hand_doc: HandDoc) -> None:
    doc = hand_doc(SHELLED)
    codes = _codes(["shell\t-\t-\tdobj\tyes\t173"])  # COERCE, not ASSAULT
    assert codes.code(doc[1], "ASSAULT") is None
    assert codes.code(doc[1], "COERCE") == ("173", "verb:shell->173")


def test_an_announced_type_takes_the_intent_code(hand_doc: HandDoc) -> None:
    """ "will visit" is AGREE: the lemma's CONSULT code 042 gives the intent code 036."""
    doc = hand_doc(SHELLED)
    codes = _codes(["shell\t-\t-\tdobj\tyes\t042"])
    assert codes.code(doc[1], "AGREE") == ("036", "verb:shell->042")


def test_noun_codes_come_from_the_noun_lexicon(hand_doc: HandDoc) -> None:
    doc = hand_doc(ARRESTS)
    codes = _codes([], ["arrest\tof\t173"])
    assert codes.code(doc[1], "COERCE") == ("173", "noun:arrest->173")


class _Results(list[list[Event]]):
    """A merge policy's input with the sentence and coders (as ``CoderResults`` gives it)."""

    def __init__(self, found: list[list[Event]], coders: tuple[object, ...], context: Any) -> None:
        super().__init__(found)
        self.coders = coders
        self.context = context


def _rule_event(context: Any, token: int, cameo: str) -> Event:
    from eventwire.events.build import EventBuilder

    verb = context.sent.doc[token]
    return EventBuilder(LANG).build(
        "a1", context, verb, None, None, code=cameo, rule="verb:x", weight=0.8
    )


def _confident_coder(model: TriggerModel, level: float) -> LearnedCoder:
    """A coder whose model gives ``:confident`` policies the level ``level`` (0: none)."""
    model.meta["confident"] = level
    return LearnedCoder(model, lang=LANG, codes=NO_CODES)


def test_types_policy_adds_model_types_the_rules_lack() -> None:
    rule = [_event(1, "173", "verb")]
    learned = [_event(1, "190", "learned"), _event(4, "111", "learned"), _event(5, "172", "l")]
    merged = add_learned_types([rule, learned])
    assert [e.rule for e in merged] == ["verb", "learned", "learned"]  # COERCE: the rules'
    assert add_learned_types([[], learned[:1]]) == learned[:1]


def test_model_review_scales_confidence_and_vetoes(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    doc = hand_doc(SHELLED)
    context = hand_context(doc, [])
    model = lemma_model({"shell": "ASSAULT"})
    sure = LearnedCoder(model, lang=LANG, codes=NO_CODES)
    event = _rule_event(context, 1, "190")
    (reviewed,) = sure.review(context, [event])
    p = 1 / (1 + np.exp(-3.0))
    assert reviewed.confidence == pytest.approx(round(event.confidence * (1 + p) / 2, 3))
    assert reviewed.rule == event.rule  # the rules produced it
    # A model that sees no event on "shelled" vetoes it when asked to, at its veto level.
    doubtful = lemma_model({"bomb": "ASSAULT"})
    doubtful.meta["veto"] = 0.1
    coder = LearnedCoder(doubtful, lang=LANG, codes=NO_CODES)
    assert coder.review(context, [event], veto=True) == []
    assert len(coder.review(context, [event])) == 1
    kept = fill_with_learned(_Results([[event], []], (object(), coder), context), veto=True)
    assert kept == []
    assert len(fill_with_learned(_Results([[event], []], (object(), coder), context))) == 1


def test_predicative_adjectives_are_candidates(hand_doc: HandDoc) -> None:
    doc = hand_doc(
        [
            ("Iran", 1, "nsubj", "PROPN", "NNP", "Iran"),
            ("called", 1, "ROOT", "VERB", "VBD", "call"),
            ("the", 3, "det", "DET", "DT", "the"),
            ("claims", 5, "nsubj", "NOUN", "NNS", "claim"),
            ("totally", 5, "advmod", "ADV", "RB", "totally"),
            ("baseless", 1, "oprd", "ADJ", "JJ", "baseless"),
        ]
    )
    assert is_candidate(doc[5]) and is_candidate(doc[3]) and not is_candidate(doc[4])
    features = set(token_features(doc[5], ["quote"]))
    assert {"hl=call|oprd|baseless", "quote", "quote|baseless"} <= features
    assert "c=det|the" in token_features(doc[3])
    assert "ca=nsubj|-" in token_features(doc[1])  # "Iran" here carries no entity type


def test_coder_results_run_a_coder_only_when_read(
    hand_doc: HandDoc, hand_context: HandContext
) -> None:
    from eventwire.events.coding import CoderResults

    calls: list[str] = []

    class Counting:
        def __init__(self, name: str, events: list[Event]) -> None:
            self.name, self.events = name, events

        def code(self, context: Any) -> list[Event]:
            calls.append(self.name)
            return self.events

    context = hand_context(hand_doc(SHELLED), [])
    rule = [_event(1, "173", "verb")]
    results = CoderResults([Counting("rule", rule), Counting("learned", [])], context)
    assert fill_with_learned(results) == rule and calls == ["rule"]
    assert results[1] == [] and results[1] == [] and calls == ["rule", "learned"]
    assert len(results) == 2 and results[-1] == [] and list(results[:1]) == [rule]


def test_scores_of_many_rows_equal_row_by_row_sums(lemma_model: LemmaModel) -> None:
    model = lemma_model({"shell": "ASSAULT", "arrest": "COERCE"})
    rng = np.random.default_rng(5)
    model.weights[:] = rng.normal(size=model.weights.shape).astype(np.float32)
    ids = [feature_ids(["l=shell", "bias"], BUCKETS), feature_ids(["bias"], BUCKETS)]
    expected = np.array([model.weights[i].sum(axis=0) + model.bias for i in ids])
    assert np.allclose(model.scores(ids), expected, atol=1e-5)
    empty = np.zeros(0, dtype=np.int64)
    assert np.allclose(model.scores([ids[0], empty])[1], model.bias)
    assert model.scores([]).shape == (0, len(LABELS))


def test_sentence_rows_hash_like_feature_ids(hand_doc: HandDoc, lemma_model: LemmaModel) -> None:
    """The coder hashes a sentence at once; the trainer token by token: the same ids."""
    from eventwire.events.triggers import sentence_features, sentence_rows

    doc = hand_doc(SHELLED)
    tokens = [t for t in doc if is_candidate(t)]
    ids, starts = sentence_rows(tokens, BUCKETS)
    bounds = [*starts.tolist(), len(ids)]
    shared = sentence_features(doc[:])
    for k, token in enumerate(tokens):
        expected = feature_ids(token_features(token, shared), BUCKETS)
        assert np.array_equal(ids[bounds[k] : bounds[k + 1]], expected)
    model = lemma_model({"shell": "ASSAULT"})
    rows = [feature_ids(token_features(t, shared), BUCKETS) for t in tokens]
    assert np.allclose(model.row_scores(ids, starts), model.scores(rows))


def test_confident_policy_adds_a_new_type_only_when_the_model_is_sure(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    doc = hand_doc(SHELLED)
    context = hand_context(doc, [])
    rule = [_rule_event(context, 1, "173")]  # the rules read "shelled" as COERCE
    learned = [_rule_event(context, 1, "190")]  # the model: ASSAULT
    model = lemma_model({"shell": "ASSAULT"})  # p(ASSAULT | shelled) = 0.95
    for level, added in ((0.9, True), (0.99, False)):
        coder = _confident_coder(model, level)
        merged = add_confident_types(_Results([rule, learned], (object(), coder), context))
        kinds = [e.type.plover_type for e in merged]
        assert kinds == (["COERCE", "ASSAULT"] if added else ["COERCE"])
    coder = _confident_coder(model, 0.0)  # a model trained without the level: rule+learned
    assert len(add_confident_types(_Results([rule, learned], (object(), coder), context))) == 1
    assert add_confident_types(_Results([[], learned], (object(), coder), context)) == learned
    assert add_confident_types([]) == []


# "Rebels accused the army of shelling Marib and seized Dara."
ACCUSED = [
    ("Rebels", 1, "nsubj", "NOUN", "NNS", "rebel"),
    ("accused", 1, "ROOT", "VERB", "VBD", "accuse"),
    ("the", 3, "det", "DET", "DT", "the"),
    ("army", 1, "dobj", "NOUN", "NN", "army"),
    ("of", 1, "prep", "ADP", "IN", "of"),
    ("shelling", 4, "pcomp", "VERB", "VBG", "shell"),
    ("Marib", 5, "dobj", "PROPN", "NNP", "Marib"),
    ("and", 1, "cc", "CCONJ", "CC", "and"),
    ("seized", 1, "conj", "VERB", "VBD", "seize"),
    ("Dara", 8, "dobj", "PROPN", "NNP", "Dara"),
]


def test_confident_free_policy_leaves_the_content_of_a_rule_event(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    """The shelling is what the rules' accusation is about (below it in the parse): not added;
    the seizure is coordinated with the accusation: added, as :confident adds both."""
    doc = hand_doc(ACCUSED)
    context = hand_context(doc, [])
    rule = [_rule_event(context, 1, "112")]  # ACCUSE
    learned = [_rule_event(context, 5, "190"), _rule_event(context, 8, "173")]
    model = lemma_model({"shell": "ASSAULT", "seize": "COERCE"})
    coder = _confident_coder(model, 0.9)
    found = _Results([rule, learned], (object(), coder), context)
    assert [e.type.plover_type for e in add_confident_types(found)] == [
        "ACCUSE", "ASSAULT", "COERCE",
    ]  # fmt: skip
    assert [e.type.plover_type for e in add_confident_free_types(found)] == ["ACCUSE", "COERCE"]


def test_confident_free_policy_adds_nothing_on_a_word_the_rules_coded(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    doc = hand_doc(SHELLED)
    context = hand_context(doc, [])
    rule = [_rule_event(context, 1, "173")]  # the rules read "shelled" as COERCE
    model = lemma_model({"shell": "ASSAULT"})
    coder = _confident_coder(model, 0.9)
    found = _Results([rule, [_rule_event(context, 1, "190")]], (object(), coder), context)
    assert [e.type.plover_type for e in add_confident_free_types(found)] == ["COERCE"]


def test_confident_policy_keeps_every_default_event_in_the_pipeline() -> None:
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    text = (
        "Rebels seize border town\n\n"
        "Rebels accused the army of shelling the town of Dara on Monday and seized two villages. "
        "The army denied the claim and said it had arrested five fighters."
    )
    default = Settings()
    confident = default.with_stage("events", merge="rule+learned:confident")
    (plain,) = Pipeline(default).process([Article(text=text, id="c1")])
    (more,) = Pipeline(confident).process([Article(text=text, id="c1")])
    assert plain.events  # the sentences are coded
    assert {e.event_id for e in plain.events} <= {e.event_id for e in more.events}


# '"This is unacceptable," the minister said.' (quotation marks left out of the parse)
UNACCEPTABLE = [
    ("This", 1, "nsubj", "PRON", "DT", "this"),
    ("is", 6, "ccomp", "AUX", "VBZ", "be"),
    ("unacceptable", 1, "acomp", "ADJ", "JJ", "unacceptable"),
    (",", 6, "punct", "PUNCT", ",", ","),
    ("the", 5, "det", "DET", "DT", "the"),
    ("minister", 6, "nsubj", "NOUN", "NN", "minister"),
    ("said", 6, "ROOT", "VERB", "VBD", "say"),
]
# "The town was shelled, the minister said."
WAS_SHELLED = [
    ("The", 1, "det", "DET", "DT", "the"),
    ("town", 3, "nsubjpass", "NOUN", "NN", "town"),
    ("was", 3, "auxpass", "AUX", "VBD", "be"),
    ("shelled", 7, "ccomp", "VERB", "VBN", "shell"),
    (",", 7, "punct", "PUNCT", ",", ","),
    ("the", 6, "det", "DET", "DT", "the"),
    ("minister", 7, "nsubj", "NOUN", "NN", "minister"),
    ("said", 7, "ROOT", "VERB", "VBD", "say"),
]


def test_an_act_without_a_doer_takes_the_subject_of_the_verb_above_it(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    """The speaker of an evaluation in their own words is its source (the codebook's
    "expressed criticism is ACCUSE")."""
    doc = hand_doc(UNACCEPTABLE)
    context = hand_context(doc, [(5, 6, "TURGOV")])
    (event,) = LearnedCoder(lemma_model({"unacceptable": "COERCE"}), lang=LANG).code(context)
    assert event.trigger_token == 2
    assert event.source is not None and event.source.code == "TURGOV"


def test_an_agentless_passive_keeps_no_source(
    hand_doc: HandDoc, hand_context: HandContext, lemma_model: LemmaModel
) -> None:
    """ "The town was shelled, the minister said": the minister did not shell the town."""
    doc = hand_doc(WAS_SHELLED)
    context = hand_context(doc, [(6, 7, "TURGOV")])
    (event,) = LearnedCoder(lemma_model({"shell": "ASSAULT"}), lang=LANG).code(context)
    assert event.trigger_token == 3 and event.source is None
    assert doc[3].dep_ == "ccomp" and doc[3].head.i == 7  # the minister's verb is above it


def test_coordinated_doers_of_a_model_event_each_get_one(  # type: ignore[no-untyped-def]
    process,
) -> None:
    """ "Chile and Peru condemned …": one event per country, as the rules do (the guide's
    one entry per actor of a coordination)."""
    article = process("Chile and Peru condemned the ambush on Friday.")
    sources = {e.source.code for e in article.events if e.source and e.rule.startswith("learned")}
    assert {"CHL", "PER"} <= sources


def test_the_events_stage_reads_a_trigger_model_of_ones_own(
    tmp_path: Path, lemma_model: LemmaModel
) -> None:
    from eventwire.errors import SettingsError
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    lemma_model({"apple": "ASSAULT"}, weight=12.0).save(tmp_path / "own.npz")
    text = "Villagers from Tarvos picked apples beside the river on Sunday."
    own = Settings().with_stage(
        "events", coders=["learned"], merge="first", model=str(tmp_path / "own.npz")
    )
    (coded,) = Pipeline(own).process([Article(text=text, id="p1")])
    found = [(text[e.trigger.start : e.trigger.end], e.type.plover_type) for e in coded.events]
    assert found == [("apples", "ASSAULT")]
    (shipped,) = Pipeline(own.with_stage("events", model="")).process([Article(text=text, id="p1")])
    assert not shipped.events  # the packaged model reads no event into apple picking
    missing = own.with_stage("events", model=str(tmp_path / "none.npz"))
    with pytest.raises(ModelNotFoundError, match=r"stage\.events\.model: no trigger model file"):
        Pipeline(missing)
    with pytest.raises(SettingsError, match="path of a trigger model file"):
        Pipeline(own.with_stage("events", model=3))
