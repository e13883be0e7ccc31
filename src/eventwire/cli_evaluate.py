"""The ``eventwire evaluate`` command (registered on :data:`eventwire.cli.main`)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from eventwire.cli import fatal, main
from eventwire.errors import EventwireError
from eventwire.evaluate import PRF, Scores


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


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
@click.option("--verb-patterns", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Also code with this CAMEO.2.0.txt-format verb file.")  # fmt: skip
@click.option("--dictionaries", type=click.Path(exists=True, path_type=Path), default=None,
              help="Actor dictionaries (folder or file), as for 'run'.")  # fmt: skip
def evaluate(
    gold: Path, as_json: bool, verb_patterns: Path | None, dictionaries: Path | None
) -> None:
    """Score eventwire against a PLOVER or PETRARCH gold file (JSON lines)."""
    from eventwire.evaluate import evaluate_file
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    started = time.perf_counter()
    try:
        settings = Settings(verb_patterns=verb_patterns, dictionaries=dictionaries)
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
    from eventwire.evaluate import evaluate_file
    from eventwire.gate import check, load_floors
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    try:
        pinned = load_floors(floors)
        pipeline = Pipeline(Settings())
        results = {name: evaluate_file(eval_dir / name, pipeline)[0].as_dict() for name in pinned}
    except EventwireError as exc:
        fatal(exc)
    report = check(pinned, results)
    for line in report.lines:
        click.echo(line)
    if report.failures:
        click.echo(f"quality gate FAILED: {len(report.failures)} score(s) below floor", err=True)
        sys.exit(1)
    click.echo("quality gate passed")
