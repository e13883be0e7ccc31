"""Labelled news stories: our own gold format for quotes and sentence-level PLOVER events.

A labelled set is a folder with ``stories.jsonl`` (``id``, ``text``, ``published``, ``title``,
``url`` ...) and ``labels.jsonl`` (one line per story: ``id``, ``quotes``, ``events``, ``notes``),
written as ``../shared/annotation/GUIDE.md`` describes. Every offset points into the story's
``text``. :func:`validate` applies the same rules as the guide's checker.

Stories are split by id into ``tune`` (read its errors) and ``score`` (only ever scored):
a story is in ``score`` when ``int(sha1(id), 16) % 3 == 0``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from eventwire.errors import EvaluationError

Split = Literal["tune", "score"]
SPLITS: Final[tuple[Split, ...]] = ("tune", "score")
STORIES_FILE: Final = "stories.jsonl"
LABELS_FILE: Final = "labels.jsonl"

PLOVER_TYPES: Final = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
     "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
)  # fmt: skip
_QUOTE_KEYS: Final = ("start", "end", "text", "partial", "speaker", "speaker_start",
                      "speaker_end", "speaker_country")  # fmt: skip
_PLACE_KEYS: Final = ("start", "end", "text", "name", "geonameid", "lat", "lon", "country",
                      "feature", "metonymic")  # fmt: skip
_TIMEX_KEYS: Final = ("start", "end", "text", "type", "value")
PLACE_FEATURES: Final = frozenset(
    {"country", "admin1", "admin2", "city", "region", "physical", "continent"}
)
TIMEX_TYPES: Final = frozenset({"DATE", "TIME", "DURATION", "SET"})
_EVENT_KEYS: Final = ("sentence_start", "sentence_end", "type", "trigger", "trigger_start",
                      "trigger_end", "source", "source_country", "target", "target_country",
                      "evidence")  # fmt: skip


def split_of(story_id: str) -> Split:
    """The split a story belongs to, from its id alone (stable across machines and runs)."""
    digest = hashlib.sha1(story_id.encode("utf-8")).hexdigest()
    return "score" if int(digest, 16) % 3 == 0 else "tune"


@dataclass(frozen=True, slots=True)
class LabelledQuote:
    start: int
    end: int
    text: str
    partial: bool
    speaker: str
    speaker_start: int | None
    speaker_end: int | None
    speaker_country: str


@dataclass(frozen=True, slots=True)
class LabelledEvent:
    sentence_start: int
    sentence_end: int
    type: str
    trigger: str
    trigger_start: int
    trigger_end: int
    source: str
    source_country: str
    target: str
    target_country: str


@dataclass(frozen=True, slots=True)
class LabelledPlace:
    start: int
    end: int
    text: str
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str
    feature: str
    metonymic: bool


@dataclass(frozen=True, slots=True)
class LabelledTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class LabelledStory:
    id: str
    text: str
    title: str | None
    url: str | None
    published: dt.date | None
    quotes: tuple[LabelledQuote, ...]
    events: tuple[LabelledEvent, ...]
    #: None when the story's places (or timexes) were not labelled; () when it has none.
    places: tuple[LabelledPlace, ...] | None = None
    timexes: tuple[LabelledTimex, ...] | None = None

    @property
    def split(self) -> Split:
        return split_of(self.id)


def json_lines(path: Path, what: str = "file") -> Iterator[tuple[str, Any]]:
    """``(file:line, value)`` for every non-blank line of a JSON-lines file; a line that is not
    JSON, or a file that cannot be read, raises :class:`EvaluationError` naming the place."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"cannot read {what} {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{where}: not valid JSON: {exc.msg}") from exc


def _jsonl(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for where, data in json_lines(path):
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise EvaluationError(f"{where}: expected a JSON object with a string 'id'")
        yield where, data


def _published(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def validate(text: str, labels: dict[str, Any]) -> list[str]:
    """Every problem with one story's labels (empty when they are sound)."""
    problems: list[str] = []
    for i, q in enumerate(labels.get("quotes") or []):
        missing = [k for k in _QUOTE_KEYS if k not in q]
        if missing:
            problems.append(f"quote {i}: missing {', '.join(missing)}")
            continue
        if text[q["start"] : q["end"]] != q["text"]:
            problems.append(f"quote {i}: text[start:end] is not its 'text'")
        start, end = q["speaker_start"], q["speaker_end"]
        if (start is None) != (end is None) or (
            start is not None and not 0 <= start < end <= len(text)
        ):
            problems.append(f"quote {i}: bad speaker span")
        if not _country_ok(q["speaker_country"]):
            problems.append(f"quote {i}: speaker_country {q['speaker_country']!r} not ISO-3/IGO")
    for i, e in enumerate(labels.get("events") or []):
        missing = [k for k in _EVENT_KEYS if k not in e]
        if missing:
            problems.append(f"event {i}: missing {', '.join(missing)}")
            continue
        if e["type"] not in PLOVER_TYPES:
            problems.append(f"event {i}: type {e['type']!r} is not a PLOVER 2021 type")
        if text[e["trigger_start"] : e["trigger_end"]] != e["trigger"]:
            problems.append(f"event {i}: text[trigger_start:trigger_end] is not its 'trigger'")
        if not e["sentence_start"] <= e["trigger_start"] < e["sentence_end"]:
            problems.append(f"event {i}: trigger outside its sentence")
        if text[e["sentence_start"] : e["sentence_end"]] != e["evidence"]:
            problems.append(f"event {i}: evidence is not text[sentence_start:sentence_end]")
        for key in ("source_country", "target_country"):
            if not _country_ok(e[key]):
                problems.append(f"event {i}: {key}={e[key]!r} not ISO-3/IGO")
    problems.extend(_spans_problems(text, labels, "places", _PLACE_KEYS, _place_problem))
    problems.extend(_spans_problems(text, labels, "timexes", _TIMEX_KEYS, _timex_problem))
    return problems


def _spans_problems(
    text: str,
    labels: dict[str, Any],
    key: str,
    fields: tuple[str, ...],
    check: Callable[[dict[str, Any]], str | None],
) -> Iterator[str]:
    """Problems of the place or timex entries: fields, spans, values, overlaps."""
    entries = labels.get(key)
    if entries is None:
        return
    if not isinstance(entries, list):
        yield f"{key}: must be a list"
        return
    previous_end = -1
    for i, entry in sorted(enumerate(entries), key=lambda p: p[1].get("start", -1)):
        missing = [k for k in fields if k not in entry]
        if missing:
            yield f"{key} {i}: missing {', '.join(missing)}"
            continue
        if text[entry["start"] : entry["end"]] != entry["text"] or not entry["text"]:
            yield f"{key} {i}: text[start:end] is not its 'text'"
        if entry["start"] < previous_end:
            yield f"{key} {i}: overlaps the entry before it"
        previous_end = max(previous_end, entry["end"])
        problem = check(entry)
        if problem:
            yield f"{key} {i}: {problem}"


def _place_problem(place: dict[str, Any]) -> str | None:
    if place["feature"] not in PLACE_FEATURES:
        return f"feature {place['feature']!r} is not one of {', '.join(sorted(PLACE_FEATURES))}"
    if not _country_ok(place["country"]):
        return f"country {place['country']!r} not ISO-3"
    if (place["lat"] is None) != (place["lon"] is None):
        return "lat and lon must both be given or both be null"
    if place["lat"] is not None and not (-90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180):
        return "lat/lon out of range"
    return None


def _timex_problem(timex: dict[str, Any]) -> str | None:
    if timex["type"] not in TIMEX_TYPES:
        return f"type {timex['type']!r} is not one of {', '.join(sorted(TIMEX_TYPES))}"
    if not isinstance(timex["value"], str) or not timex["value"]:
        return "value must be a non-empty TimeML value"
    return None


def _country_ok(value: Any) -> bool:
    return isinstance(value, str) and (
        not value or (len(value) == 3 and value.isascii() and value.isupper())
    )


def _quote(q: dict[str, Any]) -> LabelledQuote:
    return LabelledQuote(
        q["start"], q["end"], q["text"], bool(q["partial"]), q["speaker"],
        q["speaker_start"], q["speaker_end"], q["speaker_country"],
    )  # fmt: skip


def _event(e: dict[str, Any]) -> LabelledEvent:
    return LabelledEvent(
        e["sentence_start"], e["sentence_end"], e["type"], e["trigger"], e["trigger_start"],
        e["trigger_end"], e["source"], e["source_country"], e["target"], e["target_country"],
    )  # fmt: skip


def _place(p: dict[str, Any]) -> LabelledPlace:
    return LabelledPlace(
        p["start"], p["end"], p["text"], p["name"], p["geonameid"], p["lat"], p["lon"],
        p["country"], p["feature"], bool(p["metonymic"]),
    )  # fmt: skip


def _timex(t: dict[str, Any]) -> LabelledTimex:
    return LabelledTimex(t["start"], t["end"], t["text"], t["type"], t["value"])


def load_labelled(folder: Path | str, split: Split | None = None) -> list[LabelledStory]:
    """The labelled stories of a folder (every one, or one split), in the stories file's order.

    Raises :class:`EvaluationError` naming the file and line when a label is malformed, points
    outside its story, or a story has no labels.
    """
    folder = Path(folder)
    if not (folder / STORIES_FILE).is_file() or not (folder / LABELS_FILE).is_file():
        raise EvaluationError(
            f"{folder}: a labelled set is a folder holding {STORIES_FILE} and {LABELS_FILE}"
        )
    stories = dict(_jsonl(folder / STORIES_FILE))
    labels: dict[str, tuple[str, dict[str, Any]]] = {}
    for where, data in _jsonl(folder / LABELS_FILE):
        if data["id"] in labels:
            raise EvaluationError(f"{where}: story {data['id']} is labelled twice")
        labels[data["id"]] = (where, data)
    out: list[LabelledStory] = []
    for where, story in stories.items():
        sid = story["id"]
        if split is not None and split_of(sid) != split:
            continue
        if not isinstance(story.get("text"), str):
            raise EvaluationError(f"{where}: story {sid} has no string 'text'")
        if sid not in labels:
            raise EvaluationError(f"{folder / LABELS_FILE}: story {sid} has no labels")
        label_where, data = labels[sid]
        problems = validate(story["text"], data)
        if problems:
            raise EvaluationError(f"{label_where}: story {sid}: {'; '.join(problems[:5])}")
        out.append(_story(story, data))
    return out


def _story(story: dict[str, Any], data: dict[str, Any]) -> LabelledStory:
    return LabelledStory(
        id=story["id"],
        text=story["text"],
        title=story.get("title") if isinstance(story.get("title"), str) else None,
        url=story.get("url") if isinstance(story.get("url"), str) else None,
        published=_published(story.get("published")),
        quotes=tuple(_quote(q) for q in data.get("quotes") or []),
        events=tuple(_event(e) for e in data.get("events") or []),
        places=None if data.get("places") is None else tuple(map(_place, data["places"])),
        timexes=None if data.get("timexes") is None else tuple(map(_timex, data["timexes"])),
    )


def count_types(stories: Sequence[LabelledStory]) -> dict[str, int]:
    """How many labelled events of each PLOVER type the stories hold."""
    counts: dict[str, int] = {}
    for story in stories:
        for event in story.events:
            counts[event.type] = counts.get(event.type, 0) + 1
    return dict(sorted(counts.items()))
