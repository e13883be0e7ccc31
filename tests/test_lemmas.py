"""The memoised rule lemmatizer gives spaCy's own lemmas (issue 18)."""

from __future__ import annotations

import pytest

from eventwire.lemmas import LemmaMemo, memoise_lemmatizer
from eventwire.nlp import load_model

SENTENCES = [
    "The ministers met on Monday and agreed to resume talks that had broken down.",
    "Rebels were fighting near the border; they've seized two towns, officials said.",
    "He's been saying the worst is over, but better days aren't coming soon.",
    "Meeting the ministers, she said the meeting went well.  \n\nIsrael's forces withdrew.",
]


@pytest.fixture(scope="module")
def plain() -> object:
    return load_model("auto", indexed_rules=False)


def test_the_lemmas_are_spacys_cold_and_warm(plain: object) -> None:
    lemmatizer = plain.get_pipe("lemmatizer")  # type: ignore[attr-defined]
    memo = LemmaMemo(lemmatizer)
    with plain.select_pipes(disable=["lemmatizer"]):  # type: ignore[attr-defined]
        bare = list(plain.pipe(SENTENCES))  # type: ignore[attr-defined]
        again = list(plain.pipe(SENTENCES))  # type: ignore[attr-defined]
    expected = [[t.lemma_ for t in doc] for doc in plain.pipe(SENTENCES)]  # type: ignore[attr-defined]
    assert sum(t.lemma == 0 for doc in bare for t in doc) > 40  # the ruler sets a few
    assert [[t.lemma_ for t in memo(doc)] for doc in bare] == expected
    assert [[t.lemma_ for t in memo(doc)] for doc in again] == expected  # from the memo
    assert {"meet", "agree", "fight", "be", "say", "withdraw"} <= {x for e in expected for x in e}


def test_a_lemma_already_set_is_kept(plain: object) -> None:
    memo = LemmaMemo(plain.get_pipe("lemmatizer"))  # type: ignore[attr-defined]
    with plain.select_pipes(disable=["lemmatizer"]):  # type: ignore[attr-defined]
        doc = plain("Talks resumed.")  # type: ignore[operator]
    doc[0].lemma_ = "TALKING"
    assert [t.lemma_ for t in memo(doc)] == ["TALKING", "resume", "."]
    assert len(memo(plain.make_doc(""))) == 0  # type: ignore[attr-defined]


def test_only_a_rule_lemmatizer_that_keeps_lemmas_is_memoised() -> None:
    import spacy

    assert memoise_lemmatizer(spacy.blank("en")) is False  # no lemmatizer
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert memoise_lemmatizer(nlp) is False
    model = load_model("auto")
    assert type(model.get_pipe("lemmatizer")).__name__.startswith("Memoised")
