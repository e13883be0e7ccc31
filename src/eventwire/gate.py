"""The quality gate: scores must not fall below the floors pinned in the repository.

A floor is raised when results improve; lowering one needs its own commit saying why.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import EvaluationError

#: A score this far above its floor is reported, so the floor gets raised.
RAISE_MARGIN = 0.02

Floors = Mapping[str, Mapping[str, float]]


@dataclass(frozen=True, slots=True)
class GateReport:
    lines: tuple[str, ...]
    failures: tuple[str, ...]


def load_floors(path: Path) -> Floors:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"cannot read floors file {path}: {exc}") from exc
    floors = data.get("floors") if isinstance(data, dict) else None
    if not isinstance(floors, dict) or not all(isinstance(v, dict) for v in floors.values()):
        raise EvaluationError(f"{path}: expected {{'floors': {{gold file: {{metric: floor}}}}}}")
    return floors


def metric(result: Mapping[str, Any], dotted: str) -> float:
    """``type.f1`` → ``result["type"]["f1"]``."""
    value: Any = result
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise EvaluationError(f"no metric {dotted!r} in the evaluation result")
        value = value[part]
    if not isinstance(value, int | float):
        raise EvaluationError(f"metric {dotted!r} is not a number: {value!r}")
    return float(value)


def check(floors: Floors, results: Mapping[str, Mapping[str, Any]]) -> GateReport:
    lines: list[str] = []
    failures: list[str] = []
    for gold, pinned in floors.items():
        for name, floor in pinned.items():
            value = metric(results[gold], name)
            status = "ok"
            if value < floor:
                status = "BELOW FLOOR"
                failures.append(f"{gold} {name}")
            elif value > floor + RAISE_MARGIN:
                status = "ok (raise the floor)"
            lines.append(f"{gold:28} {name:22} {value:.3f}  floor {floor:.3f}  {status}")
    return GateReport(tuple(lines), tuple(failures))
