"""Stage contracts: each stage says what it requires and assigns, and the order is checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from eventwire.errors import SettingsError, StageOrderError, StageRegistrationError
from eventwire.model import Article
from eventwire.pipeline import Pipeline, Stage, StageSpec, stage
from eventwire.settings import DEFAULT_STAGES, Settings, load_settings


def test_default_order_is_valid_and_metadata_runs_before_actors() -> None:
    pipeline = Pipeline(Settings(stages=("normalise", "metadata")))
    assert [s["stage"] for s in pipeline.analyze()] == ["normalise", "metadata"]
    assert DEFAULT_STAGES.index("metadata") < DEFAULT_STAGES.index("actors")


def test_actors_before_metadata_is_refused_with_an_actionable_message() -> None:
    order = ("normalise", "nlp", "actors", "metadata")
    with pytest.raises(StageOrderError) as caught:
        Pipeline(Settings(stages=order))
    message = str(caught.value)
    # The parser is the first stage to read what metadata finds (it leaves the dateline out).
    assert "stage 'nlp' reads 'dateline', assigned by 'metadata', which runs later" in message
    assert "put 'metadata' before 'nlp'" in message
    order = ("normalise", "actors", "metadata")
    with pytest.raises(StageOrderError, match="stage 'actors' requires 'parsed'"):
        Pipeline(Settings(stages=order))


def test_actors_need_the_date_of_metadata() -> None:
    order = ("normalise", "nlp", "actors")
    with pytest.raises(StageOrderError) as caught:
        Pipeline(Settings(stages=order))
    message = str(caught.value)
    assert "stage 'actors' requires 'date', assigned by 'metadata', which is not in the" in message


def test_a_missing_stage_is_named() -> None:
    with pytest.raises(StageOrderError, match=r"'nlp', which is not in the pipeline"):
        Pipeline(Settings(stages=("normalise", "metadata", "actors")))


def test_an_optional_input_produced_later_is_refused() -> None:
    with pytest.raises(StageOrderError, match=r"stage 'quotes' reads 'events'.*'events'"):
        Pipeline(Settings(stages=("normalise", "metadata", "nlp", "actors", "quotes", "events")))


@dataclass(frozen=True, kw_only=True)
class _ShoutConfig:
    mark: str = "!"


@stage("shout", requires=("title",), assigns=("title",), config=_ShoutConfig)
def _shout(settings: Settings, config: _ShoutConfig) -> Stage:
    return Stage("shout", lambda a: replace(a, title=(a.title or "") + config.mark))


def test_a_stage_gets_its_own_settings_section(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "settings.toml"  # type: ignore[operator]
    path.write_text('[eventwire]\nstages = ["shout"]\n[eventwire.stage.shout]\nmark = "?"\n')
    settings = load_settings(path)
    (out,) = Pipeline(settings, extra=(_shout,)).process([Article(text="x", title="why")])
    assert out.title == "why?"
    with pytest.raises(SettingsError, match=r"unknown setting\(s\) loud for stage 'shout'"):
        Pipeline(settings.with_stage("shout", loud=True), extra=(_shout,))


def test_a_stage_without_settings_refuses_a_section() -> None:
    settings = Settings(stages=("normalise",)).with_stage("normalise", x=1)
    with pytest.raises(SettingsError, match="takes no settings"):
        Pipeline(settings)


def test_declaring_an_unknown_field_is_an_error() -> None:
    with pytest.raises(StageRegistrationError, match="unknown Article field"):
        stage("bad", requires=("nonsense",))


def test_the_event_coder_is_configuration() -> None:
    from eventwire.errors import UnknownCoderError

    good = Settings().with_stage("events", coders=["rule"], merge="first")
    assert isinstance(StageSpec, type) and Pipeline(good).stages
    learned = Settings().with_stage("events", coders=["rule", "learned"], merge="rule+learned")
    assert Pipeline(learned).stages
    bad = Settings().with_stage("events", coders=["neural"])
    with pytest.raises(
        UnknownCoderError, match=r"unknown coder 'neural'.*available: learned, rule"
    ):
        Pipeline(bad)


def test_metadata_stage_sets_date_and_dateline() -> None:
    pipeline = Pipeline(Settings(stages=("normalise", "metadata")))
    (out,) = pipeline.process([Article(text="PARIS, Jan. 5, 2004 — France said.")])
    assert out.date == dt.date(2004, 1, 5) and out.date_source == "dateline"
    assert out.dateline is not None and out.dateline.city is not None
