"""What readers yield besides articles and errors: skipped items and finished files."""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.errors import IngestError
from eventwire.model import Article


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input item deliberately not processed (``kind``: e.g. ``warc-record``, ``language``)."""

    origin: str
    kind: str
    reason: str
    articles: int = 0  # for a file skipped as read before: how many articles it held


@dataclass(frozen=True, slots=True)
class FileDone:
    """Every item of this file has been yielded; once they are stored the file is not re-read."""

    path: str
    size: int
    mtime_ns: int
    articles: int = 0


Item = Article | IngestError | Skipped | FileDone
