"""``eventwire show``: an article with its events and quotes marked in the text."""

from __future__ import annotations

from typing import Any

from eventwire.errors import StoreError
from eventwire.store.database import Store
from eventwire.store.queries import Filters, places_of, rows


def render_article(store: Store, article_id: str) -> str:
    found = rows(store, "articles", Filters(article=article_id))
    if not found:
        raise StoreError(
            f"no article with id {article_id!r}; list ids with `eventwire export --table articles`"
        )
    article = found[0]
    events = rows(store, "events", Filters(article=article["id"], all_mentions=True))
    quotes = rows(store, "quotes", Filters(article=article["id"]))
    places = places_of(store, article["id"])
    lines = [
        f"article {article['article_id']}  date {article['date'] or '-'} "
        f"({article['date_source'] or article['warnings'] or 'unknown'})  "
        f"source {article['source'] or '-'}",
        "",
        mark_text(article["text"], events, quotes),
        "",
    ]
    labels = {e["event_id"]: f"E{i}" for i, e in enumerate(events, start=1)}
    lines += [_event_line(i, e, labels) for i, e in enumerate(events, start=1)]
    lines += [_quote_line(i, q) for i, q in enumerate(quotes, start=1)]
    lines += [_place_line(i, p) for i, p in enumerate(places, start=1)]
    return "\n".join(lines)


def mark_text(text: str, events: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> str:
    """``text`` with ⟦trigger⟧[En] around event triggers and «quote»[Qn] around quotes."""
    inserts: list[tuple[int, int, str]] = []
    triggers: dict[tuple[int, int], list[str]] = {}
    for i, event in enumerate(events, start=1):  # one marker per trigger, naming all its events
        triggers.setdefault((event["trigger_start"], event["trigger_end"]), []).append(f"E{i}")
    for (start, end), labels in triggers.items():
        inserts.append((start, 1, "⟦"))
        inserts.append((end, 0, f"⟧[{','.join(labels)}]"))
    for i, quote in enumerate(quotes, start=1):
        inserts.append((quote["start"], 2, "«"))
        inserts.append((quote["end"], -1, f"»[Q{i}]"))
    pieces: list[str] = []
    cursor = 0
    for position, _, marker in sorted(inserts):
        pieces.append(text[cursor:position])
        pieces.append(marker)
        cursor = position
    pieces.append(text[cursor:])
    return "".join(pieces)


def _event_line(i: int, e: dict[str, Any], labels: dict[str, str]) -> str:
    flags = ("negated " if e["negated"] else "") + e["modality"]
    first = e.get("mention_of")
    if first and first != e["event_id"] and first in labels:
        flags += f"; mention of {labels[first]}"
    elif (e.get("mentions") or 1) > 1:
        flags += f"; {e['mentions']} mentions"
    return (
        f"E{i}  {e['date'] or '-'}  {e['source_code'] or '-'} ({e['source_text'] or '-'}) "
        f"—{e['cameo']} {e['cameo_name']}/{e['plover_type']}→ "
        f"{e['target_code'] or '-'} ({e['target_text'] or '-'})  [{flags}; {e['rule']}; "
        f"date: {e['date_reason']}]"
        + (f"  @ {e['place_name']}, {e['place_country']} [{e['place_reason']}]"
           if e.get("place_name") else "")
    )  # fmt: skip


def _place_line(i: int, p: dict[str, Any]) -> str:
    where = f"{p['lat']:.2f}, {p['lon']:.2f}" if p["lat"] is not None else "-"
    return (
        f"P{i}  {p['text']} → {p['name']} ({p['feature']}, {p['country'] or '-'}; {where}) "
        f"[{p['rule']}]"
    )


def _quote_line(i: int, q: dict[str, Any]) -> str:
    kind = ("partial " if q["partial"] else "") + ("direct" if q["direct"] else "reported")
    speaker = q["speaker_name"] or q["speaker_text"] or "unattributed"
    return f"Q{i}  {speaker} [{q['speaker_code'] or '-'}], {kind}, {q['rule']}"
