"""A held-out check: 50 wire-style sentences written for eventwire (tests/data), scored with the
same code as the gold files. The sentences were written, with their expected PLOVER types and
actor countries, before the coder was first run on them (2026-11-29: type F1 0.822, type+actors
0.689). Do not add rules for these sentences: a failure here means a change that does not
generalise. Add new held-out sentences in a new file instead of editing these."""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluate import evaluate_file
from eventwire.pipeline import Pipeline

HELDOUT = Path(__file__).parent.parent / "data" / "heldout_events.jsonl"


def test_heldout_scores_hold(pipeline: Pipeline) -> None:
    scores, _ = evaluate_file(HELDOUT, pipeline)
    assert scores.records == 50
    assert scores.type.f1 >= 0.78, scores.type
    assert scores.type_actors.f1 >= 0.64, scores.type_actors
    assert scores.type.precision >= 0.80, scores.type
