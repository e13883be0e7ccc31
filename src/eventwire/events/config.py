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
    id; ``rule+learned``, the rules' events, and the model's only in sentences where the rules
    found none; ``rule+learned:words``, the model's also on words the rules did not code;
    ``rule+learned:types``, the model's also for PLOVER types the rules did not find in the
    sentence; ``rule+learned:confident``, ``rule+learned`` plus, in a sentence the rules coded,
    a model type they lack when its probability reaches the model's ``confident`` level (chosen
    on the tune split); ``rule+learned:confident-free``, the same less model events on a word a
    rule event is on or in the content of one ("accused X of *shelling* Y");
    ``rule+learned:veto`` and ``rule+learned:types+veto``, the same as
    ``rule+learned``/``:types`` with the model vetoing rule events it gives no type; see
    :mod:`eventwire.events.learned`).
    The default runs the rules and the trained trigger model with ``rule+learned``: the policies
    that add model types to sentences the rules coded cross-validate better on the tune split
    (a second event in a sentence is common in news: "X accused Y of shelling Z"), but
    ``plover_gsr.dev``, whose sentences carry one labelled event each, counts those extra events
    as errors (README, "The trained trigger model", has the numbers). ``coders = ["rule"]`` with
    ``merge = "first"`` is the rule coder alone.

    ``mutual``: code a mutual act ("X met Y", "X and Y signed a pact", "clashes") once in each
    direction, as the annotation guide does (:mod:`eventwire.events.mutual`); ``false`` keeps the
    one direction the coders read.

    ``model``: the trigger model file the ``learned`` coder reads (one ``make train`` or
    ``training/train_triggers.py --out`` wrote); empty, the model shipped in the package.
    """

    coders: tuple[str, ...] = ("rule", "learned")
    merge: str = "rule+learned"
    mutual: bool = True
    model: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.coders, str) or not self.coders:
            raise SettingsError("stage.events.coders must be a non-empty list of coder names")
        if not isinstance(self.mutual, bool):
            raise SettingsError(f"stage.events.mutual must be true or false, not {self.mutual!r}")
        if not isinstance(self.model, str):
            raise SettingsError(
                f"stage.events.model must be the path of a trigger model file, not {self.model!r}"
            )
