"""What the server needs to start: one frozen value, built by the CLI or a test."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventwire.settings import Settings


@dataclass(frozen=True, kw_only=True)
class ServeSettings:
    """``token`` switches on ``POST /articles`` (and opens the database read-write)."""

    db_path: Path
    token: str | None = None
    pipeline: Settings = field(default_factory=Settings)
    max_articles_per_post: int = 100
    cache_entries: int = 512  # finished read responses kept (see web/cache.py); 0: none

    @property
    def writable(self) -> bool:
        return bool(self.token)
