"""The ``eventwire evaluate`` command (registered on :data:`eventwire.cli.main`)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from eventwire.cli.app import config_option, fatal, main
from eventwire.errors import EvaluationError, EventwireError
from eventwire.evaluate import PRF, Scores
from eventwire.model import Event, Mention
from eventwire.place_scores import PlaceScores, Share
from eventwire.settings import Settings
from eventwire.story_scores import StoryScores
from eventwire.timex_scores import TimexScores

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline


def _prf_row(label: str, prf: PRF) -> str:
    return (
        f"{label:<22} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f}"
        f" {prf.tp:5d} {prf.gold:5d} {prf.predicted:5d}"
    )


def render_scores(scores: Scores) -> str:
    """A readable table of the scores."""
    header = f"{'':<22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'gold':>5} {'pred':>5}"
    lines = [f"{scores.records} records", header]
    lines.append(_prf_row("type", scores.type))
    lines.append(_prf_row("type+actors", scores.type_actors))
    lines.append("per PLOVER type:")
    for name, prf in sorted(scores.per_type.items()):
        lines.append(_prf_row(f"  {name}", prf))
    for label, acc in (
        ("source actor accuracy", scores.source_accuracy),
        ("target actor accuracy", scores.target_accuracy),
        ("sector accuracy", scores.sector_accuracy),
    ):
        value = acc.value
        shown = "n/a" if value is None else f"{value:.3f}"
        lines.append(f"{label:<22} {shown:>6} ({acc.correct}/{acc.total})")
    if scores.exact is not None and scores.exact.value is not None:
        lines.append(
            f"{'exact records':<22} {scores.exact.value:6.3f}"
            f" ({scores.exact.correct}/{scores.exact.total})"
        )
    confusions = scores.largest_confusions()
    if confusions:
        lines.append("largest confusions (gold → predicted):")
        lines.extend(f"  {gold} → {pred}: {count}" for gold, pred, count in confusions)
    return "\n".join(lines)


def render_story_scores(split: str, scores: StoryScores) -> str:
    """The labelled-story scores of one split as a readable table."""
    header = f"{'':<22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'gold':>5} {'pred':>5}"
    q, e = scores.quotes, scores.events
    lines = [
        f"== {split}: {scores.stories} stories",
        "quotes (direct, span Jaccard >= 0.5)",
        header,
    ]
    lines.append(_prf_row("content", q.content))
    lines.append(_prf_row("speaker+content", q.speaker))
    lines.append(_prf_row("full: content", q.full_content))
    lines.append(_prf_row("full: speaker+content", q.full_speaker))
    lines.append(_prf_row("speaker country", q.speaker_country))
    lines.append(_prf_row("partial flag", q.partial))
    lines += ["events", header]
    lines.append(_prf_row("sentence type", e.sentence_type))
    lines.append(_prf_row("sentence type+actors", e.sentence_type_actors))
    lines.append(_prf_row("story type (micro)", e.story_type_micro))
    lines.append(f"{'story type (macro)':<22} {'':>6} {'':>6} {e.story_type_macro_f1:6.3f}")
    lines.append("per PLOVER type (sentence level; story-level F1 last):")
    for name, prf in sorted(e.per_type.items()):
        story = e.per_type_story.get(name)
        lines.append(_prf_row(f"  {name}", prf) + (f"  {story.f1:6.3f}" if story else ""))
    lines += _timex_rows(scores.timexes, header)
    lines += _place_rows(scores.places, header)
    return "\n".join(lines)


def _timex_rows(timexes: TimexScores, header: str) -> list[str]:
    if not timexes.stories:
        return []
    return [
        f"timexes ({timexes.stories} labelled stories; TempEval-3 style)",
        header,
        _prf_row("span (overlap)", timexes.span),
        _prf_row("span (strict)", timexes.strict),
        _prf_row("type", timexes.type),
        _prf_row("value", timexes.value),
    ]


def _place_rows(places: PlaceScores, header: str) -> list[str]:
    if not places.stories:
        return []

    def share(label: str, value: Share) -> str:
        return f"{label:<22} {value.value:6.3f} ({value.right}/{value.total})"

    return [
        f"places ({places.stories} labelled stories; spans overlap)",
        header,
        _prf_row("toponyms", places.toponyms),
        _prf_row("literal toponyms", places.literal),
        share("within 161 km", places.within_161km),
        share("country (resolved)", places.country_accuracy),
        share("resolved", places.resolved),
    ]


def _evaluate_labelled(
    folder: Path, split: str, settings: Settings, as_json: bool, errors: bool
) -> None:
    from eventwire.labelled import SPLITS, count_types, load_labelled
    from eventwire.pipeline import Pipeline
    from eventwire.place_scores import place_errors
    from eventwire.story_scores import event_errors, quote_errors, score_stories, story_article
    from eventwire.timex_scores import timex_errors

    if errors and split != "tune":
        fatal(EvaluationError(
            "--errors shows the tune split only: the score split is scored, never read "
            "(add --split tune)"
        ))  # fmt: skip
    chosen = SPLITS if split == "both" else (split,)
    pipeline = Pipeline(settings)
    result: dict[str, object] = {"gold": str(folder)}
    for name in chosen:
        stories = load_labelled(folder, name)  # type: ignore[arg-type]
        articles = list(pipeline.process(story_article(s) for s in stories))
        scores = score_stories(stories, articles)
        click.echo(render_story_scores(name, scores))
        result[name] = {**scores.as_dict(), "labels": count_types(stories)}
        if errors:
            for story, article in zip(stories, articles, strict=True):
                for line in event_errors(story, article, _describe):
                    click.echo(line)
                for line in place_errors(story, article):
                    click.echo(line)
                for line in quote_errors(story, article):
                    click.echo(line)
                for line in timex_errors(story, article):
                    click.echo(line)
    if as_json:
        click.echo(json.dumps(result))


def _describe(event: Event) -> str:
    def actor(m: Mention | None) -> str:
        return f"{m.text!r}={m.code}" if m else "-"

    return (
        f"{event.type.plover_type} {event.type.cameo} {actor(event.source)} -> "
        f"{actor(event.target)} ({event.rule})"
    )


@main.command()
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
@click.option("--split", type=click.Choice(["tune", "score", "both"]), default="both",
              show_default=True, help="Labelled-story folders: which split to score.")  # fmt: skip
@click.option("--errors", is_flag=True,
              help="Labelled-story folders, tune split only: print each sentence whose events"
                   " disagree with the labels, and each quote, place or timex too.")  # fmt: skip
@click.option("--verb-patterns", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Also code with this CAMEO.2.0.txt-format verb file.")  # fmt: skip
@click.option("--dictionaries", type=click.Path(exists=True, path_type=Path), default=None,
              help="Actor dictionaries (folder or file), as for 'run'.")  # fmt: skip
@config_option
def evaluate(
    gold: Path,
    as_json: bool,
    split: str,
    errors: bool,
    verb_patterns: Path | None,
    dictionaries: Path | None,
    config: Path | None,
) -> None:
    """Score eventwire against gold data.

    GOLD is a PLOVER or PETRARCH gold file (JSON lines), or a labelled-story folder
    (stories.jsonl + labels.jsonl, e.g. data/labelled/voa), scored for quotes, events
    and (where labelled) timexes per split.
    """
    from eventwire.evaluate import evaluate_file
    from eventwire.pipeline import Pipeline
    from eventwire.settings import load_settings

    started = time.perf_counter()
    try:
        settings = load_settings(config, verb_patterns=verb_patterns, dictionaries=dictionaries)
        if gold.is_dir():
            _evaluate_labelled(gold, split, settings, as_json, errors)
            return
        scores, predicted = evaluate_file(gold, Pipeline(settings))
    except EventwireError as exc:
        fatal(exc)
    seconds = time.perf_counter() - started
    for article in predicted:
        for error in article.errors:
            click.echo(f"error: {article.public_id}: {error.stage}: {error.message}", err=True)
    click.echo(render_scores(scores))
    click.echo(f"{scores.records} records in {seconds:.1f} s")
    if as_json:
        data = scores.as_dict()
        data["gold"] = str(gold)
        data["seconds"] = round(seconds, 2)
        click.echo(json.dumps(data))


@main.command()
@click.option("--floors", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("quality/floors.json"), show_default=True,
              help="Pinned minimum scores per gold file.")  # fmt: skip
@click.option("--eval-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("../shared/eval"), show_default=True,
              help="Folder holding the gold files named in the floors file.")  # fmt: skip
def gate(floors: Path, eval_dir: Path) -> None:
    """Fail (exit 1) when a score falls below its pinned floor."""
    from eventwire.gate import check, load_floors
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    try:
        pinned = load_floors(floors)
        pipeline = Pipeline(Settings())
        results = {name: _gate_result(name, eval_dir, pipeline) for name in pinned}
    except EventwireError as exc:
        fatal(exc)
    report = check(pinned, results)
    for line in report.lines:
        click.echo(line)
    if report.failures:
        click.echo(f"quality gate FAILED: {len(report.failures)} score(s) below floor", err=True)
        sys.exit(1)
    click.echo("quality gate passed")


def _gate_result(name: str, eval_dir: Path, pipeline: Pipeline) -> dict[str, Any]:
    """Scores for one floors entry: ``FILE`` in the eval folder, or ``FOLDER#SPLIT`` (labelled)."""
    from eventwire.evaluate import evaluate_file
    from eventwire.labelled import SPLITS, load_labelled
    from eventwire.story_scores import score_stories, story_article

    if "#" not in name:
        return evaluate_file(eval_dir / name, pipeline)[0].as_dict()
    folder, split = name.rsplit("#", 1)
    if split not in SPLITS:
        raise EvaluationError(f"floors entry {name!r}: the split after '#' must be tune or score")
    stories = load_labelled(Path(folder), split)
    articles = list(pipeline.process(story_article(s) for s in stories))
    return score_stories(stories, articles).as_dict()
