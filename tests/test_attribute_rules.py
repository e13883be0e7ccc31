"""The indexed attribute ruler gives spaCy's own matches and token attributes (issue 18).

Checked here on sentences written to meet the model's special rules (contractions, "gonna",
"let's", "there is", "I" as an object, auxiliaries, determiners used as pronouns, spaces);
checked once by hand on every text of the repository and ../shared (20,391 texts, 341,462
tokens: part of speech, tag, morphology, lemma, dependency, head and entities all equal).
"""

from __future__ import annotations

import pytest

from eventwire.attribute_rules import RuleIndex, UnsupportedPattern, index_attribute_ruler
from eventwire.nlp import load_model

SENTENCES = [
    "I ain't gonna tell you, but let's say there is a deal and that's what they got.",
    "C'mon, y'all, the minister said they had not seen it and would not do it.",
    "“That is wrong,” he told me.  She gets what she wants; nothin' else matters.",
    "Which side fired first is unclear, but this was the worst attack since 2019.",
    "The talks, which began on Monday, have been postponed until next week.\n\nMore follows.",
]


@pytest.fixture(scope="module")
def plain() -> object:
    return load_model("auto", indexed_rules=False)


def test_the_matches_are_spacys(plain: object) -> None:
    ruler = plain.get_pipe("attribute_ruler")  # type: ignore[attr-defined]
    index = RuleIndex.of(ruler)
    with plain.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):  # type: ignore[attr-defined]
        docs = list(plain.pipe(SENTENCES))  # type: ignore[attr-defined]
    for doc in docs:
        assert index.match(doc) == ruler.match(doc)
    assert sum(len(index.match(doc)) for doc in docs) > sum(len(doc) for doc in docs)


def test_the_pipeline_model_gives_the_same_tokens(plain: object) -> None:
    indexed = load_model("auto")
    assert indexed is not plain

    def tokens(nlp: object) -> list[tuple[str, ...]]:
        return [
            (t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.ent_type_)
            for doc in nlp.pipe(SENTENCES)  # type: ignore[attr-defined]
            for t in doc
        ]

    assert tokens(indexed) == tokens(plain)


def test_a_pattern_of_another_kind_keeps_spacys_matcher() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    with pytest.raises(UnsupportedPattern):
        RuleIndex.of(ruler)
    assert index_attribute_ruler(nlp) is False
    assert index_attribute_ruler(spacy.blank("en")) is False  # no ruler at all


@pytest.mark.parametrize("text", ["", "Hi", "I ain't", "\n\n"])
def test_short_docs_match_as_spacy_matches(plain: object, text: str) -> None:
    ruler = plain.get_pipe("attribute_ruler")  # type: ignore[attr-defined]
    index = RuleIndex.of(ruler)
    with plain.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):  # type: ignore[attr-defined]
        doc = plain(text)  # type: ignore[operator]
    for _ in range(2):  # the second time from the index's memo
        assert index.match(doc) == ruler.match(doc)


def test_a_match_whose_token_is_outside_it_gets_spacys_error() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}]], {"POS": "DET"}, index=3)
    assert index_attribute_ruler(nlp) is True
    with pytest.raises(ValueError, match=r"E1001"):
        nlp("a b")
    assert [t.pos_ for t in nlp("b c")] == ["", ""]
