from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.model import Article, Span


def test_content_id_is_stable_and_depends_on_source() -> None:
    a = Article(text="Same text.")
    assert a.id == Article(text="Same text.").id
    assert a.id != Article(text="Same text.", source="Reuters").id
    assert len(a.id) == 16


def test_content_id_ignores_typographic_variants() -> None:
    assert Article(text="Russia’s “plan”").id == Article(text='Russia\'s "plan"').id


def test_public_id_prefers_external_id() -> None:
    article = Article(text="x", external_id="wire-1")
    assert article.public_id == "wire-1"
    assert Article(text="x").public_id == Article(text="x").id


def test_replacing_source_with_empty_id_recomputes_it() -> None:
    article = Article(text="x")
    assert replace(article, source="AFP", id="").id == Article(text="x", source="AFP").id


def test_span_validation() -> None:
    with pytest.raises(ValueError):
        Span(5, 3)
    assert Span(0, 4).text_of("abcdef") == "abcd"
