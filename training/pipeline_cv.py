"""The whole pipeline cross-validated on the tune split: each fold's stories run with the trigger
model that never saw them.

The trainer's cross-validation (``train_triggers.py``) scores the model's sentence types only;
this scores everything the evaluation reports (types with actors, stories, quotes, places)
with the model of the fold a story was held out of, so policy and actor changes can be chosen on
the tune split without scoring the model on stories it was trained on. The fold models share
the shipped model's calibration, thresholds and ``confident`` level, chosen on every fold's
out-of-fold scores (a few numbers per type: the same small leak as the trainer's own report).

    python training/train_triggers.py ... --out MODEL.npz --fold-models FOLDS/
    python training/pipeline_cv.py FOLDS/ [--config eventwire.toml] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from eventwire.labelled import LabelledStory, load_labelled
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings, load_settings
from eventwire.story_scores import StoryScores, score_stories, story_article

ROOT = Path(__file__).resolve().parents[1]


class FoldError(Exception):
    """The fold models' folder does not hold what the trainer writes."""


def read_folds(folder: Path, stories: Sequence[LabelledStory]) -> dict[str, int]:
    """The fold of each tune story, as the trainer saved it; every story must have one."""
    path = folder / "folds.json"
    if not path.is_file():
        raise FoldError(f"{path} is missing: write it with train_triggers.py --fold-models")
    folds: dict[str, int] = json.loads(path.read_text(encoding="utf-8"))
    missing = sorted(s.id for s in stories if s.id not in folds)
    if missing:
        raise FoldError(f"{path}: no fold for tune stories {', '.join(missing[:5])}")
    for fold in sorted(set(folds.values())):
        if not (folder / f"fold{fold}.npz").is_file():
            raise FoldError(f"{folder / f'fold{fold}.npz'} is missing")
    return folds


def cross_validated(
    folder: Path, stories: Sequence[LabelledStory], settings: Settings
) -> StoryScores:
    """Scores of the tune stories, each run with its own fold's model."""
    folds = read_folds(folder, stories)
    articles: dict[str, Article] = {}
    for fold in sorted(set(folds.values())):
        held_out = [s for s in stories if folds[s.id] == fold]
        model = str(folder / f"fold{fold}.npz")
        pipeline = Pipeline(settings.with_stage("events", model=model))
        for story, article in zip(
            held_out, pipeline.process(map(story_article, held_out)), strict=True
        ):
            articles[story.id] = article
    return score_stories(stories, [articles[s.id] for s in stories])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "folds", type=Path, help="The folder train_triggers.py --fold-models wrote."
    )
    parser.add_argument("--labelled", type=Path, default=ROOT / "data" / "labelled" / "voa")
    parser.add_argument("--config", type=Path, default=None, help="An eventwire.toml to run with.")
    parser.add_argument("--json", action="store_true", help="Print the scores as JSON.")
    args = parser.parse_args(argv)
    settings = load_settings(args.config) if args.config else Settings()
    stories = load_labelled(args.labelled, "tune")
    try:
        scores = cross_validated(args.folds, stories, settings)
    except FoldError as exc:
        parser.error(str(exc))
    events = scores.events.as_dict()
    if args.json:
        print(json.dumps({"stories": len(stories), "events": events}))
    else:
        for name, value in events.items():
            print(f"{name:32} {json.dumps(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
