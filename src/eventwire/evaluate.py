"""Score predicted events against gold files (PLOVER GSR and PETRARCH records).

Gold and predicted events are matched per record as multisets. Actors are compared by *country*:
the first three letters of a code (gold ``"JAP"`` or ``"IGO"`` against our ``"JPNGOV"``). A gold
code whose first three characters are not letters (``"---"``, ``"###"``: country unknown) and an
empty gold actor list match whatever was predicted, including no actor at all.

PLOVER gold codes a coordination as one event with lists of actors; the coder writes one event
per actor pair. For PLOVER records, predicted events sharing sentence, trigger and CAMEO code are
therefore counted as one predicted event, whose actors are right only if every pair is right.
PETRARCH gold lists one record per actor pair, like the coder, and is scored event by event.
Negated and conditional events ("did not attack", "unless Baghdad accepts") are not scored.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from eventwire.errors import EvaluationError, UnknownEventCodeError
from eventwire.events.ontology import event_type
from eventwire.labelled import json_lines
from eventwire.model import Article, Event, Mention
from eventwire.pipeline import Pipeline

GoldFormat = Literal["plover", "petrarch"]

#: PLOVER records carry this placeholder instead of a publication date.
PLACEHOLDER_DATE = dt.date(2000, 1, 1)
NO_ACTOR = "---"
_SKIPPED_TYPES = frozenset({"NONE", ""})


@dataclass(frozen=True, slots=True)
class GoldEvent:
    plover_type: str | None
    cameo: str | None
    source_codes: tuple[str, ...]
    target_codes: tuple[str, ...]
    source_sectors: tuple[str, ...] = ()
    target_sectors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    date: dt.date | None
    events: tuple[GoldEvent, ...]
    format: GoldFormat = "plover"
    no_events: bool = False  # ``noevents`` or ``expected_error``: nothing should be coded


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    gold: int
    predicted: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class Accuracy:
    correct: int
    total: int

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        value = self.value
        return {
            "correct": self.correct,
            "total": self.total,
            "accuracy": None if value is None else round(value, 4),
        }


@dataclass(frozen=True)
class Scores:
    records: int
    type: PRF
    type_actors: PRF
    per_type: Mapping[str, PRF]
    confusion: Mapping[str, Mapping[str, int]]
    source_accuracy: Accuracy
    target_accuracy: Accuracy
    sector_accuracy: Accuracy
    exact: Accuracy | None  # PETRARCH records reproduced exactly; None without PETRARCH records

    def largest_confusions(self, n: int = 5) -> list[tuple[str, str, int]]:
        """The ``n`` most frequent (gold type, predicted type) pairs that disagree."""
        pairs = [
            (gold, pred, count)
            for gold, row in self.confusion.items()
            for pred, count in row.items()
            if gold != pred
        ]
        return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))[:n]

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "type": self.type.as_dict(),
            "type_actors": self.type_actors.as_dict(),
            "per_type": {name: prf.as_dict() for name, prf in sorted(self.per_type.items())},
            "confusion": {gold: dict(row) for gold, row in sorted(self.confusion.items())},
            "source_accuracy": self.source_accuracy.as_dict(),
            "target_accuracy": self.target_accuracy.as_dict(),
            "sector_accuracy": self.sector_accuracy.as_dict(),
            "exact": None if self.exact is None else self.exact.as_dict(),
        }


# --- loading -------------------------------------------------------------------------------------


def load_gold(path: Path | str) -> list[GoldRecord]:
    """Every scorable record of a PLOVER or PETRARCH gold file (JSON lines)."""
    records: list[GoldRecord] = []
    for where, data in json_lines(Path(path), "gold file"):
        try:
            record = _record(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise EvaluationError(f"{where}: malformed gold record: {exc!r}") from exc
        if record is not None:
            records.append(record)
    return records


def _record(data: Any) -> GoldRecord | None:
    if not isinstance(data, dict):
        raise TypeError("a record must be a JSON object")
    if data.get("skip") is True or data.get("included") is False:
        return None
    record_id, text = data["id"], data["text"]
    if not isinstance(record_id, str) or not isinstance(text, str):
        raise TypeError("'id' and 'text' must be strings")
    events = data.get("events") or []
    if not isinstance(events, list):
        raise TypeError("'events' must be a list")
    petrarch = any(k in data for k in ("noevents", "expected_error", "date_iso")) or any(
        isinstance(e, dict) and "code" in e for e in events
    )
    if petrarch:
        no_events = bool(data.get("noevents")) or bool(data.get("expected_error"))
        gold = () if no_events else tuple(_petrarch_event(e) for e in events)
        return GoldRecord(
            record_id, text, _date(data.get("date_iso") or data.get("date")), gold,
            "petrarch", no_events,
        )  # fmt: skip
    date = _date(data.get("date"))
    return GoldRecord(
        record_id,
        text,
        None if date == PLACEHOLDER_DATE else date,
        tuple(_plover_event(e) for e in events),
        "plover",
    )


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            pass
    return None


def _plover_event(event: Any) -> GoldEvent:
    plover = event.get("event_plover_2021", event.get("event"))
    if plover is not None and not isinstance(plover, str):
        raise TypeError("'event_plover_2021' must be a string")

    def actors(key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        items = event.get(key) or []
        if not isinstance(items, list):
            raise TypeError(f"{key!r} must be a list of actors")
        if not all(isinstance(item, dict) for item in items):
            raise TypeError(f"{key!r} must be a list of actor objects")
        # An actor may have no code ({"actorText": "diplomatic"}): an actor without a country.
        codes = tuple(str(item.get("code") or "") for item in items)
        sectors = tuple(str(item["sector"]) for item in items if item.get("sector"))
        return codes, sectors

    source, source_sectors = actors("source")
    target, target_sectors = actors("target")
    return GoldEvent(plover, None, source, target, source_sectors, target_sectors)


def _petrarch_event(event: Any) -> GoldEvent:
    code = event["code"]
    if not isinstance(code, str):
        raise TypeError("'code' must be a string")
    try:
        plover: str | None = event_type(code).plover_type
    except UnknownEventCodeError:
        plover = None
    source, target = event.get("source") or "", event.get("target") or ""
    if not isinstance(source, str) or not isinstance(target, str):
        raise TypeError("'source' and 'target' must be strings")
    return GoldEvent(plover, code.strip(), (source,) if source else (), (target,) if target else ())


# --- scoring -------------------------------------------------------------------------------------


def _country(code: str | None) -> str | None:
    return code[:3].upper() if code else None


def _actor_matches(gold_codes: Sequence[str], predicted: Mention | None) -> bool:
    if not gold_codes:
        return True
    countries = [c[:3].upper() for c in gold_codes]
    if any(not c.isalpha() for c in countries):
        return True  # country unknown in the gold
    return _country(predicted.code if predicted else None) in countries


def _sector(mention: Mention | None) -> str | None:
    if mention is None or mention.actor is None:
        return None
    if mention.actor.sector:
        return mention.actor.sector
    code = mention.actor.code
    return code[3:6] if len(code) >= 6 else None


def _type_ok(gold: GoldEvent) -> bool:
    return gold.plover_type is not None and gold.plover_type not in _SKIPPED_TYPES


#: One coded event as the gold file counts it: PLOVER gold codes "Jordan and Britain agreed" as
#: one event with two sources, where the coder writes one event per actor. For PLOVER records the
#: coder's events sharing sentence, trigger and CAMEO code are scored together as one unit.
Unit = tuple[Event, ...]


def is_scored(event: Event) -> bool:
    """Gold files code what happened: negated and conditional events are not compared."""
    return not event.negated and event.modality != "conditional"


def _units(events: Sequence[Event], record: GoldRecord) -> list[Unit]:
    if record.format == "petrarch":
        return [(e,) for e in events]
    groups: dict[tuple[int, int, int, str], list[Event]] = {}
    for e in events:
        groups.setdefault((e.sentence, e.trigger.start, e.trigger.end, e.type.cameo), []).append(e)
    return [tuple(group) for group in groups.values()]


def _pair(
    gold: Sequence[GoldEvent],
    predicted: Sequence[Unit],
    ok: Callable[[GoldEvent, Unit], bool],
    rank: Callable[[GoldEvent, Unit], int] = lambda g, p: 0,
) -> list[tuple[GoldEvent, Unit]]:
    """Greedy one-to-one pairing: each gold event takes the best-ranked free acceptable unit."""
    free = list(predicted)
    pairs: list[tuple[GoldEvent, Unit]] = []
    for g in gold:
        candidates = [p for p in free if ok(g, p)]
        if not candidates:
            continue
        best = max(candidates, key=lambda p: rank(g, p))
        free.remove(best)
        pairs.append((g, best))
    return pairs


def _same_type(g: GoldEvent, unit: Unit) -> bool:
    return unit[0].type.plover_type == g.plover_type


def _actors_ok(g: GoldEvent, unit: Unit) -> tuple[bool, bool]:
    """Source and target correct for every event of the unit."""
    return (
        all(_actor_matches(g.source_codes, p.source) for p in unit),
        all(_actor_matches(g.target_codes, p.target) for p in unit),
    )


def _full_match(g: GoldEvent, unit: Unit) -> bool:
    return _same_type(g, unit) and all(_actors_ok(g, unit))


def _exact_key(codes: Iterable[tuple[str | None, str | None, str | None]]) -> set[tuple[str, ...]]:
    return {(s or NO_ACTOR, c or "", t or NO_ACTOR) for s, c, t in codes}


def score(records: Sequence[GoldRecord], predicted: Sequence[Article]) -> Scores:
    """Compare each record's gold events with the events predicted for it (same order)."""
    if len(records) != len(predicted):
        raise EvaluationError(f"{len(records)} gold records but {len(predicted)} articles")
    tp = n_gold = n_pred = tp_actors = 0
    type_tp: Counter[str] = Counter()
    type_gold: Counter[str] = Counter()
    type_pred: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = {}
    src_ok = tgt_ok = matched = sector_ok = sector_total = 0
    exact_ok = exact_total = 0
    for record, article in zip(records, predicted, strict=True):
        events = [e for e in article.events if is_scored(e)]
        units = _units(events, record)
        gold = [g for g in record.events if _type_ok(g)]
        n_gold += len(gold)
        n_pred += len(units)
        type_gold.update(g.plover_type for g in gold if g.plover_type)
        type_pred.update(u[0].type.plover_type for u in units)
        pairs = _pair(gold, units, _same_type, lambda g, p: sum(_actors_ok(g, p)))
        tp += len(pairs)
        tp_actors += len(_pair(gold, units, _full_match))
        for g, unit in pairs:
            type_tp[unit[0].type.plover_type] += 1
            source_hit, target_hit = _actors_ok(g, unit)
            matched += 1
            src_ok += source_hit
            tgt_ok += target_hit
            p = unit[0]
            for sectors, mention in ((g.source_sectors, p.source), (g.target_sectors, p.target)):
                if sectors:
                    sector_total += 1
                    sector_ok += _sector(mention) in sectors
        if len(gold) == 1 and len(units) == 1 and gold[0].plover_type:
            row = confusion.setdefault(gold[0].plover_type, Counter())
            row[units[0][0].type.plover_type] += 1
        if record.format == "petrarch":
            exact_total += 1
            want = _exact_key(
                (g.source_codes[0] if g.source_codes else None, g.cameo,
                 g.target_codes[0] if g.target_codes else None)
                for g in record.events
            )  # fmt: skip
            got = _exact_key((e.source.code if e.source else None, e.type.cameo,
                              e.target.code if e.target else None) for e in events)  # fmt: skip
            exact_ok += want == got
    types = sorted(set(type_gold) | set(type_pred))
    return Scores(
        records=len(records),
        type=PRF(tp, n_gold, n_pred),
        type_actors=PRF(tp_actors, n_gold, n_pred),
        per_type={t: PRF(type_tp[t], type_gold[t], type_pred[t]) for t in types},
        confusion={g: dict(row) for g, row in confusion.items()},
        source_accuracy=Accuracy(src_ok, matched),
        target_accuracy=Accuracy(tgt_ok, matched),
        sector_accuracy=Accuracy(sector_ok, sector_total),
        exact=Accuracy(exact_ok, exact_total) if exact_total else None,
    )


__all__ = [
    "PRF",
    "Accuracy",
    "GoldEvent",
    "GoldRecord",
    "Scores",
    "is_scored",
    "load_gold",
    "score",
]


def evaluate_file(path: Path | str, pipeline: Pipeline) -> tuple[Scores, list[Article]]:
    """Run every gold record's text through ``pipeline`` and score the result."""
    records = load_gold(path)
    articles = [Article(text=r.text, external_id=r.id, date=r.date) for r in records]
    predicted = list(pipeline.process(articles))
    return score(records, predicted), predicted
