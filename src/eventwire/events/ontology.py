"""The CAMEO event ontology, with Goldstein scores, QuadClass and PLOVER type and mode.

The table lives in ``eventwire/data/cameo.tsv``: one row per CAMEO 1.1b3 code (the 20 two-digit
roots and every 3- and 4-digit code) with its standard name, its Goldstein score (-10..+10), its
PLOVER type and, where PLOVER distinguishes one, its PLOVER mode (empty in the file, ``None`` here).

* A root scores like its generic "not specified below" code (``13`` like ``130``).
* PLOVER types follow PLOVER's CAMEO correspondence, with CAMEO demands and appeals (02, 10) as
  ``REQUEST``. PLOVER does not code public statements, so the CAMEO 01 codes carry the type
  :data:`NO_PLOVER_TYPE` (``"NONE"``).
* Modes are words from the PLOVER manual's mode tables (``visit``, ``assist``, ``arrest``,
  ``firearms``...). Types PLOVER gives no modes (``AGREE``, ``SUPPORT``, ``CONCEDE``,
  ``COOPERATE``) have none here either; the CAMEO code keeps the finer distinction.

Codes keep their leading zero: ``"042"``, not ``"42"``.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Final

from eventwire.errors import UnknownEventCodeError
from eventwire.model import EventType

PLOVER_TYPES: Final[tuple[str, ...]] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
NO_PLOVER_TYPE: Final = "NONE"
"""PLOVER type of the CAMEO 01x statement codes, which PLOVER does not code."""

_DATA_FILE: Final = "data/cameo.tsv"
_COLUMNS: Final = ("code", "name", "goldstein", "plover_type", "plover_mode")
# Highest root of each QuadClass: 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict.
_QUAD_LAST_ROOT: Final = ((5, 1), (8, 2), (13, 3), (20, 4))
_CODE_HINT: Final = "codes are 2–4 digits such as '042' or '1121'"


def _unknown(code: str, detail: str = "") -> UnknownEventCodeError:
    return UnknownEventCodeError(f"unknown CAMEO code {code!r}; {_CODE_HINT}{detail}")


def _normalise(code: str) -> str:
    """``code`` without surrounding whitespace, if it is shaped like a CAMEO code."""
    key = code.strip()
    if not (key.isascii() and key.isdigit() and 2 <= len(key) <= 4):
        raise _unknown(key)
    return key


def root_of(code: str) -> str:
    """The two-digit CAMEO root ("cue category") of ``code``, e.g. ``"11"`` for ``"1121"``."""
    return _normalise(code)[:2]


def quad_class_of(root: str) -> int:
    """QuadClass of a root (or of any code, through its root): 1, 2, 3 or 4."""
    number = int(root_of(root))
    for last_root, quad_class in _QUAD_LAST_ROOT:
        if 1 <= number <= last_root:
            return quad_class
    raise _unknown(root.strip())


def _row_to_event_type(row: Mapping[str, str]) -> EventType:
    code = row["code"]
    return EventType(
        cameo=code,
        name=row["name"],
        root=root_of(code),
        quad_class=quad_class_of(code),
        goldstein=float(row["goldstein"]),
        plover_type=row["plover_type"],
        plover_mode=row["plover_mode"] or None,
    )


@functools.cache
def _table() -> Mapping[str, EventType]:
    text = resources.files("eventwire").joinpath(_DATA_FILE).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise ValueError(f"eventwire/{_DATA_FILE}: expected the columns {', '.join(_COLUMNS)}")
    types = (_row_to_event_type(row) for row in reader)
    return MappingProxyType({event.cameo: event for event in types})


def _did_you_mean(key: str) -> str:
    candidate = "0" + key
    if len(candidate) <= 4 and candidate in _table():
        return f" (did you mean {candidate!r}? CAMEO codes keep their leading zero)"
    return ""


def event_type(code: str) -> EventType:
    """The :class:`~eventwire.model.EventType` of a CAMEO code such as ``"042"`` or ``"1121"``.

    Surrounding whitespace is ignored. Raises :class:`~eventwire.errors.UnknownEventCodeError`
    for a code that is not in the ontology.
    """
    key = code.strip()
    found = _table().get(key)
    if found is None:
        raise _unknown(key, _did_you_mean(key) if key.isdigit() else "")
    return found


def all_codes() -> tuple[str, ...]:
    """Every CAMEO code in the ontology, roots included, in hierarchical order."""
    return tuple(_table())
