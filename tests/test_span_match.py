"""One-to-one pairing of labelled and predicted spans (the story scorers' shared matcher)."""

from __future__ import annotations

from eventwire.model import Span
from eventwire.span_match import jaccard, one_to_one, overlap


def test_overlap_and_jaccard() -> None:
    assert overlap(Span(0, 10), Span(5, 20)) == 5 and overlap(Span(0, 4), Span(4, 9)) == 0
    assert jaccard(Span(0, 10), Span(5, 20)) == 5 / 20 and jaccard(Span(3, 3), Span(3, 3)) == 0.0


def test_the_best_pair_wins_and_each_span_is_used_once() -> None:
    gold = [Span(0, 10), Span(20, 30)]
    predicted = [Span(2, 10), Span(0, 9), Span(40, 50)]
    # (0, 1) overlaps 0.9, (0, 0) 0.8: gold 0 takes prediction 1; prediction 0 stays unpaired.
    assert one_to_one(gold, predicted, jaccard) == [(0, 1)]


def test_pairs_below_the_minimum_or_not_overlapping_are_left_out() -> None:
    gold, predicted = [Span(0, 10)], [Span(8, 20)]
    assert one_to_one(gold, predicted, jaccard) == [(0, 0)]
    assert one_to_one(gold, predicted, jaccard, 0.5) == []
    assert one_to_one(gold, [Span(10, 12)], overlap) == []


def test_ties_go_to_the_earlier_gold_then_the_earlier_prediction() -> None:
    gold = [Span(0, 4), Span(0, 4)]
    predicted = [Span(0, 4), Span(0, 4)]
    assert one_to_one(gold, predicted, overlap) == [(0, 0), (1, 1)]
