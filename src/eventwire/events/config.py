"""The ``events`` stage's own settings (``[eventwire.stage.events]``), free of heavy imports."""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.errors import SettingsError


@dataclass(frozen=True, kw_only=True)
class EventsConfig:
    """Which coders run, and how their events are merged.

    ``coders`` are names from :func:`eventwire.events.coding.registered_coders` (built in:
    ``rule`` and ``learned``; others through the entry-point group ``eventwire.coders``);
    ``merge`` names a merge policy (built in: ``first``, the first coder's event wins for an event
    id; ``rule+learned``, the rules' events, then the model's on words the rules did not code).
    The default runs the rules and the trained trigger model; ``coders = ["rule"]`` with
    ``merge = "first"`` is the rule coder alone.
    """

    coders: tuple[str, ...] = ("rule", "learned")
    merge: str = "rule+learned"

    def __post_init__(self) -> None:
        if isinstance(self.coders, str) or not self.coders:
            raise SettingsError("stage.events.coders must be a non-empty list of coder names")
