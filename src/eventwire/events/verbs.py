"""The built-in verb lexicon: trigger lemmas with their frames (``data/verbs.tsv``)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventwire.errors import DictionaryError

_COLUMNS = ("lemma", "particle", "object", "targets", "needs_target", "code")


@dataclass(frozen=True, slots=True)
class VerbFrame:
    """One way a verb reports an event: what it must carry and where its target is."""

    lemma: str
    particle: str | None
    objects: frozenset[str]
    targets: tuple[str, ...]
    needs_target: bool
    code: str

    @property
    def rule(self) -> str:
        extra = f" {self.particle}" if self.particle else ""
        obj = f" [{'|'.join(sorted(self.objects))}]" if self.objects else ""
        return f"verb:{self.lemma}{extra}{obj}->{self.code}"


@dataclass(frozen=True, slots=True)
class VerbLexicon:
    frames: dict[str, tuple[VerbFrame, ...]]

    def for_lemma(self, lemma: str) -> tuple[VerbFrame, ...]:
        return self.frames.get(lemma, ())


@functools.cache
def builtin_verbs() -> VerbLexicon:
    source = resources.files("eventwire") / "data" / "verbs.tsv"
    return parse_verbs(source.read_text(encoding="utf-8").splitlines(), origin="verbs.tsv")


def load_verbs(path: Path) -> VerbLexicon:
    return parse_verbs(path.read_text(encoding="utf-8").splitlines(), origin=str(path))


def parse_verbs(lines: Iterable[str], *, origin: str) -> VerbLexicon:
    frames: dict[str, list[VerbFrame]] = {}
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if not header_seen:
            header_seen = True
            if tuple(cells) == _COLUMNS:
                continue
        frame = _frame(cells, f"{origin}:{number}")
        frames.setdefault(frame.lemma, []).append(frame)
    # Frames with more requirements are tried first.
    ordered = {k: tuple(sorted(v, key=_specificity, reverse=True)) for k, v in frames.items()}
    return VerbLexicon(ordered)


def _frame(cells: list[str], where: str) -> VerbFrame:
    if len(cells) != len(_COLUMNS):
        raise DictionaryError(f"{where}: expected {len(_COLUMNS)} tab-separated columns")
    lemma, particle, objects, targets, needs_target, code = (c.strip() for c in cells)
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise DictionaryError(f"{where}: {code!r} is not a CAMEO code")
    if needs_target not in ("yes", "no"):
        raise DictionaryError(f"{where}: needs_target must be yes or no, got {needs_target!r}")
    return VerbFrame(
        lemma=lemma,
        particle=None if particle == "-" else particle,
        objects=frozenset() if objects == "-" else frozenset(objects.split("|")),
        targets=tuple(t for t in targets.split(",") if t and t != "-"),
        needs_target=needs_target == "yes",
        code=code,
    )


def _specificity(frame: VerbFrame) -> int:
    return int(frame.particle is not None) + int(bool(frame.objects))
