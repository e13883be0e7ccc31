from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.errors import UnknownStageError
from eventwire.model import Article
from eventwire.pipeline import Pipeline, Stage, StageSpec
from eventwire.settings import Settings


def _boom_on_marker(article: Article) -> Article:
    if "BOOM" in article.text:
        raise RuntimeError("stage exploded")
    return replace(article, title="seen")


EXTRA = (
    StageSpec("boom", lambda settings, config: Stage("boom", _boom_on_marker)),
    StageSpec(
        "shout",
        lambda settings, config: Stage("shout", lambda a: replace(a, title=(a.title or "") + "!")),
    ),
    StageSpec("liar", lambda settings, config: Stage("liar", lambda a: Article(text="other"))),
)


def _pipeline(*stages: str) -> Pipeline:
    return Pipeline(Settings(stages=stages, batch_size=4), extra=EXTRA)


def test_one_failing_article_is_recorded_and_the_rest_go_on() -> None:
    articles = [Article(text="fine one"), Article(text="BOOM here"), Article(text="fine two")]
    out = list(_pipeline("boom", "shout").process(articles))
    assert [a.title for a in out] == ["seen!", None, "seen!"]
    assert out[1].errors[0].stage == "boom"
    assert "stage exploded" in out[1].errors[0].message
    assert not out[0].errors and not out[2].errors


def test_a_stage_returning_another_article_is_an_error() -> None:
    (out,) = _pipeline("liar").process([Article(text="original")])
    assert out.text == "original"
    assert "did not return the article" in out.errors[0].message


def test_unknown_stage_is_a_clear_error() -> None:
    with pytest.raises(UnknownStageError, match=r"unknown stage.*nope"):
        _pipeline("nope")


def test_batch_stage_failure_is_isolated_per_article() -> None:
    def batch(articles: list[Article]) -> list[Article]:
        if any("BOOM" in a.text for a in articles):
            raise RuntimeError("batch failed")
        return [replace(a, title="ok") for a in articles]

    spec = StageSpec("b", lambda s, c: Stage("b", lambda a: batch([a])[0], batch))
    pipeline = Pipeline(Settings(stages=("b",), batch_size=8), extra=(spec,))
    out = list(pipeline.process([Article(text="a"), Article(text="BOOM"), Article(text="c")]))
    assert [a.title for a in out] == ["ok", None, "ok"]
    assert out[1].failed


def test_parser_output_is_dropped_after_the_run(pipeline: Pipeline) -> None:
    (out,) = pipeline.process_batch([Article(text="Russia criticised Germany on Monday.")])
    assert out.parsed == ()
    assert out.sentences
