"""Near-duplicate fingerprints and the language gate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from eventwire import text
from eventwire.ingest.dedup import fingerprint, minhash
from eventwire.ingest.language import LanguageGate
from eventwire.ingest.screen import Screen
from eventwire.model import Article
from eventwire.settings import Settings
from eventwire.store.database import Store
from eventwire.text import with_paragraphs

WIRE = " ".join(
    [
        "Russia on Friday expelled a Dutch diplomat, the foreign ministry said in a statement",
        "issued in Moscow after weeks of rising tension between the two countries over an",
        "investigation into the downing of a passenger jet. The Netherlands said it would",
        "respond in kind and summoned the Russian ambassador to explain the decision, which",
        "it called unjustified and regrettable. Officials in The Hague said the diplomat had",
        "done nothing wrong and would return home within days. The European Union said it",
        "stood by the Netherlands and urged Moscow to reconsider. Russia has denied any role",
        "in the incident and accused Western governments of a campaign against it.",
    ]
)
OTHER = (
    "Brazil and Argentina signed a trade agreement on Tuesday cutting tariffs on cars, steel and "
    "farm goods, the two governments said, after a year of talks in Buenos Aires and Brasilia. "
    "Farm groups in both countries welcomed the deal while unions warned of job losses."
)


def syndicated(text: str, outlet: str) -> Article:
    return Article(
        text=f"{outlet} headline on the expulsion\n\n{text}\n\nShare this article\n\n"
        f"Copyright 2024 {outlet}. All rights reserved.",
        title=f"{outlet} headline on the expulsion",
        source=outlet,
    )


def test_same_story_with_other_headline_and_boilerplate_is_exact() -> None:
    a, b = fingerprint(syndicated(WIRE, "Daily")), fingerprint(syndicated(WIRE, "Herald"))
    assert a.text_hash == b.text_hash and a.similarity(b.signature) == 1.0


def test_small_edits_stay_near_and_other_stories_far() -> None:
    edited = WIRE.replace("respond in kind", "respond").replace("Friday", "Friday morning")
    a, b = fingerprint(syndicated(WIRE, "Daily")), fingerprint(syndicated(edited, "Herald"))
    assert a.text_hash != b.text_hash
    assert a.similarity(b.signature) >= 0.8
    assert len(set(a.keys) & set(b.keys)) >= 2  # found by band lookup
    far = fingerprint(Article(text=OTHER))
    assert a.similarity(far.signature) < 0.1 and not set(a.keys) & set(far.keys)


def test_empty_and_short_texts_fingerprint() -> None:
    assert minhash([]).shape == (128,)
    assert fingerprint(Article(text="Short.")).keys


@hsettings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_fuzz_fingerprint_is_stable(text: str) -> None:
    article = Article(text=text)
    a, b = fingerprint(article), fingerprint(article)
    assert a.keys == b.keys and a.similarity(b.signature) == 1.0


GATE = LanguageGate(("en",))


def test_english_kept_others_skipped_with_reason() -> None:
    assert GATE.check(Article(text=WIRE)) == ("en", None)
    french = (
        "Le ministre des affaires étrangères a déclaré lundi que la France ne reconnaîtrait "
        "pas le résultat des élections et qu'elle appelait à un nouveau scrutin."
    )
    reason = GATE.check(Article(text=french))[1]
    assert reason is not None and reason.startswith("language 'fr'") and "not en" in reason
    german = "Der Außenminister sagte am Montag, Deutschland werde das Ergebnis nicht anerkennen."
    assert "'de'" in (GATE.check(Article(text=german))[1] or "")


def test_short_or_unknown_text_is_kept_and_empty_languages_keep_all() -> None:
    assert GATE.check(Article(text="Bonjour tout le monde"))[1] is None
    assert GATE.check(Article(text="12 34 56 78 90 11 12 13 14 15 16 17"))[1] is None
    assert LanguageGate(()).check(Article(text="Le ministre a déclaré " * 5))[1] is None
    assert LanguageGate(("fr",)).check(Article(text="Le ministre a déclaré " * 5))[1] is None


@hsettings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_fuzz_language_gate_never_raises(text: str) -> None:
    reason = GATE.check(Article(text=text))[1]
    assert reason is None or reason.startswith("language")


def test_the_screen_classifies_paragraphs_once_for_the_fingerprint_and_the_pipeline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real = text.classify_paragraphs
    monkeypatch.setattr(
        text, "classify_paragraphs", lambda t, title: calls.append(t) or real(t, title)
    )
    original = syndicated(WIRE, "Daily")
    with Store(":memory:") as store:
        sifted = Screen(store, Settings()).sift([original])
    (article,) = sifted.todo
    assert [p.kind for p in article.paragraphs] == [
        "headline",
        "body",
        "boilerplate",
        "boilerplate",
    ]
    assert with_paragraphs(article) is article  # the normalise stage keeps them
    assert fingerprint(article).keys == fingerprint(with_paragraphs(original)).keys
    assert len(calls) == 2  # the screen once, and ``with_paragraphs(original)`` just above
