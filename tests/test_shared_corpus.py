"""The real wire story in ../shared/corpus (skipped where ../shared is absent)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.model import Article, Event

pytestmark = pytest.mark.shared

STORY = "corpus/venezuela-un-2019-01-26.txt"


@pytest.fixture()
def venezuela(shared_dir: Path, process: Callable[..., Article]) -> Article:
    text = (shared_dir / STORY).read_text(encoding="utf-8")
    return process(text, date=dt.date(2019, 1, 26), title=text.split("\n", 1)[0])


def _find(article: Article, cameo_root: str, source: str, target: str) -> list[Event]:
    return [
        e
        for e in article.events
        if e.type.root == cameo_root
        and e.source is not None
        and (e.source.code or "").startswith(source)
        and e.target is not None
        and (e.target.code or "").startswith(target)
    ]


def test_required_events(venezuela: Article) -> None:
    text = venezuela.text
    appeal = _find(venezuela, "02", "USA", "IGOUNO")
    assert appeal and any("Pompeo" in (e.source.text if e.source else "") for e in appeal)
    assert _find(venezuela, "11", "RUS", "USA"), "Russia accusing Washington"
    breaks = _find(venezuela, "16", "VEN", "USA")
    assert breaks and text[breaks[0].trigger.start : breaks[0].trigger.end] == "broke"
    assert breaks[0].source is not None and breaks[0].source.person == "Nicolas Maduro"
    assert breaks[0].date is not None and breaks[0].date.value == "2019-01-23"  # "on Wednesday"


def test_maduro_direct_quotes(venezuela: Article) -> None:
    direct = [q for q in venezuela.quotes if q.direct and q.speaker is not None]
    by_maduro = [q for q in direct if q.speaker and q.speaker.person == "Nicolas Maduro"]
    assert any(q.text.startswith("I was about to say") for q in by_maduro)
    assert any(q.text.startswith("Thanks, Mike") for q in by_maduro)
    for quote in by_maduro:
        assert venezuela.text[quote.span.start : quote.span.end] == quote.text


def test_nothing_from_the_comment_form(venezuela: Article) -> None:
    form_start = venezuela.text.index("Leave a Reply")
    assert all(p.kind == "boilerplate" for p in venezuela.paragraphs if p.span.start >= form_start)
    assert all(s.span.end <= form_start for s in venezuela.sentences)
    assert all(m.span.end <= form_start for m in venezuela.mentions)
    assert all(q.span.end <= form_start for q in venezuela.quotes)
