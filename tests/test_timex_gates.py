"""Each temporal pattern's gate is found wherever the pattern matches (issue 18): a sentence
without the gate is rightly not scanned for that kind."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.lang import language_data
from eventwire.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
WRITTEN = [
    "On Jan. 25, 2019, and on 25 January 2019 and in early March 2018, in May, by the 23rd,",
    "three days ago, this morning, later this month, last week, every Friday, weekly, within",
    "72 hours, for the past two years, last summer, the fall of 2018, yesterday, on Monday,",
    "the 1990s, at 3:30 p.m., at noon, recently, in 2019, 2019-01-25, ON MONDAY, IN 2019.",
    "Tuesday evening, Friday at 14:30, in recent months, for decades, the 19th century, the '80s,",
    "at 14:30 GMT, 2011-2013, July this year, the coming decade, the past, a 45-year-old man.",
]


def test_every_match_has_its_gate() -> None:
    words = language_data(Settings()).timex
    stories = (ROOT / "data/labelled/voa/stories.jsonl").read_text(encoding="utf-8")
    texts = [json.loads(line)["text"] for line in stories.splitlines()] + WRITTEN
    matched = set()
    for text in texts:
        for kind, pattern in words.patterns:
            gate = words.gates.get(kind)
            if gate is not None and pattern.search(text):
                matched.add(kind)
                folded = text.lower() if kind in words.folded_gates else text
                assert gate.search(folded), (kind, text[:80])
    assert len(matched) >= 14
