"""Score the ``places`` stage on labelled stories (:class:`eventwire.labelled.LabelledPlace`).

Only stories whose places were labelled (``story.places is not None``) are scored.

- **Toponyms** (precision, recall, F1): a predicted place matches a labelled toponym when their
  character spans overlap (one-to-one, the largest Jaccard overlap first). Every predicted
  place counts, resolved or not, so a word taken for a place that is none is a false positive.
- **within_161km**: of the matched toponyms whose label has coordinates, the share whose
  predicted point lies within 161 km (100 miles) of the labelled point; an unresolved prediction
  counts as a miss.
- **country_accuracy**: of the matched toponyms the code resolved, the share whose country (ISO-3)
  is the labelled one (a label with no country, "the Middle East", wants none).
- **resolved**: of the matched toponyms, the share the code resolved to a gazetteer entry.

Metonymy: the labels hold every toponym, literal or metonymic ("Moscow said"), each with the
point of the place it names, and the stage resolves names without judging how they are used; so
a metonymic toponym is scored like a literal one. ``literal`` repeats the toponym scores over
literal labels only (a prediction matching a metonymic label is then left out of both counts).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from eventwire.evaluate import PRF
from eventwire.labelled import LabelledPlace, LabelledStory
from eventwire.model import Article, Place, Span
from eventwire.span_match import jaccard, one_to_one

WITHIN_KM: Final = 161.0
_EARTH_KM: Final = 6371.0088


@dataclass(frozen=True)
class Share:
    """``right`` of ``total``; the value is 0 when nothing was counted."""

    right: int
    total: int

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(frozen=True)
class PlaceScores:
    stories: int
    toponyms: PRF
    literal: PRF
    within_161km: Share
    country_accuracy: Share
    resolved: Share

    def as_dict(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "toponyms": self.toponyms.as_dict(),
            "literal": self.literal.as_dict(),
            "precision": round(self.toponyms.precision, 4),
            "recall": round(self.toponyms.recall, 4),
            "f1": round(self.toponyms.f1, 4),
            "within_161km": round(self.within_161km.value, 4),
            "country_accuracy": round(self.country_accuracy.value, 4),
            "resolved": round(self.resolved.value, 4),
        }


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def match_places(
    gold: Sequence[LabelledPlace], predicted: Sequence[Place]
) -> list[tuple[LabelledPlace, Place]]:
    """One-to-one pairs of overlapping spans, the largest overlap (Jaccard) first."""
    spans = [Span(g.start, g.end) for g in gold]
    found = one_to_one(spans, [p.span for p in predicted], jaccard)
    return [(gold[i], predicted[j]) for i, j in found]


def near(gold: LabelledPlace, place: Place) -> bool:
    if place.lat is None or place.lon is None or gold.lat is None or gold.lon is None:
        return False
    return distance_km(gold.lat, gold.lon, place.lat, place.lon) <= WITHIN_KM


@dataclass
class _Tally:
    tp: int = 0
    gold: int = 0
    predicted: int = 0
    lit_tp: int = 0
    lit_gold: int = 0
    lit_predicted: int = 0
    near: int = 0
    with_point: int = 0
    country: int = 0
    resolved: int = 0
    matched: int = 0

    def add(self, gold: Sequence[LabelledPlace], predicted: Sequence[Place]) -> None:
        pairs = match_places(gold, predicted)
        self.tp += len(pairs)
        self.gold += len(gold)
        self.predicted += len(predicted)
        on_metonymic = sum(g.metonymic for g, _ in pairs)
        self.lit_tp += len(pairs) - on_metonymic
        self.lit_gold += sum(not g.metonymic for g in gold)
        self.lit_predicted += len(predicted) - on_metonymic
        self.matched += len(pairs)
        for g, p in pairs:
            if g.lat is not None:
                self.with_point += 1
                self.near += near(g, p)
            if p.reason is None and p.lat is not None:
                self.resolved += 1
                self.country += (p.country or "") == g.country


def score_places(stories: Sequence[LabelledStory], articles: Sequence[Article]) -> PlaceScores:
    """Place scores over the stories whose places were labelled (same order as ``articles``)."""
    tally = _Tally()
    counted = 0
    for story, article in zip(stories, articles, strict=True):
        if story.places is None:
            continue
        counted += 1
        tally.add(story.places, article.places)
    return PlaceScores(
        counted,
        PRF(tally.tp, tally.gold, tally.predicted),
        PRF(tally.lit_tp, tally.lit_gold, tally.lit_predicted),
        Share(tally.near, tally.with_point),
        Share(tally.country, tally.resolved),
        Share(tally.resolved, tally.matched),
    )


def place_errors(story: LabelledStory, article: Article) -> list[str]:
    """Readable lines for the toponyms missed, extra, or resolved far from their label."""
    if story.places is None:
        return []
    pairs = match_places(story.places, article.places)
    matched_g = {id(g) for g, _ in pairs}
    matched_p = {id(p) for _, p in pairs}
    lines = [
        f"{story.id} missed  [{g.start}:{g.end}] {g.text!r} ({g.feature} {g.country})"
        for g in story.places
        if id(g) not in matched_g
    ]
    lines += [
        f"{story.id} extra   [{p.span.start}:{p.span.end}] {p.text!r} -> {_shown(p)}"
        for p in article.places
        if id(p) not in matched_p
    ]
    for g, p in pairs:
        if g.lat is not None and not near(g, p):
            lines.append(
                f"{story.id} far     [{g.start}:{g.end}] {g.text!r}: labelled {g.name} "
                f"({g.feature} {g.country}) -> {_shown(p)}"
            )
    return lines


def _shown(place: Place) -> str:
    if place.reason is not None:
        return f"unresolved ({place.reason})"
    return f"{place.name} ({place.feature} {place.country}) {place.rule}"
