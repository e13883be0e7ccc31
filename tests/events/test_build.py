"""The event builder and the rule coder on hand-built parses (no statistical model involved)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventwire.events.build import EventBuilder
from eventwire.events.coder import RuleCoder
from eventwire.events.verbs import builtin_verbs
from eventwire.lang import language_data

LANG = language_data("en")
HandDoc = Callable[[list[tuple[str, int, str, str, str, str]]], Any]
HandContext = Callable[..., Any]


EXPELLED = [
    ("Serbia", 1, "nsubj", "PROPN", "NNP", "Serbia"),
    ("did", 3, "aux", "AUX", "VBD", "do"),
    ("not", 3, "neg", "PART", "RB", "not"),
    ("expel", 3, "ROOT", "VERB", "VB", "expel"),
    ("the", 6, "det", "DET", "DT", "the"),
    ("Kosovo", 6, "compound", "PROPN", "NNP", "Kosovo"),
    ("envoy", 3, "dobj", "NOUN", "NN", "envoy"),
]


def test_rule_coder_codes_a_hand_built_sentence_with_negation(
    hand_doc: HandDoc, hand_context: HandContext
) -> None:
    rows = list(EXPELLED)
    rows[0] = ("Serbia", 3, "nsubj", "PROPN", "NNP", "Serbia")
    doc = hand_doc(rows)
    context = hand_context(doc, [(0, 1, "SRB"), (5, 7, "XKXGOV")])
    coder = RuleCoder(builtin_verbs(), lang=LANG)
    (event,) = coder.code(context)
    assert (event.type.cameo, event.source and event.source.code) == ("174", "SRB")
    assert event.target is not None and event.target.code == "XKXGOV"
    assert event.negated and event.modality == "asserted"
    assert event.trigger.text_of(doc.text) == "expel" and event.trigger_token == 3


def test_an_unknown_source_is_left_empty_but_the_event_kept(
    hand_doc: HandDoc, hand_context: HandContext
) -> None:
    rows = list(EXPELLED)
    rows[0] = ("Serbia", 3, "nsubj", "PROPN", "NNP", "Serbia")
    doc = hand_doc(rows)
    coder = RuleCoder(builtin_verbs(), lang=LANG)
    (event,) = coder.code(hand_context(doc, [(5, 7, "XKXGOV")]))  # no actor for the subject
    assert event.source is None and event.target is not None
    (event,) = coder.code(hand_context(doc, [(0, 1, "SRB"), (5, 7, "XKXGOV")]))
    assert event.source is not None and event.source.code == "SRB"
    # The lexicon's frame for "expel" needs a target: none is coded without one.
    assert not coder.code(hand_context(doc, [(0, 1, "SRB")]))


def test_builder_reads_modality_from_the_auxiliaries(hand_doc: HandDoc) -> None:
    builder = EventBuilder(LANG)
    will = hand_doc([
        ("Japan", 2, "nsubj", "PROPN", "NNP", "Japan"),
        ("will", 2, "aux", "AUX", "MD", "will"),
        ("visit", 2, "ROOT", "VERB", "VB", "visit"),
        ("Seoul", 2, "dobj", "PROPN", "NNP", "Seoul"),
    ])  # fmt: skip
    assert builder.modality(will[2]) == "future" and not builder.negated(will[2])
    could = hand_doc([
        ("Japan", 2, "nsubj", "PROPN", "NNP", "Japan"),
        ("could", 2, "aux", "AUX", "MD", "could"),
        ("visit", 2, "ROOT", "VERB", "VB", "visit"),
    ])  # fmt: skip
    assert builder.modality(could[2]) == "possible"
    refused = hand_doc([
        ("Japan", 1, "nsubj", "PROPN", "NNP", "Japan"),
        ("refused", 1, "ROOT", "VERB", "VBD", "refuse"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("visit", 1, "xcomp", "VERB", "VB", "visit"),
    ])  # fmt: skip
    assert builder.negated(refused[3]) and not builder.negated(refused[1])


def test_agentless_passive_is_coded_without_a_source(
    hand_doc: HandDoc, hand_context: HandContext
) -> None:
    doc = hand_doc(
        [
            ("Three", 2, "nummod", "NUM", "CD", "three"),
            ("Indian", 2, "amod", "ADJ", "JJ", "indian"),
            ("soldiers", 4, "nsubjpass", "NOUN", "NNS", "soldier"),
            ("were", 4, "auxpass", "AUX", "VBD", "be"),
            ("killed", 4, "ROOT", "VERB", "VBN", "kill"),
        ]
    )
    coder = RuleCoder(builtin_verbs(), lang=LANG)
    (event,) = coder.code(hand_context(doc, [(1, 3, "INDMIL")]))
    assert event.source is None and event.target is not None and event.target.code == "INDMIL"
    assert event.type.plover_type == "ASSAULT" and event.rule.endswith("(passive)")
    # with no actor at all there is nothing to code
    assert coder.code(hand_context(doc, [])) == []
