"""One record (a JSON object, a CSV row, a Parquet row) to an article, by a field mapping.

The mapping comes from the settings (``text_field``, ``date_field``, ``id_field``, ``url_field``,
``title_field``); ``source`` is always read from a field named ``source``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from eventwire.ingest.files import too_long_message
from eventwire.model import Article
from eventwire.settings import Settings

_DATE_PREFIX = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHOWN_CHARS = 40


class RecordError(ValueError):
    """One record cannot become an article; the readers turn it into an IngestError."""


def record_article(record: Mapping[str, Any], *, origin: str, settings: Settings) -> Article:
    """The article in ``record`` under the settings' field mapping; raises :class:`RecordError`.

    A date that cannot be read ("yesterday") does not lose the article: it is stored without a
    date, with a warning naming the field and the value.
    """
    date, warning = _date_field(record, settings.date_field)
    return Article(
        text=_text_field(record, settings.text_field, settings),
        external_id=_id_field(record, settings.id_field),
        title=_string_field(record, settings.title_field),
        date=date,
        url=_string_field(record, settings.url_field),
        source=_string_field(record, "source"),
        origin=origin,
        warnings=(warning,) if warning else (),
    )


def _text_field(record: Mapping[str, Any], name: str, settings: Settings) -> str:
    text = record.get(name)
    if text is None:
        raise RecordError(f"record has no '{name}' field; every record needs the article text")
    if not isinstance(text, str):
        raise RecordError(f"'{name}' must be a string, got {_shown(text)}")
    if not text.strip():
        raise RecordError(f"record has no '{name}' field (it is empty)")
    if len(text) > settings.max_article_chars:
        raise RecordError(too_long_message(len(text), settings))
    return _check_encodable(text, name)


def _id_field(record: Mapping[str, Any], name: str) -> str | None:
    value = record.get(name)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if value is None or isinstance(value, str):
        return _check_encodable(value, name) if value else None
    raise RecordError(f"'{name}' must be a string or a number, got {_shown(value)}")


def _string_field(record: Mapping[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return _check_encodable(value, name) if value else None
    raise RecordError(f"'{name}' must be a string, got {_shown(value)}")


def _date_field(record: Mapping[str, Any], name: str) -> tuple[dt.date | None, str | None]:
    """The record's date, or ``None`` and a warning saying why it was not used."""
    value = record.get(name)
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        return None, (
            f"'{name}' is not a date like 2019-01-26 (or an ISO datetime): got {_shown(value)}; "
            "stored without a date"
        )
    return parsed, None


def parse_date(value: str) -> dt.date | None:
    """``YYYY-MM-DD``, or the date part of an ISO datetime; ``None`` for anything else."""
    text = value.strip()
    if not _DATE_PREFIX.match(text):
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _shown(value: object) -> str:
    """A JSON value as the user wrote it, cut short; containers only by their kind."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if not isinstance(value, str | int | float | bool):
        return type(value).__name__
    shown = json.dumps(value, ensure_ascii=False)
    if not shown.isascii() and _has_surrogate(shown):
        shown = json.dumps(value)
    return shown if len(shown) <= _SHOWN_CHARS else shown[: _SHOWN_CHARS - 3] + "..."


def _has_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_encodable(value: str, name: str) -> str:
    """``value``, unless it holds a lone surrogate (``"\\ud800"``), which is not valid text."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordError(
            f"'{name}' has an unpaired surrogate escape at character {exc.start}; "
            "fix the \\u escape in the JSON"
        ) from None
    return value
