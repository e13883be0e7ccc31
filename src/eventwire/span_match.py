"""Pairing labelled and predicted spans one to one, for the labelled-story scorers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from eventwire.model import Span


def overlap(a: Span, b: Span) -> int:
    """Characters the two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def jaccard(a: Span, b: Span) -> float:
    """Shared characters over the characters of either span (0 when they do not overlap)."""
    inter = overlap(a, b)
    union = (a.end - a.start) + (b.end - b.start) - inter
    return inter / union if union else 0.0


def one_to_one(
    gold: Sequence[Span],
    predicted: Sequence[Span],
    score: Callable[[Span, Span], float],
    minimum: float = 0.0,
) -> list[tuple[int, int]]:
    """Index pairs (gold, predicted), each index used once, the highest ``score`` first (ties:
    earlier gold, then earlier prediction); only pairs scoring above 0 and at least ``minimum``."""
    candidates = [
        (value, i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(predicted)
        if (value := score(g, p)) > 0 and value >= minimum
    ]
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs
