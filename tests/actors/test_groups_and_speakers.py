"""Regression (issue 17): group phrases and speakers took their country from the wrong mention.

1. "The two governments" (Japan's and South Korea's, named before) was coded as North Korea:
   a role noun without a country took the nearest country of its sentence, here one inside "on
   North Korean missile launches". A counted, definite plural now stands for the actors named
   before it — one event per actor, as for a coordination — or for nobody.
2. A North Korean military spokesman's quote was coded as Japan's military: a role noun with no
   country in its sentence took the country the article names most. A titled speaker now takes
   the actor his own phrase names ("a spokesman for the United Nations"), else whoever quotes
   him ("the North's news agency quoted a military spokesman"), else the nearest country of
   his sentence, else the article's only when the story is about one country.

Unit tests run the actors stage on hand-built parses (no statistical model); the last ones run
a story through the whole pipeline. Every sentence here was written for these tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np

from eventwire.actors.lexicon import Lexicon
from eventwire.actors.resolve import ActorResolver
from eventwire.context import SentenceContext, sentence_contexts
from eventwire.events.coder import RuleCoder
from eventwire.events.learned import LearnedCoder
from eventwire.events.triggers import TriggerModel, feature_ids
from eventwire.events.verbs import builtin_verbs
from eventwire.lang import language_data
from eventwire.model import Article, Mention, Paragraph, Sentence, Span
from eventwire.nlp import ParsedParagraph

LANG = language_data("en")
Row = tuple[str, int, str, str, str, str]
HandDoc = Callable[[list[Row]], Any]

# -- hand-built sentences: (word, head, dep, pos, tag, lemma) --------------------------------------
PACT: list[Row] = [  # Japan and South Korea signed a security pact.
    ("Japan", 4, "nsubj", "PROPN", "NNP", "Japan"),
    ("and", 0, "cc", "CCONJ", "CC", "and"),
    ("South", 3, "compound", "PROPN", "NNP", "South"),
    ("Korea", 0, "conj", "PROPN", "NNP", "Korea"),
    ("signed", 4, "ROOT", "VERB", "VBD", "sign"),
    ("a", 7, "det", "DET", "DT", "a"),
    ("security", 7, "compound", "NOUN", "NN", "security"),
    ("pact", 4, "dobj", "NOUN", "NN", "pact"),
    (".", 4, "punct", "PUNCT", ".", "."),
]
TWO_GOVERNMENTS: list[Row] = [  # The two governments signed a deal on North Korean missiles.
    ("The", 2, "det", "DET", "DT", "the"),
    ("two", 2, "nummod", "NUM", "CD", "two"),
    ("governments", 3, "nsubj", "NOUN", "NNS", "government"),
    ("signed", 3, "ROOT", "VERB", "VBD", "sign"),
    ("a", 5, "det", "DET", "DT", "a"),
    ("deal", 3, "dobj", "NOUN", "NN", "deal"),
    ("on", 5, "prep", "ADP", "IN", "on"),
    ("North", 8, "compound", "PROPN", "NNP", "North"),
    ("Korean", 9, "amod", "ADJ", "JJ", "Korean"),
    ("missiles", 6, "pobj", "NOUN", "NNS", "missile"),
    (".", 3, "punct", "PUNCT", ".", "."),
]
THREE: list[Row] = [  # Japan, South Korea and China then held talks.
    ("Japan", 7, "nsubj", "PROPN", "NNP", "Japan"),
    (",", 0, "punct", "PUNCT", ",", ","),
    ("South", 3, "compound", "PROPN", "NNP", "South"),
    ("Korea", 0, "conj", "PROPN", "NNP", "Korea"),
    ("and", 3, "cc", "CCONJ", "CC", "and"),
    ("China", 3, "conj", "PROPN", "NNP", "China"),
    ("then", 7, "advmod", "ADV", "RB", "then"),
    ("held", 7, "ROOT", "VERB", "VBD", "hold"),
    ("talks", 7, "dobj", "NOUN", "NNS", "talk"),
    (".", 7, "punct", "PUNCT", ".", "."),
]
EXPELLED: list[Row] = [  # Serbia expelled a Kosovo envoy.
    ("Serbia", 1, "nsubj", "PROPN", "NNP", "Serbia"),
    ("expelled", 1, "ROOT", "VERB", "VBD", "expel"),
    ("a", 4, "det", "DET", "DT", "a"),
    ("Kosovo", 4, "compound", "PROPN", "NNP", "Kosovo"),
    ("envoy", 1, "dobj", "NOUN", "NN", "envoy"),
    (".", 1, "punct", "PUNCT", ".", "."),
]
BOTH_SIDES: list[Row] = [  # The European Union urged both sides to talk.
    ("The", 2, "det", "DET", "DT", "the"),
    ("European", 2, "compound", "PROPN", "NNP", "European"),
    ("Union", 3, "nsubj", "PROPN", "NNP", "Union"),
    ("urged", 3, "ROOT", "VERB", "VBD", "urge"),
    ("both", 5, "det", "DET", "DT", "both"),
    ("sides", 3, "dobj", "NOUN", "NNS", "side"),
    ("to", 7, "aux", "PART", "TO", "to"),
    ("talk", 3, "xcomp", "VERB", "VB", "talk"),
    (".", 3, "punct", "PUNCT", ".", "."),
]
SHELLED: list[Row] = [  # Both sides shelled the town.
    ("Both", 1, "det", "DET", "DT", "both"),
    ("sides", 2, "nsubj", "NOUN", "NNS", "side"),
    ("shelled", 2, "ROOT", "VERB", "VBD", "shell"),
    ("the", 4, "det", "DET", "DT", "the"),
    ("town", 2, "dobj", "NOUN", "NN", "town"),
    (".", 2, "punct", "PUNCT", ".", "."),
]
UN_SPOKESMAN: list[Row] = [  # A spokesman for the United Nations criticised Israel.
    ("A", 1, "det", "DET", "DT", "a"),
    ("spokesman", 6, "nsubj", "NOUN", "NN", "spokesman"),
    ("for", 1, "prep", "ADP", "IN", "for"),
    ("the", 5, "det", "DET", "DT", "the"),
    ("United", 5, "compound", "PROPN", "NNP", "United"),
    ("Nations", 2, "pobj", "PROPN", "NNPS", "Nations"),
    ("criticised", 6, "ROOT", "VERB", "VBD", "criticise"),
    ("Israel", 6, "dobj", "PROPN", "NNP", "Israel"),
    (".", 6, "punct", "PUNCT", ".", "."),
]
KOREAN_MILITARY: list[Row] = [  # A spokesman for the North Korean military warned Japan.
    ("A", 1, "det", "DET", "DT", "a"),
    ("spokesman", 7, "nsubj", "NOUN", "NN", "spokesman"),
    ("for", 1, "prep", "ADP", "IN", "for"),
    ("the", 6, "det", "DET", "DT", "the"),
    ("North", 5, "compound", "PROPN", "NNP", "North"),
    ("Korean", 6, "amod", "ADJ", "JJ", "Korean"),
    ("military", 2, "pobj", "NOUN", "NN", "military"),
    ("warned", 7, "ROOT", "VERB", "VBD", "warn"),
    ("Japan", 7, "dobj", "PROPN", "NNP", "Japan"),
    (".", 7, "punct", "PUNCT", ".", "."),
]
WARNED: list[Row] = [  # North Korea warned Japan.
    ("North", 1, "compound", "PROPN", "NNP", "North"),
    ("Korea", 2, "nsubj", "PROPN", "NNP", "Korea"),
    ("warned", 2, "ROOT", "VERB", "VBD", "warn"),
    ("Japan", 2, "dobj", "PROPN", "NNP", "Japan"),
    (".", 2, "punct", "PUNCT", ".", "."),
]
PRAISED: list[Row] = [  # Japan praised Seoul.
    ("Japan", 1, "nsubj", "PROPN", "NNP", "Japan"),
    ("praised", 1, "ROOT", "VERB", "VBD", "praise"),
    ("Seoul", 1, "dobj", "PROPN", "NNP", "Seoul"),
    (".", 1, "punct", "PUNCT", ".", "."),
]
QUOTED: list[Row] = [  # The North's news agency quoted a military spokesman as saying so.
    ("The", 1, "det", "DET", "DT", "the"),
    ("North", 4, "poss", "PROPN", "NNP", "North"),
    ("'s", 1, "case", "PART", "POS", "'s"),
    ("news", 4, "compound", "NOUN", "NN", "news"),
    ("agency", 5, "nsubj", "NOUN", "NN", "agency"),
    ("quoted", 5, "ROOT", "VERB", "VBD", "quote"),
    ("a", 8, "det", "DET", "DT", "a"),
    ("military", 8, "amod", "ADJ", "JJ", "military"),
    ("spokesman", 5, "dobj", "NOUN", "NN", "spokesman"),
    ("as", 5, "prep", "ADP", "IN", "as"),
    ("saying", 9, "pcomp", "VERB", "VBG", "say"),
    ("so", 10, "advmod", "ADV", "RB", "so"),
    (".", 5, "punct", "PUNCT", ".", "."),
]
SAID: list[Row] = [  # A military spokesman said so.
    ("A", 2, "det", "DET", "DT", "a"),
    ("military", 2, "amod", "ADJ", "JJ", "military"),
    ("spokesman", 3, "nsubj", "NOUN", "NN", "spokesman"),
    ("said", 3, "ROOT", "VERB", "VBD", "say"),
    ("so", 3, "advmod", "ADV", "RB", "so"),
    (".", 3, "punct", "PUNCT", ".", "."),
]
BUDGET: list[Row] = [  # Pakistan passed a budget.
    ("Pakistan", 1, "nsubj", "PROPN", "NNP", "Pakistan"),
    ("passed", 1, "ROOT", "VERB", "VBD", "pass"),
    ("a", 3, "det", "DET", "DT", "a"),
    ("budget", 1, "dobj", "NOUN", "NN", "budget"),
    (".", 1, "punct", "PUNCT", ".", "."),
]


def _article(hand_doc: HandDoc, *sentences: list[Row]) -> Article:
    """One paragraph per hand-built sentence, parsed as the ``nlp`` stage would attach it."""
    text, paragraphs, records, parsed = "", [], [], []
    for index, rows in enumerate(sentences):
        doc = hand_doc(rows)
        offset = len(text)
        span = Span(offset, offset + len(doc.text))
        record = Sentence(index, span, index)
        paragraphs.append(Paragraph(index, span, "body"))
        records.append(record)
        context = SentenceContext.of(record, doc[:], offset)
        parsed.append(ParsedParagraph(index, offset, doc, (context,)))
        text += doc.text + "\n\n"
    return Article(
        text=text,
        date=dt.date(2024, 3, 4),
        paragraphs=tuple(paragraphs),
        sentences=tuple(records),
        parsed=tuple(parsed),
    )


def _resolved(hand_doc: HandDoc, *sentences: list[Row]) -> Article:
    resolver = ActorResolver(Lexicon.builtin(), lang=LANG)
    return resolver.run(_article(hand_doc, *sentences))


def _mention(article: Article, text: str) -> Mention | None:
    return next((m for m in article.mentions if m.text.strip() == text), None)


def _codes(mention: Mention | None) -> tuple[str, ...]:
    assert mention is not None
    return tuple(a.code for a in mention.group)


# -- group phrases -------------------------------------------------------------------------------
def test_the_two_governments_are_the_pair_named_before_not_a_third_country(
    hand_doc: HandDoc,
) -> None:
    article = _resolved(hand_doc, PACT, TWO_GOVERNMENTS)
    governments = _mention(article, "governments")
    assert _codes(governments) == ("JPNGOV", "KORGOV")
    assert governments is not None and governments.actor is None
    assert governments.rule == "group:JPNGOV+KORGOV"
    assert _mention(article, "North Korean") is not None  # still a mention of its own


def test_each_actor_of_a_group_is_the_source_of_its_own_event(hand_doc: HandDoc) -> None:
    article = _resolved(hand_doc, PACT, TWO_GOVERNMENTS)
    context = sentence_contexts(article)[1]
    events = RuleCoder(builtin_verbs(), lang=LANG).code(context)
    signed = [e for e in events if e.trigger.text_of(article.text) == "signed"]
    assert sorted(e.source.code for e in signed if e.source) == ["JPNGOV", "KORGOV"]
    assert all(e.source and e.source.text == "governments" for e in signed)
    assert len({e.event_id for e in signed}) == 2


def test_the_learned_coder_makes_one_event_per_actor_of_a_group(hand_doc: HandDoc) -> None:
    article = _resolved(hand_doc, EXPELLED, SHELLED)
    context = sentence_contexts(article)[1]
    events = LearnedCoder(_model("shell", "ASSAULT"), lang=LANG).code(context)
    assert sorted(e.source.code for e in events if e.source) == ["SRB", "XKX"]


def test_both_sides_leaves_out_the_subject_that_urges_them(hand_doc: HandDoc) -> None:
    article = _resolved(hand_doc, EXPELLED, BOTH_SIDES)
    assert _codes(_mention(article, "sides")) == ("SRB", "XKX")


def test_an_ambiguous_group_stays_unresolved(hand_doc: HandDoc) -> None:
    article = _resolved(hand_doc, THREE, TWO_GOVERNMENTS)
    assert _mention(article, "governments") is None  # three countries named: not a pair


# -- speakers ------------------------------------------------------------------------------------
def test_a_spokesman_takes_the_actor_his_own_phrase_names(hand_doc: HandDoc) -> None:
    un = _mention(_resolved(hand_doc, UN_SPOKESMAN), "spokesman")
    assert un is not None and un.code == "IGOUNO" and un.rule == "role:of"  # not Israel
    military = _mention(_resolved(hand_doc, KOREAN_MILITARY), "spokesman")
    assert military is not None and military.code == "PRKMIL" and military.rule == "role:of"


def test_a_spokesman_quoted_by_the_north_is_north_korean(hand_doc: HandDoc) -> None:
    article = _resolved(hand_doc, WARNED, PACT, PRAISED, QUOTED)
    agency = _mention(article, "North 's news agency")
    assert (
        agency is not None
        and agency.code == "PRKMED"
        and agency.rule.startswith("country:ellipsis")
    )
    spokesman = _mention(article, "military spokesman")
    assert spokesman is not None and spokesman.code == "PRKMIL"
    assert spokesman.rule == "role:quoted"


def test_a_spokesman_does_not_take_the_country_a_story_of_several_names_most(
    hand_doc: HandDoc,
) -> None:
    several = _resolved(hand_doc, WARNED, PACT, PRAISED, SAID)
    assert _mention(several, "military spokesman") is None  # Japan is named most: not his
    one = _resolved(hand_doc, BUDGET, SAID)
    spokesman = _mention(one, "military spokesman")
    assert spokesman is not None and spokesman.code == "PAKMIL"
    assert spokesman.rule == "context:article"


def _model(lemma: str, kind: str) -> TriggerModel:
    """A one-type model that accepts ``lemma`` and nothing else."""
    buckets = 1 << 12
    weights = np.zeros((buckets, 1), dtype=np.float32)
    (bucket,) = feature_ids([f"l={lemma}"], buckets)
    weights[bucket, 0] = 6.0
    return TriggerModel(
        labels=(kind,),
        weights=weights,
        bias=np.full(1, -3.0, dtype=np.float32),
        calibration=np.array([[1.0, 0.0]], dtype=np.float32),
        thresholds=np.array([0.5], dtype=np.float32),
        meta={"test": True},
    )


# -- through the pipeline ------------------------------------------------------------------------
BORDER = """Sudan and South Sudan agree to reopen border

KHARTOUM (Reuters) - Sudanese President Adam Musa met South Sudanese President Peter Deng in Khartoum on Monday.

The two governments agreed to reopen the border, and Ethiopia praised the deal.

Ethiopia welcomed the agreement.

“We will protect the border,” the South’s state news agency quoted a military spokesman as saying.
"""


def test_a_story_codes_the_pair_and_the_spokesman_by_their_own_words(
    process: Callable[..., Article],
) -> None:
    article = process(BORDER, date=dt.date(2024, 3, 4), title=BORDER.split("\n", 1)[0])
    agreed = [e for e in article.events if e.trigger.text_of(article.text) == "agreed"]
    assert sorted(e.source.code for e in agreed if e.source) == ["SDNGOV", "SSDGOV"]
    (quote,) = [q for q in article.quotes if q.direct]
    assert quote.speaker is not None and quote.speaker.text == "military spokesman"
    assert quote.speaker.code == "SSDMIL"  # not Sudan's, the country the story names most
    codes = {m.code for m in article.mentions}
    assert "ETHGOV" not in codes
