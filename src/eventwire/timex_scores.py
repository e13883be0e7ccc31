"""Scores of predicted temporal expressions against labelled ones, TempEval-3 style.

Labelled and predicted timexes of a story are paired one to one, the largest overlaps first (a
pair needs at least one character in common). Over the pairs:

- ``span`` (relaxed): a pair is a hit; ``strict``: a pair whose offsets are equal is a hit;
- ``type``: a pair whose TimeML types agree (DATE, TIME, DURATION, SET);
- ``value``: a pair whose normalised values are equal (a predicted timex with no value never is).

Each is a :class:`~eventwire.evaluate.PRF` over every labelled and every predicted timex, so type
and value F1 are bounded by span F1 as in TempEval-3's attribute F1. Stories whose timexes were
not labelled (``timexes is None``) are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.evaluate import PRF
from eventwire.labelled import LabelledStory, LabelledTimex
from eventwire.model import Article, Span, Timex
from eventwire.span_match import one_to_one, overlap


@dataclass(frozen=True, slots=True)
class TimexScores:
    stories: int
    span: PRF  # relaxed: any overlap
    strict: PRF  # equal offsets
    type: PRF
    value: PRF

    def as_dict(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "span": self.span.as_dict(),
            "strict": self.strict.as_dict(),
            "type": self.type.as_dict(),
            "value": self.value.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class TimexPair:
    gold: LabelledTimex
    predicted: Timex


def match_timexes(gold: Sequence[LabelledTimex], predicted: Sequence[Timex]) -> list[TimexPair]:
    """One-to-one pairs of overlapping timexes, the largest overlaps first."""
    spans = [Span(g.start, g.end) for g in gold]
    found = one_to_one(spans, [p.span for p in predicted], overlap)
    pairs = [TimexPair(gold[i], predicted[j]) for i, j in found]
    return sorted(pairs, key=lambda pair: pair.gold.start)


def _strict(pair: TimexPair) -> bool:
    return pair.gold.start == pair.predicted.span.start and pair.gold.end == pair.predicted.span.end


def score_timexes(stories: Sequence[LabelledStory], articles: Sequence[Article]) -> TimexScores:
    """Span, strict-span, type and value scores over the stories whose timexes are labelled."""
    tallies = {"span": 0, "strict": 0, "type": 0, "value": 0}
    gold_total = predicted_total = scored = 0
    for story, article in zip(stories, articles, strict=True):
        if story.timexes is None:
            continue
        scored += 1
        gold_total += len(story.timexes)
        predicted_total += len(article.timexes)
        for pair in match_timexes(story.timexes, article.timexes):
            tallies["span"] += 1
            tallies["strict"] += _strict(pair)
            tallies["type"] += pair.gold.type == pair.predicted.type
            tallies["value"] += pair.gold.value == pair.predicted.value
    prf = {k: PRF(v, gold_total, predicted_total) for k, v in tallies.items()}
    return TimexScores(scored, prf["span"], prf["strict"], prf["type"], prf["value"])


def _describe(t: LabelledTimex | Timex) -> str:
    if isinstance(t, Timex):
        return f"{t.text!r} {t.type} {t.value} ({t.rule})"
    return f"{t.text!r} {t.type} {t.value}"


def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 40) : end + 40].split())


def timex_errors(story: LabelledStory, article: Article) -> list[str]:
    """Readable lines for the labelled and predicted timexes of a story that disagree."""
    if story.timexes is None:
        return []
    pairs = match_timexes(story.timexes, article.timexes)
    paired_g = {id(p.gold) for p in pairs}
    paired_p = {id(p.predicted) for p in pairs}
    lines: list[tuple[int, str]] = []
    for pair in pairs:
        g, p = pair.gold, pair.predicted
        if _strict(pair) and g.type == p.type and g.value == p.value:
            continue
        lines.append((g.start, f"    differs {_describe(g)} | predicted {_describe(p)}"
                                f"  … {_context(story.text, g.start, g.end)}"))  # fmt: skip
    lines += [(g.start, f"    missed  {_describe(g)}  … {_context(story.text, g.start, g.end)}")
              for g in story.timexes
              if id(g) not in paired_g]  # fmt: skip
    lines += [(p.span.start, f"    extra   {_describe(p)}  … "
               f"{_context(story.text, p.span.start, p.span.end)}") for p in article.timexes
              if id(p) not in paired_p]  # fmt: skip
    if not lines:
        return []
    return [f"{story.id} timexes"] + [line for _, line in sorted(lines, key=lambda x: x[0])]
