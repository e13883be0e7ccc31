from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import EvaluationError
from eventwire.gate import check, load_floors, metric

RESULT = {"type": {"f1": 0.5, "precision": 0.8}, "exact": {"accuracy": 0.1}}


def test_metric_paths() -> None:
    assert metric(RESULT, "type.f1") == 0.5
    with pytest.raises(EvaluationError, match=r"no metric 'type\.recall'"):
        metric(RESULT, "type.recall")


def test_below_floor_fails_and_above_passes() -> None:
    report = check({"g": {"type.f1": 0.6, "type.precision": 0.7}}, {"g": RESULT})
    assert report.failures == ("g type.f1",)
    assert any("raise the floor" in line for line in report.lines)
    assert not check({"g": {"type.f1": 0.5}}, {"g": RESULT}).failures


def test_repository_floors_are_valid() -> None:
    floors = load_floors(Path(__file__).resolve().parents[1] / "quality" / "floors.json")
    assert floors and all(0 <= v <= 1 for pinned in floors.values() for v in pinned.values())


def test_malformed_floors_file(tmp_path: Path) -> None:
    bad = tmp_path / "f.json"
    bad.write_text(json.dumps({"floors": [1, 2]}))
    with pytest.raises(EvaluationError, match="expected"):
        load_floors(bad)
